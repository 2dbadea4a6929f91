// Signing SBOMs as in-toto statements in DSSE envelopes, and verifying such envelopes, with
// OpenSSL: Ed25519 (pure, over the PAE) and ECDSA P-256 with SHA-256 (DER signature, as cosign).
#include <openssl/bio.h>
#include <openssl/evp.h>
#include <openssl/pem.h>
#include <openssl/x509.h>

#include <memory>

#include "attestation/unwrap.h"
#include "sbom/attest.h"
#include "sbom/catalog.h"
#include "sbom/json.h"
#include "sbom/text.h"

namespace sbom::attest {

namespace {

using json::Value;

EVP_PKEY* pkey(const Key& k) { return static_cast<EVP_PKEY*>(k.native()); }

Error error_in(std::string_view name, std::string message) {
  Error e(std::move(message));
  e.file = name;
  return e;
}

std::string encode_base64(std::string_view in) {
  std::string out(4 * ((in.size() + 2) / 3) + 1, '\0');
  int n = EVP_EncodeBlock(reinterpret_cast<unsigned char*>(out.data()), reinterpret_cast<const unsigned char*>(in.data()),
                          static_cast<int>(in.size()));
  out.resize(static_cast<std::size_t>(n));
  return out;
}

// Ed25519 or ECDSA on P-256; anything else is refused by name.
Status supported(EVP_PKEY* k, std::string_view name) {
  if (EVP_PKEY_get_base_id(k) == EVP_PKEY_ED25519) return Ok{};
  if (EVP_PKEY_get_base_id(k) == EVP_PKEY_EC) {
    char group[64] = {0};
    std::size_t len = 0;
    if (EVP_PKEY_get_utf8_string_param(k, "group", group, sizeof group, &len) && std::string_view(group) == "prime256v1")
      return Ok{};
    return error_in(name, "an ECDSA key on " + std::string(group[0] ? group : "an unknown curve") +
                              "; signing keys are P-256 (prime256v1) or Ed25519");
  }
  return error_in(name, std::string("a ") + EVP_PKEY_get0_type_name(k) + " key; signing keys are Ed25519 or ECDSA P-256");
}

bool is_hex64(std::string_view s) {
  if (s.size() != 64) return false;
  for (char c : s)
    if (!((c >= '0' && c <= '9') || (c >= 'a' && c <= 'f'))) return false;
  return true;
}

// "sha256:HEX" or a purl version "sha256%3AHEX" → HEX; "" otherwise.
std::string sha256_of(std::string_view v) {
  for (std::string_view prefix : {"sha256:", "sha256%3A", "sha256%3a"})
    if (v.starts_with(prefix) && is_hex64(text::lower(v.substr(prefix.size())))) return text::lower(v.substr(prefix.size()));
  return {};
}

std::string string_member(const Value& v, std::string_view key) {
  const Value* m = v.find(key);
  return m && m->is_string() ? m->as_string() : std::string();
}

}  // namespace

Key::Key(Key&& o) noexcept : pkey_(o.pkey_) { o.pkey_ = nullptr; }
Key& Key::operator=(Key&& o) noexcept {
  std::swap(pkey_, o.pkey_);
  return *this;
}
Key::~Key() { EVP_PKEY_free(static_cast<EVP_PKEY*>(pkey_)); }

Expected<Key> Key::private_key(std::string_view pem, std::string_view name) {
  std::unique_ptr<BIO, decltype(&BIO_free)> bio(BIO_new_mem_buf(pem.data(), static_cast<int>(pem.size())), BIO_free);
  // A passphrase callback that gives none: an encrypted key fails instead of prompting.
  auto no_pass = [](char*, int, int, void*) { return 0; };
  EVP_PKEY* k = PEM_read_bio_PrivateKey(bio.get(), nullptr, no_pass, nullptr);
  if (!k) {
    bool encrypted = pem.find("ENCRYPTED") != std::string_view::npos;
    return error_in(name, encrypted ? "an encrypted private key; decrypt it first (openssl pkey -in KEY -out PLAIN)"
                                    : "no PEM private key (Ed25519 or ECDSA P-256) could be read");
  }
  Key key(k);
  if (auto s = supported(k, name); !s) return std::move(s.error());
  return key;
}

Expected<Key> Key::public_key(std::string_view pem, std::string_view name) {
  std::unique_ptr<BIO, decltype(&BIO_free)> bio(BIO_new_mem_buf(pem.data(), static_cast<int>(pem.size())), BIO_free);
  EVP_PKEY* k = nullptr;
  if (pem.find("-----BEGIN CERTIFICATE-----") != std::string_view::npos) {
    std::unique_ptr<X509, decltype(&X509_free)> cert(PEM_read_bio_X509(bio.get(), nullptr, nullptr, nullptr), X509_free);
    if (cert) k = X509_get_pubkey(cert.get());
  } else {
    k = PEM_read_bio_PUBKEY(bio.get(), nullptr, nullptr, nullptr);
  }
  if (!k) return error_in(name, "no PEM public key or certificate could be read");
  Key key(k);
  if (auto s = supported(k, name); !s) return std::move(s.error());
  return key;
}

std::string_view Key::kind() const {
  return EVP_PKEY_get_base_id(pkey(*this)) == EVP_PKEY_ED25519 ? "Ed25519" : "ECDSA P-256";
}

std::string Key::fingerprint() const {
  unsigned char* der = nullptr;
  int n = i2d_PUBKEY(pkey(*this), &der);
  if (n <= 0) return {};
  std::string out = text::sha256_hex(std::string_view(reinterpret_cast<const char*>(der), static_cast<std::size_t>(n)));
  OPENSSL_free(der);
  return out;
}

std::string pae(std::string_view payload_type, std::string_view payload) {
  std::string out = "DSSEv1 ";
  out += std::to_string(payload_type.size());
  out += ' ';
  out += payload_type;
  out += ' ';
  out += std::to_string(payload.size());
  out += ' ';
  out += payload;
  return out;
}

Expected<Subject> image_subject(const Document& doc) {
  if (!doc.metadata.component)
    return Error("the document describes no image (no metadata.component / DESCRIBES); give --subject-digest");
  const Component& c = *doc.metadata.component;
  Subject s;
  s.name = c.group.empty() ? c.name : c.group + "/" + c.name;
  if (const Property* ref = c.property(catalog::kPropImageReference); ref && !ref->value.empty()) {
    // The reference without its tag or digest: what cosign names the subject.
    std::string r = ref->value.substr(0, ref->value.find('@'));
    if (std::size_t colon = r.rfind(':'); colon != std::string::npos && r.find('/', colon) == std::string::npos) r.resize(colon);
    s.name = r;
  }
  for (std::string_view prop : {catalog::kPropImageReferenceDigest, catalog::kPropImageManifestDigest, catalog::kPropImageConfigDigest})
    if (const Property* p = c.property(prop); p && !(s.sha256 = sha256_of(p->value)).empty()) return s;
  for (const Hash& h : c.hashes)
    if (text::iequals(h.alg, "SHA-256") && is_hex64(text::lower(h.content))) {
      s.sha256 = text::lower(h.content);
      return s;
    }
  if (!(s.sha256 = sha256_of(c.version)).empty()) return s;
  if (std::size_t at = c.purl.find('@'); at != std::string::npos) {
    std::string v = c.purl.substr(at + 1);
    v = v.substr(0, v.find_first_of("?#"));
    if (!(s.sha256 = sha256_of(v)).empty()) return s;
  }
  return Error("the document names no SHA-256 digest of the image it describes ('" + s.name + "'); give --subject-digest");
}

Expected<std::string> predicate_type(const Document& doc) {
  switch (family_of(doc.syntax)) {
    case Family::CycloneDx: return std::string("https://cyclonedx.org/bom");
    case Family::Spdx2:
    case Family::Spdx3: return std::string("https://spdx.dev/Document");
    case Family::None: break;
  }
  return Error("a document made in memory has no format to attest");
}

Expected<std::string> sign(std::string_view predicate_json, std::string_view predicate_type,
                           const std::vector<Subject>& subjects, const Key& key) {
  json::ParseOptions opts;
  opts.reject_duplicate_keys = true;
  auto predicate = json::parse(predicate_json, opts);
  if (!predicate) return std::move(predicate.error());
  json::Array subject_list;
  for (const Subject& s : subjects) {
    if (!is_hex64(s.sha256)) return Error("subject digest '" + s.sha256 + "' is no SHA-256 in hex");
    subject_list.push_back(Value(json::Object{{"name", Value(s.name)}, {"digest", Value(json::Object{{"sha256", Value(s.sha256)}})}}));
  }
  Value statement(json::Object{{"_type", Value(kStatementV1)},
                               {"subject", Value(std::move(subject_list))},
                               {"predicateType", Value(predicate_type)},
                               {"predicate", std::move(*predicate)}});
  json::WriteOptions compact;
  compact.indent = 0;
  return sign_envelope(kPayloadType, json::write(statement, compact), key);
}

Expected<std::string> sign_envelope(std::string_view payload_type, std::string_view payload, const Key& key) {
  const std::string message = pae(payload_type, payload);
  std::unique_ptr<EVP_MD_CTX, decltype(&EVP_MD_CTX_free)> ctx(EVP_MD_CTX_new(), EVP_MD_CTX_free);
  const bool ed = key.kind() == "Ed25519";
  std::size_t len = 0;
  const auto* msg = reinterpret_cast<const unsigned char*>(message.data());
  if (!ctx || EVP_DigestSignInit(ctx.get(), nullptr, ed ? nullptr : EVP_sha256(), nullptr, pkey(key)) != 1 ||
      EVP_DigestSign(ctx.get(), nullptr, &len, msg, message.size()) != 1)
    return Error("OpenSSL could not sign with the " + std::string(key.kind()) + " key");
  std::string sig(len, '\0');
  if (EVP_DigestSign(ctx.get(), reinterpret_cast<unsigned char*>(sig.data()), &len, msg, message.size()) != 1)
    return Error("OpenSSL could not sign with the " + std::string(key.kind()) + " key");
  sig.resize(len);
  // cosign's layout: payloadType, payload, signatures [{keyid, sig}]; keyid is a hint only (DSSE).
  json::WriteOptions compact;
  compact.indent = 0;
  Value envelope(json::Object{{"payloadType", Value(payload_type)},
                              {"payload", Value(encode_base64(payload))},
                              {"signatures", Value(json::Array{Value(json::Object{{"keyid", Value(std::string())},
                                                                                   {"sig", Value(encode_base64(sig))}})})}});
  return json::write(envelope, compact) + "\n";
}

Expected<Envelope> open_envelope(std::string_view envelope_text, std::string_view name, const Key& key) {
  json::ParseOptions opts;
  opts.reject_duplicate_keys = true;
  auto root = json::parse(envelope_text, opts);
  if (!root) return std::move(root.error().in_file(name));
  if (!root->is_object()) return error_in(name, "no DSSE envelope (not a JSON object)");
  const Value* env = &*root;
  if (const Value* b = root->find("dsseEnvelope"); b && b->is_object()) env = b;
  const Value* payload = env->find("payload");
  const Value* type = env->find("payloadType");
  const Value* sigs = env->find("signatures");
  if (!payload || !payload->is_string() || !type || !type->is_string() || !sigs || !sigs->is_array())
    return error_in(name, "no DSSE envelope (payloadType, payload and signatures are required)");
  auto body = attestation::decode_base64(payload->as_string());
  if (!body) return error_in(name, "the envelope's payload is not base64");

  Envelope e;
  e.payload_type = type->as_string();
  e.payload = std::move(*body);
  e.signatures = sigs->as_array().size();
  const std::string message = pae(e.payload_type, e.payload);
  for (const Value& s : sigs->as_array()) {
    if (!s.is_object()) return error_in(name, "a signature of the envelope is not an object");
    auto sig = attestation::decode_base64(string_member(s, "sig"));
    if (!sig) return error_in(name, "a signature of the envelope is not base64");
    std::unique_ptr<EVP_MD_CTX, decltype(&EVP_MD_CTX_free)> ctx(EVP_MD_CTX_new(), EVP_MD_CTX_free);
    const bool ed = key.kind() == "Ed25519";
    if (ctx && EVP_DigestVerifyInit(ctx.get(), nullptr, ed ? nullptr : EVP_sha256(), nullptr, pkey(key)) == 1 &&
        EVP_DigestVerify(ctx.get(), reinterpret_cast<const unsigned char*>(sig->data()), sig->size(),
                         reinterpret_cast<const unsigned char*>(message.data()), message.size()) == 1) {
      e.verified = true;
      break;
    }
  }
  if (!e.verified)
    e.failure = e.signatures == 0 ? "the envelope holds no signature"
                                  : "no signature of the envelope verifies with the " + std::string(key.kind()) + " key " +
                                        key.fingerprint().substr(0, 16);
  return e;
}

Expected<Verification> verify(std::string_view envelope_text, std::string_view name, const Key& key,
                              std::string_view subject_sha256) {
  auto env = open_envelope(envelope_text, name, key);
  if (!env) return std::move(env.error());
  Verification v;
  v.signatures = env->signatures;
  if (!env->verified) {
    v.failure = env->failure;
    return v;
  }
  json::ParseOptions opts;
  opts.reject_duplicate_keys = true;
  const std::string* body = &env->payload;
  const std::string_view payload_type = env->payload_type;
  // Signed: now what was signed must be an in-toto statement about the SBOM of the right image.
  if (payload_type != kPayloadType) {
    v.failure = "the payload type is '" + std::string(payload_type) + "', not " + std::string(kPayloadType);
    return v;
  }
  auto st = json::parse(*body, opts);
  if (!st || !st->is_object()) return error_in(name, "the signed payload is no JSON object");
  v.statement_type = string_member(*st, "_type");
  v.predicate_type = string_member(*st, "predicateType");
  if (!v.statement_type.starts_with("https://in-toto.io/Statement/")) {
    v.failure = "the payload is no in-toto statement (_type '" + v.statement_type + "')";
    return v;
  }
  if (const Value* subjects = st->find("subject"); subjects && subjects->is_array())
    for (const Value& s : subjects->as_array()) {
      const Value* d = s.is_object() ? s.find("digest") : nullptr;
      v.subjects.push_back(Subject{string_member(s, "name"), d && d->is_object() ? text::lower(string_member(*d, "sha256")) : ""});
    }
  if (v.subjects.empty()) {
    v.failure = "the statement names no subject";
    return v;
  }
  if (!attestation::is_sbom_predicate(v.predicate_type)) {
    v.failure = "the statement attests '" + v.predicate_type + "', which is no SBOM";
    return v;
  }
  const Value* predicate = st->find("predicate");
  if (!predicate || !(predicate->is_object() || predicate->is_string())) {
    v.failure = "the statement has no predicate";
    return v;
  }
  if (predicate->is_object())
    if (const Value* data = predicate->find("Data"); data && !predicate->find("bomFormat") && !predicate->find("spdxVersion"))
      predicate = data;  // cosign's older {"Data": ..., "Timestamp": ...}
  v.sbom = predicate->is_string() ? predicate->as_string() : json::write(*predicate);
  if (!subject_sha256.empty()) {
    bool found = false;
    for (const Subject& s : v.subjects) found = found || s.sha256 == subject_sha256;
    if (!found) {
      v.failure = "no subject has the digest sha256:" + std::string(subject_sha256) + " (the statement names sha256:" +
                  v.subjects.front().sha256 + (v.subjects.front().name.empty() ? "" : " for " + v.subjects.front().name) + ")";
      return v;
    }
  }
  return v;
}

}  // namespace sbom::attest
