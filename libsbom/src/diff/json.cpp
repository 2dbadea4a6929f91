// The JSON report (schemas/diff.schema.json), written with the library's deterministic emitter.
#include <utility>

#include "diff/report_util.h"
#include "sbom/json.h"

namespace sbom::diff {

namespace {

using namespace detail;
using json::Emitter;
using json::Number;

void count(Emitter& e, std::string_view key, std::size_t n) {
  e.key(key);
  e.number(Number::from(static_cast<std::int64_t>(n)));
}

void strings(Emitter& e, std::string_view key, const std::vector<std::string>& v) {
  e.key(key);
  e.begin_array();
  for (const auto& s : v) e.string(s);
  e.end_array();
}

void severity_counts(Emitter& e, std::string_view key, const std::array<std::size_t, kSeverityCount>& a) {
  e.key(key);
  e.begin_object();
  for (Severity s : kSeverityOrder) count(e, policy::severity_lower(s), at(a, s));
  e.end_object();
}

void component(Emitter& e, const ComponentInfo& c) {
  e.begin_object();
  e.key("key");
  e.string(c.key);
  e.key("name");
  e.string(c.display);
  e.key("version");
  e.string(c.version);
  e.key("type");
  e.string(c.type);
  e.member("location", c.location);
  e.end_object();
}

void side(Emitter& e, std::string_view key, const ComponentInfo& c) {
  e.key(key);
  e.begin_object();
  e.key("version");
  e.string(c.version);
  e.member("location", c.location);
  e.end_object();
}

void change(Emitter& e, const ComponentChange& c) {
  e.begin_object();
  e.key("key");
  e.string(c.before.key);
  e.key("name");
  e.string(c.before.display);
  side(e, "before", c.before);
  side(e, "after", c.after);
  e.key("version");
  e.string(c.version == VersionChange::kNone ? "unchanged" : to_string(c.version));
  if (c.license_changed) {
    e.key("licenses");
    e.begin_object();
    strings(e, "before", c.licenses_before);
    strings(e, "after", c.licenses_after);
    e.end_object();
  }
  e.member("contentChanged", c.hash_changed ? std::string_view(c.hash_alg) : std::string_view());
  e.end_object();
}

void finding(Emitter& e, const FindingChange& f) {
  e.begin_object();
  e.key("status");
  e.string(to_string(f.status));
  e.key("id");
  e.string(f.id);
  strings(e, "aliases", f.aliases);
  e.key("component");
  e.string(f.component);
  e.key("package");
  e.string(f.package);
  e.member("installedBefore", f.installed_before);
  e.member("installedAfter", f.installed_after);
  if (f.severity_before) e.member("severityBefore", policy::severity_lower(*f.severity_before));
  if (f.severity_after) e.member("severityAfter", policy::severity_lower(*f.severity_after));
  e.member("state", f.state);
  strings(e, "fixedIn", f.fixed_in);
  e.member("note", f.note);
  if (f.why.cause != Cause::kNone) {
    e.key("why");
    e.begin_object();
    e.member("cause", to_string(f.why.cause));
    e.member("change", f.why.change);
    e.member("detail", f.why.detail);
    e.end_object();
  }
  // Only where listed, so reports of documents without KEV data keep their shape.
  if (!f.kev_before.empty()) e.member("kevBefore", f.kev_before);
  if (!f.kev_after.empty()) e.member("kevAfter", f.kev_after);
  if (f.became_kev()) {
    e.key("becameKev");
    e.boolean(true);
  }
  e.end_object();
}

void step(Emitter& e, const Report& r, const Step& s) {
  e.begin_object();
  e.key("from");
  e.string(r.releases[s.from].label);
  e.key("to");
  e.string(r.releases[s.to].label);
  e.key("licensesCompared");
  e.boolean(s.licenses_compared);
  e.key("counts");
  e.begin_object();
  const auto& c = s.components;
  count(e, "added", c.added.size());
  count(e, "removed", c.removed.size());
  count(e, "upgraded", c.count(VersionChange::kUpgrade));
  count(e, "downgraded", c.count(VersionChange::kDowngrade));
  count(e, "versionChanged", c.count(VersionChange::kChanged));
  count(e, "licenseChanged", c.license_changes());
  count(e, "contentChanged", c.hash_changes());
  static constexpr std::pair<FindingStatus, std::string_view> kStatuses[] = {
      {FindingStatus::kNew, "new"},           {FindingStatus::kUnsuppressed, "unsuppressed"},
      {FindingStatus::kFixed, "fixed"},       {FindingStatus::kSuppressed, "suppressed"},
      {FindingStatus::kPersisting, "persisting"}, {FindingStatus::kStillSuppressed, "stillSuppressed"}};
  for (const auto& [st, name] : kStatuses) count(e, name, s.count(st));
  count(e, "severityChanged", s.severity_changes());
  e.end_object();
  // Only when there is something to say, so reports of documents without index provenance or
  // changed findings keep their shape.
  if (s.count(Cause::kNone) != s.findings.size()) {
    e.key("why");
    e.begin_object();
    count(e, "package", s.count(Cause::kPackage));
    count(e, "advisory", s.count(Cause::kAdvisory));
    count(e, "analysis", s.count(Cause::kAnalysis));
    count(e, "unknown", s.count(Cause::kUnknown));
    e.end_object();
  }
  if (s.index.known) {
    e.key("index");
    e.begin_object();
    e.key("changed");
    e.boolean(s.index.changed);
    strings(e, "sourcesAdded", s.index.sources_added);
    strings(e, "sourcesRemoved", s.index.sources_removed);
    strings(e, "sourcesChanged", s.index.sources_changed);
    e.end_object();
    e.key("rescan");
    e.boolean(s.rescan());
  }
  e.key("components");
  e.begin_object();
  e.key("added");
  e.begin_array();
  for (const auto& a : c.added) component(e, a);
  e.end_array();
  e.key("removed");
  e.begin_array();
  for (const auto& a : c.removed) component(e, a);
  e.end_array();
  e.key("changed");
  e.begin_array();
  for (const auto& ch : c.changed) change(e, ch);
  e.end_array();
  e.end_object();
  e.key("findings");
  e.begin_array();
  for (const auto& f : s.findings) finding(e, f);
  e.end_array();
  e.end_object();
}

}  // namespace

namespace detail {

void write_json(const Report& r, Out& out) {
  Emitter e(out.text(), 2);
  if (out.sink()) e.stream_to(*out.sink());
  e.begin_object();
  e.key("diffVersion");
  e.number(Number::from(std::int64_t{1}));
  e.key("releases");
  e.begin_array();
  for (const auto& rel : r.releases) {
    e.begin_object();
    e.key("label");
    e.string(rel.label);
    e.member("subject", rel.subject);
    e.member("producer", rel.producer);
    count(e, "components", rel.counts.components);
    e.key("hasVulnerabilities");
    e.boolean(rel.has_vulnerabilities);
    severity_counts(e, "severity", rel.counts.by_severity);
    count(e, "suppressed", rel.counts.suppressed);
    if (!policy::origin_text(rel.counts.by_origin).empty()) {
      e.key("severityByOrigin");
      e.begin_object();
      for (const auto& [origin, per] : rel.counts.by_origin) severity_counts(e, origin.empty() ? "unattributed" : origin, per);
      e.end_object();
    }
    if (rel.index) {
      e.key("index");
      e.begin_object();
      e.member("digest", rel.index->digest);
      e.member("built", rel.index->built);
      strings(e, "sources", rel.index->sources);
      e.key("signatureVerified");
      e.boolean(rel.index->signature_verified);
      e.end_object();
    }
    e.end_object();
  }
  e.end_array();

  e.key("summary");
  e.begin_object();
  e.key("differences");
  e.boolean(r.differs());
  e.key("severityDelta");
  e.begin_object();
  auto d = r.delta();
  for (Severity s : kSeverityOrder) {
    e.key(policy::severity_lower(s));
    e.number(Number::from(static_cast<std::int64_t>(d[static_cast<std::size_t>(s)])));
  }
  e.end_object();
  e.key("criticalHigh");
  e.begin_object();
  count(e, "before", r.releases.front().counts.critical_high());
  count(e, "after", r.releases.back().counts.critical_high());
  e.key("reductionPercent");
  if (auto red = r.critical_high_reduction()) e.number(Number{one_decimal(*red)});
  else e.null();
  e.end_object();
  e.end_object();

  e.key("overall");
  step(e, r, r.overall);
  e.key("steps");
  e.begin_array();
  for (const auto& s : r.each_step()) step(e, r, s);
  e.end_array();

  e.key("gate");
  e.begin_object();
  e.key("passed");
  e.boolean(r.violations.empty());
  strings(e, "violations", r.violations);
  e.end_object();
  e.end_object();
  out.text() += "\n";
}

}  // namespace detail

}  // namespace sbom::diff
