// Tests of the HTML report's structure (the rendering is checked in Chromium by a CLI test).
#include <cstdio>

#include "helpers.h"

using namespace diff_test;

TEST_CASE("html report: self-contained page with a trend chart and sortable tables") {
  auto r1 = doc({comp("a", "a", "1", "pkg:npm/a@1")}, {vuln("CVE-1", "critical", {"a"})});
  auto r2 = doc({comp("a", "a", "2", "pkg:npm/a@2")}, {vuln("CVE-2", "high", {"a"})});
  auto r3 = doc({comp("a", "a", "3", "pkg:npm/a@3")});
  std::vector<sbom::diff::Release> rel = {{"<b>r1</b>", &r1}, {"r2", &r2}, {"r3", &r3}};
  auto r = sbom::diff::compare(rel);
  REQUIRE(r);
  std::string h = sbom::diff::format_html(*r);
  CHECK(h.rfind("<!DOCTYPE html>\n", 0) == 0);
  CHECK(h.find("<svg id=\"trend\"") != std::string::npos);
  // One series per severity, one point per release; critical goes 1, 0, 0.
  CHECK(h.find("data-severity=\"critical\"") != std::string::npos);
  CHECK(h.find("CRITICAL &lt;b&gt;r1&lt;/b&gt;: 1") != std::string::npos);
  CHECK(h.find("<b>r1</b>") == std::string::npos);
  CHECK(h.find("<table class=\"sortable\" id=\"findings\">") != std::string::npos);
  CHECK(h.find("<table class=\"sortable keep\" id=\"steps\">") != std::string::npos);
  CHECK(h.find("addEventListener(\"click\"") != std::string::npos);
  // Nothing is fetched: no external scripts, styles, images or fonts.
  CHECK(h.find("src=") == std::string::npos);
  CHECK(h.find("href=") == std::string::npos);
  CHECK(h.find("@import") == std::string::npos);
  CHECK(h.find("url(") == std::string::npos);
}

TEST_CASE("html report without vulnerabilities has no chart") {
  auto a = doc({comp("a", "a", "1", "pkg:npm/a@1")}, {}, false);
  std::string h = sbom::diff::format_html(run({&a, &a}));
  CHECK(h.find("<svg") == std::string::npos);
  CHECK(h.find("No component changes.") != std::string::npos);
}

namespace {
// A scanned image as sbom-gen and sbom-match write it: metadata.component, tools, index provenance.
sbom::Document image_doc(const std::string& tag, const std::string& component_extra, const std::string& vuln_extra) {
  std::string s = R"({"bomFormat":"CycloneDX","specVersion":"1.6","metadata":{"tools":{"components":[)"
                  R"({"type":"application","group":"sbomkit","name":"sbom-gen","version":"9.8.7"}]},)"
                  R"("component":{"type":"container","bom-ref":"image","name":"example/app","version":")" + tag + "\"" +
                  component_extra + R"(},"properties":[{"name":"sbomkit:index:digest","value":"sha256:)" +
                  std::string(64, 'd') + R"("},{"name":"sbomkit:index:source","value":"sha256:)" + std::string(64, 'e') +
                  R"( osv/Debian"}]},"components":[{"type":"library","bom-ref":"a","name":"a","version":"1","purl":"pkg:npm/a@1"}],)"
                  R"("vulnerabilities":[{"id":"CVE-1","source":{"name":"osv","url":"https://osv.dev/CVE-1"},)"
                  R"("ratings":[{"source":{"name":"osv"},"severity":"high"}],"affects":[{"ref":"a"}])" + vuln_extra + "}]}";
  auto d = sbom::cyclonedx::read_json(s, "test.json");
  if (!d) FAIL(d.error().to_string() + "\n" + s);
  return std::move(*d);
}
}  // namespace

