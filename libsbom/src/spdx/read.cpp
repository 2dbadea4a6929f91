// SPDX 2 JSON shape -> the model. Members the model has a field for are moved into it (when the
// text reads back to exactly the same member); every other member stays in the `extra` of the
// object it belongs to, in SPDX 2 JSON shape, so SPDX -> SPDX loses nothing.
#include <algorithm>
#include <unordered_map>

#include "core/json_cursor.h"
#include "mapping.h"
#include "spdx.h"
#include "tag_value.h"

namespace sbom::spdx {

namespace {

using json::Value;

constexpr std::string_view kDocumentId = "SPDXRef-DOCUMENT";
constexpr std::size_t kMaxNesting = 64;  // CONTAINS deeper than this stays a relationship

bool starts_with(std::string_view s, std::string_view p) { return s.substr(0, p.size()) == p; }

// "Person: NAME (EMAIL)" / "Person: NAME" -> name, email, when writing them back gives the same text.
bool parse_actor(std::string_view text, std::string_view kind, std::string& name, std::string& email) {
  if (!starts_with(text, kind) || text.size() <= kind.size() + 2 || text.substr(kind.size(), 2) != ": ") return false;
  std::string_view rest = text.substr(kind.size() + 2);
  std::string_view n = rest, e;
  if (!rest.empty() && rest.back() == ')') {
    std::size_t open = rest.rfind(" (");
    if (open == std::string_view::npos) return false;
    n = rest.substr(0, open);
    e = rest.substr(open + 2, rest.size() - open - 3);
    if (e.empty()) return false;  // "NAME ()" would be written back without the parentheses
  }
  if (n.empty() || n.front() == ' ' || n.back() == ' ' || n.find('(') != std::string_view::npos ||
      e.find_first_of("()") != std::string_view::npos)
    return false;
  name = n;
  email = e;
  return true;
}

// "NAME-1.2" -> NAME, 1.2 (the version starts with a digit); else the whole text is the name.
void split_tool(std::string_view text, Tool& t) {
  std::size_t dash = text.rfind('-');
  if (dash != std::string_view::npos && dash > 0 && dash + 1 < text.size() &&
      std::isdigit(static_cast<unsigned char>(text[dash + 1]))) {
    t.name = text.substr(0, dash);
    t.version = text.substr(dash + 1);
  } else {
    t.name = text;
  }
}

bool no_assertion(std::string_view s) { return s == "NOASSERTION" || s == "NONE"; }

// A relationship. `typed` when its three members are strings (then `from`, `type` and `to` hold
// them): what it means for the model is decided by those three alone, whatever else it carries,
// because both SPDX 2 syntaxes spell them; a member tag-value has no tag for must not change how the
// relationship reads back. `plain` when it has exactly those three members (`original` is null);
// otherwise `original` holds it as it came, and it stays an extra even when the model also takes
// its meaning (the writers then do not spell that meaning a second time: spdx/write.cpp `said`).
struct Rel {
  bool typed = false, plain = false;
  std::string from, type, to;
  Value original;
  json::Position at = {};  // where it starts (for errors)
};

Rel to_rel(Value r) {
  Rel out;
  const Value* a = r.is_object() ? r.find("spdxElementId") : nullptr;
  const Value* t = r.is_object() ? r.find("relationshipType") : nullptr;
  const Value* b = r.is_object() ? r.find("relatedSpdxElement") : nullptr;
  out.at = a && a->position.line ? a->position : r.position;
  if (a && t && b && a->is_string() && t->is_string() && b->is_string()) {
    out.typed = true;
    out.plain = r.as_object().size() == 3;
    out.from = a->as_string();
    out.type = t->as_string();
    out.to = b->as_string();
  }
  if (!out.plain) out.original = std::move(r);
  return out;
}

Value from_rel(Rel r) {
  if (!r.plain) return std::move(r.original);
  return Value(json::Object{{"spdxElementId", Value(std::move(r.from))},
                            {"relationshipType", Value(std::move(r.type))},
                            {"relatedSpdxElement", Value(std::move(r.to))}});
}

// The JSON reader's fast path reads packages and relationships straight from the cursor; every
// other member (and every member of a package it has no field for) still becomes a json::Value.
struct Parts {
  json::Value root;  // the document without packages and relationships
  std::vector<Component> components;
  std::vector<json::Position> package_at;
  std::vector<Rel> relationships;
  bool has_packages = false, has_relationships = false;
};

class Reader {
 public:
  Reader(std::string_view name, Syntax syntax) : name_(name), syntax_(syntax) {}

