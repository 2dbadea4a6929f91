// The vulnerability index a scan used, as a document records it (docs/properties.md): written by
// sbom-match, read by sbom-gate's summary and sbom-diff's reports.
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include "sbom/error.h"
#include "sbom/model.h"

namespace sbom {

/// Property names of the index provenance in `metadata.properties`.
inline constexpr std::string_view kPropIndexDigest = "sbomkit:index:digest";   ///< sha256:<hex> of the index file
inline constexpr std::string_view kPropIndexBuilt = "sbomkit:index:built";     ///< RFC 3339 build time
inline constexpr std::string_view kPropIndexSource = "sbomkit:index:source";   ///< one per source: sha256:<hex> <path>
inline constexpr std::string_view kPropIndexSigned = "sbomkit:index:signature";  ///< "verified" when sbom-match checked it

struct IndexProvenance {
  std::string digest;                ///< "sha256:<hex>"; "" for an index built in memory (its sources' digests say it all)
  std::string built;                 ///< RFC 3339; "" when unknown (an index built in memory)
  std::vector<std::string> sources;  ///< "sha256:<hex> <path>", in the index's order
  bool signature_verified = false;
  bool operator==(const IndexProvenance&) const = default;
};

/// Records `p` in `doc.metadata.properties`, replacing what an earlier scan recorded (a rescan
/// names only the index it used), after the other properties.
void record_index(Document& doc, const IndexProvenance& p);

/// The provenance `doc` records; nullopt when it names no index (not scanned by sbom-match, or
/// by a version before it recorded one).
std::optional<IndexProvenance> index_provenance(const Document& doc);

/// The same, checked: each value as sbom-match writes it (a `sha256:` and 64 lower-case hex
/// digits; an RFC 3339 time; `sha256:<hex> <path>`; `verified`), digest, build time and signature
/// at most once. An error names the property by its JSON Pointer (`/metadata/properties/N`), so
/// a tampered or hand-edited document is refused instead of explained wrongly. Names under
/// `sbomkit:index:` that this version does not know are left alone.
Expected<std::optional<IndexProvenance>> read_index_provenance(const Document& doc);

/// A source entry split: its digest (`sha256:<hex>`) and its path or URL.
struct IndexSource {
  std::string digest;
  std::string path;
};
IndexSource split_source(std::string_view entry);

/// sbom-match's default `--max-db-age`: an index older than this many days is stale.
inline constexpr std::int64_t kIndexMaxAgeDays = 7;

/// Whole days from the index's build time to `now`; nullopt when the build time is unknown.
std::optional<std::int64_t> index_age_days(const IndexProvenance& p, std::int64_t now);

/// One line for summaries: `sha256:1234abcd… built 2026-01-01T00:00:00Z (3 sources, signature verified)`.
std::string describe(const IndexProvenance& p);

}  // namespace sbom
