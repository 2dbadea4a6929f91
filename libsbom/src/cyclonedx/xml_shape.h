// CycloneDX's XML shape, declared once: for each object, its members in the XSD's order, which of
// them are attributes, element text, single elements, arrays with a wrapper element and item name
// or repeated elements, and the spec versions that have them. The XML reader and writer both walk
// this table, so the mapping XML <-> CycloneDX JSON shape (and its version gating) is spelled once.
#pragma once

#include <cstdint>
#include <span>
#include <string>
#include <string_view>

namespace sbom::cyclonedx::xml {

/// What a member's value is: a scalar (String, Number, Bool) or an object of the given kind.
enum class Kind : std::uint8_t {
  String, Number, Bool,
  // objects
  Bom, Metadata, Lifecycle, Tool, ToolsObject, Contact, OrgEntity, Address, Component, Swid, Attachment,
  Hash, License, Expression, ExtRef, Property, Dependency, Service, Composition, Vulnerability,
  Source, VulnRef, Rating, Advisory, Credits, Analysis, Affect, AffectVersion, ProofOfConcept, Evidence,
  Identity, Method, Occurrence, Copyright, Pedigree, Commit, Action, Patch, Diff, Issue, ReleaseNotes, Note,
  Annotation, Annotator,
  // formulation (1.5)
  Formula, Workflow, Task, ResourceRef, Trigger, Event, Condition, Step, Command, Input, Output, Parameter,
  Workspace, Volume,
  // modelCard (1.5) and the data it names
  ModelCard, ModelParameters, Approach, DatasetRef, MlFormat, QuantitativeAnalysis, PerformanceMetric,
  ConfidenceInterval, Graphics, Graphic, Considerations, EthicalConsideration, FairnessAssessment,
  EnvironmentalConsiderations, EnergyConsumption, EnergyProvider, EnergyMeasure, ComponentData, DataContents,
  Governance, Party,
  // cryptoProperties (1.6)
  CryptoProperties, AlgorithmProperties, CertificateProperties, CertificateState, CertificateExtension,
  RelatedCryptoAsset, CryptoMaterial, SecuredBy, ProtocolProperties, CipherSuite, Ikev2, IkeEncr, IkeAlg, IkeKe,
  // declarations and definitions (1.6)
  Declarations, Assessor, Attestation, AttestationMap, Conformance, Confidence, Claim, DeclEvidence,
  EvidenceData, EvidenceContents, Targets, Affirmation, Signatory, Definitions, Standard, Requirement, Level,
  Patent, PatentFamily, PriorityApplication,
  Count_
};

inline bool is_object(Kind k) { return k >= Kind::Bom; }

/// How a member sits in XML (its JSON shape follows from it and from `kind`).
enum class Shape : std::uint8_t {
  Attribute,     ///< an attribute of the object's element
  Content,       ///< the element's own text (simple content beside attributes: hash, property, ...)
  Element,       ///< one child element
  Wrapped,       ///< <xml><item/>...</xml> -> JSON array
  Repeated,      ///< the child element repeated, no wrapper -> JSON array
  Licenses,      ///< <licenses> of <license> ({"license": {...}}) and <expression> items
  Refs,          ///< <xml><item ref="x"/>...</xml> -> ["x", ...]
  RepeatedRefs,  ///< <xml ref="x"/> repeated, no wrapper -> ["x", ...]
  Tools,         ///< <tools> of <tool> items (JSON array) or of components/services (JSON object)
};

struct Member {
  std::string_view xml;   ///< element or attribute name
  std::string_view json;  ///< member name in the CycloneDX JSON shape
  Shape shape;
  Kind kind;              ///< of the value, or of each item for arrays
  std::string_view item = {};  ///< item element name (Wrapped, Refs)
  std::uint8_t since = 2;      ///< first CycloneDX 1.x minor version that has the member
  std::uint8_t until = 7;      ///< last one
  bool in(unsigned minor) const { return since <= minor && minor <= until; }
};

/// The members of an object kind, in the XSD's order.
std::span<const Member> members(Kind k);

/// The rows of the 1.5+ constructs (formulation, modelCard, cryptoProperties, declarations,
/// definitions and what they hold), kinds Formula and after: xml_shape_15.cpp.
std::span<const Member> members_15(Kind k);

/// An array whose items are of several kinds (an XSD choice inside a wrapper: `datasets` of
/// `<dataset>` and `<ref>`, `environmentVars` of `<environmentVar>` and `<value>`, `patents` of
/// `<patent>` and `<patentFamily>`) is consecutive Wrapped rows with the same XML and JSON names,
/// one per item element. Readers and writers go by the first of them: `choices` gives the run
/// starting at `m` (just `m` for any other row), `is_later_choice` tells the rows after the first.
std::span<const Member> choices(Kind k, const Member& m);
bool is_later_choice(Kind k, const Member& m);

/// The member of `k` whose XML name is `xml` in version 1.`minor` (attributes when `attribute`).
/// The search starts at row `hint` and wraps around: children come in the table's (the XSD's)
/// order, so a reader that passes the row after the last one found looks at one or two rows.
const Member* find_xml(Kind k, std::string_view xml, unsigned minor, bool attribute, std::size_t hint = 0);

/// The XPath (local names, 1-based positions: "/bom/components/component[4]/components/component[1]")
/// of what a JSON Pointer into the CycloneDX JSON shape names in CycloneDX XML 1.`minor`: an
/// attribute as "@name", an element's own text as "text()", a reference list's item as its "@ref";
/// tokens past what the table maps are appended as they are.
std::string xpath_of(std::string_view pointer, unsigned minor);
/// The same below an object of `kind` (the pointer and the XPath relative to it); an array of
/// choices is named by its first item element.
std::string xpath_below(Kind kind, std::string_view pointer, unsigned minor);

/// Members kept in the JSON shape for what CycloneDX XML has and its JSON does not, so XML -> XML
/// loses nothing: attributes from other namespaces (and their namespace declarations), and elements
/// from other namespaces or with no row in the table, as text. The JSON writer drops them (a loss).
inline constexpr std::string_view kExtraAttributes = "xml:attributes";
inline constexpr std::string_view kExtraElements = "xml:elements";

/// The namespace of CycloneDX 1.`minor` XML.
inline constexpr std::string_view kNamespacePrefix = "http://cyclonedx.org/schema/bom/1.";

}  // namespace sbom::cyclonedx::xml