  // The tree path (tag-value, and JSON that is not an object).
  Expected<Document> run(Value root) {
    if (!root.is_object()) return error(root, "", "expected an object, found " + std::string(json::kind_name(root.kind())));
    Parts parts;
    json::Object rest;
    for (auto& [key, v] : root.as_object()) {
      if (key == "packages" && v.is_array()) {
        parts.has_packages = true;
        parts.components.reserve(v.as_array().size());
        for (std::size_t i = 0; i < v.as_array().size(); ++i) {
          auto c = package(v.as_array()[i], "/packages/" + std::to_string(i));
          if (!c) return c.error();
          parts.components.push_back(std::move(*c));
          parts.package_at.push_back(v.as_array()[i].position);
        }
      } else if (key == "relationships" && v.is_array()) {
        parts.has_relationships = true;
        for (Value& r : v.as_array()) parts.relationships.push_back(to_rel(std::move(r)));
      } else {
        rest.emplace_back(std::move(key), std::move(v));
      }
    }
    json::Position at = root.position;
    parts.root = Value(std::move(rest));
    parts.root.position = at;
    return finish(std::move(parts));
  }

  // The JSON fast path over validated text.
  Expected<Document> run(json::detail::Cursor& c) {
    if (c.peek() != Value::Kind::Object) return run(c.read_value(false));
    Parts parts;
    json::Object rest;
    json::Position at = c.position();
    c.begin_object();
    std::string buf;
    std::string_view key;
    while (c.next_key(key, buf)) {
      if (key == "packages" && c.peek() == Value::Kind::Array) {
        parts.has_packages = true;
        c.begin_array();
        for (std::size_t i = 0; c.next_element(); ++i) {
          parts.package_at.push_back(c.position());
          auto comp = package(c, "/packages/" + std::to_string(i));
          if (!comp) return comp.error();
          parts.components.push_back(std::move(*comp));
        }
      } else if (key == "relationships" && c.peek() == Value::Kind::Array) {
        parts.has_relationships = true;
        c.begin_array();
        while (c.next_element()) parts.relationships.push_back(relationship(c));
      } else {
        std::string k(key);
        rest.emplace_back(std::move(k), c.read_value(false));
      }
    }
    parts.root = Value(std::move(rest));
    parts.root.position = at;
    return finish(std::move(parts));
  }

