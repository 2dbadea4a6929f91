// CycloneDX XML -> CycloneDX JSON shape -> sbom::Document.
//
// pugixml parses a copy of the text in place, so every element name points into the buffer and
// its position costs nothing; it parses iteratively (a million nested elements are memory, not
// stack) and expands nothing: entity references are left alone (parse_escapes off) and decoded
// here, where anything but the five predefined entities and character references is an error,
// and a DOCTYPE is refused, so no DTD, internal or external entity is ever read. Text that comes
// first in an element is kept as the element's value (parse_embed_pcdata: no node for it, which
// makes the tree of a CycloneDX document, mostly text-only elements, much smaller). The tree is
// then walked by the table of xml_shape.h into the CycloneDX JSON shape, as events (events.h)
// that the model reader of json.cpp reads as it reads JSON: the walk itself guarantees valid
// UTF-8, bounded nesting and no member twice (a repeated element is refused where it is), so no
// validating pass is needed. The items of the document's top-level arrays are walked one at a
// time as the reader reaches them, then removed from the tree. xml_to_json() writes the same
// walk as JSON text (for tests and for looking at what the reader sees).
#include "cyclonedx/xml.h"

#include <algorithm>
#include <cctype>
#include <cstdlib>
#include <cstdint>
#include <cstring>
#include <memory>
#include <pugixml.hpp>
#include <sys/mman.h>
#include <type_traits>

#if defined(__SSE2__)
#include <emmintrin.h>
#endif

#include "cyclonedx/events.h"
#include "cyclonedx/json.h"
#include "core/json_cursor.h"
#include "cyclonedx/xml_shape.h"
#include "sbom/cyclonedx.h"
#include "sbom/format.h"

namespace sbom::cyclonedx {

namespace {

using xml::Kind;
using xml::Member;
using xml::Shape;

constexpr std::string_view kXInclude = "http://www.w3.org/2001/XInclude";

std::string_view prefix_of(std::string_view qname) {
  auto colon = qname.find(':');
  return colon == std::string_view::npos ? std::string_view{} : qname.substr(0, colon);
}
std::string_view local_of(std::string_view qname) {
  auto colon = qname.find(':');
  return colon == std::string_view::npos ? qname : qname.substr(colon + 1);
}
bool is_namespace_declaration(std::string_view name) { return name == "xmlns" || name.starts_with("xmlns:"); }

// A code point XML 1.0 allows (its production Char).
bool xml_char(std::uint32_t cp) {
  return cp == 0x9 || cp == 0xA || cp == 0xD || (cp >= 0x20 && cp <= 0xD7FF) || (cp >= 0xE000 && cp <= 0xFFFD) ||
         (cp >= 0x10000 && cp <= 0x10FFFF);
}

// Thrown inside the walk only, caught at its top: where (byte offset) and what.
struct Failure {
  std::size_t offset;
  std::string message;
};

// What the walk needs of a parsed document (with_tree() below).
struct Tree {
  pugi::xml_node root;
  const char* base;  // the parsed copy of the text: every name and value points into it
  const char* end;   // its end: the terminating NUL, then at least kPadding more zero bytes
  std::string_view prefix;
  std::string_view ns;
  unsigned minor;
};

// The walk writes the JSON shape through `Out`: json::Emitter (JSON text, xml_to_json) or Events
// (read_xml), which take the same calls.
template <typename Out>
class Converter {
 public:
  Converter(std::string_view text, const Tree& tree, Out& out)
      : text_(text), base_(tree.base), end_(tree.end), prefix_(tree.prefix), ns_(tree.ns), minor_(tree.minor), em_(out) {}

  // A Deferred item's events (the walker of read_xml). The item's nodes are then removed from the
  // tree: nothing looks at them again (its events view the buffer, not the tree), and pugixml
  // frees each of its 32 KiB pages once all its nodes are gone; the tree, allocated in document
  // order, shrinks as the model grows instead of both being whole at once.
  void deferred_item(const Events::Event& d) {
    pugi::xml_node n(static_cast<pugi::xml_node_struct*>(const_cast<void*>(d.item())));
    item(n, static_cast<Kind>(d.tag() & 0xFF), static_cast<unsigned>(d.tag() >> 8));
    n.parent().remove_child(n);
  }

  void bom(pugi::xml_node root) {
    em_.begin_object();
    em_.key("bomFormat");
    em_.string("CycloneDX");
    em_.key("specVersion");
    em_.string("1." + std::to_string(minor_));
    members(root, Kind::Bom, 1);
    em_.end_object();
  }

 private:
  // Kept for XML -> XML: attributes and elements the JSON shape has no member for.
  struct Kept {
    std::vector<std::pair<std::string_view, std::string>> attributes;  // names view the XML buffer
    struct Element {
      std::string xml, after, in;
      bool cyclonedx = false;  // in the document's CycloneDX namespace (so tied to its version)
    };
    std::vector<Element> elements;
  };

  std::size_t offset(const char* p) const { return static_cast<std::size_t>(p - base_); }
  std::size_t offset(pugi::xml_node n) const {
    const char* name = n.name();
    return name[0] && name > base_ ? offset(name) - 1 : offset(n.value());
  }
  [[noreturn]] void fail(std::size_t at, std::string message) { throw Failure{at, std::move(message)}; }

