// Tests of the Go module version scheme.
#include <catch2/catch.hpp>

#include "helpers.h"
#include "version/schemes.h"

using namespace sbom::version;
using namespace sbom::version::testing;

TEST_CASE("go requires v, allows shorthands and +incompatible", "[go]") {
  const Scheme& s = go_scheme();
  CHECK(why_invalid(s, "v1.2.3") == "");
  CHECK(why_invalid(s, "v1") == "");
  CHECK(why_invalid(s, "v1.2") == "");
  CHECK(why_invalid(s, "v2.0.0+incompatible") == "");
  CHECK(why_invalid(s, "v0.0.0-20191109021931-daa7c04131f5") == "");
  CHECK(why_invalid(s, "1.2.3") == "invalid go version '1.2.3': must start with 'v'");
  CHECK(why_invalid(s, "v1.2-pre") ==
        "invalid go version 'v1.2-pre': a shortened version cannot have a pre-release or build suffix");
  CHECK(why_invalid(s, "v1.2.3+meta") == "invalid go version 'v1.2.3+meta': the only build suffix allowed is '+incompatible'");
  CHECK(why_invalid(s, "v1.2.3.4") == "invalid go version 'v1.2.3.4': expected one to three numbers");
}

TEST_CASE("go orders pseudo-versions as pre-releases", "[go]") {
  const Scheme& s = go_scheme();
  CHECK(cmp(s, "v0.0.0-20191109021931-daa7c04131f5", "v0.0.0-20200101000000-aaaaaaaaaaaa") == "<");
  CHECK(cmp(s, "v0.0.0-20191109021931-daa7c04131f5", "v0.0.1") == "<");
  CHECK(cmp(s, "v1.2.4-0.20191109021931-daa7c04131f5", "v1.2.3") == ">");  // after v1.2.3, before v1.2.4
  CHECK(cmp(s, "v1.2.4-0.20191109021931-daa7c04131f5", "v1.2.4") == "<");
  CHECK(cmp(s, "v2.0.0+incompatible", "v2.0.0") == "=");
  CHECK(cmp(s, "1.2.3", "v1.2.3") == "=");  // OSV writes Go versions without the v
  CHECK(cmp(s, "v1.2", "v1.2.0") == "=");
}

TEST_CASE("go normalises to canonical module versions", "[go]") {
  const Scheme& s = go_scheme();
  CHECK(norm(s, "v1.2") == "v1.2.0");
  CHECK(norm(s, "v1") == "v1.0.0");
  CHECK(norm(s, "v2.0.0+incompatible") == "v2.0.0+incompatible");
  CHECK(norm(s, "1.2.3") == "error: invalid go version '1.2.3': must start with 'v'");
}

TEST_CASE("go toolchain releases as OSV's SemVer", "[go]") {
  auto semver = [](std::string_view v) {
    auto r = go_toolchain_semver(v);
    return r ? *r : "error: " + r.error().message;
  };
  CHECK(semver("go1.19") == "1.19.0");
  CHECK(semver("1.19") == "1.19.0");
  CHECK(semver("v1.19") == "1.19.0");
  CHECK(semver("go1.20.12") == "1.20.12");
  CHECK(semver("v1.20.12") == "1.20.12");
  CHECK(semver("1.20.12") == "1.20.12");
  CHECK(semver("go1") == "1.0.0");
  CHECK(semver("go1.21rc2") == "1.21.0-rc.2");
  CHECK(semver("go1.9beta1") == "1.9.0-beta.1");
  CHECK(semver("1.21.0-rc.2") == "1.21.0-rc.2");
  CHECK(semver("go1.x") ==
        "error: invalid Go toolchain version 'go1.x': expected a number (expected e.g. go1.21.3, go1.21rc2, 1.21 or v1.21.3)");
  CHECK(semver("go1.21.3.4").substr(0, 6) == "error:");
  CHECK(semver("go1.021").substr(0, 6) == "error:");
  CHECK(semver("go1.21rc").substr(0, 6) == "error:");
  CHECK(semver("").substr(0, 6) == "error:");
}

TEST_CASE("go toolchain spellings in the form advisories use, anything else as it is", "[go]") {
  CHECK(sbom::version::go_toolchain_spelling("go1.20.12") == "1.20.12");
  CHECK(sbom::version::go_toolchain_spelling("go1.19") == "1.19.0");
  CHECK(sbom::version::go_toolchain_spelling("go1") == "1.0.0");
  CHECK(sbom::version::go_toolchain_spelling("go1.21rc2") == "1.21.0-rc.2");
  CHECK(sbom::version::go_toolchain_spelling("1.20.12") == "1.20.12");
  CHECK(sbom::version::go_toolchain_spelling("v1.2.3") == "v1.2.3");
  CHECK(sbom::version::go_toolchain_spelling("gopher") == "gopher");
  CHECK(sbom::version::go_toolchain_spelling("go1..2") == "go1..2");
}
