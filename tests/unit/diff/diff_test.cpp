// Tests of the comparison: identity, pairing of duplicates, version direction, findings, gate.
#include <algorithm>

#include "helpers.h"

using namespace diff_test;
using sbom::diff::FindingStatus;
using sbom::diff::Severity;
using sbom::diff::VersionChange;

namespace {

const sbom::diff::FindingChange* find(const sbom::diff::Step& s, const std::string& id) {
  for (const auto& f : s.findings)
    if (f.id == id) return &f;
  return nullptr;
}

}  // namespace

TEST_CASE("components are matched by purl without version, never by bom-ref or qualifiers") {
  auto a = doc({comp("a1", "openssl", "3.0.11-1", "pkg:deb/debian/openssl@3.0.11-1?arch=amd64&distro=debian-12"),
                comp("a2", "lodash", "4.17.21", "pkg:npm/lodash@4.17.21")});
  auto b = doc({comp("pkg:npm/lodash@4.17.21", "lodash", "4.17.21", "pkg:npm/lodash@4.17.21"),
                comp("uuid-1", "openssl", "3.0.11-1", "pkg:deb/debian/openssl@3.0.11-1?arch=amd64&distro=debian-12.5")});
  auto r = run({&a, &b});
  CHECK(r.overall.components.empty());
  CHECK_FALSE(r.differs());
  CHECK(r.releases[0].counts.components == 2);
}

TEST_CASE("added, removed, upgraded and downgraded by the ecosystem's version order") {
  auto a = doc({comp("1", "a", "1.9.0", "pkg:npm/a@1.9.0"), comp("2", "b", "1.0-1", "pkg:deb/debian/b@1.0-1?distro=debian-12"),
                comp("3", "gone", "1", "pkg:npm/gone@1"), comp("4", "g", "1.0", "pkg:generic/g@1.0")});
  auto b = doc({comp("1", "a", "1.10.0", "pkg:npm/a@1.10.0"),
                comp("2", "b", "1.0-1~deb12u1", "pkg:deb/debian/b@1.0-1~deb12u1?distro=debian-12"),
                comp("3", "new", "2", "pkg:npm/new@2"), comp("4", "g", "0.9", "pkg:generic/g@0.9")});
  auto r = run({&a, &b});
  const auto& c = r.overall.components;
  REQUIRE(c.added.size() == 1);
  CHECK(c.added[0].display == "pkg:npm/new");
  REQUIRE(c.removed.size() == 1);
  CHECK(c.removed[0].display == "pkg:npm/gone");
  REQUIRE(c.changed.size() == 3);
  // Sorted by name: pkg:deb/debian/b, pkg:generic/g, pkg:npm/a.
  CHECK(c.changed[0].version == VersionChange::kDowngrade);  // ~deb12u1 sorts before the bare revision
  CHECK(c.changed[1].version == VersionChange::kChanged);    // no version order for generic
  CHECK(c.changed[2].version == VersionChange::kUpgrade);    // 1.10.0 > 1.9.0, unlike the strings
  CHECK(r.differs());
}

TEST_CASE("versions the ecosystem calls equal are no change") {
  auto a = doc({comp("1", "x", "1.0", "pkg:pypi/x@1.0")});
  auto b = doc({comp("1", "x", "1.0.0", "pkg:pypi/x@1.0.0")});
  CHECK(run({&a, &b}).overall.components.empty());
}

