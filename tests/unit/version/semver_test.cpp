// Tests of the SemVer engine through the strict semver scheme: precedence, tolerance, errors.
#include <catch2/catch.hpp>

#include "helpers.h"
#include "version/schemes.h"

using namespace sbom::version;
using namespace sbom::version::testing;

TEST_CASE("semver precedence (semver.org section 11)", "[semver]") {
  const Scheme& s = semver_scheme();
  const char* chain[] = {"1.0.0-alpha", "1.0.0-alpha.1", "1.0.0-alpha.beta", "1.0.0-beta", "1.0.0-beta.2",
                         "1.0.0-beta.11", "1.0.0-rc.1", "1.0.0", "1.0.1", "1.1.0", "2.0.0"};
  for (std::size_t i = 0; i + 1 < std::size(chain); ++i) {
    INFO(chain[i] << " < " << chain[i + 1]);
    CHECK(cmp(s, chain[i], chain[i + 1]) == "<");
    CHECK(cmp(s, chain[i + 1], chain[i]) == ">");
  }
  CHECK(cmp(s, "1.0.0+build.1", "1.0.0+build.2") == "=");  // build metadata does not order
  CHECK(cmp(s, "1.2.3-5-foo", "1.2.3-5") == ">");          // "5-foo" is a word, "5" a number
  CHECK(cmp(s, "1.2.3-r2", "1.2.3-r100") == ">");          // words compare as ASCII
  CHECK(cmp(s, "1.2.3-Foo", "1.2.3-foo") == "<");
  CHECK(cmp(s, "999999999999999999999999999991.0.0", "999999999999999999999999999999.0.0") == "<");
}

TEST_CASE("semver compare tolerates what advisories contain", "[semver]") {
  const Scheme& s = semver_scheme();
  CHECK(cmp(s, "v1.2.3", "1.2.3") == "=");
  CHECK(cmp(s, "1.2", "1.2.0") == "=");
  CHECK(cmp(s, "1", "1.0.1") == "<");
  CHECK(cmp(s, "1.2.3.4", "1.2.3") == ">");
  CHECK(cmp(s, "1.2.3.0", "1.2.3") == "=");
  CHECK(cmp(s, "x", "1.0.0") == "error: invalid semver version 'x': expected a number at the start");
  CHECK(cmp(s, "1.0.0", "1..0") == "error: invalid semver version '1..0': expected a number after '.'");
  CHECK(cmp(s, "1.0.0-", "1.0.0") == "error: invalid semver version '1.0.0-': empty pre-release identifier");
  CHECK(cmp(s, "1.0.0-a..b", "1") == "error: invalid semver version '1.0.0-a..b': empty pre-release identifier");
  CHECK(cmp(s, "1.0.0-a_b", "1") == "error: invalid semver version '1.0.0-a_b': invalid character in pre-release");
  CHECK(cmp(s, "1.0.0+", "1") == "error: invalid semver version '1.0.0+': empty build identifier");
  CHECK(cmp(s, "1.0.0+a/b", "1") == "error: invalid semver version '1.0.0+a/b': invalid character in build metadata");
  CHECK(cmp(s, "1.0.0 ", "1") == "error: invalid semver version '1.0.0 ': contains whitespace");
  CHECK(cmp(s, "1.0.0x", "1") == "error: invalid semver version '1.0.0x': unexpected character after the version");
  CHECK(cmp(s, "", "1") == "error: invalid semver version '': version is empty");
}

TEST_CASE("semver validation is strict SemVer 2.0.0", "[semver]") {
  const Scheme& s = semver_scheme();
  CHECK(why_invalid(s, "1.2.3-rc.1+build.5") == "");
  CHECK(why_invalid(s, "0.0.0") == "");
  CHECK(why_invalid(s, "1.2") == "invalid semver version '1.2': expected three numbers MAJOR.MINOR.PATCH");
  CHECK(why_invalid(s, "1.2.3.4") == "invalid semver version '1.2.3.4': expected three numbers MAJOR.MINOR.PATCH");
  CHECK(why_invalid(s, "v1.2.3") == "invalid semver version 'v1.2.3': a leading 'v' is not allowed");
  CHECK(why_invalid(s, "01.2.3") == "invalid semver version '01.2.3': number with a leading zero");
  CHECK(why_invalid(s, "1.2.3-01") ==
        "invalid semver version '1.2.3-01': numeric pre-release identifier with a leading zero");
  CHECK(why_invalid(s, "1.2.3-0a") == "");  // not numeric, so a leading zero is fine
  CHECK(norm(s, "1.2.3-rc.1+b") == "1.2.3-rc.1+b");
  CHECK(norm(s, "1.2") == "error: invalid semver version '1.2': expected three numbers MAJOR.MINOR.PATCH");
}
