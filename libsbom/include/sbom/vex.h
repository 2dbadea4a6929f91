// The VEX vocabularies we translate between (OpenVEX, CycloneDX analysis; SPDX 3 spells OpenVEX's
// labels in camelCase), in one place for the exceptions importers and the format readers/writers.
#pragma once

#include <string>
#include <string_view>

namespace sbom::vex {

/// OpenVEX justification label <-> CycloneDX analysis justification ("" when none is close).
std::string cdx_justification(std::string_view openvex);
std::string openvex_justification(std::string_view cdx);
/// OpenVEX status <-> CycloneDX analysis state (every state has a status; the reverse of a
/// status no state is close to is "").
std::string cdx_state(std::string_view openvex_status);
std::string openvex_status(std::string_view state);

}  // namespace sbom::vex
