// Alpine secdb files (JSON as secdb.alpinelinux.org serves them, YAML as the old repository kept
// them) turned into OSV records: ids, ecosystems, ranges, "0" entries, merging across releases.
#include <catch2/catch.hpp>

#include <fstream>

#include "helpers.h"
#include "sbom/vulndb.h"

using sbom::vulndb::Builder;
using sbom::vulndb::Database;

namespace {

// A secdb file in the JSON form, written for these tests.
std::string secdb_json(const std::string& release, const std::string& packages) {
  return R"({"apkurl":"{{urlprefix}}/{{distroversion}}/{{reponame}}/{{arch}}/{{pkg.name}}-{{pkg.ver}}.apk",
    "archs":["x86_64"],"reponame":"main","urlprefix":"https://dl-cdn.alpinelinux.org/alpine",
    "distroversion":")" + release + R"(","packages":[)" + packages + "]}";
}

Database index(const Builder& b) { return vulndb_test::index_of(b); }

}  // namespace

TEST_CASE("a secdb JSON file becomes one ALPINE-<id> record per vulnerability") {
  Builder b;
  std::vector<std::string> issues;
  auto on_issue = sbom::Diagnostics([&](const sbom::Diagnostic& dg) { issues.push_back(dg.where.to_string()); });
  std::string text = secdb_json("v3.19", R"J(
    {"pkg":{"name":"openssl","secfixes":{"3.1.4-r1":["CVE-2023-5678"],"3.1.2-r0":["CVE-2023-2975 (AES-SIV)","CVE-2023-3446"]}}},
    {"pkg":{"name":"xen","secfixes":{"4.17.2-r0":["CVE-2023-20593 XSA-433"],"4.17.1-r0":["XSA-431"]}}},
    {"pkg":{"name":"db","secfixes":{"0":["CVE-2016-0682"]}}},
    {"pkg":{"name":"zlib"}},
    {"pkg":{"name":"curl","secfixes":{"8.4.0-r0":["(regression fix)"],"8.3.0.-r0":["CVE-2023-38039"]}}})J");
  CHECK_FALSE(b.add_record(text, "main.json", on_issue));  // two entries are unreadable
  REQUIRE(issues.size() == 2);
  CHECK(issues[0] == "main.json:8:51: at /packages/4/pkg/secfixes/8.4.0-r0/0: entry '(regression fix)' names no vulnerability id");
  CHECK(issues[1].find("at /packages/4/pkg/secfixes/8.3.0.-r0: fixed version '8.3.0.-r0' is not a valid apk version") != std::string::npos);
  Database db = index(b);
  CHECK(db.info().records == 5);
  CHECK(db.has_ecosystem("Alpine:v3.19"));
  auto r = db.query("Alpine:v3.19", "openssl");
  REQUIRE(r);
  REQUIRE(r->size() == 3);
  const auto& rec = (*r)[0];
  CHECK(rec.id == "ALPINE-CVE-2023-2975");
  CHECK(rec.aliases == std::vector<std::string>{"CVE-2023-2975"});
  REQUIRE(rec.affected.size() == 1);
  CHECK(rec.affected[0].package.ecosystem == "Alpine:v3.19");
  CHECK(rec.affected[0].package.name == "openssl");
  REQUIRE(rec.affected[0].ranges.size() == 1);
  const auto& events = rec.affected[0].ranges[0].events;
  REQUIRE(events.size() == 2);
  CHECK(events[0].version == "0");
  CHECK(events[1].kind == sbom::osv::Event::Kind::kFixed);
  CHECK(events[1].version == "3.1.2-r0");
  REQUIRE(rec.references.size() == 1);
  CHECK(rec.references[0].url == "https://security.alpinelinux.org/vuln/CVE-2023-2975");
  // "CVE-2023-20593 XSA-433": the CVE names it; "XSA-431" alone is an id too.
  r = db.query("Alpine:v3.19", "xen");
  REQUIRE(r);
  REQUIRE(r->size() == 2);
  CHECK((*r)[0].id == "ALPINE-CVE-2023-20593");
  CHECK((*r)[1].id == "ALPINE-XSA-431");
  // Version "0": never affected in this release, so nothing to match.
  r = db.query("Alpine:v3.19", "db");
  REQUIRE(r);
  CHECK(r->empty());
}

