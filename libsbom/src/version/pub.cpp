// Pub (Dart) versions: SemVer 2.0.0 where, unlike SemVer, build metadata orders (after no build).
#include "version/schemes.h"
#include "version/semver_family.h"

namespace sbom::version {

const Scheme& pub_scheme() {
  static const detail::SemverFamily scheme(detail::SemverRules{.name = "pub", .build_orders = true});
  return scheme;
}

}  // namespace sbom::version
