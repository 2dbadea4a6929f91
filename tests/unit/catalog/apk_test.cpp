// Tests of the apk cataloger: /lib/apk/db/installed parsing and components.
#include <catch2/catch.hpp>

#include "catalog/catalogers.h"
#include "catalog/parsers.h"
#include "fixture.h"

using namespace sbom;
using namespace sbom::catalog;
using namespace sbom::catalog::detail;
using namespace sbom::catalog::testing;

TEST_CASE("apk installed db: every fixture parses to the packages it lists", "[apk]") {
  struct Case {
    const char* rel;
    std::size_t packages, warnings;
  };
  // trivy/installed holds an entry without a version on purpose (16 names, 15 packages).
  const Case cases[] = {
      {"apk/osv-scalibr/installed", 15, 0}, {"apk/osv-scalibr/single", 1, 0},   {"apk/osv-scalibr/different-arch", 1, 0},
      {"apk/osv-scalibr/no-origin", 1, 0},  {"apk/osv-scanner/installed", 1, 0}, {"apk/syft/base", 1, 0},
      {"apk/syft/single", 1, 0},            {"apk/syft/multiple-1", 4, 0},       {"apk/syft/multiple-2", 14, 0},
      {"apk/syft/extra-file-attributes", 1, 0}, {"apk/syft/empty-deps-and-provides", 1, 0},
      {"apk/trivy/installed", 15, 1}};
  for (const auto& [rel, count, warnings] : cases) {
    REQUIRE_FIXTURE(text, rel);
    std::vector<std::string> w;
    auto ps = parse_apk_installed(*text, rel, sbom::Diagnostics([&](const sbom::Diagnostic& dg) { w.push_back(dg.to_string()); }));
    INFO(rel);
    CHECK(ps.size() == count);
    CHECK(w.size() == warnings);
  }
}

TEST_CASE("apk installed db: fields and owned files", "[apk]") {
  REQUIRE_FIXTURE(single, "apk/syft/single");
  auto ps = parse_apk_installed(*single, "installed", {});
  REQUIRE(ps.size() == 1);
  const ApkPackage& p = ps[0];
  CHECK(p.name == "musl-utils");
  CHECK(p.version == "1.1.24-r2");
  CHECK(p.arch == "x86_64");
  CHECK(p.origin == "musl");
  CHECK(p.license == "MIT BSD GPL2+");
  CHECK(p.depends == std::vector<std::string>{"scanelf", "so:libc.musl-x86_64.so.1"});
  CHECK(p.provides.size() == 5);
  CHECK(p.files == std::vector<std::string>{"sbin/ldconfig", "usr/bin/iconv", "usr/bin/ldd", "usr/bin/getconf", "usr/bin/getent"});
}

TEST_CASE("apk installed db: corrupt input is a warning naming file and line", "[apk]") {
  REQUIRE_FIXTURE(corrupt, "apk/syft/corrupt");
  std::vector<std::string> w;
  auto ps = parse_apk_installed(*corrupt, "/lib/apk/db/installed", sbom::Diagnostics([&](const sbom::Diagnostic& dg) { w.push_back(dg.to_string()); }));
  CHECK(ps.size() == 1);  // the valid entry after the junk
  REQUIRE(w.size() == 2);
  CHECK(w[0] == "/lib/apk/db/installed:1: not a 'K:value' line");
  CHECK(w[1] == "/lib/apk/db/installed:1: package entry without a name (P:) skipped");
  REQUIRE_FIXTURE(invalid, "apk/osv-scalibr/invalid");
  w.clear();
  CHECK(parse_apk_installed(*invalid, "x", sbom::Diagnostics([&](const sbom::Diagnostic& dg) { w.push_back(dg.to_string()); })).empty());
  CHECK(w.size() == 4);
}

TEST_CASE("the apk cataloger: purls with distro and origin, dependencies via provides", "[apk]") {
  auto view = make_view({{"lib/apk/db/installed",
                          "P:musl\nV:1.2.4-r2\nA:x86_64\nL:MIT\no:musl\np:so:libc.musl-x86_64.so.1=1\nF:lib\nR:ld-musl-x86_64.so.1\n\n"
                          "P:busybox\nV:1.36.1-r15\nA:x86_64\nL:GPL-2.0-only AND bzip2-1.0.6\no:busybox\n"
                          "m:Sören Tempel <soeren+alpine@soeren-tempel.net>\nD:so:libc.musl-x86_64.so.1 !busybox-extras\n\n"
                          "P:libcrypto3\nV:3.1.4-r5\nA:x86_64\nL:Apache-2.0\no:openssl\n"}});
  Context ctx{view, Distro{"alpine", "3.19.1", "", "", "", "", "etc/os-release", 0}, {}, false};
  Result out;
  REQUIRE(make_apk_cataloger()->catalog(ctx, out));
  REQUIRE(out.components.size() == 3);
  CHECK(out.components[0].purl == "pkg:apk/alpine/musl@1.2.4-r2?arch=x86_64&distro=alpine-3.19");
  CHECK(out.components[0].licenses[0].id == "MIT");
  CHECK(out.components[1].licenses[0].expression == "GPL-2.0-only AND bzip2-1.0.6");
  CHECK(out.components[2].purl == "pkg:apk/alpine/libcrypto3@3.1.4-r5?arch=x86_64&distro=alpine-3.19&upstream=openssl");
  CHECK(out.components[2].property(kPropSourceName)->value == "openssl");
  CHECK(out.owned_files.at("lib/ld-musl-x86_64.so.1") == out.components[0].bom_ref);
  CHECK(out.dependencies[1].depends_on == std::vector<std::string>{out.components[0].bom_ref});
}
