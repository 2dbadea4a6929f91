// Lockfile integrity values as component hashes: the digest syntaxes, and each lockfile's field.
#include <catch2/catch.hpp>

#include <cctype>

#include "catalog/language.h"
#include "lang_fixture.h"

using namespace sbom;
using namespace sbom::catalog;
using namespace sbom::catalog::testing;

namespace {

// Digests of the five bytes "hello" (sha512sum, sha1sum; base64 of the same bytes for SRI).
const std::string kSha512Hex =
    "9b71d224bd62f3785d96d46ad3ea3d73319bfbc2890caadae2dff72519673ca72323c3d99ba5c11d7c7acc6e14b8c5da0c4663475c2e5c3adef46f73bcdec043";
const std::string kSha512Sri = "sha512-m3HSJL1i83hdltRq0+o9czGb+8KJDKra4t/3JRlnPKcjI8PZm6XBHXx6zG4UuMXaDEZjR1wuXDre9G9zvN7AQw==";
const std::string kSha1Hex = "aaf4c61ddcc5e8a2dabede0f3b482cd9aea9434d";
const std::string kSha1Sri = "sha1-qvTGHdzF6KLavt4PO0gs2a6pQ00=";
const std::string kSha256Hex = "2cf24dba5fb0a30e26e83b2ac5b9e29e1b161e5c1fa7425e73043362938b9824";

std::vector<std::string> hash_list(const Component* c) {
  std::vector<std::string> out;
  if (c) for (const Hash& h : c->hashes) out.push_back(h.alg + " " + h.content);
  return out;
}

}  // namespace

TEST_CASE("lock_hashes: SRI and ALG:HEX, checked, never guessed", "[language]") {
  auto h = catalog::detail::lock_hashes(kSha512Sri + " " + kSha1Sri);
  REQUIRE(h);
  REQUIRE(h->size() == 2);
  CHECK((*h)[0].alg == "SHA-512");
  CHECK((*h)[0].content == kSha512Hex);
  CHECK((*h)[1].alg == "SHA-1");
  CHECK((*h)[1].content == kSha1Hex);
  std::string upper = kSha256Hex;
  for (char& c : upper) c = static_cast<char>(std::toupper(static_cast<unsigned char>(c)));
  auto hex = catalog::detail::lock_hashes("sha256:" + upper);
  REQUIRE(hex);
  REQUIRE(hex->size() == 1);
  CHECK((*hex)[0].content == kSha256Hex);  // lower case, as every hash we write
  CHECK(catalog::detail::lock_hashes(kSha512Sri + "?opt")->size() == 1);
  CHECK(catalog::detail::lock_hashes("md5:5d41402abc4b2a76b9719d911017c592").error().message ==
        "'md5:5d41402abc4b2a76b9719d911017c592': unknown hash algorithm 'md5'");
  CHECK(catalog::detail::lock_hashes("sha512-abc").error().message == "'sha512-abc': not a base64 sha512 digest");
  CHECK(!catalog::detail::lock_hashes(kSha1Sri.substr(0, kSha1Sri.size() - 8) + "AAA="));  // a digest too short
  // The URL-safe alphabet (as some lockfiles are written, and Node's decoder reads) is the same digest.
  std::string url_safe = kSha512Sri;
  for (char& c : url_safe) c = c == '+' ? '-' : c == '/' ? '_' : c;
  REQUIRE(catalog::detail::lock_hashes(url_safe));
  CHECK((*catalog::detail::lock_hashes(url_safe))[0].content == kSha512Hex);
  CHECK(!catalog::detail::lock_hashes("sha256:" + kSha256Hex.substr(1) + "g"));
  CHECK(!catalog::detail::lock_hashes("sha256:" + kSha256Hex + "00"));
  CHECK(catalog::detail::lock_hashes("deadbeef").error().message == "'deadbeef' names no algorithm");
}

