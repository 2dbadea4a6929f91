// JSON-LD element helpers shared by the SPDX 3 reader and writer.
#include "spdx3/graph.h"

#include <algorithm>

namespace sbom::spdx3 {

using json::Object;
using json::Value;

Value* find_member(Object& o, std::string_view key) {
  for (auto& [k, v] : o)
    if (k == key) return &v;
  return nullptr;
}
const Value* find_member(const Object& o, std::string_view key) {
  for (const auto& [k, v] : o)
    if (k == key) return &v;
  return nullptr;
}
void erase_member(Object& o, std::string_view key) {
  o.erase(std::remove_if(o.begin(), o.end(), [&](const json::Member& m) { return m.first == key; }), o.end());
}

bool is_plain_identifier(const Value& v, std::span<const std::string_view> types) {
  if (!v.is_object()) return false;
  const Value* t = v.find("externalIdentifierType");
  const Value* id = v.find("identifier");
  return t && t->is_string() && id && id->is_string() &&
         std::find(types.begin(), types.end(), std::string_view(t->as_string())) != types.end();
}
const Value* find_identifier(const Value& ids, std::span<const std::string_view> types) {
  if (!ids.is_array()) return nullptr;
  for (const Value& e : ids.as_array())
    if (is_plain_identifier(e, types)) return &e;
  return nullptr;
}
Value* find_identifier(Value& ids, std::span<const std::string_view> types) {
  return const_cast<Value*>(find_identifier(static_cast<const Value&>(ids), types));
}
Value make_identifier(std::string_view type, std::string_view identifier) {
  return object_of(3, "type", "ExternalIdentifier", "externalIdentifierType", type, "identifier", identifier);
}

bool is_plain_hash(const Value& v) {
  if (!v.is_object()) return false;
  const Value* t = v.find("type");
  const Value* a = v.find("algorithm");
  const Value* h = v.find("hashValue");
  return t && t->is_string() && t->as_string() == "Hash" && a && a->is_string() && h && h->is_string();
}

std::string license_ref_of_name(std::string_view name) {
  std::string ref = "LicenseRef-";
  for (char c : name) {
    bool id_char = (c >= 'A' && c <= 'Z') || (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') || c == '.' || c == '-';
    ref += id_char ? c : '-';
  }
  return ref;
}

std::string custom_license_name(const Value& expression, const std::function<const Value*(std::string_view)>& element_of) {
  const Value* text = expression.find("simplelicensing_licenseExpression");
  const Value* map = expression.find("simplelicensing_customIdToUri");
  if (!text || !text->is_string() || !text->as_string().starts_with("LicenseRef-") ||
      text->as_string().find_first_of(" ()") != std::string::npos)
    return {};
  if (!map || !map->is_array() || map->as_array().size() != 1 || !map->as_array()[0].is_object()) return {};
  const Value& entry = map->as_array()[0];
  const Value* key = entry.find("key");
  const Value* uri = entry.find("value");
  if (!key || !key->is_string() || key->as_string() != text->as_string() || !uri || !uri->is_string()) return {};
  const Value* license = element_of(uri->as_string());
  if (!license) return {};
  const Value* type = license->find("type");
  const Value* name = license->find("name");
  if (!type || !type->is_string() ||
      (type->as_string() != "simplelicensing_SimpleLicensingText" && type->as_string() != "expandedlicensing_CustomLicense"))
    return {};
  return name && name->is_string() ? name->as_string() : std::string();
}

std::string split_tool_name(std::string& name) {
  auto digit = [&](std::size_t i) { return i < name.size() && name[i] >= '0' && name[i] <= '9'; };
  auto sp = name.rfind(' ');
  if (sp == std::string::npos || sp == 0 || !(digit(sp + 1) || (name[sp + 1] == 'v' && digit(sp + 2)))) return {};
  std::string version = name.substr(sp + 1);
  name.resize(sp);
  return version;
}

std::optional<Relationship> relationship_of(const Value& e) {
  const Value* from = e.find("from");
  const Value* type = e.find("relationshipType");
  const Value* to = e.find("to");
  if (!from || !from->is_string() || !type || !type->is_string() || !to || !to->is_array() || to->as_array().empty())
    return std::nullopt;
  Relationship r{from->as_string(), type->as_string(), {}};
  for (const Value& t : to->as_array()) {
    if (!t.is_string()) return std::nullopt;
    r.to.push_back(t.as_string());
  }
  return r;
}

Object strip_relationship(Object& element, bool keep_to) {
  Object rest;
  for (auto& [k, v] : element) {
    if (k == "type" || k == "from" || k == "relationshipType" || (k == "to" && !keep_to)) continue;
    rest.emplace_back(k, std::move(v));
  }
  return rest;
}

namespace {
constexpr std::string_view kResponses[] = {"can_not_fix", "will_not_fix", "update", "rollback", "workaround_available"};
}

std::string join_responses(const std::vector<std::string>& responses) {
  std::string out;
  for (const auto& r : responses) {
    if (!out.empty()) out += ", ";
    out += r;
  }
  return out;
}

bool parse_responses(std::string_view statement, std::vector<std::string>& out) {
  std::vector<std::string> words;
  while (!statement.empty()) {
    auto comma = statement.find(", ");
    std::string_view w = statement.substr(0, comma);
    if (std::find(std::begin(kResponses), std::end(kResponses), w) == std::end(kResponses)) return false;
    words.emplace_back(w);
    statement = comma == std::string_view::npos ? std::string_view() : statement.substr(comma + 2);
  }
  if (words.empty()) return false;
  out = std::move(words);
  return true;
}

}  // namespace sbom::spdx3
