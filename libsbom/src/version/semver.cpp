// Semantic Versioning 2.0.0 (semver.org), strict: MAJOR.MINOR.PATCH[-pre][+build], build ignored.
#include "version/schemes.h"
#include "version/semver_family.h"

namespace sbom::version {

const Scheme& semver_scheme() {
  static const detail::SemverFamily scheme(detail::SemverRules{.name = "semver"});
  return scheme;
}

}  // namespace sbom::version
