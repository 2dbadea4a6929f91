// Tests for the gate's evaluation: severity choice, suppression, fixable-only, rules, fixed versions.
#include <catch2/catch.hpp>

#include <string>

#include "sbom/cyclonedx.h"
#include "sbom/policy.h"

using sbom::policy::Severity;

namespace {

sbom::Vulnerability vuln(std::string_view json) {
  std::string text = R"({"bomFormat": "CycloneDX", "specVersion": "1.6", "vulnerabilities": [)" + std::string(json) + "]}";
  auto d = sbom::cyclonedx::read_json(text, "t.json");
  if (!d) FAIL(d.error().to_string());
  return (*d->vulnerabilities)[0];
}

sbom::Document doc(std::string_view vulns, std::string_view components = "[]") {
  std::string text = R"({"bomFormat": "CycloneDX", "specVersion": "1.6", "components": )" + std::string(components) +
                     R"(, "vulnerabilities": [)" + std::string(vulns) + "]}";
  auto d = sbom::cyclonedx::read_json(text, "t.json");
  if (!d) FAIL(d.error().to_string());
  return std::move(d).value();
}

struct Rated {
  Severity severity;
  std::string basis;
};

Rated rate(std::string_view json, std::vector<std::string> sources = sbom::policy::default_severity_sources()) {
  Rated r;
  r.severity = sbom::policy::rate(vuln(json), sources, &r.basis);
  return r;
}

// NVD rates it critical by CVSS; the distribution's own advisory says low.
constexpr const char* kNvdCriticalDebianLow = R"({"id": "CVE-2024-1", "source": {"name": "debian"}, "ratings": [
  {"source": {"name": "nvd"}, "score": 9.8, "severity": "critical", "method": "CVSSv31",
   "vector": "CVSS:3.1/AV:N/AC:L/PR:N/UI:N/S:U/C:H/I:H/A:H"},
  {"source": {"name": "debian"}, "severity": "low"}]})";

}  // namespace

TEST_CASE("severity names read the words vendors use") {
  CHECK(sbom::policy::parse_severity("CRITICAL") == Severity::Critical);
  CHECK(sbom::policy::parse_severity("Important") == Severity::High);
  CHECK(sbom::policy::parse_severity("moderate") == Severity::Medium);
  CHECK(sbom::policy::parse_severity("negligible") == Severity::None);
  CHECK(sbom::policy::parse_severity("info") == Severity::None);
  CHECK(sbom::policy::parse_severity("unknown") == Severity::Unknown);
  CHECK_FALSE(sbom::policy::parse_severity("severe"));
  CHECK(sbom::policy::severity_name(Severity::Medium) == "MEDIUM");
  CHECK(sbom::policy::severity_lower(Severity::None) == "none");
}

TEST_CASE("vendor first: the rating of the vulnerability's own source wins over NVD") {
  auto r = rate(kNvdCriticalDebianLow);
  CHECK(r.severity == Severity::Low);
  CHECK(r.basis == "vendor debian");
}

TEST_CASE("vendor: a rating without a source belongs to the vulnerability's source (Grype)") {
  auto r = rate(R"({"id": "CVE-2024-2", "source": {"name": "debian-distro-debian-12"}, "ratings": [
    {"score": 9.8, "severity": "negligible", "method": "CVSSv31", "vector": "CVSS:3.1/AV:N/AC:L/PR:N/UI:N/S:U/C:H/I:H/A:H"}]})");
  CHECK(r.severity == Severity::None);
  CHECK(r.basis == "vendor debian-distro-debian-12");
  // With no vulnerability source there is no vendor: the CVSS score decides.
  auto anon = rate(R"({"id": "X", "ratings": [{"score": 9.8, "severity": "negligible", "method": "CVSSv31",
                       "vector": "CVSS:3.1/AV:N/AC:L/PR:N/UI:N/S:U/C:H/I:H/A:H"}]})");
  CHECK(anon.severity == Severity::Critical);
}

TEST_CASE("vendor: source names compare without case") {
  auto r = rate(R"({"id": "X", "source": {"name": "Alpine"}, "ratings": [{"source": {"name": "alpine"}, "severity": "HIGH"}]})");
  CHECK(r.severity == Severity::High);
  CHECK(r.basis == "vendor alpine");
}

