// Tests for import: what other tools' files say becomes entries that cover exactly that.
#include <catch2/catch.hpp>

#include "sbom/exceptions.h"

namespace ex = sbom::exceptions;

namespace {
sbom::Expected<ex::ImportResult> openvex(const std::string& statement) {
  return ex::import_file(ex::ImportFormat::OpenVex, R"({"timestamp":"2026-10-01T00:00:00Z","statements":[)" + statement + "]}", "v.json");
}
}  // namespace

TEST_CASE("an OpenVEX vulnerability given only by @id") {
  auto r = openvex(R"({"vulnerability":{"@id":"https://osv.dev/vulnerability/GHSA-35jh-r3h4-6jhm"},"status":"fixed"})");
  REQUIRE(r);
  CHECK(r->entries[0].id == "GHSA-35jh-r3h4-6jhm");
  auto bad = openvex(R"({"vulnerability":{"@id":"https://example.com/advisories/42"},"status":"fixed"})");
  REQUIRE_FALSE(bad);
  CHECK(bad.error().to_string() == "v.json:1:68: vulnerability @id 'https://example.com/advisories/42' does not end in a vulnerability id (CVE-…, GHSA-…)");
}

TEST_CASE("OpenVEX subcomponents limit the statement to them, inside the product") {
  auto r = openvex(R"({"vulnerability":{"name":"CVE-2024-0001"},"status":"not_affected","impact_statement":"r",
    "products":[{"@id":"pkg:oci/app@sha256%3Aabc?arch=amd64","subcomponents":[{"@id":"pkg:npm/a@1.0.0"},"pkg:npm/b@2.0.0"]}]})");
  REQUIRE(r);
  REQUIRE(r->entries.size() == 2);
  CHECK(r->entries[0].scope.image == "pkg:oci/app@sha256%3Aabc");
  CHECK(r->entries[0].scope.purl == "pkg:npm/a@1.0.0");
  CHECK(r->entries[1].scope.purl == "pkg:npm/b@2.0.0");
  auto bad = openvex(R"({"vulnerability":{"name":"CVE-2024-0001"},"status":"fixed",
    "products":[{"@id":"app","subcomponents":[{"@id":"urn:x:lib"}]}]})");
  REQUIRE_FALSE(bad);
  CHECK(bad.error().message == "subcomponent 'urn:x:lib' of 'app' has no purl; the statement cannot be limited to it");
}

TEST_CASE("our own OpenVEX record in status_notes comes back, and a broken one is an error") {
  auto r = openvex(R"({"vulnerability":{"name":"CVE-2024-0001"},"status":"not_affected","justification":"vulnerable_code_not_present",
    "status_notes":"the reason\nsbomkit-exception: {\"owner\":\"team\",\"expires\":\"2027-01-31\",\"ticket\":\"T-1\",\"state\":\"false_positive\"}"})");
  REQUIRE(r);
  const auto& e = r->entries[0];
  CHECK(e.reason == "the reason");
  CHECK(e.owner == "team");
  CHECK(e.expires_text == "2027-01-31");
  CHECK(e.ticket == "T-1");
  CHECK(e.status == "false_positive");
  CHECK(r->missing_owner == 0);
  auto bad = openvex(R"({"vulnerability":{"name":"CVE-2024-0001"},"status":"fixed",
    "status_notes":"sbomkit-exception: {\"owner\":\"team\",\"expires\":\"2027-02-30\"}"})");
  REQUIRE_FALSE(bad);
  CHECK(bad.error().message == "status_notes expires '2027-02-30' is not a date (day 30 out of range for 2027-02)");
}

TEST_CASE("grype: Go toolchain rules and fix-state") {
  auto r = ex::import_file(ex::ImportFormat::Grype,
                           "ignore:\n"
                           "  - vulnerability: CVE-2023-45288\n    package: {name: stdlib, version: go1.20.12, type: go-module}\n"
                           "  - vulnerability: CVE-2023-0001\n    package: {name: github.com/x/y, type: go-module}\n"
                           "  - vulnerability: CVE-2023-39325\n    fix-state: wont-fix\n"
                           "  - vulnerability: CVE-2023-39326\n    fix-state: not-fixed\n",
                           "g.yaml");
  REQUIRE(r);
  REQUIRE(r->entries.size() == 3);
  CHECK(r->entries[2].scope.fix_state == "not-fixed");
  CHECK(r->entries[0].scope.purl == "pkg:golang/stdlib");
  CHECK(r->entries[0].scope.versions == "= 1.20.12");
  CHECK(r->entries[1].scope.purl == "pkg:golang/github.com/x/y");
  REQUIRE(r->skipped.size() == 1);
  CHECK(r->skipped[0].find("fix-state 'wont-fix'") != std::string::npos);
}

TEST_CASE("trivy: relative paths become paths from the root") {
  auto r = ex::import_file(ex::ImportFormat::TrivyIgnoreYaml,
                           "vulnerabilities:\n  - id: CVE-2024-0001\n    paths: [app/go.mod, /abs/x, '*/lock.json']\n", "t.yaml");
  REQUIRE(r);
  REQUIRE(r->entries.size() == 3);
  CHECK(r->entries[0].scope.path == "/app/go.mod");
  CHECK(r->entries[1].scope.path == "/abs/x");
  CHECK(r->entries[2].scope.path == "*/lock.json");
}

TEST_CASE("a .trivyignore that is not UTF-8 text is refused with its line (the ledger must read back)") {
  auto r = sbom::exceptions::import_file(sbom::exceptions::ImportFormat::TrivyIgnore,
                                         "CVE-2023-1\nCVE-2023-\x85" "2\n", "ignore.txt");
  REQUIRE_FALSE(r);
  CHECK(r.error().message.find("not UTF-8 text") != std::string::npos);
  CHECK(r.error().line == 2);
}

TEST_CASE("imported text with control characters is written so the ledger reads back") {
  // DEL and a C1 control (U+0080) in a comment that becomes the entry's reason: YAML takes them
  // only escaped (found by the exceptions fuzz target).
  auto r = sbom::exceptions::import_file(sbom::exceptions::ImportFormat::TrivyIgnore,
                                         "# bad\x7f\xc2\x80 tool \xc2\xa9 ok\nCVE-2023-1\n", "ignore.txt");
  REQUIRE(r);
  auto ledger = sbom::exceptions::parse_ledger(sbom::exceptions::to_yaml(r->entries), "back.yaml");
  REQUIRE(ledger);
  REQUIRE(ledger->entries.size() == 1);
  CHECK(ledger->entries[0].reason == "bad\x7f\xc2\x80 tool \xc2\xa9 ok");
}
