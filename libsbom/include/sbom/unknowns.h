// Known unknowns: a component's statement that one of the minimum elements an SBOM should give
// for it (supplier, version, identifier, hash, license) is not known to the SBOM's author, or is
// withheld on purpose, and why. CISA's 2025 minimum elements ask an SBOM to flag such gaps and to
// tell an unknown from a redaction; NTIA 2021 asks the same for incomplete dependency data. No
// SBOM format has a field for it, so the statement is a property of the component, in the
// toolkit's namespace (docs/properties.md, docs/compliance.md):
//
//   sbomkit:unknown:<element>  = why it is not known   (sbom-gen writes these)
//   sbomkit:redacted:<element> = why it is withheld    (written by people, read by sbom-check)
//
// A property is typed model data, so the statement travels wherever properties do (CycloneDX
// JSON and XML, SPDX 3's CycloneDX-properties extension) and is lost, and reported lost, where
// they are (SPDX 2). sbom-check reads it to tell a declared gap from a silent one.
#pragma once

#include <array>
#include <optional>
#include <string_view>

#include "sbom/model.h"

namespace sbom::unknowns {

enum class Element { supplier, version, identifier, hash, license };

inline constexpr std::array<Element, 5> kElements = {Element::supplier, Element::version, Element::identifier,
                                                     Element::hash, Element::license};

inline constexpr std::string_view kUnknownPrefix = "sbomkit:unknown:";
inline constexpr std::string_view kRedactedPrefix = "sbomkit:redacted:";

/// "supplier", "version", "identifier", "hash", "license".
std::string_view name(Element e);

/// The property name that declares `e` unknown ("sbomkit:unknown:supplier").
std::string property_name(Element e, bool redacted = false);

struct Declaration {
  bool redacted = false;
  std::string_view reason;  ///< into the component's property; never empty
};

/// Whether the component gives `e`, judged as sbom-check's rules judge it (so that what sbom-gen
/// declares unknown is exactly what those rules would find missing): a supplier with a name, a
/// contact with a name or e-mail, or a URL, else a publisher; a version; a purl or CPE; a hash
/// with content; a license with an id, expression or name.
bool present(const Component& c, Element e);

/// The component's declaration for `e`, the first one with a non-empty reason (a declaration
/// without a reason says nothing and is not one); nullopt when there is none.
std::optional<Declaration> declared(const Component& c, Element e);

}  // namespace sbom::unknowns
