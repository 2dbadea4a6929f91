// RubyGems versions: Gem::Version's grammar, its segments (digit and letter runs, '-' read as
// ".pre."), canonical segments without trailing zeros, and its ordering.
#include <cstddef>
#include <string>
#include <string_view>
#include <vector>

#include "version/checked_scheme.h"
#include "sbom/text.h"
#include "version/schemes.h"
#include "version/text.h"

namespace sbom::version {
namespace {

using detail::compare_bytes;
using detail::compare_numeric;
using detail::invalid_version;
using detail::is_alnum;
using detail::is_alpha;
using detail::is_digit;
using detail::strip_leading_zeros;

constexpr std::string_view kName = "rubygems";

struct Segment {
  bool number;
  std::string_view text;

  bool is_zero() const { return number && strip_leading_zeros(text).empty(); }
};


using text::trim;

// [0-9][0-9A-Za-z]* ('.' [0-9A-Za-z]+)* ('-' [0-9A-Za-z-]+ ('.' [0-9A-Za-z-]+)*)?
// Gem::Version wants the first part all digits; letters right after it ("1beta") are accepted here
// because such versions exist in the wild and OSV tooling orders them by the same segment rules.
Status check_gem(std::string_view original) {
  const std::string_view v = trim(original);
  if (v.empty()) return invalid_version(kName, original, "empty version");
  auto fail = [&](std::size_t i, std::string_view why) {
    return invalid_version(kName, original,
                           std::string(why) + " at offset " +
                               std::to_string(static_cast<std::size_t>(v.data() - original.data()) + i));
  };
  if (!is_digit(v[0])) return fail(0, "expected a digit");
  std::size_t i = 1;
  while (i < v.size() && is_alnum(v[i])) ++i;
  bool in_pre = false;  // after the first '-', hyphens are part of the segments
  while (i < v.size()) {
    const char sep = v[i];
    if (sep == '-' && !in_pre) {
      in_pre = true;
    } else if (sep != '.') {
      return fail(i, "unexpected character");
    }
    const std::size_t start = ++i;
    while (i < v.size() && (is_alnum(v[i]) || (in_pre && v[i] == '-'))) ++i;
    if (i == start) return fail(i, "empty segment");
  }
  return Ok{};
}

// The segments in order, with each '-' contributing the "pre" that Gem::Version substitutes for it.
std::vector<Segment> segments(std::string_view v) {
  std::vector<Segment> out;
  for (std::size_t i = 0; i < v.size();) {
    if (v[i] == '-') {
      out.push_back({false, "pre"});
      ++i;
      continue;
    }
    if (v[i] == '.') {
      ++i;
      continue;
    }
    const bool number = is_digit(v[i]);
    std::size_t end = i + 1;
    while (end < v.size() && (number ? is_digit(v[end]) : is_alpha(v[end]))) ++end;
    out.push_back({number, v.substr(i, end - i)});
    i = end;
  }
  return out;
}

// Trailing zeros dropped from the numeric release part and from the part from the first letter on.
std::vector<Segment> canonical_segments(std::string_view v) {
  std::vector<Segment> segs = segments(v);
  std::size_t split = 0;
  while (split < segs.size() && segs[split].number) ++split;
  std::vector<Segment> out;
  std::size_t end = split;
  while (end > 0 && segs[end - 1].is_zero()) --end;
  out.insert(out.end(), segs.begin(), segs.begin() + static_cast<std::ptrdiff_t>(end));
  end = segs.size();
  while (end > split && segs[end - 1].is_zero()) --end;
  out.insert(out.end(), segs.begin() + static_cast<std::ptrdiff_t>(split),
             segs.begin() + static_cast<std::ptrdiff_t>(end));
  return out;
}

int compare_versions(std::string_view a, std::string_view b) {
  const std::vector<Segment> x = canonical_segments(a), y = canonical_segments(b);
  const Segment zero{true, "0"};
  const std::size_t n = x.size() > y.size() ? x.size() : y.size();
  for (std::size_t i = 0; i < n; ++i) {
    const Segment& l = i < x.size() ? x[i] : zero;
    const Segment& r = i < y.size() ? y[i] : zero;
    // Letters sort before numbers: prereleases come before the release they lead to.
    if (l.number != r.number) return l.number ? 1 : -1;
    const int c = l.number ? compare_numeric(l.text, r.text) : compare_bytes(l.text, r.text);
    if (c != 0) return c;
  }
  return 0;
}

class RubyGemsScheme final : public detail::CheckedScheme {
 public:
  std::string_view name() const override { return "rubygems"; }

 protected:
  Status check(std::string_view v) const override { return check_gem(v); }

  // Gem::Version#to_s (trimmed, each '-' spelled ".pre."), with the empty parts that a '-' next to
  // a '.' or another '-' leaves ("1-a--" -> "1.pre.a.pre..pre.") closed up, so the result is valid.
  Expected<std::string> canonical(std::string_view v) const override {
    std::string out;
    auto dot = [&out] {
      if (out.back() != '.') out += '.';
    };
    for (char c : trim(v)) {
      if (c == '-') {
        dot();
        out += "pre.";
      } else if (c == '.') {
        dot();
      } else {
        out += c;
      }
    }
    if (out.back() == '.') out.pop_back();
    return out;
  }

  int order(std::string_view a, std::string_view b) const override { return compare_versions(trim(a), trim(b)); }
};

}  // namespace

const Scheme& rubygems_scheme() {
  static const RubyGemsScheme scheme;
  return scheme;
}

}  // namespace sbom::version
