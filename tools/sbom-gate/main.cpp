// sbom-gate: the policy gate. Passes the document through byte for byte and exits 1 when the
// policy is violated, naming the rule each finding broke.
#include <cstdlib>
#include <optional>
#include <string>

#include "cli.h"
#include "sbom/policy.h"

namespace {

struct Options {
  std::string input = "-";
  std::string output = "-";
  std::string policy_file;
  std::string fail_on;
  std::string max;
  bool fixable_only = false;
  std::string unknown_as;
  std::string severity_source;
  std::size_t top = 10;
  std::string summary_format = "text";
  std::string summary_file;
  bool allow_unscanned = false;
  bool fail_on_kev = false;
  std::string epss_min;
  std::string epss_percentile_min;
};

constexpr const char* kExamples =
    "  sbom-gate --fail-on high < scan.cdx.json > /dev/null\n"
    "  trivy image --format cyclonedx --scanners vuln IMG | sbom-gate --fail-on critical --max high=3\n"
    "  sbom-gate --policy policy.json --summary-format markdown --summary gate.md scan.cdx.json\n";

}  // namespace

int main(int argc, char** argv) {
  sbom::cli::Tool tool("sbom-gate");
  Options o;
  CLI::App app(
      "Checks a CycloneDX document's vulnerabilities against a policy. The document is written to\n"
      "stdout unchanged; the summary goes to stderr.");
  tool.setup_app(app, kExamples, "policy violated");
  app.add_option("input", o.input, "CycloneDX JSON document (default: stdin)")->type_name("FILE");
  app.add_option("-o,--output", o.output, "write the document to FILE (atomically) instead of stdout")->type_name("FILE");
  app.add_option("--fail-on", o.fail_on, "fail on a finding at or above SEVERITY")
      ->type_name("SEVERITY")->check(CLI::IsMember({"critical", "high", "medium", "low", "none"}, CLI::ignore_case));
  app.add_option("--max", o.max, "count limits, e.g. critical=0,high=3")->type_name("LIMITS");
  app.add_flag("--fixable-only", o.fixable_only, "count only findings with a known fixed version");
  app.add_option("--unknown-as", o.unknown_as, "count findings without a rating as SEVERITY")
      ->type_name("SEVERITY")->check(CLI::IsMember({"critical", "high", "medium", "low"}, CLI::ignore_case));
  app.add_option("--severity-source", o.severity_source,
                 "rating sources tried in order: vendor, cvss, max or a source name (default vendor,cvss,max)")
      ->type_name("LIST");
  app.add_flag("--fail-on-kev", o.fail_on_kev, "fail on a finding in CISA's Known Exploited Vulnerabilities catalog");
  app.add_option("--epss-min", o.epss_min, "fail on a finding whose EPSS score is at least SCORE (0 to 1)")->type_name("SCORE");
  app.add_option("--epss-percentile-min", o.epss_percentile_min,
                 "fail on a finding whose EPSS percentile is at least P (0 to 1)")->type_name("P");
  app.add_option("--policy", o.policy_file, "policy file (JSON, schemas/policy.schema.json); flags override it")->type_name("FILE");
  app.add_option("--top", o.top, "how many findings the summary lists (default 10)")
      ->type_name("N")->check(sbom::cli::count_check());
  app.add_option("--summary-format", o.summary_format, "text, json or markdown")
      ->type_name("FORMAT")->check(CLI::IsMember({"text", "json", "markdown"}));
  app.add_option("--summary", o.summary_file, "write the summary to FILE instead of stderr")->type_name("FILE");
  app.add_flag("--allow-unscanned", o.allow_unscanned,
               "check a document that shows no vulnerability scan instead of exiting 2");
  if (int rc = tool.parse(app, argc, argv); rc >= 0) return rc;

  sbom::policy::Policy policy;
  if (!o.policy_file.empty()) {
    auto text = sbom::cli::read_text(o.policy_file);
    if (!text) return tool.fail(text.error());
    auto p = sbom::policy::parse_policy(*text, o.policy_file);
    if (!p) return tool.fail(p.error());
    policy = std::move(*p);
  }
  if (!o.fail_on.empty()) {
    auto s = sbom::policy::parse_severity(o.fail_on);
    policy.fail_on = (s && *s != sbom::policy::Severity::None) ? s : std::nullopt;
  }
  if (!o.max.empty()) {
    if (auto s = sbom::policy::parse_max(o.max, policy); !s) return tool.fail(s.error());
  }
  if (o.fixable_only) policy.fixable_only = true;
  if (!o.unknown_as.empty()) policy.unknown_as = sbom::policy::parse_severity(o.unknown_as);
  if (!o.severity_source.empty()) {
    if (auto s = sbom::policy::parse_severity_sources(o.severity_source, policy); !s) return tool.fail(s.error());
  }

  if (o.fail_on_kev) policy.fail_on_kev = true;
  if (!o.epss_min.empty()) {
    auto x = sbom::policy::parse_probability(o.epss_min, "--epss-min");
    if (!x) return tool.fail(x.error());
    policy.epss_min = *x;
  }
  if (!o.epss_percentile_min.empty()) {
    auto x = sbom::policy::parse_probability(o.epss_percentile_min, "--epss-percentile-min");
    if (!x) return tool.fail(x.error());
    policy.epss_percentile_min = *x;
  }

  auto input = sbom::cli::read_document_and_text(o.input);
  if (!input) return tool.fail(input.error());

  // A document nobody scanned has no findings: passing it would be a clean verdict on nothing.
  if (!o.allow_unscanned)
    if (auto s = sbom::policy::require_scanned(input->doc, o.input == "-" ? "<stdin>" : o.input); !s)
      return tool.fail(s.error());

  sbom::policy::Report report = sbom::policy::evaluate(input->doc, policy);

  // The gate owns nothing of the document: it goes on byte for byte as it came.
  if (auto s = tool.write_output(o.output, input->text.view()); !s) return tool.fail(s.error());

  auto fmt = o.summary_format == "json"       ? sbom::policy::SummaryFormat::Json
             : o.summary_format == "markdown" ? sbom::policy::SummaryFormat::Markdown
                                              : sbom::policy::SummaryFormat::Text;
  std::string summary = sbom::policy::format_summary(report, policy, fmt, o.top);
  if (!o.summary_file.empty()) {
    if (auto s = tool.write_output(o.summary_file, summary); !s) return tool.fail(s.error());
  } else {
    std::fputs(summary.c_str(), stderr);
  }
  // exit() rather than return: it leaves main's locals alive, and freeing a model of 100,000
  // components piece by piece would cost a tenth of the run for nothing.
  std::exit(tool.finish(report.violated() ? 1 : 0));
}
