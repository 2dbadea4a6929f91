// The end-of-life tables (the built-in one, and those imported into the index) and the eol
// findings made from them (docs/findings.md: the rule, the tables' sources, which table decides).
#include "sbom/eol.h"

#include <algorithm>
#include <map>
#include <vector>

#include "sbom/findings.h"
#include "sbom/text.h"

namespace sbom::eol {
namespace {

constexpr std::string_view kBuiltinSource = "sbomkit built-in table";

// The date in each row: when the built-in rows of that product were last checked against their
// sources (docs/findings.md lists them, row by row).
constexpr Product kProducts[] = {
    {"debian", "Debian", true, "2026-12-06"},
    {"ubuntu", "Ubuntu", true, "2026-12-06"},
    {"alpine", "Alpine Linux", true, "2026-12-06"},
    {"centos", "CentOS Linux", true, "2026-12-07"},
    {"fedora", "Fedora Linux", true, "2026-12-07"},
    {"amazon-linux", "Amazon Linux", true, "2026-12-07"},
    {"azure-linux", "CBL-Mariner / Azure Linux", true, "2026-12-07"},
    {"rhel", "Red Hat Enterprise Linux", true, "2026-12-07"},
    {"rocky-linux", "Rocky Linux", true, "2026-12-07"},
    {"almalinux", "AlmaLinux OS", true, "2026-12-07"},
    {"sles", "SUSE Linux Enterprise Server", true, "2026-12-07"},
    {"opensuse", "openSUSE Leap", true, "2026-12-07"},
    {"go", "Go", false, "2026-12-06"},
    {"python", "Python", false, "2026-12-06"},
    {"nodejs", "Node.js", false, "2026-12-06"},
    {"eclipse-temurin", "Eclipse Temurin", false, "2026-12-06"},
    {"openjdk-builds-from-oracle", "OpenJDK builds from Oracle", false, "2026-12-06"},
    {"oracle-jdk", "Oracle JDK", false, "2026-12-06"},
    {"amazon-corretto", "Amazon Corretto", false, "2026-12-06"},
    {"azul-zulu", "Azul Zulu", false, "2026-12-06"},
    {"redhat-build-of-openjdk", "Red Hat build of OpenJDK", false, "2026-12-06"},
    {"microsoft-build-of-openjdk", "Microsoft Build of OpenJDK", false, "2026-12-06"},
};

struct Row {
  std::string_view product, cycle, eol, label;
};

// The last day of free security support. Debian: the end of LTS (3 years by the Security Team,
// then 2 by the LTS team). Ubuntu: the end of standard support (LTS 5 years, interim 9 months;
// Ubuntu Pro's ESM is paid and not counted); Canonical states a month, and the table takes its
// last day. Alpine: the end of the branch's main-repository security fixes. CentOS Linux: the end
// of its updates (8 was cut short for CentOS Stream). Fedora: four weeks after the release two
// newer comes out. Amazon Linux: AWS's end of support. CBL-Mariner: Microsoft's end of life. Red Hat
// Enterprise Linux: the end of Maintenance Support (security errata for the major release; the paid
// Extended Life-cycle Support after it is not counted, as Ubuntu's ESM is not), every minor release
// judged as its major. Rocky Linux and AlmaLinux: the end of their security support (each follows
// RHEL's major release). SLES: the end of General Support of the major release (LTSS is paid and not
// counted; a service pack's own earlier end is not judged). openSUSE Leap: each minor release's end
// of maintenance. Go: a release is
// supported until the second newer major release comes out (its release day). Python: the end
// of a branch's security releases (its PEP's "end of life"). Node.js: the end of maintenance
// (even releases LTS, 30 months; odd ones two months after the next even one). Java: a feature
// release that is no LTS release is supported until the next one's general availability (Oracle's
// OpenJDK builds: every release); the LTS releases of the vendors' builds are left to a table
// imported into the index (their end dates are "at least" promises the vendors move).
constexpr Row kRows[] = {
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
    {"alpine", "3.4", "2018-05-01", "Alpine Linux 3.4"},
    {"alpine", "3.5", "2018-11-01", "Alpine Linux 3.5"},
    {"alpine", "3.6", "2019-05-01", "Alpine Linux 3.6"},
    {"alpine", "3.7", "2019-11-01", "Alpine Linux 3.7"},
    {"alpine", "3.8", "2020-05-01", "Alpine Linux 3.8"},
    {"alpine", "3.9", "2020-11-01", "Alpine Linux 3.9"},
    {"alpine", "3.10", "2021-05-01", "Alpine Linux 3.10"},
    {"alpine", "3.11", "2021-11-01", "Alpine Linux 3.11"},
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
    {"alpine", "3.23", "2027-11-01", "Alpine Linux 3.23"},
    {"centos", "6", "2020-11-30", "CentOS Linux 6"},
    {"centos", "7", "2024-06-30", "CentOS Linux 7"},
    {"centos", "8", "2021-12-31", "CentOS Linux 8"},
    {"fedora", "35", "2022-12-13", "Fedora Linux 35"},
    {"fedora", "36", "2023-05-16", "Fedora Linux 36"},
    {"fedora", "37", "2023-12-05", "Fedora Linux 37"},
    {"fedora", "38", "2024-05-21", "Fedora Linux 38"},
    {"fedora", "39", "2024-11-26", "Fedora Linux 39"},
    {"fedora", "40", "2025-05-13", "Fedora Linux 40"},
    {"fedora", "41", "2025-12-15", "Fedora Linux 41"},
    {"fedora", "42", "2026-05-27", "Fedora Linux 42"},
    {"fedora", "43", "2026-12-09", "Fedora Linux 43"},
    {"fedora", "44", "2027-06-02", "Fedora Linux 44"},
    {"amazon-linux", "2018.03", "2023-12-31", "Amazon Linux AMI 2018.03"},
    {"amazon-linux", "2", "2026-06-30", "Amazon Linux 2"},
    {"amazon-linux", "2023", "2029-06-30", "Amazon Linux 2023"},
    {"azure-linux", "2.0", "2025-07-31", "CBL-Mariner 2.0"},
    {"rhel", "6", "2020-11-30", "Red Hat Enterprise Linux 6"},
    {"rhel", "7", "2024-06-30", "Red Hat Enterprise Linux 7"},
    {"rhel", "8", "2029-05-31", "Red Hat Enterprise Linux 8"},
    {"rhel", "9", "2032-05-31", "Red Hat Enterprise Linux 9"},
    {"rhel", "10", "2035-05-31", "Red Hat Enterprise Linux 10"},
    {"rocky-linux", "8", "2029-05-31", "Rocky Linux 8"},
    {"rocky-linux", "9", "2032-05-31", "Rocky Linux 9"},
    {"rocky-linux", "10", "2035-05-31", "Rocky Linux 10"},
    {"almalinux", "8", "2029-05-31", "AlmaLinux OS 8"},
    {"almalinux", "9", "2032-05-31", "AlmaLinux OS 9"},
    {"almalinux", "10", "2035-05-31", "AlmaLinux OS 10"},
    {"sles", "11", "2019-03-31", "SUSE Linux Enterprise Server 11"},
    {"sles", "12", "2024-10-31", "SUSE Linux Enterprise Server 12"},
    {"sles", "15", "2031-07-31", "SUSE Linux Enterprise Server 15"},
    {"opensuse", "42.3", "2019-07-01", "openSUSE Leap 42.3"},
    {"opensuse", "15.0", "2019-12-03", "openSUSE Leap 15.0"},
    {"opensuse", "15.1", "2021-02-02", "openSUSE Leap 15.1"},
    {"opensuse", "15.2", "2022-01-04", "openSUSE Leap 15.2"},
    {"opensuse", "15.3", "2022-12-31", "openSUSE Leap 15.3"},
    {"opensuse", "15.4", "2023-12-07", "openSUSE Leap 15.4"},
    {"opensuse", "15.5", "2024-12-31", "openSUSE Leap 15.5"},
    {"opensuse", "15.6", "2026-04-30", "openSUSE Leap 15.6"},
    {"opensuse", "16.0", "2027-10-31", "openSUSE Leap 16.0"},
    {"go", "1.17", "2022-08-02", "Go 1.17"},
    {"go", "1.18", "2023-02-01", "Go 1.18"},
    {"go", "1.19", "2023-08-08", "Go 1.19"},
    {"go", "1.20", "2024-02-06", "Go 1.20"},
    {"go", "1.21", "2024-08-13", "Go 1.21"},
    {"go", "1.22", "2025-02-11", "Go 1.22"},
    {"go", "1.23", "2025-08-12", "Go 1.23"},
    {"python", "2.7", "2020-01-01", "Python 2.7"},
    {"python", "3.5", "2020-09-30", "Python 3.5"},
    {"python", "3.6", "2021-12-23", "Python 3.6"},
    {"python", "3.7", "2023-06-27", "Python 3.7"},
    {"python", "3.8", "2024-10-07", "Python 3.8"},
    {"python", "3.9", "2025-10-31", "Python 3.9"},
    {"python", "3.10", "2026-10-31", "Python 3.10"},
    {"python", "3.11", "2027-10-31", "Python 3.11"},
    {"python", "3.12", "2028-10-31", "Python 3.12"},
    {"python", "3.13", "2029-10-31", "Python 3.13"},
    {"nodejs", "10", "2021-04-30", "Node.js 10"},
    {"nodejs", "12", "2022-04-30", "Node.js 12"},
    {"nodejs", "14", "2023-04-30", "Node.js 14"},
    {"nodejs", "16", "2023-09-11", "Node.js 16"},
    {"nodejs", "17", "2022-06-01", "Node.js 17"},
    {"nodejs", "18", "2025-04-30", "Node.js 18"},
    {"nodejs", "19", "2023-06-01", "Node.js 19"},
    {"nodejs", "20", "2026-04-30", "Node.js 20"},
    {"nodejs", "21", "2024-06-01", "Node.js 21"},
    {"nodejs", "22", "2027-04-30", "Node.js 22"},
    {"nodejs", "23", "2025-06-01", "Node.js 23"},
    {"nodejs", "24", "2028-04-30", "Node.js 24"},
    {"eclipse-temurin", "16", "2021-09-14", "Eclipse Temurin 16"},
    {"eclipse-temurin", "18", "2022-09-20", "Eclipse Temurin 18"},
    {"eclipse-temurin", "19", "2023-03-21", "Eclipse Temurin 19"},
    {"eclipse-temurin", "20", "2023-09-19", "Eclipse Temurin 20"},
    {"eclipse-temurin", "22", "2024-09-17", "Eclipse Temurin 22"},
    {"eclipse-temurin", "23", "2025-03-18", "Eclipse Temurin 23"},
    {"eclipse-temurin", "24", "2025-09-16", "Eclipse Temurin 24"},
    {"openjdk-builds-from-oracle", "9", "2018-03-20", "OpenJDK builds from Oracle 9"},
    {"openjdk-builds-from-oracle", "10", "2018-09-25", "OpenJDK builds from Oracle 10"},
    {"openjdk-builds-from-oracle", "11", "2019-03-19", "OpenJDK builds from Oracle 11"},
    {"openjdk-builds-from-oracle", "12", "2019-09-17", "OpenJDK builds from Oracle 12"},
    {"openjdk-builds-from-oracle", "13", "2020-03-17", "OpenJDK builds from Oracle 13"},
    {"openjdk-builds-from-oracle", "14", "2020-09-15", "OpenJDK builds from Oracle 14"},
    {"openjdk-builds-from-oracle", "15", "2021-03-16", "OpenJDK builds from Oracle 15"},
    {"openjdk-builds-from-oracle", "16", "2021-09-14", "OpenJDK builds from Oracle 16"},
    {"openjdk-builds-from-oracle", "17", "2022-03-22", "OpenJDK builds from Oracle 17"},
    {"openjdk-builds-from-oracle", "18", "2022-09-20", "OpenJDK builds from Oracle 18"},
    {"openjdk-builds-from-oracle", "19", "2023-03-21", "OpenJDK builds from Oracle 19"},
    {"openjdk-builds-from-oracle", "20", "2023-09-19", "OpenJDK builds from Oracle 20"},
    {"openjdk-builds-from-oracle", "21", "2024-03-19", "OpenJDK builds from Oracle 21"},
    {"openjdk-builds-from-oracle", "22", "2024-09-17", "OpenJDK builds from Oracle 22"},
    {"openjdk-builds-from-oracle", "23", "2025-03-18", "OpenJDK builds from Oracle 23"},
    {"openjdk-builds-from-oracle", "24", "2025-09-16", "OpenJDK builds from Oracle 24"},
};

Table make_builtin() {
  Table t;
  t.source = std::string(kBuiltinSource);
  t.date = std::string(kTableDate);
  for (const Row& r : kRows)
    t.cycles.push_back({std::string(r.product), std::string(r.cycle), std::string(r.eol), std::string(r.label), false});
  return t;
}

// The first `fields` dot-separated numeric fields of a version ("3.19.1" -> "3.19"), "" when it
// has fewer; a leading "v" or "go" is passed over ("go1.21.5" -> "1.21").
std::string leading(std::string_view v, int fields) {
  if (v.starts_with("go")) v.remove_prefix(2);
  else if (v.starts_with("v")) v.remove_prefix(1);
  return std::string(text::leading_fields(v, fields));
}

// A Java version's feature release: "1.8.0_392" -> "8", "17.0.9" -> "17", "21" -> "21".
std::string java_feature(std::string_view v) {
  std::string_view major = text::leading_fields(v, 1);
  if (major != "1") return std::string(major);
  std::string_view two = text::leading_fields(v, 2);  // "1.8"
  return two.size() > 2 ? std::string(two.substr(2)) : std::string();
}

}  // namespace

const Cycle* Table::find(std::string_view product, std::string_view cycle) const {
  for (const Cycle& c : cycles)
    if (c.product == product && c.cycle == cycle) return &c;
  return nullptr;
}

const Table& builtin() {
  static const Table kTable = make_builtin();
  return kTable;
}

std::span<const Cycle> table() { return builtin().cycles; }

std::span<const Product> products() { return kProducts; }

const Product* product(std::string_view id) {
  for (const Product& p : kProducts)
    if (p.id == id) return &p;
  return nullptr;
}

std::optional<Subject> subject_of(const Component& c) {
  auto subject = [](std::string_view product, std::string cycle) -> std::optional<Subject> {
    if (cycle.empty()) return std::nullopt;
    return Subject{std::string(product), std::move(cycle)};
  };
  if (c.type == "operating-system") {
    const std::string name = text::lower(c.name);
    if (name == "debian") return subject("debian", leading(c.version, 1));
    if (name == "ubuntu") return subject("ubuntu", leading(c.version, 2));
    if (name == "alpine") return subject("alpine", leading(c.version, 2));
    if (name == "centos" || name == "fedora") return subject(name, leading(c.version, 1));
    if (name == "amzn") return subject("amazon-linux", c.version == "2018.03" ? c.version : leading(c.version, 1));
    if (name == "mariner" || name == "azurelinux") return subject("azure-linux", leading(c.version, 2));
    // RHEL and its rebuilds: a minor release (9.3) is judged as its major release's cycle.
    if (name == "rhel") return subject("rhel", leading(c.version, 1));
    if (name == "rocky") return subject("rocky-linux", leading(c.version, 1));
    if (name == "almalinux") return subject("almalinux", leading(c.version, 1));
    // SLES 15 SP5 says VERSION_ID="15.5": judged as SLES 15. Leap's minor releases are cycles of their own.
    if (name == "sles") return subject("sles", leading(c.version, 1));
    if (name == "opensuse-leap" || name == "opensuse") return subject("opensuse", leading(c.version, 2));
    return std::nullopt;
  }
  if (c.purl.starts_with("pkg:golang/stdlib@")) return subject("go", leading(c.version, 2));
  if (const Property* p = c.property(kPropRuntimeProduct); p != nullptr && product(p->value) != nullptr) {
    if (p->value == "nodejs") return subject(p->value, leading(c.version, 1));
    if (p->value == "python") return subject(p->value, leading(c.version, 2));
    return subject(p->value, java_feature(c.version));  // the Java builds
  }
  return std::nullopt;
}

const Cycle* cycle_of(const Component& c) {
  auto s = subject_of(c);
  return s ? builtin().find(s->product, s->cycle) : nullptr;
}

std::string rule_id(const Cycle& c) {
  std::string id = "SBOMKIT-EOL-";
  for (char ch : c.product) id += static_cast<char>(ch >= 'a' && ch <= 'z' ? ch - 'a' + 'A' : ch);
  id += '-';
  id += c.cycle;
  return id;
}

std::size_t add_findings(Document& doc, std::int64_t now, std::span<const Table> imported) {
  // The table that decides a (product, cycle): the newest that lists it; an imported one wins a tie.
  // The built-in table is dated, product by product, by when that product's rows were checked.
  struct Decided {
    const Cycle* cycle;
    const Table* table;
    std::string_view date;
  };
  auto decide = [&](const Subject& s) -> std::optional<Decided> {
    std::optional<Decided> best;
    for (const Table& t : imported)
      if (const Cycle* c = t.find(s.product, s.cycle); c && (!best || std::string_view(t.date) > best->date))
        best = Decided{c, &t, t.date};
    const Product* p = product(s.product);
    const std::string_view checked = p != nullptr ? p->checked : std::string_view(builtin().date);
    if (const Cycle* c = builtin().find(s.product, s.cycle); c && (!best || checked > best->date))
      best = Decided{c, &builtin(), checked};
    return best;
  };
  // Cycle -> the refs of its components, in document order.
  std::map<const Cycle*, std::vector<std::string>> hits;
  std::vector<Decided> order;
  doc.for_each_component([&](const Component& c) {
    auto s = subject_of(c);
    if (!s) return;
    auto d = decide(*s);
    if (!d) return;
    if (!d->cycle->ended) {
      auto end = text::parse_utc_time(d->cycle->eol);
      // Past the end: from the day after the last supported day.
      if (!end || now < *end + 86400) return;
    }
    auto [it, added] = hits.try_emplace(d->cycle);
    if (added) order.push_back(*d);
    if (!c.bom_ref.empty() && std::find(it->second.begin(), it->second.end(), c.bom_ref) == it->second.end())
      it->second.push_back(c.bom_ref);
  });
  if (order.empty()) return 0;
  if (!doc.vulnerabilities) doc.vulnerabilities.emplace();
  std::size_t added = 0;
  for (const Decided& d : order) {
    const Cycle& cy = *d.cycle;
    const std::string id = rule_id(cy);
    if (std::any_of(doc.vulnerabilities->begin(), doc.vulnerabilities->end(),
                    [&](const Vulnerability& v) { return v.id == id; }))
      continue;
    const Product* p = product(cy.product);
    const bool os = p != nullptr && p->distro;
    const std::string when = cy.eol.empty() ? "date not stated" : cy.eol;
    findings::Rule rule;
    rule.id = id;
    rule.kind = std::string(findings::kEol);
    rule.severity = os ? "high" : "medium";
    rule.cwe = 1104;  // Use of Unmaintained Third Party Components
    rule.title = cy.label + " is past its end of life (" + when + ")";
    rule.recommendation = os                   ? "Move the image to a supported release of the distribution."
                          : cy.product == "go" ? "Rebuild the binary with a supported Go release."
                                               : "Move to a supported release of " + std::string(p ? p->name : cy.product) + ".";
    const std::string table = d.table->source + " of " + std::string(d.date);
    findings::Hit hit;
    hit.detail = cy.label + ": free security support " + (cy.eol.empty() ? "has ended" : "ended " + cy.eol) +
                 "; no security fixes are published for it since (end-of-life table: " + table + ")";
    if (!cy.eol.empty()) hit.properties.push_back({"sbomkit:eol:date", cy.eol, {}});
    hit.properties.push_back({std::string(kPropTable), d.table->source, {}});
    hit.properties.push_back({std::string(kPropTableDate), std::string(d.date), {}});
    Vulnerability v = findings::make_vulnerability(rule, hit);
    for (const std::string& ref : hits[d.cycle]) {
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
