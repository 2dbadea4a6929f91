// The per-version scorers behind score_cvss; each takes the vector without its prefix.
#pragma once

#include <string_view>

#include "sbom/cvss.h"

namespace sbom::cvss::detail {

Expected<CvssScore> score_v2(std::string_view body);
/// `version` is V3_0 or V3_1: the two differ in Roundup and in the modified impact formula.
Expected<CvssScore> score_v3(CvssVersion version, std::string_view body);
Expected<CvssScore> score_v4(std::string_view body);

}  // namespace sbom::cvss::detail
