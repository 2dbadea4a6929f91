// Tests for the exception ledger: dates, ids, patterns, loading, lint and apply.
#include <catch2/catch.hpp>

#include "sbom/cyclonedx.h"
#include "sbom/exceptions.h"
#include "sbom/json.h"
#include "schema/schema.h"

namespace ex = sbom::exceptions;

TEST_CASE("dates parse, validate and print") {
  CHECK(ex::Date::parse("1970-01-01")->days == 0);
  CHECK(ex::Date::parse("2024-02-29"));
  CHECK_FALSE(ex::Date::parse("2023-02-29"));
  CHECK_FALSE(ex::Date::parse("2026-13-01"));
  CHECK_FALSE(ex::Date::parse("26-1-1"));
  CHECK(ex::Date::parse("2026-11-27T10:00:00Z")->to_string() == "2026-11-27");
  CHECK(ex::Date::from_epoch_seconds(1767225600).to_string() == "2026-01-01");
  CHECK(ex::Date::from_epoch_seconds(-1).to_string() == "1969-12-31");
}

TEST_CASE("dates and date-times are strict RFC 3339") {
  auto day = [](const char* s) { auto d = ex::Date::parse(s); return d ? d->to_string() : std::string("invalid"); };
  // accepted forms
  CHECK(day("2000-02-29") == "2000-02-29");  // divisible by 400: leap
  CHECK(day("2026-12-10T23:59:60Z") == "2026-12-10");  // leap second
  CHECK(day("2026-12-10t10:00:00z") == "2026-12-10");  // RFC 3339 allows lower case
  CHECK(day("2026-12-10T10:00:00.123456Z") == "2026-12-10");
  CHECK(day("2026-12-10T10:00:00+02:00") == "2026-12-10");
  CHECK(day("2026-12-10T01:00:00+02:00") == "2026-12-09");  // the UTC day of the instant
  CHECK(day("2026-12-10T23:00:00-05:00") == "2026-12-11");
  CHECK(day("2026-12-31T23:30:00-01:00") == "2027-01-01");
  // rejected, each for its reason
  std::string why;
  auto bad = [&](const char* s) { why.clear(); return !ex::Date::parse(s, &why) && !why.empty(); };
  CHECK(bad("2026-12-10 extra"));
  CHECK(why == "unexpected text after the date");
  CHECK(bad("2026-12-10 10:00:00Z"));
  CHECK(bad("2026-12-10T25:00:00Z"));
  CHECK(why == "hour 25 out of range");
  CHECK(bad("2026-12-10T10:60:00Z"));
  CHECK(why == "minute 60 out of range");
  CHECK(bad("2026-12-10T10:00:61Z"));
  CHECK(why == "second 61 out of range");
  CHECK(bad("2026-12-10T10:00:00"));
  CHECK(why == "missing time zone offset (Z or +HH:MM)");
  CHECK(bad("2026-12-10T10:00:00+24:00"));
  CHECK(bad("2026-12-10T10:00:00+02:60"));
  CHECK(bad("2026-12-10T10:00:00+0200"));
  CHECK(bad("2026-12-10T10:00:00.Z"));
  CHECK(bad("2026-12-10T10:00:00Zjunk"));
  CHECK(why == "unexpected text after the date-time");
  CHECK(bad("2026-12-10T10:00Z"));
  CHECK(bad("2026-12-10T"));
  CHECK(bad("1900-02-29"));  // divisible by 100, not 400: no leap day
  CHECK(why == "day 29 out of range for 1900-02");
  CHECK(bad("2026-04-31"));
  CHECK(bad("2026-00-10"));
  CHECK(why == "month 0 out of range");
  CHECK(bad("2026-12-00"));
  CHECK(bad("2026-1-10"));
  CHECK(bad("+026-12-10"));
  CHECK(bad("2026-12-1x"));
  CHECK(bad("2026-12-10\n"));
  CHECK(bad(""));
}

