// Tests of the dpkg cataloger: status parsing, licenses from copyright files, the cataloger itself.
#include <catch2/catch.hpp>

#include "catalog/catalogers.h"
#include "catalog/parsers.h"
#include "fixture.h"

using namespace sbom;
using namespace sbom::catalog;
using namespace sbom::catalog::detail;
using namespace sbom::catalog::testing;

namespace {

std::vector<std::string> names(const std::vector<DpkgPackage>& ps) {
  std::vector<std::string> out;
  for (const auto& p : ps) out.push_back(p.name);
  return out;
}

struct Warnings {
  std::vector<std::string> list;
  sbom::Diagnostics fn() {
    return sbom::Diagnostics([this](const sbom::Diagnostic& dg) { list.push_back(dg.to_string()); });
  }
};

}  // namespace

TEST_CASE("dpkg status: fields, source with version, continuation lines", "[dpkg]") {
  Warnings w;
  auto ps = parse_dpkg_status(
      "Package: libc6\nStatus: install ok installed\nVersion: 2.36-9+deb12u4\nArchitecture: amd64\n"
      "Source: glibc\nMaintainer: GNU Libc Maintainers <debian-glibc@lists.debian.org>\n"
      "Depends: libgcc-s1\nDescription: GNU C Library\n more text\n\n"
      "Package: bsdutils\nStatus: install ok installed\nVersion: 1:2.38.1-5+b1\nSource: util-linux (2.38.1-5)\n",
      "status", w.fn());
  REQUIRE(ps.size() == 2);
  CHECK(ps[0].source == "glibc");
  CHECK(ps[0].source_version == "2.36-9+deb12u4");
  CHECK(ps[0].description == "GNU C Library");
  CHECK(ps[1].version == "1:2.38.1-5+b1");
  CHECK(ps[1].source == "util-linux");
  CHECK(ps[1].source_version == "2.38.1-5");
  CHECK(ps[1].line == 11);
  CHECK(w.list.empty());
}

TEST_CASE("dpkg status: only installed packages, bad paragraphs warned with file:line", "[dpkg]") {
  REQUIRE_FIXTURE(statusfield, "dpkg/osv-scalibr/statusfield");
  Warnings w;
  CHECK(names(parse_dpkg_status(*statusfield, "status", w.fn())) ==
        std::vector<std::string>{"wantinstall_installed", "wantdeinstall_installed", "wantpurge_installed"});
  REQUIRE_FIXTURE(multiple, "dpkg/syft/status.d/multiple");
  auto ps = parse_dpkg_status(*multiple, "/var/lib/dpkg/status.d/multiple", w.fn(), false);
  CHECK(names(ps) == std::vector<std::string>{"tzdata", "util-linux"});
  REQUIRE(w.list.size() == 2);
  CHECK(w.list[0] == "/var/lib/dpkg/status.d/multiple:1: package entry without a Package field skipped");
  CHECK(w.list[1].ends_with("package 'no-version' has no Version; skipped"));
}

TEST_CASE("dpkg fixtures parse to what dpkg-query lists", "[dpkg]") {
  REQUIRE_FIXTURE(txtar, "dpkg/trivy/valid.txtar");
  // The txtar holds one file, var/lib/dpkg/status, after its "-- path --" line.
  std::string status = txtar->substr(txtar->find('\n', txtar->find("-- var/lib/dpkg/status --")) + 1);
  Warnings w;
  auto ps = parse_dpkg_status(status, "status", w.fn());
  CHECK(ps.size() == 90);  // dpkg-query: 90 "ii", git is "rc"
  auto listed = names(ps);
  CHECK(std::find(listed.begin(), listed.end(), "git") == listed.end());
  CHECK(w.list.empty());
  REQUIRE_FIXTURE(valid, "dpkg/osv-scalibr/valid");
  CHECK(parse_dpkg_status(*valid, "status", w.fn()).size() == 7);
  REQUIRE_FIXTURE(relationships, "dpkg/syft/status.d/coreutils-relationships");
  CHECK(parse_dpkg_status(*relationships, "status", w.fn()).size() == 9);
  REQUIRE_FIXTURE(distroless, "dpkg/syft/distroless-status.d/libsqlite3-0");
  auto d = parse_dpkg_status(*distroless, "status.d/libsqlite3-0", w.fn(), false);
  REQUIRE(d.size() == 1);  // distroless entries carry no Status field
  CHECK(d[0].name == "libsqlite3-0");
}

TEST_CASE("dpkg status: corrupt and empty input give warnings, not packages", "[dpkg]") {
  REQUIRE_FIXTURE(corrupt, "dpkg/syft/status.d/corrupt");
  Warnings w;
  CHECK(parse_dpkg_status(*corrupt, "corrupt", w.fn()).empty());
  CHECK_FALSE(w.list.empty());
  REQUIRE_FIXTURE(invalid, "dpkg/osv-scalibr/invalid");
  Warnings w2;
  CHECK(parse_dpkg_status(*invalid, "invalid", w2.fn()).empty());
  CHECK(w2.list.size() == 2);
  REQUIRE_FIXTURE(empty, "dpkg/syft/status.d/empty");
  Warnings w3;
  CHECK(parse_dpkg_status(*empty, "empty", w3.fn(), false).empty());
  CHECK(w3.list.size() == 1);
}

