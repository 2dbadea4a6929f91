// Tests for the SPDX 2 JSON <-> model mapping: what is typed and what stays an extra, the
// relationships (root, dependencies, nesting), the writer's document rules and its loss reports.
#include <catch2/catch.hpp>

#include <algorithm>

#include "spdx/mapping.h"
#include "spdx/spdx.h"

using sbom::Component;
using sbom::Document;
using sbom::json::Value;

namespace {

Document read(std::string_view text) {
  auto d = sbom::spdx::read_spdx_json(text, "t.json");
  if (!d) FAIL(d.error().to_string());
  return std::move(d).value();
}

struct Written {
  Value json;
  std::vector<sbom::format::Loss> losses;
  bool lost(std::string_view location) const {
    return std::any_of(losses.begin(), losses.end(), [&](const auto& l) { return l.location == location; });
  }
};

Written write(const Document& doc, std::string_view version = "") {
  Written w;
  auto v = sbom::spdx::to_json(doc, version, [&](const sbom::format::Loss& l) { w.losses.push_back(l); });
  if (!v) FAIL(v.error().to_string());
  w.json = std::move(*v);
  return w;
}

const Value* package(const Value& doc, std::string_view id) {
  for (const Value& p : doc.find("packages")->as_array())
    if (p.find("SPDXID")->as_string() == id) return &p;
  return nullptr;
}

std::vector<std::string> relationships(const Value& doc) {
  std::vector<std::string> out;
  if (const Value* rels = doc.find("relationships"))
    for (const Value& r : rels->as_array())
      out.push_back(r.find("spdxElementId")->as_string() + " " + r.find("relationshipType")->as_string() + " " +
                    r.find("relatedSpdxElement")->as_string());
  return out;
}

bool has_extra(const sbom::json::Object& o, std::string_view key) {
  return std::any_of(o.begin(), o.end(), [&](const auto& m) { return m.first == key; });
}

constexpr std::string_view kPackages = R"j({"spdxVersion": "SPDX-2.3", "SPDXID": "SPDXRef-DOCUMENT",
 "creationInfo": {"created": "2024-01-01T00:00:00Z",
   "creators": ["Tool: maker-2.1", "Person: Jane Doe (jane@x.example)", "Person: Joe ()", "Organization: Acme"]},
 "packages": [
  {"SPDXID": "SPDXRef-root", "name": "root", "versionInfo": "1", "supplier": "Organization: Acme (a@acme.example)",
   "originator": "Person: Joe", "downloadLocation": "https://x.example/root.tgz", "homepage": "NOASSERTION",
   "licenseConcluded": "MIT", "licenseDeclared": "MIT OR Apache-2.0", "copyrightText": "NOASSERTION",
   "primaryPackagePurpose": "SOURCE", "checksums": [{"algorithm": "SHA256", "checksumValue": "ab"},
   {"algorithm": "SHA224", "checksumValue": "cd"}],
   "externalRefs": [{"referenceCategory": "PACKAGE-MANAGER", "referenceType": "purl", "referenceLocator": "pkg:npm/root@1"},
     {"referenceCategory": "SECURITY", "referenceType": "cpe23Type", "referenceLocator": "cpe:2.3:a:x:root:1:*:*:*:*:*:*:*"},
     {"referenceCategory": "PACKAGE_MANAGER", "referenceType": "purl", "referenceLocator": "pkg:npm/other@1"}]},
  {"SPDXID": "SPDXRef-lib", "name": "lib", "supplier": "Person: Ann (ann@x.example)", "primaryPackagePurpose": "LIBRARY"},
  {"SPDXID": "SPDXRef-inner", "name": "inner"},
  {"SPDXID": "SPDXRef-free", "name": "free", "licenseConcluded": "NOASSERTION"}],
 "relationships": [
  {"spdxElementId": "SPDXRef-DOCUMENT", "relationshipType": "DESCRIBES", "relatedSpdxElement": "SPDXRef-root"},
  {"spdxElementId": "SPDXRef-root", "relationshipType": "DEPENDS_ON", "relatedSpdxElement": "SPDXRef-lib"},
  {"spdxElementId": "SPDXRef-free", "relationshipType": "DEPENDENCY_OF", "relatedSpdxElement": "SPDXRef-root"},
  {"spdxElementId": "SPDXRef-lib", "relationshipType": "DEPENDS_ON", "relatedSpdxElement": "NONE"},
  {"spdxElementId": "SPDXRef-lib", "relationshipType": "CONTAINS", "relatedSpdxElement": "SPDXRef-inner"},
  {"spdxElementId": "SPDXRef-root", "relationshipType": "GENERATED_FROM", "relatedSpdxElement": "SPDXRef-free"}]})j";

}  // namespace