TEST_CASE("every date field of a ledger is strict, with its position") {
  auto l = ex::parse_ledger("exceptions:\n  - id: CVE-2024-0001\n    expires: 2026-12-10 extra\n", "e.yaml");
  REQUIRE_FALSE(l);
  CHECK(l.error().to_string() == "e.yaml:3:14: at /exceptions/0/expires: expires '2026-12-10 extra' is not a date (unexpected text after the date)");
  auto c = ex::parse_ledger("exceptions:\n  - id: CVE-2024-0001\n    created: 2026-12-10T25:00:00Z\n", "e.yaml");
  REQUIRE_FALSE(c);
  CHECK(c.error().to_string() == "e.yaml:3:14: at /exceptions/0/created: created '2026-12-10T25:00:00Z' is not a date (hour 25 out of range)");
  auto ok = ex::parse_ledger("exceptions:\n  - id: CVE-2024-0001\n    expires: 2026-12-10T23:00:00-05:00\n", "e.yaml");
  REQUIRE(ok);
  CHECK(ok->entries[0].expires->to_string() == "2026-12-11");
}

TEST_CASE("imported dates are strict, with their position") {
  auto t = ex::import_file(ex::ImportFormat::TrivyIgnore, "CVE-2024-0001\nCVE-2024-0002 exp:2026-12-10T25:00:00Z\n", "t");
  REQUIRE_FALSE(t);
  CHECK(t.error().to_string() == "t:2:19: exp '2026-12-10T25:00:00Z' is not a date (hour 25 out of range)");
  auto y = ex::import_file(ex::ImportFormat::TrivyIgnoreYaml, "vulnerabilities:\n  - id: CVE-2024-0001\n    expired_at: 2026-12-10 extra\n", "y");
  REQUIRE_FALSE(y);
  CHECK(y.error().to_string() == "y:3:17: expired_at '2026-12-10 extra' is not a date (unexpected text after the date)");
  auto ok = ex::import_file(ex::ImportFormat::TrivyIgnoreYaml, "vulnerabilities:\n  - id: CVE-2024-0001\n    expired_at: 2026-12-10T01:00:00+02:00\n", "y");
  REQUIRE(ok);
  CHECK(ok->entries[0].expires_text == "2026-12-09");
  auto v = ex::import_file(ex::ImportFormat::OpenVex,
                           R"({"timestamp":"2026-02-30T00:00:00Z","statements":[{"vulnerability":{"name":"CVE-2024-0001"},"status":"fixed"}]})", "v");
  REQUIRE_FALSE(v);
  CHECK(v.error().to_string() == "v:1:14: timestamp '2026-02-30T00:00:00Z' is not a date (day 30 out of range for 2026-02)");
}

TEST_CASE("vulnerability ids") {
  CHECK(ex::well_formed_id("CVE-2021-44228"));
  CHECK_FALSE(ex::well_formed_id("CVE-21-44228"));
  CHECK_FALSE(ex::well_formed_id("CVE-2021-123"));
  CHECK(ex::well_formed_id("GHSA-35jh-r3h4-6jhm"));
  CHECK_FALSE(ex::well_formed_id("GHSA-35JH-r3h4-6jhm"));
  CHECK(ex::well_formed_id("PYSEC-2021-108"));
  CHECK(ex::well_formed_id("DLA-3530-1"));
  CHECK_FALSE(ex::well_formed_id("cve-2021-44228"));
  CHECK_FALSE(ex::well_formed_id("log4shell"));
}

TEST_CASE("glob patterns") {
  CHECK(ex::glob_match("pkg:npm/*", "pkg:npm/lodash"));
  CHECK(ex::glob_match("*lodash*", "pkg:npm/lodash"));
  CHECK(ex::glob_match("/app/*/package.json", "/app/node_modules/x/package.json"));
  CHECK_FALSE(ex::glob_match("pkg:npm/*", "pkg:pypi/x"));
  CHECK(ex::glob_match("a*b*c", "aXbYbZc"));
  CHECK_FALSE(ex::glob_match("a*b*c", "aXbYbZ"));
}

