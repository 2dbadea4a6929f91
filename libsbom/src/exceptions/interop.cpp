// Import of other tools' ignore files (Trivy, Grype, OpenVEX, CycloneDX VEX) into ledger entries.
#include <algorithm>
#include <cstdint>

#include "sbom/exceptions.h"
#include "sbom/text.h"
#include "sbom/json.h"
#include "sbom/version.h"
#include "sbom/yaml.h"
#include "exceptions/scope.h"
#include "exceptions/vex.h"

namespace sbom::exceptions {


namespace {

using vex::cdx_justification;
using vex::cdx_state;


std::string trim(std::string_view s) { return std::string(text::trim(s)); }

const std::string* str(const json::Value& obj, std::string_view key) {
  const json::Value* v = obj.find(key);
  return v && v->is_string() ? &v->as_string() : nullptr;
}

std::string text_of(const json::Value* v) {
  if (!v) return {};
  if (v->is_string()) return v->as_string();
  if (v->is_number()) return v->as_number().text;
  return {};
}

void finish(ImportResult& r, Entry e) {
  auto placeholder = [](std::string& field, std::size_t& counter) {
    if (field.empty()) {
      field = std::string(kPlaceholder);
      ++counter;
    }
  };
  placeholder(e.owner, r.missing_owner);
  placeholder(e.expires_text, r.missing_expiry);
  placeholder(e.reason, r.missing_reason);
  e.index = r.entries.size();
  r.entries.push_back(std::move(e));
}

Error bad_at(std::string_view name, std::uint32_t line, std::uint32_t column, std::string msg) {
  return json::error_at(name, json::Position{line, column}, {}, std::move(msg));
}

Error bad(std::string_view name, const json::Value& v, std::string msg) { return json::error_at(name, v, {}, std::move(msg)); }

// A date in an imported file, strictly (Date::parse), as the ledger's YYYY-MM-DD; a bad one is an
// error at its position, never a truncated guess.
Expected<std::string> imported_date(std::string_view name, std::uint32_t line, std::uint32_t column, std::string_view what,
                                    std::string_view text) {
  std::string why;
  auto d = Date::parse(text, &why);
  if (!d) return bad_at(name, line, column, std::string(what) + " '" + std::string(text) + "' is not a date (" + why + ")");
  return d->to_string();
}

Expected<std::string> imported_date(std::string_view name, const json::Value& at, std::string_view what, std::string_view text) {
  return imported_date(name, at.position.line, at.position.column, what, text);
}

Expected<std::string> imported_date(std::string_view name, const json::Value& v, std::string_view what) {
  return imported_date(name, v, what, text_of(&v));
}

// .trivyignore: one id per line, optional `exp:YYYY-MM-DD`; comment lines above an id are its reason.
Expected<ImportResult> import_trivyignore(std::string_view text, std::string_view name) {
  ImportResult r;
  std::string comment;
  std::size_t line_no = 0;
  while (!text.empty()) {
    auto nl = text.find('\n');
    std::string_view text_line = text.substr(0, nl);
    std::string line = trim(text_line);
    text = nl == std::string_view::npos ? std::string_view{} : text.substr(nl + 1);
    ++line_no;
    std::string_view raw = text_line;
    // What is imported is written into a ledger, which must be UTF-8 text to read back.
    if (!json::valid_utf8(text_line)) return bad_at(name, static_cast<std::uint32_t>(line_no), 1, "not UTF-8 text");
    if (line.empty()) { comment.clear(); continue; }
    if (line[0] == '#') {
      std::string c = trim(std::string_view(line).substr(1));
      if (!c.empty()) comment += (comment.empty() ? "" : " ") + c;
      continue;
    }
    Entry e;
    std::string_view rest = line;
    auto sp = rest.find_first_of(" \t");
    e.id = std::string(rest.substr(0, sp));
    rest = sp == std::string_view::npos ? std::string_view{} : rest.substr(sp);
    while (!rest.empty()) {
      std::string tok = trim(rest);
      auto sp2 = tok.find_first_of(" \t");
      std::string word = tok.substr(0, sp2);
      rest = sp2 == std::string::npos ? std::string_view{} : std::string_view(rest).substr(rest.find(word) + word.size());
      if (word.rfind("exp:", 0) == 0) {
        auto col = static_cast<std::uint32_t>(raw.find(word) + 5);
        auto d = imported_date(name, static_cast<std::uint32_t>(line_no), col, "exp", word.substr(4));
        if (!d) return std::move(d).error();
        e.expires_text = *d;
      }
      else if (word[0] == '#') break;
      else if (!word.empty()) r.skipped.push_back("line " + std::to_string(line_no) + ": ignored '" + word + "'");
      if (sp2 == std::string::npos) break;
    }
    e.status = "not_affected";
    e.reason = comment;
    comment.clear();
    finish(r, std::move(e));
  }
  return r;
}

Expected<ImportResult> import_trivy_yaml(const json::Value& root, std::string_view name) {
  ImportResult r;
  if (!root.is_object()) return bad(name, root, "expected a mapping with `vulnerabilities`");
  for (const auto& [k, v] : root.as_object()) {
    if (k != "vulnerabilities") {
      r.skipped.push_back("section '" + k + "' (only vulnerabilities are converted)");
      continue;
    }
    if (!v.is_array()) return bad(name, v, "`vulnerabilities` must be a list");
    for (const auto& item : v.as_array()) {
      if (!item.is_object() || !str(item, "id")) return bad(name, item, "each vulnerability needs an `id`");
      Entry base;
      base.id = *str(item, "id");
      base.status = "not_affected";
      if (auto s = str(item, "statement")) base.reason = *s;
      if (const json::Value* exp = item.find("expired_at")) {
        auto d = imported_date(name, *exp, "expired_at");
        if (!d) return std::move(d).error();
        base.expires_text = *d;
      }
      std::vector<Scope> scopes;
      if (const json::Value* purls = item.find("purls"); purls && purls->is_array())
        for (const auto& p : purls->as_array())
          if (p.is_string()) scopes.emplace_back().purl = p.as_string();
      if (const json::Value* paths = item.find("paths"); paths && paths->is_array())
        for (const auto& p : paths->as_array())
          // Trivy writes these relative to the scanned root; ours are absolute.
          if (p.is_string()) scopes.emplace_back().path = p.as_string().starts_with("/") || p.as_string().starts_with("*") ? p.as_string() : "/" + p.as_string();
      if (scopes.empty()) scopes.emplace_back();
      for (auto& s : scopes) {
        Entry e = base;
        e.scope = std::move(s);
        finish(r, std::move(e));
      }
    }
  }
  return r;
}

Expected<ImportResult> import_grype(const json::Value& root, std::string_view name) {
  ImportResult r;
  if (!root.is_object()) return bad(name, root, "expected a grype configuration mapping");
  const json::Value* rules = root.find("ignore");
  if (!rules) return r;
  if (!rules->is_array()) return bad(name, *rules, "`ignore` must be a list of rules");
  for (const auto& rule : rules->as_array()) {
    if (!rule.is_object()) return bad(name, rule, "an ignore rule must be a mapping");
    const std::string* id = str(rule, "vulnerability");
    if (!id) {
      r.skipped.push_back("rule at line " + std::to_string(rule.position.line) + " has no vulnerability id (grype matches by package only; an exception must name a vulnerability)");
      continue;
    }
    // fix-state limits a rule to findings in that state. A document says whether a fixed
    // version is known (fixed / not-fixed), not why there is none (wont-fix) or whether anyone
    // knows (unknown): those rules are not converted, since without the condition they would
    // cover findings in every fix state.
    std::string fix_state = str(rule, "fix-state") ? *str(rule, "fix-state") : "";
    if (!fix_state.empty() && fix_state != "fixed" && fix_state != "not-fixed") {
      r.skipped.push_back("rule at line " + std::to_string(rule.position.line) + " (" + *id + "): fix-state '" + fix_state +
                          "' cannot be told from a document (only fixed and not-fixed can); converting the rule without it would cover findings in every fix state");
      continue;
    }
    Entry e;
    e.scope.fix_state = fix_state;
    e.id = *id;
    if (auto s = str(rule, "reason")) e.reason = *s;
    std::string vex = str(rule, "vex-status") ? *str(rule, "vex-status") : "";
    e.status = vex.empty() ? "not_affected" : cdx_state(vex);
    if (e.status.empty()) e.status = "not_affected";
    if (auto j = str(rule, "vex-justification")) e.justification = cdx_justification(*j);
    if (const json::Value* pkg = rule.find("package"); pkg && pkg->is_object()) {
      std::string type = text_of(pkg->find("type")), pname = text_of(pkg->find("name")), ver = text_of(pkg->find("version"));
      // grype package types are mostly purl types (deb, rpm, apk, npm, python -> pypi, java-archive -> maven ...)
      if (type == "python") type = "pypi";
      else if (type == "java-archive" || type == "jenkins-plugin") type = "maven";
      else if (type == "go-module") type = "golang";
      else if (type == "rust-crate") type = "cargo";
      else if (type == "gem") type = "gem";
      if (!pname.empty()) {
        // A Go package name is its whole module path (stdlib, github.com/x/y): no namespace to guess.
        bool has_ns = type == "maven" || type == "deb" || type == "rpm" || type == "apk";
        e.scope.purl = "pkg:" + (type.empty() ? std::string("*") : type) + "/" + (has_ns && pname.find('/') == std::string::npos ? "*/" : "") + pname;
        if (type == "golang") ver = version::go_toolchain_spelling(ver);
        if (!ver.empty()) e.scope.versions = "= " + ver;
      }
      if (auto loc = str(*pkg, "location")) {
        std::string p = *loc;
        // grype's ** is a recursive glob; our '*' already spans '/'.
        for (std::size_t at; (at = p.find("**")) != std::string::npos;) p.erase(at, 1);
        e.scope.path = p;
      }
    }
    finish(r, std::move(e));
  }
  return r;
}

// An OpenVEX product or subcomponent: a string, or an object's purl identifier, else its @id.
std::string product_id(const json::Value& p) {
  if (p.is_string()) return p.as_string();
  if (!p.is_object()) return {};
  if (const json::Value* ids = p.find("identifiers"); ids && ids->is_object() && str(*ids, "purl")) return *str(*ids, "purl");
  return text_of(p.find("@id"));
}

using detail::kExceptionMarker;

std::size_t exception_marker(std::string_view notes) {
  if (notes.substr(0, kExceptionMarker.size()) == kExceptionMarker) return 0;
  auto at = notes.rfind("\n" + std::string(kExceptionMarker));
  return at == std::string_view::npos ? at : at + 1;
}

Status read_marker(std::string_view name, const json::Value& at, std::string_view text, Entry& e) {
  auto v = yaml::parse(text, name);
  if (!v || !v->is_object()) return bad(name, at, "status_notes: the sbomkit-exception record is not a JSON object");
  e.owner = text_of(v->find("owner"));
  e.ticket = text_of(v->find("ticket"));
  // The state and justification OpenVEX could not say, where they agree with what it did say.
  if (std::string st = text_of(v->find("state")); !st.empty() && detail::openvex_status(st) == detail::openvex_status(e.status)) e.status = st;
  if (std::string j = text_of(v->find("justification")); !j.empty()) e.justification = j;
  if (const json::Value* resp = v->find("response"); resp && resp->is_array())
    for (const auto& x : resp->as_array())
      if (x.is_string()) e.response.push_back(x.as_string());
  for (auto [key, field] : {std::pair{"expires", &e.expires_text}, std::pair{"created", &e.created}}) {
    std::string d = text_of(v->find(key));
    if (d.empty()) continue;
    auto ok = imported_date(name, at, std::string("status_notes ") + key, d);
    if (!ok) return std::move(ok).error();
    *field = *ok;
  }
  return Ok{};
}

Expected<ImportResult> import_openvex(const json::Value& root, std::string_view name) {
  ImportResult r;
  if (!root.is_object()) return bad(name, root, "expected an OpenVEX document");
  const json::Value* statements = root.find("statements");
  if (!statements || !statements->is_array()) return bad(name, root, "OpenVEX document has no `statements` list");
  for (const auto& st : statements->as_array()) {
    if (!st.is_object()) return bad(name, st, "a statement must be an object");
    std::string id;
    if (const json::Value* v = st.find("vulnerability")) {
      if (v->is_string()) id = v->as_string();
      else if (v->is_object()) {
        id = text_of(v->find("name"));
        if (id.empty()) {
          // Only an @id (an IRI): the id it ends with (…/CVE-2021-44228, urn:…:CVE-…), if it is one.
          std::string iri = text_of(v->find("@id"));
          std::string tail = iri.substr(iri.find_last_of("/#:") == std::string::npos ? 0 : iri.find_last_of("/#:") + 1);
          if (well_formed_id(iri)) id = iri;
          else if (well_formed_id(tail)) id = tail;
          else if (!iri.empty()) return bad(name, *v, "vulnerability @id '" + iri + "' does not end in a vulnerability id (CVE-…, GHSA-…)");
        }
        // Scanners report CVEs (or GHSAs aliasing them); a vendor id (CGA-…) with a CVE alias is
        // recorded by the CVE so the entry matches what the scan says.
        if (const json::Value* aliases = v->find("aliases"); aliases && aliases->is_array() && id.rfind("CVE-", 0) != 0)
          for (const auto& a : aliases->as_array())
            if (a.is_string() && a.as_string().rfind("CVE-", 0) == 0) { id = a.as_string(); break; }
      }
    }
    if (id.empty()) return bad(name, st, "statement has no vulnerability name");
    std::string status = text_of(st.find("status"));
    std::string state = cdx_state(status);
    if (state.empty()) return bad(name, st, "unknown OpenVEX status '" + status + "'");
    if (state == "exploitable" || state == "in_triage") {
      r.skipped.push_back(id + ": status " + status + " is not an exception");
      continue;
    }
    Entry base;
    base.id = id;
    base.status = state;
    base.justification = cdx_justification(text_of(st.find("justification")));
    base.reason = text_of(st.find("impact_statement"));
    std::string notes = text_of(st.find("status_notes"));
    if (auto at = exception_marker(notes); at != std::string::npos) {
      if (auto s2 = read_marker(name, *st.find("status_notes"), notes.substr(at + kExceptionMarker.size()), base); !s2) return std::move(s2).error();
      notes.resize(at);
      while (!notes.empty() && notes.back() == '\n') notes.pop_back();
    }
    if (base.reason.empty()) base.reason = notes;
    if (const json::Value* ts = st.find("timestamp") ? st.find("timestamp") : root.find("timestamp")) {
      auto d = imported_date(name, *ts, "timestamp");
      if (!d) return std::move(d).error();
      if (base.created.empty()) base.created = *d;
    }
    // A product with subcomponents: the statement is about those components inside that
    // product (image scope = the product, purl scope = each subcomponent), never the whole product.
    std::vector<Scope> scopes;
    if (const json::Value* ps = st.find("products"); ps && ps->is_array()) {
      for (const auto& p : ps->as_array()) {
        std::string pid = product_id(p);
        if (pid.empty()) continue;
        const json::Value* subs = p.is_object() ? p.find("subcomponents") : nullptr;
        if (!subs || !subs->is_array() || subs->as_array().empty()) {
          Scope sc;
          if (pid.rfind("pkg:", 0) == 0) sc.purl = pid;
          else sc.image = pid;
          scopes.push_back(std::move(sc));
          continue;
        }
        std::string image = pid.rfind("pkg:", 0) == 0 ? std::string(detail::strip_qualifiers(pid)) : pid;
        for (const auto& sub : subs->as_array()) {
          std::string sid = product_id(sub);
          if (sid.rfind("pkg:", 0) != 0)
            return bad(name, sub, "subcomponent '" + sid + "' of '" + pid + "' has no purl; the statement cannot be limited to it");
          Scope& sc = scopes.emplace_back();
          sc.purl = sid;
          sc.image = image;
        }
      }
    }
    if (scopes.empty()) scopes.emplace_back();
    for (auto& sc : scopes) {
      Entry e = base;
      e.scope = std::move(sc);
      finish(r, std::move(e));
    }
  }
  return r;
}

// ---- YAML writing --------------------------------------------------------------------------------

bool needs_quotes(std::string_view s) {
  if (s.empty()) return true;
  static constexpr std::string_view kSpecial = ":#{}[],&*!|>'\"%@`";
  if (kSpecial.find(s.front()) != std::string_view::npos || s.front() == '-' || s.front() == '?' || s.front() == ' ' ||
      s.back() == ' ')
    return true;
  if (s.find(": ") != std::string_view::npos || s.find(" #") != std::string_view::npos) return true;
  for (char c : s)
    if (static_cast<unsigned char>(c) < 0x20 || c == 0x7f || static_cast<unsigned char>(c) == 0xc2) return true;
  // Would read back as something other than a string (number, bool, null).
  auto v = yaml::parse(s, "");
  return !v || !v->is_string() || v->as_string() != s;
}

std::string scalar(std::string_view s) {
  if (!needs_quotes(s)) return std::string(s);
  std::string out = "\"";
  for (char c : s) {
    switch (c) {
      case '"': out += "\\\""; break;
      case '\\': out += "\\\\"; break;
      case '\n': out += "\\n"; break;
      case '\t': out += "\\t"; break;
      case '\r': out += "\\r"; break;
      default:
        if (static_cast<unsigned char>(c) < 0x20 || c == 0x7f) {
          char buf[8];
          std::snprintf(buf, sizeof buf, "\\x%02x", static_cast<unsigned>(static_cast<unsigned char>(c)));
          out += buf;
        } else {
          out += c;
        }
    }
  }
  // YAML reads C1 controls (U+0080-U+009F, UTF-8 C2 80-C2 9F) only escaped, NEL (U+0085) aside.
  for (std::size_t at = out.find('\xc2'); at != std::string::npos; at = out.find('\xc2', at + 1)) {
    if (at + 1 >= out.size()) break;
    const auto next = static_cast<unsigned char>(out[at + 1]);
    if (next < 0x80 || next > 0x9f || next == 0x85) continue;
    char buf[8];
    std::snprintf(buf, sizeof buf, "\\x%02x", static_cast<unsigned>(next));
    out.replace(at, 2, buf);
  }
  return out + "\"";
}

}  // namespace

// A CycloneDX VEX document (or any BOM with analysed vulnerabilities): one entry per analysed
// vulnerability and affected component.
Expected<ImportResult> import_cyclonedx_vex(const json::Value& root, std::string_view name) {
  ImportResult r;
  if (!root.is_object() || !root.find("bomFormat")) return bad(name, root, "expected a CycloneDX document");
  const json::Value* vulns = root.find("vulnerabilities");
  if (!vulns || !vulns->is_array()) return bad(name, root, "CycloneDX document has no vulnerabilities list");
  for (const auto& v : vulns->as_array()) {
    if (!v.is_object()) return bad(name, v, "a vulnerability must be an object");
    std::string id = text_of(v.find("id"));
    const json::Value* analysis = v.find("analysis");
    if (id.empty() || !analysis || !analysis->is_object()) {
      r.skipped.push_back((id.empty() ? std::string("vulnerability") : id) + " at line " + std::to_string(v.position.line) + ": no analysis");
      continue;
    }
    Entry base;
    base.id = id;
    base.status = text_of(analysis->find("state"));
    base.justification = text_of(analysis->find("justification"));
    base.reason = text_of(analysis->find("detail"));
    if (const json::Value* resp = analysis->find("response"); resp && resp->is_array())
      for (const auto& x : resp->as_array())
        if (x.is_string()) base.response.push_back(x.as_string());
    // Our own export's properties (sbomkit:exception:*) bring owner, expiry and ticket back.
    if (const json::Value* props = v.find("properties"); props && props->is_array())
      for (const auto& pr : props->as_array()) {
        std::string pn = text_of(pr.find("name")), pv = text_of(pr.find("value"));
        if (pn == "sbomkit:exception:owner") base.owner = pv;
        else if (pn == "sbomkit:exception:ticket") base.ticket = pv;
        else if (pn == "sbomkit:exception:expires" || pn == "sbomkit:exception:created") {
          auto d = imported_date(name, pr, pn, pv);
          if (!d) return std::move(d).error();
          (pn.ends_with("expires") ? base.expires_text : base.created) = *d;
        }
      }
    if (base.status.empty() || base.status == "exploitable" || base.status == "in_triage") {
      r.skipped.push_back(id + ": state " + (base.status.empty() ? "missing" : base.status) + " is not an exception");
      continue;
    }
    std::vector<std::string> scopes;
    if (const json::Value* affects = v.find("affects"); affects && affects->is_array())
      for (const auto& a : affects->as_array()) {
        std::string ref = text_of(a.find("ref"));
        if (auto hash = ref.find("#pkg:"); hash != std::string::npos) ref = ref.substr(hash + 1);  // BOM-Link
        scopes.push_back(ref.rfind("pkg:", 0) == 0 ? ref : "");
        if (ref.rfind("pkg:", 0) != 0 && !ref.empty())
          r.skipped.push_back(id + ": affected ref '" + ref + "' is not a purl; the entry covers every component");
      }
    if (scopes.empty()) scopes.emplace_back();
    std::sort(scopes.begin(), scopes.end());
    scopes.erase(std::unique(scopes.begin(), scopes.end()), scopes.end());
    for (auto& sc : scopes) {
      Entry e = base;
      e.scope.purl = std::move(sc);
      finish(r, std::move(e));
    }
  }
  return r;
}

Expected<ImportResult> import_file(ImportFormat fmt, std::string_view text, std::string_view name) {
  if (fmt == ImportFormat::TrivyIgnore) return import_trivyignore(text, name);
  auto root = yaml::parse(text, name);  // JSON is YAML too (OpenVEX)
  if (!root) return std::move(root).error();
  switch (fmt) {
    case ImportFormat::TrivyIgnoreYaml: return import_trivy_yaml(*root, name);
    case ImportFormat::Grype: return import_grype(*root, name);
    case ImportFormat::OpenVex: return import_openvex(*root, name);
    case ImportFormat::CycloneDxVex: return import_cyclonedx_vex(*root, name);
    case ImportFormat::TrivyIgnore: break;
  }
  return Error("unknown import format");
}

std::string to_yaml(const std::vector<Entry>& entries) {
  std::string out = "# sbomkit exceptions (schemas/exceptions.schema.json)\nversion: 1\nexceptions:";
  if (entries.empty()) return out + " []\n";
  out += "\n";
  for (const auto& e : entries) {
    out += "  - id: " + scalar(e.id) + "\n";
    const Scope& s = e.scope;
    if (!s.versions.empty() || !s.image.empty() || !s.path.empty() || !s.fix_state.empty()) {
      out += "    scope:\n";
      if (!s.purl.empty()) out += "      purl: " + scalar(s.purl) + "\n";
      if (!s.versions.empty()) out += "      versions: " + scalar(s.versions) + "\n";
      if (!s.image.empty()) out += "      image: " + scalar(s.image) + "\n";
      if (!s.path.empty()) out += "      path: " + scalar(s.path) + "\n";
      if (!s.fix_state.empty()) out += "      fix-state: " + scalar(s.fix_state) + "\n";
    } else if (!s.purl.empty()) {
      out += "    scope: " + scalar(s.purl) + "\n";
    }
    out += "    status: " + scalar(e.status) + "\n";
    if (!e.justification.empty()) out += "    justification: " + scalar(e.justification) + "\n";
    if (!e.response.empty()) {
      out += "    response: [";
      for (std::size_t i = 0; i < e.response.size(); ++i) out += (i ? ", " : "") + scalar(e.response[i]);
      out += "]\n";
    }
    out += "    reason: " + scalar(e.reason) + "\n";
    out += "    owner: " + scalar(e.owner) + "\n";
    out += "    expires: " + scalar(e.expires_text) + "\n";
    if (!e.ticket.empty()) out += "    ticket: " + scalar(e.ticket) + "\n";
    if (!e.created.empty()) out += "    created: " + scalar(e.created) + "\n";
  }
  return out;
}

}  // namespace sbom::exceptions
