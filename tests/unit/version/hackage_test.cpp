// Tests of the Hackage scheme: Data.Version ordering and Cabal's version syntax.
#include <catch2/catch.hpp>

#include "helpers.h"
#include "version/schemes.h"

using namespace sbom::version;
using namespace sbom::version::testing;

TEST_CASE("hackage orders versions as integer lists", "[hackage]") {
  const Scheme& s = hackage_scheme();
  CHECK(cmp(s, "1.0", "1") == ">");  // trailing zeros are significant
  CHECK(cmp(s, "1.0.0", "1.0") == ">");
  CHECK(cmp(s, "0.10", "0.9") == ">");
  CHECK(cmp(s, "2.0", "1.999999999") == ">");
  CHECK(cmp(s, "1.2.3", "1.2.3") == "=");
  CHECK(norm(s, "1.2.3") == "1.2.3");
}

TEST_CASE("hackage rejects what Cabal rejects", "[hackage]") {
  const Scheme& s = hackage_scheme();
  CHECK(why_invalid(s, "0.1.0.0") == "");
  CHECK(why_invalid(s, "") == "invalid hackage version '': empty version");
  CHECK(why_invalid(s, "1.01") == "invalid hackage version '1.01': component with a leading zero at offset 2");
  CHECK(why_invalid(s, "1.1234567890") ==
        "invalid hackage version '1.1234567890': component longer than nine digits at offset 2");
  CHECK(why_invalid(s, "1.0-beta") == "invalid hackage version '1.0-beta': version tags are not supported at offset 3");
  CHECK(why_invalid(s, "1.") == "invalid hackage version '1.': empty component at offset 2");
  CHECK(why_invalid(s, "1.x") == "invalid hackage version '1.x': unexpected character at offset 2");
  CHECK(why_invalid(s, "v1") == "invalid hackage version 'v1': unexpected character at offset 0");
}
