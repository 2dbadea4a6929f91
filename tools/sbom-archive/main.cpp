// sbom-archive: a verifiable scan bundle for compliance archives (create), checked months later
// (verify: digests, signature, the gate re-run as of the archived date), listed and read (list,
// extract).
#include <algorithm>
#include <cstdio>
#include <string>
#include <vector>

#include "cli.h"
#include "sbomkit_config.h"
#include "sbom/archive.h"
#include "sbom/text.h"

namespace {

namespace ar = sbom::archive;
namespace ex = sbom::exceptions;
using sbom::cli::Exit;

struct Options {
  std::string input = "-";  // create: the scanned document; others: the bundle
  std::string output = "-";
  std::string policy, sbom, exceptions, key, pubkey, date, now, member;
  std::vector<std::string> reports, attestations;
};

constexpr const char* kExamples =
    "  sbom-gen image.tar | sbom-match --db osv/ > scan.cdx.json\n"
    "  sbom-archive create scan.cdx.json --policy policy.json --exceptions exceptions.yaml --key signing.key -o scan.tar\n"
    "  sbom-archive verify --pubkey signing.pub scan.tar\n"
    "  sbom-archive extract scan.tar scan | sbom-check -p ntia-2021\n";

sbom::Expected<ex::Date> date_of(const std::string& flag, const std::string& text) {
  if (text.empty()) return ex::Date::from_epoch_seconds(sbom::cli::now_epoch_seconds());
  std::string why;
  auto d = ex::Date::parse(text, &why);
  if (!d) return sbom::Error(flag + ": '" + text + "' is no date YYYY-MM-DD or RFC 3339 date-time" + (why.empty() ? "" : " (" + why + ")"));
  return *d;
}

sbom::Expected<ar::InputFile> input(const std::string& path) {
  auto text = sbom::cli::read_text(path);
  if (!text) return std::move(text.error());
  return ar::InputFile{path == "-" ? "<stdin>" : path, std::move(*text)};
}

Exit create(const sbom::cli::Tool& tool, const Options& o) {
  auto as_of = date_of("--date", o.date);
  if (!as_of) return tool.usage_error(as_of.error().message);
  ar::CreateOptions c;
  c.as_of = *as_of;
  c.tool = "sbom-archive " SBOMKIT_VERSION;
  auto scan = input(o.input);
  if (!scan) return tool.fail(scan.error());
  c.scan = std::move(*scan);
  auto policy = input(o.policy);
  if (!policy) return tool.fail(policy.error());
  c.policy = std::move(*policy);
  if (!o.sbom.empty()) {
    auto f = input(o.sbom);
    if (!f) return tool.fail(f.error());
    c.sbom = std::move(*f);
  }
  if (!o.exceptions.empty()) {
    auto f = input(o.exceptions);
    if (!f) return tool.fail(f.error());
    c.exceptions = std::move(*f);
  }
  for (const auto& r : o.reports) {
    auto f = input(r);
    if (!f) return tool.fail(f.error());
    c.reports.push_back(std::move(*f));
  }
  for (const auto& a : o.attestations) {
    auto f = input(a);
    if (!f) return tool.fail(f.error());
    c.attestations.push_back(std::move(*f));
  }
  sbom::attest::Key key;
  if (!o.key.empty()) {
    auto k = sbom::cli::read_key(o.key, sbom::cli::KeyUse::Sign);
    if (!k) return tool.fail(k.error());
    key = std::move(*k);
    c.key = &key;
  }
  auto made = ar::create(c);
  if (!made) return tool.fail(made.error());
  if (auto s = tool.write_output(o.output, made->tar); !s) return tool.fail(s.error());
  std::string line = "sbom-archive: archived " + std::to_string(made->members) + " members as of " + c.as_of.to_string();
  line += key.native() ? ", manifest signed with the " + std::string(key.kind()) + " key " + key.fingerprint().substr(0, 16) : ", not signed";
  line += "; gate: " + ar::describe(made->decision) + "\n";
  std::fputs(line.c_str(), stderr);
  return tool.finish(Exit::kOk);
}

sbom::Expected<ar::Bundle> open_bundle(const Options& o, std::string& bytes) {
  auto text = sbom::cli::read_text(o.input);
  if (!text) return std::move(text.error());
  bytes = std::move(*text);
  return ar::open(bytes, o.input == "-" ? "<stdin>" : o.input);
}

// One "verification failed" line; what it quotes (member paths, the bundle's texts) written out,
// a newline in it too, so it stays one line.
void failed(const sbom::cli::Tool& tool, const std::string& what) {
  tool.report("verification failed: " + sbom::text::printable(what));
}

Exit verify(const sbom::cli::Tool& tool, const Options& o) {
  auto today = date_of("--now", o.now);
  if (!today) return tool.usage_error(today.error().message);
  std::string bytes;
  auto b = open_bundle(o, bytes);
  if (!b) return tool.fail(b.error());
  sbom::attest::Key key;
  if (!o.pubkey.empty()) {
    auto k = sbom::cli::read_key(o.pubkey, sbom::cli::KeyUse::Verify);
    if (!k) return tool.fail(k.error());
    key = std::move(*k);
  }
  auto v = ar::verify(*b, o.pubkey.empty() ? nullptr : &key, *today);
  if (!v) return tool.fail(v.error());
  const std::string name = o.input == "-" ? "<stdin>" : o.input;
  for (const auto& f : v->failures) failed(tool, name + ": " + f);
  if (o.pubkey.empty() && b->signature) tool.warn(name + ": the manifest's signature was not checked; give --pubkey");
  // What changed since: the same inputs judged today (exceptions expire; the archive does not).
  if (v->today && v->archived && v->today->violated != v->archived->violated) {
    std::string line = "sbom-archive: note: as of " + today->to_string() + " the gate would decide " + ar::describe(*v->today);
    for (std::size_t i = 0; i < v->expired_since.size(); ++i)
      line += (i == 0 ? ": exceptions expired since the archived date: " : ", ") + v->expired_since[i];
    std::fputs((sbom::text::printable(line) + "\n").c_str(), stderr);
  }
  if (!v->failures.empty()) return tool.finish(Exit::kViolation);
  std::string line = "sbom-archive: verified " + name + ": " + std::to_string(b->members.size()) + " members, " + v->signature;
  if (v->attestations_verified) {
    line += ", ";
    line += std::to_string(v->attestations_verified);
    line += v->attestations_verified == 1 ? " attestation verified" : " attestations verified";
  }
  line += "; the gate as of " + b->as_of + " decides " + ar::describe(*v->rejudged) + " as archived";
  std::fputs((sbom::text::printable(line) + "\n").c_str(), stderr);
  return tool.finish(Exit::kOk);
}

Exit list(const sbom::cli::Tool& tool, const Options& o) {
  std::string bytes;
  auto b = open_bundle(o, bytes);
  if (!b) return tool.fail(b.error());
  // The manifest's texts are the bundle's, which may be anyone's: one line each (text::printable).
  std::string out;
  auto put = [&out](const std::string& line) { out += sbom::text::printable(line) + "\n"; };
  put("bundle: " + std::string(ar::kBundleFormat) + " as of " + b->as_of + ", made by " + b->created_by);
  if (!b->image.empty()) put("image: " + b->image);
  for (const auto& t : b->tools) put("tool: " + t);
  out += std::string("signature: ") + (b->signature ? "yes (sbom-archive verify --pubkey checks it)" : "none") + "\n";
  std::size_t width = 0;
  for (const auto& m : b->members) width = std::max(width, sbom::text::printable(m.role).size());
  for (const auto& m : b->members) {
    const std::string role = sbom::text::printable(m.role);
    put(m.sha256 + "  " + role + std::string(width - role.size(), ' ') + "  " + std::to_string(m.size) + "  " + m.path);
  }
  if (auto s = tool.write_output(o.output, out); !s) return tool.fail(s.error());
  return tool.finish(Exit::kOk);
}

Exit extract(const sbom::cli::Tool& tool, const Options& o) {
  std::string bytes;
  auto b = open_bundle(o, bytes);
  if (!b) return tool.fail(b.error());
  const std::string name = o.input == "-" ? "<stdin>" : o.input;
  auto m = ar::find_member(*b, o.member);
  if (!m) return tool.fail(m.error().in_file(name));
  if (!o.pubkey.empty()) {
    auto k = sbom::cli::read_key(o.pubkey, sbom::cli::KeyUse::Verify);
    if (!k) return tool.fail(k.error());
    auto v = ar::verify(*b, &*k, ex::Date::from_epoch_seconds(sbom::cli::now_epoch_seconds()));
    if (!v) return tool.fail(v.error());
    if (!v->signature_checked) {
      for (const auto& f : v->failures)
        if (f.starts_with(ar::kSignaturePath) || f.starts_with(ar::kManifestPath))
          failed(tool, name + ": " + f);
      return tool.finish(Exit::kViolation);
    }
  }
  const auto* e = b->find((*m)->path);
  const std::string got = e ? sbom::text::sha256_hex(e->data) : std::string();
  if (!e || got != (*m)->sha256) {
    failed(tool, name + ": " + (*m)->path + ": " +
           (e ? "sha256:" + got + ", the manifest says sha256:" + (*m)->sha256 : std::string("listed in the manifest but not in the bundle")));
    return tool.finish(Exit::kViolation);
  }
  if (auto s = tool.write_output(o.output, e->data); !s) return tool.fail(s.error());
  return tool.finish(Exit::kOk);
}

}  // namespace

