// CycloneDX JSON <-> sbom::Document. The reader moves every member it does not model into the
// `extra` of the object it belongs to; the writer emits modelled members in the spec's order and
// then the extras, so read -> write is lossless (JSON-equal) for every spec version.
#include "sbom/cyclonedx.h"

#include <algorithm>
#include <string_view>

namespace sbom::cyclonedx {

namespace {

using json::Value;
using Kind = json::Value::Kind;

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
    if (!parent_) return {};
    std::string out = parent_->str();
    out += '/';
    out += is_index_ ? std::to_string(index_) : json::pointer_token(key_);
    return out;
  }

 private:
  const Path* parent_ = nullptr;
  std::string_view key_;
  std::size_t index_ = 0;
  bool is_index_ = false;
};

// Conversion context: builds JSON Pointers on the way down and turns a wrong type into an
// error carrying the pointer and the value's position.
class Reader {
 public:
  explicit Reader(std::string_view file) : file_(file) {}

  Error error_at(const Value& v, const Path& ptr, std::string msg) const {
    Error e(std::move(msg));
    e.file = file_;
    e.line = v.position.line;
    e.column = v.position.column;
    e.pointer = ptr.str();
    return e;
  }

  Status expect(const Value& v, Kind k, const Path& ptr) const {
    if (v.kind() == k) return Ok{};
    return error_at(v, ptr, "expected " + std::string(json::kind_name(k)) + ", found " +
                                std::string(json::kind_name(v.kind())));
  }

  // A member we model as a string. An empty string is kept verbatim in `extra` so it is
  // written back exactly as it came.
  Status take_string(json::Member& m, std::string& out, json::Object& extra, const Path& ptr) {
    if (auto s = expect(m.second, Kind::String, ptr); !s) return s;
    if (m.second.as_string().empty()) {
      extra.push_back(std::move(m));
      return Ok{};
    }
    out = std::move(m.second.as_string());
    return Ok{};
  }

  template <typename T, typename F>
  Status take_array(json::Member& m, std::vector<T>& out, json::Object& extra, const Path& ptr, F&& each) {
    if (auto s = expect(m.second, Kind::Array, ptr); !s) return s;
    auto& arr = m.second.as_array();
    if (arr.empty()) {  // kept verbatim: an empty array is not the same document as a missing one
      extra.push_back(std::move(m));
      return Ok{};
    }
    out.reserve(arr.size());
    for (std::size_t i = 0; i < arr.size(); ++i) {
      T item;
      if (auto s = each(arr[i], item, Path(ptr, i)); !s) return s;
      out.push_back(std::move(item));
    }
    return Ok{};
  }

  // Arrays whose emptiness we must remember (top-level components/dependencies/vulnerabilities).
  template <typename T, typename F>
  Status take_optional_array(json::Member& m, std::optional<std::vector<T>>& out, const Path& ptr, F&& each) {
    if (auto s = expect(m.second, Kind::Array, ptr); !s) return s;
    auto& arr = m.second.as_array();
    out.emplace();
    out->reserve(arr.size());
    for (std::size_t i = 0; i < arr.size(); ++i) {
      T item;
      if (auto s = each(arr[i], item, Path(ptr, i)); !s) return s;
      out->push_back(std::move(item));
    }
    return Ok{};
  }

  Status property(Value& v, Property& p, const Path& ptr) {
    if (auto s = expect(v, Kind::Object, ptr); !s) return s;
    for (auto& m : v.as_object()) {
      Status s = Ok{};
      if (m.first == "name") s = take_string(m, p.name, p.extra, Path(ptr, "name"));
      else if (m.first == "value") s = take_string(m, p.value, p.extra, Path(ptr, "value"));
      else p.extra.push_back(std::move(m));
      if (!s) return s;
    }
    return Ok{};
  }

  Status hash(Value& v, Hash& h, const Path& ptr) {
    if (auto s = expect(v, Kind::Object, ptr); !s) return s;
    for (auto& m : v.as_object()) {
      if (m.first == "alg") { if (auto s = take_string(m, h.alg, h.extra, Path(ptr, m.first)); !s) return s; }
      else if (m.first == "content") { if (auto s = take_string(m, h.content, h.extra, Path(ptr, m.first)); !s) return s; }
      else h.extra.push_back(std::move(m));
    }
    return Ok{};
  }

