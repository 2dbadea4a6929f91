// Parsing and formatting of CVSS metric/value vectors against a version's grammar table.
#include "cvss/vector_grammar.h"

#include <cmath>

namespace sbom::cvss::detail {
namespace {

constexpr std::uint8_t kAbsent = 0xff;
// Keeps messages readable when a caller hands us something that is not a vector at all.
constexpr std::size_t kMaxQuoted = 40;

Error fail(const VectorGrammar& g, std::string_view what) {
  std::string msg(g.label);
  msg += ": ";
  msg += what;
  return Error(std::move(msg));
}

}  // namespace

std::string quoted(std::string_view s) {
  static constexpr char kHex[] = "0123456789abcdef";
  std::string out = "'";
  for (std::size_t i = 0; i < s.size() && i < kMaxQuoted; ++i) {
    auto c = static_cast<unsigned char>(s[i]);
    if (c < 0x20 || c == 0x7f) {  // keep terminals and log lines intact
      out += "\\x";
      out += kHex[c >> 4];
      out += kHex[c & 0xf];
    } else {
      out += static_cast<char>(c);
    }
  }
  if (s.size() > kMaxQuoted) out += "...";
  out += '\'';
  return out;
}

Expected<MetricValues> parse_metrics(std::string_view body, const VectorGrammar& g) {
  MetricValues values;
  values.fill(kAbsent);
  std::size_t last_index = 0;  // grammar index of the previous metric, for Ordering::AsListed
  bool first = true;
  std::size_t pos = 0;
  while (pos <= body.size()) {
    std::size_t slash = body.find('/', pos);
    if (slash == std::string_view::npos) slash = body.size();
    std::string_view token = body.substr(pos, slash - pos);
    pos = slash + 1;
    if (token.empty()) {
      if (body.empty()) break;  // reported below as the first missing base metric
      return fail(g, "empty metric (stray '/')");
    }
    std::size_t colon = token.find(':');
    if (colon == std::string_view::npos) {
      return fail(g, "expected METRIC:VALUE, got " + quoted(token));
    }
    std::string_view name = token.substr(0, colon);
    std::string_view value = token.substr(colon + 1);
    // Vectors nearly always list metrics in table order: look from the previous one onwards.
    const std::size_t count = g.metrics.size();
    const std::size_t start = first ? 0 : last_index + 1;
    std::size_t index = count;
    for (std::size_t k = 0; k < count; ++k) {
      std::size_t i = (start + k) % count;
      if (g.metrics[i].name == name) {
        index = i;
        break;
      }
    }
    if (index == count) return fail(g, "unknown metric " + quoted(name));
    const MetricSpec& spec = g.metrics[index];
    if (values[index] != kAbsent) return fail(g, "duplicate metric " + std::string(name));
    if (g.ordering == Ordering::AsListed && !first && index < last_index) {
      return fail(g, "metric " + std::string(name) + " must come before " +
                         std::string(g.metrics[last_index].name));
    }
    std::size_t v = 0;
    while (v < spec.values.size() && spec.values[v] != value) ++v;
    if (v == spec.values.size()) {
      return fail(g, "unknown value " + quoted(value) + " for metric " + std::string(name));
    }
    values[index] = static_cast<std::uint8_t>(v);
    last_index = index;
    first = false;
  }
  for (std::size_t i = 0; i < g.metrics.size(); ++i) {
    if (values[i] != kAbsent) continue;
    if (g.metrics[i].mandatory) {
      return fail(g, "missing base metric " + std::string(g.metrics[i].name));
    }
    values[i] = 0;
  }
  return values;
}

std::string format_metrics(std::string_view prefix, const MetricValues& values,
                           const VectorGrammar& g) {
  std::string out;
  out.reserve(prefix.size() + 6 * g.metrics.size());
  out += prefix;
  bool first = true;
  for (std::size_t i = 0; i < g.metrics.size(); ++i) {
    const MetricSpec& spec = g.metrics[i];
    if (!spec.mandatory && values[i] == 0) continue;
    if (!first) out += '/';
    first = false;
    out += spec.name;
    out += ':';
    out += spec.values[values[i]];
  }
  return out;
}

bool any_defined(const MetricValues& values, std::size_t first, std::size_t last) {
  for (std::size_t i = first; i < last; ++i) {
    if (values[i] != 0) return true;
  }
  return false;
}

double round_to_tenth(double x) {
  // The equations are meant in decimal arithmetic: 9.0 * 0.95 is 8.55 and rounds to 8.6, but
  // the double product is 8.549999999999999. The nudge is far below any real difference.
  return std::floor((x + 1e-9) * 10.0 + 0.5) / 10.0;
}

}  // namespace sbom::cvss::detail
