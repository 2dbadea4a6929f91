// End-of-life tables in endoflife.date's per-product JSON, the v1 API's
// (https://endoflife.date/api/v1/products/PRODUCT) or the legacy one's (/api/PRODUCT.json)
// -> one record per product (EOL-<product>), found by id; sbom-match's --eol prefers them to the
// table shipped with the tool when they are newer (sbom/eol.h, docs/findings.md).
#pragma once

#include <string_view>
#include <vector>

#include "sbom/json.h"
#include "vulndb/convert.h"

namespace sbom::vulndb::detail {

/// The product a file, zip entry or URL names by its last segment (`python.json`,
/// `.../products/alpine-linux`): sbomkit's name for it ("alpine"), endoflife.date's aliases mapped.
std::string eol_product_of(std::string_view name);

/// Whether a parsed file is an endoflife.date product table: the v1 API's object with
/// `result.name` and a `result.releases` array, or the legacy API's non-empty array whose first
/// element is an object with `cycle` and `eol`.
bool is_eol_table(const json::Value& root);

/// The table as one record: id `EOL-<product>`, the product from the file's name (`python.json`,
/// `alpine-linux.json`: endoflife.date's names, and only those of products sbomkit judges),
/// `modified` the newest release date it lists, `database_specific` {source "endoflife.date",
/// product, file, cycles: [{cycle, eol (date or bool), label}]}. The members read, legacy / v1:
/// the cycle `cycle` / `name`; its end `eol` (a date or a boolean) / `eolFrom` (a date), or
/// `isEol` when `eolFrom` is null; Debian's last day is its `extendedSupport` / `eoesFrom` (Debian
/// LTS, free) when that is a date; `codename` (Debian's label), `lts` / `isLts` (Ubuntu's label);
/// `releaseDate` and `latestReleaseDate` / `latest.date` (the record's `modified`). Nothing else is
/// read (support phases, links, identifiers). The same table in either format gives the same
/// record but for `file`. A v1 document whose `result.name` is another product, one that lists
/// no release, an unknown product, an entry without a cycle, or an end that is neither YYYY-MM-DD
/// nor a boolean is an error for the whole file (a table with a hole would silently judge less).
std::vector<ConvertedRecord> eol_table_to_osv(const json::Value& root, std::string_view name);

}  // namespace sbom::vulndb::detail