TEST_CASE("vendor: without a rating from its own source, a non-NVD qualitative rating counts") {
  auto r = rate(R"({"id": "X", "source": {"name": "osv"}, "ratings": [
    {"source": {"name": "NVD"}, "severity": "critical"},
    {"source": {"name": "redhat"}, "severity": "important"}]})");
  CHECK(r.severity == Severity::High);
  CHECK(r.basis == "vendor redhat");
}

TEST_CASE("vendor: a non-NVD rating that is a CVSS score is not a vendor severity") {
  // GHSA's CVSS rating is a score, not a qualitative vendor rating: the highest CVSS decides.
  auto r = rate(R"({"id": "X", "ratings": [
    {"source": {"name": "ghsa"}, "score": 5.3, "severity": "medium", "method": "CVSSv31",
     "vector": "CVSS:3.1/AV:N/AC:L/PR:N/UI:N/S:U/C:L/I:N/A:N"},
    {"source": {"name": "nvd"}, "score": 7.5, "method": "CVSSv31",
     "vector": "CVSS:3.1/AV:N/AC:L/PR:N/UI:N/S:U/C:H/I:N/A:N"}]})");
  CHECK(r.severity == Severity::High);
  CHECK(r.basis == "CVSSv31 7.5 (nvd)");
}

TEST_CASE("cvss: the score is computed from the vector, not taken as written") {
  auto r = rate(R"({"id": "X", "ratings": [{"source": {"name": "NVD"}, "score": 1.0, "severity": "low", "method": "CVSSv31",
                    "vector": "CVSS:3.1/AV:N/AC:L/PR:N/UI:N/S:U/C:H/I:H/A:H"}]})");
  CHECK(r.severity == Severity::Critical);
  CHECK(r.basis == "CVSSv31 9.8 (NVD)");
}

TEST_CASE("cvss: a vector without its prefix takes the version from the method") {
  auto r = rate(R"({"id": "X", "ratings": [{"method": "CVSSv31", "vector": "AV:N/AC:L/PR:N/UI:N/S:U/C:H/I:N/A:N"}]})");
  CHECK(r.severity == Severity::High);
  CHECK(r.basis == "CVSSv31 7.5");
}

TEST_CASE("cvss: a score without a vector is banded by its version") {
  // 7.5 is High in v3 and v2; 9.5 is Critical in v3 but High on the v2 scale.
  CHECK(rate(R"({"id": "X", "ratings": [{"score": 9.5, "method": "CVSSv3"}]})").severity == Severity::Critical);
  auto v2 = rate(R"({"id": "X", "ratings": [{"source": {"name": "nvd"}, "score": 9.5, "method": "CVSSv2"}]})");
  CHECK(v2.severity == Severity::High);
  CHECK(v2.basis == "CVSSv2 9.5 (nvd)");
  // Out of range or not CVSS: not a CVSS score.
  CHECK(rate(R"({"id": "X", "ratings": [{"score": 11, "method": "CVSSv31"}]})").severity == Severity::Unknown);
  CHECK(rate(R"({"id": "X", "ratings": [{"score": 9.0, "method": "OWASP"}]})").severity == Severity::Unknown);
}

TEST_CASE("cvss: the highest score of all ratings wins") {
  auto r = rate(R"({"id": "X", "ratings": [
    {"source": {"name": "a"}, "method": "CVSSv31", "vector": "CVSS:3.1/AV:N/AC:H/PR:N/UI:N/S:U/C:N/I:N/A:L"},
    {"source": {"name": "b"}, "method": "CVSSv31", "vector": "CVSS:3.1/AV:N/AC:L/PR:N/UI:R/S:C/C:L/I:L/A:N"},
    {"source": {"name": "c"}, "method": "CVSSv2", "vector": "AV:N/AC:L/Au:N/C:N/I:N/P:P"}]})");
  CHECK(r.severity == Severity::Medium);
  CHECK(r.basis == "CVSSv31 6.1 (b)");
}

