// Packagist (Composer) versions: ordering as OSV defines it for Packagist (PHP version_compare over
// the canonical form, special forms matched by prefix), normalisation as Composer's
// VersionParser::normalize writes `version_normalized`.
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
using detail::is_alnum;
using detail::is_digit;
using detail::to_lower;

constexpr std::string_view kName = "composer";

Status check_composer(std::string_view v) {
  if (v.empty()) return invalid_version(kName, v, "empty version");
  for (std::size_t i = 0; i < v.size(); ++i) {
    const auto c = static_cast<unsigned char>(v[i]);
    if (c <= 0x20 || c >= 0x7f) {
      return invalid_version(kName, v, "unexpected character at offset " + std::to_string(i));
    }
  }
  for (char c : v) {
    if (is_alnum(c)) return Ok{};
  }
  return invalid_version(kName, v, "no letter or digit");
}

// --- ordering ---

bool is_separator(char c) { return c == '.' || c == '-' || c == '_' || c == '+'; }

// The parts PHP's canonical form splits into: separators become '.', and digit runs and other
// runs are cut apart. Empty parts ("1..2") are kept, as the canonical form keeps them.
std::vector<std::string_view> parts(std::string_view v) {
  if (!v.empty() && (v[0] == 'v' || v[0] == 'V')) v.remove_prefix(1);
  std::vector<std::string_view> out;
  std::size_t start = 0;
  for (std::size_t i = 0; i <= v.size(); ++i) {
    if (i == v.size() || is_separator(v[i])) {
      const std::string_view field = v.substr(start, i - start);
      std::size_t from = 0;
      for (std::size_t k = 1; k <= field.size(); ++k) {
        if (k == field.size() || is_digit(field[k]) != is_digit(field[k - 1])) {
          out.push_back(field.substr(from, k - from));
          from = k;
        }
      }
      if (field.empty()) out.push_back(field);
      start = i + 1;
    }
  }
  return out;
}

bool is_number(std::string_view p) { return !p.empty() && is_digit(p[0]); }

// any other string < dev < alpha = a < beta = b < RC = rc < # < pl = p. As in PHP's
// version_compare, a part takes the rank of the first form it starts with (case-sensitively), so
// "patch", "post" and "p1" rank as "pl" (a patch level after the release: 1.0.0 < 1.0.0-patch1,
// 3.0.0b1 < 3.0.0b1.post1), "develop" as "dev" and "abc" as "alpha".
int special_rank(std::string_view p) {
  struct Form {
    std::string_view text;
    int rank;
  };
  static constexpr Form kForms[] = {{"dev", 0}, {"alpha", 1}, {"a", 1}, {"beta", 2}, {"b", 2},
                                    {"RC", 3},  {"rc", 3},    {"#", 4}, {"pl", 5},   {"p", 5}};
  for (const Form& f : kForms) {
    if (p.substr(0, f.text.size()) == f.text) return f.rank;
  }
  return -1;
}

int compare_parts(std::string_view a, std::string_view b) {
  if (is_number(a) && is_number(b)) return compare_numeric(a, b);
  // A number stands for "#" against a word: after RC, before a patch level.
  const int ra = special_rank(is_number(a) ? "#" : a), rb = special_rank(is_number(b) ? "#" : b);
  return ra < rb ? -1 : (ra > rb ? 1 : 0);
}

// What is left of the longer version decides: a number makes it newer; otherwise its words are
// weighed against "#" (so 1.0pl1 > 1.0 > 1.0RC1).
int compare_rest(const std::vector<std::string_view>& rest, std::size_t i) {
  for (; i < rest.size(); ++i) {
    if (is_number(rest[i])) return 1;
    const int c = compare_parts(rest[i], "#");
    if (c != 0) return c;
  }
  return 0;
}

int compare_versions(std::string_view a, std::string_view b) {
  const std::vector<std::string_view> x = parts(a), y = parts(b);
  const std::size_t n = x.size() < y.size() ? x.size() : y.size();
  for (std::size_t i = 0; i < n; ++i) {
    const int c = compare_parts(x[i], y[i]);
    if (c != 0) return c;
  }
  if (x.size() > n) return compare_rest(x, n);
  if (y.size() > n) return -compare_rest(y, n);
  return 0;
}

