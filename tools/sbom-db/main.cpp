// sbom-db: builds, inspects and queries the OSV vulnerability index that sbom-match reads.
#include <algorithm>
#include <ctime>
#include <filesystem>
#include <optional>
#include <string>
#include <vector>

#include "cli.h"
#include "sbom/match.h"
#include "sbom/text.h"
#include "sbom/vulndb.h"

namespace {

using sbom::cli::Exit;

constexpr const char* kExamples =
    "  sbom-db build osv/PyPI/all.zip osv/Go/all.zip -o osv.sbomdb\n"
    "  sbom-db info osv.sbomdb\n"
    "  sbom-db query osv.sbomdb PyPI django 3.2.5\n"
    "  sbom-db update --ecosystem PyPI --ecosystem Go\n";


Exit build(const sbom::cli::Tool& tool, const std::vector<std::string>& sources, std::string output) {
  if (output.empty()) {
    auto p = sbom::vulndb::default_path();
    if (!p) return tool.fail(p.error());
    output = *p;
  }
  sbom::vulndb::Builder b;
  auto on_issue = [&](const sbom::Error& e) { tool.warn("skipped invalid record: " + e.to_string()); };
  for (const std::string& s : sources)
    if (auto ok = sbom::cli::regular_file_or_directory(s); !ok) return tool.fail(ok.error());
  for (const std::string& s : sources)
    if (auto ok = b.add_source(s, on_issue); !ok) return tool.fail(ok.error());
  std::string bytes = b.serialize(sbom::cli::now_epoch_seconds());
  if (output != "-") {
    std::error_code ec;
    std::filesystem::path parent = std::filesystem::path(output).parent_path();
    if (!parent.empty()) std::filesystem::create_directories(parent, ec);
  }
  if (auto ok = tool.write_output(output, bytes); !ok) return tool.fail(ok.error());
  const auto& st = b.stats();
  std::fprintf(stderr, "sbom-db: %llu records from %zu sources (%llu invalid skipped, %llu duplicates, %llu withdrawn)\n",
               static_cast<unsigned long long>(st.records), b.sources().size(),
               static_cast<unsigned long long>(st.invalid), static_cast<unsigned long long>(st.duplicates),
               static_cast<unsigned long long>(st.withdrawn));
  return tool.finish(Exit::kOk);
}

Exit info(const sbom::cli::Tool& tool, const std::string& path) {
  if (auto ok = sbom::cli::regular_file_or_directory(path); !ok) return tool.fail(ok.error());
  auto db = sbom::vulndb::Database::open(path);
  if (!db) return tool.fail(db.error());
  const sbom::vulndb::Info& i = db->info();
  std::string out;
  out += "format: " + std::to_string(i.format_version) + "\n";
  out += "built: " + sbom::text::rfc3339_utc(i.build_time) + "\n";
  out += "records: " + std::to_string(i.records) + "\n";
  out += "packages: " + std::to_string(i.packages) + "\n";
  out += "ecosystems:\n";
  for (const auto& [eco, n] : i.ecosystems) out += "  " + eco + ": " + std::to_string(n) + "\n";
  out += "sources:\n";
  for (const auto& s : i.sources)
    out += "  " + s.path + " (" + s.kind + ", sha256:" + s.sha256 + "): " + std::to_string(s.records) + " records, " +
           std::to_string(s.invalid) + " invalid\n";
  if (auto ok = tool.write_output("-", out); !ok) return tool.fail(ok.error());
  return tool.finish(Exit::kOk);
}

Exit query(const sbom::cli::Tool& tool, const std::string& path, const std::string& ecosystem, const std::string& name,
          const std::string& version) {
  if (auto ok = sbom::cli::regular_file_or_directory(path); !ok) return tool.fail(ok.error());
  auto db = sbom::vulndb::Database::open(path);
  if (!db) return tool.fail(db.error());
  std::optional<std::string_view> v;
  if (!version.empty()) v = version;
  auto verdicts = sbom::match::explain(*db, ecosystem, name, v);
  if (!verdicts) return tool.fail(verdicts.error());
  std::string out;
  bool affected = false;
  bool unevaluated = false;
  for (const auto& rv : *verdicts) {
    const auto& r = rv.record;
    out += r.id;
    if (!r.aliases.empty()) {
      out += " (";
      for (std::size_t i = 0; i < r.aliases.size(); ++i) out += (i ? ", " : "") + r.aliases[i];
      out += ")";
    }
    if (r.is_withdrawn()) out += " [withdrawn " + r.withdrawn + "]";
    if (v) out += rv.affected ? ": affected" : ": not affected";
    out += "\n";
    if (!r.summary.empty()) out += "  " + r.summary + "\n";
    for (const auto& e : rv.entries) {
      out += "  affected[" + std::to_string(e.index) + "]";
      if (!e.error.empty()) {
        out += ": cannot evaluate: " + e.error + "\n";
        unevaluated = true;
      } else if (e.decision) {
        out += std::string(": ") + (e.decision->affected ? "affected" : "not affected") + ": " + e.decision->reason;
        if (!e.decision->fixed.empty()) {
          out += " (fixed in";
          for (const auto& f : e.decision->fixed) out += " " + f;
          out += ")";
        }
        if (e.decision->skipped_ranges > 0) out += " [" + std::to_string(e.decision->skipped_ranges) + " GIT range(s) not evaluated]";
        out += "\n";
      } else {
        const auto& a = r.affected[e.index];
        for (std::size_t i = 0; i < a.ranges.size(); ++i) {
          out += i ? ", " : ": ";
          out += std::string(sbom::osv::to_string(a.ranges[i].type)) + " [";
          for (std::size_t j = 0; j < a.ranges[i].events.size(); ++j)
            out += (j ? ", " : "") + std::string(sbom::osv::to_string(a.ranges[i].events[j].kind)) + " " +
                   a.ranges[i].events[j].version;
          out += "]";
        }
        if (!a.versions.empty()) out += (a.ranges.empty() ? ": " : ", ") + std::to_string(a.versions.size()) + " listed versions";
        out += "\n";
      }
    }
    affected = affected || rv.affected;
  }
  if (verdicts->empty()) std::fprintf(stderr, "sbom-db: no records for %s %s\n", ecosystem.c_str(), name.c_str());
  if (auto ok = tool.write_output("-", out); !ok) return tool.fail(ok.error());
  // An entry that could not be evaluated leaves "not affected" unproven: that is an error, not a 0.
  if (!affected && unevaluated) {
    tool.fail("cannot tell whether " + name + " " + version + " is affected");
    return tool.finish(Exit::kError);
  }
  return tool.finish(affected ? Exit::kViolation : Exit::kOk);
}

// The same file, however the path is spelled (sources are recorded as given).
std::string same_file_key(const std::string& path) {
  std::error_code ec;
  std::filesystem::path p = std::filesystem::absolute(path, ec);
  return (ec ? std::filesystem::path(path) : p).lexically_normal().string();
}

Exit update(const sbom::cli::Tool& tool, const std::vector<std::string>& ecosystems, const std::string& base_url,
           std::string output) {
  if (output.empty()) {
    auto p = sbom::vulndb::default_path();
    if (!p) return tool.fail(p.error());
    output = *p;
  }
  // An update adds or refreshes the ecosystems asked for and keeps every other source of the
  // index it replaces: it is rebuilt from the same sources, the downloaded zips in place of
  // their earlier copies. An index that cannot be read is an error, not a fresh start that
  // would drop what it held.
  std::vector<sbom::vulndb::SourceInfo> kept;
  std::error_code ec;
  const bool have_index = std::filesystem::exists(output, ec);
  if (have_index) {
    auto old = sbom::vulndb::Database::open(output);
    if (!old) return tool.fail(old.error());
    kept = old->info().sources;
  }
  // The zips are kept next to the index (osv/<Ecosystem>/all.zip) for the conditional requests,
  // and recorded by absolute path so a later update finds them from any directory.
  std::filesystem::path dir = std::filesystem::absolute(std::filesystem::path(output).parent_path(), ec);
  std::vector<std::string> zips;
  for (const std::string& eco : ecosystems) zips.push_back((dir / "osv" / eco / "all.zip").lexically_normal().string());
  // Checked before anything is downloaded: a source that is gone would be dropped by the rebuild.
  for (const auto& s : kept)
    if (std::find(zips.begin(), zips.end(), same_file_key(s.path)) == zips.end() && !std::filesystem::exists(s.path, ec))
      return tool.fail(s.path + ": a source of " + output +
                       " is gone; an update keeps every source: restore it, or rebuild the index with sbom-db build");
  bool changed = !have_index;
  for (std::size_t i = 0; i < ecosystems.size(); ++i) {
    const std::string& eco = ecosystems[i];
    const std::string& zip = zips[i];
    auto r = sbom::vulndb::fetch_if_modified(sbom::vulndb::osv_zip_url(base_url, eco), zip);
    if (!r) return tool.fail(r.error());
    if (r->modified) std::fprintf(stderr, "sbom-db: %s: downloaded %llu bytes\n", eco.c_str(), static_cast<unsigned long long>(r->bytes));
    else std::fprintf(stderr, "sbom-db: %s: not modified\n", eco.c_str());
    // Current when the index was built from this very file (an earlier update may have
    // downloaded it and then failed before rebuilding).
    auto was = std::find_if(kept.begin(), kept.end(), [&](const auto& s) { return same_file_key(s.path) == zip; });
    if (!changed && (r->modified || was == kept.end())) changed = true;
    if (!changed) {
      auto digest = sbom::vulndb::file_sha256(zip);
      if (!digest) return tool.fail(digest.error());
      changed = *digest != was->sha256;
    }
  }
  if (!changed) {
    std::fprintf(stderr, "sbom-db: %s is up to date\n", output.c_str());
    return tool.finish(Exit::kOk);
  }
  // The index's sources in their order (a refreshed zip in its earlier copy's place), new ones after.
  std::vector<std::string> sources;
  for (const auto& s : kept) {
    auto refreshed = std::find(zips.begin(), zips.end(), same_file_key(s.path));
    sources.push_back(refreshed == zips.end() ? s.path : *refreshed);
  }
  for (const std::string& zip : zips)
    if (std::find(sources.begin(), sources.end(), zip) == sources.end()) sources.push_back(zip);
  return build(tool, sources, output);
}

}  // namespace

