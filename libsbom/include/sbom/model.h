// The one data model every tool reads into and writes from, whatever the format.
//
// Typed fields hold what some tool of ours reads or writes, or what more than one format carries;
// everything else of the input, known to its spec or not, is kept in `extra` (members in input
// order, in the JSON shape of the document's format family) and written back unchanged to a
// format of the same family, so a filter loses nothing it does not own. Writing to another family
// drops the extras, and the format layer reports each one as a loss (sbom/format.h).
#pragma once

#include <cstdint>
#include <memory>
#include <optional>
#include <string>
#include <vector>

#include "sbom/json.h"

namespace sbom {

/// The syntax a document was read from (None: a tool made it).
enum class Syntax : std::uint8_t { None, CycloneDxJson, CycloneDxXml, SpdxJson, SpdxTagValue, Spdx3JsonLd };
/// Families share one set of extras: CycloneDX JSON and XML keep extras in CycloneDX JSON shape
/// (the XML reader converts); SPDX 2 JSON and tag-value keep them in SPDX 2 JSON shape; SPDX 3 in
/// JSON-LD shape.
enum class Family : std::uint8_t { None, CycloneDx, Spdx2, Spdx3 };
Family family_of(Syntax s);

struct Property {
  std::string name;
  std::string value;
  json::Object extra;
};

struct Hash {
  std::string alg;      ///< "SHA-256", ...
  std::string content;  ///< lower-case hex
  json::Object extra;
};

/// One entry of a CycloneDX `licenses` array: exactly one of id, name or expression is set.
struct License {
  std::string id;          ///< SPDX license id (license.id)
  std::string name;        ///< free-text name (license.name)
  std::string expression;  ///< SPDX expression (the `expression` choice)
  std::string acknowledgement;  ///< "declared" / "concluded" (SPDX licenseDeclared / licenseConcluded)
  json::Object license_extra;  ///< other members of the inner `license` object (url, text, ...)
  json::Object extra;          ///< other members of the array item (bom-ref, ...)
  /// Where the license was in the input when that is not its CycloneDX place (SPDX 3: the
  /// relationship that gave it, whose members `extra` keeps); set by readers, used by loss
  /// reports, never written.
  std::string source_location = {};
  /// Where the members of `license_extra` were, likewise (SPDX 3: the license element).
  std::string license_source_location = {};
  /// Where loss reports name this license, the `k`th of the object at `owner`: its
  /// source_location, else CycloneDX's place, owner/licenses/k.
  std::string location(std::string_view owner, std::size_t k) const;
  /// Where they name the members of license_extra: license_source_location, else
  /// location(owner, k) + "/license".
  std::string inner_location(std::string_view owner, std::size_t k) const;
};

struct Contact {
  std::string name, email, phone, bom_ref;
  json::Object extra;
  /// Where the contact was in the input when it is not where CycloneDX has it (SPDX 3: an agent
  /// element of the graph); set by readers, used by loss reports, never written.
  std::string source_location = {};
};

struct OrganizationalEntity {
  std::string name;
  std::vector<std::string> urls;
  std::vector<Contact> contacts;
  std::string bom_ref;
  json::Object extra;
};

struct ExternalReference {
  std::string type;  ///< CycloneDX types: website, vcs, distribution, advisories, ...
  std::string url;
  std::string comment;
  std::vector<Hash> hashes;
  json::Object extra;
};

/// Where a component was found (CycloneDX evidence.occurrences[]).
struct Occurrence {
  std::string location;
  json::Object extra;
};

/// A tool that made or changed the document (CycloneDX metadata.tools, either form).
struct Tool {
  std::string vendor;  ///< legacy `vendor`; `group` of a tool component in the 1.5+ form
  std::string name;
  std::string version;
  bool service = false;  ///< a tools.services[] entry (1.5+ form)
  /// A CycloneDX tool component read without its (schema-required) `type`: written back without
  /// one. Every other tool component is written with its kept type, else "application".
  bool untyped = false;
  std::vector<Hash> hashes;
  std::vector<ExternalReference> external_references;
  json::Object extra;
  /// As Contact::source_location (SPDX 3: the Tool element).
  std::string source_location = {};
};

struct Advisory {
  std::string title;
  std::string url;
  json::Object extra;
};

/// One entry of `affects[].versions`: `version` or `range`, and a status (affected, unaffected, unknown).
struct AffectedVersion {
  std::string version;
  std::string range;
  std::string status;
  json::Object extra;
};

/// A block of members most objects leave unset, allocated on the first write: an object that has
/// none of them pays one pointer. Reading an unset block reads an empty one (nothing allocated);
/// `edit()` allocates it. Copies are deep, so the owning struct keeps value semantics.
template <typename T>
class Side {
 public:
  Side() = default;
  Side(const Side& o) : p_(o.p_ ? std::make_unique<T>(*o.p_) : nullptr) {}
  Side(Side&&) noexcept = default;
  Side& operator=(const Side& o) {
    if (this != &o) p_ = o.p_ ? std::make_unique<T>(*o.p_) : nullptr;
    return *this;
  }
  Side& operator=(Side&&) noexcept = default;
  ~Side() = default;

