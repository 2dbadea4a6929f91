// Private: versions that are plain lists of integers (CRAN, Hackage), compared list-wise.
#pragma once

#include <cstddef>
#include <string_view>

#include "version/text.h"

namespace sbom::version::detail {

inline bool is_list_sep(char c) { return c == '.' || c == '-'; }

/// The component of a validated integer list starting at `i`; moves `i` past its separator.
inline std::string_view next_integer(std::string_view v, std::size_t& i) {
  const std::size_t start = i;
  while (i < v.size() && !is_list_sep(v[i])) ++i;
  const std::string_view part = v.substr(start, i - start);
  if (i < v.size()) ++i;
  return part;
}

/// Lexicographic on the integers; a list is greater than its own proper prefix (1.0 > 1).
inline int compare_integer_lists(std::string_view a, std::string_view b) {
  std::size_t i = 0, j = 0;
  while (i < a.size() && j < b.size()) {
    const int c = compare_numeric(next_integer(a, i), next_integer(b, j));
    if (c != 0) return c;
  }
  const bool a_more = i < a.size(), b_more = j < b.size();
  return a_more == b_more ? 0 : (a_more ? 1 : -1);
}

}  // namespace sbom::version::detail
