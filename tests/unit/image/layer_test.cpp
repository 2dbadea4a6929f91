// Tests of the one-pass layer scan: compression by magic, matching, whiteouts, hostile entries.
#include "image/layer.h"

#include <catch2/catch.hpp>
#include <fcntl.h>
#include <unistd.h>

#include <cstdio>

#include "sbom/text.h"
#include "tar_builder.h"

using namespace sbom::image;
using namespace sbom::image::detail;
using namespace sbom::image::testing;

namespace {

sbom::Expected<LayerScan> scan(const std::string& blob, const std::vector<Pattern>& pats, Options opts = {}) {
  Matcher m(pats);
  Budget b;
  b.max_total = opts.max_total;
  b.max_symlink_bytes = opts.max_symlink_bytes;
  MemorySource src(blob);
  return scan_layer(src, "sha256:test", m, opts, b);
}

const LayerEntry* entry(const LayerScan& s, const std::string& path) {
  for (const auto& e : s.entries) {
    if (e.path == path) return &e;
  }
  return nullptr;
}

}  // namespace

TEST_CASE("entry names are normalised and hostile ones refused", "[image]") {
  std::string out, why;
  CHECK(normalize_entry_path("./var//lib/./dpkg/", out, why));
  CHECK(out == "var/lib/dpkg");
  CHECK(normalize_entry_path("./", out, why));
  CHECK(out.empty());
  CHECK_FALSE(normalize_entry_path("../etc/passwd", out, why));
  CHECK(why == "path climbs out of the root with '..'");
  CHECK_FALSE(normalize_entry_path("a/../../b", out, why));
  CHECK_FALSE(normalize_entry_path("/etc/passwd", out, why));
  CHECK(why == "absolute path");
}

TEST_CASE("compression is detected from magic bytes", "[image]") {
  std::vector<Entry> es{file("a", "x")};
  CHECK(sniff_compression(make_tar(es)) == "none");
  CHECK(sniff_compression(make_tar(es, "gzip")) == "gzip");
  CHECK(sniff_compression(make_tar(es, "zstd")) == "zstd");
  CHECK(sniff_compression("{\"json\":1}") == "");
}

TEST_CASE("a layer keeps matching files only, in every compression", "[image]") {
  std::vector<Entry> es{dir("etc/"), file("etc/os-release", "ID=debian\n"), file("etc/passwd", "root:x:0:0\n"),
                        file("var/lib/dpkg/status", "Package: a\n"), symlink_entry("usr/bin/sh", "dash")};
  for (std::string comp : {"none", "gzip", "zstd"}) {
    auto s = scan(make_tar(es, comp), {{"etc/os-release", 0}, {"var/lib/dpkg/*", 0}});
    REQUIRE(s);
    CHECK(s->compression == comp);
    REQUIRE(entry(*s, "etc/os-release"));
    CHECK(entry(*s, "etc/os-release")->data == "ID=debian\n");
    CHECK(entry(*s, "var/lib/dpkg/status")->data == "Package: a\n");
    CHECK_FALSE(entry(*s, "etc/passwd"));
    REQUIRE(entry(*s, "usr/bin/sh"));
    CHECK(entry(*s, "usr/bin/sh")->kind == LayerEntry::Kind::Symlink);
    CHECK(entry(*s, "usr/bin/sh")->target == "dash");
  }
}

TEST_CASE("whiteouts and opaque directories are recorded", "[image]") {
  auto s = scan(make_tar({file("etc/.wh.os-release", ""), file("var/lib/dpkg/.wh..wh..opq", ""),
                          file(".wh.top", ""), file("x/.wh..wh.plnk", "")}),
                {});
  REQUIRE(s);
  CHECK(s->whiteouts == std::vector<std::string>{"etc/os-release", "top"});
  CHECK(s->opaque_dirs == std::vector<std::string>{"var/lib/dpkg"});
}

TEST_CASE("hostile entries are warnings and skipped", "[image]") {
  auto s = scan(make_tar({file("../escape", "bad"), file("/abs/status", "bad"), file("ok", "good")}),
                {{"**", 0}});
  REQUIRE(s);
  REQUIRE(s->warnings.size() == 2);
  CHECK(s->warnings[0] == "layer 'sha256:test': entry '../escape' skipped: path climbs out of the root with '..'");
  CHECK(s->warnings[1].find("'/abs/status' skipped: absolute path") != std::string::npos);
  REQUIRE(s->entries.size() == 1);
  CHECK(s->entries[0].path == "ok");
}