TEST_CASE("max: the highest qualitative rating") {
  auto r = rate(R"({"id": "X", "ratings": [{"source": {"name": "a"}, "severity": "low"},
                                             {"source": {"name": "b"}, "severity": "critical"},
                                             {"source": {"name": "c"}, "severity": "unknown"}]})",
                {"max"});
  CHECK(r.severity == Severity::Critical);
  CHECK(r.basis == "highest rating (b)");
}

TEST_CASE("named sources are tried in order, then the next rule") {
  CHECK(rate(kNvdCriticalDebianLow, {"nvd"}).severity == Severity::Critical);
  CHECK(rate(kNvdCriticalDebianLow, {"nvd"}).basis == "source nvd");
  CHECK(rate(kNvdCriticalDebianLow, {"ghsa", "DEBIAN"}).basis == "source debian");
  CHECK(rate(kNvdCriticalDebianLow, {"ghsa", "cvss"}).basis == "CVSSv31 9.8 (nvd)");
  // A named source with only a CVSS vector is scored.
  auto r = rate(R"({"id": "X", "ratings": [{"source": {"name": "ghsa"}, "method": "CVSSv31",
                    "vector": "CVSS:3.1/AV:N/AC:L/PR:N/UI:N/S:U/C:H/I:N/A:N"}]})", {"ghsa"});
  CHECK(r.severity == Severity::High);
  CHECK(r.basis == "CVSSv31 7.5 (ghsa)");
  auto none = rate(kNvdCriticalDebianLow, {"ghsa"});
  CHECK(none.severity == Severity::Unknown);
  CHECK(none.basis == "no rating");
}

TEST_CASE("no ratings: unknown, or what --unknown-as says") {
  sbom::Document d = doc(R"({"id": "CVE-0"})");
  sbom::policy::Policy p;
  auto r = sbom::policy::evaluate(d, p);
  REQUIRE(r.findings.size() == 1);
  CHECK(r.findings[0].severity == Severity::Unknown);
  CHECK(r.counts[static_cast<std::size_t>(Severity::Unknown)] == 1);
  p.unknown_as = Severity::High;
  p.fail_on = Severity::High;
  r = sbom::policy::evaluate(d, p);
  CHECK(r.findings[0].rated == Severity::Unknown);
  CHECK(r.findings[0].severity == Severity::High);
  CHECK(r.findings[0].severity_basis == "no rating, counted as high");
  CHECK(r.counts[static_cast<std::size_t>(Severity::High)] == 1);
  CHECK(r.violated());
}

TEST_CASE("an unknown severity never trips --fail-on by itself") {
  sbom::policy::Policy p;
  p.fail_on = Severity::Low;
  auto r = sbom::policy::evaluate(doc(R"({"id": "CVE-0"})"), p);
  CHECK_FALSE(r.violated());
  CHECK(r.findings[0].counted);
}

TEST_CASE("suppression by analysis state") {
  sbom::Document d = doc(R"(
    {"id": "A", "ratings": [{"severity": "critical"}], "analysis": {"state": "not_affected"}},
    {"id": "B", "ratings": [{"severity": "critical"}], "analysis": {"state": "false_positive"}},
    {"id": "C", "ratings": [{"severity": "critical"}], "analysis": {"state": "resolved"}},
    {"id": "D", "ratings": [{"severity": "critical"}], "analysis": {"state": "resolved_with_pedigree"}},
    {"id": "E", "ratings": [{"severity": "critical"}], "analysis": {"state": "exploitable"}},
    {"id": "F", "ratings": [{"severity": "critical"}], "analysis": {"state": "in_triage"}})");
  sbom::policy::Policy p;
  p.fail_on = Severity::Critical;
  auto r = sbom::policy::evaluate(d, p);
  CHECK(r.suppressed == 4);
  CHECK(r.counts[static_cast<std::size_t>(Severity::Critical)] == 2);
  REQUIRE(r.findings.size() == 6);
  // Counted findings first, then the suppressed ones, each group by severity then id.
  CHECK(r.findings[0].id == "E");
  CHECK(r.findings[1].id == "F");
  CHECK(r.findings[2].id == "A");
  CHECK(r.findings[2].suppressed);
  CHECK(r.findings[2].state == "not_affected");
  CHECK(r.findings[2].broken.empty());
  CHECK(r.violations == std::vector<std::string>{"--fail-on critical: 2 findings at or above critical"});
}

