// End of life: the distro releases and language runtimes past the end of their free security
// support on a given date, from a table shipped with the tool or one imported into the index
// (sbom-db build of endoflife.date's per-product JSON), as findings of kind `eol`.
#pragma once

#include <cstdint>
#include <optional>
#include <span>
#include <string>
#include <string_view>
#include <vector>

#include "sbom/model.h"

namespace sbom::eol {

/// On a runtime component sbom-gen found installed without a package manager: the product it is
/// a release of, by its endoflife.date name ("python", "nodejs", "eclipse-temurin").
inline constexpr std::string_view kPropRuntimeProduct = "sbomkit:runtime:product";
/// On an eol finding: the table that decided it (its source) and that table's date.
inline constexpr std::string_view kPropTable = "sbomkit:eol:table";
inline constexpr std::string_view kPropTableDate = "sbomkit:eol:table_date";

/// One release cycle of a product and the last day of its free security support.
struct Cycle {
  std::string product;  ///< "debian", "ubuntu", "alpine", "go", "python", "nodejs", "eclipse-temurin", ...
  std::string cycle;    ///< "11", "22.04", "3.19", "1.21", "3.8", "16", "19"
  std::string eol;      ///< YYYY-MM-DD: the last day of free security support; "" with `ended`: not stated
  std::string label;    ///< "Debian 11 (bullseye)"
  bool ended = false;   ///< an imported table says `"eol": true` (ended, no date given)
};

/// An end-of-life table: the one shipped with the tool, or one product's table imported into the
/// index. Which table decides a finding is written on it (sbomkit:eol:table, :table_date).
struct Table {
  std::string source;  ///< "sbomkit built-in table", or the index source the table came from
  std::string date;    ///< YYYY-MM-DD: when it was checked against its sources (imported: docs/findings.md)
  std::vector<Cycle> cycles;
  const Cycle* find(std::string_view product, std::string_view cycle) const;
};

/// The table shipped with the tool, product by product, oldest cycle first; its date is the newest
/// of its products' `checked` dates (each product's rows were last checked against their sources
/// on its own date; docs/findings.md cites them). A cycle newer than every table is not judged.
const Table& builtin();
std::span<const Cycle> table();
inline constexpr std::string_view kTableDate = "2026-12-07";

/// The products a table may describe, by their endoflife.date names, and how each is shown.
struct Product {
  std::string_view id;      ///< "python"
  std::string_view name;    ///< "Python"
  bool distro = false;      ///< a distribution (severity high), else a runtime or toolchain (medium)
  std::string_view checked; ///< YYYY-MM-DD: when the built-in table's rows of it were last checked
                            ///< against their sources: the built-in table's date for this product
};
std::span<const Product> products();
const Product* product(std::string_view id);

/// What a component is a release of: the operating-system component (Debian, Ubuntu, Alpine by
/// name and version), Go's standard library as a Go binary or toolchain records it
/// (pkg:golang/stdlib), or a language runtime sbom-gen found installed without a package manager
/// (its sbomkit:runtime:product property: python, nodejs, eclipse-temurin, ...). Runtimes
/// installed as distro packages (python3.11, nodejs) are left to the distro, which supports them
/// for its own release's life.
struct Subject {
  std::string product;
  std::string cycle;
};
std::optional<Subject> subject_of(const Component& c);

/// The built-in table's cycle of a component (subject_of, looked up), or nullptr.
const Cycle* cycle_of(const Component& c);

/// The rule id of a cycle's finding: SBOMKIT-EOL-DEBIAN-11, SBOMKIT-EOL-GO-1.19, SBOMKIT-EOL-PYTHON-3.8.
std::string rule_id(const Cycle& c);

/// Adds one `eol` finding per cycle past its end of life at `now` (seconds since the epoch,
/// UTC), affecting every component of that cycle; a finding with the same id already in the
/// document is left as it is (a second run adds nothing). Each cycle is judged by the newest
/// table that lists it, among `imported` and the built-in one (dated by its product's `checked`
/// date; an imported one wins a tie). Returns the number added.
std::size_t add_findings(Document& doc, std::int64_t now, std::span<const Table> imported = {});

}  // namespace sbom::eol