  // Entity and character references decoded; anything else that starts with '&' is refused. The
  // text itself when it has no reference (most text), else `scratch`.
  std::string_view decode(const char* s, std::string& scratch) {
    const char* amp = amp_or_end(s);
    if (!*amp) return {s, static_cast<std::size_t>(amp - s)};
    scratch.clear();
    const char* p = s;
    for (; amp; amp = std::strchr(p, '&')) {
      scratch.append(p, amp);
      const char* semi = std::strchr(amp, ';');
      std::string_view ref = semi ? std::string_view(amp + 1, semi - amp - 1) : std::string_view(amp + 1);
      if (!semi || ref.empty()) fail(offset(amp), "'&' that does not start a reference (write &amp;)");
      if (ref == "lt") scratch += '<';
      else if (ref == "gt") scratch += '>';
      else if (ref == "amp") scratch += '&';
      else if (ref == "apos") scratch += '\'';
      else if (ref == "quot") scratch += '"';
      else if (ref[0] == '#') {
        std::string_view digits = ref.substr(1);
        int base = 10;
        if (!digits.empty() && digits[0] == 'x') { base = 16; digits.remove_prefix(1); }
        std::uint32_t cp = 0;
        bool ok = !digits.empty() && digits.size() <= 8;
        for (char c : digits) {
          int d = (c >= '0' && c <= '9') ? c - '0'
                  : (base == 16 && c >= 'a' && c <= 'f') ? c - 'a' + 10
                  : (base == 16 && c >= 'A' && c <= 'F') ? c - 'A' + 10 : -1;
          if (d < 0) { ok = false; break; }
          cp = cp * base + static_cast<std::uint32_t>(d);
          if (cp > 0x10FFFF) { ok = false; break; }
        }
        if (!ok || !xml_char(cp)) fail(offset(amp), "invalid character reference '&" + std::string(ref) + ";'");
        json::detail::append_utf8(scratch, cp);
      } else {
        fail(offset(amp), "entity reference '&" + std::string(ref) +
                              ";' refused (entities are never expanded; only &lt; &gt; &amp; &apos; &quot; "
                              "and character references are read)");
      }
      p = semi + 1;
    }
    scratch.append(p);
    return scratch;
  }
  // The first '&' of the NUL-terminated `s`, else its NUL: one pass that also gives the length
  // (strchr, then strlen for the view, read most text twice). Sixteen bytes at a time inside the
  // buffer, whose padding keeps every such load inside it; a value pugixml holds elsewhere (its
  // empty string) byte by byte.
  const char* amp_or_end(const char* s) const {
#if defined(__SSE2__)
    if (std::less_equal<>()(base_, s) && std::less_equal<>()(s, end_)) {
      const __m128i amp = _mm_set1_epi8('&'), nul = _mm_setzero_si128();
      for (;; s += 16) {
        const __m128i v = _mm_loadu_si128(reinterpret_cast<const __m128i*>(s));
        const auto mask = static_cast<unsigned>(
            _mm_movemask_epi8(_mm_or_si128(_mm_cmpeq_epi8(v, amp), _mm_cmpeq_epi8(v, nul))));
        if (mask) return s + __builtin_ctz(mask);
      }
    }
#endif
    while (*s && *s != '&') ++s;
    return s;
  }
  std::string decode(const char* s) {
    std::string scratch;
    return std::string(decode(s, scratch));
  }

  // The text of an element that must hold text only: a view of the buffer when it is one piece
  // without references, else `scratch`. Text that comes first is the element's own value (the
  // tree is parsed with parse_embed_pcdata: no node for it), the rest are child nodes.
  std::string_view text_of(pugi::xml_node e, std::string& scratch) {
    const char* own = e.value();
    pugi::xml_node c = e.first_child();
    if (!c) return *own ? decode(own, scratch) : std::string_view{};
    if (!*own && !c.next_sibling()) {
      if (c.type() == pugi::node_pcdata) return decode(c.value(), scratch);
      if (c.type() == pugi::node_cdata) return c.value();
    }
    std::string text, piece;
    if (*own) text = decode(own, piece);
    for (; c; c = c.next_sibling()) {
      if (c.type() == pugi::node_pcdata) text += decode(c.value(), piece);
      else if (c.type() == pugi::node_cdata) text += c.value();
      else if (c.type() == pugi::node_element)
        fail(offset(c), "element '" + std::string(c.name()) + "' inside '" + e.name() + "', which holds text only");
    }
    scratch = std::move(text);
    return scratch;
  }

  static std::string_view trim(std::string_view t) {
    while (!t.empty() && std::strchr(" \t\n\r", t.front())) t.remove_prefix(1);
    while (!t.empty() && std::strchr(" \t\n\r", t.back())) t.remove_suffix(1);
    return t;
  }

