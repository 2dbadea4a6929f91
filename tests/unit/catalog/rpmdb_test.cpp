// Tests of the rpm database readers (Berkeley DB, NDB, SQLite) and the header blob parser
// against the package lists in the fixtures' expected.tsv.
#include <catch2/catch.hpp>

#include <set>

#include "catalog/parsers.h"
#include "fixture.h"

using namespace sbom;
using namespace sbom::catalog::detail;
using namespace sbom::catalog::testing;

namespace {

std::vector<std::string> lines_of(const std::string& text) {
  std::vector<std::string> out;
  std::size_t pos = 0;
  while (pos < text.size()) {
    std::size_t nl = text.find('\n', pos);
    out.push_back(text.substr(pos, nl - pos));
    if (nl == std::string::npos) break;
    pos = nl + 1;
  }
  return out;
}

std::string none_to_empty(const std::string& s) { return s == "(none)" ? std::string() : s; }

}  // namespace

TEST_CASE("every rpm database fixture lists the packages of its expected.tsv", "[rpm]") {
  const std::pair<const char*, const char*> dbs[] = {
      {"rpm/go-rpmdb/cbl-mariner-2.0/rpmdb.sqlite", "rpm/go-rpmdb/cbl-mariner-2.0/expected.tsv"},
      {"rpm/go-rpmdb/sle15-bci/Packages.db", "rpm/go-rpmdb/sle15-bci/expected.tsv"},
      {"rpm/go-rpmdb/libuuid/Packages.bdb", "rpm/go-rpmdb/libuuid/expected.tsv"},
      {"rpm/osv-scalibr/Packages_epoch.bdb", "rpm/osv-scalibr/expected.tsv"},
      {"rpm/syft/Packages.bdb", "rpm/syft/expected.tsv"}};
  for (const auto& [db_rel, tsv_rel] : dbs) {
    REQUIRE_FIXTURE(db, db_rel);
    REQUIRE_FIXTURE(tsv, tsv_rel);
    INFO(db_rel);
    auto blobs = rpmdb_blobs(*db, db_rel);
    REQUIRE(blobs);
    std::multiset<std::string> got, want;
    for (const auto& b : *blobs) {
      auto p = parse_rpm_header(b);
      REQUIRE(p);
      if (p->name == "gpg-pubkey") continue;
      got.insert(p->name + "\t" + p->epoch + "\t" + p->version + "\t" + p->release + "\t" + p->arch + "\t" +
                 p->source_rpm + "\t" + p->license + "\t" + p->vendor);
    }
    auto lines = lines_of(*tsv);
    for (std::size_t i = 1; i < lines.size(); ++i) {
      if (lines[i].empty()) continue;
      std::string row;
      std::size_t start = 0;
      for (int col = 0; col < 8; ++col) {
        std::size_t tab = lines[i].find('\t', start);
        if (col) row += '\t';
        row += none_to_empty(lines[i].substr(start, tab - start));
        start = tab == std::string::npos ? lines[i].size() : tab + 1;
      }
      want.insert(row);
    }
    CHECK(got == want);
  }
}

TEST_CASE("rpm headers carry owned files and requirements", "[rpm]") {
  REQUIRE_FIXTURE(db, "rpm/go-rpmdb/libuuid/Packages.bdb");
  auto blobs = rpmdb_blobs(*db, "Packages");
  REQUIRE(blobs);
  REQUIRE(blobs->size() == 1);
  auto p = parse_rpm_header((*blobs)[0]);
  REQUIRE(p);
  CHECK(std::find(p->files.begin(), p->files.end(), "/usr/lib64/libuuid.so.1") != p->files.end());
  CHECK_FALSE(p->provides.empty());
}

TEST_CASE("corrupt rpm databases and headers are errors, never crashes", "[rpm]") {
  CHECK_FALSE(rpmdb_blobs("", "x"));
  CHECK_FALSE(rpmdb_blobs(std::string(4096, 'z'), "x"));
  REQUIRE_FIXTURE(bdb, "rpm/go-rpmdb/libuuid/Packages.bdb");
  auto cut = rpmdb_blobs(bdb->substr(0, bdb->size() / 2), "Packages");
  REQUIRE_FALSE(cut);
  CHECK(cut.error().to_string() == "Packages: berkeley db truncated: 23 pages expected");
  REQUIRE_FIXTURE(ndb, "rpm/go-rpmdb/sle15-bci/Packages.db");
  CHECK_FALSE(rpmdb_blobs(ndb->substr(0, ndb->size() / 2), "Packages.db"));
  REQUIRE_FIXTURE(sqlite, "rpm/go-rpmdb/cbl-mariner-2.0/rpmdb.sqlite");
  CHECK_FALSE(rpmdb_blobs(sqlite->substr(0, 200), "rpmdb.sqlite"));
  CHECK_FALSE(parse_rpm_header(""));
  CHECK_FALSE(parse_rpm_header(std::string("\0\0\0\x01\0\0\0\x10", 8)));  // data past the end
  CHECK(parse_rpm_header(std::string("\xff\xff\xff\xff\0\0\0\0", 8)).error().message == "rpm header has implausible sizes");
  // every prefix of a real header is refused or parsed, within bounds
  auto blobs = rpmdb_blobs(*bdb, "Packages");
  REQUIRE(blobs);
  const std::string& h = (*blobs)[0];
  for (std::size_t n = 0; n < h.size(); n += 97) (void)parse_rpm_header(h.substr(0, n));
}

TEST_CASE("rpm databases with corrupted bytes give blobs or an error, never a crash", "[rpm]") {
  std::uint32_t seed = 777;
  auto next = [&] { return seed = seed * 1664525u + 1013904223u; };
  for (const char* rel : {"rpm/go-rpmdb/libuuid/Packages.bdb", "rpm/go-rpmdb/sle15-bci/Packages.db",
                          "rpm/osv-scalibr/Packages_epoch.bdb"}) {
    REQUIRE_FIXTURE(db, rel);
    for (int i = 0; i < 200; ++i) {
      std::string bad = *db;
      for (int k = 0; k < 8; ++k) bad[next() % bad.size()] = static_cast<char>(next() & 0xff);
      auto blobs = rpmdb_blobs(bad, rel);
      if (!blobs) continue;
      for (const auto& b : *blobs) (void)parse_rpm_header(b);
    }
  }
}
