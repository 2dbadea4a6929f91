// Document provenance beyond the typed model, per format family (see provenance.h).
#include "format/provenance.h"

#include "sbom/text.h"

namespace sbom::format {

namespace {

std::string string_of(const json::Value* v) { return v && v->is_string() ? v->as_string() : std::string(); }

// A CycloneDX organizationalEntity: name, url[], contact[{name, email, phone}].
Credit cyclonedx_entity(const json::Value& v, std::string location) {
  Credit c;
  c.name = string_of(v.find("name"));
  c.location = std::move(location);
  if (const json::Value* urls = v.find("url"); urls && urls->is_array())
    for (const json::Value& u : urls->as_array())
      if (u.is_string() && !u.as_string().empty()) c.contacts.push_back(u.as_string());
  if (const json::Value* contacts = v.find("contact"); contacts && contacts->is_array())
    for (const json::Value& p : contacts->as_array())
      if (std::string e = string_of(p.find("email")); !e.empty()) c.contacts.push_back(e);
  return c;
}

// SPDX 2 "Organization: NAME (EMAIL)", the e-mail part optional (and possibly empty).
bool spdx_organization(std::string_view actor, Credit& out) {
  constexpr std::string_view kPrefix = "Organization:";
  if (!actor.starts_with(kPrefix)) return false;
  std::string_view rest = text::trim(actor.substr(kPrefix.size()));
  if (std::size_t open = rest.rfind('('); open != std::string_view::npos && rest.ends_with(')')) {
    std::string_view email = text::trim(rest.substr(open + 1, rest.size() - open - 2));
    if (!email.empty()) out.contacts.emplace_back(email);
    rest = text::trim(rest.substr(0, open));
  }
  out.name = std::string(rest);
  return !out.name.empty();
}

// SPDX 2.3 §11.1 relationship types saying one element is part of, or needed by, another.
bool spdx_inclusion(std::string_view type) {
  static constexpr std::string_view kTypes[] = {"CONTAINS", "CONTAINED_BY", "DEPENDS_ON", "DEPENDENCY_OF", "DYNAMIC_LINK",
                                                "STATIC_LINK", "PACKAGE_OF", "HAS_PREREQUISITE", "PREREQUISITE_FOR"};
  for (std::string_view t : kTypes)
    if (type == t) return true;
  return type.ends_with("_DEPENDENCY_OF");
}

}  // namespace

Provenance provenance(const Document& doc) {
  Provenance p;
  const json::Object& extra = doc.metadata.extra;
  switch (family_of(doc.syntax)) {
    case Family::CycloneDx:
      for (const auto& [key, v] : extra) {
        if (key == "manufacturer" && v.is_object()) {
          Credit c = cyclonedx_entity(v, "/metadata/manufacturer");
          if (!c.name.empty() || !c.contacts.empty()) p.author_organizations.push_back(std::move(c));
        }
      }
      break;
    case Family::Spdx2:
      for (const auto& [key, v] : doc.extra) {
        if (key != "relationships" || !v.is_array()) continue;
        for (const json::Value& r : v.as_array()) {
          std::string type = string_of(r.find("relationshipType"));
          if (!spdx_inclusion(type)) continue;
          std::string from = string_of(r.find("spdxElementId")), to = string_of(r.find("relatedSpdxElement"));
          if (!from.empty() && !to.empty()) p.relationships.emplace_back(std::move(from), std::move(to));
        }
      }
      for (const auto& [key, v] : extra) {
        if (key != "creators" || !v.is_array()) continue;
        for (std::size_t i = 0; i < v.as_array().size(); ++i) {
          const json::Value& a = v.as_array()[i];
          Credit c;
          if (a.is_string() && spdx_organization(a.as_string(), c)) {
            c.location = "/creationInfo/creators";
            p.author_organizations.push_back(std::move(c));
          }
        }
      }
      break;
    case Family::Spdx3:
    case Family::None:
      break;
  }
  return p;
}

}  // namespace sbom::format
