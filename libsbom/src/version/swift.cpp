// SwiftURL versions: SemVer 2.0.0 git tags, which SwiftPM also accepts with a leading 'v'.
#include "version/schemes.h"
#include "version/semver_family.h"

namespace sbom::version {

const Scheme& swift_scheme() {
  static const detail::SemverFamily scheme(detail::SemverRules{.name = "swift", .allow_v = true});
  return scheme;
}

}  // namespace sbom::version
