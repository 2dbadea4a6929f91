// Tests of the purl -> OSV ecosystem map.
#include <catch2/catch.hpp>

#include "sbom/ecosystem.h"

using namespace sbom::version;

namespace {

std::string eco(std::string_view type, std::string_view ns = "", std::string_view distro = "") {
  auto r = ecosystem_for_purl(type, ns, distro);
  return r ? *r : "error: " + r.error().message;
}

}  // namespace

TEST_CASE("Debian and Ubuntu releases from the distro qualifier", "[ecosystem][purl]") {
  CHECK(eco("deb", "debian", "debian-12") == "Debian:12");
  CHECK(eco("deb", "debian", "debian-12.15") == "Debian:12");
  CHECK(eco("deb", "debian", "bookworm") == "Debian:12");
  CHECK(eco("deb", "debian", "12") == "Debian:12");
  CHECK(eco("deb", "debian", "debian-3.1") == "Debian:3.1");
  CHECK(eco("deb", "debian", "sid") == "Debian:sid");
  CHECK(eco("deb", "ubuntu", "22.04") == "Ubuntu:22.04:LTS");
  CHECK(eco("deb", "ubuntu", "ubuntu-22.04") == "Ubuntu:22.04:LTS");
  CHECK(eco("deb", "ubuntu", "jammy") == "Ubuntu:22.04:LTS");
  CHECK(eco("deb", "ubuntu", "ubuntu-24.10") == "Ubuntu:24.10");
  CHECK(eco("deb", "ubuntu", "22.04.3") == "Ubuntu:22.04:LTS");
  CHECK(eco("deb", "ubuntu", "questing") == "Ubuntu:25.10");
  CHECK(eco("deb", "ubuntu", "dapper") == "Ubuntu:6.06:LTS");
  CHECK(eco("DEB", "Debian", "Debian-11") == "Debian:11");
  CHECK(eco("deb", "debian", "") ==
        "error: pkg:deb/debian has no distro qualifier: its release is unknown (expected e.g. distro=debian-12 or "
        "bookworm)");
  CHECK(eco("deb", "debian", "potatoes") ==
        "error: pkg:deb/debian: cannot read a release from distro 'potatoes' (expected e.g. distro=debian-12 or "
        "bookworm)");
}

TEST_CASE("apk and rpm distros", "[ecosystem][purl]") {
  CHECK(eco("apk", "alpine", "3.19.1") == "Alpine:v3.19");
  CHECK(eco("apk", "alpine", "alpine-3.18") == "Alpine:v3.18");
  CHECK(eco("apk", "alpine", "v3.20") == "Alpine:v3.20");
  CHECK(eco("apk", "wolfi", "") == "Wolfi");
  CHECK(eco("apk", "chainguard", "") == "Chainguard");
  CHECK(eco("rpm", "rocky", "rocky-9.3") == "Rocky Linux:9");
  CHECK(eco("rpm", "almalinux", "almalinux-8.9") == "AlmaLinux:8");
  CHECK(eco("rpm", "photon", "photon-5.0") == "Photon OS:5.0");
  CHECK(eco("rpm", "opensuse", "opensuse-leap-15.5") == "openSUSE:Leap 15.5");
  CHECK(eco("rpm", "opensuse", "opensuse-tumbleweed") == "openSUSE:Tumbleweed");
  CHECK(eco("apk", "alpine", "") ==
        "error: pkg:apk/alpine has no distro qualifier: its release is unknown (expected e.g. distro=3.19.1)");
  CHECK(eco("rpm", "redhat", "rhel-9.3") ==
        "error: no OSV ecosystem for pkg:rpm/redhat: Red Hat advisories are scoped by product stream (CPE), which a "
        "purl does not carry");
  CHECK(eco("rpm", "amzn", "2023") ==
        "error: no OSV ecosystem for pkg:rpm/amzn: Amazon Linux publishes its advisories (ALAS) outside OSV");
  CHECK(eco("rpm", "frobnix", "frobnix-1") == "error: no OSV ecosystem for pkg:rpm/frobnix: unknown distro namespace 'frobnix'");
}