  Status license(Value& v, License& l, const Path& ptr) {
    if (auto s = expect(v, Kind::Object, ptr); !s) return s;
    for (auto& m : v.as_object()) {
      if (m.first == "expression") {
        if (auto s = take_string(m, l.expression, l.extra, Path(ptr, m.first)); !s) return s;
      } else if (m.first == "license") {
        Path lp(ptr, "license");
        if (auto s = expect(m.second, Kind::Object, lp); !s) return s;
        if (m.second.as_object().empty()) {  // kept verbatim: the writer writes no empty license
          l.extra.push_back(std::move(m));
          continue;
        }
        for (auto& lm : m.second.as_object()) {
          if (lm.first == "id") { if (auto s = take_string(lm, l.id, l.license_extra, Path(lp, "id")); !s) return s; }
          else if (lm.first == "name") { if (auto s = take_string(lm, l.name, l.license_extra, Path(lp, "name")); !s) return s; }
          else l.license_extra.push_back(std::move(lm));
        }
      } else {
        l.extra.push_back(std::move(m));
      }
    }
    return Ok{};
  }

  Status component(Value& v, Component& c, const Path& ptr) {
    if (auto s = expect(v, Kind::Object, ptr); !s) return s;
    for (auto& m : v.as_object()) {
      const std::string& k = m.first;
      Path p(ptr, k);
      Status s = Ok{};
      if (k == "type") s = take_string(m, c.type, c.extra, p);
      else if (k == "bom-ref") s = take_string(m, c.bom_ref, c.extra, p);
      else if (k == "group") s = take_string(m, c.group, c.extra, p);
      else if (k == "name") s = take_string(m, c.name, c.extra, p);
      else if (k == "version") s = take_string(m, c.version, c.extra, p);
      else if (k == "description") s = take_string(m, c.description, c.extra, p);
      else if (k == "scope") s = take_string(m, c.scope, c.extra, p);
      else if (k == "purl") s = take_string(m, c.purl, c.extra, p);
      else if (k == "cpe") s = take_string(m, c.cpe, c.extra, p);
      else if (k == "supplier") {
        s = expect(m.second, Kind::Object, p);
        if (s) c.supplier = std::move(m.second);
      } else if (k == "hashes") {
        s = take_array(m, c.hashes, c.extra, p, [&](Value& x, Hash& h, const Path& q) { return hash(x, h, q); });
      } else if (k == "licenses") {
        s = take_array(m, c.licenses, c.extra, p, [&](Value& x, License& l, const Path& q) { return license(x, l, q); });
      } else if (k == "properties") {
        s = take_array(m, c.properties, c.extra, p, [&](Value& x, Property& pr, const Path& q) { return property(x, pr, q); });
      } else if (k == "components") {
        s = take_array(m, c.components, c.extra, p, [&](Value& x, Component& cc, const Path& q) { return component(x, cc, q); });
      } else {
        c.extra.push_back(std::move(m));
      }
      if (!s) return s;
    }
    return Ok{};
  }

  // A `source` member. An empty object goes verbatim into the parent's `extra` (the writer
  // writes no source when name, url and extras are all empty).
  Status source(json::Member& member, std::string& name, std::string& url, json::Object& extra,
                json::Object& parent_extra, const Path& ptr) {
    Value& v = member.second;
    if (auto s = expect(v, Kind::Object, ptr); !s) return s;
    if (v.as_object().empty()) {
      parent_extra.push_back(std::move(member));
      return Ok{};
    }
    for (auto& m : v.as_object()) {
      Status s = Ok{};
      if (m.first == "name") s = take_string(m, name, extra, Path(ptr, "name"));
      else if (m.first == "url") s = take_string(m, url, extra, Path(ptr, "url"));
      else extra.push_back(std::move(m));
      if (!s) return s;
    }
    return Ok{};
  }

  Status rating(Value& v, Rating& r, const Path& ptr) {
    if (auto s = expect(v, Kind::Object, ptr); !s) return s;
    for (auto& m : v.as_object()) {
      const std::string& k = m.first;
      Path p(ptr, k);
      Status s = Ok{};
      if (k == "source") {
        s = source(m, r.source_name, r.source_url, r.source_extra, r.extra, p);
      } else if (k == "score") {
        s = expect(m.second, Kind::Number, p);
        if (s) r.score = m.second.as_number();
      } else if (k == "severity") s = take_string(m, r.severity, r.extra, p);
      else if (k == "method") s = take_string(m, r.method, r.extra, p);
      else if (k == "vector") s = take_string(m, r.vector, r.extra, p);
      else if (k == "justification") s = take_string(m, r.justification, r.extra, p);
      else r.extra.push_back(std::move(m));
      if (!s) return s;
    }
    return Ok{};
  }

