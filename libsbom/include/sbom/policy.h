// The policy gate: from a document with vulnerabilities to findings, counts and a verdict that
// names the rule each finding broke.
#pragma once

#include <array>
#include <cstddef>
#include <map>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "sbom/cvss.h"
#include "sbom/error.h"
#include "sbom/json.h"
#include "sbom/model.h"
#include "sbom/provenance.h"

namespace sbom::policy {

/// Gate severities, lowest first (the CVSS module's scale: Unknown, None, Low, Medium, High,
/// Critical). `None` is the CycloneDX "none"/"info" rating.
using Severity = cvss::Severity;
inline constexpr std::size_t kSeverityCount = 6;

/// "critical" ... "unknown" (case-insensitive; "info" and "negligible" read as None,
/// "moderate"/"important" as Medium/High, the words vendors use).
std::optional<Severity> parse_severity(std::string_view s);
/// "CRITICAL", "HIGH", ...
std::string_view severity_name(Severity s);
std::string_view severity_lower(Severity s);

/// How a finding's severity is chosen from its ratings: a list of sources tried in order.
/// Each entry is a rating source name (e.g. "nvd", "ghsa", "debian"; case-insensitive) or one of:
///   vendor  the rating whose source is the vulnerability's own source (the advisory that
///           reported it: Trivy's data source, our OSV record), else a rating from a source other
///           than NVD that carries a qualitative severity;
///   cvss    the highest CVSS base score among all ratings (score as written, or computed from
///           the vector), banded by its CVSS version;
///   max     the highest qualitative severity of any rating.
/// The default is {"vendor", "cvss", "max"}.
std::vector<std::string> default_severity_sources();

struct Policy {
  std::optional<Severity> fail_on;  ///< fail when a counted finding is at or above; nullopt = never
  std::array<std::optional<std::size_t>, kSeverityCount> max{};  ///< per-severity count limits
  bool fixable_only = false;        ///< count only findings with a known fixed version
  /// Leave out findings the vendor will not fix (sbomkit:vendor:state ignored, end-of-life or
  /// will-not-fix) / whose vendor urgency is unimportant. Each is a choice of its own; a finding
  /// any choice leaves out is counted once, under the first of: suppressed, --ignore-wont-fix,
  /// --ignore-vendor-unimportant, --fixable-only.
  bool ignore_wont_fix = false;
  bool ignore_vendor_unimportant = false;
  std::optional<Severity> unknown_as;  ///< what a finding without a usable rating counts as
  std::vector<std::string> severity_sources = default_severity_sources();
  bool fail_on_kev = false;                   ///< fail on a counted finding in CISA's KEV catalog
  std::optional<double> epss_min;             ///< fail on a counted finding with an EPSS score at or above
  std::optional<double> epss_percentile_min;  ///< fail on a counted finding with an EPSS percentile at or above
  /// Kinds of finding judged (sbom/findings.h: vulnerability, secret, hygiene, eol); empty: all.
  std::vector<std::string> kinds;
  std::vector<std::string> exclude_kinds;  ///< kinds left out (they are neither counted nor listed)
  /// Whether findings of `kind` are judged under this policy.
  bool judges(std::string_view kind) const;

