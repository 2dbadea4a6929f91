// Running the catalogers over a view: distro first, then each cataloger, then the history of
// superseded files (all-layers scope); sorted, de-duplicated output.
#include <algorithm>
#include <set>

#include "catalog/catalogers.h"
#include "catalog/common.h"

namespace sbom::catalog {

namespace {

const std::vector<image::Pattern> kDistroPatterns = {
    {"etc/os-release", 0},     {"usr/lib/os-release", 0}, {"etc/alpine-release", 0}, {"etc/lsb-release", 0},
    {"etc/redhat-release", 0}, {"etc/centos-release", 0}, {"etc/fedora-release", 0}, {"etc/system-release", 0},
    {"etc/debian_version", 0}};

bool matches_any(const std::vector<image::Pattern>& pats, std::string_view path) {
  return std::any_of(pats.begin(), pats.end(), [&](const image::Pattern& p) { return image::glob_match(p.glob, path); });
}

bool is_os_package(const Component& c) {
  return c.purl.starts_with("pkg:deb/") || c.purl.starts_with("pkg:apk/") || c.purl.starts_with("pkg:rpm/");
}

/// The one message for a database that is there but gives no packages.
Status unreadable_database(const Context& ctx, const image::Lookup& l, std::string_view asked) {
  std::string msg = "package database '/" + std::string(asked) + "' unreadable (" + l.problem + "): no packages read from it";
  if (!ctx.strict) {
    ctx.warning(msg);
    return Ok{};
  }
  Error e(std::move(msg));
  e.file = ctx.view.info().source;
  return e;
}

}  // namespace

Expected<const image::File*> Context::database(std::string_view path) const {
  image::Lookup l = view.lookup(path);
  if (l.file || l.problem.empty()) return l.file;
  if (auto st = unreadable_database(*this, l, path); !st) return st.error();
  return nullptr;
}

Expected<std::vector<const image::File*>> Context::databases(std::string_view glob) const {
  std::vector<const image::File*> out;
  for (const image::Lookup& l : view.lookup_glob(glob)) {
    if (l.file) {
      out.push_back(l.file);
    } else if (auto st = unreadable_database(*this, l, l.path); !st) {
      return st.error();
    }
  }
  return out;
}

std::vector<std::unique_ptr<Cataloger>> os_catalogers() {
  std::vector<std::unique_ptr<Cataloger>> out;
  out.push_back(make_dpkg_cataloger());
  out.push_back(make_apk_cataloger());
  out.push_back(make_rpm_cataloger());
  return out;
}

std::vector<image::Pattern> patterns(const std::vector<std::unique_ptr<Cataloger>>& catalogers) {
  std::vector<image::Pattern> out = kDistroPatterns;
  for (const auto& c : catalogers) {
    for (auto& p : c->patterns()) out.push_back(std::move(p));
  }
  return out;
}

Expected<Result> run(const image::View& view, const std::vector<std::unique_ptr<Cataloger>>& catalogers,
                     const Diagnostics& diagnostics, bool strict) {
  Result out;
  Context ctx{view, detect_distro(view), diagnostics, false, strict};
  for (const auto& c : catalogers) {
    auto st = c->catalog(ctx, out);
    if (!st) return std::move(st).error();
  }
  std::set<std::string> present;
  for (const auto& c : out.components) present.insert(c.bom_ref);
  // All-layers scope: packages only a superseded file knows were removed by a later layer.
  for (const image::File& old : view.history()) {
    image::View single;
    single.info_ = view.info();
    single.files_.emplace(old.path, old);
    Context hctx{single, ctx.distro, diagnostics, true, strict};
    for (const auto& c : catalogers) {
      if (!matches_any(c->patterns(), old.path)) continue;
      Result hr;
      auto st = c->catalog(hctx, hr);
      if (!st) {
        ctx.warning(st.error().message);
        continue;
      }
      for (auto& comp : hr.components) {
        if (present.insert(comp.bom_ref).second) out.components.push_back(std::move(comp));
      }
    }
  }
  const bool any_os = std::any_of(out.components.begin(), out.components.end(), is_os_package);
  if (any_os && !ctx.distro.known()) {
    ctx.warning("no distro found (no /etc/os-release or release file): OS packages cannot be matched to advisories");
    for (auto& c : out.components) {
      if (is_os_package(c)) detail::add_property(c, kPropDistroUnknown, "true");
    }
  }
  if (ctx.distro.known()) out.components.push_back(distro_component(ctx.distro, view));
  std::stable_sort(out.components.begin(), out.components.end(), [](const Component& a, const Component& b) {
    return std::tie(a.purl, a.name, a.version, a.bom_ref) < std::tie(b.purl, b.name, b.version, b.bom_ref);
  });
  std::set<std::string> seen;
  std::erase_if(out.components, [&](const Component& c) { return !seen.insert(c.bom_ref).second; });
  std::stable_sort(out.dependencies.begin(), out.dependencies.end(),
                   [](const Dependency& a, const Dependency& b) { return a.ref < b.ref; });
  std::set<std::string> seen_deps;
  std::erase_if(out.dependencies, [&](const Dependency& d) { return !seen_deps.insert(d.ref).second; });
  return out;
}

}  // namespace sbom::catalog
