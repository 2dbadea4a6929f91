// Why a finding changed between two releases, once the package side is known: the advisory data
// (from the two documents' records and the index provenance each carries) or the analysis.
#pragma once

#include <optional>
#include <string>
#include <string_view>

#include "sbom/diff.h"
#include "sbom/provenance.h"

namespace sbom::diff::detail {

/// How the index changed from `a` to `b` (unknown when either names none).
IndexChange compare_indexes(const std::optional<IndexProvenance>& a, const std::optional<IndexProvenance>& b);

/// What a record of one release says about itself: whether the vulnerability is in that release
/// at all (on any component), and its dates.
struct Record {
  bool in_release = false;
  std::string_view published, updated;
};

/// A finding on an unchanged package version appeared: `other` is the vulnerability in the
/// earlier release (on other components, if anywhere), `now` the record in the later one;
/// `since` is the earlier index's build time ("" when unknown).
Why appeared(const std::string& id, const Record& other, const Record& now, const IndexChange& ix, std::string_view since);
/// A finding on an unchanged package version went away; `other` is the vulnerability in the
/// later release (on other components, if anywhere).
Why vanished(const std::string& id, const Record& other, const IndexChange& ix);
/// The finding is on an unchanged package of a release that was never scanned (no
/// vulnerabilities array): nothing can be said about it.
Why unscanned();
/// A finding of another kind than a vulnerability (a secret, hygiene, end of life) on an
/// unchanged package: no advisory explains it; the scanned content or the scanner differs.
Why not_advisory(std::string_view kind);
/// A persisting finding whose severity changed.
Why rerated(Severity before, Severity after);
/// Suppressed now: by sbom-exceptions' entry `entry`, or by a VEX state from elsewhere.
Why suppressed(std::string_view state, std::string_view entry);
/// Suppressed before, active now: the exception `entry` expired by `at` (the later release's
/// time, "" when unknown) or was taken away.
Why unsuppressed(std::string_view entry, std::string_view expires, std::string_view at);

}  // namespace sbom::diff::detail
