// Internals shared by the purl syntax code (purl.cpp) and the per-type rules (purl_types.cpp).
#pragma once

#include <string>
#include <string_view>

#include "sbom/error.h"
#include "sbom/purl.h"

namespace sbom::purl_detail {

inline bool is_ascii_upper(char c) { return c >= 'A' && c <= 'Z'; }
inline bool is_ascii_lower(char c) { return c >= 'a' && c <= 'z'; }
inline bool is_ascii_digit(char c) { return c >= '0' && c <= '9'; }

/// Lower-cases ASCII letters in place. The specification's case folding is Unicode's
/// full case mapping; only its ASCII part is applied here (see docs/purl.md).
void ascii_lower(std::string& s);

/// Rejoins '/'-separated decoded text without empty segments (and, with `drop_dots`,
/// without "." and ".." segments, as a subpath must be).
std::string clean_segments(std::string_view s, bool drop_dots);

/// `'text'`, cut short with "..." when long, so that messages stay readable.
std::string quote(std::string_view text);

/// Applies the registered rules of `p.type` (namespace requirement, case folding, name
/// normalisation, required qualifiers). Expects the generic normalisation done:
/// type lower-case, components decoded, qualifiers sorted with lower-case keys.
Status apply_type_rules(Purl& p);

}  // namespace sbom::purl_detail
