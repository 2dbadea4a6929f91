// The index provenance a document records (sbom/provenance.h).
#include "sbom/provenance.h"

#include <algorithm>

namespace sbom {

void record_index(Document& doc, const IndexProvenance& p) {
  std::vector<Property>& props = doc.metadata.properties;
  props.erase(std::remove_if(props.begin(), props.end(),
                             [](const Property& x) { return x.name.starts_with("sbomkit:index:"); }),
              props.end());
  auto add = [&](std::string_view name, const std::string& value) {
    Property prop;
    prop.name = std::string(name);
    prop.value = value;
    props.push_back(std::move(prop));
  };
  if (!p.digest.empty()) add(kPropIndexDigest, p.digest);
  if (!p.built.empty()) add(kPropIndexBuilt, p.built);
  for (const std::string& s : p.sources) add(kPropIndexSource, s);
  if (p.signature_verified) add(kPropIndexSigned, "verified");
  doc.metadata.present = true;
}

std::optional<IndexProvenance> index_provenance(const Document& doc) {
  IndexProvenance p;
  bool any = false;
  for (const Property& prop : doc.metadata.properties) {
    if (prop.name == kPropIndexDigest) p.digest = prop.value, any = true;
    else if (prop.name == kPropIndexBuilt) p.built = prop.value;
    else if (prop.name == kPropIndexSource) p.sources.push_back(prop.value), any = true;
    else if (prop.name == kPropIndexSigned) p.signature_verified = prop.value == "verified";
  }
  if (!any) return std::nullopt;
  return p;
}

std::string describe(const IndexProvenance& p) {
  std::string out = p.digest.empty() ? std::string("built in memory") : p.digest;
  if (!p.built.empty()) out += " built " + p.built;
  out += " (" + std::to_string(p.sources.size()) + (p.sources.size() == 1 ? " source" : " sources");
  if (p.signature_verified) out += ", signature verified";
  out += ")";
  return out;
}

}  // namespace sbom
