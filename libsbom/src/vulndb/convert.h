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

/// The string member `key` of object `v`, or nullptr (not an object, no such member, not a string).
inline const std::string* string_member(const json::Value& v, std::string_view key) {
  const json::Value* m = v.is_object() ? v.find(key) : nullptr;
  return m != nullptr && m->is_string() ? &m->as_string() : nullptr;
}

/// An error at value `v` of file `name`, with its JSON Pointer and position.
using json::error_at;  // one wording of "error at a JSON value" (sbom/json.h)

}  // namespace sbom::vulndb::detail
