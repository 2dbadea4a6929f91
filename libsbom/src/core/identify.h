// Format identification on text already validated as JSON (for the format layer's dispatch).
#pragma once

#include <string_view>

#include "sbom/format.h"

namespace sbom::format {

/// identify() for JSON text that json::detail::validate accepted: stops at the first top-level
/// member that decides the format, so it costs little before a full read.
Identified identify_valid_json(std::string_view text);

}  // namespace sbom::format