TEST_CASE("html report names releases by image and digest, with date, tools, index and advisory links") {
  const std::string manifest = "sha256:" + std::string(64, 'a'), config = "sha256:" + std::string(64, 'c');
  auto r1 = image_doc("1.0", R"(,"properties":[{"name":"sbomkit:image:manifest_digest","value":")" + manifest +
                                 R"("},{"name":"sbomkit:image:config_digest","value":")" + config + "\"}]",
                      R"(,"advisories":[{"url":"https://example.org/DSA-1"}])");
  // No property: the digest comes from the oci purl's version.
  auto r2 = image_doc("2.0", R"(,"purl":"pkg:oci/app@sha256%3A)" + std::string(64, 'b') + "\"", "");
  std::vector<sbom::diff::Release> rel = {{"one.json", &r1}, {"two.json", &r2}};
  auto r = sbom::diff::compare(rel);
  REQUIRE(r);
  CHECK(r->releases[0].image == "example/app:1.0");
  CHECK(r->releases[0].image_digest == manifest);
  CHECK(r->releases[0].image_id == config);
  CHECK(r->releases[1].image_digest == "sha256:" + std::string(64, 'b'));
  CHECK(r->releases[0].tools == std::vector<std::string>{"sbom-gen 9.8.7"});
  REQUIRE(r->overall.findings.size() == 1);
  // The later release's links first, then what only the earlier one named.
  CHECK(r->overall.findings[0].links == std::vector<std::string>{"https://osv.dev/CVE-1", "https://example.org/DSA-1"});

  r->made_at = 1767225600;
  r->made_by = "sbom-diff 1.2.3";
  std::string h = sbom::diff::format_html(*r);
  CHECK(h.find("<title>SBOM diff: example/app:1.0 → example/app:2.0</title>") != std::string::npos);
  CHECK(h.find("<tr><th>report date</th><td>2026-01-01T00:00:00Z</td></tr>") != std::string::npos);
  CHECK(h.find("<td>sbom-diff 1.2.3</td>") != std::string::npos);
  CHECK(h.find("manifest " + manifest + "<br>config " + config) != std::string::npos);
  CHECK(h.find("source osv/Debian <span class=\"digest\">sha256:" + std::string(64, 'e')) != std::string::npos);
  CHECK(h.find("<a class=\"url\" href=\"https://example.org/DSA-1\">https://example.org/DSA-1</a>") != std::string::npos);
  CHECK(h.find("@media print{") != std::string::npos);
  // Without a date the report has no such row (format_html alone stays deterministic).
  r->made_at.reset();
  CHECK(sbom::diff::format_html(*r).find("report date") == std::string::npos);
}

TEST_CASE("html report: releases of one image name and tag are told apart by their files") {
  auto a = image_doc("1.0", "", "");
  std::vector<sbom::diff::Release> rel = {{"monday.json", &a}, {"tuesday.json", &a}};
  auto r = sbom::diff::compare(rel);
  REQUIRE(r);
  std::string h = sbom::diff::format_html(*r);
  CHECK(h.find("<title>SBOM diff: example/app:1.0 (monday.json) → example/app:1.0 (tuesday.json)</title>") !=
        std::string::npos);
}

TEST_CASE("html report: the trend puts each severity on its own scale") {
  // 149 UNKNOWN beside one Critical: the Critical panel's line still spans its whole height.
  std::vector<std::string> many;
  for (int i = 0; i < 149; ++i)
    many.push_back("{\"id\":\"U-" + std::to_string(i) + "\",\"affects\":[{\"ref\":\"a\"}]}");
  auto with_critical = many;
  with_critical.push_back(vuln("CVE-9", "critical", {"a"}));
  auto r1 = doc({comp("a", "a", "1", "pkg:npm/a@1")}, with_critical);
  auto r2 = doc({comp("a", "a", "1", "pkg:npm/a@1")}, many);
  std::string h = sbom::diff::format_html(run({&r1, &r2}));
  auto panel = h.find("<g class=\"panel\" data-severity=\"critical\">");
  REQUIRE(panel != std::string::npos);
  auto pts = h.find("points=\"", panel);
  REQUIRE(pts != std::string::npos);
  // Points "x,y x,y": the first (1) at the panel's top, the second (0) on its axis, 90 px apart.
  std::string points = h.substr(pts + 8, h.find('"', pts + 8) - pts - 8);
  int x1 = 0, y1 = 0, x2 = 0, y2 = 0;
  REQUIRE(std::sscanf(points.c_str(), "%d,%d %d,%d", &x1, &y1, &x2, &y2) == 4);
  CHECK(y2 - y1 == 90);
  CHECK(h.find("UNKNOWN: 149 → 149") != std::string::npos);
}
