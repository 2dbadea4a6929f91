// The HTML report: one self-contained page (inline CSS, SVG trend chart, sortable tables, a few
// lines of inline script), no external resources, so it can be archived as a CI artifact.
#include <algorithm>
#include <initializer_list>

#include "diff/report_util.h"
#include "sbom/text.h"

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

// A round top for an axis: 1, 2, 5 times a power of ten.
std::size_t round_top(std::size_t max) {
  for (std::size_t base = 1;; base *= 10) {
    if (max <= base) return base;
    if (max <= 2 * base) return 2 * base;
    if (max <= 5 * base) return 5 * base;
  }
}

void attr(std::string& out, std::string_view name, long long v) {
  out += ' ';
  out += name;
  out += "=\"";
  out += std::to_string(v);
  out += '"';
}

// What reports call a release: its image (name:tag), else the document's subject, else the file.
std::string release_name(const ReleaseInfo& rel) {
  if (!rel.image.empty()) return rel.image;
  if (!rel.subject.empty()) return rel.subject;
  return rel.label;
}

// Names of every release, the file name added where two would read the same.
std::vector<std::string> release_names(const Report& r) {
  std::vector<std::string> names;
  for (const auto& rel : r.releases) names.push_back(release_name(rel));
  std::vector<std::string> sorted = names;
  std::sort(sorted.begin(), sorted.end());
  for (std::size_t i = 0; i < names.size(); ++i) {
    auto [lo, hi] = std::equal_range(sorted.begin(), sorted.end(), names[i]);
    if (hi - lo > 1 && names[i] != r.releases[i].label) names[i] += " (" + r.releases[i].label + ")";
  }
  return names;
}

