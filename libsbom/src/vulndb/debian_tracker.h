// The Debian security tracker's JSON (security-tracker.debian.org/tracker/data/json) as OSV records
// that keep Debian's own verdict per release: fixed, unfixed, no-dsa, postponed, ignored,
// end-of-life, undetermined, and the urgency.
#pragma once

#include <string_view>
#include <vector>

#include "sbom/json.h"
#include "vulndb/convert.h"

namespace sbom::vulndb::detail {

/// Whether a parsed file is tracker JSON: an object of source packages, the first of which is an
/// object whose first member is a `CVE-…` or `TEMP-…` id with `releases`.
bool is_debian_tracker(const json::Value& root);

/// One record per id (`DEBIAN-<id>`, the id osv.dev gives Debian's CVE records; a CVE id is its
/// alias), with one `affected` entry per (source package, release): ecosystem `Debian:<major>` by
/// the release's codename (sid and experimental have no OSV ecosystem and are left out), the range
/// `introduced 0` and, when resolved, `fixed <fixed_version>`. A fixed_version "0" (never affected)
/// gives no entry. `ecosystem_specific` keeps the tracker's `release`, `status`, `urgency`, `nodsa`,
/// `nodsa_reason` as written and adds `vendor_state` (fixed, unfixed, no-dsa, postponed, ignored,
/// end-of-life, undetermined) and `vendor_reason` (the no-dsa reason). An entry of the wrong shape
/// or an unknown release codename is an error naming its JSON Pointer. Records are in id order.
std::vector<ConvertedRecord> debian_tracker_to_osv(const json::Value& root, std::string_view name);

}  // namespace sbom::vulndb::detail