TEST_CASE("the same package at two paths is paired by path, whatever the document order") {
  std::string p1 = ",\"properties\":[{\"name\":\"sbomkit:path\",\"value\":\"/app/node_modules/x\"}]";
  std::string p2 = ",\"properties\":[{\"name\":\"sbomkit:path\",\"value\":\"/vendor/node_modules/x\"}]";
  auto a = doc({comp("1", "x", "1.0.0", "pkg:npm/x@1.0.0", p1), comp("2", "x", "1.0.0", "pkg:npm/x@1.0.0", p2)});
  auto b1 = doc({comp("1", "x", "1.0.0", "pkg:npm/x@1.0.0", p2), comp("2", "x", "2.0.0", "pkg:npm/x@2.0.0", p1)});
  auto b2 = doc({comp("2", "x", "2.0.0", "pkg:npm/x@2.0.0", p1), comp("1", "x", "1.0.0", "pkg:npm/x@1.0.0", p2)});
  for (const auto* b : {&b1, &b2}) {
    auto r = run({&a, b});
    const auto& c = r.overall.components;
    CHECK(c.added.empty());
    CHECK(c.removed.empty());
    REQUIRE(c.changed.size() == 1);
    CHECK(c.changed[0].before.location == "/app/node_modules/x");
    CHECK(c.changed[0].version == VersionChange::kUpgrade);
  }
  // One copy dropped: the other one stays paired with its own path.
  auto c = doc({comp("9", "x", "1.0.0", "pkg:npm/x@1.0.0", p2)});
  auto r = run({&a, &c});
  REQUIRE(r.overall.components.removed.size() == 1);
  CHECK(r.overall.components.removed[0].location == "/app/node_modules/x");
  CHECK(r.overall.components.changed.empty());
}

TEST_CASE("a component listing several places in evidence.occurrences pairs with one component per place") {
  std::string occ = ",\"evidence\":{\"occurrences\":[{\"location\":\"/app/node_modules/x\"},"
                    "{\"location\":\"/vendor/node_modules/x\"}]}";
  std::string p1 = ",\"properties\":[{\"name\":\"aquasecurity:trivy:FilePath\",\"value\":\"app/node_modules/x\"}]";
  std::string p2 = ",\"properties\":[{\"name\":\"aquasecurity:trivy:FilePath\",\"value\":\"vendor/node_modules/x\"}]";
  auto ours = doc({comp("1", "x", "1.0.0", "pkg:npm/x@1.0.0", occ)});
  auto trivy = doc({comp("a", "x", "1.0.0", "pkg:npm/x@1.0.0", p1), comp("b", "x", "2.0.0", "pkg:npm/x@2.0.0", p2)});
  auto r = run({&ours, &trivy});
  CHECK(r.releases[0].counts.components == 2);
  const auto& c = r.overall.components;
  CHECK(c.added.empty());
  CHECK(c.removed.empty());
  REQUIRE(c.changed.size() == 1);
  CHECK(c.changed[0].before.location == "/vendor/node_modules/x");
  CHECK(c.changed[0].version == VersionChange::kUpgrade);
}

TEST_CASE("components without a purl match by type, group and name; a purl on one side only still pairs") {
  auto a = doc({comp("1", "debian", "12.4", ""), comp("2", "busybox", "1.36", "")});
  auto b = doc({comp("1", "debian", "12.5", ""), comp("2", "busybox", "1.36", "pkg:generic/busybox@1.36")});
  auto r = run({&a, &b});
  const auto& c = r.overall.components;
  CHECK(c.added.empty());
  CHECK(c.removed.empty());
  REQUIRE(c.changed.size() == 1);
  CHECK(c.changed[0].before.display == "debian");
  CHECK(c.changed[0].version == VersionChange::kChanged);
}

TEST_CASE("pairing by name: only where a side has no purl, the same pairs whatever the document order") {
  // Two purls of other types under one name are different packages, not a pair by name.
  auto a = doc({comp("1", "x", "1", "pkg:npm/x@1")});
  auto b = doc({comp("1", "x", "1", "pkg:pypi/x@1")});
  auto r = run({&a, &b});
  CHECK(r.overall.components.added.size() == 1);
  CHECK(r.overall.components.removed.size() == 1);

  // Two copies without a purl against one with and one without: the earlier copies in key,
  // version order take the later ones in theirs; document order does not matter.
  std::vector<std::string> before = {comp("1", "Tool", "2.0", ""), comp("2", "tool", "1.0", ""),
                                     comp("3", "other", "1", "pkg:npm/other@1")};
  std::vector<std::string> after = {comp("a", "tool", "3.0", "pkg:golang/example.com/tool@3.0"),
                                    comp("b", "TOOL", "2.5", ""), comp("c", "other", "1", "pkg:npm/other@1")};
  std::string first;
  for (int order = 0; order < 2; ++order) {
    if (order == 1) {
      std::reverse(before.begin(), before.end());
      std::reverse(after.begin(), after.end());
    }
    auto x = doc(before);
    auto y = doc(after);
    auto rr = run({&x, &y});
    const auto& c = rr.overall.components;
    CHECK(c.added.empty());
    CHECK(c.removed.empty());
    REQUIRE(c.changed.size() == 2);
    std::string text = sbom::diff::format(rr, sbom::diff::Format::kJson);
    if (order == 0) first = text;
    else CHECK(text == first);
  }
}

