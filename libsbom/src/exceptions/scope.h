// Whether an exception's scope covers a component: shared by apply and by export's expansion.
#pragma once

#include "sbom/exceptions.h"
#include "sbom/model.h"

namespace sbom::exceptions::detail {

/// Whether scope `s` covers component `c` (nullptr: a finding with no affected component) of `doc`.
bool scope_matches(const Scope& s, const Component* c, const Document& doc);

/// A purl without its qualifiers and subpath: what scopes compare.
std::string_view strip_qualifiers(std::string_view purl);

}  // namespace sbom::exceptions::detail