  Status reference(Value& v, VulnReference& r, const Path& ptr) {
    if (auto s = expect(v, Kind::Object, ptr); !s) return s;
    for (auto& m : v.as_object()) {
      Status s = Ok{};
      if (m.first == "id") s = take_string(m, r.id, r.extra, Path(ptr, "id"));
      else if (m.first == "source") s = source(m, r.source_name, r.source_url, r.source_extra, r.extra, Path(ptr, "source"));
      else r.extra.push_back(std::move(m));
      if (!s) return s;
    }
    return Ok{};
  }

  Status affect(Value& v, Affect& a, const Path& ptr) {
    if (auto s = expect(v, Kind::Object, ptr); !s) return s;
    for (auto& m : v.as_object()) {
      Status s = Ok{};
      if (m.first == "ref") s = take_string(m, a.ref, a.extra, Path(ptr, "ref"));
      else if (m.first == "versions") {
        s = expect(m.second, Kind::Array, Path(ptr, "versions"));
        if (s) a.versions = std::move(m.second);
      } else a.extra.push_back(std::move(m));
      if (!s) return s;
    }
    return Ok{};
  }

  Status analysis(Value& v, Analysis& a, const Path& ptr) {
    if (auto s = expect(v, Kind::Object, ptr); !s) return s;
    for (auto& m : v.as_object()) {
      const std::string& k = m.first;
      Path p(ptr, k);
      Status s = Ok{};
      if (k == "state") s = take_string(m, a.state, a.extra, p);
      else if (k == "justification") s = take_string(m, a.justification, a.extra, p);
      else if (k == "detail") s = take_string(m, a.detail, a.extra, p);
      else if (k == "firstIssued") s = take_string(m, a.first_issued, a.extra, p);
      else if (k == "lastUpdated") s = take_string(m, a.last_updated, a.extra, p);
      else if (k == "response") {
        s = take_array(m, a.response, a.extra, p, [&](Value& x, std::string& out, const Path& q) -> Status {
          if (auto t = expect(x, Kind::String, q); !t) return t;
          out = std::move(x.as_string());
          return Ok{};
        });
      } else a.extra.push_back(std::move(m));
      if (!s) return s;
    }
    return Ok{};
  }

  Status vulnerability(Value& v, Vulnerability& vu, const Path& ptr) {
    if (auto s = expect(v, Kind::Object, ptr); !s) return s;
    for (auto& m : v.as_object()) {
      const std::string& k = m.first;
      Path p(ptr, k);
      Status s = Ok{};
      if (k == "bom-ref") s = take_string(m, vu.bom_ref, vu.extra, p);
      else if (k == "id") s = take_string(m, vu.id, vu.extra, p);
      else if (k == "source") s = source(m, vu.source_name, vu.source_url, vu.source_extra, vu.extra, p);
      else if (k == "description") s = take_string(m, vu.description, vu.extra, p);
      else if (k == "detail") s = take_string(m, vu.detail, vu.extra, p);
      else if (k == "recommendation") s = take_string(m, vu.recommendation, vu.extra, p);
      else if (k == "created") s = take_string(m, vu.created, vu.extra, p);
      else if (k == "published") s = take_string(m, vu.published, vu.extra, p);
      else if (k == "updated") s = take_string(m, vu.updated, vu.extra, p);
      else if (k == "references") {
        s = take_array(m, vu.references, vu.extra, p, [&](Value& x, VulnReference& r, const Path& q) { return reference(x, r, q); });
      } else if (k == "ratings") {
        s = take_array(m, vu.ratings, vu.extra, p, [&](Value& x, Rating& r, const Path& q) { return rating(x, r, q); });
      } else if (k == "cwes") {
        s = take_array(m, vu.cwes, vu.extra, p, [&](Value& x, json::Number& n, const Path& q) -> Status {
          if (auto t = expect(x, Kind::Number, q); !t) return t;
          n = x.as_number();
          return Ok{};
        });
      } else if (k == "analysis") {
        vu.analysis.emplace();
        s = analysis(m.second, *vu.analysis, p);
      } else if (k == "affects") {
        s = take_array(m, vu.affects, vu.extra, p, [&](Value& x, Affect& a, const Path& q) { return affect(x, a, q); });
      } else if (k == "properties") {
        s = take_array(m, vu.properties, vu.extra, p, [&](Value& x, Property& pr, const Path& q) { return property(x, pr, q); });
      } else vu.extra.push_back(std::move(m));
      if (!s) return s;
    }
    return Ok{};
  }

