// The known-unknowns vocabulary (sbom/unknowns.h).
#include "sbom/unknowns.h"

#include <string>

namespace sbom::unknowns {

std::string_view name(Element e) {
  switch (e) {
    case Element::supplier: return "supplier";
    case Element::version: return "version";
    case Element::identifier: return "identifier";
    case Element::hash: return "hash";
    case Element::license: return "license";
  }
  return "supplier";
}

std::string property_name(Element e, bool redacted) {
  std::string out(redacted ? kRedactedPrefix : kUnknownPrefix);
  out += name(e);
  return out;
}

bool present(const Component& c, Element e) {
  switch (e) {
    case Element::supplier:
      if (c.rare->supplier) {
        const OrganizationalEntity& o = *c.rare->supplier;
        if (!o.name.empty() || !o.urls.empty()) return true;
        for (const Contact& ct : o.contacts)
          if (!ct.name.empty() || !ct.email.empty()) return true;
      }
      return !c.rare->publisher.empty();
    case Element::version: return !c.version.empty();
    case Element::identifier: return !c.purl.empty() || !c.cpe.empty();
    case Element::hash:
      for (const Hash& h : c.hashes)
        if (!h.content.empty()) return true;
      return false;
    case Element::license:
      for (const License& l : c.licenses)
        if (!l.id.empty() || !l.expression.empty() || !l.name.empty()) return true;
      return false;
  }
  return false;
}

std::optional<Declaration> declared(const Component& c, Element e) {
  const std::string_view element = name(e);
  for (const Property& p : c.properties) {
    if (p.value.empty()) continue;
    const std::string_view n = p.name;
    for (bool redacted : {false, true}) {
      const std::string_view prefix = redacted ? kRedactedPrefix : kUnknownPrefix;
      if (n.size() == prefix.size() + element.size() && n.starts_with(prefix) && n.ends_with(element))
        return Declaration{redacted, p.value};
    }
  }
  return std::nullopt;
}

}  // namespace sbom::unknowns
