// The end-of-life table and the eol findings made from it.
#include <catch2/catch.hpp>

#include <algorithm>

#include "sbom/eol.h"
#include "sbom/findings.h"
#include "sbom/text.h"

namespace {

sbom::Component os(std::string name, std::string version) {
  sbom::Component c;
  c.type = "operating-system";
  c.bom_ref = "operating-system:" + name + "-" + version;
  c.name = std::move(name);
  c.version = std::move(version);
  return c;
}

sbom::Component go_stdlib(std::string version) {
  sbom::Component c;
  c.type = "library";
  c.name = "stdlib";
  c.version = version;
  c.purl = "pkg:golang/stdlib@" + version;
  c.bom_ref = c.purl;
  return c;
}

std::int64_t at(std::string_view day) { return *sbom::text::parse_utc_time(day); }

}  // namespace

TEST_CASE("eol: the cycle of an operating system or a Go toolchain") {
  CHECK(sbom::eol::cycle_of(os("debian", "11"))->cycle == "11");
  CHECK(sbom::eol::cycle_of(os("debian", "10.13"))->cycle == "10");
  CHECK(sbom::eol::cycle_of(os("ubuntu", "22.04"))->label == "Ubuntu 22.04 LTS");
  CHECK(sbom::eol::cycle_of(os("alpine", "3.19.1"))->cycle == "3.19");
  CHECK(sbom::eol::cycle_of(go_stdlib("1.19.8"))->cycle == "1.19");
  CHECK(sbom::eol::cycle_of(go_stdlib("go1.21.5"))->cycle == "1.21");
  // Not judged: unknown products and releases, distro-packaged runtimes, versions that do not read.
  CHECK(sbom::eol::cycle_of(os("centos", "7"))->eol == "2024-06-30");
  CHECK(sbom::eol::cycle_of(os("fedora", "39"))->cycle == "39");
  CHECK(sbom::eol::cycle_of(os("amzn", "2018.03"))->cycle == "2018.03");
  CHECK(sbom::eol::cycle_of(os("amzn", "2"))->product == "amazon-linux");
  CHECK(sbom::eol::cycle_of(os("mariner", "2.0"))->product == "azure-linux");
  // RHEL and its rebuilds by major release; SLES by major, Leap by minor release.
  CHECK(sbom::eol::cycle_of(os("rhel", "8.9"))->label == "Red Hat Enterprise Linux 8");
  CHECK(sbom::eol::cycle_of(os("rhel", "7.9"))->eol == "2024-06-30");
  CHECK(sbom::eol::cycle_of(os("rocky", "9.3"))->product == "rocky-linux");
  CHECK(sbom::eol::cycle_of(os("rocky", "9.3"))->cycle == "9");
  CHECK(sbom::eol::cycle_of(os("almalinux", "8.10"))->eol == "2029-05-31");
  CHECK(sbom::eol::cycle_of(os("sles", "15.5"))->cycle == "15");
  CHECK(sbom::eol::cycle_of(os("sles", "12.5"))->eol == "2024-10-31");
  CHECK(sbom::eol::cycle_of(os("opensuse-leap", "15.4"))->label == "openSUSE Leap 15.4");
  CHECK(sbom::eol::cycle_of(os("opensuse-leap", "15.6"))->eol == "2026-04-30");
  CHECK(sbom::eol::cycle_of(os("opensuse-tumbleweed", "20261201")) == nullptr);  // rolling: no end
  CHECK(sbom::eol::cycle_of(os("rhel", "99.1")) == nullptr);
  CHECK(sbom::eol::cycle_of(os("debian", "99")) == nullptr);
  CHECK(sbom::eol::cycle_of(os("debian", "")) == nullptr);
  CHECK(sbom::eol::cycle_of(os("alpine", "3")) == nullptr);
  sbom::Component py;
  py.type = "library";
  py.name = "python3.9";
  py.version = "3.9.2-1";
  py.purl = "pkg:deb/debian/python3.9@3.9.2-1?distro=debian-11";
  CHECK(sbom::eol::cycle_of(py) == nullptr);
  CHECK(sbom::eol::rule_id(*sbom::eol::cycle_of(os("debian", "11"))) == "SBOMKIT-EOL-DEBIAN-11");
  CHECK(sbom::eol::rule_id(*sbom::eol::cycle_of(go_stdlib("1.19.0"))) == "SBOMKIT-EOL-GO-1.19");
}

TEST_CASE("eol: every row of the table has a date that reads, and no row is there twice") {
  auto t = sbom::eol::table();
  REQUIRE(!t.empty());
  for (std::size_t i = 0; i < t.size(); ++i) {
    INFO(t[i].label);
    CHECK(sbom::text::parse_utc_time(t[i].eol).has_value());
    for (std::size_t j = i + 1; j < t.size(); ++j) CHECK(!(t[i].product == t[j].product && t[i].cycle == t[j].cycle));
  }
}

