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

void text_object(JsonOut& e, const Key& key, std::string_view text) {
  e.key(key);
  e.begin_object();
  e.key("text");
  e.string(text);
  e.end_object();
}

// The words around a rule's help, in plain text and in Markdown; the description is the rule's
// fullDescription and not repeated here.
struct HelpWords {
  Literal head, after_id, after_severity, after_basis, after_fixed, aliases, after_aliases, references, before_link,
      after_link;
};
constexpr HelpWords kPlainHelp = {"Vulnerability ", "\nSeverity: ", " (", ")\nFixed version: ", "", "\nAliases: ", "",
                                  "\n\nReferences:", "\n", ""};
constexpr HelpWords kMarkdownHelp = {"**", "** (", ", ", ")\n\nFixed version: ", "\n", "\nAliases: ", "\n",
                                     "\nReferences:\n\n", "- <", ">\n"};

void help_text(JsonOut& e, const Row& r, const HelpWords& w) {
  const policy::Finding& f = *r.finding;
  e.begin_string();
  e.lit(w.head);
  e.text(r.id);
  e.lit(w.after_id);
  e.text(policy::severity_name(f.severity));
  e.lit(w.after_severity);
  e.text(r.basis);
  e.lit(w.after_basis);
  e.text(r.fixed);
  e.lit(w.after_fixed);
  if (!r.aliases.empty()) {
    e.lit(w.aliases);
    e.joined(r.aliases, ", ");
    e.lit(w.after_aliases);
  }
  if (!r.links.empty()) {
    e.lit(w.references);
    for (const auto& u : r.links) {
      e.lit(w.before_link);
      e.text(u);
      e.lit(w.after_link);
    }
  }
  e.end_string();
}

void write_rule(JsonOut& e, const Row& r) {
  const policy::Finding& f = *r.finding;
  const auto& urls = r.links;
  e.begin_object();
  e.member("id", r.id);
  e.member("name", "PackageVulnerability");
  // The texts go out piece by piece, escaped as they go (none is made whole first).
  e.key("shortDescription");
  e.begin_object();
  e.key("text");
  e.begin_string();
  e.text(r.id);
  if (!r.title.empty()) {
    e.lit(": ");
    e.text(r.title);
  }
  e.end_string();
  e.end_object();
  if (!r.description.empty()) text_object(e, "fullDescription", r.description);
  if (!urls.empty()) e.member("helpUri", urls.front());
  e.key("help");
  e.begin_object();
  e.key("text");
  help_text(e, r, kPlainHelp);
  e.key("markdown");
  help_text(e, r, kMarkdownHelp);
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

void write_result(JsonOut& e, const Context& c, const Row& r, std::size_t rule_index) {
  const policy::Finding& f = *r.finding;
  e.begin_object();
  e.member("ruleId", r.id);
  e.key("ruleIndex");
  e.number(rule_index);
  e.member("level", level_of(f.severity));
  e.key("message");
  e.begin_object();
  e.key("text");
  e.begin_string();
  e.text(r.id);
  e.lit(" (");
  e.text(policy::severity_name(f.severity));
  e.lit(") in ");
  e.text(r.package);
  e.lit("; fixed in: ");
  e.text(r.fixed);
  if (!r.rules.empty()) {
    e.lit("; breaks ");
    e.joined(r.rules, ", ");
  }
  if (!c.image.empty()) {
    e.lit("; image ");
    e.text(c.image);
  }
  if (!r.layer.empty()) {
    e.lit("; layer ");
    e.text(r.layer);
  }
  e.end_string();
  e.end_object();
  // Code scanning wants a file for every alert. A container finding's file is where the package
  // was found in the image (the dpkg status file, the jar, the lockfile), else the image itself.
  const std::string_view where = !r.path.empty() ? r.path : !c.image.empty() ? std::string_view(c.image) : r.purl;
  e.key("locations");
  e.begin_array();
  e.begin_object();
  e.key("physicalLocation");
  e.begin_object();
  e.key("artifactLocation");
  e.begin_object();
  e.key("uri");
  e.begin_string();  // a URI reference needs no JSON escaping
  uri_escape(where.empty() ? std::string_view("sbom") : where, [&](std::string_view piece) { e.out().put(piece); });
  e.end_string();
  e.end_object();
  // The whole file: a package has no line of its own (a one-character region, as code
  // scanning wants one).
  e.key("region");
  e.raw(R"({"startLine":1,"startColumn":1,"endLine":1,"endColumn":1})");
  e.end_object();
  if (!r.purl.empty()) {
    e.key("logicalLocations");
    e.begin_array();
    e.begin_object();
    e.member("name", r.purl);
    e.key("fullyQualifiedName");
    e.begin_string();
    if (!c.image.empty()) {
      e.text(c.image);
      e.lit("/");
    }
    e.text(r.purl);
    if (!r.installed.empty()) {
      e.lit("@");
      e.text(r.installed);
    }
    e.end_string();
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
  e.member("severityBasis", r.basis);
  if (!r.rules.empty()) {
    e.key("policyRules");
    e.begin_array();
    for (std::string_view x : r.rules) e.string(x);
    e.end_array();
  }
  e.member("layer", r.layer);
  e.member("kev", r.kev);
  e.member("epss", r.epss);
  e.end_object();
  e.end_object();
}

}  // namespace

void write_sarif(const Context& c, Out& out) {
  JsonOut e(out);
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
  for (const Row* r : rules) write_rule(e, *r);
  e.end_array();
  e.end_object();
  e.end_object();
  e.key("results");
  e.begin_array();
  for (std::size_t i = 0; i < c.rows.size(); ++i) write_result(e, c, c.rows[i], rule_index[i]);
  e.end_array();
  e.key("properties");
  e.begin_object();
  e.member("image", c.image);
  e.member("operatingSystem", c.os);
  e.member("verdict", c.judged->violated() ? "fail" : "pass");
  if (c.judged->index) {  // the vulnerability index the findings come from (sbom-match's record)
    e.key("index");
    e.raw(json::write(policy::index_object(*c.judged), {.indent = 0, .sort_keys = false}));
  }
  e.end_object();
  e.end_object();
  e.end_array();
  e.end_object();
  out.put('\n');
}

}  // namespace sbom::report::detail
