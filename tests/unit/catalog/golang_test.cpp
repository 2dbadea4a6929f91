// Tests of the Go cataloger: build info from ELF binaries (inline and pointer layouts) read as a
// stream, modinfo with replacements, go.mod, and the real binaries of the shared Debian image.
#include <catch2/catch.hpp>

#include <unistd.h>

#include <cstring>
#include <filesystem>
#include <fstream>
#include <sstream>

#include "catalog/lang_parsers.h"
#include "lang_fixture.h"

using namespace sbom;
using namespace sbom::catalog;
using namespace sbom::catalog::testing;

namespace {

const std::string kStart("\x30\x77\xaf\x0c\x92\x74\x08\x02\x41\xe1\xc1\x07\xe6\xd6\x18\xe6", 16);
const std::string kEnd("\xf9\x32\x43\x31\x86\x18\x20\x72\x00\x82\x42\x10\x41\x16\xd8\xf2", 16);
const std::string kModinfo = "path\texample.com/app\nmod\texample.com/app\t(devel)\t\n"
                             "dep\tgithub.com/a/b\tv1.2.3\th1:x=\n"
                             "dep\tgolang.org/x/net\tv0.1.0\th1:y=\n=>\tgithub.com/fork/net\tv0.1.1\th1:z=\n"
                             "dep\texample.com/local\tv0.0.0\n=>\t../local\t(devel)\t\n";

void put(std::string& b, std::size_t off, std::uint64_t v, int size) {
  for (int i = 0; i < size; ++i) b[off + static_cast<std::size_t>(i)] = static_cast<char>((v >> (8 * i)) & 0xff);
}

/// A little-endian ELF64 with a Go build-id note, a read-only segment at 0x200 (file) and a
/// writable one at 0x1000 whose start is the build info blob.
std::string make_elf(bool go_note, bool inline_layout, const std::string& version = "go1.16.15") {
  std::string b(0x1200, '\0');
  b.replace(0, 4, "\x7f" "ELF");
  b[4] = 2;
  b[5] = 1;
  b[6] = 1;
  put(b, 32, 64, 8);  // e_phoff
  put(b, 54, 56, 2);  // e_phentsize
  put(b, 56, 3, 2);   // e_phnum
  auto phdr = [&](int i, std::uint32_t type, std::uint32_t flags, std::uint64_t off, std::uint64_t vaddr, std::uint64_t sz) {
    std::size_t o = 64 + 56 * static_cast<std::size_t>(i);
    put(b, o, type, 4);
    put(b, o + 4, flags, 4);
    put(b, o + 8, off, 8);
    put(b, o + 16, vaddr, 8);
    put(b, o + 32, sz, 8);
  };
  phdr(0, 4, 4, 0x100, 0x400100, 20);
  phdr(1, 1, 4, 0x200, 0x400200, 0xe00);
  phdr(2, 1, 6, 0x1000, 0x401000, 0x200);
  put(b, 0x100, 4, 4);
  put(b, 0x104, 4, 4);
  put(b, 0x108, 4, 4);
  b.replace(0x10c, 4, go_note ? std::string("Go\0\0", 4) : std::string("GNU\0", 4));
  const std::string mod = kStart + kModinfo + kEnd;
  b.replace(0x1000, 14, "\xff Go buildinf:");
  b[0x100e] = 8;
  if (inline_layout) {
    b[0x100f] = 2;
    std::size_t pos = 0x1020;
    for (const std::string* s : {&version, &mod}) {
      for (std::size_t v = s->size(); ; v >>= 7) {  // uvarint length
        b[pos++] = static_cast<char>((v & 0x7f) | (v >= 0x80 ? 0x80 : 0));
        if (v < 0x80) break;
      }
      b.replace(pos, s->size(), *s);
      pos += s->size();
    }
  } else {
    // Strings in read-only data (behind the build info in the stream), their headers in data.
    b.replace(0x300, version.size(), version);
    b.replace(0x400, mod.size(), mod);
    put(b, 0x1010, 0x401080, 8);
    put(b, 0x1018, 0x401090, 8);
    put(b, 0x1080, 0x400300, 8);
    put(b, 0x1088, version.size(), 8);
    put(b, 0x1090, 0x400400, 8);
    put(b, 0x1098, mod.size(), 8);
  }
  return b;
}

/// Reads `data` forward in odd-sized pieces, as a tar entry would come.
std::optional<std::string> stream(const std::string& data) {
  std::size_t pos = 0;
  image::ReadFn read = [&](char* buf, std::size_t n) -> Expected<std::size_t> {
    std::size_t k = std::min({n, data.size() - pos, std::size_t{777}});
    if (buf) std::memcpy(buf, data.data() + pos, k);  // null: skipped
    pos += k;
    return k;
  };
  return catalog::detail::reduce_executable(data.size(), read);
}

void check_info(const catalog::detail::GoBuildInfo& info) {
  CHECK(info.go_version == "go1.16.15");
  REQUIRE(info.main);
  CHECK(info.main->path == "example.com/app");
  REQUIRE(info.deps.size() == 3);
  CHECK(info.deps[0].path == "github.com/a/b");
  CHECK(info.deps[0].version == "v1.2.3");
  CHECK(info.deps[1].replace_path == "github.com/fork/net");
  CHECK(info.deps[1].replace_version == "v0.1.1");
  CHECK(info.deps[2].replace_path == "../local");
}

}  // namespace