TEST_CASE("eol: a release is past its end the day after its last supported day; one finding per release") {
  sbom::Document doc;
  doc.metadata.component = os("debian", "10");  // the image's own OS is judged too
  doc.components.emplace();
  doc.components->push_back(go_stdlib("1.21.0"));
  doc.components->push_back(go_stdlib("1.21.5"));
  doc.components->push_back(go_stdlib("1.23.1"));
  // Debian 10's LTS ended 2024-06-30, Go 1.21's support 2024-08-13.
  CHECK(sbom::eol::add_findings(doc, at("2024-06-30T23:59:59Z")) == 0);
  CHECK_FALSE(doc.vulnerabilities.has_value());
  CHECK(sbom::eol::add_findings(doc, at("2024-07-01")) == 1);
  REQUIRE(doc.vulnerabilities->size() == 1);
  const sbom::Vulnerability& deb = (*doc.vulnerabilities)[0];
  CHECK(deb.id == "SBOMKIT-EOL-DEBIAN-10");
  CHECK(sbom::findings::kind_of(deb) == sbom::findings::kEol);
  CHECK(deb.ratings[0].severity == "high");
  REQUIRE(deb.affects.size() == 1);
  CHECK(deb.affects[0].ref == "operating-system:debian-10");
  // Later: Go 1.21 too (both of its components in one finding); Debian's is not added twice.
  CHECK(sbom::eol::add_findings(doc, at("2024-08-14")) == 1);
  REQUIRE(doc.vulnerabilities->size() == 2);
  const sbom::Vulnerability& go = (*doc.vulnerabilities)[1];
  CHECK(go.id == "SBOMKIT-EOL-GO-1.21");
  CHECK(go.ratings[0].severity == "medium");
  REQUIRE(go.affects.size() == 2);
  CHECK(go.affects[0].ref == "pkg:golang/stdlib@1.21.0");
  CHECK(go.affects[1].ref == "pkg:golang/stdlib@1.21.5");
}

namespace {

sbom::Component runtime(std::string name, std::string version, std::string product) {
  sbom::Component c;
  c.type = "application";
  c.name = name;
  c.version = version;
  c.purl = "pkg:generic/" + name + "@" + version;
  c.bom_ref = c.purl;
  c.properties.push_back({std::string(sbom::eol::kPropRuntimeProduct), std::move(product), {}});
  return c;
}

std::string property(const sbom::Vulnerability& v, std::string_view name) {
  for (const auto& p : v.properties)
    if (p.name == name) return p.value;
  return "(none)";
}

}  // namespace

TEST_CASE("eol: runtimes sbom-gen found without a package manager are judged by their product") {
  CHECK(sbom::eol::cycle_of(runtime("python", "3.8.18", "python"))->label == "Python 3.8");
  CHECK(sbom::eol::cycle_of(runtime("python", "3.7", "python"))->cycle == "3.7");  // from lib/python3.7 alone
  CHECK(sbom::eol::cycle_of(runtime("node", "16.20.2", "nodejs"))->cycle == "16");
  CHECK(sbom::eol::cycle_of(runtime("eclipse-temurin", "19.0.2", "eclipse-temurin"))->cycle == "19");
  CHECK(sbom::eol::cycle_of(runtime("openjdk", "1.8.0_392", "openjdk-builds-from-oracle")) == nullptr);  // 8: not in the table
  CHECK(sbom::eol::subject_of(runtime("openjdk", "1.8.0_392", "eclipse-temurin"))->cycle == "8");
  CHECK(sbom::eol::rule_id(*sbom::eol::cycle_of(runtime("node", "16.20.2", "nodejs"))) == "SBOMKIT-EOL-NODEJS-16");
  // A product no table knows, and a component without the property, are not judged.
  CHECK_FALSE(sbom::eol::subject_of(runtime("ruby", "2.7.8", "ruby")).has_value());
  sbom::Component plain = runtime("python", "3.8.18", "python");
  plain.properties.clear();
  CHECK_FALSE(sbom::eol::subject_of(plain).has_value());
}