  // An xs:integer or xs:decimal as a JSON number: "+1", ".5" and "5." become "1", "0.5" and "5";
  // an exponent (xs:double) is taken as JSON writes it.
  static bool json_number(std::string_view t, std::string& out) {
    out.clear();
    if (!t.empty() && t[0] == '+') t.remove_prefix(1);
    if (!t.empty() && t[0] == '-') { out += '-'; t.remove_prefix(1); }
    std::size_t i = 0;
    while (i < t.size() && t[i] >= '0' && t[i] <= '9') ++i;
    std::string_view whole = t.substr(0, i), frac, exp;
    if (i < t.size() && t[i] == '.') {
      std::size_t j = ++i;
      while (i < t.size() && t[i] >= '0' && t[i] <= '9') ++i;
      frac = t.substr(j, i - j);
    }
    if (i < t.size() && (t[i] == 'e' || t[i] == 'E')) {
      std::size_t j = i++;
      if (i < t.size() && (t[i] == '+' || t[i] == '-')) ++i;
      std::size_t d = i;
      while (i < t.size() && t[i] >= '0' && t[i] <= '9') ++i;
      if (i == d) return false;
      exp = t.substr(j, i - j);
    }
    if (i != t.size() || (whole.empty() && frac.empty())) return false;
    while (whole.size() > 1 && whole[0] == '0') whole.remove_prefix(1);  // JSON has no leading zeros
    out += whole.empty() ? "0" : whole;
    if (!frac.empty()) { out += '.'; out += frac; }
    out += exp;
    return true;
  }

  // `at()` is where the value is, `what` names it: only for the error (a string, nearly every
  // scalar, costs neither).
  template <typename At>
  void scalar(Kind kind, std::string_view text, At&& at, const char* what) {
    switch (kind) {
      case Kind::Number: {
        std::string t;
        if (!json_number(trim(text), t)) fail(at(), std::string(what) + ": '" + std::string(text) + "' is not a number");
        em_.number(json::Number{std::move(t)});
        return;
      }
      case Kind::Bool: {
        std::string_view t = trim(text);
        if (t == "true" || t == "1") em_.boolean(true);
        else if (t == "false" || t == "0") em_.boolean(false);
        else fail(at(), std::string(what) + ": '" + std::string(text) + "' is not a boolean");
        return;
      }
      default:
        em_.string(text);
    }
  }

  // Whether an element is in the document's CycloneDX namespace: its prefix is the root's and it
  // does not bind that prefix to another namespace. (Seen for every element: no allocation.)
  // `qname` is e's name (name_of).
  bool cyclonedx(pugi::xml_node e, std::string_view qname, std::size_t colon) const {
    if (prefix_.empty() ? colon != std::string_view::npos : colon != prefix_.size() || !qname.starts_with(prefix_))
      return false;
    for (pugi::xml_attribute a = e.first_attribute(); a; a = a.next_attribute()) {
      const char* an = a.name();
      if (an[0] != 'x' || std::strncmp(an, "xmlns", 5) != 0) continue;
      std::string_view bound = an[5] == ':' ? std::string_view(an + 6) : an[5] ? std::string_view("\n") : std::string_view();
      if (bound == prefix_ && a.value() != ns_) return false;
    }
    return true;
  }

  // An element's name and the offset of its first ':' (npos for none), in one pass: every element
  // of the document is named and looked up, and strchr, then strlen for the view, read each name
  // twice through two calls. Sixteen bytes at a time, as amp_or_end.
  std::string_view name_of(pugi::xml_node e, std::size_t& colon) const {
    const char* s = e.name();
    colon = std::string_view::npos;
#if defined(__SSE2__)
    if (std::less_equal<>()(base_, s) && std::less_equal<>()(s, end_)) {
      const __m128i sep = _mm_set1_epi8(':'), nul = _mm_setzero_si128();
      for (std::size_t i = 0;; i += 16) {
        const __m128i v = _mm_loadu_si128(reinterpret_cast<const __m128i*>(s + i));
        const auto ends = static_cast<unsigned>(_mm_movemask_epi8(_mm_cmpeq_epi8(v, nul)));
        auto colons = static_cast<unsigned>(_mm_movemask_epi8(_mm_cmpeq_epi8(v, sep)));
        if (ends) colons &= (ends & -ends) - 1;  // only those before the end
        if (colons && colon == std::string_view::npos) colon = i + static_cast<std::size_t>(__builtin_ctz(colons));
        if (ends) return {s, i + static_cast<std::size_t>(__builtin_ctz(ends))};
      }
    }
#endif
    std::string_view n(s);
    colon = n.find(':');
    return n;
  }