// --- normalisation (Composer's VersionParser::normalize) ---

bool starts_with_ci(std::string_view s, std::string_view word) {
  if (s.size() < word.size()) return false;
  for (std::size_t i = 0; i < word.size(); ++i) {
    if (to_lower(s[i]) != word[i]) return false;
  }
  return true;
}

bool ends_with_ci(std::string_view s, std::string_view word) {
  return s.size() >= word.size() && starts_with_ci(s.substr(s.size() - word.size()), word);
}

std::size_t digits_end(std::string_view s, std::size_t i) {
  while (i < s.size() && is_digit(s[i])) ++i;
  return i;
}

// Composer's stability modifier: [._-]?(stable|beta|b|RC|alpha|a|patch|pl|p)((?:[.-]?\d+)*)?([.-]?dev)?
// matched against the whole of `s`, case-insensitively; appends its normalised form to `out`.
bool normalize_modifier(std::string_view s, std::string& out) {
  std::size_t i = 0;
  if (i < s.size() && (s[i] == '.' || s[i] == '_' || s[i] == '-')) ++i;
  static constexpr std::string_view kStabilities[] = {"stable", "beta", "b",     "rc", "alpha",
                                                      "a",      "patch", "pl", "p"};
  std::string_view stability;
  for (std::string_view word : kStabilities) {
    if (starts_with_ci(s.substr(i), word)) {
      stability = s.substr(i, word.size());
      i += word.size();
      break;
    }
  }
  std::string_view numbers;
  if (!stability.empty()) {
    const std::size_t start = i;
    while (true) {
      std::size_t j = i;
      if (j < s.size() && (s[j] == '.' || s[j] == '-')) ++j;
      const std::size_t end = digits_end(s, j);
      if (end == j) break;
      i = end;
    }
    numbers = s.substr(start, i - start);
  }
  bool dev = false;
  {
    std::size_t j = i;
    if (j < s.size() && (s[j] == '.' || s[j] == '-')) ++j;
    if (starts_with_ci(s.substr(j), "dev")) {
      dev = true;
      i = j + 3;
    }
  }
  if (i != s.size()) return false;
  if (!stability.empty()) {
    if (stability == "stable") return true;  // Composer drops even a -dev after an explicit "stable"
    std::string word;
    for (char c : stability) word += to_lower(c);
    if (word == "a") word = "alpha";
    if (word == "b") word = "beta";
    if (word == "p" || word == "pl") word = "patch";
    if (word == "rc") word = "RC";
    while (!numbers.empty() && (numbers[0] == '.' || numbers[0] == '-')) numbers.remove_prefix(1);
    out += '-';
    out += word;
    out += numbers;
  }
  if (dev) out += "-dev";
  return true;
}

// Reads v?N(.N){0,3} from the start of `s` into `version` as four numbers, `fill` standing for each
// missing one and, when `wildcards`, for an x, X or * in place of one. Returns where it stopped, or
// npos when `s` does not start with a number of at most `max_digits` digits.
std::size_t read_numbers(std::string_view s, std::size_t max_digits, bool wildcards, std::string_view fill,
                         std::string& version) {
  std::size_t i = (!s.empty() && (s[0] == 'v' || s[0] == 'V')) ? 1 : 0;
  std::size_t end = digits_end(s, i);
  if (end == i || end - i > max_digits) return std::string_view::npos;
  version.assign(s.substr(i, end - i));
  i = end;
  for (int k = 0; k < 3; ++k) {
    const bool dot = i + 1 < s.size() && s[i] == '.';
    if (dot && is_digit(s[i + 1])) {
      end = digits_end(s, i + 1);
      version += s.substr(i, end - i);
      i = end;
      continue;
    }
    if (dot && wildcards && (s[i + 1] == 'x' || s[i + 1] == 'X' || s[i + 1] == '*')) i += 2;
    version += '.';
    version += fill;
  }
  return i;
}