  /// sbom-gate's other options, when the policy file sets them (the tool applies them where no
  /// flag does; the library only checks their types). Each remembers where the file set it.
  struct Setting {
    std::string value;            ///< as written ("true"/"false" for booleans, digits for counts)
    json::Position position;
    std::string pointer;
  };
  std::optional<Setting> top, summary_format, summary, allow_unscanned, output, report_severity;
  std::vector<Setting> reports;   ///< "FORMAT[=FILE]" each
};

/// The shortest text that reads back as `v` ("0.5", "0.95"): how thresholds are named in rules.
std::string number_text(double v);
/// Parses an EPSS threshold (a number from 0 to 1) given to `what` (a flag name, for the message).
Expected<double> parse_probability(std::string_view text, std::string_view what);

/// Reads a policy file (JSON; the shape of schemas/policy.schema.json). Unknown members and bad
/// values are errors naming the JSON Pointer and position.
Expected<Policy> parse_policy(std::string_view text, std::string_view name);
/// Parses `vendor,cvss,nvd` into `p.severity_sources` (an empty name is an error).
Status parse_severity_sources(std::string_view list, Policy& p);
/// Parses a comma-separated list of kinds (`secret,hygiene`) into `out`; an unknown kind is an error.
Status parse_kinds(std::string_view list, std::vector<std::string>& out);
/// Parses `critical=0,high=3` into `p.max`.
Status parse_max(std::string_view spec, Policy& p);

struct Finding {
  std::string id;
  std::string kind = "vulnerability";  ///< sbomkit:finding:kind (secret, hygiene, eol), else vulnerability
  std::size_t vulnerability = 0;      ///< index in the document's vulnerabilities
  std::vector<std::string> aliases;   ///< references[].id other than id
  Severity severity = Severity::Unknown;   ///< as counted (after --unknown-as)
  Severity rated = Severity::Unknown;      ///< from the ratings alone
  std::string severity_basis;         ///< e.g. "debian", "CVSSv31 9.8 (NVD)", "no rating"
  std::string severity_source;        ///< source name of the rating that decided; "" when none did
  /// Records of rating sources that lent the vulnerability its ratings (sbom-match's
  /// `sbomkit:ratings:from_alias`), e.g. GHSA-…; empty when its own records rated it.
  std::vector<std::string> ratings_from_alias;
  /// From sbom-match's properties: the KEV entry's CVE ("" when not listed), EPSS score and
  /// percentile as written ("" when none).
  std::string kev;
  std::string epss;
  std::string epss_percentile;
  std::string component_ref;
  /// The component component_ref names in the evaluated document (the first with that bom-ref),
  /// null when it names none; valid while that document lives. The reports join on it instead of
  /// looking every ref up again.
  const Component* component = nullptr;
  std::string origin;                 ///< the component's sbomkit:layer:origin (base, image), "" when not told
  std::string package;                ///< purl, or name, or the ref
  std::string installed;              ///< installed version
  std::vector<std::string> fixed;     ///< fixed versions when known
  std::string state;                  ///< analysis.state
  /// The vendor's verdict on this component (sbom-match's sbomkit:vendor:state and :urgency for
  /// its bom-ref), e.g. "postponed", "unimportant"; empty when no distro feed said.
  std::string vendor_state;
  std::string vendor_urgency;
  std::string hidden_by;              ///< the choice that left it out of the counts ("--fixable-only", ...), when suppressed is false
  bool suppressed = false;            ///< not_affected, false_positive, resolved
  bool counted = false;               ///< counts toward the policy (not suppressed, fixable when required)
  std::vector<std::string> broken;    ///< the rules this finding broke, e.g. "--fail-on high"
};

struct Report {
  std::array<std::size_t, kSeverityCount> counts{};  ///< counted findings per severity
  std::size_t suppressed = 0;
  std::size_t not_fixable = 0;        ///< findings left out by --fixable-only
  std::size_t wont_fix = 0;           ///< findings left out by --ignore-wont-fix
  std::size_t vendor_unimportant = 0; ///< findings left out by --ignore-vendor-unimportant
  /// Counted findings per kind and severity, and findings of kinds left out by --kinds or
  /// --exclude-kind (they are not in `findings`), both by kind name.
  std::map<std::string, std::array<std::size_t, kSeverityCount>> kind_counts;
  std::map<std::string, std::size_t> excluded_kinds;
  /// Counted findings per origin ("base", "image", "" for not attributed) and severity.
  std::map<std::string, std::array<std::size_t, kSeverityCount>> origin_counts;
  std::vector<Finding> findings;      ///< every finding judged, most severe first
  std::vector<std::string> violations;  ///< one line per broken rule
  /// The index the document was scanned with (sbom/provenance.h) and its age in whole days at
  /// the gate's clock, when known. Display only: the summary names it, and says when it is stale
  /// (older than kIndexMaxAgeDays) or its signature was not verified; the verdict ignores it.
  std::optional<IndexProvenance> index;
  std::optional<std::int64_t> index_age_days;
  bool violated() const { return !violations.empty(); }
};

/// Counted findings per origin (Report::origin_counts) as one line: "base image: CRITICAL:1
/// HIGH:3 · your layers: HIGH:1" (and "not attributed: …" when some are not); "" when no finding
/// is attributed. sbom-gate's summary and sbom-diff both write it.
std::string origin_text(const std::map<std::string, std::array<std::size_t, kSeverityCount>>& by_origin);

/// Whether the document shows a vulnerability scan: it has a `vulnerabilities` member (an empty
/// array too: a scan that found nothing), or `metadata.tools` (legacy array or 1.5+
/// `tools.components`/`tools.services`) names a tool that only scans (sbom-match, Grype,
/// osv-scanner). Trivy is recognised by the `vulnerabilities` it writes when it scans: it also
/// writes SBOMs without scanning, so its name alone proves nothing.
bool was_scanned(const Document& doc);
/// An error naming `file` when the document shows no scan (the tools that judge findings stop on
/// it unless told `--allow-unscanned`).
Status require_scanned(const Document& doc, std::string_view file);
/// An error naming `file` when the document is SPDX 2.x, which cannot carry findings at all:
/// judging it would pass on nothing, whatever the scan found. sbom-gate and sbom-diff stop on it
/// unless told `--allow-unscanned` (then they warn); sbom-exceptions always stops.
Status require_findings_format(const Document& doc, std::string_view file);

/// Whether a vendor state says the vendor will not fix the finding (Debian's "ignored" and
/// "end-of-life", Red Hat's "will-not-fix" and "out-of-support").
bool is_wont_fix(std::string_view vendor_state);
/// Whether a vendor urgency is Debian's "unimportant" (a trailing "**" ignored).
bool is_vendor_unimportant(std::string_view urgency);

/// One finding per (vulnerability, affected component); a vulnerability that names no
/// component is one finding.
Report evaluate(const Document& doc, const Policy& policy);

/// The index the findings were judged with, as every summary and report names it: "index:
/// sha256:… built … (1 source), 9 days old (stale: older than 7 days), signature not verified";
/// empty when the document names no index.
std::string index_line(const Report& r);
/// The same without the "index: " label, for reports that name the field otherwise.
std::string index_words(const Report& r);
/// Older than sbom-match's default --max-db-age at the gate's clock.
bool index_stale(const Report& r);
/// The same as a JSON object for machine-read summaries and reports: digest, built, sources,
/// signature_verified, and age_days and stale when the age is known; {} without an index.
json::Value index_object(const Report& r);

enum class SummaryFormat { Text, Json, Markdown };
/// The summary the gate prints: counts line, then the top `top` findings (counted ones first).
std::string format_summary(const Report& r, const Policy& p, SummaryFormat fmt, std::size_t top);

/// Appends `s` as the text of a Markdown table cell: markup characters escaped, newlines as
/// spaces (the gate's summary and the reports share it).
void append_markdown_cell(std::string& out, std::string_view s);

/// The severity of one vulnerability by the policy's rule, the basis it was chosen on, and the
/// source name of the rating that decided (the vulnerability's own source for a rating without one).
Severity rate(const Vulnerability& v, const std::vector<std::string>& sources, std::string* basis = nullptr,
              std::string* source = nullptr);

/// The fixed versions a finding records for affected component `a` (nullptr: any), in the order
/// found; empty when none is known. sbom-gate's --fixable and sbom-exceptions' fix-state use it.
std::vector<std::string> fixed_versions(const Vulnerability& v, const Affect* a);

}  // namespace sbom::policy