  // An element without a row in the table, as self-contained XML text: entities decoded (they
  // were checked), the namespace declarations it relies on copied onto it.
  std::string keep_element(pugi::xml_node e, unsigned depth) {
    // Checked first, iteratively: depth, XInclude, references.
    pugi::xml_node n = e;
    unsigned d = depth;
    while (n) {
      if (n.type() == pugi::node_element) {
        if (d > kMaxXmlDepth) fail(offset(n), "elements nested deeper than " + std::to_string(kMaxXmlDepth) + " levels");
        for (pugi::xml_attribute a : n.attributes()) {
          if (is_namespace_declaration(a.name()) && std::string_view(a.value()) == kXInclude)
            fail(offset(a.name()), "XInclude refused (nothing is included)");
          decode(a.value());
        }
        decode(n.value());
      } else if (n.type() == pugi::node_pcdata) {
        decode(n.value());
      }
      if (n.first_child()) { n = n.first_child(); ++d; continue; }
      while (n != e && !n.next_sibling()) { n = n.parent(); --d; }
      if (n == e) break;
      n = n.next_sibling();
    }
    pugi::xml_document frag;
    pugi::xml_node copy = copy_decoded(frag, e);
    for (pugi::xml_node a = e.parent(); a && a.type() == pugi::node_element; a = a.parent())
      for (pugi::xml_attribute at : a.attributes()) {
        std::string_view name = at.name();
        if (!is_namespace_declaration(name) || copy.attribute(at.name())) continue;
        if (name == "xmlns" && at.value() == ns_) continue;  // the writer's own default namespace
        copy.append_attribute(at.name()).set_value(at.value());
      }
    struct Writer : pugi::xml_writer {
      std::string s;
      void write(const void* data, std::size_t size) override { s.append(static_cast<const char*>(data), size); }
    } w;
    copy.print(w, "", pugi::format_raw | pugi::format_no_declaration, pugi::encoding_utf8);
    return std::move(w.s);
  }

  // `e` appended to `to` with references decoded, its own text (an element's value in this tree)
  // as the text node it is in XML. Elements, text and CDATA are all the tree below the root holds
  // (comments and processing instructions are not parsed); depth was checked by the caller.
  pugi::xml_node copy_decoded(pugi::xml_node to, pugi::xml_node e) {
    if (e.type() != pugi::node_element) {
      pugi::xml_node t = to.append_child(e.type());
      t.set_value(e.type() == pugi::node_pcdata ? decode(e.value()).c_str() : e.value());
      return t;
    }
    pugi::xml_node copy = to.append_child(e.name());
    for (pugi::xml_attribute a : e.attributes()) copy.append_attribute(a.name()).set_value(decode(a.value()).c_str());
    if (*e.value()) copy.append_child(pugi::node_pcdata).set_value(decode(e.value()).c_str());
    for (pugi::xml_node c = e.first_child(); c; c = c.next_sibling()) copy_decoded(copy, c);
    return copy;
  }

  // Text that is not whitespace where only elements may be: its own value (see text_of) or a
  // child text node.
  void elements_only(pugi::xml_node e, const char* text) {
    if (*text && std::string_view(text).find_first_not_of(" \t\r\n") != std::string_view::npos)
      fail(offset(text), "text inside '" + std::string(e.name()) + "', which holds elements only");
  }

  void object(pugi::xml_node e, Kind kind, unsigned depth) {
    em_.begin_object();
    members(e, kind, depth);
    em_.end_object();
  }

  void check_depth(pugi::xml_node e, unsigned depth) {
    if (depth > kMaxXmlDepth) fail(offset(e), "elements nested deeper than " + std::to_string(kMaxXmlDepth) + " levels");
  }

  // A member given twice would be a repeated key of the JSON shape, which the JSON reader is
  // spared checking for (read_json_checked): refused here, with both places.
  // `first` gives the offset of the first one, asked only on that error path.
  template <typename First>
  void once(std::uint64_t& seen, Kind kind, const Member* m, std::size_t at, First&& first) {
    auto bit = std::uint64_t{1} << static_cast<std::size_t>(m - xml::members(kind).data());
    if (!(seen & bit)) {
      seen |= bit;
      return;
    }
    json::Position p = json::detail::position_of(text_, first());
    fail(at, std::string(m->shape == Shape::Attribute ? "repeated attribute '" : "repeated element '") +
                 std::string(m->xml) + "' (the first is at " + std::to_string(p.line) + ":" +
                 std::to_string(p.column) + ")");
  }
  void keep_attribute(Kept& kept, pugi::xml_attribute a) {
    for (const auto& k : kept.attributes)
      if (k.first == a.name()) fail(offset(a.name()), "repeated attribute '" + std::string(a.name()) + "'");
    kept.attributes.emplace_back(a.name(), decode(a.value()));
  }
  // The first child element of `e` named like `c` (for the message about a repeated one).
  std::size_t first_like(pugi::xml_node e, pugi::xml_node c) const {
    for (pugi::xml_node f = e.first_child(); f; f = f.next_sibling())
      if (f.type() == pugi::node_element && std::strcmp(f.name(), c.name()) == 0) return offset(f);
    return offset(c);
  }

