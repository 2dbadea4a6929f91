// Tests of the helpers shared by catalogers.
#include <catch2/catch.hpp>

#include "catalog/common.h"
#include "fixture.h"

using namespace sbom;
using namespace sbom::catalog;
using namespace sbom::catalog::detail;

TEST_CASE("provenance: evidence occurrence and layer properties", "[catalog]") {
  auto view = testing::make_view({{"var/lib/dpkg/status", "x"}}, 1);
  Component c = package_component("a", "1", "pkg:deb/debian/a@1", "dpkg");
  add_provenance(c, view, view.files().at("var/lib/dpkg/status"));
  CHECK(c.property(kPropPath)->value == "/var/lib/dpkg/status");
  CHECK(c.property(kPropLayerIndex)->value == "1");
  CHECK(c.property(kPropLayerDiffId)->value == "sha256:l1");
  CHECK(c.property(kPropCataloger)->value == "dpkg");
  CHECK(c.extra.empty());
  REQUIRE(c.occurrences.size() == 1);
  CHECK(c.occurrences[0].location == "/var/lib/dpkg/status");
}

TEST_CASE("supplier from a maintainer line; license names", "[catalog]") {
  OrganizationalEntity jane = supplier_from("Jane Doe <jane@example.org>");
  CHECK(jane.name == "Jane Doe");
  REQUIRE(jane.contacts.size() == 1);
  CHECK(jane.contacts[0].email == "jane@example.org");
  CHECK(jane.contacts[0].name.empty());
  OrganizationalEntity acme = supplier_from("Acme");
  CHECK(acme.name == "Acme");
  CHECK(acme.contacts.empty());
  // npm's people format: a trailing "(url)" is a URL; other parentheses stay in the name.
  OrganizationalEntity ruben = supplier_from("Ruben V <ruben@example.org> (https://ruben.example.org/)");
  CHECK(ruben.name == "Ruben V");
  CHECK(ruben.urls == std::vector<std::string>{"https://ruben.example.org/"});
  REQUIRE(ruben.contacts.size() == 1);
  CHECK(ruben.contacts[0].email == "ruben@example.org");
  CHECK(supplier_from("Jane (Debian) <j@example.org>").name == "Jane (Debian)");
  CHECK(supplier_from("Team (core)").name == "Team (core)");
  CHECK(supplier_from("Team (core)").urls.empty());
  CHECK(spdx_from_debian("Expat") == "MIT");
  CHECK(spdx_from_debian("GPL-2") == "GPL-2.0-only");
  CHECK(spdx_from_debian("public-domain").empty());
  CHECK(is_known_spdx_id("MIT"));
  CHECK_FALSE(is_known_spdx_id("GPL2+"));
  CHECK(split("a  b,c", " ,") == std::vector<std::string_view>{"a", "b", "c"});
  CHECK(trim("  x \n") == "x");
}

TEST_CASE("purls that cannot be built are warnings", "[catalog]") {
  auto view = testing::make_view({});
  std::vector<std::string> w;
  Context ctx{view, Distro{}, sbom::Diagnostics([&](const sbom::Diagnostic& dg) { w.push_back(dg.to_string()); }), false};
  Purl p{std::string("deb"), {}, std::string("x"), {}, {}, {}};
  CHECK(purl_string(p, ctx).empty());  // deb needs a namespace
  CHECK(w.size() == 1);
}
