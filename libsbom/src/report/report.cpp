// Report requests, the joining of findings with their vulnerability and component, and the
// dispatch to one writer per format.
#include "sbom/report.h"

#include <algorithm>
#include <array>
#include <cctype>
#include <cstring>
#include <memory>
#include <utility>
#include <unordered_map>

#include "report/rows.h"
#include "sbom/links.h"
#include "sbom/parallel.h"
#include "sbom/text.h"

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


// Where a component was found in the image and the layer that brought it, from its properties
// in one pass (first the producers' path properties in this order of preference, then
// evidence.occurrences; the layer likewise).
void place_of(const Component& c, std::string_view& path, std::string_view& layer) {
  constexpr std::string_view kPath[] = {"sbomkit:path", "aquasecurity:trivy:FilePath", "syft:location:0:path"};
  constexpr std::string_view kLayer[] = {"sbomkit:layer:diff_id", "aquasecurity:trivy:LayerDiffID"};
  const Property* found_path[std::size(kPath)] = {};
  const Property* found_layer[std::size(kLayer)] = {};
  for (const auto& p : c.properties) {
    if (p.value.empty()) continue;
    for (std::size_t i = 0; i < std::size(kPath); ++i)
      if (!found_path[i] && p.name == kPath[i]) found_path[i] = &p;
    for (std::size_t i = 0; i < std::size(kLayer); ++i)
      if (!found_layer[i] && p.name == kLayer[i]) found_layer[i] = &p;
  }
  for (const Property* p : found_layer)
    if (p) {
      layer = p->value;
      break;
    }
  for (const Property* p : found_path)
    if (p) {
      path = p->value;
      return;
    }
  for (const auto& [k, v] : c.extra) {
    if (k != "evidence") continue;
    const json::Value* occ = v.find("occurrences");
    if (!occ || !occ->is_array()) continue;
    for (const auto& item : occ->as_array()) {
      const json::Value* loc = item.find("location");
      if (loc && loc->is_string() && !loc->as_string().empty()) {
        path = loc->as_string();
        return;
      }
    }
  }
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
  return text::sha256_hex(key);
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

namespace {

// The join is split into parts of this many vulnerabilities or rows, made on every core (each
// part writes only its own slots and arena, so the result does not depend on scheduling). The
// join's time is mostly first touches of a model scattered over hundreds of megabytes, which
// overlap well on two cores.
constexpr std::size_t kPart = 4096;

std::size_t parts_of(std::size_t n) { return (n + kPart - 1) / kPart; }

// What the reports say of one vulnerability (VulnText), into `keep`.
void make_text(const Vulnerability& v, VulnText& t, Arena& keep, std::vector<std::string_view>& scratch) {
  t.title = keep.keep(title(v));
  t.description = keep.keep(v.description);
  scratch.clear();
  append_advisory_links(v, scratch);
  t.links = keep.keep_all(scratch);
  t.kev = keep.keep(kev_of(v));
  t.epss = keep.keep(epss_of(v));
}

// Row r of finding f, but its fingerprint's instance (collect numbers repeats in row order).
void make_row(Row& r, const policy::Finding& f, const Vulnerability& v, const VulnText& t, Arena& keep,
              std::string& scratch) {
  r.finding = &f;
  if (!f.id.empty()) {
    r.id = keep.keep(f.id);
  } else {
    scratch = "unnamed-vulnerability-";
    scratch += std::to_string(f.vulnerability);
    r.id = keep.keep(scratch);
  }
  r.vuln = &v;
  r.title = t.title;
  r.description = t.description;
  r.kev = t.kev;
  r.epss = t.epss;
  r.links = t.links;
  r.component = f.component;
  r.status = !f.broken.empty() ? Status::kViolation
             : f.suppressed    ? Status::kSuppressed
             : !f.counted      ? Status::kNotCounted
                               : Status::kPass;
  if (r.component) {
    std::string_view path, layer;
    place_of(*r.component, path, layer);
    path.remove_prefix(std::min(path.size(), path.find_first_not_of('/')));
    r.path = keep.keep(path);
    r.layer = keep.keep(layer);
  }
  r.fingerprint = keep.keep(fingerprint(f, r.path));
  if (f.suppressed) {
    if (auto* p = v.property("sbomkit:exception:owner")) r.owner = keep.keep(p->value);
    if (auto* p = v.property("sbomkit:exception:expires")) r.expires = keep.keep(p->value);
    if (auto* p = v.property("sbomkit:exception:ticket")) r.ticket = keep.keep(p->value);
    if (v.analysis) r.reason = keep.keep(!v.analysis->detail.empty() ? v.analysis->detail : v.analysis->justification);
  }
  r.aliases = keep.keep_all(f.aliases);
  r.fixed_versions = keep.keep_all(f.fixed);
  r.rules = keep.keep_all(f.broken);
  r.purl = keep.keep(f.package);
  r.installed = keep.keep(f.installed);
  r.basis = keep.keep(f.severity_basis);
  r.name = r.component && !r.component->name.empty() ? keep.keep(r.component->name) : r.purl;
  r.status_words = keep.keep(status_text(r));
  r.fixed = keep.keep(fixed_text(f));
  r.package = keep.keep(package_text(r));
  scratch.assign(r.status_words);
  if (r.status == Status::kViolation) {
    scratch += ": ";
    append_joined(scratch, f.broken, ", ");
  } else if (r.status == Status::kSuppressed) {
    scratch += ": ";
    scratch += suppression_text(r);
  }
  r.status_cell = keep.keep(scratch);
}

}  // namespace

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
  // The OS for the reports' header. The findings' components were found by the evaluation
  // (Finding::component): no second table of refs.
  doc.for_each_component([&](const Component& comp) {
    if (c.os.empty() && comp.type == "operating-system")
      c.os = comp.version.empty() ? comp.name : comp.name + " " + comp.version;
  });
  static const Vulnerability kNone;
  const std::size_t n_vulns = doc.vulnerabilities ? doc.vulnerabilities->size() : 0;
  auto vuln_at = [&](std::size_t vi) -> const Vulnerability& { return vi < n_vulns ? (*doc.vulnerabilities)[vi] : kNone; };
  // The findings shown, and the vulnerabilities they name (the last slot: kNone) in the order
  // the rows first name them.
  std::vector<const policy::Finding*> shown;
  shown.reserve(judged.findings.size());
  std::vector<VulnText> texts(n_vulns + 1);
  std::vector<std::size_t> named;
  named.reserve(judged.findings.size());
  for (const auto& f : judged.findings) {
    if (!options.severities.empty() &&
        std::find(options.severities.begin(), options.severities.end(), f.severity) == options.severities.end())
      continue;
    shown.push_back(&f);
    const std::size_t vi = std::min(f.vulnerability, n_vulns);
    if (!texts[vi].named) named.push_back(vi);
    texts[vi].named = true;
  }
  // One text per vulnerability named, made once however many findings and formats use it, and
  // kept in that order, so the writers going down the rows read the texts in the order they lie.
  const std::size_t text_parts = parts_of(named.size());
  c.arenas.resize(text_parts + parts_of(shown.size()));
  parallel_for(text_parts, [&](std::size_t part) {
    std::vector<std::string_view> scratch;
    const std::size_t end = std::min(named.size(), (part + 1) * kPart);
    for (std::size_t k = part * kPart; k < end; ++k) {
      if (k + 8 < end) {  // as the rows' components below
        const Vulnerability& ahead = vuln_at(named[k + 8]);
        __builtin_prefetch(&ahead.description);
        __builtin_prefetch(&ahead.references);
        __builtin_prefetch(&ahead.properties);
      }
      make_text(vuln_at(named[k]), texts[named[k]], c.arenas[part], scratch);
    }
  });
  c.rows.resize(shown.size());
  parallel_for(parts_of(shown.size()), [&](std::size_t part) {
    std::string scratch;
    const std::size_t end = std::min(shown.size(), (part + 1) * kPart);
    for (std::size_t i = part * kPart; i < end; ++i) {
      // The components are scattered over the model: each row's is asked for ahead of its use,
      // first the object, then (once that is in) its properties, so the misses overlap.
      if (i + 16 < end)
        if (const Component* p = shown[i + 16]->component) {
          __builtin_prefetch(&p->properties);
          __builtin_prefetch(&p->name);
        }
      if (i + 8 < end)
        if (const Component* p = shown[i + 8]->component; p && !p->properties.empty()) {
          __builtin_prefetch(p->properties.data());
          __builtin_prefetch(p->name.data());
        }
      const policy::Finding& f = *shown[i];
      const std::size_t vi = std::min(f.vulnerability, n_vulns);
      make_row(c.rows[i], f, vuln_at(vi), texts[vi], c.arenas[text_parts + part], scratch);
    }
  });
  // The same key twice (a package found twice at one path) gets the next instance's fingerprint,
  // numbered in row order, so each result is its own alert.
  std::unordered_map<std::string_view, std::size_t> seen;
  seen.reserve(c.rows.size());
  Arena& keep = c.arenas.emplace_back();
  for (Row& r : c.rows) {
    auto [it, fresh] = seen.try_emplace(r.fingerprint, 0);
    if (!fresh) r.fingerprint = keep.keep(fingerprint(*r.finding, r.path, ++it->second));
    c.any_kev = c.any_kev || !r.kev.empty();
    c.any_epss = c.any_epss || !r.epss.empty();
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

void append_joined(std::string& out, const std::vector<std::string>& v, std::string_view sep) {
  for (std::size_t i = 0; i < v.size(); ++i) {
    if (i) out += sep;
    out += v[i];
  }
}

std::string join(const std::vector<std::string>& v, std::string_view sep) {
  std::string out;
  append_joined(out, v, sep);
  return out;
}

std::string fixed_text(const policy::Finding& f) { return f.fixed.empty() ? "-" : join(f.fixed, ", "); }

std::string title(const Vulnerability& v) {
  std::string_view d = !v.description.empty() ? std::string_view(v.description) : std::string_view(v.detail);
  // The first line, looked for only as far as it can be kept whole: a long description is not
  // scanned to its end for a line it will not show.
  d = d.substr(0, d.substr(0, 201).find('\n'));
  if (d.size() > 200) {
    // Cut at a character boundary: a UTF-8 continuation byte never starts the tail.
    std::size_t cut = 200;
    while (cut > 0 && (static_cast<unsigned char>(d[cut]) & 0xC0) == 0x80) --cut;
    return std::string(d.substr(0, cut)) + "...";
  }
  return std::string(d);
}

std::string suppression_text(const Row& r) {
  std::string out = r.reason.empty() ? r.finding->state : std::string(r.reason);
  for (auto [label, value] : {std::pair<std::string_view, std::string_view>{"; owner ", r.owner},
                              {"; expires ", r.expires},
                              {"; ticket ", r.ticket}}) {
    if (value.empty()) continue;
    out += label;
    out += value;
  }
  return out;
}

std::string solution(const Row& r) {
  if (r.finding->fixed.empty()) return {};
  const std::string& name = r.component && !r.component->name.empty() ? r.component->name : r.finding->package;
  return "Upgrade " + name + " to " + join(r.finding->fixed, " or ");
}

std::string package_text(const Row& r) {
  std::string out = r.finding->package.empty() ? "-" : r.finding->package;
  if (!r.finding->installed.empty()) {
    out += ' ';
    out += r.finding->installed;
  }
  return out;
}

std::string uri_escape(std::string_view path) {
  std::string out;
  out.reserve(path.size());
  uri_escape(path, [&](std::string_view piece) { out += piece; });
  return out;
}

std::string iso_time(std::int64_t epoch) {
  std::string t = text::rfc3339_utc(epoch);  // the one formatter; these formats want no zone
  t.pop_back();
  return t;
}

char* Arena::room(std::size_t n, std::size_t align) {
  std::size_t at = (used_ + align - 1) / align * align;
  if (blocks_.empty() || at > capacity_ || capacity_ - at < n) {
    // A new block (operator new[]'s alignment suits every kept type).
    capacity_ = std::max<std::size_t>(n, std::size_t{1} << 20);
    blocks_.push_back(std::make_unique_for_overwrite<char[]>(capacity_));
    at = 0;
  }
  used_ = at + n;
  return blocks_.back().get() + at;
}

std::string_view Arena::keep(std::string_view s) {
  if (s.empty()) return {};
  char* at = room(s.size(), 1);
  std::memcpy(at, s.data(), s.size());
  return {at, s.size()};
}

template <typename S>
std::span<const std::string_view> Arena::keep_all(const std::vector<S>& v) {
  if (v.empty()) return {};
  auto* list = reinterpret_cast<std::string_view*>(room(v.size() * sizeof(std::string_view), alignof(std::string_view)));
  for (std::size_t i = 0; i < v.size(); ++i) std::construct_at(list + i, keep(v[i]));
  return {list, v.size()};
}
template std::span<const std::string_view> Arena::keep_all(const std::vector<std::string>&);
template std::span<const std::string_view> Arena::keep_all(const std::vector<std::string_view>&);

}  // namespace detail

Findings::Findings(const Document& doc, const policy::Report& judged, const Options& options)
    : context_(std::make_unique<detail::Context>(detail::collect(doc, judged, options))) {}

Findings::~Findings() = default;

void Findings::write(Format format, const json::Sink& sink) const {
  const detail::Context& c = *context_;
  detail::Out out(sink);
  switch (format) {
    case Format::kSarif: detail::write_sarif(c, out); break;
    case Format::kJunit: detail::write_junit(c, out); break;
    case Format::kGitlab: detail::write_gitlab(c, out); break;
    case Format::kTable: detail::write_table(c, out); break;
    case Format::kMarkdown: detail::write_markdown(c, out, false); break;
    case Format::kJson: detail::write_json(c, out); break;
    case Format::kGithub: detail::write_markdown(c, out, true); break;
  }
  out.finish();
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