TEST_CASE("fail-on counts findings at or above the level") {
  sbom::Document d = doc(R"({"id": "H", "ratings": [{"severity": "high"}]},
                            {"id": "M", "ratings": [{"severity": "medium"}]},
                            {"id": "L", "ratings": [{"severity": "low"}]},
                            {"id": "N", "ratings": [{"severity": "none"}]})");
  auto run = [&](std::optional<Severity> level) {
    sbom::policy::Policy p;
    p.fail_on = level;
    return sbom::policy::evaluate(d, p);
  };
  CHECK_FALSE(run(Severity::Critical).violated());
  CHECK(run(Severity::High).violations == std::vector<std::string>{"--fail-on high: 1 finding at or above high"});
  CHECK(run(Severity::Medium).violations == std::vector<std::string>{"--fail-on medium: 2 findings at or above medium"});
  auto low = run(Severity::Low);
  CHECK(low.violations == std::vector<std::string>{"--fail-on low: 3 findings at or above low"});
  CHECK(low.findings[0].broken == std::vector<std::string>{"--fail-on low"});
  CHECK(low.findings[3].id == "N");
  CHECK(low.findings[3].broken.empty());
  CHECK_FALSE(run(std::nullopt).violated());
}

TEST_CASE("max limits name the rule on each finding over the limit") {
  sbom::Document d = doc(R"({"id": "C1", "ratings": [{"severity": "critical"}]},
                            {"id": "H1", "ratings": [{"severity": "high"}]},
                            {"id": "H2", "ratings": [{"severity": "high"}]},
                            {"id": "M1", "ratings": [{"severity": "medium"}]})");
  sbom::policy::Policy p;
  REQUIRE(sbom::policy::parse_max("critical=0,high=1,medium=1", p));
  p.fail_on = Severity::Critical;
  auto r = sbom::policy::evaluate(d, p);
  CHECK(r.violations == std::vector<std::string>{"--fail-on critical: 1 finding at or above critical",
                                                  "--max critical=0: 1 critical findings, limit 0",
                                                  "--max high=1: 2 high findings, limit 1"});
  CHECK(r.findings[0].broken == std::vector<std::string>{"--fail-on critical", "--max critical=0"});
  CHECK(r.findings[1].broken == std::vector<std::string>{"--max high=1"});
  CHECK(r.findings[3].id == "M1");
  CHECK(r.findings[3].broken.empty());
}

TEST_CASE("fixable-only counts only findings with a known fixed version") {
  sbom::Document d = doc(R"({"id": "FIX", "ratings": [{"severity": "high"}], "recommendation": "Upgrade x to version 2.0"},
                            {"id": "NOFIX", "ratings": [{"severity": "critical"}]})");
  sbom::policy::Policy p;
  p.fail_on = Severity::High;
  p.fixable_only = true;
  auto r = sbom::policy::evaluate(d, p);
  CHECK(r.not_fixable == 1);
  CHECK(r.counts[static_cast<std::size_t>(Severity::Critical)] == 0);
  CHECK(r.counts[static_cast<std::size_t>(Severity::High)] == 1);
  CHECK(r.findings[0].id == "FIX");
  CHECK(r.findings[0].fixed == std::vector<std::string>{"2.0"});
  CHECK_FALSE(r.findings[1].counted);
  CHECK(r.violations == std::vector<std::string>{"--fail-on high: 1 finding at or above high"});
}

TEST_CASE("fixed versions: affects versions marked unaffected first") {
  sbom::Document d = doc(R"({"id": "V", "affects": [{"ref": "c1", "versions": [
      {"version": "1.0", "status": "affected"}, {"version": "1.1", "status": "unaffected"},
      {"range": "vers:deb/>=2.0", "status": "unaffected"}, {"version": "1.2", "status": "unaffected"}]}],
      "recommendation": "Upgrade x to version 9"})",
                         R"([{"bom-ref": "c1", "name": "x", "version": "1.0", "purl": "pkg:deb/debian/x@1.0?arch=amd64"}])");
  auto r = sbom::policy::evaluate(d, {});
  REQUIRE(r.findings.size() == 1);
  CHECK(r.findings[0].fixed == std::vector<std::string>{"1.1", "1.2"});
  CHECK(r.findings[0].package == "pkg:deb/debian/x");
  CHECK(r.findings[0].installed == "1.0");
  CHECK(r.findings[0].component_ref == "c1");
}

