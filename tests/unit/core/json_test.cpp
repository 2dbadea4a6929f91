// Tests for the lossless JSON value, its parser (errors with line:column) and the writer.
#include <catch2/catch.hpp>

#include <cstdio>
#include <string>

#include <unistd.h>

#include "core/json_cursor.h"
#include "core/json_escape.h"
#include "sbom/json.h"

using sbom::json::Number;
using sbom::json::Value;

namespace {

sbom::Error parse_error(std::string_view text) {
  auto v = sbom::json::parse(text);
  REQUIRE_FALSE(v);
  return v.error();
}

std::string where(const sbom::Error& e) {
  return std::to_string(e.line) + ":" + std::to_string(e.column) + ": " + e.message;
}

// A FILE* holding `text`, for the stream parser.
std::FILE* file_with(const std::string& text) {
  std::FILE* f = std::tmpfile();
  REQUIRE(f != nullptr);
  REQUIRE(std::fwrite(text.data(), 1, text.size(), f) == text.size());
  std::rewind(f);
  return f;
}

}  // namespace

namespace {

// The read end of a pipe holding `text` (small enough for the pipe's buffer), as a stream.
std::FILE* pipe_with(const std::string& text) {
  int fds[2];
  REQUIRE(::pipe(fds) == 0);
  REQUIRE(::write(fds[1], text.data(), text.size()) == static_cast<ssize_t>(text.size()));
  ::close(fds[1]);
  std::FILE* f = ::fdopen(fds[0], "rb");
  REQUIRE(f != nullptr);
  return f;
}

}  // namespace

TEST_CASE("read_all bounds a stream that is not a regular file, never a regular file") {
  // /dev/zero or an endless pipe must end in one error, not in running out of memory.
  sbom::json::detail::StreamBoundForTests bound(100);
  std::FILE* at = pipe_with(std::string(100, ' '));
  auto exact = sbom::json::read_all(at, "p");
  std::fclose(at);
  REQUIRE(exact);
  CHECK(exact->view().size() == 100);
  std::FILE* over = pipe_with(std::string(101, ' '));
  auto big = sbom::json::read_all(over, "p");
  std::fclose(over);
  REQUIRE_FALSE(big);
  CHECK(big.error().to_string() == "p: input from a pipe or device is larger than 100 bytes (give it as a regular file)");
  std::FILE* file = file_with(std::string(1000, ' '));
  auto mapped = sbom::json::read_all(file, "f");
  std::fclose(file);
  REQUIRE(mapped);
  CHECK(mapped->view().size() == 1000);
}

TEST_CASE("parse errors name the problem and its line:column") {
  CHECK(where(parse_error("")) == "1:1: empty input");
  CHECK(where(parse_error("  \n ")) == "2:2: empty document");
  CHECK(where(parse_error("[1, 2")) == "1:6: unexpected end of input (truncated?)");
  CHECK(where(parse_error("{\"a\": \"unterminated")) == "1:20: unexpected end of input (truncated?)");
  CHECK(where(parse_error("{\"a\": 1,\n \"b\":")) == "2:6: unexpected end of input (truncated?)");
  CHECK(where(parse_error("hello")) == "1:1: invalid value");
  CHECK(where(parse_error("<?xml version=\"1.0\"?>")) == "1:1: invalid value");
  CHECK(where(parse_error("[1,]")) == "1:4: invalid value");
  CHECK(where(parse_error("{\"a\" 1}")) == "1:6: expected ':' after a member name");
  CHECK(where(parse_error("{1: 2}")) == "1:2: expected a member name (a string)");
  CHECK(where(parse_error("{\"a\": 1 \"b\": 2}")) == "1:9: expected ',' or '}'");
  CHECK(where(parse_error("[1 2]")) == "1:4: expected ',' or ']'");
  CHECK(where(parse_error("[1.]")) == "1:4: expected digits after '.'");
  CHECK(where(parse_error("[1e+]")) == "1:5: expected digits in exponent");
  CHECK(where(parse_error("{} x")) == "1:4: unexpected text after the JSON value");
  CHECK(where(parse_error("{}\n\n  {}")) == "3:3: unexpected text after the JSON value");
}

