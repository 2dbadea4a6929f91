// Tests of the npm cataloger: installed packages (nested, scoped), root applications, lockfiles.
#include <catch2/catch.hpp>

#include <set>

#include "catalog/lang_parsers.h"
#include "lang_fixture.h"

using namespace sbom;
using namespace sbom::catalog;
using namespace sbom::catalog::testing;

namespace {

std::set<std::string> keys(const std::vector<catalog::detail::LockedPackage>& pkgs) {
  std::set<std::string> out;
  for (const auto& p : pkgs) out.insert(p.name + "@" + p.version);
  return out;
}

std::size_t devs(const std::vector<catalog::detail::LockedPackage>& pkgs) {
  return static_cast<std::size_t>(std::count_if(pkgs.begin(), pkgs.end(), [](const auto& p) { return p.dev; }));
}

}  // namespace

TEST_CASE("npm: package-lock v1, v2, v3 fixtures", "[npm]") {
  // (file, packages, dev packages), counted from each file's own entries.
  const std::tuple<const char*, std::size_t, std::size_t> cases[] = {
      {"npm/syft/pkg-lock_package-lock.json", 12, 1},   {"npm/syft/pkg-lock_package-lock-2.json", 5, 1},
      {"npm/syft/pkg-lock_package-lock-3.json", 5, 1},  {"npm/trivy/package-lock_v1.json", 33, 2},
      {"npm/trivy/package-lock_v2.json", 33, 2},        {"npm/trivy/package-lock_v3.json", 33, 2},
      {"npm/trivy/package-lock_v3_with_workspace.json", 4, 0},
      {"npm/syft/pkg-lock_alias-package-lock-2.json", 3, 0},
  };
  for (const auto& [rel, n, dev] : cases) {
    REQUIRE_FIXTURE(text, rel);
    INFO(rel);
    auto pkgs = catalog::detail::parse_package_lock(*text);
    REQUIRE(pkgs);
    CHECK(pkgs->size() == n);
    CHECK(devs(*pkgs) == dev);
  }
  REQUIRE_FIXTURE(v1, "npm/trivy/package-lock_v1.json");
  REQUIRE_FIXTURE(v3, "npm/trivy/package-lock_v3.json");
  CHECK(keys(*catalog::detail::parse_package_lock(*v1)) == keys(*catalog::detail::parse_package_lock(*v3)));
  REQUIRE_FIXTURE(alias, "npm/syft/pkg-lock_alias-package-lock-2.json");
  auto a = keys(*catalog::detail::parse_package_lock(*alias));
  CHECK(a.count("case@1.6.3"));  // installed under the alias "case-alias"
  CHECK(a.count("@bundled-es-modules/chai@4.2.2"));
}

TEST_CASE("npm: yarn classic and berry fixtures", "[npm]") {
  const std::pair<const char*, std::size_t> cases[] = {
      {"npm/syft/yarn_yarn.lock", 9},         {"npm/trivy/yarn_happy.lock", 18},
      {"npm/syft/yarn-berry_yarn.lock", 8},   {"npm/trivy/yarn_v2_happy.lock", 17},  // fsevents only as a patch: entry
      {"npm/trivy/yarn_with_git.lock", 1},    {"npm/syft/yarn-v1-deps_yarn.lock", 9},
  };
  for (const auto& [rel, n] : cases) {
    REQUIRE_FIXTURE(text, rel);
    INFO(rel);
    CHECK(keys(catalog::detail::parse_yarn_lock(*text)).size() == n);
  }
  auto classic = catalog::detail::parse_yarn_lock(
      "# yarn lockfile v1\n\n\"@babel/code-frame@^7.0.0\", \"@babel/code-frame@^7.8.3\":\n  version \"7.8.3\"\n"
      "  dependencies:\n    js-tokens \"^4.0.0\"\n\njs-tokens@^4.0.0:\n  version \"4.0.0\"\n");
  CHECK(keys(classic) == std::set<std::string>{"@babel/code-frame@7.8.3", "js-tokens@4.0.0"});
  auto berry = catalog::detail::parse_yarn_lock(
      "__metadata:\n  version: 6\n\n\"app@workspace:.\":\n  version: 0.0.0-use.local\n\n"
      "\"ms@npm:2.1.2\":\n  version: 2.1.2\n  resolution: \"ms@npm:2.1.2\"\n");
  CHECK(keys(berry) == std::set<std::string>{"ms@2.1.2"});
  auto listed = catalog::detail::parse_yarn_lock("\"a@npm:1.0.0, a@npm:^1.0.0\":\n  version: 1.0.0\n");
  CHECK(keys(listed) == std::set<std::string>{"a@1.0.0"});
}