  // The members of object `e` of `kind`, into the object the caller opened.
  void members(pugi::xml_node e, Kind kind, unsigned depth) {
    check_depth(e, depth);
    Kept kept;
    std::uint64_t seen = 0;
    for (pugi::xml_attribute a : e.attributes()) {
      std::string_view name = a.name();
      if (is_namespace_declaration(name)) {
        if (std::string_view(a.value()) == kXInclude) fail(offset(a.name()), "XInclude refused (nothing is included)");
        if (std::string_view(a.value()) == ns_) continue;
        keep_attribute(kept, a);
        continue;
      }
      const Member* m = name.find(':') == std::string_view::npos ? xml::find_xml(kind, name, minor_, true) : nullptr;
      if (!m) {
        keep_attribute(kept, a);
        continue;
      }
      once(seen, kind, m, offset(a.name()), [&] { return offset(e.attribute(a.name()).name()); });
      em_.key(m->json);
      scalar(m->kind, decode(a.value(), scratch_), [&] { return offset(a.value()); }, a.name());
    }
    for (const Member& m : xml::members(kind)) {
      if (m.shape != Shape::Content || !m.in(minor_)) continue;
      em_.key(m.json);
      scalar(m.kind, text_of(e, scratch_), [&] { return offset(e); }, e.name());
      keep_out(kept);
      return;
    }
    const Member* open = nullptr;  // a Repeated member whose array is open
    std::size_t hint = 0;          // where the next child's row is looked for first
    std::string_view anchor;       // the last element with a row, for placing kept ones
    elements_only(e, e.value());
    for (pugi::xml_node c = e.first_child(); c; c = c.next_sibling()) {
      if (c.type() == pugi::node_pcdata || c.type() == pugi::node_cdata) {
        elements_only(e, c.value());
        continue;
      }
      if (c.type() != pugi::node_element) continue;
      std::size_t colon;
      const std::string_view qname = name_of(c, colon);
      const bool cdx = cyclonedx(c, qname, colon);
      const Member* m =
          cdx ? xml::find_xml(kind, colon == std::string_view::npos ? qname : qname.substr(colon + 1), minor_, false, hint)
              : nullptr;
      if (!m) {
        kept.elements.push_back({keep_element(c, depth + 1), std::string(anchor), {}, cdx});
        continue;
      }
      if (open && open != m) { em_.end_array(); open = nullptr; }
      if (open != m) once(seen, kind, m, offset(c), [&] { return first_like(e, c); });
      hint = static_cast<std::size_t>(m - xml::members(kind).data());
      anchor = m->xml;
      switch (m->shape) {
        case Shape::Element:
          em_.key(m->json);
          if (xml::is_object(m->kind)) {
            check_depth(c, depth + 1);
            object(c, m->kind, depth + 1);
          } else {
            scalar(m->kind, text_of(c, scratch_), [&] { return offset(c); }, c.name());
          }
          break;
        case Shape::Repeated:
        case Shape::RepeatedRefs:
          if (!open) {
            em_.key(m->json);
            em_.begin_array();
            open = m;
          }
          if (m->shape == Shape::RepeatedRefs) item_ref(c);
          else item(c, m->kind, depth + 1);
          break;
        case Shape::Tools:
          if (minor_ >= 5 && !c.child(qualified("tool").c_str()) && (c.first_child() || *c.value())) {
            em_.key(m->json);
            check_depth(c, depth + 1);
            object(c, Kind::ToolsObject, depth + 1);
            break;
          }
          [[fallthrough]];
        default:
          wrapper(c, kind, *m, kept, depth + 1);
      }
    }
    if (open) em_.end_array();
    keep_out(kept);
  }

  std::string qualified(std::string_view local) const {
    return prefix_.empty() ? std::string(local) : std::string(prefix_) + ":" + std::string(local);
  }

  void item(pugi::xml_node c, Kind kind, unsigned depth) {
    check_depth(c, depth);
    if (xml::is_object(kind)) object(c, kind, depth);
    else scalar(kind, text_of(c, scratch_), [&] { return offset(c); }, c.name());
  }
  void item_ref(pugi::xml_node c) {
    pugi::xml_attribute ref = c.attribute("ref");
    if (!ref) fail(offset(c), "'" + std::string(c.name()) + "' without a 'ref' attribute");
    em_.string(decode(ref.value(), scratch_));
  }

  // An array with a wrapper element: Wrapped (its items of one row or of several choices), Refs,
  // Licenses, Tools (legacy form). `m` is a member of `kind`.
  void wrapper(pugi::xml_node w, Kind kind, const Member& m, Kept& kept, unsigned depth) {
    std::span<const Member> rows = xml::choices(kind, m);
    check_depth(w, depth);
    em_.key(m.json);
    em_.begin_array();
    for (pugi::xml_attribute a : w.attributes())
      if (!is_namespace_declaration(a.name()) || std::string_view(a.value()) != ns_)
        fail(offset(a.name()), "unexpected attribute '" + std::string(a.name()) + "' on '" + w.name() + "'");
    elements_only(w, w.value());
    for (pugi::xml_node c = w.first_child(); c; c = c.next_sibling()) {
      if (c.type() == pugi::node_pcdata || c.type() == pugi::node_cdata) {
        elements_only(w, c.value());
        continue;
      }
      if (c.type() != pugi::node_element) continue;
      std::size_t colon;
      const std::string_view qname = name_of(c, colon);
      const std::string_view local = colon == std::string_view::npos ? qname : qname.substr(colon + 1);
      const bool cdx = cyclonedx(c, qname, colon);
      if (cdx && m.shape == Shape::Licenses && local == "license") {
        em_.begin_object();
        em_.key("license");
        check_depth(c, depth + 1);
        object(c, Kind::License, depth + 1);
        em_.end_object();
      } else if (cdx && m.shape == Shape::Licenses && local == "expression") {
        check_depth(c, depth + 1);
        object(c, Kind::Expression, depth + 1);
      } else if (const Member* row = cdx && m.shape != Shape::Licenses ? choice(rows, local) : nullptr) {
        if (m.shape == Shape::Refs) item_ref(c);
        else if (!defer(kind, row->kind)) item(c, row->kind, depth + 1);
        else if constexpr (std::is_same_v<Out, Events>)
          em_.deferred(c.internal_object(), (depth + 1) << 8 | static_cast<unsigned>(row->kind));
      } else {
        kept.elements.push_back({keep_element(c, depth + 1), {}, std::string(m.xml), cdx});
      }
    }
    em_.end_array();
  }

