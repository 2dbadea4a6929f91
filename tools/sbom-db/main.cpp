// sbom-db: builds, inspects and queries the OSV vulnerability index that sbom-match reads.
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
    "  sbom-db update --ecosystem PyPI --ecosystem Go\n"
    "  sbom-db mirror /srv/osv --ecosystem PyPI --ecosystem Debian   # then, air-gapped:\n"
    "  sbom-db update --base-url file:///srv/osv --ecosystem PyPI\n"
    "  sbom-db update --eol debian --eol python   # end-of-life tables from endoflife.date\n"
    "  sbom-db sign --key index.key osv.sbomdb && sbom-db verify --pubkey index.pub osv.sbomdb\n";

void print_stats(const sbom::vulndb::BuildStats& st, std::size_t sources) {
  std::fprintf(stderr, "sbom-db: %llu records from %zu sources (%llu invalid skipped, %llu duplicates, %llu withdrawn)\n",
               static_cast<unsigned long long>(st.records), sources, static_cast<unsigned long long>(st.invalid),
               static_cast<unsigned long long>(st.duplicates), static_cast<unsigned long long>(st.withdrawn));
}

// Runs every fetch step of an update or mirror, saying what each did; on failure the exit status.
std::optional<Exit> fetch_all(const sbom::cli::Tool& tool, sbom::vulndb::Update& plan) {
  for (std::size_t i = 0; i < plan.steps().size(); ++i) {
    if (auto ok = plan.fetch(i); !ok) return tool.fail(ok.error());
    const sbom::vulndb::UpdateStep& st = plan.steps()[i];
    const std::string what = st.eol_product.empty() ? st.ecosystem : st.eol_product + " end-of-life table";
    if (!st.modified) std::fprintf(stderr, "sbom-db: %s: not modified\n", what.c_str());
    else if (st.from.find("://") != std::string::npos)
      std::fprintf(stderr, "sbom-db: %s: downloaded %llu bytes\n", what.c_str(), static_cast<unsigned long long>(st.bytes));
    else
      std::fprintf(stderr, "sbom-db: %s: copied %llu bytes from the mirror\n", what.c_str(),
                   static_cast<unsigned long long>(st.bytes));
  }
  return std::nullopt;
}

Exit build(const sbom::cli::Tool& tool, const std::vector<std::string>& sources, std::string output) {
  if (output.empty()) {
    auto p = sbom::vulndb::default_path();
    if (!p) return tool.fail(p.error());
    output = *p;
  }
  sbom::vulndb::Builder b;
  for (const std::string& s : sources)
    if (auto ok = sbom::cli::regular_file_or_directory(s); !ok) return tool.fail(ok.error());
  for (const std::string& s : sources)
    if (auto ok = b.add_source(s, tool.diagnostics()); !ok) return tool.fail(ok.error());
  std::string bytes = b.serialize(sbom::cli::now_epoch_seconds());
  if (output != "-") {
    std::error_code ec;
    std::filesystem::path parent = std::filesystem::path(output).parent_path();
    if (!parent.empty()) std::filesystem::create_directories(parent, ec);
  }
  if (auto ok = tool.write_output(output, bytes); !ok) return tool.fail(ok.error());
  print_stats(b.stats(), b.sources().size());
  return tool.finish(Exit::kOk);
}

