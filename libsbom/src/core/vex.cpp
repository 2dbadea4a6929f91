// The VEX vocabularies: OpenVEX labels <-> CycloneDX analysis values.
#include "sbom/vex.h"

namespace sbom::vex {

// OpenVEX justification labels <-> CycloneDX analysis justifications. The pairs are the closest
// meanings the two vocabularies share.
struct JustificationPair {
  std::string_view openvex, cyclonedx;
};
constexpr JustificationPair kJustifications[] = {
    {"component_not_present", "code_not_present"},
    {"vulnerable_code_not_present", "code_not_present"},
    {"vulnerable_code_not_in_execute_path", "code_not_reachable"},
    {"vulnerable_code_cannot_be_controlled_by_adversary", "protected_at_runtime"},
    {"inline_mitigations_already_exist", "protected_by_mitigating_control"},
};

std::string cdx_justification(std::string_view openvex) {
  for (const auto& p : kJustifications)
    if (p.openvex == openvex) return std::string(p.cyclonedx);
  return {};
}

std::string openvex_justification(std::string_view cdx) {
  if (cdx == "code_not_present") return "vulnerable_code_not_present";
  for (const auto& p : kJustifications)
    if (p.cyclonedx == cdx) return std::string(p.openvex);
  return {};
}

std::string cdx_state(std::string_view openvex_status) {
  if (openvex_status == "not_affected") return "not_affected";
  if (openvex_status == "affected") return "exploitable";
  if (openvex_status == "fixed") return "resolved";
  if (openvex_status == "under_investigation") return "in_triage";
  return {};
}

std::string openvex_status(std::string_view state) {
  if (state == "not_affected" || state == "false_positive") return "not_affected";
  if (state == "exploitable") return "affected";
  if (state == "resolved" || state == "resolved_with_pedigree") return "fixed";
  return "under_investigation";
}

}  // namespace sbom::vex
