// Tests of index-key name normalisation and the default index location.
#include <catch2/catch.hpp>

#include <cstdlib>
#include <filesystem>

#include "sbom/vulndb.h"

using sbom::vulndb::normalize_name;

TEST_CASE("PyPI names follow PEP 503; other ecosystems keep their names") {
  CHECK(normalize_name("PyPI", "Foo.Bar__baz-_-Qux") == "foo-bar-baz-qux");
  CHECK(normalize_name("PyPI", "requests") == "requests");
  CHECK(normalize_name("Go", "github.com/BurntSushi/toml") == "github.com/BurntSushi/toml");
  CHECK(normalize_name("Maven", "org.Apache:X") == "org.Apache:X");
}

TEST_CASE("default index path: SBOMKIT_DB, then XDG_CACHE_HOME, then HOME") {
  ::setenv("SBOMKIT_DB", "/x/db", 1);
  CHECK(*sbom::vulndb::default_path() == "/x/db");
  ::unsetenv("SBOMKIT_DB");
  ::setenv("XDG_CACHE_HOME", "/c", 1);
  CHECK(*sbom::vulndb::default_path() == "/c/sbomkit/osv.sbomdb");
  ::unsetenv("XDG_CACHE_HOME");
  ::setenv("HOME", "/h", 1);
  CHECK(*sbom::vulndb::default_path() == "/h/.cache/sbomkit/osv.sbomdb");
  ::unsetenv("HOME");
  CHECK_FALSE(sbom::vulndb::default_path());
}

TEST_CASE("OSV zip URLs percent-encode the ecosystem") {
  CHECK(sbom::vulndb::osv_zip_url("https://example.com/", "Rocky Linux") == "https://example.com/Rocky%20Linux/all.zip");
  CHECK(sbom::vulndb::osv_zip_url("http://127.0.0.1:8000", "crates.io") == "http://127.0.0.1:8000/crates.io/all.zip");
}

TEST_CASE("fetching from a closed port is an error naming the URL") {
  auto plan = sbom::vulndb::Update::plan_mirror("/tmp/sbomkit-vulndb-fetch-test", {"x"}, "http://127.0.0.1:1");
  REQUIRE(plan);
  auto r = plan->fetch(0);
  REQUIRE_FALSE(r);
  CHECK_THAT(r.error().message, Catch::StartsWith("http://127.0.0.1:1/x/all.zip: "));
  CHECK_FALSE(std::filesystem::exists("/tmp/sbomkit-vulndb-fetch-test"));  // nothing left behind
}
