// apk: /lib/apk/db/installed (Alpine, Wolfi, Chainguard): packages, origin, license, owned files,
// dependencies resolved through what packages provide.
#include <set>

#include "catalog/catalogers.h"
#include "catalog/common.h"
#include "catalog/parsers.h"

namespace sbom::catalog {

namespace detail {

std::vector<ApkPackage> parse_apk_installed(std::string_view text, std::string_view file, const Diagnostics& diags) {
  std::vector<ApkPackage> out;
  ApkPackage cur;
  bool any = false, bad = false;
  std::string dir;
  std::uint32_t line_no = 0;
  auto finish = [&]() {
    if (any) {
      if (cur.name.empty() || cur.version.empty()) {
        diags.warn_at(file, cur.line, std::string("package entry without ") + (cur.name.empty() ? "a name (P:)" : "a version (V:)") + " skipped");
      } else {
        out.push_back(std::move(cur));
      }
    }
    cur = ApkPackage{};
    any = bad = false;
    dir.clear();
  };
  while (!text.empty()) {
    std::size_t nl = text.find('\n');
    std::string_view line = text.substr(0, nl);
    text = nl == std::string_view::npos ? std::string_view{} : text.substr(nl + 1);
    ++line_no;
    if (!line.empty() && line.back() == '\r') line.remove_suffix(1);
    if (line.empty()) {
      finish();
      continue;
    }
    if (!any) cur.line = line_no;
    any = true;
    if (line.size() < 2 || line[1] != ':') {
      if (!bad) diags.warn_at(file, line_no, "not a 'K:value' line");
      bad = true;
      continue;
    }
    std::string_view v = line.substr(2);
    switch (line[0]) {
      case 'P': cur.name = std::string(v); break;
      case 'V': cur.version = std::string(v); break;
      case 'A': cur.arch = std::string(v); break;
      case 'o': cur.origin = std::string(v); break;
      case 'L': cur.license = std::string(v); break;
      case 'm': cur.maintainer = std::string(v); break;
      case 'U': cur.url = std::string(v); break;
      case 'T': cur.description = std::string(v); break;
      case 'c': cur.commit = std::string(v); break;
      case 'D': for (auto t : split(v, " ")) cur.depends.emplace_back(t); break;
      case 'p': for (auto t : split(v, " ")) cur.provides.emplace_back(t); break;
      case 'F': dir = std::string(v); break;
      case 'R': cur.files.push_back(dir.empty() ? std::string(v) : dir + "/" + std::string(v)); break;
      default: break;
    }
  }
  finish();
  return out;
}

}  // namespace detail

namespace {

/// "so:libc.musl-x86_64.so.1=1" / "name>=1.2" -> the provided or required name.
std::string_view relation_name(std::string_view token) {
  return token.substr(0, token.find_first_of("<>=~"));
}

std::vector<License> apk_licenses(std::string_view l) {
  std::vector<License> out;
  l = detail::trim(l);
  if (l.empty()) return out;
  if (l.find(" AND ") != std::string_view::npos || l.find(" OR ") != std::string_view::npos ||
      l.find(" WITH ") != std::string_view::npos) {
    License lic;
    lic.expression = std::string(l);
    out.push_back(std::move(lic));
    return out;
  }
  for (std::string_view t : detail::split(l, " ")) {
    License lic;
    (detail::is_known_spdx_id(t) ? lic.id : lic.name) = std::string(t);
    out.push_back(std::move(lic));
  }
  return out;
}

class ApkCataloger final : public Cataloger {
 public:
  std::string_view name() const override { return "apk"; }
  std::vector<image::Pattern> patterns() const override { return {{"lib/apk/db/installed", 0}}; }
  Status catalog(const Context& ctx, Result& out) const override {
    auto found = ctx.database("lib/apk/db/installed");
    if (!found) return std::move(found).error();
    const image::File* db = *found;
    if (!db) return Ok{};
    auto pkgs = detail::parse_apk_installed(db->data, "/" + db->path, ctx.diagnostics);
    const std::string ns = detail::os_namespace(ctx.distro, "alpine");
    const std::string distro = ctx.distro.qualifier();
    std::map<std::string, std::string> ref_of;
    std::vector<std::size_t> index;
    for (const auto& p : pkgs) {
      Purl purl;
      purl.type = "apk";
      purl.ns = ns;
      purl.name = p.name;
      purl.version = p.version;
      if (!p.arch.empty()) purl.qualifiers.emplace_back("arch", p.arch);
      if (!distro.empty()) purl.qualifiers.emplace_back("distro", distro);
      if (!p.origin.empty() && p.origin != p.name) purl.qualifiers.emplace_back("upstream", p.origin);
      Component c = detail::package_component(p.name, p.version, detail::purl_string(purl, ctx), name());
      if (!p.description.empty()) c.rare.edit().description = p.description;
      c.licenses = apk_licenses(p.license);
      if (!p.maintainer.empty()) c.rare.edit().supplier = detail::supplier_from(p.maintainer);
      detail::add_provenance(c, ctx.view, *db);
      detail::add_property(c, kPropSourceName, p.origin.empty() ? p.name : p.origin);
      detail::add_property(c, kPropSourceVersion, p.version);
      if (!p.arch.empty()) detail::add_property(c, kPropArch, p.arch);
      if (!ctx.history) {
        for (const auto& f : p.files) out.owned_files.emplace(f, c.bom_ref);
        detail::add_property(c, kPropFileCount, std::to_string(p.files.size()));
      }
      ref_of.emplace(p.name, c.bom_ref);
      for (const auto& prov : p.provides) ref_of.emplace(std::string(relation_name(prov)), c.bom_ref);
      index.push_back(out.components.size());
      out.components.push_back(std::move(c));
    }
    for (std::size_t i = 0; i < pkgs.size(); ++i) {
      std::set<std::string> deps;
      for (const auto& d : pkgs[i].depends) {
        if (d.starts_with('!')) continue;  // a conflict, not a dependency
        if (auto it = ref_of.find(std::string(relation_name(d))); it != ref_of.end()) deps.insert(it->second);
      }
      detail::add_dependency(out, out.components[index[i]].bom_ref, std::move(deps));
    }
    return Ok{};
  }
};

}  // namespace

std::unique_ptr<Cataloger> make_apk_cataloger() { return std::make_unique<ApkCataloger>(); }

}  // namespace sbom::catalog