namespace {
constexpr const char* kDoc = R"({"bomFormat":"CycloneDX","specVersion":"1.6",
 "components":[{"bom-ref":"a","name":"lodash","version":"4.17.20","purl":"pkg:npm/lodash@4.17.20"},
               {"bom-ref":"b","name":"lodash","version":"4.17.21","purl":"pkg:npm/lodash@4.17.21"}],
 "vulnerabilities":[{"bom-ref":"v","id":"GHSA-35jh-r3h4-6jhm","references":[{"id":"CVE-2021-23337"}],
   "affects":[{"ref":"a"},{"ref":"b"}]}]})";

ex::Ledger ledger(const char* yaml) {
  auto l = ex::parse_ledger(yaml, "e.yaml");
  if (!l) FAIL(l.error().to_string());
  return std::move(l).value();
}
}  // namespace

TEST_CASE("apply covers aliases and splits a partly covered vulnerability") {
  auto doc = sbom::cyclonedx::read_json(kDoc, "d.json");
  REQUIRE(doc);
  auto l = ledger(
      "exceptions:\n"
      "  - id: CVE-2021-23337\n"
      "    scope: {purl: pkg:npm/lodash, versions: '< 4.17.21'}\n"
      "    status: not_affected\n    justification: code_not_present\n"
      "    reason: r\n    owner: o\n    expires: 2027-01-01\n");
  auto r = ex::apply(l, *doc, *ex::Date::parse("2026-11-27"), 14);
  REQUIRE(r.applied.size() == 1);
  CHECK(r.applied[0].component_ref == "a");
  REQUIRE(doc->vulnerabilities->size() == 2);
  const auto& open = (*doc->vulnerabilities)[0];
  const auto& covered = (*doc->vulnerabilities)[1];
  CHECK(open.affects[0].ref == "b");
  CHECK_FALSE(open.analysis);
  CHECK(covered.affects[0].ref == "a");
  CHECK(covered.bom_ref == "v-exception-1");
  CHECK(covered.analysis->state == "not_affected");
  CHECK(covered.analysis->detail == "r");
  CHECK(covered.property("sbomkit:exception:owner")->value == "o");
  CHECK(covered.property("sbomkit:exception:entry")->value == "e.yaml:2");
}

TEST_CASE("entries found by id and by alias: the first in file order covers a component") {
  auto doc = sbom::cyclonedx::read_json(kDoc, "d.json");
  REQUIRE(doc);
  // The finding's id is the GHSA, the CVE an alias: the CVE entry (line 5) comes before the broad
  // GHSA entry (line 8) in the file, so it covers component a, however the entries are indexed.
  auto l = ledger(
      "exceptions:\n"
      "  - {id: GHSA-35jh-r3h4-6jhm, scope: 'pkg:npm/lodash@4.17.21', status: false_positive, reason: one, owner: o,\n"
      "     expires: 2027-01-01}\n"
      "  - id: CVE-2021-23337\n"
      "    scope: pkg:npm/lodash\n"
      "    status: false_positive\n    reason: two\n    owner: o\n    expires: 2027-01-01\n"
      "  - {id: GHSA-35jh-r3h4-6jhm, scope: 'pkg:npm/*', status: false_positive, reason: three, owner: o, expires: 2027-01-01}\n");
  auto r = ex::apply(l, *doc, *ex::Date::parse("2026-11-27"), 14);
  REQUIRE(r.applied.size() == 2);
  CHECK(r.applied[0].component_ref == "a");
  CHECK(r.applied[0].entry == 1);
  CHECK(r.applied[1].component_ref == "b");
  CHECK(r.applied[1].entry == 0);
  CHECK(r.stale == std::vector<std::size_t>{2});
}

