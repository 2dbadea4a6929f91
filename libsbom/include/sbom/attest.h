// Signed SBOM attestations: an in-toto Statement v1 about an image, with the SBOM as its
// predicate, in a DSSE envelope signed with an Ed25519 or ECDSA P-256 key (OpenSSL) — the layout
// cosign and in-toto write — and the verification of such envelopes (ours and theirs).
#pragma once

#include <string>
#include <string_view>
#include <vector>

#include "sbom/error.h"
#include "sbom/model.h"

namespace sbom::attest {

constexpr std::string_view kPayloadType = "application/vnd.in-toto+json";
constexpr std::string_view kStatementV1 = "https://in-toto.io/Statement/v1";

/// What a statement is about: a name and its SHA-256 (lower-case hex, no "sha256:").
struct Subject {
  std::string name;
  std::string sha256;
};

/// The image a document describes, as a subject: the digest its reference resolved to, else its
/// manifest digest, else its config digest (a docker-archive's image id), else a SHA-256 hash or
/// a "sha256:" version or purl version of metadata.component. An error when the document names
/// no image digest.
Expected<Subject> image_subject(const Document& doc);

/// "https://cyclonedx.org/bom" or "https://spdx.dev/Document", as the document's family is.
Expected<std::string> predicate_type(const Document& doc);

/// A key read from PEM text. `name` is for messages.
class Key {
 public:
  Key() = default;
  Key(Key&& o) noexcept;
  Key& operator=(Key&& o) noexcept;
  Key(const Key&) = delete;
  Key& operator=(const Key&) = delete;
  ~Key();
  /// A private key (PKCS#8 or traditional PEM, not encrypted): Ed25519 or ECDSA on P-256.
  static Expected<Key> private_key(std::string_view pem, std::string_view name);
  /// A public key (SubjectPublicKeyInfo PEM) or the key of an X.509 certificate (PEM).
  static Expected<Key> public_key(std::string_view pem, std::string_view name);
  std::string_view kind() const;  ///< "Ed25519" or "ECDSA P-256"
  /// SHA-256 of the DER SubjectPublicKeyInfo, hex: a stable key id.
  std::string fingerprint() const;
  void* native() const { return pkey_; }

 private:
  explicit Key(void* pkey) : pkey_(pkey) {}
  void* pkey_ = nullptr;
};

/// DSSE's pre-authentication encoding: "DSSEv1" SP LEN(type) SP type SP LEN(body) SP body.
std::string pae(std::string_view payload_type, std::string_view payload);

/// The signed envelope as one line of JSON (and a newline): payloadType, payload (the compact
/// statement in standard base64), signatures [{keyid, sig}]. `predicate_json` is the SBOM as JSON.
Expected<std::string> sign(std::string_view predicate_json, std::string_view predicate_type,
                           const std::vector<Subject>& subjects, const Key& key);

/// A DSSE envelope (one line of JSON and a newline) over `payload` of `payload_type`, signed
/// with `key`: what `sign` writes, for payloads other than in-toto statements (sbom-archive's
/// manifest).
Expected<std::string> sign_envelope(std::string_view payload_type, std::string_view payload, const Key& key);

/// A DSSE envelope read and its signatures checked against one key.
struct Envelope {
  std::string payload_type;
  std::string payload;          ///< decoded
  std::size_t signatures = 0;
  bool verified = false;        ///< a signature verifies with the key over the PAE
  std::string failure;          ///< why not, when not verified
};
/// Reads a DSSE envelope (alone or in a Sigstore bundle's dsseEnvelope) and checks its signatures
/// with `key`. A malformed envelope is an Error naming `name`; a signature that does not verify is
/// an Envelope with `verified` false.
Expected<Envelope> open_envelope(std::string_view envelope_text, std::string_view name, const Key& key);

struct Verification {
  /// Empty when verified; else what failed (signature, payload type, subject, statement).
  std::string failure;
  std::string sbom;            ///< the predicate as JSON text (when the statement could be read)
  std::string predicate_type;
  std::string statement_type;  ///< the statement's _type
  std::vector<Subject> subjects;
  std::size_t signatures = 0;  ///< how many the envelope holds
};

/// Verifies a DSSE envelope (alone, or in a Sigstore bundle's dsseEnvelope) with `key`: a
/// signature over the PAE of payload type and payload, the in-toto payload type, an in-toto
/// statement with an SBOM predicate, and — when `subject_sha256` is not empty — a subject with
/// that digest. A malformed envelope or statement is an Error (naming `name`); a check that
/// fails is a Verification with its failure set.
Expected<Verification> verify(std::string_view envelope_text, std::string_view name, const Key& key,
                              std::string_view subject_sha256);

}  // namespace sbom::attest
