// YAML to json::Value over libyaml's event parser (so depth is bounded by our own stack).
#include "sbom/yaml.h"

#include <yaml.h>

#include <cmath>
#include <map>
#include <memory>
#include <string>

namespace sbom::yaml {

namespace {

constexpr std::size_t kMaxDepth = 512;
constexpr std::size_t kMaxAliasNodes = 1'000'000;  // "billion laughs" guard

bool is_int(std::string_view s) {
  std::size_t i = 0;
  if (i < s.size() && (s[i] == '-' || s[i] == '+')) ++i;
  if (i == s.size()) return false;
  for (; i < s.size(); ++i)
    if (s[i] < '0' || s[i] > '9') return false;
  return true;
}

bool is_float(std::string_view s) {
  // YAML 1.2 core: [-+]?(\.[0-9]+|[0-9]+(\.[0-9]*)?)([eE][-+]?[0-9]+)?
  std::size_t i = 0;
  if (i < s.size() && (s[i] == '-' || s[i] == '+')) ++i;
  std::size_t digits = 0;
  while (i < s.size() && s[i] >= '0' && s[i] <= '9') { ++i; ++digits; }
  if (i < s.size() && s[i] == '.') {
    ++i;
    while (i < s.size() && s[i] >= '0' && s[i] <= '9') { ++i; ++digits; }
  }
  if (digits == 0) return false;
  if (i < s.size() && (s[i] == 'e' || s[i] == 'E')) {
    ++i;
    if (i < s.size() && (s[i] == '-' || s[i] == '+')) ++i;
    std::size_t exp = 0;
    while (i < s.size() && s[i] >= '0' && s[i] <= '9') { ++i; ++exp; }
    if (exp == 0) return false;
  }
  return i == s.size();
}

// A plain scalar's JSON value by the YAML core schema. Numbers are written back as JSON numbers
// (leading '+' dropped, a bare '.5' given its zero) so the text is valid JSON.
json::Value plain_scalar(std::string s) {
  if (s.empty() || s == "~" || s == "null" || s == "Null" || s == "NULL") return json::Value(nullptr);
  if (s == "true" || s == "True" || s == "TRUE") return json::Value(true);
  if (s == "false" || s == "False" || s == "FALSE") return json::Value(false);
  if (is_int(s)) {
    if (s[0] == '+') s.erase(0, 1);
    // JSON forbids leading zeros: "007" stays a string (YAML 1.1 would read it as octal).
    std::string_view digits = s[0] == '-' ? std::string_view(s).substr(1) : std::string_view(s);
    if (digits.size() > 1 && digits[0] == '0') return json::Value(std::move(s));
    return json::Value(json::Number{std::move(s)});
  }
  if (is_float(s)) {
    std::string t = s[0] == '+' ? s.substr(1) : s;
    std::string_view body = t[0] == '-' ? std::string_view(t).substr(1) : std::string_view(t);
    if (body[0] == '.' || (body.size() > 1 && body[0] == '0' && body[1] != '.' && body[1] != 'e' && body[1] != 'E'))
      return json::Value(std::move(s));
    if (body.back() == '.') return json::Value(std::move(s));
    return json::Value(json::Number{std::move(t)});
  }
  return json::Value(std::move(s));
}

class Parser {
 public:
  Parser(std::string_view text, std::string_view name) : name_(name) {
    yaml_parser_initialize(&parser_);
    // libyaml asserts on a null buffer, which an empty string_view may carry.
    static const char kEmpty[] = "";
    const char* data = text.data() ? text.data() : kEmpty;
    yaml_parser_set_input_string(&parser_, reinterpret_cast<const unsigned char*>(data), text.size());
  }
  ~Parser() { yaml_parser_delete(&parser_); }
  Parser(const Parser&) = delete;
  Parser& operator=(const Parser&) = delete;

  Expected<json::Value> run() {
    yaml_event_t ev;
    bool have_doc = false;
    json::Value root(nullptr);
    for (;;) {
      if (!yaml_parser_parse(&parser_, &ev)) return parser_error();
      std::unique_ptr<yaml_event_t, void (*)(yaml_event_t*)> guard(&ev, yaml_event_delete);
      switch (ev.type) {
        case YAML_STREAM_START_EVENT: break;
        case YAML_STREAM_END_EVENT: return root;
        case YAML_DOCUMENT_START_EVENT:
          if (have_doc) return error_at(ev.start_mark, "more than one YAML document");
          have_doc = true;
          break;
        case YAML_DOCUMENT_END_EVENT: break;
        default: {
          auto v = node(ev);
          if (!v) return v;
          root = std::move(*v);
        }
      }
    }
  }

 private:
  Error error_at(const yaml_mark_t& m, std::string msg) const {
    Error e(std::move(msg));
    e.file = name_;
    e.line = static_cast<std::uint32_t>(m.line + 1);
    e.column = static_cast<std::uint32_t>(m.column + 1);
    return e;
  }

  Error parser_error() const {
    std::string msg = parser_.problem ? parser_.problem : "invalid YAML";
    if (parser_.context) msg = std::string(parser_.context) + ": " + msg;
    return error_at(parser_.problem_mark, msg);
  }

