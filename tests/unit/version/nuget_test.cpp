// Tests of the NuGet scheme: four parts, case-insensitive labels, normalisation.
#include <catch2/catch.hpp>

#include "helpers.h"
#include "version/schemes.h"

using namespace sbom::version;
using namespace sbom::version::testing;

TEST_CASE("nuget compares four parts and folds case", "[nuget]") {
  const Scheme& s = nuget_scheme();
  CHECK(cmp(s, "1.0", "1.0.0.0") == "=");
  CHECK(cmp(s, "1.0.0", "1.0.0.1") == "<");
  CHECK(cmp(s, "1.0.0-pre", "1.0.0.1-alpha") == "<");
  CHECK(cmp(s, "1.0.0-BETA", "1.0.0-beta") == "=");
  CHECK(cmp(s, "1.0.0-beta2", "1.0.0-BETA") == ">");
  CHECK(cmp(s, "1.0.01", "1.0.1") == "=");
  CHECK(cmp(s, "1.0.0+a", "1.0.0+B") == "=");
}

TEST_CASE("nuget validation and normalisation", "[nuget]") {
  const Scheme& s = nuget_scheme();
  CHECK(why_invalid(s, "1") == "");
  CHECK(why_invalid(s, "1.0.0.0") == "");
  CHECK(why_invalid(s, "1.0.01") == "");
  CHECK(why_invalid(s, "1.0.0.0.0") == "invalid nuget version '1.0.0.0.0': expected one to four numbers");
  CHECK(norm(s, "1.0.01") == "1.0.1");
  CHECK(norm(s, "1.0.0.0") == "1.0.0");
  CHECK(norm(s, "1.0.0.1") == "1.0.0.1");
  CHECK(norm(s, "1") == "1.0.0");
  CHECK(norm(s, "1.0.0-Beta+build") == "1.0.0-Beta");
}