 private:
  Expected<Document> finish(Parts parts) {
    Value& root = parts.root;
    Document doc;
    doc.syntax = syntax_;
    doc.metadata.present = true;
    const Value* version = root.find("spdxVersion");
    if (!version) return error(root, "", "no spdxVersion member (not an SPDX 2 document)");
    if (!version->is_string()) return type_error(*version, "/spdxVersion", Value::Kind::String);
    if (version->as_string() != "SPDX-2.3" && version->as_string() != "SPDX-2.2")
      return error(*version, "/spdxVersion",
                   "unsupported SPDX version '" + version->as_string() + "' (SPDX-2.2 and SPDX-2.3 are read)");
    doc.spec_version = version->as_string().substr(5);

    if (auto s = unique_ids(root, parts); !s) return s.error();
    if (const Value* id = root.find("SPDXID"); id && id->is_string()) document_id_ = id->as_string();
    // SPDXRef-DOCUMENT names the document (SPDX 2.3 clause 6.3). In a document whose SPDXID is
    // another, a relationship naming it names nothing, but the writers write SPDXRef-DOCUMENT
    // wherever they cannot keep that other id (tag-value cannot spell every text): the
    // relationship would then be the document's, and mean something else the second time.
    if (const Value* id = root.find("SPDXID"); id && !(id->is_string() && id->as_string() == kDocumentId))
      for (std::size_t i = 0; i < parts.relationships.size(); ++i) {
        const Rel& r = parts.relationships[i];
        const char* member = r.from == kDocumentId ? "spdxElementId" : r.to == kDocumentId ? "relatedSpdxElement" : nullptr;
        Value place;
        place.position = r.at;
        if (member)
          return error(place, "/relationships/" + std::to_string(i) + "/" + member,
                       "a relationship names SPDXRef-DOCUMENT, the document's own id (SPDX 2.3 clause 6.3), but this "
                       "document's SPDXID is another");
      }
    for (auto& [key, v] : root.as_object()) {
      if (key == "spdxVersion") continue;
      if (key == "dataLicense" && v.is_string() && v.as_string() == "CC0-1.0") continue;
      if (key == "SPDXID" && v.is_string() && v.as_string() == kDocumentId) continue;
      if (key == "name") {
        if (auto s = take_string(v, "", doc.name, doc.extra, key); !s) return s.error();
      } else if (key == "documentNamespace" && !v.is_string()) {
        // A URI (clause 6.5): anything else would be kept as an extra that tag-value cannot spell,
        // and the writers would then make up a namespace the second time but not the first.
        return type_error(v, "/documentNamespace", Value::Kind::String);
      } else if (key == "documentNamespace" && starts_with(v.as_string(), "urn:uuid:")) {
        doc.serial_number = std::move(v.as_string());
      } else if (key == "creationInfo") {
        if (auto s = creation_info(v, doc.metadata); !s) return s.error();
      } else if (key == "packages") {
        return type_error(v, "/packages", Value::Kind::Array);
      } else if (key == "relationships") {
        return type_error(v, "/relationships", Value::Kind::Array);
      } else {
        doc.extra.emplace_back(std::move(key), std::move(v));
      }
    }

    std::vector<Component>& components = parts.components;
    // The packages were read before the version may have been: in a 2.2 document, a checksum of an
    // algorithm 2.2 does not have (SHA3, BLAKE) is kept as it came, after the kept ones (the
    // writer writes kept checksums after typed ones), as typed_checksum() says for 2.2.
    if (doc.spec_version == "2.2")
      for (Component& c : components) untype_checksums(c, doc.spec_version);
    if (parts.has_packages && components.empty()) doc.extra.emplace_back("packages", Value(json::Array{}));
    for (std::size_t i = 0; i < components.size(); ++i) index_.emplace(components[i].bom_ref, i);
    if (parts.has_relationships && parts.relationships.empty()) doc.extra.emplace_back("relationships", Value(json::Array{}));
    link(doc, std::move(components), parts.relationships);
    return doc;
  }

  // SPDXIDs are unique in a document (SPDX 2.3 clause 3.2): the document's, its packages', files'
  // and snippets'. A duplicate is refused, naming both places, rather than merged or renamed: the
  // relationships and annotations that name it cannot say which of the two they meant.
  Status unique_ids(const Value& root, const Parts& parts) const {
    struct Use {
      std::string_view id;
      json::Position at;
      std::string ptr;
    };
    std::vector<Use> uses;
    if (const Value* id = root.find("SPDXID"); id && id->is_string()) uses.push_back({id->as_string(), id->position, "/SPDXID"});
    for (std::size_t i = 0; i < parts.components.size(); ++i)
      uses.push_back({parts.components[i].bom_ref, parts.package_at[i], "/packages/" + std::to_string(i)});
    for (std::string_view key : {"files", "snippets"}) {
      const Value* list = root.find(key);
      if (!list || !list->is_array()) continue;
      for (std::size_t i = 0; i < list->as_array().size(); ++i) {
        const Value& e = list->as_array()[i];
        const Value* id = e.is_object() ? e.find("SPDXID") : nullptr;
        if (id && id->is_string()) uses.push_back({id->as_string(), e.position, "/" + std::string(key) + "/" + std::to_string(i)});
      }
    }
    // In the order of the text, so the error is at the second use whatever the member order.
    std::stable_sort(uses.begin(), uses.end(), [](const Use& a, const Use& b) {
      return a.at.line != b.at.line ? a.at.line < b.at.line : a.at.column < b.at.column;
    });
    // SPDXRef-DOCUMENT is the document's own id (SPDX 2.3 clause 6.3), which the writers write
    // when the document does not say it: an element with it would then share the document's.
    // (A document that says it gets the message about a second use below.)
    const Value* own = root.find("SPDXID");
    const bool said = own && own->is_string() && own->as_string() == "SPDXRef-DOCUMENT";
    std::unordered_map<std::string_view, const Use*> first;
    for (const Use& u : uses) {
      if (!said && u.id == "SPDXRef-DOCUMENT" && u.ptr != "/SPDXID")
        return error_at(u.at, u.ptr, "SPDXID 'SPDXRef-DOCUMENT' is the document's own (SPDX 2.3 clause 6.3), not an element's");
      auto [it, fresh] = first.emplace(u.id, &u);
      if (fresh) continue;
      const Use& f = *it->second;
      std::string where = syntax_ == Syntax::SpdxTagValue ? "line " + std::to_string(f.at.line)
                                                          : std::to_string(f.at.line) + ":" + std::to_string(f.at.column) + " (" + f.ptr + ")";
      return error_at(u.at, u.ptr, "SPDXID '" + std::string(u.id) + "' is already used at " + where);
    }
    return Ok{};
  }

