// CycloneDX JSON <-> sbom::Document. The reader moves every member it does not model into the
// `extra` of the object it belongs to; the writer emits modelled members in the spec's order and
// then the extras, so read -> write is lossless (JSON-equal) for every spec version.
#include "cyclonedx/json.h"

#include <algorithm>
#include <iterator>
#include <string>
#include <string_view>
#include <vector>

#include "core/json_cursor.h"
#include "cyclonedx/events.h"
#include "cyclonedx/xml_shape.h"
#include "sbom/cyclonedx.h"
#include "sbom/format.h"

namespace sbom::cyclonedx {

namespace {

using json::Value;
using Kind = json::Value::Kind;

// The minor version of a CycloneDX specVersion: "1.6" -> 6, "1.10" -> 10; 0 for anything else.
int spec_minor(std::string_view v) {
  if (!v.starts_with("1.") || v.size() < 3 || v.size() > 5) return 0;
  int n = 0;
  for (char c : v.substr(2)) {
    if (c < '0' || c > '9') return 0;
    n = n * 10 + (c - '0');
  }
  return n;
}

// ---- The flat objects, declared once ------------------------------------------------------------

// An object whose members are all strings or lists of strings has one table: key, the 1.x minor
// version that brought the member, the field. The reader, the writer, the writer's "already
// written" list and version gating all read it, so a member is spelled once.
template <typename T>
struct StringMember {
  std::string_view key;
  int since;  // 1.x minor version that has the member (2: every version read)
  std::string T::*field = nullptr;
  std::vector<std::string> T::*list = nullptr;  // instead of field: an array of strings

  bool present(const T& obj) const { return field ? !(obj.*field).empty() : !(obj.*list).empty(); }
};

template <typename T>
struct Members;
template <>
struct Members<Property> {
  static constexpr StringMember<Property> kAll[] = {{"name", 2, &Property::name}, {"value", 2, &Property::value}};
};
template <>
struct Members<Hash> {
  static constexpr StringMember<Hash> kAll[] = {{"alg", 2, &Hash::alg}, {"content", 2, &Hash::content}};
};
template <>
struct Members<Contact> {
  static constexpr StringMember<Contact> kAll[] = {
      {"bom-ref", 5, &Contact::bom_ref}, {"name", 2, &Contact::name}, {"email", 2, &Contact::email}, {"phone", 2, &Contact::phone}};
};
template <>
struct Members<Occurrence> {
  static constexpr StringMember<Occurrence> kAll[] = {{"location", 5, &Occurrence::location}};
};
template <>
struct Members<Advisory> {
  static constexpr StringMember<Advisory> kAll[] = {{"title", 4, &Advisory::title}, {"url", 4, &Advisory::url}};
};
template <>
struct Members<Analysis> {
  static constexpr StringMember<Analysis> kAll[] = {
      {"state", 4, &Analysis::state},          {"justification", 4, &Analysis::justification},
      {"response", 4, nullptr, &Analysis::response}, {"detail", 4, &Analysis::detail},
      {"firstIssued", 5, &Analysis::first_issued}, {"lastUpdated", 5, &Analysis::last_updated}};
};
template <>
struct Members<Dependency> {
  static constexpr StringMember<Dependency> kAll[] = {{"ref", 2, &Dependency::ref}, {"dependsOn", 2, nullptr, &Dependency::depends_on}};
};
template <>
struct Members<Lifecycle> {
  static constexpr StringMember<Lifecycle> kAll[] = {
      {"phase", 5, &Lifecycle::phase}, {"name", 5, &Lifecycle::name}, {"description", 5, &Lifecycle::description}};
};
template <>
struct Members<AffectedVersion> {
  static constexpr StringMember<AffectedVersion> kAll[] = {
      {"version", 4, &AffectedVersion::version}, {"range", 4, &AffectedVersion::range}, {"status", 4, &AffectedVersion::status}};
};

// ---- Reading ---------------------------------------------------------------------------------

// Where a value sits, as a chain of tokens on the stack: the JSON Pointer text is built only
// when an error needs it, not for every member of a large document. A Path must not outlive
// its parent, nor the key string it views.
class Path {
 public:
  Path() = default;
  Path(const Path& parent, std::string_view key) : parent_(&parent), key_(key) {}
  Path(const Path& parent, std::size_t index) : parent_(&parent), index_(index), is_index_(true) {}

  std::string str() const {
    std::string out;
    append_to(out);
    return out;
  }

  // Into one buffer, without a string per level (every component and vulnerability records its
  // location).
  void append_to(std::string& out) const {
    if (!parent_) return;
    parent_->append_to(out);
    out += '/';
    if (!is_index_) {
      out += json::pointer_token(key_);
      return;
    }
    char digits[24];
    char* end = digits + sizeof digits;
    char* p = end;
    std::size_t i = index_;
    do {
      *--p = static_cast<char>('0' + i % 10);
      i /= 10;
    } while (i);
    out.append(p, end);
  }

 private:
  const Path* parent_ = nullptr;
  std::string_view key_;
  std::size_t index_ = 0;
  bool is_index_ = false;
};

// Pulls the document from a cursor over validated text straight into the model: no JSON tree is
// built except for the members we do not model (they go to `extra` as json::Value).
//
// Duplicate keys never reach the reader: read_json() refuses a document that repeats a key in any
// object. Should one get here anyway, a member resets what an earlier member of the same key
// filled in (typed field or `extra` entry), so the last one would win.
// `C` is json::detail::Cursor over validated JSON text, or EventCursor over what the XML reader
// made of an XML tree: one mapping from the CycloneDX JSON shape to the model for both syntaxes.
template <typename C>
class Reader {
 public:
  Reader(C& c, std::string_view file) : c_(c), file_(file) {}

  Error error_here(const Path& ptr, std::string msg) {
    Error e(std::move(msg));
    json::Position at = c_.position();
    e.file = file_;
    e.line = at.line;
    e.column = at.column;
    e.pointer = ptr.str();
    return e;
  }

  Status expect(Kind k, const Path& ptr) {
    Kind found = c_.peek();
    if (found == k) return Ok{};
    return error_here(ptr, "expected " + std::string(json::kind_name(k)) + ", found " +
                               std::string(json::kind_name(found)));
  }

  static void forget(json::Object& extra, std::string_view key) {
    if (extra.empty()) return;
    extra.erase(std::remove_if(extra.begin(), extra.end(), [&](const json::Member& m) { return m.first == key; }),
                extra.end());
  }

  // A member we do not model: kept as JSON.
  void keep(json::Object& extra, std::string_view key) {
    forget(extra, key);
    extra.emplace_back(std::string(key), c_.read_value(true));
  }

  // A member we model as a string. An empty string is kept verbatim in `extra` so it is
  // written back exactly as it came.
  Status take_string(std::string_view key, std::string& out, json::Object& extra, const Path& ptr) {
    if (auto s = expect(Kind::String, ptr); !s) return s;
    forget(extra, key);
    // Only an empty string keeps its position: counting the columns for every string was about a
    // fiftieth of reading a large document.
    json::Position at{};
    if (c_.at_empty_string()) at = c_.position();
    c_.read_string_into(out);
    if (out.empty()) {
      Value v{std::string()};
      v.position = at;
      extra.emplace_back(std::string(key), std::move(v));
    }
    return Ok{};
  }

  // An empty array or object, kept verbatim in `extra`.
  static void keep_empty(json::Object& extra, std::string_view key, Value v, json::Position at) {
    v.position = at;
    extra.emplace_back(std::string(key), std::move(v));
  }

