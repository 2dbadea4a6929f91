// purl (type, namespace, distro qualifier) -> OSV ecosystem string, without depending on the purl module.
#include <array>
#include <utility>

#include "sbom/ecosystem.h"
#include "sbom/text.h"
#include "version/text.h"
#include "version/ubuntu_lts.h"

namespace sbom::version {
namespace {

using namespace detail;
using Pair = std::pair<std::string_view, std::string_view>;

// Language package types: purl type -> OSV ecosystem.
constexpr std::array<Pair, 17> kLanguageTypes = {{
    {"bitnami", "Bitnami"}, {"cargo", "crates.io"}, {"composer", "Packagist"}, {"conan", "ConanCenter"},
    {"cran", "CRAN"},       {"gem", "RubyGems"},    {"githubactions", "GitHub Actions"},
    {"golang", "Go"},       {"hackage", "Hackage"}, {"hex", "Hex"},         {"maven", "Maven"},
    {"npm", "npm"},         {"nuget", "NuGet"},     {"pub", "Pub"},         {"pypi", "PyPI"},
    {"swift", "SwiftURL"},  {"vscode", "VSCode"},
}};

// Debian release names (distro-info-data) -> release number.
constexpr std::array<Pair, 20> kDebianCodenames = {{
    {"buzz", "1.1"},  {"rex", "1.2"},      {"bo", "1.3"},      {"hamm", "2.0"},   {"slink", "2.1"},
    {"potato", "2.2"}, {"woody", "3.0"},   {"sarge", "3.1"},   {"etch", "4"},     {"lenny", "5"},
    {"squeeze", "6"}, {"wheezy", "7"},     {"jessie", "8"},    {"stretch", "9"},  {"buster", "10"},
    {"bullseye", "11"}, {"bookworm", "12"}, {"trixie", "13"},  {"forky", "14"},   {"duke", "15"},
}};

// Ubuntu release names -> YY.MM.
constexpr std::array<Pair, 43> kUbuntuCodenames = {{
    {"warty", "4.10"},    {"hoary", "5.04"},    {"breezy", "5.10"},  {"dapper", "6.06"},  {"edgy", "6.10"},
    {"feisty", "7.04"},   {"gutsy", "7.10"},    {"hardy", "8.04"},   {"intrepid", "8.10"}, {"jaunty", "9.04"},
    {"karmic", "9.10"},   {"lucid", "10.04"},   {"maverick", "10.10"}, {"natty", "11.04"}, {"oneiric", "11.10"},
    {"precise", "12.04"}, {"quantal", "12.10"}, {"raring", "13.04"}, {"saucy", "13.10"}, {"trusty", "14.04"},
    {"utopic", "14.10"},  {"vivid", "15.04"},   {"wily", "15.10"},   {"xenial", "16.04"}, {"yakkety", "16.10"},
    {"zesty", "17.04"},   {"artful", "17.10"},  {"bionic", "18.04"}, {"cosmic", "18.10"}, {"disco", "19.04"},
    {"eoan", "19.10"},    {"focal", "20.04"},   {"groovy", "20.10"}, {"hirsute", "21.04"}, {"impish", "21.10"},
    {"jammy", "22.04"},   {"kinetic", "22.10"}, {"lunar", "23.04"},  {"mantic", "23.10"}, {"noble", "24.04"},
    {"oracular", "24.10"}, {"plucky", "25.04"}, {"questing", "25.10"},
}};

template <std::size_t N>
std::string_view lookup(const std::array<Pair, N>& table, std::string_view key) {
  for (const auto& [k, v] : table)
    if (k == key) return v;
  return {};
}

using text::lower;

using text::leading_fields;

// "debian-12" -> "12", "rocky-9.3" -> "9.3": distro qualifiers often repeat the distro name.
std::string_view strip_distro_name(std::string_view distro, std::string_view name) {
  if (distro.size() > name.size() && distro.substr(0, name.size()) == name &&
      (distro[name.size()] == '-' || distro[name.size()] == ':'))
    return distro.substr(name.size() + 1);
  return distro;
}

Error no_release(std::string_view type, std::string_view ns, std::string_view distro, std::string_view example) {
  std::string msg = "pkg:" + printable(type) + "/" + printable(ns);
  if (distro.empty())
    msg += " has no distro qualifier: its release is unknown (expected e.g. distro=";
  else
    msg += ": cannot read a release from distro '" + printable(distro) + "' (expected e.g. distro=";
  msg += example;
  msg += ")";
  return Error(std::move(msg));
}

Expected<std::string> debian(std::string_view ns, std::string_view distro) {
  std::string_view r = strip_distro_name(distro, "debian");
  std::string_view num = leading_fields(r, 1);
  if (!num.empty() && (num.size() == r.size() || r[num.size()] == '.')) {
    if (num.size() < r.size() && num.size() == 1 && (num == "1" || num == "2" || num == "3")) num = leading_fields(r, 2);
    return "Debian:" + std::string(num);
  }
  if (r == "sid" || r == "unstable") return std::string("Debian:sid");
  if (auto n = lookup(kDebianCodenames, r); !n.empty()) return "Debian:" + std::string(n);
  return no_release("deb", ns, distro, "debian-12 or bookworm");
}

Expected<std::string> ubuntu(std::string_view ns, std::string_view distro) {
  std::string_view r = strip_distro_name(distro, "ubuntu");
  std::string_view yymm = leading_fields(r, 2);
  if (yymm.empty() || !(yymm.size() == r.size() || r[yymm.size()] == '.')) yymm = lookup(kUbuntuCodenames, r);
  if (yymm.empty()) return no_release("deb", ns, distro, "ubuntu-22.04 or jammy");
  std::string out = "Ubuntu:" + std::string(yymm);
  if (is_ubuntu_lts(yymm)) out += ":LTS";
  return out;
}

// Calls f on each space-separated word of `words` until f returns true; returns whether one did.
template <typename F> bool any_word(std::string_view words, F f) {
  while (!words.empty()) {
    std::size_t sp = words.find(' ');
    if (f(words.substr(0, sp))) return true;
    words = sp == std::string_view::npos ? std::string_view() : words.substr(sp + 1);
  }
  return false;
}

// The release a distro qualifier names after any of the distro's names: "alma-8.8", "almalinux-8.8",
// "opensuse.leap-15.5", "cbl-mariner-2.0", "amazon-2 (Karoo)" or a bare "8.8".
std::string_view release_after(std::string_view distro, std::string_view names) {
  std::string_view out = distro;
  any_word(names, [&](std::string_view name) {
    out = strip_distro_name(distro, name);
    return out.size() != distro.size();
  });
  return out;
}

struct DistroRow;
using MakeEcosystem = Expected<std::string> (*)(const DistroRow&, std::string_view ns, std::string_view distro);

// One distro as the peers name it: the purl namespaces Trivy, Syft and Grype write for it (also
// the prefixes of their distro qualifiers), its OSV ecosystem, and how the release is written.
struct DistroRow {
  std::string_view type;   // purl type
  std::string_view names;  // namespaces, space-separated, longest first where one is a prefix of another
  std::string_view osv;    // OSV ecosystem; empty when there is none
  MakeEcosystem make;      // builds the ecosystem string from the distro qualifier
  int fields;              // leading numeric fields of the release the ecosystem takes (0: none)
  std::string_view note;   // the example distro qualifier, or why there is no OSV ecosystem
};

Expected<std::string> with_release(const DistroRow& row, std::string_view ns, std::string_view distro) {
  std::string_view num = leading_fields(release_after(distro, row.names), row.fields);
  if (num.empty()) return no_release(row.type, ns, distro, row.note);
  return std::string(row.osv) + ":" + std::string(num);
}

Expected<std::string> unversioned(const DistroRow& row, std::string_view, std::string_view) {
  return std::string(row.osv);
}

Expected<std::string> no_osv(const DistroRow& row, std::string_view ns, std::string_view) {
  return Error("no OSV ecosystem for pkg:" + std::string(row.type) + "/" + printable(ns) + ": " + std::string(row.note));
}

Expected<std::string> debian_row(const DistroRow&, std::string_view ns, std::string_view distro) { return debian(ns, distro); }
Expected<std::string> ubuntu_row(const DistroRow&, std::string_view ns, std::string_view distro) { return ubuntu(ns, distro); }

Expected<std::string> alpine(const DistroRow& row, std::string_view ns, std::string_view distro) {
  std::string_view r = release_after(distro, row.names);
  if (!r.empty() && r[0] == 'v') r.remove_prefix(1);
  std::string_view num = leading_fields(r, 2);
  if (num.empty()) return no_release(row.type, ns, distro, row.note);
  return "Alpine:v" + std::string(num);
}

Expected<std::string> alpaquita(const DistroRow& row, std::string_view ns, std::string_view distro) {
  std::string_view r = release_after(distro, row.names);
  if (r.empty()) return no_release(row.type, ns, distro, row.note);
  return "Alpaquita:" + std::string(r);
}

// openSUSE names its ecosystems by PRETTY_NAME: "openSUSE:Leap 15.5", "openSUSE:Tumbleweed".
Expected<std::string> opensuse(const DistroRow& row, std::string_view ns, std::string_view distro) {
  if (ns.find("tumbleweed") != std::string_view::npos || distro.find("tumbleweed") != std::string_view::npos)
    return std::string("openSUSE:Tumbleweed");
  if (std::string_view num = leading_fields(release_after(distro, row.names), 2); !num.empty())
    return "openSUSE:Leap " + std::string(num);
  return no_release(row.type, ns, distro, row.note);
}

// SUSE Linux Enterprise by PRETTY_NAME: 15.5 -> "SUSE:Linux Enterprise Server 15 SP5", 15 -> "... 15".
Expected<std::string> suse(const DistroRow& row, std::string_view ns, std::string_view distro) {
  std::string_view r = release_after(distro, row.names);
  std::string_view major = leading_fields(r, 1);
  if (major.empty()) return no_release(row.type, ns, distro, row.note);
  std::string out = std::string(row.osv) + " " + std::string(major);
  if (std::string_view both = leading_fields(r, 2); !both.empty() && both.size() > major.size()) {
    std::string_view minor = both.substr(major.size() + 1);
    if (minor != "0") out += " SP" + std::string(minor);
  }
  return out;
}

// Every OS distro namespace we know of, in one place. Red Hat (redhat, rhel) is scoped by product
// stream and resolved by the matcher, which knows the repository; its row here says so.
constexpr DistroRow kDistros[] = {
    {"deb", "debian", "Debian", debian_row, 0, ""},
    {"deb", "ubuntu", "Ubuntu", ubuntu_row, 0, ""},
    {"deb", "echo", "Echo", unversioned, 0, ""},
    {"apk", "alpine", "Alpine", alpine, 0, "3.19.1"},
    {"apk", "wolfi", "Wolfi", unversioned, 0, ""},
    {"apk", "chainguard", "Chainguard", unversioned, 0, ""},
    {"apk", "minimos", "MinimOS", unversioned, 0, ""},
    {"apk", "alpaquita", "Alpaquita", alpaquita, 0, "alpaquita-23"},
    {"rpm", "rocky", "Rocky Linux", with_release, 1, "rocky-9.3"},
    {"rpm", "almalinux alma", "AlmaLinux", with_release, 1, "almalinux-9.3"},
    {"rpm", "mageia", "Mageia", with_release, 1, "mageia-9"},
    {"rpm", "photon", "Photon OS", with_release, 2, "photon-5.0"},
    {"rpm", "azurelinux cbl-mariner mariner", "Azure Linux", with_release, 2, "azurelinux-3.0"},
    {"rpm", "opensuse-tumbleweed opensuse.tumbleweed opensuse-leap opensuse.leap opensuse", "openSUSE", opensuse, 0,
     "opensuse-leap-15.5 or opensuse-tumbleweed"},
    {"rpm", "sles suse", "SUSE:Linux Enterprise Server", suse, 0, "sles-15.5"},
    {"rpm", "sle-micro slem", "SUSE:Linux Enterprise Micro", suse, 0, "sle-micro-5.5"},
    {"rpm", "redhat rhel", "", no_osv, 0,
     "Red Hat advisories are scoped by product stream (CPE), which a purl does not carry"},
    {"rpm", "centos", "", no_osv, 0,
     "CentOS publishes no advisories to OSV (CentOS Linux is end of life; CentOS Stream has no security feed)"},
    {"rpm", "amazon amzn", "", no_osv, 0, "Amazon Linux publishes its advisories (ALAS) outside OSV"},
    {"rpm", "oracle ol", "", no_osv, 0, "Oracle Linux publishes its advisories (ELSA) outside OSV"},
    {"rpm", "fedora", "", no_osv, 0, "Fedora publishes its updates (Bodhi) outside OSV"},
};

const DistroRow* distro_row(std::string_view type, std::string_view ns) {
  for (const DistroRow& row : kDistros)
    if (row.type == type && any_word(row.names, [&](std::string_view name) { return name == ns; })) return &row;
  return nullptr;
}

Expected<std::string> os_package(std::string_view type, std::string_view ns, std::string_view distro) {
  if (const DistroRow* row = distro_row(type, ns)) return row->make(*row, ns, distro);
  return Error("no OSV ecosystem for pkg:" + printable(type) + "/" + printable(ns) + ": unknown distro namespace '" +
               printable(ns) + "'");
}

}  // namespace

Expected<std::string> ecosystem_for_purl(std::string_view type, std::string_view ns, std::string_view distro) {
  std::string t = lower(type);
  if (t == "deb" || t == "apk" || t == "rpm") {
    std::string n = lower(ns);
    std::string d = lower(distro);
    return os_package(t, n, d);
  }
  if (auto osv = lookup(kLanguageTypes, t); !osv.empty()) return std::string(osv);
  return Error("no OSV ecosystem for purl type '" + printable(type) + "'");
}

bool namespace_names_distro(std::string_view type, std::string_view ns, std::string_view distro) {
  const DistroRow* row = distro_row(lower(type), lower(ns));
  if (row == nullptr) return false;
  const std::string d = lower(distro);
  return any_word(row->names, [&](std::string_view name) {
    return d.size() > name.size() && std::string_view(d).substr(0, name.size()) == name && d[name.size()] == '-';
  });
}

}  // namespace sbom::version
