// Tests of index loading: mapping a file, and refusing damaged or foreign files.
#include <catch2/catch.hpp>

#include <cstdio>
#include <filesystem>
#include <fstream>

#include "helpers.h"
#include "sbom/vulndb.h"

using sbom::vulndb::Builder;
using sbom::vulndb::Database;

namespace {

std::string small_index() {
  Builder b;
  auto none = sbom::Diagnostics([](const sbom::Diagnostic&) {});
  b.add_record(vulndb_test::record("A-1", "npm", "x", "0", "1.0.0"), "a.json", none);
  b.add_record(vulndb_test::record("A-2", "Debian:12", "openssl", "0", "3.0.11-1~deb12u1"), "b.json", none);
  return b.serialize(42);
}

}  // namespace

TEST_CASE("an index file is mapped and queried") {
  std::filesystem::path p = std::filesystem::temp_directory_path() / "sbomkit-vulndb-test.sbomdb";
  {
    std::ofstream out(p, std::ios::binary);
    std::string bytes = small_index();
    out.write(bytes.data(), static_cast<std::streamsize>(bytes.size()));
  }
  auto db = Database::open(p.string());
  REQUIRE(db);
  CHECK(db->info().format_version == sbom::vulndb::kFormatVersion);
  CHECK(db->info().records == 2);
  auto r = db->query("Debian:12", "openssl");
  REQUIRE(r);
  REQUIRE(r->size() == 1);
  CHECK((*r)[0].id == "A-2");
  std::filesystem::remove(p);
}

TEST_CASE("foreign, truncated and newer files are refused with a reason") {
  std::string good = small_index();
  auto bad = Database::from_bytes("hello", "x.db");
  REQUIRE_FALSE(bad);
  CHECK(bad.error().to_string() == "x.db: not an sbomkit vulnerability index (bad magic)");

  std::string newer = good;
  newer[8] = 9;
  bad = Database::from_bytes(newer, "x.db");
  REQUIRE_FALSE(bad);
  CHECK_THAT(bad.error().message, Catch::StartsWith("index format version 9 is not supported"));

  // Every truncation is refused (never read past the end).
  for (std::size_t n = 0; n < good.size(); n += 7) {
    auto t = Database::from_bytes(good.substr(0, n), "x.db");
    CHECK_FALSE(t);
  }
  // Flipping bytes anywhere never crashes; queries on what still loads work or fail cleanly.
  for (std::size_t i = 0; i < good.size(); i += 3) {
    std::string f = good;
    f[i] = static_cast<char>(f[i] ^ 0x5a);
    auto db = Database::from_bytes(f, "x.db");
    if (db) (void)db->query("npm", "x");
  }
  auto missing = Database::open("/nonexistent/x.db");
  REQUIRE_FALSE(missing);
  CHECK_THAT(missing.error().to_string(), Catch::StartsWith("/nonexistent/x.db: cannot open index: "));
}

namespace {

// Opens `bytes` and reads every record; the first error, or "" when all of it reads.
std::string read_everything(const std::string& bytes) {
  auto db = Database::from_bytes(bytes, "x.db");
  if (!db) return db.error().to_string();
  for (std::uint64_t i = 0; i < db->info().records; ++i)
    if (auto r = db->record_at(i); !r) return r.error().to_string();
  return "";
}

std::filesystem::path write_temp(const std::string& name, const std::string& bytes) {
  std::filesystem::path p = std::filesystem::temp_directory_path() / name;
  std::ofstream out(p, std::ios::binary | std::ios::trunc);
  out.write(bytes.data(), static_cast<std::streamsize>(bytes.size()));
  return p;
}

}  // namespace

TEST_CASE("one changed byte anywhere in an index is detected: header, tables, record data") {
  std::string good = small_index();
  REQUIRE(read_everything(good).empty());
  std::size_t undetected = 0;
  for (std::size_t i = 0; i < good.size(); ++i)
    for (unsigned char flip : {0x01, 0x80, 0xff}) {
      std::string f = good;
      f[i] = static_cast<char>(f[i] ^ flip);
      if (read_everything(f).empty()) {
        ++undetected;
        WARN("byte " << i << " ^ " << int(flip) << " not detected");
      }
    }
  CHECK(undetected == 0);
}

TEST_CASE("a changed event in a stored record is an error naming the index and the record, not a lost finding") {
  std::string bytes = small_index();
  std::size_t at = bytes.find(R"("introduced":"0")");
  REQUIRE(at != std::string::npos);
  bytes[at + 14] = '9';
  auto db = Database::from_bytes(bytes, "x.db");
  REQUIRE(db);  // the tables are intact; the damage is found when the record is read
  auto r = db->query("npm", "x");
  REQUIRE_FALSE(r);
  CHECK(r.error().to_string() == "x.db: record 0 is damaged (checksum mismatch); rebuild it with sbom-db build");
}

