// The full findings listing for people and scripts: an aligned table, Markdown (also as a GitHub
// job summary) and JSON (schemas/report.schema.json).
#include <algorithm>
#include <array>

#include "policy/markdown_cell.h"
#include "report/rows.h"
#include "sbom/text.h"

namespace sbom::report::detail {

namespace {

// The columns every listing shows; KEV and EPSS only when some finding has them.
struct Columns {
  std::vector<std::string_view> names;
  bool kev = false, epss = false;
};

Columns columns(const Context& c) {
  Columns cols;
  cols.kev = c.any_kev;
  cols.epss = c.any_epss;
  cols.names = {"ID", "SEVERITY", "SOURCE", "PACKAGE", "INSTALLED", "FIXED"};
  if (cols.kev) cols.names.push_back("KEV");
  if (cols.epss) cols.names.push_back("EPSS");
  cols.names.push_back("STATUS");
  return cols;
}

std::string_view or_dash(std::string_view s) { return s.empty() ? std::string_view("-") : s; }

// A row's cells, viewed in the row (made once in collect, shared by every listing).
constexpr std::size_t kMaxColumns = 9;
struct Cells {
  std::array<std::string_view, kMaxColumns> v;
  std::size_t n = 0;
};

Cells cells(const Columns& cols, const Row& r) {
  const policy::Finding& f = *r.finding;
  Cells c;
  for (std::string_view x : {r.id, policy::severity_name(f.severity), r.basis, or_dash(r.purl), or_dash(r.installed), r.fixed})
    c.v[c.n++] = x;
  if (cols.kev) c.v[c.n++] = or_dash(r.kev);
  if (cols.epss) c.v[c.n++] = or_dash(r.epss);
  c.v[c.n++] = r.status_cell;
  return c;
}

void markdown_cell(Out& out, std::string_view s) {
  policy::detail::escape_markdown_cell(s, [&](std::string_view piece) { out.put(piece); });
}

void markdown_row(Out& out, const Cells& row) {
  out.put('|');
  for (std::size_t i = 0; i < row.n; ++i) {
    out.put(' ');
    markdown_cell(out, row.v[i]);
    out.put(" |");
  }
  out.put('\n');
}

void markdown_header(Out& out, const Columns& cols) {
  out.put('|');
  for (auto n : cols.names) {
    out.put(' ');
    out.put(n);
    out.put(" |");
  }
  out.put("\n|");
  for (std::size_t i = 0; i < cols.names.size(); ++i) out.put(" --- |");
  out.put('\n');
}

// GitHub refuses a step summary over 1 MiB; the listing stops short of that and says how many
// findings it left out (the other reports have them all).
constexpr std::size_t kStepSummaryBudget = 1000 * 1000;

}  // namespace

void write_table(const Context& c, Out& out) {
  Columns cols = columns(c);
  std::vector<std::size_t> width(cols.names.size());
  for (std::size_t i = 0; i < cols.names.size(); ++i) width[i] = cols.names[i].size();
  // A cell quotes the document (ids, names, versions): one line each whatever bytes it holds,
  // its control characters written out (text::printable). Nearly no cell has any, so the check
  // is all it costs, and only such a cell is made again.
  auto shown_size = [](std::string_view cell) { return text::needs_printable(cell) ? text::printable(cell).size() : cell.size(); };
  // Widths first (the cells are views into the rows: nothing is made twice).
  for (const auto& r : c.rows) {
    Cells v = cells(cols, r);
    for (std::size_t i = 0; i < v.n; ++i) width[i] = std::max(width[i], shown_size(v.v[i]));
  }
  auto line = [&](const Cells& v) {
    for (std::size_t i = 0; i < v.n; ++i) {
      std::size_t size = v.v[i].size();
      if (text::needs_printable(v.v[i])) {
        const std::string shown = text::printable(v.v[i]);
        out.put(shown);
        size = shown.size();
      } else {
        out.put(v.v[i]);
      }
      if (i + 1 < v.n) out.fill(width[i] - size + 2, ' ');
    }
    out.put('\n');
  };
  Cells head;
  for (auto n : cols.names) head.v[head.n++] = n;
  line(head);
  for (const auto& r : c.rows) line(cells(cols, r));
  out.number(c.rows.size());
  out.put(c.rows.size() == 1 ? " finding" : " findings");
  out.put("; verdict: ");
  out.put(c.judged->violated() ? "FAIL\n" : "PASS\n");
  if (std::string index = policy::index_line(*c.judged); !index.empty()) {
    out.put(index);
    out.put('\n');
  }
}

void write_markdown(const Context& c, Out& out, bool step_summary) {
  Columns cols = columns(c);
  const policy::Report& j = *c.judged;
  out.put("## ");
  out.put(c.options->tool);
  out.put(j.violated() ? ": FAIL\n\n" : ": PASS\n\n");
  if (!c.image.empty() || !c.os.empty()) {
    out.put("Image: ");
    markdown_cell(out, or_dash(c.image));
    out.put(", OS: ");
    markdown_cell(out, or_dash(c.os));
    out.put("\n\n");
  }
  if (std::string index = policy::index_words(*c.judged); !index.empty()) {
    out.put("Index: ");  // "sha256:… built …" as the summary says it, in Markdown
    markdown_cell(out, index);
    out.put("\n\n");
  }
  out.put("| CRITICAL | HIGH | MEDIUM | LOW | NONE | UNKNOWN | suppressed |\n| ---: | ---: | ---: | ---: | ---: | ---: | ---: |\n|");
  for (auto s : {policy::Severity::Critical, policy::Severity::High, policy::Severity::Medium, policy::Severity::Low,
                 policy::Severity::None, policy::Severity::Unknown}) {
    out.put(' ');
    out.number(j.counts[static_cast<std::size_t>(s)]);
    out.put(" |");
  }
  out.put(' ');
  out.number(j.suppressed);
  out.put(" |\n");
  if (j.violated()) {
    out.put("\nViolated:\n\n");
    for (const auto& v : j.violations) {
      out.put("- ");
      markdown_cell(out, v);
      out.put('\n');
    }
  }
  if (c.rows.empty()) {
    out.put("\nNo findings.\n");
    return;
  }
  std::size_t shown = 0;
  auto listing = [&](bool violations_only) {
    markdown_header(out, cols);
    for (const auto& r : c.rows) {
      if (violations_only && r.status != Status::kViolation) continue;
      if (step_summary && out.written() > kStepSummaryBudget) break;
      markdown_row(out, cells(cols, r));
      ++shown;
    }
  };
  if (step_summary) {
    std::size_t failing = static_cast<std::size_t>(
        std::count_if(c.rows.begin(), c.rows.end(), [](const Row& r) { return r.status == Status::kViolation; }));
    if (failing > 0) {
      out.put("\n### Findings that break the policy (");
      out.number(failing);
      out.put(")\n\n");
      listing(true);
    }
    std::size_t before = shown;
    out.put("\n<details><summary>All findings (");
    out.number(c.rows.size());
    out.put(")</summary>\n\n");
    listing(false);
    out.put("\n</details>\n");
    if (shown - before < c.rows.size()) {
      out.put('\n');
      out.number(c.rows.size() - (shown - before));
      out.put(" findings not shown: a job summary holds at most 1 MiB (the other reports list them all).\n");
    }
  } else {
    out.put("\n### Findings (");
    out.number(c.rows.size());
    out.put(")\n\n");
    listing(false);
  }
}

void write_json(const Context& c, Out& out) {
  JsonOut e(out);
  auto strings = [&](const Key& key, auto&& v) {
    e.key(key);
    e.begin_array();
    for (std::string_view s : v) e.string(s);
    e.end_array();
  };
  e.begin_object();
  e.member("tool", c.options->tool);
  e.member("version", c.options->tool_version);
  e.member("verdict", c.judged->violated() ? "fail" : "pass");
  e.member("image", c.image);
  e.member("operating_system", c.os);
  if (c.judged->index) {  // the vulnerability index the findings come from (sbom-match's record)
    e.key("index");
    e.raw(json::write(policy::index_object(*c.judged), {.indent = 0, .sort_keys = false}));
  }
  strings("violations", c.judged->violations);
  e.key("findings");
  e.begin_array();
  for (const auto& r : c.rows) {
    const policy::Finding& f = *r.finding;
    e.begin_object();
    e.member("id", r.id);
    strings("aliases", r.aliases);
    e.member("severity", policy::severity_lower(f.severity));
    e.member("severity_basis", r.basis);
    e.member("package", r.purl);
    e.member("component", f.component_ref);
    e.member("installed", r.installed);
    strings("fixed", r.fixed_versions);
    if (!r.path.empty()) {
      e.key("path");
      e.begin_string();
      e.lit("/");
      e.text(r.path);
      e.end_string();
    }
    e.member("layer", r.layer);
    e.member("kev", r.kev);
    e.member("epss", r.epss);
    e.member("status", r.status == Status::kViolation    ? "violation"
                       : r.status == Status::kSuppressed ? "suppressed"
                       : r.status == Status::kNotCounted ? "not_counted"
                                                         : "pass");
    strings("rules", r.rules);
    e.member("state", f.state);
    if (r.status == Status::kSuppressed) {
      e.key("suppression");
      e.begin_object();
      e.member("reason", r.reason);
      e.member("owner", r.owner);
      e.member("expires", r.expires);
      e.member("ticket", r.ticket);
      e.end_object();
    }
    e.member("fingerprint", r.fingerprint);
    e.end_object();
  }
  e.end_array();
  e.end_object();
  out.put('\n');
}

}  // namespace sbom::report::detail