TEST_CASE("golang: inline and pointer build info layouts, read as a stream", "[golang]") {
  for (bool inline_layout : {true, false}) {
    INFO("inline " << inline_layout);
    auto kept = stream(make_elf(true, inline_layout));
    REQUIRE(kept);
    CHECK(kept->size() < 400);  // the build info only, not the binary
    auto info = catalog::detail::parse_go_buildinfo(*kept);
    REQUIRE(info);
    check_info(*info);
  }
  CHECK(!stream(make_elf(false, true)));  // no Go note: not a Go binary, and no Rust audit data
  CHECK(!stream("#!/bin/sh\necho hello, this is not an ELF file at all, just a script of some length\n"));
  std::string truncated = make_elf(true, true).substr(0, 0x1010);
  CHECK(!stream(truncated));
  std::string garbage = make_elf(true, true);
  put(garbage, 56, 60000, 2);  // program headers beyond the file
  CHECK(!stream(garbage));
  CHECK(!catalog::detail::parse_go_buildinfo("\xff Go buildinf:\x08\x02"));
}

TEST_CASE("golang: binaries in a view become modules, replacements and stdlib", "[golang]") {
  auto kept = stream(make_elf(true, true));
  REQUIRE(kept);
  image::View view = make_view({{"usr/local/bin/app", *kept}});
  Result r = run_lang(view);
  const Component* main = by_purl(r, "pkg:golang/example.com/app");
  REQUIRE(main);
  CHECK(main->type == "application");
  CHECK(by_purl(r, "pkg:golang/github.com/a/b@v1.2.3"));
  const Component* fork = by_purl(r, "pkg:golang/github.com/fork/net@v0.1.1");
  REQUIRE(fork);
  CHECK(fork->property(kPropGoReplaces)->value == "golang.org/x/net@v0.1.0");
  const Component* local = by_purl(r, "pkg:golang/example.com/local@v0.0.0");
  REQUIRE(local);  // replaced by a directory: still the module it stands for
  CHECK(local->property(kPropGoReplaces)->value == "example.com/local@v0.0.0");
  const Component* stdlib = by_purl(r, "pkg:golang/stdlib@1.16.15");
  REQUIRE(stdlib);
  CHECK(stdlib->property(kPropPath)->value == "/usr/local/bin/app");
}

