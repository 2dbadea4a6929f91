// Tests of the profiles' rules on documents made in code and read from text (every format the
// same model), and of the reports' shape.
#include <catch2/catch.hpp>

#include "sbom/check.h"
#include "sbom/format.h"

using namespace sbom;

namespace {

const check::RuleResult& rule(const check::ProfileResult& p, std::string_view id) {
  for (const auto& r : p.rules)
    if (r.id == id) return r;
  FAIL("no rule " << id);
  return p.rules.front();
}

check::ProfileResult run(std::string_view profile, const Document& d) {
  check::Input in{&d, {}, "test", {}};
  auto r = check::run(profile, in);
  REQUIRE(r);
  return *r;
}

Document read(std::string_view text) {
  auto d = format::read(text, "test");
  REQUIRE(d);
  return std::move(*d);
}

constexpr std::string_view kCdx = R"({"bomFormat":"CycloneDX","specVersion":"1.6",
  "metadata":{"timestamp":"2024-05-01T10:00:00+02:00","tools":{"components":[{"name":"t","version":"1"}]},
    "component":{"bom-ref":"app","name":"app","version":"1.0","purl":"pkg:generic/app@1.0","supplier":{"name":"ACME"}}},
  "components":[
    {"bom-ref":"a","name":"a","version":"2","purl":"pkg:npm/a@2","supplier":{"name":"A Inc","url":["https://a.example"]},
     "hashes":[{"alg":"SHA-512","content":"00"}],"licenses":[{"license":{"id":"MIT"}}]},
    {"bom-ref":"b","name":"b","cpe":"cpe:2.3:a:b:b:1:*:*:*:*:*:*:*"}],
  "dependencies":[{"ref":"app","dependsOn":["a"]},{"ref":"b"}]})";

}  // namespace

TEST_CASE("ntia-2021: per component verdicts with reasons and input locations", "[check]") {
  Document d = read(kCdx);
  auto p = run("ntia-2021", d);
  CHECK_FALSE(p.passed());
  const auto& supplier = rule(p, "ntia-2021/supplier");
  REQUIRE(supplier.verdicts.size() == 3);  // the primary component is checked too
  CHECK(supplier.verdicts[0].pass);
  CHECK(supplier.verdicts[0].location == "/metadata/component");
  CHECK_FALSE(supplier.verdicts[2].pass);
  CHECK(supplier.verdicts[2].subject == "b");
  CHECK(supplier.verdicts[2].location == "/components/1");
  CHECK(supplier.verdicts[2].reason == "no supplier or publisher");
  CHECK(rule(p, "ntia-2021/version").failed() == 1);
  CHECK(rule(p, "ntia-2021/identifier").passed());  // purl or CPE
  const auto& dep = rule(p, "ntia-2021/dependency");
  CHECK(dep.verdicts[1].pass);
  CHECK_FALSE(dep.verdicts[2].pass);  // b: declared without dependencies, and nothing needs it
  CHECK(dep.verdicts[2].reason == "declared without dependencies, and no component depends on it");
  CHECK(rule(p, "ntia-2021/author").passed());  // the tool, as NTIA allows
  CHECK(rule(p, "ntia-2021/timestamp").passed());
}

TEST_CASE("the timestamp must be an RFC 3339 date-time", "[check]") {
  Document d = read(kCdx);
  for (const char* bad : {"2024-05-01", "2024-05-01 10:00:00Z", "2024-05-01T10:00:00", "2024-05-01T10:00:00.Z", ""}) {
    d.metadata.timestamp = bad;
    CHECK_FALSE(rule(run("ntia-2021", d), "ntia-2021/timestamp").passed());
  }
  // the day and the time must exist (the toolkit's one RFC 3339 reader, text::parse_utc_time)
  d.metadata.timestamp = "2023-02-29T10:00:00Z";
  CHECK(rule(run("ntia-2021", d), "ntia-2021/timestamp").verdicts[0].reason ==
        "the time stamp '2023-02-29T10:00:00Z' is no RFC 3339 date-time (day 29 out of range for 2023-02)");
  d.metadata.timestamp = "2024-05-01T25:00:00Z";
  CHECK_FALSE(rule(run("ntia-2021", d), "ntia-2021/timestamp").passed());
  for (const char* good : {"2024-05-01T10:00:00Z", "2024-05-01t10:00:00.123-05:30"}) {
    d.metadata.timestamp = good;
    CHECK(rule(run("ntia-2021", d), "ntia-2021/timestamp").passed());
  }
}

