// Private: one engine for the SemVer-shaped schemes (semver, npm, go, cargo, nuget, hex, pub, swift),
// each of which is a set of rules in its own file.
#pragma once

#include <string_view>

#include "sbom/version.h"

namespace sbom::version::detail {

/// What distinguishes one SemVer-shaped ecosystem from another.
struct SemverRules {
  std::string_view name;
  bool allow_v = false;         ///< a leading 'v' is valid
  bool require_v = false;       ///< a leading 'v' is required (Go)
  bool allow_eq = false;        ///< a leading '=' is valid (npm)
  int min_parts = 3;            ///< numeric parts a valid version has at least ...
  int max_parts = 3;            ///< ... and at most
  bool leading_zeros = false;   ///< "01" is valid (NuGet)
  bool fold_case = false;       ///< pre-release labels compare case-insensitively (NuGet)
  bool build_orders = false;    ///< build metadata sorts after none and by identifiers (Pub)
  bool only_incompatible_build = false;  ///< the only build metadata is "+incompatible" (Go)
  bool shorthand_without_suffix = false; ///< fewer parts only without pre-release/build (Go)
  // normalize():
  bool normal_v = false;            ///< write a leading 'v' (Go)
  bool normal_pad = false;          ///< write missing minor/patch as 0 (Go, NuGet)
  bool normal_drop_zero_fourth = false;  ///< drop a fourth part that is 0 (NuGet)
  bool normal_drop_build = false;   ///< drop build metadata (npm, NuGet; Go keeps +incompatible)
};

/// A Scheme over SemverRules. compare() accepts, beyond valid versions, the shapes found in
/// advisory data: a leading 'v', fewer or more than three numeric parts (missing parts are 0,
/// extra parts compare numerically) and leading zeros; validate() applies the ecosystem's rules.
class SemverFamily final : public Scheme {
 public:
  explicit SemverFamily(const SemverRules& rules) : rules_(rules) {}
  std::string_view name() const override { return rules_.name; }
  Status validate(std::string_view v) const override;
  Expected<std::string> normalize(std::string_view v) const override;
  Expected<Order> compare(std::string_view a, std::string_view b) const override;

 private:
  SemverRules rules_;
};

}  // namespace sbom::version::detail
