// crates.io versions: SemVer 2.0.0 as Cargo's semver crate reads it, build metadata ignored.
#include "version/schemes.h"
#include "version/semver_family.h"

namespace sbom::version {

const Scheme& cargo_scheme() {
  static const detail::SemverFamily scheme(detail::SemverRules{.name = "cargo"});
  return scheme;
}

}  // namespace sbom::version