  template <typename T, typename F>
  Status take_array(std::string_view key, std::vector<T>& out, json::Object& extra, const Path& ptr, F&& each) {
    if (auto s = expect(Kind::Array, ptr); !s) return s;
    forget(extra, key);
    out.clear();
    json::Position at = c_.position();
    c_.begin_array();
    if (!c_.next_element()) {  // kept verbatim: an empty array is not the same document as a missing one
      keep_empty(extra, key, Value(json::Array{}), at);
      return Ok{};
    }
    std::size_t i = 0;
    do {
      if (auto s = each(out.emplace_back(), Path(ptr, i++)); !s) return s;
    } while (c_.next_element());
    return Ok{};
  }

  // Arrays whose emptiness we must remember (top-level components/dependencies/vulnerabilities).
  template <typename T, typename F>
  Status take_optional_array(std::optional<std::vector<T>>& out, const Path& ptr, F&& each) {
    if (auto s = expect(Kind::Array, ptr); !s) return s;
    out.emplace();
    c_.begin_array();
    for (std::size_t i = 0; c_.next_element(); ++i)
      if (auto s = each(out->emplace_back(), Path(ptr, i)); !s) return s;
    return Ok{};
  }

  Status string_item(std::string& out, const Path& ptr) {
    if (auto s = expect(Kind::String, ptr); !s) return s;
    c_.read_string_into(out);
    return Ok{};
  }

  Status number_item(json::Number& out, const Path& ptr) {
    if (auto s = expect(Kind::Number, ptr); !s) return s;
    out = c_.read_number();
    return Ok{};
  }

  // Iterates an object's members: `f(key, path)` reads each value. The key views the text or
  // `buf`, valid while `f` runs.
  template <typename F>
  Status members(const Path& ptr, F&& f) {
    if (auto s = expect(Kind::Object, ptr); !s) return s;
    c_.begin_object();
    std::string buf;
    std::string_view key;
    while (c_.next_key(key, buf))
      if (auto s = f(key, Path(ptr, key)); !s) return s;
    return Ok{};
  }

  // A flat object (Members<T>): every member in its table is a typed string, the rest is kept.
  template <typename T>
  Status flat(T& obj, const Path& ptr) {
    return members(ptr, [&](std::string_view k, const Path& q) -> Status {
      for (const auto& m : Members<T>::kAll)
        if (k == m.key) return m.field ? take_string(k, obj.*m.field, obj.extra, q) : string_array(k, obj.*m.list, obj.extra, q);
      keep(obj.extra, k);
      return Ok{};
    });
  }

  template <typename T>
  Status flat_array(std::string_view key, std::vector<T>& out, json::Object& extra, const Path& ptr) {
    return take_array(key, out, extra, ptr, [&](T& x, const Path& q) { return flat(x, q); });
  }

  Status license(License& l, const Path& ptr) {
    return members(ptr, [&](std::string_view k, const Path& q) -> Status {
      if (k == "expression") return take_string(k, l.expression, l.extra, q);
      if (k == "acknowledgement") return take_string(k, l.acknowledgement, l.extra, q);
      if (k != "license") {
        keep(l.extra, k);
        return Ok{};
      }
      if (auto s = expect(Kind::Object, q); !s) return s;
      forget(l.extra, k);
      l.id.clear();
      l.name.clear();
      l.license_extra.clear();
      json::Position at = c_.position();
      c_.begin_object();
      std::string buf;
      std::string_view lk;
      if (!c_.next_key(lk, buf)) {  // kept verbatim: the writer writes no empty license
        keep_empty(l.extra, k, Value(json::Object{}), at);
        return Ok{};
      }
      do {
        Path lp(q, lk);
        Status s = Ok{};
        if (lk == "id") s = take_string(lk, l.id, l.license_extra, lp);
        else if (lk == "name") s = take_string(lk, l.name, l.license_extra, lp);
        else if (lk == "acknowledgement") s = take_string(lk, l.acknowledgement, l.license_extra, lp);
        else keep(l.license_extra, lk);
        if (!s) return s;
      } while (c_.next_key(lk, buf));
      return Ok{};
    });
  }

  Status string_array(std::string_view key, std::vector<std::string>& out, json::Object& extra, const Path& ptr) {
    return take_array(key, out, extra, ptr, [&](std::string& o, const Path& q) { return string_item(o, q); });
  }

  Status hashes(std::string_view key, std::vector<Hash>& out, json::Object& extra, const Path& ptr) {
    return flat_array(key, out, extra, ptr);
  }

  Status contacts(std::string_view key, std::vector<Contact>& out, json::Object& extra, const Path& ptr) {
    return flat_array(key, out, extra, ptr);
  }

  Status organization(OrganizationalEntity& o, const Path& ptr) {
    return members(ptr, [&](std::string_view k, const Path& q) -> Status {
      if (k == "name") return take_string(k, o.name, o.extra, q);
      if (k == "url") return string_array(k, o.urls, o.extra, q);
      if (k == "contact") return contacts(k, o.contacts, o.extra, q);
      if (k == "bom-ref") return take_string(k, o.bom_ref, o.extra, q);
      keep(o.extra, k);
      return Ok{};
    });
  }

  Status external_reference(ExternalReference& r, const Path& ptr) {
    return members(ptr, [&](std::string_view k, const Path& q) -> Status {
      if (k == "url") return take_string(k, r.url, r.extra, q);
      if (k == "comment") return take_string(k, r.comment, r.extra, q);
      if (k == "type") return take_string(k, r.type, r.extra, q);
      if (k == "hashes") return hashes(k, r.hashes, r.extra, q);
      keep(r.extra, k);
      return Ok{};
    });
  }

  Status external_references(std::string_view key, std::vector<ExternalReference>& out, json::Object& extra, const Path& ptr) {
    return take_array(key, out, extra, ptr, [&](ExternalReference& r, const Path& q) { return external_reference(r, q); });
  }

  // `evidence`: occurrences are typed, the rest stays in evidence_extra. An empty object is kept
  // verbatim in the component's extra.
  Status evidence(Component& c, std::string_view key, const Path& ptr) {
    if (auto s = expect(Kind::Object, ptr); !s) return s;
    forget(c.extra, key);
    c.occurrences.clear();
    if (c.rare.allocated()) c.rare.edit().evidence_extra.clear();
    json::Position at = c_.position();
    c_.begin_object();
    std::string buf;
    std::string_view k;
    if (!c_.next_key(k, buf)) {
      keep_empty(c.extra, key, Value(json::Object{}), at);
      return Ok{};
    }
    do {
      Path q(ptr, k);
      Status s = Ok{};
      if (k == "occurrences") s = flat_array(k, c.occurrences, c.rare.edit().evidence_extra, q);
      else keep(c.rare.edit().evidence_extra, k);
      if (!s) return s;
    } while (c_.next_key(k, buf));
    return Ok{};
  }

  // A tool: the legacy object (vendor, name, version, hashes, externalReferences) or, in the 1.5+
  // form, a component or service whose group is the vendor.
  Status tool(Tool& t, bool legacy, const Path& ptr) {
    // Its place: the model's tools are one list, the input's 1.5+ form two (components, services).
    t.source_location.clear();
    ptr.append_to(t.source_location);
    return members(ptr, [&](std::string_view k, const Path& q) -> Status {
      if (k == (legacy ? "vendor" : "group")) return take_string(k, t.vendor, t.extra, q);
      if (k == "name") return take_string(k, t.name, t.extra, q);
      if (k == "version") return take_string(k, t.version, t.extra, q);
      if (k == "hashes") return hashes(k, t.hashes, t.extra, q);
      if (k == "externalReferences") return external_references(k, t.external_references, t.extra, q);
      keep(t.extra, k);
      return Ok{};
    });
  }

