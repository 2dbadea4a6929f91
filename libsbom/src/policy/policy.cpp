// Policy evaluation for sbom-gate: severity choice, fixed versions, suppression, rule checks.
#include "sbom/findings.h"
#include "sbom/format.h"
#include "sbom/policy.h"
#include "sbom/text.h"

#include <algorithm>
#include <cctype>
#include <charconv>
#include <cstdlib>
#include <unordered_map>

namespace sbom::policy {

namespace {

using text::lower;

bool is_nvd(std::string_view source) {
  std::string l = lower(source);
  return l == "nvd" || l.rfind("nvd:", 0) == 0 || l.find("nvd.nist.gov") != std::string::npos;
}

std::optional<Severity> qualitative(const Rating& r) {
  if (r.severity.empty()) return std::nullopt;
  auto s = parse_severity(r.severity);
  if (!s || *s == Severity::Unknown) return std::nullopt;
  return s;
}

// The CVSS version a rating's method names (CycloneDX: CVSSv2, CVSSv3, CVSSv31, CVSSv4).
std::optional<cvss::CvssVersion> method_version(std::string_view method) {
  if (method == "CVSSv2") return cvss::CvssVersion::V2;
  if (method == "CVSSv3") return cvss::CvssVersion::V3_0;
  if (method == "CVSSv31") return cvss::CvssVersion::V3_1;
  if (method == "CVSSv4") return cvss::CvssVersion::V4_0;
  return std::nullopt;
}

// The CycloneDX method name of a CVSS version, so a basis reads the same whether the score was
// computed from the vector or taken as written ("CVSSv31 9.8").
std::string_view method_name(cvss::CvssVersion v) {
  switch (v) {
    case cvss::CvssVersion::V2: return "CVSSv2";
    case cvss::CvssVersion::V3_0: return "CVSSv3";
    case cvss::CvssVersion::V3_1: return "CVSSv31";
    case cvss::CvssVersion::V4_0: return "CVSSv4";
  }
  return "CVSS";
}

struct CvssPick {
  double score = -1;
  Severity severity = Severity::Unknown;
  std::string basis;
};

// A rating's CVSS base score: the vector scored by our own calculator when it parses, else the
// score as written when the method says it is CVSS.
std::optional<CvssPick> cvss_of(const Rating& r) {
  if (!r.vector.empty()) {
    // Some producers write a v3 vector without its "CVSS:3.x/" prefix and name the version in
    // `method` instead.
    std::string vec = r.vector;
    if (vec.rfind("CVSS:", 0) != 0) {
      if (r.method == "CVSSv31") vec = "CVSS:3.1/" + vec;
      else if (r.method == "CVSSv3") vec = "CVSS:3.0/" + vec;
      else if (r.method == "CVSSv4") vec = "CVSS:4.0/" + vec;
    }
    if (auto sc = cvss::score_cvss(vec)) {
      CvssPick p;
      p.score = sc->base;
      p.severity = sc->severity;
      char buf[16];
      auto res = std::to_chars(buf, buf + sizeof buf, sc->base, std::chars_format::fixed, 1);
      p.basis = std::string(method_name(sc->version)) + " " + std::string(buf, res.ptr);
      return p;
    }
  }
  auto ver = method_version(r.method);
  if (ver && r.score) {
    CvssPick p;
    p.score = r.score->to_double();
    if (p.score < 0 || p.score > 10) return std::nullopt;
    p.severity = cvss::severity_of(*ver, p.score);
    p.basis = r.method + " " + r.score->text;
    return p;
  }
  return std::nullopt;
}

std::string with_source(std::string basis, const Rating& r) {
  if (!r.source_name.empty()) basis += " (" + r.source_name + ")";
  return basis;
}

}  // namespace

std::optional<Severity> parse_severity(std::string_view s) {
  std::string l = lower(s);
  if (l == "critical") return Severity::Critical;
  if (l == "high" || l == "important") return Severity::High;
  if (l == "medium" || l == "moderate") return Severity::Medium;
  if (l == "low") return Severity::Low;
  if (l == "none" || l == "info" || l == "negligible") return Severity::None;
  if (l == "unknown") return Severity::Unknown;
  return std::nullopt;
}

std::string_view severity_name(Severity s) {
  switch (s) {
    case Severity::Critical: return "CRITICAL";
    case Severity::High: return "HIGH";
    case Severity::Medium: return "MEDIUM";
    case Severity::Low: return "LOW";
    case Severity::None: return "NONE";
    case Severity::Unknown: return "UNKNOWN";
  }
  return "UNKNOWN";
}

std::string_view severity_lower(Severity s) {
  switch (s) {
    case Severity::Critical: return "critical";
    case Severity::High: return "high";
    case Severity::Medium: return "medium";
    case Severity::Low: return "low";
    case Severity::None: return "none";
    case Severity::Unknown: return "unknown";
  }
  return "unknown";
}

std::vector<std::string> default_severity_sources() { return {"vendor", "cvss", "max"}; }

Severity rate(const Vulnerability& v, const std::vector<std::string>& sources, std::string* basis, std::string* source) {
  std::string ignored;
  if (source == nullptr) source = &ignored;
  source->clear();
  auto decided = [&](const Rating& r) { *source = r.source_name.empty() ? v.source_name : r.source_name; };
  for (const auto& want : sources) {
    if (want == "vendor") {
      // The advisory's own source first, then any other non-NVD qualitative rating. A rating
      // without a source is the vulnerability source's own (Grype writes its ratings so: the
      // severity of the namespace that reported the match, repeated on each CVSS rating).
      const Rating* pick = nullptr;
      if (!v.source_name.empty()) {
        for (const auto& r : v.ratings)
          if ((r.source_name.empty() || lower(r.source_name) == lower(v.source_name)) && qualitative(r)) { pick = &r; break; }
      }
      if (!pick) {
        for (const auto& r : v.ratings)
          if (!r.source_name.empty() && !is_nvd(r.source_name) && qualitative(r) && !method_version(r.method)) { pick = &r; break; }
      }
      if (pick) {
        decided(*pick);
        if (basis) *basis = "vendor " + (pick->source_name.empty() ? v.source_name : pick->source_name);
        return *qualitative(*pick);
      }
    } else if (want == "cvss") {
      std::optional<CvssPick> best;
      const Rating* from = nullptr;
      for (const auto& r : v.ratings) {
        auto c = cvss_of(r);
        if (c && (!best || c->score > best->score)) { best = c; from = &r; }
      }
      if (best) {
        decided(*from);
        if (basis) *basis = with_source(best->basis, *from);
        return best->severity;
      }
    } else if (want == "max") {
      std::optional<Severity> best;
      const Rating* from = nullptr;
      for (const auto& r : v.ratings) {
        auto q = qualitative(r);
        if (q && (!best || *q > *best)) { best = q; from = &r; }
      }
      if (best) {
        decided(*from);
        if (basis) *basis = with_source("highest rating", *from);
        return *best;
      }
    } else {
      for (const auto& r : v.ratings) {
        if (lower(r.source_name) != lower(want)) continue;
        if (auto q = qualitative(r)) {
          decided(r);
          if (basis) *basis = "source " + r.source_name;
          return *q;
        }
        if (auto c = cvss_of(r)) {
          decided(r);
          if (basis) *basis = with_source(c->basis, r);
          return c->severity;
        }
      }
    }
  }
  if (basis) *basis = "no rating";
  return Severity::Unknown;
}

namespace {


bool is_suppressing(std::string_view state) {
  return state == "not_affected" || state == "false_positive" || state == "resolved" ||
         state == "resolved_with_pedigree";
}

// How a finding names its package: the purl without version and qualifiers (the version is its
// own column), else group/name.
std::string package_of(const Component& c) {
  if (c.purl.empty()) return c.group.empty() ? c.name : c.group + "/" + c.name;
  std::string_view p = c.purl;
  p = p.substr(0, p.find_first_of("?#"));
  if (auto at = p.rfind('@'); at != std::string_view::npos && p.find('/', at) == std::string_view::npos) p = p.substr(0, at);
  return std::string(p);
}

}  // namespace

std::string number_text(double v) {
  char buf[32];
  auto res = std::to_chars(buf, buf + sizeof buf, v);
  return std::string(buf, res.ptr);
}

Expected<double> parse_probability(std::string_view text, std::string_view what) {
  double v = -1;
  auto [end, ec] = std::from_chars(text.data(), text.data() + text.size(), v);
  if (text.empty() || ec != std::errc() || end != text.data() + text.size() || !(v >= 0 && v <= 1))
    return Error(std::string(what) + ": expected a number from 0 to 1, got '" + std::string(text) + "'");
  return v;
}

bool is_wont_fix(std::string_view s) {
  return s == "ignored" || s == "end-of-life" || s == "will-not-fix" || s == "out-of-support";
}

bool is_vendor_unimportant(std::string_view u) {
  while (!u.empty() && u.back() == '*') u.remove_suffix(1);
  return u == "unimportant";
}

Report evaluate(const Document& doc, const Policy& policy) {
  // Keys view the document's strings; the first component with a given bom-ref wins. Only the
  // refs the vulnerabilities name go in: a few thousand, where a table of all 100,000 components
  // was most of the time of this function.
  std::unordered_map<std::string_view, const Component*> by_ref;
  if (doc.vulnerabilities) {
    for (const auto& v : *doc.vulnerabilities)
      for (const auto& a : v.affects)
        if (!a.ref.empty()) by_ref.emplace(a.ref, nullptr);
    doc.for_each_component([&](const Component& c) {
      if (c.bom_ref.empty()) return;
      if (auto it = by_ref.find(c.bom_ref); it != by_ref.end() && !it->second) it->second = &c;
    });
  }

  Report report;
  if (doc.vulnerabilities) {
    for (std::size_t vi = 0; vi < doc.vulnerabilities->size(); ++vi) {
      const Vulnerability& v = (*doc.vulnerabilities)[vi];
      std::string basis, source;
      Severity rated = rate(v, policy.severity_sources, &basis, &source);
      std::vector<std::string> lenders;
      std::string kev, epss, percentile;
      // sbom-match's per-component vendor verdicts: "<bom-ref> -> <value>".
      std::vector<std::pair<std::string_view, std::string_view>> vendor_states, vendor_urgencies;
      auto per_ref = [](const std::string& value, auto& out) {
        if (auto arrow = value.rfind(" -> "); arrow != std::string::npos)
          out.emplace_back(std::string_view(value).substr(0, arrow), std::string_view(value).substr(arrow + 4));
      };
      for (const Property& p : v.properties) {
        if (p.name == "sbomkit:vendor:state") per_ref(p.value, vendor_states);
        else if (p.name == "sbomkit:vendor:urgency") per_ref(p.value, vendor_urgencies);
        if (p.name == "sbomkit:ratings:from_alias") lenders.push_back(p.value);
        else if (p.name == "sbomkit:kev:cve") kev = p.value;
        else if (p.name == "sbomkit:epss:score") epss = p.value;
        else if (p.name == "sbomkit:epss:percentile") percentile = p.value;
      }
      const std::string_view kind = findings::kind_of(v);
      if (!policy.judges(kind)) {
        report.excluded_kinds[std::string(kind)] += std::max<std::size_t>(1, v.affects.size());
        continue;
      }
      auto make = [&](const Affect* a) {
        Finding f;
        f.id = v.id;
        f.kind = kind;
        f.vulnerability = vi;
        for (const auto& r : v.references)
          if (!r.id.empty() && r.id != v.id && std::find(f.aliases.begin(), f.aliases.end(), r.id) == f.aliases.end())
            f.aliases.push_back(r.id);
        f.rated = rated;
        f.severity = rated;
        f.severity_basis = basis;
        f.severity_source = source;
        f.ratings_from_alias = lenders;
        f.kev = kev;
        f.epss = epss;
        f.epss_percentile = percentile;
        if (rated == Severity::Unknown && policy.unknown_as) {
          f.severity = *policy.unknown_as;
          f.severity_basis += ", counted as " + std::string(severity_lower(*policy.unknown_as));
        }
        if (a) {
          f.component_ref = a->ref;
          for (const auto& [ref, value] : vendor_states)
            if (ref == a->ref && f.vendor_state.empty()) f.vendor_state = value;
          for (const auto& [ref, value] : vendor_urgencies)
            if (ref == a->ref && f.vendor_urgency.empty()) f.vendor_urgency = value;
          if (auto it = by_ref.find(a->ref); it != by_ref.end() && it->second) {
            f.component = it->second;
            f.package = package_of(*it->second);
            f.installed = it->second->version;
            if (const Property* o = it->second->property(findings::kPropOrigin)) f.origin = o->value;
          } else if (auto hash = a->ref.find("#pkg:"); hash != std::string::npos) {
            f.package = a->ref.substr(hash + 1);  // a BOM-Link into another document
          } else {
            f.package = a->ref;
          }
          if (f.installed.empty()) {
            for (const AffectedVersion& av : a->versions) {
              if (!av.version.empty() && (av.status.empty() || av.status == "affected")) {
                f.installed = av.version;
                break;
              }
            }
          }
        }
        f.fixed = fixed_versions(v, a);
        if (v.analysis) f.state = v.analysis->state;
        f.suppressed = is_suppressing(f.state);
        report.findings.push_back(std::move(f));
      };
      if (v.affects.empty()) make(nullptr);
      for (const auto& a : v.affects) make(&a);
    }
  }

  for (auto& f : report.findings) {
    if (f.suppressed) { ++report.suppressed; continue; }
    if (policy.ignore_wont_fix && is_wont_fix(f.vendor_state)) {
      ++report.wont_fix;
      f.hidden_by = "--ignore-wont-fix";
      continue;
    }
    if (policy.ignore_vendor_unimportant && is_vendor_unimportant(f.vendor_urgency)) {
      ++report.vendor_unimportant;
      f.hidden_by = "--ignore-vendor-unimportant";
      continue;
    }
    // A secret or a hygiene problem has no fixed version to wait for: --fixable-only is about vulnerabilities.
    if (policy.fixable_only && f.kind == findings::kVulnerability && f.fixed.empty()) {
      ++report.not_fixable;
      f.hidden_by = "--fixable-only";
      continue;
    }
    f.counted = true;
    ++report.counts[static_cast<std::size_t>(f.severity)];
    ++report.kind_counts[f.kind][static_cast<std::size_t>(f.severity)];
    ++report.origin_counts[f.origin][static_cast<std::size_t>(f.severity)];
  }

  // Rules: --fail-on first, then each count limit, from the highest severity down.
  if (policy.fail_on) {
    std::size_t n = 0;
    std::string rule = "--fail-on " + std::string(severity_lower(*policy.fail_on));
    for (auto& f : report.findings)
      if (f.counted && f.severity >= *policy.fail_on && f.severity != Severity::Unknown) { f.broken.push_back(rule); ++n; }
    if (n > 0)
      report.violations.push_back(rule + ": " + std::to_string(n) + (n == 1 ? " finding" : " findings") +
                                  " at or above " + std::string(severity_lower(*policy.fail_on)));
  }
  for (std::size_t i = kSeverityCount; i-- > 0;) {
    if (!policy.max[i]) continue;
    std::size_t limit = *policy.max[i];
    if (report.counts[i] <= limit) continue;
    auto sev = static_cast<Severity>(i);
    std::string rule = "--max " + std::string(severity_lower(sev)) + "=" + std::to_string(limit);
    for (auto& f : report.findings)
      if (f.counted && f.severity == sev) f.broken.push_back(rule);
    report.violations.push_back(rule + ": " + std::to_string(report.counts[i]) + " " +
                                std::string(severity_lower(sev)) + " findings, limit " + std::to_string(limit));
  }

  // Exploitation rules: listed in KEV, EPSS score or percentile at or above a threshold.
  auto exploitation_rule = [&](const std::string& rule, const std::string& what, auto&& breaks) {
    std::size_t n = 0;
    for (auto& f : report.findings)
      if (f.counted && breaks(f)) { f.broken.push_back(rule); ++n; }
    if (n > 0) report.violations.push_back(rule + ": " + std::to_string(n) + (n == 1 ? " finding " : " findings ") + what);
  };
  auto at_least = [](const std::string& value, double min) { return !value.empty() && std::strtod(value.c_str(), nullptr) >= min; };
  if (policy.fail_on_kev)
    exploitation_rule("--fail-on-kev", "in CISA's Known Exploited Vulnerabilities catalog",
                      [](const Finding& f) { return !f.kev.empty(); });
  if (policy.epss_min) {
    std::string min = number_text(*policy.epss_min);
    exploitation_rule("--epss-min " + min, "with an EPSS score at or above " + min,
                      [&](const Finding& f) { return at_least(f.epss, *policy.epss_min); });
  }
  if (policy.epss_percentile_min) {
    std::string min = number_text(*policy.epss_percentile_min);
    exploitation_rule("--epss-percentile-min " + min, "with an EPSS percentile at or above " + min,
                      [&](const Finding& f) { return at_least(f.epss_percentile, *policy.epss_percentile_min); });
  }

  std::stable_sort(report.findings.begin(), report.findings.end(), [](const Finding& a, const Finding& b) {
    if (a.counted != b.counted) return a.counted;
    if (a.severity != b.severity) return a.severity > b.severity;
    if (a.id != b.id) return a.id < b.id;
    if (a.package != b.package) return a.package < b.package;
    return a.installed < b.installed;
  });
  return report;
}

// From (in order) CycloneDX affects[].versions entries with status "unaffected", the properties
// scanners write, and Trivy's recommendation text "Upgrade X to version Y". The vulnerability-wide
// sources only when no affects entry names a fixed version of its own: once one does (sbom-match
// writes them per component), a component without one has no fix, whatever another component's
// fixed version (a distro that fixed one package and will not fix another).
std::vector<std::string> fixed_versions(const Vulnerability& v, const Affect* a) {
  std::vector<std::string> out;
  auto add = [&](std::string s) {
    while (!s.empty() && (s.back() == ' ' || s.back() == '.')) s.pop_back();
    while (!s.empty() && s.front() == ' ') s.erase(0, 1);
    if (!s.empty() && std::find(out.begin(), out.end(), s) == out.end()) out.push_back(std::move(s));
  };
  auto add_list = [&](std::string_view rest) {  // "1.2.3, 1.3.1"
    while (!rest.empty()) {
      auto comma = rest.find(',');
      add(std::string(rest.substr(0, comma)));
      if (comma == std::string_view::npos) break;
      rest.remove_prefix(comma + 1);
    }
  };
  if (a) {
    for (const AffectedVersion& av : a->versions)
      if (av.status == "unaffected" && !av.version.empty()) add(av.version);
  }
  const bool per_affect = std::any_of(v.affects.begin(), v.affects.end(), [](const Affect& x) {
    return std::any_of(x.versions.begin(), x.versions.end(),
                       [](const AffectedVersion& av) { return av.status == "unaffected" && !av.version.empty(); });
  });
  if (per_affect) return out;
  if (out.empty()) {
    for (const auto& p : v.properties) {
      if (p.name == "sbomkit:fixed_version" || p.name == "aquasecurity:trivy:FixedVersion" ||
          p.name == "grype:fixedVersions" || p.name == "osv:fixed")
        add_list(p.value);
    }
  }
  if (out.empty() && !v.recommendation.empty()) {
    static constexpr std::string_view kMarker = "to version ";
    std::string_view rec = v.recommendation;
    if (auto pos = rec.find(kMarker); pos != std::string_view::npos) add_list(rec.substr(pos + kMarker.size()));
  }
  return out;
}

}  // namespace sbom::policy

