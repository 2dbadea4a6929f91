// Go module versions: SemVer with a required 'v', vMAJOR[.MINOR] shorthands, +incompatible; pseudo-versions order as pre-releases.
// Also the Go toolchain's own release names (go1.19, go1.21rc2) as the SemVer OSV's Go ecosystem uses.
#include "version/schemes.h"
#include "version/semver_family.h"
#include "version/text.h"

namespace sbom::version {

const Scheme& go_scheme() {
  static const detail::SemverFamily scheme(detail::SemverRules{.name = "go", .require_v = true, .min_parts = 1, .only_incompatible_build = true, .shorthand_without_suffix = true, .normal_v = true, .normal_pad = true, .normal_drop_build = true});
  return scheme;
}

Expected<std::string> go_toolchain_semver(std::string_view v) {
  using detail::is_digit;
  using detail::is_lower;
  const std::string_view given = v;
  auto invalid = [&](std::string_view why) {
    return Error("invalid Go toolchain version '" + detail::printable(given) + "': " + std::string(why) +
                 " (expected e.g. go1.21.3, go1.21rc2, 1.21 or v1.21.3)");
  };
  if (v.substr(0, 2) == "go") v.remove_prefix(2);
  else if (v.substr(0, 1) == "v") v.remove_prefix(1);
  std::string out;
  int fields = 0;
  for (;;) {
    std::size_t n = 0;
    while (n < v.size() && is_digit(v[n])) ++n;
    if (n == 0) return invalid("expected a number");
    if (n > 1 && v[0] == '0') return invalid("a number has a leading zero");
    out.append(v.substr(0, n));
    v.remove_prefix(n);
    ++fields;
    if (fields == 3 || v.empty() || v[0] != '.') break;
    out += '.';
    v.remove_prefix(1);
  }
  // Go names x.y.0 "goX.Y" (from 1.21 on, x.y.0 too), and puts a pre-release right after the numbers.
  for (; fields < 3; ++fields) out += ".0";
  if (v.empty()) return out;
  if (v[0] == '-') {  // already SemVer: 1.21.0-rc.2
    v.remove_prefix(1);
    if (v.empty()) return invalid("empty pre-release");
    for (char c : v)
      if (!detail::is_alnum(c) && c != '.') return invalid("unexpected character in the pre-release");
    return out + "-" + std::string(v);
  }
  std::size_t word = 0;
  while (word < v.size() && is_lower(v[word])) ++word;
  std::size_t num = word;
  while (num < v.size() && is_digit(v[num])) ++num;
  if (word == 0 || num == word || num != v.size()) return invalid("unexpected text after the release numbers");
  return out + "-" + std::string(v.substr(0, word)) + "." + std::string(v.substr(word));
}

std::string go_toolchain_spelling(std::string_view v) {
  if (v.size() < 3 || v.substr(0, 2) != "go" || !detail::is_digit(v[2])) return std::string(v);
  auto semver = go_toolchain_semver(v);
  return semver ? *semver : std::string(v);
}

}  // namespace sbom::version
