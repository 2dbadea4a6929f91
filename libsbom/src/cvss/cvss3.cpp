// CVSS v3.0 and v3.1 (FIRST specification documents, sections 7 and Appendix A): grammar and
// equations. The two versions share the metrics and differ in Roundup and modified impact.
#include <algorithm>
#include <cmath>

#include "cvss/scorers.h"
#include "cvss/vector_grammar.h"

namespace sbom::cvss::detail {
namespace {

// Value lists; each weight table below is indexed like the list of its metric. Modified base
// metrics list "X" first and then the values of their base metric, in the same order.
constexpr std::string_view kAv[] = {"N", "A", "L", "P"};
constexpr std::string_view kAc[] = {"L", "H"};
constexpr std::string_view kPr[] = {"N", "L", "H"};
constexpr std::string_view kUi[] = {"N", "R"};
constexpr std::string_view kS[] = {"U", "C"};
constexpr std::string_view kCia[] = {"H", "L", "N"};
constexpr std::string_view kE[] = {"X", "H", "F", "P", "U"};
constexpr std::string_view kRl[] = {"X", "U", "W", "T", "O"};
constexpr std::string_view kRc[] = {"X", "C", "R", "U"};
constexpr std::string_view kReq[] = {"X", "H", "M", "L"};
constexpr std::string_view kMav[] = {"X", "N", "A", "L", "P"};
constexpr std::string_view kMac[] = {"X", "L", "H"};
constexpr std::string_view kMpr[] = {"X", "N", "L", "H"};
constexpr std::string_view kMui[] = {"X", "N", "R"};
constexpr std::string_view kMs[] = {"X", "U", "C"};
constexpr std::string_view kMcia[] = {"X", "H", "L", "N"};

constexpr double kAvW[] = {0.85, 0.62, 0.55, 0.2};
constexpr double kAcW[] = {0.77, 0.44};
constexpr double kPrUnchangedW[] = {0.85, 0.62, 0.27};
constexpr double kPrChangedW[] = {0.85, 0.68, 0.5};
constexpr double kUiW[] = {0.85, 0.62};
constexpr double kCiaW[] = {0.56, 0.22, 0.0};
constexpr double kEW[] = {1.0, 1.0, 0.97, 0.94, 0.91};
constexpr double kRlW[] = {1.0, 1.0, 0.97, 0.96, 0.95};
constexpr double kRcW[] = {1.0, 1.0, 0.96, 0.92};
constexpr double kReqW[] = {1.0, 1.5, 1.0, 0.5};

enum : std::size_t {
  AV, AC, PR, UI, S, C, I, A,                      // base
  E, RL, RC,                                       // temporal
  CR, IR, AR, MAV, MAC, MPR, MUI, MS, MC, MI, MA,  // environmental
  kCount
};

// Table 15 order, used for the normalised vector; readers must accept any order.
constexpr MetricSpec kMetrics[kCount] = {
    {"AV", kAv, true},     {"AC", kAc, true},     {"PR", kPr, true},     {"UI", kUi, true},
    {"S", kS, true},       {"C", kCia, true},     {"I", kCia, true},     {"A", kCia, true},
    {"E", kE, false},      {"RL", kRl, false},    {"RC", kRc, false},    {"CR", kReq, false},
    {"IR", kReq, false},   {"AR", kReq, false},   {"MAV", kMav, false},  {"MAC", kMac, false},
    {"MPR", kMpr, false},  {"MUI", kMui, false},  {"MS", kMs, false},    {"MC", kMcia, false},
    {"MI", kMcia, false},  {"MA", kMcia, false},
};
constexpr VectorGrammar kGrammar30{"cvss 3.0 vector", kMetrics, Ordering::Any};
constexpr VectorGrammar kGrammar31{"cvss 3.1 vector", kMetrics, Ordering::Any};

// 3.1 Appendix A: Roundup on an integer so that e.g. 4.000000000000001 stays 4.0.
double roundup_31(double x) {
  long long scaled = std::llround(x * 100000);
  if (scaled % 10000 == 0) return static_cast<double>(scaled) / 100000.0;
  return (std::floor(static_cast<double>(scaled) / 10000.0) + 1) / 10.0;
}

// 3.0 section 7.5: the smallest number with one decimal that is not below x.
double roundup_30(double x) { return std::ceil(x * 10) / 10; }

// The metric of the environmental equations: the modified value when defined, else the base
// value. Modified value lists are the base list shifted by one ("X" first).
std::size_t effective(const MetricValues& m, std::size_t base, std::size_t modified) {
  return m[modified] != 0 ? m[modified] - 1u : m[base];
}

}  // namespace

Expected<CvssScore> score_v3(CvssVersion version, std::string_view body) {
  const bool v31 = version == CvssVersion::V3_1;
  const VectorGrammar& grammar = v31 ? kGrammar31 : kGrammar30;
  auto parsed = parse_metrics(body, grammar);
  if (!parsed) return std::move(parsed).error();
  const MetricValues& m = *parsed;
  auto roundup = v31 ? roundup_31 : roundup_30;

  // Impact + exploitability, capped, for the given scope; the shared core of the base and
  // environmental equations.
  auto combine = [&](bool changed, double impact, double exploitability) {
    if (impact <= 0) return 0.0;
    return changed ? roundup(std::min(1.08 * (impact + exploitability), 10.0))
                   : roundup(std::min(impact + exploitability, 10.0));
  };
  auto temporal_of = [&](double score) {
    return roundup(score * kEW[m[E]] * kRlW[m[RL]] * kRcW[m[RC]]);
  };

  bool changed = m[S] == 1;
  double iss = 1 - ((1 - kCiaW[m[C]]) * (1 - kCiaW[m[I]]) * (1 - kCiaW[m[A]]));
  double impact = changed ? 7.52 * (iss - 0.029) - 3.25 * std::pow(iss - 0.02, 15) : 6.42 * iss;
  const double* pr = changed ? kPrChangedW : kPrUnchangedW;
  double exploitability = 8.22 * kAvW[m[AV]] * kAcW[m[AC]] * pr[m[PR]] * kUiW[m[UI]];

  CvssScore out;
  out.version = version;
  out.base = combine(changed, impact, exploitability);
  if (any_defined(m, E, CR)) out.temporal = temporal_of(out.base);
  if (any_defined(m, CR, kCount)) {
    bool m_changed = effective(m, S, MS) == 1;
    double miss = std::min(1 - ((1 - kCiaW[effective(m, C, MC)] * kReqW[m[CR]]) *
                                (1 - kCiaW[effective(m, I, MI)] * kReqW[m[IR]]) *
                                (1 - kCiaW[effective(m, A, MA)] * kReqW[m[AR]])),
                           0.915);
    double m_impact = 6.42 * miss;
    if (m_changed) {
      m_impact = v31 ? 7.52 * (miss - 0.029) - 3.25 * std::pow(miss * 0.9731 - 0.02, 13)
                     : 7.52 * (miss - 0.029) - 3.25 * std::pow(miss - 0.02, 15);
    }
    const double* mpr = m_changed ? kPrChangedW : kPrUnchangedW;
    double m_exploitability = 8.22 * kAvW[effective(m, AV, MAV)] * kAcW[effective(m, AC, MAC)] *
                              mpr[effective(m, PR, MPR)] * kUiW[effective(m, UI, MUI)];
    double m_base = combine(m_changed, m_impact, m_exploitability);
    out.environmental = m_impact <= 0 ? 0.0 : temporal_of(m_base);
  }
  out.severity = severity_of(version, out.base);
  out.normalized_vector = format_metrics(v31 ? "CVSS:3.1/" : "CVSS:3.0/", m, grammar);
  return out;
}

}  // namespace sbom::cvss::detail