TEST_CASE("cisa-2025 and bsi-tr-03183-2 demand more than NTIA", "[check]") {
  Document d = read(kCdx);
  auto cisa = run("cisa-2025", d);
  CHECK(rule(cisa, "cisa-2025/hash").failed() == 2);     // app and b have none
  CHECK(rule(cisa, "cisa-2025/license").failed() == 2);
  CHECK(rule(cisa, "cisa-2025/tool").passed());
  CHECK_FALSE(rule(cisa, "cisa-2025/generation-context").passed());
  auto bsi = run("bsi-tr-03183-2", d);
  CHECK(rule(bsi, "bsi-tr-03183-2/format").passed());
  CHECK_FALSE(rule(bsi, "bsi-tr-03183-2/creator").passed());  // a tool has no e-mail or URL
  const auto& creator = rule(bsi, "bsi-tr-03183-2/component-creator");
  CHECK_FALSE(creator.verdicts[0].pass);  // ACME: a name only
  CHECK(creator.verdicts[1].pass);        // a URL
  CHECK(rule(bsi, "bsi-tr-03183-2/hash").verdicts[1].pass);  // SHA-512
  d.spec_version = "1.4";
  CHECK_FALSE(rule(run("bsi-tr-03183-2", d), "bsi-tr-03183-2/format").passed());
}

TEST_CASE("the typed lifecycles and the authoring organizations of the family's extras are read", "[check]") {
  std::string text(kCdx);
  text.replace(text.find("\"timestamp\""), 0,
               R"("lifecycles":[{"phase":"post-build"}],"manufacturer":{"name":"Scan Ltd","url":["https://scan.example"]},)");
  Document d = read(text);
  auto cisa = run("cisa-2025", d);
  CHECK(rule(cisa, "cisa-2025/generation-context").passed());
  CHECK(rule(cisa, "cisa-2025/generation-context").verdicts[0].reason == "lifecycle post-build");
  CHECK(rule(cisa, "cisa-2025/author").verdicts[0].reason == "organization 'Scan Ltd'");
  CHECK(rule(run("bsi-tr-03183-2", d), "bsi-tr-03183-2/creator").passed());
}

TEST_CASE("SPDX 2 documents: relationships of inclusion relate packages", "[check]") {
  Document d = read(R"j({"spdxVersion":"SPDX-2.3","dataLicense":"CC0-1.0","SPDXID":"SPDXRef-DOCUMENT","name":"x",
    "documentNamespace":"https://example.com/x","creationInfo":{"created":"2024-01-01T00:00:00Z",
    "creators":["Organization: Org (o@example.com)"]},
    "packages":[{"SPDXID":"SPDXRef-p","name":"p","versionInfo":"1","downloadLocation":"NOASSERTION"},
                {"SPDXID":"SPDXRef-q","name":"q","versionInfo":"1","downloadLocation":"NOASSERTION"},
                {"SPDXID":"SPDXRef-r","name":"r","versionInfo":"1","downloadLocation":"NOASSERTION"}],
    "relationships":[{"spdxElementId":"SPDXRef-DOCUMENT","relationshipType":"DESCRIBES","relatedSpdxElement":"SPDXRef-p"},
                     {"spdxElementId":"SPDXRef-p","relationshipType":"STATIC_LINK","relatedSpdxElement":"SPDXRef-q"},
                     {"spdxElementId":"SPDXRef-p","relationshipType":"DESCENDANT_OF","relatedSpdxElement":"SPDXRef-r"}]})j");
  auto p = run("ntia-2021", d);
  const auto& dep = rule(p, "ntia-2021/dependency");
  REQUIRE(dep.verdicts.size() == 3);
  CHECK(dep.verdicts[0].pass);
  CHECK(dep.verdicts[1].pass);
  CHECK_FALSE(dep.verdicts[2].pass);  // DESCENDANT_OF is no inclusion
  CHECK(rule(p, "ntia-2021/author").verdicts[0].reason == "organization 'Org'");
  CHECK(rule(run("bsi-tr-03183-2", d), "bsi-tr-03183-2/creator").verdicts[0].reason == "organization 'Org' o@example.com");
  CHECK(rule(run("cisa-2025", d), "cisa-2025/generation-context").verdicts[0].reason ==
        "SPDX 2 has no field for the generation context (lifecycle)");
}

