// Report requests, the joining of findings with their vulnerability and component, and the
// dispatch to one writer per format.
#include "sbom/report.h"

#include <openssl/evp.h>

#include <algorithm>
#include <cctype>
#include <ctime>
#include <unordered_map>

#include "report/rows.h"

namespace sbom::report {

namespace {

struct FormatName {
  Format format;
  std::string_view name;
};
constexpr FormatName kFormats[] = {
    {Format::kSarif, "sarif"}, {Format::kJunit, "junit"},       {Format::kGitlab, "gitlab"},
    {Format::kTable, "table"}, {Format::kMarkdown, "markdown"}, {Format::kJson, "json"},
    {Format::kGithub, "github"},
};

bool iequal(std::string_view a, std::string_view b) {
  if (a.size() != b.size()) return false;
  for (std::size_t i = 0; i < a.size(); ++i)
    if (std::tolower(static_cast<unsigned char>(a[i])) != std::tolower(static_cast<unsigned char>(b[i]))) return false;
  return true;
}

// Whether a property name has `part` among its ':'-separated parts, and not `without`
// (case-insensitive; no allocation: it runs on every property of every vulnerability).
bool has_part(std::string_view name, std::string_view part, std::string_view without = {}) {
  bool found = false;
  std::string_view rest = name;
  while (true) {
    auto colon = rest.find(':');
    std::string_view p = rest.substr(0, colon);
    if (iequal(p, part)) found = true;
    if (!without.empty() && iequal(p, without)) return false;
    if (colon == std::string_view::npos) break;
    rest.remove_prefix(colon + 1);
  }
  return found;
}

const Property* find_property(const std::vector<Property>& props, std::initializer_list<std::string_view> names) {
  for (auto n : names)
    for (const auto& p : props)
      if (p.name == n && !p.value.empty()) return &p;
  return nullptr;
}

std::string location_of(const Component& c) {
  if (auto* p = find_property(c.properties, {"sbomkit:path", "aquasecurity:trivy:FilePath", "syft:location:0:path"}))
    return p->value;
  for (const auto& [k, v] : c.extra) {
    if (k != "evidence") continue;
    const json::Value* occ = v.find("occurrences");
    if (!occ || !occ->is_array()) continue;
    for (const auto& item : occ->as_array()) {
      const json::Value* loc = item.find("location");
      if (loc && loc->is_string() && !loc->as_string().empty()) return loc->as_string();
    }
  }
  return {};
}

std::string hex_sha256(std::string_view data) {
  unsigned char md[EVP_MAX_MD_SIZE];
  unsigned int n = 0;
  EVP_Digest(data.data(), data.size(), md, &n, EVP_sha256(), nullptr);
  static constexpr char kHex[] = "0123456789abcdef";
  std::string out;
  out.reserve(n * 2);
  for (unsigned i = 0; i < n; ++i) {
    out += kHex[md[i] >> 4];
    out += kHex[md[i] & 15];
  }
  return out;
}

}  // namespace

std::optional<Format> parse_format(std::string_view s) {
  for (const auto& f : kFormats)
    if (f.name == s) return f.format;
  return std::nullopt;
}

std::string_view format_name(Format f) {
  for (const auto& n : kFormats)
    if (n.format == f) return n.name;
  return "table";
}

Expected<Request> parse_request(std::string_view spec) {
  auto eq = spec.find('=');
  std::string_view name = spec.substr(0, eq);
  auto f = parse_format(name);
  if (!f) {
    std::string known;
    for (const auto& k : kFormats) known += (known.empty() ? "" : ", ") + std::string(k.name);
    return Error("--report: unknown format '" + std::string(name) + "' (expected " + known + ")");
  }
  Request r;
  r.format = *f;
  if (eq != std::string_view::npos) {
    r.file = std::string(spec.substr(eq + 1));
    if (r.file.empty()) return Error("--report " + std::string(name) + "=: empty file name");
  }
  return r;
}

std::string default_file(Format f, std::string_view tool, std::string_view step_summary) {
  std::string t(tool);
  switch (f) {
    case Format::kSarif: return t + ".sarif";
    case Format::kJunit: return t + ".junit.xml";
    case Format::kGitlab: return "gl-container-scanning-report.json";
    case Format::kTable: return t + ".txt";
    case Format::kMarkdown: return t + ".md";
    case Format::kJson: return t + ".report.json";
    case Format::kGithub: return step_summary.empty() ? t + ".summary.md" : std::string(step_summary);
  }
  return t;
}

Expected<std::vector<policy::Severity>> parse_severity_list(std::string_view list) {
  std::vector<policy::Severity> out;
  std::string_view rest = list;
  while (true) {
    auto comma = rest.find(',');
    std::string_view item = rest.substr(0, comma);
    auto s = policy::parse_severity(item);
    if (!s)
      return Error("--report-severity: unknown severity '" + std::string(item) +
                   "' (expected critical, high, medium, low, none or unknown)");
    if (std::find(out.begin(), out.end(), *s) == out.end()) out.push_back(*s);
    if (comma == std::string_view::npos) break;
    rest.remove_prefix(comma + 1);
  }
  return out;
}

std::string fingerprint(const policy::Finding& f, std::string_view path, std::size_t instance) {
  std::string key = f.id;
  key += '\n';
  key += f.package;
  key += '\n';
  key += path;
  if (instance > 0) {
    key += "\n#";
    key += std::to_string(instance);
  }
  return hex_sha256(key);
}

std::string kev_of(const Vulnerability& v) {
  for (const auto& p : v.properties) {
    if (p.value.empty() || !has_part(p.name, "kev")) continue;
    return iequal(p.value, "false") || iequal(p.value, "no") ? "no" : "yes";
  }
  return {};
}

std::string epss_of(const Vulnerability& v) {
  for (const auto& p : v.properties)
    if (has_part(p.name, "epss", "percentile") && !p.value.empty()) return p.value;
  return {};
}

namespace detail {

Context collect(const Document& doc, const policy::Report& judged, const Options& options) {
  Context c;
  c.doc = &doc;
  c.judged = &judged;
  c.options = &options;
  if (doc.metadata.component) {
    const Component& m = *doc.metadata.component;
    c.image = m.name;
    if (!m.version.empty()) c.image += ":" + m.version;
  }
  std::unordered_map<std::string_view, const Component*> by_ref;
  for (const auto& f : judged.findings)
    if (!f.component_ref.empty()) by_ref.emplace(f.component_ref, nullptr);
  doc.for_each_component([&](const Component& comp) {
    if (c.os.empty() && comp.type == "operating-system")
      c.os = comp.version.empty() ? comp.name : comp.name + " " + comp.version;
    if (comp.bom_ref.empty()) return;
    if (auto it = by_ref.find(comp.bom_ref); it != by_ref.end() && !it->second) it->second = &comp;
  });
  static const Vulnerability kNone;
  std::unordered_map<std::string, std::size_t> seen;  // findings per fingerprint key so far
  for (const auto& f : judged.findings) {
    if (!options.severities.empty() &&
        std::find(options.severities.begin(), options.severities.end(), f.severity) == options.severities.end())
      continue;
    Row r;
    r.finding = &f;
    r.id = !f.id.empty() ? f.id : "unnamed-vulnerability-" + std::to_string(f.vulnerability);
    r.vuln = doc.vulnerabilities && f.vulnerability < doc.vulnerabilities->size() ? &(*doc.vulnerabilities)[f.vulnerability] : &kNone;
    if (auto it = by_ref.find(f.component_ref); it != by_ref.end()) r.component = it->second;
    r.status = !f.broken.empty() ? Status::kViolation
               : f.suppressed    ? Status::kSuppressed
               : !f.counted      ? Status::kNotCounted
                                 : Status::kPass;
    if (r.component) {
      r.path = location_of(*r.component);
      while (!r.path.empty() && r.path.front() == '/') r.path.erase(0, 1);
      if (auto* p = find_property(r.component->properties, {"sbomkit:layer:diff_id", "aquasecurity:trivy:LayerDiffID"}))
        r.layer = p->value;
    }
    r.fingerprint = fingerprint(f, r.path, seen[f.id + '\n' + f.package + '\n' + r.path]++);
    r.kev = kev_of(*r.vuln);
    r.epss = epss_of(*r.vuln);
    c.any_kev = c.any_kev || !r.kev.empty();
    c.any_epss = c.any_epss || !r.epss.empty();
    if (f.suppressed) {
      if (auto* p = r.vuln->property("sbomkit:exception:owner")) r.owner = p->value;
      if (auto* p = r.vuln->property("sbomkit:exception:expires")) r.expires = p->value;
      if (auto* p = r.vuln->property("sbomkit:exception:ticket")) r.ticket = p->value;
      if (r.vuln->analysis) {
        r.reason = r.vuln->analysis->detail;
        if (r.reason.empty()) r.reason = r.vuln->analysis->justification;
      }
    }
    c.rows.push_back(std::move(r));
  }
  return c;
}

std::string status_text(const Row& r) {
  switch (r.status) {
    case Status::kViolation: return "violation";
    case Status::kPass: return "pass";
    case Status::kNotCounted:
      return r.finding->hidden_by == "--ignore-wont-fix"              ? "not counted (vendor: " + r.finding->vendor_state + ")"
             : r.finding->hidden_by == "--ignore-vendor-unimportant" ? "not counted (vendor: unimportant)"
                                                                      : "not counted (no fix)";
    case Status::kSuppressed: return "suppressed (" + r.finding->state + ")";
  }
  return "pass";
}

std::string join(const std::vector<std::string>& v, std::string_view sep) {
  std::string out;
  for (std::size_t i = 0; i < v.size(); ++i) {
    if (i) out += sep;
    out += v[i];
  }
  return out;
}

std::string fixed_text(const policy::Finding& f) { return f.fixed.empty() ? "-" : join(f.fixed, ", "); }

std::vector<std::string> links(const Vulnerability& v) {
  std::vector<std::string> out;
  auto add = [&](const std::string& u) {
    if ((u.rfind("https://", 0) == 0 || u.rfind("http://", 0) == 0) && u.find_first_of(" \t\n\"<>") == std::string::npos &&
        std::find(out.begin(), out.end(), u) == out.end())
      out.push_back(u);
  };
  for (const Advisory& a : v.advisories) add(a.url);
  add(v.source_url);
  for (const auto& r : v.references) add(r.source_url);
  return out;
}

std::string title(const Vulnerability& v) {
  std::string_view d = !v.description.empty() ? std::string_view(v.description) : std::string_view(v.detail);
  d = d.substr(0, d.find('\n'));
  if (d.size() > 200) {
    // Cut at a character boundary: a UTF-8 continuation byte never starts the tail.
    std::size_t cut = 200;
    while (cut > 0 && (static_cast<unsigned char>(d[cut]) & 0xC0) == 0x80) --cut;
    return std::string(d.substr(0, cut)) + "...";
  }
  return std::string(d);
}

std::string suppression_text(const Row& r) {
  std::string out = r.reason.empty() ? r.finding->state : r.reason;
  if (!r.owner.empty()) out += "; owner " + r.owner;
  if (!r.expires.empty()) out += "; expires " + r.expires;
  if (!r.ticket.empty()) out += "; ticket " + r.ticket;
  return out;
}

std::string solution(const Row& r) {
  if (r.finding->fixed.empty()) return {};
  const std::string& name = r.component && !r.component->name.empty() ? r.component->name : r.finding->package;
  return "Upgrade " + name + " to " + join(r.finding->fixed, " or ");
}

std::string package_text(const Row& r) {
  std::string out = r.finding->package.empty() ? "-" : r.finding->package;
  if (!r.finding->installed.empty()) out += " " + r.finding->installed;
  return out;
}

// A path as a relative URI reference: bytes outside RFC 3986's unreserved set and '/' are
// percent-encoded (a space, '#', '?' or '%' in a file name would otherwise change the URI).
std::string uri_escape(std::string_view path) {
  static constexpr char kHex[] = "0123456789ABCDEF";
  std::string out;
  for (unsigned char ch : path) {
    if (std::isalnum(ch) || ch == '-' || ch == '.' || ch == '_' || ch == '~' || ch == '/') {
      out += static_cast<char>(ch);
    } else {
      out += '%';
      out += kHex[ch >> 4];
      out += kHex[ch & 15];
    }
  }
  return out;
}

std::string iso_time(std::int64_t epoch) {
  std::time_t t = static_cast<std::time_t>(epoch);
  std::tm tm{};
  gmtime_r(&t, &tm);
  char buf[32];
  std::strftime(buf, sizeof buf, "%Y-%m-%dT%H:%M:%S", &tm);
  return buf;
}

}  // namespace detail

Findings::Findings(const Document& doc, const policy::Report& judged, const Options& options)
    : context_(std::make_unique<detail::Context>(detail::collect(doc, judged, options))) {}

Findings::~Findings() = default;

void Findings::write(Format format, const json::Sink& sink) const {
  const detail::Context& c = *context_;
  std::string out;
  switch (format) {
    case Format::kSarif: detail::write_sarif(c, out, sink); break;
    case Format::kJunit: detail::write_junit(c, out, sink); break;
    case Format::kGitlab: detail::write_gitlab(c, out, sink); break;
    case Format::kTable: detail::write_table(c, out, sink); break;
    case Format::kMarkdown: detail::write_markdown(c, out, sink, false); break;
    case Format::kJson: detail::write_json(c, out, sink); break;
    case Format::kGithub: detail::write_markdown(c, out, sink, true); break;
  }
  detail::flush_all(out, sink);
}

void write(Format format, const Document& doc, const policy::Report& judged, const Options& options,
           const json::Sink& sink) {
  Findings(doc, judged, options).write(format, sink);
}

std::string format(Format format, const Document& doc, const policy::Report& judged, const Options& options) {
  std::string text;
  write(format, doc, judged, options, [&](std::string_view piece) { text += piece; });
  return text;
}

}  // namespace sbom::report
