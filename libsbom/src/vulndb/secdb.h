// Alpine secdb files (and the same format from Wolfi and Chainguard) as OSV records.
#pragma once

#include <string_view>
#include <vector>

#include "sbom/error.h"
#include "sbom/json.h"
#include "vulndb/convert.h"

namespace sbom::vulndb::detail {

/// Whether a parsed file is a secdb document (`packages` and `distroversion`, `apkurl` or
/// `urlprefix`; no OSV `id`).
bool is_secdb(const json::Value& root);

/// The OSV equivalent of a secdb document: one record per vulnerability id, `ALPINE-<id>` (the
/// id osv.dev gives Alpine's records; `WOLFI-`, `CHAINGUARD-` for those feeds) with the id as its
/// alias, and per package one ECOSYSTEM range `introduced 0, fixed <version>` for each version
/// that lists the id. The ecosystem is `Alpine:<distroversion>`, or Wolfi / Chainguard by the
/// feed's urlprefix. A package listed under version "0" was never affected and gets no range.
/// Entries that name no id, and a document whose release cannot be told, come back as errors
/// naming the file and JSON Pointer. Records are in id order.
std::vector<ConvertedRecord> secdb_to_osv(const json::Value& root, std::string_view name);

/// Merges record `from` into `into` (both from secdb_to_osv, same id): the affected entries of
/// both, sorted by ecosystem and package, ranges deduplicated, so the result does not depend on
/// the order in which secdb files are read.
void merge_secdb(json::Value& into, const json::Value& from);

}  // namespace sbom::vulndb::detail
