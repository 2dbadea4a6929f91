// The scanner: matches, secret groups, allowlists, entropy, path rules, fingerprints, encoding.
#include <catch2/catch.hpp>

#include "sbom/secrets.h"

using namespace sbom::secrets;

namespace {

std::shared_ptr<const Scanner> scanner(std::vector<Rule> rules, Allowlist global = {}) {
  auto s = Scanner::make(std::move(rules), std::move(global));
  REQUIRE(s);
  return *s;
}

Rule acme() {
  Rule r;
  r.id = "SBOMKIT-SECRET-ACME";
  r.regex = "key=(acme_[a-z0-9]{8})";
  return r;
}

}  // namespace

TEST_CASE("a match keeps rule, line and a fingerprint of the secret group only") {
  auto s = scanner({acme()});
  auto m = s->scan("first\nsecond key=acme_abcd1234 x\nkey=acme_abcd1234\nkey=acme_zzzz9999\n");
  REQUIRE(m.size() == 2);  // the repeated secret once
  CHECK(m[0].line == 2);
  CHECK(m[0].fingerprint == fingerprint("SBOMKIT-SECRET-ACME", "acme_abcd1234"));
  CHECK(m[1].line == 4);
  CHECK(m[0].fingerprint.size() == 16);
  CHECK(fingerprint("SBOMKIT-SECRET-ACME", "acme_abcd1234") != fingerprint("SBOMKIT-SECRET-OTHER", "acme_abcd1234"));
  CHECK(fingerprint_id(m[0].fingerprint) == "SBOMKIT-FP-" + m[0].fingerprint);
}

TEST_CASE("allowlists, stopwords and entropy drop matches") {
  Rule r = acme();
  r.allow.regexes = {"0000$"};
  r.allow.stopwords = {"TEST"};
  auto s = scanner({r});
  CHECK(s->scan("key=acme_abcd0000").empty());
  CHECK(s->scan("key=acme_test1234").empty());  // stopwords ignore case
  CHECK(s->scan("key=acme_abcd1234").size() == 1);
  Rule e = acme();
  e.entropy = 3.5;
  auto se = scanner({e});
  CHECK(se->scan("key=acme_aaaaaaaa").empty());
  CHECK(se->scan("key=acme_q8w2e7r1").size() == 1);
}

TEST_CASE("path rules and allowlisted paths apply by file") {
  Rule r = acme();
  r.path = "\\.env$";
  Allowlist global;
  global.paths = {"^vendor/"};
  auto s = scanner({r}, global);
  CHECK(s->applies(0, "app/.env"));
  CHECK(!s->applies(0, "app/notes.txt"));
  CHECK(!s->applies(0, "vendor/x/.env"));
}

TEST_CASE("built-in rules find planted fakes and leave placeholders") {
  auto s = scanner(builtin_rules());
  auto ids = [&](std::string_view text) {
    std::vector<std::string> out;
    for (const auto& m : s->scan(text)) out.push_back(s->rules()[m.rule].id);
    return out;
  };
  const std::string gh = "ghp_" + std::string(36, 'F').replace(5, 3, "a1b");
  CHECK(ids("token " + gh) == std::vector<std::string>{"SBOMKIT-SECRET-GITHUB-TOKEN"});
  CHECK(ids("AKIAIOSFODNN7EXAMPLE").empty());  // AWS's documentation key
  CHECK(ids(std::string("AKIA") + "QRSTUVWXYZ234567").size() == 1);
  CHECK(ids("password: changeme").empty());
  CHECK(ids("password: ${DB_PASSWORD}").empty());
  CHECK(ids("db_password: Tr0ub4dor-3xyzzy") == std::vector<std::string>{"SBOMKIT-SECRET-PASSWORD-IN-CONFIG"});
  CHECK(ids("The password: is set at run time").empty());
}

TEST_CASE("file results: binaries and large files are skips, results round-trip") {
  auto s = scanner({acme()});
  CHECK(!scan_file(*s, "nothing here", 12));
  auto bin = scan_file(*s, std::string("\x7f" "ELF\0key=acme_abcd1234", 22), 22);
  REQUIRE(bin);
  CHECK(bin->kind == FileResult::Kind::Binary);
  auto big = scan_file(*s, "", kMaxFileSize + 1);
  REQUIRE(big);
  CHECK(big->kind == FileResult::Kind::TooLarge);
  auto hit = scan_file(*s, "key=acme_abcd1234\n", 18);
  REQUIRE(hit);
  sbom::image::File f;
  f.data = encode(*hit);
  CHECK(is_result(f));
  FileResult back = decode(f.data);
  REQUIRE(back.matches.size() == 1);
  CHECK(back.matches[0].fingerprint == hit->matches[0].fingerprint);
  CHECK(back.matches[0].line == 1);
  sbom::image::File plain;
  plain.data = "key=acme_abcd1234";
  CHECK(!is_result(plain));
}

TEST_CASE("a rule RE2 refuses is an error naming the rule") {
  Rule r = acme();
  r.regex = "(?<=x)y";  // lookbehind: not RE2
  auto s = Scanner::make({r});
  REQUIRE(!s);
  CHECK(s.error().message.find("rule SBOMKIT-SECRET-ACME") == 0);
}