TEST_CASE("expired, stale and invalid entries are not applied") {
  auto doc = sbom::cyclonedx::read_json(kDoc, "d.json");
  REQUIRE(doc);
  auto l = ledger(
      "exceptions:\n"
      "  - {id: GHSA-35jh-r3h4-6jhm, status: false_positive, reason: r, owner: o, expires: 2026-01-01}\n"
      "  - {id: CVE-2099-0001, status: false_positive, reason: r, owner: o, expires: 2027-01-01}\n"
      "  - {id: GHSA-35jh-r3h4-6jhm, status: false_positive, reason: r, owner: o}\n");
  auto r = ex::apply(l, *doc, *ex::Date::parse("2026-11-27"), 14);
  CHECK(r.applied.empty());
  CHECK(r.expired == std::vector<std::size_t>{0});
  CHECK(r.stale == std::vector<std::size_t>{1});
  CHECK(r.invalid == std::vector<std::size_t>{2});
  CHECK_FALSE((*doc->vulnerabilities)[0].analysis);
}

TEST_CASE("lint reports every problem with its line") {
  auto l = ledger(
      "policy: {max-horizon-days: 30}\n"
      "exceptions:\n"
      "  - id: CVE-2024-0001\n    status: not_affected\n    owner: TODO-set-by-owner\n    expires: 2027-12-31\n");
  auto problems = ex::lint(l, *ex::Date::parse("2026-11-27"));
  std::vector<std::string> msgs;
  for (const auto& p : problems) {
    CHECK(p.line == 3);
    msgs.push_back(p.message);
  }
  CHECK(msgs == std::vector<std::string>{
                    "CVE-2024-0001: missing member 'reason'",
                    "CVE-2024-0001: owner is the import placeholder; set a real owner",
                    "CVE-2024-0001: expires 2027-12-31, 399 days from 2026-11-27, beyond the 30-day horizon",
                    "CVE-2024-0001: status not_affected needs a justification"});
}

TEST_CASE("structural errors are fatal and name the pointer") {
  auto l = ex::parse_ledger("exceptions:\n  - id: CVE-2024-0001\n    scope: {purl: 5, colour: x}\n", "e.yaml");
  REQUIRE_FALSE(l);
  CHECK(l.error().to_string() == "e.yaml:3:30: at /exceptions/0/scope/colour: unknown member 'colour' (expected purl, versions, image, fix-state, path)");
  auto m = ex::parse_ledger("exceptions: 3\n", "e.yaml");
  REQUIRE_FALSE(m);
  CHECK(m.error().to_string() == "e.yaml:1:13: at /exceptions: expected an array or null, found 3");
}

TEST_CASE("a scope naming a distro source package covers its binary packages") {
  auto doc = sbom::cyclonedx::read_json(R"({"bomFormat":"CycloneDX","specVersion":"1.6",
   "components":[{"bom-ref":"a","name":"libssl3","purl":"pkg:deb/debian/libssl3@3.0.11-1?upstream=openssl"},
                 {"bom-ref":"b","name":"libssl-dev","purl":"pkg:deb/debian/libssl-dev@3.0.11-1",
                  "properties":[{"name":"sbomkit:package:source_name","value":"openssl"}]},
                 {"bom-ref":"c","name":"libcurl4","purl":"pkg:deb/debian/libcurl4@7.88.1-10?upstream=curl"}],
   "vulnerabilities":[{"id":"CVE-2023-5678","affects":[{"ref":"a"},{"ref":"b"},{"ref":"c"}]}]})", "d.json");
  REQUIRE(doc);
  auto l = ledger("exceptions:\n  - {id: CVE-2023-5678, scope: pkg:deb/debian/openssl, status: false_positive, reason: r, owner: o, expires: 2027-01-01}\n");
  auto r = ex::apply(l, *doc, *ex::Date::parse("2026-11-27"), 14);
  REQUIRE(r.applied.size() == 2);
  CHECK(r.applied[0].component_ref == "a");
  CHECK(r.applied[1].component_ref == "b");
  // A scope with a version names one exact package, so it does not widen to binaries.
  auto doc2 = sbom::cyclonedx::read_json(R"({"bomFormat":"CycloneDX","specVersion":"1.6",
   "components":[{"bom-ref":"a","name":"libssl3","purl":"pkg:deb/debian/libssl3@3.0.11-1?upstream=openssl"}],
   "vulnerabilities":[{"id":"CVE-2023-5678","affects":[{"ref":"a"}]}]})", "d.json");
  auto l2 = ledger("exceptions:\n  - {id: CVE-2023-5678, scope: pkg:deb/debian/openssl@3.0.11-1, status: false_positive, reason: r, owner: o, expires: 2027-01-01}\n");
  CHECK(ex::apply(l2, *doc2, *ex::Date::parse("2026-11-27"), 14).applied.empty());
}

