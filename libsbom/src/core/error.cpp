// Formatting of sbom::Error for diagnostics.
#include "sbom/error.h"

namespace sbom {

std::string Error::to_string() const {
  std::string out;
  if (!file.empty()) {
    out += file;
    if (line > 0) {
      out += ':' + std::to_string(line);
      if (column > 0) out += ':' + std::to_string(column);
    }
    out += ": ";
  }
  if (!pointer.empty()) out += "at " + pointer + ": ";
  out += message;
  return out;
}

}  // namespace sbom
