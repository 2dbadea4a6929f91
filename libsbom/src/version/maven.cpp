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

using detail::compare_numeric;
using detail::invalid_version;
using detail::is_digit;
using detail::strip_leading_zeros;
using detail::to_lower;

constexpr std::string_view kName = "maven";

// One token of a version: a number or a qualifier, with the separator in front of it. Texts are
// views into the version, so tokenizing allocates only the token list.
// A leading number is stored with '.' in front; the first token is never padded against anything.
struct Token {
  char prefix = '.';      // '.' or '-' (a digit/letter transition counts as '-'; qualifiers always '-')
  bool number = false;
  std::string_view text;  // numbers without leading zeros ("" for zero); qualifiers as written
  int rank = 0;           // qualifiers: index in kQualifiers, or kUnknownRank

  bool is_null() const;
};

// Known qualifiers in order; the release qualifier "" (also ga, final, release) sits between
// snapshot and sp. Unknown qualifiers come after all of them, in case-insensitive lexical order.
constexpr std::string_view kQualifiers[] = {"alpha", "beta", "milestone", "rc", "snapshot", "", "sp"};
constexpr int kReleaseRank = 5;
constexpr int kUnknownRank = 7;

bool Token::is_null() const { return number ? text.empty() : rank == kReleaseRank; }

bool equals_ci(std::string_view a, std::string_view lower) {
  if (a.size() != lower.size()) return false;
  for (std::size_t i = 0; i < a.size(); ++i) {
    if (to_lower(a[i]) != lower[i]) return false;
  }
  return true;
}

int compare_ci(std::string_view a, std::string_view b) {
  const std::size_t n = a.size() < b.size() ? a.size() : b.size();
  for (std::size_t i = 0; i < n; ++i) {
    const char x = to_lower(a[i]), y = to_lower(b[i]);
    if (x != y) return x < y ? -1 : 1;
  }
  return a.size() == b.size() ? 0 : (a.size() < b.size() ? -1 : 1);
}

// Aliases resolved (cr = rc; ga = final = release = ""), a/b/m read as alpha/beta/milestone
// only when a number follows.
int qualifier_rank(std::string_view q, bool followed_by_digit) {
  if (equals_ci(q, "cr")) return 3;
  if (equals_ci(q, "ga") || equals_ci(q, "final") || equals_ci(q, "release")) return kReleaseRank;
  if (followed_by_digit && q.size() == 1) {
    const char c = to_lower(q[0]);
    if (c == 'a') return 0;
    if (c == 'b') return 1;
    if (c == 'm') return 2;
  }
  for (int i = 0; i < kUnknownRank; ++i) {
    if (i != kReleaseRank && equals_ci(q, kQualifiers[i])) return i;
  }
  return kUnknownRank;
}

int compare_qualifiers(const Token& a, const Token& b) {
  if (a.rank != b.rank) return a.rank < b.rank ? -1 : 1;
  return a.rank == kUnknownRank ? compare_ci(a.text, b.text) : 0;
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
  if (a.number && b.number) return compare_numeric(a.text, b.text);
  if (!a.number && !b.number) return compare_qualifiers(a, b);
  if (a.number && a_padded) return kReleaseRank < b.rank ? -1 : (kReleaseRank > b.rank ? 1 : 0);
  if (b.number && b_padded) return a.rank < kReleaseRank ? -1 : (a.rank > kReleaseRank ? 1 : 0);
  return a.number ? 1 : -1;
}

Token null_like(const Token& t) {
  Token n;
  n.prefix = t.prefix;
  n.number = t.prefix == '.';
  n.rank = kReleaseRank;
  return n;
}

Token make_token(char prefix, std::string_view text, bool followed_by_digit) {
  Token t;
  t.prefix = prefix;
  if (text.empty() || is_digit(text[0])) {
    t.number = true;
    t.text = strip_leading_zeros(text);
    return t;
  }
  t.text = text;
  t.rank = qualifier_rank(text, followed_by_digit);
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
      if (t.number) {
        out += t.text.empty() ? std::string_view("0") : t.text;
      } else if (t.rank == kUnknownRank) {
        for (char c : t.text) out += to_lower(c);
      } else {
        // A release qualifier that survives trimming is spelled "ga" so that it stays visible.
        out += t.rank == kReleaseRank ? std::string_view("ga") : kQualifiers[t.rank];
      }
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