  const T& operator*() const { return p_ ? *p_ : empty(); }
  const T* operator->() const { return &**this; }
  /// The block for writing, allocated if it was not.
  T& edit() {
    if (!p_) p_ = std::make_unique<T>();
    return *p_;
  }
  /// Whether the block was ever allocated (it may still hold only empty members).
  bool allocated() const { return p_ != nullptr; }

 private:
  static const T& empty() {
    static const T kEmpty{};
    return kEmpty;
  }
  std::unique_ptr<T> p_;
};

/// The members of a component that scanners rarely set (see Side): kept off the component so a
/// 100,000-component document does not carry them 100,000 times.
struct ComponentRare {
  std::optional<OrganizationalEntity> supplier;
  std::string author;
  std::string publisher;
  std::string copyright;
  std::string description;
  std::string scope;
  std::vector<ExternalReference> external_references;
  json::Object evidence_extra;  ///< members of CycloneDX `evidence` other than occurrences
};

struct Component {
  std::string type;  ///< "library", "application", "operating-system", "container", ...
  std::string bom_ref;
  std::string group;
  std::string name;
  std::string version;
  std::string purl;
  std::string cpe;
  std::vector<License> licenses;
  std::vector<Hash> hashes;
  std::vector<Property> properties;
  std::vector<Occurrence> occurrences;  ///< where it was found (CycloneDX evidence.occurrences)
  std::vector<Component> components;  ///< nested components
  json::Object extra;                 ///< every other member (pedigree, ...)
  /// supplier, author, publisher, copyright, description, scope, external references, the rest
  /// of evidence: read `c.rare->author`, write `c.rare.edit().author`.
  Side<ComponentRare> rare;
  /// Where the object was in the input (JSON Pointer, XPath or "line N"); set by readers, used
  /// by loss reports, never written.
  std::string source_location;

  /// First property with this name, or nullptr.
  const Property* property(std::string_view name) const;
};

struct Rating {
  std::string source_name;  ///< source.name ("NVD", "debian", "GHSA", ...)
  std::string source_url;
  std::optional<json::Number> score;
  std::string severity;  ///< critical, high, medium, low, info, none, unknown (as written)
  std::string method;    ///< CVSSv2, CVSSv3, CVSSv31, CVSSv4, OWASP, SSVC, other
  std::string vector;
  std::string justification;
  json::Object source_extra;
  json::Object extra;
};

struct VulnReference {
  std::string id;
  std::string source_name;
  std::string source_url;
  json::Object source_extra;
  json::Object extra;
};

/// One affected component of a vulnerability (`affects[]`).
struct Affect {
  std::string ref;  ///< bom-ref of the component
  std::vector<AffectedVersion> versions;
  json::Object extra;
};

/// VEX analysis (`analysis`).
struct Analysis {
  std::string state;          ///< resolved, resolved_with_pedigree, exploitable, in_triage, false_positive, not_affected
  std::string justification;  ///< code_not_present, ...
  std::vector<std::string> response;  ///< can_not_fix, will_not_fix, update, rollback, workaround_available
  std::string detail;
  std::string first_issued;
  std::string last_updated;
  json::Object extra;
  bool empty() const { return state.empty() && justification.empty() && response.empty() &&
                              detail.empty() && first_issued.empty() && last_updated.empty() && extra.empty(); }
};

struct Vulnerability {
  std::string bom_ref;
  std::string id;
  std::string source_name;
  std::string source_url;
  json::Object source_extra;
  std::vector<VulnReference> references;
  std::vector<Rating> ratings;
  std::vector<json::Number> cwes;
  std::string description;
  std::string detail;
  std::string recommendation;
  std::string created;
  std::string published;
  std::string updated;
  std::optional<Analysis> analysis;
  std::vector<Affect> affects;
  std::vector<Advisory> advisories;
  std::vector<Property> properties;
  json::Object extra;  ///< credits, tools, workaround, proofOfConcept, rejected, ...
  std::string source_location;  ///< as Component::source_location

