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

namespace {

std::vector<std::string> all_of(const Schema& s, std::string_view json, const sbom::schema::ValidateOptions& o = {}) {
  auto v = sbom::json::parse(json);
  REQUIRE(v);
  std::vector<std::string> out;
  for (const auto& x : s.violations(*v, o))
    out.push_back(x.keyword + " " + x.pointer + " " + std::to_string(x.position.line) + ":" + std::to_string(x.position.column) + " " +
                  x.message);
  return out;
}

}  // namespace

TEST_CASE("schema: violations are every one, in document order, each with keyword, pointer and position", "[schema]") {
  Schema s = make(R"({
    "type": "object", "additionalProperties": false, "required": ["a", "b", "c"],
    "properties": {
      "a": {"type": "string", "enum": ["x", "y"]},
      "list": {"type": "array", "items": {"type": "string", "minLength": 1, "pattern": "^p"}},
      "n": {"type": "integer", "minimum": 0},
      "o": {"type": "object", "required": ["k"], "properties": {"k": {"type": "string"}}},
      "b": true, "c": {}
    }})");
  CHECK(all_of(s, R"({"a": "x", "b": 1, "c": 2})").empty());
  const std::vector<std::string> expected = {
      "required  1:1 missing member 'b'",
      "required  1:1 missing member 'c'",
      "pattern /list/0 1:11 expected a string matching ^p, found 'q'",
      "minLength /list/2 1:22 expected a non-empty string",  // one violation per value: not the pattern too
      "type /list/3 1:26 expected a string, found 3",
      "enum /a 1:35 expected one of x, y; found 'z'",
      "additionalProperties /other 1:49 unknown member 'other' (expected a, list, n, o, b, c)",
      "type /n 1:57 expected an integer, found 'x'",
      "required /o 1:67 missing member 'k'",
  };
  const std::string doc = R"({"list": ["q", "p1", "", 3], "a": "z", "other": 1, "n": "x", "o": {}})";
  CHECK(all_of(s, doc) == expected);
  // validate() stops at the first of them.
  auto v = sbom::json::parse(doc);
  REQUIRE(v);
  CHECK(s.validate(*v, "f.json").error().to_string() == "f.json:1:1: missing member 'b'");
  CHECK(error_of(s, R"({"a": "x", "b": 1, "c": 2, "n": -1, "list": [1]})") == "f.json:1:33: at /n: expected at least 0, found -1");
}

TEST_CASE("schema: oneOf and propertyNames report their alternative's and name's violations", "[schema]") {
  Schema s = make(R"({
    "$defs": {"r": {"type": "string", "enum": ["a", "b"]}},
    "properties": {
      "one": {"oneOf": [{"$ref": "#/$defs/r"}, {"type": "array", "items": {"$ref": "#/$defs/r"}}]},
      "names": {"type": "object", "propertyNames": {"$ref": "#/$defs/r"}}
    }})");
  CHECK(all_of(s, R"({"one": ["a", "c", "d"], "names": {"z": 1, "a": 2}})") ==
        std::vector<std::string>{"enum /one/1 1:15 expected one of a, b; found 'c'", "enum /one/2 1:20 expected one of a, b; found 'd'",
                                 "propertyNames /names/z 1:41 member name 'z': expected one of a, b; found 'z'"});
  CHECK(all_of(s, R"({"one": "c"})") == std::vector<std::string>{"enum /one 1:9 expected one of a, b; found 'c'"});
  CHECK(all_of(s, R"({"one": 5})") == std::vector<std::string>{"oneOf /one 1:9 expected a string or an array, found 5"});
}

TEST_CASE("schema: numbers_as_text takes a number where only a string is allowed as its text", "[schema]") {
  Schema s = make(R"({"properties": {"t": {"type": "string", "pattern": "^[0-9]+$"}, "e": {"type": "string", "enum": ["1"]},
                      "n": {"type": "integer"}, "any": {"type": ["string", "number"], "pattern": "^x"}}})");
  sbom::schema::ValidateOptions text;
  text.numbers_as_text = true;
  const std::string doc = R"({"t": 12345, "e": 1, "n": 3, "any": 4})";
  CHECK(all_of(s, doc, text).empty());
  CHECK(all_of(s, doc) == std::vector<std::string>{"type /t 1:7 expected a string, found 12345", "type /e 1:19 expected a string, found 1"});
  CHECK(all_of(s, R"({"t": 1.5e3})", text) == std::vector<std::string>{"pattern /t 1:7 expected a string matching ^[0-9]+$, found '1.5e3'"});
}
