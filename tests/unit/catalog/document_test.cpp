// Tests of the document assembly: image component, serial number, timestamp, spec versions.
#include <catch2/catch.hpp>

#include "fixture.h"
#include "sbom/catalog.h"
#include "sbom/cyclonedx.h"

using namespace sbom;
using namespace sbom::catalog;
using namespace sbom::catalog::testing;

namespace {

image::View demo_view() {
  auto v = make_view({{"etc/os-release", "ID=debian\nVERSION_ID=\"12\"\n"},
                      {"var/lib/dpkg/status", "Package: bash\nStatus: install ok installed\nVersion: 5.2\n"}});
  v.info_.kind = "oci-tar";
  v.info_.ref_name = "latest";
  v.info_.labels["org.opencontainers.image.title"] = "demo";
  v.info_.manifest_digest = "sha256:" + std::string(64, 'a');
  v.info_.config_digest = "sha256:" + std::string(64, 'c');
  v.info_.architecture = "amd64";
  v.info_.os = "linux";
  v.info_.created = "2023-11-14T22:13:20Z";
  return v;
}

Document doc_for(const image::View& v, ScanOptions o) {
  auto r = run(v, os_catalogers(), {});
  REQUIRE(r);
  return make_document(v, std::move(*r), o);
}

}  // namespace

TEST_CASE("the image is metadata.component, named by its title label and ref name", "[document]") {
  auto v = demo_view();
  Document d = doc_for(v, {});
  REQUIRE(d.metadata.component);
  const Component& c = *d.metadata.component;
  CHECK(c.type == "container");
  CHECK(c.name == "demo");
  CHECK(c.version == "latest");
  CHECK(c.purl == "pkg:oci/demo@sha256:" + std::string(64, 'a') + "?arch=amd64&tag=latest");
  CHECK(c.property(kPropImageConfigDigest)->value == v.info_.config_digest);
  CHECK(d.metadata.timestamp == "2023-11-14T22:13:20Z");  // the image's creation time
  CHECK(d.serial_number.starts_with("urn:uuid:"));
  CHECK(d.serial_number.substr(9 + 14, 1) == "5");  // name-based UUID
  ScanOptions o;
  o.timestamp = 1767225600;
  CHECK(doc_for(v, o).metadata.timestamp == "2026-01-01T00:00:00Z");
}

TEST_CASE("the serial number depends on the content only", "[document]") {
  auto a = demo_view(), b = demo_view();
  b.info_.kind = "docker-archive";
  b.info_.manifest_digest.clear();
  CHECK(doc_for(a, {}).serial_number == doc_for(b, {}).serial_number);
  b.info_.config_digest = "sha256:" + std::string(64, 'd');
  CHECK(doc_for(a, {}).serial_number != doc_for(b, {}).serial_number);
  ScanOptions all;
  all.image.all_layers = true;
  CHECK(doc_for(a, {}).serial_number != doc_for(a, all).serial_number);
}

TEST_CASE("repo tags name the image; 1.4 output has no evidence occurrences", "[document]") {
  auto v = demo_view();
  v.info_.repo_tags = {"registry.example.com/team/app:1.2"};
  ScanOptions o;
  o.spec_version = "1.4";
  Document d = doc_for(v, o);
  CHECK(d.metadata.component->name == "registry.example.com/team/app");
  CHECK(d.metadata.component->version == "1.2");
  CHECK(d.metadata.component->purl ==
        "pkg:oci/app@sha256:" + std::string(64, 'a') + "?arch=amd64&repository_url=registry.example.com%2Fteam%2Fapp&tag=1.2");
  std::string json = cyclonedx::write_json(d);
  CHECK(json.find("\"occurrences\"") == std::string::npos);
  CHECK(json.find("\"specVersion\": \"1.4\"") != std::string::npos);
  CHECK(cyclonedx::write_json(doc_for(v, {})).find("\"occurrences\"") != std::string::npos);
}

