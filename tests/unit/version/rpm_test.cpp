// Tests of the rpm scheme: rpmvercmp with '~' and '^', epoch:version-release, validation.
#include <catch2/catch.hpp>

#include "helpers.h"
#include "version/schemes.h"

using namespace sbom::version;
using namespace sbom::version::testing;

TEST_CASE("rpm orders like rpmvercmp", "[rpm]") {
  const Scheme& s = rpm_scheme();
  CHECK(cmp(s, "1.0", "1.0") == "=");
  CHECK(cmp(s, "1.0", "1.0.1") == "<");
  CHECK(cmp(s, "1.0a", "1.0") == ">");  // a trailing segment wins
  CHECK(cmp(s, "1.0", "1.0a") == "<");
  CHECK(cmp(s, "1a", "1.1") == "<");    // numeric segments are newer than alphabetic ones
  CHECK(cmp(s, "10.0001", "10.1") == "=");
  CHECK(cmp(s, "2_0", "2.0") == "=");   // any non-alphanumeric run only separates
  CHECK(cmp(s, "1.0~rc1", "1.0") == "<");
  CHECK(cmp(s, "1.0~rc1~git1", "1.0~rc1") == "<");
  CHECK(cmp(s, "1.0^git1", "1.0") == ">");
  CHECK(cmp(s, "1.0^git1", "1.0.1") == "<");
  CHECK(cmp(s, "1.0^git1~pre", "1.0^git1") == "<");
  CHECK(cmp(s, "1.1.\xce\xb1", "1.1.a") == "<");  // non-ASCII bytes are separators
  CHECK(cmp(s, "99999999999999999999999", "99999999999999999999998") == ">");
}

TEST_CASE("rpm splits epoch, version and release", "[rpm]") {
  const Scheme& s = rpm_scheme();
  CHECK(cmp(s, "1:1.0-1", "2.0-1") == ">");
  CHECK(cmp(s, "0:1.0-1", "1.0-1") == "=");
  CHECK(cmp(s, "1.0-2.el9", "1.0-10.el9") == "<");
  CHECK(cmp(s, "1.0", "1.0-1") == "<");  // a missing release sorts first
  CHECK(cmp(s, "1.0-1", "1.0-1.el9") == "<");
  CHECK(cmp(s, "0:3.10.0-229.el7", "0:3.10.0-229.1.2.ael7b") == "<");
  CHECK(cmp(s, "1.2-3-4", "1.2-3-5") == "<");  // the release follows the last '-'
  CHECK(cmp(s, "a:1", "b:1") == "<");          // not an epoch: part of the version
  CHECK(cmp(s, "", "1") == "error: invalid rpm version '': version is empty");
}

TEST_CASE("rpm validation", "[rpm]") {
  const Scheme& s = rpm_scheme();
  CHECK(why_invalid(s, "2:1.0^git1~rc1-3.el9_2") == "");
  CHECK(why_invalid(s, ":1.0") == "invalid rpm version ':1.0': epoch is empty");
  CHECK(why_invalid(s, "x:1.0") == "invalid rpm version 'x:1.0': epoch is not a number");
  CHECK(why_invalid(s, "1.0-") == "invalid rpm version '1.0-': release part is empty");
  CHECK(why_invalid(s, "-1") == "invalid rpm version '-1': version part is empty");
  CHECK(why_invalid(s, "1.0-1-2") ==
        "invalid rpm version '1.0-1-2': more than one '-' (version and release may not contain '-')");
  CHECK(why_invalid(s, "1.0/1") == "invalid rpm version '1.0/1': invalid character in version part");
  CHECK(why_invalid(s, "1.0-1/2") == "invalid rpm version '1.0-1/2': invalid character in release part");
  CHECK(norm(s, "1:1.0-1") == "1:1.0-1");
}
