// CycloneDX JSON entry points for the format layer (format::read / format::write).
#pragma once

#include <functional>

#include <string_view>

#include "sbom/error.h"
#include "sbom/format.h"
#include "sbom/model.h"

namespace sbom::cyclonedx {

/// Reads CycloneDX JSON from text that json::detail::validate has already accepted (the format
/// layer validates once to tell the format, and does not pay for it twice).
Expected<Document> read_json_validated(std::string_view text, std::string_view name);

class Events;
class ItemWalker;
/// Reads a document in CycloneDX JSON shape given as events (events.h: the XML reader's walk),
/// the deferred items walked by `walker`.
Expected<Document> read_events(const Events& events, ItemWalker& walker, std::string_view name);

/// Writes `doc` as CycloneDX JSON of `spec_version` ("" = the document's own when it is a
/// CycloneDX document, else 1.6), reporting what that version cannot carry through `loss`.
Status write_json(const Document& doc, std::string_view spec_version, const json::Sink& sink,
                  const format::LossFn& loss);

/// The document in CycloneDX JSON shape as the JSON writer makes it for `spec_version` (version
/// gating and losses included), but keeping the members only CycloneDX XML has ("xml:..."): what
/// the XML writer turns into XML. Built by the JSON writer as a tree, member by member (never
/// printed as JSON text and parsed back).
///
/// With `items`, each item of the document's top-level arrays (components, vulnerabilities, ...) is
/// handed to it as soon as it is made, with the array's key and the item's index; when it returns
/// true it has taken the item (write_xml writes it as XML there and then), which is then left out
/// of the tree. The whole tree of a large document was most of a conversion's memory and time.
using ItemFn = std::function<bool(std::string_view array, std::size_t index, const json::Value& item)>;
json::Value xml_shape(const Document& doc, std::string_view spec_version, const format::LossFn& loss,
                      const ItemFn* items = nullptr);

}  // namespace sbom::cyclonedx
