// score_cvss: version detection from the prefix, and the qualitative severity scales.
#include "sbom/cvss.h"
#include "sbom/text.h"

#include <cmath>

#include "cvss/scorers.h"
#include "cvss/vector_grammar.h"

namespace sbom::cvss {
namespace {

using text::trim;

char lower(char c) { return c >= 'A' && c <= 'Z' ? static_cast<char>(c - 'A' + 'a') : c; }

bool equals_ignoring_case(std::string_view a, std::string_view b) {
  if (a.size() != b.size()) return false;
  for (std::size_t i = 0; i < a.size(); ++i) {
    if (lower(a[i]) != lower(b[i])) return false;
  }
  return true;
}

}  // namespace

Expected<CvssScore> score_cvss(std::string_view vector) {
  std::string_view v = trim(vector);
  if (v.empty()) return Error("cvss vector: empty vector");
  constexpr std::string_view kPrefix = "CVSS:";
  if (!v.starts_with(kPrefix)) {
    // NVD's v2 records sometimes wrap the vector in parentheses.
    if (v.front() == '(' && v.back() == ')') v = v.substr(1, v.size() - 2);
    return detail::score_v2(v);
  }
  std::size_t slash = v.find('/');
  std::string_view version = v.substr(kPrefix.size(), slash == std::string_view::npos
                                                          ? std::string_view::npos
                                                          : slash - kPrefix.size());
  std::string_view body = slash == std::string_view::npos ? std::string_view() : v.substr(slash + 1);
  if (version == "3.1") return detail::score_v3(CvssVersion::V3_1, body);
  if (version == "3.0") return detail::score_v3(CvssVersion::V3_0, body);
  if (version == "4.0") return detail::score_v4(body);
  if (version == "2.0") return detail::score_v2(body);
  return Error("cvss vector: unsupported version " + detail::quoted(version));
}

Severity severity_of(CvssVersion version, double score) {
  if (!(score >= 0.0 && score <= 10.0)) return Severity::Unknown;
  if (version == CvssVersion::V2) {
    if (score < 4.0) return Severity::Low;
    return score < 7.0 ? Severity::Medium : Severity::High;
  }
  if (score == 0.0) return Severity::None;
  if (score < 4.0) return Severity::Low;
  if (score < 7.0) return Severity::Medium;
  return score < 9.0 ? Severity::High : Severity::Critical;
}

std::string_view to_string(Severity severity) {
  switch (severity) {
    case Severity::Unknown: return "unknown";
    case Severity::None: return "none";
    case Severity::Low: return "low";
    case Severity::Medium: return "medium";
    case Severity::High: return "high";
    case Severity::Critical: return "critical";
  }
  return "unknown";
}

Severity parse_severity(std::string_view name) {
  for (Severity s : {Severity::None, Severity::Low, Severity::Medium, Severity::High,
                     Severity::Critical}) {
    if (equals_ignoring_case(name, to_string(s))) return s;
  }
  if (equals_ignoring_case(name, "moderate")) return Severity::Medium;
  return Severity::Unknown;
}

std::string_view to_string(CvssVersion version) {
  switch (version) {
    case CvssVersion::V2: return "2.0";
    case CvssVersion::V3_0: return "3.0";
    case CvssVersion::V3_1: return "3.1";
    case CvssVersion::V4_0: return "4.0";
  }
  return "";
}

}  // namespace sbom::cvss
