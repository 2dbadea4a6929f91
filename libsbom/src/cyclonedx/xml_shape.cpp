// The table of CycloneDX's XML shape (facts from the official XSDs bom-1.2 ... bom-1.7.xsd); the
// rows of formulation, modelCard, data, cryptoProperties, declarations and definitions are in
// xml_shape_15.cpp. Elements without a row (licensing, callstack, service data, patentAssertions,
// ...) are kept as XML text by the reader (see xml_shape.h).
#include "cyclonedx/xml_shape.h"

#include <algorithm>
#include <array>
#include <cstdint>
#include <vector>

namespace sbom::cyclonedx::xml {

namespace {

using S = Shape;
using K = Kind;

constexpr Member kBom[] = {
    {"serialNumber", "serialNumber", S::Attribute, K::String},
    {"version", "version", S::Attribute, K::Number},
    {"metadata", "metadata", S::Element, K::Metadata},
    {"components", "components", S::Wrapped, K::Component, "component"},
    {"services", "services", S::Wrapped, K::Service, "service"},
    {"externalReferences", "externalReferences", S::Wrapped, K::ExtRef, "reference"},
    {"dependencies", "dependencies", S::Wrapped, K::Dependency, "dependency"},
    {"compositions", "compositions", S::Wrapped, K::Composition, "composition", 3},
    {"properties", "properties", S::Wrapped, K::Property, "property", 3},
    {"vulnerabilities", "vulnerabilities", S::Wrapped, K::Vulnerability, "vulnerability", 4},
    {"annotations", "annotations", S::Wrapped, K::Annotation, "annotation", 5},
    {"formulation", "formulation", S::Wrapped, K::Formula, "formula", 5},
    {"declarations", "declarations", S::Element, K::Declarations, {}, 6},
    {"definitions", "definitions", S::Element, K::Definitions, {}, 6},
};
constexpr Member kMetadata[] = {
    {"timestamp", "timestamp", S::Element, K::String},
    {"lifecycles", "lifecycles", S::Wrapped, K::Lifecycle, "lifecycle", 5},
    {"tools", "tools", S::Tools, K::Tool, "tool"},
    {"authors", "authors", S::Wrapped, K::Contact, "author"},
    {"component", "component", S::Element, K::Component},
    {"manufacturer", "manufacturer", S::Element, K::OrgEntity, {}, 6},
    {"manufacture", "manufacture", S::Element, K::OrgEntity},
    {"supplier", "supplier", S::Element, K::OrgEntity},
    {"licenses", "licenses", S::Licenses, K::License, {}, 3},
    {"properties", "properties", S::Wrapped, K::Property, "property", 3},
};
constexpr Member kLifecycle[] = {
    {"phase", "phase", S::Element, K::String},
    {"name", "name", S::Element, K::String},
    {"description", "description", S::Element, K::String},
};
constexpr Member kTool[] = {
    {"vendor", "vendor", S::Element, K::String},
    {"name", "name", S::Element, K::String},
    {"version", "version", S::Element, K::String},
    {"hashes", "hashes", S::Wrapped, K::Hash, "hash"},
    {"externalReferences", "externalReferences", S::Wrapped, K::ExtRef, "reference", 4},
};
constexpr Member kToolsObject[] = {
    {"components", "components", S::Wrapped, K::Component, "component", 5},
    {"services", "services", S::Wrapped, K::Service, "service", 5},
};
constexpr Member kContact[] = {
    {"bom-ref", "bom-ref", S::Attribute, K::String, {}, 5},
    {"name", "name", S::Element, K::String},
    {"email", "email", S::Element, K::String},
    {"phone", "phone", S::Element, K::String},
};
constexpr Member kOrgEntity[] = {
    {"bom-ref", "bom-ref", S::Attribute, K::String, {}, 5},
    {"name", "name", S::Element, K::String},
    {"address", "address", S::Element, K::Address, {}, 6},
    {"url", "url", S::Repeated, K::String},
    {"contact", "contact", S::Repeated, K::Contact},
};
constexpr Member kAddress[] = {
    {"bom-ref", "bom-ref", S::Attribute, K::String, {}, 6},
    {"country", "country", S::Element, K::String, {}, 6},
    {"region", "region", S::Element, K::String, {}, 6},
    {"locality", "locality", S::Element, K::String, {}, 6},
    {"postOfficeBoxNumber", "postOfficeBoxNumber", S::Element, K::String, {}, 6},
    {"postalCode", "postalCode", S::Element, K::String, {}, 6},
    {"streetAddress", "streetAddress", S::Element, K::String, {}, 6},
};
constexpr Member kComponent[] = {
    {"type", "type", S::Attribute, K::String},
    {"mime-type", "mime-type", S::Attribute, K::String},
    {"bom-ref", "bom-ref", S::Attribute, K::String},
    {"supplier", "supplier", S::Element, K::OrgEntity},
    {"manufacturer", "manufacturer", S::Element, K::OrgEntity, {}, 6},
    {"authors", "authors", S::Wrapped, K::Contact, "author", 6},
    {"author", "author", S::Element, K::String},
    {"publisher", "publisher", S::Element, K::String},
    {"group", "group", S::Element, K::String},
    {"name", "name", S::Element, K::String},
    {"version", "version", S::Element, K::String},
    {"versionRange", "versionRange", S::Element, K::String, {}, 7},
    {"description", "description", S::Element, K::String},
    {"scope", "scope", S::Element, K::String},
    {"hashes", "hashes", S::Wrapped, K::Hash, "hash"},
    {"licenses", "licenses", S::Licenses, K::License},
    {"copyright", "copyright", S::Element, K::String},
    {"cpe", "cpe", S::Element, K::String},
    {"purl", "purl", S::Element, K::String},
    {"omniborId", "omniborId", S::Repeated, K::String, {}, 6},
    {"swhid", "swhid", S::Repeated, K::String, {}, 6},
    {"swid", "swid", S::Element, K::Swid},
    {"modified", "modified", S::Element, K::Bool},
    {"pedigree", "pedigree", S::Element, K::Pedigree},
    {"externalReferences", "externalReferences", S::Wrapped, K::ExtRef, "reference"},
    {"properties", "properties", S::Wrapped, K::Property, "property", 3},
    {"components", "components", S::Wrapped, K::Component, "component"},
    {"evidence", "evidence", S::Element, K::Evidence, {}, 3},
    {"releaseNotes", "releaseNotes", S::Element, K::ReleaseNotes, {}, 4},
    {"modelCard", "modelCard", S::Element, K::ModelCard, {}, 5},
    // 1.5 has one <data>, JSON an array: kept as XML there (one item or several are not told apart).
    {"data", "data", S::Repeated, K::ComponentData, {}, 6},
    {"cryptoProperties", "cryptoProperties", S::Element, K::CryptoProperties, {}, 6},
    {"tags", "tags", S::Wrapped, K::String, "tag", 6},
};
constexpr Member kSwid[] = {
    {"tagId", "tagId", S::Attribute, K::String},
    {"name", "name", S::Attribute, K::String},
    {"version", "version", S::Attribute, K::String},
    {"tagVersion", "tagVersion", S::Attribute, K::Number},
    {"patch", "patch", S::Attribute, K::Bool},
    {"text", "text", S::Element, K::Attachment},
    {"url", "url", S::Element, K::String},
};
constexpr Member kAttachment[] = {
    {"content-type", "contentType", S::Attribute, K::String},
    {"encoding", "encoding", S::Attribute, K::String},
    {"", "content", S::Content, K::String},
};
constexpr Member kHash[] = {
    {"alg", "alg", S::Attribute, K::String},
    {"", "content", S::Content, K::String},
};
constexpr Member kLicense[] = {
    {"bom-ref", "bom-ref", S::Attribute, K::String, {}, 5},
    {"acknowledgement", "acknowledgement", S::Attribute, K::String, {}, 6},
    {"id", "id", S::Element, K::String},
    {"name", "name", S::Element, K::String},
    {"text", "text", S::Element, K::Attachment},
    {"url", "url", S::Element, K::String},
    {"properties", "properties", S::Wrapped, K::Property, "property", 5},
};
constexpr Member kExpression[] = {
    {"bom-ref", "bom-ref", S::Attribute, K::String, {}, 5},
    {"acknowledgement", "acknowledgement", S::Attribute, K::String, {}, 6},
    {"", "expression", S::Content, K::String},
};
constexpr Member kExtRef[] = {
    {"type", "type", S::Attribute, K::String},
    {"url", "url", S::Element, K::String},
    {"comment", "comment", S::Element, K::String},
    {"hashes", "hashes", S::Wrapped, K::Hash, "hash", 3},
};
constexpr Member kProperty[] = {
    {"name", "name", S::Attribute, K::String, {}, 3},
    {"", "value", S::Content, K::String, {}, 3},
};
constexpr Member kDependency[] = {
    {"ref", "ref", S::Attribute, K::String},
    {"dependency", "dependsOn", S::RepeatedRefs, K::String},
    {"provides", "provides", S::RepeatedRefs, K::String, {}, 6},
};
constexpr Member kService[] = {
    {"bom-ref", "bom-ref", S::Attribute, K::String},
    {"provider", "provider", S::Element, K::OrgEntity},
    {"group", "group", S::Element, K::String},
    {"name", "name", S::Element, K::String},
    {"version", "version", S::Element, K::String},
    {"description", "description", S::Element, K::String},
    {"endpoints", "endpoints", S::Wrapped, K::String, "endpoint"},
    {"authenticated", "authenticated", S::Element, K::Bool},
    {"x-trust-boundary", "x-trust-boundary", S::Element, K::Bool},
    {"trustZone", "trustZone", S::Element, K::String, {}, 5},
    {"licenses", "licenses", S::Licenses, K::License},
    {"externalReferences", "externalReferences", S::Wrapped, K::ExtRef, "reference"},
    {"properties", "properties", S::Wrapped, K::Property, "property", 3},
    {"services", "services", S::Wrapped, K::Service, "service"},
    {"releaseNotes", "releaseNotes", S::Element, K::ReleaseNotes, {}, 4},
    {"tags", "tags", S::Wrapped, K::String, "tag", 6},
};
constexpr Member kComposition[] = {
    {"bom-ref", "bom-ref", S::Attribute, K::String, {}, 5},
    {"aggregate", "aggregate", S::Element, K::String, {}, 3},
    {"assemblies", "assemblies", S::Refs, K::String, "assembly", 3},
    {"dependencies", "dependencies", S::Refs, K::String, "dependency", 3},
    {"vulnerabilities", "vulnerabilities", S::Refs, K::String, "vulnerability", 5},
};
constexpr Member kVulnerability[] = {
    {"bom-ref", "bom-ref", S::Attribute, K::String, {}, 4},
    {"id", "id", S::Element, K::String, {}, 4},
    {"source", "source", S::Element, K::Source, {}, 4},
    {"references", "references", S::Wrapped, K::VulnRef, "reference", 4},
    {"ratings", "ratings", S::Wrapped, K::Rating, "rating", 4},
    {"cwes", "cwes", S::Wrapped, K::Number, "cwe", 4},
    {"description", "description", S::Element, K::String, {}, 4},
    {"detail", "detail", S::Element, K::String, {}, 4},
    {"recommendation", "recommendation", S::Element, K::String, {}, 4},
    {"workaround", "workaround", S::Element, K::String, {}, 5},
    {"proofOfConcept", "proofOfConcept", S::Element, K::ProofOfConcept, {}, 5},
    {"advisories", "advisories", S::Wrapped, K::Advisory, "advisory", 4},
    {"created", "created", S::Element, K::String, {}, 4},
    {"published", "published", S::Element, K::String, {}, 4},
    {"updated", "updated", S::Element, K::String, {}, 4},
    {"rejected", "rejected", S::Element, K::String, {}, 5},
    {"credits", "credits", S::Element, K::Credits, {}, 4},
    {"tools", "tools", S::Tools, K::Tool, "tool", 4},
    {"analysis", "analysis", S::Element, K::Analysis, {}, 4},
    {"affects", "affects", S::Wrapped, K::Affect, "target", 4},
    {"properties", "properties", S::Wrapped, K::Property, "property", 4},
};
constexpr Member kSource[] = {
    {"name", "name", S::Element, K::String},
    {"url", "url", S::Element, K::String},
};
constexpr Member kVulnRef[] = {
    {"id", "id", S::Element, K::String},
    {"source", "source", S::Element, K::Source},
};
constexpr Member kRating[] = {
    {"source", "source", S::Element, K::Source},
    {"score", "score", S::Element, K::Number},
    {"severity", "severity", S::Element, K::String},
    {"method", "method", S::Element, K::String},
    {"vector", "vector", S::Element, K::String},
    {"justification", "justification", S::Element, K::String},
};
constexpr Member kAdvisory[] = {
    {"title", "title", S::Element, K::String},
    {"url", "url", S::Element, K::String},
};
constexpr Member kCredits[] = {
    {"organizations", "organizations", S::Wrapped, K::OrgEntity, "organization"},
    {"individuals", "individuals", S::Wrapped, K::Contact, "individual"},
};
constexpr Member kAnalysis[] = {
    {"state", "state", S::Element, K::String},
    {"justification", "justification", S::Element, K::String},
    {"responses", "response", S::Wrapped, K::String, "response"},
    {"detail", "detail", S::Element, K::String},
    {"firstIssued", "firstIssued", S::Element, K::String, {}, 5},
    {"lastUpdated", "lastUpdated", S::Element, K::String, {}, 5},
};
constexpr Member kAffect[] = {
    {"ref", "ref", S::Element, K::String},
    {"versions", "versions", S::Wrapped, K::AffectVersion, "version"},
};
constexpr Member kAffectVersion[] = {
    {"version", "version", S::Element, K::String},
    {"range", "range", S::Element, K::String},
    {"status", "status", S::Element, K::String},
};
constexpr Member kProofOfConcept[] = {
    {"reproductionSteps", "reproductionSteps", S::Element, K::String},
    {"environment", "environment", S::Element, K::String},
    {"supportingMaterial", "supportingMaterial", S::Wrapped, K::Attachment, "attachment"},
};
constexpr Member kEvidence[] = {
    {"identity", "identity", S::Element, K::Identity, {}, 5, 5},
    {"identity", "identity", S::Repeated, K::Identity, {}, 6},
    {"occurrences", "occurrences", S::Wrapped, K::Occurrence, "occurrence", 5},
    {"licenses", "licenses", S::Licenses, K::License},
    {"copyright", "copyright", S::Wrapped, K::Copyright, "text"},
};
constexpr Member kIdentity[] = {
    {"field", "field", S::Element, K::String},
    {"confidence", "confidence", S::Element, K::Number},
    {"concludedValue", "concludedValue", S::Element, K::String, {}, 6},
    {"methods", "methods", S::Wrapped, K::Method, "method"},
    {"tools", "tools", S::Refs, K::String, "tool"},
};
constexpr Member kMethod[] = {
    {"technique", "technique", S::Element, K::String},
    {"confidence", "confidence", S::Element, K::Number},
    {"value", "value", S::Element, K::String},
};
constexpr Member kOccurrence[] = {
    {"bom-ref", "bom-ref", S::Attribute, K::String},
    {"location", "location", S::Element, K::String},
    {"line", "line", S::Element, K::Number, {}, 6},
    {"offset", "offset", S::Element, K::Number, {}, 6},
    {"symbol", "symbol", S::Element, K::String, {}, 6},
    {"additionalContext", "additionalContext", S::Element, K::String, {}, 6},
};
constexpr Member kCopyright[] = {
    {"", "text", S::Content, K::String},
};
constexpr Member kPedigree[] = {
    {"ancestors", "ancestors", S::Wrapped, K::Component, "component"},
    {"descendants", "descendants", S::Wrapped, K::Component, "component"},
    {"variants", "variants", S::Wrapped, K::Component, "component"},
    {"commits", "commits", S::Wrapped, K::Commit, "commit"},
    {"patches", "patches", S::Wrapped, K::Patch, "patch"},
    {"notes", "notes", S::Element, K::String},
};
constexpr Member kCommit[] = {
    {"uid", "uid", S::Element, K::String},
    {"url", "url", S::Element, K::String},
    {"author", "author", S::Element, K::Action},
    {"committer", "committer", S::Element, K::Action},
    {"message", "message", S::Element, K::String},
};
constexpr Member kAction[] = {
    {"timestamp", "timestamp", S::Element, K::String},
    {"name", "name", S::Element, K::String},
    {"email", "email", S::Element, K::String},
};
constexpr Member kPatch[] = {
    {"type", "type", S::Attribute, K::String},
    {"diff", "diff", S::Element, K::Diff},
    {"resolves", "resolves", S::Wrapped, K::Issue, "issue"},
};
constexpr Member kDiff[] = {
    {"text", "text", S::Element, K::Attachment},
    {"url", "url", S::Element, K::String},
};
constexpr Member kIssue[] = {
    {"type", "type", S::Attribute, K::String},
    {"id", "id", S::Element, K::String},
    {"name", "name", S::Element, K::String},
    {"description", "description", S::Element, K::String},
    {"source", "source", S::Element, K::Source},
    {"references", "references", S::Wrapped, K::String, "url"},
};
constexpr Member kReleaseNotes[] = {
    {"type", "type", S::Element, K::String},
    {"title", "title", S::Element, K::String},
    {"featuredImage", "featuredImage", S::Element, K::String},
    {"socialImage", "socialImage", S::Element, K::String},
    {"description", "description", S::Element, K::String},
    {"timestamp", "timestamp", S::Element, K::String},
    {"aliases", "aliases", S::Wrapped, K::String, "alias"},
    {"tags", "tags", S::Wrapped, K::String, "tag"},
    {"resolves", "resolves", S::Wrapped, K::Issue, "issue"},
    {"notes", "notes", S::Wrapped, K::Note, "note"},
    {"properties", "properties", S::Wrapped, K::Property, "property"},
};
constexpr Member kNote[] = {
    {"locale", "locale", S::Element, K::String},
    {"text", "text", S::Element, K::Attachment},
};
constexpr Member kAnnotation[] = {
    {"bom-ref", "bom-ref", S::Attribute, K::String},
    {"subjects", "subjects", S::Refs, K::String, "subject"},
    {"annotator", "annotator", S::Element, K::Annotator},
    {"timestamp", "timestamp", S::Element, K::String},
    {"text", "text", S::Element, K::String},
};
constexpr Member kAnnotator[] = {
    {"organization", "organization", S::Element, K::OrgEntity},
    {"individual", "individual", S::Element, K::Contact},
    {"component", "component", S::Element, K::Component},
    {"service", "service", S::Element, K::Service},
};

constexpr std::span<const Member> kTable[] = {
    {}, {}, {},  // scalars
    kBom, kMetadata, kLifecycle, kTool, kToolsObject, kContact, kOrgEntity, kAddress, kComponent, kSwid,
    kAttachment, kHash, kLicense, kExpression, kExtRef, kProperty, kDependency, kService, kComposition,
    kVulnerability, kSource, kVulnRef, kRating, kAdvisory, kCredits, kAnalysis, kAffect, kAffectVersion,
    kProofOfConcept, kEvidence, kIdentity, kMethod, kOccurrence, kCopyright, kPedigree, kCommit, kAction,
    kPatch, kDiff, kIssue, kReleaseNotes, kNote, kAnnotation, kAnnotator,
};
static_assert(std::size(kTable) == static_cast<std::size_t>(Kind::Formula), "one row list per kind");
// The reader marks the members it has seen in 64 bits.
static_assert(std::ranges::all_of(kTable, [](std::span<const Member> rows) { return rows.size() <= 64; }));

}  // namespace

std::span<const Member> members(Kind k) {
  return k < Kind::Formula ? kTable[static_cast<std::size_t>(k)] : members_15(k);
}

namespace {
bool same_array(const Member& a, const Member& b) {
  return a.shape == Shape::Wrapped && b.shape == Shape::Wrapped && a.xml == b.xml && a.json == b.json &&
         a.since == b.since && a.until == b.until;
}
}  // namespace

std::span<const Member> choices(Kind k, const Member& m) {
  std::span<const Member> rows = members(k);
  auto at = static_cast<std::size_t>(&m - rows.data());
  std::size_t end = at + 1;
  while (end < rows.size() && same_array(rows[end], m)) ++end;
  return rows.subspan(at, end - at);
}

bool is_later_choice(Kind k, const Member& m) {
  std::span<const Member> rows = members(k);
  auto at = static_cast<std::size_t>(&m - rows.data());
  return at > 0 && at < rows.size() && same_array(rows[at - 1], m);
}

const Member* find_xml(Kind k, std::string_view xml, unsigned minor, bool attribute, std::size_t hint) {
  std::span<const Member> rows = members(k);
  for (std::size_t n = 0, i = hint < rows.size() ? hint : 0; n < rows.size(); ++n, i = i + 1 == rows.size() ? 0 : i + 1) {
    const Member& m = rows[i];
    if (m.xml == xml && (m.shape == Shape::Attribute) == attribute && m.in(minor)) return &m;
  }
  return nullptr;
}

std::string xpath_of(std::string_view pointer, unsigned minor) { return "/bom" + xpath_below(Kind::Bom, pointer, minor); }

std::string xpath_below(Kind kind, std::string_view pointer, unsigned minor) {
  // Called for every component and vulnerability read from XML: the tokens are views of the
  // pointer, and only those with an RFC 6901 escape ("~1" is '/', "~0" is '~') are decoded, into
  // `decoded` (reserved, so the views stay valid).
  std::vector<std::string_view> tokens;
  std::vector<std::string> decoded;
  if (pointer.find('~') != std::string_view::npos)
    decoded.reserve(static_cast<std::size_t>(std::count(pointer.begin(), pointer.end(), '/')));
  for (std::size_t at = 0; at < pointer.size() && pointer[at] == '/';) {
    std::size_t end = pointer.find('/', at + 1);
    if (end == std::string_view::npos) end = pointer.size();
    std::string_view raw = pointer.substr(at + 1, end - at - 1);
    if (raw.find('~') == std::string_view::npos) {
      tokens.push_back(raw);
    } else {
      std::string& t = decoded.emplace_back();
      for (std::size_t i = 0; i < raw.size(); ++i) {
        if (raw[i] == '~' && i + 1 < raw.size() && (raw[i + 1] == '0' || raw[i + 1] == '1')) {
          t += raw[++i] == '1' ? '/' : '~';
        } else {
          t += raw[i];
        }
      }
      tokens.push_back(t);
    }
    at = end;
  }
  auto index = [&](std::size_t i) {  // "[N]" (1-based) for the token at i when it is an array index
    std::string n;
    if (i >= tokens.size() || tokens[i].empty() || tokens[i].size() > 18 ||
        tokens[i].find_first_not_of("0123456789") != std::string_view::npos)
      return n;
    std::uint64_t v = 0;
    for (char c : tokens[i]) v = v * 10 + static_cast<std::uint64_t>(c - '0');
    n.append("[").append(std::to_string(v + 1)).append("]");
    return n;
  };
  auto token_is = [&](std::size_t i, std::string_view t) { return i < tokens.size() && tokens[i] == t; };
  std::string out;
  std::size_t i = 0;
  while (i < tokens.size()) {
    // The row of the member: an element's before an attribute's or the text's of the same JSON
    // name; of an array's choices the first, whose item name stands for them all.
    const Member* m = nullptr;
    for (const Member& r : members(kind))
      if (r.json == tokens[i] && r.in(minor) && (!m || ((m->shape == Shape::Attribute || m->shape == Shape::Content) &&
                                                       r.shape != Shape::Attribute && r.shape != Shape::Content)))
        m = &r;
    if (!m) break;
    std::string n = index(i + 1);
    switch (m->shape) {
      case Shape::Attribute:
        out.append("/@").append(m->xml);
        ++i;
        break;
      case Shape::Content:
        out.append("/text()");
        ++i;
        break;
      case Shape::Licenses:
        // [{"license": {...}}] or [{"expression": "..."}]: <license> or <expression> items.
        out.append("/").append(m->xml);
        if (n.empty()) { ++i; break; }
        if (token_is(i + 2, "license")) {
          out.append("/license").append(n);
          kind = Kind::License;
          i += 3;
          continue;
        }
        out.append(token_is(i + 2, "expression") ? "/expression" : "/*").append(n);
        i += token_is(i + 2, "expression") ? 3 : 2;
        break;
      case Shape::Refs:
      case Shape::RepeatedRefs:
        // ["x", ...]: <xml><item ref="x"/></xml>, or <xml ref="x"/> repeated.
        out.append("/").append(m->xml);
        if (!n.empty()) {
          if (m->shape == Shape::Refs) out.append("/").append(m->item);
          out.append(n).append("/@ref");
        }
        i += n.empty() ? 1 : 2;
        break;
      case Shape::Tools:
        // The array form (<tool> items) or the object form (components, services).
        out.append("/").append(m->xml);
        if (!n.empty()) {
          out.append("/").append(m->item).append(n);
          kind = m->kind;
          i += 2;
        } else {
          kind = Kind::ToolsObject;
          ++i;
        }
        continue;
      case Shape::Element:
      case Shape::Wrapped:
      case Shape::Repeated: {
        std::string k = m->shape == Shape::Element && is_object(m->kind) ? std::string() : n;
        out.append("/").append(m->xml);
        if (m->shape == Shape::Wrapped && !k.empty()) out.append("/").append(m->item);
        out.append(k);
        i += k.empty() ? 1 : 2;
        if (!is_object(m->kind)) break;  // a text element, or a list of them: its name, and the item's
        kind = m->kind;
        continue;
      }
    }
    break;
  }
  // The reader's kept attributes of other namespaces (kExtraAttributes) are the element's "@*".
  for (; i < tokens.size(); ++i) out.append("/").append(tokens[i] == kExtraAttributes ? std::string_view("@*") : tokens[i]);
  return out;
}

}  // namespace sbom::cyclonedx::xml
