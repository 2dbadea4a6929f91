// SPDX 3.0.1 JSON-LD writer: the model as an @graph, deterministic ids, every loss reported.
//
// Order of @graph (deterministic; docs/formats.md): the document's CreationInfo, the agents, tools
// and license expressions this writer makes, the SpdxDocument and software_Sbom it makes (when
// the input had none), the packages (metadata.component first, then depth first), each package's
// license, dependsOn and contains relationships, the vulnerabilities with their VEX and CVSS
// relationships, then the elements kept from an SPDX 3 input, in input order.
#include <cstdint>
#include <cstdio>
#include <string>
#include <unordered_map>
#include <unordered_set>
#include <algorithm>
#include <optional>
#include <type_traits>
#include <variant>

#include "core/input_places.h"
#include "sbom/cvss.h"
#include "sbom/text.h"
#include "spdx3/carry.h"
#include "spdx3/graph.h"
#include "spdx3/id_table.h"
#include "spdx3/spdx3.h"
#include "spdx3/vocab.h"

namespace sbom::spdx3 {

namespace {

using json::Array;
using json::Object;
using json::Value;

constexpr std::string_view kNoneElement = "https://spdx.org/rdf/3.0.1/terms/Core/NoneElement";
constexpr std::string_view kDefaultCreated = "1970-01-01T00:00:00Z";

std::uint64_t fnv1a(std::string_view s, std::uint64_t h = 14695981039346656037ull) {
  for (unsigned char c : s) {
    h ^= c;
    h *= 1099511628211ull;
  }
  return h;
}
// Sixteen lowercase hex digits (what "%016llx" prints, without snprintf's format parsing: made
// ids take one per license of every package).
std::string hex64(std::uint64_t h) {
  static constexpr char kDigits[] = "0123456789abcdef";
  std::string out(16, '0');
  for (int i = 15; i >= 0; --i, h >>= 4) out[static_cast<std::size_t>(i)] = kDigits[h & 15];
  return out;
}
// A bom-ref as an IRI fragment: unreserved bytes kept, every other byte %XX, so distinct
// bom-refs stay distinct.
// (Runs of kept bytes are appended whole: every component and vulnerability id is made here.)
std::string escape_ref(std::string_view s) {
  static constexpr char kHex[] = "0123456789ABCDEF";
  std::string out;
  out.reserve(s.size() + s.size() / 2);
  std::size_t run = 0;  // where the bytes not appended yet start
  for (std::size_t i = 0; i < s.size(); ++i) {
    auto c = static_cast<unsigned char>(s[i]);
    if ((c >= 'A' && c <= 'Z') || (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') || c == '-' || c == '.' ||
        c == '_' || c == '~')
      continue;
    out.append(s.substr(run, i - run));
    const char escaped[3] = {'%', kHex[c >> 4], kHex[c & 15]};
    out.append(escaped, 3);
    run = i + 1;
  }
  out.append(s.substr(run));
  return out;
}

// Sets a member, replacing one of the same key (extras of an SPDX 3 input override what the
// writer would make: their creationInfo, their relationship ids).
void put(Object& o, std::string_view key, Value v) {
  if (Value* old = find_member(o, key)) *old = std::move(v);
  else o.emplace_back(std::string(key), std::move(v));
}
void put_string(Object& o, std::string_view key, std::string_view s) {
  if (!s.empty()) put(o, key, Value(s));
}
std::string string_of(const Value* v) { return v && v->is_string() ? v->as_string() : std::string(); }
Value string_array(const std::vector<std::string>& v) {
  Array a;
  for (const auto& s : v) a.emplace_back(s);
  return a;
}

// A model's hashes as an array of SPDX 3 Hash objects, and (type, identifier) pairs as an array
// of ExternalIdentifiers: what object_of and make_identifier make, written without them.
void write_hashes(json::Emitter& em, const std::vector<Hash>& hashes) {
  em.begin_array();
  for (const Hash& h : hashes) {
    em.begin_object();
    em.key("type");
    em.string("Hash");
    em.key("algorithm");
    em.string(hash_alg_to_spdx3(h.alg));
    em.key("hashValue");
    em.string(h.content);
    em.end_object();
  }
  em.end_array();
}
void write_identifiers(json::Emitter& em, const std::vector<std::pair<std::string_view, std::string_view>>& ids) {
  em.begin_array();
  for (const auto& [type, id] : ids) {
    em.begin_object();
    em.key("type");
    em.string("ExternalIdentifier");
    em.key("externalIdentifierType");
    em.string(type);
    em.key("identifier");
    em.string(id);
    em.end_object();
  }
  em.end_array();
}

// One element as the writer makes it: its members in order, written straight to the emitter
// (Writer::emit), never built as a json::Value. A member's key is a view (a literal, or the key
// of a kept member of the input document); its value is a view of text that outlives the element
// (a literal, a model string), an owned string (a made id, a date), an owned list of ids, a JSON
// value made here (references; hashes and identifiers from SPDX 3), another family's hashes and
// plain identifiers and plain properties written from the model (carry.h), or
// a member kept from an SPDX 3 input, pointed to and not copied. A json::Value per element copied every key longer than the short
// string buffer and every string, and freed them again, for every one of the ~350,000 elements
// of the benchmark document: most of the writer's time (bench/README.md, session 11).
//
// add() appends; put() replaces the first member of the key or appends (json::Object's order
// rules, which the output keeps). A std::string rvalue is owned, an lvalue or view is viewed.
class Element {
 public:
  // Plain properties (and a vulnerability's text entries), written as their `extension` array
  // (carry.h's write_properties_extension) without a json::Value in between.
  struct Properties {
    const std::vector<Property>* props;
    const Vulnerability* text;
  };
  struct OwnedProperties {  // made for the element (affected versions)
    std::vector<Property> props;
  };
  // A model's hashes as `verifiedUsing` Hash objects (another family's: their extras are losses,
  // never members), and plain ExternalIdentifiers (type, identifier), written as such without a
  // json::Value per object (write_hashes, write_identifiers).
  struct Hashes {
    const std::vector<Hash>* hashes;
  };
  struct Identifiers {
    std::vector<std::pair<std::string_view, std::string_view>> entries;
  };
  using Text = std::variant<std::string_view, std::string, std::vector<std::string>, Value, const Value*, Properties,
                            OwnedProperties, Hashes, Identifiers>;
  struct Member {
    std::string_view key;
    Text value;
  };

  Element() { members_.reserve(12); }
  void add(std::string_view key, const char* s) { members_.push_back(Member{key, std::string_view(s)}); }
  void add(std::string_view key, std::string_view s) { members_.push_back(Member{key, s}); }
  void add(std::string_view key, std::string&& s) { members_.push_back(Member{key, std::move(s)}); }
  void add_list(std::string_view key, std::vector<std::string> ids) { members_.push_back(Member{key, std::move(ids)}); }
  void add_value(std::string_view key, Value v) { members_.push_back(Member{key, std::move(v)}); }
  void put(std::string_view key, std::string_view s) { set(key, s); }
  void put(std::string_view key, std::string&& s) { set(key, std::move(s)); }
  void put_value(std::string_view key, Value v) { set(key, std::move(v)); }
  void put_properties(std::string_view key, const std::vector<Property>& props, const Vulnerability* text) {
    set(key, Properties{&props, text});
  }
  void put_properties(std::string_view key, std::vector<Property>&& props) { set(key, OwnedProperties{std::move(props)}); }
  void put_hashes(std::string_view key, const std::vector<Hash>& hashes) { set(key, Hashes{&hashes}); }
  void put_identifiers(std::string_view key, Identifiers ids) { set(key, std::move(ids)); }
  // A member of the input (its key and value live as long as the document).
  void put_kept(std::string_view key, const Value& v) { set(key, &v); }
  // put() when `s` is not empty.
  void put_string(std::string_view key, std::string_view s) {
    if (!s.empty()) set(key, s);
  }
  void put_string(std::string_view key, std::string&& s) {
    if (!s.empty()) set(key, std::move(s));
  }

  bool has(std::string_view key) const { return find(key) != nullptr; }
  // The member's text when it is a string (nullopt when absent or no string).
  std::optional<std::string_view> text_of(std::string_view key) const {
    const Text* t = find(key);
    if (!t) return std::nullopt;
    if (const auto* v = std::get_if<std::string_view>(t)) return *v;
    if (const auto* s = std::get_if<std::string>(t)) return *s;
    const Value* v = value_of(*t);
    if (v && v->is_string()) return std::string_view(v->as_string());
    return std::nullopt;
  }
  std::string_view text(std::string_view key) const { return text_of(key).value_or(std::string_view()); }
  // The member's strings when it is a non-empty array of strings; false otherwise.
  bool strings(std::string_view key, std::vector<std::string_view>& out) const {
    const Text* t = find(key);
    if (!t) return false;
    if (const auto* list = std::get_if<std::vector<std::string>>(t)) {
      out.assign(list->begin(), list->end());
      return !out.empty();
    }
    const Value* v = value_of(*t);
    if (!v || !v->is_array() || v->as_array().empty()) return false;
    for (const Value& s : v->as_array()) {
      if (!s.is_string()) return false;
      out.push_back(s.as_string());
    }
    return true;
  }
  // The member as a json::Value (a copy); nullopt when absent.
  std::optional<Value> copy(std::string_view key) const {
    const Text* t = find(key);
    if (!t) return std::nullopt;
    return to_value(*t);
  }
  const std::vector<Member>& members() const { return members_; }
  // The roles of the element's spdxId in the writer's id table, when the writer holds them (an id
  // it made: Writer::put_made_id, a package's or vulnerability's id from another family), so
  // emit() marks the id written without looking it up again.
  void set_roles(std::uint8_t* roles) { roles_ = roles; }
  std::uint8_t* roles() const { return roles_; }
  // The element as a json::Value, for the few that wait while the CreationInfo is made.
  Value to_value() const {
    Object o;
    o.reserve(members_.size());
    for (const Member& m : members_) o.emplace_back(std::string(m.key), to_value(m.value));
    return o;
  }

 private:
  // The extension array of plain properties as put_properties (and put_vulnerability_text) put it.
  static Value properties_value(const std::vector<Property>& props, const Vulnerability* text) {
    Object o;
    spdx3::put_properties(o, props, /*same_family=*/true, [](std::string, std::string, std::string) {});
    if (text) put_vulnerability_text(o, *text);
    return std::move(o.front().second);
  }
  static const Value* value_of(const Text& t) {
    if (const auto* v = std::get_if<Value>(&t)) return v;
    if (const auto* p = std::get_if<const Value*>(&t)) return *p;
    return nullptr;
  }
  static Value to_value(const Text& t) {
    if (const auto* v = std::get_if<std::string_view>(&t)) return Value(*v);
    if (const auto* s = std::get_if<std::string>(&t)) return Value(*s);
    if (const auto* list = std::get_if<std::vector<std::string>>(&t)) return string_array(*list);
    if (const auto* p = std::get_if<Properties>(&t)) return properties_value(*p->props, p->text);
    if (const auto* p = std::get_if<OwnedProperties>(&t)) return properties_value(p->props, nullptr);
    if (const auto* h = std::get_if<Hashes>(&t)) {
      Array a;
      for (const Hash& x : *h->hashes) a.push_back(object_of(3, "type", "Hash", "algorithm", hash_alg_to_spdx3(x.alg), "hashValue", x.content));
      return a;
    }
    if (const auto* ids = std::get_if<Identifiers>(&t)) {
      Array a;
      for (const auto& [type, id] : ids->entries) a.push_back(make_identifier(type, id));
      return a;
    }
    return *value_of(t);
  }
  const Text* find(std::string_view key) const {
    for (const Member& m : members_)
      if (m.key == key) return &m.value;
    return nullptr;
  }
  void set(std::string_view key, Text v) {
    for (Member& m : members_)
      if (m.key == key) {
        m.value = std::move(v);
        return;
      }
    members_.push_back(Member{key, std::move(v)});
  }
  std::vector<Member> members_;
  std::uint8_t* roles_ = nullptr;
};

// Runs `f` on a json::Object holding just `el`'s member `key` (when it has one) and puts the
// result back: the carry.h writers work on objects and touch only their own member.
template <typename F>
void with_member(Element& el, std::string_view key, F f) {
  Object o;
  if (auto v = el.copy(key)) o.emplace_back(std::string(key), std::move(*v));
  f(o);
  if (!o.empty()) el.put_value(key, std::move(o.front().second));
}

// The namespace of made ids: the serial number when there is one, else a hash of what
// identifies the components, so the same document always gets the same ids.
std::string id_base(const Document& doc) {
  if (!doc.serial_number.empty()) return doc.serial_number + "#SPDXRef-";
  std::uint64_t h = fnv1a(doc.name);
  doc.for_each_component([&](const Component& c) {
    for (const auto* s : {&c.bom_ref, &c.name, &c.version, &c.purl}) h = fnv1a(*s + '\n', h);
  });
  return "urn:sbomkit:spdx3:" + hex64(h) + "#SPDXRef-";
}

class Writer {
 public:
  Writer(const Document& doc, const format::LossFn& loss)
      : doc_(doc), loss_(loss), same_family_(family_of(doc.syntax) == Family::Spdx3), base_(id_base(doc)), ids_(base_) {}

  Status run(const json::Sink& sink);

 private:
  void lose(std::string location, std::string what, std::string why) {
    if (loss_) loss_(format::Loss{std::move(location), std::move(what), std::move(why)});
  }
  // Extras of the same family go in (to an Element, pointed to); of another family each member
  // is a loss. `handled` members the caller wrote itself.
  template <typename Target>
  void add_extras(Target& o, const Object& extra, const std::string& location,
                  std::initializer_list<std::string_view> handled = {}) {
    for (const auto& [k, v] : extra) {
      if (!same_family_) {
        if (!is_blank(v)) lose_member(location, k);
        continue;
      }
      if (std::find(handled.begin(), handled.end(), k) != handled.end()) continue;
      if (k == "spdxId" && v.is_string()) use_id(v.as_string());
      if constexpr (std::is_same_v<Target, Element>) o.put_kept(k, v);
      else put(o, k, v);
    }
  }
  // What a carry.h writer cannot write, at `location` plus its suffix.
  LostFn lost_at(const std::string& location) {
    return [this, location](std::string at, std::string what, std::string why) { lose(location + at, std::move(what), std::move(why)); };
  }
  void lose_member(const std::string& location, const std::string& key) {
    std::string at = location;
    at += '/';
    at += json::pointer_token(key);
    lose(std::move(at), "member '" + key + "'", "SPDX 3 has no place for it");
  }
  // `id`, or with the first "-N" that makes it one no element has; `also` roles are given to it.
  // Its roles in the id table are left in taken_roles_ (they stay where they are: id_table.h).
  std::string unique(std::string id, std::uint8_t also = 0) {
    if (use_id(id, also)) return id;
    for (int n = 2;; ++n)
      if (std::string c = id + "-" + std::to_string(n); use_id(c, also)) return c;
  }
  // The id of an element written as soon as it is made (a relationship): taken and marked written
  // in one look-up of the id table, so emit() does not look it up again.
  void put_made_id(Element& el, std::string id) {
    el.put("spdxId", unique(std::move(id), kEmitted));
    el.set_roles(taken_roles_);
  }
  // SPDX 3 date-times are UTC with a Z and whole seconds (the schema's pattern): another RFC 3339
  // spelling of the instant is written so (a non-zero fraction dropped is a loss); a text that is
  // no date-time is lost ("" returned).
  std::string date_time(const std::string& text, const std::string& location, std::string_view what) {
    if (text.empty()) return {};
    auto t = text::parse_utc_time(text);
    if (!t) {
      lose(location, std::string(what) + " '" + text + "'", "an SPDX 3 date-time is YYYY-MM-DDThh:mm:ssZ");
      return {};
    }
    if (auto dot = text.find('.'); dot != std::string::npos && text.find_first_of("123456789", dot) < text.find_first_of("Zz+-", dot))
      lose(location, std::string(what) + " '" + text + "'", "an SPDX 3 date-time has whole seconds");
    return text::rfc3339_utc(*t);
  }
  std::string made_id(std::string_view kind, std::string_view key) { return unique(base_ + std::string(kind) + "-" + std::string(key)); }
  // creationInfo always follows spdxId: an input's own value replaces it in place (put), so the
  // member sits in one place whether or not the input had it (the output is its own fixed point).
  // The id is viewed when it is an lvalue (a table's id, which outlives the element) and owned
  // when it is made for the element.
  Element element(std::string_view type, const std::string& id) {
    Element el;
    el.add("type", type);
    el.add("spdxId", std::string_view(id));
    el.add("creationInfo", std::string_view(creation_info_id_));
    return el;
  }
  Element element(std::string_view type, std::string&& id) {
    Element el;
    el.add("type", type);
    el.add("spdxId", std::move(id));
    el.add("creationInfo", std::string_view(creation_info_id_));
    return el;
  }
  // Each element is serialised as soon as it is made (held back only while the CreationInfo,
  // which leads the graph, is being made): the @graph never exists as one tree. Building then
  // freeing a tree of every element was most of a conversion's time (its millions of small
  // allocations), and its memory most of the peak.
  void emit(const Element& el) {
    if (el.roles()) *el.roles() |= kEmitted;
    else mark_emitted(el.text("spdxId"));
    mark_emitted(el.text("@id"));
    if (holding_) {
      held_.push_back(el.to_value());
      return;
    }
    em_.begin_object();
    for (const Element::Member& m : el.members()) {
      em_.key(m.key);
      std::visit(
          [this](const auto& v) {
            using T = std::decay_t<decltype(v)>;
            if constexpr (std::is_same_v<T, std::string_view> || std::is_same_v<T, std::string>) {
              em_.string(v);
            } else if constexpr (std::is_same_v<T, std::vector<std::string>>) {
              em_.begin_array();
              for (const std::string& s : v) em_.string(s);
              em_.end_array();
            } else if constexpr (std::is_same_v<T, Value>) {
              em_.value(v);
            } else if constexpr (std::is_same_v<T, Element::Properties>) {
              write_properties_extension(em_, *v.props, v.text);
            } else if constexpr (std::is_same_v<T, Element::OwnedProperties>) {
              write_properties_extension(em_, v.props, nullptr);
            } else if constexpr (std::is_same_v<T, Element::Hashes>) {
              write_hashes(em_, *v.hashes);
            } else if constexpr (std::is_same_v<T, Element::Identifiers>) {
              write_identifiers(em_, v.entries);
            } else {
              em_.value(*v);
            }
          },
          m.value);
    }
    em_.end_object();
    pass_on();
  }
  void mark_emitted(std::string_view id) {
    if (id.empty()) return;
    roles_of(id) |= kEmitted;
  }
  void write_element(Value v) {
    if (holding_) {
      held_.push_back(std::move(v));
      return;
    }
    em_.value(v);
    pass_on();
  }
  // Hands full chunks of text on (or keeps them, when held until the check).
  void pass_on() {
    if (text_.size() < kChunk) return;
    if (streaming_) {
      (*streaming_)(text_);
      text_.clear();
    } else {
      // A full chunk is kept as it is (moved, not copied) and the emitter starts a new one.
      chunks_.push_back(std::move(text_));
      text_ = std::string();
      text_.reserve(kChunk + kChunk / 4);
    }
  }
  // Every relationship end must be an element: one not written yet is checked again once the
  // graph is whole (check_targets).
  void emit_relationship(const Element& el) {
    auto from = el.text_of("from");
    std::vector<std::string_view> to;
    if (from && el.text_of("relationshipType") && el.strings("to", to)) {
      // In the order check_targets reports them: the targets, then `from`.
      auto check = [&](std::string_view end) {
        if (end != kNoneElement && !has(end, kEmitted | kKept))
          unresolved_.push_back(Unresolved{std::string(el.text("spdxId")), std::string(end)});
      };
      for (std::string_view t : to) check(t);
      check(*from);
    }
    emit(el);
  }

  // The elements a vulnerability record's affects name (a component's, or a kept element), and
  // which affects those are; report_targets reports the others (and, from another family, the
  // affects' extras) as write_statement's losses.
  struct Targets {
    std::vector<std::string> to;
    std::vector<const Affect*> which;
  };
  // carry.h's put_affect_versions for an Element: plain ones (every version has a value) are
  // written as they are, without json::Values, when the element has no kept extension.
  void put_versions(Element& el, const std::vector<const std::vector<AffectedVersion>*>& versions, const LostFn& lost) {
    std::vector<Property> props = affect_version_properties(versions, lost);
    if (props.empty()) return;
    if (plain_properties(props) && !el.has("extension"))
      el.put_properties("extension", std::move(props));
    else
      with_member(el, "extension", [&](Object& x) { put_properties(x, props, /*same_family=*/true, lost); });
  }
  void assign_ids();
  void write_creation_info();
  std::string agent_id(const Object& extra, std::string_view kind, std::string_view key, bool& written);
  std::string tool_id(const Tool& t, std::size_t i);
  std::string author_id(const Contact& c, std::size_t i);
  std::string expression_id(const License& l);
  std::string name_license_id(const License& l);
  void write_document_elements();
  void put_sbom_types(Object& sbom);
  std::string supplier_id(const OrganizationalEntity& s, const std::string& location);
  // What an agent the writer makes carries besides its name: e-mails and web pages.
  struct AgentContacts {
    std::vector<std::string> emails, urls;
  };
  std::string made_agent(std::string_view type, const std::string& name, const AgentContacts& contacts = {});
  std::string source_agent(const std::string& name, const Object& source_extra);
  std::string originator_id(std::string_view type, const std::string& name);
  void write_component(const Component& c, const std::string& location);
  void write_licenses(const Component& c, const std::string& id, const std::string& location);
  void write_occurrences(const Component& c, const std::string& id, const std::string& location);
  void write_distribution(const Component& c, const std::string& id, const std::string& location,
                          const std::vector<std::size_t>& which);
  void emit_artifacts(const std::string& id, std::string_view relationship_type, std::string_view suffix,
                      const std::vector<Element>& files);
  void write_dependencies();
  void write_vulnerabilities();
  void write_vulnerability(const Vulnerability& v, const std::string& id, std::uint8_t* roles, const std::string& location);
  void write_statement(const Vulnerability& v, const std::string& vid, std::size_t n, const std::string& location,
                       const Targets& targets);
  void write_ratings(const Vulnerability& v, const std::string& vid, const std::string& location, const Targets& targets);
  void write_kept_graph();
  Value kept_document_element(const Value& e);
  Status check_targets() const;
  Targets resolve_targets(const std::vector<Affect>& affects) const;
  void report_targets(const std::vector<Affect>& affects, const Targets& t, const std::string& location);

  const Document& doc_;
  const format::LossFn& loss_;
  bool same_family_;
  std::string base_;
  std::string creation_info_id_ = "_:creationinfo";
  // Every id the writer has met, with what it is: taken (by unique() and the like), written, an id of
  // a kept @graph element. One table, so each id is stored and hashed once, not once per role
  // (half a million ids in the benchmark document); keyed by what follows base_ in the ids made
  // here (id_table.h: an unordered_map of whole ids was a seventh of the conversion).
  enum IdRole : std::uint8_t { kUsed = 1, kEmitted = 2, kKept = 4 };
  IdTable ids_;
  std::uint8_t& roles_of(std::string_view id) { return ids_[id]; }
  // Takes `id`: false when it was taken already. When it is taken here, taken_roles_ holds its roles.
  bool use_id(std::string_view id, std::uint8_t also = 0) {
    std::uint8_t& roles = roles_of(id);
    bool fresh = !(roles & kUsed);
    roles |= fresh ? kUsed | also : kUsed;
    if (fresh) taken_roles_ = &roles;
    return fresh;
  }
  std::uint8_t* taken_roles_ = nullptr;
  bool has(std::string_view id, unsigned roles) const { return ids_.flags(id) & roles; }
  // The ids of the packages and vulnerabilities, made before any is written, with their roles in
  // the id table (emit() marks them written through these). The bom-refs are viewed in the
  // document and the ids in component_id_'s nodes (which never move): two hundred thousand
  // strings fewer to allocate and free on a large document.
  struct MadeId {
    std::string id;
    std::uint8_t* roles;
  };
  std::unordered_map<std::string_view, const std::string*> id_of_;  // bom-ref -> spdxId
  std::unordered_map<const Component*, MadeId> component_id_;
  std::vector<MadeId> vuln_ids_;  // per vulnerability; copies with one bom-ref share one
  std::vector<std::size_t> vuln_statement_;  // per vulnerability: the how-manieth record of its element
  // Relationship ends that named no element when their relationship was written, in graph order.
  struct Unresolved {
    std::string relationship;  // its spdxId
    std::string end;
  };
  std::vector<Unresolved> unresolved_;
  std::string root_id_;  // metadata.component's element
  const Array* kept_ = nullptr;  // @graph kept from an SPDX 3 input
  std::unordered_set<const Value*> written_early_;  // kept elements written before the kept graph
  std::unordered_map<std::string, const Value*> kept_by_id_;          // spdxId -> kept element
  std::unordered_map<std::string, std::string> kept_by_type_name_;    // type, name -> the first one's spdxId
  std::unordered_map<std::string_view, std::string> expression_ids_;  // license expression (in the model) -> id
  // package, vulnerability -> the kept hasAssociatedVulnerability relationships and the index in their `to`
  std::unordered_map<std::string, std::vector<std::pair<const Value*, std::size_t>>> kept_associations_;
  // Affected versions (per `to` index) to put on kept hasAssociatedVulnerability relationships.
  std::unordered_map<const Value*, std::vector<const std::vector<AffectedVersion>*>> kept_versions_;
  std::unordered_map<const Value*, LostFn> kept_versions_lost_;
  std::unordered_map<std::string, std::string> made_agent_ids_;  // type and name -> made agent id
  std::vector<Element> made_agents_;  // written after the kept elements
  // The text of the document as it is written, in chunks of about kChunk bytes. Every relationship
  // end must be an element (check_targets). Written from another family, the document names only
  // elements this writer makes and writes (an unknown ref is a loss, never an end), so the check
  // cannot fail on any input and the text streams to the sink (`streaming_`) as it is made; the
  // check still runs, and failing it is a bug of this writer. Written from SPDX 3, an input's kept
  // members may name elements that are not there: the chunks are held and handed to the sink only
  // once the graph is checked, so bad input writes nothing.
  static constexpr std::size_t kChunk = std::size_t{1} << 20;
  std::vector<std::string> chunks_;
  const json::Sink* streaming_ = nullptr;
  std::string text_;
  json::Emitter em_{text_, 2};
  bool holding_ = false;  // while the CreationInfo is made: the elements made meanwhile wait in held_
  Array held_;
};

void Writer::assign_ids() {
  // The tables sized once for the usual few ids per component and vulnerability (the element,
  // its relationships), not grown step by step through the whole document.
  std::size_t components = 0;
  doc_.for_each_component([&](const Component&) { ++components; });
  std::size_t vulnerabilities = doc_.vulnerabilities ? doc_.vulnerabilities->size() : 0;
  ids_.reserve(4 * (components + vulnerabilities));
  id_of_.reserve(components);
  component_id_.reserve(components);
  if (same_family_)
    if (const Value* g = find_member(doc_.extra, "@graph"); g && g->is_array()) {
      kept_ = &g->as_array();
      // Indexes of the kept elements, so that finding one is not a pass over the graph.
      for (const Value& e : *kept_) {
        for (std::string_view key : {"spdxId", "@id"})
          if (const Value* id = e.find(key); id && id->is_string()) {
            roles_of(id->as_string()) |= kKept | kUsed;
          }
        // An association without an spdxId is one too: the reader took an affect from it (from a
        // Relationship only, as the reader does).
        if (auto r = string_of(e.find("type")) == "Relationship" ? relationship_of(e) : std::nullopt;
            r && r->relationship_type == "hasAssociatedVulnerability")
          for (std::size_t k = 0; k < r->to.size(); ++k) kept_associations_[r->from + '\n' + r->to[k]].emplace_back(&e, k);
        std::string sid = string_of(e.find("spdxId"));
        if (sid.empty()) continue;
        kept_by_id_.emplace(sid, &e);
        kept_by_type_name_.emplace(string_of(e.find("type")) + '\n' + string_of(e.find("name")), sid);
      }
    }
  auto assign = [&](const Component& c) {
    const std::string& ref = c.bom_ref;
    std::string id;
    if (same_family_ && !ref.empty()) id = unique(ref);
    else if (!ref.empty()) id = unique(base_ + escape_ref(ref));
    else id = made_id("Package", hex64(fnv1a(c.name + '\n' + c.version + '\n' + c.purl)));
    return MadeId{std::move(id), taken_roles_};
  };
  doc_.for_each_component([&](const Component& c) {
    const MadeId& made = component_id_.emplace(&c, assign(c)).first->second;
    if (!c.bom_ref.empty()) id_of_.emplace(c.bom_ref, &made.id);
    if (doc_.metadata.component && &c == &*doc_.metadata.component) root_id_ = made.id;
  });
  if (doc_.vulnerabilities) {
    // bom-ref -> the element's record (in vuln_ids_) and how many records (VEX statements) name it so far
    std::unordered_map<std::string_view, std::pair<std::size_t, std::size_t>> by_ref;
    vuln_ids_.reserve(vulnerabilities);
    vuln_statement_.reserve(vulnerabilities);
    for (std::size_t i = 0; i < doc_.vulnerabilities->size(); ++i) {
      const Vulnerability& v = (*doc_.vulnerabilities)[i];
      // A further VEX statement about a vulnerability read from SPDX 3 names it in `from`.
      const Value* from = same_family_ && v.analysis ? find_member(v.analysis->extra, "from") : nullptr;
      if (auto it = by_ref.find(from && from->is_string() ? std::string_view(from->as_string()) : std::string_view(v.bom_ref));
          !v.bom_ref.empty() && it != by_ref.end()) {
        MadeId shared = vuln_ids_[it->second.first];
        vuln_ids_.push_back(std::move(shared));
        vuln_statement_.push_back(it->second.second++);
        continue;
      }
      std::string id;
      if (same_family_ && !v.bom_ref.empty()) id = unique(v.bom_ref);
      else if (!v.bom_ref.empty()) id = unique(base_ + "Vulnerability-" + escape_ref(v.bom_ref));
      else id = made_id("Vulnerability", escape_ref(v.id));
      // (unique() makes every new id distinct: a record found in by_ref is the only way to share one.)
      if (!v.bom_ref.empty()) by_ref.emplace(v.bom_ref, std::pair(vuln_ids_.size(), std::size_t{1}));
      vuln_ids_.push_back(MadeId{std::move(id), taken_roles_});
      vuln_statement_.push_back(0);
    }
  }
}

void Writer::write_creation_info() {
  // The CreationInfo leads the graph, but the agents and tools it names are made (and emitted)
  // first: they wait until it is written.
  holding_ = true;
  Object ci{{"type", "CreationInfo"}};
  // An id among the kept members (an spdxId a CreationInfo should not have) is taken before the
  // writer makes the agents, so none of them gets it.
  if (same_family_)
    if (const Value* sid = find_member(doc_.metadata.extra, "spdxId"); sid && sid->is_string()) use_id(sid->as_string());
  const Value* own = same_family_ ? find_member(doc_.metadata.extra, "@id") : nullptr;
  // A made one must not take the id of a kept CreationInfo (the output would name two nodes alike).
  creation_info_id_ = own && own->is_string() ? own->as_string() : unique(creation_info_id_);
  use_id(creation_info_id_);  // no author or tool element takes it (a createdBy may name it)
  ci.emplace_back("@id", creation_info_id_);
  ci.emplace_back("specVersion", kSpecVersion);
  std::string created = date_time(doc_.metadata.timestamp, "/metadata/timestamp", "timestamp");
  ci.emplace_back("created", created.empty() ? std::string(kDefaultCreated) : created);
  std::vector<std::string> by, using_;
  for (std::size_t i = 0; i < doc_.metadata.authors.size(); ++i) by.push_back(author_id(doc_.metadata.authors[i], i));
  // A createdBy the reader kept as it was (not all references) is written back instead.
  bool kept_by = same_family_ && find_member(doc_.metadata.extra, "createdBy");
  if (by.empty() && !kept_by) {
    // SPDX 3 requires an agent: the one that wrote this document. It reads back as an author, so
    // it is written where authors are (before the tools).
    Element a = element("SoftwareAgent", made_id("Agent", "writer"));
    a.add("name", "sbomkit");
    by.emplace_back(a.text("spdxId"));
    emit(a);
  }
  for (std::size_t i = 0; i < doc_.metadata.tools.size(); ++i) using_.push_back(tool_id(doc_.metadata.tools[i], i));
  ci.emplace_back("createdBy", string_array(by));
  if (!using_.empty()) ci.emplace_back("createdUsing", string_array(using_));
  add_extras(ci, doc_.metadata.extra, "/metadata");
  if (!same_family_)
    for (const auto& [k, v] : doc_.metadata.tools_extra)
      if (!is_blank(v)) lose_member("/metadata/tools", k);
  roles_of(creation_info_id_) |= kEmitted;
  holding_ = false;
  em_.value(Value(std::move(ci)));
  for (Value& v : held_) em_.value(v);
  held_ = Array{};
}

// An agent, tool or license expression element of the input is referred to as it is when it still
// says what the model says; otherwise a new element is made.
const Value* kept_element(const std::unordered_map<std::string, const Value*>& kept_by_id, const Object& extra) {
  const Value* id = find_member(extra, "spdxId");
  if (!id || !id->is_string()) return nullptr;
  auto it = kept_by_id.find(id->as_string());
  return it == kept_by_id.end() ? nullptr : it->second;
}

// The agent or tool element of an SPDX 3 input keeps its id (its `spdxId` extra). It is written
// here, from the model, unless an element of that id is written anyway (a package, a kept element,
// the same agent named twice): then `written` is true and it is only referred to.
std::string Writer::agent_id(const Object& extra, std::string_view kind, std::string_view key, bool& written) {
  written = false;
  if (const Value* id = same_family_ ? find_member(extra, "spdxId") : nullptr; id && id->is_string() && !id->as_string().empty()) {
    written = !use_id(id->as_string());
    return id->as_string();
  }
  return made_id(kind, hex64(fnv1a(key)));
}

std::string Writer::tool_id(const Tool& t, std::size_t i) {
  std::string name = t.name;
  if (!t.version.empty()) name += (name.empty() ? "" : " ") + t.version;
  std::string loc = t.source_location.empty() ? "/metadata/tools/" + std::to_string(i) : t.source_location;
  bool written = false;
  std::string id = agent_id(t.extra, "Tool", name, written);
  if (written) return id;
  // The version is written in the name; lost when the name does not read back as the two.
  std::string back = name;
  std::string back_version = split_tool_name(back);
  if (!t.version.empty() && (back_version != t.version || back != t.name))
    lose(loc + "/version", "tool version '" + t.version + "'", "an SPDX 3 Tool has no version: written as part of its name");
  else if (t.version.empty() && !back_version.empty())
    lose(loc + "/name", "tool name '" + t.name + "'", "reads back as a name and a version");
  if (!t.vendor.empty()) lose(loc + std::string(tool_vendor_member(doc_, t)), "tool vendor '" + t.vendor + "'", "an SPDX 3 Tool has no vendor");
  for (std::size_t r = 0; r < t.external_references.size(); ++r)
    lose(loc + "/externalReferences/" + std::to_string(r), "tool reference", "an SPDX 3 Tool has none");
  for (std::size_t h = 0; h < t.hashes.size(); ++h) lose(loc + "/hashes/" + std::to_string(h), "tool hash", "an SPDX 3 Tool has no hashes");
  if (t.service) lose(loc, "the tool is a service", "an SPDX 3 Tool is software, not a service");
  Element el = element("Tool", id);
  el.put_string("name", std::move(name));
  // A CycloneDX tool component's type "application" is what an SPDX 3 Tool is.
  Object extra;
  for (const auto& m : t.extra)
    if (same_family_ || !(m.first == "type" && m.second.is_string() && m.second.as_string() == "application")) extra.push_back(m);
  add_extras(el, extra, loc);
  emit(el);
  return id;
}

std::string Writer::author_id(const Contact& c, std::size_t i) {
  std::string loc = "/metadata/authors/" + std::to_string(i);
  bool written = false;
  std::string id = agent_id(c.extra, "Person", c.name + '\n' + c.email, written);
  if (written) return id;
  Element el = element("Person", id);
  el.put_string("name", c.name);
  // The email is the email identifier among the element's own identifiers, when it had them.
  const Value* own = same_family_ ? find_member(c.extra, "externalIdentifier") : nullptr;
  Value ids = own && own->is_array() ? *own : Value(Array{});
  if (Value* e = find_identifier(ids, kEmailType)) {
    if (!c.email.empty()) e->set("identifier", c.email);
    else ids.as_array().erase(ids.as_array().begin() + (e - ids.as_array().data()));
  } else if (!c.email.empty()) {
    ids.as_array().insert(ids.as_array().begin(), make_identifier("email", c.email));
  }
  if (!ids.as_array().empty() || own) el.put_value("externalIdentifier", std::move(ids));
  if (!c.phone.empty()) lose(loc + "/phone", "author phone", "an SPDX 3 Person has no phone");
  if (!c.bom_ref.empty()) lose(loc + "/bom-ref", "author bom-ref '" + c.bom_ref + "'", "an SPDX 3 agent has an spdxId of its own");
  add_extras(el, c.extra, loc, {"externalIdentifier"});
  emit(el);
  return id;
}

std::string Writer::expression_id(const License& l) {
  const std::string& expr = !l.expression.empty() ? l.expression : l.id;
  if (expr.empty()) return name_license_id(l);
  if (const Value* e = kept_element(kept_by_id_, l.license_extra);
      e && string_of(e->find("simplelicensing_licenseExpression")) == expr)
    return e->find("spdxId")->as_string();
  // An expression met before has its id already (a large document repeats a few expressions
  // a hundred thousand times): the same id the steps below would give, without making it again.
  if (auto known = expression_ids_.find(expr); known != expression_ids_.end()) return known->second;
  std::string id = base_ + "License-" + hex64(fnv1a(expr));
  if (use_id(id)) {
    Element el = element("simplelicensing_LicenseExpression", id);
    el.add("simplelicensing_licenseExpression", std::string_view(expr));
    emit(el);
  }
  expression_ids_.emplace(expr, id);
  return id;
}

// A license known by its name only: a LicenseExpression of a LicenseRef, which its customIdToUri
// maps to a SimpleLicensingText carrying the name (graph.h, docs/formats.md). Its text is not
// known, and SPDX 3.0.1 requires the member: it is written empty.
std::string Writer::name_license_id(const License& l) {
  if (const Value* e = kept_element(kept_by_id_, l.license_extra)) {
    auto kept = [&](std::string_view id) -> const Value* {
      auto it = kept_by_id_.find(std::string(id));
      return it == kept_by_id_.end() ? nullptr : it->second;
    };
    if (custom_license_name(*e, kept) == l.name) return e->find("spdxId")->as_string();
  }
  std::string id = base_ + "LicenseRef-" + hex64(fnv1a(l.name));
  if (use_id(id)) {
    std::string ref = license_ref_of_name(l.name);
    std::string text_id = unique(id + "-text");
    Element el = element("simplelicensing_LicenseExpression", id);
    el.add("simplelicensing_licenseExpression", std::string_view(ref));
    Array map;
    map.push_back(object_of(3, "type", "DictionaryEntry", "key", ref, "value", text_id));
    el.add_value("simplelicensing_customIdToUri", std::move(map));
    emit(el);
    Element text = element("simplelicensing_SimpleLicensingText", std::move(text_id));
    text.add("name", std::string_view(l.name));
    text.add("simplelicensing_licenseText", "");
    emit(text);
  }
  return id;
}

void Writer::write_document_elements() {
  // A kept SpdxDocument, and the software_Sbom it roots at, are written here, where the writer
  // writes the ones it makes: a document that had none reads back with the made ones, kept.
  const Value* kept_doc = nullptr;
  if (kept_)
    for (const Value& e : *kept_)
      if (!kept_doc && string_of(e.find("type")) == "SpdxDocument") kept_doc = &e;
  if (kept_doc) {
    written_early_.insert(kept_doc);
    write_element(kept_document_element(*kept_doc));
    const Value* roots = kept_doc->find("rootElement");
    std::string first = roots && roots->is_array() && !roots->as_array().empty() ? string_of(&roots->as_array()[0]) : "";
    if (auto it = kept_by_id_.find(first); it != kept_by_id_.end() && string_of(it->second->find("type")) == "software_Sbom") {
      written_early_.insert(it->second);
      // metadata.component is the first root of this SBOM (of no other: the reader took it from here).
      Value sbom = *it->second;
      put_sbom_types(sbom.as_object());
      Value* roots = sbom.find("rootElement");
      if (!root_id_.empty() && roots && roots->is_array() && !roots->as_array().empty()) roots->as_array()[0] = root_id_;
      write_element(std::move(sbom));
    }
    return;
  }
  std::string sbom_id = made_id("SBOM", "0");
  Element d = element("SpdxDocument", made_id("DOCUMENT", "0"));
  std::string name = doc_.name;
  if (name.empty() && doc_.metadata.component) name = doc_.metadata.component->name;
  d.put_string("name", std::move(name));
  Array profiles{"core", "software"};
  bool licenses = false;
  doc_.for_each_component([&](const Component& c) { licenses = licenses || !c.licenses.empty(); });
  if (licenses) profiles.emplace_back("simpleLicensing");
  if (doc_.vulnerabilities && !doc_.vulnerabilities->empty()) profiles.emplace_back("security");
  // Properties are written as the Extension profile's CdxPropertiesExtension.
  bool properties = !doc_.metadata.properties.empty();
  doc_.for_each_component([&](const Component& c) { properties = properties || !c.properties.empty(); });
  if (doc_.vulnerabilities)
    for (const auto& v : *doc_.vulnerabilities) properties = properties || !v.properties.empty();
  if (properties) profiles.emplace_back("extension");
  d.add_value("profileConformance", std::move(profiles));
  d.add_list("rootElement", {sbom_id});
  with_member(d, "extension", [&](Object& o) { put_properties(o, doc_.metadata.properties, same_family_, lost_at("/metadata")); });
  emit(d);
  Element s = element("software_Sbom", sbom_id);
  // The SBOM's roots: metadata.component, else the top-level components.
  std::vector<std::string> roots;
  if (!root_id_.empty()) roots.push_back(root_id_);
  else if (doc_.components)
    for (const auto& c : *doc_.components)
      if (!c.bom_ref.empty()) roots.push_back(*id_of_.at(c.bom_ref));
  if (!roots.empty()) s.add_list("rootElement", std::move(roots));
  Object types;
  put_sbom_types(types);
  if (!types.empty()) s.put_value("software_sbomType", std::move(types.front().second));
  emit(s);
}

// The generation context as the SBOM's software_sbomType (docs/formats.md); a lifecycle SPDX 3
// has no sbomType for is lost.
void Writer::put_sbom_types(Object& sbom) {
  Array types;
  const std::vector<Lifecycle>& ls = doc_.metadata.lifecycles;
  for (std::size_t i = 0; i < ls.size(); ++i) {
    const Lifecycle& l = ls[i];
    const std::string at = "/metadata/lifecycles/" + std::to_string(i);
    std::string type = sbom_type_of(l);
    if (type.empty()) {
      lose(at, "lifecycle '" + (l.phase.empty() ? l.name : l.phase) + "'", "SPDX 3 has no sbomType for it");
      continue;
    }
    if (!l.description.empty()) lose(at + "/description", "lifecycle description", "an SPDX 3 sbomType has none");
    for (const auto& [k, v] : l.extra)
      if (!is_blank(v)) lose_member(at, k);
    types.emplace_back(std::move(type));
  }
  if (!types.empty()) put(sbom, "software_sbomType", Value(std::move(types)));
}

// The agent a supplier is: the element it was read from (SPDX 3 input), else an Organization
// made once per name. Made ones are written after the kept elements, where they are when read
// back (so the output is its own fixed point).
std::string Writer::supplier_id(const OrganizationalEntity& s, const std::string& loc) {
  if (const Value* id = same_family_ ? find_member(s.extra, "spdxId") : nullptr; id && id->is_string() &&
      has(id->as_string(), kKept | kEmitted))
    return id->as_string();
  // Each contact's e-mail is an `email` ExternalIdentifier of the Organization, each url an
  // `altWebPage` ExternalRef (docs/formats.md): what else a contact holds has no place.
  AgentContacts contacts;
  for (std::size_t i = 0; i < s.contacts.size(); ++i) {
    const Contact& c = s.contacts[i];
    std::string cl = loc + "/contact/" + std::to_string(i);
    if (c.email.empty()) {
      lose(cl, "supplier contact" + (c.name.empty() ? std::string() : " '" + c.name + "'"), "an SPDX 3 Organization keeps a contact's e-mail only, and it has none");
      continue;
    }
    contacts.emails.push_back(c.email);
    if (!c.name.empty()) lose(cl + "/name", "supplier contact name '" + c.name + "'", "an SPDX 3 Organization keeps a contact's e-mail only");
    if (!c.phone.empty()) lose(cl + "/phone", "supplier contact phone", "an SPDX 3 Organization keeps a contact's e-mail only");
    if (!c.bom_ref.empty()) lose(cl + "/bom-ref", "supplier contact bom-ref '" + c.bom_ref + "'", "an SPDX 3 Organization keeps a contact's e-mail only");
    if (!same_family_)
      for (const auto& [k, v] : c.extra) lose_member(cl, k);
  }
  for (std::size_t i = 0; i < s.urls.size(); ++i) {
    if (s.urls[i].empty()) lose(loc + "/url/" + std::to_string(i), "empty supplier url", "an SPDX 3 external reference needs a locator");
    else contacts.urls.push_back(s.urls[i]);
  }
  if (!s.bom_ref.empty()) lose(loc + "/bom-ref", "supplier bom-ref '" + s.bom_ref + "'", "an SPDX 3 agent has an spdxId of its own");
  if (!same_family_)
    for (const auto& [k, v] : s.extra) lose_member(loc, k);
  return made_agent("Organization", s.name, contacts);
}

// The agent that supplied a vulnerability record or a rating: the one it was read from while that
// still has its name, else an Organization made once per name.
std::string Writer::source_agent(const std::string& name, const Object& source_extra) {
  const Value* sid = same_family_ ? find_member(source_extra, "spdxId") : nullptr;
  if (sid && sid->is_string())
    if (auto it = kept_by_id_.find(sid->as_string()); it != kept_by_id_.end() && string_of(it->second->find("name")) == name)
      return sid->as_string();
  return made_agent("Organization", name);
}

// An agent made once per type and name, written after the kept elements (where it is when read
// back, so the output is its own fixed point).
std::string Writer::made_agent(std::string_view type, const std::string& name, const AgentContacts& contacts) {
  // Agents of one name with other contacts are other agents; one without contacts keeps the id
  // its name alone gives.
  std::string contact_key;
  for (const std::string& e : contacts.emails) contact_key += "\nemail:" + e;
  for (const std::string& u : contacts.urls) contact_key += "\nurl:" + u;
  std::string key = std::string(type) + '\n' + name + contact_key;
  auto [it, fresh] = made_agent_ids_.emplace(key, std::string());
  if (fresh) {
    it->second = made_id(type, hex64(fnv1a(name + contact_key)));
    Element el = element(type, it->second);
    el.put_string("name", std::string(name));
    if (!contacts.emails.empty()) {
      Array ids;
      for (const std::string& e : contacts.emails) ids.push_back(make_identifier("email", e));
      el.add_value("externalIdentifier", std::move(ids));
    }
    if (!contacts.urls.empty()) {
      Array refs;
      for (const std::string& u : contacts.urls) refs.push_back(make_ref(kAgentUrlRefType, u, ""));
      el.add_value("externalRef", std::move(refs));
    }
    made_agents_.push_back(std::move(el));
  }
  return it->second;
}

// The agent of `type` named `name` for an originator: of an SPDX 3 input, the first element of
// that type and name (kept, or an author of the document); else one made.
std::string Writer::originator_id(std::string_view type, const std::string& name) {
  if (same_family_) {
    if (auto it = kept_by_type_name_.find(std::string(type) + '\n' + name); it != kept_by_type_name_.end()) return it->second;
    for (const Contact& a : doc_.metadata.authors) {
      const Value* t = find_member(a.extra, "type");
      std::string at = t && t->is_string() ? t->as_string() : "Person";
      if (at == type && a.name == name && !string_of(find_member(a.extra, "spdxId")).empty())
        return string_of(find_member(a.extra, "spdxId"));
    }
  }
  return made_agent(type, name);
}

void Writer::write_component(const Component& c, const std::string& loc) {
  const MadeId& made = component_id_.at(&c);
  const std::string& eid = made.id;
  Element o = element("software_Package", eid);
  // From SPDX 3 a kept spdxId may replace the made one (add_extras): then emit() looks it up.
  if (!same_family_) o.set_roles(made.roles);
  o.put_string("name", c.name);
  o.put_string("software_packageVersion", c.version);
  o.put_string("description", c.rare->description);
  o.put_string("software_copyrightText", c.rare->copyright);
  if (!c.type.empty()) {
    if (std::string p = purpose_from_type(c.type); !p.empty()) o.add("software_primaryPurpose", std::move(p));
    else lose(loc + "/type", "component type '" + c.type + "'", "no SPDX 3 software purpose means it");
  }
  // From another family there are no identifier entries to go back into: the cpe, when there is
  // one, is the only entry, written as it is (no json::Value).
  if (!same_family_) {
    o.put_string("software_packageUrl", c.purl);
    if (!c.cpe.empty()) o.put_identifiers("externalIdentifier", {{{"cpe23", c.cpe}}});
  } else {
    // purl and cpe go into the identifier entries they were read from, else into new ones.
    const Value* own = find_member(c.extra, "externalIdentifier");
    Value ids = own ? *own : Value(Array{});
    if (!ids.is_array()) ids = Array{};
    auto slot = [&](std::span<const std::string_view> type, const std::string& value) {
      if (Value* e = find_identifier(ids, type)) {
        if (!value.empty()) e->set("identifier", value);
        else ids.as_array().erase(ids.as_array().begin() + (e - ids.as_array().data()));
        return true;
      }
      return false;
    };
    bool purl_in_ids = slot(kPurlType, c.purl);
    if (!slot(kCpeType, c.cpe) && !c.cpe.empty()) ids.as_array().push_back(make_identifier("cpe23", c.cpe));
    if (!purl_in_ids) o.put_string("software_packageUrl", c.purl);
    if (!ids.as_array().empty()) o.add_value("externalIdentifier", std::move(ids));
  }
  if (c.rare->supplier) o.add("suppliedBy", supplier_id(*c.rare->supplier, loc + "/supplier"));
  // The author is a Person among the originators, the publisher an Organization.
  if (!c.rare->author.empty() || !c.rare->publisher.empty()) {
    Array by;
    if (!c.rare->author.empty()) by.emplace_back(originator_id("Person", c.rare->author));
    if (!c.rare->publisher.empty()) by.emplace_back(originator_id("Organization", c.rare->publisher));
    o.add_value("originatedBy", std::move(by));
  }
  if (!same_family_) {
    // Plain Hash objects, written from the model (Element::Hashes); the hashes' extras are losses
    // (as add_extras reports them) and the component's extras all are.
    for (const auto& h : c.hashes)
      for (const auto& [k, v] : h.extra)
        if (!is_blank(v)) lose_member(loc + "/hashes", k);
    add_extras(o, c.extra, loc, {"externalIdentifier", "verifiedUsing"});
    if (!c.hashes.empty()) o.put_hashes("verifiedUsing", c.hashes);
  } else {
    Array hashes;
    for (const auto& h : c.hashes) {
      Object ho = object_of(3, "type", "Hash", "algorithm", hash_alg_to_spdx3(h.alg), "hashValue", h.content);
      add_extras(ho, h.extra, loc + "/hashes");
      hashes.push_back(std::move(ho));
    }
    if (const Value* more = find_member(c.extra, "verifiedUsing"); more && more->is_array())
      for (const Value& v : more->as_array()) hashes.push_back(v);
    add_extras(o, c.extra, loc, {"externalIdentifier", "verifiedUsing"});
    if (!hashes.empty()) o.put_value("verifiedUsing", std::move(hashes));
  }
  if (!c.group.empty()) lose(loc + "/group", "component group '" + c.group + "'", "an SPDX 3 package has no group");
  if (!c.rare->scope.empty()) lose(loc + "/scope", "component scope '" + c.rare->scope + "'", "an SPDX 3 package has no scope");
  // External references: the first plain website and distribution are the home page and the
  // download location, a distribution with hashes a distribution artifact, the others ExternalRefs.
  Array refs;
  std::vector<std::size_t> artifacts;
  for (std::size_t i = 0; i < c.rare->external_references.size(); ++i) {
    const ExternalReference& r = c.rare->external_references[i];
    std::string rl = loc + "/externalReferences/" + std::to_string(i);
    if (!same_family_)
      for (const auto& [k, v] : r.extra) lose_member(rl, k);
    bool placed = false;
    if (r.comment.empty() && r.hashes.empty() && !r.url.empty())
      for (auto [key, type] : kLocationReferences)
        if (r.type == type && !o.has(key)) {
          o.add(key, std::string_view(r.url));
          placed = true;
          break;
        }
    if (placed) continue;
    if (r.type == "distribution" && !r.hashes.empty() && !r.url.empty()) {
      artifacts.push_back(i);
      continue;
    }
    std::string_view t = ref_type_to_spdx3(r.type);
    if (t.empty() || r.url.empty()) {
      lose(rl, "external reference '" + r.type + "' " + r.url,
           t.empty() ? "no SPDX 3 external reference type means it" : "an SPDX 3 external reference needs a locator");
      continue;
    }
    if (!r.hashes.empty()) lose(rl + "/hashes", "external reference hashes", "an SPDX 3 external reference has no hashes (a distribution artifact has)");
    refs.push_back(make_ref(t, r.url, r.comment));
  }
  if (!refs.empty())
    with_member(o, "externalRef", [&](Object& x) { prepend(x, "externalRef", std::move(refs), "external references", lost_at(loc)); });
  for (const auto& [k, v] : c.rare->evidence_extra) lose_member(loc + "/evidence", k);
  // From another family the element has no kept extension: plain properties are written as they
  // are (no json::Value); others go through put_properties, which reports their extras.
  if (!c.properties.empty() && !same_family_ && plain_properties(c.properties))
    o.put_properties("extension", c.properties, nullptr);
  else if (!c.properties.empty())
    with_member(o, "extension", [&](Object& x) { put_properties(x, c.properties, same_family_, lost_at(loc)); });
  emit(o);
  write_licenses(c, eid, loc);
  write_occurrences(c, eid, loc);
  write_distribution(c, eid, loc, artifacts);
  if (!c.components.empty()) {
    std::vector<std::string> children;
    for (const auto& n : c.components) children.push_back(component_id_.at(&n).id);
    if (!children.empty()) {
      Element r = element("Relationship", std::string());
      put_made_id(r, eid + "/contains");
      r.add("from", std::string_view(eid));
      r.add("relationshipType", "contains");
      r.add_list("to", std::move(children));
      emit_relationship(r);
    }
    for (std::size_t i = 0; i < c.components.size(); ++i) {
      write_component(c.components[i], loc + "/components/" + std::to_string(i));
    }
  }
}

// Each occurrence is a software_File named by its location, which the package hasEvidence in; ids
// are the package's with "/occurrence-N" and "/hasEvidence" (the reader takes only that shape).
void Writer::write_occurrences(const Component& c, const std::string& id, const std::string& loc) {
  if (c.occurrences.empty()) return;
  std::vector<Element> files;
  for (std::size_t i = 0; i < c.occurrences.size(); ++i) {
    const Occurrence& oc = c.occurrences[i];
    Element f = element("software_File", unique(id + "/occurrence-" + std::to_string(i)));
    f.put_string("name", oc.location);
    add_extras(f, oc.extra, loc + "/evidence/occurrences/" + std::to_string(i), {"type", "spdxId", "name"});
    files.push_back(std::move(f));
  }
  emit_artifacts(id, "hasEvidence", "/hasEvidence", std::move(files));
}

// A distribution reference with hashes is a distribution artifact: a software_File with the url
// as its altDownloadLocation and the hashes it is verified with (ids "/distribution-N").
void Writer::write_distribution(const Component& c, const std::string& id, const std::string& loc,
                                const std::vector<std::size_t>& which) {
  if (which.empty()) return;
  std::vector<Element> files;
  for (std::size_t k = 0; k < which.size(); ++k) {
    const ExternalReference& r = c.rare->external_references[which[k]];
    std::string rl = loc + "/externalReferences/" + std::to_string(which[k]);
    Element f = element("software_File", unique(id + "/distribution-" + std::to_string(k)));
    f.add_value("externalRef", Array{make_ref("altDownloadLocation", r.url, r.comment)});
    Array hashes;
    for (std::size_t h = 0; h < r.hashes.size(); ++h) {
      hashes.push_back(object_of(3, "type", "Hash", "algorithm", hash_alg_to_spdx3(r.hashes[h].alg), "hashValue", r.hashes[h].content));
      if (!same_family_)
        for (const auto& [key, v] : r.hashes[h].extra) lose_member(rl + "/hashes/" + std::to_string(h), key);
    }
    f.add_value("verifiedUsing", std::move(hashes));
    files.push_back(std::move(f));
  }
  emit_artifacts(id, "hasDistributionArtifact", "/hasDistributionArtifact", std::move(files));
}

// The relationship from package `id` to `files` (made by the caller), then the files.
void Writer::emit_artifacts(const std::string& id, std::string_view relationship_type, std::string_view suffix,
                            const std::vector<Element>& files) {
  Element r = element("Relationship", std::string());
  put_made_id(r, id + std::string(suffix));
  std::vector<std::string> to;
  for (const Element& f : files) to.emplace_back(f.text("spdxId"));
  r.add("from", std::string_view(id));
  r.add("relationshipType", relationship_type);
  r.add_list("to", std::move(to));
  emit_relationship(r);
  for (const Element& f : files) emit(f);
}

void Writer::write_licenses(const Component& c, const std::string& id, const std::string& loc) {
  // One relationship per (kind, relationship id of the input): licenses read from one
  // relationship with several targets are written back as one.
  struct Group {
    std::string_view type;
    const Object* extra;
    std::vector<std::string> to;
  };
  std::vector<Group> groups;
  for (std::size_t i = 0; i < c.licenses.size(); ++i) {
    const License& l = c.licenses[i];
    auto li = [&] { return l.location(loc, i); };  // only where something is lost
    if (l.expression.empty() && l.id.empty() && l.name.empty()) {
      lose(li(), "license without an id, expression or name", "an SPDX 3 license is an expression");
      continue;
    }
    if (!same_family_)
      for (const auto& [k, v] : l.license_extra) lose_member(l.inner_location(loc, i), k);
    std::string_view type = l.acknowledgement == "concluded" ? "hasConcludedLicense" : "hasDeclaredLicense";
    std::string target = expression_id(l);
    const Value* rid = same_family_ ? find_member(l.extra, "spdxId") : nullptr;
    Group* g = nullptr;
    for (auto& x : groups)
      if (x.type == type && rid && find_member(*x.extra, "spdxId") && *find_member(*x.extra, "spdxId") == *rid) g = &x;
    if (!g) g = &groups.emplace_back(Group{type, &l.extra, {}});
    g->to.push_back(target);
  }
  for (auto& g : groups) {
    Element o = element("Relationship", std::string());
    o.add("from", std::string_view(id));
    o.add("relationshipType", g.type);
    o.add_list("to", std::move(g.to));
    add_extras(o, *g.extra, loc + "/licenses");
    if (o.text("spdxId").empty()) put_made_id(o, id + "/" + std::string(g.type));
    emit_relationship(o);
  }
}

void Writer::write_dependencies() {
  if (!doc_.dependencies) return;
  for (std::size_t i = 0; i < doc_.dependencies->size(); ++i) {
    const Dependency& d = (*doc_.dependencies)[i];
    std::string loc = "/dependencies/" + std::to_string(i);
    auto from = id_of_.find(d.ref);
    if (from == id_of_.end()) {
      lose(loc, "dependencies of '" + d.ref + "'", "no component has that bom-ref");
      continue;
    }
    std::vector<std::string> to;
    for (const auto& t : d.depends_on) {
      if (auto it = id_of_.find(t); it != id_of_.end()) to.push_back(*it->second);
      else lose(loc + "/dependsOn", "dependency on '" + t + "'", "no component has that bom-ref");
    }
    Element o = element("Relationship", std::string());
    o.add("from", std::string_view(*from->second));
    o.add("relationshipType", "dependsOn");
    // No dependencies, said completely: SPDX 3 writes that as NoneElement with completeness.
    if (to.empty()) {
      o.add_list("to", {std::string(kNoneElement)});
      o.add("completeness", "complete");
    } else {
      o.add_list("to", std::move(to));
    }
    add_extras(o, d.extra, loc);
    if (o.text("spdxId").empty()) put_made_id(o, *from->second + "/dependsOn");
    emit_relationship(o);
  }
}

Writer::Targets Writer::resolve_targets(const std::vector<Affect>& affects) const {
  Targets t;
  for (const Affect& a : affects) {
    if (auto it = id_of_.find(a.ref); it != id_of_.end()) t.to.push_back(*it->second);
    else if (has(a.ref, kKept)) t.to.push_back(a.ref);
    else continue;
    t.which.push_back(&a);
  }
  return t;
}

void Writer::report_targets(const std::vector<Affect>& affects, const Targets& t, const std::string& loc) {
  std::size_t found = 0;
  for (std::size_t i = 0; i < affects.size(); ++i) {
    const Affect& a = affects[i];
    bool named = found < t.which.size() && t.which[found] == &a;
    if (named) ++found;
    if (named && (same_family_ || a.extra.empty())) continue;
    std::string al = loc + "/affects/" + std::to_string(i);
    if (!named) lose(al, "affected '" + a.ref + "'", "no component has that bom-ref");
    if (!same_family_)
      for (const auto& [k, v] : a.extra) lose_member(al, k);
  }
}

void Writer::write_vulnerabilities() {
  if (!doc_.vulnerabilities) return;
  for (std::size_t i = 0; i < doc_.vulnerabilities->size(); ++i) {
    const Vulnerability& v = (*doc_.vulnerabilities)[i];
    std::string loc = v.source_location.empty() ? "/vulnerabilities/" + std::to_string(i) : v.source_location;
    const std::string& vid = vuln_ids_[i].id;
    std::size_t n = vuln_statement_[i];
    // The affected elements, looked up once for the record's ratings and its statement.
    Targets targets = resolve_targets(v.affects);
    // Copies of one vulnerability with the same bom-ref (one per VEX statement) are one element.
    if (n == 0) {
      write_vulnerability(v, vid, vuln_ids_[i].roles, loc);
      write_ratings(v, vid, loc, targets);
    }
    write_statement(v, vid, n, loc, targets);
  }
}

void Writer::write_vulnerability(const Vulnerability& v, const std::string& vid, std::uint8_t* roles, const std::string& loc) {
  Element o = element("security_Vulnerability", vid);
  // From SPDX 3 a kept spdxId may replace the made one (add_extras): then emit() looks it up.
  if (!same_family_) o.set_roles(roles);
  o.put_string("description", v.description);
  o.put_string("security_publishedTime", date_time(v.published, loc + "/published", "published"));
  o.put_string("security_modifiedTime", date_time(v.updated, loc + "/updated", "updated"));
  // A vulnerability is an Artifact: the source that published the record supplied it.
  if (!v.source_name.empty()) o.put("suppliedBy", source_agent(v.source_name, v.source_extra));
  auto id_type = [](const std::string& s) { return s.starts_with("CVE-") ? "cve" : "securityOther"; };
  auto lose_source = [&](std::size_t r) {
    const auto& ref = v.references[r];
    if (!ref.source_name.empty() || !ref.source_url.empty())
      lose(loc + "/references/" + std::to_string(r) + "/source", "source of reference '" + ref.id + "'", "an SPDX 3 identifier has no source");
  };
  if (!same_family_) {
    // No identifier entries of the input to go back into: the id, then each reference's id not
    // written yet, as plain entries written from the model (Element::Identifiers).
    Element::Identifiers ids;
    if (!v.id.empty()) ids.entries.emplace_back(id_type(v.id), v.id);
    for (std::size_t r = 0; r < v.references.size(); ++r) {
      const std::string& rid = v.references[r].id;
      if (std::none_of(ids.entries.begin(), ids.entries.end(), [&](const auto& e) { return e.second == rid; }))
        ids.entries.emplace_back(id_type(rid), rid);
      lose_source(r);
    }
    if (!ids.entries.empty()) o.put_identifiers("externalIdentifier", std::move(ids));
  } else {
    const Value* own = find_member(v.extra, "externalIdentifier");
    Value ids = own && own->is_array() ? *own : Value(Array{});
    if (Value* e = find_identifier(ids, kSecurityIdTypes)) e->set("identifier", v.id);
    else if (!v.id.empty()) ids.as_array().insert(ids.as_array().begin(), make_identifier(id_type(v.id), v.id));
    for (std::size_t r = 0; r < v.references.size(); ++r) {
      const auto& ref = v.references[r];
      bool present = false;
      for (const Value& e : ids.as_array())
        present = present || (is_plain_identifier(e, kSecurityIdTypes) && e.find("identifier")->as_string() == ref.id);
      if (!present) ids.as_array().push_back(make_identifier(id_type(ref.id), ref.id));
      lose_source(r);
    }
    if (!ids.as_array().empty()) o.put_value("externalIdentifier", std::move(ids));
  }
  add_extras(o, v.extra, loc, {"externalIdentifier"});
  if (!same_family_) {
    for (const auto& [k, x] : v.source_extra) lose_member(loc + "/source", k);
    for (std::size_t r = 0; r < v.references.size(); ++r) {
      std::string rl = loc + "/references/" + std::to_string(r);
      for (const auto& [k, x] : v.references[r].extra) lose_member(rl, k);
      for (const auto& [k, x] : v.references[r].source_extra) lose_member(rl + "/source", k);
    }
  }
  if (!v.created.empty()) lose(loc + "/created", "vulnerability created", "an SPDX 3 vulnerability has no created");
  with_member(o, "externalRef", [&](Object& x) { put_vulnerability_refs(x, v, same_family_, lost_at(loc)); });
  if (!same_family_ && plain_properties(v.properties)) {
    if (has_properties_extension(v.properties, &v)) o.put_properties("extension", v.properties, &v);
  } else {
    with_member(o, "extension", [&](Object& x) {
      put_properties(x, v.properties, same_family_, lost_at(loc));
      put_vulnerability_text(x, v);
    });
  }
  emit(o);
}

void Writer::write_statement(const Vulnerability& v, const std::string& vid, std::size_t n, const std::string& loc,
                             const Targets& targets) {
  report_targets(v.affects, targets, loc);
  const std::vector<const Affect*>& which = targets.which;
  std::vector<std::string> to = targets.to;
  auto versions_lost = [&](const Affect* a) {
    return lost_at(loc + "/affects/" + std::to_string(a - v.affects.data()));
  };
  if (!v.analysis) {
    // A finding without VEX analysis: each affected package has the vulnerability associated,
    // its affected versions on that relationship (carry.h).
    for (std::size_t i = 0; i < to.size(); ++i) {
      const std::string& t = to[i];
      const Value* kept = nullptr;
      std::size_t k = 0;
      // Each affect is one relationship of the input (the reader made one per relationship): the
      // first one not claimed yet.
      if (auto it = kept_associations_.find(t + '\n' + vid); it != kept_associations_.end())
        for (auto [e, at] : it->second) {
          auto claimed = kept_versions_.find(e);
          if (claimed != kept_versions_.end() && claimed->second.size() > at && claimed->second[at]) continue;
          kept = e;
          k = at;
          break;
        }
      if (kept) {
        auto& slots = kept_versions_[kept];
        if (slots.size() <= k) slots.resize(k + 1, nullptr);
        slots[k] = &which[i]->versions;
        kept_versions_lost_[kept] = versions_lost(which[i]);
        continue;
      }
      Element r = element("Relationship", std::string());
      put_made_id(r, vid + "/associated");
      r.add("from", std::string_view(t));
      r.add("relationshipType", "hasAssociatedVulnerability");
      r.add_list("to", {vid});
      if (!which[i]->versions.empty()) put_versions(r, {&which[i]->versions}, versions_lost(which[i]));
      emit_relationship(r);
    }
    return;
  }
  const Analysis& a = *v.analysis;
  std::string al = loc + "/analysis";
  if (to.empty() && !root_id_.empty()) to.push_back(root_id_);
  if (to.empty()) {
    lose(al, "analysis of " + v.id, "an SPDX 3 VEX statement needs an affected element and there is none");
    return;
  }
  const VexKind& kind = vex_kind_of_state(a.state);
  if (kind.state != a.state)
    lose(al + "/state", "analysis state '" + a.state + "'", "SPDX 3 has no such VEX status: written as " + std::string(kind.relationship_type));
  Element o = element(kind.type, std::string());
  o.add("from", std::string_view(vid));
  o.add("relationshipType", kind.relationship_type);
  o.add_list("to", std::move(to));
  bool not_affected = kind.relationship_type == "doesNotAffect";
  if (!a.justification.empty()) {
    std::string j = justification_to_spdx3(a.justification);
    if (not_affected && !j.empty()) o.add("security_justificationType", std::move(j));
    else lose(al + "/justification", "justification '" + a.justification + "'", "SPDX 3 has no such VEX justification");
  }
  o.put_string(not_affected ? "security_impactStatement" : "security_statusNotes", a.detail);
  if (not_affected && a.detail.empty() && !o.has("security_justificationType") &&
      !(same_family_ && find_member(a.extra, "security_impactStatement")))
    lose(al, "not-affected statement of " + v.id + " without justification or detail", "SPDX 3 asks for one; written without");
  if (kind.relationship_type == "affects") {
    if (!a.response.empty()) o.add("security_actionStatement", join_responses(a.response));
    else if (!(same_family_ && find_member(a.extra, "security_actionStatement")))
      o.add("security_actionStatement", "");
  } else if (!a.response.empty()) {
    lose(al + "/response", "analysis response", "SPDX 3 writes an action only for affected");
  }
  o.put_string("security_publishedTime", date_time(a.first_issued, al + "/firstIssued", "first issued"));
  o.put_string("security_modifiedTime", date_time(a.last_updated, al + "/lastUpdated", "last updated"));
  add_extras(o, a.extra, al);
  std::vector<const std::vector<AffectedVersion>*> versions;
  bool any_versions = false;
  for (const Affect* x : which) {
    versions.push_back(&x->versions);
    any_versions = any_versions || !x->versions.empty();
  }
  if (any_versions) put_versions(o, versions, lost_at(loc + "/affects"));
  if (o.text("spdxId").empty()) put_made_id(o, vid + "/vex-" + std::to_string(n));
  emit_relationship(o);
}

void Writer::write_ratings(const Vulnerability& v, const std::string& vid, const std::string& loc, const Targets& targets) {
  for (std::size_t i = 0; i < v.ratings.size(); ++i) {
    const Rating& r = v.ratings[i];
    auto rl = [&] { return loc + "/ratings/" + std::to_string(i); };  // only where something is lost
    std::string_view type = cvss_type_of_method(r.method);
    if (type.empty() || r.vector.empty()) {
      lose(rl(), "rating" + (r.method.empty() ? std::string() : " (" + r.method + ")") + (r.severity.empty() ? "" : " '" + r.severity + "'"),
           type.empty() ? "SPDX 3 carries CVSS v2, v3 and v4 assessments only" : "an SPDX 3 CVSS assessment needs a vector");
      continue;
    }
    std::optional<json::Number> score = r.score;
    std::string severity = r.severity;
    if (!score || (severity.empty() && type != "security_CvssV2VulnAssessmentRelationship")) {
      auto s = cvss::score_cvss(r.vector);
      if (!s) {
        lose(rl(), "rating with vector '" + r.vector + "'", "no score given and the vector does not score: " + s.error().message);
        continue;
      }
      if (!score) score = json::Number::from(s->base);
      if (severity.empty()) severity = std::string(cvss::to_string(s->severity));
    }
    Element o = element(type, std::string());
    o.add("from", std::string_view(vid));
    o.add("relationshipType", "hasAssessmentFor");
    std::vector<std::string> to = targets.to;
    if (to.empty() && !root_id_.empty()) to.push_back(root_id_);
    if (to.empty()) to.push_back(vid);
    o.add_list("to", std::move(to));
    o.add_value("security_score", std::move(*score));
    if (type == "security_CvssV2VulnAssessmentRelationship") {
      if (!severity.empty() && !r.severity.empty()) lose(rl() + "/severity", "severity of a CVSS v2 rating", "SPDX 3 CVSS v2 assessments have none");
    } else {
      o.add("security_severity", std::move(severity));
    }
    o.add("security_vectorString", std::string_view(r.vector));
    // The rating's source is the agent that supplied the assessment.
    if (!r.source_name.empty()) o.add("suppliedBy", source_agent(r.source_name, r.source_extra));
    if (!r.source_url.empty()) lose(rl() + "/source/url", "rating source url " + r.source_url, "an SPDX 3 agent keeps its name only");
    if (!r.justification.empty()) lose(rl() + "/justification", "rating justification", "an SPDX 3 CVSS assessment has none");
    if (!same_family_)
      for (const auto& [k, x] : r.source_extra) lose_member(rl() + "/source", k);
    if (!r.extra.empty()) add_extras(o, r.extra, rl());
    if (o.text("spdxId").empty()) put_made_id(o, vid + "/cvss-" + std::to_string(i));
    // An assessment read from SPDX 3 keeps the `to` it had: elements the writer does not vouch
    // for (another document's, say), as in a kept relationship.
    if (same_family_ && find_member(r.extra, "to")) emit(o);
    else emit_relationship(o);
  }
}

void Writer::write_kept_graph() {
  if (!same_family_) {
    // Extras of another family at document level.
    for (const auto& [k, v] : doc_.extra) lose_member("", k);
    return;
  }
  if (!kept_) return;
  for (const Value& e : *kept_) {
    if (written_early_.count(&e)) continue;
    Value out = kept_document_element(e);
    if (auto kv = kept_versions_.find(&e); kv != kept_versions_.end())
      put_affect_versions(out.as_object(), kv->second, kept_versions_lost_.at(&e));
    write_element(std::move(out));
  }
}

// A kept element as written: an SpdxDocument with the model's name, creationInfo, properties and
// root; any other as it is.
Value Writer::kept_document_element(const Value& e) {
  Value out = e;
  std::string type = string_of(e.find("type"));
  if (type == "SpdxDocument") {
    Object& o = out.as_object();
    put_string(o, "name", doc_.name);
    // The reader takes the document's creationInfo out, so it comes back here: after spdxId, as
    // in the SpdxDocument the writer makes (element()), so a made one read back stays the same.
    erase_member(o, "creationInfo");
    auto after = std::find_if(o.begin(), o.end(), [](const auto& m) { return m.first == "spdxId"; });
    o.emplace(after == o.end() ? o.begin() : after + 1, "creationInfo", creation_info_id_);
    put_properties(o, doc_.metadata.properties, same_family_, lost_at("/metadata"));
    // metadata.component is the first root of the SBOM the document roots at.
    if (!root_id_.empty()) {
      Value* roots = find_member(o, "rootElement");
      std::string first = roots && roots->is_array() && !roots->as_array().empty() ? string_of(&roots->as_array()[0]) : "";
      bool via_sbom = false;
      for (const Value& s : *kept_)
        if (string_of(s.find("type")) == "software_Sbom" && string_of(s.find("spdxId")) == first) via_sbom = true;
      if (!via_sbom) {
        if (roots && roots->is_array() && !roots->as_array().empty()) roots->as_array()[0] = root_id_;
        else put(o, "rootElement", Array{root_id_});
      }
    }
  }
  return out;
}

Status Writer::check_targets() const {
  for (const Unresolved& u : unresolved_)
    if (!has(u.end, kEmitted | kKept))
      return Error("spdx3 writer: relationship " + u.relationship + " names '" + u.end + "', which is no element");
  return Ok{};
}

Status Writer::run(const json::Sink& sink) {
  assign_ids();
  if (!same_family_) streaming_ = &sink;
  em_.begin_object();
  em_.key("@context");
  em_.string(kContext);
  if (same_family_)
    for (const auto& [k, v] : doc_.extra)
      if (k != "@graph") {
        em_.key(k);
        em_.value(v);
      }
  em_.key("@graph");
  em_.begin_array();
  write_creation_info();
  write_document_elements();
  if (doc_.metadata.component) write_component(*doc_.metadata.component, "/metadata/component");
  if (doc_.components)
    for (std::size_t i = 0; i < doc_.components->size(); ++i) {
      const Component& c = (*doc_.components)[i];
      write_component(c, c.source_location.empty() ? "/components/" + std::to_string(i) : c.source_location);
    }
  write_dependencies();
  write_vulnerabilities();
  if (doc_.version) lose("/version", "BOM version " + doc_.version->text, "an SPDX 3 document has no version");
  for (std::size_t i = 0; i < doc_.external_references.size(); ++i)
    lose("/externalReferences/" + std::to_string(i), "document external reference " + doc_.external_references[i].url,
         "an SPDX 3 document has none");
  for (std::size_t i = 0; i < doc_.metadata.licenses.size(); ++i)
    lose("/metadata/licenses/" + std::to_string(i), "document license", "an SPDX 3 document has only its data license (CC0-1.0)");
  write_kept_graph();
  for (const Element& a : made_agents_) emit(a);
  if (auto s = check_targets(); !s) return s;
  em_.end_array();
  em_.end_object();
  text_ += '\n';
  chunks_.push_back(std::move(text_));
  for (const std::string& piece : chunks_) sink(piece);
  return Ok{};
}

}  // namespace

Status write_spdx3(const Document& doc, std::string_view spec_version, const json::Sink& sink,
                   const format::LossFn& loss) {
  if (!spec_version.empty() && spec_version != kSpecVersion)
    return Error("SPDX 3 version " + std::string(spec_version) + " is not written (only " + std::string(kSpecVersion) + " is)");
  return Writer(doc, loss).run(sink);
}

}  // namespace sbom::spdx3
