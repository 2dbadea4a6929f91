// OSV vulnerability records (ossf/osv-schema): the typed model, the parser with validation, and
// the evaluation of `affected` entries (ranges, events, `versions` lists) against one version.
#pragma once

#include <cstddef>
#include <string>
#include <string_view>
#include <vector>

#include "sbom/error.h"
#include "sbom/json.h"
#include "sbom/version.h"

namespace sbom::osv {

struct Event {
  enum class Kind { kIntroduced, kFixed, kLastAffected, kLimit };
  Kind kind = Kind::kIntroduced;
  std::string version;
  bool operator==(const Event&) const = default;
};

/// "introduced", "fixed", "last_affected", "limit".
std::string_view to_string(Event::Kind kind);

enum class RangeType { kSemver, kEcosystem, kGit };

struct Range {
  RangeType type = RangeType::kEcosystem;
  std::string repo;  ///< required for GIT ranges
  std::vector<Event> events;
  bool operator==(const Range&) const = default;
};

/// "SEMVER", "ECOSYSTEM", "GIT".
std::string_view to_string(RangeType type);

/// A `severity` entry: CVSS_V2 / CVSS_V3 / CVSS_V4 vectors, or "Ubuntu" with a priority word.
struct Severity {
  std::string type;
  std::string score;
  bool operator==(const Severity&) const = default;
};

struct Package {
  std::string ecosystem;  ///< as written, e.g. "Debian:12", "PyPI"
  std::string name;
  std::string purl;
  bool operator==(const Package&) const = default;
};

struct Affected {
  Package package;  ///< empty ecosystem and name when the entry has no `package` (GIT-only entries)
  std::vector<Severity> severity;
  std::vector<Range> ranges;
  std::vector<std::string> versions;
  json::Value ecosystem_specific;  ///< null when absent
  json::Value database_specific;   ///< null when absent
  /// Every field; the free-form objects structurally (json::Value's ==: positions and member order aside).
  bool operator==(const Affected&) const = default;
};

struct Reference {
  std::string type;
  std::string url;
  bool operator==(const Reference&) const = default;
};

struct Record {
  std::string schema_version;
  std::string id;
  std::string modified;
  std::string published;
  std::string withdrawn;  ///< timestamp; non-empty means the record must not be used for matching
  std::vector<std::string> aliases;
  std::vector<std::string> related;
  std::vector<std::string> upstream;
  std::string summary;
  std::string details;
  std::vector<Severity> severity;
  std::vector<Affected> affected;
  std::vector<Reference> references;
  json::Value database_specific;  ///< null when absent

  bool is_withdrawn() const { return !withdrawn.empty(); }
  /// Every field, as Affected's ==.
  bool operator==(const Record&) const = default;
};

/// Parses one OSV record from JSON text, checking it against the OSV schema's structural rules
/// (types, required members, one event kind per event, `repo` for GIT ranges, an `introduced` event
/// in every range, no member the record is read by given twice). Errors carry `name` as the file,
/// the JSON Pointer of the offending value and its line:column, e.g. `a.json:12:9: at
/// /affected/0/ranges/0/events/1: event has no introduced, fixed, last_affected or limit`. Unknown
/// members are ignored, as the schema allows.
Expected<Record> parse_record(std::string_view text, std::string_view name);

/// parse_record() for a record given as a tree (YAML records, converted feeds): the same reader and
/// the same errors, placed at the tree's positions.
Expected<Record> from_json(const json::Value& root, std::string_view name);
/// The same, leaving the tree's compact text (what the record was read from) in `text`: for a
/// caller that keeps that text too, so the tree is written once.
Expected<Record> from_json(const json::Value& root, std::string_view name, std::string& text);

/// parse_record() for the records of the vulnerability index (the same checks: an index file is
/// input like any other).
Expected<Record> parse_stored_record(std::string_view text, std::string_view name);

/// How one `affected` entry relates to one version.
struct Decision {
  bool affected = false;
  /// Listed in the entry's `versions` (OSV counts a listed version as affected whatever the ranges say).
  bool in_versions_list = false;
  /// The range that decided (affected: the one that includes the version); -1 when none did.
  int range_index = -1;
  /// Human-readable reason, e.g. "range 0 (ECOSYSTEM): introduced 0 <= 1.2 < fixed 1.5",
  /// "range 0 (SEMVER): fixed 1.5 <= 1.7", "listed in versions".
  std::string reason;
  /// When affected: the `fixed` versions that close the interval holding the version, per
  /// including range (sorted, unique); empty when no fix is known (open range, last_affected).
  std::vector<std::string> fixed;
  /// GIT ranges (and ranges whose type this library cannot order) that were not evaluated.
  int skipped_ranges = 0;
};

/// Evaluates one affected entry at `version`: `versions` list first, then every SEMVER and
/// ECOSYSTEM range by the algorithm of the OSV schema (events sorted, `0` below every version,
/// `limit` events bounding the range). ECOSYSTEM ranges are ordered by `scheme` (the scheme of the
/// entry's ecosystem, see sbom/ecosystem.h), SEMVER ranges by SemVer 2.0 (a leading `v` of
/// `version` is ignored there, as Go writes it). Errors when `version` cannot be ordered, or when
/// no range includes it and some range could not be evaluated (an invalid event version): an
/// answer of "not affected" would then be a guess.
///
/// `Detail::kVerdict` is for bulk matching: the same `affected`, `fixed`, `range_index` and
/// `skipped_ranges`, but no `reason`, and the `versions` list is consulted only when no range
/// includes the version (so `in_versions_list` is set only when the list alone decided).
enum class Detail { kFull, kVerdict };
Expected<Decision> evaluate(const Affected& entry, std::string_view version, const version::Scheme* scheme,
                            Detail detail = Detail::kFull);

}  // namespace sbom::osv
