// The metric/value syntax shared by every CVSS version: one table of metrics per version,
// one parser and one formatter over such tables.
#pragma once

#include <array>
#include <cstdint>
#include <span>
#include <string>
#include <string_view>

#include "sbom/error.h"

namespace sbom::cvss::detail {

/// One metric of a version's vector grammar. For an optional metric values[0] is the
/// "not defined" token (X, or ND in v2), so value index 0 always means "not defined".
struct MetricSpec {
  std::string_view name;
  std::span<const std::string_view> values;
  bool mandatory;
};

enum class Ordering {
  Any,       ///< v3.x: readers must accept metrics in any order
  AsListed,  ///< v2 and v4.0: the specification fixes the order
};

struct VectorGrammar {
  std::string_view label;  ///< starts every error message, e.g. "cvss 3.1 vector"
  std::span<const MetricSpec> metrics;
  Ordering ordering;
};

inline constexpr std::size_t kMaxMetrics = 32;

/// Value index of each metric of a grammar, in the grammar's order. Optional metrics that the
/// vector leaves out hold 0 ("not defined").
using MetricValues = std::array<std::uint8_t, kMaxMetrics>;

/// Parses `body` ("AV:N/AC:L/...", prefix already removed) against `grammar`.
Expected<MetricValues> parse_metrics(std::string_view body, const VectorGrammar& grammar);

/// `prefix` followed by every defined metric in the grammar's order, '/'-separated.
std::string format_metrics(std::string_view prefix, const MetricValues& values,
                           const VectorGrammar& grammar);

/// True when any of the optional metrics [first, last) of the grammar is defined.
bool any_defined(const MetricValues& values, std::size_t first, std::size_t last);

/// `s` in single quotes for an error message: control bytes escaped, long text cut short.
std::string quoted(std::string_view s);

/// Rounds half up to one decimal, as the v2 equations' round_to_1_decimal.
double round_to_tenth(double x);

}  // namespace sbom::cvss::detail
