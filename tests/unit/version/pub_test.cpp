// Tests of the Pub scheme: SemVer where build metadata orders.
#include <catch2/catch.hpp>

#include "helpers.h"
#include "version/schemes.h"

using namespace sbom::version;
using namespace sbom::version::testing;

TEST_CASE("pub orders build metadata after no build", "[pub]") {
  const Scheme& s = pub_scheme();
  CHECK(cmp(s, "1.0.0-pre", "1.0.0-pre+build") == "<");
  CHECK(cmp(s, "1.0.0-pre+build", "1.0.0") == "<");
  CHECK(cmp(s, "1.0.0", "1.0.0+build") == "<");
  CHECK(cmp(s, "1.2.3+1", "1.2.3+a") == "<");
  CHECK(cmp(s, "1.2.3+9", "1.2.3+10") == "<");
  CHECK(cmp(s, "1.2.3+a1", "1.2.3+a") == ">");
  CHECK(why_invalid(s, "1.2.3+1") == "");
  CHECK(why_invalid(s, "1.2") == "invalid pub version '1.2': expected three numbers MAJOR.MINOR.PATCH");
}
