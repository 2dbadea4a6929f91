// Version semantics: one interface, one implementation file per ecosystem.
#pragma once

#include <string>
#include <string_view>
#include <vector>

#include "sbom/error.h"

namespace sbom::version {

enum class Order { Less = -1, Equal = 0, Greater = 1 };

/// The comparison rules of one family of package ecosystems (dpkg, rpm, PEP 440, ...).
/// Implementations are stateless singletons; every call is thread-safe.
class Scheme {
 public:
  virtual ~Scheme() = default;
  /// Short stable name: "dpkg", "rpm", "apk", "semver", "go", "npm", "cargo", "pep440",
  /// "maven", "rubygems", "nuget", "composer", "hex", "pub", "cran", "hackage", "swift".
  virtual std::string_view name() const = 0;
  /// Ok if `v` is a valid version of this scheme; otherwise an error saying why.
  virtual Status validate(std::string_view v) const = 0;
  /// The canonical spelling of `v` (e.g. PEP 440 "1.0RC1" -> "1.0rc1"); error if invalid.
  virtual Expected<std::string> normalize(std::string_view v) const = 0;
  /// Orders two versions; the error names the version that is invalid. Accepts what the
  /// ecosystem's own tools order (rpm and apk order any string; SemVer-shaped schemes also take
  /// the shapes found in advisories, such as a leading 'v'), so it may accept what validate() rejects.
  virtual Expected<Order> compare(std::string_view a, std::string_view b) const = 0;
};

/// The scheme with this name (see Scheme::name), or nullptr.
const Scheme* find_scheme(std::string_view name);

/// Names of every scheme, sorted.
std::vector<std::string_view> scheme_names();

/// The Go toolchain's version (the `stdlib` package) as the SemVer OSV's Go
/// ecosystem writes it: "go1.19", "1.19" and "v1.19" -> "1.19.0", "go1.20.12" -> "1.20.12",
/// "go1.21rc2" -> "1.21.0-rc.2". The error says why `v` is not a Go release.
Expected<std::string> go_toolchain_semver(std::string_view v);
/// The same for a version that may be a Go toolchain's own spelling (Syft, Grype and their VEX
/// write pkg:golang/stdlib@go1.20.12): "go1.20.12" -> "1.20.12"; anything that does not start
/// with "go" and a digit, or is no Go release, is returned as it is.
std::string go_toolchain_spelling(std::string_view v);

}  // namespace sbom::version
