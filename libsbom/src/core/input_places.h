// Where the model's fields were in a document's input, for loss reports, where the readers'
// source locations alone do not say it.
#pragma once

#include <string_view>

#include "sbom/model.h"

namespace sbom {

/// The member of the input that held `t.vendor`, "/group" or "/vendor": a CycloneDX 1.5+ tool
/// component's is its group; a legacy tool object's, and the model's own place, its vendor.
inline std::string_view tool_vendor_member(const Document& doc, const Tool& t) {
  const bool cyclonedx = doc.syntax == Syntax::CycloneDxJson || doc.syntax == Syntax::CycloneDxXml;
  return cyclonedx && !doc.metadata.tools_array_form && !t.source_location.empty() ? "/group" : "/vendor";
}

}  // namespace sbom
