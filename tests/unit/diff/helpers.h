// Builds small CycloneDX documents in code for the diff tests.
#pragma once

#include <catch2/catch.hpp>

#include <string>
#include <vector>

#include "sbom/cyclonedx.h"
#include "sbom/diff.h"

namespace diff_test {

/// A component as JSON: purl may be empty; extra is spliced in verbatim (",\"hashes\":[...]").
inline std::string comp(const std::string& ref, const std::string& name, const std::string& version,
                        const std::string& purl, const std::string& extra = "") {
  std::string s = "{\"type\":\"library\",\"bom-ref\":\"" + ref + "\",\"name\":\"" + name + "\",\"version\":\"" + version + "\"";
  if (!purl.empty()) s += ",\"purl\":\"" + purl + "\"";
  return s + extra + "}";
}

/// A vulnerability rated by its own source; `more` is spliced in (references, analysis).
inline std::string vuln(const std::string& id, const std::string& severity, const std::vector<std::string>& refs,
                        const std::string& more = "") {
  std::string s = "{\"id\":\"" + id + "\",\"source\":{\"name\":\"osv\"},\"ratings\":[{\"source\":{\"name\":\"osv\"},\"severity\":\"" +
                  severity + "\"}],\"affects\":[";
  for (std::size_t i = 0; i < refs.size(); ++i) {
    if (i) s += ',';
    s += "{\"ref\":\"" + refs[i] + "\"}";
  }
  return s + "]" + more + "}";
}

inline sbom::Document doc(const std::vector<std::string>& comps, const std::vector<std::string>& vulns = {},
                          bool with_vulns = true) {
  std::string s = "{\"bomFormat\":\"CycloneDX\",\"specVersion\":\"1.6\",\"components\":[";
  for (std::size_t i = 0; i < comps.size(); ++i) {
    if (i) s += ',';
    s += comps[i];
  }
  s += "]";
  if (with_vulns) {
    s += ",\"vulnerabilities\":[";
    for (std::size_t i = 0; i < vulns.size(); ++i) {
      if (i) s += ',';
      s += vulns[i];
    }
    s += "]";
  }
  s += "}";
  auto d = sbom::cyclonedx::read_json(s, "test.json");
  if (!d) FAIL(d.error().to_string() + "\n" + s);
  return std::move(*d);
}

inline sbom::diff::Report run(const std::vector<const sbom::Document*>& docs, sbom::diff::Options o = {}) {
  std::vector<sbom::diff::Release> rel;
  for (std::size_t i = 0; i < docs.size(); ++i) {
    std::string label = "r";
    label += std::to_string(i + 1);
    rel.push_back({label, docs[i]});
  }
  auto r = sbom::diff::compare(rel, o);
  if (!r) FAIL(r.error().to_string());
  return std::move(*r);
}

}  // namespace diff_test
