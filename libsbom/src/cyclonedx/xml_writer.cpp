// CycloneDX JSON shape -> CycloneDX XML, by the table of xml_shape.h: attributes first, then the
// child elements in the XSD's order, elements kept as XML text put back after the element they
// followed. What the target version's XML cannot carry is reported as a loss, never written.
#include <algorithm>
#include <map>
#include <vector>
#include <string>

#include "core/json_escape.h"
#include "core/text_blocks.h"
#include "cyclonedx/xml.h"
#include "cyclonedx/xml_shape.h"
#include "cyclonedx/json.h"

namespace sbom::cyclonedx {

namespace {

using namespace std::string_view_literals;
using xml::Kind;
using xml::Member;
using xml::Shape;

// Appends "/" and the JSON Pointer token of `key` to `path` (the location a loss is reported at,
// kept for every member written): a key without '~' or '/', which is every key of the model,
// is its own token and needs no string of its own.
void append_token(std::string& path, std::string_view key) {
  path += '/';
  if (key.find('~') == std::string_view::npos && key.find('/') == std::string_view::npos) path.append(key);
  else path.append(json::pointer_token(key));
}

const json::Value* find(const json::Object& o, std::string_view key) {
  for (const auto& [k, v] : o)
    if (k == key) return &v;
  return nullptr;
}

// An XML name as the writer puts it out unescaped: ASCII letters, digits, '_', ':', '-', '.',
// not starting with a digit, '-' or '.'. (Names beyond ASCII are reported as lost, not checked.)
bool plain_name(std::string_view n) {
  if (n.empty()) return false;
  for (std::size_t i = 0; i < n.size(); ++i) {
    char c = n[i];
    bool start = (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || c == '_' || c == ':';
    bool rest = start || (c >= '0' && c <= '9') || c == '-' || c == '.';
    if (!(i == 0 ? start : rest)) return false;
  }
  return true;
}

class Writer {
 public:
  Writer(unsigned minor, const json::Sink& sink, const format::LossFn& loss) : minor_(minor), sink_(sink), loss_(loss) {
    ns_ = std::string(xml::kNamespacePrefix) + std::to_string(minor);
  }

  // An item of one of the bom's lists (components, vulnerabilities, ...), before bom(): written as
  // XML into that list's text, which bom() puts in the list's place, and what it loses waits until
  // then, so the report's order is the tree walk's. False when the list is not a wrapped list in
  // this version (the item then stays in the tree and is written as before).
  bool item_aside(std::string_view key, std::size_t index, const json::Value& x) {
    const Member* m = bom_list(key);
    if (!m) return false;
    Aside& a = aside_[m];
    std::string path;
    append_token(path, key);
    path += '/';
    path += std::to_string(index);
    out_.swap(a.text.tail());
    aside_losses_ = &a.losses;
    const Member& r = choice(xml::choices(Kind::Bom, *m), x);
    item(r.item, x, r.kind, 2, path);
    aside_losses_ = nullptr;
    out_.swap(a.text.tail());
    a.text.seal();
    ++a.count;
    return true;
  }

  void bom(const json::Value& v) {
    out_ += "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n"sv;
    std::string path;
    object("bom", v, Kind::Bom, 0, path);
    if (sink_ && !out_.empty()) sink_(out_);
  }

 private:
  void lose(const std::string& path, std::string what, std::string why) {
    format::Loss l{path.empty() ? "/" : path, std::move(what), std::move(why)};
    if (aside_losses_) aside_losses_->push_back(std::move(l));
    else if (loss_) loss_(l);
  }

  void flush() {
    if (sink_ && !aside_losses_ && out_.size() >= (std::size_t{1} << 16)) {
      sink_(out_);
      out_.clear();
    }
  }

  // Two spaces a level, from a constant line (one append, not a fill: this runs for every element).
  void indent(int depth) {
    static constexpr std::string_view kSpaces = "                                                                ";
    const auto n = static_cast<std::size_t>(depth) * 2;
    if (n <= kSpaces.size()) out_.append(kSpaces.substr(0, n));
    else out_.append(n, ' ');
  }

  // Text as XML character data; what XML 1.0 cannot hold at all (most C0 controls, U+FFFE,
  // U+FFFF) becomes U+FFFD, reported as a loss.
  void escape(std::string_view s, bool attribute, const std::string& path) {
    // Nearly every text has nothing to escape or replace: copied whole (checked 16 bytes at a
    // time; '"' and the U+FFFE/U+FFFF lead byte 0xEF send a text the slow way, which decides).
    if (!json::detail::has_control_or<'&', '<', '>', '"', '\xEF'>(s)) {
      out_.append(s);
      return;
    }
    bool replaced = false;
    for (std::size_t i = 0; i < s.size(); ++i) {
      char c = s[i];
      switch (c) {
        case '&': out_ += "&amp;"sv; continue;
        case '<': out_ += "&lt;"sv; continue;
        case '>': out_ += "&gt;"sv; continue;
        case '\r': out_ += "&#13;"sv; continue;
        case '"': out_ += attribute ? "&quot;"sv : "\""sv; continue;
        case '\t': out_ += attribute ? "&#9;"sv : "\t"sv; continue;
        case '\n': out_ += attribute ? "&#10;"sv : "\n"sv; continue;
        default: break;
      }
      auto u = static_cast<unsigned char>(c);
      bool noncharacter = u == 0xEF && i + 2 < s.size() && static_cast<unsigned char>(s[i + 1]) == 0xBF &&
                          (static_cast<unsigned char>(s[i + 2]) & 0xFE) == 0xBE;
      if (u < 0x20 || noncharacter) {
        out_ += "\xEF\xBF\xBD"sv;
        if (noncharacter) i += 2;
        replaced = true;
        continue;
      }
      out_ += c;
    }
    if (replaced) lose(path, "a character XML cannot hold", "XML 1.0 has no control characters but tab, LF and CR");
  }

  // The text of a scalar, as a view of the value (not a copy: every attribute and text element
  // of the document passes through here).
  bool scalar_text(const json::Value& v, std::string_view& text) {
    switch (v.kind()) {
      case json::Value::Kind::String: text = v.as_string(); return true;
      case json::Value::Kind::Number: text = v.as_number().text; return true;
      case json::Value::Kind::Bool: text = v.as_bool() ? "true" : "false"; return true;
      default: return false;
    }
  }

  void scalar_element(std::string_view tag, const json::Value& v, int depth, const std::string& path) {
    std::string_view text;
    if (!scalar_text(v, text)) {
      lose(path, std::string(json::kind_name(v.kind())), "CycloneDX XML has text here");
      return;
    }
    indent(depth);
    out_ += '<';
    out_ += tag;
    out_ += '>';
    escape(text, false, path);
    out_ += "</"sv;
    out_ += tag;
    out_ += ">\n"sv;
  }

  // Whether the table has the member `key` for `kind` in this version (false: a loss, reported
  // once by the caller); rows of other versions with the same key are passed over.
  const Member* row(Kind kind, std::string_view key) const {
    for (const Member& m : xml::members(kind))
      if (m.json == key && m.in(minor_)) return &m;
    return nullptr;
  }
  bool known_elsewhere(Kind kind, std::string_view key) const {
    return std::any_of(xml::members(kind).begin(), xml::members(kind).end(),
                       [&](const Member& m) { return m.json == key; });
  }

  // Writes the kept elements (see xml_shape.h) that sat `in` a wrapper or after the element
  // `after` (empty: before every element), or, with `orphans`, those whose anchor `kind` lacks.
  // (Called after every element of every object: the usual case, nothing kept, is inline.)
  void kept_elements(const json::Array* kept, Kind kind, std::string_view after, std::string_view in, bool orphans,
                     bool& has_children, int depth, const std::string& path) {
    if (kept) kept_elements_of(*kept, kind, after, in, orphans, has_children, depth, path);
  }
  void kept_elements_of(const json::Array& kept_list, Kind kind, std::string_view after, std::string_view in, bool orphans,
                        bool& has_children, int depth, const std::string& path) {
    const json::Array* kept = &kept_list;
    for (std::size_t i = 0; i < kept->size(); ++i) {
      const json::Value& k = (*kept)[i];
      if (!k.is_object()) continue;
      const json::Value* a = k.find("after");
      const json::Value* w = k.find("in");
      const json::Value* x = k.find("xml");
      const json::Value* ns = k.find("ns");
      std::string_view ka = a && a->is_string() ? std::string_view(a->as_string()) : std::string_view{};
      std::string_view kw = w && w->is_string() ? std::string_view(w->as_string()) : std::string_view{};
      if (orphans) {
        bool anchored = ka.empty() || std::any_of(xml::members(kind).begin(), xml::members(kind).end(),
                                                  [&](const Member& m) { return m.xml == ka; });
        if (!kw.empty() || anchored) continue;
      } else if (kw != in || ka != after) {
        continue;
      }
      std::string where = path + "/" + json::pointer_token(xml::kExtraElements) + "/" + std::to_string(i);
      if (!x || !x->is_string()) {
        lose(where, "a kept element without its XML text", "nothing to write");
        continue;
      }
      if (ns && ns->is_string() && ns->as_string() != ns_) {
        lose(where, "element kept as XML from " + ns->as_string(),
             "an element of another CycloneDX version is not written into " + ns_);
        continue;
      }
      open(has_children);
      indent(depth);
      out_ += x->as_string();
      out_ += '\n';
    }
  }

  // The row object() writes the bom's member `key` by, when it is a wrapped list (item_aside).
  const Member* bom_list(std::string_view key) const {
    for (const Member& m : xml::members(Kind::Bom))
      if (m.json == key && m.shape != Shape::Attribute && !xml::is_later_choice(Kind::Bom, m) && m.in(minor_))
        return m.shape == Shape::Wrapped ? &m : nullptr;
    return nullptr;
  }

  // The items item_aside() wrote for the list `m`, in its place (a list just opened).
  void put_aside(const Member& m, bool& has_items) {
    auto it = aside_.find(&m);
    if (it == aside_.end()) return;
    Aside& a = it->second;
    if (a.count > 0) open(has_items);
    if (sink_ && !out_.empty()) {
      sink_(out_);
      out_.clear();
    }
    a.text.drain([&](const std::string& t) {
      if (sink_) sink_(t);
      else out_ += t;
    });
    if (loss_)
      for (const format::Loss& l : a.losses) loss_(l);
    a.losses.clear();
  }

  // Opens the start tag's content once there is a child.
  void open(bool& has_children) {
    if (!has_children) {
      out_ += ">\n"sv;
      has_children = true;
    }
  }

  void object(std::string_view tag, const json::Value& v, Kind kind, int depth, std::string& path) {
    if (!v.is_object()) {
      lose(path, std::string(json::kind_name(v.kind())), "CycloneDX XML has an element with members here");
      return;
    }
    flush();
    const json::Object& o = v.as_object();
    indent(depth);
    out_ += '<';
    out_ += tag;
    if (depth == 0) {
      out_ += " xmlns=\""sv;
      out_ += ns_;
      out_ += '"';
    }
    std::size_t base = path.size();
    for (const Member& m : xml::members(kind)) {
      if (m.shape != Shape::Attribute || !m.in(minor_)) continue;
      const json::Value* a = find(o, m.json);
      if (!a) continue;
      append_token(path, m.json);
      std::string_view text;
      if (scalar_text(*a, text)) {
        out_ += ' ';
        out_ += m.xml;
        out_ += "=\""sv;
        escape(text, true, path);
        out_ += '"';
      } else {
        lose(path, std::string(json::kind_name(a->kind())), "CycloneDX XML has an attribute here");
      }
      path.resize(base);
    }
    if (const json::Value* ka = find(o, xml::kExtraAttributes); ka && ka->is_object())
      for (const auto& [name, value] : ka->as_object()) {
        // Kept attributes come from the XML reader; still, nothing that is not a plain name
        // goes out as one (the name is written as it is).
        if (!value.is_string() || !plain_name(name)) {
          lose(path + "/" + json::pointer_token(xml::kExtraAttributes) + "/" + json::pointer_token(name),
               "kept attribute '" + name + "'", "not an XML attribute with text");
          continue;
        }
        out_ += ' ';
        out_ += name;
        out_ += "=\""sv;
        escape(value.as_string(), true, path);
        out_ += '"';
      }
    bool has_children = false;
    const json::Value* kv = find(o, xml::kExtraElements);
    const json::Array* kept = kv && kv->is_array() ? &kv->as_array() : nullptr;
    kept_elements(kept, kind, {}, {}, false, has_children, depth + 1, path);
    for (const Member& m : xml::members(kind)) {
      if (m.shape == Shape::Attribute || xml::is_later_choice(kind, m)) continue;
      const json::Value* mv = m.in(minor_) ? find(o, m.json) : nullptr;
      if (m.shape == Shape::Content) {
        if (!mv) continue;
        std::string_view text;
        append_token(path, m.json);
        if (scalar_text(*mv, text)) {
          out_ += '>';
          escape(text, false, path);
          out_ += "</"sv;
          out_ += tag;
          out_ += ">\n"sv;
          path.resize(base);
          unknown_members(o, kind, path);
          return;
        }
        lose(path, std::string(json::kind_name(mv->kind())), "CycloneDX XML has text here");
        path.resize(base);
        continue;
      }
      if (mv && (m.shape == Shape::Repeated || m.shape == Shape::RepeatedRefs) && mv->is_array() &&
          mv->as_array().empty()) {
        // Nothing to write (and no element to open). A dependency's dependsOn [] is the same
        // document as none (docs/formats-cyclonedx-xml.md); any other empty list is a loss.
        if (m.shape == Shape::Repeated) {
          append_token(path, m.json);
          lose(path, "an empty list", "CycloneDX XML repeats '" + std::string(m.xml) + "' for each item: no items, no trace");
          path.resize(base);
        }
      } else if (mv) {
        open(has_children);
        append_token(path, m.json);
        member(kind, m, *mv, kept, depth + 1, path);
        path.resize(base);
      }
      kept_elements(kept, kind, m.xml, {}, false, has_children, depth + 1, path);
    }
    kept_elements(kept, kind, {}, {}, true, has_children, depth + 1, path);
    unknown_members(o, kind, path);
    if (has_children) {
      indent(depth);
      out_ += "</"sv;
      out_ += tag;
      out_ += ">\n"sv;
    } else {
      out_ += "/>\n"sv;
    }
  }

  void unknown_members(const json::Object& o, Kind kind, std::string& path) {
    std::size_t base = path.size();
    for (const auto& [key, value] : o) {
      if (key == xml::kExtraAttributes || key == xml::kExtraElements) continue;
      if (kind == Kind::Bom && (key == "bomFormat" || key == "specVersion")) continue;
      if (row(kind, key)) continue;
      append_token(path, key);
      lose(path, "member '" + key + "'",
           known_elsewhere(kind, key) ? "not in CycloneDX 1." + std::to_string(minor_) + " XML"
                                      : key == "$schema" ? "CycloneDX XML names its schema by its namespace"
                                                         : "no CycloneDX XML element for it in this version of sbomkit");
      path.resize(base);
    }
  }

  void item(std::string_view tag, const json::Value& v, Kind kind, int depth, std::string& path) {
    if (xml::is_object(kind)) object(tag, v, kind, depth, path);
    else scalar_element(tag, v, depth, path);
  }

  void ref(std::string_view tag, const json::Value& v, int depth, const std::string& path) {
    std::string_view text;
    if (!scalar_text(v, text)) {
      lose(path, std::string(json::kind_name(v.kind())), "CycloneDX XML has a reference (text) here");
      return;
    }
    indent(depth);
    out_ += '<';
    out_ += tag;
    out_ += " ref=\""sv;
    escape(text, true, path);
    out_ += "\"/>\n"sv;
  }

  template <typename F> void each(const json::Value& v, std::string& path, F&& f) {
    std::size_t base = path.size();
    if (!v.is_array()) {  // one where the version has an array: the single item
      f(v);
      return;
    }
    for (std::size_t i = 0; i < v.as_array().size(); ++i) {
      path.append("/").append(std::to_string(i));
      f(v.as_array()[i]);
      path.resize(base);
    }
  }

  // The row of an array's choices (xml_shape.h) an item is written as: a scalar as the scalar
  // row; an object as the row whose kind has a member for the most of its keys (the first of
  // those tied), so `{"ref": ...}` is a `<ref>` and a dataset a `<dataset>`.
  static const Member& choice(std::span<const Member> rows, const json::Value& x) {
    if (rows.size() == 1) return rows.front();  // no choice (most lists): no keys to count
    const Member* best = &rows.front();
    std::size_t most = 0;
    for (const Member& r : rows) {
      if (!x.is_object()) {
        if (!xml::is_object(r.kind)) return r;
        continue;
      }
      if (!xml::is_object(r.kind)) continue;
      std::size_t known = 0;
      for (const auto& member : x.as_object()) {
        const std::string& key = member.first;  // not a structured binding: clang 14 cannot capture one
        known += std::any_of(xml::members(r.kind).begin(), xml::members(r.kind).end(),
                             [&](const Member& k) { return k.json == key; });
      }
      if (known > most || !xml::is_object(best->kind)) {
        best = &r;
        most = known;
      }
    }
    return *best;
  }

  // `m` is a member of `kind`.
  void member(Kind kind, const Member& m, const json::Value& v, const json::Array* kept, int depth, std::string& path) {
    switch (m.shape) {
      case Shape::Element:
        if (v.is_array() && xml::is_object(m.kind)) {
          lose(path, "array", "CycloneDX 1." + std::to_string(minor_) + " XML has one '" + std::string(m.xml) + "' here");
          return;
        }
        item(m.xml, v, m.kind, depth, path);
        return;
      case Shape::Repeated:
        each(v, path, [&](const json::Value& x) { item(m.xml, x, m.kind, depth, path); });
        return;
      case Shape::RepeatedRefs:
        each(v, path, [&](const json::Value& x) { ref(m.xml, x, depth, path); });
        return;
      case Shape::Tools:
        if (v.is_object()) {
          if (minor_ < 5) {
            lose(path, "tools as components and services", "CycloneDX XML before 1.5 lists tools only");
            return;
          }
          object(m.xml, v, Kind::ToolsObject, depth, path);
          return;
        }
        break;
      default:
        break;
    }
    // Arrays with a wrapper element.
    if (!v.is_array()) {
      lose(path, std::string(json::kind_name(v.kind())), "CycloneDX XML has a list here");
      return;
    }
    indent(depth);
    out_ += '<';
    out_ += m.xml;
    bool has_items = false;
    if (kind == Kind::Bom) put_aside(m, has_items);
    each(v, path, [&](const json::Value& x) {
      open(has_items);
      if (m.shape == Shape::Refs) {
        ref(m.item, x, depth + 1, path);
      } else if (m.shape == Shape::Licenses) {
        license(x, depth + 1, path);
      } else {
        const Member& row = choice(xml::choices(kind, m), x);
        item(row.item, x, row.kind, depth + 1, path);
      }
    });
    std::string parent = path.substr(0, path.rfind('/'));
    kept_elements(kept, Kind::Bom, {}, m.xml, false, has_items, depth + 1, parent);
    if (!has_items) {
      out_ += "/>\n"sv;
      return;
    }
    indent(depth);
    out_ += "</"sv;
    out_ += m.xml;
    out_ += ">\n"sv;
  }

  void license(const json::Value& x, int depth, std::string& path) {
    if (!x.is_object()) {
      lose(path, std::string(json::kind_name(x.kind())), "a license entry is an object");
      return;
    }
    if (const json::Value* l = x.find("license")) {
      std::size_t base = path.size();
      path += "/license";
      object("license", *l, Kind::License, depth, path);
      path.resize(base);
      for (const auto& [key, value] : x.as_object())
        if (key != "license") {
          append_token(path, key);
          lose(path, "member '" + key + "'", "CycloneDX XML has no such member beside a license");
          path.resize(base);
        }
    } else if (x.find("expression")) {
      object("expression", x, Kind::Expression, depth, path);
    } else {
      lose(path, "a license entry with neither license nor expression", "CycloneDX XML has no such entry");
    }
  }

  unsigned minor_;
  std::string ns_;
  const json::Sink& sink_;
  const format::LossFn& loss_;
  std::string out_;
  struct Aside {
    detail::TextBlocks text;
    std::size_t count = 0;
    std::vector<format::Loss> losses;
  };
  std::map<const Member*, Aside> aside_;  // by the bom's row of the list (item_aside)
  std::vector<format::Loss>* aside_losses_ = nullptr;  // set while an item is written aside
};

}  // namespace

void json_to_xml(const json::Value& bom, unsigned minor, const json::Sink& sink, const format::LossFn& loss) {
  Writer(minor, sink, loss).bom(bom);
}

Status write_xml(const Document& doc, std::string_view spec_version, const json::Sink& sink, const format::LossFn& loss) {
  std::string_view v = spec_version;
  if (v.empty()) v = doc.syntax == Syntax::CycloneDxJson || doc.syntax == Syntax::CycloneDxXml || doc.syntax == Syntax::None
                         ? std::string_view(doc.spec_version) : format::default_version(Syntax::CycloneDxXml);
  if (v.size() != 3 || v.substr(0, 2) != "1." || v[2] < '2' || v[2] > '7')
    return Error("CycloneDX " + std::string(v) + " XML cannot be written (1.2 to 1.7 can)");
  // Each item of the bom's lists is written as XML as soon as the JSON writer has made it, and
  // freed: the tree that bom() walks holds the rest of the document.
  Writer w(static_cast<unsigned>(v[2] - '0'), sink, loss);
  const ItemFn aside = [&](std::string_view key, std::size_t index, const json::Value& x) {
    return w.item_aside(key, index, x);
  };
  w.bom(xml_shape(doc, v, loss, &aside));
  return Ok{};
}

}  // namespace sbom::cyclonedx
