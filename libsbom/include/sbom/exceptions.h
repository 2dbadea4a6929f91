// The exception ledger: documented, owned, expiring exceptions applied to findings as VEX analysis.
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include "sbom/diagnostics.h"
#include "sbom/error.h"
#include "sbom/json.h"
#include "sbom/model.h"

namespace sbom::exceptions {

/// A calendar date (UTC), compared as days since 1970-01-01.
struct Date {
  std::int64_t days = 0;
  /// A full-date "YYYY-MM-DD" or an RFC 3339 date-time ("YYYY-MM-DDTHH:MM:SS[.frac](Z|+HH:MM)",
  /// which names the UTC day of that instant); anything else (ranges, trailing text) is rejected,
  /// with the reason in `why` when given.
  static std::optional<Date> parse(std::string_view text, std::string* why = nullptr);
  static Date from_epoch_seconds(std::int64_t s);
  std::string to_string() const;  ///< "YYYY-MM-DD"
  auto operator<=>(const Date&) const = default;
};

/// A problem found by `lint` (or, from the schema, while loading): where it is, what it is.
struct Problem {
  std::uint32_t line = 0, column = 0;
  std::string message;
  /// The entry member the schema found it in ("status", "scope/purl"; "" for a missing member or
  /// what lint finds itself).
  std::string member;
};

struct Scope {
  std::string purl;      ///< purl or pattern ('*' matches any run of characters); empty = any
  std::string versions;  ///< optional constraints "OP V[, OP V...]" (OP: < <= = != >= >), all must hold
  std::string image;     ///< optional pattern on metadata.component name/purl
  std::string path;      ///< optional pattern on the component's locations (sbomkit:path, Trivy's, Syft's, evidence)
  /// optional: "fixed" (the finding records a fixed version for the component) or "not-fixed"
  /// (it records none)
  std::string fix_state;
};

struct Entry {
  std::size_t index = 0;  ///< 0-based position in the file
  std::uint32_t line = 0, column = 0;
  std::string id;  ///< vulnerability id; aliases of it match too
  Scope scope;
  std::string status;         ///< CycloneDX analysis state: not_affected, false_positive, resolved, exploitable, in_triage, resolved_with_pedigree
  std::string justification;  ///< CycloneDX justification (code_not_present, ...)
  std::vector<std::string> response;
  std::string reason;
  std::string owner;
  std::string expires_text;
  std::optional<Date> expires;
  std::string ticket;
  std::string created;
  /// "FILE:LINE" — how an entry is named in reports and in the properties it writes.
  std::string label;
  /// What schemas/exceptions.schema.json finds wrong in the entry that its owner is to fix (a
  /// missing member, a value outside an enum or pattern, an empty string), worded "ID: ...";
  /// `lint` lists them with its own findings.
  std::vector<Problem> problems;
};

struct LedgerPolicy {
  std::optional<std::int64_t> max_horizon_days;  ///< longest allowed distance from today to expiry
  std::vector<std::string> justification_required = {"not_affected"};
};

struct Ledger {
  std::string file;
  LedgerPolicy policy;
  std::vector<Entry> entries;
};


/// Parses an exceptions file (YAML or JSON), enforced by schemas/exceptions.schema.json (compiled
/// in). A file the schema breaks outside what an entry's owner is to fix (wrong types, unknown
/// members, the version, the policy, a date that is no date at all, a fix-state outside its enum)
/// is an error naming the first place in document order; what is to fix inside an entry (a missing
/// member, a value outside an enum or pattern, an empty reason or owner) is kept in
/// `Entry::problems` for `lint`, which reports everything at once.
Expected<Ledger> parse_ledger(std::string_view text, std::string_view name);

/// Every problem of the ledger: what the schema found in each entry (`Entry::problems`), then what
/// no schema can say: a date that does not exist, expiry beyond the horizon (relative to `today`)
/// or past, a justification the policy requires, the stricter CVE and GHSA id shapes, duplicate
/// and conflicting entries, placeholders left by `import`. Sorted by line and column.
std::vector<Problem> lint(const Ledger& ledger, Date today);

/// Whether `id` is a well-formed vulnerability id (CVE-YYYY-N+, GHSA-xxxx-xxxx-xxxx, PYSEC-, GO-,
/// RUSTSEC-, DSA-/DLA-, USN-, ALSA-/RHSA-..., OSV-, MAL-, or PREFIX-rest with an upper-case prefix).
bool well_formed_id(std::string_view id);

/// The placeholder `import` writes for a missing owner or expiry; lint rejects it.
inline constexpr std::string_view kPlaceholder = "TODO-set-by-owner";

struct Application {
  std::size_t entry = 0;          ///< index into ledger.entries
  std::string vulnerability_id;
  std::string component_ref;
};

struct ApplyResult {
  std::vector<Application> applied;
  std::vector<std::size_t> expired;        ///< entries not applied because they expired
  /// entries not applied: no valid expiry date, or something the schema says its owner is to fix
  /// (no reason or owner, a status outside the analysis states, ...: `invalid_reason`, and lint)
  std::vector<std::size_t> invalid;
  std::vector<std::size_t> expiring_soon;  ///< applied, but expire within the warning window
  std::vector<std::size_t> stale;          ///< unexpired entries that matched no finding
  std::vector<std::size_t> entries_used;   ///< distinct entries that covered something
};

/// Why `e` cannot be applied ("" when it can): an exception suppresses findings only when it is
/// whole — a real expiry date, and none of the schema's to-fix problems (an entry with no owner or
/// reason, or a status that is no analysis state, would write an undocumented or schema-invalid
/// analysis). The first reason, as lint words it.
std::string invalid_reason(const Entry& e);

/// Applies every unexpired entry to the document's vulnerabilities: a vulnerability whose
/// affected components are all covered gets `analysis` and properties; when only some are
/// covered, the vulnerability is split so the uncovered components keep their finding.
ApplyResult apply(const Ledger& ledger, Document& doc, Date today, std::int64_t warn_within_days);

/// Whether `text` matches `pattern` where '*' matches any run of characters.
bool glob_match(std::string_view pattern, std::string_view text);

}  // namespace sbom::exceptions

