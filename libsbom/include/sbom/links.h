// The links a vulnerability names, as reports show them (sbom-gate's reports, sbom-diff's).
#pragma once

#include <string>
#include <string_view>
#include <vector>

#include "sbom/model.h"

namespace sbom {

/// The http(s) links a vulnerability names, each once: its advisories, its source, its
/// references' sources, in that order.
std::vector<std::string> advisory_links(const Vulnerability& v);
/// The same links appended to `out` as views into `v` (no copy; `v` must outlive them).
void append_advisory_links(const Vulnerability& v, std::vector<std::string_view>& out);

}  // namespace sbom
