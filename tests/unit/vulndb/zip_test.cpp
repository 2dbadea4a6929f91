// The zip reader behind `sbom-db build`: zips written by libarchive (deflated and stored, zip64
// sizes), and damaged archives that must fail with the entry and the reason.
#include <catch2/catch.hpp>

#include <archive.h>
#include <archive_entry.h>

#include <cstdio>
#include <filesystem>
#include <fstream>

#include "helpers.h"
#include "sbom/vulndb.h"

using sbom::vulndb::Builder;

namespace {

std::string zip_of(const std::vector<std::pair<std::string, std::string>>& entries, const char* options = nullptr) {
  std::string out(1 << 20, '\0');
  for (const auto& e : entries) out.resize(out.size() + e.second.size() + 1024);
  archive* a = archive_write_new();
  archive_write_set_format_zip(a);
  if (options != nullptr) REQUIRE(archive_write_set_options(a, options) == ARCHIVE_OK);
  std::size_t used = 0;
  REQUIRE(archive_write_open_memory(a, out.data(), out.size(), &used) == ARCHIVE_OK);
  for (const auto& [name, content] : entries) {
    archive_entry* e = archive_entry_new();
    archive_entry_set_pathname(e, name.c_str());
    archive_entry_set_filetype(e, name.back() == '/' ? AE_IFDIR : AE_IFREG);
    archive_entry_set_perm(e, 0644);
    archive_entry_set_size(e, static_cast<la_int64_t>(content.size()));
    REQUIRE(archive_write_header(a, e) == ARCHIVE_OK);
    if (!content.empty()) REQUIRE(archive_write_data(a, content.data(), content.size()) == static_cast<la_ssize_t>(content.size()));
    archive_entry_free(e);
  }
  archive_write_close(a);
  archive_write_free(a);
  out.resize(used);
  return out;
}

struct TempZip {
  std::filesystem::path path;
  explicit TempZip(const std::string& bytes) {
    std::string name = "sbomkit-zip-test-";  // built in steps: g++ 12 warns (-Wrestrict) on "x" + to_string()
    name += std::to_string(reinterpret_cast<std::uintptr_t>(this));
    name += ".zip";
    path = std::filesystem::temp_directory_path() / name;
    std::ofstream(path, std::ios::binary).write(bytes.data(), static_cast<std::streamsize>(bytes.size()));
  }
  ~TempZip() { std::filesystem::remove(path); }
};

// Builds from the zip; returns the error text of add_source ("" when it succeeded).
std::string build(const std::string& bytes, Builder& b) {
  TempZip z(bytes);
  auto ok = b.add_source(z.path.string(), sbom::Diagnostics([](const sbom::Diagnostic&) {}));
  if (ok) return "";
  std::string msg = ok.error().to_string();
  auto at = msg.find(z.path.string());  // the temporary name varies
  if (at == std::string::npos) return msg;
  std::string out(msg, 0, at);  // appended piecewise: g++ 12 warns (-Wrestrict) on string::replace here
  out += 'Z';
  out.append(msg, at + z.path.string().size(), std::string::npos);
  return out;
}

std::vector<std::pair<std::string, std::string>> sample() {
  return {{"dir/", ""},
          {"dir/A-1.json", vulndb_test::record("A-1", "PyPI", "foo", "0", "1.0")},
          {"README.txt", "not a record"},
          {"B-2.json", vulndb_test::record("B-2", "PyPI", "bar", "0", "2.0") + std::string(5000, ' ')}};
}

}  // namespace

TEST_CASE("zips written by another tool: deflated, stored and zip64 entries") {
  for (const char* options : {static_cast<const char*>(nullptr), "zip:compression=store", "zip:zip64"}) {
    INFO((options ? options : "deflate"));
    Builder b;
    CHECK(build(zip_of(sample(), options), b).empty());
    REQUIRE(b.sources().size() == 1);
    CHECK(b.sources()[0].kind == "zip");
    CHECK(b.sources()[0].records == 2);
    CHECK(b.stats().bytes == sample()[1].second.size() + sample()[3].second.size());
  }
}

TEST_CASE("damaged zips: a damaged entry is skipped and reported, a damaged archive fails naming the reason") {
  std::string good = zip_of(sample());
  Builder b;
  // A flipped byte in the deflate data of B-2.json breaks either the deflate stream or the CRC.
  std::string bad = good;
  auto local = bad.rfind("PK\x03\x04", bad.find("B-2.json"));
  REQUIRE(local != std::string::npos);
  auto u16 = [&](std::size_t at) { return std::size_t(static_cast<unsigned char>(bad[at])) | std::size_t(static_cast<unsigned char>(bad[at + 1])) << 8; };
  std::size_t data = local + 30 + u16(local + 26) + u16(local + 28);
  bad[data + 5] = static_cast<char>(bad[data + 5] ^ 0x55);
  // The entry is reported like an invalid record and skipped; the others are read.
  {
    TempZip z(bad);
    Builder damaged;
    std::vector<std::string> issues;
    REQUIRE(damaged.add_source(z.path.string(), sbom::Diagnostics([&](const sbom::Diagnostic& dg) { issues.push_back(dg.where.to_string()); })));
    REQUIRE(issues.size() == 1);
    CHECK(issues[0].rfind(z.path.string() + ":B-2.json: ", 0) == 0);
    CHECK((issues[0].find("CRC mismatch") != std::string::npos || issues[0].find("damaged deflate data") != std::string::npos));
    CHECK(damaged.sources()[0].records == 1);
    CHECK(damaged.sources()[0].invalid == 1);
  }

  CHECK(build(good.substr(0, good.size() / 2), b) == "Z: not a zip archive: no end of central directory");

  // The method field of the first record entry's central directory header.
  std::string method = good;
  for (std::size_t at = method.find("PK\x01\x02"); at != std::string::npos; at = method.find("PK\x01\x02", at + 4))
    if (method.compare(at + 46, 12, "dir/A-1.json") == 0) {
      method[at + 10] = 14;  // LZMA
      method[at + 8] = 0;
    }
  CHECK(build(method, b) == "Z: entry dir/A-1.json: unsupported compression method 14");

  std::string encrypted = good;
  for (std::size_t at = encrypted.find("PK\x01\x02"); at != std::string::npos; at = encrypted.find("PK\x01\x02", at + 4))
    if (encrypted.compare(at + 46, 8, "B-2.json") == 0) encrypted[at + 8] = static_cast<char>(encrypted[at + 8] | 1);
  CHECK(build(encrypted, b) == "Z: entry B-2.json: encrypted entries are not supported");
}