  Status tools(Metadata& md, std::string_view key, const Path& ptr) {
    forget(md.extra, key);
    md.tools.clear();
    md.tools_extra.clear();
    if (c_.peek() == Kind::Array) {
      md.tools_array_form = true;
      return take_array(key, md.tools, md.extra, ptr, [&](Tool& t, const Path& q) { return tool(t, true, q); });
    }
    if (auto s = expect(Kind::Object, ptr); !s) return s;
    md.tools_array_form = false;
    json::Position at = c_.position();
    c_.begin_object();
    std::string buf;
    std::string_view k;
    if (!c_.next_key(k, buf)) {
      keep_empty(md.extra, key, Value(json::Object{}), at);
      return Ok{};
    }
    do {
      Path q(ptr, k);
      Status s = Ok{};
      if (k == "components" || k == "services") {
        const bool service = k == "services";
        if (s = expect(Kind::Array, q); !s) return s;
        json::Position arr_at = c_.position();
        c_.begin_array();
        if (!c_.next_element()) {
          keep_empty(md.tools_extra, k, Value(json::Array{}), arr_at);
          continue;
        }
        std::size_t i = 0;
        do {
          Tool& t = md.tools.emplace_back();
          t.service = service;
          s = tool(t, false, Path(q, i++));
          t.untyped = !service && std::none_of(t.extra.begin(), t.extra.end(),
                                               [](const auto& m) { return m.first == "type"; });
        } while (s && c_.next_element());
      } else {
        keep(md.tools_extra, k);
      }
      if (!s) return s;
    } while (c_.next_key(k, buf));
    return Ok{};
  }

  Status component(Component& c, const Path& ptr) {
    c.source_location.clear();
    ptr.append_to(c.source_location);
    return members(ptr, [&](std::string_view k, const Path& p) -> Status {
      if (k == "type") return take_string(k, c.type, c.extra, p);
      if (k == "bom-ref") return take_string(k, c.bom_ref, c.extra, p);
      if (k == "group") return take_string(k, c.group, c.extra, p);
      if (k == "name") return take_string(k, c.name, c.extra, p);
      if (k == "version") return take_string(k, c.version, c.extra, p);
      if (k == "purl") return take_string(k, c.purl, c.extra, p);
      if (k == "cpe") return take_string(k, c.cpe, c.extra, p);
      if (k == "hashes") return hashes(k, c.hashes, c.extra, p);
      if (k == "licenses") return take_array(k, c.licenses, c.extra, p, [&](License& l, const Path& q) { return license(l, q); });
      if (k == "properties") return take_array(k, c.properties, c.extra, p, [&](Property& pr, const Path& q) { return flat(pr, q); });
      // Rarer members after the common ones: this chain runs for every member of every component.
      if (k == "description") return take_string(k, c.rare.edit().description, c.extra, p);
      if (k == "scope") return take_string(k, c.rare.edit().scope, c.extra, p);
      if (k == "supplier") {
        forget(c.extra, k);
        return organization(c.rare.edit().supplier.emplace(), p);
      }
      if (k == "evidence") return evidence(c, k, p);
      if (k == "externalReferences") return external_references(k, c.rare.edit().external_references, c.extra, p);
      if (k == "author") return take_string(k, c.rare.edit().author, c.extra, p);
      if (k == "publisher") return take_string(k, c.rare.edit().publisher, c.extra, p);
      if (k == "copyright") return take_string(k, c.rare.edit().copyright, c.extra, p);
      if (k == "components") return take_array(k, c.components, c.extra, p, [&](Component& cc, const Path& q) { return component(cc, q); });
      keep(c.extra, k);
      return Ok{};
    });
  }

  // A `source` member. An empty object goes verbatim into the parent's `extra` (the writer
  // writes no source when name, url and extras are all empty).
  Status source(std::string_view key, std::string& name, std::string& url, json::Object& extra,
                json::Object& parent_extra, const Path& ptr) {
    if (auto s = expect(Kind::Object, ptr); !s) return s;
    forget(parent_extra, key);
    name.clear();
    url.clear();
    extra.clear();
    json::Position at = c_.position();
    c_.begin_object();
    std::string buf;
    std::string_view k;
    if (!c_.next_key(k, buf)) {
      keep_empty(parent_extra, key, Value(json::Object{}), at);
      return Ok{};
    }
    do {
      Path p(ptr, k);
      Status s = Ok{};
      if (k == "name") s = take_string(k, name, extra, p);
      else if (k == "url") s = take_string(k, url, extra, p);
      else keep(extra, k);
      if (!s) return s;
    } while (c_.next_key(k, buf));
    return Ok{};
  }

  Status rating(Rating& r, const Path& ptr) {
    return members(ptr, [&](std::string_view k, const Path& p) -> Status {
      if (k == "source") return source(k, r.source_name, r.source_url, r.source_extra, r.extra, p);
      if (k == "score") {
        forget(r.extra, k);
        return number_item(r.score.emplace(), p);
      }
      if (k == "severity") return take_string(k, r.severity, r.extra, p);
      if (k == "method") return take_string(k, r.method, r.extra, p);
      if (k == "vector") return take_string(k, r.vector, r.extra, p);
      if (k == "justification") return take_string(k, r.justification, r.extra, p);
      keep(r.extra, k);
      return Ok{};
    });
  }

  Status reference(VulnReference& r, const Path& ptr) {
    return members(ptr, [&](std::string_view k, const Path& p) -> Status {
      if (k == "id") return take_string(k, r.id, r.extra, p);
      if (k == "source") return source(k, r.source_name, r.source_url, r.source_extra, r.extra, p);
      keep(r.extra, k);
      return Ok{};
    });
  }

  Status affect(Affect& a, const Path& ptr) {
    return members(ptr, [&](std::string_view k, const Path& p) -> Status {
      if (k == "ref") return take_string(k, a.ref, a.extra, p);
      if (k == "versions") return flat_array(k, a.versions, a.extra, p);
      keep(a.extra, k);
      return Ok{};
    });
  }

  Status vulnerability(Vulnerability& vu, const Path& ptr) {
    vu.source_location.clear();
    ptr.append_to(vu.source_location);
    return members(ptr, [&](std::string_view k, const Path& p) -> Status {
      if (k == "bom-ref") return take_string(k, vu.bom_ref, vu.extra, p);
      if (k == "id") return take_string(k, vu.id, vu.extra, p);
      if (k == "source") return source(k, vu.source_name, vu.source_url, vu.source_extra, vu.extra, p);
      if (k == "description") return take_string(k, vu.description, vu.extra, p);
      if (k == "detail") return take_string(k, vu.detail, vu.extra, p);
      if (k == "recommendation") return take_string(k, vu.recommendation, vu.extra, p);
      if (k == "created") return take_string(k, vu.created, vu.extra, p);
      if (k == "published") return take_string(k, vu.published, vu.extra, p);
      if (k == "updated") return take_string(k, vu.updated, vu.extra, p);
      if (k == "references") return take_array(k, vu.references, vu.extra, p, [&](VulnReference& r, const Path& q) { return reference(r, q); });
      if (k == "ratings") return take_array(k, vu.ratings, vu.extra, p, [&](Rating& r, const Path& q) { return rating(r, q); });
      if (k == "cwes") return take_array(k, vu.cwes, vu.extra, p, [&](json::Number& n, const Path& q) { return number_item(n, q); });
      if (k == "analysis") {
        forget(vu.extra, k);
        return flat(vu.analysis.emplace(), p);
      }
      if (k == "affects") return take_array(k, vu.affects, vu.extra, p, [&](Affect& a, const Path& q) { return affect(a, q); });
      if (k == "properties") return take_array(k, vu.properties, vu.extra, p, [&](Property& pr, const Path& q) { return flat(pr, q); });
      if (k == "advisories") return flat_array(k, vu.advisories, vu.extra, p);
      keep(vu.extra, k);
      return Ok{};
    });
  }

