// sbom-exceptions: the exception ledger (apply, lint, report).
#include <cstdio>
#include <string>

#include "cli.h"
#include "sbom/text.h"
#include "sbom/policy.h"
#include "sbom/exceptions.h"
#include "sbom/json.h"
#include "sbomkit_config.h"

namespace ex = sbom::exceptions;

namespace {

using sbom::cli::Exit;

struct Options {
  std::string ledger;
  std::string sbom = "-";
  std::string output = "-";
  std::string now;
  std::int64_t warn_within = 14;
  bool fail_on_expired = false;
  bool fail_on_stale = false;
  std::string format = "text";
  std::string doc_format;  // apply --format
  std::string from;
  std::string to;
  std::string author = "sbomkit";
  std::string export_sbom;
};

constexpr const char* kExamples =
    "  sbom-match --db osv/ < sbom.json | sbom-exceptions apply exceptions.yaml | sbom-gate --fail-on high\n"
    "  sbom-exceptions apply --fail-on-expired --fail-on-stale exceptions.yaml scan.cdx.json > vex.cdx.json\n"
    "  sbom-exceptions lint exceptions.yaml\n"
    "  sbom-exceptions report --format markdown exceptions.yaml scan.cdx.json\n";

}  // namespace

int main(int argc, char** argv) {
  sbom::cli::Tool tool("sbom-exceptions", argv);
  Options o;
  CLI::App app("Documented, owned and expiring exceptions for vulnerability findings, applied as VEX analysis.");
  tool.setup_app(app, kExamples, "expired/stale entries with --fail-on-expired/--fail-on-stale; lint found problems");
  app.require_subcommand(1);
  auto add_now = [&](CLI::App* sub) {
    sub->add_option("--now", o.now, "today's date YYYY-MM-DD or an RFC 3339 date-time (default: SOURCE_DATE_EPOCH, else the clock)")->type_name("DATE");
  };

  CLI::App* apply = app.add_subcommand("apply", "apply the ledger to an SBOM (a filter: document on stdout)");
  apply->add_option("ledger", o.ledger, "exceptions file (YAML or JSON)")->required()->type_name("FILE");
  apply->add_option("sbom", o.sbom, "SBOM in any format the toolkit reads (default: stdin)")->type_name("SBOM");
  apply->add_option("-o,--output", o.output, "write the document to FILE (atomically)")->type_name("FILE");
  apply->add_option("--warn-within", o.warn_within, "warn about entries expiring within DAYS (default 14)")->type_name("DAYS")->check(sbom::cli::count_check(1000000));
  sbom::cli::add_format_option(*apply, o.doc_format);
  apply->add_flag("--fail-on-expired", o.fail_on_expired, "exit 1 when an entry has expired or is invalid");
  apply->add_flag("--fail-on-stale", o.fail_on_stale, "exit 1 when an entry matched nothing");
  add_now(apply);

  CLI::App* lint = app.add_subcommand("lint", "check the ledger: required fields, dates, horizon, duplicates, ids");
  lint->add_option("ledger", o.ledger, "exceptions file (YAML or JSON)")->required()->type_name("FILE");
  add_now(lint);

  CLI::App* report = app.add_subcommand("report", "table of every entry: owner, days left, coverage, state");
  report->add_option("ledger", o.ledger, "exceptions file (YAML or JSON)")->required()->type_name("FILE");
  report->add_option("sbom", o.sbom, "CycloneDX JSON document to measure coverage against (optional)")->type_name("SBOM");
  report->add_option("--format", o.format, "text, markdown or json")->type_name("FORMAT")->check(CLI::IsMember({"text", "markdown", "json"}));
  report->add_option("--warn-within", o.warn_within, "entries expiring within DAYS are 'expiring' (default 14)")->type_name("DAYS")->check(sbom::cli::count_check(1000000));
  add_now(report);

  CLI::App* import = app.add_subcommand("import", "convert another tool's ignore file into an exceptions file");
  import->add_option("--from", o.from, "trivyignore, trivyignore-yaml, grype, openvex or cyclonedx-vex")->required()->type_name("FORMAT")
      ->check(CLI::IsMember({"trivyignore", "trivyignore-yaml", "grype", "openvex", "cyclonedx-vex"}));
  import->add_option("file", o.ledger, "the file to convert (default: stdin)")->type_name("FILE");
  import->add_option("-o,--output", o.output, "write the exceptions file to FILE (atomically)")->type_name("FILE");

  CLI::App* exp = app.add_subcommand("export", "write the unexpired entries as a VEX document");
  exp->add_option("--to", o.to, "openvex or cyclonedx-vex")->required()->type_name("FORMAT")
      ->check(CLI::IsMember({"openvex", "cyclonedx-vex"}));
  exp->add_option("ledger", o.ledger, "exceptions file (YAML or JSON)")->required()->type_name("FILE");
  exp->add_option("-o,--output", o.output, "write the document to FILE (atomically)")->type_name("FILE");
  exp->add_option("--author", o.author, "the VEX document's author (default: sbomkit)")->type_name("NAME");
  exp->add_option("--sbom", o.export_sbom, "write entries with versions/path (or, for cyclonedx-vex, image) scopes as the components of this CycloneDX document they cover; without it such entries are refused")->type_name("SBOM");
  add_now(exp);

  if (auto done = tool.parse(app, argc, argv)) return *done;

  if (import->parsed()) {
    auto text = sbom::cli::read_text(o.ledger.empty() ? "-" : o.ledger);
    if (!text) return tool.fail(text.error());
    auto fmt = o.from == "trivyignore"        ? ex::ImportFormat::TrivyIgnore
               : o.from == "trivyignore-yaml" ? ex::ImportFormat::TrivyIgnoreYaml
               : o.from == "grype"            ? ex::ImportFormat::Grype
               : o.from == "openvex"          ? ex::ImportFormat::OpenVex
                                              : ex::ImportFormat::CycloneDxVex;
    std::string display = o.ledger.empty() || o.ledger == "-" ? "<stdin>" : o.ledger;
    auto r = ex::import_file(fmt, *text, display);
    if (!r) return tool.fail(r.error());
    if (auto s = tool.write_output(o.output, ex::to_yaml(r->entries)); !s) return tool.fail(s.error());
    std::fprintf(stderr, "sbom-exceptions: imported %zu %s from %s\n", r->entries.size(), r->entries.size() == 1 ? "entry" : "entries",
                 display.c_str());
    auto say = [&](std::size_t n, const char* what) {
      if (n)
        tool.warn(std::to_string(n) + (n == 1 ? " entry" : " entries") + " without " + what + ": written as '" +
                  std::string(ex::kPlaceholder) + "', which lint rejects until someone sets it");
    };
    say(r->missing_owner, "an owner");
    say(r->missing_expiry, "an expiry date");
    say(r->missing_reason, "a reason");
    for (const auto& s : r->skipped) tool.warn("not converted: " + s);
    return tool.finish(Exit::kOk);
  }

  ex::Date today = ex::Date::from_epoch_seconds(sbom::cli::now_epoch_seconds());
  if (!o.now.empty()) {
    std::string why;
    auto d = ex::Date::parse(o.now, &why);
    if (!d) return tool.fail("--now: '" + o.now + "' is not a date (" + why + ")");
    today = *d;
  }

  auto text = sbom::cli::read_text(o.ledger);
  if (!text) return tool.fail(text.error());
  auto ledger = ex::parse_ledger(*text, o.ledger);
  if (!ledger) return tool.fail(ledger.error());

  if (exp->parsed()) {
    ex::ExportOptions eo;
    eo.format = o.to == "openvex" ? ex::ExportFormat::OpenVex : ex::ExportFormat::CycloneDxVex;
    eo.today = today;
    eo.author = o.author;
    std::optional<sbom::Document> sbom_doc;
    if (!o.export_sbom.empty()) {
      auto d = sbom::cli::read_document(o.export_sbom);
      if (!d) return tool.fail(d.error());
      sbom_doc = std::move(*d);
      eo.sbom = &*sbom_doc;
      eo.sbom_name = o.export_sbom;
    }
    sbom::DiagnosticList notes;  // said once the VEX document is written
    auto doc = ex::export_vex(*ledger, eo, notes.sink());
    if (!doc) return tool.fail(doc.error());
    if (auto s = tool.write_output(o.output, sbom::json::write(*doc)); !s) return tool.fail(s.error());
    notes.replay(tool.diagnostics());
    return tool.finish(Exit::kOk);
  }

  if (lint->parsed()) {
    auto problems = ex::lint(*ledger, today);
    std::string out;
    for (const auto& p : problems)
      out += sbom::text::printable(o.ledger + ":" + std::to_string(p.line) + ":" + std::to_string(p.column) + ": " + p.message) + "\n";
    out += std::to_string(ledger->entries.size()) + (ledger->entries.size() == 1 ? " entry, " : " entries, ") +
           std::to_string(problems.size()) + (problems.size() == 1 ? " problem\n" : " problems\n");
    if (auto s = tool.write_output("-", out); !s) return tool.fail(s.error());
    return tool.finish(problems.empty() ? Exit::kOk : Exit::kViolation);
  }

  if (report->parsed()) {
    std::optional<sbom::Document> doc;
    if (report->count("sbom") > 0) {
      auto d = sbom::cli::read_document(o.sbom);
      if (!d) return tool.fail(d.error());
      doc = std::move(*d);
    }
    auto fmt = o.format == "json" ? ex::ReportFormat::Json : o.format == "markdown" ? ex::ReportFormat::Markdown : ex::ReportFormat::Text;
    auto rows = ex::report_rows(*ledger, doc ? &*doc : nullptr, today, o.warn_within);
    if (auto s = tool.write_output("-", ex::format_report(rows, fmt, today)); !s) return tool.fail(s.error());
    return tool.finish(Exit::kOk);
  }

  // apply
  auto doc = sbom::cli::read_document(o.sbom);
  if (!doc) return tool.fail(doc.error());
  // Exceptions apply to findings: against a format that holds none every exception would be
  // reported stale and the document passed on as if nothing were found.
  if (auto s = sbom::policy::require_findings_format(*doc, o.sbom == "-" ? "<stdin>" : o.sbom); !s) return tool.fail(s.error());
  // The analysis it adds lives on the document's vulnerabilities: when it has some, the output
  // must be able to carry them.
  auto target = sbom::cli::output_target(*doc, o.doc_format, doc->vulnerabilities.has_value());
  if (!target) return tool.fail(target.error());
  ex::ApplyResult result = ex::apply(*ledger, *doc, today, o.warn_within);
  sbom::record_tool(*doc, "sbom-exceptions", SBOMKIT_VERSION);
  if (auto s = tool.write_document(o.output, *doc, *target); !s) return tool.fail(s.error());
  std::string summary = ex::format_apply_summary(*ledger, result, today);
  tool.report(summary);
  bool fail = (o.fail_on_expired && (!result.expired.empty() || !result.invalid.empty())) || (o.fail_on_stale && !result.stale.empty());
  return tool.finish(fail ? Exit::kViolation : Exit::kOk);
}