TEST_CASE("golang: BSI's file properties from the build mode the build info records", "[golang]") {
  auto main_of = [&](const std::string& settings) {
    catalog::detail::GoBuildInfo info;
    catalog::detail::parse_go_modinfo(kModinfo + settings, info);
    return info.build_mode;
  };
  CHECK(main_of("") == "");  // before Go 1.18: no settings
  CHECK(main_of("build\t-compiler=gc\nbuild\tCGO_ENABLED=0\n") == "default");  // Go leaves the default out
  CHECK(main_of("build\t-buildmode=c-shared\nbuild\t-compiler=gc\n") == "c-shared");
  CHECK(main_of("build\t-compiler=gc\nbuild\t-buildmode=pie\n") == "pie");
  // Through the cataloger: the main module is the binary; the modules compiled in are no file.
  auto run = [&](const std::string& settings) {
    std::string blob = "\xff Go buildinf:";
    blob += '\x08';
    blob += '\x02';
    blob.resize(32, '\0');
    auto varstr = [&](const std::string& s) {
      blob += static_cast<char>(s.size() & 0x7f | (s.size() > 0x7f ? 0x80 : 0));
      if (s.size() > 0x7f) blob += static_cast<char>(s.size() >> 7);
      blob += s;
    };
    varstr("go1.21.0");
    varstr(kStart + kModinfo + settings + kEnd);
    return run_lang(make_view({{"usr/local/bin/app", blob}}));
  };
  Result exe = run("build\t-compiler=gc\n");
  REQUIRE(by_purl(exe, "pkg:golang/example.com/app"));
  CHECK(bsi_flags(*by_purl(exe, "pkg:golang/example.com/app")) == "executable|no archive|structured|");
  CHECK(bsi_flags(*by_purl(exe, "pkg:golang/github.com/a/b@v1.2.3")) == "-|-|-|");
  Result lib = run("build\t-buildmode=c-shared\n");
  CHECK(bsi_flags(*by_purl(lib, "pkg:golang/example.com/app")) == "non-executable|no archive|structured|");
  Result old = run("");
  CHECK(bsi_flags(*by_purl(old, "pkg:golang/example.com/app")) == "-|-|-|");  // the mode is not recorded
}

TEST_CASE("golang: the toolchain is written as the SemVer advisories use", "[golang]") {
  for (auto [built_by, purl] : {std::pair{"go1.19", "pkg:golang/stdlib@1.19.0"},
                                {"go1.21rc2", "pkg:golang/stdlib@1.21.0-rc.2"},
                                {"go1.20.12 X:boringcrypto", "pkg:golang/stdlib@1.20.12"}}) {
    auto kept = stream(make_elf(true, true, built_by));
    REQUIRE(kept);
    Result r = run_lang(make_view({{"usr/local/bin/app", *kept}}));
    CHECK(by_purl(r, purl));
  }
  auto kept = stream(make_elf(true, true, "go1.x"));
  REQUIRE(kept);
  std::vector<std::string> warnings;
  Result r = run_lang(make_view({{"usr/local/bin/app", *kept}}), &warnings);
  CHECK(!by_purl(r, "pkg:golang/stdlib@1.x"));
  bool warned = false;
  for (const auto& w : warnings) warned |= w.find("invalid Go toolchain version 'go1.x'") != std::string::npos;
  CHECK(warned);
}

TEST_CASE("golang: only executables of an image are read, and only their build info kept", "[golang]") {
  namespace fs = std::filesystem;
  const fs::path root = fs::temp_directory_path() / ("sbomkit-golang-test-" + std::to_string(::getpid()));
  fs::remove_all(root);
  fs::create_directories(root / "bin");
  const std::string elf = make_elf(true, true);
  for (const char* name : {"bin/app", "bin/not-executable"}) {
    std::ofstream(root / name, std::ios::binary) << elf;
  }
  fs::permissions(root / "bin/app", fs::perms::owner_all);
  fs::permissions(root / "bin/not-executable", fs::perms::owner_read | fs::perms::owner_write);
  auto cats = language_catalogers();
  auto view = image::read(root.string(), patterns(cats), {});
  fs::remove_all(root);
  REQUIRE(view);
  REQUIRE(view->find("bin/app"));
  CHECK(view->find("bin/app")->data.size() < 400);
  CHECK(view->find("bin/app")->size == elf.size());
  CHECK(!view->find("bin/not-executable"));
  auto r = run(*view, cats, {});
  REQUIRE(r);
  CHECK(by_purl(*r, "pkg:golang/github.com/a/b@v1.2.3"));
}

