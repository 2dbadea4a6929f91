// Tests of the .NET cataloger: deps.json, packages.lock.json, packages.config, .nuspec.
#include <catch2/catch.hpp>

#include "catalog/lang_parsers.h"
#include "lang_fixture.h"

using namespace sbom;
using namespace sbom::catalog;
using namespace sbom::catalog::testing;

TEST_CASE("dotnet: deps.json and packages.lock.json fixtures", "[dotnet]") {
  // Libraries of type "package" / distinct non-project lock entries, as each file lists them.
  const std::pair<const char*, std::size_t> deps[] = {
      {"nuget/syft/TestLibrary.deps.json", 12}, {"nuget/syft/MyApp.deps.json", 1},
      {"nuget/trivy/happy.deps.json", 1},       {"nuget/trivy/self-contained.deps.json", 1},
      {"nuget/trivy/without-runtime.deps.json", 7}, {"nuget/trivy/multi-project.deps.json", 1},
      {"nuget/osv-scalibr/valid.deps.json", 2},
  };
  for (const auto& [rel, n] : deps) {
    REQUIRE_FIXTURE(text, rel);
    INFO(rel);
    auto p = catalog::detail::parse_deps_json(*text);
    REQUIRE(p);
    CHECK(p->size() == n);
  }
  const std::pair<const char*, std::size_t> locks[] = {
      {"nuget/syft/packages.lock.json", 9}, {"nuget/syft/net8-app.packages.lock.json", 51},
      {"nuget/trivy/packages_lock_multi.json", 40},
  };
  for (const auto& [rel, n] : locks) {
    REQUIRE_FIXTURE(text, rel);
    INFO(rel);
    auto p = catalog::detail::parse_packages_lock(*text);
    REQUIRE(p);
    CHECK(p->size() == n);
  }
  CHECK(!catalog::detail::parse_deps_json("{}"));
}

TEST_CASE("dotnet: packages.config and nuspec", "[dotnet]") {
  REQUIRE_FIXTURE(config, "nuget/trivy/packages.config");
  CHECK(catalog::detail::parse_packages_config(*config)->size() == 2);
  auto parsed = catalog::detail::parse_packages_config(
      "<?xml version=\"1.0\"?>\n<packages>\n  <package id=\"NUnit\" version=\"3.13.2\" developmentDependency=\"true\" />\n"
      "  <package version='13.0.1' id='Newtonsoft.Json'/>\n</packages>\n");
  REQUIRE(parsed);
  const auto& p = *parsed;
  REQUIRE(p.size() == 2);
  auto cut = catalog::detail::parse_packages_config("<packages>\n  <package id=\"NUnit\" vers");
  REQUIRE(!cut);
  CHECK(cut.error().message == "element <package> not closed");
  CHECK(p[0].name == "NUnit");
  CHECK(p[0].dev);
  CHECK(p[1].name == "Newtonsoft.Json");
  CHECK(p[1].version == "13.0.1");
  REQUIRE_FIXTURE(nuspec, "nuget/trivy/newtonsoft.json.12.0.3.nuspec");
  auto n = catalog::detail::parse_nuspec(*nuspec);
  CHECK(n.name == "Newtonsoft.Json");
  CHECK(n.version == "12.0.3");
}

TEST_CASE("dotnet: packages in a view", "[dotnet]") {
  auto view = make_view({
      {"app/MyApp.deps.json", R"({"libraries": {"MyApp/1.0.0": {"type": "project"},
                                                 "Newtonsoft.Json/13.0.1": {"type": "package"}}})"},
      {"root/.nuget/packages/serilog/2.10.0/serilog.nuspec",
       "<package><metadata><id>Serilog</id><version>2.10.0</version></metadata></package>"},
  });
  Result r = run_lang(view);
  CHECK(by_purl(r, "pkg:nuget/Newtonsoft.Json@13.0.1"));
  CHECK(by_purl(r, "pkg:nuget/Serilog@2.10.0"));
  CHECK(count_type(r, "nuget") == 2);
}
