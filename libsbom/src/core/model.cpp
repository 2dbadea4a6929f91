// Small helpers of the data model.
#include "sbom/model.h"

namespace sbom {

namespace {
const Property* find_property(const std::vector<Property>& props, std::string_view name) {
  for (const auto& p : props)
    if (p.name == name) return &p;
  return nullptr;
}
}  // namespace

Family family_of(Syntax s) {
  switch (s) {
    case Syntax::CycloneDxJson:
    case Syntax::CycloneDxXml: return Family::CycloneDx;
    case Syntax::SpdxJson:
    case Syntax::SpdxTagValue: return Family::Spdx2;
    case Syntax::Spdx3JsonLd: return Family::Spdx3;
    case Syntax::None: break;
  }
  return Family::None;
}

const Property* Component::property(std::string_view n) const { return find_property(properties, n); }
const Property* Vulnerability::property(std::string_view n) const { return find_property(properties, n); }

}  // namespace sbom
