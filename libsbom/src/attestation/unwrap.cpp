// Unwrapping DSSE envelopes, Sigstore bundles and in-toto statements down to their SBOM.
#include "attestation/unwrap.h"

#include <array>
#include <cstdint>

#include "sbom/format.h"
#include "sbom/json.h"

namespace sbom::attestation {

bool is_sbom_predicate(std::string_view type);

namespace {

using json::Value;

constexpr std::string_view kInTotoPayloadType = "application/vnd.in-toto+json";
constexpr std::string_view kStatementPrefix = "https://in-toto.io/Statement/";
constexpr std::string_view kSbomPredicates[] = {"https://cyclonedx.org/bom", "https://spdx.dev/Document"};

std::string string_member(const Value& v, std::string_view key) {
  const Value* m = v.find(key);
  return m && m->is_string() ? m->as_string() : std::string();
}

Error error_in(std::string_view name, std::string message) {
  Error e(std::move(message));
  e.file = name;
  return e;
}

// The SBOM of an in-toto statement (`where` says what held the statement, for messages).
Expected<Unwrapped> from_statement(const Value& st, std::string_view name, std::string_view where) {
  std::string type = string_member(st, "_type");
  if (!type.starts_with(kStatementPrefix))
    return error_in(name, std::string(where) + " holds no in-toto statement (_type is '" + type + "')");
  Unwrapped out;
  out.predicate_type = string_member(st, "predicateType");
  if (!is_sbom_predicate(out.predicate_type))
    return error_in(name, std::string(where) + " attests '" + out.predicate_type +
                              "', which is no SBOM (CycloneDX or SPDX predicates are read)");
  const Value* p = st.find("predicate");
  if (!p || !(p->is_object() || p->is_string()))
    return error_in(name, std::string(where) + ": the in-toto statement has no predicate object");
  // cosign's older layout wraps the document: {"Data": document or its text, "Timestamp": ...}.
  if (p->is_object())
    if (const Value* data = p->find("Data"); data && (data->is_object() || data->is_string()) &&
                                             !p->find("bomFormat") && !p->find("spdxVersion") && !p->find("@context"))
      p = data;
  if (p->is_string()) out.sbom = p->as_string();
  else out.sbom = json::write(*p);
  return out;
}

}  // namespace

bool is_sbom_predicate(std::string_view type) {
  for (std::string_view p : kSbomPredicates)
    if (type == p || (type.starts_with(p) && type.size() > p.size() && type[p.size()] == '/')) return true;
  return false;
}

std::optional<std::string> decode_base64(std::string_view in) {
  static const std::array<int, 256> kValue = [] {
    std::array<int, 256> t{};
    t.fill(-1);
    const char* std_alpha = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/";
    for (int i = 0; i < 64; ++i) t[static_cast<unsigned char>(std_alpha[i])] = i;
    t['-'] = 62;
    t['_'] = 63;
    return t;
  }();
  while (!in.empty() && in.back() == '=') in.remove_suffix(1);
  if (in.size() % 4 == 1) return std::nullopt;
  std::string out;
  out.reserve(in.size() / 4 * 3 + 2);
  std::uint32_t acc = 0;
  int bits = 0;
  for (unsigned char c : in) {
    int v = kValue[c];
    if (v < 0) return std::nullopt;
    acc = (acc << 6) | static_cast<std::uint32_t>(v);
    bits += 6;
    if (bits >= 8) {
      bits -= 8;
      out += static_cast<char>((acc >> bits) & 0xFF);
    }
  }
  return out;
}

Expected<std::optional<Unwrapped>> unwrap(std::string_view text, std::string_view name) {
  json::ParseOptions opts;
  opts.reject_duplicate_keys = true;
  auto parsed = json::parse(format::skip_utf8_bom(text), opts);
  if (!parsed || !parsed->is_object()) return std::optional<Unwrapped>();
  const Value& root = *parsed;

  const Value* envelope = nullptr;
  std::string_view where = "the DSSE envelope";
  if (const Value* b = root.find("dsseEnvelope"); b && b->is_object() && string_member(root, "mediaType").starts_with("application/vnd.dev.sigstore.bundle")) {
    envelope = b;
    where = "the Sigstore bundle's DSSE envelope";
  } else if (root.find("payloadType") && root.find("payload")) {
    envelope = &root;
  }

  if (!envelope) {
    if (!string_member(root, "_type").starts_with(kStatementPrefix)) return std::optional<Unwrapped>();
    auto u = from_statement(root, name, "the in-toto statement");
    if (!u) return std::move(u.error());
    u->warning = "an unsigned in-toto statement: nothing vouches for its SBOM";
    return std::optional<Unwrapped>(std::move(*u));
  }

  std::string payload_type = string_member(*envelope, "payloadType");
  if (payload_type != kInTotoPayloadType)
    return error_in(name, std::string(where) + " carries '" + payload_type + "', not an in-toto statement (" +
                              std::string(kInTotoPayloadType) + ")");
  const Value* payload = envelope->find("payload");
  if (!payload || !payload->is_string()) return error_in(name, std::string(where) + " has no payload string");
  auto decoded = decode_base64(payload->as_string());
  if (!decoded) return error_in(name, std::string(where) + "'s payload is not base64");
  auto statement = json::parse(*decoded, opts);
  if (!statement)
    return error_in(name, std::string(where) + "'s payload is not JSON: " + statement.error().to_string());
  auto u = from_statement(*statement, name, where);
  if (!u) return std::move(u.error());
  u->warning = "the signature of " + std::string(where) + " was not checked";
  return std::optional<Unwrapped>(std::move(*u));
}

}  // namespace sbom::attestation
