// sbom-match: adds the OSV vulnerabilities affecting an SBOM's components to the document.
#include <optional>
#include <cstdint>
#include <cstdlib>
#include <string>
#include <vector>

#include "cli.h"
#include "sbom/eol.h"
#include "sbom/match.h"
#include "sbom/provenance.h"
#include "sbom/text.h"
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
  bool quiet = false;
  bool eol = false;
  std::int64_t max_db_age = 7;  // days; 0 disables
  std::string now;
  bool require_signature = false;
  std::string pubkey;
};

constexpr const char* kExamples =
    "  sbom-gen image.tar | sbom-match --db osv.sbomdb | sbom-gate --fail-on high\n"
    "  sbom-match --db osv/PyPI/all.zip --db osv/Go/all.zip bom.cdx.json > scanned.cdx.json\n"
    "  SBOMKIT_DB=osv.sbomdb sbom-match --ignore-unfixed --strict < bom.cdx.json\n"
    "  sbom-match --db osv.sbomdb --require-signature --pubkey index.pub --max-db-age 2 bom.cdx.json\n";

// The index's age against --max-db-age, with the remedy; under --strict an error (the status).
std::optional<Exit> check_age(const sbom::cli::Tool& tool, const Options& o, const sbom::vulndb::Database& db, std::int64_t now) {
  const std::size_t stale = sbom::vulndb::warn_if_stale(db.info(), now, o.max_db_age, tool.diagnostics());
  if (stale != 0 && o.strict) {
    return tool.fail("--strict: the index is older than --max-db-age " + std::to_string(o.max_db_age) + " days");
  }
  return std::nullopt;
}

// --require-signature: the index is one file and its detached signature (DB.sig) verifies.
sbom::Status check_signature(const Options& o, const sbom::vulndb::Database& db) {
  if (db.path().empty()) return sbom::Error("--require-signature: a signature covers an index file built by sbom-db, not OSV data indexed in memory");
  const std::string sig_path = sbom::vulndb::signature_path(db.path());
  auto sig = sbom::cli::read_text(sig_path);
  if (!sig) return sbom::Error("--require-signature: " + db.path() + " is not signed (no " + sig_path + ")");
  auto key = sbom::cli::read_key(o.pubkey, sbom::cli::KeyUse::Verify);
  if (!key) return std::move(key.error());
  return sbom::vulndb::verify_index(db, *sig, sig_path, *key, o.pubkey);
}

// The paths given (or the default index), each checked to be a file or directory, into vulndb.
sbom::Expected<sbom::vulndb::Database> load(const sbom::cli::Tool& tool, std::vector<std::string> paths) {
  if (paths.empty()) {
    auto p = sbom::vulndb::default_path();
    if (!p) return std::move(p.error());
    paths.push_back(*p);
  }
  for (const std::string& p : paths)
    if (auto ok = sbom::cli::regular_file_or_directory(p); !ok) return std::move(ok.error());
  return sbom::vulndb::open_any(paths, tool.diagnostics());
}

}  // namespace

