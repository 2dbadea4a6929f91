// sbom-diff: what changed between releases and whether they got safer (components, findings,
// severity counts, drift across several releases), with a baseline gate.
#include <cstdio>
#include <cstdlib>
#include <optional>
#include <string>
#include <vector>

#include "cli.h"
#include "reports.h"
#include "sbom/diff.h"
#include "sbom/parallel.h"
#include "sbom/policy.h"
#include "sbom/report.h"
#include "sbom/text.h"
#include "sbomkit_config.h"

namespace {

using sbom::cli::Exit;

struct Options {
  std::vector<std::string> inputs;
  std::string format = "text";
  std::string output = "-";
  std::string fail_on_new;
  bool fail_on_added = false;
  bool allow_unscanned = false;
  std::vector<std::string> reports;
  std::string now;
};

constexpr const char* kExamples =
    "  sbom-diff baseline.cdx.json release.cdx.json\n"
    "  sbom-diff --fail-on-new high main.cdx.json pr.cdx.json > /dev/null\n"
    "  sbom-diff --format html -o drift.html q1.cdx.json q2.cdx.json q3.cdx.json\n"
    "  sbom-diff --fail-on-new high --report sarif=new.sarif main.cdx.json pr.cdx.json\n";

}  // namespace

int main(int argc, char** argv) {
  sbom::cli::Tool tool("sbom-diff", argv);
  Options o;
  CLI::App app(
      "Compares SBOMs of two or more releases: components added, removed and changed, findings new,\n"
      "fixed, suppressed and persisting, severity counts per release. The first document is the\n"
      "baseline; with more than two, each step and the drift across all are reported.\n"
      "Without a gate option the exit status says whether anything differs; with one, whether the gate failed.");
  tool.setup_app(app, kExamples, "differences found (no gate option) or gate failed (--fail-on-new, --fail-on-added)");
  app.add_option("documents", o.inputs, "OLD NEW [NEWER...]: documents in release order ('-' for stdin, once)")
      ->type_name("FILE")->required()->expected(2, -1);
  app.add_option("--format", o.format, "text, markdown, json or html (default text)")
      ->type_name("FORMAT")->check(CLI::IsMember({"text", "markdown", "json", "html"}));
  app.add_option("-o,--output", o.output, "write the report to FILE (atomically) instead of stdout")->type_name("FILE");
  app.add_option("--fail-on-new", o.fail_on_new, "exit 1 when the latest release has a new finding at or above SEVERITY")
      ->type_name("SEVERITY")->check(CLI::IsMember({"critical", "high", "medium", "low"}, CLI::ignore_case));
  app.add_flag("--fail-on-added", o.fail_on_added, "exit 1 when the latest release has a component the baseline has not");
  app.add_flag("--allow-unscanned", o.allow_unscanned,
               "with --fail-on-new, compare documents that show no vulnerability scan instead of exiting 2");
  app.add_option("--report", o.reports,
                 "also write the latest release's new findings as a report: sarif, junit, gitlab, table, "
                 "markdown, json or github, to FILE (default: a file named after the format; repeatable)")
      ->type_name("FORMAT[=FILE]")->allow_extra_args(false);
  app.add_option("--now", o.now,
                 "the report date the HTML report shows: YYYY-MM-DD or RFC 3339 (default: SOURCE_DATE_EPOCH, else the clock)")
      ->type_name("DATE");
  if (auto done = tool.parse(app, argc, argv)) return *done;
  std::int64_t now = sbom::cli::now_epoch_seconds();
  if (!o.now.empty()) {
    auto t = sbom::text::parse_utc_time(o.now);
    if (!t) return tool.usage_error("--now: '" + o.now + "' is not a date (YYYY-MM-DD or RFC 3339)");
    now = *t;
  }

  std::vector<sbom::report::Request> requests;
  for (const auto& spec : o.reports) {
    auto req = sbom::cli::resolve_report(spec, "sbom-diff", "diff", o.output, {}, requests);
    if (!req) return tool.usage_error(req.error().message);
    requests.push_back(std::move(*req));
  }

  std::size_t stdin_count = 0;
  for (const auto& in : o.inputs) stdin_count += in == "-";
  if (stdin_count > 1) return tool.fail("only one document can be read from stdin");

  // Documents are parsed side by side (big SBOMs take most of the run parsing); the first
  // error in argument order is the one reported.
  // Each reader keeps its warnings, printed afterwards in argument order: threads finish in any
  // order, stderr must not follow them.
  std::vector<std::optional<sbom::Expected<sbom::Document>>> read(o.inputs.size());
  std::vector<sbom::DiagnosticList> read_warnings(o.inputs.size());
  sbom::parallel_for(o.inputs.size(),
                     [&](std::size_t i) { read[i].emplace(sbom::cli::read_document(o.inputs[i], read_warnings[i].sink())); });
  for (const auto& ws : read_warnings) ws.replay(tool.diagnostics());
  std::vector<sbom::diff::Release> releases;
  for (std::size_t i = 0; i < read.size(); ++i) {
    if (!*read[i]) return tool.fail(read[i]->error());
    releases.push_back({o.inputs[i] == "-" ? "<stdin>" : o.inputs[i], &sbom::cli::keep_until_exit(std::move(**read[i]))});
  }

  // --fail-on-new judges findings: a document nobody scanned has none, so a release that was never
  // scanned would pass, and against an unscanned baseline every finding would be "new".
  if (!o.fail_on_new.empty()) {
    for (const auto& rel : releases)
      if (auto s = sbom::policy::require_findings_format(*rel.doc, rel.label); !s) {
        if (!o.allow_unscanned) return tool.fail(s.error());
        tool.warn(s.error().to_string() + " (--allow-unscanned: no finding of it can be new)");
      }
    if (!o.allow_unscanned)
      for (const auto& rel : releases)
        if (auto s = sbom::policy::require_scanned(*rel.doc, rel.label); !s) return tool.fail(s.error());
  }

  sbom::diff::Options options;
  if (!o.fail_on_new.empty()) options.fail_on_new = sbom::policy::parse_severity(o.fail_on_new);
  options.fail_on_added = o.fail_on_added;
  options.keep_new_findings = !requests.empty();
  options.diagnostics = tool.diagnostics();
  auto report = sbom::diff::compare(releases, options);
  if (!report) return tool.fail(report.error());

  report->made_at = now;
  report->made_by = std::string("sbom-diff ") + SBOMKIT_VERSION;

  // Reports first: one that cannot be written stops the run before the diff reaches stdout.
  sbom::report::Options report_options;
  report_options.tool = "sbom-diff";
  report_options.tool_version = SBOMKIT_VERSION;
  report_options.time = now;
  if (auto s = sbom::cli::write_reports(tool, requests, *releases.back().doc, report->new_findings, report_options); !s) return tool.fail(s.error());

  auto fmt = sbom::diff::parse_format(o.format).value_or(sbom::diff::Format::kText);
  auto produce = [&](const sbom::json::Sink& sink) { sbom::diff::write(*report, fmt, sink); };
  if (auto s = tool.write_output(o.output, produce); !s) return tool.fail(s.error());
  for (const auto& v : report->violations) std::fprintf(stderr, "sbom-diff: gate failed: %s\n", sbom::text::printable(v).c_str());

  const bool gated = options.fail_on_new || options.fail_on_added;
  const bool bad = gated ? !report->violations.empty() : report->differs();
  return tool.finish(bad ? Exit::kViolation : Exit::kOk);
}
