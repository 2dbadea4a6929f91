// NVD CVE records (the CVE API 2.0 JSON) as rating-only OSV records for alias enrichment.
#pragma once

#include <string_view>
#include <vector>

#include "sbom/json.h"
#include "vulndb/convert.h"

namespace sbom::vulndb::detail {

/// Whether a parsed file is NVD CVE data: an API 2.0 response or yearly feed (`format`
/// "NVD_CVE", `vulnerabilities[].cve`), or one bare `cve` object (`id` CVE-…, `sourceIdentifier`).
bool is_nvd(const json::Value& root);

/// One OSV record per CVE, in document order: `id`, `published`, `modified` (NVD's UTC times with
/// their `Z`), `details` (the English description), `severity` (the CVSS vectors of NVD's primary
/// metrics, or every metric when none is primary), `withdrawn` for a rejected CVE, and
/// `database_specific` {source "NVD", vulnStatus, cwe_ids}. No `affected`: the records are found
/// by id, never by package. An entry that cannot be read comes back as an error naming its JSON
/// Pointer; a document with no CVE is one error.
std::vector<ConvertedRecord> nvd_to_osv(const json::Value& root, std::string_view name);

}  // namespace sbom::vulndb::detail
