// SPDX 3 vocabulary <-> model vocabulary: the one table per pair, read by both reader and writer.
#pragma once

#include <string>
#include <string_view>

#include "sbom/model.h"

namespace sbom::spdx3 {

/// SPDX 3 HashAlgorithm ("sha256") <-> CycloneDX hash alg ("SHA-256"); an algorithm with no
/// CycloneDX name is kept under its SPDX 3 name, so the two directions stay inverse.
std::string hash_alg_from_spdx3(std::string_view alg);
std::string hash_alg_to_spdx3(std::string_view alg);
/// software_primaryPurpose <-> component type ("" when the other side has no such value).
std::string type_from_purpose(std::string_view purpose);
std::string purpose_from_type(std::string_view type);

/// software_sbomType <-> generation context: design and build as they are, source as pre-build,
/// analyzed as post-build; deployed and runtime as stages by name. False for no sbomType.
bool lifecycle_from_sbom_type(std::string_view type, Lifecycle& out);
/// The sbomType a lifecycle is written as; "" when SPDX 3 has none for it (operations, discovery,
/// decommission, a custom stage, a description).
std::string sbom_type_of(const Lifecycle& l);

/// A VEX assessment relationship class and its relationshipType, per CycloneDX analysis state.
struct VexKind {
  std::string_view type;               ///< security_Vex...VulnAssessmentRelationship
  std::string_view relationship_type;  ///< affects, doesNotAffect, fixedIn, underInvestigationFor
  std::string_view state;              ///< the CycloneDX analysis state it reads as
};
/// The kind of a VEX element type, or nullptr when `type` is no VEX class.
const VexKind* vex_kind_of_type(std::string_view type);
/// The kind an analysis state is written as (false_positive as not affected, resolved_with_pedigree
/// as fixed: the writer reports those as losses).
const VexKind& vex_kind_of_state(std::string_view state);

/// security_justificationType (camelCase OpenVEX label) <-> CycloneDX justification.
std::string justification_from_spdx3(std::string_view j);
std::string justification_to_spdx3(std::string_view cdx);

/// CVSS assessment class <-> rating method: "CVSSv2", "CVSSv3"/"CVSSv31" (told by the vector's
/// prefix), "CVSSv4"; "" when the class is no CVSS class or the method has none.
std::string method_of_cvss_type(std::string_view type, std::string_view vector);
std::string_view cvss_type_of_method(std::string_view method);

}  // namespace sbom::spdx3
