// Tests of what the language catalogers share: attribution to the OS package owning a file.
#include <catch2/catch.hpp>

#include "catalog/language.h"
#include "lang_fixture.h"

using namespace sbom;
using namespace sbom::catalog;
using namespace sbom::catalog::testing;

TEST_CASE("language: a package in files an OS package owns is linked to it", "[language]") {
  auto view = make_view({
      {"etc/os-release", "ID=debian\nVERSION_ID=\"12\"\n"},
      {"var/lib/dpkg/status",
       "Package: python3-urllib3\nStatus: install ok installed\nVersion: 1.26.12-1\nArchitecture: all\n\n"
       "Package: node-ms\nStatus: install ok installed\nVersion: 2.1.3\nArchitecture: all\n"},
      {"var/lib/dpkg/info/python3-urllib3.list",
       "/.\n/usr\n/usr/lib\n/usr/lib/python3\n/usr/lib/python3/dist-packages\n"
       "/usr/lib/python3/dist-packages/urllib3-1.26.12.egg-info\n"
       "/usr/lib/python3/dist-packages/urllib3-1.26.12.egg-info/PKG-INFO\n"},
      {"var/lib/dpkg/info/node-ms.list", "/usr/share/nodejs/ms/package.json\n"},
      {"usr/lib/python3/dist-packages/urllib3-1.26.12.egg-info/PKG-INFO", "Name: urllib3\nVersion: 1.26.12\n"},
      {"usr/lib/python3/dist-packages/six-1.16.0.dist-info/METADATA", "Name: six\nVersion: 1.16.0\n"},
      {"usr/share/nodejs/ms/package.json", R"({"name": "ms", "version": "2.1.3"})"},
  });
  Result r = run_lang(view);
  const Component* urllib3 = by_purl(r, "pkg:pypi/urllib3@1.26.12");
  REQUIRE(urllib3);
  const Component* deb = std::find_if(r.components.begin(), r.components.end(),
                                      [](const Component& c) { return c.name == "python3-urllib3"; }).base();
  REQUIRE(urllib3->property(kPropOwnedBy));
  CHECK(urllib3->property(kPropOwnedBy)->value == deb->bom_ref);
  auto dep = std::find_if(r.dependencies.begin(), r.dependencies.end(), [&](const Dependency& d) { return d.ref == deb->bom_ref; });
  REQUIRE(dep != r.dependencies.end());
  CHECK(std::find(dep->depends_on.begin(), dep->depends_on.end(), urllib3->bom_ref) != dep->depends_on.end());
  const Component* ms = by_purl(r, "pkg:npm/ms@2.1.3");  // Debian's node module directory
  REQUIRE(ms);
  REQUIRE(ms->property(kPropOwnedBy));
  CHECK(ms->property(kPropOwnedBy)->value.starts_with("pkg:deb/debian/node-ms@2.1.3"));
  // Not owned: the shared directories above it (usr/lib/python3/dist-packages) say nothing.
  const Component* six = by_purl(r, "pkg:pypi/six@1.16.0");
  REQUIRE(six);
  CHECK(!six->property(kPropOwnedBy));
}

TEST_CASE("language: owner lookup is by exact path, with or without merged /usr", "[language]") {
  Result r;
  r.owned_files.emplace("usr/lib/jvm/x/lib/app.jar", "deb-a");
  r.owned_files.emplace("usr/share/nodejs/foo", "deb-b");
  CHECK(catalog::detail::os_owner(r, "usr/lib/jvm/x/lib/app.jar") == "deb-a");
  CHECK(catalog::detail::os_owner(r, "lib/jvm/x/lib/app.jar") == "deb-a");
  CHECK(catalog::detail::os_owner(r, "usr/share/nodejs/foo") == "deb-b");
  CHECK(catalog::detail::os_owner(r, "usr/share/nodejs/foo/package.json").empty());
}

TEST_CASE("language: find_component's index follows the components list", "[language]") {
  Result r;
  auto comp = [](std::string ref) {
    Component c;
    c.bom_ref = std::move(ref);
    return c;
  };
  CHECK(catalog::detail::find_component(r, "a") == nullptr);
  // Appended directly (as the OS catalogers do): indexed on the next lookup.
  r.components.push_back(comp("a"));
  r.components.push_back(comp("b"));
  r.components.push_back(comp("a"));  // a duplicate: the first one is the one found
  REQUIRE(catalog::detail::find_component(r, "a") == &r.components[0]);
  REQUIRE(catalog::detail::find_component(r, "b") == &r.components[1]);
  CHECK(catalog::detail::find_component(r, "c") == nullptr);
  // Removed and reordered behind the index's back: still right.
  r.components.erase(r.components.begin());
  CHECK(catalog::detail::find_component(r, "b") == &r.components[0]);
  CHECK(catalog::detail::find_component(r, "a") == &r.components[1]);
  std::swap(r.components[0], r.components[1]);
  CHECK(catalog::detail::find_component(r, "b") == &r.components[1]);
  r.components[1].bom_ref = "c";
  CHECK(catalog::detail::find_component(r, "b") == nullptr);
  CHECK(catalog::detail::find_component(r, "c") == &r.components[1]);
}

TEST_CASE("language: a package found many times is one component with every occurrence", "[language]") {
  // The same npm package in many lockfiles: one component, occurrences in file order.
  std::map<std::string, std::string> files;
  for (int i = 0; i < 50; ++i) {
    files.emplace("srv/app" + std::to_string(i) + "/package-lock.json",
                       R"({"lockfileVersion": 3, "packages": {"": {"name": "a"}, "node_modules/ms": {"version": "2.1.3"},
                          "node_modules/x)" + std::to_string(i) + R"(": {"version": "1.0.0"}}})");
  }
  auto view = make_view(files);
  Result r = run_lang(view);
  const Component* ms = by_purl(r, "pkg:npm/ms@2.1.3");
  REQUIRE(ms);
  CHECK(std::count_if(r.components.begin(), r.components.end(), [](const Component& c) { return c.purl == "pkg:npm/ms@2.1.3"; }) == 1);
  CHECK(ms->occurrences.size() == 50);
  for (int i = 0; i < 50; ++i) CHECK(by_purl(r, "pkg:npm/x" + std::to_string(i) + "@1.0.0"));
}
