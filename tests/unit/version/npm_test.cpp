// Tests of the npm scheme (node-semver).
#include <catch2/catch.hpp>

#include "helpers.h"
#include "version/schemes.h"

using namespace sbom::version;
using namespace sbom::version::testing;

TEST_CASE("npm tolerates v and =, ignores build metadata", "[npm]") {
  const Scheme& s = npm_scheme();
  CHECK(why_invalid(s, "v1.2.3") == "");
  CHECK(why_invalid(s, "=1.2.3") == "");
  CHECK(why_invalid(s, "=v1.2.3-beta.1") == "");
  CHECK(why_invalid(s, "1.2") == "invalid npm version '1.2': expected three numbers MAJOR.MINOR.PATCH");
  CHECK(cmp(s, "=1.2.3", "v1.2.3") == "=");
  CHECK(cmp(s, "1.2.3+a", "1.2.3+b") == "=");
  CHECK(cmp(s, "1.2.3-alpha.10", "1.2.3-alpha.9") == ">");
  CHECK(norm(s, "=v1.2.3-rc.1+build") == "1.2.3-rc.1");
}
