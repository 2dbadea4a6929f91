// NVD CVE records (the CVE API 2.0 JSON) as rating-only OSV records for alias enrichment.
#pragma once

#include <optional>
#include <string_view>
#include <vector>

#include "sbom/json.h"
#include "vulndb/convert.h"

namespace sbom::vulndb::detail {

/// Whether a parsed object is NVD CVE data: an API 2.0 response or yearly feed (`format`
/// "NVD_CVE", `vulnerabilities[].cve`), or one bare `cve` object (`id` CVE-…, `sourceIdentifier`).
bool is_nvd(const json::Value& root);

/// One OSV record per CVE, in document order: `id`, `published`, `modified` (NVD's UTC times with
/// their `Z`), `details` (the English description), `severity` (the CVSS vectors of NVD's primary
/// metrics, or every metric when none is primary), `withdrawn` for a rejected CVE, and
/// `database_specific` {source "NVD", vulnStatus, cwe_ids}. No `affected`: the records are found
/// by id, never by package. An entry that cannot be read comes back as an error naming its JSON
/// Pointer; a document with no CVE, or no vulnerabilities array, is one error.
///
/// Read without a tree of the whole document (a yearly feed is 100+ MB, mostly CPE
/// configurations no rating needs): validated once, then walked, each CVE's needed members read.
/// std::nullopt when the text is valid JSON but not NVD data; invalid JSON is one error with its
/// position (call it on text whose start says NVD, or that nothing else read).
std::optional<std::vector<ConvertedRecord>> read_nvd(std::string_view text, std::string_view name);

}  // namespace sbom::vulndb::detail