TEST_CASE("every string of the document is valid UTF-8; distinct bom-refs stay distinct", "[document]") {
  const std::string fffd = "\xEF\xBF\xBD";
  auto v = demo_view();
  Result r;
  auto comp = [](std::string ref, std::string name) {
    Component c;
    c.type = "library";
    c.bom_ref = std::move(ref);
    c.name = std::move(name);
    return c;
  };
  r.components.push_back(comp("a\xE9@1", "a\xE9"));
  r.components.push_back(comp("a\xE8@1", "a\xE8"));  // cleans to the same ref as the first
  r.components.push_back(comp("a" + fffd + "@1", "taken"));  // already what the first cleans to
  r.components[0].rare.edit().description = "caf\xE9 cr\xE8me";
  r.components[0].licenses.push_back({{}, "Lic\xE9nse", {}, {}, {}, {}});
  r.components[1].properties.push_back({std::string(kPropOwnedBy), "a\xE9@1", {}});
  r.components[1].properties.push_back({"sbomkit:path", "/srv/caf\xE9/x", {}});
  r.components[1].rare.edit().evidence_extra.emplace_back("k\xFF", json::Value(json::Array{json::Value("v\xFF")}));
  r.components[1].occurrences.push_back({"/srv/caf\xE9/x", {}});
  r.components[2].rare.edit().supplier.emplace().name = "Jos\xE9";
  r.components[2].rare.edit().supplier->contacts.push_back({"Jos\xE9", "j\xE9@x", {}, {}, {}});
  r.dependencies.push_back({"a\xE8@1", {"a\xE9@1", "a" + fffd + "@1"}, {}});
  std::vector<std::string> warnings;
  ScanOptions o;
  o.image.diagnostics = sbom::Diagnostics([&](const sbom::Diagnostic& dg) { warnings.push_back(dg.to_string()); });
  Document d = make_document(v, std::move(r), o);
  const std::string text = cyclonedx::write_json(d);
  CHECK(json::valid_utf8(text));
  CHECK(cyclonedx::read_json(text, "out.json"));  // what the next tool does
  const auto& cs = *d.components;
  CHECK(cs[0].bom_ref == "a" + fffd + "@1~2");
  CHECK(cs[1].bom_ref == "a" + fffd + "@1~3");
  CHECK(cs[2].bom_ref == "a" + fffd + "@1");
  CHECK(cs[0].name == "a" + fffd);
  CHECK(cs[0].rare->description == "caf" + fffd + " cr" + fffd + "me");
  CHECK(cs[0].licenses[0].name == "Lic" + fffd + "nse");
  CHECK(cs[1].property(kPropOwnedBy)->value == cs[0].bom_ref);  // follows the rename
  CHECK(cs[1].property("sbomkit:path")->value == "/srv/caf" + fffd + "/x");
  CHECK(cs[1].occurrences[0].location == "/srv/caf" + fffd + "/x");
  CHECK(cs[1].rare->evidence_extra[0].first == "k" + fffd);
  CHECK(cs[2].rare->supplier->name == "Jos" + fffd);
  CHECK(cs[2].rare->supplier->contacts[0].email == "j" + fffd + "@x");
  REQUIRE(d.dependencies->size() == 2);  // the image's entry first
  CHECK((*d.dependencies)[1].ref == cs[1].bom_ref);
  CHECK((*d.dependencies)[1].depends_on == std::vector<std::string>{cs[0].bom_ref, cs[2].bom_ref});
  REQUIRE(warnings.size() == 1);
  INFO(warnings[0]);
  CHECK(warnings[0].starts_with("16 texts of the image held bytes that are not UTF-8 (first in component 'a" + fffd + "@1~2')"));
  // Valid text: untouched, no warning.
  warnings.clear();
  Document clean = doc_for(demo_view(), o);
  CHECK(warnings.empty());
  CHECK(clean.components->size() == 2);
}

TEST_CASE("the image is supplied by its vendor label and holds every component found", "[document]") {
  auto v = demo_view();
  Document plain = doc_for(v, {});
  CHECK_FALSE(plain.metadata.component->rare->supplier);  // no label, no supplier: nothing is guessed
  v.info_.labels["org.opencontainers.image.vendor"] = "Example Corp";
  v.info_.labels["org.opencontainers.image.url"] = "https://example.com/demo";
  Document d = doc_for(v, {});
  REQUIRE(d.metadata.component->rare->supplier);
  CHECK(d.metadata.component->rare->supplier->name == "Example Corp");
  CHECK(d.metadata.component->rare->supplier->urls == std::vector<std::string>{"https://example.com/demo"});
  // The image's dependency entry comes first and names every top-level component.
  REQUIRE(d.dependencies);
  REQUIRE_FALSE(d.dependencies->empty());
  const Dependency& image = d.dependencies->front();
  CHECK(image.ref == d.metadata.component->bom_ref);
  std::vector<std::string> refs;
  for (const Component& c : *d.components) refs.push_back(c.bom_ref);
  CHECK(image.depends_on == refs);
  CHECK(refs.size() == 2);  // the OS and bash
}

