// Component -> lookup target: OSV ecosystem from purl type and distro, source package for OS packages.
#include <algorithm>
#include <cctype>

#include "sbom/ecosystem.h"
#include "sbom/text.h"
#include "sbom/match.h"
#include "sbom/purl.h"
#include "sbom/version.h"

namespace sbom::match {
namespace {

using text::lower;

std::string property(const Component& c, std::string_view name) {
  const Property* p = c.property(name);
  return p ? p->value : std::string();
}

bool is_os_type(std::string_view type) { return type == "deb" || type == "apk" || type == "rpm"; }

// "openssl-3.0.7-1.el9.src.rpm" -> "openssl": the name is all but the last two '-' fields.
std::string source_rpm_name(std::string_view srpm) {
  for (std::string_view suffix : {".src.rpm", ".nosrc.rpm"})
    if (srpm.size() > suffix.size() && srpm.substr(srpm.size() - suffix.size()) == suffix) {
      srpm.remove_suffix(suffix.size());
      break;
    }
  auto release = srpm.rfind('-');
  if (release == std::string_view::npos) return std::string(srpm);
  auto version = srpm.rfind('-', release - 1);
  if (version == std::string_view::npos || version == 0) return std::string(srpm);
  return std::string(srpm.substr(0, version));
}

std::string with_epoch(std::string version, const std::string& epoch) {
  if (epoch.empty() || epoch == "0" || version.find(':') != std::string::npos) return version;
  return epoch + ":" + version;
}

bool starts_with(std::string_view s, std::string_view prefix) { return s.substr(0, prefix.size()) == prefix; }
bool ends_with(std::string_view s, std::string_view suffix) {
  return s.size() >= suffix.size() && s.substr(s.size() - suffix.size()) == suffix;
}

// "rhel-9.4", "redhat-9.4", "9.4", "rhel-9" -> {"9", "4"} (minor empty when not given).
std::pair<std::string, std::string> rhel_release(std::string_view distro) {
  for (std::string_view prefix : {"rhel-", "redhat-"})
    if (starts_with(distro, prefix)) distro.remove_prefix(prefix.size());
  auto digits = [](std::string_view s) {
    std::size_t n = 0;
    while (n < s.size() && s[n] >= '0' && s[n] <= '9') ++n;
    return n;
  };
  std::size_t major = digits(distro);
  if (major == 0 || (major < distro.size() && distro[major] != '.')) return {};
  std::string_view rest = major < distro.size() ? distro.substr(major + 1) : std::string_view();
  return {std::string(distro.substr(0, major)), std::string(rest.substr(0, digits(rest)))};
}

// The OSV ecosystem of a Red Hat package. Red Hat scopes its advisories by product stream (a CPE:
// "Red Hat:enterprise_linux:9::appstream", "Red Hat:rhel_eus:9.4::baseos"). A repository id as
// Red Hat's own SBOMs write it names the stream exactly; without one a system is taken to follow
// the major release's main stream, in whichever repository its packages came from.
Expected<Target> redhat_target(std::string_view distro, std::string_view repository_id) {
  auto [major, minor] = rhel_release(distro);
  if (major.empty())
    return Error(distro.empty() ? "pkg:rpm/redhat has no distro qualifier: its release is unknown (expected e.g. distro=rhel-9.4)"
                                : "pkg:rpm/redhat: cannot read a release from distro '" + std::string(distro) +
                                      "' (expected e.g. distro=rhel-9.4)");
  Target t;
  std::string_view r = repository_id;
  // rhel-9-for-x86_64-appstream-eus-rpms, codeready-builder-for-rhel-9-x86_64-rpms (-source-, -debug- alike).
  for (std::string_view suffix : {"-source-rpms", "-debug-rpms", "-rpms"})
    if (ends_with(r, suffix)) {
      r.remove_suffix(suffix.size());
      break;
    }
  std::string stream = "enterprise_linux";
  for (std::string_view ext : {"eus", "aus", "e4s", "tus"})
    if (ends_with(r, std::string("-") + std::string(ext))) {
      r.remove_suffix(ext.size() + 1);
      stream = "rhel_" + std::string(ext);
    }
  std::string repo;
  const std::string main_prefix = "rhel-" + major + "-for-";
  if (starts_with(r, main_prefix)) {
    r.remove_prefix(main_prefix.size());
    if (auto dash = r.find('-'); dash != std::string_view::npos) repo = std::string(r.substr(dash + 1));  // after the arch
  } else if (starts_with(r, "codeready-builder-for-rhel-" + major + "-")) {
    repo = "crb";
  }
  if (stream != "enterprise_linux" && minor.empty())
    return Error("pkg:rpm/redhat: repository '" + std::string(repository_id) + "' is a " + stream +
                 " stream, which needs the minor release (expected e.g. distro=rhel-" + major + ".4)");
  t.ecosystem = "Red Hat:" + stream + ":" + (stream == "enterprise_linux" ? major : major + "." + minor);
  if (repo.empty()) {
    t.stream = true;  // every repository of the stream
  } else {
    t.ecosystem += "::";
    t.ecosystem += repo;
  }
  return t;
}

// Language package name as OSV spells it, from the purl's namespace and name.
std::string language_name(const Purl& p) {
  if (p.ns.empty()) return p.name;
  if (p.type == "maven") return p.ns + ":" + p.name;
  if (p.type == "golang" || p.type == "npm" || p.type == "composer" || p.type == "swift" || p.type == "githubactions")
    return p.ns + "/" + p.name;
  return p.name;
}

}  // namespace

std::string document_distro(const Document& doc) {
  std::string out;
  doc.for_each_component([&](const Component& c) {
    if (out.empty() && c.type == "operating-system" && !c.name.empty() && !c.version.empty())
      out = lower(c.name) + "-" + c.version;
  });
  return out;
}

Expected<Target> target_for(const Component& c, std::string_view fallback_distro) {
  if (c.purl.empty()) return Error("no purl");
  auto parsed = parse_purl(c.purl);
  if (!parsed) return Error("invalid purl '" + c.purl + "': " + parsed.error().message);
  const Purl& p = *parsed;
  if (p.version.empty()) return Error("purl '" + c.purl + "' has no version");
  Target t;
  if (!is_os_type(p.type)) {
    auto eco = version::ecosystem_for_purl(p.type, p.ns, "");
    if (!eco) return Error("no OSV ecosystem for '" + p.type + "' packages");
    t.ecosystem = std::move(*eco);
    t.name = language_name(p);
    t.version = p.version;
    // The Go toolchain's releases ("go1.19", "1.19", "v1.21.3", "go1.21rc2") are named in OSV's
    // Go records by the SemVer "1.19.0", "1.21.3", "1.21.0-rc.2".
    if (p.type == "golang" && p.ns.empty() && p.name == "stdlib") {
      auto v = version::go_toolchain_semver(t.version);
      if (!v) return Error("purl '" + c.purl + "': " + v.error().message);
      t.version = std::move(*v);
    }
    return t;
  }

  const bool redhat = p.type == "rpm" && (p.ns == "redhat" || p.ns == "rhel");
  std::string distro = p.qualifier("distro");
  if (distro.empty()) distro = p.qualifier("distro_name");
  if (distro.empty() && !fallback_distro.empty() && !p.ns.empty()) {
    // The document's operating system applies only to packages of that distro, by any name the
    // peers give it (pkg:rpm/alma with an almalinux OS; pkg:rpm/redhat with rhel).
    if (version::namespace_names_distro(p.type, p.ns, fallback_distro)) distro = fallback_distro;
  }
  if (property(c, "sbomkit:distro:unknown") == "true" && distro.empty())
    return Error("OS package of an unknown distro (sbom-gen found no os-release)");
  if (redhat) {
    auto rh = redhat_target(lower(distro), p.qualifier("repository_id"));
    if (!rh) return std::move(rh.error());
    t = std::move(*rh);
  } else {
    auto eco = version::ecosystem_for_purl(p.type, p.ns, distro);
    if (!eco) return std::move(eco.error());
    t.ecosystem = std::move(*eco);
  }

  // Source package: sbom-gen's properties, then Trivy's, then the purl's `upstream` qualifier.
  std::string src = property(c, "sbomkit:package:source_name");
  std::string src_version = property(c, "sbomkit:package:source_version");
  bool own_epoch = false;  // Trivy gives the source's epoch separately (SrcEpoch): the binary's does not apply
  if (src.empty()) {
    src = property(c, "aquasecurity:trivy:SrcName");
    if (std::string v = property(c, "aquasecurity:trivy:SrcVersion"); !v.empty()) {
      if (std::string rel = property(c, "aquasecurity:trivy:SrcRelease"); !rel.empty()) v += "-" + rel;
      src_version = with_epoch(v, property(c, "aquasecurity:trivy:SrcEpoch"));
      own_epoch = true;
    }
  }
  std::string upstream = p.qualifier("upstream");
  std::string epoch = p.qualifier("epoch");
  if (p.type == "rpm") {
    // rpm advisories name binary packages (AlmaLinux, Rocky) or source rpms: look up both.
    t.name = p.name;
    t.version = with_epoch(p.version, epoch);
    std::string srpm = !upstream.empty() ? source_rpm_name(upstream) : src;
    if (!srpm.empty() && srpm != t.name) t.other_names.push_back(srpm);
    return t;
  }
  if (src.empty() && !upstream.empty()) {
    // "name" or "name@version" (sbom-gen, Syft), or "name (version)".
    std::string_view u = upstream;
    if (auto at = u.find('@'); at != std::string_view::npos) {
      src = std::string(u.substr(0, at));
      src_version = std::string(u.substr(at + 1));
    } else if (auto paren = u.find(" ("); paren != std::string_view::npos && u.back() == ')') {
      src = std::string(u.substr(0, paren));
      src_version = std::string(u.substr(paren + 2, u.size() - paren - 3));
    } else {
      src = upstream;
    }
  }
  t.name = src.empty() ? p.name : src;
  t.version = src_version.empty() ? with_epoch(p.version, epoch) : own_epoch ? src_version : with_epoch(src_version, epoch);
  return t;
}

}  // namespace sbom::match
