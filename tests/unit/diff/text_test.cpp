// Tests of the plain-text report.
#include "helpers.h"

using namespace diff_test;

TEST_CASE("text report of a small change, byte for byte") {
  auto a = doc({comp("a", "a", "1.0.0", "pkg:npm/a@1.0.0"), comp("b", "b", "1", "pkg:npm/b@1")},
               {vuln("CVE-1", "critical", {"a"}), vuln("CVE-2", "low", {"b"})});
  auto b = doc({comp("a", "a", "1.0.1", "pkg:npm/a@1.0.1"), comp("b", "b", "1", "pkg:npm/b@1")},
               {vuln("CVE-2", "low", {"b"})});
  std::string want =
      "sbom-diff: r1 -> r2\n"
      "components: 0 added, 0 removed, 1 upgraded, 0 downgraded, 0 changed version, 0 license changed, 0 content changed\n"
      "findings: 0 new, 1 fixed, 0 suppressed, 0 unsuppressed, 1 persisting (0 with a new severity)\n"
      "why: 1 package\n"
      "\n"
      "              r1  r2  change\n"
      "  components   2   2       0\n"
      "  CRITICAL     1   0      -1\n"
      "  HIGH         0   0       0\n"
      "  MEDIUM       0   0       0\n"
      "  LOW          1   1       0\n"
      "  NONE         0   0       0\n"
      "  UNKNOWN      0   0       0\n"
      "  suppressed   0   0       0\n"
      "\n"
      "critical+high: 1 -> 0 (100.0% reduction)\n"
      "\n"
      "version changes (1):\n"
      "  ~ pkg:npm/a 1.0.0 -> 1.0.1 (upgrade)\n"
      "\n"
      "fixed findings (1):\n"
      "  CRITICAL  CVE-1  pkg:npm/a 1.0.0  (package: upgraded to 1.0.1)\n";
  CHECK(sbom::diff::format_text(run({&a, &b})) == want);
}

TEST_CASE("text report says so when no document carries vulnerabilities") {
  auto a = doc({comp("a", "a", "1", "pkg:npm/a@1")}, {}, false);
  auto b = doc({}, {}, false);
  std::string t = sbom::diff::format_text(run({&a, &b}));
  CHECK(t.find("no vulnerabilities: none of the documents carries a vulnerabilities array") != std::string::npos);
  CHECK(t.find("removed components (1):\n  - pkg:npm/a 1\n") != std::string::npos);
  CHECK(t.find("CRITICAL") == std::string::npos);
}

TEST_CASE("text report of three releases lists each step") {
  auto r1 = doc({comp("a", "a", "1", "pkg:npm/a@1")}, {vuln("CVE-1", "high", {"a"})});
  auto r2 = doc({comp("a", "a", "2", "pkg:npm/a@2")});
  auto r3 = doc({comp("a", "a", "2", "pkg:npm/a@2")}, {vuln("CVE-9", "medium", {"a"})});
  std::string t = sbom::diff::format_text(run({&r1, &r2, &r3}));
  CHECK(t.find("sbom-diff: r1 -> r3 (3 releases)\n") == 0);
  CHECK(t.find("step r1 -> r2:\n") != std::string::npos);
  CHECK(t.find("  vanished: CVE-1 pkg:npm/a (high; package: upgraded to 2)\n") != std::string::npos);
  CHECK(t.find("step r2 -> r3:\n") != std::string::npos);
  CHECK(t.find("  appeared: CVE-9 pkg:npm/a (medium; advisory: CVE-9 added to the index (the documents do not both name their index))\n") !=
        std::string::npos);
  CHECK(t.find("baseline r1 -> latest r3:\n") != std::string::npos);
}