TEST_CASE("one id fixed in several releases is one record; the file order does not matter") {
  std::string v318 = secdb_json("v3.18", R"({"pkg":{"name":"openssl","secfixes":{"3.1.4-r1":["CVE-2023-5678"]}}})");
  std::string v319 = secdb_json("v3.19", R"({"pkg":{"name":"openssl","secfixes":{"3.1.4-r3":["CVE-2023-5678"],"3.1.4-r1":["CVE-2023-5678"]}}})");
  Builder a, b;
  auto none = sbom::Diagnostics([](const sbom::Diagnostic& dg) { FAIL(dg.where.to_string()); });
  REQUIRE(a.add_record(v318, "3.18.json", none));
  REQUIRE(a.add_record(v319, "3.19.json", none));
  REQUIRE(b.add_record(v319, "3.19.json", none));
  REQUIRE(b.add_record(v318, "3.18.json", none));
  CHECK(a.serialize(0) == b.serialize(0));
  CHECK(a.stats().duplicates == 0);
  Database db = index(a);
  CHECK(db.info().records == 1);
  auto rec = db.record_at(0);
  REQUIRE(rec);
  REQUIRE(rec->affected.size() == 2);
  CHECK(rec->affected[0].package.ecosystem == "Alpine:v3.18");
  CHECK(rec->affected[1].package.ecosystem == "Alpine:v3.19");
  CHECK(rec->affected[1].ranges.size() == 2);  // listed under two versions: each closes a range
  // An OSV record with the same id (osv.dev's own Alpine data) has a real modified time and wins.
  REQUIRE(a.add_record(vulndb_test::record("ALPINE-CVE-2023-5678", "Alpine:v3.19", "openssl", "0", "3.1.4-r2"), "osv.json", none));
  CHECK(a.stats().duplicates == 1);
  db = index(a);
  rec = db.record_at(0);
  REQUIRE(rec);
  CHECK(rec->affected.size() == 1);
}

TEST_CASE("secdb files without an Alpine release are reported, not guessed") {
  Builder b;
  std::vector<std::string> issues;
  auto on_issue = sbom::Diagnostics([&](const sbom::Diagnostic& dg) { issues.push_back(dg.where.to_string()); });
  std::string wolfi = R"({"apkurl":"x","archs":["x86_64"],"reponame":"os","urlprefix":"https://packages.wolfi.dev",
    "packages":[{"pkg":{"name":"curl","secfixes":{"7.86.0-r0":["CVE-2022-42916"]}}}]})";
  CHECK_FALSE(b.add_record(wolfi, "security.json", on_issue));
  REQUIRE(issues.size() == 1);
  CHECK(issues[0] == "security.json:1:1: at /: secdb file without distroversion: only Alpine's secdb is imported");
  issues.clear();
  CHECK_FALSE(b.add_record(secdb_json("3.19", R"({"pkg":{"name":"a","secfixes":{"1-r0":["CVE-2023-1111"]}}})"), "x.json", on_issue));
  REQUIRE(issues.size() == 1);
  CHECK(issues[0].find("at /distroversion: distroversion '3.19': ") != std::string::npos);
}

TEST_CASE("the shared Alpine secdb (YAML, v3.3 to v3.11)") {
  auto data = vulndb_test::shared_data();
  if (data.empty()) {
    WARN("SBOMKIT_SHARED not set: skipping");
    return;
  }
  Builder b;
  std::vector<std::string> issues;
  REQUIRE(b.add_source((data / "feeds" / "alpine-secdb-yaml").string(), sbom::Diagnostics([&](const sbom::Diagnostic& dg) { issues.push_back(dg.where.to_string()); })));
  // The feed's own typos, each reported with its place: versions such as "0.12.5.-r0" and
  // "10.2.26.r0", and entries naming no id ("(AoE)"-style notes are kept: they follow an id).
  CHECK(issues.size() == 25);
  CHECK(b.stats().invalid == 25);
  Database db = index(b);
  CHECK(db.info().records == 2463);
  CHECK(db.info().ecosystems.size() == 9);
  auto r = db.query("Alpine:v3.11", "ansible");
  REQUIRE(r);
  bool found = false;
  for (const auto& rec : *r)
    if (rec.id == "ALPINE-CVE-2019-14904") {
      found = true;
      REQUIRE(rec.affected.size() == 1);
      CHECK(rec.affected[0].ranges[0].events[1].version == "2.9.3-r0");
    }
  CHECK(found);
  // Berkeley DB is listed under "0" in v3.8: not affected there.
  r = db.query("Alpine:v3.8", "db");
  REQUIRE(r);
  CHECK(r->empty());
  // The vunnel fixture of v3.15 (another release, same YAML form) adds its release.
  REQUIRE(b.add_source((data / "feeds" / "vunnel-inputs" / "alpine" / "test-fixtures" / "input" / "secdb").string(),
                       sbom::Diagnostics([&](const sbom::Diagnostic& dg) { issues.push_back(dg.where.to_string()); })));
  db = index(b);
  CHECK(db.has_ecosystem("Alpine:v3.15"));
  r = db.query("Alpine:v3.15", "zlib");
  REQUIRE(r);
  CHECK_FALSE(r->empty());
}
