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

void text_object(json::Emitter& e, std::string_view key, std::string_view text) {
  e.key(key);
  e.begin_object();
  e.key("text");
  e.string(text);
  e.end_object();
}

// Texts made per rule and per result, in buffers kept across them (no string made and freed per
// finding).
struct Scratch {
  std::string a, b;
};

void write_rule(json::Emitter& e, const Row& r, Scratch& s) {
  const Vulnerability& v = *r.vuln;
  const policy::Finding& f = *r.finding;
  const auto& urls = r.links;
  const std::string_view severity = policy::severity_name(f.severity);
  e.begin_object();
  e.member("id", r.id);
  e.member("name", "PackageVulnerability");
  s.a = r.id;
  if (!r.title.empty()) {
    s.a += ": ";
    s.a += r.title;
  }
  text_object(e, "shortDescription", s.a);
  if (!v.description.empty()) text_object(e, "fullDescription", v.description);
  if (!urls.empty()) e.member("helpUri", urls.front());
  std::string& help = s.a;
  std::string& md = s.b;
  help = "Vulnerability ";
  help += r.id;
  help += "\nSeverity: ";
  help += severity;
  help += " (";
  help += f.severity_basis;
  help += ")\nFixed version: ";
  help += r.fixed;
  md = "**";
  md += r.id;
  md += "** (";
  md += severity;
  md += ", ";
  md += f.severity_basis;
  md += ")\n\nFixed version: ";
  md += r.fixed;
  md += '\n';
  if (!f.aliases.empty()) {
    help += "\nAliases: ";
    append_joined(help, f.aliases, ", ");
    md += "\nAliases: ";
    append_joined(md, f.aliases, ", ");
    md += '\n';
  }
  // The description is the rule's fullDescription: not repeated here.
  if (!urls.empty()) {
    help += "\n\nReferences:";
    md += "\nReferences:\n\n";
    for (const auto& u : urls) {
      help += '\n';
      help += u;
      md += "- <";
      md += u;
      md += ">\n";
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

void write_result(json::Emitter& e, const Context& c, const Row& r, std::size_t rule_index, Scratch& s) {
  const policy::Finding& f = *r.finding;
  e.begin_object();
  e.member("ruleId", r.id);
  e.key("ruleIndex");
  e.number(json::Number::from(static_cast<std::int64_t>(rule_index)));
  e.member("level", level_of(f.severity));
  std::string& msg = s.a;
  msg = r.id;
  msg += " (";
  msg += policy::severity_name(f.severity);
  msg += ") in ";
  msg += r.package;
  msg += "; fixed in: ";
  msg += r.fixed;
  if (!f.broken.empty()) {
    msg += "; breaks ";
    append_joined(msg, f.broken, ", ");
  }
  if (!c.image.empty()) {
    msg += "; image ";
    msg += c.image;
  }
  if (!r.layer.empty()) {
    msg += "; layer ";
    msg += r.layer;
  }
  text_object(e, "message", msg);
  // Code scanning wants a file for every alert. A container finding's file is where the package
  // was found in the image (the dpkg status file, the jar, the lockfile), else the image itself.
  const std::string_view where = !r.path.empty() ? r.path : !c.image.empty() ? std::string_view(c.image) : std::string_view(f.package);
  e.key("locations");
  e.begin_array();
  e.begin_object();
  e.key("physicalLocation");
  e.begin_object();
  e.key("artifactLocation");
  e.begin_object();
  e.member("uri", uri_escape(where.empty() ? std::string_view("sbom") : std::string_view(where)));
  e.end_object();
  e.key("region");
  e.begin_object();
  // The whole file: a package has no line of its own (a one-character region, as code
  // scanning wants one).
  static const json::Number kOne = json::Number::from(std::int64_t{1});
  for (const char* k : {"startLine", "startColumn", "endLine", "endColumn"}) {
    e.key(k);
    e.number(kOne);
  }
  e.end_object();
  e.end_object();
  if (!f.package.empty()) {
    e.key("logicalLocations");
    e.begin_array();
    e.begin_object();
    e.member("name", f.package);
    std::string& fq = s.b;
    fq.clear();
    if (!c.image.empty()) {
      fq += c.image;
      fq += '/';
    }
    fq += f.package;
    if (!f.installed.empty()) {
      fq += '@';
      fq += f.installed;
    }
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
  e.member("status", r.status_words);
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
  rule_of.reserve(c.rows.size());
  std::vector<const Row*> rules;
  std::vector<std::size_t> rule_index;  // per row
  rule_index.reserve(c.rows.size());
  for (const auto& r : c.rows) {
    auto [it, fresh] = rule_of.emplace(r.id, rules.size());
    if (fresh) rules.push_back(&r);
    rule_index.push_back(it->second);
  }

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
  Scratch scratch;
  for (const Row* r : rules) write_rule(e, *r, scratch);
  e.end_array();
  e.end_object();
  e.end_object();
  e.key("results");
  e.begin_array();
  for (std::size_t i = 0; i < c.rows.size(); ++i) write_result(e, c, c.rows[i], rule_index[i], scratch);
  e.end_array();
  e.key("properties");
  e.begin_object();
  e.member("image", c.image);
  e.member("operatingSystem", c.os);
  e.member("verdict", c.judged->violated() ? "fail" : "pass");
  if (c.judged->index) {  // the vulnerability index the findings come from (sbom-match's record)
    e.key("index");
    e.value(policy::index_object(*c.judged));
  }
  e.end_object();
  e.end_object();
  e.end_array();
  e.end_object();
  out += '\n';
  e.flush();
}

}  // namespace sbom::report::detail