  // Whether the items of an array of `kind` objects in a `parent` are walked when the reader gets
  // to them (events.h): those of the document's top-level arrays, when reading.
  static bool defer(Kind parent, Kind kind) {
    return std::is_same_v<Out, Events> && parent == Kind::Bom && xml::is_object(kind);
  }

  static const Member* choice(std::span<const Member> rows, std::string_view item) {
    for (const Member& r : rows)
      if (r.item == item) return &r;
    return nullptr;
  }

  void keep_out(const Kept& kept) {
    if (!kept.attributes.empty()) {
      em_.key(xml::kExtraAttributes);
      em_.begin_object();
      for (const auto& [name, value] : kept.attributes) {
        em_.key(name);
        em_.string(value);
      }
      em_.end_object();
    }
    if (!kept.elements.empty()) {
      em_.key(xml::kExtraElements);
      em_.begin_array();
      for (const auto& k : kept.elements) {
        em_.begin_object();
        em_.member("after", k.after);
        em_.member("in", k.in);
        if (k.cyclonedx) em_.member("ns", ns_);
        em_.key("xml");
        em_.string(k.xml);
        em_.end_object();
      }
      em_.end_array();
    }
  }

  std::string_view text_;
  const char* base_;
  const char* end_;
  std::string_view prefix_;
  std::string ns_;
  unsigned minor_;
  Out& em_;
  std::string scratch_;  // decoded text, used before the next decode
};

// The copy of the text and the JSON shape are written once, front to back, each about the size of
// the input: in 2 MiB pages they cost a page fault per 2 MiB instead of per 4 KiB (a sixth of the
// reader's time on a 150 MB document). Only a hint; nothing depends on it.
void huge_pages(void* p, std::size_t size) {
  constexpr std::uintptr_t kHuge = std::uintptr_t{2} << 20;
  if (size < 2 * kHuge) return;
  auto begin = (reinterpret_cast<std::uintptr_t>(p) + kHuge - 1) & ~(kHuge - 1);
  auto end = (reinterpret_cast<std::uintptr_t>(p) + size) & ~(kHuge - 1);
  if (end > begin) ::madvise(reinterpret_cast<void*>(begin), end - begin, MADV_HUGEPAGE);
}

}  // namespace

namespace xml_chars {

// The offset of the first character XML 1.0 does not allow, or text.size(). Sixteen bytes at a
// time (SSE2; else eight) while none is a control character other than tab, LF and CR, nor 0xEF
// (the lead byte of U+FFFE and U+FFFF): an indented document has a line break every few dozen
// bytes, so line breaks must not leave the fast path.
std::size_t forbidden_character(std::string_view text) {
  constexpr std::uint64_t kOnes = 0x0101010101010101u, kHigh = 0x8080808080808080u;
  std::size_t i = 0;
  while (i < text.size()) {
#if defined(__SSE2__)
    if (text.size() - i >= 16) {
      const __m128i v = _mm_loadu_si128(reinterpret_cast<const __m128i*>(text.data() + i));
      const __m128i control = _mm_cmpeq_epi8(_mm_min_epu8(v, _mm_set1_epi8(0x1F)), v);  // v <= 0x1F
      const __m128i allowed = _mm_or_si128(_mm_or_si128(_mm_cmpeq_epi8(v, _mm_set1_epi8('\t')),
                                                        _mm_cmpeq_epi8(v, _mm_set1_epi8('\n'))),
                                           _mm_cmpeq_epi8(v, _mm_set1_epi8('\r')));
      const __m128i hit = _mm_or_si128(_mm_andnot_si128(allowed, control),
                                       _mm_cmpeq_epi8(v, _mm_set1_epi8(static_cast<char>(0xEF))));
      const auto mask = static_cast<unsigned>(_mm_movemask_epi8(hit));
      if (mask == 0) {
        i += 16;
        continue;
      }
      i += static_cast<std::size_t>(__builtin_ctz(mask));  // the first byte to look at closely
    }
#endif
    if (text.size() - i >= 8) {
      std::uint64_t w;
      std::memcpy(&w, text.data() + i, 8);
      std::uint64_t ef = w ^ (kOnes * 0xEF);
      if ((((w - kOnes * 0x20) & ~w & kHigh) | ((ef - kOnes) & ~ef & kHigh)) == 0) {
        i += 8;
        continue;
      }
    }
    auto c = static_cast<unsigned char>(text[i]);
    if (c < 0x20 && c != '\t' && c != '\n' && c != '\r') return i;
    if (c == 0xEF && i + 2 < text.size() && static_cast<unsigned char>(text[i + 1]) == 0xBF &&
        (static_cast<unsigned char>(text[i + 2]) & 0xFE) == 0xBE)
      return i;
    ++i;
  }
  return text.size();
}

// Copies `text` to `out` and says whether it is what the parser may read: UTF-8 without a
// character XML 1.0 does not allow (what json::valid_utf8 and forbidden_character check, in the
// same pass as the copy instead of two passes before it: each pass over a 150 MB document is
// a few percent of reading it). Sixteen bytes at a time while they are ASCII other than control
// characters (tab, LF and CR aside); a byte outside that is looked at alone: a multi-byte sequence
// is checked and copied, anything else stops the copy. false says only that something is wrong;
// the caller's separate checks then say what and where.
bool copy_checked(std::string_view text, char* out) {
  const char* in = text.data();
  const std::size_t n = text.size();
  std::size_t i = 0;
  auto odd = [&](std::size_t at) -> std::size_t {  // the bytes taken at `at`, 0 for a problem
    auto c = static_cast<unsigned char>(in[at]);
    if (c < 0x80) {
      if (c < 0x20 && c != '\t' && c != '\n' && c != '\r') return 0;
      out[at] = static_cast<char>(c);
      return 1;
    }
    const std::size_t len = json::detail::utf8_sequence(text, at);
    if (len == 0) return 0;
    if (c == 0xEF && static_cast<unsigned char>(in[at + 1]) == 0xBF && (static_cast<unsigned char>(in[at + 2]) & 0xFE) == 0xBE)
      return 0;  // U+FFFE, U+FFFF
    std::memcpy(out + at, in + at, len);
    return len;
  };
#if defined(__SSE2__)
  const __m128i low = _mm_set1_epi8(0x1F);
  while (n - i >= 16) {
    const __m128i v = _mm_loadu_si128(reinterpret_cast<const __m128i*>(in + i));
    _mm_storeu_si128(reinterpret_cast<__m128i*>(out + i), v);
    // Control characters (v <= 0x1F unsigned) other than tab, LF, CR, and bytes >= 0x80 (sign bit).
    const __m128i control = _mm_cmpeq_epi8(_mm_min_epu8(v, low), v);
    const __m128i allowed = _mm_or_si128(_mm_or_si128(_mm_cmpeq_epi8(v, _mm_set1_epi8('\t')),
                                                      _mm_cmpeq_epi8(v, _mm_set1_epi8('\n'))),
                                         _mm_cmpeq_epi8(v, _mm_set1_epi8('\r')));
    const auto mask = static_cast<unsigned>(_mm_movemask_epi8(_mm_or_si128(_mm_andnot_si128(allowed, control), v)));
    if (mask == 0) {
      i += 16;
      continue;
    }
    i += static_cast<std::size_t>(__builtin_ctz(mask));
    const std::size_t took = odd(i);
    if (took == 0) return false;
    i += took;
  }
#endif
  while (i < n) {
    const std::size_t took = odd(i);
    if (took == 0) return false;
    i += took;
  }
  return true;
}

}  // namespace xml_chars

namespace {

using xml_chars::copy_checked;
using xml_chars::forbidden_character;

// Zero bytes after the copy's terminating NUL: a sixteen-byte load that starts at or before it
// stays inside the buffer (Converter::amp_or_end).
constexpr std::size_t kPadding = 16;

// Events reserved for the document without its top-level arrays' items, and for one item.
constexpr std::size_t kSkeletonEvents = 1024;

Error error_at(std::string_view text, std::string_view name, std::size_t offset, std::string message) {
  Error e(std::move(message));
  e.file = name;
  json::Position p = json::detail::position_of(text, offset);
  e.line = p.line;
  e.column = p.column;
  return e;
}

// Parses and checks `text`, then returns `walk(tree)` while the tree (and the buffer it points
// into) lives; a Failure thrown by the walk becomes the error, placed in `text`.
template <typename T, typename Walk>
Expected<T> with_tree(std::string_view text, std::string_view name, Walk&& walk) {
  std::size_t skipped = text.size() - format::skip_utf8_bom(text).size();
  // pugixml parses in place: names and values point into this copy, which gives positions.
  std::unique_ptr<char[]> buffer(new char[text.size() + 1 + kPadding]);
  huge_pages(buffer.get(), text.size() + 1 + kPadding);
  if (!copy_checked(text, buffer.get())) {
    if (!json::valid_utf8(text)) {
      Error e("not UTF-8 text (CycloneDX XML is read as UTF-8)");
      e.file = name;
      return e;
    }
    // XML 1.0 has no other C0 control characters than tab, LF and CR, nor U+FFFE or U+FFFF,
    // even as references; pugixml does not check, so a document with one would be read and
    // then be written as a reference no reader takes.
    if (std::size_t bad = forbidden_character(text); bad != text.size())
      return error_at(text, name, bad, "a character XML does not allow (byte 0x" +
                                           std::string(1, "0123456789abcdef"[static_cast<unsigned char>(text[bad]) >> 4]) +
                                           std::string(1, "0123456789abcdef"[static_cast<unsigned char>(text[bad]) & 15]) + ")");
    if (!text.empty()) std::memcpy(buffer.get(), text.data(), text.size());  // not reached: both checks agree
  }
  std::memset(buffer.get() + text.size(), 0, 1 + kPadding);
  pugi::xml_document doc;
  unsigned flags = pugi::parse_cdata | pugi::parse_wconv_attribute | pugi::parse_eol | pugi::parse_doctype |
                   pugi::parse_declaration | pugi::parse_ws_pcdata_single |
                   pugi::parse_embed_pcdata;
  pugi::xml_parse_result r =
      doc.load_buffer_inplace(buffer.get() + skipped, text.size() - skipped, flags, pugi::encoding_utf8);
  const char* base = buffer.get();
  if (!r) {
    std::string what = r.description();
    if (!what.empty()) what[0] = static_cast<char>(std::tolower(static_cast<unsigned char>(what[0])));
    return error_at(text, name, skipped + static_cast<std::size_t>(r.offset), "malformed XML: " + what);
  }
  pugi::xml_node root;
  for (pugi::xml_node n = doc.first_child(); n; n = n.next_sibling()) {
    if (n.type() == pugi::node_doctype) {
      std::size_t at = text.find("<!DOCTYPE");
      return error_at(text, name, at == std::string_view::npos ? 0 : at,
                      "document type declaration (DTD) refused: entities and external subsets are never read");
    }
    if (n.type() == pugi::node_declaration) {
      std::string_view enc = n.attribute("encoding").value();
      std::string lower(enc);
      for (char& c : lower) c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
      if (!enc.empty() && lower != "utf-8" && lower != "utf8")
        return error_at(text, name, 0, "XML in encoding '" + std::string(enc) + "' (only UTF-8 is read)");
    }
    if (n.type() == pugi::node_element) {
      if (root) return error_at(text, name, static_cast<std::size_t>(n.name() - base) - 1, "a second root element");
      root = n;
    }
    if (n.type() == pugi::node_pcdata || n.type() == pugi::node_cdata)
      return error_at(text, name, static_cast<std::size_t>(n.value() - base), "text outside the root element");
  }
  if (!root) return error_at(text, name, text.size(), "no root element");
  std::string_view qname = root.name();
  std::size_t root_at = static_cast<std::size_t>(root.name() - base) - 1;
  std::string_view prefix = prefix_of(qname);
  std::string decl = prefix.empty() ? "xmlns" : "xmlns:" + std::string(prefix);
  std::string_view ns = root.attribute(decl.c_str()).value();
  if (local_of(qname) != "bom" || !ns.starts_with("http://cyclonedx.org/schema/bom/"))
    return error_at(text, name, root_at,
                    "not a CycloneDX XML document (the root element is '" + std::string(qname) +
                        "' in namespace '" + std::string(ns) + "')");
  std::string_view version = ns.substr(std::string_view("http://cyclonedx.org/schema/bom/").size());
  unsigned minor = 0;
  if (ns.starts_with(xml::kNamespacePrefix) && ns.size() == xml::kNamespacePrefix.size() + 1 &&
      ns.back() >= '0' && ns.back() <= '9')
    minor = static_cast<unsigned>(ns.back() - '0');
  if (minor < 2 || minor > 7)
    return error_at(text, name, root_at,
                    "CycloneDX " + std::string(version) + " XML is not supported (1.2 to 1.7 are read)");
  try {
    return walk(Tree{root, base, base + text.size(), prefix, ns, minor});
  } catch (const Failure& f) {
    return error_at(text, name, f.offset, f.message);
  }
}

// Walks the deferred items for read_events(), into one Events used again for each.
class DeferredItems final : public ItemWalker {
 public:
  DeferredItems(std::string_view text, const Tree& tree, std::string_view buffer)
      : events_(buffer, kSkeletonEvents), converter_(text, tree, events_) {}
  const Events& walk(const Events::Event& deferred) override {
    events_.clear();
    converter_.deferred_item(deferred);
    events_.resume();
    return events_;
  }