TEST_CASE("a file over the per-file limit is skipped, a prefix pattern keeps its head", "[image]") {
  Options o;
  o.max_file_size = 10;
  auto s = scan(make_tar({file("big", std::string(100, 'a')), file("bin/tool", std::string(100, 'b'))}),
                {{"big", 0}, {"bin/*", 16}}, o);
  REQUIRE(s);
  // Not read, but recorded: it still hides a lower layer's copy.
  REQUIRE(entry(*s, "big"));
  CHECK(entry(*s, "big")->kind == LayerEntry::Kind::Skipped);
  CHECK(entry(*s, "big")->data.empty());
  CHECK(entry(*s, "big")->target == "100 bytes exceed the per-file limit of 10");
  REQUIRE(s->warnings.size() == 1);
  CHECK(s->warnings[0] == "layer 'sha256:test': 'big' skipped: 100 bytes exceed the per-file limit of 10");
  REQUIRE(entry(*s, "bin/tool"));
  CHECK(entry(*s, "bin/tool")->data == std::string(16, 'b'));
  CHECK(entry(*s, "bin/tool")->size == 100);
}

TEST_CASE("a gzip bomb stays bounded: the per-file and total limits hold", "[image]") {
  std::string zeros(64u << 20, '\0');  // compresses to ~64 KiB
  std::string bomb = make_tar({file("var/lib/dpkg/status", zeros)}, "gzip");
  CHECK(bomb.size() < (1u << 20));
  Options o;
  o.max_file_size = 1u << 20;
  auto s = scan(bomb, {{"var/lib/dpkg/status", 0}}, o);
  REQUIRE(s);
  REQUIRE(s->entries.size() == 1);
  CHECK(s->entries[0].kind == LayerEntry::Kind::Skipped);
  CHECK(s->warnings.size() == 1);
  Options total;
  total.max_total = 1000;
  auto t = scan(make_tar({file("a", std::string(600, 'a')), file("b", std::string(600, 'b'))}), {{"*", 0}}, total);
  REQUIRE_FALSE(t);
  CHECK(t.error().message == "layer 'sha256:test': files read exceed the total limit of 1000 bytes");
}

TEST_CASE("truncated and corrupt layers are errors naming the layer", "[image]") {
  std::string data(200000, 'x');
  for (std::size_t i = 0; i < data.size(); ++i) data[i] = static_cast<char>('a' + (i * 7919) % 26);
  for (std::string comp : {"none", "gzip", "zstd"}) {
    std::string blob = make_tar({file("var/lib/dpkg/status", data)}, comp);
    auto s = scan(blob.substr(0, blob.size() / 2), {{"var/lib/dpkg/status", 0}});
    REQUIRE_FALSE(s);
    CHECK(s.error().message.starts_with("layer 'sha256:test': "));
  }
  auto junk = scan("this is not a layer at all", {});
  REQUIRE_FALSE(junk);
  CHECK(junk.error().message == "layer 'sha256:test': not a tar, gzip or zstd stream");
  std::string gz = make_tar({file("a", data)}, "gzip");
  gz[gz.size() / 2] = static_cast<char>(gz[gz.size() / 2] ^ 0x55);
  CHECK_FALSE(scan(gz, {{"a", 0}}));
}

TEST_CASE("concatenated gzip members read as one stream", "[image]") {
  std::string tar = make_tar({file("a", "first"), file("b", "second")});
  // Split the tar at a block boundary and gzip both halves separately.
  std::string one = tar.substr(0, 1024), two = tar.substr(1024);
  auto gz = [](const std::string& raw) {
    std::string out;
    struct archive* a = archive_write_new();
    archive_write_set_format_raw(a);
    archive_write_add_filter_gzip(a);
    archive_write_set_bytes_in_last_block(a, 1);
    archive_write_open(a, &out, nullptr,
                       [](struct archive*, void* c, const void* b, size_t n) -> la_ssize_t {
                         static_cast<std::string*>(c)->append(static_cast<const char*>(b), n);
                         return static_cast<la_ssize_t>(n);
                       },
                       nullptr);
    struct archive_entry* e = archive_entry_new();
    archive_entry_set_filetype(e, AE_IFREG);
    archive_entry_set_pathname(e, "x");
    archive_write_header(a, e);
    archive_write_data(a, raw.data(), raw.size());
    archive_entry_free(e);
    archive_write_close(a);
    archive_write_free(a);
    return out;
  };
  auto s = scan(gz(one) + gz(two), {{"*", 0}});
  REQUIRE(s);
  REQUIRE(entry(*s, "b"));
  CHECK(entry(*s, "b")->data == "second");
}