TEST_CASE("spdx packages: typed fields when they read back the same, extras otherwise") {
  Document d = read(kPackages);
  CHECK(d.syntax == sbom::Syntax::SpdxJson);
  CHECK(d.spec_version == "2.3");
  REQUIRE(d.metadata.tools.size() == 1);
  CHECK(d.metadata.tools[0].name == "maker");
  CHECK(d.metadata.tools[0].version == "2.1");
  REQUIRE(d.metadata.authors.size() == 1);  // "Person: Joe ()" would not read back the same
  CHECK(d.metadata.authors[0].email == "jane@x.example");
  REQUIRE(d.metadata.component);
  const Component& root = *d.metadata.component;
  CHECK(root.bom_ref == "SPDXRef-root");
  CHECK(root.source_location == "/packages/0");
  REQUIRE(root.rare->supplier);
  CHECK(root.rare->supplier->name == "Acme");
  CHECK(root.rare->supplier->contacts.at(0).email == "a@acme.example");
  CHECK(root.rare->author == "Joe");
  CHECK(root.purl == "pkg:npm/root@1");
  CHECK(root.cpe == "cpe:2.3:a:x:root:1:*:*:*:*:*:*:*");
  CHECK(root.type.empty());  // SOURCE has no component type
  CHECK(has_extra(root.extra, "primaryPackagePurpose"));
  CHECK(has_extra(root.extra, "homepage"));       // NOASSERTION
  CHECK(has_extra(root.extra, "copyrightText"));  // NOASSERTION
  REQUIRE(root.rare->external_references.size() == 1);
  CHECK(root.rare->external_references[0].type == "distribution");
  REQUIRE(root.hashes.size() == 1);  // SHA224 has no CycloneDX name
  CHECK(root.hashes[0].alg == "SHA-256");
  REQUIRE(root.licenses.size() == 2);
  CHECK(root.licenses[0].id == "MIT");
  CHECK(root.licenses[0].acknowledgement == "concluded");
  CHECK(root.licenses[1].expression == "MIT OR Apache-2.0");
  CHECK(root.licenses[1].acknowledgement == "declared");
  REQUIRE(d.components);
  REQUIRE(d.components->size() == 2);  // lib (with inner nested) and free
  const Component& lib = (*d.components)[0];
  CHECK(lib.type == "library");
  CHECK(lib.rare->supplier->name.empty());
  CHECK(lib.rare->supplier->contacts.at(0).name == "Ann");
  REQUIRE(lib.components.size() == 1);
  CHECK(lib.components[0].bom_ref == "SPDXRef-inner");
  const Component& free = (*d.components)[1];
  CHECK(free.licenses.empty());
  CHECK(has_extra(free.extra, "licenseConcluded"));
}

TEST_CASE("spdx relationships: DESCRIBES, DEPENDS_ON, DEPENDENCY_OF and NONE, CONTAINS, the rest kept") {
  Document d = read(kPackages);
  REQUIRE(d.dependencies);
  REQUIRE(d.dependencies->size() == 2);
  CHECK((*d.dependencies)[0].ref == "SPDXRef-root");
  CHECK((*d.dependencies)[0].depends_on == std::vector<std::string>{"SPDXRef-lib", "SPDXRef-free"});
  CHECK((*d.dependencies)[1].ref == "SPDXRef-lib");
  CHECK((*d.dependencies)[1].depends_on.empty());
  const Value* kept = nullptr;
  for (const auto& m : d.extra)
    if (m.first == "relationships") kept = &m.second;
  REQUIRE(kept);
  REQUIRE(kept->as_array().size() == 1);
  CHECK(kept->as_array()[0].find("relationshipType")->as_string() == "GENERATED_FROM");

  Written w = write(d);
  auto rels = relationships(w.json);
  CHECK(rels.front() == "SPDXRef-DOCUMENT DESCRIBES SPDXRef-root");
  for (std::string r : {"SPDXRef-root DEPENDS_ON SPDXRef-free", "SPDXRef-lib DEPENDS_ON NONE",
                        "SPDXRef-lib CONTAINS SPDXRef-inner", "SPDXRef-root GENERATED_FROM SPDXRef-free"})
    CHECK(std::find(rels.begin(), rels.end(), r) != rels.end());
  CHECK(w.losses.empty());
}