TEST_CASE("a fix-state scope covers findings by whether a fixed version is recorded") {
  auto doc = sbom::cyclonedx::read_json(R"({"bomFormat":"CycloneDX","specVersion":"1.6",
   "components":[{"bom-ref":"a","name":"x","purl":"pkg:npm/x@1.0.0"},{"bom-ref":"b","name":"y","purl":"pkg:npm/y@1.0.0"}],
   "vulnerabilities":[{"id":"CVE-2024-0001","affects":[{"ref":"a","versions":[{"version":"1.0.1","status":"unaffected"}]},{"ref":"b"}]}]})",
                                        "d.json");
  REQUIRE(doc);
  auto covered = [&](const char* state) {
    auto d = *doc;
    auto l = ledger((std::string("exceptions:\n  - id: CVE-2024-0001\n    scope: {fix-state: ") + state +
                     "}\n    status: false_positive\n    reason: r\n    owner: o\n    expires: 2027-01-01\n").c_str());
    std::string refs;
    for (const auto& a : ex::apply(l, d, *ex::Date::parse("2026-11-27"), 14).applied) refs += a.component_ref;
    return refs;
  };
  CHECK(covered("fixed") == "a");
  CHECK(covered("not-fixed") == "b");
  auto bad = ex::parse_ledger("exceptions:\n  - id: CVE-2024-0001\n    scope: {fix-state: wont-fix}\n", "e.yaml");
  REQUIRE_FALSE(bad);
  CHECK(bad.error().to_string() == "e.yaml:3:24: at /exceptions/0/scope/fix-state: expected one of fixed, not-fixed; found 'wont-fix'");
}

namespace {
std::vector<std::string> lint_lines(const ex::Ledger& l) {
  std::vector<std::string> out;
  for (const auto& p : ex::lint(l, *ex::Date::parse("2026-11-27")))
    out.push_back(std::to_string(p.line) + ":" + std::to_string(p.column) + ": " + p.message);
  return out;
}
}  // namespace