TEST_CASE("eol: the newest table that lists a cycle decides, and the finding says which") {
  auto doc_with = [](sbom::Component c) {
    sbom::Document doc;
    doc.components.emplace();
    doc.components->push_back(std::move(c));
    return doc;
  };
  sbom::eol::Table newer{"index table", "2026-12-07", {}};
  newer.cycles.push_back({"python", "3.8", "2030-01-01", "Python 3.8", false});  // a (made-up) extension
  sbom::eol::Table older = newer;
  older.source = "old index table";
  older.date = "2026-01-01";

  // The built-in table alone (its Python rows checked on 2026-12-06): Python 3.8 ended 2024-10-07.
  const std::string python_checked(sbom::eol::product("python")->checked);
  CHECK(python_checked == "2026-12-06");
  auto doc = doc_with(runtime("python", "3.8.18", "python"));
  REQUIRE(sbom::eol::add_findings(doc, at("2026-12-06")) == 1);
  CHECK(property((*doc.vulnerabilities)[0], "sbomkit:eol:table") == "sbomkit built-in table");
  CHECK(property((*doc.vulnerabilities)[0], "sbomkit:eol:table_date") == python_checked);
  CHECK((*doc.vulnerabilities)[0].detail.find("(end-of-life table: sbomkit built-in table of 2026-12-06)") !=
        std::string::npos);
  CHECK((*doc.vulnerabilities)[0].ratings[0].severity == "medium");
  // A newer imported table decides: not past its end there.
  doc = doc_with(runtime("python", "3.8.18", "python"));
  CHECK(sbom::eol::add_findings(doc, at("2026-12-06"), std::span(&newer, 1)) == 0);
  // An older one does not: the built-in table's date is later.
  doc = doc_with(runtime("python", "3.8.18", "python"));
  REQUIRE(sbom::eol::add_findings(doc, at("2026-12-06"), std::span(&older, 1)) == 1);
  CHECK(property((*doc.vulnerabilities)[0], "sbomkit:eol:table") == "sbomkit built-in table");
  // A tie goes to the imported table.
  older.date = python_checked;
  doc = doc_with(runtime("python", "3.8.18", "python"));
  CHECK(sbom::eol::add_findings(doc, at("2026-12-06"), std::span(&older, 1)) == 0);

  // A cycle only an imported table lists is judged by it, dated or only "ended".
  sbom::eol::Table temurin{"index table", "2026-12-07", {}};
  temurin.cycles.push_back({"eclipse-temurin", "17", "2027-10-31", "Eclipse Temurin 17", false});
  temurin.cycles.push_back({"eclipse-temurin", "11", "", "Eclipse Temurin 11", true});
  doc = doc_with(runtime("eclipse-temurin", "17.0.9", "eclipse-temurin"));
  CHECK(sbom::eol::add_findings(doc, at("2026-12-06")) == 0);
  CHECK(sbom::eol::add_findings(doc, at("2027-10-31"), std::span(&temurin, 1)) == 0);
  REQUIRE(sbom::eol::add_findings(doc, at("2027-11-01"), std::span(&temurin, 1)) == 1);
  const sbom::Vulnerability& v = (*doc.vulnerabilities)[0];
  CHECK(v.id == "SBOMKIT-EOL-ECLIPSE-TEMURIN-17");
  CHECK(property(v, "sbomkit:eol:table") == "index table");
  CHECK(property(v, "sbomkit:eol:table_date") == "2026-12-07");
  CHECK(v.detail.find("(end-of-life table: index table of 2026-12-07)") != std::string::npos);
  doc = doc_with(runtime("eclipse-temurin", "11.0.21", "eclipse-temurin"));
  REQUIRE(sbom::eol::add_findings(doc, at("2020-01-01"), std::span(&temurin, 1)) == 1);
  CHECK(property((*doc.vulnerabilities)[0], "sbomkit:eol:date") == "(none)");
  CHECK((*doc.vulnerabilities)[0].description.find("date not stated") != std::string::npos);
}

TEST_CASE("eol: each product of the built-in table is dated by when its rows were checked") {
  // The table's date is the newest check; every product's reads and is no later.
  std::string_view newest;
  for (const sbom::eol::Product& p : sbom::eol::products()) {
    INFO(p.id);
    CHECK(sbom::text::parse_utc_time(p.checked).has_value());
    CHECK(p.checked <= sbom::eol::kTableDate);
    newest = std::max(newest, p.checked);
  }
  CHECK(newest == sbom::eol::kTableDate);
  CHECK(sbom::eol::builtin().date == sbom::eol::kTableDate);

  // An imported table as old as one product's check and older than another's: it decides the
  // first (a tie goes to it) and not the second, whose built-in rows were checked later.
  CHECK(sbom::eol::product("python")->checked == "2026-12-06");
  CHECK(sbom::eol::product("rhel")->checked == "2026-12-07");
  sbom::eol::Table imported{"index table", "2026-12-06", {}};
  imported.cycles.push_back({"python", "3.8", "2030-01-01", "Python 3.8", false});  // made-up extensions
  imported.cycles.push_back({"rhel", "7", "2030-01-01", "Red Hat Enterprise Linux 7", false});
  sbom::Document doc;
  doc.components.emplace();
  doc.components->push_back(runtime("python", "3.8.18", "python"));
  doc.components->push_back(os("rhel", "7.9"));
  REQUIRE(sbom::eol::add_findings(doc, at("2026-12-07"), std::span(&imported, 1)) == 1);
  const sbom::Vulnerability& v = (*doc.vulnerabilities)[0];
  CHECK(v.id == "SBOMKIT-EOL-RHEL-7");
  CHECK(property(v, "sbomkit:eol:table") == "sbomkit built-in table");
  CHECK(property(v, "sbomkit:eol:table_date") == "2026-12-07");
  CHECK(property(v, "sbomkit:eol:date") == "2024-06-30");
}
