// What sbom-match adds, fitted to the document's specVersion: vulnerabilities need 1.4, the CVSSv4
// rating method 1.5; the tool that scanned is recorded in the form the version has.
#include <algorithm>

#include "sbom/match.h"

namespace sbom::match {
namespace {

// "1.6" -> 6; -1 when it is not a 1.x version.
int spec_minor(std::string_view v) {
  if (v.size() < 3 || v.substr(0, 2) != "1." ) return -1;
  int minor = 0;
  for (char c : v.substr(2)) {
    if (c < '0' || c > '9' || minor > 100) return -1;
    minor = minor * 10 + (c - '0');
  }
  return minor;
}

json::Value* member(json::Object& o, std::string_view key) {
  for (auto& [k, v] : o)
    if (k == key) return &v;
  return nullptr;
}

bool names(const json::Value& entry, std::string_view name, std::string_view version) {
  const json::Value* n = entry.find("name");
  const json::Value* v = entry.find("version");
  return n && n->is_string() && n->as_string() == name && v && v->is_string() && v->as_string() == version;
}

}  // namespace

Expected<std::vector<std::string>> fit_spec_version(Document& doc) {
  int minor = spec_minor(doc.spec_version);
  if (minor < 0) return Error("specVersion '" + doc.spec_version + "' is not a CycloneDX 1.x version");
  if (minor < 2)
    return Error("CycloneDX " + doc.spec_version +
                 " has no metadata nor vulnerabilities and is not upgraded safely: convert the document to 1.4 or later");
  if (minor >= 4) return std::vector<std::string>{};
  std::string from = doc.spec_version;
  doc.spec_version = "1.4";
  return std::vector<std::string>{"specVersion " + from + " cannot carry vulnerabilities: the document is written as 1.4"};
}

std::size_t fit_ratings(Document& doc) {
  if (spec_minor(doc.spec_version) >= 5 || !doc.vulnerabilities) return 0;
  std::size_t changed = 0;
  for (Vulnerability& v : *doc.vulnerabilities)
    for (Rating& r : v.ratings)
      if (r.method == "CVSSv4") {
        r.method = "other";
        ++changed;
      }
  return changed;
}

void record_tool(Document& doc, std::string_view name, std::string_view version) {
  json::Object& md = doc.metadata.extra;
  json::Value* tools = member(md, "tools");
  const bool modern = spec_minor(doc.spec_version) >= 5;
  if (tools == nullptr) {
    md.emplace_back("tools", modern ? json::Value(json::Object{{"components", json::Value(json::Array{})}})
                                    : json::Value(json::Array{}));
    tools = &md.back().second;
  }
  json::Array* list = nullptr;
  bool legacy = tools->is_array();
  if (legacy) {
    list = &tools->as_array();
  } else if (tools->is_object()) {
    json::Value* comps = member(tools->as_object(), "components");
    if (comps == nullptr) {
      tools->as_object().emplace_back("components", json::Value(json::Array{}));
      comps = &tools->as_object().back().second;
    }
    if (comps->is_array()) list = &comps->as_array();
  }
  if (list == nullptr) return;  // not a form of tools we know: left as it is
  if (std::any_of(list->begin(), list->end(), [&](const json::Value& t) { return names(t, name, version); })) return;
  // The legacy tool object has vendor/name/version; a 1.5+ tool is a component.
  if (legacy)
    list->push_back(json::Value(json::Object{{"vendor", json::Value("sbomkit")}, {"name", json::Value(name)},
                                             {"version", json::Value(version)}}));
  else
    list->push_back(json::Value(json::Object{{"type", json::Value("application")}, {"group", json::Value("sbomkit")},
                                             {"name", json::Value(name)}, {"version", json::Value(version)}}));
}

}  // namespace sbom::match
