// An index as evidence: its provenance for scans, its age, and detached Ed25519 signatures of it
// (OpenSSL's libcrypto; keys read by attest::Key): sign, verify, the signed text.
#include <openssl/evp.h>

#include <memory>
#include <string>

#include "net/http.h"
#include "sbom/text.h"
#include "sbom/vulndb.h"

namespace sbom::vulndb {
namespace {

constexpr std::string_view kSignatureTag = "sbomkit-index-signature ed25519 ";

using MdCtx = std::unique_ptr<EVP_MD_CTX, decltype(&EVP_MD_CTX_free)>;

// Index signatures are Ed25519 (attest::Key also reads ECDSA P-256 keys, for attestations).
Expected<EVP_PKEY*> ed25519(const attest::Key& key, const std::string& name) {
  if (key.kind() != "Ed25519") return Error(name + ": not an Ed25519 key");
  return static_cast<EVP_PKEY*>(key.native());
}

}  // namespace

std::string signature_path(const std::string& index_path) { return index_path + ".sig"; }

Expected<IndexProvenance> provenance(const Database& db) {
  IndexProvenance p;
  if (!db.path().empty()) {  // an index built in memory is no artifact: its sources are
    auto digest = db.digest();
    if (!digest) return std::move(digest.error());
    p.digest = "sha256:" + *digest;
  }
  if (db.info().build_time != 0) p.built = text::rfc3339_utc(db.info().build_time);
  for (const SourceInfo& s : db.info().sources) p.sources.push_back("sha256:" + s.sha256 + " " + s.path);
  return p;
}

std::vector<StalePart> stale_parts(const Info& info, std::int64_t now, std::int64_t max_age_seconds) {
  std::vector<StalePart> out;
  if (max_age_seconds <= 0) return out;
  if (info.build_time != 0 && now - info.build_time > max_age_seconds) out.push_back({"", info.build_time});
  for (const SourceInfo& s : info.sources)
    if (s.last_modified != 0 && now - s.last_modified > max_age_seconds) out.push_back({s.path, s.last_modified});
  return out;
}

std::size_t warn_if_stale(const Info& info, std::int64_t now, std::int64_t max_age_days, const Diagnostics& diagnostics) {
  const std::vector<StalePart> parts = stale_parts(info, now, max_age_days * 86400);
  for (const StalePart& part : parts) {
    const std::int64_t days = (now - part.time) / 86400;
    std::string what = part.source.empty() ? "the index was built " : part.source + " was last modified ";
    diagnostics.warn(what + text::rfc3339_utc(part.time) + ", " + std::to_string(days) + " days ago (--max-db-age " +
                     std::to_string(max_age_days) + "): refresh it with sbom-db update --ecosystem NAME (or from a mirror: " +
                     "sbom-db update --base-url DIR)");
  }
  return parts.size();
}

Expected<std::string> signed_statement(const Database& db) {
  auto digest = db.digest();
  if (!digest) return std::move(digest.error());
  const Info& i = db.info();
  std::string s = "sbomkit index signature v1\n";
  s += "digest sha256:" + *digest + "\n";
  s += "built " + text::rfc3339_utc(i.build_time) + "\n";
  for (const SourceInfo& src : i.sources) s += "source sha256:" + src.sha256 + " " + src.path + "\n";
  return s;
}

Expected<std::string> sign_index(const Database& db, const attest::Key& attest_key, const std::string& key_name) {
  auto key = ed25519(attest_key, key_name);
  if (!key) return std::move(key.error());
  auto message = signed_statement(db);
  if (!message) return std::move(message.error());
  MdCtx ctx(EVP_MD_CTX_new(), EVP_MD_CTX_free);
  unsigned char sig[64];
  std::size_t len = sizeof sig;
  if (!ctx || EVP_DigestSignInit(ctx.get(), nullptr, nullptr, nullptr, *key) != 1 ||
      EVP_DigestSign(ctx.get(), sig, &len, reinterpret_cast<const unsigned char*>(message->data()), message->size()) != 1)
    return Error(key_name + ": signing failed");
  return std::string(kSignatureTag) + net::base64_encode(std::string_view(reinterpret_cast<const char*>(sig), len)) + "\n";
}

Status verify_index(const Database& db, std::string_view signature_text, const std::string& signature_name,
                    const attest::Key& attest_key, const std::string& key_name) {
  auto key = ed25519(attest_key, key_name);
  if (!key) return std::move(key.error());
  std::string_view line = text::trim(signature_text);
  std::string sig;
  if (!line.starts_with(kSignatureTag) || !net::base64_decode(line.substr(kSignatureTag.size()), sig) || sig.size() != 64)
    return Error(signature_name + ": not an index signature (one line: sbomkit-index-signature ed25519 <base64>)");
  auto message = signed_statement(db);
  if (!message) return std::move(message.error());
  MdCtx ctx(EVP_MD_CTX_new(), EVP_MD_CTX_free);
  if (!ctx || EVP_DigestVerifyInit(ctx.get(), nullptr, nullptr, nullptr, *key) != 1)
    return Error(key_name + ": cannot verify with this key");
  if (EVP_DigestVerify(ctx.get(), reinterpret_cast<const unsigned char*>(sig.data()), sig.size(),
                       reinterpret_cast<const unsigned char*>(message->data()), message->size()) != 1)
    return Error(signature_name + ": the signature does not match " + (db.path().empty() ? std::string("the index") : db.path()) +
                 " (the index or the signature was changed, or it was signed with another key)");
  return Ok{};
}

}  // namespace sbom::vulndb
