// purl (type, namespace, distro qualifier) -> OSV ecosystem string, without depending on the purl module.
#include <array>
#include <utility>

#include "sbom/ecosystem.h"
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

std::string lower(std::string_view s) {
  std::string out(s);
  for (char& c : out) c = to_lower(c);
  return out;
}

// The leading numeric fields of a release: leading_fields("12.15", 1) == "12",
// leading_fields("3.19.1", 2) == "3.19"; empty when there are fewer numeric fields.
std::string_view leading_fields(std::string_view s, int n) {
  std::size_t i = 0;
  for (int f = 0; f < n; ++f) {
    if (f > 0) {
      if (i >= s.size() || s[i] != '.') return {};
      ++i;
    }
    std::size_t b = i;
    while (i < s.size() && is_digit(s[i])) ++i;
    if (i == b) return {};
  }
  return s.substr(0, i);
}

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

Expected<std::string> with_release(std::string_view type, std::string_view ns, std::string_view distro,
                                   std::string_view strip, std::string_view osv, int fields, std::string_view example) {
  std::string_view r = strip_distro_name(distro, strip);
  std::string_view num = leading_fields(r, fields);
  if (num.empty()) return no_release(type, ns, distro, example);
  return std::string(osv) + ":" + std::string(num);
}

Expected<std::string> os_package(std::string_view type, std::string_view ns, std::string_view distro) {
  if (type == "deb") {
    if (ns == "debian") return debian(ns, distro);
    if (ns == "ubuntu") return ubuntu(ns, distro);
    if (ns == "echo") return std::string("Echo");
  } else if (type == "apk") {
    if (ns == "alpine") {
      std::string_view r = strip_distro_name(distro, "alpine");
      if (!r.empty() && r[0] == 'v') r.remove_prefix(1);
      std::string_view num = leading_fields(r, 2);
      if (num.empty()) return no_release(type, ns, distro, "3.19.1");
      return "Alpine:v" + std::string(num);
    }
    if (ns == "wolfi") return std::string("Wolfi");
    if (ns == "chainguard") return std::string("Chainguard");
    if (ns == "minimos") return std::string("MinimOS");
    if (ns == "alpaquita") {
      std::string_view r = strip_distro_name(distro, "alpaquita");
      if (r.empty()) return no_release(type, ns, distro, "alpaquita-23");
      return "Alpaquita:" + std::string(r);
    }
  } else if (type == "rpm") {
    if (ns == "rocky") return with_release(type, ns, distro, "rocky", "Rocky Linux", 1, "rocky-9.3");
    if (ns == "almalinux") return with_release(type, ns, distro, "almalinux", "AlmaLinux", 1, "almalinux-9.3");
    if (ns == "mageia") return with_release(type, ns, distro, "mageia", "Mageia", 1, "mageia-9");
    if (ns == "photon") return with_release(type, ns, distro, "photon", "Photon OS", 2, "photon-5.0");
    if (ns == "opensuse") {
      std::string r = lower(strip_distro_name(distro, "opensuse"));
      if (r == "tumbleweed") return std::string("openSUSE:Tumbleweed");
      if (r.rfind("leap-", 0) == 0 && !leading_fields(std::string_view(r).substr(5), 2).empty())
        return "openSUSE:Leap " + std::string(leading_fields(std::string_view(r).substr(5), 2));
      return no_release(type, ns, distro, "opensuse-leap-15.5 or opensuse-tumbleweed");
    }
    if (ns == "redhat")
      return Error("pkg:rpm/redhat: Red Hat advisories are scoped by product stream (CPE), which a purl does not carry");
  }
  return Error("no OSV ecosystem for pkg:" + printable(type) + "/" + printable(ns));
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

}  // namespace sbom::version
