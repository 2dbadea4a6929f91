// npm versions (node-semver): SemVer with a tolerated leading 'v' or '=', build metadata ignored.
#include "version/schemes.h"
#include "version/semver_family.h"

namespace sbom::version {

const Scheme& npm_scheme() {
  static const detail::SemverFamily scheme(detail::SemverRules{.name = "npm", .allow_v = true, .allow_eq = true, .normal_drop_build = true});
  return scheme;
}

}  // namespace sbom::version