TEST_CASE("runs as root: no User, an empty one, uid 0 or root with or without a group", "[document][hygiene]") {
  for (std::optional<std::string> user : {std::optional<std::string>(), std::optional<std::string>(""),
                                          std::optional<std::string>("0"), std::optional<std::string>("0:0"),
                                          std::optional<std::string>("root"), std::optional<std::string>("root:app"),
                                          std::optional<std::string>("app"), std::optional<std::string>("1000:0")}) {
    image::View view;
    view.info_.user = user;
    HygieneFacts facts = take_hygiene(view);
    Result out;
    hygiene_findings(facts, view, "image:x", out);
    const bool root = !user || user->empty() || user->starts_with("0") || user->starts_with("root");
    INFO((user ? *user : "(none)"));
    REQUIRE(out.vulnerabilities.size() == (root ? 1u : 0u));
    if (root) {
      CHECK(out.vulnerabilities[0].id == "SBOMKIT-HYGIENE-ROOT-USER");
      CHECK(out.vulnerabilities[0].affects[0].ref == "image:x");
    }
  }
}

TEST_CASE("hygiene: PATH from the config, else Docker's default; world-writable PATH directories", "[document][hygiene]") {
  image::View view;
  view.info_.user = "app";
  view.info_.env = {"PATH=/opt/bin:relative:/usr/bin"};
  std::string mode_file = "opt/bin/" + std::string(image::kDirectoryMode);
  view.files_.emplace(mode_file, image::File{mode_file, "1777", 4, 2, -1, {}});
  std::string usr_bin = "usr/bin/" + std::string(image::kDirectoryMode);
  view.files_.emplace(usr_bin, image::File{usr_bin, "755", 3, 0, -1, {}});
  HygieneFacts facts = take_hygiene(view);
  CHECK(facts.path_dirs == std::vector<std::string>{"opt/bin", "usr/bin"});
  CHECK(view.files_.empty());  // the modes are taken out of the view
  REQUIRE(facts.world_writable.size() == 1);
  CHECK(facts.world_writable[0].bits == "1777");
  Result out;
  hygiene_findings(facts, view, "image:x", out);
  REQUIRE(out.vulnerabilities.size() == 1);
  CHECK(out.vulnerabilities[0].bom_ref == "SBOMKIT-HYGIENE-WORLD-WRITABLE-PATH:/opt/bin");
  CHECK(out.vulnerabilities[0].detail.find("set by layer 2") != std::string::npos);
  image::View bare;
  bare.info_.user = "app";
  CHECK(take_hygiene(bare).path_dirs.size() == 6);
}

namespace {

// An image of three layers, sha256:a, sha256:b, sha256:c.
image::ImageInfo three_layers() {
  image::ImageInfo info;
  for (std::string id : {"sha256:a", "sha256:b", "sha256:c"}) {
    image::Layer l;
    l.diff_id = id;
    info.layers.push_back(l);
  }
  return info;
}

}  // namespace

