// Tests of relations and of vector-file checking.
#include <catch2/catch.hpp>

#include "sbom/version_check.h"
#include "version/schemes.h"

using namespace sbom::version;

TEST_CASE("relations by word and symbol", "[check]") {
  CHECK(*parse_relation("lt") == Relation::Less);
  CHECK(*parse_relation("<=") == Relation::LessEqual);
  CHECK(*parse_relation("eq") == Relation::Equal);
  CHECK(*parse_relation(">=") == Relation::GreaterEqual);
  CHECK(*parse_relation("gt") == Relation::Greater);
  CHECK(relation_symbol(Relation::GreaterEqual) == ">=");
  auto bad = parse_relation("<<");
  REQUIRE(!bad);
  CHECK(bad.error().message == "unknown operator '<<' (expected lt, le, eq, ge, gt, <, <=, =, >= or >)");
  CHECK(holds(Order::Equal, Relation::LessEqual));
  CHECK(!holds(Order::Greater, Relation::LessEqual));
  CHECK(holds(Order::Greater, Relation::GreaterEqual));
  CHECK(!holds(Order::Less, Relation::Equal));
}

TEST_CASE("check_vectors reports every line that does not hold", "[check]") {
  const char* text =
      "# comment\n"
      "// comment\n"
      "\n"
      "1.0 < 1.1\n"
      "1.0~rc1 > 1.0\r\n"
      "  1.0 = 1.0\n"
      "1.0 <\n"
      "1.0 ~ 1.1\n"
      "x < 1.0\n"
      "1.0 lt 2.0";
  CheckReport r = check_vectors(dpkg_scheme(), text);
  CHECK(r.passed == 3);
  REQUIRE(r.failures.size() == 4);
  CHECK(r.failures[0].line == 5);
  CHECK(r.failures[0].text == "1.0~rc1 > 1.0");
  CHECK(r.failures[0].message == "got '<'");
  CHECK(r.failures[1].line == 7);
  CHECK(r.failures[1].message == "malformed line (expected 'A < B', 'A = B' or 'A > B')");
  CHECK(r.failures[2].message == "unknown operator '~' (expected lt, le, eq, ge, gt, <, <=, =, >= or >)");
  CHECK(r.failures[3].line == 9);
  CHECK(r.failures[3].message == "invalid dpkg version 'x': version number does not start with a digit");
}
