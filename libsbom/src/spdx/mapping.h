// The SPDX 2 JSON document <-> the model: the one mapping both syntaxes share (tag-value is
// converted to this JSON shape first), and the vocabulary tables it uses.
#pragma once

#include <functional>
#include <optional>
#include <string>
#include <string_view>

#include "sbom/error.h"
#include "sbom/format.h"
#include "sbom/json.h"
#include "sbom/model.h"

namespace sbom::spdx {

/// The SPDX 2 JSON document as the model; `syntax` is what it was read from (positions in errors
/// and source locations follow it: JSON Pointers, or `line N` for tag-value).
Expected<Document> from_json(json::Value doc, std::string_view name, Syntax syntax);

/// The model as an SPDX 2 JSON document of `spec_version` ("2.2" or "2.3"), reporting to `loss`
/// every member it cannot carry. `for_tag_value`: the shape will be spelled as tag-value, so what
/// tag-value cannot spell does not count as saying something (a DESCRIBES it cannot spell does not
/// stand for the one the document must have).
// Called with each package the writer makes from a component, in document order, complete (extras
// merged, members in the spec's order).
using PackageFn = std::function<void(json::Value&& package)>;

// The document as the SPDX 2 JSON shape. With `packages`, the packages made from components go to
// it one at a time instead of into the tree (a writer then prints each and frees it: the whole tree
// of a large document was most of a conversion's memory and time), and the tree's "packages"
// holds only the document's kept ones (an empty array when there are none): their place and the
// ones that follow them. Not when the documentNamespace is made from the content (no serial
// number): that hashes the whole tree, so the packages stay in it and `packages` is not called.
Expected<json::Value> to_json(const Document& doc, std::string_view spec_version, const format::LossFn& loss,
                              bool for_tag_value = false, const PackageFn* packages = nullptr);

/// SPDX checksum algorithm <-> CycloneDX hash algorithm ("SHA256" <-> "SHA-256"); nullopt when
/// the other side (or that SPDX spec version) has no such algorithm.
std::optional<std::string_view> hash_alg_from_spdx(std::string_view alg);
std::optional<std::string_view> hash_alg_to_spdx(std::string_view alg, std::string_view spec_version);
/// Whether a checksum entry is one the model types (a Hash) in an SPDX `spec_version` document: an
/// object with a string algorithm that version has and a non-empty string value, and, when
/// `only_those`, no other member. The reader asks it of each entry (with 2.3; a 2.2 document's
/// SHA3 and BLAKE entries are kept as they came once the version is known), the tag-value writer
/// of each kept entry (without only_those: tag-value drops the others), so that both agree on
/// which entries come back typed.
bool typed_checksum(const json::Value& entry, std::string_view spec_version, bool only_those);
/// primaryPackagePurpose <-> component type ("OPERATING_SYSTEM" <-> "operating-system").
std::optional<std::string_view> type_from_purpose(std::string_view purpose);
std::optional<std::string_view> purpose_from_type(std::string_view type);

/// Whether `text` is a valid SPDX license expression (ids, LicenseRef-/DocumentRef- references,
/// AND, OR, WITH, `+`, parentheses), or NONE / NOASSERTION.
bool valid_license_expression(std::string_view text);
/// Whether `text` is one license id or reference (no operator), the CycloneDX `license.id` choice.
bool single_license_id(std::string_view text);

/// An SPDXID made from `ref`: "SPDXRef-" and the ref with every character SPDX ids lack replaced
/// by '-' (a ref already a valid SPDXID is kept).
std::string spdx_id_from(std::string_view ref);

}  // namespace sbom::spdx
