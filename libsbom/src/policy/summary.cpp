// The gate's summary in text, JSON and Markdown. Display only: nothing here changes a verdict.
#include <algorithm>
#include <map>

#include "sbom/findings.h"
#include "policy/markdown_cell.h"
#include "sbom/text.h"
#include "sbom/policy.h"

namespace sbom::policy {

namespace {

std::string join(const std::vector<std::string>& v, std::string_view sep) {
  std::string out;
  for (std::size_t i = 0; i < v.size(); ++i) {
    if (i) out += sep;
    out += v[i];
  }
  return out;
}

constexpr Severity kOrder[] = {Severity::Critical, Severity::High, Severity::Medium, Severity::Low, Severity::Unknown};

std::string counts_line(const Report& r, const Policy& p) {
  std::string out;
  for (Severity s : kOrder) {
    if (!out.empty()) out += ' ';
    out += std::string(severity_name(s)) + ":" + std::to_string(r.counts[static_cast<std::size_t>(s)]);
  }
  if (auto none = r.counts[static_cast<std::size_t>(Severity::None)]; none > 0) out += " NONE:" + std::to_string(none);
  out += " (suppressed: " + std::to_string(r.suppressed);
  if (r.not_fixable > 0) out += ", not fixable: " + std::to_string(r.not_fixable);
  // A choice to leave findings out always says how many it left out, none too.
  if (p.ignore_wont_fix) {
    out += ", vendor will not fix: ";
    out += std::to_string(r.wont_fix);
  }
  if (p.ignore_vendor_unimportant) {
    out += ", vendor-unimportant: ";
    out += std::to_string(r.vendor_unimportant);
  }
  out += ")";
  return out;
}

// "CRITICAL:1 HIGH:3" of one row of per-severity counts (severities with none left out).
std::string severity_counts(const std::array<std::size_t, kSeverityCount>& per) {
  std::string out;
  for (Severity s : {Severity::Critical, Severity::High, Severity::Medium, Severity::Low, Severity::None, Severity::Unknown}) {
    const std::size_t n = per[static_cast<std::size_t>(s)];
    if (n == 0) continue;
    if (!out.empty()) out += ' ';
    out += severity_name(s);
    out += ':';
    out += std::to_string(n);
  }
  return out.empty() ? "none" : out;
}

// "by kind: vulnerability CRITICAL:1 HIGH:2 · secret HIGH:3 (left out: eol 1)"; empty when every
// finding is a vulnerability and no kind was left out, so scans of CVEs alone read as before.
std::string kinds_line(const Report& r) {
  const bool other = std::any_of(r.findings.begin(), r.findings.end(),
                                 [](const Finding& f) { return f.kind != findings::kVulnerability; });
  if (!other && r.excluded_kinds.empty()) return "";
  std::string out = "by kind:";
  bool first = true;
  for (std::string_view kind : findings::kKinds) {
    auto it = r.kind_counts.find(std::string(kind));
    if (it == r.kind_counts.end()) continue;
    out += first ? " " : " \u00b7 ";
    first = false;
    out += kind;
    out += ' ';
    out += severity_counts(it->second);
  }
  if (first) out += " none counted";
  if (!r.excluded_kinds.empty()) {
    out += " (left out:";
    bool f2 = true;
    for (const auto& [kind, n] : r.excluded_kinds) {
      out += f2 ? " " : ", ";
      f2 = false;
      out += kind;
      out += ' ';
      out += std::to_string(n);
    }
    out += ')';
  }
  return out;
}


std::string severity_cell(const Finding& f) {
  std::string s(severity_name(f.severity));
  // A severity lent by an alias's record says whose it is: the finding's own advisory did not rate it.
  if (!f.ratings_from_alias.empty() && f.rated != Severity::Unknown) s += " from " + f.severity_source;
  if (f.suppressed) s += " (" + f.state + ")";
  else if (f.hidden_by == "--ignore-wont-fix") s += " (vendor: " + f.vendor_state + ")";
  else if (f.hidden_by == "--ignore-vendor-unimportant") s += " (vendor: unimportant)";
  else if (!f.counted) s += " (no fix)";
  return s;
}

bool has_exploitation(const std::vector<const Finding*>& shown) {
  return std::any_of(shown.begin(), shown.end(), [](const Finding* f) { return !f->kev.empty() || !f->epss.empty(); });
}
// "yes", or "yes (related CVE-…)" when the KEV entry is of a CVE the finding names as related.
std::string kev_cell(const Finding& f) { return f.kev.empty() ? "-" : f.id == f.kev || std::find(f.aliases.begin(), f.aliases.end(), f.kev) != f.aliases.end() ? "yes" : "yes (" + f.kev + ")"; }
// "0.94 (p0.99)": score and percentile as written.
std::string epss_cell(const Finding& f) { return f.epss.empty() ? "-" : f.epss + " (p" + f.epss_percentile + ")"; }

// The vendor's verdict column: only when some finding shown has one (a distro feed in the index).
bool has_vendor(const std::vector<const Finding*>& shown) {
  return std::any_of(shown.begin(), shown.end(), [](const Finding* f) { return !f->vendor_state.empty(); });
}

std::string rules_cell(const Finding& f) { return f.broken.empty() ? "-" : join(f.broken, ", "); }
std::string or_dash(const std::string& s) { return s.empty() ? "-" : s; }

std::vector<const Finding*> top_findings(const Report& r, std::size_t top) {
  std::vector<const Finding*> out;
  for (const auto& f : r.findings) {
    if (out.size() >= top) break;
    out.push_back(&f);
  }
  return out;
}

// "severity from aliases' records: 3 findings (GitHub 2, NVD 1)"; empty when no finding's was lent.
std::string lent_line(const Report& r) {
  std::map<std::string, std::size_t> by_source;
  std::size_t n = 0;
  for (const Finding& f : r.findings)
    if (!f.ratings_from_alias.empty() && f.rated != Severity::Unknown) {
      ++by_source[f.severity_source];
      ++n;
    }
  if (n == 0) return "";
  std::string out = "severity from aliases' records: " + std::to_string(n) + (n == 1 ? " finding (" : " findings (");
  bool first = true;
  for (const auto& [source, count] : by_source) {
    if (!first) out += ", ";
    out += source;
    out += ' ';
    out += std::to_string(count);
    first = false;
  }
  return out + ")";
}

std::string text_summary(const Report& r, const Policy& p, std::size_t top) {
  std::string out = counts_line(r, p) + "\n";
  if (std::string index = index_line(r); !index.empty()) out += index + "\n";
  if (std::string kinds = kinds_line(r); !kinds.empty()) out += kinds + "\n";
  if (std::string origin = origin_text(r.origin_counts); !origin.empty()) out += origin + "\n";
  if (std::string lent = lent_line(r); !lent.empty()) out += lent + "\n";
  out += r.violated() ? "FAIL\n" : "PASS\n";
  for (const auto& v : r.violations) out += "  violated: " + text::printable(v) + "\n";
  auto shown = top_findings(r, top);
  if (shown.empty()) return out;
  // KEV and EPSS columns only when some finding shown has such data (sbom-match with those sources).
  const bool exploit = has_exploitation(shown);
  const bool vendor = has_vendor(shown);
  std::vector<std::vector<std::string>> rows;
  rows.push_back({"ID", "SEVERITY", "PACKAGE", "INSTALLED", "FIXED"});
  if (vendor) rows.back().push_back("VENDOR");
  if (exploit) rows.back().insert(rows.back().end(), {"KEV", "EPSS"});
  rows.back().push_back("RULE");
  for (const Finding* f : shown) {
    rows.push_back({f->id, severity_cell(*f), or_dash(f->package), or_dash(f->installed),
                    f->fixed.empty() ? "-" : join(f->fixed, ", ")});
    if (vendor) rows.back().push_back(or_dash(f->vendor_state));
    if (exploit) rows.back().insert(rows.back().end(), {kev_cell(*f), epss_cell(*f)});
    rows.back().push_back(rules_cell(*f));
  }
  // The cells quote the document (ids, package names, versions): one line each, whatever bytes
  // it holds, before the widths are taken (text::printable).
  for (auto& row : rows)
    for (std::string& cell : row)
      if (text::needs_printable(cell)) cell = text::printable(cell);
  const std::size_t columns = rows.front().size();
  std::vector<std::size_t> width(columns);
  for (const auto& row : rows)
    for (std::size_t i = 0; i < columns; ++i) width[i] = std::max(width[i], row[i].size());
  out += "Top " + std::to_string(shown.size()) + " of " + std::to_string(r.findings.size()) + " findings:\n";
  for (const auto& row : rows) {
    std::string line = " ";
    for (std::size_t i = 0; i < columns; ++i) {
      line += ' ';
      line += row[i];
      if (i + 1 < columns) line.append(width[i] - row[i].size(), ' ');
    }
    out += line + "\n";
  }
  return out;
}

std::string md_escape(std::string_view s) {
  std::string out;
  append_markdown_cell(out, s);
  return out;
}

std::string markdown_summary(const Report& r, const Policy& p, std::size_t top) {
  std::string out = "## sbom-gate: ";
  out += r.violated() ? "FAIL" : "PASS";
  out += "\n\n| CRITICAL | HIGH | MEDIUM | LOW | UNKNOWN | suppressed |\n|---:|---:|---:|---:|---:|---:|\n|";
  // Appended piecewise: GCC 12 warns falsely on `" " + std::to_string(n)` (-Wrestrict, PR105651).
  for (Severity s : kOrder) { out += ' '; out += std::to_string(r.counts[static_cast<std::size_t>(s)]); out += " |"; }
  out += ' ';
  out += std::to_string(r.suppressed);
  out += " |\n";
  if (p.ignore_wont_fix || p.ignore_vendor_unimportant) {
    out += "\nLeft out by choice:";
    if (p.ignore_wont_fix) {
      out += " vendor will not fix ";
      out += std::to_string(r.wont_fix);
      out += " (--ignore-wont-fix)";
    }
    if (p.ignore_vendor_unimportant) {
      out += p.ignore_wont_fix ? ";" : "";
      out += " vendor-unimportant ";
      out += std::to_string(r.vendor_unimportant);
      out += " (--ignore-vendor-unimportant)";
    }
    out += '\n';
  }
  if (std::string index = index_line(r); !index.empty()) {
    out += '\n';
    out += md_escape(index);
    out += '\n';
  }
  if (std::string kinds = kinds_line(r); !kinds.empty()) {
    out += '\n';
    out += md_escape(kinds);
    out += '\n';
  }
  if (std::string origin = origin_text(r.origin_counts); !origin.empty()) {
    out += '\n';
    out += md_escape(origin);
    out += '\n';
  }
  if (std::string lent = lent_line(r); !lent.empty()) {
    out += '\n';
    out += md_escape(lent);
    out += '\n';
  }
  if (r.violated()) {
    out += "\nViolated:\n\n";
    for (const auto& v : r.violations) out += "- " + md_escape(v) + "\n";
  }
  auto shown = top_findings(r, top);
  if (!shown.empty()) {
    const bool exploit = has_exploitation(shown);
    const bool vendor = has_vendor(shown);
    out += "\n| ID | Severity | Package | Installed | Fixed |";
    out += vendor ? " Vendor |" : "";
    out += exploit ? " KEV | EPSS |" : "";
    out += " Rule |\n|---|---|---|---|---|";
    out += vendor ? "---|" : "";
    out += exploit ? "---|---|" : "";
    out += "---|\n";
    for (const Finding* f : shown) {
      out += "| " + md_escape(f->id) + " | " + md_escape(severity_cell(*f)) + " | " + md_escape(or_dash(f->package)) +
             " | " + md_escape(or_dash(f->installed)) + " | " + md_escape(f->fixed.empty() ? "-" : join(f->fixed, ", "));
      if (vendor) out += " | " + md_escape(or_dash(f->vendor_state));
      if (exploit) out += " | " + md_escape(kev_cell(*f)) + " | " + md_escape(epss_cell(*f));
      out += " | " + md_escape(rules_cell(*f)) + " |\n";
    }
  }
  return out;
}

json::Value string_array(const std::vector<std::string>& v) {
  json::Array a;
  for (const auto& s : v) a.emplace_back(s);
  return json::Value(std::move(a));
}

std::string json_summary(const Report& r, const Policy& p, std::size_t top) {
  json::Object counts;
  for (Severity s : {Severity::Critical, Severity::High, Severity::Medium, Severity::Low, Severity::None, Severity::Unknown})
    counts.emplace_back(std::string(severity_lower(s)), json::Number::from(static_cast<std::int64_t>(r.counts[static_cast<std::size_t>(s)])));
  json::Object policy;
  policy.emplace_back("fail-on", p.fail_on ? json::Value(std::string(severity_lower(*p.fail_on))) : json::Value("none"));
  json::Object max;
  for (std::size_t i = kSeverityCount; i-- > 0;)
    if (p.max[i]) max.emplace_back(std::string(severity_lower(static_cast<Severity>(i))), json::Number::from(static_cast<std::int64_t>(*p.max[i])));
  policy.emplace_back("max", json::Value(std::move(max)));
  policy.emplace_back("fixable-only", p.fixable_only);
  if (p.ignore_wont_fix) policy.emplace_back("ignore-wont-fix", true);
  if (p.ignore_vendor_unimportant) policy.emplace_back("ignore-vendor-unimportant", true);
  if (p.unknown_as) policy.emplace_back("unknown-as", std::string(severity_lower(*p.unknown_as)));
  policy.emplace_back("severity-source", string_array(p.severity_sources));
  if (!p.kinds.empty()) policy.emplace_back("kinds", string_array(p.kinds));
  if (!p.exclude_kinds.empty()) policy.emplace_back("exclude-kinds", string_array(p.exclude_kinds));
  if (p.fail_on_kev) policy.emplace_back("fail-on-kev", true);
  if (p.epss_min) policy.emplace_back("epss-min", json::Number{number_text(*p.epss_min)});
  if (p.epss_percentile_min) policy.emplace_back("epss-percentile-min", json::Number{number_text(*p.epss_percentile_min)});
  json::Array findings;
  for (const Finding* f : top_findings(r, top)) {
    json::Object o;
    o.emplace_back("id", f->id);
    if (f->kind != findings::kVulnerability) o.emplace_back("kind", f->kind);  // only then: CVE summaries read as before
    o.emplace_back("aliases", string_array(f->aliases));
    o.emplace_back("severity", std::string(severity_lower(f->severity)));
    o.emplace_back("severity_basis", f->severity_basis);
    if (!f->ratings_from_alias.empty()) {  // only then: summaries of findings rated by their own records stay as they were
      o.emplace_back("severity_source", f->severity_source);
      o.emplace_back("ratings_from_alias", string_array(f->ratings_from_alias));
    }
    o.emplace_back("component", f->component_ref);
    o.emplace_back("package", f->package);
    o.emplace_back("installed", f->installed);
    o.emplace_back("fixed", string_array(f->fixed));
    if (!f->kev.empty()) o.emplace_back("kev", f->kev);  // only then, like the columns
    if (!f->epss.empty()) {
      o.emplace_back("epss", f->epss);
      o.emplace_back("epss_percentile", f->epss_percentile);
    }
    if (!f->vendor_state.empty()) o.emplace_back("vendor_state", f->vendor_state);  // only then: other summaries stay as they were
    if (!f->vendor_urgency.empty()) o.emplace_back("vendor_urgency", f->vendor_urgency);
    o.emplace_back("state", f->state);
    o.emplace_back("suppressed", f->suppressed);
    o.emplace_back("counted", f->counted);
    o.emplace_back("rules", string_array(f->broken));
    findings.emplace_back(std::move(o));
  }
  json::Object root;
  root.emplace_back("result", r.violated() ? "fail" : "pass");
  root.emplace_back("counts", json::Value(std::move(counts)));
  root.emplace_back("suppressed", json::Number::from(static_cast<std::int64_t>(r.suppressed)));
  root.emplace_back("not_fixable", json::Number::from(static_cast<std::int64_t>(r.not_fixable)));
  if (p.ignore_wont_fix) root.emplace_back("wont_fix", json::Number::from(static_cast<std::int64_t>(r.wont_fix)));
  if (p.ignore_vendor_unimportant)
    root.emplace_back("vendor_unimportant", json::Number::from(static_cast<std::int64_t>(r.vendor_unimportant)));
  if (!kinds_line(r).empty()) {
    json::Object by_kind;
    for (const auto& [kind, per] : r.kind_counts) {
      json::Object c;
      for (Severity s : {Severity::Critical, Severity::High, Severity::Medium, Severity::Low, Severity::None, Severity::Unknown})
        c.emplace_back(std::string(severity_lower(s)), json::Number::from(static_cast<std::int64_t>(per[static_cast<std::size_t>(s)])));
      by_kind.emplace_back(kind, json::Value(std::move(c)));
    }
    root.emplace_back("counts_by_kind", json::Value(std::move(by_kind)));
    json::Object left;
    for (const auto& [kind, n] : r.excluded_kinds) left.emplace_back(kind, json::Number::from(static_cast<std::int64_t>(n)));
    root.emplace_back("left_out_kinds", json::Value(std::move(left)));
  }
  if (!origin_text(r.origin_counts).empty()) {
    json::Object by_origin;
    for (const auto& [origin, per] : r.origin_counts) {
      json::Object c;
      for (Severity s : {Severity::Critical, Severity::High, Severity::Medium, Severity::Low, Severity::None, Severity::Unknown})
        c.emplace_back(std::string(severity_lower(s)), json::Number::from(static_cast<std::int64_t>(per[static_cast<std::size_t>(s)])));
      by_origin.emplace_back(origin.empty() ? std::string("unattributed") : origin, json::Value(std::move(c)));
    }
    root.emplace_back("counts_by_origin", json::Value(std::move(by_origin)));
  }
  if (r.index)  // only then: summaries of documents that name no index stay as they were
    root.emplace_back("index", index_object(r));
  root.emplace_back("total_findings", json::Number::from(static_cast<std::int64_t>(r.findings.size())));
  root.emplace_back("policy", json::Value(std::move(policy)));
  root.emplace_back("violations", string_array(r.violations));
  root.emplace_back("findings", json::Value(std::move(findings)));
  return json::write(json::Value(std::move(root)));
}

}  // namespace

std::string index_line(const Report& r) {
  std::string words = index_words(r);
  return words.empty() ? words : "index: " + words;
}

std::string index_words(const Report& r) {
  if (!r.index) return "";
  std::string out = describe(*r.index);
  if (r.index_age_days && *r.index_age_days >= 0) {
    const std::int64_t age = *r.index_age_days;
    out += ", ";
    out += std::to_string(age);
    out += age == 1 ? " day old" : " days old";
    if (age > kIndexMaxAgeDays) {
      out += " (stale: older than ";
      out += std::to_string(kIndexMaxAgeDays);
      out += " days)";
    }
  }
  if (!r.index->signature_verified) out += ", signature not verified";
  return out;
}

bool index_stale(const Report& r) { return r.index_age_days && *r.index_age_days > kIndexMaxAgeDays; }

json::Value index_object(const Report& r) {
  json::Object index;
  if (!r.index) return json::Value(std::move(index));
  if (!r.index->digest.empty()) index.emplace_back("digest", r.index->digest);
  if (!r.index->built.empty()) index.emplace_back("built", r.index->built);
  json::Array sources;
  for (const auto& s : r.index->sources) sources.emplace_back(s);
  index.emplace_back("sources", json::Value(std::move(sources)));
  index.emplace_back("signature_verified", r.index->signature_verified);
  if (r.index_age_days) {
    index.emplace_back("age_days", json::Number::from(*r.index_age_days));
    index.emplace_back("stale", index_stale(r));
  }
  return json::Value(std::move(index));
}

void append_markdown_cell(std::string& out, std::string_view s) {
  detail::escape_markdown_cell(s, [&](std::string_view piece) { out += piece; });
}

std::string format_summary(const Report& r, const Policy& p, SummaryFormat fmt, std::size_t top) {
  switch (fmt) {
    case SummaryFormat::Text: return text_summary(r, p, top);
    case SummaryFormat::Markdown: return markdown_summary(r, p, top);
    case SummaryFormat::Json: return json_summary(r, p, top);
  }
  return {};
}

// Not attributed findings are listed only beside attributed ones.
std::string origin_text(const std::map<std::string, std::array<std::size_t, kSeverityCount>>& by_origin) {
  const bool any = std::any_of(by_origin.begin(), by_origin.end(), [](const auto& e) { return !e.first.empty(); });
  if (!any) return "";
  std::string out;
  auto row = [&](const std::string& key, std::string_view label) {
    auto it = by_origin.find(key);
    if (key.empty() && it == by_origin.end()) return;
    if (!out.empty()) out += " \u00b7 ";
    out += label;
    out += ": ";
    out += it == by_origin.end() ? std::string("none") : severity_counts(it->second);
  };
  row("base", "base image");
  row("image", "your layers");
  row("", "not attributed");
  return out;
}

}  // namespace sbom::policy