Exit info(const sbom::cli::Tool& tool, const std::string& path) {
  if (auto ok = sbom::cli::regular_file_or_directory(path); !ok) return tool.fail(ok.error());
  auto db = sbom::vulndb::Database::open(path);
  if (!db) return tool.fail(db.error());
  const sbom::vulndb::Info& i = db->info();
  std::string out;
  auto digest = db->digest();
  if (!digest) return tool.fail(digest.error());
  out += "format: " + std::to_string(i.format_version) + "\n";
  out += "built: " + sbom::text::rfc3339_utc(i.build_time) + "\n";
  out += "digest: sha256:" + *digest + "\n";
  out += "records: " + std::to_string(i.records) + "\n";
  out += "packages: " + std::to_string(i.packages) + "\n";
  out += "ecosystems:\n";
  for (const auto& [eco, n] : i.ecosystems) out += "  " + eco + ": " + std::to_string(n) + "\n";
  out += "sources:\n";
  for (const auto& s : i.sources) {
    out += "  " + s.path + " (" + s.kind + ", sha256:" + s.sha256 + "): " + std::to_string(s.records) + " records, " +
           std::to_string(s.invalid) + " invalid\n";
    if (!s.origin.empty()) out += "    from: " + s.origin + "\n";
    out += "    last modified: " + (s.last_modified != 0 ? sbom::text::rfc3339_utc(s.last_modified) : std::string("unknown")) + "\n";
  }
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

// What an update or mirror fetches: OSV ecosystems and end-of-life tables, at least one of them.
struct Sources {
  std::vector<std::string> ecosystems;
  std::string base = "https://osv-vulnerabilities.storage.googleapis.com";
  std::vector<std::string> eol;
  std::string eol_base = std::string(sbom::vulndb::kEolApiUrl);
};

std::optional<Exit> nothing_to_fetch(const sbom::cli::Tool& tool, const Sources& src) {
  if (!src.ecosystems.empty() || !src.eol.empty()) return std::nullopt;
  return tool.usage_error("--ecosystem or --eol is required");
}

Exit update(const sbom::cli::Tool& tool, const Sources& src, std::string output) {
  if (auto bad = nothing_to_fetch(tool, src)) return *bad;
  if (output.empty()) {
    auto p = sbom::vulndb::default_path();
    if (!p) return tool.fail(p.error());
    output = *p;
  }
  // The plan is the library's (vulndb::Update): this only runs its steps and says what they did.
  auto plan = sbom::vulndb::Update::plan(output, src.ecosystems, src.base, src.eol, src.eol_base);
  if (!plan) return tool.fail(plan.error());
  if (auto failed = fetch_all(tool, *plan)) return *failed;
  auto rebuild = plan->needs_rebuild();
  if (!rebuild) return tool.fail(rebuild.error());
  if (!*rebuild) {
    std::fprintf(stderr, "sbom-db: %s is up to date\n", output.c_str());
    return tool.finish(Exit::kOk);
  }
  sbom::vulndb::BuildStats st;
  std::size_t sources = 0;
  auto bytes = plan->build(sbom::cli::now_epoch_seconds(), tool.diagnostics(), &st, &sources);
  if (!bytes) return tool.fail(bytes.error());
  // The index is replaced (atomically) before the copies it was built from are moved into place:
  // a failure up to here leaves the index and every copy as they were.
  if (auto ok = tool.write_output(output, *bytes); !ok) return tool.fail(ok.error());
  if (auto ok = plan->commit(); !ok) return tool.fail(ok.error());
  print_stats(st, sources);
  return tool.finish(Exit::kOk);
}

Exit mirror(const sbom::cli::Tool& tool, const std::string& dir, const Sources& src) {
  if (auto bad = nothing_to_fetch(tool, src)) return *bad;
  auto plan = sbom::vulndb::Update::plan_mirror(dir, src.ecosystems, src.base, src.eol, src.eol_base);
  if (!plan) return tool.fail(plan.error());
  if (auto failed = fetch_all(tool, *plan)) return *failed;
  if (auto ok = plan->commit(); !ok) return tool.fail(ok.error());
  return tool.finish(Exit::kOk);
}

Exit sign(const sbom::cli::Tool& tool, const std::string& path, const std::string& key, std::string signature) {
  if (auto ok = sbom::cli::regular_file_or_directory(path); !ok) return tool.fail(ok.error());
  auto db = sbom::vulndb::Database::open(path);
  if (!db) return tool.fail(db.error());
  auto k = sbom::cli::read_key(key, sbom::cli::KeyUse::Sign);
  if (!k) return tool.fail(k.error());
  auto sig = sbom::vulndb::sign_index(*db, *k, key);
  if (!sig) return tool.fail(sig.error());
  if (signature.empty()) signature = sbom::vulndb::signature_path(path);
  if (auto ok = tool.write_output(signature, *sig); !ok) return tool.fail(ok.error());
  return tool.finish(Exit::kOk);
}

Exit verify(const sbom::cli::Tool& tool, const std::string& path, const std::string& pubkey, std::string signature) {
  if (auto ok = sbom::cli::regular_file_or_directory(path); !ok) return tool.fail(ok.error());
  auto db = sbom::vulndb::Database::open(path);
  if (!db) return tool.fail(db.error());
  if (signature.empty()) signature = sbom::vulndb::signature_path(path);
  auto sig = sbom::cli::read_text(signature);
  if (!sig) return tool.fail(sig.error());
  auto k = sbom::cli::read_key(pubkey, sbom::cli::KeyUse::Verify);
  if (!k) return tool.fail(k.error());
  if (auto ok = sbom::vulndb::verify_index(*db, *sig, signature, *k, pubkey); !ok) return tool.fail(ok.error());
  auto digest = db->digest();
  if (!digest) return tool.fail(digest.error());
  std::fprintf(stderr, "sbom-db: %s: good signature (sha256:%s)\n", path.c_str(), digest->c_str());
  return tool.finish(Exit::kOk);
}

}  // namespace