int main(int argc, char** argv) {
  sbom::cli::Tool tool("sbom-db");
  CLI::App app("Builds, inspects and queries the OSV vulnerability index read by sbom-match.");
  tool.setup_app(app, kExamples, "query: VERSION is affected by at least one record",
                 "query: an entry could not be evaluated and no record affects VERSION");
  app.require_subcommand(1);

  std::vector<std::string> sources;
  std::string output;
  CLI::App* b = app.add_subcommand("build", "build an index from OSV all.zip files, directories of records and record files");
  b->add_option("sources", sources, "OSV all.zip, directory or record file")->required()->type_name("SOURCE");
  b->add_option("-o,--output", output,
                "index file to write atomically (default: $SBOMKIT_DB, else $XDG_CACHE_HOME/sbomkit/osv.sbomdb)")
      ->type_name("DB");

  std::string db;
  CLI::App* i = app.add_subcommand("info", "format version, build time, records per ecosystem and sources of an index");
  i->add_option("db", db, "index file")->required()->type_name("DB");

  std::string ecosystem, name, version;
  CLI::App* q = app.add_subcommand("query", "the records of a package, and why each does or does not affect VERSION");
  q->add_option("db", db, "index file")->required()->type_name("DB");
  q->add_option("ecosystem", ecosystem, "OSV ecosystem, e.g. PyPI, Go, Debian:12")->required()->type_name("ECOSYSTEM");
  q->add_option("name", name, "package name as the ecosystem spells it")->required()->type_name("NAME");
  q->add_option("version", version, "version to evaluate")->type_name("VERSION");

  std::vector<std::string> update_ecosystems;
  std::string base_url = "https://osv-vulnerabilities.storage.googleapis.com";
  CLI::App* u = app.add_subcommand("update", "download OSV zips (when changed) into the index, keeping its other sources");
  u->add_option("--ecosystem", update_ecosystems, "OSV ecosystem to download (repeatable), e.g. PyPI, Go, Debian")
      ->required()->type_name("NAME")->allow_extra_args(false);
  u->add_option("--base-url", base_url, "where the <Ecosystem>/all.zip files are (default: OSV's bucket)")->type_name("URL");
  u->add_option("-o,--output", output,
                "index file to replace atomically (default: $SBOMKIT_DB, else $XDG_CACHE_HOME/sbomkit/osv.sbomdb)")
      ->type_name("DB");

  if (auto done = tool.parse(app, argc, argv)) return *done;
  if (b->parsed()) return build(tool, sources, output);
  if (u->parsed()) return update(tool, update_ecosystems, base_url, output);
  if (i->parsed()) return info(tool, db);
  return query(tool, db, ecosystem, name, version);
}