  Status metadata(Metadata& md, const Path& ptr) {
    md = Metadata{};
    md.present = true;
    return members(ptr, [&](std::string_view k, const Path& p) -> Status {
      if (k == "timestamp") return take_string(k, md.timestamp, md.extra, p);
      if (k == "lifecycles") return flat_array(k, md.lifecycles, md.extra, p);
      if (k == "component") {
        forget(md.extra, k);
        return component(md.component.emplace(), p);
      }
      if (k == "properties") return take_array(k, md.properties, md.extra, p, [&](Property& pr, const Path& q) { return flat(pr, q); });
      if (k == "licenses") return take_array(k, md.licenses, md.extra, p, [&](License& l, const Path& q) { return license(l, q); });
      if (k == "tools") return tools(md, k, p);
      if (k == "authors") return contacts(k, md.authors, md.extra, p);
      keep(md.extra, k);
      return Ok{};
    });
  }

  Expected<Document> document() {
    const Path root_path;
    if (c_.peek() != Kind::Object)
      return error_here(root_path, "expected a CycloneDX document (a JSON object), found " + std::string(json::kind_name(c_.peek())));
    json::Position root_at = c_.position();
    Document doc;
    doc.syntax = Syntax::CycloneDxJson;
    bool saw_format = false, saw_spec = false;
    Status s = members(root_path, [&](std::string_view k, const Path& p) -> Status {
      if (k == "bomFormat") {
        if (auto t = expect(Kind::String, p); !t) return t;
        json::Position at = c_.position();
        std::string format = c_.read_string();
        if (format != "CycloneDX") return at_error(at, p, "bomFormat is '" + format + "', expected 'CycloneDX'");
        saw_format = true;
        return Ok{};
      }
      if (k == "specVersion") {
        if (auto t = expect(Kind::String, p); !t) return t;
        json::Position at = c_.position();
        doc.spec_version = c_.read_string();
        doc.read_spec_version = doc.spec_version;
        static constexpr std::string_view kKnown[] = {"1.2", "1.3", "1.4", "1.5", "1.6", "1.7"};
        if (std::find(std::begin(kKnown), std::end(kKnown), doc.spec_version) == std::end(kKnown))
          return at_error(at, p, "unsupported CycloneDX specVersion '" + doc.spec_version + "' (supported: 1.2 to 1.7)");
        saw_spec = true;
        return Ok{};
      }
      if (k == "serialNumber") return take_string(k, doc.serial_number, doc.extra, p);
      if (k == "version") {
        forget(doc.extra, k);
        return number_item(doc.version.emplace(), p);
      }
      if (k == "metadata") {
        forget(doc.extra, k);
        return metadata(doc.metadata, p);
      }
      if (k == "components") return take_optional_array(doc.components, p, [&](Component& c, const Path& q) { return component(c, q); });
      if (k == "dependencies") return take_optional_array(doc.dependencies, p, [&](Dependency& d, const Path& q) { return flat(d, q); });
      if (k == "vulnerabilities") return take_optional_array(doc.vulnerabilities, p, [&](Vulnerability& vu, const Path& q) { return vulnerability(vu, q); });
      if (k == "externalReferences") return external_references(k, doc.external_references, doc.extra, p);
      keep(doc.extra, k);
      return Ok{};
    });
    if (!s) return std::move(s).error();
    if (!saw_format) return at_error(root_at, root_path, "not a CycloneDX document: no bomFormat member");
    if (!saw_spec) return at_error(root_at, root_path, "CycloneDX document has no specVersion");
    // Without tools, a document before 1.5 gets the tools array form when a tool records itself;
    // only one that came with the object form keeps that (the writer writes what was read).
    Metadata& md = doc.metadata;
    if (md.tools.empty() && md.tools_extra.empty() && spec_minor(doc.spec_version) < 5 &&
        std::none_of(md.extra.begin(), md.extra.end(), [](const auto& m) { return m.first == "tools"; }))
      md.tools_array_form = true;
    return doc;
  }

 private:
  Error at_error(json::Position at, const Path& ptr, std::string msg) const {
    Error e(std::move(msg));
    e.file = file_;
    e.line = at.line;
    e.column = at.column;
    e.pointer = ptr.str();
    return e;
  }

  C& c_;
  std::string_view file_;
};

// ---- Writing ---------------------------------------------------------------------------------

// Where the document being written came from, as far as the writer cares: one value, decided once
// (write_document), instead of flags set one by one.
struct Origin {
  bool cyclonedx = false;    // CycloneDX (or made in code): its extras are CycloneDX members, written back
  bool xml = false;          // ... read from CycloneDX XML: its xml: extras are the XML reader's
  bool own_version = false;  // written back as the very version it was read as
  unsigned minor = 0;        // its CycloneDX minor version (for XPaths into it)
};

// The emitter's calls, building the json::Value they describe instead of its text: what the XML
// writer walks (xml_shape), without printing the whole document and parsing it back. An open
// container's members gather in a scratch list kept per depth (reused, so it stops allocating)
// and move into one exactly sized vector when it closes: one allocation per object or array,
// not one per doubling.
class ValueBuilder {
 public:
  explicit ValueBuilder(const ItemFn* items = nullptr) : items_(items) {}
  json::Value take() { return std::move(root_); }
  void begin_object() { open(true); }
  void begin_array() { open(false); }
  void end_object() { close(frames_[depth_ - 1].members); }
  void end_array() { close(frames_[depth_ - 1].items); }
  void key(std::string_view k) { key_.assign(k); }
  void string(std::string_view s) { place(json::Value(s)); }
  void number(const json::Number& n) { place(json::Value(n)); }
  void value(const json::Value& v) { place(v); }
  void member(std::string_view k, std::string_view s) {
    if (!s.empty()) {
      key(k);
      string(s);
    }
  }

 private:
  struct Frame {
    bool object = false;
    std::string key;  // the member this container is the value of, in an object
    json::Object members;
    json::Array items;
    std::size_t taken = 0;  // items handed to items_ and taken
  };
  void open(bool object) {
    if (frames_.size() == depth_) frames_.emplace_back();
    frames_[depth_].object = object;
    frames_[depth_].key = std::move(key_);
    frames_[depth_].taken = 0;
    ++depth_;
  }
  template <typename List>  // json::Object or json::Array
  void close(List& scratch) {
    List exact;
    exact.reserve(scratch.size());
    std::move(scratch.begin(), scratch.end(), std::back_inserter(exact));
    scratch.clear();
    key_ = std::move(frames_[--depth_].key);
    place(json::Value(std::move(exact)));
  }
  void place(json::Value v) {
    if (depth_ == 0) {
      root_ = std::move(v);
      return;
    }
    Frame& f = frames_[depth_ - 1];
    if (f.object) {
      f.members.emplace_back(std::move(key_), std::move(v));
      return;
    }
    // An item of an array that is a member of the document (depth 2 under an object): offered.
    if (depth_ == 2 && items_ && frames_[0].object && (*items_)(f.key, f.taken + f.items.size(), v)) {
      ++f.taken;
      return;
    }
    f.items.push_back(std::move(v));
  }
  const ItemFn* items_;
  json::Value root_;
  std::vector<Frame> frames_;
  std::size_t depth_ = 0;
  std::string key_;
};

template <typename Out>  // json::Emitter (text) or ValueBuilder (a tree)
class Writer {
 public:
  Writer(Out& e, std::string_view spec_version, Origin origin, const format::LossFn& loss, bool xml_extras = false)
      : e_(e), spec_(spec_version), minor_(spec_minor(spec_version)), origin_(origin), loss_(loss),
        xml_extras_(xml_extras), has_minor_(origin.own_version ? 99 : minor_) {}


