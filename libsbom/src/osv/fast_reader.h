// The fast path of the OSV parser: JSON text straight into an osv::Record, no json::Value tree.
#pragma once

#include <string_view>

#include "sbom/osv.h"

namespace sbom::osv::detail {

/// Reads a record from JSON text in one SAX pass (no positions, no intermediate tree) and
/// checks the same rules as from_json(). Returns false whenever it is not sure the record is
/// valid (invalid JSON, a broken rule, a duplicated member, deep nesting): the caller then runs
/// the tree-based parser, which decides and says why. It never accepts what from_json() rejects.
bool read_record_fast(std::string_view text, Record& out);

/// The same for text that was checked when it was stored (records in the vulnerability index):
/// the UTF-8 of strings is not checked again.
bool read_stored_record(std::string_view text, Record& out);

}  // namespace sbom::osv::detail
