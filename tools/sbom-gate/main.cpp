// sbom-gate: the policy gate. Passes the document through byte for byte and exits 1 when the
// policy is violated, naming the rule each finding broke.
#include <cstdlib>
#include <optional>
#include <string>
#include <vector>

#include "cli.h"
#include "reports.h"
#include "sbom/policy.h"
#include "sbom/provenance.h"
#include "sbom/report.h"
#include "sbomkit_config.h"

namespace {

using sbom::cli::Exit;

struct Options {
  std::string input = "-";
  std::string output = "-";
  std::string policy_file;
  std::string fail_on;
  std::string max;
  bool fixable_only = false;
  bool ignore_wont_fix = false;
  bool ignore_vendor_unimportant = false;
  std::string unknown_as;
  std::string severity_source;
  std::size_t top = 10;
  std::string summary_format = "text";
  std::string summary_file;
  bool allow_unscanned = false;
  bool fail_on_kev = false;
  std::string epss_min;
  std::string epss_percentile_min;
  std::vector<std::string> reports;
  std::string report_severity;
  std::string kinds;
  std::string exclude_kinds;
};

// An error at the place in the policy file that set a value.
sbom::Error at_setting(const sbom::policy::Policy::Setting& s, const std::string& file, std::string message) {
  sbom::Error e(std::move(message));
  e.file = file;
  e.line = s.position.line;
  e.column = s.position.column;
  e.pointer = s.pointer;
  return e;
}

constexpr const char* kExamples =
    "  sbom-gate --fail-on high < scan.cdx.json > /dev/null\n"
    "  trivy image --format cyclonedx --scanners vuln IMG | sbom-gate --fail-on critical --max high=3\n"
    "  sbom-gate --policy policy.json --summary-format markdown --summary gate.md scan.cdx.json\n"
    "  sbom-gate --fail-on high --report sarif=gate.sarif --report junit=gate.xml < scan.cdx.json > /dev/null\n";

}  // namespace

