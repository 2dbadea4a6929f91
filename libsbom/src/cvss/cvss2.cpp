// CVSS v2.0 (FIRST, "A Complete Guide to the CVSS Version 2.0"): grammar and equations.
#include <algorithm>

#include "cvss/scorers.h"
#include "cvss/vector_grammar.h"

namespace sbom::cvss::detail {
namespace {

// Value lists; each weight table below is indexed like the list of its metric.
constexpr std::string_view kAv[] = {"L", "A", "N"};
constexpr std::string_view kAc[] = {"H", "M", "L"};
constexpr std::string_view kAu[] = {"M", "S", "N"};
constexpr std::string_view kImpact[] = {"N", "P", "C"};
constexpr std::string_view kE[] = {"ND", "U", "POC", "F", "H"};
constexpr std::string_view kRl[] = {"ND", "OF", "TF", "W", "U"};
constexpr std::string_view kRc[] = {"ND", "UC", "UR", "C"};
constexpr std::string_view kCdp[] = {"ND", "N", "L", "LM", "MH", "H"};
constexpr std::string_view kTd[] = {"ND", "N", "L", "M", "H"};
constexpr std::string_view kReq[] = {"ND", "L", "M", "H"};

constexpr double kAvW[] = {0.395, 0.646, 1.0};
constexpr double kAcW[] = {0.35, 0.61, 0.71};
constexpr double kAuW[] = {0.45, 0.56, 0.704};
constexpr double kImpactW[] = {0.0, 0.275, 0.660};
constexpr double kEW[] = {1.0, 0.85, 0.9, 0.95, 1.0};
constexpr double kRlW[] = {1.0, 0.87, 0.90, 0.95, 1.0};
constexpr double kRcW[] = {1.0, 0.90, 0.95, 1.0};
constexpr double kCdpW[] = {0.0, 0.0, 0.1, 0.3, 0.4, 0.5};
constexpr double kTdW[] = {1.0, 0.0, 0.25, 0.75, 1.0};
constexpr double kReqW[] = {1.0, 0.5, 1.0, 1.51};

enum : std::size_t { AV, AC, AU, C, I, A, E, RL, RC, CDP, TD, CR, IR, AR, kCount };

// The guide lists the metrics "in a predetermined order" (section 2.4): AV first, AR last.
constexpr MetricSpec kMetrics[kCount] = {
    {"AV", kAv, true},    {"AC", kAc, true},   {"Au", kAu, true},     {"C", kImpact, true},
    {"I", kImpact, true}, {"A", kImpact, true}, {"E", kE, false},     {"RL", kRl, false},
    {"RC", kRc, false},   {"CDP", kCdp, false}, {"TD", kTd, false},   {"CR", kReq, false},
    {"IR", kReq, false},  {"AR", kReq, false},
};
constexpr VectorGrammar kGrammar{"cvss 2.0 vector", kMetrics, Ordering::AsListed};

double base_equation(double impact, double exploitability) {
  double f = impact == 0.0 ? 0.0 : 1.176;
  return round_to_tenth(((0.6 * impact) + (0.4 * exploitability) - 1.5) * f);
}

// The equations go below zero for some small adjusted impacts (and give -0.0 for a nil one);
// like the reference implementations, only the published scores are clamped.
double published(double score) { return score > 0.0 ? score : 0.0; }

}  // namespace

Expected<CvssScore> score_v2(std::string_view body) {
  auto parsed = parse_metrics(body, kGrammar);
  if (!parsed) return std::move(parsed).error();
  const MetricValues& m = *parsed;

  double c = kImpactW[m[C]], i = kImpactW[m[I]], a = kImpactW[m[A]];
  double exploitability = 20 * kAvW[m[AV]] * kAcW[m[AC]] * kAuW[m[AU]];
  double impact = 10.41 * (1 - (1 - c) * (1 - i) * (1 - a));
  auto temporal_of = [&](double score) {
    return round_to_tenth(score * kEW[m[E]] * kRlW[m[RL]] * kRcW[m[RC]]);
  };

  CvssScore out;
  out.version = CvssVersion::V2;
  out.base = published(base_equation(impact, exploitability));
  if (any_defined(m, E, CDP)) out.temporal = published(temporal_of(out.base));
  if (any_defined(m, CDP, kCount)) {
    double adjusted_impact = std::min(
        10.0, 10.41 * (1 - (1 - c * kReqW[m[CR]]) * (1 - i * kReqW[m[IR]]) *
                               (1 - a * kReqW[m[AR]])));
    double adjusted_base = base_equation(adjusted_impact, exploitability);
    double adjusted_temporal = temporal_of(adjusted_base);
    out.environmental = published(round_to_tenth(
        (adjusted_temporal + (10 - adjusted_temporal) * kCdpW[m[CDP]]) * kTdW[m[TD]]));
  }
  out.severity = severity_of(out.version, out.base);
  out.normalized_vector = format_metrics("", m, kGrammar);
  return out;
}

}  // namespace sbom::cvss::detail
