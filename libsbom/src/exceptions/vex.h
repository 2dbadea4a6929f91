// What import and export of VEX documents share: the two vocabularies and our record in notes.
#pragma once

#include <string>
#include <string_view>

namespace sbom::exceptions::detail {

/// OpenVEX justification label <-> CycloneDX analysis justification ("" when none is close).
std::string cdx_justification(std::string_view openvex);
std::string openvex_justification(std::string_view cdx);
/// OpenVEX status <-> CycloneDX analysis state.
std::string cdx_state(std::string_view openvex_status);
std::string openvex_status(std::string_view state);

/// OpenVEX has no member for owner, expiry or ticket: our export writes them as the last line of
/// a statement's status_notes, this prefix and a JSON object, and import reads them back.
inline constexpr std::string_view kExceptionMarker = "sbomkit-exception: ";

}  // namespace sbom::exceptions::detail