TEST_CASE("a finding points at the first component with its ref, or at none") {
  sbom::Document d = doc(R"({"id": "V", "affects": [{"ref": "c2"}, {"ref": "gone"}, {"ref": "c1"}]})",
                         R"([{"bom-ref": "c1", "name": "x"}, {"bom-ref": "c2", "name": "y"}, {"bom-ref": "c2", "name": "z"}])");
  auto r = sbom::policy::evaluate(d, {});
  REQUIRE(r.findings.size() == 3);
  for (const auto& f : r.findings) {
    if (f.component_ref == "c1") CHECK(f.component == &(*d.components)[0]);
    if (f.component_ref == "c2") CHECK(f.component == &(*d.components)[1]);
    if (f.component_ref == "gone") CHECK(f.component == nullptr);
  }
}

TEST_CASE("fixed versions: once any affects entry names its own, a component without one has no fix") {
  // A distro fixed x and will not fix y: the vulnerability-wide recommendation (made from x's fix)
  // is not y's fixed version, and --fixable-only must not count y as fixable.
  sbom::Document d = doc(R"({"id": "V", "ratings": [{"severity": "high"}], "affects": [
      {"ref": "c1", "versions": [{"version": "1.0", "status": "affected"}, {"version": "1.1", "status": "unaffected"}]},
      {"ref": "c2", "versions": [{"version": "2.0", "status": "affected"}]}],
      "properties": [{"name": "sbomkit:fixed_version", "value": "1.1"}], "recommendation": "Upgrade x to version 1.1"})",
                         R"([{"bom-ref": "c1", "name": "x", "version": "1.0"}, {"bom-ref": "c2", "name": "y", "version": "2.0"}])");
  sbom::policy::Policy p;
  p.fixable_only = true;
  auto r = sbom::policy::evaluate(d, p);
  REQUIRE(r.findings.size() == 2);
  const auto& x = r.findings[0].component_ref == "c1" ? r.findings[0] : r.findings[1];
  const auto& y = r.findings[0].component_ref == "c1" ? r.findings[1] : r.findings[0];
  CHECK(x.fixed == std::vector<std::string>{"1.1"});
  CHECK(y.fixed.empty());
  CHECK(r.not_fixable == 1);
}

TEST_CASE("fixed versions: scanner properties, comma-separated") {
  for (std::string name : {"sbomkit:fixed_version", "aquasecurity:trivy:FixedVersion", "grype:fixedVersions", "osv:fixed"}) {
    auto r = sbom::policy::evaluate(doc(R"({"id": "V", "properties": [{"name": ")" + name + R"(", "value": "1.2.3, 2.0.1"}]})"), {});
    CHECK(r.findings[0].fixed == std::vector<std::string>{"1.2.3", "2.0.1"});
  }
  auto other = sbom::policy::evaluate(doc(R"({"id": "V", "properties": [{"name": "x:fixed", "value": "1"}]})"), {});
  CHECK(other.findings[0].fixed.empty());
}

TEST_CASE("fixed versions: Trivy's recommendation text") {
  auto r = sbom::policy::evaluate(doc(R"({"id": "V", "recommendation": "Upgrade libssl3 to version 3.0.15-1~deb12u1, 3.1.0."})"), {});
  CHECK(r.findings[0].fixed == std::vector<std::string>{"3.0.15-1~deb12u1", "3.1.0"});
  auto none = sbom::policy::evaluate(doc(R"({"id": "V", "recommendation": "No fix yet; mitigate by config"})"), {});
  CHECK(none.findings[0].fixed.empty());
}

