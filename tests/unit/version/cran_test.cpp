// Tests of the CRAN scheme: R package_version ordering, normalisation and errors.
#include <catch2/catch.hpp>

#include "helpers.h"
#include "version/schemes.h"

using namespace sbom::version;
using namespace sbom::version::testing;

TEST_CASE("cran compares integer components separated by '.' or '-'", "[cran]") {
  const Scheme& s = cran_scheme();
  CHECK(cmp(s, "1.0-0", "1.0.0") == "=");
  CHECK(cmp(s, "0.9", "0.75") == "<");
  CHECK(cmp(s, "0.01", "0.1") == "=");
  CHECK(cmp(s, "0.1.0", "0.1.0.0") == "<");  // trailing zeros count, as in R
  CHECK(cmp(s, "1.10-2", "1.9-15") == ">");
  CHECK(cmp(s, "2", "1.99") == ">");
  CHECK(cmp(s, "1.2.123456789012345678901", "1.2.123456789012345678900") == ">");
}

TEST_CASE("cran normalises to R's dotted spelling", "[cran]") {
  const Scheme& s = cran_scheme();
  CHECK(norm(s, "1.0-5") == "1.0.5");
  CHECK(norm(s, "0.01.00") == "0.1.0");
}

TEST_CASE("cran rejects anything but integers and separators", "[cran]") {
  const Scheme& s = cran_scheme();
  CHECK(why_invalid(s, "1.0-0") == "");
  CHECK(why_invalid(s, "") == "invalid cran version '': empty version");
  CHECK(why_invalid(s, "1.0a") == "invalid cran version '1.0a': unexpected character at offset 3");
  CHECK(why_invalid(s, "1..0") == "invalid cran version '1..0': empty component at offset 2");
  CHECK(why_invalid(s, "1.0-") == "invalid cran version '1.0-': empty component at offset 4");
  CHECK(why_invalid(s, "-1") == "invalid cran version '-1': empty component at offset 0");
  CHECK(cmp(s, "1.0", "v1") == "error: invalid cran version 'v1': unexpected character at offset 0");
}
