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
  // The writer gives the tool the form the document's version (and its own tools) have.
  std::vector<Tool>& tools = doc.metadata.tools;
  if (std::any_of(tools.begin(), tools.end(), [&](const Tool& t) { return t.name == name && t.version == version; })) return;
  Tool t;
  t.vendor = "sbomkit";
  t.name = std::string(name);
  t.version = std::string(version);
  tools.push_back(std::move(t));
}

}  // namespace sbom::match
