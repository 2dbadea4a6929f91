// End of life: the distro releases and language runtimes past the end of their free security
// support on a given date, from a table shipped with the tool, as findings of kind `eol`.
#pragma once

#include <cstdint>
#include <optional>
#include <span>
#include <string>
#include <string_view>

#include "sbom/model.h"

namespace sbom::eol {

/// One release cycle of a product and the last day of its free security support.
struct Cycle {
  std::string_view product;  ///< "debian", "ubuntu", "alpine", "go"
  std::string_view cycle;    ///< "11", "22.04", "3.19", "1.21"
  std::string_view eol;      ///< YYYY-MM-DD: the last day of free security support
  std::string_view label;    ///< "Debian 11 (bullseye)"
};

/// The table, product by product, oldest cycle first; and the date it was last checked against
/// its sources (docs/findings.md cites them). A cycle newer than the table is not judged.
std::span<const Cycle> table();
inline constexpr std::string_view kTableDate = "2026-12-06";

/// The cycle a component belongs to, when the table knows its product: an operating-system
/// component (Debian, Ubuntu, Alpine by name and version) or Go's standard library as a Go
/// binary records it (pkg:golang/stdlib). Runtimes installed as distro packages (python3.11,
/// nodejs) are left to the distro, which supports them for its own release's life.
const Cycle* cycle_of(const Component& c);

/// The rule id of a cycle's finding: SBOMKIT-EOL-DEBIAN-11, SBOMKIT-EOL-GO-1.19.
std::string rule_id(const Cycle& c);

/// Adds one `eol` finding per cycle past its end of life at `now` (seconds since the epoch,
/// UTC), affecting every component of that cycle; a finding with the same id already in the
/// document is left as it is (a second run adds nothing). Returns the number added.
std::size_t add_findings(Document& doc, std::int64_t now);

}  // namespace sbom::eol
