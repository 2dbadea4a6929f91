// Tests of the index builder: validation, de-duplication, keys, determinism, YAML records.
#include <catch2/catch.hpp>

#include <filesystem>
#include <fstream>

#include "helpers.h"
#include "sbom/vulndb.h"

using sbom::vulndb::Builder;
using sbom::vulndb::Database;
using vulndb_test::record;

namespace {

Database build(const Builder& b) { return vulndb_test::index_of(b, 1700000000); }

}  // namespace

TEST_CASE("records are indexed by ecosystem and normalised name") {
  Builder b;
  std::vector<std::string> issues;
  auto on_issue = sbom::Diagnostics([&](const sbom::Diagnostic& dg) { issues.push_back(dg.where.to_string()); });
  CHECK(b.add_record(record("PYSEC-1", "PyPI", "Foo_Bar", "0", "1.0"), "a.json", on_issue));
  CHECK(b.add_record(record("GO-1", "Go", "example.com/Mod", "0", "1.0.0"), "b.json", on_issue));
  CHECK(b.add_record(record("GHSA-1", "PyPI", "foo.bar", "1.0", "2.0"), "c.json", on_issue));
  CHECK(issues.empty());
  Database db = build(b);
  CHECK(db.info().records == 3);
  CHECK(db.info().packages == 2);
  CHECK(db.info().build_time == 1700000000);
  CHECK(db.info().ecosystems.at("PyPI") == 2);
  CHECK(db.has_ecosystem("Go"));
  CHECK_FALSE(db.has_ecosystem("npm"));
  auto r = db.query("PyPI", "FOO-bar");
  REQUIRE(r);
  REQUIRE(r->size() == 2);
  CHECK((*r)[0].id == "GHSA-1");  // id order
  CHECK((*r)[1].id == "PYSEC-1");
  r = db.query("Go", "example.com/mod");  // Go module paths are case-sensitive
  REQUIRE(r);
  CHECK(r->empty());
  r = db.query("Go", "example.com/Mod");
  REQUIRE(r);
  CHECK(r->size() == 1);
}

TEST_CASE("invalid records are reported with file and reason, and skipped") {
  Builder b;
  std::vector<std::string> issues;
  // Each one a warning of its own kind, which a tool prints as "skipped invalid record: …".
  auto on_issue = sbom::Diagnostics([&](const sbom::Diagnostic& dg) {
    CHECK(dg.kind == sbom::Diagnostic::Kind::kInvalidRecord);
    issues.push_back(dg.where.to_string());
  });
  CHECK_FALSE(b.add_record(R"({"id":"X"})", "bad.json", on_issue));
  CHECK_FALSE(b.add_record(R"({"id":)", "broken.json", on_issue));
  CHECK(b.add_record(record("OK-1", "npm", "x", "0", "1.0.0"), "ok.json", on_issue));
  REQUIRE(issues.size() == 2);
  CHECK(issues[0] == "bad.json:1:1: at /: record X has no modified time");
  CHECK_THAT(issues[1], Catch::StartsWith("broken.json:1:"));
  CHECK(b.stats().invalid == 2);
  CHECK(build(b).info().records == 1);
}

TEST_CASE("a duplicate id keeps the later modified record") {
  Builder b;
  auto none = sbom::Diagnostics([](const sbom::Diagnostic&) {});
  REQUIRE(b.add_record(record("A-1", "npm", "x", "0", "2.0.0", "2024-05-01T00:00:00Z"), "new.json", none));
  REQUIRE(b.add_record(record("A-1", "npm", "x", "0", "1.0.0", "2023-01-01T00:00:00Z"), "old.json", none));
  CHECK(b.stats().duplicates == 1);
  Database db = build(b);
  auto r = db.query("npm", "x");
  REQUIRE(r);
  REQUIRE(r->size() == 1);
  CHECK((*r)[0].affected[0].ranges[0].events[1].version == "2.0.0");
}

TEST_CASE("the index bytes are deterministic and independent of input order") {
  auto none = sbom::Diagnostics([](const sbom::Diagnostic&) {});
  Builder a, b;
  a.add_record(record("A-1", "npm", "x", "0", "1.0.0"), "1.json", none);
  a.add_record(record("B-1", "npm", "y", "0", "1.0.0"), "2.json", none);
  b.add_record(record("B-1", "npm", "y", "0", "1.0.0"), "2.json", none);
  b.add_record(record("A-1", "npm", "x", "0", "1.0.0"), "1.json", none);
  CHECK(a.serialize(5) == b.serialize(5));
}

TEST_CASE("withdrawn records are indexed and counted") {
  Builder b;
  auto none = sbom::Diagnostics([](const sbom::Diagnostic&) {});
  b.add_record(record("W-1", "npm", "x", "0", "1.0.0", "2024-01-01T00:00:00Z", R"(,"withdrawn":"2024-02-01T00:00:00Z")"),
               "w.json", none);
  CHECK(b.stats().withdrawn == 1);
  auto r = build(b).query("npm", "x");
  REQUIRE(r);
  REQUIRE(r->size() == 1);
  CHECK((*r)[0].is_withdrawn());
}

