// JUnit XML for CI test tabs (Jenkins, GitLab, GitHub test reporters): one testsuite per
// severity, one testcase per finding.
//
// Suites are per severity, not per component: the policy judges by severity, so a failing suite
// is the band the policy rejects and the test tab reads like the gate's verdict; an image has
// hundreds of components, which as suites would bury the few that matter. The output satisfies
// both the Ant schema (properties, system-out and system-err in every suite, no attributes on
// <testsuites>) and Jenkins' Surefire schema.
#include <array>
#include <cstdint>

#include "report/rows.h"

namespace sbom::report::detail {

namespace {

using policy::Severity;

constexpr Severity kOrder[] = {Severity::Critical, Severity::High, Severity::Medium,
                               Severity::Low,      Severity::None, Severity::Unknown};

// Text for an attribute or element: markup escaped, and the control characters XML 1.0 cannot
// carry at all (everything below 0x20 but tab, newline and return) written as U+FFFD.
void xml(Out& out, std::string_view s) {
  // Runs of bytes that need nothing are appended whole: this sees every byte of the report.
  static constexpr std::array<bool, 256> kSpecial = [] {
    std::array<bool, 256> t{};
    for (int ch = 0; ch < 0x20; ++ch) t[static_cast<std::size_t>(ch)] = true;
    t['&'] = t['<'] = t['>'] = t['"'] = true;
    return t;
  }();
  if (!json::detail::has_control_or<'&', '<', '>', '"'>(s)) return out.put(s);  // the common case
  std::size_t run = 0;
  for (std::size_t i = 0; i < s.size(); ++i) {
    const char ch = s[i];
    if (!kSpecial[static_cast<unsigned char>(ch)]) continue;
    out.put(s.substr(run, i - run));
    run = i + 1;
    switch (ch) {
      case '&': out.put("&amp;"); break;
      case '<': out.put("&lt;"); break;
      case '>': out.put("&gt;"); break;
      case '"': out.put("&quot;"); break;
      case '\n': out.put("&#10;"); break;
      case '\r': out.put("&#13;"); break;
      case '\t': out.put("&#9;"); break;
      default: out.put("\xEF\xBF\xBD");
    }
  }
  out.put(s.substr(run));
}

void xml_joined(Out& out, std::span<const std::string_view> v, std::string_view sep) {
  for (std::size_t i = 0; i < v.size(); ++i) {
    if (i) xml(out, sep);
    xml(out, v[i]);
  }
}

// ` name="value"`; the value's pieces are escaped as they go.
void attr(Out& out, std::string_view name, std::string_view value) {
  out.put(' ');
  out.put(name);
  out.put("=\"");
  xml(out, value);
  out.put('"');
}
void attr(Out& out, std::string_view name, std::uint64_t value) {
  out.put(' ');
  out.put(name);
  out.put("=\"");
  out.number(value);
  out.put('"');
}

// The failure's text. Its labels are written escaped already (a newline is "&#10;").
void details(Out& out, const Context& c, const Row& r) {
  const policy::Finding& f = *r.finding;
  out.put("Vulnerability: ");
  xml(out, r.id);
  if (!r.aliases.empty()) {
    out.put(" (");
    xml_joined(out, r.aliases, ", ");
    out.put(')');
  }
  out.put("&#10;Severity: ");
  out.put(policy::severity_name(f.severity));
  out.put(" (");
  xml(out, r.basis);
  out.put(")&#10;Package: ");
  xml(out, r.package);
  out.put("&#10;Fixed version: ");
  xml(out, r.fixed);
  auto line = [&](std::string_view label, std::string_view value) {
    if (value.empty()) return;
    out.put(label);
    xml(out, value);
  };
  if (!r.path.empty()) {
    out.put("&#10;Path: /");
    xml(out, r.path);
  }
  line("&#10;Layer: ", r.layer);
  line("&#10;Image: ", c.image);
  line("&#10;KEV: ", r.kev);
  line("&#10;EPSS: ", r.epss);
  line("&#10;", r.title);
  for (const auto& u : r.links) {
    out.put("&#10;");
    xml(out, u);
  }
}

}  // namespace

void write_junit(const Context& c, Out& out) {
  const std::string stamp = iso_time(c.options->time);
  const std::string host = c.image.empty() ? c.options->tool : c.image;
  const std::string index = policy::index_words(*c.judged);
  out.put("<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n<testsuites>\n");
  std::uint64_t id = 0;
  for (Severity s : kOrder) {
    std::size_t tests = 0, failures = 0, skipped = 0;
    for (const auto& r : c.rows) {
      if (r.finding->severity != s) continue;
      ++tests;
      failures += r.status == Status::kViolation;
      skipped += r.status == Status::kSuppressed;
    }
    if (tests == 0) continue;
    out.put("  <testsuite");
    attr(out, "name", std::string(policy::severity_name(s)) + " findings");
    attr(out, "package", c.options->tool);
    attr(out, "id", id++);
    attr(out, "timestamp", stamp);
    attr(out, "hostname", host);
    attr(out, "tests", tests);
    attr(out, "failures", failures);
    attr(out, "errors", "0");
    attr(out, "skipped", skipped);
    attr(out, "time", "0");
    out.put(">\n    <properties>\n");
    auto prop = [&](std::string_view name, std::string_view value) {
      if (value.empty()) return;
      out.put("      <property");
      attr(out, "name", name);
      attr(out, "value", value);
      out.put("/>\n");
    };
    prop("image", c.image);
    prop("operating_system", c.os);
    prop("severity", policy::severity_lower(s));
    prop("index", index);  // "sha256:… built …, N days old"
    if (c.judged->index) {
      prop("index_digest", c.judged->index->digest);
      for (const auto& source : c.judged->index->sources) prop("index_source", source);  // "sha256:… path"
    }
    out.put("    </properties>\n");
    for (const auto& r : c.rows) {
      const policy::Finding& f = *r.finding;
      if (f.severity != s) continue;
      out.put("    <testcase name=\"");
      xml(out, r.id);
      out.put(" in ");
      xml(out, r.package);
      out.put('"');
      attr(out, "classname", r.purl.empty() ? std::string_view("-") : r.purl);
      attr(out, "time", "0");
      if (r.status == Status::kViolation) {
        out.put(">\n      <failure message=\"");
        xml(out, r.id);
        out.put(" breaks ");
        xml_joined(out, r.rules, ", ");
        out.put("\" type=\"policy\">");
        details(out, c, r);
        out.put("</failure>\n    </testcase>\n");
      } else if (r.status == Status::kSuppressed) {
        out.put(">\n      <skipped");
        attr(out, "message", suppression_text(r));
        out.put("/>\n    </testcase>\n");
      } else {
        out.put("/>\n");  // passed (the Ant schema allows nothing else in a passed testcase)
      }
    }
    out.put("    <system-out></system-out>\n    <system-err></system-err>\n  </testsuite>\n");
  }
  out.put("</testsuites>\n");
}

}  // namespace sbom::report::detail