TEST_CASE("base attribution: --base by layer prefix, else the history's last CMD before own layers", "[document][origin]") {
  image::ImageInfo info = three_layers();
  auto step = [](std::string by, bool empty) { return image::ImageInfo::Step{std::move(by), empty}; };
  // Classic builder: base ADD, CMD; the image's COPY and RUN.
  info.history = {step("/bin/sh -c #(nop) ADD file:1 in / ", false), step("/bin/sh -c #(nop)  CMD [\"bash\"]", true),
                  step("COPY app /app # buildkit", false), step("CMD [\"/app/run\"]", true),
                  step("RUN make # buildkit", false)};
  // Two CMDs: the last one a layer follows closes the base (the image's own CMD before its RUN
  // is the documented misjudgement: two layers counted as the base's).
  auto a = attribute(info, std::nullopt);
  REQUIRE(a);
  CHECK(a->from == "history");
  REQUIRE(a->layers);
  CHECK(*a->layers == 2);
  info.history.erase(info.history.begin() + 3);
  a = attribute(info, std::nullopt);
  REQUIRE(a);
  CHECK(*a->layers == 1);
  Component c;
  c.properties.push_back({"sbomkit:layer:index", "0", {}});
  CHECK(a->origin_of(c) == "base");
  c.properties[0].value = "2";
  CHECK(a->origin_of(c) == "image");
  CHECK(a->origin_of(Component{}).empty());
  // A history that does not match the layers, or with no closing step, says nothing.
  info.history.pop_back();
  a = attribute(info, std::nullopt);
  REQUIRE(a);
  CHECK_FALSE(a->known());
  // --base: a prefix of the layers, else an error.
  BaseImage base;
  base.name = "base:1";
  base.diff_ids = {"sha256:a", "sha256:b"};
  a = attribute(info, base);
  REQUIRE(a);
  CHECK(*a->layers == 2);
  base.diff_ids = {"sha256:b"};
  a = attribute(info, base);
  REQUIRE_FALSE(a);
  CHECK(a.error().message == "base 'base:1': its layers (1) are not the image's first layers: the image is not built on it");
  // An SBOM without layers: component identity.
  base.diff_ids.clear();
  base.components = {"pkg:deb/debian/bash@5"};
  a = attribute(info, base);
  REQUIRE(a);
  Component bash;
  bash.purl = "pkg:deb/debian/bash@5";
  CHECK(a->origin_of(bash) == "base");
  bash.purl = "pkg:deb/debian/curl@7";
  CHECK(a->origin_of(bash) == "image");
}

TEST_CASE("base attribution: the manifest's OCI base annotations, exact only with the base's layers", "[document][origin]") {
  image::ImageInfo info = three_layers();
  auto step = [](std::string by, bool empty) { return image::ImageInfo::Step{std::move(by), empty}; };
  info.base_name = "docker.io/library/debian:12";
  info.base_digest = "sha256:base";
  // The base's manifest was in the layout: its layers decide, before any history.
  info.base_diff_ids = {"sha256:a"};
  auto a = attribute(info, std::nullopt);
  REQUIRE(a);
  CHECK(a->from == "oci-annotation");
  CHECK(*a->layers == 1);
  CHECK(a->name == "docker.io/library/debian:12");
  CHECK(a->digest == "sha256:base");
  CHECK(a->annotation_only.empty());
  // --base still wins.
  BaseImage base;
  base.name = "base:1";
  base.from = "base-image";
  base.diff_ids = {"sha256:a", "sha256:b"};
  a = attribute(info, base);
  REQUIRE(a);
  CHECK(a->from == "base-image");
  CHECK(*a->layers == 2);
  // Layers that are not the image's first ones: only the name is known; the history decides.
  info.base_diff_ids = {"sha256:b"};
  info.history = {step("ADD rootfs.tar /", false), step("CMD [\"bash\"]", true), step("RUN a", false),
                  step("RUN b", false)};
  a = attribute(info, std::nullopt);
  REQUIRE(a);
  CHECK(a->from == "history");
  CHECK(*a->layers == 1);
  CHECK(a->name == "docker.io/library/debian:12");
  CHECK(a->annotation_only == "the layers of its manifest sha256:base are not the image's first layers");
  // The base's manifest not in the layout: name and digest kept, the reason said; no history: not attributed.
  info.base_diff_ids.clear();
  info.base_unknown = "its manifest sha256:base is not in the image's layout";
  info.history.clear();
  a = attribute(info, std::nullopt);
  REQUIRE(a);
  CHECK_FALSE(a->known());
  CHECK(a->annotation_only == "its manifest sha256:base is not in the image's layout");
  Document doc;
  doc.metadata.component = Component{};
  mark_origin(*a, doc);
  std::vector<std::string> props;
  for (const auto& p : doc.metadata.component->properties) props.push_back(p.name + "=" + p.value);
  CHECK(props == std::vector<std::string>{"sbomkit:base:name=docker.io/library/debian:12", "sbomkit:base:digest=sha256:base",
                                          "sbomkit:base:name_from=oci-annotation"});
}

namespace {

std::vector<std::pair<std::string, std::string>> declarations(const Component& c) {
  std::vector<std::pair<std::string, std::string>> out;
  for (const Property& p : c.properties)
    if (p.name.starts_with("sbomkit:unknown:")) out.emplace_back(p.name.substr(16), p.value);
  return out;
}

}  // namespace

