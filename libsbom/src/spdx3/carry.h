// Model members SPDX 3 holds in its generic containers, read and written in one place: properties
// as the Extension profile's CdxPropertiesExtension (`extension`), advisories and CWEs as
// ExternalRefs (`externalRef`). Each writer puts the typed entries first and the kept ones after;
// each reader takes the leading entries of the plain shape it writes, so read -> write -> read is
// a fixed point whatever the input held.
#pragma once

#include <functional>
#include <string>
#include <vector>

#include "sbom/json.h"
#include "sbom/model.h"

namespace sbom::spdx3 {

/// Called with (location suffix such as "/properties/0", what, why) for what cannot be written.
using LostFn = std::function<void(std::string at, std::string what, std::string why)>;

/// Takes a leading CdxPropertiesExtension of `element`'s `extension` array into `out` (its
/// entries' other members into each property's extra); erases the array when it empties.
void take_properties(json::Object& element, std::vector<Property>& out);
/// Puts `props` as a CdxPropertiesExtension in front of `element`'s `extension` array. Property
/// extras are written when `same_family`, else each member is passed to `lost`.
void put_properties(json::Object& element, const std::vector<Property>& props, bool same_family, const LostFn& lost);

/// Whether every property is plain (no extra members): then put_properties needs no family and
/// reports nothing, and write_properties_extension writes what it puts.
bool plain_properties(const std::vector<Property>& props);
/// The `extension` array that put_properties, then (when `text`) put_vulnerability_text, put into
/// an element without one, for plain `props`, written straight to `em` (the writer's elements are
/// not json::Values, and building one for every element's properties was a good part of the
/// writer's allocations). Call it only when there is an entry (has_properties_extension).
void write_properties_extension(json::Emitter& em, const std::vector<Property>& props, const Vulnerability* text);
bool has_properties_extension(const std::vector<Property>& props, const Vulnerability* text);

/// The vulnerability members the Security profile has no place for (the source's url, detail,
/// recommendation), as properties named "sbomkit:vulnerability:source-url", "…:detail" and
/// "…:recommendation" leading the vulnerability's CdxPropertiesExtension. put_…: call after
/// put_properties. take_…: takes them from the front of `props` (as take_properties read them)
/// while each is plain and comes in that order.
void put_vulnerability_text(json::Object& element, const Vulnerability& v);
void take_vulnerability_text(std::vector<Property>& props, Vulnerability& v);

/// The locator a CWE id is written as, and the id back from one ("" when it is not that shape).
std::string cwe_locator(std::string_view cwe_number);
std::string cwe_of_locator(std::string_view locator);

/// Takes the leading securityAdvisory ExternalRefs (then the leading cwe ones) of a
/// vulnerability's `externalRef` array into `advisories` and `cwes`.
void take_vulnerability_refs(json::Object& element, std::vector<Advisory>& advisories,
                             std::vector<json::Number>& cwes);
/// Puts advisories then CWEs in front of `element`'s `externalRef` array. What cannot be
/// written (an advisory without url, a CWE that is not a whole number, another family's
/// extras) goes to `lost(at, what, why)`.
void put_vulnerability_refs(json::Object& element, const Vulnerability& v, bool same_family, const LostFn& lost);

/// The affected versions of a relationship's targets (SPDX 3 names elements, not versions): on the
/// relationship that links a vulnerability and what it affects, a CdxPropertiesExtension whose
/// entries are named "sbomkit:affects:<k>:version:<status>" or "…:range:<status>", k the index in
/// the relationship's `to`, the version or range the value. `versions[k]` are those of to[k].
void put_affect_versions(json::Object& element, const std::vector<const std::vector<AffectedVersion>*>& versions,
                         const LostFn& lost);
/// The properties put_affect_versions puts (what cannot be written goes to `lost`).
std::vector<Property> affect_version_properties(const std::vector<const std::vector<AffectedVersion>*>& versions,
                                                const LostFn& lost);
/// Takes them back when the leading extension is just that, every k below `targets` and
/// `wanted(k)`; `out` gets one list per target.
bool take_affect_versions(json::Object& element, std::size_t targets, const std::function<bool(std::size_t)>& wanted,
                          std::vector<std::vector<AffectedVersion>>& out);

/// CycloneDX external reference type <-> SPDX 3 ExternalRefType, one to one ("" when the other
/// side has no such type).
std::string_view ref_type_to_spdx3(std::string_view cdx_type);
std::string_view ref_type_from_spdx3(std::string_view spdx3_type);
/// An ExternalRef of the shape the writers write: type, externalRefType `type`, one non-empty
/// locator and, when `comment`, a non-empty comment (nothing else).
bool plain_ref(const json::Value& e, std::string_view type, bool comment);
json::Value make_ref(std::string_view type, std::string_view locator, std::string_view comment);
/// Takes the leading plain ExternalRefs of a package whose type maps to CycloneDX into `out`. An
/// uncommented altWebPage (altDownloadLocation) is taken only when the package has its home page
/// (download location) already: else the writer would write it there.
void take_external_refs(json::Object& element, std::vector<ExternalReference>& out, bool home_page, bool download);
/// Puts `front` before the entries of `element`'s array member `key` (made when absent); a kept
/// member that is no array stays as read and `what` is reported lost.
void prepend(json::Object& element, std::string_view key, json::Array front, std::string_view what, const LostFn& lost);

}  // namespace sbom::spdx3
