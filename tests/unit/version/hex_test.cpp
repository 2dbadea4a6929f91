// Tests of the Hex scheme.
#include <catch2/catch.hpp>

#include "helpers.h"
#include "version/schemes.h"

using namespace sbom::version;
using namespace sbom::version::testing;

TEST_CASE("hex is SemVer 2.0.0", "[hex]") {
  const Scheme& s = hex_scheme();
  CHECK(why_invalid(s, "1.0.0-rc.0") == "");
  CHECK(why_invalid(s, "1.0") == "invalid hex version '1.0': expected three numbers MAJOR.MINOR.PATCH");
  CHECK(cmp(s, "1.0.0-rc.0", "1.0.0") == "<");
  CHECK(cmp(s, "1.10.0", "1.9.9") == ">");
}
