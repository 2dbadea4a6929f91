// sbom-convert: any SBOM format the toolkit reads in, the format --format names out, and every
// member of the input the output cannot carry reported (a summary line, --loss-report FILE).
#include <string>
#include <vector>

#include "cli.h"
#include "sbom/format.h"
#include "sbom/json.h"

namespace {

using sbom::cli::Exit;

struct Options {
  std::string input = "-";
  std::string output = "-";
  std::string format;
  std::string loss_report;
  bool fail_on_loss = false;
};

constexpr const char* kExamples =
    "  sbom-convert --format cyclonedx-json@1.4 bom.cdx.json > bom-1.4.cdx.json\n"
    "  sbom-convert --format spdx-json --loss-report lost.json bom.cdx.json > bom.spdx.json\n"
    "  sbom-gen image.tar | sbom-convert --format spdx3-json --fail-on-loss > image.spdx3.json\n";

std::string describe(const sbom::format::Target& t) {
  std::string out(sbom::format::target_name(t.syntax));
  if (!t.spec_version.empty()) out += "@" + t.spec_version;
  return out;
}

// The --loss-report document (schemas/loss-report.schema.json).
std::string loss_report(const std::string& input, const sbom::format::Target& from, const sbom::format::Target& to,
                        const std::vector<sbom::format::Loss>& losses) {
  using sbom::json::Value;
  sbom::json::Array list;
  for (const auto& l : losses)
    list.push_back(Value(sbom::json::Object{{"location", Value(l.location)}, {"what", Value(l.what)}, {"why", Value(l.why)}}));
  Value doc(sbom::json::Object{{"lossReportVersion", Value(sbom::json::Number::from(std::int64_t{1}))}, {"input", Value(input)}, {"from", Value(describe(from))}, {"to", Value(describe(to))},
                               {"losses", Value(std::move(list))}});
  return sbom::json::write(doc) + "\n";
}

}  // namespace

int main(int argc, char** argv) {
  sbom::cli::Tool tool("sbom-convert", argv);
  Options o;
  CLI::App app(
      "Converts an SBOM from any format the toolkit reads (told from the content) to the format\n"
      "--format names. Every member of the input the output cannot carry is reported: a summary\n"
      "line on stderr, the list with --loss-report.");
  tool.setup_app(app, kExamples, "--fail-on-loss: the output could not carry everything of the input");
  app.add_option("input", o.input, "SBOM in any format the toolkit reads (default: stdin)")->type_name("FILE");
  app.add_option("-o,--output", o.output, "write the document to FILE (atomically) instead of stdout")->type_name("FILE");
  sbom::cli::add_format_option(app, o.format)
      ->description("the output format: cyclonedx-json, cyclonedx-xml, spdx-json, spdx-tag-value or spdx3-json,\n"
                    "optionally @VERSION (cyclonedx-json@1.4)")
      ->required();
  app.add_option("--loss-report", o.loss_report, "write what was lost, as JSON (location, what, why), to FILE")
      ->type_name("FILE");
  app.add_flag("--fail-on-loss", o.fail_on_loss, "exit 1 when anything was lost (the document is still written)");
  if (auto done = tool.parse(app, argc, argv)) return *done;

  auto read = sbom::cli::read_document(o.input);
  if (!read) return tool.fail(read.error());
  sbom::Document* doc = &sbom::cli::keep_until_exit(std::move(*read));
  auto target = sbom::cli::output_target(*doc, o.format, false);
  if (!target) return tool.fail(target.error());
  // The whole list only when --loss-report writes it: otherwise the summary needs the count and
  // the first (a large document converted across families loses hundreds of thousands of members,
  // each three strings, which were copied and kept only to be counted).
  std::vector<sbom::format::Loss> losses;
  std::size_t lost = 0;
  auto keep = [&](const sbom::format::Loss& l) {
    if (lost++ == 0 || !o.loss_report.empty()) losses.push_back(l);
  };
  if (auto s = tool.write_document(o.output, *doc, *target, keep); !s) return tool.fail(s.error());
  const std::string input = o.input == "-" ? "<stdin>" : o.input;
  if (!o.loss_report.empty()) {
    if (auto s = tool.write_output(o.loss_report, loss_report(input, sbom::format::target_of(*doc), *target, losses)); !s)
      return tool.fail(s.error());
  }
  if (lost) {
    std::string line = describe(*target) + " cannot carry " + std::to_string(lost) + (lost == 1 ? " member" : " members") + " of " + input + " (first: " +
                       losses.front().what + (losses.front().location.empty() ? "" : " at " + losses.front().location) + ")";
    line += o.loss_report.empty() ? "; --loss-report FILE lists them" : "; listed in " + o.loss_report;
    tool.warn(line);
  }
  // Findings are what the pipeline's later tools judge: their loss gets a line of its own, so a
  // gate that is later handed this document is not the first to notice.
  if (doc->vulnerabilities && !doc->vulnerabilities->empty() && !sbom::format::carries_vulnerabilities(*target))
    tool.warn(describe(*target) + " cannot carry findings: all " + std::to_string(doc->vulnerabilities->size()) +
              (doc->vulnerabilities->size() == 1 ? " vulnerability" : " vulnerabilities") + " of " + input +
              " are dropped (sbom-gate refuses the result; keep CycloneDX or SPDX 3 for scan results)");
  return tool.finish(o.fail_on_loss && lost ? Exit::kViolation : Exit::kOk);
}
