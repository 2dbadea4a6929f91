// Private: which Ubuntu releases are LTS (OSV writes those as "Ubuntu:YY.MM:LTS").
#pragma once

#include <string_view>

#include "version/text.h"

namespace sbom::version::detail {

/// "22.04" -> true: the April releases of even years are LTS, and 6.06 was.
inline bool is_ubuntu_lts(std::string_view yymm) {
  if (yymm == "6.06") return true;
  std::size_t dot = yymm.find('.');
  if (dot == std::string_view::npos || dot == 0) return false;
  std::string_view yy = yymm.substr(0, dot);
  return all_digits(yy) && yymm.substr(dot + 1) == "04" && (yy.back() - '0') % 2 == 0;
}

}  // namespace sbom::version::detail
