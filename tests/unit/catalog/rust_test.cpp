// Tests of the Rust cataloger: Cargo.lock and cargo-auditable data found in a streamed binary.
#include <zlib.h>

#include <catch2/catch.hpp>
#include <cstring>

#include "catalog/lang_parsers.h"
#include "lang_fixture.h"

using namespace sbom;
using namespace sbom::catalog;
using namespace sbom::catalog::testing;

namespace {

std::string deflate_zlib(const std::string& in) {
  uLongf n = compressBound(static_cast<uLong>(in.size()));
  std::string out(n, '\0');
  REQUIRE(compress2(reinterpret_cast<Bytef*>(out.data()), &n, reinterpret_cast<const Bytef*>(in.data()),
                    static_cast<uLong>(in.size()), 9) == Z_OK);
  out.resize(n);
  return out;
}

/// An ELF-looking file (no Go note) with the audit data at an odd offset past several chunks.
std::string auditable_binary(const std::string& json) {
  std::string b(200000, 'x');  // 'x' is 0x78: many false zlib starts to reject
  b.replace(0, 4, "\x7f" "ELF");
  b[4] = 2;
  b[5] = 1;
  b.replace(32, 8, std::string("\x40\0\0\0\0\0\0\0", 8));
  b.replace(54, 2, std::string("\x38\0", 2));
  b.replace(56, 2, std::string("\0\0", 2));
  b.insert(131071, deflate_zlib(json));
  return b;
}

/// An ELF64 with one loaded segment of `load` bytes and the audit data at `at`.
std::string loaded_binary(const std::string& json, std::size_t load, std::size_t at) {
  std::string b = auditable_binary("{}");
  b.replace(56, 2, std::string("\x01\0", 2));  // e_phnum 1
  std::string ph(56, '\0');
  ph[0] = 1;  // PT_LOAD
  ph[4] = 5;  // r-x
  for (int i = 0; i < 8; ++i) ph[32 + static_cast<std::size_t>(i)] = static_cast<char>((load >> (8 * i)) & 0xff);
  b.replace(64, 56, ph);
  b.erase(131071);  // drop the placeholder stream
  b.resize(300000, 'x');
  b.insert(at, deflate_zlib(json));
  return b;
}

std::optional<std::string> stream(const std::string& data) {
  std::size_t pos = 0;
  image::ReadFn read = [&](char* buf, std::size_t n) -> Expected<std::size_t> {
    std::size_t k = std::min({n, data.size() - pos, std::size_t{5000}});
    if (buf) std::memcpy(buf, data.data() + pos, k);  // null: skipped
    pos += k;
    return k;
  };
  return catalog::detail::reduce_executable(data.size(), read);
}

}  // namespace

TEST_CASE("rust: Cargo.lock fixtures", "[rust]") {
  // [[package]] entries of each file.
  const std::pair<const char*, std::size_t> cases[] = {
      {"cargo/syft/Cargo.lock", 14},        {"cargo/syft/Cargo.lock-with-git-deps", 12},
      {"cargo/trivy/cargo_normal.lock", 8}, {"cargo/trivy/cargo_v3.lock", 9},
      {"cargo/trivy/cargo_mixed.lock", 8},  {"cargo/osv-scalibr/many-packages.lock", 6},
      {"cargo/osv-scalibr/two-packages-with-local.lock", 2},
  };
  for (const auto& [rel, n] : cases) {
    REQUIRE_FIXTURE(text, rel);
    INFO(rel);
    auto pkgs = catalog::detail::parse_cargo_lock(*text);
    REQUIRE(pkgs);
    CHECK(pkgs->size() == n);
  }
}

TEST_CASE("rust: Cargo.lock is read as TOML, and an invalid one is skipped with its place", "[rust]") {
  // A multi-line string and a value over several lines: TOML a line reader could not follow.
  auto pkgs = catalog::detail::parse_cargo_lock(
      "version = 3\n\n[[package]]\nname = \"a\"\nversion = \"\"\"\n1.0.0\"\"\"\ndependencies = [\n \"b\",\n]\n"
      "source = \"registry+https://github.com/rust-lang/crates.io-index\"\n# \u00e9t\u00e9 in a comment\n");
  REQUIRE(pkgs);
  REQUIRE(pkgs->size() == 1);
  CHECK(pkgs->at(0).version == "1.0.0");
  CHECK(pkgs->at(0).path == "registry+https://github.com/rust-lang/crates.io-index");

  auto dup = catalog::detail::parse_cargo_lock("[[package]]\nname = \"a\"\nname = \"b\"\n");
  REQUIRE(!dup);
  CHECK(dup.error().line == 3);
  CHECK(dup.error().column == 8);  // toml++ points at the value of the key defined again
  CHECK(!catalog::detail::parse_cargo_lock("package = 3\n"));  // not an array of tables

  std::vector<std::string> w;
  Result r = run_lang(make_view({{"src/Cargo.lock", "[[package]]\nname = \"a\"\nversion = \"1\nsource = 2\n"}}), &w);
  CHECK(r.components.empty());
  REQUIRE(w.size() == 1);
  CHECK(w[0].starts_with("/src/Cargo.lock:3:"));
  CHECK(w[0].ends_with("; skipped"));
}

