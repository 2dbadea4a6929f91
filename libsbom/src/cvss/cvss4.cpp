// CVSS v4.0 (FIRST specification document, sections 7 and 8): grammar, and scoring by
// macrovector (equivalence classes EQ1-EQ6), its reference score and the interpolation towards
// the next lower macrovectors.
#include <algorithm>
#include <array>
#include <cmath>

#include "cvss/scorers.h"
#include "cvss/vector_grammar.h"

namespace sbom::cvss::detail {
namespace {

// Value lists. Base lists go from the most to the least severe value, so a value's index is its
// severity level; modified lists put "X" first and then the base list.
constexpr std::string_view kAv[] = {"N", "A", "L", "P"};
constexpr std::string_view kAc[] = {"L", "H"};
constexpr std::string_view kAt[] = {"N", "P"};
constexpr std::string_view kPr[] = {"N", "L", "H"};
constexpr std::string_view kUi[] = {"N", "P", "A"};
constexpr std::string_view kCia[] = {"H", "L", "N"};
constexpr std::string_view kE[] = {"X", "A", "P", "U"};
constexpr std::string_view kReq[] = {"X", "H", "M", "L"};
constexpr std::string_view kMav[] = {"X", "N", "A", "L", "P"};
constexpr std::string_view kMac[] = {"X", "L", "H"};
constexpr std::string_view kMat[] = {"X", "N", "P"};
constexpr std::string_view kMpr[] = {"X", "N", "L", "H"};
constexpr std::string_view kMui[] = {"X", "N", "P", "A"};
constexpr std::string_view kMcia[] = {"X", "H", "L", "N"};
// Only the modified subsequent-system integrity and availability may be Safety.
constexpr std::string_view kMsia[] = {"X", "S", "H", "L", "N"};
constexpr std::string_view kSafety[] = {"X", "N", "P"};
constexpr std::string_view kAutomatable[] = {"X", "N", "Y"};
constexpr std::string_view kRecovery[] = {"X", "A", "U", "I"};
constexpr std::string_view kDensity[] = {"X", "D", "C"};
constexpr std::string_view kEffort[] = {"X", "L", "M", "H"};
constexpr std::string_view kUrgency[] = {"X", "Clear", "Green", "Amber", "Red"};

enum : std::size_t {
  AV, AC, AT, PR, UI, VC, VI, VA, SC, SI, SA,                         // base
  E,                                                                  // threat
  CR, IR, AR, MAV, MAC, MAT, MPR, MUI, MVC, MVI, MVA, MSC, MSI, MSA,  // environmental
  SUP_S, SUP_AU, SUP_R, SUP_V, SUP_RE, SUP_U,                         // supplemental
  kCount
};

// Table 23: "every other ordering is invalid".
constexpr MetricSpec kMetrics[kCount] = {
    {"AV", kAv, true},         {"AC", kAc, true},       {"AT", kAt, true},
    {"PR", kPr, true},         {"UI", kUi, true},       {"VC", kCia, true},
    {"VI", kCia, true},        {"VA", kCia, true},      {"SC", kCia, true},
    {"SI", kCia, true},        {"SA", kCia, true},      {"E", kE, false},
    {"CR", kReq, false},       {"IR", kReq, false},     {"AR", kReq, false},
    {"MAV", kMav, false},      {"MAC", kMac, false},    {"MAT", kMat, false},
    {"MPR", kMpr, false},      {"MUI", kMui, false},    {"MVC", kMcia, false},
    {"MVI", kMcia, false},     {"MVA", kMcia, false},   {"MSC", kMcia, false},
    {"MSI", kMsia, false},     {"MSA", kMsia, false},   {"S", kSafety, false},
    {"AU", kAutomatable, false}, {"R", kRecovery, false}, {"V", kDensity, false},
    {"RE", kEffort, false},    {"U", kUrgency, false},
};
static_assert(kCount <= kMaxMetrics);
constexpr VectorGrammar kGrammar{"cvss 4.0 vector", kMetrics, Ordering::AsListed};

// Severity levels (0 = most severe) of the metrics that enter the score, after applying the
// modified metrics and the defaults of X (E:X counts as E:A, CR/IR/AR:X as H).
// SI and SA count Safety as level 0, so their H is 1; SC has no Safety and keeps H at 0.
enum Level : std::size_t { L_AV, L_PR, L_UI, L_AC, L_AT, L_VC, L_VI, L_VA, L_CR, L_IR, L_AR,
                           L_SC, L_SI, L_SA, L_E, kLevels };
using Levels = std::array<int, kLevels>;

// Scores of the macrovectors, indexed [EQ1][EQ2][EQ3][EQ4][EQ5][EQ6] (FIRST reference
// calculator data). kNo marks the combinations that cannot occur (EQ3 2 forces EQ6 1).
constexpr double kNo = -1.0;
constexpr double kMacroScores[3][2][3][3][3][2] = {
    {
        {
            {{{10.0, 9.9}, {9.8, 9.5}, {9.5, 9.2}}, {{10.0, 9.6}, {9.3, 8.7}, {9.1, 8.1}}, {{9.3, 9.0}, {8.9, 8.0}, {8.1, 6.8}}},  // 000
            {{{9.8, 9.5}, {9.5, 9.2}, {9.0, 8.4}}, {{9.3, 9.2}, {8.9, 8.1}, {8.1, 6.5}}, {{8.8, 8.0}, {7.8, 7.0}, {6.9, 4.8}}},  // 001
            {{{kNo, 9.2}, {kNo, 8.2}, {kNo, 7.2}}, {{kNo, 7.9}, {kNo, 6.9}, {kNo, 5.0}}, {{kNo, 6.9}, {kNo, 5.5}, {kNo, 2.7}}},  // 002
        },
        {
            {{{9.9, 9.7}, {9.5, 9.2}, {9.2, 8.5}}, {{9.5, 9.1}, {9.0, 8.3}, {8.4, 7.1}}, {{9.2, 8.1}, {8.2, 7.1}, {7.2, 5.3}}},  // 010
            {{{9.5, 9.3}, {9.2, 8.5}, {8.5, 7.3}}, {{9.2, 8.2}, {8.0, 7.2}, {7.0, 5.9}}, {{8.4, 7.0}, {7.1, 5.2}, {5.0, 3.0}}},  // 011
            {{{kNo, 8.6}, {kNo, 7.5}, {kNo, 5.2}}, {{kNo, 7.1}, {kNo, 5.2}, {kNo, 2.9}}, {{kNo, 6.3}, {kNo, 2.9}, {kNo, 1.7}}},  // 012
        },
    },
    {
        {
            {{{9.8, 9.5}, {9.4, 8.7}, {9.1, 8.1}}, {{9.4, 8.9}, {8.6, 7.4}, {7.7, 6.4}}, {{8.7, 7.5}, {7.4, 6.3}, {6.3, 4.9}}},  // 100
            {{{9.4, 8.9}, {8.8, 7.7}, {7.6, 6.7}}, {{8.6, 7.6}, {7.4, 5.8}, {5.9, 5.0}}, {{7.2, 5.7}, {5.7, 5.2}, {5.2, 2.5}}},  // 101
            {{{kNo, 8.3}, {kNo, 7.0}, {kNo, 5.4}}, {{kNo, 6.5}, {kNo, 5.8}, {kNo, 2.6}}, {{kNo, 5.3}, {kNo, 2.1}, {kNo, 1.3}}},  // 102
        },
        {
            {{{9.5, 9.0}, {8.8, 7.6}, {7.6, 7.0}}, {{9.0, 7.7}, {7.5, 6.2}, {6.1, 5.3}}, {{7.7, 6.6}, {6.8, 5.9}, {5.2, 3.0}}},  // 110
            {{{8.9, 7.8}, {7.6, 6.7}, {6.2, 5.8}}, {{7.4, 5.9}, {5.7, 5.7}, {4.7, 2.3}}, {{6.1, 5.2}, {5.7, 2.9}, {2.4, 1.6}}},  // 111
            {{{kNo, 7.1}, {kNo, 5.9}, {kNo, 3.0}}, {{kNo, 5.8}, {kNo, 2.6}, {kNo, 1.5}}, {{kNo, 2.3}, {kNo, 1.3}, {kNo, 0.6}}},  // 112
        },
    },
    {
        {
            {{{9.3, 8.7}, {8.6, 7.2}, {7.5, 5.8}}, {{8.6, 7.4}, {7.4, 6.1}, {5.6, 3.4}}, {{7.0, 5.4}, {5.2, 4.0}, {4.0, 2.2}}},  // 200
            {{{8.5, 7.5}, {7.4, 5.5}, {6.2, 5.1}}, {{7.2, 5.7}, {5.5, 4.1}, {4.6, 1.9}}, {{5.3, 3.6}, {3.4, 1.9}, {1.9, 0.8}}},  // 201
            {{{kNo, 6.4}, {kNo, 5.1}, {kNo, 2.0}}, {{kNo, 4.7}, {kNo, 2.1}, {kNo, 1.1}}, {{kNo, 2.4}, {kNo, 0.9}, {kNo, 0.4}}},  // 202
        },
        {
            {{{8.8, 7.5}, {7.3, 5.3}, {6.0, 5.0}}, {{7.3, 5.5}, {5.9, 4.0}, {4.1, 2.0}}, {{5.4, 4.3}, {4.5, 2.2}, {2.0, 1.1}}},  // 210
            {{{7.5, 5.5}, {5.8, 4.5}, {4.0, 2.1}}, {{6.1, 5.1}, {4.8, 1.8}, {2.0, 0.9}}, {{4.6, 1.8}, {1.7, 0.7}, {0.8, 0.2}}},  // 211
            {{{kNo, 5.3}, {kNo, 2.4}, {kNo, 1.4}}, {{kNo, 2.4}, {kNo, 1.2}, {kNo, 0.5}}, {{kNo, 1.0}, {kNo, 0.3}, {kNo, 0.1}}},  // 212
        },
    },
};

// The most severe vectors of each equivalence class (as levels), in the reference order: the
// first one the scored vector does not exceed is the one its distance is measured from.
struct Eq1Max { int av, pr, ui; };
struct Eq2Max { int ac, at; };
struct Eq36Max { int vc, vi, va, cr, ir, ar; };
struct Eq4Max { int sc, si, sa; };

constexpr Eq1Max kEq1Max0[] = {{0, 0, 0}};
constexpr Eq1Max kEq1Max1[] = {{1, 0, 0}, {0, 1, 0}, {0, 0, 1}};
constexpr Eq1Max kEq1Max2[] = {{3, 0, 0}, {1, 1, 1}};
constexpr std::span<const Eq1Max> kEq1Maxes[] = {kEq1Max0, kEq1Max1, kEq1Max2};

constexpr Eq2Max kEq2Max0[] = {{0, 0}};
constexpr Eq2Max kEq2Max1[] = {{1, 0}, {0, 1}};
constexpr std::span<const Eq2Max> kEq2Maxes[] = {kEq2Max0, kEq2Max1};

constexpr Eq36Max kEq36Max00[] = {{0, 0, 0, 0, 0, 0}};
constexpr Eq36Max kEq36Max01[] = {{0, 0, 1, 1, 1, 0}, {0, 0, 0, 1, 1, 1}};
constexpr Eq36Max kEq36Max10[] = {{1, 0, 0, 0, 0, 0}, {0, 1, 0, 0, 0, 0}};
constexpr Eq36Max kEq36Max11[] = {{1, 0, 1, 0, 1, 0}, {1, 0, 0, 0, 1, 1}, {0, 1, 0, 1, 0, 1},
                                  {0, 1, 1, 1, 0, 0}, {1, 1, 0, 0, 0, 1}};
constexpr Eq36Max kEq36Max21[] = {{1, 1, 1, 0, 0, 0}};
// [EQ3][EQ6]; EQ3 2 with EQ6 0 cannot occur.
constexpr std::span<const Eq36Max> kEq36Maxes[3][2] = {
    {kEq36Max00, kEq36Max01}, {kEq36Max10, kEq36Max11}, {{}, kEq36Max21}};

constexpr Eq4Max kEq4Max0[] = {{0, 0, 0}};
constexpr Eq4Max kEq4Max1[] = {{0, 1, 1}};
constexpr Eq4Max kEq4Max2[] = {{1, 2, 2}};
constexpr std::span<const Eq4Max> kEq4Maxes[] = {kEq4Max0, kEq4Max1, kEq4Max2};

// Depth of each class: its largest severity distance plus one (reference calculator data).
constexpr int kEq1Depth[] = {1, 4, 5};
constexpr int kEq2Depth[] = {1, 2};
constexpr int kEq36Depth[3][2] = {{7, 6}, {8, 8}, {0, 10}};
constexpr int kEq4Depth[] = {6, 5, 4};

struct Macro { int eq1, eq2, eq3, eq4, eq5, eq6; };

double macro_score(const Macro& m) {
  if (m.eq1 > 2 || m.eq2 > 1 || m.eq3 > 2 || m.eq4 > 2 || m.eq5 > 2 || m.eq6 > 1) return kNo;
  return kMacroScores[m.eq1][m.eq2][m.eq3][m.eq4][m.eq5][m.eq6];
}

Macro classify(const Levels& l) {
  Macro m{};
  bool av_n = l[L_AV] == 0, pr_n = l[L_PR] == 0, ui_n = l[L_UI] == 0;
  if (av_n && pr_n && ui_n) m.eq1 = 0;
  else if ((av_n || pr_n || ui_n) && l[L_AV] != 3) m.eq1 = 1;
  else m.eq1 = 2;
  m.eq2 = l[L_AC] == 0 && l[L_AT] == 0 ? 0 : 1;
  bool vc_h = l[L_VC] == 0, vi_h = l[L_VI] == 0, va_h = l[L_VA] == 0;
  m.eq3 = vc_h && vi_h ? 0 : (vc_h || vi_h || va_h) ? 1 : 2;
  if (l[L_SI] == 0 || l[L_SA] == 0) m.eq4 = 0;
  else if (l[L_SC] == 0 || l[L_SI] == 1 || l[L_SA] == 1) m.eq4 = 1;
  else m.eq4 = 2;
  m.eq5 = l[L_E];
  bool high_requirement = (l[L_CR] == 0 && vc_h) || (l[L_IR] == 0 && vi_h) ||
                          (l[L_AR] == 0 && va_h);
  m.eq6 = high_requirement ? 0 : 1;
  return m;
}

// Index of the first entry the vector does not exceed on any metric, or -1.
template <typename Max, typename Distances>
int first_not_exceeded(std::span<const Max> maxes, Distances distances) {
  for (std::size_t i = 0; i < maxes.size(); ++i) {
    auto d = distances(maxes[i]);
    if (std::all_of(d.begin(), d.end(), [](int x) { return x >= 0; })) return static_cast<int>(i);
  }
  return -1;
}

template <typename Array>
int sum(const Array& a) {
  int s = 0;
  for (int x : a) s += x;
  return s;
}

double score_levels(const Levels& l) {
  // No impact at all on either system (every VC..SA at N, the last level of each).
  if (l[L_VC] == 2 && l[L_VI] == 2 && l[L_VA] == 2 && l[L_SC] == 2 && l[L_SI] == 3 &&
      l[L_SA] == 3) {
    return 0.0;
  }
  Macro m = classify(l);
  double value = macro_score(m);

  auto eq1_d = [&](const Eq1Max& x) {
    return std::array{l[L_AV] - x.av, l[L_PR] - x.pr, l[L_UI] - x.ui};
  };
  auto eq2_d = [&](const Eq2Max& x) { return std::array{l[L_AC] - x.ac, l[L_AT] - x.at}; };
  auto eq36_d = [&](const Eq36Max& x) {
    return std::array{l[L_VC] - x.vc, l[L_VI] - x.vi, l[L_VA] - x.va,
                      l[L_CR] - x.cr, l[L_IR] - x.ir, l[L_AR] - x.ar};
  };
  auto eq4_d = [&](const Eq4Max& x) {
    return std::array{l[L_SC] - x.sc, l[L_SI] - x.si, l[L_SA] - x.sa};
  };
  std::span<const Eq1Max> eq1_maxes = kEq1Maxes[m.eq1];
  std::span<const Eq2Max> eq2_maxes = kEq2Maxes[m.eq2];
  std::span<const Eq36Max> eq36_maxes = kEq36Maxes[m.eq3][m.eq6];
  std::span<const Eq4Max> eq4_maxes = kEq4Maxes[m.eq4];
  int i1 = first_not_exceeded(eq1_maxes, eq1_d);
  int i2 = first_not_exceeded(eq2_maxes, eq2_d);
  int i36 = first_not_exceeded(eq36_maxes, eq36_d);
  int i4 = first_not_exceeded(eq4_maxes, eq4_d);
  // The reference searches the combinations of all classes' maxima and, when none fits, keeps
  // the last combination tried: the last maximum of every class.
  if (i1 < 0 || i2 < 0 || i36 < 0 || i4 < 0) {
    i1 = static_cast<int>(eq1_maxes.size()) - 1;
    i2 = static_cast<int>(eq2_maxes.size()) - 1;
    i36 = static_cast<int>(eq36_maxes.size()) - 1;
    i4 = static_cast<int>(eq4_maxes.size()) - 1;
  }

  // Score of the next lower macrovector in EQ3+EQ6, which move together: 00 has two lower
  // neighbours (the higher one counts), 21 has none.
  double lower36 = kNo;
  if (m.eq3 == 0 && m.eq6 == 0) {
    lower36 = std::max(macro_score({m.eq1, m.eq2, 0, m.eq4, m.eq5, 1}),
                       macro_score({m.eq1, m.eq2, 1, m.eq4, m.eq5, 0}));
  } else if (m.eq3 == 1 && m.eq6 == 0) {
    lower36 = macro_score({m.eq1, m.eq2, 1, m.eq4, m.eq5, 1});
  } else if (m.eq6 == 1 && m.eq3 < 2) {
    lower36 = macro_score({m.eq1, m.eq2, m.eq3 + 1, m.eq4, m.eq5, 1});
  }
  struct Step { double lower; int distance; int depth; };
  const Step steps[] = {
      {macro_score({m.eq1 + 1, m.eq2, m.eq3, m.eq4, m.eq5, m.eq6}),
       sum(eq1_d(eq1_maxes[static_cast<std::size_t>(i1)])), kEq1Depth[m.eq1]},
      {macro_score({m.eq1, m.eq2 + 1, m.eq3, m.eq4, m.eq5, m.eq6}),
       sum(eq2_d(eq2_maxes[static_cast<std::size_t>(i2)])), kEq2Depth[m.eq2]},
      {lower36, sum(eq36_d(eq36_maxes[static_cast<std::size_t>(i36)])),
       kEq36Depth[m.eq3][m.eq6]},
      {macro_score({m.eq1, m.eq2, m.eq3, m.eq4 + 1, m.eq5, m.eq6}),
       sum(eq4_d(eq4_maxes[static_cast<std::size_t>(i4)])), kEq4Depth[m.eq4]},
      // Every vector sits at the top of its EQ5 class: the step counts, with distance 0.
      {macro_score({m.eq1, m.eq2, m.eq3, m.eq4, m.eq5 + 1, m.eq6}), 0, 1},
  };
  double total = 0;
  int existing = 0;
  for (const Step& s : steps) {
    if (s.lower == kNo) continue;
    ++existing;
    total += (value - s.lower) * s.distance / s.depth;
  }
  double score = value - (existing == 0 ? 0.0 : total / existing);
  score = std::clamp(score, 0.0, 10.0);
  // Half up after a 1e-6 nudge, as the reference calculator rounds: a score that is exactly
  // x.x5 in decimal often lands a hair below it in binary.
  return std::floor((score + 1e-6) * 10 + 0.5) / 10;
}

enum class Groups { Base, BaseThreat, All };

// Levels of the scoring metrics, using the threat and environmental metrics only as asked.
Levels levels_of(const MetricValues& m, Groups groups) {
  const bool threat = groups != Groups::Base;
  const bool env = groups == Groups::All;
  // Base level, replaced by the modified metric's when that is defined (its list is the
  // base list shifted by one, "X" first).
  auto pick = [&](std::size_t base, std::size_t modified, int shift) {
    if (env && m[modified] != 0) return static_cast<int>(m[modified]) - 1;
    return static_cast<int>(m[base]) + shift;
  };
  // X means the most severe value for E and the requirements.
  auto worst_if_x = [&](std::size_t metric, bool use) {
    return use && m[metric] != 0 ? static_cast<int>(m[metric]) - 1 : 0;
  };
  Levels l{};
  l[L_AV] = pick(AV, MAV, 0);
  l[L_AC] = pick(AC, MAC, 0);
  l[L_AT] = pick(AT, MAT, 0);
  l[L_PR] = pick(PR, MPR, 0);
  l[L_UI] = pick(UI, MUI, 0);
  l[L_VC] = pick(VC, MVC, 0);
  l[L_VI] = pick(VI, MVI, 0);
  l[L_VA] = pick(VA, MVA, 0);
  l[L_SC] = pick(SC, MSC, 0);
  l[L_SI] = pick(SI, MSI, 1);
  l[L_SA] = pick(SA, MSA, 1);
  l[L_CR] = worst_if_x(CR, env);
  l[L_IR] = worst_if_x(IR, env);
  l[L_AR] = worst_if_x(AR, env);
  l[L_E] = worst_if_x(E, threat);
  return l;
}

}  // namespace

Expected<CvssScore> score_v4(std::string_view body) {
  auto parsed = parse_metrics(body, kGrammar);
  if (!parsed) return std::move(parsed).error();
  const MetricValues& m = *parsed;
  CvssScore out;
  out.version = CvssVersion::V4_0;
  out.base = score_levels(levels_of(m, Groups::Base));
  if (m[E] != 0) out.temporal = score_levels(levels_of(m, Groups::BaseThreat));
  if (any_defined(m, CR, SUP_S)) out.environmental = score_levels(levels_of(m, Groups::All));
  out.severity = severity_of(out.version, out.base);
  out.normalized_vector = format_metrics("CVSS:4.0/", m, kGrammar);
  return out;
}

}  // namespace sbom::cvss::detail
