// SPDX 2.2/2.3 JSON and tag-value readers and writers around the one model (the format layer's
// entry points for this family; see docs/formats.md for the mapping, field by field).
#pragma once

#include <string_view>

#include "sbom/error.h"
#include "sbom/format.h"
#include "sbom/json.h"
#include "sbom/model.h"

namespace sbom::spdx {

/// Spec versions this module reads and writes; the first is the default for writing.
inline constexpr std::string_view kSpecVersions[] = {"2.3", "2.2"};

Expected<Document> read_spdx_json(std::string_view text, std::string_view name);
/// The same for text json::detail::validate (duplicate keys refused) has already accepted.
Expected<Document> read_spdx_json_validated(std::string_view text, std::string_view name);
Expected<Document> read_spdx_tag_value(std::string_view text, std::string_view name);
/// `spec_version` "" writes 2.3. Vulnerabilities and every other member SPDX 2 cannot carry go to `loss`.
Status write_spdx_json(const Document& doc, std::string_view spec_version, const json::Sink& sink,
                       const format::LossFn& loss);
Status write_spdx_tag_value(const Document& doc, std::string_view spec_version, const json::Sink& sink,
                            const format::LossFn& loss);

}  // namespace sbom::spdx