TEST_CASE("what the schema finds inside entries is to fix: lint lists each, worded by the entry's id") {
  auto l = ledger(
      "exceptions:\n"
      "  - id: cve-2024-1\n"                 // 2: pattern; no owner
      "    scope: deb/openssl\n"             // pattern (not pkg:)
      "    status: exploited\n"              // enum
      "    justification: unreachable\n"     // enum
      "    response: [update, later]\n"      // enum, one item
      "    reason: ''\n"                     // minLength
      "    expires: ''\n"                    // an expiry still to set
      "  - {id: CVE-2024-0002, scope: {purl: npm/x}, status: false_positive, owner: o, expires: 2027-01-01}\n"
      "  - {id: CVE-2024-0003, status: false_positive, reason: r, owner: o, expires: 2026-02-30, created: 2026-02-29}\n");
  CHECK(lint_lines(l) == std::vector<std::string>{
      "2:5: cve-2024-1: missing member 'owner'",
      "2:9: cve-2024-1: id: expected a vulnerability id: an upper-case prefix, '-', then letters, digits, ':', '.', '_' or '-' "
      "(CVE-2024-1234, GHSA-xxxx-xxxx-xxxx), found 'cve-2024-1'",
      "3:12: cve-2024-1: scope: expected a purl or purl pattern starting with pkg:, found 'deb/openssl'",
      "4:13: cve-2024-1: status: expected one of resolved, resolved_with_pedigree, exploitable, in_triage, false_positive, "
      "not_affected; found 'exploited'",
      "5:20: cve-2024-1: justification: expected one of code_not_present, code_not_reachable, requires_configuration, "
      "requires_dependency, requires_environment, protected_by_compiler, protected_at_runtime, protected_at_perimeter, "
      "protected_by_mitigating_control; found 'unreachable'",
      "6:24: cve-2024-1: response/1: expected one of can_not_fix, will_not_fix, update, rollback, workaround_available; found 'later'",
      "7:13: cve-2024-1: reason: expected a non-empty string",
      "8:14: cve-2024-1: expires '' is not a date (expected YYYY-MM-DD)",
      "9:5: CVE-2024-0002: missing member 'reason'",
      "9:39: CVE-2024-0002: scope/purl: expected a purl or purl pattern starting with pkg:, found 'npm/x'",
      // What no schema can say: dates of the right shape that do not exist.
      "10:79: CVE-2024-0003: expires '2026-02-30' is not a date (day 30 out of range for 2026-02)",
      "10:100: CVE-2024-0003: created '2026-02-29' is not a date (day 29 out of range for 2026-02)",
  });
  // apply reads every entry, and leaves out (reported INVALID, with the first problem) each one that
  // is not whole: the first has no owner, the second no reason, the third no real expiry date.
  auto doc = sbom::cyclonedx::read_json(kDoc, "d.json");
  REQUIRE(doc);
  CHECK(ex::apply(l, *doc, *ex::Date::parse("2026-11-27"), 14).invalid == std::vector<std::size_t>{0, 1, 2});
  CHECK(ex::invalid_reason(l.entries[0]) == "cve-2024-1: missing member 'owner'");
  CHECK(ex::invalid_reason(l.entries[1]) == "CVE-2024-0002: missing member 'reason'");
  CHECK(ex::invalid_reason(l.entries[2]) == "CVE-2024-0003: expires '2026-02-30' is not a date (day 30 out of range for 2026-02)");
}

TEST_CASE("a broken file is one error, the first in document order, even after entries to fix") {
  auto error = [](const char* yaml) {
    auto l = ex::parse_ledger(yaml, "e.yaml");
    return l ? std::string("loaded") : l.error().to_string();
  };
  const std::string to_fix = "exceptions:\n  - {id: cve-1, status: nope}\n";
  CHECK(error((to_fix + "  - {id: CVE-2024-0001, colour: red, ticket: [1]}\n").c_str()) ==
        "e.yaml:3:33: at /exceptions/1/colour: unknown member 'colour' (expected id, scope, status, justification, response, reason, "
        "owner, expires, ticket, created)");
  CHECK(error((to_fix + "  - {id: CVE-2024-0001, ticket: [1]}\n").c_str()) == "e.yaml:3:33: at /exceptions/1/ticket: expected a string, found an array");
  CHECK(error((to_fix + "  - {id: CVE-2024-0001, expires: 2026-12-10x}\n").c_str()) ==
        "e.yaml:3:34: at /exceptions/1/expires: expires '2026-12-10x' is not a date (unexpected text after the date)");
  CHECK(error((to_fix + "  - {id: CVE-2024-0001, scope: {fix-state: wont-fix}}\n").c_str()) ==
        "e.yaml:3:44: at /exceptions/1/scope/fix-state: expected one of fixed, not-fixed; found 'wont-fix'");
  CHECK(error(("version: 2\n" + to_fix).c_str()) == "e.yaml:1:10: at /version: expected 1, found 2");
  CHECK(error(("policy: {max-horizon-days: 0}\n" + to_fix).c_str()) == "e.yaml:1:28: at /policy/max-horizon-days: expected at least 1, found 0");
  CHECK(error(("policy: {justification-required: [fixed]}\n" + to_fix).c_str()) ==
        "e.yaml:1:35: at /policy/justification-required/0: expected one of resolved, resolved_with_pedigree, exploitable, in_triage, "
        "false_positive, not_affected; found 'fixed'");
  CHECK(error("policy: {max-horizon-days: 99999999999999999999}\n") ==
        "e.yaml:1:28: at /policy/max-horizon-days: the number of days 99999999999999999999 is too large");
  CHECK(error("exceptions: 3\n") == "e.yaml:1:13: at /exceptions: expected an array or null, found 3");
  CHECK(error("just text\n") == "e.yaml:1:1: expected an object or an array or null, found 'just text'");
  CHECK(error(to_fix.c_str()) == "loaded");
  CHECK(error("") == "loaded");
  CHECK(error("- {id: CVE-2024-0001, colour: red}\n") == "e.yaml:1:31: at /0/colour: unknown member 'colour' (expected id, scope, status, "
                                                          "justification, response, reason, owner, expires, ticket, created)");
}

