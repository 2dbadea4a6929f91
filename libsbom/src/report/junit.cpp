// JUnit XML for CI test tabs (Jenkins, GitLab, GitHub test reporters): one testsuite per
// severity, one testcase per finding.
//
// Suites are per severity, not per component: the policy judges by severity, so a failing suite
// is the band the policy rejects and the test tab reads like the gate's verdict; an image has
// hundreds of components, which as suites would bury the few that matter. The output satisfies
// both the Ant schema (properties, system-out and system-err in every suite, no attributes on
// <testsuites>) and Jenkins' Surefire schema.
#include <array>

#include "report/rows.h"

namespace sbom::report::detail {

namespace {

using policy::Severity;

constexpr Severity kOrder[] = {Severity::Critical, Severity::High, Severity::Medium,
                               Severity::Low,      Severity::None, Severity::Unknown};

// Text for an attribute or element: markup escaped, and the control characters XML 1.0 cannot
// carry at all (everything below 0x20 but tab, newline and return) written as U+FFFD.
void xml(std::string& out, std::string_view s) {
  // Runs of bytes that need nothing are appended whole: this sees every byte of the report.
  static constexpr std::array<bool, 256> kSpecial = [] {
    std::array<bool, 256> t{};
    for (int ch = 0; ch < 0x20; ++ch) t[static_cast<std::size_t>(ch)] = true;
    t['&'] = t['<'] = t['>'] = t['"'] = true;
    return t;
  }();
  std::size_t run = 0;
  for (std::size_t i = 0; i < s.size(); ++i) {
    const char ch = s[i];
    if (!kSpecial[static_cast<unsigned char>(ch)]) continue;
    out.append(s.data() + run, i - run);
    run = i + 1;
    switch (ch) {
      case '&': out += "&amp;"; break;
      case '<': out += "&lt;"; break;
      case '>': out += "&gt;"; break;
      case '"': out += "&quot;"; break;
      case '\n': out += "&#10;"; break;
      case '\r': out += "&#13;"; break;
      case '\t': out += "&#9;"; break;
      default: out += "\xEF\xBF\xBD";
    }
  }
  out.append(s.data() + run, s.size() - run);
}

void attr(std::string& out, std::string_view name, std::string_view value) {
  out += ' ';
  out += name;
  out += "=\"";
  xml(out, value);
  out += '"';
}

void details(const Context& c, const Row& r, std::string& d) {
  const policy::Finding& f = *r.finding;
  d = "Vulnerability: ";
  d += r.id;
  if (!f.aliases.empty()) {
    d += " (";
    append_joined(d, f.aliases, ", ");
    d += ')';
  }
  d += "\nSeverity: ";
  d += policy::severity_name(f.severity);
  d += " (";
  d += f.severity_basis;
  d += ")\nPackage: ";
  d += r.package;
  d += "\nFixed version: ";
  d += r.fixed;
  auto line = [&](std::string_view label, std::string_view value) {
    if (value.empty()) return;
    d += label;
    d += value;
  };
  if (!r.path.empty()) {
    d += "\nPath: /";
    d += r.path;
  }
  line("\nLayer: ", r.layer);
  line("\nImage: ", c.image);
  line("\nKEV: ", r.kev);
  line("\nEPSS: ", r.epss);
  line("\n", r.title);
  for (const auto& u : r.links) {
    d += '\n';
    d += u;
  }
}

}  // namespace

void write_junit(const Context& c, std::string& out, const json::Sink& sink) {
  const std::string stamp = iso_time(c.options->time);
  const std::string host = c.image.empty() ? c.options->tool : c.image;
  const std::string index = policy::index_words(*c.judged);
  out += "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n<testsuites>\n";
  int id = 0;
  std::string text;  // per testcase, kept across them
  for (Severity s : kOrder) {
    std::size_t tests = 0, failures = 0, skipped = 0;
    for (const auto& r : c.rows) {
      if (r.finding->severity != s) continue;
      ++tests;
      failures += r.status == Status::kViolation;
      skipped += r.status == Status::kSuppressed;
    }
    if (tests == 0) continue;
    out += "  <testsuite";
    attr(out, "name", std::string(policy::severity_name(s)) + " findings");
    attr(out, "package", c.options->tool);
    attr(out, "id", std::to_string(id++));
    attr(out, "timestamp", stamp);
    attr(out, "hostname", host);
    attr(out, "tests", std::to_string(tests));
    attr(out, "failures", std::to_string(failures));
    attr(out, "errors", "0");
    attr(out, "skipped", std::to_string(skipped));
    attr(out, "time", "0");
    out += ">\n    <properties>\n";
    auto prop = [&](std::string_view name, const std::string& value) {
      if (value.empty()) return;
      out += "      <property";
      attr(out, "name", name);
      attr(out, "value", value);
      out += "/>\n";
    };
    prop("image", c.image);
    prop("operating_system", c.os);
    prop("severity", std::string(policy::severity_lower(s)));
    prop("index", index);  // "sha256:… built …, N days old"
    if (c.judged->index) {
      prop("index_digest", c.judged->index->digest);
      for (const auto& source : c.judged->index->sources) prop("index_source", source);  // "sha256:… path"
    }
    out += "    </properties>\n";
    for (const auto& r : c.rows) {
      const policy::Finding& f = *r.finding;
      if (f.severity != s) continue;
      out += "    <testcase";
      text = r.id;
      text += " in ";
      text += r.package;
      attr(out, "name", text);
      attr(out, "classname", f.package.empty() ? std::string_view("-") : std::string_view(f.package));
      attr(out, "time", "0");
      if (r.status == Status::kViolation) {
        out += ">\n      <failure";
        text = r.id;
        text += " breaks ";
        append_joined(text, f.broken, ", ");
        attr(out, "message", text);
        attr(out, "type", "policy");
        out += '>';
        details(c, r, text);
        xml(out, text);
        out += "</failure>\n    </testcase>\n";
      } else if (r.status == Status::kSuppressed) {
        out += ">\n      <skipped";
        attr(out, "message", suppression_text(r));
        out += "/>\n    </testcase>\n";
      } else {
        out += "/>\n";  // passed (the Ant schema allows nothing else in a passed testcase)
      }
      spill(out, sink);
    }
    out += "    <system-out></system-out>\n    <system-err></system-err>\n  </testsuite>\n";
  }
  out += "</testsuites>\n";
}

}  // namespace sbom::report::detail
