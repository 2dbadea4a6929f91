// Tests of sbom-db query explanations.
#include <catch2/catch.hpp>

#include "sbom/match.h"

TEST_CASE("explain gives the deciding range for each record, or the ranges without a version") {
  sbom::vulndb::Builder b;
  auto fail = sbom::Diagnostics([](const sbom::Diagnostic& dg) { FAIL(dg.where.to_string()); });
  REQUIRE(b.add_record(R"({"id":"A-1","modified":"t","affected":[{"package":{"ecosystem":"npm","name":"x"},
    "ranges":[{"type":"SEMVER","events":[{"introduced":"1.0.0"},{"fixed":"1.2.0"}]}]}]})", "a.json", fail));
  REQUIRE(b.add_record(R"({"id":"A-2","modified":"t","withdrawn":"t","affected":[{"package":{"ecosystem":"npm","name":"x"},
    "ranges":[{"type":"SEMVER","events":[{"introduced":"0"}]}]}]})", "b.json", fail));
  auto db = sbom::vulndb::Database::from_bytes(b.serialize(0), "mem");
  REQUIRE(db);
  auto v = sbom::match::explain(*db, "npm", "x", std::string_view("1.1.0"));
  REQUIRE(v);
  REQUIRE(v->size() == 2);
  CHECK((*v)[0].affected);
  REQUIRE((*v)[0].entries.size() == 1);
  CHECK((*v)[0].entries[0].decision->reason == "range 0 (SEMVER): introduced 1.0.0 <= 1.1.0 < fixed 1.2.0");
  CHECK_FALSE((*v)[1].affected);  // withdrawn records never affect
  CHECK((*v)[1].entries[0].decision->affected);
  v = sbom::match::explain(*db, "npm", "x", std::nullopt);
  REQUIRE(v);
  CHECK_FALSE((*v)[0].entries[0].decision);
  v = sbom::match::explain(*db, "npm", "x", std::string_view("bogus"));
  REQUIRE(v);
  CHECK_THAT((*v)[0].entries[0].error, Catch::StartsWith("version 'bogus' is not a valid"));
}
