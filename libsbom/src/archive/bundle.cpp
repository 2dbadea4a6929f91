// Making, reading and verifying scan bundles (sbom/archive.h): the members and their names, the
// manifest and gate.json, and what verify checks.
#include <algorithm>
#include <map>

#include "archive/json_member.h"
#include "archive/tar.h"
#include "sbom/archive.h"
#include "sbom/format.h"
#include "sbom/json.h"
#include "sbom/policy.h"
#include "sbom/provenance.h"
#include "sbom/text.h"

namespace sbom::archive {

namespace {

using json::Value;

constexpr std::int64_t kSecondsPerDay = 86400;

Error in_file(std::string_view name, std::string message) {
  Error e(std::move(message));
  e.file = name;
  return e;
}

// The member name's extension for a document read from `text`: its format.
std::string document_extension(std::string_view text, Syntax syntax) {
  const auto kind = format::identify(text).kind;
  if (kind == format::Kind::DsseEnvelope || kind == format::Kind::SigstoreBundle) return ".intoto.json";
  switch (syntax) {
    case Syntax::CycloneDxJson: return ".cdx.json";
    case Syntax::CycloneDxXml: return ".cdx.xml";
    case Syntax::SpdxJson: return ".spdx.json";
    case Syntax::SpdxTagValue: return ".spdx";
    case Syntax::Spdx3JsonLd: return ".spdx3.json";
    case Syntax::None: break;
  }
  return ".json";
}

std::string base_name(std::string_view path) {
  const auto slash = path.find_last_of('/');
  return std::string(slash == std::string_view::npos ? path : path.substr(slash + 1));
}

Value decision_json(const Decision& d, std::string_view as_of) {
  json::Object counts;
  for (std::size_t i = d.counts.size(); i-- > 0;)
    counts.emplace_back(std::string(policy::severity_lower(static_cast<policy::Severity>(i))),
                        Value(json::Number::from(static_cast<std::int64_t>(d.counts[i]))));
  auto strings = [](const std::vector<std::string>& v) {
    json::Array a;
    for (const auto& s : v) a.emplace_back(s);
    return Value(std::move(a));
  };
  return Value(json::Object{{"asOf", Value(as_of)},
                            {"decision", Value(d.violated ? "fail" : "pass")},
                            {"violations", strings(d.violations)},
                            {"counts", Value(std::move(counts))},
                            {"findings", Value(json::Number::from(static_cast<std::int64_t>(d.findings)))},
                            {"suppressed", Value(json::Number::from(static_cast<std::int64_t>(d.suppressed)))},
                            {"exceptionsApplied", strings(d.exceptions_applied)},
                            {"exceptionsExpired", strings(d.exceptions_expired)}});
}

Expected<Decision> read_decision(std::string_view text, std::string_view name) {
  auto v = parse_member(text, name);
  if (!v) return std::move(v.error());
  Reader r{name, {}, {}, {}};
  Decision d;
  const std::string decision = r.string(*v, "decision", "");
  if (r.error.empty() && decision != "pass" && decision != "fail") {
    r.error = "decision '" + decision + "' is neither pass nor fail";
    r.where = v->find("decision")->position;
    r.pointer = "/decision";
  }
  d.violated = decision == "fail";
  d.violations = r.strings(*v, "violations", "");
  d.counts.assign(policy::kSeverityCount, 0);
  if (const Value* counts = r.get(*v, "counts", Value::Kind::Object, ""))
    for (std::size_t i = 0; i < policy::kSeverityCount; ++i)
      d.counts[i] = r.count(*counts, policy::severity_lower(static_cast<policy::Severity>(i)), "/counts");
  d.findings = r.count(*v, "findings", "");
  d.suppressed = r.count(*v, "suppressed", "");
  d.exceptions_applied = r.strings(*v, "exceptionsApplied", "");
  d.exceptions_expired = r.strings(*v, "exceptionsExpired", "");
  if (auto s = r.status(); !s) return std::move(s.error());
  return d;
}

std::string join(const std::vector<std::string>& v) {
  std::string out;
  for (const auto& s : v) out += (out.empty() ? "" : "; ") + s;
  return out;
}

// What differs between two decisions, for one line.
std::string difference(const Decision& archived, const Decision& now) {
  if (archived.violated != now.violated)
    return std::string("the archive says ") + (archived.violated ? "fail" : "pass") + ", the re-run decides " +
           (now.violated ? "fail" : "pass") + (now.violated ? " (" + join(now.violations) + ")" : std::string());
  if (archived.violations != now.violations) return "the broken rules differ: archived '" + join(archived.violations) + "', re-run '" + join(now.violations) + "'";
  if (archived.counts != now.counts || archived.suppressed != now.suppressed || archived.findings != now.findings)
    return "the counts differ: archived " + describe(archived) + ", re-run " + describe(now);
  return "the exceptions applied differ: archived '" + join(archived.exceptions_applied) + "', re-run '" + join(now.exceptions_applied) + "'";
}

}  // namespace

Expected<Created> create(const CreateOptions& o) {
  struct Made {
    std::string path;
    std::string role;
    std::string data;
  };
  std::vector<Made> made;
  auto add = [&](std::string path, std::string role, std::string data) -> Status {
    for (const auto& m : made)
      if (m.path == path) return Error("two members would be named '" + path + "'; rename one of the files");
    if (std::string why = tar::bad_path(path); !why.empty()) return Error("member '" + path + "': " + why);
    made.push_back(Made{std::move(path), std::move(role), std::move(data)});
    return Ok{};
  };

  // Names inside the bundle are fixed by role, so the decision (its exception labels) reads the
  // same when verify re-makes it from the members. The scan is read under its member name; an
  // error is reported under the name the user gave.
  const std::string policy_path = "policy.json";
  std::string exceptions_path;
  if (o.exceptions) {
    const auto first = o.exceptions->data.find_first_not_of(" \t\r\n");
    exceptions_path = first != std::string::npos && o.exceptions->data[first] == '{' ? "exceptions.json" : "exceptions.yaml";
  }
  const InputFile policy{policy_path, o.policy.data};
  std::optional<InputFile> ex;
  if (o.exceptions) ex = InputFile{exceptions_path, o.exceptions->data};
  auto judge = Judge::read(InputFile{"scan", o.scan.data}, ex ? &*ex : nullptr, policy);
  if (!judge) {
    Error e = std::move(judge.error());
    if (e.file == "scan") e.file = o.scan.name;
    else if (e.file == policy_path) e.file = o.policy.name;
    else if (o.exceptions && e.file == exceptions_path) e.file = o.exceptions->name;
    return e;
  }
  const Document& doc = judge->document();
  const std::string scan_path = "scan" + document_extension(o.scan.data, doc.syntax);
  Decision decision = judge->decide(o.as_of);

  const std::string as_of = o.as_of.to_string();
  if (o.sbom) {
    auto sbom = format::read(o.sbom->data, o.sbom->name);
    if (!sbom) return std::move(sbom.error());
    if (auto s = add("sbom" + document_extension(o.sbom->data, sbom->syntax), "sbom", o.sbom->data); !s) return std::move(s.error());
  }
  if (auto s = add(scan_path, "scan", o.scan.data); !s) return std::move(s.error());
  if (o.exceptions)
    if (auto s = add(exceptions_path, "exceptions", o.exceptions->data); !s) return std::move(s.error());
  if (auto s = add(policy_path, "policy", o.policy.data); !s) return std::move(s.error());
  if (auto s = add("gate.json", "gate", json::write(decision_json(decision, as_of))); !s) return std::move(s.error());
  if (auto p = index_provenance(doc)) {
    json::Array sources;
    for (const auto& src : p->sources) sources.emplace_back(src);
    Value index(json::Object{{"digest", Value(p->digest)},
                             {"built", Value(p->built)},
                             {"sources", Value(std::move(sources))},
                             {"signatureVerified", Value(p->signature_verified)}});
    if (auto s = add("index.json", "index", json::write(index)); !s) return std::move(s.error());
  }
  for (const auto& r : o.reports)
    if (auto s = add("reports/" + base_name(r.name), "report", r.data); !s) return std::move(s.error().in_file(r.name));
  for (const auto& a : o.attestations) {
    const auto kind = format::identify(a.data).kind;
    if (kind != format::Kind::DsseEnvelope && kind != format::Kind::SigstoreBundle)
      return in_file(a.name, "not a DSSE envelope or Sigstore bundle (sbom-attest sign writes one)");
    if (auto s = add("attestations/" + base_name(a.name), "attestation", a.data); !s) return std::move(s.error().in_file(a.name));
  }

  json::Array members;
  for (const auto& m : made)
    members.emplace_back(json::Object{{"path", Value(m.path)},
                                      {"role", Value(m.role)},
                                      {"size", Value(json::Number::from(static_cast<std::int64_t>(m.data.size())))},
                                      {"sha256", Value(text::sha256_hex(m.data))}});
  json::Array tools;
  for (const auto& t : doc.metadata.tools) tools.emplace_back(t.version.empty() ? t.name : t.name + " " + t.version);
  json::Object manifest{{"bundleFormat", Value(kBundleFormat)},
                        {"version", Value(json::Number::from(static_cast<std::int64_t>(kBundleVersion)))},
                        {"asOf", Value(as_of)},
                        {"createdBy", Value(o.tool)}};
  if (auto img = attest::image_subject(doc))
    manifest.emplace_back("image", Value(json::Object{{"name", Value(img->name)}, {"digest", Value("sha256:" + img->sha256)}}));
  manifest.emplace_back("tools", Value(std::move(tools)));
  manifest.emplace_back("members", Value(std::move(members)));
  const std::string manifest_text = json::write(Value(std::move(manifest)));

  std::vector<tar::File> files{{std::string(kManifestPath), manifest_text}};
  std::string signature;
  if (o.key) {
    auto env = attest::sign_envelope(kManifestPayloadType, manifest_text, *o.key);
    if (!env) return std::move(env.error());
    signature = std::move(*env);
    files.push_back({std::string(kSignaturePath), signature});
  }
  for (const auto& m : made) files.push_back({m.path, m.data});
  auto bytes = tar::write(files, o.as_of.days * kSecondsPerDay);
  if (!bytes) return std::move(bytes.error());
  return Created{std::move(*bytes), std::move(decision), made.size()};
}

Expected<Verification> verify(const Bundle& b, const attest::Key* key, exceptions::Date today) {
  Verification v;
  // The signature first: a manifest that is not the one signed makes every digest moot.
  if (!b.signature) {
    v.signature = "not signed";
    if (key) v.failures.push_back(std::string(kSignaturePath) + ": missing; the bundle is not signed, and --pubkey asks for a signature");
  } else if (!key) {
    v.signature = "signed, signature not checked (no --pubkey)";
  } else {
    auto env = attest::open_envelope(*b.signature, kSignaturePath, *key);
    if (!env) {
      v.failures.push_back(env.error().to_string());
    } else if (!env->verified) {
      v.failures.push_back(std::string(kSignaturePath) + ": " + env->failure);
    } else if (env->payload_type != kManifestPayloadType) {
      v.failures.push_back(std::string(kSignaturePath) + ": the payload type is '" + env->payload_type + "', not " +
                           std::string(kManifestPayloadType));
    } else if (env->payload != b.manifest_text) {
      v.failures.push_back(std::string(kManifestPath) + ": not the manifest that was signed (it was changed after signing)");
    } else {
      v.signature_checked = true;
      v.signature = "signed with the " + std::string(key->kind()) + " key " + key->fingerprint().substr(0, 16) + ", verified";
    }
  }
  // Every listed member present with its size and digest; nothing unlisted.
  for (const auto& m : b.members) {
    const auto* e = b.find(m.path);
    if (!e) {
      v.failures.push_back(m.path + ": listed in the manifest but not in the bundle");
      continue;
    }
    const std::string got = text::sha256_hex(e->data);
    if (got != m.sha256 || e->data.size() != m.size)
      v.failures.push_back(m.path + ": sha256:" + got + " (" + std::to_string(e->data.size()) + " bytes), the manifest says sha256:" +
                           m.sha256 + " (" + std::to_string(m.size) + " bytes)");
  }
  for (const auto& e : b.entries) {
    if (e.path == kManifestPath || e.path == kSignaturePath) continue;
    bool listed = false;
    for (const auto& m : b.members) listed = listed || m.path == e.path;
    if (!listed) v.failures.push_back(e.path + ": in the bundle but not in the manifest");
  }
  auto data_of = [&](std::string_view role) -> const Member* {
    for (const auto& m : b.members)
      if (m.role == role) return &m;
    return nullptr;
  };
  // Attestations: signature (with the key) of each.
  if (key)
    for (const auto& m : b.members) {
      if (m.role != "attestation") continue;
      const auto* e = b.find(m.path);
      if (!e) continue;
      auto env = attest::open_envelope(e->data, m.path, *key);
      if (!env) v.failures.push_back(env.error().to_string());
      else if (!env->verified) v.failures.push_back(m.path + ": " + env->failure);
      else ++v.attestations_verified;
    }
  // The gate, re-made as of the archived date from the archived members.
  const Member* scan = data_of("scan");
  const Member* policy = data_of("policy");
  const Member* gate = data_of("gate");
  const Member* ex = data_of("exceptions");
  for (const char* role : {"scan", "policy", "gate"})
    if (!data_of(role)) v.failures.push_back(std::string(kManifestPath) + ": lists no " + role + " member");
  // Only a bundle intact so far is judged: re-running the gate on altered inputs, or under a
  // manifest that is not the one signed, would only restate that failure at more length.
  if (!scan || !policy || !gate || !v.failures.empty()) return v;
  auto archived = read_decision(b.find(gate->path)->data, gate->path);
  if (!archived) return std::move(archived.error());
  v.archived = std::move(*archived);
  const InputFile scan_in{scan->path, std::string(b.find(scan->path)->data)};
  const InputFile policy_in{policy->path, std::string(b.find(policy->path)->data)};
  std::optional<InputFile> ex_in;
  if (ex) ex_in = InputFile{ex->path, std::string(b.find(ex->path)->data)};
  auto as_of = exceptions::Date::parse(b.as_of);
  auto judge = Judge::read(scan_in, ex_in ? &*ex_in : nullptr, policy_in);
  if (!judge) return std::move(judge.error());
  v.rejudged = judge->decide(*as_of);
  if (!(*v.rejudged == *v.archived))
    v.failures.push_back(gate->path + ": the gate re-run as of " + b.as_of + " does not reach the archived decision: " +
                         difference(*v.archived, *v.rejudged));
  if (!v.failures.empty()) return v;
  v.today = judge->decide(today);
  for (const auto& label : v.today->exceptions_expired)
    if (std::find(v.archived->exceptions_expired.begin(), v.archived->exceptions_expired.end(), label) ==
        v.archived->exceptions_expired.end())
      v.expired_since.push_back(label);
  return v;
}

}  // namespace sbom::archive