// The trend as small multiples: one panel per severity, each on its own scale, the count written
// at every point. Why not one chart: scans where most findings are UNKNOWN (149 of them against 3
// Critical) flattened every other line onto the axis. A log scale has no place for zero (the
// count that matters most) and makes 2 → 4 look like 80 → 160; a second axis for UNKNOWN alone
// still squeezes Critical under Medium. Panels keep each series readable at its own size, read
// the same printed in black and white (the title names the severity, not the colour), and the
// numbers at the points make the panels comparable with each other.
std::string chart(const Report& r, const std::vector<std::string>& names) {
  constexpr int kCols = 3, kPanelW = 240, kPanelH = 150, kLeft = 42, kRight = 16, kTop = 34, kBottom = 26, kInset = 14;
  constexpr int kWidth = kCols * kPanelW;
  const int rows = (static_cast<int>(kSeverityOrder.size()) + kCols - 1) / kCols;
  const int kHeight = rows * kPanelH;
  const int plot_w = kPanelW - kLeft - kRight, plot_h = kPanelH - kTop - kBottom;
  const std::size_t n = r.releases.size();

  std::string out = "<svg id=\"trend\" xmlns=\"http://www.w3.org/2000/svg\"";
  attr(out, "width", kWidth);
  attr(out, "height", kHeight);
  out += " viewBox=\"0 0 " + std::to_string(kWidth) + " " + std::to_string(kHeight) +
         "\" role=\"img\" aria-label=\"active findings per severity across releases, one panel per severity\">\n";
  for (std::size_t k = 0; k < kSeverityOrder.size(); ++k) {
    const Severity s = kSeverityOrder[k];
    const int ox = static_cast<int>(k % kCols) * kPanelW, oy = static_cast<int>(k / kCols) * kPanelH;
    std::size_t max = 0;
    for (const auto& rel : r.releases) max = std::max(max, at(rel.counts.by_severity, s));
    const std::size_t top = round_top(std::max<std::size_t>(max, 1));
    auto x = [&](std::size_t i) {
      // Inset from the axis ends, so the counts written at the first and last points stay clear of them.
      const int w = plot_w - 2 * kInset;
      return ox + kLeft + kInset + (n == 1 ? w / 2 : static_cast<int>(i) * w / static_cast<int>(n - 1));
    };
    auto y = [&](std::size_t v) {
      return oy + kTop + plot_h - static_cast<int>(v * static_cast<std::size_t>(plot_h) / top);
    };
    const std::string c(colour(s));
    out += "<g class=\"panel\" data-severity=\"" + std::string(policy::severity_lower(s)) + "\">";
    // Title: a swatch and the severity with its first and last count.
    out += "<rect";
    attr(out, "x", ox + kLeft);
    attr(out, "y", oy + 8);
    out += " width=\"10\" height=\"10\" fill=\"" + c + "\"/><text";
    attr(out, "x", ox + kLeft + 15);
    attr(out, "y", oy + 17);
    out += " font-size=\"12\" font-weight=\"600\" fill=\"#000\">" + std::string(policy::severity_name(s)) + ": " +
           std::to_string(at(r.releases.front().counts.by_severity, s)) + " → " +
           std::to_string(at(r.releases.back().counts.by_severity, s)) + "</text>\n";
    // Axis: 0, the middle (when whole) and the top.
    for (std::size_t v : {std::size_t{0}, top / 2, top}) {
      if (v == top / 2 && (top % 2 != 0 || top < 2)) continue;
      const int yy = y(v);
      out += "<line";
      attr(out, "x1", ox + kLeft);
      attr(out, "y1", yy);
      attr(out, "x2", ox + kLeft + plot_w);
      attr(out, "y2", yy);
      out += v == 0 ? " stroke=\"#495057\"/>" : " stroke=\"#ced4da\"/>";
      out += "<text";
      attr(out, "x", ox + kLeft - 5);
      attr(out, "y", yy + 4);
      out += " text-anchor=\"end\" font-size=\"10\" fill=\"#000\">" + std::to_string(v) + "</text>";
    }
    // Releases by number; the key under the chart names them.
    for (std::size_t i = 0; i < n; ++i) {
      out += "<text";
      attr(out, "x", x(i));
      attr(out, "y", oy + kTop + plot_h + 15);
      out += " text-anchor=\"middle\" font-size=\"10\" fill=\"#000\">" + std::to_string(i + 1) + "</text>";
    }
    out += "\n<polyline class=\"series\" data-severity=\"" + std::string(policy::severity_lower(s)) + "\" points=\"";
    for (std::size_t i = 0; i < n; ++i) {
      if (i) out += ' ';
      out += std::to_string(x(i)) + "," + std::to_string(y(at(r.releases[i].counts.by_severity, s)));
    }
    out += "\" fill=\"none\" stroke=\"" + c + "\" stroke-width=\"3\"/>";
    for (std::size_t i = 0; i < n; ++i) {
      const std::size_t v = at(r.releases[i].counts.by_severity, s);
      out += "<circle";
      attr(out, "cx", x(i));
      attr(out, "cy", y(v));
      out += " r=\"4\" fill=\"" + c + "\"><title>" + std::string(policy::severity_name(s)) + " " +
             esc(names[i]) + ": " + std::to_string(v) + "</title></circle><text";
      attr(out, "x", x(i));
      attr(out, "y", y(v) - 7);
      out += " text-anchor=\"middle\" font-size=\"10\" fill=\"#000\">" + std::to_string(v) + "</text>";
    }
    out += "</g>\n";
  }
  return out + "</svg>\n";
}

// An http(s) link, its text the address itself (so a printed page shows it).
void append_link(std::string& out, std::string_view url) {
  out += "<a class=\"url\" href=\"";
  append_esc(out, url);
  out += "\">";
  append_esc(out, url);
  out += "</a>";
}

