// The comparison behind sbom-diff: findings keyed by (alias group, component identity) over the
// component pairing of components.h, why each changed (with why.h), per-release counts and the
// baseline gate.
#include "sbom/diff.h"
#include "sbom/text.h"

#include <algorithm>
#include <cstdint>
#include <initializer_list>
#include <map>
#include <set>
#include <optional>
#include <unordered_map>
#include <unordered_set>
#include <utility>

#include "core/aliases.h"
#include "diff/components.h"
#include "diff/report_util.h"
#include "diff/why.h"
#include "sbom/ecosystem.h"
#include "sbom/findings.h"
#include "sbom/links.h"
#include "sbom/parallel.h"
#include "sbom/purl.h"
#include "sbom/version.h"

namespace sbom::diff {

namespace {

using text::lower;
using namespace detail;

// A finding of one release: every (vulnerability, affected component) of the same alias group
// and component identity merged.
struct Agg {
  std::string package;
  std::vector<std::string> installed;
  Severity severity = Severity::Unknown;
  bool active = false;  // at least one instance is not suppressed
  std::string state;
  std::vector<std::string> fixed;
  std::string kev;  // the KEV entry's CVE of any instance
  // What the "why" of a change reads: the record's dates, and the exception that suppressed it.
  std::string published, updated;
  std::string exception_entry, exception_expires;
  std::string kind;  // of the first instance: vulnerability, secret, hygiene, eol
  std::vector<std::string> links;  // advisory_links of every instance's record
  std::string origin;  // of the first instance's component: base, image, "" not attributed
};

using FindingKey = std::pair<std::string, std::string>;  // (preferred id, component key)
using FindingMap = std::map<FindingKey, Agg>;

void add_unique(std::vector<std::string>& v, const std::string& s) {
  if (!s.empty() && std::find(v.begin(), v.end(), s) == v.end()) v.push_back(s);
}

std::string finding_component_key(const policy::Finding& f, const Index& idx) {
  if (!f.component_ref.empty()) {
    if (const Entry* e = idx.find_ref(f.component_ref)) return e->key;
  }
  if (f.package.rfind("pkg:", 0) == 0) {
    if (auto p = parse_purl(f.package)) return p->package_key();
  }
  return "ref:" + f.package;
}

FindingMap merge_findings(const Document& doc, const std::vector<policy::Finding>& findings, const Index& idx,
                          const AliasGroups& aliases) {
  FindingMap out;
  for (const auto& f : findings) {
    if (f.id.empty()) continue;
    Agg& a = out[{aliases.preferred(aliases.group_of(f.id)), finding_component_key(f, idx)}];
    if (a.package.empty()) a.package = f.package;
    if (a.kind.empty()) a.kind = f.kind;
    if (a.origin.empty()) a.origin = f.origin;
    if (doc.vulnerabilities && f.vulnerability < doc.vulnerabilities->size()) {
      const Vulnerability& v = (*doc.vulnerabilities)[f.vulnerability];
      if (a.published.empty() || (!v.published.empty() && v.published < a.published)) a.published = v.published;
      if (v.updated > a.updated) a.updated = v.updated;
      for (const std::string& l : advisory_links(v)) add_unique(a.links, l);
      if (f.suppressed && a.exception_entry.empty()) {
        if (const Property* e = v.property("sbomkit:exception:entry")) {
          a.exception_entry = e->value;
          if (const Property* x = v.property("sbomkit:exception:expires")) a.exception_expires = x->value;
        }
      }
    }
    add_unique(a.installed, f.installed);
    for (const auto& v : f.fixed) add_unique(a.fixed, v);
    if (a.kev.empty()) a.kev = f.kev;
    // The most severe active instance speaks for the finding; a finding is suppressed only
    // when every instance of it is.
    if (!f.suppressed) {
      if (!a.active || f.severity > a.severity) a.severity = f.severity;
      if (!a.active) a.state = f.state;
      a.active = true;
    } else if (!a.active) {
      if (a.state.empty() || f.severity > a.severity) a.severity = f.severity;
      if (a.state.empty()) a.state = f.state;
    }
  }
  for (auto& [k, a] : out) std::sort(a.installed.begin(), a.installed.end());
  return out;
}

// The image a document describes (ReleaseInfo::image, image_digest) and the tools it names.
void describe_image(const Document& doc, ReleaseInfo& info) {
  for (const Tool& t : doc.metadata.tools) {
    if (t.name.empty()) continue;
    info.tools.push_back(t.version.empty() ? t.name : t.name + " " + t.version);
  }
  if (!doc.metadata.component || doc.metadata.component->type != "container") return;
  const Component& c = *doc.metadata.component;
  info.image = c.group.empty() ? c.name : c.group + "/" + c.name;
  if (!c.version.empty() && !c.version.starts_with("sha256:")) info.image += ":" + c.version;
  // sbom-gen's properties (sbom/catalog.h's kPropImageConfigDigest, kPropImageManifestDigest), else
  // the oci purl's version.
  if (const Property* p = c.property("sbomkit:image:config_digest")) info.image_id = p->value;
  if (const Property* p = c.property("sbomkit:image:manifest_digest"); p && !p->value.empty()) {
    info.image_digest = p->value;
    return;
  }
  if (c.purl.starts_with("pkg:oci/"))
    if (auto purl = parse_purl(c.purl); purl && !purl->version.empty()) {
      info.image_digest = purl->version;
      return;
    }
  if (!c.version.empty() && c.version.starts_with("sha256:")) {
    info.image_digest = c.version;
  } else {
    for (const Hash& h : c.hashes)
      if (h.alg == "SHA-256" && !h.content.empty()) info.image_digest = "sha256:" + h.content;
  }
}

struct Prepared {
  Index index;
  FindingMap findings;
  std::string producer;
  std::optional<IndexProvenance> provenance;
  bool scanned = false;  // it carries a vulnerabilities array
  std::string time;  // when the document says it was made (metadata.timestamp), else its index's build time
};

// The first tool (not service) named in metadata.tools.
std::string producer_of(const Document& doc) {
  for (const Tool& t : doc.metadata.tools)
    if (!t.service && !t.name.empty()) return lower(t.name);
  return {};
}

Step compare_step(std::size_t from, std::size_t to, const Prepared& a, const Prepared& b, const AliasGroups& aliases) {
  Step step;
  step.from = from;
  step.to = to;
  step.licenses_compared = a.producer.empty() || b.producer.empty() || a.producer == b.producer;
  step.index = detail::compare_indexes(a.provenance, b.provenance);
  Pairing p = pair_components(a.index, b.index);
  for (std::size_t i : p.removed) step.components.removed.push_back(info_of(a.index.entries[i]));
  for (std::size_t j : p.added) step.components.added.push_back(info_of(b.index.entries[j]));
  // The earlier release's key of each component paired by name, whose key differs.
  std::unordered_map<std::string_view, std::string_view> earlier_key;
  for (std::size_t k = p.same_key; k < p.matched.size(); ++k) {
    const Entry& ea = a.index.entries[p.matched[k].first];
    const Entry& eb = b.index.entries[p.matched[k].second];
    if (ea.key != eb.key) earlier_key.emplace(eb.key, ea.key);
  }
  constexpr std::uint32_t kUnpaired = UINT32_MAX;
  std::vector<std::uint32_t> partner(a.index.entries.size(), kUnpaired);
  for (auto [i, j] : p.matched) partner[i] = j;
  // In the earlier document's order, which is mostly the later one's too: both documents are
  // read front to back instead of at random.
  std::sort(p.matched.begin(), p.matched.end());
  for (auto [i, j] : p.matched)
    if (auto ch = compare_pair(a.index.entries[i], b.index.entries[j], step.licenses_compared))
      step.components.changed.push_back(std::move(*ch));
  sort_components(step.components.added);
  sort_components(step.components.removed);
  sort_components(step.components.changed);

  // Findings of the later release under the earlier release's component keys.
  std::map<FindingKey, const Agg*> later;
  for (const auto& [k, agg] : b.findings) {
    FindingKey key = k;
    if (auto it = earlier_key.find(k.second); it != earlier_key.end()) key.second = std::string(it->second);
    auto [pos, fresh] = later.emplace(key, &agg);
    if (!fresh && agg.active && (!pos->second->active || agg.severity > pos->second->severity)) pos->second = &agg;
  }
  // The package side of a finding's change: the component's copies in the earlier release
  // (under key `key`) and what they paired with. `installed` are the finding's versions in the
  // release it is in; `appearing` says which one that is. nullopt when a copy kept one of those
  // versions: the package did not change, something else did.
  auto package_why = [&](const std::string& key, const std::vector<std::string>& installed,
                         bool appearing) -> std::optional<Why> {
    auto [first, last] = a.index.group(key);
    auto has = [&](std::string_view v) { return std::find(installed.begin(), installed.end(), v) != installed.end(); };
    if (first == last) {
      // New in the later release, when it is a component there at all (a finding may name a
      // package the document does not list).
      if (appearing) {
        auto [bf, bl] = b.index.group(key);
        if (bf != bl) return Why{Cause::kPackage, "added", "component added"};
      }
      return std::nullopt;
    }
    bool removed = false;
    const Entry* before = nullptr;
    const Entry* after = nullptr;
    for (std::size_t s = first; s < last; ++s) {
      const Entry& ea = a.index.entries[a.index.order[s].pos];
      std::uint32_t j = partner[a.index.order[s].pos];
      if (j == kUnpaired) {
        removed = true;
        continue;
      }
      const Entry& eb = b.index.entries[j];
      // The same version on both sides: this copy did not move.
      if (ea.version() == eb.version() && has(ea.version())) return std::nullopt;
      // The pair that carries the finding: later version when it appeared, earlier when it went.
      if (has(appearing ? eb.version() : ea.version()) && (!after || eb.version() > after->version())) {
        before = &ea;
        after = &eb;
      }
    }
    if (!after) {
      if (appearing) return Why{Cause::kPackage, "added", "component added"};
      if (removed) return Why{Cause::kPackage, "removed", "component removed"};
      return std::nullopt;
    }
    const VersionChange dir = direction(*before, *after);
    if (dir == VersionChange::kNone) return std::nullopt;
    Why w{Cause::kPackage, std::string(to_string(dir)), ""};
    const std::string v(appearing ? before->version() : after->version());
    switch (dir) {
      case VersionChange::kUpgrade: w.detail = (appearing ? "upgraded from " : "upgraded to ") + v; break;
      case VersionChange::kDowngrade: w.detail = (appearing ? "downgraded from " : "downgraded to ") + v; break;
      default: w.detail = (appearing ? "was " : "now ") + v; break;
    }
    return w;
  };
  // Whether the vulnerability `id` is in a release at all, and its record's dates there.
  auto record = [](const FindingMap& m, const std::string& id) {
    detail::Record r;
    for (auto it = m.lower_bound({id, std::string()}); it != m.end() && it->first.first == id; ++it) {
      r.in_release = true;
      if (r.published.empty()) r.published = it->second.published;
      if (it->second.updated > r.updated) r.updated = it->second.updated;
    }
    return r;
  };
  auto own = [](const Agg& x) { return detail::Record{true, x.published, x.updated}; };
  const std::string since = a.provenance ? a.provenance->built : std::string();

  auto make = [&](const FindingKey& k) {
    FindingChange fc;
    fc.id = k.first;
    for (const auto& m : aliases.members(aliases.group_of(k.first)))
      if (m != fc.id) fc.aliases.push_back(m);
    fc.component = k.second;
    return fc;
  };
  auto ia = a.findings.begin();
  auto ib = later.begin();
  while (ia != a.findings.end() || ib != later.end()) {
    if (ib == later.end() || (ia != a.findings.end() && ia->first < ib->first)) {
      const Agg& x = ia->second;
      FindingChange fc = make(ia->first);
      fc.status = FindingStatus::kFixed;
      fc.package = x.package;
      fc.installed_before = detail::joined(x.installed, ", ");
      fc.severity_before = x.severity;
      fc.fixed_in = x.fixed;
      fc.kev_before = x.kev;
      fc.links = x.links;
      auto pkg = package_why(fc.component, x.installed, false);
      // The note older reports had: "component removed", or the version the package is at now.
      if (pkg) fc.note = pkg->change == "removed" ? "component removed" : "now " + pkg->detail.substr(pkg->detail.rfind(' ') + 1);
      fc.why = pkg ? std::move(*pkg)
               : !b.scanned                   ? detail::unscanned()
               : x.kind != findings::kVulnerability ? detail::not_advisory(x.kind)
                                                : detail::vanished(fc.id, record(b.findings, fc.id), step.index);
      if (!x.active) fc.state = x.state;
      step.findings.push_back(std::move(fc));
      ++ia;
    } else if (ia == a.findings.end() || ib->first < ia->first) {
      const Agg& y = *ib->second;
      FindingChange fc = make(ib->first);
      fc.status = y.active ? FindingStatus::kNew : FindingStatus::kSuppressed;
      fc.package = y.package;
      fc.installed_after = detail::joined(y.installed, ", ");
      fc.severity_after = y.severity;
      fc.state = y.state;
      fc.fixed_in = y.fixed;
      fc.kev_after = y.kev;
      fc.links = y.links;
      auto pkg = package_why(fc.component, y.installed, true);
      fc.why = pkg ? std::move(*pkg)
               : !a.scanned                   ? detail::unscanned()
               : y.kind != findings::kVulnerability ? detail::not_advisory(y.kind)
                                                : detail::appeared(fc.id, record(a.findings, fc.id), own(y), step.index, since);
      step.findings.push_back(std::move(fc));
      ++ib;
    } else {
      const Agg& x = ia->second;
      const Agg& y = *ib->second;
      FindingChange fc = make(ia->first);
      fc.status = x.active ? (y.active ? FindingStatus::kPersisting : FindingStatus::kSuppressed)
                           : (y.active ? FindingStatus::kUnsuppressed : FindingStatus::kStillSuppressed);
      fc.package = y.package.empty() ? x.package : y.package;
      fc.installed_before = detail::joined(x.installed, ", ");
      fc.installed_after = detail::joined(y.installed, ", ");
      fc.severity_before = x.severity;
      fc.severity_after = y.severity;
      fc.state = y.state;
      fc.fixed_in = y.fixed.empty() ? x.fixed : y.fixed;
      fc.kev_before = x.kev;
      fc.kev_after = y.kev;
      fc.links = y.links;
      for (const std::string& l : x.links) add_unique(fc.links, l);
      if (x.active && !y.active) fc.why = detail::suppressed(y.state, y.exception_entry);
      else if (!x.active && y.active) fc.why = detail::unsuppressed(x.exception_entry, x.exception_expires, b.time);
      else if (fc.severity_changed()) fc.why = detail::rerated(*fc.severity_before, *fc.severity_after);
      step.findings.push_back(std::move(fc));
      ++ia;
      ++ib;
    }
  }
  std::stable_sort(step.findings.begin(), step.findings.end(), [](const FindingChange& x, const FindingChange& y) {
    if (x.status != y.status) return x.status < y.status;
    if (x.severity() != y.severity()) return x.severity() > y.severity();
    if (x.id != y.id) return x.id < y.id;
    return x.package < y.package;
  });
  return step;
}

}  // namespace

std::string_view to_string(VersionChange c) {
  switch (c) {
    case VersionChange::kNone: return "";
    case VersionChange::kUpgrade: return "upgrade";
    case VersionChange::kDowngrade: return "downgrade";
    case VersionChange::kChanged: return "changed";
  }
  return "";
}

std::string_view to_string(Cause c) {
  switch (c) {
    case Cause::kNone: return "";
    case Cause::kPackage: return "package";
    case Cause::kAdvisory: return "advisory";
    case Cause::kAnalysis: return "analysis";
    case Cause::kUnknown: return "unknown";
  }
  return "";
}

std::string_view to_string(FindingStatus s) {
  switch (s) {
    case FindingStatus::kNew: return "new";
    case FindingStatus::kFixed: return "fixed";
    case FindingStatus::kPersisting: return "persisting";
    case FindingStatus::kSuppressed: return "suppressed";
    case FindingStatus::kUnsuppressed: return "unsuppressed";
    case FindingStatus::kStillSuppressed: return "still-suppressed";
  }
  return "";
}

std::size_t ComponentDiff::count(VersionChange c) const {
  return static_cast<std::size_t>(
      std::count_if(changed.begin(), changed.end(), [c](const ComponentChange& ch) { return ch.version == c; }));
}

std::size_t ComponentDiff::license_changes() const {
  return static_cast<std::size_t>(
      std::count_if(changed.begin(), changed.end(), [](const ComponentChange& ch) { return ch.license_changed; }));
}

std::size_t ComponentDiff::hash_changes() const {
  return static_cast<std::size_t>(
      std::count_if(changed.begin(), changed.end(), [](const ComponentChange& ch) { return ch.hash_changed; }));
}

std::size_t Counts::critical_high() const {
  return by_severity[static_cast<std::size_t>(Severity::Critical)] + by_severity[static_cast<std::size_t>(Severity::High)];
}

std::size_t Step::count(FindingStatus s) const {
  return static_cast<std::size_t>(
      std::count_if(findings.begin(), findings.end(), [s](const FindingChange& f) { return f.status == s; }));
}

std::size_t Step::count(Cause c) const {
  return static_cast<std::size_t>(
      std::count_if(findings.begin(), findings.end(), [c](const FindingChange& f) { return f.why.cause == c; }));
}

std::size_t Step::severity_changes() const {
  return static_cast<std::size_t>(
      std::count_if(findings.begin(), findings.end(), [](const FindingChange& f) { return f.severity_changed(); }));
}

std::size_t Step::kev_listings() const {
  return static_cast<std::size_t>(
      std::count_if(findings.begin(), findings.end(), [](const FindingChange& f) { return f.became_kev(); }));
}

bool Step::differs() const {
  if (!components.empty()) return true;
  return std::any_of(findings.begin(), findings.end(), [](const FindingChange& f) {
    return (f.status != FindingStatus::kPersisting && f.status != FindingStatus::kStillSuppressed) || f.severity_changed() ||
           f.became_kev();
  });
}

std::array<long long, kSeverityCount> Report::delta() const {
  std::array<long long, kSeverityCount> d{};
  if (releases.empty()) return d;
  const auto& first = releases.front().counts.by_severity;
  const auto& last = releases.back().counts.by_severity;
  for (std::size_t i = 0; i < kSeverityCount; ++i)
    d[i] = static_cast<long long>(last[i]) - static_cast<long long>(first[i]);
  return d;
}

std::optional<double> Report::critical_high_reduction() const {
  if (releases.empty()) return std::nullopt;
  std::size_t before = releases.front().counts.critical_high();
  std::size_t after = releases.back().counts.critical_high();
  if (before == 0) return std::nullopt;
  return (static_cast<double>(before) - static_cast<double>(after)) * 100.0 / static_cast<double>(before);
}

bool Report::differs() const {
  auto all = each_step();
  return std::any_of(all.begin(), all.end(), [](const Step& s) { return s.differs(); });
}

Expected<Report> compare(const std::vector<Release>& releases, const Options& options) {
  if (releases.size() < 2) return Error("need at least two documents to compare");
  for (const auto& r : releases)
    if (!r.doc) return Error(r.label + ": no document");
  // The index each release was scanned with; a malformed record of it is an input error, not
  // a reason to explain changes wrongly.
  std::vector<std::optional<IndexProvenance>> provenance(releases.size());
  for (std::size_t i = 0; i < releases.size(); ++i) {
    auto p = read_index_provenance(*releases[i].doc);
    if (!p) return std::move(p.error().in_file(releases[i].label));
    provenance[i] = std::move(*p);
  }

  policy::Policy pol;
  pol.severity_sources = options.severity_sources;
  // Each release's findings and component index are independent of the others'.
  std::vector<policy::Report> evaluated(releases.size());
  std::vector<Prepared> prepared(releases.size());
  parallel_for(releases.size(), [&](std::size_t i) {
    const Document& doc = *releases[i].doc;
    prepared[i].provenance = provenance[i];
    prepared[i].scanned = doc.vulnerabilities.has_value();
    // evaluate() indexes every component; a document without findings needs none of that.
    if (doc.vulnerabilities && !doc.vulnerabilities->empty()) evaluated[i] = policy::evaluate(doc, pol);
    std::unordered_set<std::string_view> refs;
    for (const auto& f : evaluated[i].findings)
      if (!f.component_ref.empty()) refs.insert(f.component_ref);
    prepared[i].index = build_index(doc, refs);
    prepared[i].producer = producer_of(*releases[i].doc);
    if (doc.metadata.timestamp.empty() && prepared[i].provenance) prepared[i].time = prepared[i].provenance->built;
    else prepared[i].time = doc.metadata.timestamp;
  });
  // Groups are joined across every release, so a finding named by a GHSA in one release and by its
  // CVE in the next persists instead of being fixed plus new.
  AliasGroups aliases;
  for (const auto& rep : evaluated)
    for (const auto& f : rep.findings)
      if (!f.id.empty()) aliases.add(f.id, f.aliases);
  aliases.finish();

  parallel_for(releases.size(), [&](std::size_t i) {
    prepared[i].findings = merge_findings(*releases[i].doc, evaluated[i].findings, prepared[i].index, aliases);
    if (!(options.keep_new_findings && i + 1 == releases.size())) evaluated[i] = {};
  });

  Report report;
  for (std::size_t i = 0; i < releases.size(); ++i) {
    const Document& doc = *releases[i].doc;
    ReleaseInfo info;
    info.label = releases[i].label;
    if (doc.metadata.component) {
      const Component& s = *doc.metadata.component;
      info.subject = s.group.empty() ? s.name : s.group + "/" + s.name;
      if (!s.version.empty()) info.subject += "@" + s.version;
    }
    info.has_vulnerabilities = doc.vulnerabilities.has_value();
    info.producer = prepared[i].producer;
    describe_image(doc, info);
    info.index = provenance[i];
    info.counts.components = prepared[i].index.entries.size();
    for (const auto& [k, a] : prepared[i].findings) {
      if (a.active) {
        ++info.counts.by_severity[static_cast<std::size_t>(a.severity)];
        ++info.counts.by_origin[a.origin][static_cast<std::size_t>(a.severity)];
      } else {
        ++info.counts.suppressed;
      }
    }
    report.releases.push_back(std::move(info));
  }
  // A document without a vulnerabilities array was not scanned: its findings are unknown, not
  // absent, so the others' findings show as new or fixed against it. (When none was scanned,
  // nothing shows as new or fixed: no warning.)
  bool some = false, all = true;
  for (const ReleaseInfo& rel : report.releases) {
    some = some || rel.has_vulnerabilities;
    all = all && rel.has_vulnerabilities;
  }
  if (some && !all)
    for (const ReleaseInfo& rel : report.releases)
      if (!rel.has_vulnerabilities)
        options.diagnostics.warn(Error("no vulnerabilities array (not scanned?): findings compared against it show as new or fixed")
                                     .in_file(rel.label));
  // The steps, then (with more than two releases) the first against the last.
  const std::size_t n = releases.size();
  std::vector<Step> steps(n == 2 ? 1 : n);
  parallel_for(steps.size(), [&](std::size_t i) {
    steps[i] = i + 1 < n ? compare_step(i, i + 1, prepared[i], prepared[i + 1], aliases)
                         : compare_step(0, n - 1, prepared.front(), prepared.back(), aliases);
  });
  report.overall = std::move(steps.back());
  steps.pop_back();
  report.steps = std::move(steps);
  if (options.keep_new_findings) {
    std::set<FindingKey> fresh;
    for (const auto& f : report.overall.findings)
      if (f.status == FindingStatus::kNew || f.status == FindingStatus::kUnsuppressed) fresh.emplace(f.id, f.component);
    policy::Report& kept = evaluated.back();
    std::string rule = options.fail_on_new ? "--fail-on-new " + std::string(policy::severity_lower(*options.fail_on_new)) : "";
    for (auto& f : kept.findings) {
      if (f.id.empty() || !fresh.count({aliases.preferred(aliases.group_of(f.id)), finding_component_key(f, prepared.back().index)})) continue;
      f.broken.clear();
      if (options.fail_on_new && !f.suppressed && f.severity >= *options.fail_on_new && f.severity != Severity::Unknown)
        f.broken.push_back(rule);
      report.new_findings.findings.push_back(std::move(f));
    }
  }
  // Each index is 100,000 entries and their strings: given back on all cores too.
  parallel_for(prepared.size(), [&](std::size_t i) { prepared[i] = {}; });

  if (options.fail_on_new) {
    Severity at = *options.fail_on_new;
    std::size_t n = 0;
    for (const auto& f : report.overall.findings)
      if ((f.status == FindingStatus::kNew || f.status == FindingStatus::kUnsuppressed) && f.severity_after &&
          *f.severity_after >= at && *f.severity_after != Severity::Unknown)
        ++n;
    if (n > 0)
      report.violations.push_back("--fail-on-new " + std::string(policy::severity_lower(at)) + ": " +
                                  std::to_string(n) + (n == 1 ? " new finding" : " new findings") + " at or above " +
                                  std::string(policy::severity_lower(at)));
  }
  if (options.fail_on_added && !report.overall.components.added.empty()) {
    std::size_t n = report.overall.components.added.size();
    report.violations.push_back("--fail-on-added: " + std::to_string(n) + (n == 1 ? " component" : " components") +
                                " added");
  }
  if (options.keep_new_findings) {
    policy::Report& nf = report.new_findings;
    nf.violations = report.violations;
    for (auto& f : nf.findings) {
      f.counted = !f.suppressed;
      if (f.suppressed) ++nf.suppressed;
      else ++nf.counts[static_cast<std::size_t>(f.severity)];
    }
  }
  return report;
}

std::optional<Format> parse_format(std::string_view s) {
  if (s == "text") return Format::kText;
  if (s == "markdown") return Format::kMarkdown;
  if (s == "json") return Format::kJson;
  if (s == "html") return Format::kHtml;
  return std::nullopt;
}

namespace {

void write_to(const Report& r, Format f, detail::Out& out) {
  switch (f) {
    case Format::kText: return detail::write_text(r, out);
    case Format::kMarkdown: return detail::write_markdown(r, out);
    case Format::kJson: return detail::write_json(r, out);
    case Format::kHtml: return detail::write_html(r, out);
  }
}

}  // namespace

std::string format(const Report& r, Format f) {
  detail::Out out;
  write_to(r, f, out);
  return std::move(out.text());
}

void write(const Report& r, Format f, const json::Sink& sink) {
  detail::Out out(&sink);
  write_to(r, f, out);
  out.finish();
}

std::string format_text(const Report& r) { return format(r, Format::kText); }
std::string format_markdown(const Report& r) { return format(r, Format::kMarkdown); }
std::string format_json(const Report& r) { return format(r, Format::kJson); }
std::string format_html(const Report& r) { return format(r, Format::kHtml); }

}  // namespace sbom::diff
