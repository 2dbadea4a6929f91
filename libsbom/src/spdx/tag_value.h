// SPDX 2.x tag-value <-> the same document in SPDX 2 JSON shape. Tag-value is another spelling of
// the JSON document, so the model mapping exists once (over JSON) and tag-value only converts.
#pragma once

#include <functional>
#include <memory>
#include <string>
#include <string_view>

#include "sbom/error.h"
#include "sbom/json.h"

namespace sbom::spdx {

/// The order both writers put relationships in, so a document written, read and written again
/// (in either syntax) comes out the same: DESCRIBES first (by target), then by element and type;
/// ties keep their order (so the targets of one element's DEPENDS_ON keep theirs).
bool relationship_before(const json::Value& a, const json::Value& b);

/// True when `v` can be one word of a Relationship line (a non-empty string without whitespace):
/// the JSON-shape writer asks it to know which relationships a tag-value output will hold.
bool tag_value_word(const json::Value* v);

/// True when `v` is a string a tag-value line spells so that it reads back as itself (plainly,
/// or in a <text> block, which cannot hold '</text>').
bool tag_value_text(const json::Value* v);
bool tag_value_text(std::string_view s);

/// Tag-value text as the SPDX 2 JSON document it spells. Every value remembers the line of its
/// tag (column 1). Unknown tags, a repeated single-valued tag and malformed values are errors
/// with the line; annotations move into the element their SPDXREF names.
Expected<json::Value> tag_value_to_json(std::string_view text, std::string_view name);

/// The SPDX 2 JSON document as tag-value text. `lost(pointer, what)` is told of every member
/// tag-value cannot spell (it is left out).
using TagLostFn = std::function<void(std::string pointer, std::string what)>;

std::string json_to_tag_value(const json::Value& doc, const TagLostFn& lost);

// json_to_tag_value in two steps, so that a document's packages need not all be in its tree:
// package() writes one package's section (the next of the document's "packages", in order) as
// soon as it is made; write() then writes the document, with the packages handed to package()
// ahead of those in its own "packages" array (which must then be an array: an empty one when
// there are no others). The text of the packages waits in memory until the sections before them
// (relationships, files) are written; what they lose is reported there too, in the same order
// as json_to_tag_value's.
class TagValueWriter {
 public:
  explicit TagValueWriter(TagLostFn lost);
  ~TagValueWriter();
  TagValueWriter(const TagValueWriter&) = delete;
  TagValueWriter& operator=(const TagValueWriter&) = delete;
  void package(const json::Value& p);
  void write(const json::Value& doc, const json::Sink& sink);

 private:
  struct Impl;
  std::unique_ptr<Impl> impl_;
};

}  // namespace sbom::spdx
