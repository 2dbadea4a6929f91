// The links a vulnerability names, as reports show them (sbom-gate's reports, sbom-diff's).
#pragma once

#include <string>
#include <vector>

#include "sbom/model.h"

namespace sbom {

/// The http(s) links a vulnerability names, each once: its advisories, its source, its
/// references' sources, in that order.
std::vector<std::string> advisory_links(const Vulnerability& v);

}  // namespace sbom
