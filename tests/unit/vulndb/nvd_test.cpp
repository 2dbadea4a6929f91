// NVD CVE API 2.0 data (pages, single records, yearly feeds, gzipped or not) as rating sources
// found by id, and GHSA records found by their aliases.
#include <catch2/catch.hpp>

#include <zlib.h>

#include <filesystem>
#include <fstream>

#include "helpers.h"
#include "sbom/vulndb.h"

using sbom::vulndb::Builder;
using sbom::vulndb::Database;

namespace {

std::string nvd_page(const std::string& cves) {
  return R"({"resultsPerPage":1,"startIndex":0,"totalResults":1,"format":"NVD_CVE","version":"2.0",
    "timestamp":"2023-11-26T23:42:14.677","vulnerabilities":[)" + cves + "]}";
}

// One cve entry: a primary v3.1 metric, a secondary (CNA) one, a v2 one.
const std::string kCve = R"({"cve":{"id":"CVE-2023-0001","sourceIdentifier":"cna@example.org",
  "published":"2023-01-02T03:04:05.678","lastModified":"2023-02-03T04:05:06.789","vulnStatus":"Analyzed",
  "descriptions":[{"lang":"es","value":"algo"},{"lang":"en","value":"something bad"}],
  "metrics":{"cvssMetricV31":[
      {"source":"nvd@nist.gov","type":"Primary","cvssData":{"version":"3.1","vectorString":"CVSS:3.1/AV:N/AC:L/PR:N/UI:N/S:U/C:H/I:N/A:N","baseScore":7.5,"baseSeverity":"HIGH"}},
      {"source":"cna@example.org","type":"Secondary","cvssData":{"version":"3.1","vectorString":"CVSS:3.1/AV:N/AC:H/PR:N/UI:N/S:U/C:L/I:N/A:N","baseScore":3.7,"baseSeverity":"LOW"}}],
    "cvssMetricV2":[{"source":"nvd@nist.gov","type":"Primary","cvssData":{"version":"2.0","vectorString":"AV:N/AC:L/Au:N/C:P/I:N/A:N","baseScore":5.0}}]},
  "weaknesses":[{"source":"nvd@nist.gov","type":"Primary","description":[{"lang":"en","value":"CWE-400"}]}]}})";

std::string gzip(const std::string& text) {
  z_stream z{};
  REQUIRE(deflateInit2(&z, 6, Z_DEFLATED, 16 + MAX_WBITS, 8, Z_DEFAULT_STRATEGY) == Z_OK);
  std::string out(deflateBound(&z, text.size()) + 32, '\0');
  z.next_in = reinterpret_cast<Bytef*>(const_cast<char*>(text.data()));
  z.avail_in = static_cast<uInt>(text.size());
  z.next_out = reinterpret_cast<Bytef*>(out.data());
  z.avail_out = static_cast<uInt>(out.size());
  REQUIRE(deflate(&z, Z_FINISH) == Z_STREAM_END);
  out.resize(z.total_out);
  deflateEnd(&z);
  return out;
}

struct TempDir {
  std::filesystem::path path;
  TempDir() {
    char tmpl[] = "/tmp/sbomkit-nvd-XXXXXX";
    REQUIRE(mkdtemp(tmpl) != nullptr);
    path = tmpl;
  }
  ~TempDir() { std::filesystem::remove_all(path); }
  std::string write(const std::string& name, const std::string& bytes) const {
    std::ofstream(path / name, std::ios::binary) << bytes;
    return (path / name).string();
  }
};

auto fail_on_issue = sbom::Diagnostics([](const sbom::Diagnostic& dg) { FAIL(dg.where.to_string()); });

}  // namespace

