// Vulnerability-aware SBOM diff: components and findings between releases, drift across several,
// a baseline gate, and the reports sbom-diff prints (text, Markdown, JSON, HTML).
#pragma once

#include <array>
#include <map>
#include <cstddef>
#include <cstdint>
#include <optional>
#include <span>
#include <string>
#include <string_view>
#include <vector>

#include "sbom/diagnostics.h"
#include "sbom/error.h"
#include "sbom/json.h"
#include "sbom/model.h"
#include "sbom/policy.h"
#include "sbom/provenance.h"

namespace sbom::diff {

using policy::Severity;
using policy::kSeverityCount;

/// One release to compare: the document and the label reports show for it (usually the file name).
struct Release {
  std::string label;
  const Document* doc = nullptr;
};

struct Options {
  /// How a finding's severity is chosen (the gate's rule, see policy::rate).
  std::vector<std::string> severity_sources = policy::default_severity_sources();
  /// Gate: fail when a finding at or above this severity is new in the latest release
  /// (relative to the first); nullopt = no such rule.
  std::optional<Severity> fail_on_new;
  /// Gate: fail when the latest release has a component the first one does not.
  bool fail_on_added = false;
  /// Keep the latest release's findings that are new against the first (Report::new_findings),
  /// for reports of what a release introduced.
  bool keep_new_findings = false;
  /// What the reader should know about the comparison itself (a release that was never scanned
  /// among scanned ones: findings against it show as new or fixed).
  Diagnostics diagnostics;
};

/// A component as reports show it.
struct ComponentInfo {
  std::string key;      ///< identity: "pkg:type/ns/name" from the purl, else "type:group/name"
  std::string display;  ///< purl without version and qualifiers, or group/name
  std::string version;
  std::string type;
  std::string location;  ///< where the producer found it, when it says (a path property)
};

enum class VersionChange { kNone, kUpgrade, kDowngrade, kChanged };
std::string_view to_string(VersionChange c);  ///< "", "upgrade", "downgrade", "changed"

/// A component present in both releases whose version, licenses or hashes differ.
struct ComponentChange {
  ComponentInfo before;
  ComponentInfo after;
  VersionChange version = VersionChange::kNone;
  /// Licenses (id, name or expression), sorted; reported only when both sides name some.
  std::vector<std::string> licenses_before, licenses_after;
  bool license_changed = false;
  /// Same version, but a digest of an algorithm both sides carry differs.
  bool hash_changed = false;
  std::string hash_alg;  ///< the algorithm that differs
};

struct ComponentDiff {
  std::vector<ComponentInfo> added;
  std::vector<ComponentInfo> removed;
  std::vector<ComponentChange> changed;  ///< sorted by display name
  std::size_t count(VersionChange c) const;
  std::size_t license_changes() const;
  std::size_t hash_changes() const;
  bool empty() const { return added.empty() && removed.empty() && changed.empty(); }
};

enum class FindingStatus {  // in the order reports list them
  kNew,             ///< active in the later release, absent from the earlier
  kUnsuppressed,    ///< suppressed before, active now (the exception was withdrawn or expired)
  kFixed,           ///< in the earlier release, gone from the later
  kSuppressed,      ///< active (or absent) before, suppressed by an exception now: not fixed
  kPersisting,      ///< active in both
  kStillSuppressed, ///< suppressed in both
};
std::string_view to_string(FindingStatus s);  ///< "new", "fixed", "persisting", ...

/// What kind of change made a finding appear, go, or change (docs/diff.md, "Why").
enum class Cause {
  kNone,      ///< nothing to explain (a persisting finding whose severity stayed)
  kPackage,   ///< the component was added, removed, upgraded or downgraded
  kAdvisory,  ///< the advisory data changed: a record published, withdrawn, its ranges edited, re-rated
  kAnalysis,  ///< an exception or VEX statement was applied, expired or removed
  kUnknown,   ///< same package version, same index, same analysis: the scans themselves differ
};
std::string_view to_string(Cause c);  ///< "", "package", "advisory", "analysis", "unknown"

struct Why {
  Cause cause = Cause::kNone;
  /// The change within the cause: package "added", "removed", "upgrade", "downgrade", "changed";
  /// advisory "published", "withdrawn", "edited", "rerated"; analysis "applied", "expired",
  /// "removed"; unknown "scan-differs", "unscanned".
  std::string change;
  std::string detail;  ///< one line for people: "upgraded to 1.2", "DSA-1 published 2026-01-03"
};

/// One finding (vulnerability x component identity) across two releases.
struct FindingChange {
  FindingStatus status = FindingStatus::kNew;
  std::string id;                    ///< preferred id of the alias group (a CVE when there is one)
  std::vector<std::string> aliases;  ///< the group's other ids, sorted
  std::string component;             ///< component key
  std::string package;               ///< as shown
  std::string installed_before, installed_after;
  std::optional<Severity> severity_before, severity_after;  ///< nullopt where absent
  std::string state;                 ///< analysis.state in the later release
  std::vector<std::string> fixed_in; ///< fixed versions when a release names them
  std::string note;                  ///< why a finding went away: "component removed", "now 1.2" (kept for readers of old reports; `why` says more)
  Why why;                           ///< why it is new, fixed, (un)suppressed or re-rated
  Severity severity() const { return severity_after ? *severity_after : severity_before.value_or(Severity::Unknown); }
  bool severity_changed() const {
    return severity_before && severity_after && *severity_before != *severity_after;
  }
  /// The CVE of the finding's CISA KEV entry (sbom-match's `sbomkit:kev:cve`) in each release; "" when not listed.
  std::string kev_before, kev_after;
  /// In both releases, and KEV-listed in the later one only: exploited in the wild since.
  /// The advisory links of the finding's records (advisory_links), the later release's first.
  std::vector<std::string> links;
  bool became_kev() const {
    return !kev_after.empty() && kev_before.empty() && status != FindingStatus::kNew && status != FindingStatus::kFixed &&
           status != FindingStatus::kSuppressed;
  }
};

/// Severity counts of one release: active findings per severity, suppressed ones apart.
struct Counts {
  std::array<std::size_t, kSeverityCount> by_severity{};
  std::size_t suppressed = 0;
  std::size_t components = 0;
  /// Active findings per origin of their component (base, image; "" not attributed) and severity.
  std::map<std::string, std::array<std::size_t, kSeverityCount>> by_origin;
  std::size_t critical_high() const;
};

/// How the vulnerability index changed between two releases, from the provenance sbom-match
/// recorded in each document (sbom/provenance.h).
struct IndexChange {
  bool known = false;    ///< both documents name their index
  bool changed = false;  ///< known, and the index digest or a source differs
  /// Sources by path: added, removed, and present in both with another digest.
  std::vector<std::string> sources_added, sources_removed, sources_changed;
};

/// The comparison of two releases (indexes into Report::releases).
struct Step {
  std::size_t from = 0, to = 0;
  ComponentDiff components;
  /// False when the two documents come from different tools: licence detection is the tool's
  /// own (SPDX ids, or-later forms, Expat vs MIT), so only one tool's readings are compared.
  bool licenses_compared = true;
  std::vector<FindingChange> findings;  ///< every finding of either release, by status then severity
  IndexChange index;
  /// The same components scanned again with another index: every change is the advisory data's
  /// (or the analysis's).
  bool rescan() const { return components.empty() && index.changed; }
  std::size_t count(FindingStatus s) const;
  std::size_t count(Cause c) const;  ///< findings whose change has this cause
  std::size_t severity_changes() const;
  std::size_t kev_listings() const;  ///< findings that became KEV-listed (FindingChange::became_kev)
  /// Whether anything differs (persisting findings whose severity and KEV listing are unchanged do not count).
  bool differs() const;
};

struct ReleaseInfo {
  std::string label;
  std::string subject;  ///< metadata.component as name@version, when present
  std::string producer; ///< the first tool in metadata.tools ("trivy", "sbom-gen"), when named
  Counts counts;
  bool has_vulnerabilities = false;  ///< the document carries a vulnerabilities array
  std::optional<IndexProvenance> index;  ///< the index sbom-match scanned it with, when recorded
  /// The image the document describes, when metadata.component is a container: its name with the
  /// tag ("example/app:1.2"), and its manifest digest ("sha256:…", from sbom-gen's property, the
  /// oci purl's version or the component's SHA-256), "" when the document does not say.
  std::string image, image_digest;
  /// The image's config digest (its image id: all a docker-archive has), "" when not recorded.
  std::string image_id;
  /// Every tool metadata.tools names, in document order: "sbom-gen 0.1.0", "trivy 0.50.1".
  std::vector<std::string> tools;
};

struct Report {
  std::vector<ReleaseInfo> releases;
  Step overall;  ///< first release to last
  /// Each release to the next, when there are more than two; empty for two, where the one step
  /// is `overall` (a second copy of a comparison of 100,000 changes would be 100 MB).
  std::vector<Step> steps;
  /// Each release to the next: `steps`, or `overall` alone for two releases.
  std::span<const Step> each_step() const {
    return steps.empty() ? std::span<const Step>(&overall, 1) : std::span<const Step>(steps);
  }
  std::vector<std::string> violations;  ///< gate rules broken, one line each
  /// When and by what the report was made: set by the caller (sbom-diff: --now, else
  /// SOURCE_DATE_EPOCH, else the clock), shown by the HTML report; nullopt/"" leave them out.
  std::optional<std::int64_t> made_at;
  std::string made_by;  ///< "sbom-diff 0.1.0"
  /// With Options::keep_new_findings: the latest release's findings (as policy::evaluate gives
  /// them, of the last document) whose finding is new or unsuppressed in `overall`; a finding
  /// at or above --fail-on-new names that rule in `broken`.
  policy::Report new_findings;

  /// Change of active findings per severity, last minus first.
  std::array<long long, kSeverityCount> delta() const;
  /// Percentage by which Critical+High went down from first to last (negative: went up);
  /// nullopt when the first release has none.
  std::optional<double> critical_high_reduction() const;
  bool differs() const;
};

/// Compares two or more releases in order (the first is the baseline).
Expected<Report> compare(const std::vector<Release>& releases, const Options& options = {});

enum class Format { kText, kMarkdown, kJson, kHtml };
/// "text", "markdown", "json", "html"; nullopt otherwise.
std::optional<Format> parse_format(std::string_view s);

/// The report in one format. Output is deterministic (no clock, no randomness).
std::string format(const Report& r, Format f);
/// The same text handed to `sink` in pieces as it is made (a report of 100,000 changes is tens
/// of MB, which then never sits whole in memory).
void write(const Report& r, Format f, const json::Sink& sink);
std::string format_text(const Report& r);
std::string format_markdown(const Report& r);
std::string format_json(const Report& r);  ///< follows schemas/diff.schema.json
std::string format_html(const Report& r);  ///< one self-contained page, no external resources

}  // namespace sbom::diff
