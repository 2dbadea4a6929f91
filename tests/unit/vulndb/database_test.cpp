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
  auto none = [](const sbom::Error&) {};
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