  Status dependency(Value& v, Dependency& d, const Path& ptr) {
    if (auto s = expect(v, Kind::Object, ptr); !s) return s;
    for (auto& m : v.as_object()) {
      Status s = Ok{};
      if (m.first == "ref") s = take_string(m, d.ref, d.extra, Path(ptr, "ref"));
      else if (m.first == "dependsOn") {
        s = take_array(m, d.depends_on, d.extra, Path(ptr, "dependsOn"), [&](Value& x, std::string& out, const Path& q) -> Status {
          if (auto t = expect(x, Kind::String, q); !t) return t;
          out = std::move(x.as_string());
          return Ok{};
        });
      } else d.extra.push_back(std::move(m));
      if (!s) return s;
    }
    return Ok{};
  }

  Status metadata(Value& v, Metadata& md, const Path& ptr) {
    if (auto s = expect(v, Kind::Object, ptr); !s) return s;
    md.present = true;
    for (auto& m : v.as_object()) {
      const std::string& k = m.first;
      Path p(ptr, k);
      Status s = Ok{};
      if (k == "timestamp") s = take_string(m, md.timestamp, md.extra, p);
      else if (k == "component") {
        md.component.emplace();
        s = component(m.second, *md.component, p);
      } else if (k == "properties") {
        s = take_array(m, md.properties, md.extra, p, [&](Value& x, Property& pr, const Path& q) { return property(x, pr, q); });
      } else if (k == "licenses") {
        s = take_array(m, md.licenses, md.extra, p, [&](Value& x, License& l, const Path& q) { return license(x, l, q); });
      } else md.extra.push_back(std::move(m));
      if (!s) return s;
    }
    return Ok{};
  }

  Expected<Document> document(Value root) {
    if (!root.is_object()) return error_at(root, Path{}, "expected a CycloneDX document (a JSON object), found " + std::string(json::kind_name(root.kind())));
    Document doc;
    const Path root_path;
    bool saw_format = false, saw_spec = false;
    for (auto& m : root.as_object()) {
      const std::string& k = m.first;
      Path p(root_path, k);
      Status s = Ok{};
      if (k == "bomFormat") {
        s = expect(m.second, Kind::String, p);
        if (s && m.second.as_string() != "CycloneDX")
          return error_at(m.second, p, "bomFormat is '" + m.second.as_string() + "', expected 'CycloneDX'");
        saw_format = true;
      } else if (k == "specVersion") {
        s = expect(m.second, Kind::String, p);
        if (s) {
          doc.spec_version = m.second.as_string();
          static constexpr std::string_view kKnown[] = {"1.2", "1.3", "1.4", "1.5", "1.6", "1.7"};
          if (std::find(std::begin(kKnown), std::end(kKnown), doc.spec_version) == std::end(kKnown))
            return error_at(m.second, p, "unsupported CycloneDX specVersion '" + doc.spec_version + "' (supported: 1.2 to 1.7)");
        }
        saw_spec = true;
      } else if (k == "serialNumber") s = take_string(m, doc.serial_number, doc.extra, p);
      else if (k == "version") {
        s = expect(m.second, Kind::Number, p);
        if (s) doc.version = m.second.as_number();
      } else if (k == "metadata") s = metadata(m.second, doc.metadata, p);
      else if (k == "components") {
        s = take_optional_array(m, doc.components, p, [&](Value& x, Component& c, const Path& q) { return component(x, c, q); });
      } else if (k == "dependencies") {
        s = take_optional_array(m, doc.dependencies, p, [&](Value& x, Dependency& d, const Path& q) { return dependency(x, d, q); });
      } else if (k == "vulnerabilities") {
        s = take_optional_array(m, doc.vulnerabilities, p, [&](Value& x, Vulnerability& vu, const Path& q) { return vulnerability(x, vu, q); });
      } else doc.extra.push_back(std::move(m));
      if (!s) return s.error();
    }
    if (!saw_format) return error_at(root, Path{}, "not a CycloneDX document: no bomFormat member");
    if (!saw_spec) return error_at(root, Path{}, "CycloneDX document has no specVersion");
    return doc;
  }