TEST_CASE("parse errors in strings: escapes and UTF-8") {
  CHECK(parse_error(R"(["\x"])").message == "invalid escape in string");
  CHECK(parse_error(R"(["\u12G4"])").message == "invalid \\u escape in string");
  CHECK(parse_error(R"(["\ud800x"])").message == "invalid surrogate pair in string");
  CHECK(parse_error("[\"a\xff\"]").message == "invalid UTF-8 in string");
  CHECK(parse_error("[\"\xc3\"]").message == "invalid UTF-8 in string");
  CHECK(parse_error("[\"a\x01\"]").message == "control character U+0001 in string (JSON requires it escaped)");
  CHECK(where(parse_error("[\"ab\n\"]")) == "1:5: control character U+000A in string (JSON requires it escaped)");
  // Escapes decode; a valid surrogate pair becomes one 4-byte code point.
  auto v = sbom::json::parse(R"(["\u00e9\n\"\\\/", "\ud83d\ude00"])");
  REQUIRE(v);
  CHECK(v->as_array()[0].as_string() == "\xc3\xa9\n\"\\/");
  CHECK(v->as_array()[1].as_string() == "\xf0\x9f\x98\x80");
}

TEST_CASE("a million opening brackets give a nesting error, not a stack overflow") {
  std::string deep(1000000, '[');
  auto e = parse_error(deep);
  CHECK(where(e) == "1:513: nesting deeper than 512 levels");
  sbom::json::ParseOptions opts;
  opts.max_depth = 3;
  CHECK(sbom::json::parse("[[[1]]]", opts));
  auto shallow = sbom::json::parse("[[[[1]]]]", opts);
  REQUIRE_FALSE(shallow);
  CHECK(where(shallow.error()) == "1:4: nesting deeper than 3 levels");
  std::FILE* f = file_with(std::string(1000000, '{'));
  auto from_file = sbom::json::parse_file(f, "deep.json");
  std::fclose(f);
  REQUIRE_FALSE(from_file);
  CHECK(from_file.error().to_string() == "deep.json:1:2: expected a member name (a string)");
  f = file_with("{\"a\":" + deep);
  from_file = sbom::json::parse_file(f, "deep.json");
  std::fclose(f);
  REQUIRE_FALSE(from_file);
  CHECK(from_file.error().to_string() == "deep.json:1:517: nesting deeper than 512 levels");
}

TEST_CASE("numbers keep their source text") {
  auto v = sbom::json::parse("[1.10, 1e300, 123456789012345678901234, -0, 2E-3, 0.1, 1e-400]");
  REQUIRE(v);
  const auto& a = v->as_array();
  CHECK(a[0].as_number().text == "1.10");
  CHECK(a[1].as_number().text == "1e300");
  CHECK(a[2].as_number().text == "123456789012345678901234");
  CHECK(a[3].as_number().text == "-0");
  CHECK(a[4].as_number().text == "2E-3");
  CHECK(sbom::json::write(*v, {0, false}) == "[1.10,1e300,123456789012345678901234,-0,2E-3,0.1,1e-400]");
  CHECK(a[0].as_number() == Number{"1.1"});
  CHECK(a[4].as_number() == Number{"0.002"});
  CHECK_FALSE(a[0].as_number() == Number{"1.2"});
  CHECK(Number::from(0.1).text == "0.1");
  CHECK(Number::from(2.0).text == "2");
  CHECK(Number::from(std::int64_t{-42}).text == "-42");
}

TEST_CASE("numbers no double can hold are valid JSON and keep their text") {
  std::string digits(400, '9');
  auto v = sbom::json::parse("[1, 1e400,\n -2.5E+999, " + digits + ", {\"k\": [1e400]}]");
  REQUIRE(v);
  const auto& a = v->as_array();
  CHECK(a[1].as_number().text == "1e400");
  CHECK(a[2].as_number().text == "-2.5E+999");
  CHECK(a[2].position.line == 2);
  CHECK(a[2].position.column == 2);
  CHECK(a[3].as_number().text == digits);
  CHECK(a[4].find("k")->as_array()[0].as_number().text == "1e400");
  CHECK(sbom::json::write(*v, {0, false}) == "[1,1e400,-2.5E+999," + digits + ",{\"k\":[1e400]}]");
  // Errors after such a number keep their true position.
  CHECK(where(parse_error("[1e400,\n 1e400 x]")) == "2:8: expected ',' or ']'");
  // A syntax error inside one is still one.
  CHECK_FALSE(sbom::json::parse("[1e400e]"));
}

