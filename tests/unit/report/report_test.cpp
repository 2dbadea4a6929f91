// Tests for the findings reports: requests, fingerprints, KEV/EPSS, and each format's shape.
#include <catch2/catch.hpp>

#include <string>

#include "sbom/cyclonedx.h"
#include "sbom/json.h"
#include "sbom/policy.h"
#include "sbom/report.h"

using sbom::report::Format;

namespace {

constexpr const char* kDoc = R"({"bomFormat": "CycloneDX", "specVersion": "1.6",
  "metadata": {"component": {"type": "container", "bom-ref": "img", "name": "registry.example/app", "version": "1.2"}},
  "components": [
    {"type": "operating-system", "bom-ref": "os", "name": "debian", "version": "12.5"},
    {"bom-ref": "ssl", "name": "openssl", "version": "3.0.11", "purl": "pkg:deb/debian/openssl@3.0.11?arch=amd64",
     "properties": [{"name": "sbomkit:path", "value": "/var/lib/dpkg/status"},
                    {"name": "sbomkit:layer:diff_id", "value": "sha256:aa"}]},
    {"bom-ref": "z", "name": "zlib", "version": "1.2.13", "purl": "pkg:deb/debian/zlib@1.2.13"}],
  "vulnerabilities": [
    {"id": "CVE-2024-0001", "ratings": [{"severity": "critical"}], "affects": [{"ref": "ssl"}],
     "description": "Overflow <in> \"parser\" & more\nsecond line",
     "advisories": [{"url": "https://example.org/a"}],
     "recommendation": "Upgrade openssl to version 3.0.15",
     "properties": [{"name": "sbomkit:kev", "value": "true"}, {"name": "sbomkit:epss:score", "value": "0.97"},
                    {"name": "sbomkit:epss:percentile", "value": "0.99"}]},
    {"id": "CVE-2024-0002", "ratings": [{"severity": "high"}], "affects": [{"ref": "z"}]},
    {"id": "CVE-2024-0003", "ratings": [{"severity": "low"}], "affects": [{"ref": "z"}],
     "analysis": {"state": "not_affected", "detail": "not reachable"},
     "properties": [{"name": "sbomkit:exception:owner", "value": "team-a"},
                    {"name": "sbomkit:exception:expires", "value": "2027-01-31"}]}
  ]})";

struct Judged {
  sbom::Document doc;
  sbom::policy::Report report;
};

Judged judge(const char* text = kDoc) {
  auto d = sbom::cyclonedx::read_json(text, "t.json");
  REQUIRE(d);
  sbom::policy::Policy p;
  p.fail_on = sbom::policy::Severity::Critical;
  Judged j{std::move(*d), {}};
  j.report = sbom::policy::evaluate(j.doc, p);
  return j;
}

sbom::report::Options options() {
  sbom::report::Options o;
  o.tool_version = "0.1.0";
  o.time = 1767225600;
  return o;
}

bool contains(const std::string& s, std::string_view part) { return s.find(part) != std::string::npos; }

}  // namespace

TEST_CASE("report requests name a format and maybe a file") {
  auto r = sbom::report::parse_request("sarif=out/gate.sarif");
  REQUIRE(r);
  CHECK(r->format == Format::kSarif);
  CHECK(r->file == "out/gate.sarif");
  auto plain = sbom::report::parse_request("junit");
  REQUIRE(plain);
  CHECK(plain->file.empty());
  auto bad = sbom::report::parse_request("pdf=x");
  REQUIRE_FALSE(bad);
  CHECK(bad.error().message ==
        "--report: unknown format 'pdf' (expected sarif, junit, gitlab, table, markdown, json, github)");
  auto empty = sbom::report::parse_request("json=");
  REQUIRE_FALSE(empty);
  CHECK(empty.error().message == "--report json=: empty file name");
}

TEST_CASE("default report files are named after the tool; github goes to the step summary") {
  CHECK(sbom::report::default_file(Format::kSarif, "sbom-gate", "") == "sbom-gate.sarif");
  CHECK(sbom::report::default_file(Format::kGitlab, "sbom-gate", "") == "gl-container-scanning-report.json");
  CHECK(sbom::report::default_file(Format::kGithub, "sbom-gate", "") == "sbom-gate.summary.md");
  CHECK(sbom::report::default_file(Format::kGithub, "sbom-gate", "/tmp/step") == "/tmp/step");
}

TEST_CASE("report severity lists") {
  auto s = sbom::report::parse_severity_list("critical,HIGH,critical");
  REQUIRE(s);
  CHECK(s->size() == 2);
  auto bad = sbom::report::parse_severity_list("critical,,high");
  REQUIRE_FALSE(bad);
  CHECK(bad.error().message ==
        "--report-severity: unknown severity '' (expected critical, high, medium, low, none or unknown)");
}

