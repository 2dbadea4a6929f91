// Tests of the OSV ecosystem map: every schema ecosystem known, releases split and checked, no guesses.
#include <catch2/catch.hpp>

#include <cstdlib>
#include <fstream>
#include <sstream>
#include <string>

#include "sbom/ecosystem.h"

using namespace sbom::version;

namespace {

std::string scheme_of(std::string_view osv) {
  auto r = ecosystem_scheme(osv);
  return r ? std::string((*r)->name()) : "error: " + r.error().message;
}

std::string split(std::string_view osv) {
  auto r = parse_ecosystem(osv);
  return r ? r->name + "|" + r->release : "error: " + r.error().message;
}

}  // namespace

TEST_CASE("OS ecosystems map to their package manager's order", "[ecosystem]") {
  CHECK(scheme_of("Debian:12") == "dpkg");
  CHECK(scheme_of("Debian") == "dpkg");
  CHECK(scheme_of("Ubuntu:22.04:LTS") == "dpkg");
  CHECK(scheme_of("Ubuntu:Pro:18.04:LTS") == "dpkg");
  CHECK(scheme_of("Ubuntu:24.10") == "dpkg");
  CHECK(scheme_of("Alpine:v3.19") == "apk");
  CHECK(scheme_of("Wolfi") == "apk");
  CHECK(scheme_of("Chainguard") == "apk");
  CHECK(scheme_of("Rocky Linux:9") == "rpm");
  CHECK(scheme_of("AlmaLinux:8") == "rpm");
  CHECK(scheme_of("Red Hat:enterprise_linux:9::appstream") == "rpm");
  CHECK(scheme_of("openSUSE:Leap 15.5") == "rpm");
  CHECK(scheme_of("SUSE:Linux Enterprise Server 15 SP5") == "rpm");
  CHECK(scheme_of("Photon OS:5.0") == "rpm");
  CHECK(scheme_of("Azure Linux:3") == "rpm");
  CHECK(scheme_of("Echo") == "dpkg");
  CHECK(scheme_of("Root:Alpine:3.18") == "apk");
  CHECK(scheme_of("Root:Debian:12") == "dpkg");
  CHECK(scheme_of("Root:npm") == "npm");
}

TEST_CASE("language ecosystems map to their scheme", "[ecosystem]") {
  CHECK(scheme_of("npm") == "npm");
  CHECK(scheme_of("Go") == "go");
  CHECK(scheme_of("crates.io") == "cargo");
  CHECK(scheme_of("NuGet") == "nuget");
  CHECK(scheme_of("Hex") == "hex");
  CHECK(scheme_of("Pub") == "pub");
  CHECK(scheme_of("SwiftURL") == "swift");
  CHECK(scheme_of("Bitnami") == "semver");
  CHECK(split("Maven:https://maven.google.com") == "Maven|https://maven.google.com");
}

TEST_CASE("ecosystem strings split into name and release", "[ecosystem]") {
  CHECK(split("Debian:12") == "Debian|12");
  CHECK(split("Ubuntu:Pro:18.04:LTS") == "Ubuntu|Pro:18.04:LTS");
  CHECK(split("Rocky Linux:9") == "Rocky Linux|9");
  CHECK(split("PyPI") == "PyPI|");
  auto e = parse_ecosystem("Alpine:v3.19");
  REQUIRE(e);
  CHECK(e->to_string() == "Alpine:v3.19");
  CHECK(e->scheme != nullptr);
}

TEST_CASE("unknown, unordered and malformed ecosystems are errors", "[ecosystem]") {
  CHECK(scheme_of("Foo") == "error: unknown ecosystem 'Foo'");
  CHECK(scheme_of("") == "error: unknown ecosystem ''");
  CHECK(scheme_of("pypi") == "error: unknown ecosystem 'pypi' (did you mean 'PyPI'?)");
  CHECK(scheme_of("debian:12") == "error: unknown ecosystem 'debian:12' (did you mean 'Debian'?)");
  CHECK(scheme_of("GIT") == "error: ecosystem 'GIT' has no version order");
  CHECK(scheme_of("Linux") == "error: ecosystem 'Linux' has no version order");
  CHECK(scheme_of("Android") == "error: ecosystem 'Android' has no version order");
  CHECK(scheme_of("Alpine:3.19") ==
        "error: ecosystem 'Alpine:3.19': an Alpine release is written 'v<major>.<minor>', e.g. 'Alpine:v3.19'");
  CHECK(scheme_of("Alpine") ==
        "error: ecosystem 'Alpine': an Alpine release is written 'v<major>.<minor>', e.g. 'Alpine:v3.19'");
  CHECK(scheme_of("Ubuntu:22.04") ==
        "error: ecosystem 'Ubuntu:22.04': Ubuntu 22.04 is an LTS release, written 'Ubuntu:22.04:LTS'");
  CHECK(scheme_of("Ubuntu") ==
        "error: ecosystem 'Ubuntu': an Ubuntu ecosystem names its release, e.g. 'Ubuntu:22.04:LTS'");
  CHECK(scheme_of("Debian:") == "error: ecosystem 'Debian:': empty release after ':'");
  CHECK(scheme_of("Root") ==
        "error: ecosystem 'Root': a Root ecosystem names its variant, e.g. 'Root:Alpine:3.18' or 'Root:PyPI'");
  CHECK(scheme_of("Root:Foo") == "error: ecosystem 'Root:Foo': unknown Root variant 'Foo'");
}

TEST_CASE("resolve_scheme accepts scheme names and OSV ecosystems", "[ecosystem]") {
  auto a = resolve_scheme("dpkg");
  REQUIRE(a);
  CHECK((*a)->name() == "dpkg");
  auto b = resolve_scheme("Debian:12");
  REQUIRE(b);
  CHECK(*b == *a);
  CHECK(!resolve_scheme("nope"));
}

TEST_CASE("every ecosystem of the OSV schema is known", "[ecosystem]") {
  const char* root = std::getenv("SBOMKIT_SHARED");
  std::ifstream in(std::string(root ? root : "") + "/data/schemas/osv/ecosystems.json");
  if (!root || !in) {
    WARN("SKIPPED: SBOMKIT_SHARED/data/schemas/osv/ecosystems.json not found");
    return;
  }
  std::stringstream ss;
  ss << in.rdbuf();
  std::string text = ss.str();
  // The file is one object; its keys are the strings right after `{` or `,\n` and before `":`.
  std::size_t count = 0;
  for (std::size_t pos = 0; (pos = text.find("\n  \"", pos)) != std::string::npos;) {
    pos += 4;
    std::size_t end = text.find('"', pos);
    std::string name = text.substr(pos, end - pos);
    ++count;
    INFO(name);
    auto e = parse_ecosystem(name == "Alpine" ? "Alpine:v3.19" : name == "Ubuntu" ? "Ubuntu:24.04:LTS"
                             : name == "Root" ? "Root:PyPI" : name);
    CHECK(e);
    bool listed = false;
    for (auto n : ecosystem_names()) listed = listed || n == name;
    CHECK(listed);
  }
  CHECK(count >= 48);
}

TEST_CASE("ecosystem_scheme_name lists what each ecosystem orders by", "[ecosystem]") {
  CHECK(ecosystem_scheme_name("Alpine") == "apk");
  CHECK(ecosystem_scheme_name("PyPI") == "pep440");
  CHECK(ecosystem_scheme_name("GIT") == "");
  CHECK(ecosystem_scheme_name("Root") == "(variant)");
  CHECK(ecosystem_scheme_name("Nope") == "");
}
