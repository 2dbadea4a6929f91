// Tests of the dpkg scheme: ordering, validation errors and normalisation.
#include <catch2/catch.hpp>

#include "helpers.h"
#include "version/schemes.h"

using namespace sbom::version;
using namespace sbom::version::testing;

TEST_CASE("dpkg orders epoch, upstream and revision", "[dpkg]") {
  const Scheme& s = dpkg_scheme();
  CHECK(cmp(s, "1.2.3-1~deb7u1", "1.2.3-1") == "<");
  CHECK(cmp(s, "1.0~rc1", "1.0") == "<");
  CHECK(cmp(s, "1.0~~", "1.0~") == "<");
  CHECK(cmp(s, "1.0", "1.0+b1") == "<");
  CHECK(cmp(s, "1.0a", "1.0+") == "<");  // letters before non-letters
  CHECK(cmp(s, "1.0", "1.0a") == "<");
  CHECK(cmp(s, "1:0.1", "2.0") == ">");
  CHECK(cmp(s, "0:1.0", "1.0") == "=");
  CHECK(cmp(s, "1.0-0", "1.0") == "=");
  CHECK(cmp(s, "1.0-00", "1.0-0") == "=");
  CHECK(cmp(s, "0.9", "0.10") == "<");
  CHECK(cmp(s, "1.0010", "1.10") == "=");
  CHECK(cmp(s, "20240101000000000000000001", "20240101000000000000000002") == "<");
  CHECK(cmp(s, "2.7.4+reloaded2-13ubuntu1", "2.7.4+reloaded2-13+deb9u1") == "<");
  CHECK(cmp(s, "1:2.30-1", "1:2.30-1-1") == "<");  // upstream may contain '-' when a revision follows
  CHECK(cmp(s, "1:2:3-1", "1:2:4-1") == "<");      // and ':' when an epoch precedes
  CHECK(cmp(s, " 1.0 ", "1.0") == "=");            // surrounding blanks are ignored, as dpkg does
}

TEST_CASE("dpkg rejects what dpkg rejects", "[dpkg]") {
  const Scheme& s = dpkg_scheme();
  CHECK(why_invalid(s, "1.2.3-1") == "");
  CHECK(why_invalid(s, "") == "invalid dpkg version '': version string is empty");
  CHECK(why_invalid(s, "1.0 1") == "invalid dpkg version '1.0 1': version string has embedded spaces");
  CHECK(why_invalid(s, ":1.0") == "invalid dpkg version ':1.0': epoch in version is empty");
  CHECK(why_invalid(s, "a:1.0") == "invalid dpkg version 'a:1.0': epoch in version is not a number");
  CHECK(why_invalid(s, "2147483648:1") == "invalid dpkg version '2147483648:1': epoch in version is too big");
  CHECK(why_invalid(s, "2147483647:1") == "");
  CHECK(why_invalid(s, "1:") == "invalid dpkg version '1:': nothing after colon in version number");
  CHECK(why_invalid(s, "1.0-") == "invalid dpkg version '1.0-': revision number is empty");
  CHECK(why_invalid(s, "-1") == "invalid dpkg version '-1': version number is empty");
  CHECK(why_invalid(s, "abc") == "invalid dpkg version 'abc': version number does not start with a digit");
  CHECK(why_invalid(s, "1.0_1") == "invalid dpkg version '1.0_1': invalid character in version number");
  CHECK(why_invalid(s, "1.0-a_b") == "invalid dpkg version '1.0-a_b': invalid character in revision number");
  CHECK(why_invalid(s, "1\x01") == "invalid dpkg version '1\\x01': invalid character in version number");
  CHECK(cmp(s, "1.0", "x") == "error: invalid dpkg version 'x': version number does not start with a digit");
  CHECK(cmp(s, "y", "1.0") == "error: invalid dpkg version 'y': version number does not start with a digit");
}

TEST_CASE("dpkg normalises the epoch", "[dpkg]") {
  const Scheme& s = dpkg_scheme();
  CHECK(norm(s, "0:1.0-1") == "1.0-1");
  CHECK(norm(s, "00:1.0") == "1.0");
  CHECK(norm(s, "01:1.0") == "1:1.0");
  CHECK(norm(s, "0:1:2-3") == "0:1:2-3");  // dropping it would turn "1" into the epoch
  CHECK(norm(s, " 1.0 ") == "1.0");
  CHECK(norm(s, "x") == "error: invalid dpkg version 'x': version number does not start with a digit");
}