#if SBOMKIT_VULNDB_YAML
TEST_CASE("YAML records: unquoted versions are read as their text") {
  Builder b;
  std::vector<std::string> issues;
  auto on_issue = sbom::Diagnostics([&](const sbom::Diagnostic& dg) { issues.push_back(dg.where.to_string()); });
  const char* yaml = R"(id: PYSEC-2
modified: "2024-01-01T00:00:00Z"
affected:
- package:
    ecosystem: PyPI
    name: pkg
  ranges:
  - type: ECOSYSTEM
    events:
    - introduced: 0
    - fixed: 1.10
  versions:
  - 1.0
)";
  REQUIRE(b.add_record(yaml, "PYSEC-2.yaml", on_issue));
  auto r = build(b).query("PyPI", "pkg");
  REQUIRE(r);
  REQUIRE(r->size() == 1);
  CHECK((*r)[0].affected[0].ranges[0].events[1].version == "1.10");
  CHECK((*r)[0].affected[0].versions == std::vector<std::string>{"1.0"});
}
#endif

TEST_CASE("stored records read back exactly: whitespace inside strings and escapes survive minifying") {
  Builder b;
  std::string text = "{\n  \"id\" : \"X-1\",\t\"modified\": \"2024-01-01T00:00:00Z\",\r\n"
                     "  \"summary\": \"a  \\\" b \\\\\\\" { } [ ] , : \\n \\u00e9 \xc3\xa9\",\n"
                     "  \"database_specific\": { \"n\" : 1.10 , \"e\" : [ ] },\n"
                     "  \"affected\": [ { \"package\": { \"ecosystem\": \"PyPI\", \"name\": \"foo\" },\n"
                     "    \"ranges\": [ { \"type\": \"ECOSYSTEM\", \"events\": [ { \"introduced\": \"0\" } ] } ] } ]\n}\n";
  auto original = sbom::osv::parse_record(text, "x.json");
  REQUIRE(original);
  REQUIRE(b.add_record(text, "x.json", sbom::Diagnostics([](const sbom::Diagnostic& dg) { FAIL(dg.where.to_string()); })));
  Database db = build(b);
  auto stored = db.record_at(0);
  REQUIRE(stored);
  CHECK(stored->summary == "a  \" b \\\" { } [ ] , : \n \xc3\xa9 \xc3\xa9");
  CHECK(stored->summary == original->summary);
  CHECK(sbom::json::write(stored->database_specific, {.indent = 0}) == R"({"n":1.10,"e":[]})");
  CHECK(stored->affected.size() == 1);
}

TEST_CASE("a source that gives no record is an error saying what it is, never an empty index") {
  std::filesystem::path dir = std::filesystem::temp_directory_path() / "sbomkit-vulndb-nothing";
  std::filesystem::remove_all(dir);
  std::filesystem::create_directories(dir / "empty");
  std::filesystem::create_directories(dir / "bad");
  auto write = [](const std::filesystem::path& p, const std::string& text) { std::ofstream(p, std::ios::binary) << text; };
  write(dir / "zero", "");
  write(dir / "page", "\n<HTML><body>404</body></HTML>");
  write(dir / "bom.json", R"({"bomFormat":"CycloneDX","specVersion":"1.6"})");
  write(dir / "bad" / "a.json", R"({"id":"A-1"})");
  write(dir / "ok.json", vulndb_test::record("A-1", "npm", "x", "0", "1.0.0"));
  auto error_of = [&](const std::string& name, std::size_t* issues = nullptr) {
    Builder b;
    auto ok = b.add_source((dir / name).string(), sbom::Diagnostics([&](const sbom::Diagnostic&) { if (issues) ++*issues; }));
    CHECK(b.sources().empty());
    return ok ? std::string() : ok.error().message;
  };
  CHECK_THAT(error_of("zero"), Catch::EndsWith("zero: an empty file, not OSV data (an OSV zip, a directory of OSV records or an OSV record)"));
  CHECK_THAT(error_of("page"), Catch::Contains("page: an HTML page, not OSV data"));
  CHECK_THAT(error_of("bom.json"), Catch::Contains("bom.json: a CycloneDX document, not OSV data"));
  CHECK_THAT(error_of("empty"), Catch::EndsWith("empty: a directory with no OSV record files (*.json, *.yaml, *.yml)"));
  std::size_t issues = 0;
  CHECK_THAT(error_of("bad", &issues), Catch::EndsWith("bad: a directory with no valid OSV record (1 skipped as invalid)"));
  CHECK(issues == 1);
  Builder good;
  REQUIRE(good.add_source((dir / "ok.json").string(), {}));
  CHECK(good.stats().records == 1);
  std::filesystem::remove_all(dir);
}
