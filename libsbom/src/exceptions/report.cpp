// Human- and machine-readable views of a ledger: `report` tables and the `apply` summary.
#include <algorithm>
#include <array>
#include <map>

#include "sbom/exceptions.h"
#include "sbom/text.h"

namespace sbom::exceptions {

namespace {

std::string scope_text(const Scope& s) {
  std::string out = s.purl.empty() ? "*" : s.purl;
  if (!s.versions.empty()) out += " (" + s.versions + ")";
  if (!s.image.empty()) out += " image " + s.image;
  if (!s.path.empty()) out += " path " + s.path;
  if (!s.fix_state.empty()) out += " fix-state " + s.fix_state;
  return out;
}

std::string days_text(const ReportRow& r) {
  if (!r.days_left) return "-";
  return std::to_string(*r.days_left);
}

std::string md_cell(std::string_view s) {
  std::string out;
  for (char c : s) {
    if (c == '|' || c == '\\' || c == '`' || c == '*' || c == '_' || c == '<' || c == '>') out += '\\';
    out += c == '\n' ? ' ' : c;
  }
  return out;
}

// "  FILE:LINE: ID (SCOPE) owner O, expires D (N days left)[, ticket T][: TAIL]\n"
std::string entry_line(const Entry& e, Date today, std::string_view tail = {}) {
  std::string s = "  " + e.label + ": " + e.id + " (" + scope_text(e.scope) + ") owner " + (e.owner.empty() ? "-" : e.owner);
  if (e.expires) {
    auto d = e.expires->days - today.days;
    s += ", expires " + e.expires->to_string();
    if (d < 0) s += " (" + std::to_string(-d) + (d == -1 ? " day ago)" : " days ago)");
    else s += " (" + std::to_string(d) + (d == 1 ? " day left)" : " days left)");
  } else {
    s += ", expires " + (e.expires_text.empty() ? std::string("-") : e.expires_text);
  }
  if (!e.ticket.empty()) s += ", ticket " + e.ticket;
  if (!tail.empty()) (s += ": ") += tail;
  // The entry's texts are the file's: one line whatever they hold (text::printable).
  return text::printable(s) + "\n";
}

}  // namespace

std::vector<ReportRow> report_rows(const Ledger& ledger, const Document* doc, Date today, std::int64_t warn_within_days) {
  std::vector<ReportRow> rows;
  std::map<std::size_t, std::size_t> covered;
  std::vector<std::size_t> stale;
  if (doc) {
    Document copy = *doc;
    ApplyResult r = apply(ledger, copy, today, warn_within_days);
    for (const auto& a : r.applied) ++covered[a.entry];
    stale = r.stale;
  }
  for (const auto& e : ledger.entries) {
    ReportRow row;
    row.entry = &e;
    if (e.expires) row.days_left = e.expires->days - today.days;
    if (!invalid_reason(e).empty()) row.state = "invalid";
    else if (*row.days_left < 0) row.state = "expired";
    else if (doc && std::find(stale.begin(), stale.end(), e.index) != stale.end()) row.state = "stale";
    else if (*row.days_left <= warn_within_days) row.state = "expiring";
    else row.state = "active";
    row.findings = covered[e.index];
    row.measured = doc != nullptr;
    rows.push_back(row);
  }
  return rows;
}

std::string format_report(const std::vector<ReportRow>& rows, ReportFormat fmt, Date today) {
  if (fmt == ReportFormat::Json) {
    json::Array arr;
    for (const auto& r : rows) {
      const Entry& e = *r.entry;
      json::Object o;
      o.emplace_back("entry", e.label);
      o.emplace_back("id", e.id);
      json::Object scope;
      if (!e.scope.purl.empty()) scope.emplace_back("purl", e.scope.purl);
      if (!e.scope.versions.empty()) scope.emplace_back("versions", e.scope.versions);
      if (!e.scope.image.empty()) scope.emplace_back("image", e.scope.image);
      if (!e.scope.path.empty()) scope.emplace_back("path", e.scope.path);
      if (!e.scope.fix_state.empty()) scope.emplace_back("fix-state", e.scope.fix_state);
      o.emplace_back("scope", json::Value(std::move(scope)));
      o.emplace_back("status", e.status);
      o.emplace_back("owner", e.owner);
      o.emplace_back("expires", e.expires ? e.expires->to_string() : e.expires_text);
      o.emplace_back("days_left", r.days_left ? json::Value(json::Number::from(*r.days_left)) : json::Value(nullptr));
      o.emplace_back("state", r.state);
      o.emplace_back("findings", r.measured ? json::Value(json::Number::from(static_cast<std::int64_t>(r.findings))) : json::Value(nullptr));
      if (!e.ticket.empty()) o.emplace_back("ticket", e.ticket);
      arr.emplace_back(std::move(o));
    }
    json::Object root;
    root.emplace_back("date", today.to_string());
    root.emplace_back("entries", json::Value(std::move(arr)));
    return json::write(json::Value(std::move(root)));
  }
  std::vector<std::array<std::string, 8>> table;
  table.push_back({"ENTRY", "ID", "SCOPE", "OWNER", "EXPIRES", "DAYS LEFT", "STATE", "FINDINGS"});
  for (const auto& r : rows) {
    const Entry& e = *r.entry;
    table.push_back({e.label, e.id, scope_text(e.scope), e.owner.empty() ? "-" : e.owner,
                     e.expires ? e.expires->to_string() : (e.expires_text.empty() ? "-" : e.expires_text), days_text(r), r.state,
                     r.measured ? std::to_string(r.findings) : "-"});
  }
  std::string out;
  if (fmt == ReportFormat::Markdown) {
    out += "## Exceptions as of " + today.to_string() + "\n\n";
    for (std::size_t i = 0; i < table.size(); ++i) {
      out += "|";
      for (const auto& cell : table[i]) out += " " + md_cell(cell) + " |";
      out += "\n";
      if (i == 0) out += "|---|---|---|---|---|---:|---|---:|\n";
    }
    return out;
  }
  // The cells quote the exceptions file and the document: one line each (text::printable).
  for (auto& row : table)
    for (std::string& cell : row)
      if (text::needs_printable(cell)) cell = text::printable(cell);
  std::array<std::size_t, 8> w{};
  for (const auto& row : table)
    for (std::size_t i = 0; i < 8; ++i) w[i] = std::max(w[i], row[i].size());
  for (const auto& row : table) {
    std::string line;
    for (std::size_t i = 0; i < 8; ++i) {
      line += row[i];
      if (i + 1 < 8) line.append(w[i] - row[i].size() + 2, ' ');
    }
    out += line + "\n";
  }
  return out;
}

std::string format_apply_summary(const Ledger& l, const ApplyResult& r, Date today) {
  std::string out;
  std::map<std::size_t, std::size_t> per_entry;
  for (const auto& a : r.applied) ++per_entry[a.entry];
  out += "suppressed " + std::to_string(r.applied.size()) + (r.applied.size() == 1 ? " finding" : " findings") + " by " +
         std::to_string(per_entry.size()) + (per_entry.size() == 1 ? " exception" : " exceptions") + " (as of " + today.to_string() + ")\n";
  for (const auto& [idx, n] : per_entry)
    out += entry_line(l.entries[idx], today, std::to_string(n) + (n == 1 ? " finding" : " findings"));
  auto section = [&](const std::vector<std::size_t>& list, const std::string& title, bool with_reason = false) {
    if (list.empty()) return;
    out += title + " (" + std::to_string(list.size()) + "):\n";
    for (std::size_t idx : list) out += entry_line(l.entries[idx], today, with_reason ? invalid_reason(l.entries[idx]) : "");
  };
  section(r.expired, "warning: EXPIRED exceptions, not applied");
  section(r.invalid, "warning: INVALID exceptions, not applied", true);
  section(r.expiring_soon, "warning: exceptions expiring soon");
  section(r.stale, "warning: STALE exceptions, matched nothing");
  return out;
}

}  // namespace sbom::exceptions