  // A package straight from the cursor: the members read most go to their fields without a
  // json::Value; the rest go through member() as in the tree path.
  Expected<Component> package(json::detail::Cursor& c, const std::string& ptr) {
    if (c.peek() != Value::Kind::Object) return package(c.read_value(false), ptr);
    json::Position at = c.position();
    Component comp;
    comp.source_location = ptr;
    bool has_id = false;
    c.begin_object();
    std::string buf;
    std::string_view key;
    while (c.next_key(key, buf)) {
      std::string* field = key == "SPDXID" ? &comp.bom_ref : key == "name" ? &comp.name : key == "versionInfo" ? &comp.version : nullptr;
      if (field && c.peek() == Value::Kind::String) {
        json::Position vp = c.position();
        bool id = key == "SPDXID";
        std::string k(key);
        c.read_string_into(*field);
        if (id) {
          if (field->empty()) return error_at(vp, ptr + "/SPDXID", "SPDXID is not a non-empty string");
          has_id = true;
        } else if (field->empty()) {
          Value v{std::string()};
          v.position = vp;
          comp.extra.emplace_back(std::move(k), std::move(v));
        }
        continue;
      }
      std::string k(key);
      Value v = c.read_value(false);
      if (k == "SPDXID") return error(v, ptr + "/SPDXID", "SPDXID is not a non-empty string");
      if (auto s = member(comp, k, v, ptr); !s) return s.error();
    }
    if (!has_id) return error_at(at, ptr, "package without SPDXID");
    return comp;
  }

  // A relationship straight from the cursor.
  static Rel relationship(json::detail::Cursor& c) {
    if (c.peek() != Value::Kind::Object) return to_rel(c.read_value(false));
    json::Position at = c.position();
    Rel r;
    r.at = at;
    json::Object others;
    bool got[3] = {false, false, false};
    static constexpr std::string_view kKeys[3] = {"spdxElementId", "relationshipType", "relatedSpdxElement"};
    std::string* fields[3] = {&r.from, &r.type, &r.to};
    c.begin_object();
    std::string buf;
    std::string_view key;
    while (c.next_key(key, buf)) {
      int f = key == kKeys[0] ? 0 : key == kKeys[1] ? 1 : key == kKeys[2] ? 2 : -1;
      if (f >= 0 && c.peek() == Value::Kind::String) {
        c.read_string_into(*fields[f]);
        got[f] = true;
        continue;
      }
      std::string k(key);
      others.emplace_back(std::move(k), c.read_value(false));
    }
    r.typed = got[0] && got[1] && got[2];
    if (r.typed && others.empty()) {
      r.plain = true;
      return r;
    }
    // Kept as it came (the string members of the three first).
    json::Object o;
    for (int f = 0; f < 3; ++f)
      if (got[f]) o.emplace_back(std::string(kKeys[f]), Value(*fields[f]));
    for (auto& m : others) o.push_back(std::move(m));
    r.original = Value(std::move(o));
    r.original.position = at;
    return r;
  }

