// Tests of the layer cache: entry round trip, corruption never trusted, LRU bound, cached views
// equal to uncached ones.
#include "image/layer_cache.h"

#include <catch2/catch.hpp>
#include <sys/stat.h>
#include <unistd.h>

#include <chrono>
#include <filesystem>
#include <fstream>

#include "tar_builder.h"

using namespace sbom::image;
using namespace sbom::image::detail;
using namespace sbom::image::testing;

namespace {

std::filesystem::path temp_dir(const std::string& name) {
  auto p = std::filesystem::temp_directory_path() / ("sbomkit-cache-test-" + name + "-" + std::to_string(::getpid()));
  std::filesystem::remove_all(p);
  std::filesystem::create_directories(p);
  return p;
}

LayerScan sample() {
  LayerScan s;
  s.compression = "gzip";
  s.blob_digest = "sha256:" + std::string(64, 'a');
  s.tar_digest = "sha256:" + std::string(64, 'b');
  s.long_symlinks = 3;
  s.warnings = {"layer 'x': something skipped"};
  s.whiteouts = {"tmp/gone"};
  s.opaque_dirs = {"opt"};
  s.dirs = {"etc", "var/lib/dpkg"};
  s.entries.push_back({LayerEntry::Kind::Regular, "var/lib/dpkg/status", std::string("Package: a\n\0x", 13), {}, 13, "0f"});
  s.entries.push_back({LayerEntry::Kind::Symlink, "etc/os-release", {}, "../usr/lib/os-release", 0, {}});
  s.entries.push_back({LayerEntry::Kind::Hardlink, "bin/b", {}, "bin/a", 0, {}});
  s.entries.push_back({LayerEntry::Kind::Skipped, "big", {}, "too large", 0, {}});
  return s;
}

bool same(const LayerScan& a, const LayerScan& b) {
  if (a.entries.size() != b.entries.size()) return false;
  for (std::size_t i = 0; i < a.entries.size(); ++i) {
    const auto &x = a.entries[i], &y = b.entries[i];
    if (x.kind != y.kind || x.path != y.path || x.data != y.data || x.target != y.target || x.size != y.size || x.sha256 != y.sha256) return false;
  }
  return a.compression == b.compression && a.blob_digest == b.blob_digest && a.tar_digest == b.tar_digest &&
         a.long_symlinks == b.long_symlinks && a.warnings == b.warnings && a.whiteouts == b.whiteouts &&
         a.opaque_dirs == b.opaque_dirs && a.dirs == b.dirs;
}

}  // namespace

TEST_CASE("a cache entry reads back as the scan it was made of", "[image][cache]") {
  const std::string bytes = encode_layer_scan("k1", sample());
  auto back = decode_layer_scan("k1", bytes);
  REQUIRE(back);
  CHECK(same(*back, sample()));
}

TEST_CASE("a cache entry that is damaged in any byte is never trusted", "[image][cache]") {
  const std::string bytes = encode_layer_scan("k1", sample());
  for (std::size_t i = 0; i < bytes.size(); ++i) {
    std::string bad = bytes;
    bad[i] = static_cast<char>(bad[i] ^ 0x20);
    CHECK_FALSE(decode_layer_scan("k1", bad));
  }
  for (std::size_t n : {std::size_t{0}, std::size_t{10}, bytes.size() - 1}) CHECK_FALSE(decode_layer_scan("k1", bytes.substr(0, n)));
  CHECK_FALSE(decode_layer_scan("k1", bytes + "x"));
  // An entry is only good for its own key (a file renamed onto another key's name).
  auto other = decode_layer_scan("k2", bytes);
  REQUIRE_FALSE(other);
  CHECK(other.error().message == "entry for another key");
}

TEST_CASE("the cache stores, loads, removes what it cannot trust, and evicts the least recently used", "[image][cache]") {
  auto dir = temp_dir("lru");
  const std::uint64_t one = encode_layer_scan("aa1", sample()).size();
  LayerCache cache(dir.string(), 2 * one + one / 2);  // room for two entries
  std::string problem;
  CHECK_FALSE(cache.load("aa1", problem));
  CHECK(problem.empty());
  REQUIRE(cache.store("aa1", sample()));
  REQUIRE(cache.store("bb2", sample()));
  // aa1 used after bb2: bb2 is the least recently used when a third arrives.
  ::sleep(1);
  REQUIRE(cache.load("aa1", problem));
  REQUIRE(cache.store("cc3", sample()));
  CHECK(std::filesystem::exists(cache.entry_path("aa1")));
  CHECK_FALSE(std::filesystem::exists(cache.entry_path("bb2")));
  CHECK(std::filesystem::exists(cache.entry_path("cc3")));
  // A damaged entry: reported, removed, not returned.
  {
    std::fstream f(cache.entry_path("cc3"), std::ios::in | std::ios::out | std::ios::binary);
    f.seekp(static_cast<std::streamoff>(one - 5));
    f.put('!');
  }
  CHECK_FALSE(cache.load("cc3", problem));
  CHECK(problem == "checksum mismatch");
  CHECK_FALSE(std::filesystem::exists(cache.entry_path("cc3")));
  std::filesystem::remove_all(dir);
}

