// Reading the JSON members sbom-archive writes (manifest.json, gate.json): every member named must
// be there with its type, or the file is not one we wrote (an error at its position).
#pragma once

#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

#include "sbom/error.h"
#include "sbom/json.h"

namespace sbom::archive {

// base + "/" + the key's token, appended piecewise (g++ 12 warns, falsely, under -Wrestrict about
// a literal + a temporary string).
inline std::string member_pointer(std::string_view base, std::string_view key) {
  std::string p(base);
  p += '/';
  p += json::pointer_token(key);
  return p;
}

struct Reader {
  std::string_view file;
  std::string error;
  json::Position where;
  std::string pointer;
  const json::Value* get(const json::Value& obj, std::string_view key, json::Value::Kind kind, std::string_view base) {
    const json::Value* v = obj.find(key);
    if (error.empty() && (!v || v->kind() != kind)) {
      if (v) {
        error = "expected ";
        error += json::kind_name(kind);
        error += ", found ";
        error += json::kind_name(v->kind());
      } else {
        error.clear();
        error.push_back('\'');
        error.append(key);
        error.append("' is missing");
      }
      where = v ? v->position : obj.position;
      pointer = v ? member_pointer(base, key) : std::string(base);
      return nullptr;
    }
    return error.empty() ? v : nullptr;
  }
  std::string string(const json::Value& obj, std::string_view key, std::string_view base) {
    const json::Value* v = get(obj, key, json::Value::Kind::String, base);
    return v ? v->as_string() : std::string();
  }
  std::uint64_t count(const json::Value& obj, std::string_view key, std::string_view base) {
    const json::Value* v = get(obj, key, json::Value::Kind::Number, base);
    if (!v) return 0;
    const std::string& t = v->as_number().text;
    if (t.empty() || t.size() > 18 || t.find_first_not_of("0123456789") != std::string::npos) {
      if (error.empty()) {
        error = "expected a count, found " + t;
        where = v->position;
        pointer = member_pointer(base, key);
      }
      return 0;
    }
    return std::stoull(t);
  }
  std::vector<std::string> strings(const json::Value& obj, std::string_view key, std::string_view base) {
    std::vector<std::string> out;
    const json::Value* a = get(obj, key, json::Value::Kind::Array, base);
    if (!a) return out;
    for (std::size_t i = 0; i < a->as_array().size(); ++i) {
      const json::Value& s = a->as_array()[i];
      if (!s.is_string()) {
        if (error.empty()) {
          error = "expected a string";
          where = s.position;
          pointer = member_pointer(member_pointer(base, key), std::to_string(i));
        }
        return out;
      }
      out.push_back(s.as_string());
    }
    return out;
  }
  Status status() const {
    if (error.empty()) return Ok{};
    return json::error_at(file, where, pointer, error);
  }
};

inline Expected<json::Value> parse_member(std::string_view text, std::string_view name) {
  json::ParseOptions opts;
  opts.reject_duplicate_keys = true;
  auto v = json::parse(text, opts);
  if (!v) return std::move(v.error().in_file(name));
  if (!v->is_object()) return json::error_at(name, *v, "", "expected an object");
  return v;
}

}  // namespace sbom::archive
