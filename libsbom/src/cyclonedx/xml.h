// CycloneDX XML 1.2 to 1.7: reader and writer around sbom::Document (private to libsbom).
//
// Both go through the CycloneDX JSON shape, by the table of xml_shape.h: the reader walks the XML
// tree into that shape (as events, events.h) and the JSON module's model reader reads them, the
// writer turns the JSON writer's value into XML (the JSON writer builds that value itself, no
// JSON text in between: json.cpp's ValueBuilder). So the model's extras stay in CycloneDX JSON shape
// (JSON and XML are one family) and nothing about the model is spelled a second time for XML.
#pragma once

#include <functional>
#include <string>
#include <string_view>
#include <vector>

#include "sbom/error.h"
#include "sbom/format.h"
#include "sbom/json.h"
#include "sbom/model.h"

namespace sbom::cyclonedx {

/// The deepest element nesting the XML reader takes (as the JSON reader's 512 levels).
inline constexpr unsigned kMaxXmlDepth = 512;

/// Reads CycloneDX XML 1.2 to 1.7 (doc.syntax = CycloneDxXml). DTDs, entity references other than the five predefined ones,
/// XInclude and nesting past kMaxXmlDepth are refused; errors carry the file and line:column.
Expected<Document> read_xml(std::string_view text, std::string_view name);

/// The XML as CycloneDX JSON text (one line): what read_xml() gives the model reader, as text.
Expected<std::string> xml_to_json(std::string_view text, std::string_view name);

/// Writes a document in CycloneDX JSON shape (`bom`, e.g. from xml_shape()) as CycloneDX XML
/// 1.`minor`, reporting through `loss` every member that version's XML cannot carry (located by
/// JSON Pointer into that shape).
void json_to_xml(const json::Value& bom, unsigned minor, const json::Sink& sink, const format::LossFn& loss);

/// Writes `doc` as CycloneDX XML of `spec_version` ("" = the document's own when it is a CycloneDX
/// document, else 1.6; "1.2" ... "1.7").
Status write_xml(const Document& doc, std::string_view spec_version, const json::Sink& sink,
                 const format::LossFn& loss = {});

namespace xml_chars {
/// The offset of the first character XML 1.0 does not allow (a C0 control character other than
/// tab, LF and CR; U+FFFE, U+FFFF), or text.size(). `text` is valid UTF-8.
std::size_t forbidden_character(std::string_view text);
/// Copies `text` to `out` (text.size() bytes) and says whether it is valid UTF-8 without a
/// character forbidden_character() finds: both checks in the pass of the copy. (Exposed for the
/// test that holds it to those two checks.)
bool copy_checked(std::string_view text, char* out);
}  // namespace xml_chars

}  // namespace sbom::cyclonedx
