// Tests of the PHP cataloger: Composer installed.json (v1, v2) and composer.lock.
#include <catch2/catch.hpp>

#include "catalog/lang_parsers.h"
#include "lang_fixture.h"

using namespace sbom;
using namespace sbom::catalog;
using namespace sbom::catalog::testing;

TEST_CASE("php: composer fixtures", "[php]") {
  // (file, packages, dev packages) as each file lists them.
  const std::tuple<const char*, std::size_t, std::size_t> cases[] = {
      {"composer/syft/composer_1-installed.json", 2, 0}, {"composer/syft/composer_2-installed.json", 2, 1},
      {"composer/syft/composer.lock", 4, 2},             {"composer/trivy/composer_happy.lock", 10, 2},
      {"composer/osv-scalibr/drupal-packages.composer.lock", 4, 1}, {"composer/osv-scanner/composer.lock", 6, 0},
  };
  for (const auto& [rel, n, dev] : cases) {
    REQUIRE_FIXTURE(text, rel);
    INFO(rel);
    auto pkgs = catalog::detail::parse_composer(*text);
    REQUIRE(pkgs);
    CHECK(pkgs->size() == n);
    CHECK(std::count_if(pkgs->begin(), pkgs->end(), [](const auto& p) { return p.dev; }) == static_cast<long>(dev));
  }
  CHECK(!catalog::detail::parse_composer("{"));
  CHECK(!catalog::detail::parse_composer("42"));
}

TEST_CASE("php: packages in a view", "[php]") {
  auto view = make_view({
      {"var/www/vendor/composer/installed.json",
       R"({"packages": [{"name": "monolog/monolog", "version": "2.8.0"}, {"name": "phpunit/phpunit", "version": "9.5.0"}],
           "dev-package-names": ["phpunit/phpunit"]})"},
      {"srv/composer.lock", "not json"},
  });
  std::vector<std::string> w;
  Result r = run_lang(view, &w);
  CHECK(by_purl(r, "pkg:composer/monolog/monolog@2.8.0"));
  const Component* unit = by_purl(r, "pkg:composer/phpunit/phpunit@9.5.0");
  REQUIRE(unit);
  CHECK(unit->property(kPropDev));
  REQUIRE(w.size() == 1);
  CHECK(w[0].find("/srv/composer.lock") != std::string::npos);
}
