// Red Hat's CSAF VEX documents (security.access.redhat.com/data/csaf/v2/vex/) as OSV records that
// keep Red Hat's verdict per product: fixed, affected (will not fix, fix deferred, out of support
// scope), under investigation; known_not_affected products get no entry.
#pragma once

#include <string_view>
#include <vector>

#include "sbom/json.h"
#include "vulndb/convert.h"

namespace sbom::vulndb::detail {

/// Whether a parsed file is a CSAF document (`document.csaf_version`).
bool is_csaf(const json::Value& root);

/// One record per vulnerability with a `cve`: `REDHAT-<cve>`, alias the CVE, severity the
/// document's CVSS v3 vectors, `database_specific.severity` Red Hat's impact. Each product status
/// entry that resolves (through `product_tree.relationships`) to an rpm purl on a Red Hat platform
/// CPE becomes an `affected` entry: ecosystem `Red Hat:<cpe after "redhat:">` (the form osv.dev's
/// Red Hat records use), package the purl's name; `fixed` gives the range `introduced 0, fixed
/// <purl version>`, `known_affected` and `under_investigation` `introduced 0`.
/// `ecosystem_specific.vendor_state` is fixed, will-not-fix, fix-deferred, out-of-support, affected
/// or under-investigation (from the product's remediation), `vendor_reason` the remediation's
/// details. Products that are not rpms (containers, Maven artifacts) are left out; a document
/// with no vulnerability or no rpm product at all is one error. Records are in id order.
std::vector<ConvertedRecord> redhat_csaf_to_osv(const json::Value& root, std::string_view name);

}  // namespace sbom::vulndb::detail
