// The format layer: what a document is, told from its content (the one place that sniffs
// formats), and reading any supported syntax into the model / writing the model as any of them,
// with every member the target cannot carry reported as a Loss.
#pragma once

#include <functional>
#include <string>
#include <string_view>
#include <vector>

#include "sbom/diagnostics.h"
#include "sbom/error.h"
#include "sbom/json.h"
#include "sbom/model.h"

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

/// `text` without a leading UTF-8 byte order mark. RFC 8259 lets a parser ignore one, and
/// editors on Windows write one; positions are then counted from after it.
std::string_view skip_utf8_bom(std::string_view text);

/// What to write: a syntax and a version of its spec ("" = the syntax's default).
struct Target {
  Syntax syntax = Syntax::CycloneDxJson;
  std::string spec_version;
};

/// "cyclonedx-json", "cyclonedx-xml", "spdx-json", "spdx-tag-value", "spdx3-json", each optionally
/// followed by "@VERSION" ("cyclonedx-json@1.4"; without it spec_version is ""). An unknown name or
/// a version the syntax does not have is an error naming the choices.
Expected<Target> parse_target(std::string_view text);
/// The name parse_target takes for a syntax ("cyclonedx-json"); "" for Syntax::None.
std::string_view target_name(Syntax s);
/// The spec versions a syntax can be written as, oldest first; the default is default_version().
std::vector<std::string_view> spec_versions(Syntax s);
std::string_view default_version(Syntax s);
/// Whether a document of that target can carry vulnerabilities (SPDX 2.x: no; CycloneDX before 1.4: no).
/// A CycloneDX target without a version counts as 1.4 or later.
bool carries_vulnerabilities(const Target& t);
/// The target a tool writes by default for a document read from `doc` (its syntax and spec
/// version; CycloneDX JSON 1.6 for a document a tool made).
Target target_of(const Document& doc);

/// Something of the input the target cannot carry. `location` is where it was in the INPUT (JSON
/// Pointer, XPath, "line N"); `what` names it; `why` says why it is dropped.
struct Loss {
  std::string location;
  std::string what;
  std::string why;
};
using LossFn = std::function<void(const Loss&)>;

/// Where `location`, given in the model's terms (a JSON Pointer into the CycloneDX JSON shape, as the
/// writers report losses and the readers place objects), is in the document `doc` was read from:
/// an XPath for CycloneDX XML ("/bom/components/component[4]/licenses/license[1]/@bom-ref"), else
/// `location` as it is (the readers of the other syntaxes place objects in their input already).
/// write() reports losses through it; a tool naming where something is in its input does too.
std::string input_location(const Document& doc, std::string_view location);

/// Reads any supported syntax, told from the content; DSSE envelopes / in-toto statements are
/// unwrapped (the note that the signature was not checked goes to `diagnostics`). Sets doc.syntax. A
/// format that is recognised but not read is an error saying so.
Expected<Document> read(std::string_view text, std::string_view name, const Diagnostics& diagnostics = {});
/// Whether a writer for that syntax is registered (a tool checks before it opens its output).
bool can_write(Syntax s);
/// Writes `doc` as `target`, reporting through `loss` every member the target cannot carry.
Status write(const Document& doc, const Target& target, const json::Sink& sink, const LossFn& loss = {});

}  // namespace sbom::format
