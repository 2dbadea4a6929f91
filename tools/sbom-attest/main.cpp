// sbom-attest: an SBOM signed as an in-toto statement about its image, in a DSSE envelope (sign),
// and such an envelope checked against a public key, its payload type and its subject (verify).
#include <string>

#include "cli.h"
#include "sbom/attest.h"
#include "sbom/format.h"
#include "sbom/text.h"

namespace {

namespace at = sbom::attest;

struct Options {
  std::string input = "-";
  std::string output = "-";
  std::string key;
  std::string pubkey;
  std::string subject_digest;
  std::string subject_name;
};

constexpr const char* kExamples =
    "  sbom-gen image.tar | sbom-attest sign --key cosign.key > image.sbom.intoto.json\n"
    "  sbom-attest verify --pubkey cosign.pub --subject-digest sha256:HEX image.sbom.intoto.json | sbom-match\n";

// "sha256:HEX" or "HEX" (64 hex digits, either case) -> lower-case HEX; "" when malformed.
std::string parse_digest(std::string_view d) {
  if (d.starts_with("sha256:")) d.remove_prefix(7);
  std::string hex = sbom::text::lower(d);
  if (hex.size() != 64 || hex.find_first_not_of("0123456789abcdef") != std::string::npos) return {};
  return hex;
}

sbom::cli::Exit sign(const sbom::cli::Tool& tool, const Options& o) {
  auto key = sbom::cli::read_key(o.key, sbom::cli::KeyUse::Sign);
  if (!key) return tool.fail(key.error());
  auto in = sbom::cli::read_document_and_text(o.input);
  if (!in) return tool.fail(in.error());
  const std::string name = o.input == "-" ? "<stdin>" : o.input;
  auto kind = sbom::format::identify(in->text.view()).kind;
  if (kind == sbom::format::Kind::DsseEnvelope || kind == sbom::format::Kind::SigstoreBundle ||
      kind == sbom::format::Kind::InTotoStatement)
    return tool.fail(name + ": already an attestation; sign the SBOM itself");
  auto type = at::predicate_type(in->doc);
  if (!type) return tool.fail(type.error());
  // The predicate is JSON: a JSON document as it was read, XML or tag-value as its family's JSON.
  std::string predicate;
  const sbom::Syntax syntax = in->doc.syntax;
  if (syntax == sbom::Syntax::CycloneDxJson || syntax == sbom::Syntax::SpdxJson || syntax == sbom::Syntax::Spdx3JsonLd) {
    predicate = std::string(sbom::format::skip_utf8_bom(in->text.view()));
  } else {
    sbom::format::Target t{syntax == sbom::Syntax::CycloneDxXml ? sbom::Syntax::CycloneDxJson : sbom::Syntax::SpdxJson,
                           in->doc.spec_version};
    if (auto s = sbom::format::write(in->doc, t, [&](std::string_view piece) { predicate.append(piece); }); !s)
      return tool.fail(s.error());
  }
  at::Subject subject;
  if (!o.subject_digest.empty()) {
    subject.sha256 = parse_digest(o.subject_digest);
    if (subject.sha256.empty()) return tool.usage_error("--subject-digest: '" + o.subject_digest + "' is not sha256:HEX");
    if (auto s = at::image_subject(in->doc)) subject.name = s->name;
    else if (in->doc.metadata.component) subject.name = in->doc.metadata.component->name;
  } else {
    auto s = at::image_subject(in->doc);
    if (!s) return tool.fail(s.error().in_file(name));
    subject = std::move(*s);
  }
  if (!o.subject_name.empty()) subject.name = o.subject_name;
  auto envelope = at::sign(predicate, *type, {subject}, *key);
  if (!envelope) return tool.fail(envelope.error().in_file(name));
  if (auto s = tool.write_output(o.output, *envelope); !s) return tool.fail(s.error());
  std::fprintf(stderr, "sbom-attest: signed %s with the %s key %s: subject %s sha256:%s\n", name.c_str(),
               std::string(key->kind()).c_str(), key->fingerprint().substr(0, 16).c_str(),
               subject.name.empty() ? "(unnamed)" : sbom::text::printable(subject.name).c_str(), subject.sha256.c_str());
  return tool.finish(sbom::cli::Exit::kOk);
}

sbom::cli::Exit verify(const sbom::cli::Tool& tool, const Options& o) {
  std::string want;
  if (!o.subject_digest.empty() && (want = parse_digest(o.subject_digest)).empty())
    return tool.usage_error("--subject-digest: '" + o.subject_digest + "' is not sha256:HEX");
  auto text = sbom::cli::read_text(o.input);
  if (!text) return tool.fail(text.error());
  const std::string name = o.input == "-" ? "<stdin>" : o.input;
  auto key = sbom::cli::read_key(o.pubkey, sbom::cli::KeyUse::Verify);
  if (!key) return tool.fail(key.error());
  auto v = at::verify(*text, name, *key, want);
  if (!v) return tool.fail(v.error());
  auto failed = [&](const std::string& why) {
    tool.report("verification failed: " + sbom::text::printable(name + ": " + why));
    return tool.finish(sbom::cli::Exit::kViolation);
  };
  if (!v->failure.empty()) return failed(v->failure);
  // The SBOM inside must read, and without --subject-digest the subject must be its own image.
  auto doc = sbom::format::read(v->sbom, name + " (predicate)");
  if (!doc) return tool.fail(doc.error());
  std::string subject_note;
  if (want.empty()) {
    if (auto image = at::image_subject(*doc)) {
      bool found = false;
      for (const auto& s : v->subjects) found = found || s.sha256 == image->sha256;
      if (!found)
        return failed("the statement's subject sha256:" + v->subjects.front().sha256 + " is not the image its SBOM describes (sha256:" +
                      image->sha256 + ")");
      subject_note = "the SBOM's own image";
    } else {
      tool.warn(name + ": the SBOM names no image digest, so the subject was not compared; give --subject-digest");
    }
  } else {
    subject_note = "as --subject-digest asks";
  }
  if (auto s = tool.write_output(o.output, v->sbom.ends_with('\n') ? v->sbom : v->sbom + "\n"); !s) return tool.fail(s.error());
  const auto& first = v->subjects.front();
  std::fprintf(stderr, "sbom-attest: verified %s: %s key %s, subject %s sha256:%s%s, %s\n", name.c_str(),
               std::string(key->kind()).c_str(), key->fingerprint().substr(0, 16).c_str(), sbom::text::printable(first.name).c_str(),
               first.sha256.c_str(), subject_note.empty() ? "" : (" (" + subject_note + ")").c_str(),
               sbom::text::printable(v->predicate_type).c_str());
  return tool.finish(sbom::cli::Exit::kOk);
}

}  // namespace

