// Tests over the shared OSV data: building from the real all.zip files and directories, and the
// range evaluator checked against every `versions` list of the real PyPI records.
#include <catch2/catch.hpp>

#include <map>
#include <set>

#include "helpers.h"
#include "sbom/ecosystem.h"
#include "sbom/vulndb.h"

using sbom::vulndb::Builder;
using sbom::vulndb::Database;

TEST_CASE("the four shared OSV zips build into one index") {
  auto data = vulndb_test::shared_data();
  if (data.empty()) {
    WARN("SBOMKIT_SHARED not set: skipping");
    return;
  }
  Builder b;
  std::vector<std::string> issues;
  auto on_issue = sbom::Diagnostics([&](const sbom::Diagnostic& dg) { issues.push_back(dg.where.to_string()); });
  for (const char* eco : {"AlmaLinux", "Go", "PyPI", "crates.io"})
    REQUIRE(b.add_source((data / "osv" / eco / "all.zip").string(), on_issue));
  for (const auto& i : issues) UNSCOPED_INFO(i);
  CHECK(issues.empty());
  REQUIRE(b.sources().size() == 4);
  CHECK(b.sources()[0].kind == "zip");
  CHECK(b.sources()[0].sha256.size() == 64);
  CHECK(b.sources()[1].records == 4291);
  CHECK(b.sources()[2].records == 2661);
  CHECK(b.sources()[3].records == 1206);
  auto db = Database::from_bytes(b.serialize(0), "mem");
  REQUIRE(db);
  CHECK(db->info().records == b.stats().records);
  CHECK(db->has_ecosystem("AlmaLinux:9"));
  auto r = db->query("PyPI", "Django");
  REQUIRE(r);
  CHECK(r->size() > 50);
  r = db->query("crates.io", "openssl");
  REQUIRE(r);
  CHECK_FALSE(r->empty());
}

TEST_CASE("the osv-samples directory: valid records indexed, the rest reported by file") {
  auto data = vulndb_test::shared_data();
  if (data.empty()) {
    WARN("SBOMKIT_SHARED not set: skipping");
    return;
  }
  Builder b;
  std::vector<std::string> issues;
  auto on_issue = sbom::Diagnostics([&](const sbom::Diagnostic& dg) { issues.push_back(dg.where.to_string()); });
  REQUIRE(b.add_source((data / "osv-samples").string(), on_issue));
  REQUIRE(b.sources().size() == 1);
  CHECK(b.sources()[0].kind == "directory");
  CHECK(b.stats().invalid == issues.size());
  bool nointroduced = false;
  for (const auto& i : issues)
    if (i.find("nointroduced-CVE-2023-41045.json:") != std::string::npos &&
        i.find("range has no introduced event") != std::string::npos)
      nointroduced = true;
  CHECK(nointroduced);
  auto db = Database::from_bytes(b.serialize(0), "mem");
  REQUIRE(db);
  auto r = db->query("Debian:7", "nginx");
  REQUIRE(r);
  REQUIRE(r->size() == 1);
  CHECK((*r)[0].id == "DSA-3029-1");
}

TEST_CASE("PyPI: every listed version agrees with its record's ranges, quirks named") {
  auto data = vulndb_test::shared_data();
  if (data.empty()) {
    WARN("SBOMKIT_SHARED not set: skipping");
    return;
  }
  auto scheme = sbom::version::ecosystem_scheme("PyPI");
  if (!scheme) {
    WARN("PEP 440 scheme not available (" << scheme.error().message << "): skipping");
    return;
  }
  Builder b;
  REQUIRE(b.add_source((data / "osv" / "PyPI" / "all.zip").string(), sbom::Diagnostics([](const sbom::Diagnostic&) {})));
  auto db = Database::from_bytes(b.serialize(0), "mem");
  REQUIRE(db);
  // The evaluator gets each entry with its list withheld, and must place every listed version
  // inside the ranges; the exceptions are counted and named.
  std::size_t listed = 0, invalid = 0, outside = 0;
  std::map<std::string, int> outside_by_record;
  for (std::uint64_t i = 0; i < db->info().records; ++i) {
    auto rec = db->record_at(i);
    REQUIRE(rec);
    for (const sbom::osv::Affected& a : rec->affected) {
      if (a.package.ecosystem != "PyPI") continue;
      sbom::osv::Affected ranges_only = a;
      ranges_only.versions.clear();
      for (const std::string& v : a.versions) {
        ++listed;
        // With the list given, a listed version is affected whatever the ranges say.
        auto with_list = sbom::osv::evaluate(a, v, *scheme);
        if (!(*scheme)->validate(v)) {
          ++invalid;
          continue;
        }
        REQUIRE(with_list);
        CHECK(with_list->affected);
        // The bulk matcher's evaluation agrees with the full one.
        auto verdict = sbom::osv::evaluate(a, v, *scheme, sbom::osv::Detail::kVerdict);
        REQUIRE(verdict);
        CHECK(verdict->affected);
        auto d = sbom::osv::evaluate(ranges_only, v, *scheme);
        if (!d || !d->affected) {
          ++outside;
          ++outside_by_record[rec->id];
        }
      }
    }
  }
  for (const auto& [id, n] : outside_by_record) UNSCOPED_INFO(id << ": " << n);
  // 140,739 versions that are PEP 440 plus 108 that only the legacy (pre-PEP 440) rules accept;
  // the scheme orders those too, so none is left unevaluated.
  CHECK(listed == 140847);
  CHECK(invalid == 0);
  // Named data quirks of the shared PyPI snapshot, each checked by hand against its record:
  const std::map<std::string, int> quirks = {
      {"PYSEC-2021-114", 1},  // wagtail: overlapping pairs [0,2.11.6) and [2.11,2.11.7) in one range;
                              // the schema's single sweep closes at 2.11.6, the list has 2.11.6
      {"PYSEC-2023-177", 2},  // gevent: lists 23.9.0 and 23.9.0.post1, at or above `fixed` 23.9.0
      {"PYSEC-2023-61", 6},   // django: 3.2a1.. 4.2rc1 listed, below `introduced` 3.2 / 4.0 / 4.2
      {"PYSEC-2024-1", 1},    // gratient: a versions list and no ranges at all
  };
  CHECK(outside_by_record == quirks);
  CHECK(outside == 10);
}
