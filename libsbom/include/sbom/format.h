// What a document is, told from its content: the one place that sniffs formats, so every tool
// names a file it cannot read the same way (and a future format module knows what it is given).
#pragma once

#include <functional>
#include <string>
#include <string_view>

namespace sbom::format {

enum class Kind {
  Unknown,          ///< nothing recognised (the reader's own error stands)
  CycloneDxJson,
  CycloneDxXml,
  SpdxJson,         ///< SPDX 2.x JSON
  SpdxTagValue,     ///< SPDX 2.x tag-value
  SpdxYaml,         ///< SPDX 2.x YAML
  SpdxXml,          ///< SPDX 2.x XML
  SpdxRdfXml,       ///< SPDX RDF/XML
  Spdx3JsonLd,      ///< SPDX 3 JSON-LD
  DsseEnvelope,     ///< a signed attestation (in-toto DSSE), e.g. from cosign or trivy
  SigstoreBundle,
  InTotoStatement,  ///< an unsigned in-toto statement
  OtherXml,
  Utf16,            ///< JSON must be UTF-8
  Gzip,
};

struct Identified {
  Kind kind = Kind::Unknown;
  std::string name;  ///< e.g. "SPDX 2.3 JSON", "CycloneDX 1.4 XML", "a DSSE envelope"
  /// A format the library is meant to read one day (SPDX, CycloneDX XML), as opposed to a wrapper
  /// or encoding that must be taken off first.
  bool planned = false;
};

/// Tells what `text` holds from its first bytes and, for JSON, its top-level members. Cheap for
/// anything but JSON text (where it reads the top level once); meant for the error path.
Identified identify(std::string_view text);

/// The message for a document of a format other than CycloneDX JSON, for tools that read
/// CycloneDX JSON: "SPDX 2.3 JSON is not supported yet (this tool reads CycloneDX JSON)".
std::string not_cyclonedx_json(const Identified& id);

/// A member of the input that a target format cannot carry.
struct Loss {
  std::string location;  ///< where it was in the INPUT (JSON Pointer, XPath, `line N`)
  std::string what;
  std::string why;
};
using LossFn = std::function<void(const Loss&)>;

/// `text` without a leading UTF-8 byte order mark. RFC 8259 lets a parser ignore one, and
/// editors on Windows write one; positions are then counted from after it.
std::string_view skip_utf8_bom(std::string_view text);

}  // namespace sbom::format