TEST_CASE("an index of an older format is refused with a rebuild hint") {
  std::string old = small_index();
  old[8] = 1;
  auto db = Database::from_bytes(old, "x.db");
  REQUIRE_FALSE(db);
  CHECK(db.error().to_string() ==
        "x.db: index format version 1 is older than this build reads (version 2, which checksums every record); "
        "rebuild it with sbom-db build");
}

TEST_CASE("an index file truncated while mapped is an error on read, not SIGBUS") {
  std::string bytes = small_index();
  std::filesystem::path p = write_temp("sbomkit-vulndb-truncated.sbomdb", bytes);
  auto db = Database::open(p.string());
  REQUIRE(db);
  // Cut the file under the mapping, as a copy being rewritten in place or a full disk would.
  std::filesystem::resize_file(p, 0);
  auto r = db->query("Debian:12", "openssl");
  REQUIRE_FALSE(r);
  CHECK(r.error().to_string() == p.string() + ": the index file was truncated while in use (replace an index by renaming "
                                              "a new file over it, as sbom-db does)");
  // The guard is per read: the next read fails the same way, and an intact index still reads.
  CHECK_FALSE(db->record_at(0));
  std::filesystem::path q = write_temp("sbomkit-vulndb-intact.sbomdb", bytes);
  auto intact = Database::open(q.string());
  REQUIRE(intact);
  CHECK(intact->query("Debian:12", "openssl"));
  std::filesystem::remove(p);
  std::filesystem::remove(q);
}

TEST_CASE("a file that is shorter or longer than its header says is refused at open") {
  std::string bytes = small_index();
  std::filesystem::path p = write_temp("sbomkit-vulndb-size.sbomdb", bytes + "x");
  auto longer = Database::open(p.string());
  REQUIRE_FALSE(longer);
  CHECK_THAT(longer.error().message, Catch::StartsWith("truncated or corrupt index ("));
  std::filesystem::resize_file(p, bytes.size() - 1);
  CHECK_FALSE(Database::open(p.string()));
  std::filesystem::resize_file(p, 0);
  auto empty = Database::open(p.string());
  REQUIRE_FALSE(empty);
  CHECK(empty.error().message == "not an sbomkit vulnerability index (empty file)");
  std::filesystem::remove(p);
}

TEST_CASE("an index file rewritten in place while mapped is an error on read, never a wild read") {
  std::string bytes = small_index();
  std::filesystem::path p = write_temp("sbomkit-vulndb-rewritten.sbomdb", bytes);
  auto db = Database::open(p.string());
  REQUIRE(db);
  {
    // Same size, tables overwritten: the offsets open checked are no longer those in the file.
    std::fstream f(p, std::ios::in | std::ios::out | std::ios::binary);
    std::string junk(bytes.size() - 128, '\xff');
    f.seekp(128);
    f.write(junk.data(), static_cast<std::streamsize>(junk.size()));
  }
  auto r = db->query("Debian:12", "openssl");
  REQUIRE_FALSE(r);
  CHECK(r.error().to_string() == p.string() + ": the index file changed while in use (replace an index by renaming a "
                                              "new file over it, as sbom-db does)");
  std::filesystem::remove(p);
}

TEST_CASE("open_any maps an index given alone, builds records in memory, refuses an index among others") {
  std::filesystem::path idx = write_temp("sbomkit-vulndb-open-any.sbomdb", small_index());
  std::filesystem::path rec = write_temp("sbomkit-vulndb-open-any.json", vulndb_test::record("B-1", "PyPI", "y", "0", "2.0"));
  std::vector<sbom::Error> issues;
  auto note = sbom::Diagnostics([&](const sbom::Diagnostic& dg) { issues.push_back(dg.where); });
  CHECK(sbom::vulndb::is_index_file(idx.string()));
  CHECK_FALSE(sbom::vulndb::is_index_file(rec.string()));
  auto mapped = sbom::vulndb::open_any({idx.string()}, note);
  REQUIRE(mapped);
  CHECK(mapped->info().records == 2);
  CHECK(mapped->info().build_time == 42);  // the file itself, not a rebuild
  auto built = sbom::vulndb::open_any({rec.string()}, note);
  REQUIRE(built);
  CHECK(built->info().records == 1);
  auto both = sbom::vulndb::open_any({rec.string(), idx.string()}, note);
  REQUIRE_FALSE(both);
  CHECK(both.error().to_string() == idx.string() + ": an index file can only be given alone");
  CHECK(issues.empty());
  std::filesystem::remove(idx);
  std::filesystem::remove(rec);
}
