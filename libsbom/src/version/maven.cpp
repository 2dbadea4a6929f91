// Maven versions: the "version order specification" of the Maven POM reference (prefixed tokens,
// qualifier order, null trimming and padding), the rules OSV also follows for Maven.
#include <cstddef>
#include <string>
#include <string_view>
#include <vector>

#include "version/checked_scheme.h"
#include "version/schemes.h"
#include "version/text.h"

namespace sbom::version {
namespace {

using detail::compare_bytes;
using detail::compare_numeric;
using detail::invalid_version;
using detail::is_digit;
using detail::strip_leading_zeros;
using detail::to_lower;

constexpr std::string_view kName = "maven";

// One token of a version: a number or a qualifier, with the separator in front of it.
// A leading number is stored with '.' in front; the first token is never padded against anything.
struct Token {
  char prefix = '.';   // '.' or '-' (a digit/letter transition counts as '-'; qualifiers always '-')
  bool number = false;
  std::string value;   // numbers without leading zeros ("0" for zero); qualifiers lower-case, aliased

  bool is_null() const { return number ? value == "0" : value.empty(); }
};

// Known qualifiers in order; the release qualifier "" sits between snapshot and sp.
constexpr std::string_view kQualifiers[] = {"alpha", "beta", "milestone", "rc", "snapshot", "", "sp"};
constexpr int kUnknownRank = 7;

int qualifier_rank(std::string_view q) {
  for (int i = 0; i < kUnknownRank; ++i) {
    if (kQualifiers[i] == q) return i;
  }
  return kUnknownRank;
}

int compare_qualifiers(std::string_view a, std::string_view b) {
  const int ra = qualifier_rank(a), rb = qualifier_rank(b);
  if (ra != rb) return ra < rb ? -1 : 1;
  return ra == kUnknownRank ? compare_bytes(a, b) : 0;
}

// "-qualifier" < "-number" < ".number"; qualifiers are always stored with '-' (see make_token).
int kind_rank(const Token& t) {
  if (t.number) return t.prefix == '-' ? 2 : 3;
  return 1;
}

// `padded` marks `a` or `b` as the null stand-in for a missing token of the shorter version: a padded
// number compares with a qualifier as the release qualifier does (so 1.sp > 1 and 1.alpha < 1).
int compare_tokens(const Token& a, const Token& b, bool a_padded, bool b_padded) {
  if (a.prefix != b.prefix) {
    const int ka = kind_rank(a), kb = kind_rank(b);
    return ka < kb ? -1 : (ka > kb ? 1 : 0);
  }
  if (a.number && b.number) return compare_numeric(a.value, b.value);
  if (!a.number && !b.number) return compare_qualifiers(a.value, b.value);
  if (a.number && a_padded) return compare_qualifiers("", b.value);
  if (b.number && b_padded) return compare_qualifiers(a.value, "");
  return a.number ? 1 : -1;
}

Token null_like(const Token& t) {
  Token n;
  n.prefix = t.prefix;
  n.number = t.prefix == '.';
  n.value = n.number ? "0" : "";
  return n;
}

// The spelling a qualifier is compared by: aliases resolved, a/b/m expanded before a number.
std::string_view canonical_qualifier(std::string_view q, bool followed_by_digit) {
  if (q == "cr") return "rc";
  if (q == "ga" || q == "final" || q == "release") return "";
  if (followed_by_digit) {
    if (q == "a") return "alpha";
    if (q == "b") return "beta";
    if (q == "m") return "milestone";
  }
  return q;
}

Token make_token(char prefix, std::string_view text, bool followed_by_digit) {
  Token t;
  t.prefix = prefix;
  if (text.empty() || is_digit(text[0])) {
    t.number = true;
    const std::string_view s = strip_leading_zeros(text);
    t.value = std::string(s.empty() ? std::string_view("0") : s);
    return t;
  }
  std::string lower;
  for (char c : text) lower += to_lower(c);
  t.value = std::string(canonical_qualifier(lower, followed_by_digit));
  // ".qualifier" = "-qualifier": spelling it with '-' also lets trimming see it as a hyphen, so the
  // zeros before it go (1.0.Beta1 = 1-beta-1, as in Maven 3.9).
  t.prefix = '-';
  return t;
}

Status check_maven(std::string_view v) {
  if (v.empty()) return invalid_version(kName, v, "empty version");
  if (v.find("${") != std::string_view::npos) return invalid_version(kName, v, "unresolved property reference");
  for (std::size_t i = 0; i < v.size(); ++i) {
    const auto c = static_cast<unsigned char>(v[i]);
    if (c <= 0x20 || c >= 0x7f) {
      return invalid_version(kName, v, "unexpected character at offset " + std::to_string(i));
    }
    if (c == '[' || c == ']' || c == '(' || c == ')' || c == ',') {
      return invalid_version(kName, v, "a version range is not a version");
    }
  }
  return Ok{};
}

// Splits at '.', '-' and digit/non-digit transitions, then trims trailing nulls before each hyphen.
std::vector<Token> tokenize(std::string_view v) {
  std::vector<Token> tokens;
  char prefix = '.';
  std::size_t start = 0;
  for (std::size_t i = 0; i <= v.size(); ++i) {
    const bool end = i == v.size();
    if (end || v[i] == '.' || v[i] == '-') {
      const std::string_view raw = v.substr(start, i - start);
      // Transitions inside a raw token act as hyphens.
      std::size_t from = 0;
      char p = prefix;
      for (std::size_t k = 1; k <= raw.size(); ++k) {
        if (k == raw.size() || is_digit(raw[k]) != is_digit(raw[k - 1])) {
          tokens.push_back(make_token(p, raw.substr(from, k - from), k < raw.size()));
          from = k;
          p = '-';
        }
      }
      if (raw.empty()) tokens.push_back(make_token(p, raw, false));
      if (!end) prefix = v[i];
      start = i + 1;
    }
  }
  std::size_t i = tokens.size() - 1;
  while (i > 0) {
    if (tokens[i].is_null()) {
      tokens.erase(tokens.begin() + static_cast<std::ptrdiff_t>(i));
      --i;
      continue;
    }
    while (i > 0 && tokens[i].prefix != '-') --i;
    if (i > 0) --i;
  }
  return tokens;
}

int compare_versions(const std::vector<Token>& a, const std::vector<Token>& b) {
  const std::size_t n = a.size() > b.size() ? a.size() : b.size();
  for (std::size_t i = 0; i < n; ++i) {
    const bool a_pad = i >= a.size(), b_pad = i >= b.size();
    const Token& x = a_pad ? null_like(b[i]) : a[i];
    const Token& y = b_pad ? null_like(a[i]) : b[i];
    const int c = compare_tokens(x, y, a_pad, b_pad);
    if (c != 0) return c;
  }
  return 0;
}

class MavenScheme final : public detail::CheckedScheme {
 public:
  std::string_view name() const override { return "maven"; }

 protected:
  Status check(std::string_view v) const override { return check_maven(v); }

  Expected<std::string> canonical(std::string_view v) const override {
    std::string out;
    bool first = true;
    for (const Token& t : tokenize(v)) {
      if (!first) out += t.prefix;
      first = false;
      // A release qualifier that survives trimming is spelled "ga" so that it stays visible.
      out += (!t.number && t.value.empty()) ? std::string("ga") : t.value;
    }
    return out;
  }

  int order(std::string_view a, std::string_view b) const override {
    return compare_versions(tokenize(a), tokenize(b));
  }
};

}  // namespace

const Scheme& maven_scheme() {
  static const MavenScheme scheme;
  return scheme;
}

}  // namespace sbom::version
