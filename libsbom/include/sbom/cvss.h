// CVSS v2.0, v3.0, v3.1 and v4.0 vectors: validation, scores and qualitative severity.
#pragma once

#include <optional>
#include <string>
#include <string_view>

#include "sbom/error.h"

namespace sbom::cvss {

enum class CvssVersion { V2, V3_0, V3_1, V4_0 };

/// Qualitative severity, shared with every caller that ranks findings (the gate reads vendor
/// ratings into it too). `Unknown` is for a rating with no usable score or label; score_cvss
/// never returns it. The enumerators are in increasing order of severity after `Unknown`, so
/// callers can compare two known severities with `<`, but must decide themselves how an
/// `Unknown` ranks.
enum class Severity { Unknown, None, Low, Medium, High, Critical };

/// The result of scoring one vector.
///
/// `temporal` and `environmental` are set only when the vector defines at least one metric of
/// that group (a metric written with the value X/ND counts as not defined). For v4.0, whose
/// specification has no temporal/environmental scores but the nomenclature CVSS-B/BT/BE/BTE:
/// `base` is CVSS-B (threat and environmental metrics ignored), `temporal` is CVSS-BT (base and
/// threat metrics, environmental ignored) and `environmental` is the score of every metric of
/// the vector (CVSS-BE or CVSS-BTE).
struct CvssScore {
  CvssVersion version = CvssVersion::V3_1;
  double base = 0.0;
  std::optional<double> temporal;
  std::optional<double> environmental;
  Severity severity = Severity::None;  ///< of `base`
  /// The vector in the specification's metric order, metrics that are not defined left out,
  /// v2 without parentheses; equal vectors give equal strings.
  std::string normalized_vector;

  /// The most specific score the vector supports: environmental, else temporal, else base.
  double overall() const { return environmental ? *environmental : temporal ? *temporal : base; }
};

/// Validates and scores a vector. The version comes from the prefix (`CVSS:3.0/`, `CVSS:3.1/`,
/// `CVSS:4.0/`); a vector without prefix is v2, also accepted in parentheses as NVD sometimes
/// writes it, or with a `CVSS:2.0/` prefix. Surrounding whitespace is ignored. The error names
/// the metric at fault, e.g. `cvss 3.1 vector: unknown value 'X' for metric AV`.
/// Pure and thread-safe.
Expected<CvssScore> score_cvss(std::string_view vector);

/// The qualitative rating of a score: for v3.x and v4.0 the FIRST scale (None 0.0, Low 0.1-3.9,
/// Medium 4.0-6.9, High 7.0-8.9, Critical 9.0-10.0); for v2 the NVD scale (Low 0.0-3.9, Medium
/// 4.0-6.9, High 7.0-10.0). A score outside 0..10 (or NaN) gives Unknown.
Severity severity_of(CvssVersion version, double score);

/// "unknown", "none", "low", "medium", "high", "critical".
std::string_view to_string(Severity severity);

/// Reads a severity name as written by advisories, ignoring case: the names above, plus
/// "moderate" (GitHub's word for medium). Anything else gives Unknown.
Severity parse_severity(std::string_view name);

/// "2.0", "3.0", "3.1", "4.0".
std::string_view to_string(CvssVersion version);

}  // namespace sbom::cvss
