// OSV ecosystems: their names, the version scheme each one orders by, and the ecosystem of a purl.
#pragma once

#include <string>
#include <string_view>
#include <vector>

#include "sbom/error.h"
#include "sbom/version.h"

namespace sbom::version {

/// An OSV ecosystem string split into its base name and release, e.g. "Ubuntu:Pro:18.04:LTS"
/// -> {"Ubuntu", "Pro:18.04:LTS"}, "Alpine:v3.19" -> {"Alpine", "v3.19"}.
struct Ecosystem {
  std::string name;     ///< base name exactly as OSV spells it ("Debian", "Rocky Linux", "PyPI")
  std::string release;  ///< everything after the first ':'; empty when there is none
  /// How versions of this ecosystem are ordered; nullptr when OSV defines no order for it
  /// (GIT, Android, Linux, ...): ranges there are by commit or enumerated versions.
  const Scheme* scheme = nullptr;

  /// "name" or "name:release".
  std::string to_string() const;
};

/// Splits and checks an OSV ecosystem string. Errors: "unknown ecosystem 'X'" (with a hint when
/// only the case differs), and a malformed release where OSV fixes its shape ("Alpine:3.19"
/// must be "Alpine:v3.19", "Ubuntu:22.04" must be "Ubuntu:22.04:LTS").
Expected<Ecosystem> parse_ecosystem(std::string_view osv);

/// The scheme that orders versions of an OSV ecosystem; an error when the ecosystem is unknown
/// or has no version order ("ecosystem 'GIT' has no version order").
Expected<const Scheme*> ecosystem_scheme(std::string_view osv);

/// A scheme by its own name ("dpkg", "pep440") or by OSV ecosystem ("Debian:12", "PyPI"),
/// as tools accept it from users.
Expected<const Scheme*> resolve_scheme(std::string_view name);

/// The OSV ecosystem base names known to this library, sorted as OSV lists them.
std::vector<std::string_view> ecosystem_names();

/// The scheme name an OSV ecosystem base name orders by: "" when it has no version order,
/// "(variant)" for Root, whose variants (Root:Alpine:3.18, Root:PyPI) decide; "" when unknown.
std::string_view ecosystem_scheme_name(std::string_view base);

/// The OSV ecosystem of a package URL, from its type, namespace and `distro` qualifier
/// (all as they appear in the purl; pass "" when absent):
/// ("deb", "debian", "debian-12") -> "Debian:12", ("apk", "alpine", "3.19.1") -> "Alpine:v3.19",
/// ("npm", "", "") -> "npm". Errors when the purl has no OSV ecosystem, or when an OS
/// package lacks the release OSV requires.
Expected<std::string> ecosystem_for_purl(std::string_view type, std::string_view ns, std::string_view distro);

/// Whether `distro` ("<os-release ID>-<VERSION_ID>", e.g. "almalinux-9.3") is the distro an OS
/// package's purl namespace names, by any of the names the peers write for it: ("rpm", "alma",
/// "almalinux-9.3") and ("rpm", "redhat", "rhel-9.2") are, ("deb", "ubuntu", "debian-12") is not.
bool namespace_names_distro(std::string_view type, std::string_view ns, std::string_view distro);

}  // namespace sbom::version
