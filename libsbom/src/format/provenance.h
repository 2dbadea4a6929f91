// Who made a document: what each format family says about it beyond the typed model (CycloneDX
// metadata.manufacturer, SPDX 2 "Organization:" creators), and SPDX 2's untyped relationships,
// read here, in the format layer, so checks never read syntax. (The generation context is typed:
// Metadata::lifecycles.)
#pragma once

#include <string>
#include <utility>
#include <vector>

#include "sbom/model.h"

namespace sbom::format {

struct Credit {
  std::string name;
  std::vector<std::string> contacts;  ///< e-mail addresses and URLs given with it
  std::string location;               ///< where it was in the input
};

struct Provenance {
  /// Organizations credited with making the document (CycloneDX 1.6 metadata.manufacturer, SPDX 2
  /// "Organization:" creators). The typed metadata.authors are persons and are not repeated here.
  std::vector<Credit> author_organizations;
  /// Relationships of inclusion or dependency between elements that the model does not type
  /// (SPDX 2: CONTAINS between packages beyond nesting, DYNAMIC_LINK, STATIC_LINK, the
  /// *_DEPENDENCY_OF kinds, ...): (from, to) by element id (= bom-ref).
  std::vector<std::pair<std::string, std::string>> relationships;
};

Provenance provenance(const Document& doc);

}  // namespace sbom::format