int main(int argc, char** argv) {
  sbom::cli::Tool tool("sbom-match", argv);
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
  app.add_flag("--strict", o.strict, "exit 2 when a component cannot be matched or the index is older than --max-db-age");
  app.add_flag("--eol", o.eol,
               "also report the distro release and language runtimes past their end of life at --now, as findings of kind eol "
               "(from the index's end-of-life tables when newer than the built-in one)");
  app.add_flag("-q,--quiet", o.quiet, "leave out the warnings about components not matched (the summary line stays)");
  app.add_option("--max-db-age", o.max_db_age,
                 "warn when the index or one of its sources is older than DAYS (default 7; 0: never)")
      ->type_name("DAYS");
  app.add_option("--now", o.now, "the time ages are measured at: YYYY-MM-DD or RFC 3339 (default: SOURCE_DATE_EPOCH, else the clock)")
      ->type_name("DATE");
  app.add_flag("--require-signature", o.require_signature,
               "refuse an index without a valid detached signature (DB.sig, from sbom-db sign) by --pubkey");
  app.add_option("--pubkey", o.pubkey, "Ed25519 public key (PEM) for --require-signature")->type_name("FILE");
  if (auto done = tool.parse(app, argc, argv)) return *done;
  if (o.require_signature && o.pubkey.empty()) return tool.fail("--require-signature needs --pubkey FILE");
  if (o.max_db_age < 0) return tool.fail("--max-db-age: days cannot be negative (0 turns the check off)");
  std::int64_t now = sbom::cli::now_epoch_seconds();
  if (!o.now.empty()) {
    auto t = sbom::text::parse_utc_time(o.now);
    if (!t) return tool.fail("--now: '" + o.now + "' is not a date (YYYY-MM-DD or RFC 3339)");
    now = *t;
  }

  auto db = load(tool, o.db);
  if (!db) return tool.fail(db.error());
  if (o.require_signature)
    if (auto ok = check_signature(o, *db); !ok) return tool.fail(ok.error());
  if (auto failed = check_age(tool, o, *db, now)) return tool.finish(*failed);
  auto provenance = sbom::vulndb::provenance(*db);
  if (!provenance) return tool.fail(provenance.error());
  provenance->signature_verified = o.require_signature;
  auto read = sbom::cli::read_document(o.input);
  if (!read) return tool.fail(read.error());
  sbom::Document* doc = &sbom::cli::keep_until_exit(std::move(*read));

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
  sbom::DiagnosticList scan_warnings;  // printed after the notes on the document's version
  options.diagnostics = scan_warnings.sink();
  sbom::match::Report r = sbom::match::scan(*doc, *db, options);
  if (r.index_error) return tool.fail(*r.index_error);
  std::size_t eol_added = 0;
  if (o.eol) {
    // The index's tables (sbom-db build of endoflife.date JSON) and the built-in one: the newer decides.
    auto tables = sbom::vulndb::eol_tables(*db);
    if (!tables) return tool.fail(tables.error());
    eol_added = sbom::eol::add_findings(*doc, now, *tables);
  }
  if (std::size_t n = cyclonedx_out ? sbom::match::fit_ratings(*doc) : 0)
    notes->push_back(std::to_string(n) + " CVSS v4.0 ratings written with method 'other': specVersion " +
                     doc->spec_version + " has no CVSSv4 method");
  // The gate tells a scanned document from one never scanned by this entry (and `vulnerabilities`).
  sbom::record_tool(*doc, "sbom-match", SBOMKIT_VERSION);
  sbom::record_index(*doc, *provenance);

  for (const auto& n : *notes) tool.warn(n);
  scan_warnings.replay(tool.diagnostics());
  if (!o.quiet)
    for (const auto& line : sbom::match::group_unmatched(r.unmatched)) tool.warn(line);
  std::fprintf(stderr,
               "sbom-match: %zu components, %zu looked up, %zu not matched; %zu affected by %zu vulnerabilities "
               "(%zu findings)",
               r.components, r.looked_up, r.unmatched.size(), r.affected_components, r.vulnerabilities, r.findings);
  if (r.unfixed_dropped) std::fprintf(stderr, "; %zu unfixed left out", r.unfixed_dropped);
  if (r.skipped_ranges) std::fprintf(stderr, "; %zu GIT ranges not evaluated", r.skipped_ranges);
  if (o.eol) std::fprintf(stderr, "; %zu past end of life", eol_added);
  std::fputc('\n', stderr);

  if (auto s = tool.write_document(o.output, *doc, *target); !s) return tool.fail(s.error());
  if (o.strict && !r.unmatched.empty()) {
    tool.warn("--strict: " + std::to_string(r.unmatched.size()) + " components not matched");
    return tool.finish(Exit::kError);
  }
  return tool.finish(Exit::kOk);
}
