// sbom-check's reports: text for a terminal, Markdown for a ticket or job summary, JSON
// (schemas/check.schema.json) for machines. Same facts in each, in rule and document order.
#include "sbom/check.h"
#include "sbom/json.h"

namespace sbom::check {

namespace {

std::string count_of(const RuleResult& r) {
  if (r.scope == "document") return r.passed() ? "document" : "document";
  std::string out = std::to_string(r.failed());
  out += " of ";
  out += std::to_string(r.verdicts.size());
  out += r.verdicts.size() == 1 ? " component fails" : " components fail";
  return out;
}

std::string where(const Verdict& v) { return v.location.empty() ? std::string() : " at " + v.location; }

std::string md_escape(std::string_view s) {
  std::string out;
  for (char c : s) {
    if (c == '|' || c == '\\' || c == '`' || c == '*' || c == '_' || c == '<' || c == '[' || c == ']') out += '\\';
    out += c == '\n' ? ' ' : c;
  }
  return out;
}

}  // namespace

std::string format_text(const std::vector<ProfileResult>& results, std::string_view input, std::string_view doc_kind) {
  std::string out = std::string(input) + ": " + std::string(doc_kind) + "\n";
  for (const ProfileResult& p : results) {
    std::size_t failed = 0;
    for (const RuleResult& r : p.rules) failed += r.passed() ? 0 : 1;
    out += "\n" + p.profile + " (" + p.title + "): " + (p.passed() ? "PASS" : "FAIL");
    out += ", ";
    out += std::to_string(p.rules.size() - failed);
    out += " of ";
    out += std::to_string(p.rules.size());
    out += " rules pass\n";
    for (const RuleResult& r : p.rules) {
      out += r.passed() ? "  pass  " : "  FAIL  ";
      out += r.id + ": " + r.title;
      if (r.scope == "document") out += " (" + r.verdicts.front().reason + ")";
      else if (!r.passed()) out += " (" + count_of(r) + ")";
      else out += " (all " + std::to_string(r.verdicts.size()) + " components)";
      out += "\n";
      if (r.passed()) continue;
      for (const Verdict& v : r.verdicts) {
        if (v.pass) continue;
        if (r.scope == "document") {
          if (!v.location.empty() && v.location != "/metadata") out += "        at " + v.location + "\n";
          continue;
        }
        out += "        " + v.subject + where(v) + ": " + v.reason + "\n";
      }
    }
    for (const std::string& n : p.notes) out += "  note: " + n + "\n";
  }
  return out;
}

std::string format_markdown(const std::vector<ProfileResult>& results, std::string_view input, std::string_view doc_kind) {
  std::string out = "# SBOM check of `" + std::string(input) + "`\n\n" + md_escape(doc_kind) + "\n";
  for (const ProfileResult& p : results) {
    out += "\n## " + p.profile + ": " + (p.passed() ? "pass" : "FAIL") + "\n\n" + md_escape(p.title) + "\n\n";
    out += "| rule | verdict | detail | source |\n| --- | --- | --- | --- |\n";
    for (const RuleResult& r : p.rules) {
      std::string detail = r.scope == "document" ? r.verdicts.front().reason
                           : r.passed()          ? "all " + std::to_string(r.verdicts.size()) + " components"
                                                 : count_of(r);
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
        o.emplace_back("reason", Value(v.reason));
        verdicts.push_back(Value(std::move(o)));
      }
      rules.push_back(Value(Object{{"id", Value(r.id)},
                                   {"title", Value(r.title)},
                                   {"citation", Value(r.citation)},
                                   {"scope", Value(r.scope)},
                                   {"pass", Value(r.passed())},
                                   {"failed", Value(json::Number::from(static_cast<std::int64_t>(r.failed())))},
                                   {"verdicts", Value(std::move(verdicts))}}));
    }
    Array notes;
    for (const std::string& n : p.notes) notes.push_back(Value(n));
    profiles.push_back(Value(Object{{"profile", Value(p.profile)},
                                    {"title", Value(p.title)},
                                    {"pass", Value(p.passed())},
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
