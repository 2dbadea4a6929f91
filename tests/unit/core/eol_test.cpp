// The end-of-life table and the eol findings made from it.
#include <catch2/catch.hpp>

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
  CHECK(sbom::eol::cycle_of(os("fedora", "39")) == nullptr);
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
