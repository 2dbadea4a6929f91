// Tests for the YAML front end: core-schema typing, positions, anchors, and every error path.
#include <catch2/catch.hpp>

#include "sbom/yaml.h"

using sbom::json::Value;

namespace {
Value ok(std::string_view text) {
  auto v = sbom::yaml::parse(text, "t.yaml");
  if (!v) FAIL(v.error().to_string());
  return std::move(v).value();
}
std::string err(std::string_view text) {
  auto v = sbom::yaml::parse(text, "t.yaml");
  REQUIRE_FALSE(v);
  return v.error().to_string();
}
}  // namespace

TEST_CASE("yaml mappings, sequences and scalar typing") {
  Value v = ok("a: 1\nb: -2.5\nc: true\nd: ~\ne: text\nf: '1'\ng: [x, y]\nh:\n  - k: v\n");
  REQUIRE(v.is_object());
  CHECK(v.find("a")->as_number().text == "1");
  CHECK(v.find("b")->as_number().text == "-2.5");
  CHECK(v.find("c")->as_bool());
  CHECK(v.find("d")->is_null());
  CHECK(v.find("e")->as_string() == "text");
  CHECK(v.find("f")->as_string() == "1");  // quoted: a string
  CHECK(v.find("g")->as_array().size() == 2);
  CHECK(v.find("h")->as_array()[0].find("k")->as_string() == "v");
}

TEST_CASE("yaml dates and versions stay strings") {
  Value v = ok("expires: 2026-12-31\nversion: 1.2.3\nzip: 007\nplus: +5\n");
  CHECK(v.find("expires")->as_string() == "2026-12-31");
  CHECK(v.find("version")->as_string() == "1.2.3");
  CHECK(v.find("zip")->as_string() == "007");
  CHECK(v.find("plus")->as_number().text == "5");
}

TEST_CASE("yaml block scalars") {
  Value v = ok("reason: |\n  line one\n  line two\nfolded: >\n  a\n  b\n");
  CHECK(v.find("reason")->as_string() == "line one\nline two\n");
  CHECK(v.find("folded")->as_string() == "a b\n");
}

TEST_CASE("yaml values record line and column") {
  Value v = ok("a:\n  b: [1, 2]\n");
  const Value* b = v.find("a")->find("b");
  CHECK(b->position.line == 2);
  CHECK(b->position.column == 6);
  CHECK(b->as_array()[1].position.column == 10);
}

TEST_CASE("yaml anchors and aliases") {
  Value v = ok("base: &b {x: 1}\nother: *b\n");
  CHECK(*v.find("other") == *v.find("base"));
  CHECK(err("a: *nope\n").find("unknown alias '*nope'") != std::string::npos);
}

TEST_CASE("yaml alias bombs are refused") {
  std::string bomb = "a: &a [x, x, x, x, x, x, x, x, x, x]\n";
  char prev = 'a';
  for (char c = 'b'; c <= 'j'; ++c) {
    bomb += std::string(1, c) + ": &" + c + " [";
    for (int i = 0; i < 10; ++i) bomb += std::string(i ? ", *" : "*") + prev;
    bomb += "]\n";
    prev = c;
  }
  CHECK(err(bomb).find("too many nodes") != std::string::npos);
}

TEST_CASE("yaml errors name line and column") {
  CHECK(err("a: 1\na: 2\n") == "t.yaml:2:1: duplicate key 'a'");
  CHECK(err("a: [1, 2\n").rfind("t.yaml:", 0) == 0);
  CHECK(err("a: 1\n---\nb: 2\n") == "t.yaml:2:1: more than one YAML document");
  CHECK(err("? [a]\n: 1\n") == "t.yaml:1:3: mapping keys must be scalars");
  CHECK(err(std::string(600, '[')).find("nesting deeper than 512 levels") != std::string::npos);
}

TEST_CASE("empty yaml is null") { CHECK(ok("").is_null()); }

TEST_CASE("a null empty view parses as an empty document") {
  // Found by fuzz/fuzz_yaml: libyaml asserts on a null input pointer.
  auto v = sbom::yaml::parse(std::string_view{}, "t.yaml");
  REQUIRE(v);
  CHECK(v->is_null());
}
