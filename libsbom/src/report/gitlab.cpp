// GitLab's container-scanning report (security report schema 15.0.7, the 15.x line GitLab
// reads today): one vulnerability per finding, with image, OS, solution, identifiers and links.
//
// Suppressed findings are left out: the format has no suppression, and listing an accepted
// risk would reopen it in GitLab's vulnerability report.
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

// The fingerprint shaped as a UUID (GitLab keys vulnerabilities by an id of that form).
std::string uuid_of(const std::string& hex) {
  return hex.substr(0, 8) + "-" + hex.substr(8, 4) + "-" + hex.substr(12, 4) + "-" + hex.substr(16, 4) + "-" +
         hex.substr(20, 12);
}

void identifier(json::Emitter& e, const std::string& id) {
  std::string type;
  std::string url;
  if (id.rfind("CVE-", 0) == 0) {
    type = "cve";
    url = "https://nvd.nist.gov/vuln/detail/" + id;
  } else if (id.rfind("GHSA-", 0) == 0) {
    type = "ghsa";
    url = "https://github.com/advisories/" + id;
  } else {
    auto dash = id.find('-');
    type = dash == std::string::npos || dash == 0 ? "advisory" : id.substr(0, dash);
    for (auto& ch : type) ch = static_cast<char>(std::tolower(static_cast<unsigned char>(ch)));
    url = "https://osv.dev/vulnerability/" + uri_escape(id);  // OSV carries the other databases' ids
  }
  e.begin_object();
  e.member("type", type);
  e.member("name", id);
  e.member("value", id);
  e.member("url", url);
  e.end_object();
}

void scanner(json::Emitter& e, std::string_view key, const Options& o, bool is_analyzer) {
  e.key(key);
  e.begin_object();
  e.member("id", is_analyzer ? std::string("sbomkit") : o.tool);
  e.member("name", is_analyzer ? std::string("sbomkit") : o.tool);
  e.key("vendor");
  e.begin_object();
  e.member("name", "sbomkit");
  e.end_object();
  e.member("version", o.tool_version.empty() ? std::string("unknown") : o.tool_version);
  e.end_object();
}

}  // namespace

void write_gitlab(const Context& c, std::string& out, const json::Sink& sink) {
  json::Emitter e(out, kReportIndent);
  e.stream_to(sink);
  e.begin_object();
  e.member("version", "15.0.7");
  e.key("vulnerabilities");
  e.begin_array();
  for (const auto& r : c.rows) {
    if (r.status == Status::kSuppressed) continue;
    const policy::Finding& f = *r.finding;
    e.begin_object();
    e.member("id", uuid_of(r.fingerprint));
    std::string name = r.id + " in " + (r.component && !r.component->name.empty() ? r.component->name : f.package);
    e.member("name", name);
    std::string desc = r.vuln->description.empty() ? name : r.vuln->description;
    if (!f.broken.empty()) desc += "\n\nBreaks the policy: " + join(f.broken, ", ");
    e.member("description", desc);
    e.member("severity", gitlab_severity(f.severity));
    std::string fix = solution(r);
    e.member("solution", fix.empty() ? "No fixed version is known yet" : fix);
    e.key("location");
    e.begin_object();
    e.key("dependency");
    e.begin_object();
    e.key("package");
    e.begin_object();
    e.member("name", r.component && !r.component->name.empty() ? r.component->name : (f.package.empty() ? "-" : f.package));
    e.end_object();
    e.member("version", f.installed.empty() ? std::string("unknown") : f.installed);
    e.end_object();
    e.member("operating_system", c.os.empty() ? std::string("unknown") : c.os);
    e.member("image", c.image.empty() ? std::string("unknown") : c.image);
    e.end_object();
    e.key("identifiers");
    e.begin_array();
    identifier(e, r.id);
    for (const auto& a : f.aliases) identifier(e, a);
    e.end_array();
    auto urls = links(*r.vuln);
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
  e.end_object();
  e.end_object();
  out += '\n';
  e.flush();
}

}  // namespace sbom::report::detail