TEST_CASE("fingerprints key on vulnerability and component identity, not version or serial") {
  sbom::policy::Finding a;
  a.id = "CVE-1";
  a.package = "pkg:deb/debian/openssl";
  a.installed = "3.0.11";
  sbom::policy::Finding b = a;
  b.installed = "3.0.13";  // the next release still vulnerable: the same alert
  CHECK(sbom::report::fingerprint(a, "var/lib/dpkg/status") == sbom::report::fingerprint(b, "var/lib/dpkg/status"));
  CHECK(sbom::report::fingerprint(a, "x") != sbom::report::fingerprint(a, "y"));
  sbom::policy::Finding c = a;
  c.id = "CVE-2";
  CHECK(sbom::report::fingerprint(a, "") != sbom::report::fingerprint(c, ""));
  CHECK(sbom::report::fingerprint(a, "").size() == 64);
  CHECK(sbom::report::fingerprint(a, "", 1) != sbom::report::fingerprint(a, ""));
}

TEST_CASE("KEV and EPSS are read from properties by their name parts") {
  sbom::Vulnerability v;
  CHECK(sbom::report::kev_of(v).empty());
  v.properties.push_back({"vendor:epss:percentile", "0.9", {}});
  CHECK(sbom::report::epss_of(v).empty());
  v.properties.push_back({"vendor:EPSS", "0.12", {}});
  v.properties.push_back({"vendor:kev:date_added", "2024-01-02", {}});
  CHECK(sbom::report::epss_of(v) == "0.12");
  CHECK(sbom::report::kev_of(v) == "yes");
  sbom::Vulnerability w;
  w.properties.push_back({"x:kev", "false", {}});
  CHECK(sbom::report::kev_of(w) == "no");
}

TEST_CASE("SARIF: a rule per vulnerability, a result per finding, suppressions with owner and expiry") {
  auto j = judge();
  auto text = sbom::report::format(Format::kSarif, j.doc, j.report, options());
  auto v = sbom::json::parse(text);
  REQUIRE(v);
  const auto& run = v->find("runs")->as_array().at(0);
  const auto& rules = run.find("tool")->find("driver")->find("rules")->as_array();
  const auto& results = run.find("results")->as_array();
  CHECK(rules.size() == 3);
  CHECK(results.size() == 3);
  const auto& first = results.at(0);
  CHECK(first.find("ruleId")->as_string() == "CVE-2024-0001");
  CHECK(first.find("level")->as_string() == "error");
  CHECK(first.find("locations")->as_array().at(0).find("physicalLocation")->find("artifactLocation")->find("uri")->as_string() ==
        "var/lib/dpkg/status");
  CHECK(rules.at(0).find("properties")->find("security-severity")->as_string() == "9.5");
  CHECK(contains(rules.at(0).find("help")->find("text")->as_string(), "Fixed version: 3.0.15"));
  CHECK(rules.at(0).find("helpUri")->as_string() == "https://example.org/a");
  const auto& suppressed = results.at(2);
  const auto& sup = suppressed.find("suppressions")->as_array().at(0);
  CHECK(sup.find("justification")->as_string() == "not reachable; owner team-a; expires 2027-01-31");
  CHECK(sup.find("properties")->find("owner")->as_string() == "team-a");
}

TEST_CASE("reports list only the severities asked for; the verdict stays") {
  auto j = judge();
  auto o = options();
  o.severities = {sbom::policy::Severity::High};
  auto text = sbom::report::format(Format::kTable, j.doc, j.report, o);
  CHECK_FALSE(contains(text, "CVE-2024-0001"));
  CHECK(contains(text, "CVE-2024-0002"));
  CHECK(contains(text, "verdict: FAIL"));
}

TEST_CASE("table: aligned, with KEV and EPSS columns when present, and every finding") {
  auto j = judge();
  auto text = sbom::report::format(Format::kTable, j.doc, j.report, options());
  CHECK(text ==
        "ID             SEVERITY  SOURCE          PACKAGE                 INSTALLED  FIXED   KEV  EPSS  STATUS\n"
        "CVE-2024-0001  CRITICAL  highest rating  pkg:deb/debian/openssl  3.0.11     3.0.15  yes  0.97  violation: --fail-on critical\n"
        "CVE-2024-0002  HIGH      highest rating  pkg:deb/debian/zlib     1.2.13     -       -    -     pass\n"
        "CVE-2024-0003  LOW       highest rating  pkg:deb/debian/zlib     1.2.13     -       -    -     suppressed (not_affected): not reachable; owner team-a; expires 2027-01-31\n"
        "3 findings; verdict: FAIL\n");
}

