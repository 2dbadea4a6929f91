// The end-of-life table and the eol findings made from it (docs/findings.md: the rule and the
// table's sources).
#include "sbom/eol.h"

#include <algorithm>
#include <cctype>
#include <map>
#include <vector>

#include "sbom/findings.h"
#include "sbom/text.h"

namespace sbom::eol {
namespace {

// The last day of free security support. Debian: the end of LTS (3 years by the Security Team,
// then 2 by the LTS team). Ubuntu: the end of standard support (LTS 5 years, interim 9 months;
// Ubuntu Pro's ESM is paid and not counted); Canonical states a month, and the table takes its
// last day. Alpine: the end of the branch's main-repository security fixes. Go: a release is
// supported until the second newer major release comes out (its release day).
constexpr Cycle kTable[] = {
    {"debian", "7", "2018-05-31", "Debian 7 (wheezy)"},
    {"debian", "8", "2020-06-30", "Debian 8 (jessie)"},
    {"debian", "9", "2022-06-30", "Debian 9 (stretch)"},
    {"debian", "10", "2024-06-30", "Debian 10 (buster)"},
    {"debian", "11", "2026-08-31", "Debian 11 (bullseye)"},
    {"debian", "12", "2028-06-30", "Debian 12 (bookworm)"},
    {"debian", "13", "2030-06-30", "Debian 13 (trixie)"},
    {"ubuntu", "14.04", "2019-04-30", "Ubuntu 14.04 LTS"},
    {"ubuntu", "16.04", "2021-04-30", "Ubuntu 16.04 LTS"},
    {"ubuntu", "18.04", "2023-05-31", "Ubuntu 18.04 LTS"},
    {"ubuntu", "20.04", "2025-05-31", "Ubuntu 20.04 LTS"},
    {"ubuntu", "22.04", "2027-04-30", "Ubuntu 22.04 LTS"},
    {"ubuntu", "22.10", "2023-07-31", "Ubuntu 22.10"},
    {"ubuntu", "23.04", "2024-01-31", "Ubuntu 23.04"},
    {"ubuntu", "23.10", "2024-07-31", "Ubuntu 23.10"},
    {"ubuntu", "24.04", "2029-04-30", "Ubuntu 24.04 LTS"},
    {"ubuntu", "24.10", "2025-07-31", "Ubuntu 24.10"},
    {"ubuntu", "25.04", "2026-01-31", "Ubuntu 25.04"},
    {"ubuntu", "25.10", "2026-07-31", "Ubuntu 25.10"},
    {"alpine", "3.12", "2022-05-01", "Alpine Linux 3.12"},
    {"alpine", "3.13", "2022-11-01", "Alpine Linux 3.13"},
    {"alpine", "3.14", "2023-05-01", "Alpine Linux 3.14"},
    {"alpine", "3.15", "2023-11-01", "Alpine Linux 3.15"},
    {"alpine", "3.16", "2024-05-23", "Alpine Linux 3.16"},
    {"alpine", "3.17", "2024-11-22", "Alpine Linux 3.17"},
    {"alpine", "3.18", "2025-05-09", "Alpine Linux 3.18"},
    {"alpine", "3.19", "2025-11-01", "Alpine Linux 3.19"},
    {"alpine", "3.20", "2026-04-01", "Alpine Linux 3.20"},
    {"alpine", "3.21", "2026-11-01", "Alpine Linux 3.21"},
    {"alpine", "3.22", "2027-05-01", "Alpine Linux 3.22"},
    {"go", "1.17", "2022-08-02", "Go 1.17"},
    {"go", "1.18", "2023-02-01", "Go 1.18"},
    {"go", "1.19", "2023-08-08", "Go 1.19"},
    {"go", "1.20", "2024-02-06", "Go 1.20"},
    {"go", "1.21", "2024-08-13", "Go 1.21"},
    {"go", "1.22", "2025-02-11", "Go 1.22"},
    {"go", "1.23", "2025-08-12", "Go 1.23"},
};

// The first `fields` dot-separated numeric fields of a version ("3.19.1" -> "3.19"), "" when it
// has fewer; a leading "v" or "go" is passed over ("go1.21.5" -> "1.21").
std::string leading(std::string_view v, int fields) {
  if (v.starts_with("go")) v.remove_prefix(2);
  else if (v.starts_with("v")) v.remove_prefix(1);
  return std::string(text::leading_fields(v, fields));
}

const Cycle* find(std::string_view product, std::string_view cycle) {
  for (const Cycle& c : kTable)
    if (c.product == product && c.cycle == cycle) return &c;
  return nullptr;
}

std::string lower(std::string_view s) {
  std::string out(s);
  for (char& ch : out) ch = static_cast<char>(std::tolower(static_cast<unsigned char>(ch)));
  return out;
}

}  // namespace

std::span<const Cycle> table() { return kTable; }

const Cycle* cycle_of(const Component& c) {
  if (c.type == "operating-system") {
    const std::string name = lower(c.name);
    if (name == "debian") return find("debian", leading(c.version, 1));
    if (name == "ubuntu") return find("ubuntu", leading(c.version, 2));
    if (name == "alpine") return find("alpine", leading(c.version, 2));
    return nullptr;
  }
  if (c.purl.starts_with("pkg:golang/stdlib@")) return find("go", leading(c.version, 2));
  return nullptr;
}

std::string rule_id(const Cycle& c) {
  std::string id = "SBOMKIT-EOL-";
  for (char ch : c.product) id += static_cast<char>(std::toupper(static_cast<unsigned char>(ch)));
  id += '-';
  id += c.cycle;
  return id;
}

std::size_t add_findings(Document& doc, std::int64_t now) {
  // Cycle -> the refs of its components, in document order.
  std::map<const Cycle*, std::vector<std::string>> hits;
  std::vector<const Cycle*> order;
  doc.for_each_component([&](const Component& c) {
    const Cycle* cy = cycle_of(c);
    if (cy == nullptr) return;
    auto end = text::parse_utc_time(cy->eol);
    // Past the end: from the day after the last supported day.
    if (!end || now < *end + 86400) return;
    auto [it, added] = hits.try_emplace(cy);
    if (added) order.push_back(cy);
    if (!c.bom_ref.empty() && std::find(it->second.begin(), it->second.end(), c.bom_ref) == it->second.end())
      it->second.push_back(c.bom_ref);
  });
  if (order.empty()) return 0;
  if (!doc.vulnerabilities) doc.vulnerabilities.emplace();
  std::size_t added = 0;
  for (const Cycle* cy : order) {
    const std::string id = rule_id(*cy);
    if (std::any_of(doc.vulnerabilities->begin(), doc.vulnerabilities->end(),
                    [&](const Vulnerability& v) { return v.id == id; }))
      continue;
    const bool os = cy->product != "go";
    findings::Rule rule;
    rule.id = id;
    rule.kind = std::string(findings::kEol);
    rule.severity = os ? "high" : "medium";
    rule.cwe = 1104;  // Use of Unmaintained Third Party Components
    rule.title = std::string(cy->label) + " is past its end of life (" + std::string(cy->eol) + ")";
    rule.recommendation = os ? "Move the image to a supported release of the distribution."
                             : "Rebuild the binary with a supported Go release.";
    findings::Hit hit;
    hit.detail = std::string(cy->label) + ": free security support ended " + std::string(cy->eol) +
                 "; no security fixes are published for it since (sbomkit end-of-life table of " +
                 std::string(kTableDate) + ")";
    hit.properties.push_back({"sbomkit:eol:date", std::string(cy->eol), {}});
    Vulnerability v = findings::make_vulnerability(rule, hit);
    for (const std::string& ref : hits[cy]) {
      Affect a;
      a.ref = ref;
      v.affects.push_back(std::move(a));
    }
    doc.vulnerabilities->push_back(std::move(v));
    ++added;
  }
  return added;
}

}  // namespace sbom::eol
