// SARIF 2.1.0 for code scanning (GitHub and others): one rule per vulnerability, one result per
// affected component, fingerprints that survive new runs and new releases.
#include <unordered_map>

#include "report/rows.h"

namespace sbom::report::detail {

namespace {

using policy::Severity;

std::string_view level_of(Severity s) {
  switch (s) {
    case Severity::Critical:
    case Severity::High: return "error";
    case Severity::Medium: return "warning";
    default: return "note";
  }
}

// GitHub reads `security-severity` as a CVSS-like score and bands it (>= 9.0 critical, 7.0 high,
// 4.0 medium, 0.1 low). The gate's severity may come from a vendor rating rather than a score,
// so each band's middle is written: the band GitHub shows is the one the gate judged.
std::string_view security_severity(Severity s) {
  switch (s) {
    case Severity::Critical: return "9.5";
    case Severity::High: return "8.0";
    case Severity::Medium: return "5.5";
    case Severity::Low: return "2.0";
    default: return "0.0";
  }
}

void text_object(json::Emitter& e, std::string_view key, const std::string& text) {
  e.key(key);
  e.begin_object();
  e.key("text");
  e.string(text);
  e.end_object();
}

void write_rule(json::Emitter& e, const Row& r) {
  const Vulnerability& v = *r.vuln;
  const policy::Finding& f = *r.finding;
  auto urls = links(v);
  std::string head = title(v);
  e.begin_object();
  e.member("id", r.id);
  e.member("name", "PackageVulnerability");
  text_object(e, "shortDescription", head.empty() ? r.id : r.id + ": " + head);
  if (!v.description.empty()) text_object(e, "fullDescription", v.description);
  if (!urls.empty()) e.member("helpUri", urls.front());
  std::string help = "Vulnerability " + r.id + "\nSeverity: " + std::string(policy::severity_name(f.severity)) +
                     " (" + f.severity_basis + ")\nFixed version: " + fixed_text(f);
  std::string md = "**" + r.id + "** (" + std::string(policy::severity_name(f.severity)) + ", " + f.severity_basis +
                   ")\n\nFixed version: " + fixed_text(f) + "\n";
  if (!f.aliases.empty()) {
    help += "\nAliases: " + join(f.aliases, ", ");
    md += "\nAliases: " + join(f.aliases, ", ") + "\n";
  }
  // The description is the rule's fullDescription: not repeated here.
  if (!urls.empty()) {
    help += "\n\nReferences:";
    md += "\nReferences:\n\n";
    for (const auto& u : urls) {
      help += "\n" + u;
      md += "- <" + u + ">\n";
    }
  }
  e.key("help");
  e.begin_object();
  e.member("text", help);
  e.member("markdown", md);
  e.end_object();
  e.key("defaultConfiguration");
  e.begin_object();
  e.member("level", level_of(f.severity));
  e.end_object();
  e.key("properties");
  e.begin_object();
  e.member("security-severity", security_severity(f.severity));
  e.key("tags");
  e.begin_array();
  e.string("security");
  e.string("vulnerability");
  e.string(policy::severity_lower(f.severity));
  e.end_array();
  e.end_object();
  e.end_object();
}

void write_result(json::Emitter& e, const Context& c, const Row& r, std::size_t rule_index) {
  const policy::Finding& f = *r.finding;
  e.begin_object();
  e.member("ruleId", r.id);
  e.key("ruleIndex");
  e.number(json::Number::from(static_cast<std::int64_t>(rule_index)));
  e.member("level", level_of(f.severity));
  std::string msg = r.id + " (" + std::string(policy::severity_name(f.severity)) + ") in " + package_text(r) +
                    "; fixed in: " + fixed_text(f);
  if (!f.broken.empty()) msg += "; breaks " + join(f.broken, ", ");
  if (!c.image.empty()) msg += "; image " + c.image;
  if (!r.layer.empty()) msg += "; layer " + r.layer;
  text_object(e, "message", msg);
  // Code scanning wants a file for every alert. A container finding's file is where the package
  // was found in the image (the dpkg status file, the jar, the lockfile), else the image itself.
  std::string where = !r.path.empty() ? r.path : !c.image.empty() ? c.image : f.package;
  e.key("locations");
  e.begin_array();
  e.begin_object();
  e.key("physicalLocation");
  e.begin_object();
  e.key("artifactLocation");
  e.begin_object();
  e.member("uri", uri_escape(where.empty() ? "sbom" : where));
  e.end_object();
  e.key("region");
  e.begin_object();
  // The whole file: a package has no line of its own (a one-character region, as code
  // scanning wants one).
  for (const char* k : {"startLine", "startColumn", "endLine", "endColumn"}) {
    e.key(k);
    e.number(json::Number::from(std::int64_t{1}));
  }
  e.end_object();
  e.end_object();
  if (!f.package.empty()) {
    e.key("logicalLocations");
    e.begin_array();
    e.begin_object();
    e.member("name", f.package);
    std::string fq = c.image.empty() ? f.package : c.image + "/" + f.package;
    if (!f.installed.empty()) fq += "@" + f.installed;
    e.member("fullyQualifiedName", fq);
    e.member("kind", "module");
    e.end_object();
    e.end_array();
  }
  e.end_object();
  e.end_array();
  e.key("partialFingerprints");
  e.begin_object();
  e.member("sbomkitFinding/v1", r.fingerprint);
  e.end_object();
  if (r.status == Status::kSuppressed) {
    e.key("suppressions");
    e.begin_array();
    e.begin_object();
    e.member("kind", "external");
    e.member("status", "accepted");
    e.member("justification", suppression_text(r));
    e.key("properties");
    e.begin_object();
    e.member("state", f.state);
    e.member("owner", r.owner);
    e.member("expires", r.expires);
    e.member("ticket", r.ticket);
    e.end_object();
    e.end_object();
    e.end_array();
  }
  e.key("properties");
  e.begin_object();
  // Package, versions and fix are in the message and the logical location already.
  e.member("status", status_text(r));
  e.member("severityBasis", f.severity_basis);
  if (!f.broken.empty()) {
    e.key("policyRules");
    e.begin_array();
    for (const auto& x : f.broken) e.string(x);
    e.end_array();
  }
  e.member("layer", r.layer);
  e.member("kev", r.kev);
  e.member("epss", r.epss);
  e.end_object();
  e.end_object();
}

}  // namespace

void write_sarif(const Context& c, std::string& out, const json::Sink& sink) {
  json::Emitter e(out, kReportIndent);
  e.stream_to(sink);
  // The rules: one per vulnerability id, in the order the findings first name them.
  std::unordered_map<std::string_view, std::size_t> rule_of;
  std::vector<const Row*> rules;
  for (const auto& r : c.rows)
    if (rule_of.emplace(r.id, rules.size()).second) rules.push_back(&r);

  e.begin_object();
  e.member("$schema", "https://json.schemastore.org/sarif-2.1.0.json");
  e.member("version", "2.1.0");
  e.key("runs");
  e.begin_array();
  e.begin_object();
  e.key("tool");
  e.begin_object();
  e.key("driver");
  e.begin_object();
  e.member("name", c.options->tool);
  e.member("fullName", c.options->tool + " (sbomkit)");
  e.member("version", c.options->tool_version);
  e.key("rules");
  e.begin_array();
  for (const Row* r : rules) write_rule(e, *r);
  e.end_array();
  e.end_object();
  e.end_object();
  e.key("results");
  e.begin_array();
  for (const auto& r : c.rows) write_result(e, c, r, rule_of.at(r.id));
  e.end_array();
  e.key("properties");
  e.begin_object();
  e.member("image", c.image);
  e.member("operatingSystem", c.os);
  e.member("verdict", c.judged->violated() ? "fail" : "pass");
  e.end_object();
  e.end_object();
  e.end_array();
  e.end_object();
  out += '\n';
  e.flush();
}

}  // namespace sbom::report::detail