TEST_CASE("past sixteen numbers too big for a double in one text, the error stands") {
  std::string text = "[";
  for (int i = 0; i < 17; ++i) text += "1e400,";
  text += "1]";
  CHECK(where(parse_error(text)) == "1:98: number too big (exponent above 308)");
}

TEST_CASE("reject_duplicate_keys: a repeated key is an error at the second, decoded keys compared") {
  sbom::json::ParseOptions po;
  po.reject_duplicate_keys = true;
  auto v = sbom::json::parse("{\"a\": [{\"x\": 1, \"y\": 2}, {\"x\": 3}],\n \"\\u0061\": 0}", po);
  REQUIRE_FALSE(v);
  CHECK(where(v.error()) == "2:2: duplicate key 'a' (the first is at 1:2)");
  CHECK(sbom::json::parse(R"({"a": {"a": {"a": 1}}, "b": [{"a": 1}, {"a": 2}]})", po));
  // Off by default: the tree keeps both members.
  CHECK(sbom::json::parse(R"({"a": 1, "a": 2})"));
}

TEST_CASE("duplicate keys are kept in order; lookup finds the last") {
  auto v = sbom::json::parse(R"({"a": 1, "b": 2, "a": 3})");
  REQUIRE(v);
  REQUIRE(v->as_object().size() == 3);
  CHECK(v->find("a")->as_number().text == "3");
  CHECK(sbom::json::write(*v, {0, false}) == R"({"a":1,"b":2,"a":3})");
  CHECK(v->erase("a"));
  CHECK(v->as_object().size() == 1);
  CHECK_FALSE(v->erase("a"));
  v->set("b", Value("x"));
  v->set("c", Value(true));
  CHECK(sbom::json::write(*v, {0, false}) == R"({"b":"x","c":true})");
}

TEST_CASE("every value records where it started") {
  auto v = sbom::json::parse("{\n  \"a\": [1, \"x\", {\"k\": null}],\n  \"\xc3\xa9t\xc3\xa9\": true\n}");
  REQUIRE(v);
  CHECK(v->position.line == 1);
  CHECK(v->position.column == 1);
  const Value& a = *v->find("a");
  CHECK(a.position.line == 2);
  CHECK(a.position.column == 8);
  CHECK(a.as_array()[0].position.column == 9);
  CHECK(a.as_array()[1].position.column == 12);
  CHECK(a.as_array()[2].position.column == 17);
  CHECK(a.as_array()[2].find("k")->position.column == 23);
  // Columns count code points, not bytes: "été" is three columns.
  const Value& t = *v->find("\xc3\xa9t\xc3\xa9");
  CHECK(t.position.line == 3);
  CHECK(t.position.column == 10);
}

TEST_CASE("structural equality ignores member order and number spelling") {
  auto a = sbom::json::parse(R"({"x": [1, 2.0, {"p": "q", "r": null}], "y": false})");
  auto b = sbom::json::parse(R"({"y": false, "x": [1.0, 2, {"r": null, "p": "q"}]})");
  auto c = sbom::json::parse(R"({"y": false, "x": [2, 1, {"r": null, "p": "q"}]})");
  REQUIRE(a);
  REQUIRE(b);
  REQUIRE(c);
  CHECK(*a == *b);
  CHECK_FALSE(*a == *c);  // array order matters
  CHECK_FALSE(Value("1") == Value(Number{"1"}));
}

TEST_CASE("the stream parser reads across buffer boundaries") {
  std::string text = "[";
  for (int i = 0; i < 20000; ++i) text += "\"item-" + std::to_string(i) + "\",\n";
  text += "\"end\"]\n";
  std::FILE* f = file_with(text);
  auto v = sbom::json::parse_file(f, "big.json");
  std::fclose(f);
  REQUIRE(v);
  REQUIRE(v->as_array().size() == 20001);
  CHECK(v->as_array()[19999].as_string() == "item-19999");
  CHECK(v->as_array()[19999].position.line == 20000);
  CHECK(v->as_array()[19999].position.column == 1);
  // The same text cut short: the error is at the very end, past the first 64 KiB chunk.
  f = file_with(text.substr(0, text.size() - 3));
  auto cut = sbom::json::parse_file(f, "big.json");
  std::fclose(f);
  REQUIRE_FALSE(cut);
  CHECK(cut.error().to_string() == "big.json:20001:5: unexpected end of input (truncated?)");
}