// The namespaces and distro qualifiers Trivy, Syft and Grype write (Trivy: OS family, "alma-8.8";
// Syft and Grype: os-release ID, "almalinux-8.8").
TEST_CASE("every distro spelling of the peers maps to its OSV ecosystem, or says why none", "[ecosystem][purl]") {
  struct Row {
    const char* type;
    const char* ns;
    const char* distro;
    const char* want;
  };
  const Row rows[] = {
      {"rpm", "alma", "alma-8.8", "AlmaLinux:8"},
      {"rpm", "almalinux", "almalinux-9.3", "AlmaLinux:9"},
      {"rpm", "alma", "8.8", "AlmaLinux:8"},
      {"rpm", "rocky", "rocky-9.2", "Rocky Linux:9"},
      {"rpm", "photon", "photon-5.0", "Photon OS:5.0"},
      {"rpm", "cbl-mariner", "cbl-mariner-2.0", "Azure Linux:2.0"},
      {"rpm", "mariner", "mariner-2.0", "Azure Linux:2.0"},
      {"rpm", "azurelinux", "azurelinux-3.0", "Azure Linux:3.0"},
      {"rpm", "opensuse", "opensuse.leap-15.5", "openSUSE:Leap 15.5"},
      {"rpm", "opensuse.leap", "opensuse.leap-15.6", "openSUSE:Leap 15.6"},
      {"rpm", "opensuse-leap", "opensuse-leap-15.5", "openSUSE:Leap 15.5"},
      {"rpm", "opensuse.tumbleweed", "opensuse.tumbleweed-20240101", "openSUSE:Tumbleweed"},
      {"rpm", "opensuse-tumbleweed", "opensuse-tumbleweed-20240101", "openSUSE:Tumbleweed"},
      {"rpm", "sles", "sles-15.5", "SUSE:Linux Enterprise Server 15 SP5"},
      {"rpm", "suse", "sles-15", "SUSE:Linux Enterprise Server 15"},
      {"rpm", "sles", "15.0", "SUSE:Linux Enterprise Server 15"},
      {"rpm", "sle-micro", "sle-micro-5.5", "SUSE:Linux Enterprise Micro 5 SP5"},
      {"rpm", "mageia", "mageia-9", "Mageia:9"},
      {"apk", "wolfi", "wolfi-20230201", "Wolfi"},
      {"apk", "chainguard", "chainguard-20230214", "Chainguard"},
      {"apk", "alpine", "alpine-3.18.4", "Alpine:v3.18"},
      {"deb", "debian", "debian-12.1", "Debian:12"},
      {"deb", "ubuntu", "ubuntu-22.04", "Ubuntu:22.04:LTS"},
      {"RPM", "Alma", "Alma-8.8", "AlmaLinux:8"},
  };
  for (const Row& r : rows) {
    INFO(r.type << " " << r.ns << " " << r.distro);
    CHECK(eco(r.type, r.ns, r.distro) == r.want);
  }
  const Row none[] = {
      {"rpm", "centos", "centos-7.9.2009", "CentOS publishes no advisories to OSV"},
      {"rpm", "amazon", "amazon-2 (Karoo)", "Amazon Linux publishes its advisories (ALAS) outside OSV"},
      {"rpm", "amzn", "amzn-2023", "Amazon Linux publishes its advisories (ALAS) outside OSV"},
      {"rpm", "oracle", "oracle-8.8", "Oracle Linux publishes its advisories (ELSA) outside OSV"},
      {"rpm", "ol", "ol-9.2", "Oracle Linux publishes its advisories (ELSA) outside OSV"},
      {"rpm", "fedora", "fedora-39", "Fedora publishes its updates (Bodhi) outside OSV"},
      {"rpm", "rhel", "rhel-9.2", "Red Hat advisories are scoped by product stream"},
  };
  for (const Row& r : none) {
    INFO(r.ns);
    CHECK_THAT(eco(r.type, r.ns, r.distro),
               Catch::StartsWith(std::string("error: no OSV ecosystem for pkg:rpm/") + r.ns + ": " + r.want));
  }
  CHECK(eco("rpm", "alma", "") ==
        "error: pkg:rpm/alma has no distro qualifier: its release is unknown (expected e.g. distro=almalinux-9.3)");
  CHECK(eco("rpm", "azurelinux", "azurelinux-3") ==
        "error: pkg:rpm/azurelinux: cannot read a release from distro 'azurelinux-3' (expected e.g. distro=azurelinux-3.0)");
  CHECK(eco("deb", "alma", "alma-8") == "error: no OSV ecosystem for pkg:deb/alma: unknown distro namespace 'alma'");
}

TEST_CASE("language package types", "[ecosystem][purl]") {
  CHECK(eco("npm") == "npm");
  CHECK(eco("pypi") == "PyPI");
  CHECK(eco("golang", "github.com/x") == "Go");
  CHECK(eco("cargo") == "crates.io");
  CHECK(eco("gem") == "RubyGems");
  CHECK(eco("maven", "org.apache") == "Maven");
  CHECK(eco("nuget") == "NuGet");
  CHECK(eco("composer") == "Packagist");
  CHECK(eco("hex") == "Hex");
  CHECK(eco("pub") == "Pub");
  CHECK(eco("cran") == "CRAN");
  CHECK(eco("hackage") == "Hackage");
  CHECK(eco("swift") == "SwiftURL");
  CHECK(eco("generic") == "error: no OSV ecosystem for purl type 'generic'");
}
