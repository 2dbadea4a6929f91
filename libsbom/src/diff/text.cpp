// The plain-text report: aligned columns for a terminal or a CI log.
#include <algorithm>

#include "diff/report_util.h"
#include "sbom/text.h"

namespace sbom::diff {

namespace {

using namespace detail;

// The report quotes the documents (names, versions, ids, labels, licenses): each quoted text is
// one line of the report whatever bytes it holds (text::printable), so a name cannot start a
// line of its own in a CI log or drive the terminal.
std::string shown(std::string_view s) { return text::printable(s); }

// One line of the report: `line` (which quotes the documents) with its control characters
// written out, then the newline.
void put(std::string& out, std::string_view line) {
  out += shown(line);
  out += '\n';
}

// Columns padded to their widest cell; the first column left-aligned, the others right-aligned
// when `numbers`, else left-aligned too.
void table(Out& o, std::vector<std::vector<std::string>> rows, bool numbers = true) {
  for (auto& row : rows)
    for (std::string& cell : row)
      if (text::needs_printable(cell)) cell = shown(cell);
  std::vector<std::size_t> width;
  for (const auto& row : rows) {
    if (width.size() < row.size()) width.resize(row.size());
    for (std::size_t i = 0; i < row.size(); ++i) width[i] = std::max(width[i], row[i].size());
  }
  for (const auto& row : rows) {
    std::string line = "  ";
    for (std::size_t i = 0; i < row.size(); ++i) {
      std::size_t pad = width[i] - row[i].size();
      if (i == 0) {
        line += row[i] + std::string(pad, ' ');
      } else if (!numbers) {
        line += "  " + row[i] + std::string(pad, ' ');
      } else {
        line += "  " + std::string(pad, ' ') + row[i];
      }
    }
    while (!line.empty() && line.back() == ' ') line.pop_back();
    o.text() += line;
    o.text() += '\n';
    o.spill();
  }
}

void component_sections(Out& o, const ComponentDiff& c) {
  std::string& out = o.text();
  auto heading = [&](std::string_view what, std::size_t n) {
    out += '\n';
    out += what;
    out += " (" + std::to_string(n) + "):\n";
  };
  if (!c.added.empty()) {
    heading("added components", c.added.size());
    for (const auto& a : c.added) {
      put(out, "  + " + with_version(a));
      o.spill();
    }
  }
  if (!c.removed.empty()) {
    heading("removed components", c.removed.size());
    for (const auto& r : c.removed) {
      put(out, "  - " + with_version(r));
      o.spill();
    }
  }
  std::size_t versions = c.changed.size() - c.count(VersionChange::kNone);
  if (versions > 0) {
    heading("version changes", versions);
    for (const auto& ch : c.changed) {
      if (ch.version != VersionChange::kNone)
        put(out, "  ~ " + ch.before.display + " " + version_change_text(ch) + " (" + std::string(to_string(ch.version)) + ")");
      o.spill();
    }
  }
  if (std::size_t n = c.license_changes(); n > 0) {
    heading("license changes", n);
    for (const auto& ch : c.changed) {
      if (ch.license_changed)
        put(out, "  ~ " + ch.before.display + ": " + joined(ch.licenses_before, ", ") + " -> " + joined(ch.licenses_after, ", "));
      o.spill();
    }
  }
  if (std::size_t n = c.hash_changes(); n > 0) {
    heading("content changes without a version change", n);
    for (const auto& ch : c.changed) {
      if (ch.hash_changed) put(out, "  ! " + with_version(ch.after) + ": " + ch.hash_alg + " differs");
      o.spill();
    }
  }
}

std::vector<std::string> finding_row(const FindingChange& f) {
  std::string package = f.package;
  if (!installed(f).empty()) package += " " + installed(f);
  std::string d = finding_detail(f);
  return {std::string(policy::severity_name(f.severity())), f.id, package, d.empty() ? d : "(" + d + ")"};
}

void finding_sections(Out& o, const Step& s) {
  std::string& out = o.text();
  struct Section { FindingStatus status; std::string_view title; };
  static constexpr Section kSections[] = {
      {FindingStatus::kNew, "new findings"},
      {FindingStatus::kUnsuppressed, "findings no longer suppressed"},
      {FindingStatus::kFixed, "fixed findings"},
      {FindingStatus::kSuppressed, "suppressed by an exception, not fixed"},
  };
  for (const auto& sec : kSections) {
    std::size_t n = s.count(sec.status);
    if (n == 0) continue;
    out += '\n';
    out += sec.title;
    out += " (" + std::to_string(n) + "):\n";
    std::vector<std::vector<std::string>> rows;
    for (const auto& f : s.findings)
      if (f.status == sec.status) rows.push_back(finding_row(f));
    table(o, std::move(rows), false);
  }
  if (std::size_t n = s.severity_changes(); n > 0) {
    out += "\nseverity changes (" + std::to_string(n) + "):\n";
    std::vector<std::vector<std::string>> rows;
    for (const auto& f : s.findings)
      if (f.severity_changed())
        rows.push_back({std::string(policy::severity_name(*f.severity_before)) + " -> " +
                            std::string(policy::severity_name(*f.severity_after)),
                        f.id, f.package});
    table(o, std::move(rows), false);
  }
  if (std::size_t n = s.kev_listings(); n > 0) {
    out += "\nnow in CISA's Known Exploited Vulnerabilities catalog (" + std::to_string(n) + "):\n";
    std::vector<std::vector<std::string>> rows;
    for (const auto& f : s.findings)
      if (f.became_kev()) rows.push_back({f.id, f.package, f.kev_after == f.id ? "" : "(KEV: " + f.kev_after + ")"});
    table(o, std::move(rows), false);
  }
}

std::string step_summary(const Step& s, bool vulns) {
  const auto& c = s.components;
  std::string out = "components: " + std::to_string(c.added.size()) + " added, " + std::to_string(c.removed.size()) +
                    " removed, " + std::to_string(c.count(VersionChange::kUpgrade)) + " upgraded, " +
                    std::to_string(c.count(VersionChange::kDowngrade)) + " downgraded, " +
                    std::to_string(c.count(VersionChange::kChanged)) + " changed version, " +
                    std::to_string(c.license_changes()) + " license changed, " + std::to_string(c.hash_changes()) +
                    " content changed\n";
  if (vulns) {
    out += "findings: " + std::to_string(s.count(FindingStatus::kNew)) + " new, " +
           std::to_string(s.count(FindingStatus::kFixed)) + " fixed, " +
           std::to_string(s.count(FindingStatus::kSuppressed)) + " suppressed, " +
           std::to_string(s.count(FindingStatus::kUnsuppressed)) + " unsuppressed, " +
           std::to_string(s.count(FindingStatus::kPersisting)) + " persisting (" +
           std::to_string(s.severity_changes()) + " with a new severity)\n";
    if (std::string why = why_counts(s); !why.empty()) out += "why: " + why + "\n";
  }
  if (std::string ix = index_change_text(s); !ix.empty()) put(out, ix);
  if (s.rescan()) out += "rescan: the same components with another index: every change is the advisory data's or the analysis's\n";
  return out;
}

}  // namespace

namespace detail {

void write_text(const Report& r, Out& o) {
  std::string& out = o.text();
  const bool vulns = any_vulnerabilities(r);
  const bool drift = r.releases.size() > 2;
  const auto& first = r.releases.front();
  const auto& last = r.releases.back();
  out += "sbom-diff: " + shown(first.label) + " -> " + shown(last.label);
  if (drift) out += " (" + std::to_string(r.releases.size()) + " releases)";
  out += "\n";
  out += step_summary(r.overall, vulns);
  if (std::string note = licenses_note(r, r.overall); !note.empty()) put(out, note);
  if (any_index(r)) {
    std::vector<std::vector<std::string>> rows;
    for (const auto& rel : r.releases) rows.push_back({rel.label, index_text(rel)});
    out += "\nindex:\n";
    table(o, std::move(rows), false);
  }

  // Counts: two columns for a pair, one per release for drift.
  std::vector<std::vector<std::string>> rows;
  std::vector<std::string> head = {""};
  for (const auto& rel : r.releases) head.push_back(rel.label);
  head.push_back("change");
  rows.push_back(head);
  std::vector<std::string> comp = {"components"};
  for (const auto& rel : r.releases) comp.push_back(std::to_string(rel.counts.components));
  comp.push_back(signed_number(static_cast<long long>(last.counts.components) - static_cast<long long>(first.counts.components)));
  rows.push_back(comp);
  if (vulns) {
    auto delta = r.delta();
    for (Severity sev : kSeverityOrder) {
      std::vector<std::string> row = {std::string(policy::severity_name(sev))};
      for (const auto& rel : r.releases) row.push_back(std::to_string(at(rel.counts.by_severity, sev)));
      row.push_back(signed_number(delta[static_cast<std::size_t>(sev)]));
      rows.push_back(row);
    }
    std::vector<std::string> sup = {"suppressed"};
    for (const auto& rel : r.releases) sup.push_back(std::to_string(rel.counts.suppressed));
    sup.push_back(signed_number(static_cast<long long>(last.counts.suppressed) - static_cast<long long>(first.counts.suppressed)));
    rows.push_back(sup);
  }
  out += "\n";
  table(o, std::move(rows));
  // Where the findings came from, per release: "swap the base and compare" in one diff.
  for (const auto& rel : r.releases) {
    if (std::string origin = policy::origin_text(rel.counts.by_origin); !origin.empty()) put(out, rel.label + ": " + origin);
  }
  if (vulns) {
    out += "\ncritical+high: " + std::to_string(first.counts.critical_high()) + " -> " +
           std::to_string(last.counts.critical_high()) + " (" + reduction_text(r) + ")\n";
  } else {
    out += "\nno vulnerabilities: none of the documents carries a vulnerabilities array\n";
  }

  if (drift) {
    for (const auto& s : r.steps) {
      out += "\nstep " + shown(r.releases[s.from].label) + " -> " + shown(r.releases[s.to].label) + ":\n";
      std::string sum = step_summary(s, vulns);
      for (std::size_t pos = 0; pos < sum.size();) {
        auto nl = sum.find('\n', pos);
        out += "  " + sum.substr(pos, nl - pos + 1);
        pos = nl + 1;
      }
      for (const auto& f : s.findings) {
        const std::string why = why_text(f.why);
        if (f.status == FindingStatus::kNew || f.status == FindingStatus::kUnsuppressed)
          put(out, "  appeared: " + f.id + " " + f.package + " (" + std::string(policy::severity_lower(f.severity())) +
                       (why.empty() ? "" : "; " + why) + ")");
        else if (f.status == FindingStatus::kFixed || f.status == FindingStatus::kSuppressed)
          put(out, "  vanished: " + f.id + " " + f.package + " (" + std::string(policy::severity_lower(f.severity())) +
                       (f.status == FindingStatus::kSuppressed ? ", suppressed" : "") + (why.empty() ? "" : "; " + why) + ")");
        o.spill();
      }
    }
    out += "\nbaseline " + shown(first.label) + " -> latest " + shown(last.label) + ":\n";
  }
  component_sections(o, r.overall.components);
  if (vulns) finding_sections(o, r.overall);
  if (!r.violations.empty()) {
    out += "\ngate failed:\n";
    for (const auto& v : r.violations) put(out, "  " + v);
  }
}

}  // namespace detail

}  // namespace sbom::diff
