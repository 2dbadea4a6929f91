// SPDX 3 vocabulary tables (hash algorithms, purposes, VEX classes, justifications, CVSS classes).
#include "spdx3/vocab.h"

#include <cctype>

#include "sbom/vex.h"

namespace sbom::spdx3 {

namespace {

struct Pair {
  std::string_view spdx3, model;
};

constexpr Pair kHashAlgs[] = {
    {"md5", "MD5"},           {"sha1", "SHA-1"},         {"sha256", "SHA-256"},
    {"sha384", "SHA-384"},    {"sha512", "SHA-512"},     {"sha3_256", "SHA3-256"},
    {"sha3_384", "SHA3-384"}, {"sha3_512", "SHA3-512"},  {"blake2b256", "BLAKE2b-256"},
    {"blake2b384", "BLAKE2b-384"}, {"blake2b512", "BLAKE2b-512"}, {"blake3", "BLAKE3"},
};

// software_SoftwarePurpose values that mean what a CycloneDX component type means.
constexpr Pair kPurposes[] = {
    {"application", "application"},  {"framework", "framework"}, {"library", "library"},
    {"container", "container"},      {"operatingSystem", "operating-system"},
    {"device", "device"},            {"firmware", "firmware"},   {"file", "file"},
    {"platform", "platform"},        {"deviceDriver", "device-driver"},
    {"model", "machine-learning-model"}, {"data", "data"},
};

// software_sbomType values whose CISA "SBOM type" is a CycloneDX lifecycle phase of the same
// meaning (CISA, Types of SBOM Documents, 2023; CycloneDX 1.5 meta:enum): deployed and runtime
// have none (CycloneDX's operations covers both and more), nor discovery or decommission.
constexpr Pair kSbomTypes[] = {
    {"design", "design"}, {"source", "pre-build"}, {"build", "build"}, {"analyzed", "post-build"},
};
constexpr std::string_view kNamedSbomTypes[] = {"deployed", "runtime"};

constexpr VexKind kVexKinds[] = {
    {"security_VexAffectedVulnAssessmentRelationship", "affects", "exploitable"},
    {"security_VexNotAffectedVulnAssessmentRelationship", "doesNotAffect", "not_affected"},
    {"security_VexFixedVulnAssessmentRelationship", "fixedIn", "resolved"},
    {"security_VexUnderInvestigationVulnAssessmentRelationship", "underInvestigationFor", "in_triage"},
};

std::string find_model(const auto& table, std::string_view spdx3) {
  for (const auto& p : table)
    if (p.spdx3 == spdx3) return std::string(p.model);
  return {};
}
std::string find_spdx3(const auto& table, std::string_view model) {
  for (const auto& p : table)
    if (p.model == model) return std::string(p.spdx3);
  return {};
}

// SPDX 3 spells OpenVEX's labels in camelCase: componentNotPresent <-> component_not_present.
std::string camel_to_snake(std::string_view s) {
  std::string out;
  for (char c : s) {
    if (std::isupper(static_cast<unsigned char>(c))) {
      out += '_';
      out += static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
    } else {
      out += c;
    }
  }
  return out;
}
std::string snake_to_camel(std::string_view s) {
  std::string out;
  bool up = false;
  for (char c : s) {
    if (c == '_') { up = true; continue; }
    out += up ? static_cast<char>(std::toupper(static_cast<unsigned char>(c))) : c;
    up = false;
  }
  return out;
}

}  // namespace

std::string hash_alg_from_spdx3(std::string_view alg) {
  std::string m = find_model(kHashAlgs, alg);
  return m.empty() ? std::string(alg) : m;
}
std::string hash_alg_to_spdx3(std::string_view alg) {
  std::string s = find_spdx3(kHashAlgs, alg);
  return s.empty() ? std::string(alg) : s;
}
std::string type_from_purpose(std::string_view purpose) { return find_model(kPurposes, purpose); }
std::string purpose_from_type(std::string_view type) { return find_spdx3(kPurposes, type); }

bool lifecycle_from_sbom_type(std::string_view type, Lifecycle& out) {
  out = Lifecycle{};
  out.phase = find_model(kSbomTypes, type);
  if (!out.phase.empty()) return true;
  for (std::string_view named : kNamedSbomTypes)
    if (type == named) {
      out.name = std::string(type);
      return true;
    }
  return false;
}
std::string sbom_type_of(const Lifecycle& l) {
  if (!l.phase.empty()) return find_spdx3(kSbomTypes, l.phase);
  for (std::string_view named : kNamedSbomTypes)
    if (l.name == named && l.description.empty()) return std::string(named);
  return {};
}

const VexKind* vex_kind_of_type(std::string_view type) {
  for (const auto& k : kVexKinds)
    if (k.type == type) return &k;
  return nullptr;
}
const VexKind& vex_kind_of_state(std::string_view state) {
  std::string status = vex::openvex_status(state);
  if (status == "not_affected") return kVexKinds[1];
  if (status == "affected") return kVexKinds[0];
  if (status == "fixed") return kVexKinds[2];
  return kVexKinds[3];
}

std::string justification_from_spdx3(std::string_view j) { return vex::cdx_justification(camel_to_snake(j)); }
std::string justification_to_spdx3(std::string_view cdx) {
  std::string o = vex::openvex_justification(cdx);
  return o.empty() ? std::string() : snake_to_camel(o);
}

std::string method_of_cvss_type(std::string_view type, std::string_view vector) {
  if (type == "security_CvssV2VulnAssessmentRelationship") return "CVSSv2";
  if (type == "security_CvssV3VulnAssessmentRelationship") return vector.starts_with("CVSS:3.0/") ? "CVSSv3" : "CVSSv31";
  if (type == "security_CvssV4VulnAssessmentRelationship") return "CVSSv4";
  return {};
}
std::string_view cvss_type_of_method(std::string_view method) {
  if (method == "CVSSv2") return "security_CvssV2VulnAssessmentRelationship";
  if (method == "CVSSv3" || method == "CVSSv31") return "security_CvssV3VulnAssessmentRelationship";
  if (method == "CVSSv4") return "security_CvssV4VulnAssessmentRelationship";
  return {};
}

}  // namespace sbom::spdx3
