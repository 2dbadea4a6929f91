// SPDX 3.0.1 JSON-LD (Core, Software, SimpleLicensing and Security profiles) around sbom::Document.
//
// The reader moves what the model has a field for into typed fields (software_Package ->
// Component, security_Vulnerability + VEX and CVSS assessment relationships -> Vulnerability,
// dependsOn -> Dependency, the document's CreationInfo -> Metadata) and keeps every other element
// and member in JSON-LD shape: unmodelled elements in `Document::extra["@graph"]`, unmodelled
// members in the owning object's `extra`. The writer rebuilds the graph from the typed fields and
// writes those extras back when the document was read as SPDX 3, so SPDX 3 -> SPDX 3 is
// JSON-equal up to the order of `@graph` (docs/formats.md says which order, and what each
// direction loses).
#pragma once

#include <string_view>

#include "sbom/error.h"
#include "sbom/format.h"
#include "sbom/json.h"
#include "sbom/model.h"

namespace sbom::spdx3 {

inline constexpr std::string_view kContext = "https://spdx.org/rdf/3.0.1/spdx-context.jsonld";
inline constexpr std::string_view kSpecVersion = "3.0.1";

/// Parses SPDX 3.0.1 JSON-LD text.
Expected<Document> read_spdx3(std::string_view text, std::string_view name);

/// Writes `doc` as SPDX 3.0.1 JSON-LD (`spec_version` "" or "3.0.1"), reporting through `loss`
/// every member SPDX 3 cannot carry. Element ids are deterministic (the bom-ref when it already is
/// an SPDX 3 id, else made from the bom-ref or the content); every relationship target exists.
Status write_spdx3(const Document& doc, std::string_view spec_version, const json::Sink& sink,
                   const format::LossFn& loss);

}  // namespace sbom::spdx3