TEST_CASE("a bom-ref two components share (invalid) resolves to the same one whatever the document order") {
  auto v = vuln("CVE-1", "high", {"dup"});
  auto a1 = doc({comp("dup", "b", "1", "pkg:npm/b@1"), comp("dup", "a", "1", "pkg:npm/a@1")}, {v});
  auto a2 = doc({comp("dup", "a", "1", "pkg:npm/a@1"), comp("dup", "b", "1", "pkg:npm/b@1")}, {v});
  auto none = doc({comp("x", "a", "1", "pkg:npm/a@1"), comp("y", "b", "1", "pkg:npm/b@1")});
  for (const auto* a : {&a1, &a2}) {
    auto r = run({a, &none});
    REQUIRE(r.overall.findings.size() == 1);
    CHECK(r.overall.findings[0].component == "pkg:npm/a");
  }
}

TEST_CASE("an epoch in a purl qualifier is the same version as an epoch in the version") {
  auto trivy = doc({comp("a", "bsdutils", "2.38.1-5", "pkg:deb/debian/bsdutils@2.38.1-5?arch=amd64&epoch=1&distro=debian-12")});
  auto ours = doc({comp("b", "bsdutils", "1:2.38.1-5", "pkg:deb/debian/bsdutils@1:2.38.1-5?arch=amd64&distro=debian-12")});
  CHECK(run({&trivy, &ours}).overall.components.empty());
  auto newer = doc({comp("b", "bsdutils", "1:2.38.1-6", "pkg:deb/debian/bsdutils@1:2.38.1-6?distro=debian-12")});
  auto r = run({&trivy, &newer});
  REQUIRE(r.overall.components.changed.size() == 1);
  CHECK(r.overall.components.changed[0].before.version == "1:2.38.1-5");
  CHECK(r.overall.components.changed[0].version == VersionChange::kUpgrade);
}

TEST_CASE("licences are compared only between documents of the same tool") {
  auto make = [](const std::string& tool, const std::string& lic) {
    std::string s = "{\"bomFormat\":\"CycloneDX\",\"specVersion\":\"1.6\",\"metadata\":{\"tools\":" + tool +
                    "},\"components\":[" +
                    comp("1", "bash", "5.2", "pkg:deb/debian/bash@5.2", ",\"licenses\":[{\"license\":{\"id\":\"" + lic + "\"}}]") +
                    "]}";
    auto d = sbom::cyclonedx::read_json(s, "t.json");
    REQUIRE(d);
    return std::move(*d);
  };
  auto trivy = make("[{\"vendor\":\"aquasecurity\",\"name\":\"trivy\",\"version\":\"0.50\"}]", "GPL-3.0");
  auto ours = make("{\"components\":[{\"type\":\"application\",\"name\":\"sbom-gen\"}]}", "GPL-3.0-or-later");
  auto ours2 = make("{\"components\":[{\"type\":\"application\",\"name\":\"SBOM-GEN\"}]}", "GPL-3.0-only");
  auto cross = run({&trivy, &ours});
  CHECK_FALSE(cross.overall.licenses_compared);
  CHECK(cross.overall.components.empty());
  CHECK(cross.releases[0].producer == "trivy");
  auto same = run({&ours, &ours2});
  CHECK(same.overall.licenses_compared);
  CHECK(same.overall.components.license_changes() == 1);
}