TEST_CASE("stream errors carry the file name") {
  std::FILE* f = file_with("");
  auto v = sbom::json::parse_file(f, "empty.json");
  std::fclose(f);
  REQUIRE_FALSE(v);
  CHECK(v.error().to_string() == "empty.json:1:1: empty input");
  f = file_with("{\"a\": tru}");
  v = sbom::json::parse_file(f, "-");
  std::fclose(f);
  REQUIRE_FALSE(v);
  CHECK(v.error().to_string() == "-:1:10: invalid value");  // where the e of true was due
}

TEST_CASE("writer escapes what JSON requires and nothing else") {
  Value v(std::string("q\"b\\n\nt\tr\rb\bf\f\x01\x1f/\xc3\xa9\x7f"));
  CHECK(sbom::json::write(v, {0, false}) == "\"q\\\"b\\\\n\\nt\\tr\\rb\\bf\\f\\u0001\\u001f/\xc3\xa9\x7f\"");
  // Round trip through the parser gives the same string back.
  auto back = sbom::json::parse(sbom::json::write(v));
  REQUIRE(back);
  CHECK(back->as_string() == v.as_string());
  // Embedded NUL survives.
  Value nul(std::string("a\0b", 3));
  CHECK(sbom::json::write(nul, {0, false}) == "\"a\\u0000b\"");
}

TEST_CASE("writer indentation and empty containers") {
  auto v = sbom::json::parse(R"({"a": [1, {}, []], "b": {"c": "d"}, "e": [], "f": {}})");
  REQUIRE(v);
  CHECK(sbom::json::write(*v) ==
        "{\n"
        "  \"a\": [\n"
        "    1,\n"
        "    {},\n"
        "    []\n"
        "  ],\n"
        "  \"b\": {\n"
        "    \"c\": \"d\"\n"
        "  },\n"
        "  \"e\": [],\n"
        "  \"f\": {}\n"
        "}\n");
  CHECK(sbom::json::write(*v, {0, false}) == R"({"a":[1,{},[]],"b":{"c":"d"},"e":[],"f":{}})");
  CHECK(sbom::json::write(*v, {4, false}).substr(0, 12) == "{\n    \"a\": [");
  CHECK(sbom::json::write(Value(sbom::json::Array{}), {2, false}) == "[]\n");
  CHECK(sbom::json::write(Value(nullptr), {0, false}) == "null");
}

TEST_CASE("writer indentation at every depth: within the constant indent line and past it") {
  // 40 nested arrays: indents of 2..80 spaces cross the 64 the emitter copies from one line.
  std::string text;
  for (int i = 0; i < 40; ++i) text += "[";
  text += "1";
  for (int i = 0; i < 40; ++i) text += "]";
  auto v = sbom::json::parse(text);
  REQUIRE(v);
  for (int indent : {2, 3}) {
    std::string expected;
    for (int d = 0; d < 40; ++d) expected += std::string(static_cast<std::size_t>(d * indent), ' ') + "[\n";
    expected += std::string(static_cast<std::size_t>(40 * indent), ' ') + "1\n";
    for (int d = 39; d >= 0; --d) expected += std::string(static_cast<std::size_t>(d * indent), ' ') + "]" + (d ? "\n" : "");
    CHECK(sbom::json::write(*v, {indent, false}) == expected + "\n");
  }
}

TEST_CASE("writer is deterministic and sorts keys stably when asked") {
  auto v = sbom::json::parse(R"({"z": 1, "a": {"y": 2, "b": 3}, "m": [{"k": 1, "c": 2}], "a": 0})");
  REQUIRE(v);
  std::string once = sbom::json::write(*v);
  auto again = sbom::json::parse(once);
  REQUIRE(again);
  CHECK(sbom::json::write(*again) == once);
  CHECK(sbom::json::write(*v, {0, true}) == R"({"a":{"b":3,"y":2},"a":0,"m":[{"c":2,"k":1}],"z":1})");
}