TEST_CASE("an NVD API page becomes rating-only records found by CVE id, never by package") {
  Builder b;
  REQUIRE(b.add_record(nvd_page(kCve), "page.json", fail_on_issue));
  Database db = vulndb_test::index_of(b);
  CHECK(db.info().records == 1);
  CHECK(db.info().packages == 0);  // id keys are not packages
  CHECK(db.info().ecosystems.empty());
  auto r = db.query_id("CVE-2023-0001");
  REQUIRE(r);
  REQUIRE(r->size() == 1);
  const auto& rec = (*r)[0];
  CHECK(rec.id == "CVE-2023-0001");
  CHECK(rec.modified == "2023-02-03T04:05:06.789Z");
  CHECK(rec.published == "2023-01-02T03:04:05.678Z");
  CHECK(rec.details == "something bad");
  CHECK(rec.affected.empty());
  // The primary metrics only: NVD's own scores, not the CNA's.
  REQUIRE(rec.severity.size() == 2);
  CHECK(rec.severity[0].type == "CVSS_V3");
  CHECK(rec.severity[0].score == "CVSS:3.1/AV:N/AC:L/PR:N/UI:N/S:U/C:H/I:N/A:N");
  CHECK(rec.severity[1].type == "CVSS_V2");
  CHECK(rec.severity[1].score == "AV:N/AC:L/Au:N/C:P/I:N/A:N");
  REQUIRE(rec.database_specific.is_object());
  CHECK(sbom::json::write(rec.database_specific, sbom::json::WriteOptions{.indent = 0}) ==
        R"({"source":"NVD","vulnStatus":"Analyzed","cwe_ids":["CWE-400"]})");
  auto none = db.query_id("CVE-2023-0002");
  REQUIRE(none);
  CHECK(none->empty());
}

TEST_CASE("a CVE with only secondary metrics keeps them; a rejected CVE is withdrawn") {
  std::string cna_only = R"({"cve":{"id":"CVE-2024-1","sourceIdentifier":"x","published":"2024-01-01T00:00:00.000",
    "lastModified":"2024-01-02T00:00:00.000","vulnStatus":"Awaiting Analysis","descriptions":[],
    "metrics":{"cvssMetricV40":[{"source":"x","type":"Secondary","cvssData":{"version":"4.0",
      "vectorString":"CVSS:4.0/AV:N/AC:L/AT:N/PR:N/UI:N/VC:H/VI:H/VA:H/SC:N/SI:N/SA:N"}}]}}})";
  std::string rejected = R"({"cve":{"id":"CVE-2024-2","sourceIdentifier":"x","published":"2024-01-01T00:00:00.000",
    "lastModified":"2024-03-01T00:00:00.000","vulnStatus":"Rejected","descriptions":[],"metrics":{}}})";
  Builder b;
  REQUIRE(b.add_record(nvd_page(cna_only + "," + rejected), "page.json", fail_on_issue));
  CHECK(b.stats().withdrawn == 1);
  Database db = vulndb_test::index_of(b);
  auto r = db.query_id("CVE-2024-1");
  REQUIRE(r);
  REQUIRE(r->size() == 1);
  REQUIRE((*r)[0].severity.size() == 1);
  CHECK((*r)[0].severity[0].type == "CVSS_V4");
  auto w = db.query_id("CVE-2024-2");
  REQUIRE(w);
  REQUIRE(w->size() == 1);
  CHECK((*w)[0].withdrawn == "2024-03-01T00:00:00.000Z");
}

TEST_CASE("a bare cve object (one file per CVE) is NVD data too") {
  std::string bare = kCve.substr(7, kCve.size() - 8);  // the object inside {"cve": ...}
  Builder b;
  REQUIRE(b.add_record(bare, "CVE-2023-0001.json", fail_on_issue));
  Database db = vulndb_test::index_of(b);
  auto r = db.query_id("CVE-2023-0001");
  REQUIRE(r);
  CHECK(r->size() == 1);
}

TEST_CASE("a GHSA record is found by its id and by its aliases; a package record of another source is not") {
  Builder b;
  REQUIRE(b.add_record(vulndb_test::record("GHSA-aaaa-bbbb-cccc", "Go", "example.com/m", "0", "1.2", "2024-01-01T00:00:00Z",
                                           R"(,"aliases":["CVE-2023-0001"])"),
                       "ghsa.json", fail_on_issue));
  REQUIRE(b.add_record(vulndb_test::record("GO-2023-0001", "Go", "example.com/m", "0", "1.2", "2024-01-01T00:00:00Z",
                                           R"(,"aliases":["CVE-2023-0001","GHSA-aaaa-bbbb-cccc"])"),
                       "go.json", fail_on_issue));
  Database db = vulndb_test::index_of(b);
  CHECK(db.info().packages == 1);
  for (const char* id : {"GHSA-aaaa-bbbb-cccc", "CVE-2023-0001"}) {
    auto r = db.query_id(id);
    REQUIRE(r);
    REQUIRE(r->size() == 1);
    CHECK((*r)[0].id == "GHSA-aaaa-bbbb-cccc");
  }
  auto go = db.query_id("GO-2023-0001");
  REQUIRE(go);
  CHECK(go->empty());
  auto pkg = db.query("Go", "example.com/m");
  REQUIRE(pkg);
  CHECK(pkg->size() == 2);
}

