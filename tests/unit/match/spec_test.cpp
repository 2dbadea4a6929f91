// Tests of fitting sbom-match's additions to the document's specVersion, and of its tools entry.
#include <catch2/catch.hpp>

#include "sbom/cyclonedx.h"
#include "sbom/match.h"

namespace {

sbom::Document read(std::string_view text) {
  auto d = sbom::cyclonedx::read_json(text, "t.json");
  REQUIRE(d);
  return std::move(*d);
}

// metadata.tools as the writer writes it.
std::string tools_of(const sbom::Document& d) {
  const sbom::json::Value doc = sbom::cyclonedx::to_json(d);
  const sbom::json::Value* md = doc.find("metadata");
  const sbom::json::Value* tools = md ? md->find("tools") : nullptr;
  return tools ? sbom::json::write(*tools, {.indent = 0}) : "";
}

}  // namespace

TEST_CASE("vulnerabilities need 1.4: 1.2 and 1.3 are raised to it, 1.0 and 1.1 refused") {
  for (const char* v : {"1.2", "1.3"}) {
    auto d = read(std::string(R"({"bomFormat":"CycloneDX","specVersion":")") + v + R"("})");
    auto notes = sbom::match::fit_spec_version(d);
    REQUIRE(notes);
    CHECK(d.spec_version == "1.4");
    REQUIRE(notes->size() == 1);
    CHECK((*notes)[0] == std::string("specVersion ") + v + " cannot carry vulnerabilities: the document is written as 1.4");
  }
  for (const char* v : {"1.4", "1.5", "1.6", "1.7"}) {
    auto d = read(std::string(R"({"bomFormat":"CycloneDX","specVersion":")") + v + R"("})");
    auto notes = sbom::match::fit_spec_version(d);
    REQUIRE(notes);
    CHECK(notes->empty());
    CHECK(d.spec_version == v);
  }
  // The reader refuses these already; a document built in code can still carry them.
  auto old = read(R"({"bomFormat":"CycloneDX","specVersion":"1.6"})");
  old.spec_version = "1.1";
  auto refused = sbom::match::fit_spec_version(old);
  REQUIRE(!refused);
  CHECK_THAT(refused.error().message, Catch::StartsWith("CycloneDX 1.1 has no metadata nor vulnerabilities"));
  auto odd = read(R"({"bomFormat":"CycloneDX","specVersion":"1.6"})");
  odd.spec_version = "2.0";
  CHECK(!sbom::match::fit_spec_version(odd));
}

TEST_CASE("before 1.5 a CVSS v4 rating is written with method other, its score and vector kept") {
  auto d = read(R"({"bomFormat":"CycloneDX","specVersion":"1.4","vulnerabilities":[{"id":"X","ratings":[
    {"method":"CVSSv4","score":9.3,"severity":"critical","vector":"CVSS:4.0/AV:N/AC:L/AT:N/PR:N/UI:N/VC:H/VI:H/VA:H/SC:N/SI:N/SA:N"},
    {"method":"CVSSv31","score":9.8,"severity":"critical"}]}]})");
  CHECK(sbom::match::fit_ratings(d) == 1);
  const auto& r = d.vulnerabilities->front().ratings;
  CHECK(r[0].method == "other");
  CHECK(r[0].severity == "critical");
  CHECK(r[0].vector.rfind("CVSS:4.0/", 0) == 0);
  CHECK(r[1].method == "CVSSv31");
  d.spec_version = "1.5";
  d.vulnerabilities->front().ratings[0].method = "CVSSv4";
  CHECK(sbom::match::fit_ratings(d) == 0);
  CHECK(d.vulnerabilities->front().ratings[0].method == "CVSSv4");
}

TEST_CASE("a tool records itself (sbom::record_tool) in the tools form of the document's version, keeping what is there") {
  auto modern = read(R"({"bomFormat":"CycloneDX","specVersion":"1.6"})");
  sbom::record_tool(modern, "sbom-match", "0.1.0");
  CHECK(tools_of(modern) ==
        R"({"components":[{"type":"application","group":"sbomkit","name":"sbom-match","version":"0.1.0"}]})");
  sbom::record_tool(modern, "sbom-match", "0.1.0");  // a second pass adds nothing
  CHECK(tools_of(modern) ==
        R"({"components":[{"type":"application","group":"sbomkit","name":"sbom-match","version":"0.1.0"}]})");

  auto legacy = read(R"({"bomFormat":"CycloneDX","specVersion":"1.4","metadata":{"tools":[{"vendor":"aquasecurity","name":"trivy"}]}})");
  sbom::record_tool(legacy, "sbom-match", "0.1.0");
  CHECK(tools_of(legacy) ==
        R"([{"vendor":"aquasecurity","name":"trivy"},{"vendor":"sbomkit","name":"sbom-match","version":"0.1.0"}])");

  auto fresh_old = read(R"({"bomFormat":"CycloneDX","specVersion":"1.3"})");
  sbom::record_tool(fresh_old, "sbom-match", "0.1.0");
  CHECK(tools_of(fresh_old) == R"([{"vendor":"sbomkit","name":"sbom-match","version":"0.1.0"}])");

  // 1.5+ with only services, and a 1.6 document still using the legacy array: each keeps its form.
  auto services = read(R"({"bomFormat":"CycloneDX","specVersion":"1.5","metadata":{"tools":{"services":[{"name":"s"}]}}})");
  sbom::record_tool(services, "sbom-match", "0.1.0");
  CHECK(tools_of(services) ==
        R"({"components":[{"type":"application","group":"sbomkit","name":"sbom-match","version":"0.1.0"}],"services":[{"name":"s"}]})");
  auto mixed = read(R"({"bomFormat":"CycloneDX","specVersion":"1.6","metadata":{"tools":[{"name":"grype"}]}})");
  sbom::record_tool(mixed, "sbom-match", "0.1.0");
  CHECK(tools_of(mixed) == R"([{"name":"grype"},{"vendor":"sbomkit","name":"sbom-match","version":"0.1.0"}])");
}