TEST_CASE("the matcher's last-segment shortcut agrees with glob_match", "[image]") {
  const std::vector<std::string> globs = {"**/Cargo.lock", "**/*.jar", "**/node_modules/@*/*/package.json",
                                          "**/site-packages/*.dist-info/METADATA", "var/lib/dpkg/status",
                                          "usr/lib/*/libc.so.?", "**", "a/**.txt", "x*", "**/pylock.*.toml", "**/*", "*", "**/b.jar?", "**/a[1].jar"};
  const std::vector<std::string> paths = {"Cargo.lock", "srv/app/Cargo.lock", "srv/app/Cargo.lockx", "a/b.jar", "b.jar",
                                          "app/node_modules/@s/n/package.json", "app/node_modules/n/package.json",
                                          "usr/lib/python3/site-packages/a-1.dist-info/METADATA", "var/lib/dpkg/status",
                                          "var/lib/dpkg/status2", "usr/lib/x86_64/libc.so.6", "a/b/c.txt", "xyz", "x/y",
                                          "p/pylock.dev.toml", "pylock.toml", "a/b.jarx", "x/a[1].jar", ".jar"};
  for (const auto& g : globs) {
    Matcher m({Pattern(g)});
    for (const auto& p : paths) {
      INFO(g << " ~ " << p);
      CHECK((m.match(p) != nullptr) == glob_match(g, p));
    }
  }
}

TEST_CASE("sources pass over bytes: a file by seeking, others by reading", "[image]") {
  const std::string data = "0123456789abcdef";
  MemorySource mem(data);
  auto s = mem.skip(10);
  REQUIRE(s);
  CHECK(*s == 10);
  char c = 0;
  CHECK(*mem.read(&c, 1) == 1);
  CHECK(c == 'a');
  const std::string path = "/tmp/sbomkit-skip-test-" + std::to_string(::getpid());
  FILE* f = std::fopen(path.c_str(), "wb");
  REQUIRE(f);
  std::fwrite(data.data(), 1, data.size(), f);
  std::fclose(f);
  FdSource fd(::open(path.c_str(), O_RDONLY));
  std::remove(path.c_str());
  CHECK(*fd.skip(12) == 12);
  CHECK(*fd.read(&c, 1) == 1);
  CHECK(c == 'c');
  CHECK(*fd.skip(100) == 3);  // not past the end
  CHECK(*fd.read(&c, 1) == 0);
}

TEST_CASE("a layer's digests are those of the blob as stored and of its uncompressed tar", "[image]") {
  const std::vector<Entry> es{file("var/lib/dpkg/status", "Package: a\n"), file("other", std::string(70000, 'x'))};
  const std::string tar = make_tar(es);
  for (std::string comp : {"none", "gzip", "zstd"}) {
    INFO(comp);
    // Bytes after the end of the tar (and of the gzip member) belong to the blob all the same.
    const std::string blob = make_tar(es, comp) + (comp == "none" ? std::string(1024, '\0') : "");
    auto s = scan(blob, {{"var/lib/dpkg/status", 0}});
    REQUIRE(s);
    CHECK(s->blob_digest == sha256(blob));
    CHECK(s->tar_digest == (comp == "none" ? sha256(blob) : sha256(tar)));
  }
  auto empty = scan("", {});
  REQUIRE(empty);
  CHECK(empty->blob_digest == sha256(""));
  CHECK(empty->tar_digest == sha256(""));
}