  void lose(std::string location, std::string what, std::string why) const {
    if (loss_) loss_(format::Loss{std::move(location), std::move(what), std::move(why)});
  }

  // Extras go after the modelled members; a key the model already wrote is skipped, so a
  // field a tool filled in replaces the verbatim empty value it was read as.
  //
  // Extras are in the JSON shape of the document's format family: written only to that family,
  // else each is a loss.
  // Whether extras() would write any member of `extra` (rather than report them all lost).
  bool writes_any(const json::Object& extra) const {
    if (!origin_.cyclonedx) return false;
    for (const auto& m : extra)
      if (!((m.first == "xml:attributes" || m.first == "xml:elements") && origin_.xml != xml_extras_)) return true;
    return false;
  }

  void extras(const json::Object& extra, std::initializer_list<std::string_view> written) {
    // Empty entries of `written` stand for members not written; an empty key is the document's.
    extras_except(extra, [&](std::string_view key) {
      return !key.empty() && std::find(written.begin(), written.end(), key) != written.end();
    });
  }

  // Each element the XML reader kept as text (formulation, declarations, cryptoProperties, ...),
  // reported below the object it sat in by its name, with its position among the kept ones of that
  // name when there are several ("licensing", "e:x[2]"): as an XPath step once format::write has
  // made the object's place an XPath.
  void lose_kept_elements(const json::Array& kept, std::string base) {
    auto name_of = [](const json::Value& k) {
      const json::Value* x = k.is_object() ? k.find("xml") : nullptr;
      std::string_view t = x && x->is_string() ? std::string_view(x->as_string()) : std::string_view();
      std::size_t open = t.find('<');
      if (open == std::string_view::npos) return std::string_view();
      t.remove_prefix(open + 1);
      return t.substr(0, t.find_first_of(" \t\r\n/>"));
    };
    for (std::size_t i = 0; i < kept.size(); ++i) {
      std::string_view name = name_of(kept[i]);
      std::size_t nth = 0, of = 0;
      for (std::size_t j = 0; j < kept.size(); ++j)
        if (name_of(kept[j]) == name) {
          ++of;
          if (j <= i) ++nth;
        }
      std::string at = base + "/" + std::string(name);
      if (of > 1) {
        at += '[';
        at += std::to_string(nth);
        at += ']';
      }
      lose(std::move(at), "XML element '" + std::string(name) + "' kept as XML", "CycloneDX JSON has no place for it");
    }
  }

  template <typename Written>
  void extras_except(const json::Object& extra, Written&& written) {
    for (const auto& m : extra) {
      if (written(std::string_view(m.first))) continue;
      if (!origin_.cyclonedx) {
        lose(here() + "/" + json::pointer_token(m.first), m.first, "CycloneDX has no member for it");
        continue;
      }
      // The XML reader keeps what CycloneDX XML has and JSON does not as "xml:attributes" and
      // "xml:elements": only the XML writer takes them. A document read from JSON may have members
      // of any name, those two included: they are its own, written back to JSON, and never handed
      // to the XML writer as XML (their text would go out unchecked).
      if (m.first == "xml:attributes" || m.first == "xml:elements") {
        if (origin_.xml && !xml_extras_) {
          if (m.first == "xml:elements" && m.second.is_array()) lose_kept_elements(m.second.as_array(), here());
          else lose(here() + "/" + json::pointer_token(m.first), "XML attributes of other namespaces", "CycloneDX JSON has no place for them");
          continue;
        }
        if (!origin_.xml && xml_extras_) {
          lose(here() + "/" + json::pointer_token(m.first), "member '" + m.first + "'",
               "CycloneDX XML has no element for it");
          continue;
        }
      }
      e_.key(m.first);
      if (origin_.xml != xml_extras_ && has_kept(m.second)) {
        std::string pointer = "/" + json::pointer_token(m.first);
        without_kept(m.second, pointer);
      } else {
        e_.value(m.second);
      }
    }
  }

  // Whether an extra member holds the XML reader's kept members below its top (in an object the
  // model does not type: a model card's, a patent's).
  static bool has_kept(const json::Value& v) {
    if (v.is_array()) return std::any_of(v.as_array().begin(), v.as_array().end(), has_kept);
    if (!v.is_object()) return false;
    return std::any_of(v.as_object().begin(), v.as_object().end(), [](const auto& m) {
      return m.first == xml::kExtraAttributes || m.first == xml::kExtraElements || has_kept(m.second);
    });
  }

  // Writes an extra member (at `pointer` below the object being written) without the kept members
  // nested in it: across the two CycloneDX syntaxes each is a loss, as at the top (extras_except).
  void without_kept(const json::Value& v, std::string& pointer) {
    std::size_t base = pointer.size();
    if (v.is_array()) {
      e_.begin_array();
      for (std::size_t i = 0; i < v.as_array().size(); ++i) {
        pointer.append("/").append(std::to_string(i));
        without_kept(v.as_array()[i], pointer);
        pointer.resize(base);
      }
      e_.end_array();
      return;
    }
    if (!v.is_object()) {
      e_.value(v);
      return;
    }
    e_.begin_object();
    for (const auto& [key, value] : v.as_object()) {
      bool kept = key == xml::kExtraAttributes || key == xml::kExtraElements;
      if (kept && origin_.xml) {
        // At the object it sat in, in the model's terms like every loss (format::write makes the
        // location an XPath for an XML input).
        std::string at = here() + pointer;
        if (key == xml::kExtraElements && value.is_array()) lose_kept_elements(value.as_array(), at);
        else lose(at + "/" + json::pointer_token(key), "XML attributes of other namespaces", "CycloneDX JSON has no place for them");
        continue;
      }
      pointer.append("/").append(json::pointer_token(key));
      if (kept) {
        lose(here() + pointer, "member '" + key + "'", "CycloneDX XML has no element for it");
      } else {
        e_.key(key);
        without_kept(value, pointer);
      }
      pointer.resize(base);
    }
    e_.end_object();
  }

  // A gated member: written when the target version has it (`since` is the minor version of
  // 1.x that brought it), else reported. Returns whether to write it.
  // Whether a member the version may not have is written; if not, a loss named `key`, at `at`
  // below the object being written (default: the key).
  bool gate(bool present, int since, std::string_view key, const std::string& at = {}) const {
    if (!present) return false;
    if (has_minor_ >= since) return true;
    lose(here() + "/" + (at.empty() ? std::string(key) : at), std::string(key),
         "CycloneDX " + std::string(spec_) + " has no " + std::string(key) + " (1." + std::to_string(since) + "+)");
    return false;
  }

  // A flat object from its table (Members<T>): members in table order, gated by version; a member
  // written replaces the verbatim empty value it may have been read as.
  template <typename T>
  void flat(const T& obj) {
    e_.begin_object();
    for (const auto& m : Members<T>::kAll) {
      if (!gate(m.present(obj), m.since, m.key)) continue;
      if (m.field) e_.member(m.key, obj.*m.field);
      else strings(m.key, obj.*m.list);
    }
    extras_except(obj.extra, [&](std::string_view key) {
      for (const auto& m : Members<T>::kAll)
        if (key == m.key) return has_minor_ >= m.since && m.present(obj);
      return false;
    });
    e_.end_object();
  }

  template <typename T>
  void flat_array(std::string_view key, const std::vector<T>& list) {
    if (list.empty()) return;
    e_.key(key);
    e_.begin_array();
    for (std::size_t i = 0; i < list.size(); ++i) {
      // Losses at the item's place here, or where a reader found it when it says (SPDX 3: an
      // author is an agent element of the graph).
      if constexpr (requires { list[i].source_location; }) {
        if (!list[i].source_location.empty()) {
          item_ = {};
          At at(*this, list[i].source_location);
          flat(list[i]);
          continue;
        }
      }
      item_ = {key, i};
      flat(list[i]);
    }
    item_ = {};
    e_.end_array();
  }

