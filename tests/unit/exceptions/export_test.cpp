// Tests for export: never wider than the ledger, and what it writes comes back through import.
#include <catch2/catch.hpp>

#include <map>

#include "sbom/cyclonedx.h"
#include "sbom/exceptions.h"
#include "sbom/json.h"

namespace ex = sbom::exceptions;

namespace {

// Two Go binaries built by different toolchains, one lodash at two paths, a package with no purl.
constexpr const char* kScan = R"({"bomFormat":"CycloneDX","specVersion":"1.6",
 "metadata":{"component":{"type":"container","name":"registry.example/app"}},
 "components":[
  {"bom-ref":"go1","name":"stdlib","version":"1.20.12","purl":"pkg:golang/stdlib@1.20.12",
   "properties":[{"name":"sbomkit:path","value":"/usr/bin/old"}]},
  {"bom-ref":"go2","name":"stdlib","version":"1.21.5","purl":"pkg:golang/stdlib@1.21.5",
   "properties":[{"name":"sbomkit:path","value":"/usr/bin/new"}]},
  {"bom-ref":"l1","name":"lodash","version":"4.17.20","purl":"pkg:npm/lodash@4.17.20",
   "properties":[{"name":"sbomkit:path","value":"/app/node_modules/lodash/package.json"}]},
  {"bom-ref":"l2","name":"lodash","version":"4.17.20","purl":"pkg:npm/lodash@4.17.20",
   "properties":[{"name":"sbomkit:path","value":"/opt/node_modules/lodash/package.json"}]},
  {"bom-ref":"x","name":"vendored"}],
 "vulnerabilities":[
  {"bom-ref":"v1","id":"CVE-2023-45288","affects":[{"ref":"go1"},{"ref":"go2"}]},
  {"bom-ref":"v2","id":"CVE-2021-23337","affects":[{"ref":"l1"},{"ref":"l2"}]}]})";

sbom::Document scan() {
  auto d = sbom::cyclonedx::read_json(kScan, "scan.json");
  if (!d) FAIL(d.error().to_string());
  return std::move(d).value();
}

ex::Ledger ledger(const std::string& yaml) {
  auto l = ex::parse_ledger(yaml, "e.yaml");
  if (!l) FAIL(l.error().to_string());
  return std::move(l).value();
}

const ex::Date kToday = *ex::Date::parse("2026-11-27");

// What a ledger suppresses in the scan: "vulnerability/ref" -> "state owner expires ticket".
std::map<std::string, std::string> effect(const ex::Ledger& l) {
  auto doc = scan();
  ex::apply(l, doc, kToday, 14);
  std::map<std::string, std::string> out;
  for (const auto& v : *doc.vulnerabilities) {
    if (!v.analysis) continue;
    auto prop = [&](const char* n) { const auto* p = v.property(n); return p ? p->value : std::string("-"); };
    for (const auto& a : v.affects)
      out[v.id + "/" + a.ref] = v.analysis->state + " " + prop("sbomkit:exception:owner") + " " + prop("sbomkit:exception:expires") + " " +
                                prop("sbomkit:exception:ticket");
  }
  return out;
}

ex::ExportOptions with_sbom(const sbom::Document& doc, ex::ExportFormat fmt = ex::ExportFormat::OpenVex) {
  ex::ExportOptions o;
  o.format = fmt;
  o.today = kToday;
  o.sbom = &doc;
  o.sbom_name = "scan.json";
  return o;
}

// Export (with the scan as --sbom), import the result, and return the re-imported ledger.
ex::Ledger round_trip(const ex::Ledger& l, ex::ExportFormat fmt) {
  auto doc = scan();
  auto vex = ex::export_vex(l, with_sbom(doc, fmt));
  if (!vex) FAIL(vex.error().to_string());
  auto imported = ex::import_file(fmt == ex::ExportFormat::OpenVex ? ex::ImportFormat::OpenVex : ex::ImportFormat::CycloneDxVex,
                                  sbom::json::write(*vex), "vex.json");
  if (!imported) FAIL(imported.error().to_string());
  CHECK(imported->missing_owner == 0);
  CHECK(imported->missing_expiry == 0);
  return ledger(ex::to_yaml(imported->entries));
}

constexpr const char* kLedger =
    "exceptions:\n"
    "  - id: CVE-2023-45288\n"
    "    scope: {purl: pkg:golang/stdlib, versions: '< 1.21'}\n"
    "    status: not_affected\n    justification: code_not_reachable\n"
    "    reason: no HTTP/2 server\n    owner: go-team\n    expires: 2027-01-31\n    ticket: SEC-7\n"
    "  - id: CVE-2021-23337\n"
    "    scope: {path: /app/*}\n"
    "    status: false_positive\n"
    "    reason: only under /app\n    owner: web-team\n    expires: 2027-02-28\n";

}  // namespace

TEST_CASE("export refuses what a VEX product cannot say without an SBOM") {
  auto l = ledger(kLedger);
  ex::ExportOptions o;
  o.today = kToday;
  auto vex = ex::export_vex(l, o);
  REQUIRE_FALSE(vex);
  CHECK(vex.error().to_string() ==
        "e.yaml:2:5: CVE-2023-45288: scope versions '< 1.21' cannot be written as VEX products without covering more; give --sbom FILE "
        "to export the components it covers there");
}

