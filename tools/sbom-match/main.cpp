// sbom-match: adds the OSV vulnerabilities affecting an SBOM's components to the document.
#include <cstdlib>
#include <string>
#include <vector>

#include "cli.h"
#include "sbom/match.h"
#include "sbomkit_config.h"
#include "sbom/vulndb.h"

namespace {

using sbom::cli::Exit;

struct Options {
  std::string input = "-";
  std::string output = "-";
  std::vector<std::string> db;
  std::string format;
  bool ignore_unfixed = false;
  bool strict = false;
};

constexpr const char* kExamples =
    "  sbom-gen image.tar | sbom-match --db osv.sbomdb | sbom-gate --fail-on high\n"
    "  sbom-match --db osv/PyPI/all.zip --db osv/Go/all.zip bom.cdx.json > scanned.cdx.json\n"
    "  SBOMKIT_DB=osv.sbomdb sbom-match --ignore-unfixed --strict < bom.cdx.json\n";

// The paths given (or the default index), each checked to be a file or directory, into vulndb.
sbom::Expected<sbom::vulndb::Database> load(const sbom::cli::Tool& tool, std::vector<std::string> paths) {
  if (paths.empty()) {
    auto p = sbom::vulndb::default_path();
    if (!p) return std::move(p.error());
    paths.push_back(*p);
  }
  for (const std::string& p : paths)
    if (auto ok = sbom::cli::regular_file_or_directory(p); !ok) return std::move(ok.error());
  return sbom::vulndb::open_any(paths, [&](const sbom::Error& e) { tool.warn("skipped invalid record: " + e.to_string()); });
}

}  // namespace

int main(int argc, char** argv) {
  sbom::cli::Tool tool("sbom-match");
  Options o;
  CLI::App app(
      "Matches the components of a CycloneDX document against OSV advisories and adds the\n"
      "vulnerabilities found; everything else in the document passes through unchanged.");
  tool.setup_app(app, kExamples, "not used by sbom-match (sbom-gate decides what a finding means)",
                 "--strict: some component could not be matched");
  app.add_option("input", o.input, "SBOM in any format the toolkit reads (default: stdin)")->type_name("FILE");
  app.add_option("-o,--output", o.output, "write the document to FILE (atomically) instead of stdout")->type_name("FILE");
  app.add_option("--db", o.db,
                 "index built by sbom-db, or OSV all.zip files / directories (repeatable) indexed in memory "
                 "(default: $SBOMKIT_DB, else $XDG_CACHE_HOME/sbomkit/osv.sbomdb)")
      ->type_name("DB")
      ->allow_extra_args(false);
  sbom::cli::add_format_option(app, o.format);
  app.add_flag("--ignore-unfixed", o.ignore_unfixed, "leave out findings that have no fixed version");
  app.add_flag("--strict", o.strict, "exit 2 when a component cannot be matched");
  if (auto done = tool.parse(app, argc, argv)) return *done;

  auto db = load(tool, o.db);
  if (!db) return tool.fail(db.error());
  auto read = sbom::cli::read_document(o.input);
  if (!read) return tool.fail(read.error());
  // Never freed (as in sbom-diff): the document and its findings are many small allocations that
  // the process would hand back one by one right before it exits; the static pointer keeps them
  // reachable for leak checkers.
  static auto* const kept = new std::vector<sbom::Document>();
  kept->push_back(std::move(*read));
  sbom::Document* doc = &kept->back();

  // vulnerabilities need specVersion 1.4: an older document is raised to it, or refused.
  const bool cyclonedx_in = sbom::family_of(doc->syntax) == sbom::Family::CycloneDx;
  std::vector<std::string> fitted;
  if (cyclonedx_in) {
    auto notes = sbom::match::fit_spec_version(*doc);
    if (!notes) return tool.fail(notes.error().in_file(o.input == "-" ? "<stdin>" : o.input));
    fitted = std::move(*notes);
  }
  auto target = sbom::cli::output_target(*doc, o.format, true);
  if (!target) return tool.fail(target.error());
  const bool cyclonedx_out = target->syntax == sbom::Syntax::CycloneDxJson || target->syntax == sbom::Syntax::CycloneDxXml;
  if (cyclonedx_out && !target->spec_version.empty()) doc->spec_version = target->spec_version;  // what fit_ratings fits to
  auto* notes = &fitted;

  sbom::match::Options options;
  options.ignore_unfixed = o.ignore_unfixed;
  sbom::match::Report r = sbom::match::scan(*doc, *db, options);
  if (r.index_error) return tool.fail(*r.index_error);
  if (std::size_t n = cyclonedx_out ? sbom::match::fit_ratings(*doc) : 0)
    notes->push_back(std::to_string(n) + " CVSS v4.0 ratings written with method 'other': specVersion " +
                     doc->spec_version + " has no CVSSv4 method");
  // The gate tells a scanned document from one never scanned by this entry (and `vulnerabilities`).
  sbom::match::record_tool(*doc, "sbom-match", SBOMKIT_VERSION);

  for (const auto& n : *notes) tool.warn(n);
  for (const auto& w : r.warnings) tool.warn(w);
  for (const auto& u : r.unmatched) tool.warn("not matched: " + u.component + ": " + u.reason);
  std::fprintf(stderr,
               "sbom-match: %zu components, %zu looked up, %zu not matched; %zu affected by %zu vulnerabilities "
               "(%zu findings)",
               r.components, r.looked_up, r.unmatched.size(), r.affected_components, r.vulnerabilities, r.findings);
  if (r.unfixed_dropped) std::fprintf(stderr, "; %zu unfixed left out", r.unfixed_dropped);
  if (r.skipped_ranges) std::fprintf(stderr, "; %zu GIT ranges not evaluated", r.skipped_ranges);
  std::fputc('\n', stderr);

  if (auto s = tool.write_document(o.output, *doc, *target); !s) return tool.fail(s.error());
  if (o.strict && !r.unmatched.empty()) {
    tool.warn("--strict: " + std::to_string(r.unmatched.size()) + " components not matched");
    return tool.finish(Exit::kError);
  }
  return tool.finish(Exit::kOk);
}