TEST_CASE("licence and content changes") {
  std::string mit = ",\"licenses\":[{\"license\":{\"id\":\"MIT\"}}]";
  std::string apache = ",\"licenses\":[{\"license\":{\"name\":\"Apache-2.0\"}}]";
  std::string h1 = ",\"hashes\":[{\"alg\":\"SHA-256\",\"content\":\"aa\"}]";
  std::string h2 = ",\"hashes\":[{\"alg\":\"SHA-256\",\"content\":\"bb\"}]";
  auto a = doc({comp("1", "l", "1", "pkg:npm/l@1", mit), comp("2", "m", "1", "pkg:npm/m@1", mit),
                comp("3", "h", "1", "pkg:npm/h@1", h1), comp("4", "v", "1.0.0", "pkg:npm/v@1.0.0", h1)});
  auto b = doc({comp("1", "l", "1", "pkg:npm/l@1", apache), comp("2", "m", "1", "pkg:npm/m@1"),
                comp("3", "h", "1", "pkg:npm/h@1", h2), comp("4", "v", "1.0.1", "pkg:npm/v@1.0.1", h2)});
  auto r = run({&a, &b});
  const auto& c = r.overall.components;
  REQUIRE(c.changed.size() == 3);  // h (content), l (licence), v (version; its new hash is expected)
  CHECK(c.changed[0].hash_changed);
  CHECK(c.changed[0].hash_alg == "SHA-256");
  CHECK(c.changed[1].license_changed);
  CHECK(c.changed[1].licenses_before == std::vector<std::string>{"MIT"});
  CHECK(c.changed[1].licenses_after == std::vector<std::string>{"Apache-2.0"});
  CHECK_FALSE(c.changed[2].hash_changed);
  CHECK(c.license_changes() == 1);
  CHECK(c.hash_changes() == 1);
}

TEST_CASE("findings: new, fixed, persisting, severity change, aliases") {
  auto a = doc({comp("a", "a", "1", "pkg:npm/a@1"), comp("b", "b", "1", "pkg:npm/b@1"), comp("c", "c", "1", "pkg:npm/c@1")},
               {vuln("CVE-1", "critical", {"a"}), vuln("CVE-2", "medium", {"b"}),
                vuln("CVE-3", "low", {"c"})});
  // CVE-3 comes back under its GHSA id: the same finding.
  auto b = doc({comp("x", "a", "2", "pkg:npm/a@2"), comp("y", "b", "1", "pkg:npm/b@1"), comp("z", "c", "1", "pkg:npm/c@1"),
                comp("w", "d", "1", "pkg:npm/d@1")},
               {vuln("CVE-2", "high", {"y"}), vuln("CVE-4", "high", {"w"}),
                vuln("GHSA-xxxx", "low", {"z"}, ",\"references\":[{\"id\":\"CVE-3\",\"source\":{\"name\":\"nvd\"}}]")});
  auto r = run({&a, &b});
  const auto& s = r.overall;
  CHECK(s.count(FindingStatus::kNew) == 1);
  CHECK(s.count(FindingStatus::kFixed) == 1);
  CHECK(s.count(FindingStatus::kPersisting) == 2);
  const auto* fixed = find(s, "CVE-1");
  REQUIRE(fixed);
  CHECK(fixed->status == FindingStatus::kFixed);
  CHECK(fixed->note == "now 2");
  const auto* changed = find(s, "CVE-2");
  REQUIRE(changed);
  CHECK(changed->severity_changed());
  CHECK(*changed->severity_after == Severity::High);
  const auto* alias = find(s, "CVE-3");
  REQUIRE(alias);
  CHECK(alias->status == FindingStatus::kPersisting);
  CHECK(alias->aliases == std::vector<std::string>{"GHSA-xxxx"});
  CHECK(s.severity_changes() == 1);
  // Counts: before critical 1, medium 1, low 1; after high 2, low 1.
  CHECK(r.releases[0].counts.critical_high() == 1);
  CHECK(r.releases[1].counts.critical_high() == 2);
  auto d = r.delta();
  CHECK(d[static_cast<std::size_t>(Severity::Critical)] == -1);
  CHECK(d[static_cast<std::size_t>(Severity::High)] == 2);
  REQUIRE(r.critical_high_reduction());
  CHECK(*r.critical_high_reduction() == Approx(-100.0));
}