TEST_CASE("spdx CONTAINS nests only a package with one container, and breaks a cycle") {
  Document d = read(R"({"spdxVersion": "SPDX-2.3", "packages": [{"SPDXID": "SPDXRef-a", "name": "a"},
    {"SPDXID": "SPDXRef-b", "name": "b"}, {"SPDXID": "SPDXRef-c", "name": "c"}],
    "relationships": [
     {"spdxElementId": "SPDXRef-a", "relationshipType": "CONTAINS", "relatedSpdxElement": "SPDXRef-b"},
     {"spdxElementId": "SPDXRef-b", "relationshipType": "CONTAINS", "relatedSpdxElement": "SPDXRef-a"},
     {"spdxElementId": "SPDXRef-a", "relationshipType": "CONTAINS", "relatedSpdxElement": "SPDXRef-c"},
     {"spdxElementId": "SPDXRef-b", "relationshipType": "CONTAINS", "relatedSpdxElement": "SPDXRef-c"}]})");
  REQUIRE(d.components);
  // a and b contain each other: the first package's edge is dropped (kept as a relationship) and
  // b nests in a; c has two containers and stays at the top.
  REQUIRE(d.components->size() == 2);
  CHECK((*d.components)[0].bom_ref == "SPDXRef-a");
  REQUIRE((*d.components)[0].components.size() == 1);
  CHECK((*d.components)[0].components[0].bom_ref == "SPDXRef-b");
  CHECK((*d.components)[1].components.empty());
  CHECK(!d.metadata.component);  // nothing is described
  // The writer then describes every top-level package (a document must describe something) and
  // writes every CONTAINS back, in relationship_before() order.
  auto rels = relationships(write(d).json);
  CHECK(rels == std::vector<std::string>{"SPDXRef-DOCUMENT DESCRIBES SPDXRef-a", "SPDXRef-DOCUMENT DESCRIBES SPDXRef-c",
                                         "SPDXRef-a CONTAINS SPDXRef-b", "SPDXRef-a CONTAINS SPDXRef-c",
                                         "SPDXRef-b CONTAINS SPDXRef-a", "SPDXRef-b CONTAINS SPDXRef-c"});
}

TEST_CASE("spdx documentDescribes alone names the root; several described packages name none") {
  Document one = read(R"({"spdxVersion": "SPDX-2.2", "documentDescribes": ["SPDXRef-a"],
    "packages": [{"SPDXID": "SPDXRef-a", "name": "a"}, {"SPDXID": "SPDXRef-b", "name": "b"}]})");
  REQUIRE(one.metadata.component);
  CHECK(one.metadata.component->bom_ref == "SPDXRef-a");
  // documentDescribes is kept and says it: no DESCRIBES relationship is added.
  CHECK(relationships(write(one).json).empty());
  CHECK(write(one).json.find("spdxVersion")->as_string() == "SPDX-2.2");

  Document two = read(R"({"spdxVersion": "SPDX-2.3", "packages": [{"SPDXID": "SPDXRef-a", "name": "a"},
    {"SPDXID": "SPDXRef-b", "name": "b"}], "relationships": [
     {"spdxElementId": "SPDXRef-DOCUMENT", "relationshipType": "DESCRIBES", "relatedSpdxElement": "SPDXRef-a"},
     {"spdxElementId": "SPDXRef-DOCUMENT", "relationshipType": "DESCRIBES", "relatedSpdxElement": "SPDXRef-b"}]})");
  CHECK(!two.metadata.component);
  CHECK(relationships(write(two).json).size() == 2);
}

