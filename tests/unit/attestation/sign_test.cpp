// Tests of signing and verifying: PAE, round trips with both key types, what breaks a verdict,
// and which digest names the image.
#include <catch2/catch.hpp>

#include <cstdio>
#include <fstream>
#include <sstream>

#include "attestation/unwrap.h"
#include "sbom/attest.h"
#include "sbom/catalog.h"
#include "sbom/json.h"

using namespace sbom;

namespace {

std::string key_file(const std::string& name) {
  std::ifstream f(std::string(SBOMKIT_SOURCE_ROOT) + "/tests/data/attest/" + name);
  std::stringstream s;
  s << f.rdbuf();
  REQUIRE(!s.str().empty());
  return s.str();
}

const std::string kSbom = R"({"bomFormat":"CycloneDX","specVersion":"1.6","version":1})";
const std::string kDigest(64, 'a');

std::string envelope(const std::string& key) {
  auto k = attest::Key::private_key(key_file(key), key);
  REQUIRE(k);
  auto e = attest::sign(kSbom, "https://cyclonedx.org/bom", {{"registry.example/app", kDigest}}, *k);
  REQUIRE(e);
  return *e;
}

attest::Verification verify(const std::string& env, const std::string& pub, std::string_view digest = {}) {
  auto k = attest::Key::public_key(key_file(pub), pub);
  REQUIRE(k);
  auto v = attest::verify(env, "env", *k, digest);
  REQUIRE(v);
  return *v;
}

}  // namespace

TEST_CASE("PAE is DSSE's pre-authentication encoding", "[attest]") {
  // The example of ../shared/data/schemas/dsse/protocol.md.
  CHECK(attest::pae("http://example.com/HelloWorld", "hello world") == "DSSEv1 29 http://example.com/HelloWorld 11 hello world");
  CHECK(attest::pae("", "") == "DSSEv1 0  0 ");
}

TEST_CASE("sign then verify, both key types", "[attest]") {
  for (auto [key, pub, kind] : {std::tuple{"ed25519.key", "ed25519.pub", "Ed25519"}, std::tuple{"p256.key", "p256.pub", "ECDSA P-256"}}) {
    std::string env = envelope(key);
    auto v = verify(env, pub, kDigest);
    CHECK(v.failure == "");
    CHECK(json::parse(v.sbom).value() == json::parse(kSbom).value());
    CHECK(v.statement_type == "https://in-toto.io/Statement/v1");
    CHECK(v.predicate_type == "https://cyclonedx.org/bom");
    REQUIRE(v.subjects.size() == 1);
    CHECK(v.subjects[0].name == "registry.example/app");
    CHECK(attest::Key::public_key(key_file(pub), pub)->kind() == kind);
  }
  // Ed25519 is deterministic: the same envelope twice.
  CHECK(envelope("ed25519.key") == envelope("ed25519.key"));
}

TEST_CASE("what breaks verification", "[attest]") {
  std::string env = envelope("ed25519.key");
  CHECK(verify(env, "other-ed25519.pub").failure.starts_with("no signature of the envelope verifies with the Ed25519 key"));
  CHECK(verify(env, "p256.pub").failure.starts_with("no signature of the envelope verifies with the ECDSA P-256 key"));
  CHECK(verify(env, "ed25519.pub", std::string(64, 'b')).failure.starts_with("no subject has the digest sha256:bbbb"));
  // One byte of the payload changed (re-encoded): the signature no longer covers it.
  auto parsed = json::parse(env).value();
  std::string payload = *attestation::decode_base64(parsed.find("payload")->as_string());
  payload[payload.find("registry")] = 'R';
  auto reencode = [](const std::string& s) {
    static const char* a = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/";
    std::string out;
    std::size_t i = 0;
    for (; i + 2 < s.size(); i += 3) {
      unsigned n = (unsigned char)s[i] << 16 | (unsigned char)s[i + 1] << 8 | (unsigned char)s[i + 2];
      for (int k = 18; k >= 0; k -= 6) out += a[(n >> k) & 63];
    }
    if (i < s.size()) {
      unsigned n = (unsigned char)s[i] << 16 | (i + 1 < s.size() ? (unsigned char)s[i + 1] << 8 : 0);
      out += a[(n >> 18) & 63];
      out += a[(n >> 12) & 63];
      out += i + 1 < s.size() ? a[(n >> 6) & 63] : '=';
      out += '=';
    }
    return out;
  };
  parsed.set("payload", json::Value(reencode(payload)));
  CHECK(verify(json::write(parsed), "ed25519.pub").failure.starts_with("no signature of the envelope verifies"));
  // A payload type other than in-toto is part of what is signed: changing it breaks the signature.
  auto other = json::parse(env).value();
  other.set("payloadType", json::Value("text/plain"));
  CHECK(verify(json::write(other), "ed25519.pub").failure.starts_with("no signature"));
}

TEST_CASE("malformed envelopes and keys are errors, not verdicts", "[attest]") {
  auto k = attest::Key::public_key(key_file("ed25519.pub"), "k");
  REQUIRE(k);
  for (const char* bad : {"[]", "{}", R"({"payloadType":"x","payload":"!!","signatures":[]})", "not json"}) {
    auto v = attest::verify(bad, "env", *k, "");
    CHECK_FALSE(v);
  }
  CHECK_FALSE(attest::Key::private_key("junk", "k"));
  auto p384 = attest::Key::private_key(key_file("p384.key"), "p384.key");
  REQUIRE_FALSE(p384);
  CHECK(p384.error().message == "an ECDSA key on secp384r1; signing keys are P-256 (prime256v1) or Ed25519");
}

TEST_CASE("the image subject: reference digest, manifest digest, config digest, then hashes", "[attest]") {
  Document d;
  CHECK_FALSE(attest::image_subject(d));
  d.metadata.component.emplace();
  Component& c = *d.metadata.component;
  c.name = "app";
  CHECK_FALSE(attest::image_subject(d));
  c.version = "sha256:" + std::string(64, '1');
  CHECK(attest::image_subject(d)->sha256 == std::string(64, '1'));
  c.hashes.push_back({"SHA-256", std::string(64, '2'), {}});
  CHECK(attest::image_subject(d)->sha256 == std::string(64, '2'));
  c.properties.push_back({std::string(catalog::kPropImageConfigDigest), "sha256:" + std::string(64, '3'), {}});
  CHECK(attest::image_subject(d)->sha256 == std::string(64, '3'));
  c.properties.push_back({std::string(catalog::kPropImageManifestDigest), "sha256:" + std::string(64, '4'), {}});
  CHECK(attest::image_subject(d)->sha256 == std::string(64, '4'));
  c.properties.push_back({std::string(catalog::kPropImageReferenceDigest), "sha256:" + std::string(64, '5'), {}});
  c.properties.push_back({std::string(catalog::kPropImageReference), "registry.example/app:1.0", {}});
  auto s = attest::image_subject(d);
  CHECK(s->sha256 == std::string(64, '5'));
  CHECK(s->name == "registry.example/app");
}