TEST_CASE("a finding suppressed by an exception is suppressed, not fixed; withdrawn exceptions show") {
  std::string na = ",\"analysis\":{\"state\":\"not_affected\",\"justification\":\"code_not_present\"}";
  auto a = doc({comp("a", "a", "1", "pkg:npm/a@1"), comp("b", "b", "1", "pkg:npm/b@1")},
               {vuln("CVE-1", "high", {"a"}), vuln("CVE-2", "high", {"b"}, na)});
  auto b = doc({comp("a", "a", "1", "pkg:npm/a@1"), comp("b", "b", "1", "pkg:npm/b@1")},
               {vuln("CVE-1", "high", {"a"}, na), vuln("CVE-2", "high", {"b"})});
  auto r = run({&a, &b});
  const auto* s = find(r.overall, "CVE-1");
  REQUIRE(s);
  CHECK(s->status == FindingStatus::kSuppressed);
  CHECK(s->state == "not_affected");
  const auto* u = find(r.overall, "CVE-2");
  REQUIRE(u);
  CHECK(u->status == FindingStatus::kUnsuppressed);
  CHECK(r.overall.count(FindingStatus::kFixed) == 0);
  CHECK(r.releases[0].counts.suppressed == 1);
  CHECK(r.releases[1].counts.suppressed == 1);
}

TEST_CASE("one finding per vulnerability and component identity, suppressed only when every copy is") {
  std::string fp = ",\"analysis\":{\"state\":\"false_positive\"}";
  auto a = doc({comp("1", "x", "1", "pkg:npm/x@1"), comp("2", "x", "1", "pkg:npm/x@1")},
               {vuln("CVE-1", "high", {"1", "2"})});
  auto b = doc({comp("1", "x", "1", "pkg:npm/x@1"), comp("2", "x", "1", "pkg:npm/x@1")},
               {vuln("CVE-1", "high", {"1"}, fp), vuln("CVE-1", "medium", {"2"})});
  auto r = run({&a, &b});
  REQUIRE(r.overall.findings.size() == 1);
  CHECK(r.overall.findings[0].status == FindingStatus::kPersisting);
  CHECK(*r.overall.findings[0].severity_after == Severity::Medium);
  CHECK(r.releases[0].counts.by_severity[static_cast<std::size_t>(Severity::High)] == 1);
}

TEST_CASE("three releases: steps and the baseline-to-latest comparison") {
  auto r1 = doc({comp("a", "a", "1", "pkg:npm/a@1")}, {vuln("CVE-1", "critical", {"a"})});
  auto r2 = doc({comp("a", "a", "2", "pkg:npm/a@2"), comp("b", "b", "1", "pkg:npm/b@1")}, {vuln("CVE-2", "high", {"b"})});
  auto r3 = doc({comp("a", "a", "2", "pkg:npm/a@2")});
  auto r = run({&r1, &r2, &r3});
  REQUIRE(r.steps.size() == 2);
  CHECK(r.steps[0].count(FindingStatus::kNew) == 1);
  CHECK(r.steps[0].count(FindingStatus::kFixed) == 1);
  CHECK(r.steps[1].count(FindingStatus::kFixed) == 1);
  CHECK(r.steps[1].components.removed.size() == 1);
  CHECK(r.overall.from == 0);
  CHECK(r.overall.to == 2);
  CHECK(r.overall.components.added.empty());
  CHECK(r.overall.count(FindingStatus::kNew) == 0);
  CHECK(r.overall.count(FindingStatus::kFixed) == 1);
  REQUIRE(r.critical_high_reduction());
  CHECK(*r.critical_high_reduction() == Approx(100.0));
  CHECK(r.releases[1].counts.critical_high() == 1);
}

