// The JSON Schema subset our own schemas use (schema.h says which and why).
#include "schema/schema.h"

#include <re2/re2.h>

#include <algorithm>
#include <array>
#include <utility>

namespace sbom::schema {

namespace {

using json::Value;

constexpr std::array<std::string_view, 23> kKeywords = {
    "$schema", "$id",       "$defs",     "$ref",     "$comment", "title",     "description", "default",
    "examples", "type",     "enum",      "const",    "properties", "required", "additionalProperties",
    "propertyNames", "items", "minItems", "minLength", "minimum", "maximum",   "pattern",     "oneOf"};

bool known(std::string_view k) { return std::find(kKeywords.begin(), kKeywords.end(), k) != kKeywords.end(); }

bool is_integer(const Value& v) {
  return v.is_number() && v.as_number().text.find_first_of(".eE") == std::string::npos;
}

bool has_type(const Value& v, std::string_view type) {
  if (type == "string") return v.is_string();
  if (type == "object") return v.is_object();
  if (type == "array") return v.is_array();
  if (type == "boolean") return v.is_bool();
  if (type == "number") return v.is_number();
  if (type == "integer") return is_integer(v);
  if (type == "null") return v.is_null();
  return false;
}

std::string type_phrase(std::string_view type);

/// `v` has the type `type` names: one name, or any of a list of them.
bool fits_type(const Value& v, const Value& type) {
  if (type.is_string()) return has_type(v, std::string_view(type.as_string()));
  return std::any_of(type.as_array().begin(), type.as_array().end(), [&](const Value& t) { return has_type(v, std::string_view(t.as_string())); });
}

std::string types_phrase(const Value& type) {
  if (type.is_string()) return type_phrase(std::string_view(type.as_string()));
  std::string out;
  for (const Value& t : type.as_array()) out += (out.empty() ? "" : " or ") + type_phrase(std::string_view(t.as_string()));
  return out;
}

std::string type_phrase(std::string_view type) {
  if (type == "boolean") return "true or false";
  if (type == "integer") return "an integer";
  if (type == "object") return "an object";
  if (type == "array") return "an array";
  if (type == "null") return "null";
  return "a " + std::string(type);
}

/// What was found, for messages: a string quoted (cut at 60 bytes), anything else by its JSON text or kind.
std::string found(const Value& v) {
  if (v.is_string()) {
    const std::string& s = v.as_string();
    return "'" + (s.size() > 60 ? s.substr(0, 57) + "..." : s) + "'";
  }
  if (v.is_number()) return v.as_number().text;
  if (v.is_bool()) return v.as_bool() ? "true" : "false";
  if (v.is_null()) return "null";
  return std::string(v.is_array() ? "an array" : "an object");
}

std::string literal(const Value& v) { return v.is_string() ? v.as_string() : found(v); }

std::size_t characters(std::string_view s) {
  return static_cast<std::size_t>(std::count_if(s.begin(), s.end(), [](char c) { return (static_cast<unsigned char>(c) & 0xC0) != 0x80; }));
}

}  // namespace

Schema::Schema() = default;
Schema::Schema(Schema&&) noexcept = default;
Schema& Schema::operator=(Schema&&) noexcept = default;
Schema::~Schema() = default;

Expected<Schema> Schema::parse(std::string_view text, std::string_view name) {
  auto parsed = json::parse(text);
  if (!parsed) return std::move(parsed.error().in_file(name));
  Schema s;
  s.name_ = std::string(name);
  s.root_ = std::make_unique<Value>(std::move(*parsed));
  if (auto ok = s.check_schema(*s.root_, ""); !ok) return std::move(ok).error();
  s.index(*s.root_);
  return s;
}

Expected<Schema> Schema::ours(std::string_view name) {
  std::string_view text = embedded(name);
  if (text.empty()) return Error("no schema of ours is named '" + std::string(name) + "'");
  return parse(text, "schemas/" + std::string(name) + ".schema.json");
}

Status Schema::check_schema(const Value& s, const std::string& at) {
  if (s.is_bool()) return Ok{};
  if (!s.is_object()) return json::error_at(name_, s, at, "a schema must be an object or a boolean");
  for (const auto& [key, v] : s.as_object()) {
    const std::string here = at + "/" + json::pointer_token(key);
    if (!known(key)) return json::error_at(name_, v, here, "keyword '" + key + "' is not one sbomkit's validator knows (schema/schema.h)");
    if (key == "properties" || key == "$defs") {
      if (!v.is_object()) return json::error_at(name_, v, here, "expected an object of schemas");
      for (const auto& [k, sub] : v.as_object())
        if (auto ok = check_schema(sub, here + "/" + json::pointer_token(k)); !ok) return ok;
    } else if (key == "additionalProperties" || key == "items" || key == "propertyNames") {
      if (auto ok = check_schema(v, here); !ok) return ok;
    } else if (key == "oneOf") {
      if (!v.is_array() || v.as_array().empty()) return json::error_at(name_, v, here, "expected a non-empty array of schemas");
      for (std::size_t i = 0; i < v.as_array().size(); ++i)
        if (auto ok = check_schema(v.as_array()[i], here + "/" + std::to_string(i)); !ok) return ok;
    } else if (key == "$ref") {
      const Value* defs = root_->find("$defs");
      constexpr std::string_view kPrefix = "#/$defs/";
      if (!v.is_string() || !v.as_string().starts_with(kPrefix) || !defs ||
          !defs->find(std::string_view(v.as_string()).substr(kPrefix.size())))
        return json::error_at(name_, v, here, "expected a reference to a definition in #/$defs");
    } else if (key == "pattern") {
      if (!v.is_string()) return json::error_at(name_, v, here, "expected a regular expression");
      auto re = std::make_unique<re2::RE2>(v.as_string(), re2::RE2::Quiet);
      if (!re->ok()) return json::error_at(name_, v, here, "the pattern does not compile: " + re->error());
      patterns_.emplace(v.as_string(), std::move(re));
    } else if (key == "type") {
      // One type name, or a list of them (["array", "null"]).
      const bool names = v.is_string() || (v.is_array() && !v.as_array().empty() &&
                                           std::all_of(v.as_array().begin(), v.as_array().end(), [](const Value& t) { return t.is_string(); }));
      if (!names) return json::error_at(name_, v, here, "expected a type name or a list of them");
    } else if (key == "required" || key == "enum") {
      if (!v.is_array()) return json::error_at(name_, v, here, "expected an array");
    } else if (key == "minItems" || key == "minLength") {
      if (!is_integer(v)) return json::error_at(name_, v, here, "expected an integer");
    } else if (key == "minimum" || key == "maximum") {
      if (!v.is_number()) return json::error_at(name_, v, here, "expected a number");
    }
  }
  return Ok{};
}

void Schema::index(const Value& s) {
  if (!s.is_object() || nodes_.count(&s)) return;
  Node& n = nodes_[&s];  // an unordered_map's elements stay where they are as it grows
  if (const Value* r = s.find("$ref")) n.ref = root_->find("$defs")->find(std::string_view(r->as_string()).substr(8));
  static constexpr std::pair<std::string_view, const Value* Node::*> kKeywordOf[] = {
      {"oneOf", &Node::one_of},         {"type", &Node::type},         {"const", &Node::constant},
      {"enum", &Node::options},         {"minLength", &Node::min_length}, {"pattern", &Node::pattern},
      {"description", &Node::description}, {"minimum", &Node::minimum},   {"maximum", &Node::maximum},
      {"minItems", &Node::min_items},   {"items", &Node::items},       {"required", &Node::required},
      {"properties", &Node::properties}, {"additionalProperties", &Node::additional}, {"propertyNames", &Node::names}};
  for (const auto& keyword : kKeywordOf) n.*keyword.second = s.find(keyword.first);
  if (n.pattern) n.re = patterns_.find(n.pattern->as_string())->second.get();
  for (const Value* sub : {n.items, n.additional, n.names})
    if (sub) index(*sub);
  for (const Value* group : {n.properties, s.find("$defs")})
    if (group)
      for (const auto& [unused, sub] : group->as_object()) index(sub);
  if (n.one_of)
    for (const Value& alt : n.one_of->as_array()) index(alt);
}

const Schema::Node* Schema::node(const Value& s) const {
  auto it = nodes_.find(&s);
  return it == nodes_.end() ? nullptr : &it->second;
}

const Value& Schema::resolve(const Value& s) const {
  const Node* n = node(s);
  return n && n->ref ? resolve(*n->ref) : s;
}

std::string Schema::Path::pointer() const {
  if (!up) return "";
  std::string p = up->pointer();
  p += '/';
  p += item ? std::to_string(index) : json::pointer_token(key);
  return p;
}

Error Violation::error(std::string_view file) const { return json::error_at(file, position, pointer, message); }

Status Schema::validate(const Value& v, std::string_view file, const ValidateOptions& options) const {
  std::vector<Violation> all = violations(v, options);
  if (all.empty()) return Ok{};
  return all.front().error(file);
}

std::vector<Violation> Schema::violations(const Value& v, const ValidateOptions& options) const {
  std::vector<Violation> out;
  check(*root_, v, Path{}, options, out);
  return out;
}

namespace {

/// Whether a value of type `type` may be a string but not a number (numbers_as_text applies).
bool wants_text(const Value& type) {
  const Value text{std::string()};
  const Value number{json::Number::from(std::int64_t{0})};
  return fits_type(text, type) && !fits_type(number, type);
}

}  // namespace

void Schema::check(const Value& schema, const Value& v, const Path& at, const ValidateOptions& o, std::vector<Violation>& out) const {
  auto add = [&](const char* keyword, std::string message) {
    out.push_back(Violation{keyword, at.pointer(), v.position, std::move(message)});
  };
  const Value& s = resolve(schema);
  if (s.is_bool()) {
    if (!s.as_bool()) add("false", "no value is allowed here");
    return;
  }
  static const Node kNothing;  // every schema object is indexed when read; this only keeps a lapse from crashing
  const Node* found_node = node(s);
  const Node& n = found_node ? *found_node : kNothing;
  if (o.numbers_as_text && v.is_number() && n.type && wants_text(*n.type)) {
    Value text(v.as_number().text);
    text.position = v.position;
    return check(s, text, at, o, out);
  }
  if (n.one_of) {
    std::size_t passed = 0;
    const Value* typed = nullptr;  // the alternative whose type the value has: its violations are the useful ones
    std::string types;
    for (const Value& alt : n.one_of->as_array()) {
      std::vector<Violation> scratch;
      check(alt, v, at, o, scratch);
      if (scratch.empty()) ++passed;
      const Node* a = node(resolve(alt));
      const Value* t = a ? a->type : nullptr;
      if (t && fits_type(v, *t) && !typed) typed = &alt;
      if (t) types += (types.empty() ? "" : " or ") + types_phrase(*t);
    }
    if (passed > 1) return add("oneOf", "the value fits more than one of the forms allowed here");
    if (passed == 0) {
      if (typed) return check(*typed, v, at, o, out);
      return add("oneOf", "expected " + (types.empty() ? std::string("another value") : types) + ", found " + found(v));
    }
  }
  if (n.type && !fits_type(v, *n.type)) return add("type", "expected " + types_phrase(*n.type) + ", found " + found(v));
  if (n.constant && !(*n.constant == v)) return add("const", "expected " + literal(*n.constant) + ", found " + found(v));
  if (n.options) {
    const auto& options = n.options->as_array();
    if (std::none_of(options.begin(), options.end(), [&](const Value& opt) { return opt == v; })) {
      std::string list;
      for (const Value& opt : options) list += (list.empty() ? "" : ", ") + literal(opt);
      return add("enum", "expected one of " + list + "; found " + found(v));
    }
  }
  if (v.is_string()) {
    if (n.min_length) {
      const auto min = static_cast<std::size_t>(n.min_length->as_number().to_double());
      if (characters(v.as_string()) < min)
        return add("minLength", min == 1 ? "expected a non-empty string" : "expected at least " + n.min_length->as_number().text + " characters");
    }
    // A pattern's own description, where it has one, says what is expected in words (a regular
    // expression is no message for a user).
    if (n.re && !re2::RE2::PartialMatch(v.as_string(), *n.re)) {
      const Value* d = n.description;
      return add("pattern", "expected " + (d && d->is_string() ? d->as_string() : "a string matching " + n.pattern->as_string()) +
                                ", found " + found(v));
    }
  }
  if (v.is_number()) {
    const double x = v.as_number().to_double();
    if (n.minimum && x < n.minimum->as_number().to_double())
      return add("minimum", "expected at least " + found(*n.minimum) + ", found " + found(v));
    if (n.maximum && x > n.maximum->as_number().to_double())
      return add("maximum", "expected at most " + found(*n.maximum) + ", found " + found(v));
  }
  if (v.is_array()) {
    const auto& items = v.as_array();
    if (n.min_items) {
      const auto min = static_cast<std::size_t>(n.min_items->as_number().to_double());
      if (items.size() < min)
        add("minItems", min == 1 ? "expected a non-empty array" : "expected at least " + n.min_items->as_number().text + " items");
    }
    if (n.items)
      for (std::size_t i = 0; i < items.size(); ++i) check(*n.items, items[i], Path{&at, {}, i, true}, o, out);
  }
  if (v.is_object()) check_object(n, v, at, o, out);
}

void Schema::check_object(const Node& n, const Value& v, const Path& at, const ValidateOptions& o, std::vector<Violation>& out) const {
  if (n.required)
    for (const Value& r : n.required->as_array())
      if (r.is_string() && !v.find(r.as_string()))
        out.push_back(Violation{"required", at.pointer(), v.position, "missing member '" + r.as_string() + "'"});
  for (const auto& [key, member] : v.as_object()) {
    const Path here{&at, key, 0, false};
    if (n.names) {
      Value name(key);
      name.position = member.position;
      std::vector<Violation> bad;
      check(*n.names, name, here, o, bad);
      for (Violation& b : bad) {
        b.keyword = "propertyNames";
        b.message = "member name '" + key + "': " + b.message;
        out.push_back(std::move(b));
      }
    }
    if (const Value* sub = n.properties ? n.properties->find(key) : nullptr) {
      check(*sub, member, here, o, out);
    } else if (n.additional) {
      if (n.additional->is_bool() && !n.additional->as_bool()) {
        std::string allowed;
        if (n.properties)
          for (const auto& [k, unused] : n.properties->as_object())
            if (k != "$schema") allowed += (allowed.empty() ? "" : ", ") + k;
        out.push_back(Violation{"additionalProperties", here.pointer(), member.position,
                                "unknown member '" + key + "'" + (allowed.empty() ? "" : " (expected " + allowed + ")")});
      } else {
        check(*n.additional, member, here, o, out);
      }
    }
  }
}

}  // namespace sbom::schema