namespace sbom::exceptions {

/// One row of `sbom-exceptions report`.
struct ReportRow {
  const Entry* entry = nullptr;
  std::string state;  ///< active, expiring, expired, stale, invalid
  std::optional<std::int64_t> days_left;
  std::size_t findings = 0;  ///< findings covered in the SBOM
  bool measured = false;     ///< whether an SBOM was given (otherwise `findings` means nothing)
};

enum class ReportFormat { Text, Markdown, Json };

/// Rows for every entry. With a document, coverage and staleness come from applying the ledger
/// to a copy of it; without one, an entry is never called stale.
std::vector<ReportRow> report_rows(const Ledger& ledger, const Document* doc, Date today, std::int64_t warn_within_days);
std::string format_report(const std::vector<ReportRow>& rows, ReportFormat fmt, Date today);

/// The apply summary printed on stderr (suppressed counts per entry, expired, expiring, stale).
std::string format_apply_summary(const Ledger& ledger, const ApplyResult& r, Date today);

}  // namespace sbom::exceptions

namespace sbom::exceptions {

enum class ImportFormat { TrivyIgnore, TrivyIgnoreYaml, Grype, OpenVex, CycloneDxVex };

struct ImportResult {
  std::vector<Entry> entries;
  std::size_t missing_owner = 0;   ///< entries written with the placeholder owner
  std::size_t missing_expiry = 0;  ///< entries written with the placeholder expiry
  std::size_t missing_reason = 0;  ///< entries written with the placeholder reason
  std::vector<std::string> skipped;  ///< what could not be converted, and why
};

/// Converts another tool's ignore/VEX file into ledger entries. Nothing is invented: a value the
/// source does not have is written as kPlaceholder (which lint rejects) and counted.
Expected<ImportResult> import_file(ImportFormat fmt, std::string_view text, std::string_view name);

/// The ledger as our YAML exceptions file (version 1), deterministic.
std::string to_yaml(const std::vector<Entry>& entries);

enum class ExportFormat { OpenVex, CycloneDxVex };

struct ExportOptions {
  ExportFormat format = ExportFormat::OpenVex;
  Date today;                      ///< entries expired before it are left out; the document's timestamp
  std::string author = "sbomkit";  ///< the document's author (OpenVEX requires one)
  /// Entries a VEX product cannot name exactly (versions, path; an image, for CycloneDX) are
  /// written as the components of this SBOM they cover; without one they are refused.
  const Document* sbom = nullptr;
  std::string sbom_name;
};

/// A VEX document of the ledger's unexpired entries that never covers more than they do. Owner,
/// expiry, ticket and created travel with each entry (OpenVEX: a `sbomkit-exception: {json}`
/// line ending status_notes — its schema admits no extension members; CycloneDX: properties) and
/// `import` reads them back. An entry that cannot be written without widening is an error naming
/// it; one that covers nothing in `sbom` is left out, a warning to `diagnostics`.
Expected<json::Value> export_vex(const Ledger& ledger, const ExportOptions& opts, const Diagnostics& diagnostics = {});

}  // namespace sbom::exceptions
