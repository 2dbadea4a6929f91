// Tests of the Markdown report.
#include "helpers.h"

using namespace diff_test;

TEST_CASE("markdown report: headline, counts table, changes, escaping") {
  auto a = doc({comp("a", "a", "1.0.0", "pkg:npm/a@1.0.0")}, {vuln("CVE-1", "high", {"a"})});
  auto b = doc({comp("a", "a", "1.0.0", "pkg:npm/a@1.0.0"), comp("b", "b|c", "2", "")}, {vuln("CVE-1", "critical", {"a"})});
  std::vector<sbom::diff::Release> rel = {{"old_1.json", &a}, {"new.json", &b}};
  auto r = sbom::diff::compare(rel);
  REQUIRE(r);
  std::string m = sbom::diff::format_markdown(*r);
  CHECK(m.find("## SBOM diff: old\\_1.json → new.json\n") == 0);
  CHECK(m.find("**Critical+High: 1 → 1 (no change)**") != std::string::npos);
  CHECK(m.find("|  | old\\_1.json | new.json | change |\n| --- | ---: | ---: | ---: |\n") != std::string::npos);
  CHECK(m.find("| CRITICAL | 0 | 1 | +1 |\n") != std::string::npos);
  CHECK(m.find("| added | b\\|c |  | 2 |\n") != std::string::npos);
  CHECK(m.find("| severity changed | CRITICAL | CVE-1 | pkg:npm/a | 1.0.0 | advisory: re-rated high -\\> critical |\n") != std::string::npos);
}

TEST_CASE("markdown report of identical releases") {
  auto a = doc({comp("a", "a", "1", "pkg:npm/a@1")}, {});
  std::string m = sbom::diff::format_markdown(run({&a, &a}));
  CHECK(m.find("No component changes.") != std::string::npos);
  CHECK(m.find("No finding changes.") != std::string::npos);
}