TEST_CASE("an OCI layout read through the cache gives the view read without it", "[image][cache]") {
  ImageSpec s;
  s.layers.push_back({{file("etc/os-release", "ID=debian\n"), file("var/lib/dpkg/status", "old"), file("tmp/x", "1")}, "gzip"});
  s.layers.push_back({{file("var/lib/dpkg/status", "new"), file("tmp/.wh.x", "")}, "zstd"});
  auto dir = temp_dir("view");
  for (const auto& e : oci_layout({s})) {
    auto p = dir / "image" / e.name;
    std::filesystem::create_directories(p.parent_path());
    std::ofstream(p, std::ios::binary) << e.data;
  }
  const std::vector<Pattern> pats{{"etc/os-release", 0}, {"var/lib/dpkg/status", 0}, {"tmp/*", 0}};
  Options plain;
  Options cached;
  cached.cache_dir = (dir / "cache").string();
  auto a = read((dir / "image").string(), pats, plain);
  auto b = read((dir / "image").string(), pats, cached);  // fills the cache
  auto c = read((dir / "image").string(), pats, cached);  // reads it
  REQUIRE(a);
  REQUIRE(b);
  REQUIRE(c);
  std::size_t entries = 0;
  for (const auto& e : std::filesystem::recursive_directory_iterator(dir / "cache")) {
    if (e.is_regular_file() && e.path().parent_path().filename() != "tmp" && e.path().filename() != "lock") ++entries;
  }
  CHECK(entries == 2);
  for (const auto* v : {&*b, &*c}) {
    REQUIRE(v->files().size() == a->files().size());
    for (const auto& [path, f] : a->files()) {
      REQUIRE(v->find(path));
      CHECK(v->find(path)->data == f.data);
      CHECK(v->find(path)->layer == f.layer);
    }
  }
  // Other patterns are another key: nothing wrong is reused.
  auto d = read((dir / "image").string(), {{"etc/os-release", 0}}, cached);
  REQUIRE(d);
  CHECK(d->files().size() == 1);
  std::filesystem::remove_all(dir);
}

TEST_CASE("a cache hit is charged to the total budget as the scan was", "[image][cache]") {
  ImageSpec s;
  s.layers.push_back({{file("var/lib/dpkg/status", std::string(1000, 'x'))}, "gzip"});
  auto dir = temp_dir("budget");
  for (const auto& e : oci_layout({s})) {
    auto p = dir / "image" / e.name;
    std::filesystem::create_directories(p.parent_path());
    std::ofstream(p, std::ios::binary) << e.data;
  }
  Options o;
  o.cache_dir = (dir / "cache").string();
  REQUIRE(read((dir / "image").string(), {{"var/lib/dpkg/status", 0}}, o));
  o.max_total = 500;
  auto hit = read((dir / "image").string(), {{"var/lib/dpkg/status", 0}}, o);
  REQUIRE_FALSE(hit);
  CHECK(hit.error().message.find("exceed the total limit of 500 bytes") != std::string::npos);
  std::filesystem::remove_all(dir);
}

TEST_CASE("a writer's temporary file left for an hour is removed; a fresh one is not", "[image][cache]") {
  auto dir = temp_dir("tmp");
  LayerCache cache(dir.string(), 1ull << 30);
  REQUIRE(cache.store("aa1", sample()));
  const auto tmp = dir / ("v" + std::to_string(kLayerCacheVersion)) / "tmp";
  std::ofstream(tmp / "old.123.0") << "half an entry";
  std::ofstream(tmp / "new.124.0") << "being written";
  std::filesystem::last_write_time(tmp / "old.123.0", std::filesystem::file_time_type::clock::now() - std::chrono::hours(2));
  REQUIRE(cache.store("bb2", sample()));
  CHECK_FALSE(std::filesystem::exists(tmp / "old.123.0"));
  CHECK(std::filesystem::exists(tmp / "new.124.0"));
  std::filesystem::remove_all(dir);
}