int main(int argc, char** argv) {
  sbom::cli::Tool tool("sbom-gate", argv);
  Options o;
  CLI::App app(
      "Checks a CycloneDX document's vulnerabilities against a policy. The document is written to\n"
      "stdout unchanged; the summary goes to stderr, each line prefixed 'sbom-gate: ' (--summary FILE writes it bare).");
  tool.setup_app(app, kExamples, "policy violated");
  app.add_option("input", o.input, "CycloneDX JSON document (default: stdin)")->type_name("FILE");
  app.add_option("-o,--output", o.output, "write the document to FILE (atomically) instead of stdout")->type_name("FILE");
  app.add_option("--fail-on", o.fail_on, "fail on a finding at or above SEVERITY")
      ->type_name("SEVERITY")->check(CLI::IsMember({"critical", "high", "medium", "low", "none"}, CLI::ignore_case));
  app.add_option("--max", o.max, "count limits, e.g. critical=0,high=3")->type_name("LIMITS");
  app.add_flag("--fixable-only", o.fixable_only, "count only findings with a known fixed version");
  app.add_flag("--ignore-wont-fix", o.ignore_wont_fix,
               "do not count findings the vendor will not fix (Debian ignored or end-of-life, Red Hat will not fix or out of support scope)");
  app.add_flag("--ignore-vendor-unimportant", o.ignore_vendor_unimportant,
               "do not count findings whose vendor urgency is unimportant (Debian)");
  app.add_option("--unknown-as", o.unknown_as, "count findings without a rating as SEVERITY")
      ->type_name("SEVERITY")->check(CLI::IsMember({"critical", "high", "medium", "low"}, CLI::ignore_case));
  app.add_option("--severity-source", o.severity_source,
                 "rating sources tried in order: vendor, cvss, max or a source name (default vendor,cvss,max)")
      ->type_name("LIST");
  app.add_flag("--fail-on-kev", o.fail_on_kev, "fail on a finding in CISA's Known Exploited Vulnerabilities catalog");
  app.add_option("--epss-min", o.epss_min, "fail on a finding whose EPSS score is at least SCORE (0 to 1)")->type_name("SCORE");
  app.add_option("--epss-percentile-min", o.epss_percentile_min,
                 "fail on a finding whose EPSS percentile is at least P (0 to 1)")->type_name("P");
  app.add_option("--policy", o.policy_file,
                 "policy file (JSON, schemas/policy.schema.json; default $SBOMKIT_POLICY); flags override it")
      ->type_name("FILE");
  app.add_option("--top", o.top, "how many findings the summary lists (default 10)")
      ->type_name("N")->check(sbom::cli::count_check());
  app.add_option("--summary-format", o.summary_format, "text, json or markdown")
      ->type_name("FORMAT")->check(CLI::IsMember({"text", "json", "markdown"}));
  app.add_option("--summary", o.summary_file, "write the summary to FILE instead of stderr")->type_name("FILE");
  app.add_flag("--allow-unscanned", o.allow_unscanned,
               "check a document that shows no vulnerability scan instead of exiting 2");
  app.add_option("--report", o.reports,
                 "also write a report: sarif, junit, gitlab, table, markdown, json or github, to FILE "
                 "(default: a file named after the format; repeatable)")
      ->type_name("FORMAT[=FILE]")->allow_extra_args(false);
  app.add_option("--kinds", o.kinds,
                 "judge only findings of these kinds: vulnerability, secret, hygiene, eol (default: all)")
      ->type_name("LIST");
  app.add_option("--exclude-kind", o.exclude_kinds, "leave out findings of these kinds (neither counted nor listed)")
      ->type_name("LIST");
  app.add_option("--report-severity", o.report_severity,
                 "severities the reports show, e.g. critical,high (the verdict is unchanged)")->type_name("LIST");
  if (auto done = tool.parse(app, argc, argv)) return *done;

  // Precedence: a flag, then the environment (SBOMKIT_POLICY names the policy file when --policy
  // does not), then what the policy file says.
  sbom::policy::Policy policy;
  if (o.policy_file.empty())
    if (const char* env = std::getenv("SBOMKIT_POLICY"); env && *env) o.policy_file = env;
  if (!o.policy_file.empty()) {
    auto text = sbom::cli::read_text(o.policy_file);
    if (!text) return tool.fail(text.error());
    auto p = sbom::policy::parse_policy(*text, o.policy_file);
    if (!p) return tool.fail(p.error());
    policy = std::move(*p);
  }
  auto given = [&](const char* flag) { return app.count(flag) > 0; };
  if (policy.top && !given("--top")) o.top = std::stoull(policy.top->value);
  if (policy.summary_format && !given("--summary-format")) {
    o.summary_format = policy.summary_format->value;
    if (o.summary_format != "text" && o.summary_format != "json" && o.summary_format != "markdown")
      return tool.fail(at_setting(*policy.summary_format, o.policy_file,
                                  "unknown summary format '" + o.summary_format + "' (expected text, json or markdown)"));
  }
  if (policy.summary && !given("--summary")) o.summary_file = policy.summary->value;
  if (policy.output && !given("--output")) o.output = policy.output->value;
  if (policy.allow_unscanned && !given("--allow-unscanned")) o.allow_unscanned = policy.allow_unscanned->value == "true";
  if (policy.report_severity && !given("--report-severity")) o.report_severity = policy.report_severity->value;

  // Reports: the flags' list replaces the file's.
  sbom::report::Options report_options;
  report_options.tool = "sbom-gate";
  report_options.tool_version = SBOMKIT_VERSION;
  report_options.time = sbom::cli::now_epoch_seconds();
  if (!o.report_severity.empty()) {
    auto sev = sbom::report::parse_severity_list(o.report_severity);
    if (!sev) {
      if (!given("--report-severity") && policy.report_severity)
        return tool.fail(at_setting(*policy.report_severity, o.policy_file, sev.error().message));
      return tool.usage_error(sev.error().message);
    }
    report_options.severities = std::move(*sev);
  }
  std::vector<sbom::report::Request> requests;
  if (given("--report")) {
    for (const auto& spec : o.reports) {
      auto req = sbom::cli::resolve_report(spec, "sbom-gate", "document", o.output, {o.summary_file}, requests);
      if (!req) return tool.usage_error(req.error().message);
      requests.push_back(std::move(*req));
    }
  } else {
    for (const auto& setting : policy.reports) {
      auto req = sbom::cli::resolve_report(setting.value, "sbom-gate", "document", o.output, {o.summary_file}, requests);
      if (!req) return tool.fail(at_setting(setting, o.policy_file, req.error().message));
      requests.push_back(std::move(*req));
    }
  }
  if (!o.fail_on.empty()) {
    auto s = sbom::policy::parse_severity(o.fail_on);
    policy.fail_on = (s && *s != sbom::policy::Severity::None) ? s : std::nullopt;
  }
  if (!o.max.empty()) {
    if (auto s = sbom::policy::parse_max(o.max, policy); !s) return tool.fail(s.error());
  }
  if (o.fixable_only) policy.fixable_only = true;
  if (o.ignore_wont_fix) policy.ignore_wont_fix = true;
  if (o.ignore_vendor_unimportant) policy.ignore_vendor_unimportant = true;
  if (!o.unknown_as.empty()) policy.unknown_as = sbom::policy::parse_severity(o.unknown_as);
  if (!o.severity_source.empty()) {
    if (auto s = sbom::policy::parse_severity_sources(o.severity_source, policy); !s) return tool.fail(s.error());
  }

  if (o.fail_on_kev) policy.fail_on_kev = true;
  if (!o.kinds.empty()) {
    if (auto s = sbom::policy::parse_kinds(o.kinds, policy.kinds); !s) return tool.usage_error("--kinds: " + s.error().message);
  }
  if (!o.exclude_kinds.empty()) {
    if (auto s = sbom::policy::parse_kinds(o.exclude_kinds, policy.exclude_kinds); !s)
      return tool.usage_error("--exclude-kind: " + s.error().message);
  }
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
  // Judging only secrets, hygiene or end of life needs no vulnerability scan.
  if (auto s = sbom::policy::require_findings_format(input->doc, o.input == "-" ? "<stdin>" : o.input); !s) {
    if (!o.allow_unscanned) return tool.fail(s.error());
    tool.warn(s.error().to_string() + " (--allow-unscanned: the verdict covers no findings)");
  }
  if (!o.allow_unscanned && policy.judges("vulnerability"))
    if (auto s = sbom::policy::require_scanned(input->doc, o.input == "-" ? "<stdin>" : o.input); !s)
      return tool.fail(s.error());

  // The index it was scanned with, for the summary; a malformed record of it is an input error.
  auto index = sbom::read_index_provenance(input->doc);
  if (!index) return tool.fail(index.error().in_file(o.input == "-" ? "<stdin>" : o.input));

  sbom::policy::Report report = sbom::policy::evaluate(input->doc, policy);
  if (*index) {
    report.index_age_days = sbom::index_age_days(**index, sbom::cli::now_epoch_seconds());
    report.index = std::move(*index);
  }

  // Reports before the document: one that cannot be written stops the run with nothing on
  // stdout. Each is written whole or not at all (atomically).
  if (auto s = sbom::cli::write_reports(tool, requests, input->doc, report, report_options); !s) return tool.fail(s.error());

  // The gate owns nothing of the document: it goes on byte for byte as it came.
  if (auto s = tool.write_output(o.output, input->text.view()); !s) return tool.fail(s.error());

  auto fmt = o.summary_format == "json"       ? sbom::policy::SummaryFormat::Json
             : o.summary_format == "markdown" ? sbom::policy::SummaryFormat::Markdown
                                              : sbom::policy::SummaryFormat::Text;
  std::string summary = sbom::policy::format_summary(report, policy, fmt, o.top);
  if (!o.summary_file.empty()) {
    if (auto s = tool.write_output(o.summary_file, summary); !s) return tool.fail(s.error());
  } else {
    tool.report(summary);
  }
  // exit() rather than return: it leaves main's locals alive, and freeing a model of 100,000
  // components piece by piece would cost a tenth of the run for nothing.
  std::exit(tool.finish(report.violated() ? Exit::kViolation : Exit::kOk));
}