TEST_CASE("emitter streams to a sink in pieces with the same bytes") {
  auto v = sbom::json::parse(R"({"list": [1, 2, 3, {"deep": ["a", "b"]}], "s": "text"})");
  REQUIRE(v);
  std::string whole = sbom::json::write(*v);
  std::string buffer, pieces;
  int calls = 0;
  sbom::json::Emitter e(buffer, 2);
  e.stream_to([&](std::string_view s) { pieces += s; ++calls; }, 8);
  e.value(*v);
  buffer += '\n';
  e.flush();
  CHECK(pieces == whole);
  CHECK(calls > 2);
  CHECK(buffer.empty());
}

TEST_CASE("emitter: a key's break, quotes and colon, whatever the key and the depth") {
  std::string out;
  sbom::json::Emitter e(out, 2);
  e.begin_object();
  e.key("a");
  e.string("x");
  e.key("");
  e.number(sbom::json::Number{"1"});
  e.key("q\"\n");  // escaped
  e.begin_array();
  e.null();
  e.end_array();
  const std::string long_key(300, 'k');
  e.key(long_key);
  e.boolean(true);
  e.end_object();
  std::string expected = "{\n  \"a\": \"x\",\n  \"\": 1,\n  \"q\\\"\\n\": [\n    null\n  ],\n  \"";
  expected += long_key;
  expected += "\": true\n}";
  CHECK(out == expected);
  // Deeper than the constant line of indent (64 spaces): 40 levels of objects.
  std::string deep, want;
  sbom::json::Emitter d(deep, 2);
  for (int i = 0; i < 40; ++i) {
    d.begin_object();
    want += "{\n";
    want.append(static_cast<std::size_t>(2 * (i + 1)), ' ');
    d.key("k");
    want += "\"k\": ";
  }
  d.null();
  want += "null";
  for (int i = 39; i >= 0; --i) {
    d.end_object();
    want += '\n';
    want.append(static_cast<std::size_t>(2 * i), ' ');
    want += '}';
  }
  CHECK(deep == want);
  // Compact: no break, no space after the colon.
  std::string compact;
  sbom::json::Emitter c(compact, 0);
  c.begin_object();
  c.key("a");
  c.number(sbom::json::Number{"1"});
  c.key("b");
  c.string("");
  c.end_object();
  CHECK(compact == R"({"a":1,"b":""})");
}

TEST_CASE("pointer tokens escape ~ and /") {
  CHECK(sbom::json::pointer_token("a/b~c") == "a~1b~0c");
  CHECK(sbom::json::pointer_token("plain") == "plain");
  CHECK(sbom::json::kind_name(Value::Kind::Object) == "an object");
}

TEST_CASE("json equality: the last of duplicate keys wins") {
  // Found by fuzz/fuzz_cyclonedx: a model that keeps the last duplicate wrote back a document
  // that every JSON reader sees as equal, but equality counted members.
  auto a = sbom::json::parse(R"({"v": 1, "p": "x", "v": 2})");
  auto b = sbom::json::parse(R"({"p": "x", "v": 2})");
  auto c = sbom::json::parse(R"({"p": "x", "v": 1})");
  REQUIRE(a);
  REQUIRE(b);
  REQUIRE(c);
  CHECK(*a == *b);
  CHECK(*b == *a);
  CHECK_FALSE(*a == *c);
}

TEST_CASE("strings: escapes, surrogate pairs and long runs decode exactly") {
  std::string run(100, 'a');
  auto v = sbom::json::parse("[\"" + run + "\\n\\t\\\"\\\\\\/\\b\\f\\r\", \"\\u00e9\\u20ac\\ud83d\\ude00\", \"" + run + "\\u0041" + run + "\"]");
  REQUIRE(v);
  const auto& a = v->as_array();
  CHECK(a[0].as_string() == run + "\n\t\"\\/\b\f\r");
  CHECK(a[1].as_string() == "\xc3\xa9\xe2\x82\xac\xf0\x9f\x98\x80");
  CHECK(a[2].as_string() == run + "A" + run);
}

TEST_CASE("whole inputs: read_all gives the exact bytes of a file and of a stream") {
  std::string text = "{\"k\": [1, 2, 3]}\n";
  std::FILE* f = std::tmpfile();
  REQUIRE(f);
  std::fwrite(text.data(), 1, text.size(), f);
  std::rewind(f);
  auto t = sbom::json::read_all(f, "tmp.json");
  std::fclose(f);
  REQUIRE(t);
  CHECK(t->view() == text);
  // An empty file is an empty text (and then an "empty input" parse error, not a crash).
  std::FILE* e = std::tmpfile();
  REQUIRE(e);
  auto te = sbom::json::read_all(e, "empty.json");
  std::fclose(e);
  REQUIRE(te);
  CHECK(te->view().empty());
  CHECK_FALSE(sbom::json::parse(te->view()));
}

