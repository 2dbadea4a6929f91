#include <catch2/catch.hpp>

#include <filesystem>
#include <fstream>
#include <sstream>

#include "schema/schema.h"

using sbom::schema::Schema;

namespace {

std::string error_of(const Schema& s, std::string_view json) {
  auto v = sbom::json::parse(json);
  REQUIRE(v);
  auto ok = s.validate(*v, "f.json");
  return ok ? std::string("valid") : ok.error().to_string();
}

Schema make(std::string_view text) {
  auto s = Schema::parse(text, "s.json");
  if (!s) FAIL(s.error().to_string());
  return std::move(*s);
}

}  // namespace

TEST_CASE("schema: every schema in schemas/ loads: no keyword of ours goes unenforced", "[schema]") {
  std::size_t n = 0;
  for (const auto& entry : std::filesystem::directory_iterator(SBOMKIT_SCHEMAS)) {
    if (entry.path().extension() != ".json") continue;
    std::ifstream in(entry.path());
    std::stringstream text;
    text << in.rdbuf();
    INFO(entry.path().string());
    auto s = Schema::parse(text.str(), entry.path().string());
    CHECK(s);
    if (!s) WARN(s.error().to_string());
    ++n;
  }
  CHECK(n >= 6);
  CHECK(Schema::ours("policy"));
  CHECK(Schema::ours("exceptions"));
  CHECK(!Schema::ours("nothing"));
}

TEST_CASE("schema: a schema using a keyword the validator does not know is refused", "[schema]") {
  CHECK(Schema::parse(R"({"type": "object", "properties": {"a": {"type": "string", "maxLength": 3}}})", "s.json")
            .error()
            .to_string() == "s.json:1:72: at /properties/a/maxLength: keyword 'maxLength' is not one sbomkit's validator knows (schema/schema.h)");
  CHECK(!Schema::parse(R"({"$ref": "#/$defs/missing"})", "s.json"));
  CHECK(!Schema::parse(R"({"pattern": "a("})", "s.json"));
  CHECK(!Schema::parse(R"({"oneOf": []})", "s.json"));
  CHECK(!Schema::parse(R"({"type": []})", "s.json"));
  Schema list = make(R"({"type": ["array", "null"]})");
  CHECK(error_of(list, "null") == "valid");
  CHECK(error_of(list, "1") == "f.json:1:1: expected an array or null, found 1");
}

TEST_CASE("schema: each keyword, with the value's place and what was expected", "[schema]") {
  Schema s = make(R"({
    "type": "object", "additionalProperties": false, "required": ["v"],
    "$defs": {"sev": {"enum": ["high", "low"]}},
    "properties": {
      "v": {"const": 1},
      "s": {"type": "string", "minLength": 1, "pattern": "^pkg:"},
      "t": {"type": "string", "pattern": "^[a-z]+$", "description": "a word in lower case"},
      "n": {"type": "integer", "minimum": 0, "maximum": 10},
      "b": {"type": "boolean"},
      "sev": {"$ref": "#/$defs/sev"},
      "list": {"type": "array", "minItems": 1, "items": {"type": "string"}},
      "max": {"type": "object", "propertyNames": {"$ref": "#/$defs/sev"}, "additionalProperties": {"type": "integer"}},
      "either": {"oneOf": [{"type": "string"}, {"type": "object", "properties": {"x": {"type": "boolean"}}}]}
    }})");
  CHECK(error_of(s, R"({"v": 1, "s": "pkg:deb/x", "n": 3, "b": true, "sev": "low", "list": ["a"], "max": {"high": 2},
                       "either": {"x": false}})") == "valid");
  CHECK(error_of(s, R"({"v": 1.0})") == "valid");  // numbers compare by value
  CHECK(error_of(s, "[]") == "f.json:1:1: expected an object, found an array");
  CHECK(error_of(s, R"({"s": "x"})") == "f.json:1:1: missing member 'v'");
  CHECK(error_of(s, R"({"v": 2})") == "f.json:1:7: at /v: expected 1, found 2");
  CHECK(error_of(s, R"({"v": 1, "s": ""})") == "f.json:1:15: at /s: expected a non-empty string");
  CHECK(error_of(s, R"({"v": 1, "s": "deb"})") == "f.json:1:15: at /s: expected a string matching ^pkg:, found 'deb'");
  CHECK(error_of(s, R"({"v": 1, "t": "A"})") == "f.json:1:15: at /t: expected a word in lower case, found 'A'");
  CHECK(error_of(s, R"({"v": 1, "n": 1.5})") == "f.json:1:15: at /n: expected an integer, found 1.5");
  CHECK(error_of(s, R"({"v": 1, "n": -1})") == "f.json:1:15: at /n: expected at least 0, found -1");
  CHECK(error_of(s, R"({"v": 1, "n": 11})") == "f.json:1:15: at /n: expected at most 10, found 11");
  CHECK(error_of(s, R"({"v": 1, "b": "yes"})") == "f.json:1:15: at /b: expected true or false, found 'yes'");
  CHECK(error_of(s, R"({"v": 1, "sev": "urgent"})") == "f.json:1:17: at /sev: expected one of high, low; found 'urgent'");
  CHECK(error_of(s, R"({"v": 1, "list": []})") == "f.json:1:18: at /list: expected a non-empty array");
  CHECK(error_of(s, R"({"v": 1, "list": ["a", 2]})") == "f.json:1:24: at /list/1: expected a string, found 2");
  CHECK(error_of(s, R"({"v": 1, "max": {"urgent": 1}})") ==
        "f.json:1:28: at /max/urgent: member name 'urgent': expected one of high, low; found 'urgent'");
  CHECK(error_of(s, R"({"v": 1, "max": {"high": "1"}})") == "f.json:1:26: at /max/high: expected an integer, found '1'");
  CHECK(error_of(s, R"({"v": 1, "other": 1})") ==
        "f.json:1:19: at /other: unknown member 'other' (expected v, s, t, n, b, sev, list, max, either)");
  // oneOf: the error of the form whose type the value has, else the forms allowed.
  CHECK(error_of(s, R"({"v": 1, "either": {"x": 1}})") == "f.json:1:26: at /either/x: expected true or false, found 1");
  CHECK(error_of(s, R"({"v": 1, "either": 3})") == "f.json:1:20: at /either: expected a string or an object, found 3");
  // The first error in document order.
  CHECK(error_of(s, R"({"v": 1, "n": "a", "b": "b"})") == "f.json:1:15: at /n: expected an integer, found 'a'");
}

TEST_CASE("schema: minLength counts characters, not bytes", "[schema]") {
  Schema s = make(R"({"type": "string", "minLength": 2})");
  CHECK(error_of(s, "\"\xc3\xa9\"") != "valid");
  CHECK(error_of(s, "\"\xc3\xa9\xc3\xa9\"") == "valid");
}
