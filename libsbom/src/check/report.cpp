// sbom-check's reports: text for a terminal, Markdown for a ticket or job summary, JSON
// (schemas/check.schema.json) for machines. Same facts in each, in rule and document order.
#include <algorithm>

#include "sbom/check.h"
#include "sbom/json.h"
#include "sbom/text.h"

namespace sbom::check {

namespace {

std::string count_of(const RuleResult& r) {
  if (r.scope == "document") return "document";
  std::string out = std::to_string(r.failed());
  out += " of ";
  out += std::to_string(r.verdicts.size());
  out += r.verdicts.size() == 1 ? " component fails" : " components fail";
  return out;
}

// The declared gaps a profile accepted, grouped by what was declared and why, in document order
// of each group's first component: one line per reason instead of one per component.
struct DeclaredGroup {
  std::string kind;    ///< "unknown" or "redacted"
  std::string reason;  ///< the declaration's text
  std::size_t count = 0;
  std::string first;   ///< the first component, for orientation
};

std::vector<DeclaredGroup> accepted_declarations(const RuleResult& r) {
  std::vector<DeclaredGroup> groups;
  for (const Verdict& v : r.verdicts) {
    if (v.declared.empty() || !v.pass) continue;
    const std::string& why = v.declaration;
    auto it = std::find_if(groups.begin(), groups.end(),
                           [&](const DeclaredGroup& g) { return g.kind == v.declared && g.reason == why; });
    if (it == groups.end()) groups.push_back(DeclaredGroup{v.declared, why, 1, v.subject});
    else ++it->count;
  }
  return groups;
}

// "149 declared unknown, 2 redacted" for the accepted declarations of a rule; "" for none.
std::string declared_summary(const RuleResult& r) {
  std::size_t unknown = 0, redacted = 0;
  for (const Verdict& v : r.verdicts)
    if (v.pass && !v.declared.empty()) ++(v.declared == "redacted" ? redacted : unknown);
  std::string out;
  if (unknown) out = std::to_string(unknown) + " declared unknown";
  if (redacted) out += (out.empty() ? "" : ", ") + std::to_string(redacted) + " declared redacted";
  return out;
}

std::size_t accepted_declared(const ProfileResult& p) {
  std::size_t n = 0;
  for (const RuleResult& r : p.rules)
    for (const Verdict& v : r.verdicts) n += v.pass && !v.declared.empty() ? 1 : 0;
  return n;
}

// What a component rule's line says after its title: which components fail, or that all pass,
// and how many of those passed on a declaration.
std::string component_detail(const RuleResult& r) {
  std::string out = r.passed() ? "all " + std::to_string(r.verdicts.size()) + " components" : count_of(r);
  if (std::string d = declared_summary(r); !d.empty()) out += "; " + d;
  return out;
}

// What the text report quotes from the document (names, reasons, locations) is one line of text
// each, whatever bytes the document holds (text::printable).
std::string shown(std::string_view s) { return text::printable(s); }

std::string where(const Verdict& v) { return v.location.empty() ? std::string() : " at " + shown(v.location); }

std::string md_escape(std::string_view s) {
  std::string out;
  for (char c : s) {
    if (c == '|' || c == '\\' || c == '`' || c == '*' || c == '_' || c == '<' || c == '[' || c == ']') out += '\\';
    out += c == '\n' || c == '\r' ? ' ' : c;
  }
  return out;
}

}  // namespace

std::string format_text(const std::vector<ProfileResult>& results, std::string_view input, std::string_view doc_kind) {
  std::string out = shown(input) + ": " + shown(doc_kind) + "\n";
  for (const ProfileResult& p : results) {
    std::size_t failed = 0;
    for (const RuleResult& r : p.rules) failed += r.passed() ? 0 : 1;
    out += "\n" + p.profile + " (" + p.title + "): " + (p.passed() ? "PASS" : "FAIL");
    out += ", ";
    out += std::to_string(p.rules.size() - failed);
    out += " of ";
    out += std::to_string(p.rules.size());
    out += " rules pass";
    if (const std::size_t n = accepted_declared(p))
      out += " (" + std::to_string(n) + (n == 1 ? " gap" : " gaps") + " declared by the SBOM's author accepted as known unknowns; --strict fails them)";
    out += "\n";
    for (const RuleResult& r : p.rules) {
      out += r.passed() ? "  pass  " : "  FAIL  ";
      out += r.id + ": " + r.title;
      if (r.scope == "document") out += " (" + shown(r.verdicts.front().reason) + ")";
      else out += " (" + component_detail(r) + ")";
      out += "\n";
      for (const DeclaredGroup& g : accepted_declarations(r))
        out += "        declared " + g.kind + " for " +
               (g.count == 1 ? shown(g.first) : std::to_string(g.count) + " components (first " + shown(g.first) + ")") + ": " +
               shown(g.reason) + "\n";
      if (r.passed()) continue;
      for (const Verdict& v : r.verdicts) {
        if (v.pass) continue;
        if (r.scope == "document") {
          // A place other than the document's own (its metadata, which JSON output names), e.g. a
          // schema's violation.
          if (!v.location.empty() && v.location != "/metadata" && v.location != "/bom/metadata")
            out += "        at " + shown(v.location) + "\n";
          continue;
        }
        out += "        " + shown(v.subject) + where(v) + ": " + shown(v.reason) + "\n";
      }
    }
    for (const std::string& n : p.notes) out += "  note: " + shown(n) + "\n";
  }
  return out;
}

std::string format_markdown(const std::vector<ProfileResult>& results, std::string_view input, std::string_view doc_kind) {
  std::string out = "# SBOM check of `" + std::string(input) + "`\n\n" + md_escape(doc_kind) + "\n";
  for (const ProfileResult& p : results) {
    out += "\n## " + p.profile + ": " + (p.passed() ? "pass" : "FAIL") + "\n\n" + md_escape(p.title) + "\n\n";
    out += "| rule | verdict | detail | source |\n| --- | --- | --- | --- |\n";
    for (const RuleResult& r : p.rules) {
      std::string detail = r.scope == "document" ? r.verdicts.front().reason : component_detail(r);
      out += "| " + md_escape(r.id) + " | " + (r.passed() ? "pass" : "**FAIL**") + " | " + md_escape(detail) + " | " +
             md_escape(r.citation) + " |\n";
    }
    bool any = false;
    for (const RuleResult& r : p.rules) {
      if (r.passed() || r.scope == "document") continue;
      if (!any) out += "\n| rule | component | location | reason |\n| --- | --- | --- | --- |\n";
      any = true;
      for (const Verdict& v : r.verdicts)
        if (!v.pass)
          out += "| " + md_escape(r.id) + " | " + md_escape(v.subject) + " | " + md_escape(v.location) + " | " + md_escape(v.reason) + " |\n";
    }
    bool declared = false;
    for (const RuleResult& r : p.rules)
      for (const DeclaredGroup& g : accepted_declarations(r)) {
        if (!declared)
          out += "\nDeclared by the SBOM's author and accepted as known unknowns (`--strict` fails them):\n\n"
                 "| rule | declared | components | first | reason |\n| --- | --- | --- | --- | --- |\n";
        declared = true;
        out += "| " + md_escape(r.id) + " | " + g.kind + " | " + std::to_string(g.count) + " | " + md_escape(g.first) + " | " +
               md_escape(g.reason) + " |\n";
      }
    if (!p.notes.empty()) {
      out += "\n";
      for (const std::string& n : p.notes) out += "- note: " + md_escape(n) + "\n";
    }
  }
  return out;
}

std::string format_json(const std::vector<ProfileResult>& results, std::string_view input, std::string_view doc_kind) {
  using json::Array;
  using json::Object;
  using json::Value;
  Array profiles;
  bool all = true;
  for (const ProfileResult& p : results) {
    all = all && p.passed();
    Array rules;
    for (const RuleResult& r : p.rules) {
      Array verdicts;
      for (const Verdict& v : r.verdicts) {
        Object o{{"subject", Value(v.subject)}};
        if (!v.ref.empty()) o.emplace_back("ref", Value(v.ref));
        if (!v.location.empty()) o.emplace_back("location", Value(v.location));
        o.emplace_back("pass", Value(v.pass));
        if (!v.declared.empty()) o.emplace_back("declared", Value(v.declared));
        o.emplace_back("reason", Value(v.reason));
        verdicts.push_back(Value(std::move(o)));
      }
      rules.push_back(Value(Object{{"id", Value(r.id)},
                                   {"title", Value(r.title)},
                                   {"citation", Value(r.citation)},
                                   {"scope", Value(r.scope)},
                                   {"pass", Value(r.passed())},
                                   {"failed", Value(json::Number::from(static_cast<std::int64_t>(r.failed())))},
                                   {"declared", Value(json::Number::from(static_cast<std::int64_t>(r.declared())))},
                                   {"verdicts", Value(std::move(verdicts))}}));
    }
    Array notes;
    for (const std::string& n : p.notes) notes.push_back(Value(n));
    profiles.push_back(Value(Object{{"profile", Value(p.profile)},
                                    {"title", Value(p.title)},
                                    {"pass", Value(p.passed())},
                                    {"acceptsDeclared", Value(p.accepts_declared)},
                                    {"rules", Value(std::move(rules))},
                                    {"notes", Value(std::move(notes))}}));
  }
  Value doc(Object{{"checkReportVersion", Value(json::Number::from(std::int64_t{1}))},
                   {"input", Value(input)},
                   {"document", Value(doc_kind)},
                   {"pass", Value(all)},
                   {"profiles", Value(std::move(profiles))}});
  return json::write(doc);
}

}  // namespace sbom::check
