// Small helpers of the data model.
#include "sbom/model.h"
#include "sbom/links.h"

#include <algorithm>

namespace sbom {

namespace {
const Property* find_property(const std::vector<Property>& props, std::string_view name) {
  for (const auto& p : props)
    if (p.name == name) return &p;
  return nullptr;
}
}  // namespace

Family family_of(Syntax s) {
  switch (s) {
    case Syntax::CycloneDxJson:
    case Syntax::CycloneDxXml: return Family::CycloneDx;
    case Syntax::SpdxJson:
    case Syntax::SpdxTagValue: return Family::Spdx2;
    case Syntax::Spdx3JsonLd: return Family::Spdx3;
    case Syntax::None: break;
  }
  return Family::None;
}

const Property* Component::property(std::string_view n) const { return find_property(properties, n); }

std::string License::location(std::string_view owner, std::size_t k) const {
  if (!source_location.empty()) return source_location;
  return std::string(owner) + "/licenses/" + std::to_string(k);
}

std::string License::inner_location(std::string_view owner, std::size_t k) const {
  if (!license_source_location.empty()) return license_source_location;
  return location(owner, k) + "/license";
}
const Property* Vulnerability::property(std::string_view n) const { return find_property(properties, n); }

void record_tool(Document& doc, std::string_view name, std::string_view version) {
  std::vector<Tool>& tools = doc.metadata.tools;
  if (std::any_of(tools.begin(), tools.end(), [&](const Tool& t) { return t.name == name && t.version == version; })) return;
  Tool t;
  t.vendor = "sbomkit";
  t.name = std::string(name);
  t.version = std::string(version);
  tools.push_back(std::move(t));
}

void append_advisory_links(const Vulnerability& v, std::vector<std::string_view>& out) {
  const std::size_t first = out.size();
  // A byte that would end or break a link where reports put it (Markdown's <...>, a JSON string).
  auto unsafe = [](char c) { return c == ' ' || c == '\t' || c == '\n' || c == '"' || c == '<' || c == '>'; };
  auto add = [&](std::string_view u) {
    if ((u.starts_with("https://") || u.starts_with("http://")) && std::none_of(u.begin(), u.end(), unsafe) &&
        std::find(out.begin() + static_cast<std::ptrdiff_t>(first), out.end(), u) == out.end())
      out.push_back(u);
  };
  for (const Advisory& a : v.advisories) add(a.url);
  add(v.source_url);
  for (const auto& r : v.references) add(r.source_url);
}

std::vector<std::string> advisory_links(const Vulnerability& v) {
  std::vector<std::string_view> views;
  append_advisory_links(v, views);
  return {views.begin(), views.end()};
}

}  // namespace sbom