  Error error_at(json::Position at, const std::string& ptr, std::string msg) const {
    Value v;
    v.position = at;
    return error(v, ptr, std::move(msg));
  }

  Error error(const Value& at, const std::string& ptr, std::string msg) const {
    Error e(std::move(msg));
    e.file = name_;
    e.line = at.position.line;
    e.column = at.position.column;
    if (syntax_ == Syntax::SpdxJson) e.pointer = ptr;
    return e;
  }
  Error type_error(const Value& at, const std::string& ptr, Value::Kind want) const {
    return error(at, ptr, "expected " + std::string(json::kind_name(want)) + ", found " +
                              std::string(json::kind_name(at.kind())));
  }
  std::string location(const Value& v, const std::string& ptr) const {
    return syntax_ == Syntax::SpdxTagValue ? "line " + std::to_string(v.position.line) : ptr;
  }

  // A member the model has as a string: moved in when non-empty, an empty one kept verbatim.
  // `base` + "/" + key is the member's pointer, built only for an error.
  Status take_string(Value& v, std::string_view base, std::string& out, json::Object& extra, std::string& key) {
    if (!v.is_string()) return type_error(v, std::string(base) + "/" + json::pointer_token(key), Value::Kind::String);
    if (v.as_string().empty()) extra.emplace_back(std::move(key), std::move(v));
    else out = std::move(v.as_string());
    return Ok{};
  }

  Status creation_info(Value& v, Metadata& m) {
    if (!v.is_object()) return type_error(v, "/creationInfo", Value::Kind::Object);
    for (auto& [key, x] : v.as_object()) {
      if (key == "created") {
        if (auto s = take_string(x, "/creationInfo", m.timestamp, m.extra, key); !s) return s.error();
      } else if (key == "creators") {
        if (!x.is_array()) return type_error(x, "/creationInfo/creators", Value::Kind::Array);
        json::Array rest;
        for (Value& c : x.as_array()) {
          if (c.is_string() && starts_with(c.as_string(), "Tool: ") && c.as_string().size() > 6) {
            split_tool(std::string_view(c.as_string()).substr(6), m.tools.emplace_back());
            continue;
          }
          Contact person;
          if (c.is_string() && parse_actor(c.as_string(), "Person", person.name, person.email)) {
            m.authors.push_back(std::move(person));
            continue;
          }
          rest.push_back(std::move(c));
        }
        if (!rest.empty() || x.as_array().empty()) m.extra.emplace_back(key, Value(std::move(rest)));
      } else {
        m.extra.emplace_back(std::move(key), std::move(x));
      }
    }
    return Ok{};
  }

  Expected<Component> package(Value p, const std::string& ptr) {
    if (!p.is_object()) return type_error(p, ptr, Value::Kind::Object);
    Component c;
    c.source_location = location(p, ptr);
    const Value* id = p.find("SPDXID");
    if (!id) return error(p, ptr, "package without SPDXID");
    if (!id->is_string() || id->as_string().empty()) return error(*id, ptr + "/SPDXID", "SPDXID is not a non-empty string");
    for (auto& [key, v] : p.as_object()) {
      if (key == "SPDXID") c.bom_ref = std::move(v.as_string());
      else if (auto s = member(c, key, v, ptr); !s) return s.error();
    }
    return c;
  }