TEST_CASE("one finding per affected component; package names and installed versions") {
  sbom::Document d = doc(R"({"id": "V", "ratings": [{"severity": "low"}], "references": [{"id": "GHSA-1"}, {"id": "V"}, {"id": "GHSA-1"}],
      "affects": [{"ref": "a"}, {"ref": "b"}, {"ref": "urn:cdx:1234/1#pkg:npm/lodash@4.17.20"},
                  {"ref": "gone", "versions": [{"version": "0.9", "status": "unaffected"}, {"version": "0.8"}]}]})",
                         R"([{"bom-ref": "a", "name": "zlib", "group": "org.example", "version": "1.3"},
                             {"bom-ref": "b", "name": "n", "version": "2", "purl": "pkg:npm/%40scope/n@2#sub/path"}])");
  auto r = sbom::policy::evaluate(d, {});
  REQUIRE(r.findings.size() == 4);
  // Sorted by id, then package.
  CHECK(r.findings[0].package == "gone");
  CHECK(r.findings[0].installed == "0.8");
  CHECK(r.findings[1].package == "org.example/zlib");
  CHECK(r.findings[1].installed == "1.3");
  CHECK(r.findings[2].package == "pkg:npm/%40scope/n");
  CHECK(r.findings[3].package == "pkg:npm/lodash@4.17.20");
  CHECK(r.findings[0].aliases == std::vector<std::string>{"GHSA-1"});
  CHECK(r.counts[static_cast<std::size_t>(Severity::Low)] == 4);
}

TEST_CASE("a document without vulnerabilities passes every rule") {
  sbom::policy::Policy p;
  p.fail_on = Severity::Low;
  REQUIRE(sbom::policy::parse_max("critical=0", p));
  auto r = sbom::policy::evaluate(doc(""), p);
  CHECK_FALSE(r.violated());
  CHECK(r.findings.empty());
}

TEST_CASE("a document shows a scan by its vulnerabilities or by a scanner among its tools") {
  auto scanned = [](std::string_view rest) {
    std::string text = R"({"bomFormat":"CycloneDX","specVersion":"1.6")" + std::string(rest) + "}";
    auto d = sbom::cyclonedx::read_json(text, "t.json");
    REQUIRE(d);
    return sbom::policy::was_scanned(*d);
  };
  CHECK(!scanned(""));
  CHECK(!scanned(R"(,"components":[{"type":"library","name":"a"}])"));
  CHECK(scanned(R"(,"vulnerabilities":[])"));  // a scan that found nothing
  CHECK(scanned(R"(,"metadata":{"tools":[{"vendor":"anchore","name":"grype","version":"0.74.0"}]})"));
  CHECK(scanned(R"(,"metadata":{"tools":{"components":[{"type":"application","name":"OSV-Scanner"}]}})"));
  CHECK(scanned(R"(,"metadata":{"tools":{"services":[{"name":"sbom-match"}]}})"));
  CHECK(scanned(R"(,"metadata":{"tools":{"components":[{"type":"application","group":"sbomkit","name":"sbom-match","version":"0.1.0"}]}})"));
  // Generators, Trivy among them (it writes SBOMs without scanning), prove nothing by name.
  CHECK(!scanned(R"(,"metadata":{"tools":{"components":[{"type":"application","name":"trivy","version":"0.50.0"}]}})"));
  CHECK(!scanned(R"(,"metadata":{"tools":[{"vendor":"sbomkit","name":"sbom-gen"}]})"));
  CHECK(!scanned(R"(,"metadata":{"tools":{"components":[{"type":"application","name":"syft"}]}})"));
  // A tool is typed: a name that is not a string is an input error, not a silent "not scanned".
  auto bad = sbom::cyclonedx::read_json(R"({"bomFormat":"CycloneDX","specVersion":"1.6","metadata":{"tools":[{"vendor":"x","name":7}]}})", "t.json");
  REQUIRE(!bad);
  CHECK(bad.error().to_string() == "t.json:1:88: at /metadata/tools/0/name: expected a string, found a number");
}

TEST_CASE("require_scanned names the file of a document that shows no scan") {
  auto d = sbom::cyclonedx::read_json(R"({"bomFormat":"CycloneDX","specVersion":"1.6"})", "t.json");
  REQUIRE(d);
  auto s = sbom::policy::require_scanned(*d, "bom.json");
  REQUIRE(!s);
  CHECK(s.error().to_string() ==
        "bom.json: no sign of a vulnerability scan (no vulnerabilities member, no scanner among metadata.tools): run "
        "sbom-match first, or pass --allow-unscanned");
  d->vulnerabilities.emplace();
  CHECK(sbom::policy::require_scanned(*d, "bom.json"));
}
