// Tests for format identification: the real examples of ../shared/data/sbom-examples (every
// format a user may hand a tool by mistake) and the reader's message for each.
#include <catch2/catch.hpp>

#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <sstream>
#include <string>

#include "sbom/cyclonedx.h"
#include "sbom/format.h"

namespace {

using sbom::format::Kind;

std::string slurp(const std::filesystem::path& p) {
  std::ifstream in(p, std::ios::binary);
  std::stringstream ss;
  ss << in.rdbuf();
  return ss.str();
}

// The shared examples directory, or empty (the test then says it skipped).
std::filesystem::path examples() {
  const char* shared = std::getenv("SBOMKIT_SHARED");
  if (!shared) return {};
  std::filesystem::path p = std::filesystem::path(shared) / "data" / "sbom-examples";
  return std::filesystem::is_directory(p) ? p : std::filesystem::path();
}

}  // namespace

TEST_CASE("format: the shared examples are told apart by content") {
  auto dir = examples();
  if (dir.empty()) {
    WARN("SKIPPED: ../shared/data/sbom-examples not found (SBOMKIT_SHARED)");
    return;
  }
  struct Case {
    const char* path;
    Kind kind;
    const char* name;
  };
  for (const Case& c : {
           Case{"spdx-spec-examples/support_2.3.1/SPDXJSONExample-v2.3.spdx.json", Kind::SpdxJson, "SPDX 2.3 JSON"},
           Case{"spdx-spec-examples/support_2.3/SPDXJSONExample-v2.2.spdx.json", Kind::SpdxJson, "SPDX 2.2 JSON"},
           Case{"spdx-spec-examples/support_2.3.1/SPDXTagExample-v2.3.spdx", Kind::SpdxTagValue, "SPDX 2.3 tag-value"},
           Case{"spdx-spec-examples/support_2.3.1/SPDXYAMLExample-2.3.spdx.yaml", Kind::SpdxYaml, "SPDX 2.3 YAML"},
           Case{"spdx-spec-examples/support_2.3.1/SPDXXMLExample-v2.3.spdx.xml", Kind::SpdxXml, "SPDX 2.3 XML"},
           Case{"spdx-spec-examples/support_2.3.1/SPDXRdfExample-v2.3.spdx.rdf.xml", Kind::SpdxRdfXml, "SPDX RDF/XML"},
           Case{"spdx-spec-examples/spdx3.0-package_sbom.jsonld", Kind::Spdx3JsonLd, "SPDX 3.0.1 JSON-LD"},
           Case{"cyclonedx-bom-examples/SBOM/laravel-7.12.0/bom.1.4.xml", Kind::CycloneDxXml, "CycloneDX 1.4 XML"},
           Case{"attestations/cosign/policy-valid-vuln.dsse.json", Kind::DsseEnvelope, ""},
           Case{"attestations/trivy/centos-7-cyclonedx.intoto.jsonl", Kind::DsseEnvelope, ""},
           Case{"attestations/trivy/sigstore-bundle.json", Kind::SigstoreBundle, ""},
           Case{"attestations/cosign/oci-attestation.sigstore.json", Kind::SigstoreBundle, ""},
       }) {
    INFO(c.path);
    std::string text = slurp(dir / c.path);
    REQUIRE_FALSE(text.empty());
    auto id = sbom::format::identify(text);
    CHECK(id.kind == c.kind);
    if (*c.name) CHECK(id.name == c.name);
    // And the CycloneDX reader says what the file is, on one line without a position.
    auto doc = sbom::cyclonedx::read_json(text, "f");
    REQUIRE_FALSE(doc);
    CHECK(doc.error().line == 0);
    CHECK(doc.error().to_string() == "f: " + sbom::format::not_cyclonedx_json(id));
  }
}

TEST_CASE("format: messages name the format and what is read") {
  auto id = sbom::format::identify("SPDXVersion: SPDX-2.3\nDataLicense: CC0-1.0\n");
  CHECK(sbom::format::not_cyclonedx_json(id) == "SPDX 2.3 tag-value is not supported yet (this tool reads CycloneDX JSON)");
  auto dsse = sbom::format::identify(R"({"payloadType":"application/vnd.in-toto+json","payload":"e30=","signatures":[]})");
  CHECK(sbom::format::not_cyclonedx_json(dsse) ==
        "a DSSE envelope (a signed attestation; its payload holds the document), not CycloneDX JSON");
  CHECK(sbom::format::identify(std::string("\x1f\x8b\x08\x00", 4)).kind == Kind::Gzip);
  CHECK(sbom::format::identify(std::string("\xff\xfe{\0", 4)).kind == Kind::Utf16);
  CHECK(sbom::format::identify(R"({"_type":"https://in-toto.io/Statement/v1","predicate":{}})").kind == Kind::InTotoStatement);
  CHECK(sbom::format::identify("<html><body>502</body></html>").kind == Kind::OtherXml);
}

TEST_CASE("format: CycloneDX JSON and unknown text are left to the reader") {
  CHECK(sbom::format::identify(R"({"specVersion":"1.6","bomFormat":"CycloneDX"})").kind == Kind::CycloneDxJson);
  for (const char* t : {"", "{", "[1]", "{\"a\":1}", "hello", "{\"spdxVersion\":"}) {
    INFO(t);
    CHECK(sbom::format::identify(t).kind == Kind::Unknown);
  }
  // A CycloneDX document that merely mentions SPDX is still read (sniffing runs only on failure).
  auto doc = sbom::cyclonedx::read_json(
      R"({"bomFormat":"CycloneDX","specVersion":"1.6","x":{"spdxVersion":"SPDX-2.3"},"components":[]})", "d.json");
  CHECK(doc);
  // Invalid JSON keeps its own error and position.
  auto bad = sbom::cyclonedx::read_json("{\"bomFormat\": }", "d.json");
  REQUIRE_FALSE(bad);
  CHECK(bad.error().to_string() == "d.json:1:15: invalid value");
}

TEST_CASE("format: a UTF-8 byte order mark before CycloneDX JSON is accepted") {
  const std::string text = "\xEF\xBB\xBF{\"bomFormat\":\"CycloneDX\",\"specVersion\":\"1.6\",\"components\":[{\"name\":\"a\"}]}";
  auto doc = sbom::cyclonedx::read_json(text, "d.json");
  REQUIRE(doc);
  REQUIRE(doc->components);
  CHECK((*doc->components)[0].name == "a");
  // Positions are counted from after the mark.
  auto bad = sbom::cyclonedx::read_json("\xEF\xBB\xBF{\"bomFormat\":1}", "d.json");
  REQUIRE_FALSE(bad);
  CHECK(bad.error().line == 1);
  CHECK(bad.error().column == 14);
  // Only one mark, and only at the start.
  CHECK_FALSE(sbom::cyclonedx::read_json("\xEF\xBB\xBF\xEF\xBB\xBF{}", "d.json"));
}