  // One member of a package (not SPDXID): into its field, or kept.
  Status member(Component& c, std::string& key, Value& v, const std::string& ptr) {
    if (key == "name") return take_string(v, ptr, c.name, c.extra, key);
    if (key == "versionInfo") return take_string(v, ptr, c.version, c.extra, key);
    if (key == "description") return take_string(v, ptr, c.rare.edit().description, c.extra, key);
    if (key == "supplier" && v.is_string() && supplier(v.as_string(), c)) return Ok{};
    if (key == "originator" && v.is_string() && originator(v.as_string(), c)) return Ok{};
    if ((key == "downloadLocation" || key == "homepage") && v.is_string() && !v.as_string().empty() &&
        !no_assertion(v.as_string())) {
      ExternalReference r;
      r.type = key == "homepage" ? "website" : "distribution";
      r.url = std::move(v.as_string());
      c.rare.edit().external_references.push_back(std::move(r));
    } else if ((key == "licenseConcluded" || key == "licenseDeclared") && v.is_string() &&
               !no_assertion(v.as_string()) && valid_license_expression(v.as_string())) {
      License l;
      (single_license_id(v.as_string()) ? l.id : l.expression) = std::move(v.as_string());
      l.acknowledgement = key == "licenseConcluded" ? "concluded" : "declared";
      c.licenses.push_back(std::move(l));
    } else if (key == "copyrightText" && v.is_string() && !v.as_string().empty() && !no_assertion(v.as_string())) {
      c.rare.edit().copyright = std::move(v.as_string());
    } else if (key == "primaryPackagePurpose" && v.is_string() && type_from_purpose(v.as_string())) {
      c.type = *type_from_purpose(v.as_string());
    } else if (key == "checksums" && v.is_array()) {
      checksums(v, c);
    } else if (key == "externalRefs" && v.is_array()) {
      external_refs(v, c);
    } else {
      c.extra.emplace_back(std::move(key), std::move(v));
    }
    return Ok{};
  }

  static bool supplier(const std::string& text, Component& c) {
    Contact contact;
    if (parse_actor(text, "Organization", contact.name, contact.email)) {
      OrganizationalEntity org;
      org.name = std::move(contact.name);
      if (!contact.email.empty()) org.contacts.push_back(Contact{{}, std::move(contact.email), {}, {}, {}});
      c.rare.edit().supplier = std::move(org);
      return true;
    }
    if (parse_actor(text, "Person", contact.name, contact.email)) {
      OrganizationalEntity org;
      org.contacts.push_back(std::move(contact));
      c.rare.edit().supplier = std::move(org);
      return true;
    }
    return false;
  }

  static bool originator(const std::string& text, Component& c) {
    if (starts_with(text, "Person: ") && text.size() > 8 && text[8] != ' ') {
      c.rare.edit().author = text.substr(8);
      return true;
    }
    if (starts_with(text, "Organization: ") && text.size() > 14 && text[14] != ' ') {
      c.rare.edit().publisher = text.substr(14);
      return true;
    }
    return false;
  }

  static void checksums(Value& v, Component& c) {
    json::Array rest;
    for (Value& x : v.as_array()) {
      if (typed_checksum(x, "2.3", /*only_those=*/true)) {
        Hash h;
        h.alg = *hash_alg_from_spdx(x.find("algorithm")->as_string());
        h.content = std::move(x.find("checksumValue")->as_string());
        c.hashes.push_back(std::move(h));
      } else {
        rest.push_back(std::move(x));
      }
    }
    if (!rest.empty() || v.as_array().empty()) c.extra.emplace_back("checksums", Value(std::move(rest)));
  }

  static void untype_checksums(Component& c, std::string_view version) {
    auto kept = [&](const Hash& h) { return !hash_alg_to_spdx(h.alg, version); };
    if (std::none_of(c.hashes.begin(), c.hashes.end(), kept)) return;
    Value* list = nullptr;
    for (auto& m : c.extra)
      if (m.first == "checksums") list = &m.second;
    if (!list) list = &c.extra.emplace_back("checksums", Value(json::Array{})).second;
    std::vector<Hash> typed;
    for (Hash& h : c.hashes) {
      if (!kept(h)) {
        typed.push_back(std::move(h));
        continue;
      }
      std::string alg(*hash_alg_to_spdx(h.alg, "2.3"));
      list->as_array().emplace_back(json::Object{{"algorithm", Value(std::move(alg))}, {"checksumValue", Value(std::move(h.content))}});
    }
    c.hashes = std::move(typed);
  }