TEST_CASE("NVD sources: a gzipped yearly feed and a directory of .json.gz files") {
  TempDir dir;
  std::string feed = dir.write("nvdcve-2.0-2023.json.gz", gzip(nvd_page(kCve)));
  Builder b;
  REQUIRE(b.add_source(feed, fail_on_issue));
  REQUIRE(b.sources().size() == 1);
  CHECK(b.sources()[0].records == 1);
  std::filesystem::create_directory(dir.path / "tree");
  dir.write("tree/a.json.gz", gzip(nvd_page(kCve)));
  Builder d;
  REQUIRE(d.add_source((dir.path / "tree").string(), fail_on_issue));
  CHECK(d.sources()[0].records == 1);
}

TEST_CASE("bad NVD and gzip files are one error naming the file") {
  TempDir dir;
  Builder b;
  auto err = [&](const std::string& name, const std::string& bytes) {
    auto ok = b.add_source(dir.write(name, bytes), fail_on_issue);
    REQUIRE_FALSE(ok);
    return ok.error().to_string();
  };
  std::string page = nvd_page(kCve);
  CHECK(err("trunc.json.gz", gzip(page).substr(0, 40)).find("trunc.json.gz: gzip: truncated data") != std::string::npos);
  CHECK(err("noise.json.gz", std::string("\x1f\x8b\x08\x00garbage-garbage", 19)).find("noise.json.gz: gzip: corrupt data") !=
        std::string::npos);
  CHECK(err("empty.json", nvd_page("")) == dir.path.string() + "/empty.json:2:61: at /vulnerabilities: NVD CVE document with no CVE");
  CHECK(err("shape.json", R"({"format":"NVD_CVE","vulnerabilities":{}})") ==
        dir.path.string() + "/shape.json:1:39: at /vulnerabilities: NVD CVE document without a vulnerabilities array");
  CHECK(err("old.json", R"({"CVE_data_type":"CVE","CVE_Items":[]})").find("an NVD JSON 1.1 feed (retired by NVD") != std::string::npos);
  // KEV and EPSS files with nothing in them: imported, so empty is an error of the feed.
  CHECK(err("kev.json", R"({"title":"x","catalogVersion":"1","vulnerabilities":[]})") ==
        dir.path.string() + "/kev.json:1:53: at /vulnerabilities: KEV catalog with no entry");
  CHECK(err("epss.csv", "#model_version:v2023.03.01,score_date:2025-02-20T00:00:00+0000\ncve,epss,percentile\n") ==
        dir.path.string() + "/epss.csv:2:1: EPSS CSV with no score");
  CHECK(err("tracker.json", R"({"apparmor":{"CVE-2014-1424":{"description":"x","releases":{}}}})") ==
        dir.path.string() + "/tracker.json:1:1: Debian security tracker JSON with no release of any package");
  CHECK(b.sources().empty());
}

TEST_CASE("the shared NVD records: every file reads, every CVE is found by id") {
  auto root = vulndb_test::shared_data();
  if (root.empty()) {
    WARN("SBOMKIT_SHARED not set: shared NVD records not tested");
    return;
  }
  Builder b;
  REQUIRE(b.add_source((root / "feeds" / "nvd").string(), fail_on_issue));
  // 68 CVEs in 30 files (SOURCES.md: 38 + 1 + 23 + 3 + 3), every one found by its id.
  CHECK(b.stats().records == 68);
  CHECK(b.stats().invalid == 0);
  Database db = vulndb_test::index_of(b);
  auto r = db.query_id("CVE-2023-4863");
  REQUIRE(r);
  REQUIRE(r->size() == 1);
  REQUIRE_FALSE((*r)[0].severity.empty());
  CHECK((*r)[0].severity[0].score == "CVSS:3.1/AV:N/AC:L/PR:N/UI:R/S:U/C:H/I:H/A:H");
}
