// rpm: the package database (Berkeley DB, NDB or SQLite; /var/lib/rpm or /usr/lib/sysimage/rpm)
// read header by header: name, epoch, version, release, arch, source rpm, license, vendor,
// modularity label, owned files, requirements resolved through provides.
#include <set>

#include "catalog/catalogers.h"
#include "catalog/common.h"
#include "catalog/parsers.h"

namespace sbom::catalog {

namespace {

const char* const kDbPaths[] = {"var/lib/rpm/rpmdb.sqlite", "var/lib/rpm/Packages.db", "var/lib/rpm/Packages",
                                "usr/lib/sysimage/rpm/rpmdb.sqlite", "usr/lib/sysimage/rpm/Packages.db",
                                "usr/lib/sysimage/rpm/Packages"};
constexpr const char* kManifestPath = "var/lib/rpmmanifest/container-manifest-2";

/// "util-linux-2.32.1-42.el8_8.src.rpm" -> {"util-linux", "2.32.1-42.el8_8"}.
std::pair<std::string, std::string> split_source_rpm(std::string_view s) {
  for (std::string_view suffix : {".src.rpm", ".nosrc.rpm"}) {
    if (s.ends_with(suffix)) s.remove_suffix(suffix.size());
  }
  std::size_t rel = s.rfind('-');
  if (rel == std::string_view::npos || rel == 0) return {std::string(s), {}};
  std::size_t ver = s.rfind('-', rel - 1);
  if (ver == std::string_view::npos) return {std::string(s), {}};
  return {std::string(s.substr(0, ver)), std::string(s.substr(ver + 1))};
}

class RpmCataloger final : public Cataloger {
 public:
  std::string_view name() const override { return "rpm"; }
  std::vector<image::Pattern> patterns() const override {
    std::vector<image::Pattern> out;
    for (const char* p : kDbPaths) out.push_back({p, 0});
    out.push_back({kManifestPath, 0});
    return out;
  }
  Status catalog(const Context& ctx, Result& out) const override {
    const image::File* db = nullptr;
    for (const char* p : kDbPaths) {
      auto found = ctx.database(p);
      if (!found) return std::move(found).error();
      if ((db = *found)) break;
    }
    std::vector<detail::RpmPackage> pkgs;
    if (db) {
      auto blobs = detail::rpmdb_blobs(db->data, "/" + db->path);
      if (!blobs) {
        ctx.warning(blobs.error().to_string());
        return Ok{};
      }
      std::size_t bad = 0;
      for (const auto& b : *blobs) {
        auto p = detail::parse_rpm_header(b);
        if (!p) {
          ++bad;
          continue;
        }
        // Imported signing keys live in the database as packages; they are not software.
        if (p->name == "gpg-pubkey") continue;
        pkgs.push_back(std::move(*p));
      }
      if (bad) ctx.warning("/" + db->path + ": " + std::to_string(bad) + " unreadable package headers skipped");
    } else if (auto manifest = ctx.database(kManifestPath); !manifest) {
      return std::move(manifest).error();
    } else if ((db = *manifest)) {
      // Distroless CBL-Mariner images ship this list instead of an rpm database.
      pkgs = detail::parse_rpm_manifest(db->data, "/" + db->path, ctx.diagnostics);
    } else {
      return Ok{};
    }
    const std::string ns = detail::os_namespace(ctx.distro, "unknown");
    const std::string distro = ctx.distro.qualifier();
    std::map<std::string, std::string> ref_of;
    std::vector<std::size_t> index;
    for (const auto& p : pkgs) {
      const std::string version = p.release.empty() ? p.version : p.version + "-" + p.release;
      Purl purl;
      purl.type = "rpm";
      purl.ns = ns;
      purl.name = p.name;
      purl.version = version;
      if (!p.arch.empty()) purl.qualifiers.emplace_back("arch", p.arch);
      if (!p.epoch.empty()) purl.qualifiers.emplace_back("epoch", p.epoch);
      if (!distro.empty()) purl.qualifiers.emplace_back("distro", distro);
      auto [src_name, src_version] = split_source_rpm(p.source_rpm);
      if (!p.source_rpm.empty() && src_name != p.name) purl.qualifiers.emplace_back("upstream", p.source_rpm);
      Component c = detail::package_component(p.name, p.epoch.empty() ? version : p.epoch + ":" + version,
                                              detail::purl_string(purl, ctx), name());
      if (!p.license.empty()) {
        License lic;
        (detail::is_known_spdx_id(p.license) ? lic.id : lic.name) = p.license;
        c.licenses.push_back(std::move(lic));
      }
      if (!p.vendor.empty()) {
        c.rare.edit().supplier.emplace().name = p.vendor;
      }
      detail::add_provenance(c, ctx.view, *db);
      if (!p.source_rpm.empty()) {
        detail::add_property(c, kPropSourceName, src_name);
        detail::add_property(c, kPropSourceVersion, src_version);
      }
      if (!p.arch.empty()) detail::add_property(c, kPropArch, p.arch);
      if (!p.epoch.empty()) detail::add_property(c, kPropEpoch, p.epoch);
      if (!p.release.empty()) detail::add_property(c, kPropRelease, p.release);
      if (!p.modularity_label.empty()) detail::add_property(c, kPropModularity, p.modularity_label);
      if (!ctx.history) {
        for (const auto& f : p.files) {
          if (f.size() > 1 && f[0] == '/') out.owned_files.emplace(f.substr(1), c.bom_ref);
        }
        detail::add_property(c, kPropFileCount, std::to_string(p.files.size()));
      }
      ref_of.emplace(p.name, c.bom_ref);
      for (const auto& prov : p.provides) ref_of.emplace(prov, c.bom_ref);
      index.push_back(out.components.size());
      out.components.push_back(std::move(c));
    }
    for (std::size_t i = 0; i < pkgs.size(); ++i) {
      std::set<std::string> deps;
      for (const auto& r : pkgs[i].requires_) {
        if (auto it = ref_of.find(r); it != ref_of.end()) deps.insert(it->second);
      }
      detail::add_dependency(out, out.components[index[i]].bom_ref, std::move(deps));
    }
    return Ok{};
  }
};

}  // namespace

std::unique_ptr<Cataloger> make_rpm_cataloger() { return std::make_unique<RpmCataloger>(); }

}  // namespace sbom::catalog