  static void external_refs(Value& v, Component& c) {
    json::Array rest;
    for (Value& x : v.as_array()) {
      const Value* cat = x.is_object() && x.as_object().size() == 3 ? x.find("referenceCategory") : nullptr;
      const Value* type = x.is_object() ? x.find("referenceType") : nullptr;
      Value* loc = x.is_object() ? x.find("referenceLocator") : nullptr;
      if (cat && type && loc && cat->is_string() && type->is_string() && loc->is_string() && !loc->as_string().empty()) {
        if (c.purl.empty() && cat->as_string() == "PACKAGE-MANAGER" && type->as_string() == "purl") {
          c.purl = std::move(loc->as_string());
          continue;
        }
        // The writer tells the two apart by the prefix, so only a ref that matches it is taken.
        bool v23 = starts_with(loc->as_string(), "cpe:2.3:");
        if (c.cpe.empty() && cat->as_string() == "SECURITY" &&
            type->as_string() == (v23 ? "cpe23Type" : "cpe22Type")) {
          c.cpe = std::move(loc->as_string());
          continue;
        }
      }
      rest.push_back(std::move(x));
    }
    if (!rest.empty() || v.as_array().empty()) c.extra.emplace_back("externalRefs", Value(std::move(rest)));
  }

  bool is_package(std::string_view id) const { return index_.count(id) != 0; }
  std::size_t package_index(std::string_view id) const { return index_.at(id); }

  // Relationships: DESCRIBES -> metadata.component, DEPENDS_ON / DEPENDENCY_OF -> dependencies,
  // CONTAINS between packages -> nesting; every other one stays in the document's extras.
  void link(Document& doc, std::vector<Component> components, std::vector<Rel>& rels) {
    const std::size_t n = components.size();
    constexpr std::size_t kNone = static_cast<std::size_t>(-1);
    std::vector<bool> taken(rels.size(), false);

    // The root: the one package the document describes, counting its DESCRIBES relationships and
    // its documentDescribes list together. Tag-value spells the list as relationships, so a root
    // taken from one while the other names another package would not be the root read back from
    // the tag-value written (the packages' order and nesting would change on a second pass).
    const Value* listed = nullptr;
    for (const auto& m : doc.extra)
      if (m.first == "documentDescribes") listed = &m.second;
    std::vector<std::size_t> describes;  // relationship indices
    std::vector<std::size_t> described;  // the packages they and documentDescribes name, each once
    auto describe = [&](std::size_t pkg) {
      if (std::find(described.begin(), described.end(), pkg) == described.end()) described.push_back(pkg);
    };
    std::size_t root = kNone;
    for (std::size_t i = 0; i < rels.size(); ++i) {
      const Rel& p = rels[i];
      if (p.typed && p.type == "DESCRIBES" && p.from == document_id_ && is_package(p.to)) {
        describes.push_back(i);
        describe(package_index(p.to));
      }
    }
    std::vector<std::size_t> listed_packages;
    if (listed && listed->is_array())
      for (const Value& x : listed->as_array())
        if (x.is_string() && is_package(x.as_string())) {
          listed_packages.push_back(package_index(x.as_string()));
          describe(listed_packages.back());
        }
    if (described.size() == 1) {
      root = described[0];
      const bool root_listed = !listed_packages.empty();  // one package described: a listed one is it
      // Said once by a relationship alone: the writer makes that relationship again, so it is taken;
      // said again by documentDescribes (or twice), the relationships stay as they came.
      if (describes.size() == 1 && !root_listed && rels[describes[0]].plain) taken[describes[0]] = true;
    }

    // Dependencies, in the order their first edge appears.
    std::vector<Dependency> deps;
    std::unordered_map<std::string, std::size_t> dep_index;
    auto edge = [&](std::string_view from, std::string_view to) {
      auto [it, fresh] = dep_index.emplace(std::string(from), deps.size());
      if (fresh) deps.push_back(Dependency{std::string(from), {}, {}});
      if (to != "NONE") deps[it->second].depends_on.emplace_back(to);
    };
    std::vector<std::size_t> parent(n, kNone), parent_rel(n, kNone);
    std::vector<int> containers(n, 0);
    for (std::size_t i = 0; i < rels.size(); ++i) {
      const Rel& p = rels[i];
      if (!p.typed || taken[i]) continue;
      if (p.type == "DEPENDS_ON" && is_package(p.from) && (is_package(p.to) || p.to == "NONE")) {
        edge(p.from, p.to);
        taken[i] = p.plain;
      } else if (p.type == "DEPENDENCY_OF" && is_package(p.from) && is_package(p.to)) {
        edge(p.to, p.from);
        taken[i] = p.plain;
      } else if (p.type == "CONTAINS" && is_package(p.from) && is_package(p.to)) {
        std::size_t child = package_index(p.to);
        if (++containers[child] == 1) {
          parent[child] = package_index(p.from);
          parent_rel[child] = i;
        }
      }
    }
    // Nesting: a package contained by exactly one other, not the root, no cycle, not too deep.
    for (std::size_t c = 0; c < n; ++c)
      if (containers[c] != 1 || c == root) parent[c] = kNone;
    for (std::size_t c = 0; c < n; ++c) {
      std::size_t depth = 0;
      for (std::size_t at = parent[c]; at != kNone && depth <= kMaxNesting; at = parent[at]) {
        if (at == c) { depth = kMaxNesting + 1; break; }
        ++depth;
      }
      if (depth > kMaxNesting) parent[c] = kNone;
    }
    for (std::size_t c = 0; c < n; ++c)
      if (parent[c] != kNone) taken[parent_rel[c]] = rels[parent_rel[c]].plain;

    // Build the tree bottom-up: children in package order under their parent.
    std::vector<std::vector<std::size_t>> children(n);
    for (std::size_t c = 0; c < n; ++c)
      if (parent[c] != kNone) children[parent[c]].push_back(c);
    std::vector<std::size_t> order;  // post-order, iteratively
    order.reserve(n);
    std::vector<std::pair<std::size_t, std::size_t>> stack;
    for (std::size_t top = 0; top < n; ++top) {
      if (parent[top] != kNone) continue;
      stack.emplace_back(top, 0);
      while (!stack.empty()) {
        auto& [node, next] = stack.back();
        if (next < children[node].size()) {
          std::size_t child = children[node][next++];
          stack.emplace_back(child, 0);
        } else {
          order.push_back(node);
          stack.pop_back();
        }
      }
    }
    for (std::size_t node : order)
      for (std::size_t child : children[node]) components[node].components.push_back(std::move(components[child]));

    std::vector<Component> top;
    for (std::size_t c = 0; c < n; ++c) {
      if (parent[c] != kNone) continue;
      if (c == root) doc.metadata.component = std::move(components[c]);
      else top.push_back(std::move(components[c]));
    }
    doc.components = std::move(top);
    if (!deps.empty()) doc.dependencies = std::move(deps);
    json::Array rest;
    for (std::size_t i = 0; i < rels.size(); ++i)
      if (!taken[i]) rest.push_back(from_rel(std::move(rels[i])));
    if (!rest.empty()) doc.extra.emplace_back("relationships", Value(std::move(rest)));
  }