TEST_CASE("a lone low surrogate escape is an error, not bytes that are not UTF-8") {
  // Found by fuzz/fuzz_cyclonedx once the library was instrumented: RapidJSON lets it through.
  CHECK(where(parse_error("[\"ab\", \"x\\udd69\"]")) == "1:10: invalid surrogate pair in string (a lone \\udd69)");
  // Pairs, escaped backslashes before a 'u', and other \u escapes are fine.
  auto v = sbom::json::parse(R"(["\ud83d\ude00", "\\udd69", "\u0041\\\u00e9"])");
  REQUIRE(v);
  CHECK(v->as_array()[0].as_string() == "\xf0\x9f\x98\x80");
  CHECK(v->as_array()[1].as_string() == "\\udd69");
  CHECK(v->as_array()[2].as_string() == "A\\\xc3\xa9");
}

TEST_CASE("json: valid_utf8 and to_valid_utf8", "[json]") {
  using sbom::json::to_valid_utf8;
  using sbom::json::valid_utf8;
  const std::string fffd = "\xEF\xBF\xBD";
  for (std::string ok : {"", "plain", "caf\xC3\xA9", "\xE2\x82\xAC", "\xF0\x9F\x98\x80", "\xF4\x8F\xBF\xBF"}) {
    CHECK(valid_utf8(ok));
    CHECK(to_valid_utf8(ok) == ok);
  }
  // Latin-1, a cut sequence, overlong forms, surrogates, past U+10FFFF, stray continuation bytes.
  CHECK(to_valid_utf8("Jos\xE9 Gonz\xE1lez") == "Jos" + fffd + " Gonz" + fffd + "lez");
  CHECK(to_valid_utf8("a\xE2\x82") == "a" + fffd + fffd);
  CHECK(to_valid_utf8("\xC0\xAF") == fffd + fffd);
  CHECK(to_valid_utf8("\xE0\x80\xAF") == fffd + fffd + fffd);
  CHECK(to_valid_utf8("\xED\xA0\x80") == fffd + fffd + fffd);
  CHECK(to_valid_utf8("\xF4\x90\x80\x80") == fffd + fffd + fffd + fffd);
  CHECK(to_valid_utf8("\x80x\xBF") == fffd + "x" + fffd);
  CHECK(to_valid_utf8(std::string("\xFF\0\xFE", 3)) == fffd + std::string(1, '\0') + fffd);
  for (std::string bad : {"\xE9", "a\xE2\x82", "\xC0\xAF", "\xED\xA0\x80", "\xF4\x90\x80\x80", "\x80", "\xFF"}) {
    CHECK_FALSE(valid_utf8(bad));
    CHECK(valid_utf8(to_valid_utf8(bad)));
  }
}

TEST_CASE("json writer: escapes are found at every position of long strings (the eight-byte skip)") {
  for (char special : {'"', '\\', '\n', '\x01', '\x1f'}) {
    for (std::size_t at = 0; at < 20; ++at) {
      std::string s(20, 'a');
      s[at] = special;
      s += "\xC3\xA9 after";
      auto back = sbom::json::parse(sbom::json::write(sbom::json::Value(s), {0, false}));
      REQUIRE(back.has_value());
      CHECK(back->as_string() == s);
    }
  }
  CHECK(sbom::json::write(sbom::json::Value(std::string(17, ' ')), {0, false}) == "\"" + std::string(17, ' ') + "\"");
}

