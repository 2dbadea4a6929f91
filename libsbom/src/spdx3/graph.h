// JSON-LD element helpers shared by the SPDX 3 reader and writer: members, identifiers, relationships.
#pragma once

#include <algorithm>
#include <functional>
#include <span>
#include <optional>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include "sbom/json.h"

namespace sbom::spdx3 {

inline constexpr std::string_view kSecurityIdTypes[] = {"cve", "securityOther"};
inline constexpr std::string_view kPurlType[] = {"packageUrl", "purl"};
inline constexpr std::string_view kCpeType[] = {"cpe23"};
inline constexpr std::string_view kEmailType[] = {"email"};
/// The ExternalRefType of an agent's web page (a supplier's url): SPDX 3.0.1 has no home page
/// property on an Organization, and altWebPage ("a reference to an alternative web page") is its
/// general web page type (docs/formats.md).
inline constexpr std::string_view kAgentUrlRefType = "altWebPage";
/// software_Package members that are CycloneDX external references of one type each.
inline constexpr std::pair<std::string_view, std::string_view> kLocationReferences[] = {
    {"software_homePage", "website"}, {"software_downloadLocation", "distribution"}};

/// An empty string, array or object: kept verbatim by readers, dropped by a writer of another
/// family without calling it a loss (it says nothing), as the SPDX 2 writer does.
inline bool is_blank(const json::Value& v) {
  return (v.is_string() && v.as_string().empty()) || (v.is_array() && v.as_array().empty()) ||
         (v.is_object() && v.as_object().empty());
}

json::Value* find_member(json::Object& o, std::string_view key);
const json::Value* find_member(const json::Object& o, std::string_view key);
void erase_member(json::Object& o, std::string_view key);

/// An ExternalIdentifier object of one of `types` with a string identifier.
bool is_plain_identifier(const json::Value& v, std::span<const std::string_view> types);
/// The first such entry of an externalIdentifier array, or nullptr.
const json::Value* find_identifier(const json::Value& ids, std::span<const std::string_view> types);
json::Value* find_identifier(json::Value& ids, std::span<const std::string_view> types);
json::Value make_identifier(std::string_view type, std::string_view identifier);

namespace detail {
inline void add_members(json::Object&) {}
template <typename V, typename... Rest>
void add_members(json::Object& o, std::string_view key, V&& value, Rest&&... rest) {
  o.emplace_back(std::string(key), json::Value(std::forward<V>(value)));
  add_members(o, std::forward<Rest>(rest)...);
}
}  // namespace detail

/// An object of the members given as key, value, key, value, …, in that order, with room for
/// `room` members in all (at least those given). Values are moved in: `Object{{k, v}, …}` copies
/// every value (an initializer list's elements are const), a nested array deeply, and the writer
/// makes millions of these small objects.
template <typename... KV>
json::Object object_of(std::size_t room, KV&&... kv) {
  static_assert(sizeof...(KV) % 2 == 0, "object_of takes key, value pairs");
  json::Object o;
  o.reserve(std::max(room, sizeof...(KV) / 2));
  detail::add_members(o, std::forward<KV>(kv)...);
  return o;
}

/// A Hash integrity method with string algorithm and hashValue.
bool is_plain_hash(const json::Value& v);

struct Relationship {
  std::string from;
  std::string relationship_type;
  std::vector<std::string> to;
};
/// The from / relationshipType / to of a relationship element, when they are well-formed
/// (strings, a non-empty array of strings).
std::optional<Relationship> relationship_of(const json::Value& element);
/// The other members of a relationship element (type, from, relationshipType and, unless
/// `keep_to`, to taken out): what the model keeps as the relationship's extra.
json::Object strip_relationship(json::Object& element, bool keep_to);

/// A license known by its name only (no SPDX id or expression) is a LicenseExpression of one
/// "LicenseRef-…" id that its simplelicensing_customIdToUri maps to a SimpleLicensingText (or an
/// ExpandedLicensing CustomLicense) with that name (docs/formats.md). license_ref_of_name: the id
/// for a name (bytes an idstring cannot hold as '-'); custom_license_name: the name such an
/// expression stands for, given the elements by spdxId ("" when it is no such expression).
std::string license_ref_of_name(std::string_view name);
std::string custom_license_name(const json::Value& expression,
                                const std::function<const json::Value*(std::string_view)>& element_of);

/// An SPDX 3 Tool has only a name: a tool with a version is written "name version", and a name
/// whose last word starts with a digit (or v and a digit) reads back as the two (Yocto writes
/// "oe-spdx-creator 1.0"). Takes the version off `name` and returns it ("" when there is none).
std::string split_tool_name(std::string& name);

/// CycloneDX analysis responses written as an SPDX 3 actionStatement ("update, rollback") and
/// read back: true when every comma-separated word is a response.
std::string join_responses(const std::vector<std::string>& responses);
bool parse_responses(std::string_view statement, std::vector<std::string>& out);

}  // namespace sbom::spdx3