  // The input location of the object being written: the owning component's or vulnerability's,
  // then the array item a flat object is (built only when a loss is reported).
  std::string here() const {
    std::string out(loc_);
    if (!item_.key.empty()) out += "/" + std::string(item_.key);
    if (!item_.key.empty() && item_.indexed) out += "/" + std::to_string(item_.index);
    return out;
  }

  // Sets the location losses are reported at for the objects written within a scope.
  class At {
   public:
    At(Writer& w, std::string_view location) : w_(w), saved_(w.loc_) { w.loc_ = location; }
    ~At() { w_.loc_ = saved_; }
    At(const At&) = delete;
    At& operator=(const At&) = delete;

   private:
    Writer& w_;
    std::string_view saved_;
  };

  static std::string_view if_set(std::string_view key, const std::string& v) { return v.empty() ? std::string_view{} : key; }

  void properties(const std::vector<Property>& props) { flat_array("properties", props); }

  void hashes(const std::vector<Hash>& hs) { flat_array("hashes", hs); }

  void strings(std::string_view key, const std::vector<std::string>& list) {
    if (list.empty()) return;
    e_.key(key);
    e_.begin_array();
    for (const auto& v : list) e_.string(v);
    e_.end_array();
  }

  void contacts(std::string_view key, const std::vector<Contact>& list) { flat_array(key, list); }

  void organization(std::string_view key, const OrganizationalEntity& o) {
    e_.key(key);
    e_.begin_object();
    e_.member("bom-ref", o.bom_ref);
    e_.member("name", o.name);
    strings("url", o.urls);
    contacts("contact", o.contacts);
    extras(o.extra, {if_set("bom-ref", o.bom_ref), if_set("name", o.name), o.urls.empty() ? "" : "url",
                     o.contacts.empty() ? "" : "contact"});
    e_.end_object();
  }

  void external_references(const std::vector<ExternalReference>& list) {
    if (list.empty()) return;
    e_.key("externalReferences");
    e_.begin_array();
    for (const auto& r : list) {
      e_.begin_object();
      e_.member("url", r.url);
      e_.member("comment", r.comment);
      e_.member("type", r.type);
      hashes(r.hashes);
      extras(r.extra, {if_set("url", r.url), if_set("comment", r.comment), if_set("type", r.type),
                       r.hashes.empty() ? "" : "hashes"});
      e_.end_object();
    }
    e_.end_array();
  }

  void evidence(const Component& c) {
    const bool occurrences = !c.occurrences.empty() && has_minor_ >= 5;
    if (!c.occurrences.empty() && !occurrences)
      lose(c.source_location + "/evidence/occurrences", "evidence.occurrences", "CycloneDX " + std::string(spec_) + " has no evidence.occurrences (1.5+)");
    const json::Object& evidence_extra = c.rare->evidence_extra;
    if (!occurrences && evidence_extra.empty()) return;
    e_.key("evidence");
    e_.begin_object();
    if (occurrences) flat_array("occurrences", c.occurrences);
    extras(evidence_extra, {occurrences ? "occurrences" : ""});
    e_.end_object();
  }

  // A tool in the legacy form (vendor, name, version, ...) or as a 1.5+ component/service.
  // Losses at `place` (the tool's CycloneDX place), unless a reader said where the tool was
  // (SPDX 3: the Tool element).
  void tool(const Tool& t, bool legacy, const std::string& place) {
    At at(*this, t.source_location.empty() ? std::string_view(place) : std::string_view(t.source_location));
    e_.begin_object();
    std::string_view type_written;
    if (!legacy && !t.service) {
      type_written = "type";
      const json::Value* type = nullptr;
      for (const auto& m : t.extra)
        if (m.first == "type") type = &m.second;
      // 1.5's schema requires a tool component's type: "application" for tools we or another
      // format recorded; a CycloneDX document's own tool without one is written as it came.
      if (type) {
        e_.key("type");
        e_.value(*type);
      } else if (!t.untyped) {
        e_.key("type");
        e_.string("application");
      }
    }
    const std::string_view vendor_key = legacy ? "vendor" : "group";
    e_.member(vendor_key, t.vendor);
    e_.member("name", t.name);
    e_.member("version", t.version);
    hashes(t.hashes);
    external_references(t.external_references);
    extras(t.extra, {type_written, if_set(vendor_key, t.vendor), if_set("name", t.name), if_set("version", t.version),
                     t.hashes.empty() ? "" : "hashes", t.external_references.empty() ? "" : "externalReferences"});
    e_.end_object();
  }

  bool tools(const Metadata& md, bool modern) {
    if (md.tools.empty() && md.tools_extra.empty()) return false;
    e_.key("tools");
    if (!modern || md.tools_array_form) {
      e_.begin_array();
      for (std::size_t i = 0; i < md.tools.size(); ++i) tool(md.tools[i], true, std::string(loc_) + "/tools/" + std::to_string(i));
      e_.end_array();
      return true;
    }
    e_.begin_object();
    bool any_component = false, any_service = false;
    for (const auto& t : md.tools) (t.service ? any_service : any_component) = true;
    for (bool service : {false, true}) {
      if (!(service ? any_service : any_component)) continue;
      e_.key(service ? "services" : "components");
      e_.begin_array();
      for (std::size_t i = 0, n = 0; i < md.tools.size(); ++i)
        if (md.tools[i].service == service) tool(md.tools[i], false, std::string(loc_) + (service ? "/tools/services/" : "/tools/components/") + std::to_string(n++));
      e_.end_array();
    }
    extras(md.tools_extra, {any_component ? "components" : "", any_service ? "services" : ""});
    e_.end_object();
    return true;
  }

  void licenses(const std::vector<License>& ls) {
    if (ls.empty()) return;
    e_.key("licenses");
    e_.begin_array();
    for (std::size_t k = 0; k < ls.size(); ++k) {
      const License& l = ls[k];
      e_.begin_object();
      // Losses are reported at the owner's place, or where a reader found the license when it
      // says (an SPDX 3 license is two elements of the graph: the relationship, the expression).
      const bool placed = !l.source_location.empty();
      const std::string inner_at = placed ? l.inner_location(here(), k) : std::string();
      At at_item(*this, placed ? std::string_view(l.source_location) : loc_);
      // An inner `license` object only for what goes into it: the id, the name, or kept members
      // this writer writes (another family's are reported lost, and alone they made an empty
      // `"license": {}` beside an expression, which the schema refuses).
      const bool inner = !l.id.empty() || !l.name.empty() || writes_any(l.license_extra);
      // The acknowledgement sits in the license object, or beside an expression; a loss of it is
      // at the license's own place (its item of the owner's licenses, unless a reader placed it).
      const bool in_license = inner && l.expression.empty();
      const bool ack = gate(!l.acknowledgement.empty(), 6, placed ? "acknowledgement" : "licenses/acknowledgement",
                            placed ? std::string()
                                   : "licenses/" + std::to_string(k) + (in_license ? "/license" : "") + "/acknowledgement");
      const bool ack_inner = ack && in_license;
      const bool ack_outer = ack && !ack_inner;
      if (!l.expression.empty()) {
        e_.key("expression");
        e_.string(l.expression);
      }
      if (ack_outer) e_.member("acknowledgement", l.acknowledgement);
      if (inner) {
        e_.key("license");
        e_.begin_object();
        e_.member("id", l.id);
        e_.member("name", l.name);
        if (ack_inner) e_.member("acknowledgement", l.acknowledgement);
        At at_inner(*this, placed ? std::string_view(inner_at) : loc_);
        extras(l.license_extra, {if_set("id", l.id), if_set("name", l.name), ack_inner ? "acknowledgement" : ""});
        e_.end_object();
      }
      if (!inner) {
        At at_inner(*this, placed ? std::string_view(inner_at) : loc_);
        extras(l.license_extra, {});  // only reports them lost: nothing of them is written
      }
      extras(l.extra, {if_set("expression", l.expression), inner ? "license" : "", ack_outer ? "acknowledgement" : ""});
      e_.end_object();
    }
    e_.end_array();
  }

