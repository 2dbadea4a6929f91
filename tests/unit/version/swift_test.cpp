// Tests of the SwiftURL scheme.
#include <catch2/catch.hpp>

#include "helpers.h"
#include "version/schemes.h"

using namespace sbom::version;
using namespace sbom::version::testing;

TEST_CASE("swift is SemVer 2.0.0 over git tags", "[swift]") {
  const Scheme& s = swift_scheme();
  CHECK(why_invalid(s, "5.9.0") == "");
  CHECK(why_invalid(s, "v5.9.0") == "");
  CHECK(why_invalid(s, "5.9") == "invalid swift version '5.9': expected three numbers MAJOR.MINOR.PATCH");
  CHECK(cmp(s, "v5.9.0", "5.10.0") == "<");
  CHECK(norm(s, "v5.9.0") == "5.9.0");
}
