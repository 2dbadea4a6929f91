// The text of a warning (sbom/diagnostics.h).
#include "sbom/diagnostics.h"

namespace sbom {

std::string Diagnostic::to_string() const {
  switch (kind) {
    case Kind::kInvalidRecord: return "skipped invalid record: " + where.to_string();
    case Kind::kWarning: break;
  }
  return where.to_string();
}

}  // namespace sbom