int main(int argc, char** argv) {
  sbom::cli::Tool tool("sbom-db", argv);
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

  Sources src;
  CLI::App* u = app.add_subcommand(
      "update", "download OSV zips and end-of-life tables (when changed) into the index, keeping its other sources");
  u->add_option("--ecosystem", src.ecosystems, "OSV ecosystem to download (repeatable), e.g. PyPI, Go, Debian")
      ->type_name("NAME")->allow_extra_args(false);
  u->add_option("--base-url", src.base,
                "where the <Ecosystem>/all.zip files are: https://, http://, file:// or a mirror directory (default: OSV's bucket)")
      ->type_name("URL");
  u->add_option("--eol", src.eol, "end-of-life table to download (repeatable), by endoflife.date's product name, e.g. debian, python")
      ->type_name("PRODUCT")->allow_extra_args(false);
  u->add_option("--eol-url", src.eol_base,
                "where the end-of-life tables are: the endoflife.date API (<URL>/<product>), file:// or a directory of "
                "<product>.json files (default: https://endoflife.date/api/v1/products)")
      ->type_name("URL");
  u->add_option("-o,--output", output,
                "index file to replace atomically (default: $SBOMKIT_DB, else $XDG_CACHE_HOME/sbomkit/osv.sbomdb)")
      ->type_name("DB");

  std::string mirror_dir;
  CLI::App* m = app.add_subcommand("mirror",
                                   "download OSV zips and end-of-life tables (when changed) into DIR/<Ecosystem>/all.zip and "
                                   "DIR/eol/<product>.json, for update --base-url DIR --eol-url DIR/eol");
  m->add_option("dir", mirror_dir, "mirror directory")->required()->type_name("DIR");
  m->add_option("--ecosystem", src.ecosystems, "OSV ecosystem to mirror (repeatable)")
      ->type_name("NAME")->allow_extra_args(false);
  m->add_option("--base-url", src.base, "where the <Ecosystem>/all.zip files are (default: OSV's bucket)")->type_name("URL");
  m->add_option("--eol", src.eol, "end-of-life table to mirror (repeatable), e.g. debian, python")
      ->type_name("PRODUCT")->allow_extra_args(false);
  m->add_option("--eol-url", src.eol_base, "where the end-of-life tables are (default: the endoflife.date API)")
      ->type_name("URL");

  std::string key, signature;
  CLI::App* sg = app.add_subcommand("sign", "write a detached Ed25519 signature of an index (its digest and provenance)");
  sg->add_option("db", db, "index file")->required()->type_name("DB");
  sg->add_option("--key", key, "Ed25519 private key, PEM (openssl genpkey -algorithm ed25519)")->required()->type_name("KEY");
  sg->add_option("--signature", signature, "signature file to write (default: DB.sig)")->type_name("FILE");

  std::string pubkey;
  CLI::App* v = app.add_subcommand("verify", "check an index against its detached signature");
  v->add_option("db", db, "index file")->required()->type_name("DB");
  v->add_option("--pubkey", pubkey, "Ed25519 public key, PEM (openssl pkey -pubout)")->required()->type_name("FILE");
  v->add_option("--signature", signature, "signature file (default: DB.sig)")->type_name("FILE");

  if (auto done = tool.parse(app, argc, argv)) return *done;
  if (b->parsed()) return build(tool, sources, output);
  if (u->parsed()) return update(tool, src, output);
  if (m->parsed()) return mirror(tool, mirror_dir, src);
  if (sg->parsed()) return sign(tool, db, key, signature);
  if (v->parsed()) return verify(tool, db, pubkey, signature);
  if (i->parsed()) return info(tool, db);
  return query(tool, db, ecosystem, name, version);
}
