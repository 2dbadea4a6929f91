// The HTML report: one self-contained page (inline CSS, SVG trend chart, sortable tables, a few
// lines of inline script), no external resources, so it can be archived as a CI artifact.
#include <algorithm>
#include <initializer_list>

#include "diff/report_util.h"

namespace sbom::diff {

namespace {

using namespace detail;

// Appends `s` escaped, copying the runs between special characters whole.
void append_esc(std::string& out, std::string_view s) {
  std::size_t run = 0;
  for (std::size_t i = 0; i < s.size(); ++i) {
    std::string_view entity;
    switch (s[i]) {
      case '&': entity = "&amp;"; break;
      case '<': entity = "&lt;"; break;
      case '>': entity = "&gt;"; break;
      case '"': entity = "&quot;"; break;
      case '\'': entity = "&#39;"; break;
      default: continue;
    }
    out.append(s.data() + run, i - run);
    out += entity;
    run = i + 1;
  }
  out.append(s.data() + run, s.size() - run);
}

std::string esc(std::string_view s) {
  std::string out;
  out.reserve(s.size());
  append_esc(out, s);
  return out;
}

// Severity colours, shared by the chart, the legend and the badges (the screenshot test looks
// for them).
std::string_view colour(Severity s) {
  switch (s) {
    case Severity::Critical: return "#b0001e";
    case Severity::High: return "#e8590c";
    case Severity::Medium: return "#f0b400";
    case Severity::Low: return "#1c7ed6";
    case Severity::None: return "#82c91e";
    case Severity::Unknown: return "#868e96";
  }
  return "#868e96";
}

// Severity as a sort key (most severe sorts first in descending order).
std::string rank(Severity s) { return std::to_string(static_cast<int>(s)); }

std::string badge(Severity s) {
  return "<td data-sort=\"" + rank(s) + "\"><span class=\"sev\" style=\"background:" + std::string(colour(s)) + "\">" +
         std::string(policy::severity_name(s)) + "</span></td>";
}

std::string td(std::string_view s) { return "<td>" + esc(s) + "</td>"; }

void append_td(std::string& out, std::string_view s) {
  out += "<td>";
  append_esc(out, s);
  out += "</td>";
}

// A row of text cells, escaped as they are appended: no string per cell for tables of
// 100,000 rows.
void text_row(Out& o, std::initializer_list<std::string_view> cells) {
  std::string& out = o.text();
  out += "<tr>";
  for (std::string_view c : cells) append_td(out, c);
  out += "</tr>\n";
  o.spill();
}
std::string td_num(long long n) { return "<td class=\"n\">" + std::to_string(n) + "</td>"; }

std::string thead(const std::vector<std::string>& cols) {
  std::string out = "<thead><tr>";
  for (const auto& c : cols) out += "<th>" + esc(c) + "</th>";
  return out + "</tr></thead>\n";
}

// A line chart of active findings per severity, one point per release.
std::string chart(const Report& r) {
  constexpr int kWidth = 720, kHeight = 320, kLeft = 90, kRight = 150, kTop = 20, kBottom = 80;
  const int plot_w = kWidth - kLeft - kRight, plot_h = kHeight - kTop - kBottom;
  std::size_t max = 1;
  for (const auto& rel : r.releases)
    for (std::size_t v : rel.counts.by_severity) max = std::max(max, v);
  // A round top for the axis: 1, 2, 5 times a power of ten.
  std::size_t top = 1;
  for (std::size_t base = 1;; base *= 10) {
    if (max <= base) { top = base; break; }
    if (max <= 2 * base) { top = 2 * base; break; }
    if (max <= 5 * base) { top = 5 * base; break; }
  }
  const std::size_t n = r.releases.size();
  auto x = [&](std::size_t i) { return kLeft + (n == 1 ? plot_w / 2 : static_cast<int>(i) * plot_w / static_cast<int>(n - 1)); };
  auto y = [&](std::size_t v) { return kTop + plot_h - static_cast<int>(v * static_cast<std::size_t>(plot_h) / top); };

  std::string out = "<svg id=\"trend\" xmlns=\"http://www.w3.org/2000/svg\" width=\"" + std::to_string(kWidth) +
                    "\" height=\"" + std::to_string(kHeight) + "\" viewBox=\"0 0 " + std::to_string(kWidth) + " " +
                    std::to_string(kHeight) + "\" role=\"img\" aria-label=\"active findings per severity across releases\">\n";
  // Grid lines at whole numbers: every 1 up to 2, else fifths of the (1, 2, 5 x 10^k) top.
  const std::size_t tick = top <= 2 ? 1 : top / 5;
  for (std::size_t v = 0; v <= top; v += tick) {
    int yy = y(v);
    out += "<line x1=\"" + std::to_string(kLeft) + "\" y1=\"" + std::to_string(yy) + "\" x2=\"" +
           std::to_string(kLeft + plot_w) + "\" y2=\"" + std::to_string(yy) + "\" stroke=\"#dee2e6\"/>";
    out += "<text x=\"" + std::to_string(kLeft - 6) + "\" y=\"" + std::to_string(yy + 4) +
           "\" text-anchor=\"end\" font-size=\"11\">" + std::to_string(v) + "</text>\n";
  }
  // Many releases: slanted labels, so long file names do not run into each other.
  const bool slant = n > 4;
  for (std::size_t i = 0; i < n; ++i) {
    std::string xs = std::to_string(x(i)), ys = std::to_string(kTop + plot_h + 18);
    out += "<text x=\"" + xs + "\" y=\"" + ys + "\" font-size=\"11\" text-anchor=\"" +
           (slant ? "end\" transform=\"rotate(-30 " + xs + " " + ys + ")" : std::string("middle")) + "\">" +
           esc(r.releases[i].label) + "</text>\n";
  }
  // The most severe series last, so it stays visible where lines overlap.
  for (auto it = kSeverityOrder.rbegin(); it != kSeverityOrder.rend(); ++it) {
    Severity s = *it;
    std::string c(colour(s));
    std::string points;
    for (std::size_t i = 0; i < n; ++i) {
      if (i) points += " ";
      points += std::to_string(x(i)) + "," + std::to_string(y(at(r.releases[i].counts.by_severity, s)));
    }
    out += "<polyline class=\"series\" data-severity=\"" + std::string(policy::severity_lower(s)) + "\" points=\"" +
           points + "\" fill=\"none\" stroke=\"" + c + "\" stroke-width=\"4\"/>";
    for (std::size_t i = 0; i < n; ++i) {
      std::size_t v = at(r.releases[i].counts.by_severity, s);
      out += "<circle cx=\"" + std::to_string(x(i)) + "\" cy=\"" + std::to_string(y(v)) + "\" r=\"5\" fill=\"" + c +
             "\"><title>" + std::string(policy::severity_name(s)) + " " + esc(r.releases[i].label) + ": " +
             std::to_string(v) + "</title></circle>";
    }
    out += "\n";
  }
  int legend_y = kTop;
  for (Severity s : kSeverityOrder) {
    out += "<rect x=\"" + std::to_string(kLeft + plot_w + 20) + "\" y=\"" + std::to_string(legend_y) +
           "\" width=\"12\" height=\"12\" fill=\"" + std::string(colour(s)) + "\"/><text x=\"" +
           std::to_string(kLeft + plot_w + 38) + "\" y=\"" + std::to_string(legend_y + 11) + "\" font-size=\"12\">" +
           std::string(policy::severity_name(s)) + "</text>\n";
    legend_y += 20;
  }
  return out + "</svg>\n";
}

constexpr std::string_view kStyle = R"(body{font:14px/1.4 system-ui,sans-serif;margin:24px;color:#212529;background:#fff}
h1{font-size:20px}h2{font-size:17px;margin-top:28px}
table{border-collapse:collapse;margin:8px 0}th,td{border:1px solid #dee2e6;padding:3px 8px;text-align:left}
th{background:#f1f3f5;cursor:pointer;user-select:none}th.asc::after{content:" \25B2"}th.desc::after{content:" \25BC"}
td.n{text-align:right;font-variant-numeric:tabular-nums}
.sev{color:#fff;padding:1px 6px;border-radius:3px;font-size:12px;font-weight:600}
.headline{font-size:16px;font-weight:600}.fail{color:#b0001e;font-weight:600}
)";

// Click a header to sort by that column; again to reverse. Cells sort by data-sort when they
// have one, numerically when both sides are numbers, else as text.
constexpr std::string_view kScript = R"(document.querySelectorAll("table.sortable").forEach(function(t){
t.querySelectorAll("th").forEach(function(th,i){th.addEventListener("click",function(){
var asc=!th.classList.contains("asc");t.querySelectorAll("th").forEach(function(h){h.classList.remove("asc","desc")});
th.classList.add(asc?"asc":"desc");var b=t.tBodies[0];var rows=Array.prototype.slice.call(b.rows);
function key(r){var c=r.cells[i];if(!c)return "";var s=c.getAttribute("data-sort");return s!==null?s:c.textContent}
rows.sort(function(p,q){var a=key(p),z=key(q),x=parseFloat(a),y=parseFloat(z);
var d=(!isNaN(x)&&!isNaN(y)&&String(x)===a.trim()&&String(y)===z.trim())?x-y:a.localeCompare(z);return asc?d:-d});
rows.forEach(function(r){b.appendChild(r)})})})});
)";

}  // namespace

namespace detail {

void write_html(const Report& r, Out& o) {
  std::string& out = o.text();
  const bool vulns = any_vulnerabilities(r);
  const auto& first = r.releases.front();
  const auto& last = r.releases.back();
  std::string title = "SBOM diff: " + first.label + " → " + last.label;
  out += "<!DOCTYPE html>\n<html lang=\"en\">\n<head>\n<meta charset=\"utf-8\">\n<title>" + esc(title) +
                    "</title>\n<style>\n" + std::string(kStyle) + "</style>\n</head>\n<body>\n<h1>" + esc(title) + "</h1>\n";
  if (vulns) {
    out += "<p class=\"headline\" id=\"reduction\">Critical+High: " + std::to_string(first.counts.critical_high()) + " → " +
           std::to_string(last.counts.critical_high()) + " (" + esc(reduction_text(r)) + ")</p>\n";
  } else {
    out += "<p>No vulnerabilities: none of the documents carries a vulnerabilities array.</p>\n";
  }
  if (!r.violations.empty()) {
    out += "<p class=\"fail\">Gate failed:</p><ul>\n";
    for (const auto& v : r.violations) out += "<li>" + esc(v) + "</li>\n";
    out += "</ul>\n";
  }
  if (vulns) out += "<h2>Trend</h2>\n" + chart(r);

  out += "<h2>Releases</h2>\n<table class=\"sortable\" id=\"drift\">\n";
  std::vector<std::string> cols = {""};
  for (const auto& rel : r.releases) cols.push_back(rel.label);
  cols.push_back("change");
  out += thead(cols) + "<tbody>\n";
  auto line = [&](std::string name, auto get) {
    out += "<tr>" + td(name);
    for (const auto& rel : r.releases) out += td_num(static_cast<long long>(get(rel)));
    out += "<td class=\"n\">" + signed_number(static_cast<long long>(get(last)) - static_cast<long long>(get(first))) +
           "</td></tr>\n";
  };
  line("components", [](const ReleaseInfo& x) { return x.counts.components; });
  if (vulns) {
    for (Severity sev : kSeverityOrder)
      line(std::string(policy::severity_name(sev)), [sev](const ReleaseInfo& x) { return at(x.counts.by_severity, sev); });
    line("suppressed", [](const ReleaseInfo& x) { return x.counts.suppressed; });
  }
  out += "</tbody>\n</table>\n";
  if (any_index(r)) {
    out += "<h2>Vulnerability index</h2>\n<table id=\"index\">\n" + thead({"release", "index"}) + "<tbody>\n";
    for (const auto& rel : r.releases) out += "<tr>" + td(rel.label) + td(index_text(rel)) + "</tr>\n";
    out += "</tbody>\n</table>\n";
  }
  if (std::string ix = index_change_text(r.overall); !ix.empty()) out += "<p>" + esc(ix) + "</p>\n";
  if (r.overall.rescan())
    out += "<p>Rescan: the same components with another index: every change is the advisory data's or the analysis's.</p>\n";
  if (std::string why = why_counts(r.overall); !why.empty()) out += "<p>Why findings changed: " + esc(why) + "</p>\n";

  if (r.releases.size() > 2) {
    out += "<h2>Steps</h2>\n<table class=\"sortable\" id=\"steps\">\n" +
           thead({"from", "to", "added", "removed", "version changes", "appeared", "vanished"}) + "<tbody>\n";
    for (const auto& s : r.steps) {
      std::vector<std::string> appeared, vanished;
      for (const auto& f : s.findings) {
        if (f.status == FindingStatus::kNew || f.status == FindingStatus::kUnsuppressed) appeared.push_back(f.id);
        if (f.status == FindingStatus::kFixed || f.status == FindingStatus::kSuppressed) vanished.push_back(f.id);
      }
      out += "<tr>" + td(r.releases[s.from].label) + td(r.releases[s.to].label) +
             td_num(static_cast<long long>(s.components.added.size())) +
             td_num(static_cast<long long>(s.components.removed.size())) +
             td_num(static_cast<long long>(s.components.changed.size() - s.components.count(VersionChange::kNone))) +
             td(joined(appeared, ", ")) + td(joined(vanished, ", ")) + "</tr>\n";
    }
    out += "</tbody>\n</table>\n";
  }

  const auto& c = r.overall.components;
  out += "<h2>Components</h2>\n";
  if (std::string note = licenses_note(r, r.overall); !note.empty()) out += "<p>" + esc(note) + "</p>\n";
  if (c.empty()) {
    out += "<p>No component changes.</p>\n";
  } else {
    out += "<table class=\"sortable\" id=\"components\">\n" + thead({"change", "component", "before", "after"}) + "<tbody>\n";
    for (const auto& a : c.added) text_row(o, {"added", a.display, "", a.version});
    for (const auto& a : c.removed) text_row(o, {"removed", a.display, a.version, ""});
    for (const auto& ch : c.changed) {
      if (ch.version != VersionChange::kNone)
        text_row(o, {to_string(ch.version), ch.before.display, ch.before.version, ch.after.version});
      if (ch.license_changed)
        text_row(o, {"license", ch.before.display, joined(ch.licenses_before, ", "), joined(ch.licenses_after, ", ")});
      if (ch.hash_changed)
        text_row(o, {"content (" + ch.hash_alg + ")", ch.before.display, ch.before.version, ch.after.version});
    }
    out += "</tbody>\n</table>\n";
  }

  if (vulns) {
    out += "<h2>Findings</h2>\n";
    if (r.overall.findings.empty()) {
      out += "<p>No findings in either release.</p>\n";
    } else {
      out += "<table class=\"sortable\" id=\"findings\">\n" +
             thead({"status", "severity", "vulnerability", "aliases", "package", "installed", "detail"}) + "<tbody>\n";
      for (const auto& f : r.overall.findings) {
        out += "<tr>";
        append_td(out, to_string(f.status));
        out += badge(f.severity());
        append_td(out, f.id);
        append_td(out, joined(f.aliases, ", "));
        append_td(out, f.package);
        append_td(out, installed(f));
        append_td(out, finding_detail(f));
        out += "</tr>\n";
        o.spill();
      }
      out += "</tbody>\n</table>\n";
    }
  }
  out += "<script>\n" + std::string(kScript) + "</script>\n</body>\n</html>\n";
}

}  // namespace detail

}  // namespace sbom::diff
