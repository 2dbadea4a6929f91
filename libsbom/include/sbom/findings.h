// Findings beyond known vulnerabilities (secrets, runtime hygiene, end of life): how they are
// written as vulnerabilities of the document, so every downstream filter handles them unchanged.
#pragma once

#include <string>
#include <string_view>
#include <vector>

#include "sbom/model.h"

namespace sbom::findings {

/// The kinds of finding. A vulnerability without the kind property is a `vulnerability`.
inline constexpr std::string_view kVulnerability = "vulnerability";
inline constexpr std::string_view kSecret = "secret";
inline constexpr std::string_view kHygiene = "hygiene";
inline constexpr std::string_view kEol = "eol";
/// Every kind, in the order summaries list them.
inline constexpr std::string_view kKinds[] = {kVulnerability, kSecret, kHygiene, kEol};
bool known_kind(std::string_view kind);

// ---- properties (docs/properties.md, docs/findings.md) -------------------------------------
inline constexpr std::string_view kPropKind = "sbomkit:finding:kind";
inline constexpr std::string_view kPropRule = "sbomkit:finding:rule";
inline constexpr std::string_view kPropFingerprint = "sbomkit:secret:fingerprint";
inline constexpr std::string_view kPropLine = "sbomkit:secret:line";
inline constexpr std::string_view kPropWhere = "sbomkit:finding:where";  ///< file, env, history, config, package
/// On a component: whether the base image (`base`) or the image's own layers (`image`) brought
/// it (sbom-gen; docs/findings.md). A finding's origin is its affected component's.
inline constexpr std::string_view kPropOrigin = "sbomkit:layer:origin";

/// The kind of a vulnerability entry (its `sbomkit:finding:kind`, else "vulnerability").
std::string_view kind_of(const Vulnerability& v);

/// One rule of the documented rule table (docs/findings.md): its stable id, kind, severity
/// (critical, high, medium, low, info), CWE (0: none fits) and the words a finding is shown by.
struct Rule {
  std::string id;  ///< SBOMKIT-SECRET-AWS-ACCESS-KEY, SBOMKIT-HYGIENE-ROOT-USER, ...
  std::string kind;
  std::string severity;
  int cwe = 0;
  std::string title;
  std::string recommendation;
};

/// What one finding says beyond its rule.
struct Hit {
  std::string component_ref;  ///< the affected component ("" for the image as a whole)
  std::string detail;         ///< where and why, never the secret itself
  std::vector<Property> properties;  ///< extra properties (fingerprint, line, ...), after kind and rule
  std::vector<std::string> aliases;  ///< extra ids it can be named by in exceptions (fingerprint id)
};

/// The vulnerability entry for a hit of `rule`: id = rule id, source "sbomkit", one rating,
/// the CWE, description, recommendation, kind and rule properties, the hit's affects.
Vulnerability make_vulnerability(const Rule& rule, const Hit& hit);

}  // namespace sbom::findings