  const Property* property(std::string_view name) const;
};

struct Dependency {
  std::string ref;
  std::vector<std::string> depends_on;
  json::Object extra;  ///< e.g. `provides` (1.5+)
  /// Where it was in the input when that is not /dependencies/N (SPDX 3: the relationship);
  /// set by readers, used by loss reports, never written.
  std::string source_location = {};
};

/// A stage of the software's life the document's data was gathered in: CISA's "generation
/// context" (CycloneDX 1.5+ `metadata.lifecycles[]`, SPDX 3 `software_sbomType`). Either a phase
/// in CycloneDX's words (design, pre-build, build, post-build, operations, discovery,
/// decommission) or a stage by name (CycloneDX's custom phase; also SPDX 3's `deployed` and
/// `runtime`, which have no CycloneDX phase of the same meaning). The mapping between the two
/// vocabularies is docs/formats.md's.
struct Lifecycle {
  std::string phase;
  std::string name;
  std::string description;
  json::Object extra;
};

struct Metadata {
  std::string timestamp;
  std::vector<Lifecycle> lifecycles;  ///< generation context (sbom-gen: post-build)
  std::optional<Component> component;
  std::vector<Property> properties;
  std::vector<License> licenses;
  std::vector<Tool> tools;
  /// CycloneDX: members of a `tools` object other than components/services (or an empty list kept
  /// verbatim), and whether a 1.5+ document used the deprecated array form (kept on a round trip).
  json::Object tools_extra;
  bool tools_array_form = false;
  std::vector<Contact> authors;
  json::Object extra;  ///< manufacture, supplier, ...
  bool present = false;  ///< whether the input had a `metadata` object (so we write one back)
  /// Where the document's own element was in the input, and where the members of `extra` were,
  /// when not at CycloneDX's /metadata (SPDX 3: the SpdxDocument element and its CreationInfo);
  /// set by readers, used by loss reports (the document's name, extra's members), never written.
  std::string source_location = {};
  std::string extra_source_location = {};
  /// Where the lifecycles were, when not at /metadata/lifecycles (SPDX 3: the software_sbomType
  /// of the document's SBOM element); item i is at that plus "/i". Set by readers, never written.
  std::string lifecycles_source_location = {};
};

/// An SBOM. `spec_version` is the version of `syntax`'s spec that was read (or will be written):
/// "1.4" ... "1.7" for CycloneDX, "2.3", "3.0.1".
struct Document {
  Syntax syntax = Syntax::None;  ///< what it was read from
  std::string bom_format = "CycloneDX";  ///< CycloneDX only
  std::string spec_version = "1.6";
  /// The spec version as read (spec_version may be changed for writing). A CycloneDX document
  /// written back as this version keeps every member it came with, whatever that version has.
  std::string read_spec_version;
  std::string name;  ///< SPDX document name (CycloneDX has none)
  std::string serial_number;
  std::optional<json::Number> version;
  Metadata metadata;
  std::optional<std::vector<Component>> components;  ///< nullopt: the member was absent
  std::optional<std::vector<Dependency>> dependencies;
  std::optional<std::vector<Vulnerability>> vulnerabilities;
  std::vector<ExternalReference> external_references;
  json::Object extra;  ///< services, compositions, annotations, signature, $schema, ...

  /// Visits every component, nested ones included, depth first in document order
  /// (metadata.component first when present).
  template <typename F> void for_each_component(F&& f) const;
  template <typename F> void for_each_component(F&& f);
};

/// Records a tool that made or changed `doc` in `metadata.tools` (vendor/group "sbomkit"): the one
/// place every tool does it. The writer gives it the form the document's version has (1.5 and later
/// `tools.components[]`, older the legacy array); an existing `tools` keeps its form and entries,
/// and the same name and version is not added twice.
void record_tool(Document& doc, std::string_view name, std::string_view version);

// ---- implementation of the templates ------------------------------------------------------

namespace detail {
template <typename C, typename F> void visit_components(C& list, F& f) {
  for (auto& c : list) {
    f(c);
    visit_components(c.components, f);
  }
}
}  // namespace detail

template <typename F> void Document::for_each_component(F&& f) const {
  if (metadata.component) { f(*metadata.component); detail::visit_components(metadata.component->components, f); }
  if (components) detail::visit_components(*components, f);
}
template <typename F> void Document::for_each_component(F&& f) {
  if (metadata.component) { f(*metadata.component); detail::visit_components(metadata.component->components, f); }
  if (components) detail::visit_components(*components, f);
}

}  // namespace sbom
