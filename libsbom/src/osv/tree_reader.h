// TEMPORARY: the old tree reader of OSV records, the reference the cursor reader is compared with.
#pragma once

#include "sbom/osv.h"

namespace sbom::osv::detail {

Expected<Record> from_json_tree(const json::Value& root, std::string_view name);

}  // namespace sbom::osv::detail
