// NuGet versions: SemVer 2.0.0 plus legacy four-part versions, case-insensitive pre-release labels.
#include "version/schemes.h"
#include "version/semver_family.h"

namespace sbom::version {

const Scheme& nuget_scheme() {
  static const detail::SemverFamily scheme(detail::SemverRules{.name = "nuget", .min_parts = 1, .max_parts = 4, .leading_zeros = true, .fold_case = true, .normal_pad = true, .normal_drop_zero_fourth = true, .normal_drop_build = true});
  return scheme;
}

}  // namespace sbom::version