TEST_CASE("gate: new findings at or above a severity, added components") {
  auto a = doc({comp("a", "a", "1", "pkg:npm/a@1")}, {vuln("CVE-1", "critical", {"a"})});
  auto b = doc({comp("a", "a", "1", "pkg:npm/a@1"), comp("b", "b", "1", "pkg:npm/b@1")},
               {vuln("CVE-1", "critical", {"a"}), vuln("CVE-2", "medium", {"b"})});
  sbom::diff::Options o;
  o.fail_on_new = Severity::High;
  CHECK(run({&a, &b}, o).violations.empty());  // the critical one persists; only a medium is new
  o.fail_on_new = Severity::Medium;
  auto r = run({&a, &b}, o);
  REQUIRE(r.violations.size() == 1);
  CHECK(r.violations[0] == "--fail-on-new medium: 1 new finding at or above medium");
  sbom::diff::Options added;
  added.fail_on_added = true;
  auto r2 = run({&a, &b}, added);
  REQUIRE(r2.violations.size() == 1);
  CHECK(r2.violations[0] == "--fail-on-added: 1 component added");
  CHECK(run({&b, &a}, added).violations.empty());
}

TEST_CASE("documents without vulnerabilities, and too few documents") {
  auto a = doc({comp("a", "a", "1", "pkg:npm/a@1")}, {}, false);
  auto r = run({&a, &a});
  CHECK_FALSE(r.releases[0].has_vulnerabilities);
  CHECK_FALSE(r.critical_high_reduction());
  CHECK_FALSE(r.differs());
  auto one = sbom::diff::compare({{"only", &a}});
  REQUIRE_FALSE(one);
  CHECK(one.error().message == "need at least two documents to compare");
}

TEST_CASE("two releases: the one step is overall; each_step() gives it") {
  auto a = doc({comp("a", "a", "1", "pkg:npm/a@1")});
  auto b = doc({comp("a", "a", "2", "pkg:npm/a@2")});
  auto r = run({&a, &b});
  CHECK(r.steps.empty());
  REQUIRE(r.each_step().size() == 1);
  CHECK(&r.each_step()[0] == &r.overall);
  CHECK(r.differs());
  auto three = run({&a, &b, &a});
  CHECK(three.each_step().size() == 2);
}

TEST_CASE("write() hands on the text format() makes, in pieces when it is long") {
  // 3,000 packages renamed: a report of several hundred kB in every format.
  std::vector<std::string> before, after, vulns;
  for (int i = 0; i < 3000; ++i) {
    std::string n = std::to_string(i);
    before.push_back(comp("a" + n, "old" + n, "1.0", "pkg:npm/old" + n + "@1.0"));
    after.push_back(comp("b" + n, "new" + n, "1.0", "pkg:npm/new" + n + "@1.0"));
    if (i % 10 == 0) vulns.push_back(vuln("CVE-2024-" + n, "high", {"a" + n}));
  }
  auto a = doc(before, vulns);
  auto b = doc(after);
  auto r = run({&a, &b});
  using sbom::diff::Format;
  for (Format f : {Format::kText, Format::kMarkdown, Format::kJson, Format::kHtml}) {
    std::string whole = sbom::diff::format(r, f);
    std::string joined;
    std::size_t pieces = 0;
    sbom::diff::write(r, f, [&](std::string_view piece) {
      joined += piece;
      ++pieces;
    });
    CHECK(whole.size() > (std::size_t{1} << 17));
    CHECK(pieces > 1);
    CHECK(joined == whole);
  }
}