TEST_CASE("spdx writer from a CycloneDX-made model: ids, describes, losses, determinism") {
  Document d;  // as a tool makes it
  d.serial_number.clear();
  Component app;
  app.type = "application";
  app.bom_ref = "pkg:npm/app@1";
  app.name = "app";
  app.version = "1";
  app.group = "acme";
  app.properties.push_back({"sbomkit:layer", "x", {}});
  Component twin = app;  // same bom-ref twice: unique SPDXIDs all the same
  twin.type = "data";
  app.licenses.push_back(sbom::License{"", "", "MIT OR", "", {}, {}});
  d.components = std::vector<Component>{app, twin};
  d.dependencies = std::vector<sbom::Dependency>{{"pkg:npm/app@1", {"pkg:npm/gone@2"}, {}}};
  d.vulnerabilities = std::vector<sbom::Vulnerability>(1);
  (*d.vulnerabilities)[0].id = "CVE-2024-1";

  Written w = write(d);
  const Value& out = w.json;
  CHECK(out.find("dataLicense")->as_string() == "CC0-1.0");
  CHECK(out.find("SPDXID")->as_string() == "SPDXRef-DOCUMENT");
  const std::string ns = out.find("documentNamespace")->as_string();
  CHECK(ns.starts_with("https://sbomkit.invalid/spdxdocs/"));
  CHECK(write(d).json.find("documentNamespace")->as_string() == ns);  // from the content, not random
  Document other = d;
  (*other.components)[0].version = "2";
  CHECK(write(other).json.find("documentNamespace")->as_string() != ns);
  REQUIRE(package(out, "SPDXRef-pkg-npm-app-1"));
  REQUIRE(package(out, "SPDXRef-pkg-npm-app-1-2"));
  CHECK(package(out, "SPDXRef-pkg-npm-app-1")->find("licenseConcluded") == nullptr);
  CHECK(package(out, "SPDXRef-pkg-npm-app-1")->find("licenseDeclared") == nullptr);
  auto rels = relationships(out);
  CHECK(rels == std::vector<std::string>{"SPDXRef-DOCUMENT DESCRIBES SPDXRef-pkg-npm-app-1",
                                         "SPDXRef-DOCUMENT DESCRIBES SPDXRef-pkg-npm-app-1-2"});
  CHECK(w.lost("/vulnerabilities/0"));
  CHECK(w.lost("/components/0/group"));
  CHECK(w.lost("/components/0/properties/0"));
  CHECK(w.lost("/components/0/licenses/0"));  // not a valid expression
  CHECK(w.lost("/components/1/type"));        // data has no package purpose
  CHECK(w.lost("/components/0/bom-ref"));     // written as an SPDXID
  CHECK(w.lost("/dependencies/0/dependsOn/0"));
  CHECK(out.find("creationInfo")->find("creators")->as_array().at(0).as_string() == "Tool: sbomkit");
}

TEST_CASE("spdx 2.2 output: what 2.2 lacks is a loss, what it requires is NOASSERTION") {
  Document d;
  Component c;
  c.bom_ref = "SPDXRef-c";
  c.name = "c";
  c.type = "library";
  c.hashes.push_back({"SHA3-256", "ab", {}});
  c.hashes.push_back({"SHA-256", "cd", {}});
  d.components = std::vector<Component>{c};
  Written w = write(d, "2.2");
  const Value* p = package(w.json, "SPDXRef-c");
  REQUIRE(p);
  CHECK(p->find("primaryPackagePurpose") == nullptr);
  CHECK(p->find("checksums")->as_array().size() == 1);
  CHECK(p->find("licenseConcluded")->as_string() == "NOASSERTION");
  CHECK(p->find("copyrightText")->as_string() == "NOASSERTION");
  CHECK(w.lost("/components/0/type"));
  CHECK(w.lost("/components/0/hashes/0"));
  auto bad = sbom::spdx::to_json(d, "2.1", {});
  REQUIRE_FALSE(bad);
  CHECK(bad.error().message == "SPDX version '2.1' cannot be written (2.2 and 2.3 can)");
}

TEST_CASE("spdx license expressions and ids") {
  using sbom::spdx::single_license_id;
  using sbom::spdx::valid_license_expression;
  for (std::string_view e : {"MIT", "NOASSERTION", "NONE", "GPL-2.0+", "(MIT OR Apache-2.0) AND BSD-3-Clause",
                             "GPL-2.0-only WITH Classpath-exception-2.0", "LicenseRef-x", "DocumentRef-d:LicenseRef-x",
                             "mit or apache-2.0"})
    CHECK(valid_license_expression(e));
  for (std::string_view e : {"", "MIT OR", "(MIT", "MIT)", "Apache 2.0", "MIT AND AND GPL-2.0", "WITH x",
                             "DocumentRef-d:MIT", "MIT WITH", "M\xC3\xA9T"})
    CHECK_FALSE(valid_license_expression(e));
  CHECK(single_license_id("MIT"));
  CHECK_FALSE(single_license_id("LicenseRef-x"));
  CHECK_FALSE(single_license_id("MIT OR GPL-2.0"));
  std::string deep(1000, '(');
  deep += "MIT" + std::string(1000, ')');
  CHECK_FALSE(valid_license_expression(deep));  // bounded depth, not a stack overflow
  CHECK(sbom::spdx::spdx_id_from("pkg:npm/@a/b@1") == "SPDXRef-pkg-npm--a-b-1");
  CHECK(sbom::spdx::spdx_id_from("SPDXRef-ok.1") == "SPDXRef-ok.1");
}

