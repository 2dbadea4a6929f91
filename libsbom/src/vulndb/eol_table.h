// End-of-life tables in endoflife.date's per-product JSON (https://endoflife.date/api/PRODUCT.json)
// -> one record per product (EOL-<product>), found by id; sbom-match's --eol prefers them to the
// table shipped with the tool when they are newer (sbom/eol.h, docs/findings.md).
#pragma once

#include <string_view>
#include <vector>

#include "sbom/json.h"
#include "vulndb/convert.h"

namespace sbom::vulndb::detail {

/// Whether a parsed file is an endoflife.date product table: a non-empty array whose first
/// element is an object with `cycle` and `eol`.
bool is_eol_table(const json::Value& root);

/// The table as one record: id `EOL-<product>`, the product from the file's name (`python.json`,
/// `alpine-linux.json`: endoflife.date's names, and only those of products sbomkit judges),
/// `modified` the newest releaseDate/latestReleaseDate it lists, `database_specific` {source
/// "endoflife.date", product, file, cycles: [{cycle, eol (date or bool), label}]}. Debian's last
/// day is its `extendedSupport` (Debian LTS, free) when that is a date. An unknown product, an
/// entry without a cycle, or an eol that is neither YYYY-MM-DD nor a boolean is an error for the
/// whole file (a table with a hole would silently judge less).
std::vector<ConvertedRecord> eol_table_to_osv(const json::Value& root, std::string_view name);

}  // namespace sbom::vulndb::detail