TEST_CASE("has_control_or finds a byte to escape at every position of every length (16-, 8-byte and tail checks)") {
  using sbom::json::detail::has_control_or;
  using sbom::json::detail::needs_escape;
  // Bytes next to the ones looked for, and UTF-8 (>= 0x80), must not count.
  for (char filler : {'a', ' ', '\x7f', '\xC3', '!', '#', '[', ']'}) {
    for (std::size_t n = 0; n <= 40; ++n) {
      const std::string clean(n, filler);
      CHECK_FALSE(needs_escape(clean));
      CHECK_FALSE(has_control_or<'&', '<', '>', '"'>(clean));
      for (std::size_t at = 0; at < n; ++at) {
        for (char special : {'"', '\\', '\n', '\x00', '\x1f'}) {
          std::string s = clean;
          s[at] = special;
          INFO("length " << n << ", at " << at << ", byte " << int(static_cast<unsigned char>(special)));
          CHECK(needs_escape(s));
        }
        for (char special : {'&', '<', '>', '"', '\t'}) {
          std::string s = clean;
          s[at] = special;
          CHECK(has_control_or<'&', '<', '>', '"'>(s));
        }
        std::string s = clean;
        s[at] = '\\';
        CHECK_FALSE(has_control_or<'&', '<', '>', '"'>(s));
      }
    }
  }
}

TEST_CASE("json: valid_utf8 checks past the eight-byte ASCII skip") {
  for (std::size_t at = 0; at < 20; ++at) {
    std::string s(20, 'a');
    s[at] = '\xE9';
    CHECK(!sbom::json::valid_utf8(s));
    s.replace(at, 1, "\xC3\xA9");
    CHECK(sbom::json::valid_utf8(s));
  }
}

TEST_CASE("at_pointer names values by RFC 6901 (escapes, indexes, misses); error_at words positions one way") {
  auto v = sbom::json::parse(R"({"a/b":{"m~n":[10,{"x":true}]},"":1})");
  REQUIRE(v);
  using sbom::json::at_pointer;
  CHECK(at_pointer(*v, "") == &*v);
  REQUIRE(at_pointer(*v, "/a~1b/m~0n/1/x"));
  CHECK(at_pointer(*v, "/a~1b/m~0n/1/x")->as_bool());
  CHECK(at_pointer(*v, "/")->as_number().text == "1");  // the member named ""
  CHECK(at_pointer(*v, "/a~1b/m~0n/0")->position.column == 16);
  CHECK_FALSE(at_pointer(*v, "/a~1b/m~0n/2"));
  CHECK_FALSE(at_pointer(*v, "/a~1b/m~0n/01"));
  CHECK_FALSE(at_pointer(*v, "/a~1b/m~0n/0/x"));
  CHECK_FALSE(at_pointer(*v, "a"));
  const sbom::json::Value* x = at_pointer(*v, "/a~1b/m~0n/1/x");
  CHECK(sbom::json::error_at("f.json", *x, "/a~1b/m~0n/1/x", "expected a string").to_string() ==
        "f.json:1:24: at /a~1b/m~0n/1/x: expected a string");
  CHECK(sbom::json::error_at("f.json", sbom::json::Position{}, {}, "bad").to_string() == "f.json: bad");
}

TEST_CASE("emitter items: an array's first items written aside, spliced, give the same bytes") {
  // What write_spdx_json does with its packages: each printed inside an array at the document's
  // depth by another emitter, then put in the array's place ahead of any other items.
  auto item = [](int i) {
    return Value(sbom::json::Object{{"n", Value(sbom::json::Number::from(std::int64_t{i}))},
                                    {"list", Value(sbom::json::Array{Value("a"), Value("b")})}});
  };
  for (int aside : {1, 3}) {
    for (int after : {0, 2}) {
      sbom::json::Array all;
      for (int i = 0; i < aside + after; ++i) all.push_back(item(i));
      const std::string whole = sbom::json::write(Value(sbom::json::Object{{"k", Value("v")}, {"items", Value(all)}}));
      std::string made;
      sbom::json::Emitter pe(made, 2);
      pe.begin_object();
      pe.key("items");
      pe.begin_array();
      const std::size_t start = made.size();
      for (int i = 0; i < aside; ++i) pe.value(item(i));
      for (std::size_t chunk : {std::size_t{4}, std::size_t{1} << 16}) {  // past the sink's chunk, and within it
        std::string buffer, streamed;
        sbom::json::Emitter e(buffer, 2);
        e.stream_to([&](std::string_view s) { streamed += s; }, chunk);
        e.begin_object();
        e.key("k");
        e.string("v");
        e.key("items");
        e.begin_array();
        e.items(std::string_view(made).substr(start), static_cast<std::uint32_t>(aside));
        for (int i = aside; i < aside + after; ++i) e.value(item(i));
        e.end_array();
        e.end_object();
        buffer += '\n';
        e.flush();
        CHECK(streamed == whole);
      }
    }
  }
}