  void source(std::string_view key, const std::string& name, const std::string& url, const json::Object& extra) {
    if (name.empty() && url.empty() && extra.empty()) return;
    e_.key(key);
    e_.begin_object();
    e_.member("name", name);
    e_.member("url", url);
    extras(extra, {if_set("name", name), if_set("url", url)});
    e_.end_object();
  }

  void component(const Component& c) {
    At at(*this, c.source_location);
    const ComponentRare& r = *c.rare;
    e_.begin_object();
    e_.member("type", c.type);
    e_.member("bom-ref", c.bom_ref);
    if (r.supplier) organization("supplier", *r.supplier);
    e_.member("author", r.author);
    e_.member("publisher", r.publisher);
    e_.member("group", c.group);
    e_.member("name", c.name);
    e_.member("version", c.version);
    e_.member("description", r.description);
    e_.member("scope", r.scope);
    hashes(c.hashes);
    licenses(c.licenses);
    e_.member("copyright", r.copyright);
    e_.member("cpe", c.cpe);
    e_.member("purl", c.purl);
    external_references(r.external_references);
    properties(c.properties);
    if (!c.components.empty()) {
      e_.key("components");
      e_.begin_array();
      for (const auto& cc : c.components) component(cc);
      e_.end_array();
    }
    evidence(c);
    const bool has_evidence = (!c.occurrences.empty() && has_minor_ >= 5) || !r.evidence_extra.empty();
    extras(c.extra, {if_set("type", c.type), if_set("bom-ref", c.bom_ref), r.supplier ? "supplier" : "",
                     if_set("author", r.author), if_set("publisher", r.publisher),
                     if_set("group", c.group), if_set("name", c.name), if_set("version", c.version),
                     if_set("description", r.description), if_set("scope", r.scope),
                     c.hashes.empty() ? "" : "hashes", c.licenses.empty() ? "" : "licenses",
                     if_set("copyright", r.copyright), if_set("cpe", c.cpe), if_set("purl", c.purl),
                     r.external_references.empty() ? "" : "externalReferences",
                     c.properties.empty() ? "" : "properties", c.components.empty() ? "" : "components",
                     has_evidence ? "evidence" : ""});
    e_.end_object();
  }

  void vulnerability(const Vulnerability& v) {
    At at(*this, v.source_location);
    e_.begin_object();
    e_.member("bom-ref", v.bom_ref);
    e_.member("id", v.id);
    source("source", v.source_name, v.source_url, v.source_extra);
    if (!v.references.empty()) {
      e_.key("references");
      e_.begin_array();
      for (const auto& r : v.references) {
        e_.begin_object();
        e_.member("id", r.id);
        source("source", r.source_name, r.source_url, r.source_extra);
        bool has_src = !r.source_name.empty() || !r.source_url.empty() || !r.source_extra.empty();
        extras(r.extra, {if_set("id", r.id), has_src ? "source" : ""});
        e_.end_object();
      }
      e_.end_array();
    }
    if (!v.ratings.empty()) {
      e_.key("ratings");
      e_.begin_array();
      for (std::size_t ri = 0; ri < v.ratings.size(); ++ri) {
        const auto& r = v.ratings[ri];
        e_.begin_object();
        source("source", r.source_name, r.source_url, r.source_extra);
        if (r.score) { e_.key("score"); e_.number(*r.score); }
        e_.member("severity", r.severity);
        if (has_minor_ < 5 && r.method == "CVSSv4") {  // CVSSv4 came with 1.5; its score and vector stay
          lose(std::string(loc_) + "/ratings/" + std::to_string(ri) + "/method", "rating method CVSSv4",
               "CycloneDX " + std::string(spec_) + " has no CVSSv4 method (1.5+): written as other");
          e_.member("method", "other");
        } else {
          e_.member("method", r.method);
        }
        e_.member("vector", r.vector);
        e_.member("justification", r.justification);
        bool has_src = !r.source_name.empty() || !r.source_url.empty() || !r.source_extra.empty();
        extras(r.extra, {has_src ? "source" : "", r.score ? "score" : "", if_set("severity", r.severity),
                         if_set("method", r.method), if_set("vector", r.vector), if_set("justification", r.justification)});
        e_.end_object();
      }
      e_.end_array();
    }
    if (!v.cwes.empty()) {
      e_.key("cwes");
      e_.begin_array();
      for (const auto& n : v.cwes) e_.number(n);
      e_.end_array();
    }
    e_.member("description", v.description);
    e_.member("detail", v.detail);
    e_.member("recommendation", v.recommendation);
    flat_array("advisories", v.advisories);
    e_.member("created", v.created);
    e_.member("published", v.published);
    e_.member("updated", v.updated);
    bool has_analysis = v.analysis.has_value();
    if (has_analysis) {
      e_.key("analysis");
      item_ = {"analysis", 0, false};
      flat(*v.analysis);
      item_ = {};
    }
    if (!v.affects.empty()) {
      e_.key("affects");
      e_.begin_array();
      for (const auto& a : v.affects) {
        e_.begin_object();
        e_.member("ref", a.ref);
        flat_array("versions", a.versions);
        extras(a.extra, {if_set("ref", a.ref), a.versions.empty() ? "" : "versions"});
        e_.end_object();
      }
      e_.end_array();
    }
    properties(v.properties);
    bool has_src = !v.source_name.empty() || !v.source_url.empty() || !v.source_extra.empty();
    extras(v.extra, {if_set("bom-ref", v.bom_ref), if_set("id", v.id), has_src ? "source" : "",
                     v.references.empty() ? "" : "references", v.ratings.empty() ? "" : "ratings",
                     v.cwes.empty() ? "" : "cwes", if_set("description", v.description),
                     if_set("detail", v.detail), if_set("recommendation", v.recommendation),
                     v.advisories.empty() ? "" : "advisories",
                     if_set("created", v.created), if_set("published", v.published),
                     if_set("updated", v.updated), has_analysis ? "analysis" : "",
                     v.affects.empty() ? "" : "affects", v.properties.empty() ? "" : "properties"});
    e_.end_object();
  }

