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
  auto r = run(v, os_catalogers(), nullptr);
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
