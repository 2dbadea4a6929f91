// What import and export of VEX documents share: the two vocabularies and our record in notes.
#pragma once

#include <string>
#include <string_view>

#include "sbom/vex.h"

namespace sbom::exceptions::detail {

using vex::cdx_justification;
using vex::openvex_justification;
using vex::cdx_state;
using vex::openvex_status;

/// OpenVEX has no member for owner, expiry or ticket: our export writes them as the last line of
/// a statement's status_notes, this prefix and a JSON object, and import reads them back.
inline constexpr std::string_view kExceptionMarker = "sbomkit-exception: ";

}  // namespace sbom::exceptions::detail