TEST_CASE("npm: pnpm lockfiles v5, v6, v9", "[npm]") {
  const std::tuple<const char*, std::size_t, std::size_t> cases[] = {
      {"npm/syft/pnpm_pnpm-lock.yaml", 1, 1},
      {"npm/syft/pnpm-v6_pnpm-lock.yaml", 10, 0},
      {"npm/syft/pnpm-v9_pnpm-lock.yaml", 4, 0},
      // tarball and file: dependencies with a version of their own are packages too; the
      // directory dependency (no version) is not.
      // v9 dev: jquery, lodash (file:) and await-sleep only reach the importers' devDependencies;
      // ms@2.0.0 is a devDependency that finalhandler needs too.
      {"npm/trivy/pnpm-lock_v9.yaml", 21, 3},
  };
  for (const auto& [rel, n, dev] : cases) {
    REQUIRE_FIXTURE(text, rel);
    INFO(rel);
    auto pkgs = catalog::detail::parse_pnpm_lock(*text, rel);
    REQUIRE(pkgs);
    CHECK(pkgs->size() == n);
    CHECK(devs(*pkgs) == dev);
  }
  REQUIRE_FIXTURE(v6, "npm/syft/pnpm-v6_pnpm-lock.yaml");
  CHECK(keys(*catalog::detail::parse_pnpm_lock(*v6, "v6")).count("@testing-library/react@13.4.0"));
  // v9: dev-only reachability through snapshots, peer suffixes and aliases followed.
  auto v9 = catalog::detail::parse_pnpm_lock(
      "lockfileVersion: '9.0'\nimporters:\n  .:\n    dependencies:\n      a:\n        specifier: ^1\n        version: 1.0.0(p@2.0.0)\n"
      "    devDependencies:\n      t:\n        specifier: ^3\n        version: 3.0.0\n      p:\n        specifier: ^2\n        version: 2.0.0\n"
      "packages:\n  a@1.0.0:\n    resolution: {integrity: x}\n  b@1.1.0:\n    resolution: {integrity: x}\n"
      "  t@3.0.0:\n    resolution: {integrity: x}\n  u@4.0.0:\n    resolution: {integrity: x}\n  p@2.0.0:\n    resolution: {integrity: x}\n"
      "snapshots:\n  a@1.0.0(p@2.0.0):\n    dependencies:\n      b-alias: b@1.1.0\n  b@1.1.0: {}\n"
      "  t@3.0.0:\n    dependencies:\n      u: 4.0.0\n      b: 1.1.0\n  u@4.0.0: {}\n  p@2.0.0: {}\n",
      "v9.yaml");
  REQUIRE(v9);
  std::set<std::string> dev_keys;
  for (const auto& p : *v9) {
    if (p.dev) dev_keys.insert(p.name + "@" + p.version);
  }
  CHECK(v9->size() == 5);
  CHECK(dev_keys == std::set<std::string>{"t@3.0.0", "u@4.0.0", "p@2.0.0"});
  auto bad = catalog::detail::parse_pnpm_lock("packages: [\n", "bad.yaml");
  CHECK(!bad);
}

