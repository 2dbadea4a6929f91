// Canonical's OpenVEX documents for Ubuntu (the `vex/cve/<year>/CVE-….json` files of the
// ubuntu-security-notices repository) as OSV records that keep Ubuntu's own verdict per release:
// fixed, affected, and the affected kinds the Ubuntu Security Team states in words (will not fix,
// no longer supported, deferred).
#pragma once

#include <string_view>
#include <vector>

#include "sbom/json.h"
#include "vulndb/convert.h"

namespace sbom::vulndb::detail {

/// Whether a parsed file is an OpenVEX document by Canonical: an `@context` of openvex.dev, an
/// `author` naming Canonical and a `statements` array.
bool is_ubuntu_vex(const json::Value& root);

/// One record per vulnerability name (`UBUNTU-<name>`, the id osv.dev gives Ubuntu's CVE records;
/// a CVE name is its alias), `modified` the document's `timestamp`, with one `affected` entry per
/// (source package, release): the statement's products that are `pkg:deb/ubuntu/…?arch=source`
/// purls of a release OSV names (`distro=jammy` -> `Ubuntu:22.04:LTS`; Ubuntu Pro's esm-…/
/// releases and binary products are left out: osv.dev's Pro records cover them). `fixed` gives the
/// range `introduced 0, fixed <product version>`; `affected` and `under_investigation` give
/// `introduced 0`; `not_affected` gives no entry. `ecosystem_specific` keeps `status`,
/// `justification` and the statement's words, and adds `vendor_state` (fixed, ignored,
/// end-of-life, fix-deferred, affected, under-investigation) and `vendor_reason` (the action
/// statement). A statement or product of the wrong shape is an error naming its JSON Pointer.
std::vector<ConvertedRecord> ubuntu_vex_to_osv(const json::Value& root, std::string_view name);

}  // namespace sbom::vulndb::detail