int main(int argc, char** argv) {
  sbom::cli::Tool tool("sbom-archive", argv);
  Options o;
  CLI::App app(
      "Makes a verifiable scan bundle for compliance archives (one tar: the SBOM, the scanned document,\n"
      "the exceptions, the gate's policy and decision, the index provenance, reports, attestations and a\n"
      "manifest of SHA-256 digests, optionally signed), and verifies, lists and reads such bundles.");
  tool.setup_app(app, kExamples, "verify, extract: a digest, the signature or the gate's decision did not verify");
  app.require_subcommand(1);
  CLI::App* c = app.add_subcommand("create", "write a bundle (tar on stdout) from a scanned document and its policy");
  c->add_option("scan", o.input, "the scanned document (sbom-match's output), any format (default: stdin)")->type_name("SCAN");
  c->add_option("--policy", o.policy, "sbom-gate's policy file the document is judged by")->type_name("FILE")->required();
  c->add_option("--sbom", o.sbom, "the SBOM before matching (sbom-gen's output)")->type_name("FILE");
  c->add_option("--exceptions", o.exceptions, "the exceptions file applied (YAML or JSON)")->type_name("FILE");
  c->add_option("--report", o.reports, "a report or summary of the gate to keep (repeatable)")->type_name("FILE");
  c->add_option("--attestation", o.attestations, "a DSSE envelope to keep, e.g. sbom-attest sign's (repeatable)")->type_name("FILE");
  c->add_option("--date", o.date,
                "the date the gate judges on, YYYY-MM-DD or RFC 3339 (default: SOURCE_DATE_EPOCH, else today)")->type_name("DATE");
  c->add_option("--key", o.key, "sign the manifest: private key, PEM, Ed25519 or ECDSA P-256")->type_name("FILE");
  c->add_option("-o,--output", o.output, "write the bundle to FILE (atomically) instead of stdout")->type_name("FILE");
  CLI::App* v = app.add_subcommand("verify", "check every digest, the signature, and re-run the gate as of the archived date");
  v->add_option("bundle", o.input, "the bundle (default: stdin)")->type_name("BUNDLE");
  v->add_option("--pubkey", o.pubkey, "check the manifest's and attestations' signatures with this public key (PEM)")->type_name("FILE");
  v->add_option("--now", o.now, "today, for what changed since (default: SOURCE_DATE_EPOCH, else the clock)")->type_name("DATE");
  CLI::App* l = app.add_subcommand("list", "list the members with their roles, sizes and digests");
  l->add_option("bundle", o.input, "the bundle (default: stdin)")->type_name("BUNDLE");
  l->add_option("-o,--output", o.output, "write the list to FILE (atomically) instead of stdout")->type_name("FILE");
  CLI::App* x = app.add_subcommand("extract", "write one member to stdout after checking its digest");
  x->add_option("bundle", o.input, "the bundle")->type_name("BUNDLE")->required();
  x->add_option("member", o.member, "a member's path, or a role only one member has (sbom, scan, policy, …)")->type_name("MEMBER")->required();
  x->add_option("--pubkey", o.pubkey, "also check the manifest's signature with this public key (PEM)")->type_name("FILE");
  x->add_option("-o,--output", o.output, "write the member to FILE (atomically) instead of stdout")->type_name("FILE");
  if (auto done = tool.parse(app, argc, argv)) return *done;
  if (c->parsed()) return create(tool, o);
  if (v->parsed()) return verify(tool, o);
  if (l->parsed()) return list(tool, o);
  return extract(tool, o);
}
