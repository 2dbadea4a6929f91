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


}  // namespace sbom::match

namespace sbom::match {

std::vector<std::string> group_unmatched(const std::vector<Unmatched>& unmatched) {
  struct Group {
    Unmatched::Why why;
    std::string ecosystem;
    std::vector<const Unmatched*> members;
  };
  std::vector<Group> groups;
  std::vector<std::string> lines;
  for (const Unmatched& u : unmatched) {
    if (u.why == Unmatched::Why::kUnidentified) {
      groups.push_back({u.why, "", {&u}});
      continue;
    }
    auto g = std::find_if(groups.begin(), groups.end(), [&](const Group& x) { return x.why == u.why && x.ecosystem == u.ecosystem; });
    if (g == groups.end()) groups.push_back({u.why, u.ecosystem, {&u}});
    else g->members.push_back(&u);
  }
  constexpr std::size_t kShown = 3;
  for (const Group& g : groups) {
    const std::size_t n = g.members.size();
    std::string line;
    if (g.why == Unmatched::Why::kUnidentified) {
      line = "not matched: " + g.members[0]->component + ": " + g.members[0]->reason;
    } else {
      line = std::to_string(n) + " " + g.ecosystem + (n == 1 ? " package" : " packages");
      if (g.why == Unmatched::Why::kNoAdvisories)
        line += " not matched: the index has no " + g.ecosystem + " advisories (sbom-db update --ecosystem " + g.ecosystem + ")";
      else
        line += " not matched: no bom-ref to attach findings to (give each component a bom-ref)";
      for (std::size_t i = 0; i < n && i < kShown; ++i) line += (i == 0 ? ": " : ", ") + g.members[i]->component;
      if (n > kShown) line += ", and " + std::to_string(n - kShown) + " more";
    }
    lines.push_back(std::move(line));
  }
  return lines;
}

}  // namespace sbom::match
