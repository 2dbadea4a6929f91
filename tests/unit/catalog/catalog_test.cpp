// Tests of running catalogers over a view: ordering, distro, history (all-layers), unknown distro.
#include <catch2/catch.hpp>

#include "fixture.h"
#include "sbom/catalog.h"

using namespace sbom;
using namespace sbom::catalog;
using namespace sbom::catalog::testing;

TEST_CASE("run: distro component, sorted components, every OS cataloger declared", "[catalog]") {
  auto cats = os_catalogers();
  CHECK(cats.size() == 3);
  auto pats = patterns(cats);
  CHECK(std::any_of(pats.begin(), pats.end(), [](const image::Pattern& p) { return p.glob == "lib/apk/db/installed"; }));
  auto view = make_view({{"etc/os-release", "ID=debian\nVERSION_ID=\"12\"\n"},
                         {"var/lib/dpkg/status", "Package: zlib1g\nStatus: install ok installed\nVersion: 1:1.2.13\n\n"
                                                 "Package: bash\nStatus: install ok installed\nVersion: 5.2.15-2+b2\n"}});
  auto r = run(view, cats, nullptr);
  REQUIRE(r);
  REQUIRE(r->components.size() == 3);
  CHECK(r->components[0].type == "operating-system");  // no purl sorts first
  CHECK(r->components[1].name == "bash");
  CHECK(r->components[2].name == "zlib1g");
}

TEST_CASE("run: packages of superseded files are reported as removed", "[catalog]") {
  auto view = make_view({{"etc/os-release", "ID=debian\nVERSION_ID=\"12\"\n"},
                         {"var/lib/dpkg/status", "Package: bash\nStatus: install ok installed\nVersion: 5.2\n"}},
                        1);
  view.history_.push_back(image::File{"var/lib/dpkg/status",
                                      "Package: bash\nStatus: install ok installed\nVersion: 5.2\n\n"
                                      "Package: curl\nStatus: install ok installed\nVersion: 7.88\n",
                                      0, 0, 1});
  auto r = run(view, os_catalogers(), nullptr);
  REQUIRE(r);
  REQUIRE(r->components.size() == 3);
  const Component& curl = r->components[2];
  CHECK(curl.name == "curl");
  CHECK(curl.property(kPropLayerIndex)->value == "0");
  CHECK(curl.property(kPropRemovedByIndex)->value == "1");
  CHECK(curl.property(kPropRemovedByDiffId)->value == "sha256:l1");
  CHECK(r->components[1].property(kPropRemovedByIndex) == nullptr);
}

TEST_CASE("run: OS packages without a distro are flagged loudly", "[catalog]") {
  auto view = make_view({{"var/lib/dpkg/status", "Package: bash\nStatus: install ok installed\nVersion: 5.2\n"}});
  std::vector<std::string> w;
  auto r = run(view, os_catalogers(), [&](const std::string& s) { w.push_back(s); });
  REQUIRE(r);
  REQUIRE(r->components.size() == 1);
  CHECK(r->components[0].purl == "pkg:deb/unknown/bash@5.2");
  CHECK(r->components[0].property(kPropDistroUnknown)->value == "true");
  REQUIRE(w.size() == 1);
  CHECK(w[0].starts_with("no distro found"));
}
