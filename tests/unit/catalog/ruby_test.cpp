// Tests of the Ruby cataloger: installed gemspecs and Gemfile.lock.
#include <catch2/catch.hpp>

#include "catalog/lang_parsers.h"
#include "lang_fixture.h"

using namespace sbom;
using namespace sbom::catalog;
using namespace sbom::catalog::testing;

TEST_CASE("ruby: gemspec fixtures", "[ruby]") {
  REQUIRE_FIXTURE(bundler, "ruby/syft/bundler.gemspec");
  auto b = catalog::detail::parse_gemspec(*bundler);
  CHECK(b.name == "bundler");
  CHECK(b.version == "2.1.4");
  CHECK(b.licenses == std::vector<std::string>{"MIT"});
  REQUIRE_FIXTURE(fmt, "ruby/syft/formatador.gemspec");
  auto f = catalog::detail::parse_gemspec(*fmt);
  CHECK(f.name == "formatador");
  CHECK(f.version == "1.1.0");
  REQUIRE_FIXTURE(multi, "ruby/trivy/multiple_licenses.gemspec");
  auto m = catalog::detail::parse_gemspec(*multi);
  CHECK(m.name == "test-unit");
  CHECK(m.licenses == std::vector<std::string>{"Ruby", "BSDL", "PSFL"});
}

TEST_CASE("ruby: Gemfile.lock fixtures (GEM and GIT gems, not PATH)", "[ruby]") {
  // Counted from each file: gems at four spaces of indentation in GEM/GIT specs (syft's file has a
  // BAD-SECTION without specs, left out).
  const std::pair<const char*, std::size_t> cases[] = {
      {"ruby/syft/Gemfile.lock", 51},           {"ruby/trivy/Gemfile_normal.lock", 7},
      {"ruby/osv-scalibr/has-git-gem.lock", 5}, {"ruby/osv-scalibr/has-local-gem.lock", 29},
  };
  for (const auto& [rel, n] : cases) {
    REQUIRE_FIXTURE(text, rel);
    INFO(rel);
    CHECK(catalog::detail::parse_gemfile_lock(*text).size() == n);
  }
  auto gems = catalog::detail::parse_gemfile_lock(
      "GEM\n  remote: https://rubygems.org/\n  specs:\n    nokogiri (1.13.10-x86_64-linux)\n      racc (~> 1.4)\n"
      "    racc (1.6.2)\n\nPATH\n  remote: .\n  specs:\n    mine (0.1.0)\n");
  REQUIRE(gems.size() == 2);
  CHECK(gems[0].name == "nokogiri");
  CHECK(gems[0].version == "1.13.10");
}

TEST_CASE("ruby: gems in a view", "[ruby]") {
  auto view = make_view({
      {"usr/local/bundle/specifications/rake-13.0.3.gemspec", "  s.name = \"rake\".freeze\n  s.version = \"13.0.3\"\n"},
      {"usr/local/bundle/specifications/bad.gemspec", "# nothing\n"},
      {"app/Gemfile.lock", "GEM\n  specs:\n    rack (2.2.3)\n"},
  });
  std::vector<std::string> w;
  Result r = run_lang(view, &w);
  CHECK(by_purl(r, "pkg:gem/rake@13.0.3"));
  CHECK(by_purl(r, "pkg:gem/rack@2.2.3"));
  REQUIRE(w.size() == 1);
  CHECK(w[0].find("bad.gemspec") != std::string::npos);
}