TEST_CASE("JUnit: a suite per severity; failed, passed and skipped cases; XML escaped") {
  auto j = judge();
  auto text = sbom::report::format(Format::kJunit, j.doc, j.report, options());
  CHECK(contains(text, "<testsuite name=\"CRITICAL findings\""));
  CHECK(contains(text, "<failure message=\"CVE-2024-0001 breaks --fail-on critical\" type=\"policy\">"));
  CHECK(contains(text, "Overflow &lt;in&gt; &quot;parser&quot; &amp; more"));
  CHECK(contains(text, "<skipped message=\"not reachable; owner team-a; expires 2027-01-31\"/>"));
  CHECK(contains(text, "timestamp=\"2026-01-01T00:00:00\""));
  CHECK(contains(text, "<testcase name=\"CVE-2024-0002 in pkg:deb/debian/zlib 1.2.13\" classname=\"pkg:deb/debian/zlib\" time=\"0\"/>"));
}

TEST_CASE("GitLab: image, OS, solution, identifiers; suppressed findings left out") {
  auto j = judge();
  auto text = sbom::report::format(Format::kGitlab, j.doc, j.report, options());
  auto v = sbom::json::parse(text);
  REQUIRE(v);
  CHECK(v->find("version")->as_string() == "15.0.7");
  const auto& vulns = v->find("vulnerabilities")->as_array();
  REQUIRE(vulns.size() == 2);
  const auto& loc = *vulns.at(0).find("location");
  CHECK(loc.find("image")->as_string() == "registry.example/app:1.2");
  CHECK(loc.find("operating_system")->as_string() == "debian 12.5");
  CHECK(vulns.at(0).find("solution")->as_string() == "Upgrade openssl to 3.0.15");
  CHECK(vulns.at(0).find("identifiers")->as_array().at(0).find("type")->as_string() == "cve");
  CHECK(v->find("scan")->find("start_time")->as_string() == "2026-01-01T00:00:00");
}

TEST_CASE("GitHub summary: violations first, every finding in a details block") {
  auto j = judge();
  auto text = sbom::report::format(Format::kGithub, j.doc, j.report, options());
  CHECK(contains(text, "## sbom-gate: FAIL"));
  CHECK(contains(text, "### Findings that break the policy (1)"));
  CHECK(contains(text, "<details><summary>All findings (3)</summary>"));
  auto md = sbom::report::format(Format::kMarkdown, j.doc, j.report, options());
  CHECK(contains(md, "### Findings (3)"));
  CHECK_FALSE(contains(md, "<details>"));
}

TEST_CASE("a step summary stays under GitHub's 1 MiB") {
  std::string doc = R"({"bomFormat": "CycloneDX", "specVersion": "1.6", "components": [{"bom-ref": "c", "name": "c", "version": "1"}], "vulnerabilities": [)";
  for (int i = 0; i < 20000; ++i) {
    if (i) doc += ",";
    doc += R"({"id": "CVE-2024-)" + std::to_string(100000 + i) + R"(", "ratings": [{"severity": "high"}], "affects": [{"ref": "c"}], "description": ")" +
           std::string(60, 'x') + R"("})";
  }
  doc += "]}";
  auto j = judge(doc.c_str());
  auto text = sbom::report::format(Format::kGithub, j.doc, j.report, options());
  CHECK(text.size() < 1024 * 1024);
  CHECK(contains(text, "findings not shown: a job summary holds at most 1 MiB"));
}

TEST_CASE("JSON report: every finding with status, fingerprint and suppression") {
  auto j = judge();
  auto text = sbom::report::format(Format::kJson, j.doc, j.report, options());
  auto v = sbom::json::parse(text);
  REQUIRE(v);
  CHECK(v->find("verdict")->as_string() == "fail");
  const auto& f = v->find("findings")->as_array();
  REQUIRE(f.size() == 3);
  CHECK(f.at(0).find("status")->as_string() == "violation");
  CHECK(f.at(0).find("kev")->as_string() == "yes");
  CHECK(f.at(0).find("path")->as_string() == "/var/lib/dpkg/status");
  CHECK(f.at(2).find("suppression")->find("owner")->as_string() == "team-a");
}

TEST_CASE("a vulnerability without an id still gets a rule id and a GitLab identifier") {
  auto j = judge(R"({"bomFormat": "CycloneDX", "specVersion": "1.6", "components": [{"bom-ref": "c", "name": "c", "version": "1"}],
    "vulnerabilities": [{"ratings": [{"severity": "high"}], "affects": [{"ref": "c"}]}]})");
  auto sarif = sbom::json::parse(sbom::report::format(Format::kSarif, j.doc, j.report, options()));
  REQUIRE(sarif);
  const auto& run = sarif->find("runs")->as_array().at(0);
  CHECK(run.find("tool")->find("driver")->find("rules")->as_array().at(0).find("id")->as_string() == "unnamed-vulnerability-0");
  CHECK(run.find("results")->as_array().at(0).find("ruleId")->as_string() == "unnamed-vulnerability-0");
  auto gitlab = sbom::json::parse(sbom::report::format(Format::kGitlab, j.doc, j.report, options()));
  REQUIRE(gitlab);
  CHECK(gitlab->find("vulnerabilities")->as_array().at(0).find("identifiers")->as_array().at(0).find("value")->as_string() ==
        "unnamed-vulnerability-0");
}
