// Format identification from content (see format.h).
#include "sbom/format.h"

#include <algorithm>

#include "core/identify.h"
#include "json_cursor.h"

namespace sbom::format {

namespace {

constexpr std::string_view kBom = "\xEF\xBB\xBF";
constexpr std::size_t kHead = 64 * 1024;  // how much of a non-JSON text is looked at

bool starts_with(std::string_view s, std::string_view p) { return s.substr(0, p.size()) == p; }

std::string_view trim_left(std::string_view s) {
  while (!s.empty() && (s[0] == ' ' || s[0] == '\t' || s[0] == '\n' || s[0] == '\r')) s.remove_prefix(1);
  return s;
}

// "SPDX-2.3" -> "2.3"; anything else is kept as it is.
std::string spdx_version(std::string_view v) {
  v = trim_left(v);
  while (!v.empty() && (v.back() == ' ' || v.back() == '\r' || v.back() == '"' || v.back() == '\'')) v.remove_suffix(1);
  if (!v.empty() && (v[0] == '"' || v[0] == '\'')) v.remove_prefix(1);
  if (starts_with(v, "SPDX-")) v.remove_prefix(5);
  return std::string(v.substr(0, 16));
}

// The value of a line "key: value" (at the start of a line) in the head, if there is one.
bool line_value(std::string_view head, std::string_view key, std::string& value) {
  for (std::size_t at = 0; at < head.size();) {
    std::size_t eol = head.find('\n', at);
    std::string_view line = head.substr(at, eol == std::string_view::npos ? std::string_view::npos : eol - at);
    if (starts_with(line, key) && line.size() > key.size() && line[key.size()] == ':') {
      value = spdx_version(line.substr(key.size() + 1));
      return true;
    }
    if (eol == std::string_view::npos) break;
    at = eol + 1;
  }
  return false;
}

Identified xml(std::string_view head) {
  constexpr std::string_view kCdxNs = "http://cyclonedx.org/schema/bom/";
  if (auto at = head.find(kCdxNs); at != std::string_view::npos) {
    std::string_view rest = head.substr(at + kCdxNs.size());
    std::string v(rest.substr(0, std::min(rest.find('"'), rest.find('\''))).substr(0, 8));
    return {Kind::CycloneDxXml, "CycloneDX " + (v.empty() ? std::string() : v + " ") + "XML", true};
  }
  if (head.find("http://spdx.org/rdf/terms") != std::string_view::npos && head.find("rdf:RDF") != std::string_view::npos)
    return {Kind::SpdxRdfXml, "SPDX RDF/XML", true};
  if (auto at = head.find("<spdxVersion>"); at != std::string_view::npos) {
    std::string_view rest = head.substr(at + 13);
    return {Kind::SpdxXml, "SPDX " + spdx_version(rest.substr(0, rest.find('<'))) + " XML", true};
  }
  return {Kind::OtherXml, "an XML document", false};
}

}  // namespace

// JSON: told apart by the top-level members, reading no further than the first member that
// decides (bomFormat, spdxVersion, an SPDX 3 @context), so the format layer can afford it on the
// way to a reader.
Identified identify_valid_json(std::string_view text) {
  json::detail::Cursor c(text);
  if (c.peek() != json::Value::Kind::Object) return {};
  bool payload = false, payload_type = false, dsse_envelope = false;
  std::string media_type, type, context, spdx;
  c.begin_object();
  std::string buf;
  std::string_view key;
  while (c.next_key(key, buf)) {
    auto string_value = [&](std::string& out) {
      if (c.peek() == json::Value::Kind::String) out = c.read_string();
      else c.skip_value();
    };
    if (key == "bomFormat") return {Kind::CycloneDxJson, "CycloneDX JSON", true};
    if (key == "spdxVersion") {
      string_value(spdx);
      if (!spdx.empty()) break;
    }
    else if (key == "@context") {
      if (c.peek() == json::Value::Kind::String) context = c.read_string();
      else {
        json::Value v = c.read_value(false);  // an array of contexts: the SPDX one among them
        if (v.is_array())
          for (const auto& item : v.as_array())
            if (item.is_string() && item.as_string().find("spdx.org/rdf/3") != std::string::npos) context = item.as_string();
      }
      if (context.find("spdx.org/rdf/") != std::string::npos) break;
    } else if (key == "payload") { payload = true; c.skip_value(); }
    else if (key == "payloadType") { payload_type = true; c.skip_value(); }
    else if (key == "dsseEnvelope") { dsse_envelope = true; c.skip_value(); }
    else if (key == "mediaType") string_value(media_type);
    else if (key == "_type") string_value(type);
    else c.skip_value();
  }
  if (!spdx.empty()) return {Kind::SpdxJson, "SPDX " + spdx_version(spdx) + " JSON", true};
  if (auto at = context.find("spdx.org/rdf/"); at != std::string::npos) {
    std::string v = context.substr(at + 13, context.find('/', at + 13) - (at + 13));
    return {Kind::Spdx3JsonLd, "SPDX " + v + " JSON-LD", true};
  }
  if (payload && payload_type) return {Kind::DsseEnvelope, "a DSSE envelope (a signed attestation; its payload holds the document)", false};
  if (dsse_envelope || media_type.find("sigstore.bundle") != std::string::npos)
    return {Kind::SigstoreBundle, "a Sigstore bundle (a signed attestation; its DSSE payload holds the document)", false};
  if (type.find("in-toto.io/Statement") != std::string::npos)
    return {Kind::InTotoStatement, "an in-toto statement (its predicate holds the document)", false};
  return {};
}

namespace {
Identified json_document(std::string_view text) {
  if (!json::detail::validate(text, 512)) return {};
  return identify_valid_json(text);
}
}  // namespace

std::string_view skip_utf8_bom(std::string_view text) { return starts_with(text, kBom) ? text.substr(kBom.size()) : text; }

Identified identify(std::string_view text) {
  if (starts_with(text, "\xFF\xFE") || starts_with(text, "\xFE\xFF"))
    return {Kind::Utf16, "UTF-16 text (JSON documents must be UTF-8)", false};
  if (starts_with(text, "\x1F\x8B")) return {Kind::Gzip, "gzip-compressed data (decompress it first)", false};
  text = trim_left(skip_utf8_bom(text));
  std::string_view head = text.substr(0, kHead);
  if (starts_with(head, "{")) return json_document(text);
  if (starts_with(head, "<")) return xml(head);
  std::string v;
  if (line_value(head, "SPDXVersion", v)) return {Kind::SpdxTagValue, "SPDX " + v + " tag-value", true};
  if (line_value(head, "spdxVersion", v)) return {Kind::SpdxYaml, "SPDX " + v + " YAML", true};
  return {};
}

std::string not_cyclonedx_json(const Identified& id) {
  if (id.planned) return id.name + " is not supported yet (this tool reads CycloneDX JSON)";
  return id.name + ", not CycloneDX JSON";
}

}  // namespace sbom::format
