// Alpine/Wolfi/Chainguard version semantics (apk): number{.number}[letter]{_suffix[number]}[~hash][-rN].
#include <array>

#include "version/schemes.h"
#include "version/text.h"

namespace sbom::version {
namespace {

using namespace detail;

// Suffixes in sort order; kNoSuffix is the rank of "no suffix" (between _rc and _cvs).
constexpr std::array<std::string_view, 9> kSuffixes = {"alpha", "beta", "pre", "rc", "cvs", "svn", "git", "hg", "p"};
constexpr int kNoSuffix = 4;

struct ApkVersion {
  std::string_view v;
  std::string_view numbers;  // "1.2.3": digit runs separated by single dots; may be empty
  char letter = 0;
  std::string_view suffixes;  // "_rc1_p2"
  std::string_view hash;      // "~abc123"
  std::string_view revision;  // digits after "-r"; empty when absent (means 0)
  bool has_revision = false;
  std::string_view rest;      // what no rule could read: makes the version invalid
};

std::size_t match_suffix(std::string_view s, int& rank) {
  for (std::size_t k = 0; k < kSuffixes.size(); ++k) {
    std::string_view word = kSuffixes[k];
    if (s.substr(0, word.size()) == word) {
      rank = static_cast<int>(k < static_cast<std::size_t>(kNoSuffix) ? k : k + 1);
      return word.size();
    }
  }
  return 0;
}

ApkVersion parse(std::string_view v) {
  ApkVersion p;
  p.v = v;
  std::size_t i = 0, n = v.size();
  while (i < n && is_digit(v[i])) {
    while (i < n && is_digit(v[i])) ++i;
    if (i + 1 < n && v[i] == '.' && is_digit(v[i + 1])) ++i;
  }
  p.numbers = v.substr(0, i);
  if (i < n && is_lower(v[i])) p.letter = v[i++];
  std::size_t s = i;
  while (i < n && v[i] == '_') {
    int rank = 0;
    std::size_t len = match_suffix(v.substr(i + 1), rank);
    if (len == 0) break;
    i += 1 + len;
    while (i < n && is_digit(v[i])) ++i;
  }
  p.suffixes = v.substr(s, i - s);
  if (i + 1 < n && v[i] == '~' && (is_digit(v[i + 1]) || (v[i + 1] >= 'a' && v[i + 1] <= 'f'))) {
    std::size_t h = i++;
    while (i < n && (is_digit(v[i]) || (v[i] >= 'a' && v[i] <= 'f'))) ++i;
    p.hash = v.substr(h, i - h);
  }
  if (i + 1 < n && v[i] == '-' && v[i + 1] == 'r') {
    p.has_revision = true;
    std::size_t r = i += 2;
    while (i < n && is_digit(v[i])) ++i;
    p.revision = v.substr(r, i - r);
  }
  p.rest = v.substr(i);
  return p;
}

// Invalid when anything is left over, except after a complete "-r" marker: apk reads
// "1-r0-1" as revision 0 followed by ignored garbage.
bool is_invalid(const ApkVersion& p) { return !p.has_revision && !p.rest.empty(); }

// Next number of "1.02.3" starting at `i`.
std::string_view next_number(std::string_view s, std::size_t& i) {
  std::size_t b = i;
  while (i < s.size() && s[i] != '.') ++i;
  std::string_view out = s.substr(b, i - b);
  if (i < s.size()) ++i;
  return out;
}

int compare_numbers(std::string_view a, std::string_view b) {
  std::size_t i = 0, j = 0;
  for (bool first = true; i < a.size() || j < b.size(); first = false) {
    // As in apk, a version with more numbers is newer: 1.2 < 1.2.0.
    if (i >= a.size()) return -1;
    if (j >= b.size()) return 1;
    std::string_view x = next_number(a, i), y = next_number(b, j);
    // After the first number a leading zero makes the numbers compare as text, like
    // decimal fractions ("1.02" < "1.1"), as apk does.
    bool fraction = !first && (x[0] == '0' || y[0] == '0');
    int c = fraction ? compare_bytes(x, y) : compare_numeric(x, y);
    if (c != 0) return c;
  }
  return 0;
}

// Next suffix of "_rc1_p2" starting at `i` as (rank, number); none left reads as "no suffix".
int next_suffix(std::string_view s, std::size_t& i, std::string_view& number) {
  number = "0";
  if (i >= s.size()) return kNoSuffix;
  int rank = 0;
  i += 1 + match_suffix(s.substr(i + 1), rank);
  std::size_t b = i;
  while (i < s.size() && is_digit(s[i])) ++i;
  if (i > b) number = s.substr(b, i - b);
  return rank;
}

int compare_suffixes(std::string_view a, std::string_view b) {
  std::size_t i = 0, j = 0;
  while (i < a.size() || j < b.size()) {
    std::string_view x, y;
    int ra = next_suffix(a, i, x), rb = next_suffix(b, j, y);
    if (ra != rb) return ra < rb ? -1 : 1;
    if (int c = compare_numeric(x, y); c != 0) return c;
  }
  return 0;
}

int compare_apk(const ApkVersion& a, const ApkVersion& b) {
  if (int c = compare_numbers(a.numbers, b.numbers); c != 0) return c;
  if (a.letter != b.letter) return a.letter < b.letter ? -1 : 1;
  if (int c = compare_suffixes(a.suffixes, b.suffixes); c != 0) return c;
  // The ~hash names a commit and has no order.
  if (int c = compare_numeric(a.revision, b.revision); c != 0) return c;
  // Whatever could not be read makes a version older than one without it.
  if (a.rest.empty() != b.rest.empty()) return a.rest.empty() ? 1 : -1;
  // Two versions apk cannot read, alike so far, are ordered as plain strings.
  if (is_invalid(a) && is_invalid(b)) return compare_bytes(a.v, b.v);
  return 0;
}

std::string_view check(const ApkVersion& p) {
  if (p.v.empty()) return "version is empty";
  if (p.numbers.empty()) return "version must start with a digit";
  if (p.has_revision && p.revision.empty()) return "'-r' must be followed by a number";
  if (!p.rest.empty()) {
    char c = p.rest.front();
    if (c == '_') return "unknown suffix (expected _alpha, _beta, _pre, _rc, _cvs, _svn, _git, _hg or _p)";
    if (is_upper(c)) return "letter must be lower case";
    if (c == '-') return "'-' must start the package release '-rN'";
    return "unexpected characters after the version";
  }
  return {};
}

class ApkScheme final : public Scheme {
 public:
  std::string_view name() const override { return "apk"; }

  Status validate(std::string_view v) const override {
    if (auto why = check(parse(v)); !why.empty()) return invalid_version(name(), v, why);
    return Ok{};
  }

  Expected<std::string> normalize(std::string_view v) const override {
    if (auto why = check(parse(v)); !why.empty()) return invalid_version(name(), v, why);
    return std::string(v);
  }

  // Like `apk version -t`, orders any non-empty string; validate() is the strict check.
  Expected<Order> compare(std::string_view a, std::string_view b) const override {
    if (a.empty()) return invalid_version(name(), a, "version is empty");
    if (b.empty()) return invalid_version(name(), b, "version is empty");
    return to_order(compare_apk(parse(a), parse(b)));
  }
};

}  // namespace

const Scheme& apk_scheme() {
  static const ApkScheme scheme;
  return scheme;
}

}  // namespace sbom::version
