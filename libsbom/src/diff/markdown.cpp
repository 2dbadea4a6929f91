// The Markdown report (GitHub-flavoured tables), for pull-request comments and job summaries.
#include <initializer_list>

#include "diff/report_util.h"

namespace sbom::diff {

namespace {

using namespace detail;

void append_cell(std::string& out, std::string_view s) {
  for (char c : s) {
    if (c == '|' || c == '\\' || c == '`' || c == '*' || c == '_' || c == '<' || c == '>') out += '\\';
    out += c == '\n' ? ' ' : c;
  }
}

std::string cell(std::string_view s) {
  std::string out;
  append_cell(out, s);
  return out;
}

std::string row(const std::vector<std::string>& cells) {
  std::string out = "|";
  for (const auto& c : cells) out += " " + c + " |";
  return out + "\n";
}

// A row of text cells, escaped as they are appended: no string per cell for tables of
// 100,000 rows.
void text_row(Out& o, std::initializer_list<std::string_view> cells) {
  std::string& out = o.text();
  out += '|';
  for (std::string_view c : cells) {
    out += ' ';
    append_cell(out, c);
    out += " |";
  }
  out += '\n';
  o.spill();
}

std::string header(const std::vector<std::string>& cells, std::size_t left = 1) {
  std::string out = row(cells) + "|";
  for (std::size_t i = 0; i < cells.size(); ++i) out += i < left ? " --- |" : " ---: |";
  return out + "\n";
}

void components(Out& o, const ComponentDiff& c) {
  std::string& out = o.text();
  if (c.empty()) {
    out += "\nNo component changes.\n";
    return;
  }
  out += "\n### Components\n\n";
  out += header({"change", "component", "before", "after"}, 4);
  for (const auto& a : c.added) text_row(o, {"added", a.display, "", a.version});
  for (const auto& a : c.removed) text_row(o, {"removed", a.display, a.version, ""});
  for (const auto& ch : c.changed) {
    if (ch.version != VersionChange::kNone)
      text_row(o, {to_string(ch.version), ch.before.display, ch.before.version, ch.after.version});
    if (ch.license_changed)
      text_row(o, {"license", ch.before.display, joined(ch.licenses_before, ", "), joined(ch.licenses_after, ", ")});
    if (ch.hash_changed) text_row(o, {"content (" + ch.hash_alg + ")", ch.before.display, ch.before.version, ch.after.version});
  }
}

void findings(Out& o, const Step& s) {
  std::string& out = o.text();
  bool any = false;
  for (const auto& f : s.findings)
    if (f.status != FindingStatus::kPersisting && f.status != FindingStatus::kStillSuppressed) any = true;
  if (!any && s.severity_changes() == 0 && s.kev_listings() == 0) {
    out += "\nNo finding changes.\n";
    return;
  }
  out += "\n### Findings\n\n";
  out += header({"status", "severity", "vulnerability", "package", "installed", "detail"}, 6);
  for (const auto& f : s.findings) {
    if ((f.status == FindingStatus::kPersisting || f.status == FindingStatus::kStillSuppressed) && !f.severity_changed() &&
        !f.became_kev())
      continue;
    if (f.severity_changed() || !f.became_kev() || f.status != FindingStatus::kPersisting) {
      std::string_view status = f.status == FindingStatus::kPersisting ? "severity changed" : to_string(f.status);
      text_row(o, {status, policy::severity_name(f.severity()), f.id, f.package, installed(f), finding_detail(f)});
    }
    if (f.became_kev())
      text_row(o, {"now in CISA KEV", policy::severity_name(f.severity()), f.id, f.package, installed(f),
                   f.kev_after == f.id ? "" : "KEV: " + f.kev_after});
  }
}

}  // namespace

namespace detail {

void write_markdown(const Report& r, Out& o) {
  std::string& out = o.text();
  const bool vulns = any_vulnerabilities(r);
  const auto& first = r.releases.front();
  const auto& last = r.releases.back();
  out += "## SBOM diff: " + cell(first.label) + " → " + cell(last.label) + "\n\n";
  if (vulns) {
    out += "**Critical+High: " + std::to_string(first.counts.critical_high()) + " → " +
           std::to_string(last.counts.critical_high()) + " (" + reduction_text(r) + ")**\n\n";
  }
  std::vector<std::string> head = {""};
  for (const auto& rel : r.releases) head.push_back(cell(rel.label));
  head.push_back("change");
  out += header(head);
  auto line = [&](std::string name, auto get) {
    std::vector<std::string> cells = {std::move(name)};
    for (const auto& rel : r.releases) cells.push_back(std::to_string(get(rel)));
    cells.push_back(signed_number(static_cast<long long>(get(last)) - static_cast<long long>(get(first))));
    out += row(cells);
  };
  line("components", [](const ReleaseInfo& x) { return x.counts.components; });
  if (vulns) {
    for (Severity sev : kSeverityOrder)
      line(std::string(policy::severity_name(sev)), [sev](const ReleaseInfo& x) { return at(x.counts.by_severity, sev); });
    line("suppressed", [](const ReleaseInfo& x) { return x.counts.suppressed; });
  }
  std::string origins;
  for (const auto& rel : r.releases) {
    if (std::string o = policy::origin_text(rel.counts.by_origin); !o.empty()) origins += "- " + cell(rel.label) + ": " + cell(o) + "\n";
  }
  if (!origins.empty()) out += "\nBy origin:\n\n" + origins;
  const auto& c = r.overall.components;
  out += "\nComponents: " + std::to_string(c.added.size()) + " added, " + std::to_string(c.removed.size()) +
         " removed, " + std::to_string(c.count(VersionChange::kUpgrade)) + " upgraded, " +
         std::to_string(c.count(VersionChange::kDowngrade)) + " downgraded, " +
         std::to_string(c.count(VersionChange::kChanged)) + " changed version, " + std::to_string(c.license_changes()) +
         " license changed, " + std::to_string(c.hash_changes()) + " content changed.\n";
  if (std::string note = licenses_note(r, r.overall); !note.empty()) {
    note[0] = 'L';
    out += note + ".\n";
  }
  if (vulns) {
    const auto& s = r.overall;
    out += "Findings: " + std::to_string(s.count(FindingStatus::kNew)) + " new, " +
           std::to_string(s.count(FindingStatus::kFixed)) + " fixed, " +
           std::to_string(s.count(FindingStatus::kSuppressed)) + " suppressed (not fixed), " +
           std::to_string(s.count(FindingStatus::kUnsuppressed)) + " unsuppressed, " +
           std::to_string(s.count(FindingStatus::kPersisting)) + " persisting.\n";
    if (std::string why = why_counts(s); !why.empty()) out += "Why: " + cell(why) + ".\n";
  } else {
    out += "No vulnerabilities: none of the documents carries a vulnerabilities array.\n";
  }
  if (std::string ix = index_change_text(r.overall); !ix.empty()) {
    ix[0] = static_cast<char>(ix[0] - 'a' + 'A');
    out += cell(ix) + ".\n";
  }
  if (r.overall.rescan())
    out += "Rescan: the same components with another index: every change is the advisory data's or the analysis's.\n";
  if (any_index(r)) {
    out += "\n";
    out += header({"release", "index"}, 2);
    for (const auto& rel : r.releases) text_row(o, {rel.label, index_text(rel)});
  }
  if (r.releases.size() > 2) {
    out += "\n### Steps\n\n";
    out += header({"step", "appeared", "vanished", "added", "removed", "version changes"}, 3);
    for (const auto& s : r.steps) {
      std::vector<std::string> appeared, vanished;
      for (const auto& f : s.findings) {
        if (f.status == FindingStatus::kNew || f.status == FindingStatus::kUnsuppressed) appeared.push_back(cell(f.id));
        if (f.status == FindingStatus::kFixed || f.status == FindingStatus::kSuppressed) vanished.push_back(cell(f.id));
      }
      out += row({cell(r.releases[s.from].label) + " → " + cell(r.releases[s.to].label),
                  appeared.empty() ? "—" : joined(appeared, ", "), vanished.empty() ? "—" : joined(vanished, ", "),
                  std::to_string(s.components.added.size()), std::to_string(s.components.removed.size()),
                  std::to_string(s.components.changed.size() - s.components.count(VersionChange::kNone))});
    }
    out += "\nChanges below: baseline " + cell(first.label) + " → latest " + cell(last.label) + ".\n";
  }
  components(o, r.overall.components);
  if (vulns) findings(o, r.overall);
  if (!r.violations.empty()) {
    out += "\n### Gate failed\n\n";
    for (const auto& v : r.violations) out += "- " + cell(v) + "\n";
  }
}

}  // namespace detail

}  // namespace sbom::diff
