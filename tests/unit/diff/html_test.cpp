// Tests of the HTML report's structure (the rendering is checked in Chromium by a CLI test).
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
  CHECK(h.find("<table class=\"sortable\" id=\"steps\">") != std::string::npos);
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