TEST_CASE("export then import suppresses exactly what the ledger does, with owner, expiry and ticket") {
  auto l = ledger(kLedger);
  CHECK(effect(l) == std::map<std::string, std::string>{{"CVE-2021-23337/l1", "false_positive web-team 2027-02-28 -"},
                                                        {"CVE-2023-45288/go1", "not_affected go-team 2027-01-31 SEC-7"}});
  // The path-only entry is refused: the copy of lodash@4.17.20 under /opt has the same purl.
  auto doc = scan();
  auto vex = ex::export_vex(l, with_sbom(doc));
  REQUIRE_FALSE(vex);
  CHECK(vex.error().to_string() ==
        "e.yaml:10:5: CVE-2021-23337: scope path '/app/*' leaves out a copy of pkg:npm/lodash@4.17.20 that VEX cannot tell apart from the one it covers");
  // Without it, both formats round-trip to the same effect.
  auto go_only = ledger(std::string(kLedger).substr(0, std::string(kLedger).find("  - id: CVE-2021-23337")));
  auto direct = effect(go_only);
  CHECK(direct == std::map<std::string, std::string>{{"CVE-2023-45288/go1", "not_affected go-team 2027-01-31 SEC-7"}});
  for (auto fmt : {ex::ExportFormat::OpenVex, ex::ExportFormat::CycloneDxVex}) {
    auto back = round_trip(go_only, fmt);
    CHECK(effect(back) == direct);
    REQUIRE(back.entries.size() == 1);
    CHECK(back.entries[0].scope.purl == "pkg:golang/stdlib@1.20.12");
    CHECK(back.entries[0].ticket == "SEC-7");
  }
}

TEST_CASE("a path-only entry exports the components found there") {
  auto l = ledger(
      "exceptions:\n  - id: CVE-2023-45288\n    scope: {path: /usr/bin/new}\n    status: false_positive\n"
      "    reason: r\n    owner: o\n    expires: 2027-01-31\n");
  auto back = round_trip(l, ex::ExportFormat::OpenVex);
  CHECK(effect(back) == effect(l));
  CHECK(effect(l).size() == 1);
}

TEST_CASE("an image scope exports as the image with subcomponents (OpenVEX) or is refused (CycloneDX)") {
  auto l = ledger(
      "exceptions:\n  - id: CVE-2023-45288\n    scope: {image: registry.example/app, purl: pkg:golang/stdlib, versions: '>= 1.21'}\n"
      "    status: false_positive\n    reason: r\n    owner: o\n    expires: 2027-01-31\n");
  auto doc = scan();
  auto o = with_sbom(doc);
  auto vex = ex::export_vex(l, o);
  REQUIRE(vex);
  const auto& product = vex->find("statements")->as_array()[0].find("products")->as_array()[0];
  CHECK(product.find("@id")->as_string() == "registry.example/app");
  CHECK(product.find("subcomponents")->as_array()[0].find("@id")->as_string() == "pkg:golang/stdlib@1.21.5");
  auto back = round_trip(l, ex::ExportFormat::OpenVex);
  CHECK(effect(back) == effect(l));
  CHECK(back.entries[0].scope.image == "registry.example/app");
  o.format = ex::ExportFormat::CycloneDxVex;
  auto cdx = ex::export_vex(l, o);
  REQUIRE_FALSE(cdx);
  CHECK(cdx.error().message.find("cannot be written as CycloneDX VEX") != std::string::npos);
}

TEST_CASE("an entry covering nothing in the SBOM is left out and said") {
  auto l = ledger(
      "exceptions:\n  - id: CVE-2023-45288\n    scope: {purl: pkg:golang/stdlib, versions: '< 1.0'}\n    status: false_positive\n"
      "    reason: r\n    owner: o\n    expires: 2027-01-31\n");
  auto doc = scan();
  std::vector<std::string> notes;
  auto vex = ex::export_vex(l, with_sbom(doc), sbom::Diagnostics([&](const sbom::Diagnostic& d) { notes.push_back(d.to_string()); }));
  REQUIRE(vex);
  CHECK(vex->find("statements")->as_array().empty());
  CHECK(notes == std::vector<std::string>{"e.yaml:2: CVE-2023-45288 covers no component of the SBOM; not exported"});
}

TEST_CASE("a fix-state entry is refused: VEX statements carry no condition on findings") {
  auto l = ledger("exceptions:\n  - id: CVE-2023-45288\n    scope: {fix-state: not-fixed}\n    status: false_positive\n"
                  "    reason: r\n    owner: o\n    expires: 2027-01-31\n");
  auto doc = scan();
  auto vex = ex::export_vex(l, with_sbom(doc));
  REQUIRE_FALSE(vex);
  CHECK(vex.error().to_string() == "e.yaml:2:5: CVE-2023-45288: fix-state not-fixed is a condition on findings, which a VEX statement cannot carry; not exported");
}
