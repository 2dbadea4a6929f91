// sbom-check: a document against the published minimum elements of an SBOM (NTIA 2021, CISA 2025,
// BSI TR-03183-2 2.0.0) and the official schema of its format; per rule and component, with reasons.
#include <algorithm>
#include <cstdlib>
#include <string>
#include <vector>

#include "cli.h"
#include "sbom/check.h"

namespace {

struct Options {
  std::string input = "-";
  std::vector<std::string> profiles;
  std::string format = "text";
  std::string output = "-";
  std::vector<std::string> schema_dirs;
  bool strict = false;
};

constexpr const char* kExamples =
    "  sbom-check --profile ntia-2021 --profile cisa-2025 bom.cdx.json\n"
    "  sbom-gen image.tar | sbom-check --profile bsi-tr-03183-2 --format markdown >> \"$GITHUB_STEP_SUMMARY\"\n"
    "  sbom-check --strict --profile cisa-2025 --format json -o check.json bom.cdx.json\n"
    "  sbom-check --profile schema --schema-dir /usr/share/cyclonedx-schemas-layout bom.cdx.json\n";

// --schema-dir values, then $SBOMKIT_SCHEMA_DIR (colon-separated), then the installed location.
std::vector<std::string> schema_search_path(const std::vector<std::string>& given) {
  std::vector<std::string> dirs = given;
  if (const char* env = std::getenv("SBOMKIT_SCHEMA_DIR")) {
    std::string_view rest(env);
    while (!rest.empty()) {
      std::size_t colon = rest.find(':');
      if (colon != 0) dirs.emplace_back(rest.substr(0, colon));
      if (colon == std::string_view::npos) break;
      rest.remove_prefix(colon + 1);
    }
  }
  dirs.emplace_back(SBOMKIT_SCHEMA_DATADIR);
  return dirs;
}

}  // namespace

int main(int argc, char** argv) {
  sbom::cli::Tool tool("sbom-check", argv);
  Options o;
  CLI::App app(
      "Checks an SBOM in any format the toolkit reads against the minimum elements that NTIA (2021),\n"
      "CISA (2025) and BSI TR-03183-2 (2.0.0) ask of one, or against the official JSON schema of its\n"
      "own format and version; each rule is reported per component, with the reason and where it is.");
  tool.setup_app(app, kExamples, "a rule of a profile failed");
  app.add_option("input", o.input, "SBOM in any format the toolkit reads (default: stdin)")->type_name("FILE");
  app.add_option("-p,--profile", o.profiles,
                 "ntia-2021, cisa-2025, bsi-tr-03183-2 or schema (repeat for several)")
      ->type_name("PROFILE")
      ->allow_extra_args(false)
      ->required()
      ->check(CLI::IsMember({"ntia-2021", "cisa-2025", "bsi-tr-03183-2", "schema"}));
  app.add_option("--format", o.format, "text, markdown or json (default text)")
      ->type_name("FORMAT")
      ->check(CLI::IsMember({"text", "markdown", "json"}));
  app.add_option("-o,--output", o.output, "write the report to FILE (atomically) instead of stdout")->type_name("FILE");
  app.add_option("--schema-dir", o.schema_dirs,
                 "where the schema profile finds the official schemas (cyclonedx/, spdx/, spdx-3/);\n"
                 "searched before $SBOMKIT_SCHEMA_DIR and " SBOMKIT_SCHEMA_DATADIR)
      ->type_name("DIR")
      ->allow_extra_args(false);
  app.add_flag("--strict", o.strict,
               "a gap the SBOM declares unknown or redacted (sbomkit:unknown:* / sbomkit:redacted:*\n"
               "properties) fails the rule; by default ntia-2021 and cisa-2025 accept it as a known\n"
               "unknown and list it, bsi-tr-03183-2 never does");
  if (auto done = tool.parse(app, argc, argv)) return *done;

  auto in = sbom::cli::read_document_and_text(o.input);
  if (!in) return tool.fail(in.error());
  const std::string name = o.input == "-" ? "<stdin>" : o.input;
  sbom::check::Input input{&in->doc, in->text.view(), name, schema_search_path(o.schema_dirs), o.strict};
  std::vector<sbom::check::ProfileResult> results;
  std::vector<std::string> seen;
  for (const std::string& p : o.profiles) {
    if (std::find(seen.begin(), seen.end(), p) != seen.end()) continue;
    seen.push_back(p);
    auto r = sbom::check::run(p, input);
    if (!r) return tool.fail(r.error());
    results.push_back(std::move(*r));
  }
  const std::string kind = sbom::check::describe(in->doc);
  std::string report = o.format == "json"       ? sbom::check::format_json(results, name, kind)
                       : o.format == "markdown" ? sbom::check::format_markdown(results, name, kind)
                                                : sbom::check::format_text(results, name, kind);
  if (auto s = tool.write_output(o.output, report); !s) return tool.fail(s.error());
  bool pass = true;
  for (const auto& r : results) pass = pass && r.passed();
  return tool.finish(pass ? sbom::cli::Exit::kOk : sbom::cli::Exit::kViolation);
}
