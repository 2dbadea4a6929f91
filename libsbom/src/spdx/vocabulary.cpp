// The SPDX 2 vocabulary the mapping translates: checksum algorithms, package purposes, license
// expressions and element ids.
#include <array>
#include <cctype>
#include <utility>
#include <vector>

#include "mapping.h"

namespace sbom::spdx {

namespace {

// SPDX name, CycloneDX name. SHA224, MD2, MD4, MD6 and ADLER32 have no CycloneDX name.
constexpr std::array<std::pair<std::string_view, std::string_view>, 12> kHashes{{
    {"MD5", "MD5"},
    {"SHA1", "SHA-1"},
    {"SHA256", "SHA-256"},
    {"SHA384", "SHA-384"},
    {"SHA512", "SHA-512"},
    {"SHA3-256", "SHA3-256"},
    {"SHA3-384", "SHA3-384"},
    {"SHA3-512", "SHA3-512"},
    {"BLAKE2b-256", "BLAKE2b-256"},
    {"BLAKE2b-384", "BLAKE2b-384"},
    {"BLAKE2b-512", "BLAKE2b-512"},
    {"BLAKE3", "BLAKE3"},
}};

// primaryPackagePurpose, component type. SOURCE, ARCHIVE, INSTALL and OTHER have no type.
constexpr std::array<std::pair<std::string_view, std::string_view>, 8> kPurposes{{
    {"APPLICATION", "application"},
    {"FRAMEWORK", "framework"},
    {"LIBRARY", "library"},
    {"CONTAINER", "container"},
    {"OPERATING_SYSTEM", "operating-system"},
    {"DEVICE", "device"},
    {"FIRMWARE", "firmware"},
    {"FILE", "file"},
}};

template <typename Table>
std::optional<std::string_view> lookup(const Table& t, std::string_view key, bool forward) {
  for (const auto& [a, b] : t)
    if ((forward ? a : b) == key) return forward ? b : a;
  return std::nullopt;
}

bool id_char(char c) { return std::isalnum(static_cast<unsigned char>(c)) || c == '.' || c == '-'; }

bool idstring(std::string_view s) {
  if (s.empty()) return false;
  for (char c : s)
    if (!id_char(c)) return false;
  return true;
}

// A license id, "id+", LicenseRef-x or DocumentRef-x:LicenseRef-y.
bool license_ref(std::string_view s) {
  if (s.substr(0, 12) == "DocumentRef-") {
    std::size_t colon = s.find(':');
    if (colon == std::string_view::npos || !idstring(s.substr(12, colon - 12))) return false;
    s = s.substr(colon + 1);
    return s.substr(0, 11) == "LicenseRef-" && idstring(s.substr(11));
  }
  if (!s.empty() && s.back() == '+') s.remove_suffix(1);
  return idstring(s);
}

bool is_op(std::string_view t, std::string_view upper) {
  if (t == upper) return true;
  if (t.size() != upper.size()) return false;
  for (std::size_t i = 0; i < t.size(); ++i)
    if (t[i] != std::tolower(static_cast<unsigned char>(upper[i]))) return false;
  return true;
}

// Recursive descent over tokens; depth bounded so a hostile expression cannot exhaust the stack.
class ExpressionCheck {
 public:
  explicit ExpressionCheck(std::string_view text) {
    std::size_t i = 0;
    while (i < text.size()) {
      char c = text[i];
      if (c == ' ' || c == '\t' || c == '\n' || c == '\r') { ++i; continue; }
      if (c == '(' || c == ')') { tokens_.push_back(text.substr(i, 1)); ++i; continue; }
      std::size_t j = i;
      while (j < text.size() && text[j] != ' ' && text[j] != '\t' && text[j] != '\n' && text[j] != '\r' &&
             text[j] != '(' && text[j] != ')')
        ++j;
      tokens_.push_back(text.substr(i, j - i));
      i = j;
    }
  }
  bool ok() { return expr(0) && at_ == tokens_.size(); }

 private:
  bool expr(int depth) {
    if (depth > 64 || !term(depth)) return false;
    while (at_ < tokens_.size() && (is_op(tokens_[at_], "AND") || is_op(tokens_[at_], "OR"))) {
      ++at_;
      if (!term(depth)) return false;
    }
    return true;
  }
  bool term(int depth) {
    if (at_ >= tokens_.size()) return false;
    if (tokens_[at_] == "(") {
      ++at_;
      if (!expr(depth + 1) || at_ >= tokens_.size() || tokens_[at_] != ")") return false;
      ++at_;
    } else {
      if (!operand(tokens_[at_])) return false;
      ++at_;
    }
    if (at_ < tokens_.size() && is_op(tokens_[at_], "WITH")) {
      ++at_;
      if (at_ >= tokens_.size() || !idstring(tokens_[at_])) return false;
      ++at_;
    }
    return true;
  }
  static bool operand(std::string_view t) {
    return !is_op(t, "AND") && !is_op(t, "OR") && !is_op(t, "WITH") && t != ")" && license_ref(t);
  }
  std::vector<std::string_view> tokens_;
  std::size_t at_ = 0;
};

}  // namespace

std::optional<std::string_view> hash_alg_from_spdx(std::string_view alg) { return lookup(kHashes, alg, true); }
std::optional<std::string_view> hash_alg_to_spdx(std::string_view alg, std::string_view spec_version) {
  auto spdx = lookup(kHashes, alg, false);
  // SPDX 2.2 knows the SHA-1 and SHA-2 families and MD5 only (SHA3 and BLAKE came with 2.3).
  if (spdx && spec_version == "2.2" && (spdx->starts_with("SHA3") || spdx->starts_with("BLAKE"))) return std::nullopt;
  return spdx;
}
bool typed_checksum(const json::Value& x, std::string_view spec_version, bool only_those) {
  if (!x.is_object() || (only_those && x.as_object().size() != 2)) return false;
  const json::Value* alg = x.find("algorithm");
  const json::Value* val = x.find("checksumValue");
  if (!alg || !val || !alg->is_string() || !val->is_string() || val->as_string().empty()) return false;
  auto model = hash_alg_from_spdx(alg->as_string());
  return model && hash_alg_to_spdx(*model, spec_version);
}
std::optional<std::string_view> type_from_purpose(std::string_view p) { return lookup(kPurposes, p, true); }
std::optional<std::string_view> purpose_from_type(std::string_view t) { return lookup(kPurposes, t, false); }

bool valid_license_expression(std::string_view text) {
  if (text == "NONE" || text == "NOASSERTION") return true;
  return ExpressionCheck(text).ok();
}

bool single_license_id(std::string_view text) {
  return license_ref(text) && text.substr(0, 11) != "LicenseRef-" && text.substr(0, 12) != "DocumentRef-" &&
         text.back() != '+' && !is_op(text, "AND") && !is_op(text, "OR") && !is_op(text, "WITH") &&
         text != "NONE" && text != "NOASSERTION";
}

std::string spdx_id_from(std::string_view ref) {
  if (ref.substr(0, 8) == "SPDXRef-" && idstring(ref.substr(8))) return std::string(ref);
  std::string id = "SPDXRef-";
  for (char c : ref) id += id_char(c) ? c : '-';
  if (ref.empty()) id += '-';
  return id;
}

}  // namespace sbom::spdx