TEST_CASE("symlink targets are bounded: over-long ones skipped and counted, names and targets budgeted", "[image]") {
  const std::string long_target(kMaxSymlinkTarget + 1, 'a');
  const std::string max_target(kMaxSymlinkTarget, 'b');
  auto s = scan(make_tar({symlink_entry("l1", long_target), symlink_entry("l2", long_target),
                          symlink_entry("ok", max_target), file("f", "x")}, "gzip"),
                {{"*", 0}});
  REQUIRE(s);
  CHECK(s->long_symlinks == 2);
  REQUIRE(entry(*s, "l1"));
  CHECK(entry(*s, "l1")->kind == LayerEntry::Kind::Skipped);
  CHECK(entry(*s, "l1")->target == "symlink target longer than 4096 bytes");
  REQUIRE(entry(*s, "ok"));
  CHECK(entry(*s, "ok")->kind == LayerEntry::Kind::Symlink);
  CHECK(entry(*s, "ok")->target == max_target);
  std::vector<Entry> many;
  for (int i = 0; i < 100; ++i) many.push_back(symlink_entry("link" + std::to_string(i), std::string(100, 't')));
  Options small;
  small.max_symlink_bytes = 5000;
  auto t = scan(make_tar(many), {}, small);
  REQUIRE_FALSE(t);
  CHECK(t.error().message == "layer 'sha256:test': names and symlink targets exceed the limit of 5000 bytes");
  CHECK(scan(make_tar(many), {}));  // the default budget holds them
}

TEST_CASE("a device node or FIFO where a file is wanted is a skipped entry", "[image]") {
  auto s = scan(make_tar({fifo_entry("var/lib/dpkg/status"), fifo_entry("tmp/fifo")}), {{"var/lib/dpkg/status", 0}});
  REQUIRE(s);
  REQUIRE(s->entries.size() == 1);
  CHECK(s->entries[0].path == "var/lib/dpkg/status");
  CHECK(s->entries[0].kind == LayerEntry::Kind::Skipped);
  CHECK(s->entries[0].target == "not a regular file");
}

TEST_CASE("patterns by permission bits and for directories", "[image]") {
  Pattern setuid("**");
  setuid.mode_any = 04000;
  Pattern dirs("**");
  dirs.directories = true;
  auto s = scan(make_tar({with_mode(dir("usr/local/bin"), 0777), dir("usr/bin"),
                          with_mode(file("usr/bin/su", "su"), 04755), with_mode(file("usr/bin/ls", "ls"), 0755)}),
                {setuid, dirs});
  REQUIRE(s);
  REQUIRE(entry(*s, "usr/bin/su"));
  CHECK(entry(*s, "usr/bin/su")->data == "su");
  CHECK_FALSE(entry(*s, "usr/bin/ls"));  // not setuid
  // A directory is kept as DIR/<kDirectoryMode> with its mode in octal; no entry at DIR itself,
  // which would replace what lower layers have under it.
  const LayerEntry* d = entry(*s, "usr/local/bin/" + std::string(kDirectoryMode));
  REQUIRE(d);
  CHECK(d->data == "777");
  CHECK(entry(*s, "usr/bin/" + std::string(kDirectoryMode))->data == "755");
  CHECK_FALSE(entry(*s, "usr/local/bin"));
  // Without a directory pattern, directories keep nothing.
  auto t = scan(make_tar({with_mode(dir("usr/local/bin"), 0777)}), {setuid});
  REQUIRE(t);
  CHECK(t->entries.empty());
}

TEST_CASE("files a digest pattern wants are hashed whole as they stream past; others are not", "[image]") {
  // A reducer that keeps 4 bytes from the start and passes over the rest unread.
  Pattern bins = want_reducer("**");
  // Longer than the head the decision is made on, so the rest is read for the hash.
  const std::string big = "WANT" + std::string(kDigestHead + 1000, 'x');
  Pattern whole("etc/*");
  whole.digest = bins.digest;
  auto s = scan(make_tar({file("bin/wanted", big), file("bin/short", "WANT!"), file("bin/other", "ELSE" + std::string(100, 'y')),
                          file("etc/wanted", "WANT whole"), file("etc/other", "no")}, "gzip"),
                {whole, bins});
  REQUIRE(s);
  REQUIRE(entry(*s, "bin/wanted"));
  CHECK(entry(*s, "bin/wanted")->data == "WANT");
  CHECK(entry(*s, "bin/wanted")->sha256 == sbom::text::sha256_hex(big));
  CHECK(entry(*s, "bin/short")->sha256 == sbom::text::sha256_hex("WANT!"));
  CHECK(entry(*s, "bin/other")->data == "ELSE");
  CHECK(entry(*s, "bin/other")->sha256.empty());
  CHECK(entry(*s, "etc/wanted")->sha256 == sbom::text::sha256_hex("WANT whole"));
  CHECK(entry(*s, "etc/other")->sha256.empty());
  // The digest reaches the view's file.
  View v;
  std::vector<std::string> w;
  apply_layer(v, *s, 0, false, w);
  CHECK(v.find("bin/wanted")->sha256 == sbom::text::sha256_hex(big));
}
