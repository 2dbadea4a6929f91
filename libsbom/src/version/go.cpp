// Go module versions: SemVer with a required 'v', vMAJOR[.MINOR] shorthands, +incompatible; pseudo-versions order as pre-releases.
#include "version/schemes.h"
#include "version/semver_family.h"

namespace sbom::version {

const Scheme& go_scheme() {
  static const detail::SemverFamily scheme(detail::SemverRules{.name = "go", .require_v = true, .min_parts = 1, .only_incompatible_build = true, .shorthand_without_suffix = true, .normal_v = true, .normal_pad = true, .normal_drop_build = true});
  return scheme;
}

}  // namespace sbom::version
