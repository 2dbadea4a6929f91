// Tests of the scheme registry.
#include <catch2/catch.hpp>

#include <algorithm>

#include "sbom/version.h"

using namespace sbom::version;

TEST_CASE("every registered scheme is found by its name", "[registry]") {
  auto names = scheme_names();
  CHECK(std::is_sorted(names.begin(), names.end()));
  CHECK(std::adjacent_find(names.begin(), names.end()) == names.end());
  for (auto n : {"dpkg", "rpm", "apk", "semver", "npm", "go", "cargo", "nuget", "hex", "pub", "swift"}) {
    INFO(n);
    CHECK(std::find(names.begin(), names.end(), n) != names.end());
  }
  for (auto n : names) {
    const Scheme* s = find_scheme(n);
    REQUIRE(s != nullptr);
    CHECK(s->name() == n);
  }
  CHECK(find_scheme("Debian") == nullptr);  // ecosystems resolve through ecosystem.h
  CHECK(find_scheme("") == nullptr);
}