TEST_CASE("findings: a group is named by sbom-match's rule (core/aliases.h), not by its smallest CVE") {
  // A distro advisory fixing two CVEs: naming it by one of them would hide the other.
  const char* two_cves = ",\"references\":[{\"id\":\"CVE-7\",\"source\":{\"name\":\"nvd\"}},"
                         "{\"id\":\"CVE-8\",\"source\":{\"name\":\"nvd\"}}]";
  auto a = doc({comp("a", "a", "1", "pkg:npm/a@1")}, {vuln("DSA-9-1", "high", {"a"}, two_cves)});
  auto b = doc({comp("a", "a", "1", "pkg:npm/a@1")}, {vuln("DSA-9-1", "high", {"a"}, two_cves)});
  auto r = run({&a, &b});
  const auto* f = find(r.overall, "DSA-9-1");
  REQUIRE(f);
  CHECK(f->status == FindingStatus::kPersisting);
  CHECK(f->aliases == std::vector<std::string>{"CVE-7", "CVE-8"});
  CHECK_FALSE(find(r.overall, "CVE-7"));
}

TEST_CASE("warnings: a release never scanned among scanned ones is named; none when none was scanned") {
  auto scanned = doc({comp("a", "a", "1", "pkg:npm/a@1")}, {vuln("CVE-1", "high", {"a"})});
  auto unscanned = doc({comp("a", "a", "1", "pkg:npm/a@1")}, {}, false);
  // The warnings of one comparison: each line as the tool prints it after `sbom-diff: warning: `.
  auto warnings_of = [](const sbom::Document* a, const sbom::Document* b) {
    std::vector<std::string> out;
    sbom::diff::Options o;
    o.diagnostics = sbom::Diagnostics([&](const sbom::Diagnostic& d) { out.push_back(d.to_string()); });
    run({a, b}, o);
    return out;
  };
  CHECK(warnings_of(&scanned, &unscanned) ==
        std::vector<std::string>{"r2: no vulnerabilities array (not scanned?): findings compared against it show as new or fixed"});
  CHECK(warnings_of(&unscanned, &unscanned).empty());
  CHECK(warnings_of(&scanned, &scanned).empty());
}

TEST_CASE("a finding KEV-listed only in the later release is reported as became KEV; one listed in both or new is not") {
  const std::string kev = R"(,"properties":[{"name":"sbomkit:kev:cve","value":"CVE-2023-44487"}])";
  auto a = doc({comp("s", "stdlib", "1.19.0", "pkg:golang/stdlib@1.19.0")},
               {vuln("CVE-2023-39325", "high", {"s"}), vuln("CVE-2023-0002", "low", {"s"}, kev)});
  auto b = doc({comp("s", "stdlib", "1.19.0", "pkg:golang/stdlib@1.19.0")},
               {vuln("CVE-2023-39325", "high", {"s"}, kev), vuln("CVE-2023-0002", "low", {"s"}, kev),
                vuln("CVE-2023-0003", "low", {"s"}, kev)});
  auto r = run({&a, &b});
  CHECK(r.overall.kev_listings() == 1);
  CHECK(r.overall.differs());
  for (const auto& f : r.overall.findings) {
    CHECK(f.became_kev() == (f.id == "CVE-2023-39325"));
    if (f.id == "CVE-2023-39325") {
      CHECK(f.kev_before.empty());
      CHECK(f.kev_after == "CVE-2023-44487");
    }
  }
  auto same = run({&b, &b});
  CHECK(same.overall.kev_listings() == 0);
  CHECK_FALSE(same.overall.differs());
}

namespace {

// A document with the index provenance sbom-match records: digest `d` repeated, one source.
sbom::Document scanned(const std::vector<std::string>& comps, const std::vector<std::string>& vulns, char d, char source) {
  sbom::Document doc = diff_test::doc(comps, vulns);
  sbom::record_index(doc, {"sha256:" + std::string(64, d), "2026-01-01T00:00:00Z", {"sha256:" + std::string(64, source) + " osv"}, false});
  return doc;
}

const sbom::diff::FindingChange& finding(const sbom::diff::Report& r, const std::string& id, const std::string& package) {
  for (const auto& f : r.overall.findings)
    if (f.id == id && f.package.find(package) != std::string::npos) return f;
  FAIL("no finding " + id + " on " + package);
  return r.overall.findings.front();
}

}  // namespace

