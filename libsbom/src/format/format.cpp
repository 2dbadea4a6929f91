// The format layer's dispatch: targets by name, and read/write over the per-syntax modules. A
// format module adds one `case` to read_identified() and one to write() (and its spec versions).
#include <algorithm>

#include "core/identify.h"
#include "core/json_cursor.h"
#include "archive/read.h"
#include "attestation/unwrap.h"
#include "cyclonedx/json.h"
#include "cyclonedx/xml.h"
#include "cyclonedx/xml_shape.h"
#include "spdx3/spdx3.h"
#include "sbom/cyclonedx.h"
#include "sbom/format.h"
#include "spdx/spdx.h"

namespace sbom::format {

namespace {

constexpr std::size_t kMaxDepth = 512;

// A format told from the content that no module reads (yet).
Error not_read(const Identified& id, std::string_view name) {
  Error e(not_cyclonedx_json(id));
  e.file = name;
  return e;
}

// A syntax the dispatch knows by name but whose module has not landed yet.
Error not_supported(Syntax s) {
  return Error("writing " + std::string(target_name(s)) + " is not supported yet");
}

}  // namespace

static Expected<Document> read_any(std::string_view text, std::string_view name, const Diagnostics& warn, bool in_attestation);

// The SBOM inside an attestation, read as any document (but not as a further attestation).
static Expected<Document> read_attestation(std::string_view text, std::string_view name, const Diagnostics& warn,
                                    bool in_attestation, const Identified& id) {
  if (in_attestation) {
    Error e("an attestation's predicate is " + id.name + " itself; one level of wrapping is read");
    e.file = name;
    return e;
  }
  auto u = attestation::unwrap(text, name);
  if (!u) return std::move(u.error());
  if (!*u) return not_read(id, name);
  warn.warn(Error((*u)->warning).in_file(name));
  // Positions in the predicate are not positions in the file: the name says where they are.
  return read_any((*u)->sbom, std::string(name) + " (attested " + (*u)->predicate_type + ")", warn, true);
}

static Expected<Document> read_any(std::string_view text, std::string_view name, const Diagnostics& warn, bool in_attestation) {
  text = skip_utf8_bom(text);
  std::string_view head = text;
  while (!head.empty() && (head[0] == ' ' || head[0] == '\t' || head[0] == '\n' || head[0] == '\r')) head.remove_prefix(1);
  if (!head.empty() && head[0] == '{') {
    if (auto s = json::detail::validate(text, kMaxDepth, true); !s) return std::move(s.error().in_file(name));
    Identified id = identify_valid_json(text);
    switch (id.kind) {
      case Kind::CycloneDxJson:
      case Kind::Unknown: return cyclonedx::read_json_validated(text, name);  // its error names what is missing
      case Kind::SpdxJson: return spdx::read_spdx_json_validated(text, name);
      case Kind::Spdx3JsonLd: return spdx3::read_spdx3(text, name);
      case Kind::DsseEnvelope:
      case Kind::SigstoreBundle:
      case Kind::InTotoStatement: return read_attestation(text, name, warn, in_attestation, id);
      default: break;
    }
    return not_read(id, name);
  }
  if (archive::looks_like_tar(text)) {
    // An sbom-archive bundle: its scan document, as an envelope gives its SBOM.
    if (in_attestation) {
      Error e("a tar archive inside an attestation or bundle; one level of wrapping is read");
      e.file = name;
      return e;
    }
    auto u = archive::scan_of_bundle(text, name);
    if (!u) return std::move(u.error());
    warn.warn(Error(u->warning).in_file(name));
    return read_any(u->text, u->name, warn, true);
  }
  Identified id = identify(text);
  switch (id.kind) {
    case Kind::Unknown: return cyclonedx::read_json(text, name);  // its JSON error says where the text went wrong
    case Kind::CycloneDxXml: return cyclonedx::read_xml(text, name);
    case Kind::SpdxTagValue: return spdx::read_spdx_tag_value(text, name);
    default: break;
  }
  return not_read(id, name);
}

Expected<Document> read(std::string_view text, std::string_view name, const Diagnostics& warn) {
  return read_any(text, name, warn, false);
}

bool can_write(Syntax s) {
  switch (s) {
    case Syntax::CycloneDxJson:
    case Syntax::CycloneDxXml:
    case Syntax::SpdxJson:
    case Syntax::SpdxTagValue:
    case Syntax::Spdx3JsonLd: return true;
    default: break;
  }
  return false;
}

std::string input_location(const Document& doc, std::string_view location) {
  if (doc.syntax != Syntax::CycloneDxXml || (!location.empty() && location[0] != '/')) return std::string(location);
  const std::string& v = doc.read_spec_version.empty() ? doc.spec_version : doc.read_spec_version;
  const unsigned minor = v.size() == 3 && v[0] == '1' && v[1] == '.' && v[2] >= '0' && v[2] <= '9' ? static_cast<unsigned>(v[2] - '0') : 6;
  return cyclonedx::xml::xpath_of(location, minor);
}

Status write(const Document& doc, const Target& target, const json::Sink& sink, const LossFn& given) {
  // Every writer reports where a loss was in the model's terms; for an XML input that is made an
  // XPath here, once (the readers keep JSON Pointers: a reader cannot know which of its objects a
  // writer will name, and an XPath made at read time for some was a mix of both forms below them).
  LossFn relocated;
  if (given && doc.syntax == Syntax::CycloneDxXml)
    relocated = [&](const Loss& l) { given(Loss{input_location(doc, l.location), l.what, l.why}); };
  const LossFn& loss = relocated ? relocated : given;
  switch (target.syntax) {
    case Syntax::CycloneDxJson: return cyclonedx::write_json(doc, target.spec_version, sink, loss);
    case Syntax::CycloneDxXml: return cyclonedx::write_xml(doc, target.spec_version, sink, loss);
    case Syntax::SpdxJson: return spdx::write_spdx_json(doc, target.spec_version, sink, loss);
    case Syntax::SpdxTagValue: return spdx::write_spdx_tag_value(doc, target.spec_version, sink, loss);
    case Syntax::Spdx3JsonLd: return spdx3::write_spdx3(doc, target.spec_version, sink, loss);
    default: break;
  }
  return not_supported(target.syntax);
}

}  // namespace sbom::format