int main(int argc, char** argv) {
  sbom::cli::Tool tool("sbom-attest", argv);
  Options o;
  CLI::App app(
      "Signs an SBOM as an in-toto statement about its image (a DSSE envelope, as cosign writes one),\n"
      "and verifies such envelopes: signature, payload type and subject.");
  tool.setup_app(app, kExamples, "verify: the signature, payload type or subject did not verify");
  app.require_subcommand(1);
  CLI::App* s = app.add_subcommand("sign", "wrap an SBOM in a signed in-toto statement (envelope on stdout)");
  s->add_option("sbom", o.input, "SBOM in any format the toolkit reads (default: stdin)")->type_name("SBOM");
  s->add_option("--key", o.key, "private key, PEM: Ed25519 or ECDSA P-256, not encrypted")->type_name("FILE")->required();
  s->add_option("--subject-digest", o.subject_digest,
                "the image digest to attest (default: the one the SBOM names)")->type_name("sha256:HEX");
  s->add_option("--subject-name", o.subject_name, "the subject's name (default: the image the SBOM names)")->type_name("NAME");
  s->add_option("-o,--output", o.output, "write the envelope to FILE (atomically) instead of stdout")->type_name("FILE");
  CLI::App* v = app.add_subcommand("verify", "check an envelope's signature, payload type and subject (SBOM on stdout)");
  v->add_option("envelope", o.input, "DSSE envelope or Sigstore bundle (default: stdin)")->type_name("FILE");
  v->add_option("--pubkey", o.pubkey, "public key or X.509 certificate, PEM: Ed25519 or ECDSA P-256")->type_name("FILE")->required();
  v->add_option("--subject-digest", o.subject_digest,
                "require a subject with this digest (default: the image the SBOM inside names)")->type_name("sha256:HEX");
  v->add_option("-o,--output", o.output, "write the verified SBOM to FILE (atomically) instead of stdout")->type_name("FILE");
  if (auto done = tool.parse(app, argc, argv)) return *done;
  return s->parsed() ? sign(tool, o) : verify(tool, o);
}
