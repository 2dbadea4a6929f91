// The profiles' rules over the model: which fact of a document or component each published
// minimum element needs, and the reason a subject passes or fails. Citations: docs/compliance.md.
#include <algorithm>
#include <cctype>
#include <functional>
#include <set>

#include "check/schema.h"
#include "format/provenance.h"
#include "sbom/check.h"
#include "sbom/format.h"
#include "sbom/text.h"
#include "sbom/unknowns.h"

namespace sbom::check {

namespace {

// ---- facts of the model that several rules read ------------------------------------------

std::string label(const Component& c) {
  std::string name = c.group.empty() ? c.name : c.group + "/" + c.name;
  if (name.empty()) name = c.bom_ref.empty() ? "(unnamed)" : c.bom_ref;
  return c.version.empty() ? name : name + "@" + c.version;
}

bool has_email_or_url(std::string_view s) {
  return s.find('@') != std::string_view::npos || s.find("://") != std::string_view::npos;
}

// The supplier (or, failing one, the publisher) of a component, as the reason text; "" for none.
std::string producer(const Component& c) {
  if (c.rare->supplier) {
    const OrganizationalEntity& o = *c.rare->supplier;
    if (!o.name.empty()) return "supplier '" + o.name + "'";
    for (const Contact& ct : o.contacts)
      if (!ct.name.empty() || !ct.email.empty()) return "supplier contact '" + (ct.name.empty() ? ct.email : ct.name) + "'";
    if (!o.urls.empty()) return "supplier URL " + o.urls.front();
  }
  if (!c.rare->publisher.empty()) return "publisher '" + c.rare->publisher + "'";
  return {};
}

// An e-mail address or URL of the component's creator (BSI), as the reason text; "" for none.
std::string producer_contact(const Component& c) {
  if (c.rare->supplier) {
    for (const std::string& u : c.rare->supplier->urls)
      if (!u.empty()) return "supplier URL " + u;
    for (const Contact& ct : c.rare->supplier->contacts)
      if (!ct.email.empty()) return "supplier e-mail " + ct.email;
  }
  for (const std::string* s : {&c.rare->publisher, &c.rare->author})
    if (has_email_or_url(*s)) return "'" + *s + "'";
  return {};
}

const Property* property(const Component& c, std::string_view name) { return c.property(name); }

// Which components take part in a relationship: named by a dependency that has targets, a target
// of one, or nested in / holding another component (SPDX CONTAINS, CycloneDX nesting).
struct Graph {
  std::set<std::string> related;
  std::set<std::string> declared_leaf;  // a dependency entry with no targets ("depends on nothing")
  std::set<const Component*> nested;
  std::size_t components = 0;
};

Graph graph_of(const Document& doc, const format::Provenance& prov) {
  Graph g;
  for (const auto& [from, to] : prov.relationships) {
    g.related.insert(from);
    g.related.insert(to);
  }
  if (doc.dependencies)
    for (const Dependency& d : *doc.dependencies) {
      if (d.depends_on.empty()) g.declared_leaf.insert(d.ref);
      else g.related.insert(d.ref);
      for (const std::string& t : d.depends_on) g.related.insert(t);
    }
  doc.for_each_component([&](const Component& c) {
    ++g.components;
    if (c.components.empty()) return;
    g.nested.insert(&c);
    for (const Component& child : c.components) g.nested.insert(&child);
  });
  return g;
}

// ---- building results ------------------------------------------------------------------------

struct Context {
  const Document& doc;
  format::Provenance prov;
  Graph graph;
};

using DocFn = std::function<Verdict(const Context&)>;
using CompFn = std::function<Verdict(const Context&, const Component&)>;

Verdict pass(std::string reason) { return Verdict{"document", "", "", true, std::move(reason), {}}; }
Verdict fail(std::string reason) { return Verdict{"document", "", "", false, std::move(reason), {}}; }
Verdict verdict(bool ok, std::string reason) { return Verdict{"", "", "", ok, std::move(reason), {}}; }

// A component rule about one of the elements a component may declare unknown or redacted
// (sbom/unknowns.h): when `fn` finds the element missing and the component says why, the verdict
// says so and is marked; whether it passes is settled per profile (settle()).
CompFn declarable(unknowns::Element e, CompFn fn) {
  return [e, fn = std::move(fn)](const Context& cx, const Component& c) {
    Verdict v = fn(cx, c);
    if (v.pass) return v;
    if (auto d = unknowns::declared(c, e)) {
      v.declared = d->redacted ? "redacted" : "unknown";
      v.declaration = std::string(d->reason);
      v.reason = "declared " + v.declared + ": " + v.declaration;
    }
    return v;
  };
}

// Declared gaps pass where the profile accepts them and the caller is not strict.
ProfileResult settle(ProfileResult p, bool accept) {
  p.accepts_declared = accept;
  for (RuleResult& r : p.rules)
    for (Verdict& v : r.verdicts)
      if (!v.declared.empty()) v.pass = accept;
  return p;
}

RuleResult doc_rule(const Context& cx, std::string id, std::string title, std::string citation, const DocFn& fn) {
  RuleResult r{std::move(id), std::move(title), std::move(citation), "document", {}};
  Verdict v = fn(cx);
  v.subject = "document";
  // The document's place in the input: CycloneDX's metadata, SPDX 3's SpdxDocument element; an
  // SPDX 2 document's members are at its top, which is the whole document (no location).
  if (v.location.empty())
    v.location = cx.doc.syntax == Syntax::CycloneDxJson || cx.doc.syntax == Syntax::CycloneDxXml
                     ? format::input_location(cx.doc, "/metadata") : cx.doc.metadata.source_location;
  r.verdicts.push_back(std::move(v));
  return r;
}

RuleResult comp_rule(const Context& cx, std::string id, std::string title, std::string citation, const CompFn& fn) {
  RuleResult r{std::move(id), std::move(title), std::move(citation), "component", {}};
  cx.doc.for_each_component([&](const Component& c) {
    Verdict v = fn(cx, c);
    v.subject = label(c);
    v.ref = c.bom_ref;
    v.location = format::input_location(cx.doc, c.source_location);
    r.verdicts.push_back(std::move(v));
  });
  return r;
}

// ---- the elements, shared by the profiles that demand them --------------------------------

Verdict timestamp(const Context& cx) {
  const std::string& t = cx.doc.metadata.timestamp;
  if (t.empty()) return fail("the document has no creation time stamp");
  // A date-time (text::parse_utc_time, the toolkit's one RFC 3339 reader, which also checks that
  // the day and time exist), not a bare date.
  std::string why = "a date without a time";
  if (t.size() <= 10 || !text::parse_utc_time(t, &why))
    return fail("the time stamp '" + t + "' is no RFC 3339 date-time (" + why + ")");
  return pass("created " + t);
}

std::string first_author(const Context& cx, bool need_contact) {
  for (const Contact& a : cx.doc.metadata.authors) {
    if (need_contact) {
      if (!a.email.empty()) return "author e-mail " + a.email;
      continue;
    }
    if (!a.name.empty() || !a.email.empty()) return "author '" + (a.name.empty() ? a.email : a.name) + "'";
  }
  for (const format::Credit& o : cx.prov.author_organizations) {
    if (need_contact) {
      if (!o.contacts.empty()) return "organization " + (o.name.empty() ? std::string() : "'" + o.name + "' ") + o.contacts.front();
      continue;
    }
    return "organization '" + (o.name.empty() ? o.contacts.front() : o.name) + "'";
  }
  return {};
}

std::string first_tool(const Context& cx) {
  for (const Tool& t : cx.doc.metadata.tools)
    if (!t.name.empty()) return "tool '" + (t.vendor.empty() ? "" : t.vendor + " ") + t.name + (t.version.empty() ? "" : " " + t.version) + "'";
  return {};
}

Verdict component_name(const Context&, const Component& c) {
  return c.name.empty() ? verdict(false, "no name") : verdict(true, "named '" + c.name + "'");
}

Verdict component_version(const Context&, const Component& c) {
  return c.version.empty() ? verdict(false, "no version") : verdict(true, "version " + c.version);
}

Verdict identifier(const Context&, const Component& c) {
  if (!c.purl.empty()) return verdict(true, "purl " + c.purl);
  if (!c.cpe.empty()) return verdict(true, "CPE " + c.cpe);
  return verdict(false, "no purl or CPE");
}

Verdict supplier(const Context&, const Component& c) {
  // Decided by the one definition sbom-gen's declarations use (unknowns::present); producer()
  // only words what was found.
  if (!unknowns::present(c, unknowns::Element::supplier)) return verdict(false, "no supplier or publisher");
  return verdict(true, producer(c));
}

Verdict relationship(const Context& cx, const Component& c) {
  if (cx.graph.components == 1) return verdict(true, "the only component");
  if (cx.graph.related.count(c.bom_ref)) return verdict(true, "in the dependency graph");
  if (cx.graph.nested.count(&c)) return verdict(true, "contained in or containing another component");
  if (cx.graph.declared_leaf.count(c.bom_ref))
    return verdict(false, "declared without dependencies, and no component depends on it");
  return verdict(false, "in no relationship: no component depends on it or contains it");
}

Verdict any_hash(const Context&, const Component& c) {
  for (const Hash& h : c.hashes)
    if (!h.content.empty()) return verdict(true, h.alg + " hash");
  // Kinds of component no scan can hash (docs/compliance.md, "Component hashes").
  if (c.type == "operating-system") return verdict(false, "no hash: an operating system is no single file");
  for (std::string_view os : {"pkg:deb/", "pkg:apk/", "pkg:rpm/", "pkg:alpm/"})
    if (c.purl.starts_with(os))
      return verdict(false, "no hash: an installed OS package is no single file, and its package manager keeps no digest of the package file");
  return verdict(false, "no hash");
}

Verdict license(const Context&, const Component& c) {
  for (const License& l : c.licenses) {
    const std::string& s = !l.id.empty() ? l.id : !l.expression.empty() ? l.expression : l.name;
    if (!s.empty()) return verdict(true, "license " + s);
  }
  return verdict(false, "no license");
}

Verdict automation(const Context& cx) { return pass("machine-readable " + describe(cx.doc)); }

// ---- the profiles --------------------------------------------------------------------------

constexpr const char* kNtia = "NTIA, The Minimum Elements For a Software Bill of Materials (2021-07-12), §IV ";
constexpr const char* kCisa = "CISA, 2025 Minimum Elements for a Software Bill of Materials (public comment draft, 2025-08), ";
constexpr const char* kBsi = "BSI TR-03183-2 2.0.0 (2024-09-20), ";

ProfileResult ntia(const Context& cx) {
  ProfileResult p{"ntia-2021", "NTIA minimum elements of an SBOM (2021)", {}, {}};
  auto cite = [](std::string s) { return std::string(kNtia) + s; };
  p.rules.push_back(comp_rule(cx, "ntia-2021/supplier", "Supplier name", cite("Data Fields: Supplier Name"), declarable(unknowns::Element::supplier, supplier)));
  p.rules.push_back(comp_rule(cx, "ntia-2021/name", "Component name", cite("Data Fields: Component Name"), component_name));
  p.rules.push_back(comp_rule(cx, "ntia-2021/version", "Version of the component", cite("Data Fields: Version of the Component"), declarable(unknowns::Element::version, component_version)));
  p.rules.push_back(comp_rule(cx, "ntia-2021/identifier", "Other unique identifiers", cite("Data Fields: Other Unique Identifiers"), declarable(unknowns::Element::identifier, identifier)));
  p.rules.push_back(comp_rule(cx, "ntia-2021/dependency", "Dependency relationship", cite("Data Fields: Dependency Relationship"), relationship));
  p.rules.push_back(doc_rule(cx, "ntia-2021/author", "Author of SBOM data", cite("Data Fields: Author of SBOM Data"), [](const Context& c) {
    if (std::string a = first_author(c, false); !a.empty()) return pass(a);
    // NTIA: the author "could come from ... an analysis tool".
    if (std::string t = first_tool(c); !t.empty()) return pass(t + " (an analysis tool may be the author)");
    return fail("no author, authoring organization or tool");
  }));
  p.rules.push_back(doc_rule(cx, "ntia-2021/timestamp", "Timestamp", cite("Data Fields: Timestamp"), timestamp));
  p.rules.push_back(doc_rule(cx, "ntia-2021/automation", "Automation support", cite("Automation Support"), automation));
  return p;
}

ProfileResult cisa(const Context& cx) {
  ProfileResult p{"cisa-2025", "CISA minimum elements of an SBOM (2025 draft)", {}, {}};
  auto cite = [](std::string s) { return std::string(kCisa) + s; };
  p.rules.push_back(doc_rule(cx, "cisa-2025/author", "SBOM author", cite("Data Fields: SBOM Author"), [](const Context& c) {
    if (std::string a = first_author(c, false); !a.empty()) return pass(a);
    if (std::string t = first_tool(c); !t.empty())
      return pass(t + ", which made the SBOM data (no person or organization is named)");
    return fail("no author, authoring organization or tool");
  }));
  p.rules.push_back(comp_rule(cx, "cisa-2025/producer", "Software producer", cite("Data Fields: Software Producer"), declarable(unknowns::Element::supplier, supplier)));
  p.rules.push_back(comp_rule(cx, "cisa-2025/name", "Component name", cite("Data Fields: Component Name"), component_name));
  p.rules.push_back(comp_rule(cx, "cisa-2025/version", "Component version", cite("Data Fields: Component Version"), declarable(unknowns::Element::version, component_version)));
  p.rules.push_back(comp_rule(cx, "cisa-2025/identifier", "Software identifiers", cite("Data Fields: Software Identifiers"), declarable(unknowns::Element::identifier, identifier)));
  p.rules.push_back(comp_rule(cx, "cisa-2025/hash", "Component hash", cite("Data Fields: Component Hash"), declarable(unknowns::Element::hash, any_hash)));
  p.rules.push_back(comp_rule(cx, "cisa-2025/license", "License", cite("Data Fields: License"), declarable(unknowns::Element::license, license)));
  p.rules.push_back(comp_rule(cx, "cisa-2025/dependency", "Dependency relationship", cite("Data Fields: Dependency Relationship"), relationship));
  p.rules.push_back(doc_rule(cx, "cisa-2025/tool", "Tool name", cite("Data Fields: Tool Name"), [](const Context& c) {
    std::string t = first_tool(c);
    return t.empty() ? fail("no tool named") : pass(t);
  }));
  p.rules.push_back(doc_rule(cx, "cisa-2025/timestamp", "Timestamp", cite("Data Fields: Timestamp"), timestamp));
  p.rules.push_back(doc_rule(cx, "cisa-2025/generation-context", "Generation context", cite("Data Fields: Generation Context"), [](const Context& c) {
    const std::vector<Lifecycle>& ls = c.doc.metadata.lifecycles;
    if (ls.empty())
      return fail(family_of(c.doc.syntax) == Family::Spdx2 ? "SPDX 2 has no field for the generation context (lifecycle)"
                                                            : "no lifecycle phase (generation context) is stated");
    std::string all;
    for (const Lifecycle& l : ls) all += (all.empty() ? "" : ", ") + (l.phase.empty() ? l.name : l.phase);
    return pass("lifecycle " + all);
  }));
  return p;
}

ProfileResult bsi(const Context& cx) {
  ProfileResult p{"bsi-tr-03183-2", "BSI TR-03183-2 version 2.0.0, required fields", {}, {}};
  auto cite = [](std::string s) { return std::string(kBsi) + s; };
  p.rules.push_back(doc_rule(cx, "bsi-tr-03183-2/format", "SBOM format and version", cite("§4 (CycloneDX 1.5 or later, SPDX 2.3 or later)"), [](const Context& c) {
    const std::string& v = c.doc.spec_version;
    auto at_least = [&](int major, int minor) {
      int a = 0, b = 0;
      std::size_t dot = v.find('.');
      if (dot == std::string::npos) return false;
      try {
        a = std::stoi(v.substr(0, dot));
        b = std::stoi(v.substr(dot + 1));
      } catch (...) {
        return false;
      }
      return a > major || (a == major && b >= minor);
    };
    bool ok = family_of(c.doc.syntax) == Family::CycloneDx ? at_least(1, 5) : at_least(2, 3);
    return ok ? pass(describe(c.doc)) : fail(describe(c.doc) + " is older than the TR allows (CycloneDX 1.5, SPDX 2.3)");
  }));
  p.rules.push_back(doc_rule(cx, "bsi-tr-03183-2/creator", "Creator of the SBOM (e-mail or URL)", cite("§5.2.1 Creator of the SBOM"), [](const Context& c) {
    std::string a = first_author(c, true);
    return a.empty() ? fail("no author or authoring organization with an e-mail address or URL") : pass(a);
  }));
  p.rules.push_back(doc_rule(cx, "bsi-tr-03183-2/timestamp", "Timestamp", cite("§5.2.1 Timestamp"), timestamp));
  p.rules.push_back(comp_rule(cx, "bsi-tr-03183-2/component-creator", "Component creator (e-mail or URL)", cite("§5.2.2 Component creator"), declarable(unknowns::Element::supplier, [](const Context&, const Component& c) {
    std::string s = producer_contact(c);
    return s.empty() ? verdict(false, "no supplier, publisher or author with an e-mail address or URL") : verdict(true, s);
  })));
  p.rules.push_back(comp_rule(cx, "bsi-tr-03183-2/name", "Component name", cite("§5.2.2 Component name"), component_name));
  p.rules.push_back(comp_rule(cx, "bsi-tr-03183-2/version", "Component version", cite("§5.2.2 Component version"), declarable(unknowns::Element::version, component_version)));
  p.rules.push_back(comp_rule(cx, "bsi-tr-03183-2/filename", "Filename of the component", cite("§5.2.2 Filename of the component"), [](const Context&, const Component& c) {
    if (const Property* f = property(c, "bsi:component:filename"); f && !f->value.empty()) return verdict(true, "file name " + f->value);
    for (const Occurrence& o : c.occurrences)
      if (!o.location.empty()) return verdict(true, "found at " + o.location);
    return verdict(false, "no file name (property bsi:component:filename) or occurrence");
  }));
  p.rules.push_back(comp_rule(cx, "bsi-tr-03183-2/dependency", "Dependencies on other components", cite("§5.2.2 Dependencies on other components"), relationship));
  p.rules.push_back(comp_rule(cx, "bsi-tr-03183-2/license", "Associated licences", cite("§5.2.2 Associated licences"), declarable(unknowns::Element::license, license)));
  p.rules.push_back(comp_rule(cx, "bsi-tr-03183-2/hash", "Hash value of the executable component (SHA-512)", cite("§5.2.2 Hash value of the executable component"), declarable(unknowns::Element::hash, [](const Context&, const Component& c) {
    for (const Hash& h : c.hashes)
      if (text::iequals(h.alg, "SHA-512") && !h.content.empty()) return verdict(true, "SHA-512 hash");
    return verdict(false, c.hashes.empty() ? "no hash" : "no SHA-512 hash (has " + c.hashes.front().alg + ")");
  })));
  // The three flags as BSI's CycloneDX property taxonomy (BSI-Bund/tr-03183-cyclonedx-property-taxonomy
  // v0.1.0) names them: each MUST occur exactly once per component, with one of its two values.
  struct Flag {
    const char* prop;
    const char* yes;
    const char* no;
  };
  for (const Flag& flag : {Flag{"executable", "executable", "non-executable"}, Flag{"archive", "archive", "no archive"},
                           Flag{"structured", "structured", "unstructured"}}) {
    std::string name = std::string("bsi:component:") + flag.prop;
    p.rules.push_back(comp_rule(cx, "bsi-tr-03183-2/" + std::string(flag.prop), std::string(flag.prop) + " property",
                                cite(std::string("§5.2.2 ") + flag.prop + " property"),
                                [name, flag](const Context&, const Component& c) {
                                  std::vector<const std::string*> values;
                                  for (const Property& q : c.properties)
                                    if (q.name == name) values.push_back(&q.value);
                                  if (values.empty()) return verdict(false, "no property " + name);
                                  if (values.size() > 1)
                                    return verdict(false, "property " + name + " given " + std::to_string(values.size()) +
                                                              " times (exactly once)");
                                  const std::string& v = *values.front();
                                  if (v != flag.yes && v != flag.no)
                                    return verdict(false, name + " = '" + v + "', expected '" + flag.yes + "' or '" + flag.no + "'");
                                  return verdict(true, name + " = " + v);
                                }));
  }
  return p;
}

}  // namespace

std::size_t RuleResult::failed() const {
  return static_cast<std::size_t>(std::count_if(verdicts.begin(), verdicts.end(), [](const Verdict& v) { return !v.pass; }));
}

std::size_t RuleResult::declared() const {
  return static_cast<std::size_t>(std::count_if(verdicts.begin(), verdicts.end(), [](const Verdict& v) { return !v.declared.empty(); }));
}

bool ProfileResult::passed() const {
  return std::all_of(rules.begin(), rules.end(), [](const RuleResult& r) { return r.passed(); });
}

std::vector<std::string_view> profile_names() { return {"ntia-2021", "cisa-2025", "bsi-tr-03183-2", "schema"}; }

std::string describe(const Document& doc) {
  switch (doc.syntax) {
    case Syntax::CycloneDxJson: return "CycloneDX " + doc.spec_version + " JSON";
    case Syntax::CycloneDxXml: return "CycloneDX " + doc.spec_version + " XML";
    case Syntax::SpdxJson: return "SPDX " + doc.spec_version + " JSON";
    case Syntax::SpdxTagValue: return "SPDX " + doc.spec_version + " tag-value";
    case Syntax::Spdx3JsonLd: return "SPDX " + doc.spec_version + " JSON-LD";
    case Syntax::None: break;
  }
  return "a document made in memory";
}

Expected<ProfileResult> run(std::string_view profile, const Input& in) {
  if (profile == "schema") return check_schema(in);
  format::Provenance prov = format::provenance(*in.doc);
  Graph graph = graph_of(*in.doc, prov);
  Context cx{*in.doc, std::move(prov), std::move(graph)};
  // NTIA 2021 ("Known Unknowns") and CISA 2025 ask that gaps be flagged, which a declaration
  // does; BSI TR-03183-2 requires the values themselves (docs/compliance.md, "Known unknowns").
  if (profile == "ntia-2021") return settle(ntia(cx), !in.strict);
  if (profile == "cisa-2025") return settle(cisa(cx), !in.strict);
  if (profile == "bsi-tr-03183-2" || profile == "bsi-tr-03183-2@2.0.0") return settle(bsi(cx), false);
  std::string names;
  for (std::string_view n : profile_names()) names += (names.empty() ? "" : ", ") + std::string(n);
  return Error("unknown profile '" + std::string(profile) + "' (profiles: " + names + ")");
}

}  // namespace sbom::check
