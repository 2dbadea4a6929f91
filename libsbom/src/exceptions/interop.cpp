// Import of other tools' ignore files (Trivy, Grype, OpenVEX) and export of the ledger as VEX.
#include <algorithm>
#include <cstdint>

#include "sbom/exceptions.h"
#include "sbom/yaml.h"

namespace sbom::exceptions {

namespace {

// OpenVEX justification labels <-> CycloneDX analysis justifications. The pairs are the closest
// meanings the two vocabularies share.
struct JustificationPair {
  std::string_view openvex, cyclonedx;
};
constexpr JustificationPair kJustifications[] = {
    {"component_not_present", "code_not_present"},
    {"vulnerable_code_not_present", "code_not_present"},
    {"vulnerable_code_not_in_execute_path", "code_not_reachable"},
    {"vulnerable_code_cannot_be_controlled_by_adversary", "protected_at_runtime"},
    {"inline_mitigations_already_exist", "protected_by_mitigating_control"},
};

std::string cdx_justification(std::string_view openvex) {
  for (const auto& p : kJustifications)
    if (p.openvex == openvex) return std::string(p.cyclonedx);
  return {};
}

std::string openvex_justification(std::string_view cdx) {
  if (cdx == "code_not_present") return "vulnerable_code_not_present";
  for (const auto& p : kJustifications)
    if (p.cyclonedx == cdx) return std::string(p.openvex);
  return {};
}

std::string cdx_state(std::string_view openvex_status) {
  if (openvex_status == "not_affected") return "not_affected";
  if (openvex_status == "affected") return "exploitable";
  if (openvex_status == "fixed") return "resolved";
  if (openvex_status == "under_investigation") return "in_triage";
  return {};
}

std::string openvex_status(std::string_view state) {
  if (state == "not_affected" || state == "false_positive") return "not_affected";
  if (state == "exploitable") return "affected";
  if (state == "resolved" || state == "resolved_with_pedigree") return "fixed";
  return "under_investigation";
}

std::string trim(std::string_view s) {
  while (!s.empty() && (s.front() == ' ' || s.front() == '\t' || s.front() == '\r')) s.remove_prefix(1);
  while (!s.empty() && (s.back() == ' ' || s.back() == '\t' || s.back() == '\r')) s.remove_suffix(1);
  return std::string(s);
}

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
  Error e(std::move(msg));
  e.file = name;
  e.line = line;
  e.column = column;
  return e;
}

Error bad(std::string_view name, const json::Value& v, std::string msg) {
  return bad_at(name, v.position.line, v.position.column, std::move(msg));
}

// A date in an imported file, strictly (Date::parse), as the ledger's YYYY-MM-DD; a bad one is an
// error at its position, never a truncated guess.
Expected<std::string> imported_date(std::string_view name, std::uint32_t line, std::uint32_t column, std::string_view what,
                                    std::string_view text) {
  std::string why;
  auto d = Date::parse(text, &why);
  if (!d) return bad_at(name, line, column, std::string(what) + " '" + std::string(text) + "' is not a date (" + why + ")");
  return d->to_string();
}

Expected<std::string> imported_date(std::string_view name, const json::Value& v, std::string_view what) {
  return imported_date(name, v.position.line, v.position.column, what, v.is_number() ? v.as_number().text : v.is_string() ? v.as_string() : "");
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
          if (p.is_string()) scopes.push_back({p.as_string(), "", "", ""});
      if (const json::Value* paths = item.find("paths"); paths && paths->is_array())
        for (const auto& p : paths->as_array())
          if (p.is_string()) scopes.push_back({"", "", "", p.as_string()});
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
    Entry e;
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
        bool has_ns = type == "maven" || type == "golang" || type == "deb" || type == "rpm" || type == "apk";
        e.scope.purl = "pkg:" + (type.empty() ? std::string("*") : type) + "/" + (has_ns && pname.find('/') == std::string::npos ? "*/" : "") + pname;
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
    if (base.reason.empty()) base.reason = text_of(st.find("status_notes"));
    if (const json::Value* ts = st.find("timestamp") ? st.find("timestamp") : root.find("timestamp")) {
      auto d = imported_date(name, *ts, "timestamp");
      if (!d) return std::move(d).error();
      base.created = *d;
    }
    std::vector<std::string> products;
    if (const json::Value* ps = st.find("products"); ps && ps->is_array()) {
      for (const auto& p : ps->as_array()) {
        if (p.is_string()) products.push_back(p.as_string());
        else if (p.is_object()) {
          std::string pid = text_of(p.find("@id"));
          if (const json::Value* ids = p.find("identifiers"); ids && ids->is_object() && str(*ids, "purl")) pid = *str(*ids, "purl");
          if (!pid.empty()) products.push_back(pid);
        }
      }
    }
    if (products.empty()) products.emplace_back();
    for (const auto& p : products) {
      Entry e = base;
      if (p.rfind("pkg:", 0) == 0) e.scope.purl = p;
      else if (!p.empty()) e.scope.image = p;
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
    if (static_cast<unsigned char>(c) < 0x20) return true;
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
        if (static_cast<unsigned char>(c) < 0x20) {
          char buf[8];
          std::snprintf(buf, sizeof buf, "\\x%02x", static_cast<unsigned>(static_cast<unsigned char>(c)));
          out += buf;
        } else {
          out += c;
        }
    }
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
    if (!s.versions.empty() || !s.image.empty() || !s.path.empty()) {
      out += "    scope:\n";
      if (!s.purl.empty()) out += "      purl: " + scalar(s.purl) + "\n";
      if (!s.versions.empty()) out += "      versions: " + scalar(s.versions) + "\n";
      if (!s.image.empty()) out += "      image: " + scalar(s.image) + "\n";
      if (!s.path.empty()) out += "      path: " + scalar(s.path) + "\n";
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

json::Value export_vex(const Ledger& ledger, ExportFormat fmt, Date today, std::string_view author) {
  std::vector<const Entry*> live;
  for (const auto& e : ledger.entries)
    if (e.expires && e.expires->days >= today.days) live.push_back(&e);
  std::string stamp = today.to_string() + "T00:00:00Z";
  if (fmt == ExportFormat::OpenVex) {
    json::Array statements;
    for (const Entry* e : live) {
      json::Object st;
      json::Object vuln;
      vuln.emplace_back("name", e->id);
      st.emplace_back("vulnerability", json::Value(std::move(vuln)));
      json::Array products;
      if (!e->scope.purl.empty()) {
        json::Object p;
        p.emplace_back("@id", e->scope.purl);
        products.emplace_back(std::move(p));
      }
      if (!e->scope.image.empty()) {
        json::Object p;
        p.emplace_back("@id", e->scope.image);
        products.emplace_back(std::move(p));
      }
      if (!products.empty()) st.emplace_back("products", json::Value(std::move(products)));
      std::string status = openvex_status(e->status);
      st.emplace_back("status", status);
      // OpenVEX statements admit no extension members, so owner, expiry and ticket travel in
      // status_notes, in a fixed form a reader can parse back.
      std::string notes = "sbomkit exception " + e->label + ": owner " + e->owner + ", expires " + e->expires->to_string();
      if (!e->ticket.empty()) notes += ", ticket " + e->ticket;
      // OpenVEX 0.2.0: not_affected takes a justification or an impact statement, never both;
      // affected needs an action statement. The reason goes where the format has room for it.
      std::string j = status == "not_affected" ? openvex_justification(e->justification) : "";
      if (status == "not_affected" && j.empty()) {
        st.emplace_back("impact_statement", e->reason);
      } else {
        if (!j.empty()) st.emplace_back("justification", j);
        if (status == "affected") st.emplace_back("action_statement", e->reason);
        notes = e->reason + " (" + notes + ")";
      }
      st.emplace_back("status_notes", notes);
      statements.emplace_back(std::move(st));
    }
    // A content-derived @id keeps the document reproducible (FNV-1a over the statements).
    std::string body = json::write(json::Value(statements), {0, false});
    std::uint64_t h = 1469598103934665603ULL;
    for (unsigned char c : body) h = (h ^ c) * 1099511628211ULL;
    char hex[17];
    std::snprintf(hex, sizeof hex, "%016llx", static_cast<unsigned long long>(h));
    json::Object doc;
    doc.emplace_back("@context", "https://openvex.dev/ns/v0.2.0");
    doc.emplace_back("@id", "urn:sbomkit:vex:" + std::string(hex));
    doc.emplace_back("author", std::string(author));
    doc.emplace_back("timestamp", stamp);
    doc.emplace_back("version", json::Number::from(std::int64_t{1}));
    doc.emplace_back("statements", json::Value(std::move(statements)));
    return json::Value(std::move(doc));
  }
  json::Array vulns;
  for (const Entry* e : live) {
    json::Object v;
    v.emplace_back("id", e->id);
    json::Object a;
    a.emplace_back("state", e->status);
    if (!e->justification.empty()) a.emplace_back("justification", e->justification);
    if (!e->response.empty()) {
      json::Array resp;
      for (const auto& r : e->response) resp.emplace_back(r);
      a.emplace_back("response", json::Value(std::move(resp)));
    }
    a.emplace_back("detail", e->reason);
    v.emplace_back("analysis", json::Value(std::move(a)));
    if (!e->scope.purl.empty()) {
      json::Array affects;
      json::Object ref;
      ref.emplace_back("ref", e->scope.purl);
      affects.emplace_back(std::move(ref));
      v.emplace_back("affects", json::Value(std::move(affects)));
    }
    json::Array props;
    auto prop = [&](std::string n, std::string val) {
      // Built as a Value and filled with set(): GCC 12 at -O3 reports a false -Warray-bounds on
      // two emplace_back calls into a fresh vector of pairs here.
      json::Value p(json::Object{});
      p.set("name", json::Value(std::move(n)));
      p.set("value", json::Value(std::move(val)));
      props.push_back(std::move(p));
    };
    prop("sbomkit:exception:entry", e->label);
    prop("sbomkit:exception:owner", e->owner);
    prop("sbomkit:exception:expires", e->expires->to_string());
    if (!e->ticket.empty()) prop("sbomkit:exception:ticket", e->ticket);
    v.emplace_back("properties", json::Value(std::move(props)));
    vulns.emplace_back(std::move(v));
  }
  json::Object md;
  md.emplace_back("timestamp", stamp);
  json::Object doc;
  doc.emplace_back("bomFormat", "CycloneDX");
  doc.emplace_back("specVersion", "1.6");
  doc.emplace_back("version", json::Number::from(std::int64_t{1}));
  doc.emplace_back("metadata", json::Value(std::move(md)));
  doc.emplace_back("vulnerabilities", json::Value(std::move(vulns)));
  return json::Value(std::move(doc));
}

}  // namespace sbom::exceptions