  Expected<yaml_event_t> next() {
    yaml_event_t ev;
    if (!yaml_parser_parse(&parser_, &ev)) return parser_error();
    return ev;
  }

  static json::Position pos(const yaml_mark_t& m) {
    return {static_cast<std::uint32_t>(m.line + 1), static_cast<std::uint32_t>(m.column + 1)};
  }

  static std::string anchor_of(const yaml_event_t& ev) {
    const yaml_char_t* a = nullptr;
    if (ev.type == YAML_SCALAR_EVENT) a = ev.data.scalar.anchor;
    else if (ev.type == YAML_SEQUENCE_START_EVENT) a = ev.data.sequence_start.anchor;
    else if (ev.type == YAML_MAPPING_START_EVENT) a = ev.data.mapping_start.anchor;
    return a ? reinterpret_cast<const char*>(a) : "";
  }

  std::size_t count_nodes(const json::Value& v) {
    std::size_t n = 1;
    if (v.is_array()) for (const auto& x : v.as_array()) n += count_nodes(x);
    if (v.is_object()) for (const auto& m : v.as_object()) n += count_nodes(m.second);
    return n;
  }

  // Builds the node that starts with `ev` (the caller owns and deletes `ev`).
  Expected<json::Value> node(const yaml_event_t& ev) {
    json::Value out;
    switch (ev.type) {
      case YAML_ALIAS_EVENT: {
        std::string name = reinterpret_cast<const char*>(ev.data.alias.anchor);
        auto it = anchors_.find(name);
        if (it == anchors_.end()) return error_at(ev.start_mark, "unknown alias '*" + name + "'");
        alias_nodes_ += count_nodes(it->second);
        if (alias_nodes_ > kMaxAliasNodes) return error_at(ev.start_mark, "aliases expand to too many nodes");
        out = it->second;
        out.position = pos(ev.start_mark);
        return out;
      }
      case YAML_SCALAR_EVENT: {
        std::string s(reinterpret_cast<const char*>(ev.data.scalar.value), ev.data.scalar.length);
        bool plain = ev.data.scalar.style == YAML_PLAIN_SCALAR_STYLE && !ev.data.scalar.tag;
        out = plain ? plain_scalar(std::move(s)) : json::Value(std::move(s));
        break;
      }
      case YAML_SEQUENCE_START_EVENT: {
        if (++depth_ > kMaxDepth) return error_at(ev.start_mark, "nesting deeper than 512 levels");
        json::Array arr;
        for (;;) {
          auto child = next();
          if (!child) return std::move(child).error();
          std::unique_ptr<yaml_event_t, void (*)(yaml_event_t*)> guard(&*child, yaml_event_delete);
          if (child->type == YAML_SEQUENCE_END_EVENT) break;
          auto v = node(*child);
          if (!v) return v;
          arr.push_back(std::move(*v));
        }
        --depth_;
        out = json::Value(std::move(arr));
        break;
      }
      case YAML_MAPPING_START_EVENT: {
        if (++depth_ > kMaxDepth) return error_at(ev.start_mark, "nesting deeper than 512 levels");
        json::Object obj;
        for (;;) {
          auto key_ev = next();
          if (!key_ev) return std::move(key_ev).error();
          std::unique_ptr<yaml_event_t, void (*)(yaml_event_t*)> kguard(&*key_ev, yaml_event_delete);
          if (key_ev->type == YAML_MAPPING_END_EVENT) break;
          auto key = node(*key_ev);
          if (!key) return key;
          std::string k;
          if (key->is_string()) k = key->as_string();
          else if (key->is_number()) k = key->as_number().text;
          else if (key->is_bool()) k = key->as_bool() ? "true" : "false";
          else if (key->is_null()) k = "null";
          else return error_at(key_ev->start_mark, "mapping keys must be scalars");
          for (const auto& m : obj)
            if (m.first == k) return error_at(key_ev->start_mark, "duplicate key '" + k + "'");
          auto val_ev = next();
          if (!val_ev) return std::move(val_ev).error();
          std::unique_ptr<yaml_event_t, void (*)(yaml_event_t*)> vguard(&*val_ev, yaml_event_delete);
          auto v = node(*val_ev);
          if (!v) return v;
          obj.emplace_back(std::move(k), std::move(*v));
        }
        --depth_;
        out = json::Value(std::move(obj));
        break;
      }
      default:
        return error_at(ev.start_mark, "unexpected YAML event");
    }
    out.position = pos(ev.start_mark);
    if (std::string a = anchor_of(ev); !a.empty()) anchors_[a] = out;
    return out;
  }

  std::string_view name_;
  yaml_parser_t parser_;
  std::map<std::string, json::Value> anchors_;
  std::size_t alias_nodes_ = 0;
  std::size_t depth_ = 0;
};

}  // namespace

Expected<json::Value> parse(std::string_view text, std::string_view name) {
  Parser p(text, name);
  return p.run();
}

}  // namespace sbom::yaml
