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
  auto r = run(view, cats, {});
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
                                      0, 0, 1, {}});
  auto r = run(view, os_catalogers(), {});
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
  auto r = run(view, os_catalogers(), sbom::Diagnostics([&](const sbom::Diagnostic& dg) { w.push_back(dg.to_string()); }));
  REQUIRE(r);
  REQUIRE(r->components.size() == 1);
  CHECK(r->components[0].purl == "pkg:deb/unknown/bash@5.2");
  CHECK(r->components[0].property(kPropDistroUnknown)->value == "true");
  REQUIRE(w.size() == 1);
  CHECK(w[0].starts_with("no distro found"));
}

TEST_CASE("run: a package database that is there but unreadable gives no packages, loudly", "[catalog]") {
  // The newest status was skipped for its size: the lower layer's copy must not come back.
  auto view = make_view({{"etc/os-release", "ID=debian\nVERSION_ID=\"12\"\n"},
                         {"var/lib/dpkg/status.d/base", "Package: base-files\nVersion: 12\n"},
                         {"opt/apk/installed", "P:musl\nV:1.2.4-r2\n\n"}});
  view.unreadable_.emplace("var/lib/dpkg/status", "3000000 bytes exceed the per-file limit of 1024");
  view.unreadable_.emplace("var/lib/dpkg/status.d/big", "3000000 bytes exceed the per-file limit of 1024");
  view.symlinks_.emplace("var/lib/rpm/rpmdb.sqlite", "rpmdb.sqlite");
  view.symlinks_.emplace("lib/apk/db", "../../opt/apk");  // found through a symlinked directory
  view.info_.source = "img.tar";
  std::vector<std::string> w;
  auto r = run(view, os_catalogers(), sbom::Diagnostics([&](const sbom::Diagnostic& dg) { w.push_back(dg.to_string()); }));
  REQUIRE(r);
  std::vector<std::string> names;
  for (const auto& c : r->components) names.push_back(c.name);
  CHECK(names == std::vector<std::string>{"debian", "musl", "base-files"});
  REQUIRE(w.size() == 3);
  CHECK(w[0] == "package database '/var/lib/dpkg/status' unreadable (3000000 bytes exceed the per-file limit of 1024): no packages read from it");
  CHECK(w[1] == "package database '/var/lib/dpkg/status.d/big' unreadable (3000000 bytes exceed the per-file limit of 1024): no packages read from it");
  CHECK(w[2] == "package database '/var/lib/rpm/rpmdb.sqlite' unreadable (too many levels of symbolic links): no packages read from it");
  w.clear();
  auto strict = run(view, os_catalogers(), sbom::Diagnostics([&](const sbom::Diagnostic& dg) { w.push_back(dg.to_string()); }), true);
  REQUIRE_FALSE(strict);
  CHECK(strict.error().to_string() == "img.tar: package database '/var/lib/dpkg/status' unreadable (3000000 bytes exceed the per-file limit of 1024): no packages read from it");
}

TEST_CASE("run: the main dpkg status behind a symlink is still the main database", "[catalog]") {
  auto view = make_view({{"etc/os-release", "ID=debian\nVERSION_ID=\"12\"\n"},
                         {"app/status", "Package: bash\nStatus: install ok installed\nVersion: 5.2\n\n"
                                        "Package: nostatus\nVersion: 1\n"}});  // dpkg: not installed
  view.symlinks_.emplace("var/lib/dpkg/status", "/app/status");
  auto r = run(view, os_catalogers(), {});
  REQUIRE(r);
  REQUIRE(r->components.size() == 2);
  CHECK(r->components[1].name == "bash");
  CHECK(r->components[1].property(kPropPath)->value == "/app/status");
}