TEST_CASE("unknown profiles and the schema profile's limits are errors", "[check]") {
  Document d = read(kCdx);
  check::Input in{&d, {}, "test", {}};
  auto r = check::run("ntia-2020", in);
  REQUIRE_FALSE(r);
  CHECK(r.error().message == "unknown profile 'ntia-2020' (profiles: ntia-2021, cisa-2025, bsi-tr-03183-2, schema)");
  auto s = check::run("schema", in);  // no schema directory
  REQUIRE_FALSE(s);
  CHECK(s.error().message.find("no schema cyclonedx/bom-1.6.schema.json") == 0);
}

TEST_CASE("reports are deterministic and carry every verdict", "[check]") {
  Document d = read(kCdx);
  std::vector<check::ProfileResult> rs{run("ntia-2021", d)};
  std::string j = check::format_json(rs, "in.json", check::describe(d));
  CHECK(j == check::format_json(rs, "in.json", check::describe(d)));
  CHECK(j.find("\"location\": \"/components/1\"") != std::string::npos);
  std::string t = check::format_text(rs, "in.json", check::describe(d));
  CHECK(t.find("  FAIL  ntia-2021/supplier: Supplier name (1 of 3 components fail)\n        b at /components/1: no supplier or publisher\n") !=
        std::string::npos);
  std::string m = check::format_markdown(rs, "in.json", check::describe(d));
  CHECK(m.find("| ntia-2021/supplier | b | /components/1 | no supplier or publisher |") != std::string::npos);
}

TEST_CASE("cisa-2025: a component hash, and why an OS package or an operating system has none", "[check]") {
  Document d = read(R"({"bomFormat":"CycloneDX","specVersion":"1.6","metadata":{"component":{"bom-ref":"img","name":"img","type":"container"}},
    "components":[{"bom-ref":"j","name":"j","purl":"pkg:maven/g/j@1","hashes":[{"alg":"SHA-256","content":"ab"}]},
                  {"bom-ref":"d","name":"bash","purl":"pkg:deb/debian/bash@5.2?distro=debian-12"},
                  {"bom-ref":"o","name":"debian","type":"operating-system"}]})");
  auto cisa = run("cisa-2025", d);
  const auto& hash = rule(cisa, "cisa-2025/hash");
  REQUIRE(hash.verdicts.size() == 4);
  CHECK(hash.verdicts[0].reason == "no hash");
  CHECK(hash.verdicts[1].reason == "SHA-256 hash");
  CHECK(hash.verdicts[2].reason ==
        "no hash: an installed OS package is no single file, and its package manager keeps no digest of the package file");
  CHECK(hash.verdicts[3].reason == "no hash: an operating system is no single file");
}

TEST_CASE("bsi-tr-03183-2's three flags: exactly once, with one of the taxonomy's two values", "[check]") {
  Document d = read(kCdx);
  auto set = [&](Component& c, std::vector<std::pair<std::string, std::string>> props) {
    c.properties.clear();
    for (auto& [n, v] : props) c.properties.push_back(Property{n, v, {}});
  };
  auto& comps = *d.components;
  set(comps[0], {{"bsi:component:executable", "non-executable"}, {"bsi:component:archive", "archive"},
                 {"bsi:component:structured", "structured"}});
  set(comps[1], {{"bsi:component:executable", "yes"}, {"bsi:component:archive", "no archive"},
                 {"bsi:component:archive", "archive"}});
  auto bsi = run("bsi-tr-03183-2", d);
  const auto& exe = rule(bsi, "bsi-tr-03183-2/executable");
  CHECK(exe.verdicts[1].pass);
  CHECK_FALSE(exe.verdicts[2].pass);
  CHECK(exe.verdicts[2].reason == "bsi:component:executable = 'yes', expected 'executable' or 'non-executable'");
  const auto& archive = rule(bsi, "bsi-tr-03183-2/archive");
  CHECK(archive.verdicts[1].pass);
  CHECK(archive.verdicts[2].reason == "property bsi:component:archive given 2 times (exactly once)");
  const auto& structured = rule(bsi, "bsi-tr-03183-2/structured");
  CHECK(structured.verdicts[1].pass);
  CHECK(structured.verdicts[2].reason == "no property bsi:component:structured");
  CHECK_FALSE(structured.verdicts[0].pass);  // the primary component has none
}

