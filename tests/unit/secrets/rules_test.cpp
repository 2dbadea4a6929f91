// Rule files in gitleaks' TOML format: what is read, and errors with their positions.
#include <catch2/catch.hpp>

#include "sbom/secrets.h"

using namespace sbom::secrets;

TEST_CASE("a gitleaks rule file gives rules with our ids and allowlists") {
  auto f = parse_gitleaks_toml(R"(
title = "x"
[extend]
useDefault = true
[[rules]]
id = "acme-key"
description = "ACME key"
regex = '''acme_([a-z]{8})'''
secretGroup = 1
entropy = 2.0
keywords = ["acme_"]
path = '''\.txt$'''
[[rules.allowlists]]
stopwords = ["TEST"]
regexes = ['''^aaaa''']
[allowlist]
paths = ['''^vendor/''']
)", "rules.toml");
  REQUIRE(f);
  REQUIRE(f->rules.size() == 1);
  const Rule& r = f->rules[0];
  CHECK(r.id == "SBOMKIT-SECRET-ACME-KEY");
  CHECK(r.description == "ACME key");
  CHECK(r.secret_group == 1);
  CHECK(r.entropy == 2.0);
  CHECK(r.path == "\\.txt$");
  CHECK(r.keywords == std::vector<std::string>{"acme_"});
  CHECK(r.allow.stopwords == std::vector<std::string>{"TEST"});
  CHECK(r.allow.regexes == std::vector<std::string>{"^aaaa"});
  CHECK(f->allow.paths == std::vector<std::string>{"^vendor/"});
}

TEST_CASE("rule file errors name the file, line and column") {
  auto bad_syntax = parse_gitleaks_toml("[[rules]]\nid = \n", "r.toml");
  REQUIRE(!bad_syntax);
  CHECK(bad_syntax.error().file == "r.toml");
  CHECK(bad_syntax.error().line == 2);

  auto unknown = parse_gitleaks_toml("[[rules]]\nid = \"a\"\nregex = 'x'\nseverity = \"low\"\n", "r.toml");
  REQUIRE(!unknown);
  CHECK(unknown.error().message == "unknown rule member 'severity'");
  CHECK(unknown.error().line == 4);
  CHECK(unknown.error().column == 1);

  auto no_regex = parse_gitleaks_toml("[[rules]]\nid = \"p12\"\npath = '''\\.p12$'''\n", "r.toml");
  REQUIRE(!no_regex);
  CHECK(no_regex.error().message.find("has no 'regex'") != std::string::npos);

  auto wrong_type = parse_gitleaks_toml("[[rules]]\nid = \"a\"\nregex = 'x'\nsecretGroup = \"1\"\n", "r.toml");
  REQUIRE(!wrong_type);
  CHECK(wrong_type.error().line == 4);
}

TEST_CASE("gitleaks ids become stable upper-case ids") {
  CHECK(rule_id_for("aws-access-token") == "SBOMKIT-SECRET-AWS-ACCESS-TOKEN");
  CHECK(rule_id_for("my rule.v2") == "SBOMKIT-SECRET-MY-RULE-V2");
}

TEST_CASE("every built-in rule compiles and has a distinct id") {
  auto rules = builtin_rules();
  auto s = Scanner::make(rules);
  REQUIRE(s);
  CHECK((*s)->rules().size() == rules.size());
}

TEST_CASE("gitleaks rules: raw control characters and bytes that are not UTF-8 are errors at their line and column") {
  // toml++ asserts (aborts) on a control character in a table header instead of reporting it.
  auto ctl = parse_gitleaks_toml(std::string("# rules\n[[\x01rules]]\nid = \"a\"\n"), "r.toml");
  REQUIRE_FALSE(ctl);
  CHECK(ctl.error().to_string() == "r.toml:2:3: a control character (U+0001) TOML allows only escaped, in a string");
  auto bad = parse_gitleaks_toml(std::string("[[rules]]\nid = \"a\xff\"\n"), "r.toml");
  REQUIRE_FALSE(bad);
  CHECK(bad.error().to_string() ==
        "r.toml:2:8: a character beyond ASCII: this file is read as ASCII (write it as a \\uXXXX escape in a string)");
  CHECK_FALSE(parse_gitleaks_toml("[[rules]]\nid = \"caf\xc3\xa9\"\n", "r.toml"));
  CHECK(parse_gitleaks_toml("[[rules]]\r\nid = \"caf\\u00e9\"\t# tab and CRLF are fine\r\nregex = 'x'\r\n", "r.toml"));
}
