// Tests for policy files and the --max specification.
#include <catch2/catch.hpp>

#include <string>

#include "sbom/policy.h"

using sbom::policy::Severity;

namespace {

std::string error_of(std::string_view text) {
  auto p = sbom::policy::parse_policy(text, "policy.json");
  REQUIRE_FALSE(p);
  return p.error().to_string();
}

std::size_t idx(Severity s) { return static_cast<std::size_t>(s); }

}  // namespace

TEST_CASE("a policy file with every member") {
  auto p = sbom::policy::parse_policy(R"({
    "$schema": "https://example.org/policy.schema.json",
    "version": 1,
    "fail-on": "high",
    "max": {"critical": 0, "medium": 10, "unknown": 3},
    "fixable-only": true,
    "unknown-as": "medium",
    "severity-source": ["debian", "cvss"]
  })", "policy.json");
  REQUIRE(p);
  CHECK(p->fail_on == Severity::High);
  CHECK(p->max[idx(Severity::Critical)] == 0u);
  CHECK(p->max[idx(Severity::Medium)] == 10u);
  CHECK(p->max[idx(Severity::Unknown)] == 3u);
  CHECK_FALSE(p->max[idx(Severity::High)]);
  CHECK(p->fixable_only);
  CHECK(p->unknown_as == Severity::Medium);
  CHECK(p->severity_sources == std::vector<std::string>{"debian", "cvss"});
}

TEST_CASE("an empty policy is the default policy") {
  auto p = sbom::policy::parse_policy("{}", "policy.json");
  REQUIRE(p);
  CHECK_FALSE(p->fail_on);
  CHECK_FALSE(p->fixable_only);
  CHECK_FALSE(p->unknown_as);
  CHECK(p->severity_sources == sbom::policy::default_severity_sources());
  auto none = sbom::policy::parse_policy(R"({"fail-on": "none"})", "policy.json");
  REQUIRE(none);
  CHECK_FALSE(none->fail_on);
}

TEST_CASE("a policy that repeats a member is refused, at the second one") {
  // Taking the last would turn "fail-on": "high" into no gate at all.
  CHECK(error_of("{\"fail-on\": \"high\",\n \"fail-on\": \"none\"}") ==
        "policy.json:2:2: duplicate key 'fail-on' (the first is at 1:2)");
  CHECK(error_of(R"({"max": {"high": 0, "high": 9}})") == "policy.json:1:21: duplicate key 'high' (the first is at 1:10)");
}

TEST_CASE("bad policy files name the member, its pointer and its position") {
  CHECK(error_of("[]") == "policy.json:1:1: expected an object, found an array");
  CHECK(error_of("{\"fail-on\": \"high\",\n \"fial-on\": 1}") ==
        "policy.json:2:13: at /fial-on: unknown member 'fial-on' (expected version, fail-on, max, fixable-only, ignore-wont-fix, ignore-vendor-unimportant, unknown-as, severity-source, fail-on-kev, epss-min, epss-percentile-min, top, summary-format, summary, output, allow-unscanned, report, report-severity)");
  CHECK(error_of(R"({"version": 2})") == "policy.json:1:13: at /version: expected 1, found 2");
  CHECK(error_of(R"({"version": "1"})") == "policy.json:1:13: at /version: expected 1, found '1'");
  CHECK(error_of(R"({"fail-on": "severe"})") ==
        "policy.json:1:13: at /fail-on: expected one of critical, high, medium, low, none; found 'severe'");
  CHECK(error_of(R"({"fail-on": 3})") == "policy.json:1:13: at /fail-on: expected one of critical, high, medium, low, none; found 3");
  CHECK(error_of(R"({"unknown-as": "none"})") ==
        "policy.json:1:16: at /unknown-as: expected one of critical, high, medium, low; found 'none'");
  CHECK(error_of(R"({"max": [1]})") == "policy.json:1:9: at /max: expected an object, found an array");
  CHECK(error_of(R"({"max": {"hihg": 1}})") ==
        "policy.json:1:18: at /max/hihg: member name 'hihg': expected one of critical, high, medium, low, none, unknown; found 'hihg'");
  // Files take the canonical names only, as the schema says.
  CHECK(error_of(R"({"max": {"High": 1}})") ==
        "policy.json:1:18: at /max/High: member name 'High': expected one of critical, high, medium, low, none, unknown; found 'High'");
  CHECK(error_of(R"({"fail-on": "important"})") ==
        "policy.json:1:13: at /fail-on: expected one of critical, high, medium, low, none; found 'important'");
  CHECK(error_of(R"({"unknown-as": "info"})") ==
        "policy.json:1:16: at /unknown-as: expected one of critical, high, medium, low; found 'info'");
  CHECK(error_of(R"({"max": {"high": -1}})") == "policy.json:1:18: at /max/high: expected at least 0, found -1");
  CHECK(error_of(R"({"max": {"high": 1.5}})") == "policy.json:1:18: at /max/high: expected an integer, found 1.5");
  CHECK(error_of(R"({"max": {"high": "3"}})") == "policy.json:1:18: at /max/high: expected an integer, found '3'");
  CHECK(error_of(R"({"fixable-only": "yes"})") == "policy.json:1:18: at /fixable-only: expected true or false, found 'yes'");
  CHECK(error_of(R"({"severity-source": []})") ==
        "policy.json:1:21: at /severity-source: expected a non-empty array");
  CHECK(error_of(R"({"severity-source": ["nvd", ""]})") == "policy.json:1:29: at /severity-source/1: expected a non-empty string");
  CHECK(error_of(R"({"severity-source": "nvd"})") ==
        "policy.json:1:21: at /severity-source: expected an array, found 'nvd'");
  CHECK(error_of(R"({"$schema": 1})") == "policy.json:1:13: at /$schema: expected a string, found 1");
  CHECK(error_of("{\"fail-on\": ") == "policy.json:1:13: unexpected end of input (truncated?)");
  CHECK(error_of("") == "policy.json:1:1: empty input");
}

TEST_CASE("--max specifications") {
  sbom::policy::Policy p;
  REQUIRE(sbom::policy::parse_max("critical=0,high=3,UNKNOWN=12", p));
  CHECK(p.max[idx(Severity::Critical)] == 0u);
  CHECK(p.max[idx(Severity::High)] == 3u);
  CHECK(p.max[idx(Severity::Unknown)] == 12u);
  REQUIRE(sbom::policy::parse_max("high=5", p));
  CHECK(p.max[idx(Severity::High)] == 5u);
  CHECK(p.max[idx(Severity::Critical)] == 0u);  // earlier limits stay
  auto bad = [](std::string_view spec) {
    sbom::policy::Policy q;
    auto s = sbom::policy::parse_max(spec, q);
    REQUIRE_FALSE(s);
    return s.error().to_string();
  };
  CHECK(bad("high") == "--max: expected SEVERITY=COUNT, got 'high'");
  CHECK(bad("hgh=1") == "--max: unknown severity 'hgh'");
  CHECK(bad("high=-1") == "--max: count for high is not a non-negative integer: '-1'");
  CHECK(bad("high=") == "--max: count for high is not a non-negative integer: ''");
  CHECK(bad("high=3x") == "--max: count for high is not a non-negative integer: '3x'");
  CHECK(bad("high=1,,low=2") == "--max: expected SEVERITY=COUNT, got ''");
}
