// Tests for the gate's summary in text, JSON and Markdown.
#include <catch2/catch.hpp>

#include <string>

#include "sbom/cyclonedx.h"
#include "sbom/json.h"
#include "sbom/policy.h"

using sbom::policy::Severity;
using sbom::policy::SummaryFormat;

namespace {

constexpr const char* kDoc = R"({"bomFormat": "CycloneDX", "specVersion": "1.6",
  "components": [{"bom-ref": "ssl", "name": "openssl", "version": "3.0.11", "purl": "pkg:deb/debian/openssl@3.0.11?arch=amd64"},
                 {"bom-ref": "z", "name": "zlib", "version": "1.2.13"}],
  "vulnerabilities": [
    {"id": "CVE-2024-0001", "ratings": [{"severity": "critical"}], "affects": [{"ref": "ssl"}],
     "recommendation": "Upgrade openssl to version 3.0.15"},
    {"id": "CVE-2024-0002", "ratings": [{"severity": "high"}], "affects": [{"ref": "z"}]},
    {"id": "CVE-2024-0003", "ratings": [{"severity": "low"}], "affects": [{"ref": "z"}],
     "analysis": {"state": "not_affected"}},
    {"id": "CVE-2024-0004", "ratings": [{"severity": "none"}], "affects": [{"ref": "z"}]},
    {"id": "CVE-2024-|*_5", "affects": [{"ref": "z"}]}
  ]})";

sbom::policy::Report report(sbom::policy::Policy& p) {
  auto d = sbom::cyclonedx::read_json(kDoc, "t.json");
  REQUIRE(d);
  return sbom::policy::evaluate(*d, p);
}

}  // namespace

TEST_CASE("text summary rows") {
  sbom::policy::Policy p;
  p.fail_on = Severity::High;
  auto r = report(p);
  std::string text = sbom::policy::format_summary(r, p, SummaryFormat::Text, 10);
  CHECK(text.rfind("CRITICAL:1 HIGH:1 MEDIUM:0 LOW:0 UNKNOWN:1 NONE:1 (suppressed: 1)\nFAIL\n"
                   "  violated: --fail-on high: 2 findings at or above high\nTop 5 of 5 findings:\n", 0) == 0);
  CHECK(text.find("\n  ID            SEVERITY           PACKAGE                INSTALLED FIXED  RULE\n") != std::string::npos);
  CHECK(text.find("\n  CVE-2024-0001 CRITICAL           pkg:deb/debian/openssl 3.0.11    3.0.15 --fail-on high\n") != std::string::npos);
  CHECK(text.find("\n  CVE-2024-0002 HIGH               zlib                   1.2.13    -      --fail-on high\n") != std::string::npos);
  CHECK(text.find("\n  CVE-2024-0003 LOW (not_affected) zlib                   1.2.13    -      -\n") != std::string::npos);
}

TEST_CASE("text summary: --top limits the rows, a pass has no violations") {
  sbom::policy::Policy p;
  auto r = report(p);
  std::string text = sbom::policy::format_summary(r, p, SummaryFormat::Text, 1);
  CHECK(text ==
        "CRITICAL:1 HIGH:1 MEDIUM:0 LOW:0 UNKNOWN:1 NONE:1 (suppressed: 1)\n"
        "PASS\n"
        "Top 1 of 5 findings:\n"
        "  ID            SEVERITY PACKAGE                INSTALLED FIXED  RULE\n"
        "  CVE-2024-0001 CRITICAL pkg:deb/debian/openssl 3.0.11    3.0.15 -\n");
  CHECK(sbom::policy::format_summary(r, p, SummaryFormat::Text, 0) ==
        "CRITICAL:1 HIGH:1 MEDIUM:0 LOW:0 UNKNOWN:1 NONE:1 (suppressed: 1)\nPASS\n");
}