  std::string_view name_;
  Syntax syntax_;
  std::string document_id_{kDocumentId};
  // SPDXID -> package, viewing the bom-refs of the packages (alive until link() moves them).
  std::unordered_map<std::string_view, std::size_t> index_;
};

}  // namespace

Expected<Document> from_json(json::Value doc, std::string_view name, Syntax syntax) {
  return Reader(name, syntax).run(std::move(doc));
}

Expected<Document> read_spdx_json(std::string_view text, std::string_view name) {
  text = format::skip_utf8_bom(text);
  if (auto s = json::detail::validate(text, json::ParseOptions{}.max_depth, true); !s) return std::move(s.error().in_file(name));
  return read_spdx_json_validated(text, name);
}

Expected<Document> read_spdx_json_validated(std::string_view text, std::string_view name) {
  json::detail::Cursor cursor(text);
  return Reader(name, Syntax::SpdxJson).run(cursor);
}

Expected<Document> read_spdx_tag_value(std::string_view text, std::string_view name) {
  if (!json::valid_utf8(text)) {
    Error e("not UTF-8 text");
    e.file = name;
    return e;
  }
  auto v = tag_value_to_json(format::skip_utf8_bom(text), name);
  if (!v) return std::move(v.error());
  return from_json(std::move(*v), name, Syntax::SpdxTagValue);
}

}  // namespace sbom::spdx