TEST_CASE("YAML numbers where the schema wants text are that text, as before") {
  auto l = ledger("exceptions:\n  - {id: CVE-2024-0001, status: 5, reason: 42, owner: 7, ticket: 12345, expires: 2027-01-01}\n");
  REQUIRE(l.entries.size() == 1);
  CHECK(l.entries[0].ticket == "12345");
  CHECK(l.entries[0].reason == "42");
  CHECK(lint_lines(l) == std::vector<std::string>{
      "2:33: CVE-2024-0001: status: expected one of resolved, resolved_with_pedigree, exploitable, in_triage, false_positive, "
      "not_affected; found '5'"});
}

TEST_CASE("the schema and the code agree: every value the schema's enums allow is read, applied and linted clean") {
  auto schema_text = sbom::json::parse(sbom::schema::embedded("exceptions"));
  REQUIRE(schema_text);
  auto values = [&](const char* pointer) {
    const sbom::json::Value* e = sbom::json::at_pointer(*schema_text, pointer);
    REQUIRE(e);
    std::vector<std::string> out;
    for (const auto& v : e->as_array()) out.push_back(v.as_string());
    REQUIRE_FALSE(out.empty());
    return out;
  };
  const auto states = values("/$defs/state/enum");
  const auto justifications = values("/$defs/entry/properties/justification/enum");
  const auto responses = values("/$defs/response/enum");
  const auto fix_states = values("/$defs/entry/properties/scope/oneOf/1/properties/fix-state/enum");
  std::string yaml = "policy:\n  justification-required: [";
  for (std::size_t i = 0; i < states.size(); ++i) yaml += (i ? ", " : "") + states[i];
  yaml += "]\nexceptions:\n";
  std::size_t n = 0;
  for (const auto& state : states)
    for (const auto& justification : justifications) {
      const std::string& response = responses[n % responses.size()];
      const std::string& fix_state = fix_states[n % fix_states.size()];
      yaml += "  - {id: CVE-2021-" + std::to_string(10000 + n) + ", scope: {purl: 'pkg:npm/lodash', fix-state: " + fix_state +
              "}, status: " + state + ", justification: " + justification + ", response: [" + response +
              "], reason: r, owner: o, expires: 2027-01-01}\n";
      ++n;
    }
  auto l = ledger(yaml.c_str());
  REQUIRE(l.entries.size() == states.size() * justifications.size());
  CHECK(lint_lines(l).empty());
  CHECK(l.policy.justification_required == states);
  // apply writes each state as the finding's analysis.
  for (const auto& state : states) {
    auto doc = sbom::cyclonedx::read_json(kDoc, "d.json");
    REQUIRE(doc);
    auto one = ledger(("exceptions:\n  - {id: CVE-2021-23337, status: " + state + ", reason: r, owner: o, expires: 2027-01-01}\n").c_str());
    REQUIRE(ex::apply(one, *doc, *ex::Date::parse("2026-11-27"), 14).applied.size() == 2);
    CHECK((*doc->vulnerabilities)[0].analysis->state == state);
  }
}