TEST_CASE("SPDX JSON: packages printed as they are made give the bytes of the whole tree printed") {
  // write_spdx_json hands each package to an emitter as the writer makes it (not with a
  // content-hashed documentNamespace, which needs the tree): the same bytes and losses as printing
  // to_json's whole tree, with and without a serial number, from CycloneDX and from SPDX.
  Document cdx;
  cdx.syntax = sbom::Syntax::CycloneDxJson;
  cdx.spec_version = "1.6";
  cdx.serial_number = "urn:uuid:1";
  auto make = [](std::string type, std::string ref, std::string name, std::string version) {
    Component c;
    c.type = std::move(type);
    c.bom_ref = std::move(ref);
    c.name = std::move(name);
    c.version = std::move(version);
    return c;
  };
  cdx.metadata.component = make("application", "app", "app", "");
  Component a = make("library", "pkg:npm/a@1", "a", "1");
  a.purl = "pkg:npm/a@1";
  a.properties.push_back({"p", "v", {}});
  a.components.push_back(make("", "n", "nested", ""));
  Component b = make("", "", "b", "");
  b.licenses.push_back(sbom::License{"MIT", "", "", "", {}, {}});
  cdx.components = std::vector<Component>{a, b};
  cdx.dependencies = std::vector<sbom::Dependency>{{"app", {"pkg:npm/a@1"}, {}}};
  Document unserialed = cdx;
  unserialed.serial_number.clear();
  Document spdx = read(R"({"spdxVersion": "SPDX-2.3", "dataLicense": "CC0-1.0", "SPDXID": "SPDXRef-DOCUMENT", "name": "s",
    "documentNamespace": "https://x.example/s", "creationInfo": {"created": "2024-01-01T00:00:00Z", "creators": ["Tool: t"]},
    "packages": [{"SPDXID": "SPDXRef-p", "name": "p", "downloadLocation": "NOASSERTION", "x-p": 1},
                 {"SPDXID": "SPDXRef-q", "name": "q", "downloadLocation": "NOASSERTION"}],
    "relationships": [{"spdxElementId": "SPDXRef-DOCUMENT", "relationshipType": "DESCRIBES", "relatedSpdxElement": "SPDXRef-p"}]})");
  for (const Document* d : {&cdx, &unserialed, &spdx}) {
    Written tree = write(*d);
    std::string expected = sbom::json::write(tree.json);
    std::string streamed;
    std::vector<sbom::format::Loss> losses;
    auto s = sbom::spdx::write_spdx_json(*d, "", [&](std::string_view t) { streamed += t; },
                                         [&](const sbom::format::Loss& l) { losses.push_back(l); });
    REQUIRE(s);
    CHECK(streamed == expected);
    REQUIRE(losses.size() == tree.losses.size());
    for (std::size_t i = 0; i < losses.size(); ++i) CHECK(losses[i].location == tree.losses[i].location);
  }
}

TEST_CASE("to_json with a package callback: the packages go to it, their place stays in the tree") {
  Document spdx = read(R"({"spdxVersion": "SPDX-2.3", "dataLicense": "CC0-1.0", "SPDXID": "SPDXRef-DOCUMENT", "name": "s",
    "documentNamespace": "https://x.example/s", "creationInfo": {"created": "2024-01-01T00:00:00Z", "creators": ["Tool: t"]},
    "packages": [{"SPDXID": "SPDXRef-p", "name": "p", "downloadLocation": "NOASSERTION"}]})");
  std::vector<std::string> made;
  const sbom::spdx::PackageFn each = [&](Value&& p) { made.push_back(p.find("SPDXID")->as_string()); };
  auto v = sbom::spdx::to_json(spdx, "", {}, false, &each);
  REQUIRE(v);
  CHECK(made == std::vector<std::string>{"SPDXRef-p"});
  REQUIRE(v->find("packages"));
  CHECK(v->find("packages")->as_array().empty());
  // A namespace made from the content hashes the whole tree: the packages stay in it.
  Document cdx = spdx;
  cdx.syntax = sbom::Syntax::CycloneDxJson;
  cdx.serial_number.clear();
  made.clear();
  auto h = sbom::spdx::to_json(cdx, "", {}, false, &each);
  REQUIRE(h);
  CHECK(made.empty());
  CHECK(h->find("packages")->as_array().size() == 1);
}
