// Output targets by name: the syntaxes of the format layer and their spec versions (format.h).
#include <algorithm>

#include "sbom/format.h"

namespace sbom::format {

namespace {

struct SyntaxInfo {
  Syntax syntax;
  std::string_view name;
  std::vector<std::string_view> versions;  // oldest first
  std::string_view default_version;
};

const std::vector<SyntaxInfo>& syntaxes() {
  static const std::vector<SyntaxInfo> kAll = {
      {Syntax::CycloneDxJson, "cyclonedx-json", {"1.2", "1.3", "1.4", "1.5", "1.6", "1.7"}, "1.6"},
      {Syntax::CycloneDxXml, "cyclonedx-xml", {"1.2", "1.3", "1.4", "1.5", "1.6", "1.7"}, "1.6"},
      {Syntax::SpdxJson, "spdx-json", {"2.2", "2.3"}, "2.3"},
      {Syntax::SpdxTagValue, "spdx-tag-value", {"2.2", "2.3"}, "2.3"},
      {Syntax::Spdx3JsonLd, "spdx3-json", {"3.0.1"}, "3.0.1"},
  };
  return kAll;
}

const SyntaxInfo* info(Syntax s) {
  for (const auto& i : syntaxes())
    if (i.syntax == s) return &i;
  return nullptr;
}

}  // namespace

std::string_view target_name(Syntax s) {
  const SyntaxInfo* i = info(s);
  return i ? i->name : std::string_view{};
}

std::vector<std::string_view> spec_versions(Syntax s) {
  const SyntaxInfo* i = info(s);
  return i ? i->versions : std::vector<std::string_view>{};
}

std::string_view default_version(Syntax s) {
  const SyntaxInfo* i = info(s);
  return i ? i->default_version : std::string_view{};
}

Expected<Target> parse_target(std::string_view text) {
  std::string_view name = text, version;
  if (auto at = text.find('@'); at != std::string_view::npos) {
    name = text.substr(0, at);
    version = text.substr(at + 1);
  }
  std::string names;
  for (const auto& i : syntaxes()) {
    names += (names.empty() ? "" : ", ") + std::string(i.name);
    if (i.name != name) continue;
    if (version.empty()) return Target{i.syntax, ""};  // the writer's default (CycloneDX: the input's version)
    if (std::find(i.versions.begin(), i.versions.end(), version) != i.versions.end())
      return Target{i.syntax, std::string(version)};
    std::string list;
    for (auto v : i.versions) list += (list.empty() ? "" : ", ") + std::string(v);
    return Error("format '" + std::string(text) + "': " + std::string(name) + " has no version '" +
                 std::string(version) + "' (versions: " + list + ")");
  }
  return Error("unknown format '" + std::string(text) + "' (formats: " + names + ", each optionally @VERSION)");
}

bool carries_vulnerabilities(const Target& t) {
  switch (t.syntax) {
    case Syntax::CycloneDxJson:
    case Syntax::CycloneDxXml: return t.spec_version != "1.2" && t.spec_version != "1.3";
    case Syntax::Spdx3JsonLd: return true;
    case Syntax::SpdxJson:
    case Syntax::SpdxTagValue:
    case Syntax::None: break;
  }
  return false;
}

Target target_of(const Document& doc) {
  if (doc.syntax == Syntax::None) return Target{Syntax::CycloneDxJson, doc.spec_version};
  return Target{doc.syntax, doc.spec_version};
}

}  // namespace sbom::format
