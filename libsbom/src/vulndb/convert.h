// What the feed converters (secdb, NVD) share: a converted record or the error of one entry.
#pragma once

#include <string>
#include <string_view>

#include "sbom/error.h"
#include "sbom/json.h"

namespace sbom::vulndb::detail {

/// One OSV record made from a feed's entries, or an entry that could not be read.
struct ConvertedRecord {
  json::Value record;  ///< an OSV record (null when `error` is set)
  Error error;
};

/// An error at value `v` of file `name`, with its JSON Pointer and position.
inline Error error_at(std::string_view name, const json::Value& v, std::string pointer, std::string message) {
  Error e(std::move(message));
  e.file = std::string(name);
  e.pointer = std::move(pointer);
  e.line = v.position.line;
  e.column = v.position.column;
  return e;
}

}  // namespace sbom::vulndb::detail