TEST_CASE("rust: cargo-auditable data streamed out of a binary", "[rust]") {
  const std::string json = R"({"packages":[{"name":"app","version":"0.1.0","source":"local","root":true},)"
                           R"({"name":"serde","version":"1.0.188","source":"crates.io"},)"
                           R"({"name":"cc","version":"1.0.83","source":"crates.io","kind":"build"}]})";
  auto kept = stream(auditable_binary(json));
  REQUIRE(kept);
  CHECK(kept->starts_with(catalog::detail::kAuditTag));
  CHECK(kept->size() < 400);
  auto pkgs = catalog::detail::parse_cargo_audit(*kept);
  REQUIRE(pkgs);
  REQUIRE(pkgs->size() == 3);
  CHECK((*pkgs)[1].name == "serde");
  CHECK((*pkgs)[2].dev);  // build dependency: not in the binary
  CHECK(!stream(auditable_binary("{\"other\": 1}")));
  // The audit section is not allocated: linkers put it after the loaded segments, and only what
  // follows them is searched.
  CHECK(stream(loaded_binary(json, 150000, 150001)));
  CHECK(!stream(loaded_binary(json, 150000, 140000)));
  CHECK(!catalog::detail::parse_cargo_audit(std::string(catalog::detail::kAuditTag) + "?\x78\x9c garbage"));
  CHECK(!catalog::detail::parse_cargo_audit(catalog::detail::kAuditTag));

  // What executable_pattern() hashes: any ELF file (the list's section lies past the head), nothing else.
  CHECK(catalog::detail::is_hashed_executable(auditable_binary(json)));
  CHECK(!catalog::detail::is_hashed_executable("#!/bin/sh\necho hi\n"));

  image::View view = make_view({{"usr/local/bin/app", *kept},
                                {"src/Cargo.lock", "[[package]]\nname = \"mine\"\nversion = \"0.1.0\"\n\n[[package]]\n"
                                                   "name = \"libc\"\nversion = \"0.2.147\"\nsource = \"registry+x\"\n"}});
  Result r = run_lang(view);
  CHECK(by_purl(r, "pkg:cargo/serde@1.0.188"));
  CHECK(by_purl(r, "pkg:cargo/cc@1.0.83")->property(kPropDev));
  CHECK(by_purl(r, "pkg:cargo/libc@0.2.147"));
  auto mine = std::find_if(r.components.begin(), r.components.end(), [](const Component& c) { return c.name == "mine"; });
  REQUIRE(mine != r.components.end());
  CHECK(mine->purl.empty());  // the workspace's own crate: no crates.io identity
  CHECK(mine->type == "application");
  // The binary is its root crate's component: the hashes of the file are that crate's only.
  auto app = std::find_if(r.components.begin(), r.components.end(), [](const Component& c) { return c.name == "app"; });
  REQUIRE(app != r.components.end());
  CHECK(app->hashes.empty());  // the view's file was not hashed
  view.files_.at("usr/local/bin/app").sha256 = std::string(64, '2');
  view.files_.at("usr/local/bin/app").sha512 = std::string(128, '5');
  Result hashed = run_lang(view);
  app = std::find_if(hashed.components.begin(), hashed.components.end(), [](const Component& c) { return c.name == "app"; });
  REQUIRE(app != hashed.components.end());
  REQUIRE(app->hashes.size() == 2);
  CHECK(app->hashes[0].alg == "SHA-256");
  CHECK(app->hashes[0].content == std::string(64, '2'));
  CHECK(app->hashes[1].alg == "SHA-512");
  CHECK(app->hashes[1].content == std::string(128, '5'));
  CHECK(by_purl(hashed, "pkg:cargo/serde@1.0.188")->hashes.empty());
}

TEST_CASE("rust: BSI's file properties of a binary's root crate, from its ELF header", "[rust]") {
  const std::string json = R"({"packages":[{"name":"tool","version":"2.0.0","source":"crates.io","root":true},)"
                           R"({"name":"serde","version":"1.0.188","source":"crates.io"}]})";
  auto with_type = [&](std::uint16_t type, bool interp) {
    std::string b = auditable_binary(json);
    b[16] = static_cast<char>(type & 0xff);
    b[17] = static_cast<char>(type >> 8);
    if (interp) {  // one program header: PT_INTERP
      b.replace(56, 2, std::string("\x01\0", 2));
      std::string ph(56, '\0');
      ph[0] = 3;
      b.replace(64, 56, ph);
    }
    auto kept = stream(b);
    REQUIRE(kept);
    return run_lang(make_view({{"usr/local/bin/tool", *kept}}));
  };
  Result exec = with_type(2, false);  // EXEC
  REQUIRE(by_purl(exec, "pkg:cargo/tool@2.0.0"));
  CHECK(bsi_flags(*by_purl(exec, "pkg:cargo/tool@2.0.0")) == "executable|no archive|structured|");
  CHECK(bsi_flags(*by_purl(exec, "pkg:cargo/serde@1.0.188")) == "-|-|-|");  // compiled in: no file of its own
  Result pie = with_type(3, true);  // DYN with an interpreter
  CHECK(bsi_flags(*by_purl(pie, "pkg:cargo/tool@2.0.0")) == "executable|no archive|structured|");
  Result so = with_type(3, false);  // DYN without: a cdylib or a static PIE
  CHECK(bsi_flags(*by_purl(so, "pkg:cargo/tool@2.0.0")) == "-|-|-|");
}
