// The JSON Schema subset our own schemas use (schema.h says which and why).
#include "schema/schema.h"

#include <re2/re2.h>

#include <algorithm>
#include <array>

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
  s.root_ = std::move(*parsed);
  if (auto ok = s.check_schema(s.root_, ""); !ok) return std::move(ok).error();
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
      const Value* defs = root_.find("$defs");
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

const Value& Schema::resolve(const Value& s) const {
  const Value* ref = s.is_object() ? s.find("$ref") : nullptr;
  if (!ref) return s;
  return resolve(*root_.find("$defs")->find(std::string_view(ref->as_string()).substr(8)));
}

Error Violation::error(std::string_view file) const { return json::error_at(file, position, pointer, message); }

Status Schema::validate(const Value& v, std::string_view file, const ValidateOptions& options) const {
  std::vector<Violation> all = violations(v, options);
  if (all.empty()) return Ok{};
  return all.front().error(file);
}

std::vector<Violation> Schema::violations(const Value& v, const ValidateOptions& options) const {
  std::vector<Violation> out;
  check(root_, v, "", options, out);
  return out;
}

namespace {

void add(std::vector<Violation>& out, std::string keyword, const Value& v, const std::string& ptr, std::string message) {
  out.push_back(Violation{std::move(keyword), ptr, v.position, std::move(message)});
}

/// Whether a value of type `type` may be a string but not a number (numbers_as_text applies).
bool wants_text(const Value& type) {
  const Value text{std::string()};
  const Value number{json::Number::from(std::int64_t{0})};
  return fits_type(text, type) && !fits_type(number, type);
}

}  // namespace

void Schema::check(const Value& schema, const Value& v, const std::string& ptr, const ValidateOptions& o, std::vector<Violation>& out) const {
  const Value& s = resolve(schema);
  if (s.is_bool()) {
    if (!s.as_bool()) add(out, "false", v, ptr, "no value is allowed here");
    return;
  }
  if (o.numbers_as_text && v.is_number()) {
    if (const Value* t = s.find("type"); t && wants_text(*t)) {
      Value text(v.as_number().text);
      text.position = v.position;
      return check(s, text, ptr, o, out);
    }
  }
  if (const Value* one = s.find("oneOf")) {
    std::size_t passed = 0;
    const Value* typed = nullptr;  // the alternative whose type the value has: its violations are the useful ones
    std::string types;
    for (const Value& alt : one->as_array()) {
      std::vector<Violation> scratch;
      check(alt, v, ptr, o, scratch);
      if (scratch.empty()) ++passed;
      const Value* t = resolve(alt).find("type");
      if (t && fits_type(v, *t) && !typed) typed = &alt;
      if (t) types += (types.empty() ? "" : " or ") + types_phrase(*t);
    }
    if (passed > 1) return add(out, "oneOf", v, ptr, "the value fits more than one of the forms allowed here");
    if (passed == 0) {
      if (typed) return check(*typed, v, ptr, o, out);
      return add(out, "oneOf", v, ptr, "expected " + (types.empty() ? std::string("another value") : types) + ", found " + found(v));
    }
  }
  if (const Value* t = s.find("type"); t && !fits_type(v, *t))
    return add(out, "type", v, ptr, "expected " + types_phrase(*t) + ", found " + found(v));
  if (const Value* c = s.find("const"); c && !(*c == v))
    return add(out, "const", v, ptr, "expected " + literal(*c) + ", found " + found(v));
  if (const Value* e = s.find("enum")) {
    const auto& options = e->as_array();
    if (std::none_of(options.begin(), options.end(), [&](const Value& opt) { return opt == v; })) {
      std::string list;
      for (const Value& opt : options) list += (list.empty() ? "" : ", ") + literal(opt);
      return add(out, "enum", v, ptr, "expected one of " + list + "; found " + found(v));
    }
  }
  if (v.is_string()) {
    if (const Value* m = s.find("minLength")) {
      const auto n = static_cast<std::size_t>(m->as_number().to_double());
      if (characters(v.as_string()) < n)
        return add(out, "minLength", v, ptr, n == 1 ? "expected a non-empty string" : "expected at least " + m->as_number().text + " characters");
    }
    // A pattern's own description, where it has one, says what is expected in words (a regular
    // expression is no message for a user).
    if (const Value* p = s.find("pattern"); p && !re2::RE2::PartialMatch(v.as_string(), *patterns_.find(p->as_string())->second)) {
      const Value* d = s.find("description");
      return add(out, "pattern", v, ptr,
                 "expected " + (d && d->is_string() ? d->as_string() : "a string matching " + p->as_string()) + ", found " + found(v));
    }
  }
  if (v.is_number()) {
    const double x = v.as_number().to_double();
    if (const Value* m = s.find("minimum"); m && x < m->as_number().to_double())
      return add(out, "minimum", v, ptr, "expected at least " + found(*m) + ", found " + found(v));
    if (const Value* m = s.find("maximum"); m && x > m->as_number().to_double())
      return add(out, "maximum", v, ptr, "expected at most " + found(*m) + ", found " + found(v));
  }
  if (v.is_array()) {
    const auto& items = v.as_array();
    if (const Value* m = s.find("minItems")) {
      const auto n = static_cast<std::size_t>(m->as_number().to_double());
      if (items.size() < n)
        add(out, "minItems", v, ptr, n == 1 ? "expected a non-empty array" : "expected at least " + m->as_number().text + " items");
    }
    if (const Value* item = s.find("items"))
      for (std::size_t i = 0; i < items.size(); ++i) check(*item, items[i], ptr + "/" + std::to_string(i), o, out);
  }
  if (v.is_object()) check_object(s, v, ptr, o, out);
}

void Schema::check_object(const Value& s, const Value& v, const std::string& ptr, const ValidateOptions& o, std::vector<Violation>& out) const {
  if (const Value* req = s.find("required"))
    for (const Value& r : req->as_array())
      if (r.is_string() && !v.find(r.as_string())) add(out, "required", v, ptr, "missing member '" + r.as_string() + "'");
  const Value* props = s.find("properties");
  const Value* extra = s.find("additionalProperties");
  const Value* names = s.find("propertyNames");
  for (const auto& [key, member] : v.as_object()) {
    const std::string here = ptr + "/" + json::pointer_token(key);
    if (names) {
      Value name(key);
      name.position = member.position;
      std::vector<Violation> bad;
      check(*names, name, here, o, bad);
      for (Violation& b : bad) {
        b.keyword = "propertyNames";
        b.message = "member name '" + key + "': " + b.message;
        out.push_back(std::move(b));
      }
    }
    if (const Value* sub = props ? props->find(key) : nullptr) {
      check(*sub, member, here, o, out);
    } else if (extra) {
      if (extra->is_bool() && !extra->as_bool()) {
        std::string allowed;
        if (props)
          for (const auto& [k, unused] : props->as_object())
            if (k != "$schema") allowed += (allowed.empty() ? "" : ", ") + k;
        add(out, "additionalProperties", member, here, "unknown member '" + key + "'" + (allowed.empty() ? "" : " (expected " + allowed + ")"));
      } else {
        check(*extra, member, here, o, out);
      }
    }
  }
}

}  // namespace sbom::schema