TEST_CASE("make_document declares unknown what the image does not hold, with the reason, and only that", "[document]") {
  // demo_view: an OCI image with a manifest digest (so a purl and a hash) but no vendor or
  // licenses label; Debian's os-release without CPE_NAME; bash from dpkg without a copyright file.
  auto v = demo_view();
  Document d = doc_for(v, {});
  using Decl = std::vector<std::pair<std::string, std::string>>;
  CHECK(declarations(*d.metadata.component) ==
        Decl{{"supplier", "the image's configuration has no org.opencontainers.image.vendor label"},
             {"license", "the image's configuration has no org.opencontainers.image.licenses label"}});
  REQUIRE(d.components->size() == 2);
  const Component& os = (*d.components)[0];
  REQUIRE(os.type == "operating-system");
  CHECK(declarations(os) == Decl{{"supplier", "os-release names no vendor (VENDOR_NAME)"},
                                 {"identifier", "os-release has no CPE_NAME, and purl has no type for an operating system"},
                                 {"hash", "an operating system is no single file"},
                                 {"license", "an operating system release declares no license of its own (its packages do)"}});
  const Component& bash = (*d.components)[1];
  CHECK(declarations(bash) ==
        Decl{{"supplier", "the package database names no maintainer or packager for it"},  // no Maintainer field
             {"hash", "an installed OS package is no single file, and its package database keeps no digest of the package file"},
             {"license", "its copyright file is missing or free text, not Debian's machine-readable format"}});

  // Once only: a second pass finds every gap declared already.
  Document again = d;
  declare_unknowns(again);
  CHECK(declarations(*again.metadata.component) == declarations(*d.metadata.component));
  CHECK(declarations((*again.components)[1]) == declarations(bash));

  // What the image does give is not declared: a vendor label makes the supplier known.
  v.info_.labels["org.opencontainers.image.vendor"] = "Example Corp";
  v.info_.labels["org.opencontainers.image.licenses"] = "Apache-2.0";
  Document labelled = doc_for(v, {});
  CHECK(declarations(*labelled.metadata.component).size() == (labelled.metadata.component->licenses.empty() ? 1U : 0U));
  CHECK(labelled.metadata.component->rare->supplier);
}

TEST_CASE("declare_unknowns: a root filesystem, a nested component, a Go main module built as (devel)", "[document]") {
  Document d;
  d.metadata.component.emplace();
  d.metadata.component->type = "container";
  d.metadata.component->name = "dir";
  d.metadata.component->properties.push_back({std::string(kPropImageKind), "rootfs", {}});
  Component app;
  app.type = "application";
  app.name = "example.com/tool";
  app.purl = "pkg:golang/example.com/tool";
  app.hashes.push_back({"SHA-256", std::string(64, 'a'), {}});
  app.properties.push_back({std::string(kPropCataloger), "golang", {}});
  Component lib;
  lib.type = "library";
  lib.name = "example.com/lib";
  lib.version = "v1.2.3";
  lib.purl = "pkg:golang/example.com/lib@v1.2.3";
  lib.properties.push_back({std::string(kPropCataloger), "golang", {}});
  app.components.push_back(lib);
  d.components.emplace();
  d.components->push_back(app);
  declare_unknowns(d);
  const auto image = declarations(*d.metadata.component);
  REQUIRE(image.size() == 5);  // no tag either
  CHECK(image[1] == std::pair<std::string, std::string>{"version", "the image has no tag"});
  CHECK(image[2].second == "a root filesystem directory has no image manifest, which a pkg:oci purl needs");
  CHECK(image[3].second == "a root filesystem directory has no image manifest, the image's hash");
  const Component& a = (*d.components)[0];
  const auto decl = declarations(a);
  REQUIRE(decl.size() == 3);
  CHECK(decl[0].first == "supplier");
  CHECK(decl[1] == std::pair<std::string, std::string>{"version", "built as (devel): the Go toolchain stamped no version for the main module"});
  CHECK(decl[2] == std::pair<std::string, std::string>{"license", "a Go binary carries no license information for its modules"});
  const auto nested = declarations(a.components[0]);
  REQUIRE(nested.size() == 3);
  CHECK(nested[1] == std::pair<std::string, std::string>{"hash", "compiled into a Go binary: no file of its own"});
}
