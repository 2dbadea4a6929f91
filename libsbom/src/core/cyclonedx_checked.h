// CycloneDX JSON made by a converter (the XML reader) that guarantees what the validating pass of
// read_json() would check: well-formed JSON, valid UTF-8, no key twice in an object, nesting
// bounded. Read without that pass, which would otherwise cost a fifth of reading the document again.
#pragma once

#include <string_view>

#include "sbom/error.h"
#include "sbom/model.h"

namespace sbom::cyclonedx::detail {

Expected<Document> read_json_checked(std::string_view text, std::string_view name);

}  // namespace sbom::cyclonedx::detail
