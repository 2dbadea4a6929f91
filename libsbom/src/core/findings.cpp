// Findings of other kinds written as vulnerability entries (sbom/findings.h).
#include "sbom/findings.h"

#include <algorithm>

namespace sbom::findings {

bool known_kind(std::string_view kind) {
  return std::find(std::begin(kKinds), std::end(kKinds), kind) != std::end(kKinds);
}

std::string_view kind_of(const Vulnerability& v) {
  const Property* p = v.property(kPropKind);
  return p && !p->value.empty() ? std::string_view(p->value) : kVulnerability;
}

Vulnerability make_vulnerability(const Rule& rule, const Hit& hit) {
  Vulnerability v;
  // Unique within the document, as CycloneDX requires of bom-refs: a rule fires once per
  // component here; a caller whose rule fires several times on one component refines it.
  v.bom_ref = hit.component_ref.empty() ? rule.id : rule.id + ":" + hit.component_ref;
  v.id = rule.id;
  v.source_name = "sbomkit";
  for (const auto& a : hit.aliases) {
    VulnReference r;
    r.id = a;
    r.source_name = "sbomkit";
    v.references.push_back(std::move(r));
  }
  Rating r;
  r.source_name = "sbomkit";
  r.severity = rule.severity;
  r.method = "other";
  v.ratings.push_back(std::move(r));
  if (rule.cwe > 0) v.cwes.push_back(json::Number::from(static_cast<std::int64_t>(rule.cwe)));
  v.description = rule.title;
  v.detail = hit.detail;
  v.recommendation = rule.recommendation;
  if (!hit.component_ref.empty()) {
    Affect a;
    a.ref = hit.component_ref;
    v.affects.push_back(std::move(a));
  }
  v.properties.push_back({std::string(kPropKind), rule.kind, {}});
  v.properties.push_back({std::string(kPropRule), rule.id, {}});
  for (const auto& p : hit.properties) v.properties.push_back(p);
  return v;
}

}  // namespace sbom::findings