TEST_CASE("licenses come from machine-readable copyright files only", "[dpkg]") {
  auto ls = parse_copyright_licenses(
      "Format: https://www.debian.org/doc/packaging-manuals/copyright-format/1.0/\n\n"
      "Files: *\nLicense: GPL-2+\n\nFiles: a\nLicense: GPL-1+ or Artistic\n\nFiles: b\n"
      "License: GPL-3+ with Bison exception\n\nLicense: Expat\n Permission is hereby granted\n");
  REQUIRE(ls.size() == 5);
  CHECK(ls[0].id == "GPL-2.0-or-later");
  CHECK(ls[1].id == "GPL-1.0-or-later");
  CHECK(ls[2].id == "Artistic-1.0");
  CHECK(ls[3].id.empty());
  CHECK(ls[3].name == "GPL-3+ with Bison exception");
  CHECK(ls[4].id == "MIT");
  REQUIRE_FIXTURE(libc6, "dpkg/syft/copyright/libc6");
  CHECK(parse_copyright_licenses(*libc6).empty());  // free-form text: never guessed
}

TEST_CASE("the dpkg cataloger: purls, provenance, dependencies, owned files", "[dpkg]") {
  auto view = make_view(
      {{"var/lib/dpkg/status",
        "Package: libc6\nStatus: install ok installed\nVersion: 2.36-9\nArchitecture: amd64\nSource: glibc\n"
        "Maintainer: GNU Libc Maintainers <debian-glibc@lists.debian.org>\nDepends: libgcc-s1 | libgcc1\n\n"
        "Package: libgcc-s1\nStatus: install ok installed\nVersion: 12.2.0-14\nArchitecture: amd64\n"
        "Source: gcc-12\nProvides: libgcc1\n\n"
        "Package: bsdutils\nStatus: install ok installed\nVersion: 1:2.38.1-5+b1\nArchitecture: amd64\n"
        "Source: util-linux (2.38.1-5)\nPre-Depends: libc6 (>= 2.34)\n"},
       {"usr/share/doc/libc6/copyright",
        "Format: https://www.debian.org/doc/packaging-manuals/copyright-format/1.0/\n\nFiles: *\nLicense: LGPL-2.1+\n"}},
      1);
  view.files_.emplace("var/lib/dpkg/info/libc6:amd64.list",
                      image::File{"var/lib/dpkg/info/libc6:amd64.list", "/.\n/lib\n/lib/x86_64-linux-gnu/libc.so.6\n", 40, 0, -1, {}});
  Context ctx{view, Distro{"debian", "12", "", "", "", "", "etc/os-release", 0}, {}, false};
  Result out;
  REQUIRE(make_dpkg_cataloger()->catalog(ctx, out));
  REQUIRE(out.components.size() == 3);
  const Component& libc = out.components[0];
  CHECK(libc.purl == "pkg:deb/debian/libc6@2.36-9?arch=amd64&distro=debian-12&upstream=glibc");
  CHECK(libc.bom_ref == libc.purl);
  REQUIRE(libc.licenses.size() == 1);
  CHECK(libc.licenses[0].id == "LGPL-2.1-or-later");
  REQUIRE(libc.rare->supplier);
  CHECK(libc.rare->supplier->name == "GNU Libc Maintainers");
  CHECK(prop(libc, kPropLayerIndex)->value == "0");  // from the .list file's layer
  CHECK(prop(libc, kPropLayerDiffId)->value == "sha256:l0");
  CHECK(prop(libc, kPropPath)->value == "/var/lib/dpkg/status");
  CHECK(prop(libc, kPropFileCount)->value == "2");
  CHECK(out.owned_files.at("lib/x86_64-linux-gnu/libc.so.6") == libc.bom_ref);
  const Component& bsd = out.components[2];
  CHECK(bsd.purl == "pkg:deb/debian/bsdutils@1:2.38.1-5%2Bb1?arch=amd64&distro=debian-12&upstream=util-linux%402.38.1-5");
  CHECK(prop(bsd, kPropEpoch)->value == "1");
  CHECK(prop(bsd, kPropSourceVersion)->value == "2.38.1-5");
  CHECK(prop(bsd, kPropLayerIndex)->value == "1");  // no .list: the status file's layer
  REQUIRE(out.dependencies.size() == 3);
  CHECK(out.dependencies[0].depends_on == std::vector<std::string>{out.components[1].bom_ref});  // via Provides
  CHECK(out.dependencies[2].depends_on == std::vector<std::string>{libc.bom_ref});
}