TEST_CASE("lockfiles: integrity values are the components' hashes; a bad one is a warning", "[language]") {
  const std::string package_lock = R"({"lockfileVersion": 3, "packages": {"": {"name": "app"},
    "node_modules/a": {"version": "1.0.0", "integrity": ")" + kSha512Sri + R"("},
    "node_modules/b": {"version": "2.0.0", "integrity": "md5-XUFAKrxLKna5cZ2REBfFkg=="},
    "node_modules/c": {"version": "3.0.0"}}})";
  const std::string yarn_lock = "# yarn lockfile v1\n\n\"y@^1.0.0\", y@^1.1:\n  version \"1.2.0\"\n"
                                "  resolved \"https://registry.yarnpkg.com/y/-/y-1.2.0.tgz#x\"\n  integrity " + kSha1Sri + "\n"
                                "  dependencies:\n    a \"^1.0.0\"\n";
  const std::string pnpm_lock = "lockfileVersion: '9.0'\npackages:\n  p@4.0.0:\n    resolution: {integrity: " + kSha512Sri + "}\n";
  const std::string cargo_lock = "[[package]]\nname = \"libc\"\nversion = \"0.2.147\"\nsource = \"registry+x\"\nchecksum = \"" +
                                 kSha256Hex + "\"\n";
  const std::string composer_lock = R"({"packages": [{"name": "v/one", "version": "1.0.0", "dist": {"type": "zip", "shasum": ")" +
                                    kSha1Hex + R"("}}, {"name": "v/two", "version": "2.0.0", "dist": {"shasum": ""}}]})";
  const std::string poetry_lock = "[[package]]\nname = \"one\"\nversion = \"1.0\"\nfiles = [\n  {file = \"one-1.0-py3-none-any.whl\", hash = \"sha256:" +
                                  kSha256Hex + "\"},\n]\n\n[[package]]\nname = \"two\"\nversion = \"2.0\"\nfiles = [\n"
                                  "  {file = \"two-2.0.tar.gz\", hash = \"sha256:" + kSha256Hex + "\"},\n"
                                  "  {file = \"two-2.0-py3-none-any.whl\", hash = \"sha256:" + std::string(64, 'a') + "\"},\n]\n";
  const std::string uv_lock = "version = 1\n[[package]]\nname = \"u\"\nversion = \"1.0\"\nsource = { registry = \"https://pypi.org/simple\" }\n"
                              "sdist = { url = \"https://x/u-1.0.tar.gz\", hash = \"sha256:" + kSha256Hex + "\", size = 5 }\n";
  const std::string pipfile_lock = R"({"default": {"pa": {"version": "==1.0", "hashes": ["sha256:)" + kSha256Hex +
                                   R"("]}, "pb": {"version": "==2.0", "hashes": ["sha256:)" + kSha256Hex + R"(", "sha256:)" +
                                   std::string(64, 'b') + R"("]}}})";
  auto view = make_view({{"app/package-lock.json", package_lock}, {"web/yarn.lock", yarn_lock}, {"ui/pnpm-lock.yaml", pnpm_lock},
                         {"rs/Cargo.lock", cargo_lock}, {"php/composer.lock", composer_lock}, {"py/poetry.lock", poetry_lock},
                         {"uv/uv.lock", uv_lock}, {"pe/Pipfile.lock", pipfile_lock}});
  std::vector<std::string> warnings;
  Result r = run_lang(view, &warnings);
  CHECK(hash_list(by_purl(r, "pkg:npm/a@1.0.0")) == std::vector<std::string>{"SHA-512 " + kSha512Hex});
  CHECK(hash_list(by_purl(r, "pkg:npm/b@2.0.0")).empty());
  CHECK(hash_list(by_purl(r, "pkg:npm/c@3.0.0")).empty());
  CHECK(hash_list(by_purl(r, "pkg:npm/y@1.2.0")) == std::vector<std::string>{"SHA-1 " + kSha1Hex});
  CHECK(hash_list(by_purl(r, "pkg:npm/p@4.0.0")) == std::vector<std::string>{"SHA-512 " + kSha512Hex});
  CHECK(hash_list(by_purl(r, "pkg:cargo/libc@0.2.147")) == std::vector<std::string>{"SHA-256 " + kSha256Hex});
  CHECK(hash_list(by_purl(r, "pkg:composer/v/one@1.0.0")) == std::vector<std::string>{"SHA-1 " + kSha1Hex});
  CHECK(hash_list(by_purl(r, "pkg:composer/v/two@2.0.0")).empty());
  // One published file: its hash; an sdist and a wheel: the lock does not say which was installed.
  CHECK(hash_list(by_purl(r, "pkg:pypi/one@1.0")) == std::vector<std::string>{"SHA-256 " + kSha256Hex});
  CHECK(hash_list(by_purl(r, "pkg:pypi/two@2.0")).empty());
  CHECK(hash_list(by_purl(r, "pkg:pypi/u@1.0")) == std::vector<std::string>{"SHA-256 " + kSha256Hex});
  CHECK(hash_list(by_purl(r, "pkg:pypi/pa@1.0")) == std::vector<std::string>{"SHA-256 " + kSha256Hex});
  CHECK(hash_list(by_purl(r, "pkg:pypi/pb@2.0")).empty());
  CHECK(std::count(warnings.begin(), warnings.end(),
                   "/app/package-lock.json: b@2.0.0: integrity 'md5-XUFAKrxLKna5cZ2REBfFkg==': unknown hash algorithm 'md5'; not written") == 1);
}

TEST_CASE("lockfiles: the integrity of a package installed beside the lock, for the installed version only", "[language]") {
  const std::string lock = R"({"lockfileVersion": 3, "packages": {"": {"name": "svc"},
    "node_modules/a": {"version": "1.0.0", "integrity": ")" + kSha512Sri + R"("},
    "node_modules/b": {"version": "2.0.0", "integrity": ")" + kSha1Sri + R"("}}})";
  auto view = make_view({{"svc/package-lock.json", lock},
                         {"svc/node_modules/a/package.json", R"({"name": "a", "version": "1.0.0"})"},
                         {"svc/node_modules/b/package.json", R"({"name": "b", "version": "2.0.1"})"}});
  Result r = run_lang(view);
  CHECK(hash_list(by_purl(r, "pkg:npm/a@1.0.0")) == std::vector<std::string>{"SHA-512 " + kSha512Hex});
  CHECK(hash_list(by_purl(r, "pkg:npm/b@2.0.1")).empty());  // another version than the lock's: not its tarball
  CHECK(!by_purl(r, "pkg:npm/b@2.0.0"));
}
