// GitLab's container-scanning report (security report schema 15.0.7, the 15.x line GitLab
// reads today): one vulnerability per finding, with image, OS, solution, identifiers and links.
//
// Suppressed findings are left out: the format has no suppression, and listing an accepted
// risk would reopen it in GitLab's vulnerability report.
#include <algorithm>
#include <utility>

#include "report/rows.h"

namespace sbom::report::detail {

namespace {

using policy::Severity;

std::string_view gitlab_severity(Severity s) {
  switch (s) {
    case Severity::Critical: return "Critical";
    case Severity::High: return "High";
    case Severity::Medium: return "Medium";
    case Severity::Low: return "Low";
    case Severity::None: return "Info";
    case Severity::Unknown: return "Unknown";
  }
  return "Unknown";
}

// The fingerprint shaped as a UUID (GitLab keys vulnerabilities by an id of that form), as the
// pieces of a string.
void uuid_of(JsonOut& e, std::string_view hex) {
  for (auto [at, n] : {std::pair<std::size_t, std::size_t>{0, 8}, {8, 4}, {12, 4}, {16, 4}, {20, 12}}) {
    if (at > 0) e.lit("-");
    e.text(hex.substr(std::min(at, hex.size()), n));
  }
}

void identifier(JsonOut& e, std::string_view id) {
  e.begin_object();
  e.key("type");
  e.begin_string();
  std::string_view url;
  if (id.starts_with("CVE-")) {
    e.lit("cve");
    url = "https://nvd.nist.gov/vuln/detail/";
  } else if (id.starts_with("GHSA-")) {
    e.lit("ghsa");
    url = "https://github.com/advisories/";
  } else {
    auto dash = id.find('-');
    if (dash == std::string_view::npos || dash == 0) {
      e.lit("advisory");
    } else {
      std::string type(id.substr(0, dash));
      for (auto& ch : type) ch = static_cast<char>(std::tolower(static_cast<unsigned char>(ch)));
      e.text(type);
    }
  }
  e.end_string();
  e.member("name", id);
  e.member("value", id);
  e.key("url");
  e.begin_string();
  if (!url.empty()) {
    e.text(url);
    e.text(id);
  } else {
    e.lit("https://osv.dev/vulnerability/");
    uri_escape(id, [&](std::string_view piece) { e.text(piece); });  // OSV carries the other databases' ids
  }
  e.end_string();
  e.end_object();
}

void scanner(JsonOut& e, const Key& key, const Options& o, bool is_analyzer) {
  e.key(key);
  e.begin_object();
  e.member("id", is_analyzer ? std::string_view("sbomkit") : std::string_view(o.tool));
  e.member("name", is_analyzer ? std::string_view("sbomkit") : std::string_view(o.tool));
  e.key("vendor");
  e.begin_object();
  e.member("name", "sbomkit");
  e.end_object();
  e.member("version", o.tool_version.empty() ? std::string_view("unknown") : std::string_view(o.tool_version));
  e.end_object();
}

}  // namespace

void write_gitlab(const Context& c, Out& out) {
  JsonOut e(out);
  e.begin_object();
  e.member("version", "15.0.7");
  e.key("vulnerabilities");
  e.begin_array();
  for (const auto& r : c.rows) {
    if (r.status == Status::kSuppressed) continue;
    const policy::Finding& f = *r.finding;
    const std::string_view package = r.name;
    e.begin_object();
    e.key("id");
    e.begin_string();
    uuid_of(e, r.fingerprint);
    e.end_string();
    e.key("name");
    e.begin_string();
    e.text(r.id);
    e.lit(" in ");
    e.text(package);
    e.end_string();
    e.key("description");
    e.begin_string();
    if (r.description.empty()) {
      e.text(r.id);
      e.lit(" in ");
      e.text(package);
    } else {
      e.text(r.description);
    }
    if (!r.rules.empty()) {
      e.lit("\n\nBreaks the policy: ");
      e.joined(r.rules, ", ");
    }
    e.end_string();
    e.member("severity", gitlab_severity(f.severity));
    if (r.fixed_versions.empty()) {
      e.member("solution", "No fixed version is known yet");
    } else {
      e.key("solution");
      e.begin_string();
      e.lit("Upgrade ");
      e.text(package);
      e.lit(" to ");
      e.joined(r.fixed_versions, " or ");
      e.end_string();
    }
    e.key("location");
    e.begin_object();
    e.key("dependency");
    e.begin_object();
    e.key("package");
    e.begin_object();
    e.member("name", package.empty() ? std::string_view("-") : package);
    e.end_object();
    e.member("version", r.installed.empty() ? std::string_view("unknown") : r.installed);
    e.end_object();
    e.member("operating_system", c.os.empty() ? std::string_view("unknown") : std::string_view(c.os));
    e.member("image", c.image.empty() ? std::string_view("unknown") : std::string_view(c.image));
    e.end_object();
    e.key("identifiers");
    e.begin_array();
    identifier(e, r.id);
    for (std::string_view a : r.aliases) identifier(e, a);
    e.end_array();
    const auto& urls = r.links;
    if (!urls.empty()) {
      e.key("links");
      e.begin_array();
      for (const auto& u : urls) {
        e.begin_object();
        e.member("url", u);
        e.end_object();
      }
      e.end_array();
    }
    e.end_object();
  }
  e.end_array();
  e.key("scan");
  e.begin_object();
  scanner(e, "analyzer", *c.options, true);
  scanner(e, "scanner", *c.options, false);
  std::string t = iso_time(c.options->time);
  e.member("start_time", t);
  e.member("end_time", t);
  e.member("status", "success");
  e.member("type", "container_scanning");
  if (std::string index = policy::index_line(*c.judged); !index.empty()) {
    // The schema has no member for the data a scanner used: a message (shown with the scan in
    // GitLab's security tab) names it, a warning when it is stale.
    e.key("messages");
    e.begin_array();
    e.begin_object();
    e.member("level", policy::index_stale(*c.judged) ? "warn" : "info");
    e.member("value", index);
    e.end_object();
    e.end_array();
  }
  e.end_object();
  e.end_object();
  out.put('\n');
}

}  // namespace sbom::report::detail