TEST_CASE("why: package changes explain findings first, whatever the index did") {
  using diff_test::comp;
  using diff_test::vuln;
  auto a = scanned({comp("a", "a", "1.0", "pkg:npm/a@1.0"), comp("b", "b", "1.0", "pkg:npm/b@1.0")},
                   {vuln("V-1", "high", {"a"}), vuln("V-2", "low", {"b"})}, '1', '1');
  auto b = scanned({comp("a", "a", "2.0", "pkg:npm/a@2.0"), comp("c", "c", "1.0", "pkg:npm/c@1.0")},
                   {vuln("V-3", "medium", {"c"})}, '2', '2');
  auto r = diff_test::run({&a, &b});
  CHECK(finding(r, "V-1", "npm/a").why.change == "upgrade");
  CHECK(finding(r, "V-1", "npm/a").why.detail == "upgraded to 2.0");
  CHECK(finding(r, "V-2", "npm/b").why.change == "removed");
  CHECK(finding(r, "V-3", "npm/c").why.change == "added");
  CHECK(r.overall.count(sbom::diff::Cause::kPackage) == 3);
  CHECK(!r.overall.rescan());
}

TEST_CASE("why: the same components with another index: advisory changes, and a rescan") {
  using diff_test::comp;
  using diff_test::vuln;
  std::vector<std::string> comps = {comp("a", "a", "1.0", "pkg:npm/a@1.0"), comp("b", "b", "1.0", "pkg:npm/b@1.0")};
  auto a = scanned(comps, {vuln("V-1", "high", {"a"}), vuln("V-2", "low", {"a", "b"})}, '1', '1');
  auto b = scanned(comps, {vuln("V-2", "low", {"a"}), vuln("V-4", "low", {"b"}, ",\"published\":\"2026-01-05T00:00:00Z\"")},
                   '2', '2');
  auto r = diff_test::run({&a, &b});
  REQUIRE(r.overall.index.known);
  CHECK(r.overall.index.changed);
  CHECK(r.overall.index.sources_changed == std::vector<std::string>{"osv"});
  CHECK(r.overall.rescan());
  CHECK(finding(r, "V-1", "npm/a").why.change == "withdrawn");
  CHECK(finding(r, "V-2", "npm/b").why.change == "edited");
  CHECK(finding(r, "V-4", "npm/b").why.change == "published");
  CHECK(finding(r, "V-4", "npm/b").why.detail == "V-4 published 2026-01-05");
  CHECK(r.overall.count(sbom::diff::Cause::kAdvisory) == 3);
}

TEST_CASE("why: the same components and the same index explain nothing") {
  using diff_test::comp;
  using diff_test::vuln;
  std::vector<std::string> comps = {comp("a", "a", "1.0", "pkg:npm/a@1.0")};
  auto a = scanned(comps, {vuln("V-1", "high", {"a"})}, '1', '1');
  auto b = scanned(comps, {}, '1', '1');
  auto r = diff_test::run({&a, &b});
  CHECK(finding(r, "V-1", "npm/a").why.cause == sbom::diff::Cause::kUnknown);
  CHECK(!r.overall.rescan());
}

TEST_CASE("why: analysis changes, and a malformed provenance is an error naming the release") {
  using diff_test::comp;
  using diff_test::vuln;
  std::vector<std::string> comps = {comp("a", "a", "1.0", "pkg:npm/a@1.0")};
  auto a = scanned(comps, {vuln("V-1", "high", {"a"})}, '1', '1');
  auto b = scanned(comps, {vuln("V-1", "high", {"a"}, ",\"analysis\":{\"state\":\"not_affected\"}")}, '1', '1');
  auto r = diff_test::run({&a, &b});
  CHECK(finding(r, "V-1", "npm/a").why.cause == sbom::diff::Cause::kAnalysis);
  CHECK(finding(r, "V-1", "npm/a").why.change == "applied");
  b.metadata.properties.front().value = "sha256:nothex";
  std::vector<sbom::diff::Release> rel = {{"r1", &a}, {"r2", &b}};
  auto bad = sbom::diff::compare(rel);
  REQUIRE(!bad);
  CHECK(bad.error().file == "r2");
  CHECK(bad.error().pointer == "/metadata/properties/0");
}
