// Tests of the JSON report (its shape is schemas/diff.schema.json, checked by a CLI test).
#include "helpers.h"
#include "sbom/json.h"

using namespace diff_test;

TEST_CASE("json report: releases, summary, steps, gate") {
  auto a = doc({comp("a", "a", "1", "pkg:npm/a@1"), comp("b", "b", "1", "pkg:npm/b@1")},
               {vuln("CVE-1", "critical", {"a"}), vuln("CVE-2", "high", {"b"})});
  auto b = doc({comp("a", "a", "2", "pkg:npm/a@2"), comp("b", "b", "1", "pkg:npm/b@1")},
               {vuln("CVE-2", "high", {"b"}), vuln("CVE-3", "medium", {"a"})});
  sbom::diff::Options o;
  o.fail_on_new = sbom::diff::Severity::Medium;
  auto text = sbom::diff::format_json(run({&a, &b}, o));
  auto v = sbom::json::parse(text);
  REQUIRE(v);
  CHECK(v->find("diffVersion")->as_number().text == "1");
  const auto& rels = v->find("releases")->as_array();
  REQUIRE(rels.size() == 2);
  CHECK(rels[0].find("severity")->find("critical")->as_number().text == "1");
  CHECK(rels[1].find("severity")->find("critical")->as_number().text == "0");
  const auto* ch = v->find("summary")->find("criticalHigh");
  CHECK(ch->find("before")->as_number().text == "2");
  CHECK(ch->find("after")->as_number().text == "1");
  CHECK(ch->find("reductionPercent")->as_number().text == "50.0");
  const auto* overall = v->find("overall");
  CHECK(overall->find("counts")->find("upgraded")->as_number().text == "1");
  CHECK(overall->find("counts")->find("new")->as_number().text == "1");
  const auto& findings = overall->find("findings")->as_array();
  REQUIRE(findings.size() == 3);
  CHECK(findings[0].find("status")->as_string() == "new");
  CHECK(findings[0].find("id")->as_string() == "CVE-3");
  CHECK(findings[0].find("severityBefore") == nullptr);
  CHECK(findings[1].find("status")->as_string() == "fixed");
  CHECK(findings[1].find("note")->as_string() == "now 2");
  CHECK(v->find("steps")->as_array().size() == 1);
  CHECK_FALSE(v->find("gate")->find("passed")->as_bool());
  CHECK(v->find("gate")->find("violations")->as_array()[0].as_string() ==
        "--fail-on-new medium: 1 new finding at or above medium");
}

TEST_CASE("json report: no reduction when the baseline has no critical or high") {
  auto a = doc({comp("a", "a", "1", "pkg:npm/a@1")}, {});
  auto v = sbom::json::parse(sbom::diff::format_json(run({&a, &a})));
  REQUIRE(v);
  CHECK(v->find("summary")->find("criticalHigh")->find("reductionPercent")->is_null());
  CHECK_FALSE(v->find("summary")->find("differences")->as_bool());
  CHECK(v->find("gate")->find("passed")->as_bool());
}
