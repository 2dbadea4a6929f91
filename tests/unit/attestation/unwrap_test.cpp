// Tests for unwrapping attestations: every one in the shared data, and the ways one can be wrong.
#include <catch2/catch.hpp>

#include <cstdlib>
#include <fstream>
#include <sstream>
#include <string>

#include "attestation/unwrap.h"
#include "sbom/cyclonedx.h"

namespace {

std::string shared_file(const std::string& rel) {
  const char* shared = std::getenv("SBOMKIT_SHARED");
  std::ifstream in(std::string(shared ? shared : "../shared") + "/data/sbom-examples/attestations/" + rel, std::ios::binary);
  if (!in) return {};
  std::stringstream ss;
  ss << in.rdbuf();
  return ss.str();
}

std::string base64(std::string_view in) {
  static const char* a = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/";
  std::string out;
  std::size_t i = 0;
  for (; i + 2 < in.size(); i += 3) {
    unsigned v = (static_cast<unsigned char>(in[i]) << 16) | (static_cast<unsigned char>(in[i + 1]) << 8) |
                 static_cast<unsigned char>(in[i + 2]);
    for (int s = 18; s >= 0; s -= 6) out += a[(v >> s) & 63];
  }
  if (in.size() - i == 1) {
    unsigned v = static_cast<unsigned char>(in[i]) << 16;
    out += a[(v >> 18) & 63];
    out += a[(v >> 12) & 63];
    out += "==";
  } else if (in.size() - i == 2) {
    unsigned v = (static_cast<unsigned char>(in[i]) << 16) | (static_cast<unsigned char>(in[i + 1]) << 8);
    out += a[(v >> 18) & 63];
    out += a[(v >> 12) & 63];
    out += a[(v >> 6) & 63];
    out += '=';
  }
  return out;
}

std::string envelope(std::string_view statement, std::string_view payload_type = "application/vnd.in-toto+json") {
  return R"({"payloadType":")" + std::string(payload_type) + R"(","payload":")" + base64(statement) +
         R"(","signatures":[{"keyid":"","sig":"AAAA"}]})";
}

constexpr const char* kBom = R"({"bomFormat":"CycloneDX","specVersion":"1.5","components":[{"type":"library","name":"x"}]})";

}  // namespace

TEST_CASE("attestation: the shared SBOM attestations unwrap to their CycloneDX documents") {
  struct Case { const char* file; std::size_t components; };
  for (auto [file, components] : {Case{"trivy/centos-7-cyclonedx.intoto.jsonl", 0}, Case{"trivy/sbom.cdx.intoto.jsonl", 0},
                                  Case{"trivy/sigstore-bundle.json", 0}}) {
    std::string text = shared_file(file);
    if (text.empty()) {
      WARN("SKIPPED: shared data not found (SBOMKIT_SHARED)");
      return;
    }
    INFO(file);
    auto u = sbom::attestation::unwrap(text, file);
    REQUIRE(u.has_value());
    REQUIRE(u->has_value());
    CHECK((*u)->predicate_type == "https://cyclonedx.org/bom");
    CHECK((*u)->warning.find("signature") != std::string::npos);
    CHECK((*u)->warning.find("not checked") != std::string::npos);
    auto doc = sbom::cyclonedx::read_json((*u)->sbom, file);
    REQUIRE(doc.has_value());
    REQUIRE(doc->components);
    CHECK(!doc->components->empty());
    (void)components;
  }
}

TEST_CASE("attestation: shared attestations of other predicates are named, not read") {
  struct Case { const char* file; const char* type; };
  for (auto [file, type] : {Case{"cosign/oci-attestation.sigstore.json", "https://cosign.sigstore.dev/attestation/v1"},
                            Case{"cosign/policy-valid-vuln.dsse.json", "https://cosign.sigstore.dev/attestation/vuln/v1"}}) {
    std::string text = shared_file(file);
    if (text.empty()) {
      WARN("SKIPPED: shared data not found (SBOMKIT_SHARED)");
      return;
    }
    auto u = sbom::attestation::unwrap(text, file);
    REQUIRE(!u.has_value());
    CHECK(u.error().file == file);
    CHECK(u.error().message.find(std::string("'") + type + "', which is no SBOM") != std::string::npos);
  }
}

