// Go module versions: SemVer with a required 'v', vMAJOR[.MINOR] shorthands, +incompatible; pseudo-versions order as pre-releases.
#include "version/schemes.h"
#include "version/semver_family.h"

namespace sbom::version {

const Scheme& go_scheme() {
  static const detail::SemverFamily scheme(detail::SemverRules{.name = "go", .require_v = true, .min_parts = 1, .only_incompatible_build = true, .shorthand_without_suffix = true, .normal_v = true, .normal_pad = true, .normal_drop_build = true});
  return scheme;
}

std::string go_toolchain_semver(std::string_view v) {
  if (v.substr(0, 2) != "go" || v.size() < 3 || v[2] < '0' || v[2] > '9') return std::string(v);
  std::string_view rest = v.substr(2);
  // go1.21rc2: the release part, then a pre-release word and its number.
  std::size_t end = 0;
  int dots = 0;
  while (end < rest.size() && ((rest[end] >= '0' && rest[end] <= '9') || rest[end] == '.')) dots += rest[end++] == '.';
  std::string out(rest.substr(0, end));
  if (out.empty() || out.back() == '.' || out.find("..") != std::string::npos) return std::string(v);
  if (dots == 0) out += ".0.0";
  else if (dots == 1) out += ".0";
  if (end < rest.size()) {
    out += '-';
    out += rest.substr(end);
  }
  return out;
}

}  // namespace sbom::version
