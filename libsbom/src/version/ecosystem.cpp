// OSV ecosystem names -> version schemes, and purl (type, namespace, distro) -> OSV ecosystem.
#include "sbom/ecosystem.h"
#include "sbom/text.h"

#include <array>

#include "version/text.h"
#include "version/ubuntu_lts.h"

namespace sbom::version {
namespace {

using namespace detail;

struct EcosystemEntry {
  std::string_view name;
  std::string_view scheme;  // empty: OSV defines no version order for this ecosystem
};

// Every ecosystem of the OSV schema (plus GIT, the range type osv.dev files as one), in the
// schema's order, with the scheme osv.dev orders it by; Photon OS and Azure Linux are rpm distros.
constexpr std::array<EcosystemEntry, 49> kEcosystems = {{
    {"AlmaLinux", "rpm"},
    {"Alpaquita", "apk"},
    {"Alpine", "apk"},
    {"Android", ""},
    {"Azure Linux", "rpm"},
    {"BellSoft Hardened Containers", "apk"},
    {"Bioconductor", "cran"},
    {"Bitnami", "semver"},
    {"Chainguard", "apk"},
    {"CleanStart", ""},
    {"ConanCenter", ""},
    {"CRAN", "cran"},
    {"crates.io", "cargo"},
    {"Debian", "dpkg"},
    {"Docker Hardened Images", ""},
    {"Echo", "dpkg"},
    {"FreeBSD", ""},
    {"GHC", "hackage"},
    {"GIT", ""},
    {"GitHub Actions", ""},
    {"Go", "go"},
    {"Hackage", "hackage"},
    {"Hex", "hex"},
    {"Julia", ""},
    {"Kubernetes", ""},
    {"Linux", ""},
    {"Mageia", "rpm"},
    {"Maven", "maven"},
    {"MinimOS", "apk"},
    {"npm", "npm"},
    {"NuGet", "nuget"},
    {"opam", ""},
    {"openEuler", "rpm"},
    {"openSUSE", "rpm"},
    {"OSS-Fuzz", ""},
    {"Packagist", "composer"},
    {"Photon OS", "rpm"},
    {"Pub", "pub"},
    {"PyPI", "pep440"},
    {"Red Hat", "rpm"},
    {"Rocky Linux", "rpm"},
    {"Root", ""},  // scheme of the variant: Root:Alpine:3.18 -> apk, Root:PyPI -> pep440
    {"RubyGems", "rubygems"},
    {"SUSE", "rpm"},
    {"SwiftURL", "swift"},
    {"TuxCare", ""},
    {"Ubuntu", "dpkg"},
    {"VSCode", "semver"},
    {"Wolfi", "apk"},
}};

const EcosystemEntry* find_entry(std::string_view name) {
  for (const auto& e : kEcosystems)
    if (e.name == name) return &e;
  return nullptr;
}

using text::iequals;

Error unknown_ecosystem(std::string_view osv, std::string_view base) {
  std::string msg = "unknown ecosystem '" + printable(osv) + "'";
  for (const auto& e : kEcosystems)
    if (iequals(e.name, base)) {
      msg += " (did you mean '";
      msg += e.name;
      msg += "'?)";
      break;
    }
  return Error(std::move(msg));
}

Status check_release(const Ecosystem& e) {
  auto bad = [&](std::string_view why) { return Error("ecosystem '" + printable(e.to_string()) + "': " + std::string(why)); };
  if (e.name == "Alpine") {
    std::string_view r = e.release;
    std::size_t dot = r.find('.');
    if (r.size() < 2 || r[0] != 'v' || dot == std::string_view::npos || !all_digits(r.substr(1, dot - 1)) ||
        !all_digits(r.substr(dot + 1)))
      return bad("an Alpine release is written 'v<major>.<minor>', e.g. 'Alpine:v3.19'");
  } else if (e.name == "Ubuntu") {
    if (e.release.empty()) return bad("an Ubuntu ecosystem names its release, e.g. 'Ubuntu:22.04:LTS'");
    std::string_view r = e.release;
    if (r.substr(0, 4) == "Pro:") r.remove_prefix(4);
    if (is_ubuntu_lts(r)) return bad("Ubuntu " + std::string(r) + " is an LTS release, written 'Ubuntu:" + std::string(r) + ":LTS'");
  } else if (e.name == "Root" && e.release.empty()) {
    return bad("a Root ecosystem names its variant, e.g. 'Root:Alpine:3.18' or 'Root:PyPI'");
  }
  return Ok{};
}

Expected<const Scheme*> scheme_of(const Ecosystem& e) {
  const EcosystemEntry* entry = find_entry(e.name);
  std::string_view scheme = entry->scheme;
  if (e.name == "Root") {
    // Root:<Distro>:<release> and Root:<PackageManager> order versions like the variant.
    std::string_view variant = e.release;
    variant = variant.substr(0, variant.find(':'));
    const EcosystemEntry* inner = variant == "Root" ? nullptr : find_entry(variant);
    if (inner == nullptr) return Error("ecosystem '" + printable(e.to_string()) + "': unknown Root variant '" + printable(variant) + "'");
    scheme = inner->scheme;
  }
  if (scheme.empty()) return Error("ecosystem '" + printable(e.to_string()) + "' has no version order");
  const Scheme* s = find_scheme(scheme);
  if (s == nullptr)
    return Error("ecosystem '" + printable(e.to_string()) + "' orders versions by '" + std::string(scheme) +
                 "', which is not implemented");
  return s;
}

}  // namespace

std::string Ecosystem::to_string() const { return release.empty() ? name : name + ":" + release; }

Expected<Ecosystem> parse_ecosystem(std::string_view osv) {
  std::size_t colon = osv.find(':');
  std::string_view base = osv.substr(0, colon);
  const EcosystemEntry* entry = find_entry(base);
  if (entry == nullptr) return unknown_ecosystem(osv, base);
  Ecosystem e;
  e.name = std::string(base);
  if (colon != std::string_view::npos) {
    e.release = std::string(osv.substr(colon + 1));
    if (e.release.empty()) return Error("ecosystem '" + printable(osv) + "': empty release after ':'");
  }
  if (auto ok = check_release(e); !ok) return std::move(ok.error());
  if (auto s = scheme_of(e); s) e.scheme = *s;
  return e;
}

Expected<const Scheme*> ecosystem_scheme(std::string_view osv) {
  auto e = parse_ecosystem(osv);
  if (!e) return std::move(e.error());
  return scheme_of(*e);
}

Expected<const Scheme*> resolve_scheme(std::string_view name) {
  if (const Scheme* s = find_scheme(name)) return s;
  return ecosystem_scheme(name);
}

std::string_view ecosystem_scheme_name(std::string_view base) {
  const EcosystemEntry* entry = find_entry(base);
  if (entry == nullptr) return {};
  return entry->name == "Root" ? "(variant)" : entry->scheme;
}

std::vector<std::string_view> ecosystem_names() {
  std::vector<std::string_view> out;
  for (const auto& e : kEcosystems) out.push_back(e.name);
  return out;
}

}  // namespace sbom::version
