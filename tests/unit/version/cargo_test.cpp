// Tests of the crates.io (cargo) scheme.
#include <catch2/catch.hpp>

#include "helpers.h"
#include "version/schemes.h"

using namespace sbom::version;
using namespace sbom::version::testing;

TEST_CASE("cargo is strict SemVer 2.0.0", "[cargo]") {
  const Scheme& s = cargo_scheme();
  CHECK(why_invalid(s, "0.1.0-alpha.1+build") == "");
  CHECK(why_invalid(s, "0.1") == "invalid cargo version '0.1': expected three numbers MAJOR.MINOR.PATCH");
  CHECK(why_invalid(s, "v0.1.0") == "invalid cargo version 'v0.1.0': a leading 'v' is not allowed");
  CHECK(cmp(s, "0.1.0-alpha.1", "0.1.0") == "<");
  CHECK(cmp(s, "0.1.0+a", "0.1.0+b") == "=");
}
