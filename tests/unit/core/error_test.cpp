// Tests for sbom::Error formatting and Expected.
#include <catch2/catch.hpp>

#include "sbom/error.h"

TEST_CASE("error formats file, line, column and pointer") {
  sbom::Error e("expected ','");
  CHECK(e.to_string() == "expected ','");
  e.in_file("bom.json");
  CHECK(e.to_string() == "bom.json: expected ','");
  e.line = 12;
  CHECK(e.to_string() == "bom.json:12: expected ','");
  e.column = 7;
  CHECK(e.to_string() == "bom.json:12:7: expected ','");
  e.pointer = "/components/3/version";
  CHECK(e.to_string() == "bom.json:12:7: at /components/3/version: expected ','");
  e.in_file("other.json");
  CHECK(e.file == "bom.json");
}

TEST_CASE("expected holds a value or an error") {
  sbom::Expected<int> ok = 3;
  REQUIRE(ok);
  CHECK(*ok == 3);
  sbom::Expected<int> bad = sbom::Error("nope");
  REQUIRE_FALSE(bad);
  CHECK(bad.error().message == "nope");
}