TEST_CASE("npm: installed packages, nesting, scopes, the root application, dev marks", "[npm]") {
  auto view = make_view({
      {"app/package.json", R"({"name": "my-app", "version": "1.0.0", "private": true})"},
      {"app/package-lock.json",
       R"({"lockfileVersion": 3, "packages": {"": {"name": "my-app"},
           "node_modules/lodash": {"version": "4.17.15"},
           "node_modules/@types/node": {"version": "20.1.0", "dev": true},
           "node_modules/a/node_modules/lodash": {"version": "3.10.1"}}})"},
      {"app/node_modules/lodash/package.json", R"({"name": "lodash", "version": "4.17.15", "license": "MIT"})"},
      {"app/node_modules/@types/node/package.json", R"({"name": "@types/node", "version": "20.1.0"})"},
      {"app/node_modules/a/package.json", R"({"name": "a", "version": "1.0.0"})"},
      {"app/node_modules/a/node_modules/lodash/package.json", R"({"name": "lodash", "version": "3.10.1"})"},
      {"app/node_modules/a/lib/package.json", R"({"type": "module"})"},
      {"app/node_modules/broken/package.json", R"({"name": )"},
      {"srv/yarn.lock", "ms@^2.1.1:\n  version \"2.1.3\"\n"},
      {"srv2/yarn.lock", "ms@^2.1.1:\n  version \"2.1.3\"\n"},
  });
  std::vector<std::string> w;
  Result r = run_lang(view, &w);
  CHECK(count_type(r, "npm") == 5);
  const Component* lodash = by_purl(r, "pkg:npm/lodash@4.17.15");
  REQUIRE(lodash);
  CHECK(lodash->property(kPropPath)->value == "/app/node_modules/lodash/package.json");
  REQUIRE(lodash->licenses.size() == 1);
  CHECK(lodash->licenses[0].id == "MIT");
  CHECK(!lodash->property(kPropDev));
  const Component* types = by_purl(r, "pkg:npm/%40types/node@20.1.0");
  REQUIRE(types);
  CHECK(types->property(kPropDev)->value == "true");
  CHECK(types->rare->scope == "optional");
  CHECK(by_purl(r, "pkg:npm/lodash@3.10.1"));
  // The same package twice: one component, both places in its evidence.
  CHECK(by_purl(r, "pkg:npm/ms@2.1.3")->occurrences.size() == 2);
  CHECK(by_purl(r, "pkg:npm/ms@2.1.3"));  // a lockfile without node_modules beside it
  auto app = std::find_if(r.components.begin(), r.components.end(), [](const Component& c) { return c.name == "my-app"; });
  REQUIRE(app != r.components.end());
  CHECK(app->type == "application");
  CHECK(app->purl.empty());  // private: never matched against the registry's advisories
  REQUIRE(w.size() == 1);
  CHECK(w[0].find("/app/node_modules/broken/package.json") != std::string::npos);
}

TEST_CASE("npm: the package's author is its supplier", "[npm]") {
  auto text = catalog::detail::parse_package_json(R"j({"name": "a", "version": "1", "author": "Ann <ann@example.org> (https://ann.example.org)"})j");
  REQUIRE(text);
  REQUIRE(text->supplier);
  CHECK(text->supplier->name == "Ann");
  CHECK(text->supplier->contacts[0].email == "ann@example.org");
  CHECK(text->supplier->urls == std::vector<std::string>{"https://ann.example.org"});
  auto object = catalog::detail::parse_package_json(
      R"({"name": "b", "version": "1", "author": {"name": "Bo", "email": "bo@example.org", "url": "https://bo.example.org"}})");
  REQUIRE(object);
  REQUIRE(object->supplier);
  CHECK(object->supplier->name == "Bo");
  CHECK(object->supplier->contacts[0].email == "bo@example.org");
  CHECK(object->supplier->urls == std::vector<std::string>{"https://bo.example.org"});
  for (const char* none : {R"({"name": "c"})", R"({"name": "c", "author": ""})", R"({"name": "c", "author": {"email": "x@example.org"}})",
                           R"({"name": "c", "author": 7})"}) {
    auto m = catalog::detail::parse_package_json(none);
    REQUIRE(m);
    CHECK(!m->supplier);
  }
}