TEST_CASE("text summary: findings left out by --fixable-only are marked and counted") {
  sbom::policy::Policy p;
  p.fixable_only = true;
  auto r = report(p);
  std::string text = sbom::policy::format_summary(r, p, SummaryFormat::Text, 10);
  CHECK(text.rfind("CRITICAL:1 HIGH:0 MEDIUM:0 LOW:0 UNKNOWN:0 (suppressed: 1, not fixable: 3)\n", 0) == 0);
  CHECK(text.find("HIGH (no fix)") != std::string::npos);
}

TEST_CASE("json summary: machine-readable counts, policy and findings") {
  sbom::policy::Policy p;
  p.fail_on = Severity::Critical;
  REQUIRE(sbom::policy::parse_max("high=0", p));
  auto r = report(p);
  auto v = sbom::json::parse(sbom::policy::format_summary(r, p, SummaryFormat::Json, 2));
  REQUIRE(v);
  CHECK(v->find("result")->as_string() == "fail");
  CHECK(v->find("counts")->find("critical")->as_number().text == "1");
  CHECK(v->find("counts")->find("unknown")->as_number().text == "1");
  CHECK(v->find("suppressed")->as_number().text == "1");
  CHECK(v->find("total_findings")->as_number().text == "5");
  CHECK(v->find("policy")->find("fail-on")->as_string() == "critical");
  CHECK(v->find("policy")->find("max")->find("high")->as_number().text == "0");
  CHECK(v->find("violations")->as_array().size() == 2);
  const auto& findings = v->find("findings")->as_array();
  REQUIRE(findings.size() == 2);
  CHECK(findings[0].find("id")->as_string() == "CVE-2024-0001");
  CHECK(findings[0].find("package")->as_string() == "pkg:deb/debian/openssl");
  CHECK(findings[0].find("fixed")->as_array()[0].as_string() == "3.0.15");
  CHECK(findings[0].find("rules")->as_array()[0].as_string() == "--fail-on critical");
  CHECK(findings[1].find("rules")->as_array()[0].as_string() == "--max high=0");
  CHECK(findings[1].find("severity_basis")->as_string() == "highest rating");
}

TEST_CASE("markdown summary: a table with cells escaped") {
  sbom::policy::Policy p;
  auto r = report(p);
  std::string md = sbom::policy::format_summary(r, p, SummaryFormat::Markdown, 10);
  CHECK(md.rfind("## sbom-gate: PASS\n\n| CRITICAL | HIGH | MEDIUM | LOW | UNKNOWN | suppressed |\n"
                 "|---:|---:|---:|---:|---:|---:|\n| 1 | 1 | 0 | 0 | 1 | 1 |\n", 0) == 0);
  CHECK(md.find("| CVE-2024-0001 | CRITICAL | pkg:deb/debian/openssl | 3.0.11 | 3.0.15 | - |\n") != std::string::npos);
  CHECK(md.find("| CVE-2024-\\|\\*\\_5 | UNKNOWN | zlib | 1.2.13 | - | - |\n") != std::string::npos);
  p.fail_on = Severity::Critical;
  r = report(p);
  md = sbom::policy::format_summary(r, p, SummaryFormat::Markdown, 0);
  CHECK(md.find("\nViolated:\n\n- --fail-on critical: 1 finding at or above critical\n") != std::string::npos);
  CHECK(md.find("| ID |") == std::string::npos);
}

