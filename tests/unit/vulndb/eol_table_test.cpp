// endoflife.date tables in the index: the v1 API's product document and the legacy per-product
// array read to the same table (and so the same verdicts); what either format may not hold.
#include <catch2/catch.hpp>

#include <string>
#include <vector>

#include "helpers.h"
#include "sbom/eol.h"
#include "sbom/text.h"
#include "sbom/vulndb.h"

namespace {

// One table, Debian's, in both formats (hand-written): 12 with its LTS end, 7 ended with no date
// given, 14 still supported with no date given.
const char* const kLegacy = R"([
  {"cycle": "14", "codename": "Forky", "releaseDate": "2027-06-12", "eol": false, "lts": false},
  {"cycle": "12", "codename": "Bookworm", "releaseDate": "2023-06-10", "eol": "2026-06-10",
   "extendedSupport": "2028-06-30", "latest": "12.8", "latestReleaseDate": "2024-11-09", "lts": false},
  {"cycle": "7", "codename": "Wheezy", "releaseDate": "2013-05-04", "eol": true, "lts": false}
])";

const char* const kV1 = R"J({"schema_version": "1.2.0", "generated_at": "2026-12-01T00:00:00+00:00",
  "result": {"name": "debian", "label": "Debian", "category": "os", "releases": [
    {"name": "14", "codename": "Forky", "label": "14 (Forky)", "releaseDate": "2027-06-12", "isLts": false,
     "isEol": false, "eolFrom": null, "isEoes": false, "eoesFrom": null, "isMaintained": true, "latest": null},
    {"name": "12", "codename": "Bookworm", "label": "12 (Bookworm)", "releaseDate": "2023-06-10", "isLts": false,
     "isEol": true, "eolFrom": "2026-06-10", "isEoes": false, "eoesFrom": "2028-06-30", "isMaintained": true,
     "latest": {"name": "12.8", "date": "2024-11-09", "link": null}},
    {"name": "7", "codename": "Wheezy", "label": "7 (Wheezy)", "releaseDate": "2013-05-04", "isLts": false,
     "isEol": true, "eolFrom": null, "isMaintained": false, "latest": null}
  ]}})J";

std::vector<sbom::eol::Table> tables_of(const std::string& text, const std::string& name, std::vector<std::string>& issues) {
  sbom::vulndb::Builder b;
  sbom::Diagnostics on_issue([&](const sbom::Diagnostic& d) { issues.push_back(d.where.to_string()); });
  if (!b.add_record(text, name, on_issue)) return {};
  sbom::vulndb::Database db = vulndb_test::index_of(b, 1796601600);
  auto t = sbom::vulndb::eol_tables(db);
  REQUIRE(t);
  return std::move(*t);
}

sbom::Document debian(const std::string& version) {
  sbom::Document doc;
  sbom::Component c;
  c.type = "operating-system";
  c.name = "debian";
  c.version = version;
  c.bom_ref = "os:" + version;
  doc.components.emplace().push_back(std::move(c));
  return doc;
}

}  // namespace

TEST_CASE("eol table: the v1 API's document and the legacy array give the same table") {
  std::vector<std::string> issues;
  auto legacy = tables_of(kLegacy, "debian.json", issues);
  auto v1 = tables_of(kV1, "https://endoflife.date/api/v1/products/debian", issues);
  CHECK(issues.empty());
  REQUIRE(legacy.size() == 1);
  REQUIRE(v1.size() == 1);
  REQUIRE(legacy[0].cycles.size() == 3);
  REQUIRE(v1[0].cycles.size() == legacy[0].cycles.size());
  CHECK(v1[0].date == legacy[0].date);
  for (std::size_t i = 0; i < legacy[0].cycles.size(); ++i) {
    const sbom::eol::Cycle& a = legacy[0].cycles[i];
    const sbom::eol::Cycle& b = v1[0].cycles[i];
    CHECK(a.product == b.product);
    CHECK(a.cycle == b.cycle);
    CHECK(a.eol == b.eol);
    CHECK(a.label == b.label);
    CHECK(a.ended == b.ended);
  }
  // Debian's last day is its LTS end; "eol": false / "isEol": false with no date is not an end.
  CHECK(v1[0].find("debian", "12")->eol == "2028-06-30");
  CHECK(v1[0].find("debian", "12")->label == "Debian 12 (bookworm)");
  CHECK_FALSE(v1[0].find("debian", "14")->ended);
  CHECK(v1[0].find("debian", "7")->ended);
  // And so the same verdicts, on any day.
  for (const char* day : {"2026-12-06", "2028-06-30", "2028-07-01", "2031-01-01"}) {
    for (const char* version : {"7", "12.4", "14"}) {
      sbom::Document a = debian(version), b = debian(version);
      const auto now = *sbom::text::parse_utc_time(day);
      CHECK(sbom::eol::add_findings(a, now, legacy) == sbom::eol::add_findings(b, now, v1));
    }
  }
  sbom::Document forky = debian("14");
  CHECK(sbom::eol::add_findings(forky, *sbom::text::parse_utc_time("2040-01-01"), v1) == 0);
}

TEST_CASE("eol table: a v1 document of another product, with no release, or with an end that is no date is refused") {
  auto first_issue = [](const std::string& text, const std::string& name) {
    std::vector<std::string> issues;
    tables_of(text, name, issues);
    return issues.empty() ? std::string() : issues.front();
  };
  CHECK(first_issue(R"({"result": {"name": "ubuntu", "releases": [{"name": "22.04", "eolFrom": "2027-04-01"}]}})",
                    "https://endoflife.date/api/v1/products/debian") ==
        "https://endoflife.date/api/v1/products/debian:1:21: at /result/name: the table is of 'ubuntu', not of debian "
        "(the file or URL names its product)");
  CHECK(first_issue(R"({"result": {"name": "debian", "releases": []}})", "debian.json") ==
        "debian.json:1:43: at /result/releases: the table lists no release");
  CHECK(first_issue(R"({"result": {"name": "debian", "releases": [{"name": "12", "eolFrom": "soon"}]}})", "debian.json") ==
        "debian.json:1:70: at /result/releases/0/eolFrom: cycle 12: eolFrom is neither a date (YYYY-MM-DD) nor true/false");
  CHECK(first_issue(R"({"result": {"name": "debian", "releases": [{"name": "12"}]}})", "debian.json") ==
        "debian.json:1:44: at /result/releases/0/eolFrom: cycle 12: eolFrom is neither a date (YYYY-MM-DD) nor true/false");
  // A v1 document names its product; an alias of it is the same product.
  std::vector<std::string> issues;
  auto t = tables_of(R"({"result": {"name": "alpine-linux", "releases": [{"name": "3.18", "eolFrom": "2025-05-09"}]}})",
                     "alpine.json", issues);
  CHECK(issues.empty());
  REQUIRE(t.size() == 1);
  CHECK(t[0].find("alpine", "3.18")->eol == "2025-05-09");
}
