// Tests of the RubyGems scheme: Gem::Version segments, prereleases, canonical segments, errors.
#include <catch2/catch.hpp>

#include "helpers.h"
#include "version/schemes.h"

using namespace sbom::version;
using namespace sbom::version::testing;

TEST_CASE("rubygems orders segments, prereleases before releases", "[rubygems]") {
  const Scheme& s = rubygems_scheme();
  CHECK(cmp(s, "1.0.0", "1") == "=");    // canonical segments drop trailing zeros
  CHECK(cmp(s, "1.0.a", "1.a") == "=");  // also before the first letter
  CHECK(cmp(s, "1.0.a.0", "1.0.a") == "=");
  CHECK(cmp(s, "1.0.a2", "1.0.a.2") == "=");
  CHECK(cmp(s, "1.0.a10", "1.0.a9") == ">");
  CHECK(cmp(s, "1.0.b1", "1.0.a.2") == ">");
  CHECK(cmp(s, "1.0.0.rc1", "1.0.0") == "<");
  CHECK(cmp(s, "1.0.0-rc1", "1.0.0.pre.rc1") == "=");  // '-' reads as ".pre."
  CHECK(cmp(s, "1.0.0-1", "1.0.0") == "<");
  CHECK(cmp(s, "1.0.A", "1.0.a") == "<");               // letters compare byte-wise, case-sensitively
  CHECK(cmp(s, "3.10", "3.2") == ">");
  CHECK(cmp(s, "1 ", " 1") == "=");
  CHECK(cmp(s, "999999999999999999999999999991", "999999999999999999999999999999") == "<");
}

TEST_CASE("rubygems normalises like Gem::Version#to_s", "[rubygems]") {
  const Scheme& s = rubygems_scheme();
  CHECK(norm(s, " 1.0.0-rc1 ") == "1.0.0.pre.rc1");
  CHECK(norm(s, "1.2.3") == "1.2.3");
  CHECK(norm(s, "1-a--") == "1.pre.a.pre.pre");  // empty parts closed up, so the result stays valid
  CHECK(cmp(s, "1-a--", "1.pre.a.pre.pre") == "=");
}

TEST_CASE("rubygems rejects malformed version strings", "[rubygems]") {
  const Scheme& s = rubygems_scheme();
  CHECK(why_invalid(s, "1.0.0-rc.1-x") == "");
  CHECK(why_invalid(s, "") == "invalid rubygems version '': empty version");
  CHECK(why_invalid(s, "a1") == "invalid rubygems version 'a1': expected a digit at offset 0");
  CHECK(why_invalid(s, "1..0") == "invalid rubygems version '1..0': empty segment at offset 2");
  CHECK(why_invalid(s, "1.0-") == "invalid rubygems version '1.0-': empty segment at offset 4");
  CHECK(why_invalid(s, "1.0_1") == "invalid rubygems version '1.0_1': unexpected character at offset 3");
  CHECK(why_invalid(s, "1.0.0.rc 1") == "invalid rubygems version '1.0.0.rc 1': unexpected character at offset 8");
}