TEST_CASE("a severity lent by an alias's record names its source in the row and the counts") {
  constexpr const char* kLent = R"({"bomFormat": "CycloneDX", "specVersion": "1.6",
    "components": [{"bom-ref": "std", "name": "stdlib", "version": "1.21.0", "purl": "pkg:golang/stdlib@1.21.0"}],
    "vulnerabilities": [
      {"id": "CVE-2023-1111", "source": {"name": "NVD"},
       "ratings": [{"source": {"name": "NVD"}, "method": "CVSSv31", "score": 7.5, "severity": "high",
                    "vector": "CVSS:3.1/AV:N/AC:L/PR:N/UI:N/S:U/C:N/I:N/A:H"},
                   {"source": {"name": "GitHub"}, "method": "other", "severity": "medium"}],
       "affects": [{"ref": "std"}],
       "properties": [{"name": "sbomkit:ratings:from_alias", "value": "CVE-2023-1111"},
                      {"name": "sbomkit:ratings:from_alias", "value": "GHSA-gggg-hhhh-iiii"}]},
      {"id": "GO-2023-0002", "source": {"name": "Go"},
       "ratings": [{"source": {"name": "GitHub"}, "method": "other", "severity": "medium"}],
       "affects": [{"ref": "std"}],
       "properties": [{"name": "sbomkit:ratings:from_alias", "value": "GHSA-jjjj-kkkk-llll"}]},
      {"id": "GO-2023-0003", "source": {"name": "Go"}, "affects": [{"ref": "std"}]}
    ]})";
  auto d = sbom::cyclonedx::read_json(kLent, "t.json");
  REQUIRE(d);
  sbom::policy::Policy p;
  auto r = sbom::policy::evaluate(*d, p);
  REQUIRE(r.findings.size() == 3);
  CHECK(r.findings[0].severity_source == "NVD");
  CHECK(r.findings[0].ratings_from_alias == std::vector<std::string>{"CVE-2023-1111", "GHSA-gggg-hhhh-iiii"});
  CHECK(r.findings[1].severity_source == "GitHub");
  CHECK(r.findings[2].severity_source.empty());
  std::string text = sbom::policy::format_summary(r, p, SummaryFormat::Text, 10);
  CHECK(text.rfind("CRITICAL:0 HIGH:1 MEDIUM:1 LOW:0 UNKNOWN:1 (suppressed: 0)\n"
                   "severity from aliases' records: 2 findings (GitHub 1, NVD 1)\nPASS\n", 0) == 0);
  CHECK(text.find("  CVE-2023-1111 HIGH from NVD      pkg:golang/stdlib 1.21.0") != std::string::npos);
  CHECK(text.find("  GO-2023-0002  MEDIUM from GitHub pkg:golang/stdlib 1.21.0") != std::string::npos);
  CHECK(text.find("  GO-2023-0003  UNKNOWN            pkg:golang/stdlib 1.21.0") != std::string::npos);
  std::string json = sbom::policy::format_summary(r, p, SummaryFormat::Json, 10);
  CHECK(json.find(R"("severity_basis": "vendor NVD",
      "severity_source": "NVD",
      "ratings_from_alias": [
        "CVE-2023-1111",
        "GHSA-gggg-hhhh-iiii"
      ],)") != std::string::npos);
  std::string md = sbom::policy::format_summary(r, p, SummaryFormat::Markdown, 10);
  CHECK(md.find("\nseverity from aliases' records: 2 findings (GitHub 1, NVD 1)\n") != std::string::npos);
}

TEST_CASE("summaries name the index, its age, staleness and signature") {
  sbom::policy::Policy p;
  auto r = report(p);
  const std::string digest = "sha256:" + std::string(64, 'c');
  r.index = sbom::IndexProvenance{digest, "2026-01-01T00:00:00Z", {"sha256:" + std::string(64, 'd') + " osv"}, false};
  r.index_age_days = 8;
  std::string text = sbom::policy::format_summary(r, p, SummaryFormat::Text, 0);
  CHECK(text == "CRITICAL:1 HIGH:1 MEDIUM:0 LOW:0 UNKNOWN:1 NONE:1 (suppressed: 1)\n"
                "index: " + digest + " built 2026-01-01T00:00:00Z (1 source), 8 days old (stale: older than 7 days), "
                "signature not verified\nPASS\n");
  r.index->signature_verified = true;
  r.index_age_days = 1;
  CHECK(sbom::policy::format_summary(r, p, SummaryFormat::Text, 0).find("(1 source, signature verified), 1 day old\n") !=
        std::string::npos);
  auto v = sbom::json::parse(sbom::policy::format_summary(r, p, SummaryFormat::Json, 0));
  REQUIRE(v);
  const auto* index = v->find("index");
  REQUIRE(index);
  CHECK(index->find("stale")->as_bool() == false);
  CHECK(sbom::policy::format_summary(r, p, SummaryFormat::Markdown, 0).find("\nindex: " + digest) != std::string::npos);
}