TEST_CASE("known unknowns: a declared gap passes ntia-2021 and cisa-2025, fails bsi and --strict, and says why", "[check]") {
  // b lacks supplier, version, hash and license; it declares the supplier unknown, the license
  // redacted, and the version with an empty reason (which declares nothing). a has a supplier and
  // still carries a stale declaration: the value wins.
  Document d = read(R"({"bomFormat":"CycloneDX","specVersion":"1.6",
    "metadata":{"timestamp":"2024-05-01T10:00:00Z","tools":{"components":[{"name":"t","version":"1"}]}},
    "components":[
      {"bom-ref":"a","name":"a","version":"2","purl":"pkg:npm/a@2","supplier":{"name":"A Inc"},
       "hashes":[{"alg":"SHA-256","content":"00"}],"licenses":[{"license":{"id":"MIT"}}],
       "properties":[{"name":"sbomkit:unknown:supplier","value":"stale"}]},
      {"bom-ref":"b","name":"b","purl":"pkg:npm/b",
       "properties":[{"name":"sbomkit:unknown:supplier","value":"no author in package.json"},
                     {"name":"sbomkit:redacted:license","value":"under NDA"},
                     {"name":"sbomkit:unknown:version","value":""},
                     {"name":"sbomkit:unknown:hash","value":"a directory"}]}],
    "dependencies":[{"ref":"a","dependsOn":["b"]}]})");
  auto ntia = run("ntia-2021", d);
  CHECK(ntia.accepts_declared);
  const auto& supplier = rule(ntia, "ntia-2021/supplier");
  CHECK(supplier.passed());
  CHECK(supplier.declared() == 1);
  CHECK(supplier.verdicts[0].declared.empty());  // a: has a supplier, the stale declaration is ignored
  CHECK(supplier.verdicts[0].reason == "supplier 'A Inc'");
  CHECK(supplier.verdicts[1].pass);
  CHECK(supplier.verdicts[1].declared == "unknown");
  CHECK(supplier.verdicts[1].reason == "declared unknown: no author in package.json");
  // A declaration without a reason is none: the missing version fails.
  const auto& version = rule(ntia, "ntia-2021/version");
  CHECK(version.failed() == 1);
  CHECK(version.verdicts[1].declared.empty());
  CHECK(version.verdicts[1].reason == "no version");
  CHECK_FALSE(ntia.passed());

  auto cisa = run("cisa-2025", d);
  const auto& license = rule(cisa, "cisa-2025/license");
  CHECK(license.passed());
  CHECK(license.verdicts[1].declared == "redacted");
  CHECK(license.verdicts[1].reason == "declared redacted: under NDA");
  CHECK(rule(cisa, "cisa-2025/hash").passed());

  // --strict: the same declarations fail, and keep their reasons.
  check::Input strict{&d, {}, "test", {}, true};
  auto s = check::run("cisa-2025", strict);
  REQUIRE(s);
  CHECK_FALSE(s->accepts_declared);
  const auto& strict_license = rule(*s, "cisa-2025/license");
  CHECK(strict_license.failed() == 1);
  CHECK(strict_license.verdicts[1].reason == "declared redacted: under NDA");
  CHECK(rule(*s, "cisa-2025/producer").failed() == 1);

  // BSI requires the values: a declaration never passes, the reason still shows it.
  auto bsi = run("bsi-tr-03183-2", d);
  CHECK_FALSE(bsi.accepts_declared);
  const auto& creator = rule(bsi, "bsi-tr-03183-2/component-creator");
  CHECK_FALSE(creator.verdicts[1].pass);
  CHECK(creator.verdicts[1].declared == "unknown");
  const auto& hash = rule(bsi, "bsi-tr-03183-2/hash");
  CHECK_FALSE(hash.verdicts[0].pass);  // a: SHA-256 only, and nothing declared
  CHECK(hash.verdicts[0].declared.empty());
  CHECK(hash.verdicts[1].reason == "declared unknown: a directory");

  // The reports say it: text groups the accepted declarations by reason, JSON marks each verdict.
  const std::string text = check::format_text({ntia}, "in", "CycloneDX 1.6 JSON");
  CHECK(text.find("declared unknown for b: no author in package.json") != std::string::npos);
  CHECK(text.find("(1 gap declared by the SBOM's author accepted as known unknowns; --strict fails them)") != std::string::npos);
  const std::string js = check::format_json({ntia, bsi}, "in", "CycloneDX 1.6 JSON");
  CHECK(js.find("\"acceptsDeclared\": true") != std::string::npos);
  CHECK(js.find("\"acceptsDeclared\": false") != std::string::npos);
  CHECK(js.find("\"declared\": \"unknown\"") != std::string::npos);
  const std::string md = check::format_markdown({cisa}, "in", "CycloneDX 1.6 JSON");
  CHECK(md.find("| cisa-2025/license | redacted | 1 | b | under NDA |") != std::string::npos);
}