 private:
  Events events_;
  Converter<Events> converter_;
};

}  // namespace

Expected<std::string> xml_to_json(std::string_view text, std::string_view name) {
  return with_tree<std::string>(text, name, [&](const Tree& tree) -> Expected<std::string> {
    std::string out;
    out.reserve(text.size());
    huge_pages(out.data(), out.capacity());
    json::Emitter em(out, 0);
    Converter(text, tree, em).bom(tree.root);
    return out;
  });
}

Expected<Document> read_xml(std::string_view text, std::string_view name) {
  auto doc = with_tree<Document>(text, name, [&](const Tree& tree) -> Expected<Document> {
    // The buffer's strings are viewed, not copied: it outlives the events (this call).
    const std::string_view buffer(tree.base, text.size() + 1);
    Events events(buffer, kSkeletonEvents);
    Converter(text, tree, events).bom(tree.root);
    DeferredItems walker(text, tree, buffer);
    // The JSON shape is checked as it is made, but for the types of the model's members: an error
    // there is placed by its JSON Pointer (e.g. "at /components/3/supplier"). A Failure in a
    // deferred item is thrown from inside the reader, and caught by with_tree().
    auto read = read_events(events, walker, name);
    if (!read) read.error().line = read.error().column = 0;
    return read;
  });
  if (!doc) return doc;
  doc->syntax = Syntax::CycloneDxXml;
  // Objects are placed by JSON Pointers into the JSON shape the reader saw, as from a JSON
  // input; what is reported about them is made an XPath when it is reported
  // (format::input_location), so that a location below an object is one form throughout.
  return doc;
}

}  // namespace sbom::cyclonedx
