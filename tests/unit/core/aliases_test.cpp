// The one alias rule: grouping across ids and the id a group is shown by.
#include <catch2/catch.hpp>

#include "core/aliases.h"

using sbom::AliasGroups;
using sbom::preferred_id;

TEST_CASE("the preferred id: the one CVE, else the smallest primary id, else the smallest id") {
  CHECK(preferred_id({"CVE-2024-1", "GHSA-a", "PYSEC-1"}, {"PYSEC-1"}) == "CVE-2024-1");
  // Several CVEs: any one would hide the others; the advisory's own id is shown.
  CHECK(preferred_id({"CVE-2024-1", "CVE-2024-2", "DSA-5000-1"}, {"DSA-5000-1"}) == "DSA-5000-1");
  // No CVE: an id the user has seen (a record's, a finding's), not an alias only named.
  CHECK(preferred_id({"GHSA-a", "PYSEC-1"}, {"PYSEC-1"}) == "PYSEC-1");
  CHECK(preferred_id({"GHSA-b", "PYSEC-1"}, {}) == "GHSA-b");
}

TEST_CASE("alias groups join transitively and are shown by the preferred id") {
  AliasGroups g;
  g.add("PYSEC-1", {"GHSA-x"});
  g.add("GHSA-x", {"CVE-2024-1"});
  g.add("DSA-9-1", {"CVE-2024-7", "CVE-2024-8"});
  g.add("GO-2024-1", {});
  g.finish();
  REQUIRE(g.size() == 3);
  CHECK(g.group_of("PYSEC-1") == g.group_of("CVE-2024-1"));
  CHECK(g.preferred(g.group_of("PYSEC-1")) == "CVE-2024-1");
  CHECK(g.members(g.group_of("GHSA-x")) == std::vector<std::string>{"CVE-2024-1", "GHSA-x", "PYSEC-1"});
  CHECK(g.preferred(g.group_of("CVE-2024-8")) == "DSA-9-1");
  CHECK(g.preferred(g.group_of("GO-2024-1")) == "GO-2024-1");
}