constexpr std::string_view kStyle = R"(body{font:14px/1.4 system-ui,sans-serif;margin:24px;color:#212529;background:#fff}
h1{font-size:20px}h2{font-size:17px;margin-top:28px}
table{border-collapse:collapse;margin:8px 0}th,td{border:1px solid #dee2e6;padding:3px 8px;text-align:left;vertical-align:top}
th{background:#f1f3f5;cursor:pointer;user-select:none}th.asc::after{content:" \25B2"}th.desc::after{content:" \25BC"}
table.facts th{cursor:auto;width:11em}
td.n{text-align:right;font-variant-numeric:tabular-nums;white-space:nowrap}
.digest,.url{font-family:ui-monospace,monospace;font-size:12px;overflow-wrap:anywhere}
td.id{white-space:nowrap}
.sev{color:#fff;padding:1px 6px;border-radius:3px;font-size:12px;font-weight:600;white-space:nowrap}
.headline{font-size:16px;font-weight:600}.fail{color:#b0001e;font-weight:600}
ol.key{font-size:12px;margin:4px 0 0}
@page{size:A4 landscape;margin:12mm}
@media print{
body{font-size:9pt;margin:0 1px;color:#000;background:#fff}
h1,h2,.fail{color:#000}
section+section{break-before:page}
h2{break-after:avoid}
table{width:100%}
table.keep{break-inside:avoid}
thead{display:table-header-group}
tr,svg{break-inside:avoid}
th,td{border-color:#000;padding:2px 5px;overflow-wrap:break-word}
th{background:none;cursor:auto}th.asc::after,th.desc::after{content:""}
.sev{color:#000;background:none!important;border:1px solid #000;padding:0 3px;font-size:8pt}
a{color:#000;text-decoration:none}
.url{font-size:7pt}
#findings{table-layout:fixed}td.id{white-space:normal}
#findings th:nth-child(1){width:7%}#findings th:nth-child(2){width:7%}#findings th:nth-child(3){width:11%}
#findings th:nth-child(4){width:11%}#findings th:nth-child(5){width:14%}#findings th:nth-child(6){width:7%}
#findings th:nth-child(7){width:13%}#findings th:nth-child(8){width:30%}
a[href]:not(.url)::after{content:" <" attr(href) ">";font-size:8pt;overflow-wrap:anywhere}
svg{max-width:100%;height:auto}
}
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
  const std::vector<std::string> names = release_names(r);
  std::string title = "SBOM diff: " + names.front() + " → " + names.back();
  out += "<!DOCTYPE html>\n<html lang=\"en\">\n<head>\n<meta charset=\"utf-8\">\n<title>" + esc(title) +
                    "</title>\n<style>\n" + std::string(kStyle) + "</style>\n</head>\n<body>\n<section id=\"summary\">\n<h1>" + esc(title) + "</h1>\n";
  // What an archive needs to know about the report itself.
  if (r.made_at || !r.made_by.empty()) {
    out += "<table class=\"facts keep\" id=\"report\">\n<tbody>\n";
    if (r.made_at) out += "<tr><th>report date</th>" + td(text::rfc3339_utc(*r.made_at)) + "</tr>\n";
    if (!r.made_by.empty()) out += "<tr><th>made by</th>" + td(r.made_by) + "</tr>\n";
    out += "</tbody>\n</table>\n";
  }
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

  out += "<h2>Counts per release</h2>\n<table class=\"sortable keep\" id=\"drift\">\n";
  std::vector<std::string> cols = {""};
  for (const auto& n : names) cols.push_back(n);
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

  if (std::string ix = index_change_text(r.overall); !ix.empty()) out += "<p>" + esc(ix) + "</p>\n";
  if (r.overall.rescan())
    out += "<p>Rescan: the same components with another index: every change is the advisory data's or the analysis's.</p>\n";
  if (std::string why = why_counts(r.overall); !why.empty()) out += "<p>Why findings changed: " + esc(why) + "</p>\n";
  out += "</section>\n";

  // Each release: what was scanned (image and digest), the document, the tools, the index.
  out += "<section id=\"releases-compared\">\n<h2>Releases compared</h2>\n<table class=\"keep\" id=\"releases\">\n" +
         thead({"#", "release", "image digests", "document", "tools", "vulnerability index"}) + "<tbody>\n";
  for (std::size_t i = 0; i < r.releases.size(); ++i) {
    const ReleaseInfo& rel = r.releases[i];
    out += "<tr>" + td_num(static_cast<long long>(i + 1)) + td(names[i]);
    out += "<td class=\"digest\">";
    if (!rel.image_digest.empty()) out += "manifest " + esc(rel.image_digest);
    if (!rel.image_id.empty()) out += (rel.image_digest.empty() ? "" : "<br>") + std::string("config ") + esc(rel.image_id);
    if (rel.image_digest.empty() && rel.image_id.empty()) out += "not recorded";
    out += "</td>";
    out += td(rel.label) + td(rel.tools.empty() ? "not recorded" : joined(rel.tools, ", "));
    out += "<td>";
    if (!rel.index) {
      out += "not recorded";
    } else {
      const IndexProvenance& ix = *rel.index;
      out += "<span class=\"digest\">" + esc(ix.digest.empty() ? "built in memory" : ix.digest) + "</span>";
      if (!ix.built.empty()) out += "<br>built " + esc(ix.built);
      if (ix.signature_verified) out += "<br>signature verified";
      for (const std::string& src : ix.sources) {
        IndexSource s = split_source(src);
        out += "<br>source " + esc(s.path) + " <span class=\"digest\">" + esc(s.digest) + "</span>";
      }
    }
    out += "</td></tr>\n";
  }
  out += "</tbody>\n</table>\n";
  out += "</section>\n";

  out += "<section id=\"trend-steps\">\n";
  if (vulns) {
    out += "<h2>Trend</h2>\n<p>Active findings per severity, each panel on its own scale; releases by number:</p>\n" + chart(r, names) +
           "<ol class=\"key\">";
    for (const auto& n : names) out += "<li>" + esc(n) + "</li>";
    out += "</ol>\n";
  }
  if (r.releases.size() > 2) {
    out += "<h2>Steps</h2>\n<table class=\"sortable keep\" id=\"steps\">\n" +
           thead({"from", "to", "added", "removed", "version changes", "appeared", "vanished"}) + "<tbody>\n";
    for (const auto& s : r.steps) {
      std::vector<std::string> appeared, vanished;
      for (const auto& f : s.findings) {
        if (f.status == FindingStatus::kNew || f.status == FindingStatus::kUnsuppressed) appeared.push_back(f.id);
        if (f.status == FindingStatus::kFixed || f.status == FindingStatus::kSuppressed) vanished.push_back(f.id);
      }
      out += "<tr>" + td(names[s.from]) + td(names[s.to]) +
             td_num(static_cast<long long>(s.components.added.size())) +
             td_num(static_cast<long long>(s.components.removed.size())) +
             td_num(static_cast<long long>(s.components.changed.size() - s.components.count(VersionChange::kNone))) +
             td(joined(appeared, ", ")) + td(joined(vanished, ", ")) + "</tr>\n";
    }
    out += "</tbody>\n</table>\n";
  }
  out += "</section>\n";

  const auto& c = r.overall.components;
  out += "<section id=\"component-changes\">\n<h2>Components</h2>\n";
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
  out += "</section>\n";

  if (vulns) {
    out += "<section id=\"finding-changes\">\n<h2>Findings</h2>\n";
    if (r.overall.findings.empty()) {
      out += "<p>No findings in either release.</p>\n";
    } else {
      out += "<table class=\"sortable\" id=\"findings\">\n" +
             thead({"status", "severity", "vulnerability", "aliases", "package", "installed", "detail", "advisories"}) +
             "<tbody>\n";
      for (const auto& f : r.overall.findings) {
        out += "<tr>";
        append_td(out, to_string(f.status));
        out += badge(f.severity());
        out += "<td class=\"id\">";
        append_esc(out, f.id);
        out += "</td>";
        append_td(out, joined(f.aliases, ", "));
        append_td(out, f.package);
        append_td(out, installed(f));
        append_td(out, finding_detail(f));
        out += "<td>";
        for (std::size_t i = 0; i < f.links.size(); ++i) {
          if (i) out += "<br>";
          append_link(out, f.links[i]);
        }
        out += "</td></tr>\n";
        o.spill();
      }
      out += "</tbody>\n</table>\n";
    }
    out += "</section>\n";
  }
  out += "<script>\n" + std::string(kScript) + "</script>\n</body>\n</html>\n";
}

}  // namespace detail

}  // namespace sbom::diff
