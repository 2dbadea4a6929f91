// Tests of the rpm cataloger on a real database in a view.
#include <catch2/catch.hpp>

#include "catalog/catalogers.h"
#include "catalog/parsers.h"
#include "fixture.h"

using namespace sbom;
using namespace sbom::catalog;
using namespace sbom::catalog::testing;

TEST_CASE("the rpm cataloger: purls with epoch, distro and upstream source rpm", "[rpm]") {
  REQUIRE_FIXTURE(epoch_db, "rpm/osv-scalibr/Packages_epoch.bdb");
  auto view = make_view({{"var/lib/rpm/Packages", *epoch_db}});
  Context ctx{view, Distro{"rhel", "8.9", "", "", "", "", "etc/os-release", 0}, {}, false};
  Result out;
  REQUIRE(make_rpm_cataloger()->catalog(ctx, out));
  REQUIRE(out.components.size() == 1);
  const Component& c = out.components[0];
  CHECK(c.purl == "pkg:rpm/redhat/hello@0.0.1-rls?arch=x86_64&distro=rhel-8.9&epoch=1");
  CHECK(c.version == "1:0.0.1-rls");
  CHECK(c.property(kPropEpoch)->value == "1");
  CHECK(c.property(kPropSourceName)->value == "hello");
  CHECK(c.property(kPropPath)->value == "/var/lib/rpm/Packages");
}

TEST_CASE("the rpm cataloger reads sqlite under /usr/lib/sysimage/rpm", "[rpm]") {
  REQUIRE_FIXTURE(db, "rpm/go-rpmdb/cbl-mariner-2.0/rpmdb.sqlite");
  auto view = make_view({{"usr/lib/sysimage/rpm/rpmdb.sqlite", *db}});
  Context ctx{view, Distro{"mariner", "2.0", "", "", "", "", "etc/os-release", 0}, {}, false};
  Result out;
  REQUIRE(make_rpm_cataloger()->catalog(ctx, out));
  CHECK(out.components.size() == 129);
  auto it = std::find_if(out.components.begin(), out.components.end(), [](const Component& c) { return c.name == "audit-libs"; });
  REQUIRE(it != out.components.end());
  CHECK(it->purl == "pkg:rpm/mariner/audit-libs@3.0.6-1.cm2?arch=x86_64&distro=mariner-2.0&upstream=audit-3.0.6-1.cm2.src.rpm");
  CHECK(it->property(kPropSourceVersion)->value == "3.0.6-1.cm2");
  CHECK_FALSE(out.owned_files.empty());
}

TEST_CASE("a corrupt rpm database is a warning", "[rpm]") {
  auto view = make_view({{"var/lib/rpm/Packages", std::string(8192, 'x')}});
  std::vector<std::string> w;
  Context ctx{view, Distro{}, sbom::Diagnostics([&](const sbom::Diagnostic& dg) { w.push_back(dg.to_string()); }), false};
  Result out;
  REQUIRE(make_rpm_cataloger()->catalog(ctx, out));
  CHECK(out.components.empty());
  REQUIRE(w.size() == 1);
  CHECK(w[0] == "/var/lib/rpm/Packages: not a berkeley db hash file");
}

TEST_CASE("distroless CBL-Mariner: the rpm container manifest", "[rpm]") {
  REQUIRE_FIXTURE(manifest, "rpm/syft/container-manifest-2");
  std::vector<std::string> w;
  auto pkgs = catalog::detail::parse_rpm_manifest(*manifest + "garbage line\n", "m", sbom::Diagnostics([&](const sbom::Diagnostic& dg) { w.push_back(dg.to_string()); }));
  REQUIRE(pkgs.size() == 5);
  CHECK(w == std::vector<std::string>{"m:7: not a container-manifest-2 line"});
  auto view = make_view({{"var/lib/rpmmanifest/container-manifest-2", *manifest}});
  Context ctx{view, Distro{"mariner", "2.0", "", "", "", "", "etc/os-release", 0}, {}, false};
  Result out;
  REQUIRE(make_rpm_cataloger()->catalog(ctx, out));
  REQUIRE(out.components.size() == 5);
  auto vim = std::find_if(out.components.begin(), out.components.end(), [](const Component& c) { return c.name == "vim"; });
  REQUIRE(vim != out.components.end());
  CHECK(vim->purl == "pkg:rpm/mariner/vim@9.0-1.cm2?arch=x86_64&distro=mariner-2.0&epoch=2");
  CHECK(vim->version == "2:9.0-1.cm2");
}
