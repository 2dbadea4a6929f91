// Tests for validate()'s quick pass (json_quick.cpp): it accepts the common document, says "not
// sure" for every invalid text and the shapes it leaves to the full pass, and never accepts what
// the full pass refuses: checked on the repository's JSON files and thousands of mutations of them.
#include <catch2/catch.hpp>

#include <cstdint>
#include <filesystem>
#include <fstream>
#include <random>
#include <sstream>
#include <string>
#include <vector>

#include "core/json_cursor.h"

using sbom::json::detail::quick_valid;
using sbom::json::detail::validate_in_full;

namespace {

constexpr std::size_t kDepth = 64;

bool full_valid(std::string_view text, std::size_t depth = kDepth, bool duplicates = true) {
  return static_cast<bool>(validate_in_full(text, depth, duplicates));
}

// The JSON files of the repository: tests' data, fuzz seeds, examples.
std::vector<std::string> corpus() {
  std::vector<std::string> texts;
  for (const char* dir : {"tests/data", "fuzz/seeds", "examples"}) {
    std::filesystem::path root = std::filesystem::path(SBOMKIT_SOURCE_ROOT) / dir;
    if (!std::filesystem::exists(root)) continue;
    for (const auto& e : std::filesystem::recursive_directory_iterator(root)) {
      if (!e.is_regular_file() || e.file_size() > (std::uintmax_t{1} << 20)) continue;
      const std::string name = e.path().filename().string();
      if (name.find(".json") == std::string::npos) continue;
      std::ifstream in(e.path(), std::ios::binary);
      std::stringstream ss;
      ss << in.rdbuf();
      texts.push_back(ss.str());
    }
  }
  return texts;
}

}  // namespace

TEST_CASE("quick pass: accepts plain valid JSON") {
  for (const char* text : {"{}", "[]", " \t\r\n{ } \n", "0", "-0.5e-10", "1E+99", "12345678901234567890", "\"\"",
                           "true", "false", "null", R"({"a":[1,2,{"b":null}],"c":"x\"\\\/\b\f\n\r\t\u0041\u00e9"})",
                           "[\"\xc3\xa9\xe2\x82\xac\xf0\x9f\x98\x80\"]", R"({"a":{"a":1},"b":{"a":2}})"}) {
    INFO(text);
    CHECK(quick_valid(text, kDepth, true));
    CHECK(full_valid(text));
  }
}

TEST_CASE("quick pass: refuses invalid JSON (the full pass words the error)") {
  for (const char* text : {"", "   ", "{", "[1,]", R"({"a":1,})", R"({"a" 1})", R"({a:1})", "01", "-", "1.", "1e",
                           "+1", "tru", "nul", "[1 2]", "{} x", "\"\x01\"", "\"abc", R"("\x")", R"("\u12G4")",
                           "\"\xc0\xaf\"", "\"\xed\xa0\x80\"", "\"\xf4\x90\x80\x80\"", "\"\xe2\x82\"", "\xef\xbb\xbf{}",
                           R"({"a":1,"a":2})", "[[1]]]"}) {
    INFO(text);
    CHECK_FALSE(quick_valid(text, kDepth, true));
    CHECK_FALSE(full_valid(text));
  }
}

TEST_CASE("quick pass: leaves unusual valid shapes to the full pass") {
  // A key with an escape (compared decoded), surrogate escapes, exponents of three digits: valid,
  // but not proven so here.
  for (const char* text : {R"({"\u0061":1})", R"(["\ud83d\ude00"])", "1e100", "1e-300", "[0.5E+123]"}) {
    INFO(text);
    CHECK_FALSE(quick_valid(text, kDepth, true));
    CHECK(full_valid(text));
  }
  // Without the duplicate check an escaped key is taken.
  CHECK(quick_valid(R"({"\u0061":1,"a":2})", kDepth, false));
  // Refused by the full pass too: a lone low surrogate, a number a double cannot hold.
  CHECK_FALSE(quick_valid(R"(["\udc00"])", kDepth, true));
  CHECK_FALSE(full_valid(R"(["\udc00"])"));
  CHECK_FALSE(quick_valid("1e400", kDepth, true));
  CHECK_FALSE(full_valid("1e400"));
}

TEST_CASE("quick pass: repeated keys only when they are checked, and the depth bound") {
  CHECK_FALSE(quick_valid(R"({"a":1,"b":2,"a":3})", kDepth, true));
  CHECK(quick_valid(R"({"a":1,"b":2,"a":3})", kDepth, false));
  // Past 32 keys the check switches to a hash set.
  std::string many = "{";
  for (int i = 0; i < 100; ++i) many += "\"k" + std::to_string(i) + "\":" + std::to_string(i) + ",";
  CHECK(quick_valid(many + "\"last\":0}", kDepth, true));
  CHECK_FALSE(quick_valid(many + "\"k7\":0}", kDepth, true));
  CHECK_FALSE(full_valid(many + "\"k7\":0}"));
  // Keys of closed objects are forgotten: the same key in a sibling object is no repeat.
  CHECK(quick_valid(R"({"x":{"a":1,"b":2},"y":{"a":1,"b":2},"a":3})", kDepth, true));
  // At most max_depth containers open, as in the full pass.
  CHECK(quick_valid("[[[]]]", 3, true));
  CHECK(full_valid("[[[]]]", 3));
  CHECK_FALSE(quick_valid("[[[]]]", 2, true));
  CHECK_FALSE(full_valid("[[[]]]", 2));
  CHECK_FALSE(quick_valid(R"({"a":{"b":{}}})", 2, true));
}

TEST_CASE("quick pass: never accepts what the full pass refuses (repository JSON and mutations)") {
  std::vector<std::string> texts = corpus();
  REQUIRE(texts.size() > 50);
  std::size_t accepted = 0, valid = 0;
  for (const std::string& t : texts) {
    bool full = full_valid(t);
    valid += full;
    bool quick = quick_valid(t, kDepth, true);
    accepted += quick;
    if (quick) CHECK(full);
  }
  // Nearly every valid file is proven valid by the quick pass (the rest have escaped keys and the like).
  CHECK(accepted * 10 >= valid * 9);
  // Mutations: bytes that matter to the grammar, strings, escapes and UTF-8 put in, bytes
  // removed, cuts; with the duplicate check on and off and a small depth bound.
  const std::vector<std::string> pieces = {"\"", "\\", "\\u", "\\ud800", "\\udc00", "{", "}", "[", "]", ",", ":",
                                           "0", "-", ".", "e", "E+999", "1e308", "\x80", "\xc3", "\xed\xa0\x80",
                                           "\xf4\x90", "\x01", "\n", " ", "\"a\":1,", "\"a\":1", "true", "nul"};
  std::mt19937 rng(12);
  std::size_t wrong = 0, tried = 0;
  for (const std::string& t : texts) {
    if (t.empty()) continue;
    for (int m = 0; m < 40; ++m) {
      std::string x = t;
      std::size_t at = rng() % x.size();
      switch (rng() % 4) {
        case 0: x.insert(at, pieces[rng() % pieces.size()]); break;
        case 1: x.erase(at, 1 + rng() % 3); break;
        case 2: x[at] = pieces[rng() % pieces.size()][0]; break;
        default: x.resize(at); break;
      }
      for (bool duplicates : {true, false})
        for (std::size_t depth : {std::size_t{3}, kDepth}) {
          ++tried;
          if (quick_valid(x, depth, duplicates) && !full_valid(x, depth, duplicates)) ++wrong;
        }
    }
  }
  INFO(tried << " mutated texts");
  CHECK(wrong == 0);
}