  void document(const Document& d) {
    e_.begin_object();
    e_.key("bomFormat");
    e_.string(d.bom_format);
    e_.key("specVersion");
    e_.string(spec_);
    e_.member("serialNumber", d.serial_number);
    if (d.version) { e_.key("version"); e_.number(*d.version); }
    const Metadata& md = d.metadata;
    bool md_written = md.present || !md.timestamp.empty() || !md.lifecycles.empty() || md.component || !md.properties.empty() ||
                      !md.licenses.empty() || !md.tools.empty() || !md.tools_extra.empty() ||
                      !md.authors.empty() || !md.extra.empty();
    if (md_written) {
      At at(*this, "/metadata");
      e_.key("metadata");
      e_.begin_object();
      e_.member("timestamp", md.timestamp);
      // CycloneDX order: timestamp, lifecycles, tools, authors, component, manufacture, supplier,
      // licenses, properties. Members we do not model keep their relative order after ours.
      const bool lifecycles = gate(!md.lifecycles.empty(), 5, "lifecycles");
      if (lifecycles) flat_array("lifecycles", md.lifecycles);
      // The 1.5 object form before 1.5 is a conversion; a document of that version that already
      // had it (as some tools write) keeps it: written as it came, not converted.
      const bool own_version = has_minor_ != minor_;
      const bool has_tools = tools(md, minor_ >= 5 || (own_version && !md.tools_array_form));
      contacts("authors", md.authors);
      if (md.component) { e_.key("component"); component(*md.component); }
      licenses(md.licenses);
      properties(md.properties);
      {
        // Losses among the kept members at CycloneDX's /metadata, or where a reader found them
        // (SPDX 3: the document's CreationInfo).
        At at_extra(*this, md.extra_source_location.empty() ? loc_ : std::string_view(md.extra_source_location));
        extras(md.extra, {if_set("timestamp", md.timestamp), lifecycles ? "lifecycles" : "", has_tools ? "tools" : "", md.authors.empty() ? "" : "authors",
                          md.component ? "component" : "",
                          md.licenses.empty() ? "" : "licenses", md.properties.empty() ? "" : "properties"});
      }
      e_.end_object();
    }
    if (d.components) {
      e_.key("components");
      e_.begin_array();
      for (const auto& c : *d.components) component(c);
      e_.end_array();
    }
    external_references(d.external_references);
    if (d.dependencies) {
      e_.key("dependencies");
      e_.begin_array();
      for (std::size_t i = 0; i < d.dependencies->size(); ++i) {
        const Dependency& dep = (*d.dependencies)[i];
        // Losses at /dependencies/N, or where a reader found the dependency (SPDX 3: a relationship).
        const bool placed = !dep.source_location.empty();
        item_ = placed ? Item{} : Item{"dependencies", i};
        At at(*this, placed ? std::string_view(dep.source_location) : loc_);
        flat(dep);
      }
      item_ = {};
      e_.end_array();
    }
    if (!d.name.empty())
      lose(d.metadata.source_location.empty() ? "" : d.metadata.source_location + "/name", "document name '" + d.name + "'",
           "CycloneDX documents have no name");
    const bool vulnerabilities = d.vulnerabilities && has_minor_ >= 4;
    if (d.vulnerabilities && !vulnerabilities)
      for (const auto& v : *d.vulnerabilities)
        lose(v.source_location, "vulnerability " + v.id, "CycloneDX " + std::string(spec_) + " has no vulnerabilities (1.4+)");
    if (vulnerabilities) {
      e_.key("vulnerabilities");
      e_.begin_array();
      for (const auto& v : *d.vulnerabilities) vulnerability(v);
      e_.end_array();
    }
    extras(d.extra, {"bomFormat", "specVersion", if_set("serialNumber", d.serial_number),
                     d.version ? "version" : "", md_written ? "metadata" : "",
                     d.components ? "components" : "", d.external_references.empty() ? "" : "externalReferences",
                     d.dependencies ? "dependencies" : "",
                     vulnerabilities ? "vulnerabilities" : ""});
    e_.end_object();
  }

 private:
  Out& e_;
  std::string_view spec_;
  int minor_;
  Origin origin_;
  const format::LossFn& loss_;
  std::string_view loc_;  // where in the input the object being written was (views the document)
  struct Item {
    std::string_view key;
    std::size_t index = 0;
    bool indexed = true;
  } item_;  // the flat array item being written, if any
  bool xml_extras_ = false;  // keep the xml: members (for the XML writer)
  // The minor version members are gated by: the target's, except when a CycloneDX document is
  // written back as its own version: then whatever it had is written as it came (a 1.4 document
  // with evidence.occurrences keeps them), so a filter loses nothing of a document it passes on.
  int has_minor_ = 0;
};

constexpr std::size_t kMaxDepth = 512;

// The version written: the one asked for, else the document's own when it is CycloneDX.
std::string_view version_to_write(const Document& doc, std::string_view asked) {
  if (!asked.empty()) return asked;
  if (family_of(doc.syntax) == Family::CycloneDx || doc.syntax == Syntax::None) return doc.spec_version;
  return format::default_version(Syntax::CycloneDxJson);
}

template <typename Out>
void write_document(const Document& doc, std::string_view spec_version, Out& e, const format::LossFn& loss,
                    bool xml_extras = false) {
  const Family from = family_of(doc.syntax);
  const std::string_view version = version_to_write(doc, spec_version);
  Origin origin;
  origin.cyclonedx = from == Family::CycloneDx || from == Family::None;
  origin.xml = doc.syntax == Syntax::CycloneDxXml;
  origin.own_version = from == Family::CycloneDx && !doc.read_spec_version.empty() && doc.read_spec_version == version;
  origin.minor = static_cast<unsigned>(std::max(0, spec_minor(doc.spec_version)));
  Writer(e, version, origin, loss, xml_extras).document(doc);
}

}  // namespace

Expected<Document> read_json_validated(std::string_view text, std::string_view name) {
  json::detail::Cursor cursor(text);
  Reader r(cursor, name);
  auto doc = r.document();
  if (!doc) doc.error().in_file(name);
  return doc;
}

Expected<Document> read_events(const Events& events, ItemWalker& walker, std::string_view name) {
  EventCursor cursor(events, walker);
  Reader r(cursor, name);
  auto doc = r.document();
  if (!doc) doc.error().in_file(name);
  return doc;
}

Expected<Document> read_json(std::string_view text, std::string_view name) {
  text = format::skip_utf8_bom(text);
  // A repeated key anywhere in the document is an input error (see json::ParseOptions).
  Expected<Document> doc = [&]() -> Expected<Document> {
    if (auto s = json::detail::validate(text, kMaxDepth, true); !s) return std::move(s.error());
    json::detail::Cursor cursor(text);
    Reader r(cursor, name);
    return r.document();
  }();
  if (doc) return doc;
  // Another format read as CycloneDX JSON fails somewhere early ("1:1: invalid value", a missing
  // bomFormat); say what the file is instead. Sniffed only on this path: it costs nothing when
  // the document reads.
  if (format::Identified id = format::identify(text); id.kind != format::Kind::Unknown && id.kind != format::Kind::CycloneDxJson) {
    Error e(format::not_cyclonedx_json(id));
    e.file = name;
    return e;
  }
  return std::move(doc.error().in_file(name));
}

Expected<Document> read_json(std::FILE* f, std::string_view name) {
  auto text = json::read_all(f, name);
  if (!text) return std::move(text).error();
  return read_json(text->view(), name);
}

Status write_json(const Document& doc, std::string_view spec_version, const json::Sink& sink, const format::LossFn& loss) {
  std::string out;
  json::Emitter e(out, 2);
  e.stream_to(sink);
  write_document(doc, spec_version, e, loss);
  out += '\n';
  e.flush();
  return Ok{};
}

std::string write_json(const Document& doc, int indent) {
  std::string out;
  json::Emitter e(out, indent);
  write_document(doc, {}, e, {});
  out += '\n';
  return out;
}

void write_json(const Document& doc, const json::Sink& sink, int indent) {
  std::string out;
  json::Emitter e(out, indent);
  e.stream_to(sink);
  write_document(doc, {}, e, {});
  out += '\n';
  e.flush();
}

json::Value xml_shape(const Document& doc, std::string_view spec_version, const format::LossFn& loss,
                      const ItemFn* items) {
  ValueBuilder b(items);
  write_document(doc, spec_version, b, loss, true);
  return b.take();
}

json::Value to_json(const Document& doc) {
  auto v = json::parse(write_json(doc, 0));
  return std::move(v).value();  // our own output always parses
}

}  // namespace sbom::cyclonedx