TEST_CASE("attestation: a document that is no attestation is left alone") {
  auto u = sbom::attestation::unwrap(kBom, "bom.json");
  REQUIRE(u.has_value());
  CHECK(!u->has_value());
  auto v = sbom::attestation::unwrap("not json", "x");
  REQUIRE(v.has_value());
  CHECK(!v->has_value());
}

TEST_CASE("attestation: envelope, bundle, statement and cosign's Data layout") {
  std::string statement = std::string(R"({"_type":"https://in-toto.io/Statement/v1","subject":[],"predicateType":"https://cyclonedx.org/bom/v1.5","predicate":)") + kBom + "}";
  auto check = [](const std::string& text, std::string_view warning) {
    auto u = sbom::attestation::unwrap(text, "a.json");
    REQUIRE(u.has_value());
    REQUIRE(u->has_value());
    CHECK((*u)->warning == warning);
    auto doc = sbom::cyclonedx::read_json((*u)->sbom, "a.json");
    REQUIRE(doc.has_value());
    CHECK((*doc->components)[0].name == "x");
  };
  check(envelope(statement), "the signature of the DSSE envelope was not checked");
  check(R"({"mediaType":"application/vnd.dev.sigstore.bundle.v0.3+json","verificationMaterial":{},"dsseEnvelope":)" +
            envelope(statement) + "}",
        "the signature of the Sigstore bundle's DSSE envelope was not checked");
  check(statement, "an unsigned in-toto statement: nothing vouches for its SBOM");
  // cosign's older layout, the document as an object and as its text
  std::string data_obj = std::string(R"({"_type":"https://in-toto.io/Statement/v0.1","predicateType":"https://cyclonedx.org/bom","predicate":{"Data":)") + kBom + R"(,"Timestamp":"2022-01-01T00:00:00Z"}})";
  check(envelope(data_obj), "the signature of the DSSE envelope was not checked");
  std::string quoted = sbom::json::write(sbom::json::Value(std::string(kBom)), {0, false});
  std::string data_str = std::string(R"({"_type":"https://in-toto.io/Statement/v0.1","predicateType":"https://cyclonedx.org/bom","predicate":{"Data":)") + quoted + "}}";
  check(envelope(data_str), "the signature of the DSSE envelope was not checked");
  // URL-safe base64 without padding decodes too
  auto d = sbom::attestation::decode_base64("-_8");
  REQUIRE(d);
  CHECK(*d == std::string("\xfb\xff"));
}

TEST_CASE("attestation: a malformed attestation is one error naming the file") {
  auto err = [](const std::string& text) {
    auto u = sbom::attestation::unwrap(text, "bad.json");
    REQUIRE(!u.has_value());
    CHECK(u.error().file == "bad.json");
    return u.error().message;
  };
  CHECK(err(R"({"payloadType":"application/vnd.in-toto+json","payload":"!!!"})") == "the DSSE envelope's payload is not base64");
  CHECK(err(envelope("{}", "text/plain")) ==
        "the DSSE envelope carries 'text/plain', not an in-toto statement (application/vnd.in-toto+json)");
  CHECK(err(envelope("[1,")).starts_with("the DSSE envelope's payload is not JSON: "));
  CHECK(err(envelope(R"({"_type":"x"})")) == "the DSSE envelope holds no in-toto statement (_type is 'x')");
  CHECK(err(envelope(R"({"_type":"https://in-toto.io/Statement/v1","predicateType":"https://spdx.dev/Document"})")) ==
        "the DSSE envelope: the in-toto statement has no predicate object");
  CHECK(err(envelope(R"({"_type":"https://in-toto.io/Statement/v1","predicateType":"https://cyclonedx.org/bomb","predicate":{}})")) ==
        "the DSSE envelope attests 'https://cyclonedx.org/bomb', which is no SBOM (CycloneDX or SPDX predicates are read)");
}
