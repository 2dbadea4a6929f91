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
        "error: pkg:rpm/redhat: Red Hat advisories are scoped by product stream (CPE), which a purl does not carry");
  CHECK(eco("rpm", "amzn", "2023") == "error: no OSV ecosystem for pkg:rpm/amzn");
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