TEST_CASE("golang: a project's go.mod in a view, not those of the module cache", "[golang]") {
  auto view = make_view({{"src/app/go.mod", "module x\nrequire github.com/a/b v1.0.0\n"},
                         {"root/go/pkg/mod/github.com/a/b@v1.0.0/go.mod", "module b\nrequire github.com/c/d v0.1.0\n"},
                         {"src/app/vendor/github.com/a/b/go.mod", "module b\nrequire github.com/c/d v0.1.0\n"}});
  Result r = run_lang(view);
  CHECK(by_purl(r, "pkg:golang/github.com/a/b@v1.0.0"));
  CHECK(count_type(r, "golang") == 1);
}

TEST_CASE("golang: go.mod fixtures, require blocks and replacements", "[golang]") {
  auto mods = catalog::detail::parse_go_mod(
      "module x\n\ngo 1.21\n\nrequire github.com/a/b v1.0.0 // indirect\nrequire (\n\tgithub.com/c/d v0.2.0\n"
      "\tgolang.org/x/net v0.1.0\n)\nreplace golang.org/x/net => github.com/fork/net v0.1.1\nexclude (\n\tgithub.com/e/f v1\n)\n");
  REQUIRE(mods.size() == 3);
  CHECK(mods[0].path == "github.com/a/b");
  CHECK(mods[0].version == "v1.0.0");
  CHECK(mods[2].replace_path == "github.com/fork/net");
  std::vector<std::string> problems;
  auto cut = catalog::detail::parse_go_mod("module x\n\nrequire (\n\tgithub.com/a/b v1.0.0\n\tgithub.com/c/", &problems);
  CHECK(cut.size() == 1);
  CHECK(problems == std::vector<std::string>{"5: require without a version", "5: block not closed with ')'"});
  const std::pair<const char*, std::size_t> cases[] = {
      {"go/syft/many-packages.go.mod", 0}, {"go/syft/one-package.go.mod", 1}, {"go/trivy/normal.go.mod", 0},
      {"go/trivy/replaced.go.mod", 0},     {"go/trivy/go116.go.mod", 0},
  };
  for (const auto& [rel, min] : cases) {
    REQUIRE_FIXTURE(text, rel);
    INFO(rel);
    auto got = catalog::detail::parse_go_mod(*text);
    // As many modules as the file has requirement lines.
    std::size_t lines = 0;
    bool in_block = false;
    std::istringstream in(*text);
    for (std::string line; std::getline(in, line);) {
      std::string t = line.substr(0, line.find("//"));
      t.erase(0, t.find_first_not_of(" \t"));
      if (in_block) {
        if (t.starts_with(")")) in_block = false;
        else if (!t.empty()) ++lines;
      } else if (t.starts_with("require (")) {
        in_block = true;
      } else if (t.starts_with("require ")) {
        ++lines;
      }
    }
    CHECK(got.size() == lines);
    CHECK(got.size() >= min);
  }
  REQUIRE_FIXTURE(replaced, "go/trivy/replaced.go.mod");
  auto r = catalog::detail::parse_go_mod(*replaced);
  CHECK(std::any_of(r.begin(), r.end(), [](const catalog::detail::GoModule& m) { return !m.replace_path.empty(); }));
}

TEST_CASE("golang: the Go binaries of the shared Debian image", "[golang]") {
  const char* home = std::getenv("HOME");
  const char* xdg = std::getenv("XDG_CACHE_HOME");
  const std::string root = (xdg && *xdg ? std::string(xdg) : std::string(home ? home : "") + "/.cache") +
                           "/sbomkit-fixtures/debian-app/rootfs";
  if (!std::filesystem::exists(root + "/opt/tools/buf")) {
    WARN("SKIPPED: " << root << " not found (../shared/scripts/make-debian-image)");
    return;
  }
  std::ifstream in(root + "/opt/tools/buf", std::ios::binary);
  std::stringstream ss;
  ss << in.rdbuf();
  auto kept = stream(ss.str());
  REQUIRE(kept);
  CHECK(kept->size() < 8192);
  auto info = catalog::detail::parse_go_buildinfo(*kept);
  REQUIRE(info);
  CHECK(info->go_version == "go1.19.5");
  REQUIRE(info->main);
  CHECK(info->main->path == "github.com/bufbuild/buf");
  CHECK(info->deps.size() > 30);
}