namespace sbom::policy {

bool was_scanned(const Document& doc) {
  // Findings of other kinds alone (sbom-gen --secrets writes them) are no sign of a CVE scan.
  if (doc.vulnerabilities && (doc.vulnerabilities->empty() ||
                              std::any_of(doc.vulnerabilities->begin(), doc.vulnerabilities->end(), [](const Vulnerability& v) {
                                return findings::kind_of(v) == findings::kVulnerability;
                              })))
    return true;
  // Tools that only scan; matched by name, case-insensitively.
  static constexpr std::string_view kScanners[] = {"sbom-match", "grype", "osv-scanner"};
  return std::any_of(doc.metadata.tools.begin(), doc.metadata.tools.end(), [](const Tool& tool) {
    std::string n = tool.name;
    for (char& c : n) c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
    return std::find(std::begin(kScanners), std::end(kScanners), n) != std::end(kScanners);
  });
}

Status require_findings_format(const Document& doc, std::string_view file) {
  // An SPDX 2 document cannot hold a finding: one that went through a scan was converted after
  // it, and its findings were dropped on the way (sbom-convert says so). CycloneDX before 1.4 has
  // no vulnerabilities either, but sbom-match writes its results as 1.4 or later: a 1.3 document
  // was never scanned, which require_scanned tells.
  if (doc.vulnerabilities || family_of(doc.syntax) != Family::Spdx2) return Ok{};
  const format::Target target = format::target_of(doc);
  std::string what(format::target_name(target.syntax));
  if (!target.spec_version.empty()) what += "@" + target.spec_version;
  return std::move(Error(what + " cannot carry findings, so none of a scan's are in this document: "
                         "use the CycloneDX or SPDX 3 document sbom-match wrote")
                       .in_file(file));
}

Status require_scanned(const Document& doc, std::string_view file) {
  if (was_scanned(doc)) return Ok{};
  return std::move(Error("no sign of a vulnerability scan (no vulnerabilities member, no scanner among metadata.tools): "
                         "run sbom-match first, or pass --allow-unscanned")
                       .in_file(file));
}

}  // namespace sbom::policy