 private:
  std::string_view file_;
};

// ---- Writing ---------------------------------------------------------------------------------

class Writer {
 public:
  explicit Writer(json::Emitter& e) : e_(e) {}

  // Extras go after the modelled members; a key the model already wrote is skipped, so a
  // field a tool filled in replaces the verbatim empty value it was read as.
  void extras(const json::Object& extra, std::initializer_list<std::string_view> written) {
    for (const auto& m : extra) {
      if (std::find(written.begin(), written.end(), m.first) != written.end()) continue;
      e_.key(m.first);
      e_.value(m.second);
    }
  }

  static std::string_view if_set(std::string_view key, const std::string& v) { return v.empty() ? std::string_view{} : key; }

  void properties(const std::vector<Property>& props) {
    if (props.empty()) return;
    e_.key("properties");
    e_.begin_array();
    for (const auto& p : props) {
      e_.begin_object();
      e_.member("name", p.name);
      e_.member("value", p.value);
      extras(p.extra, {if_set("name", p.name), if_set("value", p.value)});
      e_.end_object();
    }
    e_.end_array();
  }

  void licenses(const std::vector<License>& ls) {
    if (ls.empty()) return;
    e_.key("licenses");
    e_.begin_array();
    for (const auto& l : ls) {
      e_.begin_object();
      if (!l.expression.empty()) {
        e_.key("expression");
        e_.string(l.expression);
      }
      if (!l.id.empty() || !l.name.empty() || !l.license_extra.empty()) {
        e_.key("license");
        e_.begin_object();
        e_.member("id", l.id);
        e_.member("name", l.name);
        extras(l.license_extra, {if_set("id", l.id), if_set("name", l.name)});
        e_.end_object();
      }
      extras(l.extra, {if_set("expression", l.expression), (!l.id.empty() || !l.name.empty() || !l.license_extra.empty()) ? "license" : ""});
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
    e_.begin_object();
    e_.member("type", c.type);
    e_.member("bom-ref", c.bom_ref);
    if (c.supplier) { e_.key("supplier"); e_.value(*c.supplier); }
    e_.member("group", c.group);
    e_.member("name", c.name);
    e_.member("version", c.version);
    e_.member("description", c.description);
    e_.member("scope", c.scope);
    if (!c.hashes.empty()) {
      e_.key("hashes");
      e_.begin_array();
      for (const auto& h : c.hashes) {
        e_.begin_object();
        e_.member("alg", h.alg);
        e_.member("content", h.content);
        extras(h.extra, {if_set("alg", h.alg), if_set("content", h.content)});
        e_.end_object();
      }
      e_.end_array();
    }
    licenses(c.licenses);
    e_.member("cpe", c.cpe);
    e_.member("purl", c.purl);
    properties(c.properties);
    if (!c.components.empty()) {
      e_.key("components");
      e_.begin_array();
      for (const auto& cc : c.components) component(cc);
      e_.end_array();
    }
    extras(c.extra, {if_set("type", c.type), if_set("bom-ref", c.bom_ref), c.supplier ? "supplier" : "",
                     if_set("group", c.group), if_set("name", c.name), if_set("version", c.version),
                     if_set("description", c.description), if_set("scope", c.scope),
                     c.hashes.empty() ? "" : "hashes", c.licenses.empty() ? "" : "licenses",
                     if_set("cpe", c.cpe), if_set("purl", c.purl), c.properties.empty() ? "" : "properties",
                     c.components.empty() ? "" : "components"});
    e_.end_object();
  }

  void vulnerability(const Vulnerability& v) {
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
      for (const auto& r : v.ratings) {
        e_.begin_object();
        source("source", r.source_name, r.source_url, r.source_extra);
        if (r.score) { e_.key("score"); e_.number(*r.score); }
        e_.member("severity", r.severity);
        e_.member("method", r.method);
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
    e_.member("created", v.created);
    e_.member("published", v.published);
    e_.member("updated", v.updated);
    bool has_analysis = v.analysis.has_value();
    if (has_analysis) {
      const Analysis& a = *v.analysis;
      e_.key("analysis");
      e_.begin_object();
      e_.member("state", a.state);
      e_.member("justification", a.justification);
      if (!a.response.empty()) {
        e_.key("response");
        e_.begin_array();
        for (const auto& r : a.response) e_.string(r);
        e_.end_array();
      }
      e_.member("detail", a.detail);
      e_.member("firstIssued", a.first_issued);
      e_.member("lastUpdated", a.last_updated);
      extras(a.extra, {if_set("state", a.state), if_set("justification", a.justification),
                       a.response.empty() ? "" : "response", if_set("detail", a.detail),
                       if_set("firstIssued", a.first_issued), if_set("lastUpdated", a.last_updated)});
      e_.end_object();
    }
    if (!v.affects.empty()) {
      e_.key("affects");
      e_.begin_array();
      for (const auto& a : v.affects) {
        e_.begin_object();
        e_.member("ref", a.ref);
        if (!a.versions.is_null()) { e_.key("versions"); e_.value(a.versions); }
        extras(a.extra, {if_set("ref", a.ref), a.versions.is_null() ? "" : "versions"});
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
    e_.string(d.spec_version);
    e_.member("serialNumber", d.serial_number);
    if (d.version) { e_.key("version"); e_.number(*d.version); }
    const Metadata& md = d.metadata;
    bool md_written = md.present || !md.timestamp.empty() || md.component || !md.properties.empty() ||
                      !md.licenses.empty() || !md.extra.empty();
    if (md_written) {
      e_.key("metadata");
      e_.begin_object();
      e_.member("timestamp", md.timestamp);
      // CycloneDX order: timestamp, lifecycles, tools, authors, component, manufacture, supplier,
      // licenses, properties. Members we do not model keep their relative order after ours.
      if (md.component) { e_.key("component"); component(*md.component); }
      licenses(md.licenses);
      properties(md.properties);
      extras(md.extra, {if_set("timestamp", md.timestamp), md.component ? "component" : "",
                        md.licenses.empty() ? "" : "licenses", md.properties.empty() ? "" : "properties"});
      e_.end_object();
    }
    if (d.components) {
      e_.key("components");
      e_.begin_array();
      for (const auto& c : *d.components) component(c);
      e_.end_array();
    }
    if (d.dependencies) {
      e_.key("dependencies");
      e_.begin_array();
      for (const auto& dep : *d.dependencies) {
        e_.begin_object();
        e_.member("ref", dep.ref);
        if (!dep.depends_on.empty()) {
          e_.key("dependsOn");
          e_.begin_array();
          for (const auto& r : dep.depends_on) e_.string(r);
          e_.end_array();
        }
        extras(dep.extra, {if_set("ref", dep.ref), dep.depends_on.empty() ? "" : "dependsOn"});
        e_.end_object();
      }
      e_.end_array();
    }
    if (d.vulnerabilities) {
      e_.key("vulnerabilities");
      e_.begin_array();
      for (const auto& v : *d.vulnerabilities) vulnerability(v);
      e_.end_array();
    }
    extras(d.extra, {"bomFormat", "specVersion", if_set("serialNumber", d.serial_number),
                     d.version ? "version" : "", md_written ? "metadata" : "",
                     d.components ? "components" : "", d.dependencies ? "dependencies" : "",
                     d.vulnerabilities ? "vulnerabilities" : ""});
    e_.end_object();
  }

 private:
  json::Emitter& e_;
};

// Duplicate keys: the last one wins, everywhere, as for every other JSON reader of the document.
const json::ParseOptions kReadOptions{512, true};

}  // namespace

Expected<Document> from_json(json::Value root, std::string_view name) {
  Reader r(name);
  return r.document(std::move(root));
}

Expected<Document> read_json(std::string_view text, std::string_view name) {
  auto v = json::parse(text, kReadOptions);
  if (!v) return std::move(v.error().in_file(name));
  return from_json(std::move(v).value(), name);
}

Expected<Document> read_json(std::FILE* f, std::string_view name) {
  auto v = json::parse_file(f, name, kReadOptions);
  if (!v) return std::move(v).error();
  return from_json(std::move(v).value(), name);
}

std::string write_json(const Document& doc, int indent) {
  std::string out;
  json::Emitter e(out, indent);
  Writer w(e);
  w.document(doc);
  out += '\n';
  return out;
}

void write_json(const Document& doc, const json::Sink& sink, int indent) {
  std::string out;
  json::Emitter e(out, indent);
  e.stream_to(sink);
  Writer w(e);
  w.document(doc);
  out += '\n';
  e.flush();
}

json::Value to_json(const Document& doc) {
  auto v = json::parse(write_json(doc, 0));
  return std::move(v).value();  // our own output always parses
}

}  // namespace sbom::cyclonedx