// v?\d{1,5}(\.\d+){0,3} + modifier, padded to four numbers.
bool normalize_classical(std::string_view s, std::string& out) {
  std::string version;
  const std::size_t i = read_numbers(s, 5, false, "0", version);
  if (i == std::string_view::npos || !normalize_modifier(s.substr(i), version)) return false;
  out = std::move(version);
  return true;
}

// Does `s` match \d{4}([.:-]?\d{2}){1,6}([.:-]?\d{1,3}){0,2} in full? Tries every split of the digits.
bool match_datetime(std::string_view s, std::size_t i, int pairs, int tails) {
  if (i == s.size()) return pairs >= 1;
  std::size_t j = i;
  if (s[j] == '.' || s[j] == ':' || s[j] == '-') ++j;
  if (tails == 0 && pairs < 6 && j + 2 <= s.size() && is_digit(s[j]) && is_digit(s[j + 1]) &&
      match_datetime(s, j + 2, pairs + 1, 0)) {
    return true;
  }
  if (pairs >= 1 && tails < 2) {
    for (std::size_t len = 1; len <= 3 && j + len <= s.size() && is_digit(s[j + len - 1]); ++len) {
      if (match_datetime(s, j + len, pairs, tails + 1)) return true;
    }
  }
  return false;
}

// Date-based versions: the digits and their separators, each separator written as '.'.
bool normalize_datetime(std::string_view s, std::string& out) {
  std::size_t i = (!s.empty() && (s[0] == 'v' || s[0] == 'V')) ? 1 : 0;
  std::size_t end = i;
  while (end < s.size() && (is_digit(s[end]) || s[end] == '.' || s[end] == ':' || s[end] == '-')) ++end;
  while (end > i && !is_digit(s[end - 1])) --end;
  const std::string_view stamp = s.substr(i, end - i);
  if (stamp.size() < 4 || digits_end(stamp, 0) < 4 || !match_datetime(stamp, 4, 0, 0)) return false;
  std::string version;
  for (char c : stamp) version += is_digit(c) ? c : '.';
  if (!normalize_modifier(s.substr(end), version)) return false;
  out = std::move(version);
  return true;
}

// A numeric branch such as "2.1.x" (from "2.1.x-dev"): missing or wildcard parts become 9999999.
bool normalize_numeric_branch(std::string_view s, std::string& out) {
  std::string version;
  const std::size_t i = read_numbers(s, std::string_view::npos, true, "9999999", version);
  if (i != s.size()) return false;
  out = version + "-dev";
  return true;
}

Expected<std::string> composer_normalize(std::string_view original) {
  std::string_view v = original;
  // A trailing @stability flag belongs to constraints; Composer drops it.
  for (std::string_view flag : {"@stable", "@rc", "@beta", "@alpha", "@dev"}) {
    if (ends_with_ci(v, flag)) {
      v.remove_suffix(flag.size());
      break;
    }
  }
  if (v == "master" || v == "trunk" || v == "default") return "dev-" + std::string(v);
  if (starts_with_ci(v, "dev-")) return "dev-" + std::string(v.substr(4));
  if (const std::size_t plus = v.find('+'); plus != std::string_view::npos && plus > 0 && plus + 1 < v.size()) {
    v = v.substr(0, plus);  // build metadata does not take part
  }
  std::string out;
  if (normalize_classical(v, out) || normalize_datetime(v, out)) return out;
  if (ends_with_ci(v, "dev")) {
    std::string_view branch = v.substr(0, v.size() - 3);
    if (!branch.empty() && (branch.back() == '.' || branch.back() == '-')) branch.remove_suffix(1);
    if (normalize_numeric_branch(branch, out)) return out;
  }
  return invalid_version(kName, original, "not a version composer can normalise");
}

class ComposerScheme final : public detail::CheckedScheme {
 public:
  std::string_view name() const override { return "composer"; }

 protected:
  Status check(std::string_view v) const override { return check_composer(v); }
  Expected<std::string> canonical(std::string_view v) const override { return composer_normalize(v); }
  int order(std::string_view a, std::string_view b) const override { return compare_versions(a, b); }
};

}  // namespace

const Scheme& composer_scheme() {
  static const ComposerScheme scheme;
  return scheme;
}

}  // namespace sbom::version
