// JUnit XML for CI test tabs (Jenkins, GitLab, GitHub test reporters): one testsuite per
// severity, one testcase per finding.
//
// Suites are per severity, not per component: the policy judges by severity, so a failing suite
// is the band the policy rejects and the test tab reads like the gate's verdict; an image has
// hundreds of components, which as suites would bury the few that matter. The output satisfies
// both the Ant schema (properties, system-out and system-err in every suite, no attributes on
// <testsuites>) and Jenkins' Surefire schema.
#include "report/rows.h"

namespace sbom::report::detail {

namespace {

using policy::Severity;

constexpr Severity kOrder[] = {Severity::Critical, Severity::High, Severity::Medium,
                               Severity::Low,      Severity::None, Severity::Unknown};

// Text for an attribute or element: markup escaped, and the control characters XML 1.0 cannot
// carry at all (everything below 0x20 but tab, newline and return) written as U+FFFD.
void xml(std::string& out, std::string_view s) {
  for (char ch : s) {
    auto u = static_cast<unsigned char>(ch);
    switch (ch) {
      case '&': out += "&amp;"; break;
      case '<': out += "&lt;"; break;
      case '>': out += "&gt;"; break;
      case '"': out += "&quot;"; break;
      case '\n': out += "&#10;"; break;
      case '\r': out += "&#13;"; break;
      case '\t': out += "&#9;"; break;
      default:
        if (u < 0x20) out += "\xEF\xBF\xBD";
        else out += ch;
    }
  }
}

void attr(std::string& out, std::string_view name, std::string_view value) {
  out += ' ';
  out += name;
  out += "=\"";
  xml(out, value);
  out += '"';
}

std::string details(const Context& c, const Row& r) {
  const policy::Finding& f = *r.finding;
  std::string d = "Vulnerability: " + r.id;
  if (!f.aliases.empty()) d += " (" + join(f.aliases, ", ") + ")";
  d += "\nSeverity: " + std::string(policy::severity_name(f.severity)) + " (" + f.severity_basis + ")";
  d += "\nPackage: " + package_text(r);
  d += "\nFixed version: " + fixed_text(f);
  if (!r.path.empty()) d += "\nPath: /" + r.path;
  if (!r.layer.empty()) d += "\nLayer: " + r.layer;
  if (!c.image.empty()) d += "\nImage: " + c.image;
  if (!r.kev.empty()) d += "\nKEV: " + r.kev;
  if (!r.epss.empty()) d += "\nEPSS: " + r.epss;
  std::string t = title(*r.vuln);
  if (!t.empty()) d += "\n" + t;
  for (const auto& u : links(*r.vuln)) d += "\n" + u;
  return d;
}

}  // namespace

void write_junit(const Context& c, std::string& out, const json::Sink& sink) {
  const std::string stamp = iso_time(c.options->time);
  const std::string host = c.image.empty() ? c.options->tool : c.image;
  out += "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n<testsuites>\n";
  int id = 0;
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
    out += "    </properties>\n";
    for (const auto& r : c.rows) {
      const policy::Finding& f = *r.finding;
      if (f.severity != s) continue;
      out += "    <testcase";
      attr(out, "name", r.id + " in " + package_text(r));
      attr(out, "classname", f.package.empty() ? std::string("-") : f.package);
      attr(out, "time", "0");
      if (r.status == Status::kViolation) {
        out += ">\n      <failure";
        attr(out, "message", r.id + " breaks " + join(f.broken, ", "));
        attr(out, "type", "policy");
        out += '>';
        xml(out, details(c, r));
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
