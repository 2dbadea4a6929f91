// npm: installed node_modules packages (nested too, and Debian's /usr/share/nodejs), the root
// application, and lockfiles (package-lock v1-v3, yarn classic and berry, pnpm) with dev
// dependencies marked.
#include <set>

#include "catalog/catalogers.h"
#include "catalog/lang_parsers.h"
#include "catalog/language.h"
#include "sbom/json.h"
#include "sbom/yaml.h"

namespace sbom::catalog {

namespace detail {

namespace {

std::string str_member(const json::Value& v, std::string_view key) {
  const json::Value* m = v.find(key);
  return m && m->is_string() ? m->as_string() : std::string();
}

bool true_member(const json::Value& v, std::string_view key) {
  const json::Value* m = v.find(key);
  return m && m->is_bool() && m->as_bool();
}

/// The package name a node_modules path ends in ("node_modules/a/node_modules/@s/b" -> "@s/b").
std::string name_from_path(std::string_view key) {
  std::size_t at = key.rfind("node_modules/");
  return std::string(at == std::string_view::npos ? key : key.substr(at + 13));
}

void lock_v1_deps(const json::Value& deps, const std::string& prefix, std::vector<LockedPackage>& out, int depth) {
  if (!deps.is_object() || depth > 64) return;
  for (const auto& [name, v] : deps.as_object()) {
    if (!v.is_object()) continue;
    std::string version = str_member(v, "version");
    const std::string path = prefix + "node_modules/" + name;
    // An alias ("npm:real@1.2.3") installs the real package; non-registry sources (git, file)
    // have no registry version.
    std::string real = name;
    if (version.starts_with("npm:") && version.rfind('@') > 4) {
      real = version.substr(4, version.rfind('@') - 4);
      version = version.substr(version.rfind('@') + 1);
    }
    if (!version.empty() && version.find(':') == std::string::npos && version.find('/') == std::string::npos) {
      out.push_back({real, version, true_member(v, "dev"), path});
      if (std::string sri = str_member(v, "integrity"); !sri.empty()) out.back().integrity.push_back(std::move(sri));
    }
    if (const json::Value* nested = v.find("dependencies")) lock_v1_deps(*nested, path + "/", out, depth + 1);
  }
}

/// "name@range" of a yarn entry spec -> name (scoped names start with '@').
std::string yarn_spec_name(std::string_view spec) {
  // The quotes go around the whole list of specs ("a@1, a@^1":) or around each one.
  spec = trim(spec);
  if (spec.starts_with('"')) spec.remove_prefix(1);
  if (spec.ends_with('"')) spec.remove_suffix(1);
  std::size_t at = spec.find('@', 1);
  return std::string(spec.substr(0, at));
}

std::string unquote(std::string_view s) {
  s = trim(s);
  if (s.size() >= 2 && (s.front() == '"' || s.front() == '\'') && s.back() == s.front()) s = s.substr(1, s.size() - 2);
  return std::string(s);
}

/// A pnpm package key -> name and version: "/a/1.0.0" (v5), "/a@1.0.0" (v6), "a@1.0.0" (v9), with
/// peer-dependency suffixes "(b@2)" or "_b@2" dropped.
std::pair<std::string, std::string> pnpm_key(std::string_view key) {
  if (key.starts_with('/')) key.remove_prefix(1);
  if (std::size_t paren = key.find('('); paren != std::string_view::npos) key = key.substr(0, paren);
  std::size_t at = key.find('@', 1);
  std::string name, version;
  if (at != std::string_view::npos) {
    name = key.substr(0, at);
    version = key.substr(at + 1);
  } else {
    std::size_t slash = key.rfind('/');
    if (slash == std::string_view::npos) return {};
    name = key.substr(0, slash);
    version = key.substr(slash + 1);
    if (std::size_t us = version.find('_'); us != std::string::npos) version.resize(us);
  }
  return {name, version};
}

/// The snapshots key a dependency entry names: "dep@version(peers)", or the alias target when
/// the version is one ("string-width-cjs: string-width@4.2.3").
std::string pnpm_snapshot_key(std::string_view dep, std::string_view version) {
  std::string_view bare = version.substr(0, version.find('('));
  if (bare.find('@', 1) != std::string_view::npos) return std::string(version);
  std::string key(dep);
  key += '@';
  key.append(version);
  return key;
}

/// Adds to `seen` (peer suffixes dropped) every snapshot reachable from `roots`.
void pnpm_reach(const json::Value& snaps, std::vector<std::string> todo, std::set<std::string>& seen) {
  std::set<std::string> visited;
  while (!todo.empty()) {
    std::string key = std::move(todo.back());
    todo.pop_back();
    if (!visited.insert(key).second) continue;
    seen.insert(key.substr(0, key.find('(')));
    const json::Value* s = snaps.find(key);
    if (!s || !s->is_object()) continue;
    for (const char* section : {"dependencies", "optionalDependencies"}) {
      const json::Value* deps = s->find(section);
      if (!deps || !deps->is_object()) continue;
      for (const auto& [dep, version] : deps->as_object()) {
        if (version.is_string()) todo.push_back(pnpm_snapshot_key(dep, version.as_string()));
      }
    }
  }
}

}  // namespace

Expected<NpmManifest> parse_package_json(std::string_view text) {
  auto v = json::parse(text);
  if (!v) return std::move(v).error();
  if (!v->is_object()) return Error("package.json is not a JSON object");
  NpmManifest m;
  m.name = str_member(*v, "name");
  m.version = str_member(*v, "version");
  m.description = str_member(*v, "description");
  if (const json::Value* lic = v->find("license")) {
    if (lic->is_string()) m.license = lic->as_string();
    else if (lic->is_object()) m.license = str_member(*lic, "type");
  }
  if (const json::Value* a = v->find("author")) {
    if (a->is_string() && !trim(a->as_string()).empty()) {
      m.supplier = supplier_from(a->as_string());
    } else if (a->is_object() && !trim(str_member(*a, "name")).empty()) {
      OrganizationalEntity o;
      o.name = std::string(trim(str_member(*a, "name")));
      if (std::string mail(trim(str_member(*a, "email"))); !mail.empty()) {
        Contact c;
        c.email = std::move(mail);
        o.contacts.push_back(std::move(c));
      }
      if (std::string url(trim(str_member(*a, "url"))); !url.empty()) o.urls.push_back(std::move(url));
      m.supplier = std::move(o);
    }
  }
  m.is_private = true_member(*v, "private");
  return m;
}

Expected<std::vector<LockedPackage>> parse_package_lock(std::string_view text) {
  auto v = json::parse(text);
  if (!v) return std::move(v).error();
  if (!v->is_object()) return Error("package-lock is not a JSON object");
  std::vector<LockedPackage> out;
  if (const json::Value* pkgs = v->find("packages"); pkgs && pkgs->is_object()) {
    for (const auto& [key, p] : pkgs->as_object()) {
      // "" is the root project; links point at workspace folders listed under their own key.
      if (key.empty() || !p.is_object() || true_member(p, "link")) continue;
      if (key.find("node_modules/") == std::string::npos) continue;  // workspace sources
      std::string name = str_member(p, "name");
      if (name.empty()) name = name_from_path(key);
      std::string version = str_member(p, "version");
      if (version.empty()) continue;
      out.push_back({name, version, true_member(p, "dev") || true_member(p, "devOptional"), key});
      if (std::string sri = str_member(p, "integrity"); !sri.empty()) out.back().integrity.push_back(std::move(sri));
    }
    return out;
  }
  if (const json::Value* deps = v->find("dependencies")) lock_v1_deps(*deps, "", out, 0);
  return out;
}

std::vector<LockedPackage> parse_yarn_lock(std::string_view text) {
  std::vector<LockedPackage> out;
  std::vector<std::string> names;
  bool skip = false;
  std::size_t entry_end = SIZE_MAX;  // the current entry's packages are out[entry_end..]
  for (std::string_view line : lines(text)) {
    if (line.empty() || line[0] == '#') continue;
    if (line[0] != ' ') {
      names.clear();
      entry_end = SIZE_MAX;
      skip = line.starts_with("__metadata") || line.find("@workspace:") != std::string_view::npos ||
             line.find("@link:") != std::string_view::npos;
      std::string_view specs = line;
      if (specs.ends_with(':')) specs.remove_suffix(1);
      for (std::string_view spec : split(specs, ",")) {
        std::string n = yarn_spec_name(spec);
        if (!n.empty() && (names.empty() || names.back() != n)) names.push_back(n);
      }
      continue;
    }
    std::string_view t = trim(line);
    if (line.find_first_not_of(' ') != 2) continue;  // only the entry's own fields
    // yarn 1's `integrity` (the registry tarball's, as npm's) follows the version of its entry;
    // berry's `checksum` is of the zip in yarn's own cache, no published file, and is not read.
    if (t.starts_with("integrity ") && entry_end < out.size()) {
      for (std::size_t i = entry_end; i < out.size(); ++i) out[i].integrity.push_back(unquote(t.substr(10)));
      continue;
    }
    if (skip || names.empty() || !t.starts_with("version")) continue;
    t.remove_prefix(7);
    if (!t.empty() && t[0] == ':') t.remove_prefix(1);
    std::string version = unquote(t);
    if (version.empty() || version == "0.0.0-use.local") continue;
    entry_end = out.size();
    for (const auto& n : names) out.push_back({n, version, false, {}});
    names.clear();
  }
  return out;
}

Expected<std::vector<LockedPackage>> parse_pnpm_lock(std::string_view text, std::string_view name) {
  auto v = yaml::parse(text, name);
  if (!v) return std::move(v).error();
  if (!v->is_object()) return Error("pnpm lockfile is not a mapping");
  std::vector<LockedPackage> out;
  const json::Value* pkgs = v->find("packages");
  if (!pkgs || !pkgs->is_object()) return out;
  // Lockfile v9 no longer marks packages dev: what only the importers' devDependencies reach
  // through the snapshots graph is.
  const json::Value* snaps = v->find("snapshots");
  std::set<std::string> prod, dev;
  if (snaps && snaps->is_object()) {
    if (const json::Value* imps = v->find("importers"); imps && imps->is_object()) {
      std::vector<std::string> prod_roots, dev_roots;
      for (const auto& [dir, imp] : imps->as_object()) {
        for (auto [section, roots] : {std::pair{"dependencies", &prod_roots}, std::pair{"optionalDependencies", &prod_roots},
                                      std::pair{"devDependencies", &dev_roots}}) {
          const json::Value* deps = imp.find(section);
          if (!deps || !deps->is_object()) continue;
          for (const auto& [dep, spec] : deps->as_object()) {
            std::string version = spec.is_object() ? str_member(spec, "version") : spec.is_string() ? spec.as_string() : "";
            if (!version.empty()) roots->push_back(pnpm_snapshot_key(dep, version));
          }
        }
      }
      pnpm_reach(*snaps, prod_roots, prod);
      pnpm_reach(*snaps, dev_roots, dev);
    }
  }
  for (const auto& [key, p] : pkgs->as_object()) {
    auto [n, version] = pnpm_key(key);
    // Tarball and file dependencies carry their version in the entry; directories have none.
    std::string real = p.is_object() ? str_member(p, "version") : std::string();
    if (!real.empty() && real.find(':') == std::string::npos) version = real;
    if (n.empty() || version.empty() || version.find(':') != std::string::npos) continue;
    std::string bare(std::string_view(key).substr(0, key.find('(')));
    const bool is_dev = (p.is_object() && true_member(p, "dev")) || (dev.count(bare) && !prod.count(bare));
    out.push_back({n, version, is_dev, {}});
    if (const json::Value* res = p.is_object() ? p.find("resolution") : nullptr; res && res->is_object()) {
      if (std::string sri = str_member(*res, "integrity"); !sri.empty()) out.back().integrity.push_back(std::move(sri));
    }
  }
  return out;
}

}  // namespace detail

namespace {

constexpr std::string_view kName = "npm";

class NpmCataloger final : public Cataloger {
 public:
  std::string_view name() const override { return kName; }
  std::vector<image::Pattern> patterns() const override {
    return {{"**/node_modules/*/package.json"}, {"**/node_modules/@*/*/package.json"},
            {"**/package-lock.json"}, {"**/npm-shrinkwrap.json"}, {"**/yarn.lock"}, {"**/pnpm-lock.yaml"},
            {"**/package.json"}};  // root applications, and Debian's /usr/share/nodejs packages
  }

  Status catalog(const Context& ctx, Result& out) const override {
    // Installed packages, by the directory holding their node_modules ("app" for app/node_modules/x).
    std::map<std::string, std::map<std::string, std::size_t>> installed;  // project dir -> package dir -> index
    std::set<std::string> projects;
    std::vector<const image::File*> locks, manifests;
    for (const auto& [path, file] : ctx.view.files()) {
      std::string_view base = detail::base_name(path);
      if (base == "package-lock.json" || base == "npm-shrinkwrap.json" || base == "yarn.lock" ||
          base == "pnpm-lock.yaml") {
        if (path.find("/node_modules/") == std::string::npos) locks.push_back(&file);
        continue;
      }
      if (base != "package.json") continue;
      std::string_view dir = detail::dir_name(path);
      std::string_view parent = detail::dir_name(dir);
      if (detail::base_name(parent).starts_with('@')) parent = detail::dir_name(parent);
      // Debian installs node modules into /usr/share/nodejs and /usr/lib/nodejs instead.
      const bool debian_dir = parent == "usr/share/nodejs" || parent == "usr/lib/nodejs";
      if (detail::base_name(parent) != "node_modules" && !debian_dir) {
        if (path.find("node_modules/") == std::string::npos) manifests.push_back(&file);
        continue;
      }
      auto m = detail::parse_package_json(file.data);
      if (!m) {
        ctx.warning("/" + path + ": " + m.error().message + "; skipped");
        continue;
      }
      if (m->name.empty() || m->version.empty()) continue;  // not a package (a nested folder's marker)
      Component* c = detail::add_named_package(ctx, out, "npm", {m->name, m->version, false, {}}, kName, file);
      if (!c) continue;
      describe(*c, *m);
      // The project is the directory above the outermost node_modules.
      std::string_view project = std::string_view(path).substr(0, debian_dir ? 0 : path.find("node_modules/"));
      if (project.ends_with('/')) project.remove_suffix(1);
      installed[std::string(project)][std::string(dir)] = out.components.size() - 1;
    }
    // Root applications: a package.json beside node_modules or a lockfile.
    for (const image::File* f : manifests) {
      std::string dir(detail::dir_name(f->path));
      bool has_lock = false;
      for (const image::File* l : locks) has_lock |= detail::dir_name(l->path) == dir;
      if (!has_lock && !installed.count(dir)) continue;
      auto m = detail::parse_package_json(f->data);
      if (!m) {
        ctx.warning("/" + f->path + ": " + m.error().message + "; skipped");
        continue;
      }
      if (m->name.empty()) continue;
      if (m->is_private) {
        // A private package is never published: a registry advisory for a package of the same
        // name is about something else, so it gets no purl to be matched by.
        Component c = detail::package_component(m->name, m->version, {}, kName);
        c.type = "application";
        c.bom_ref = "npm-app:/" + f->path;
        describe(c, *m);
        detail::add_provenance(c, ctx.view, *f);
        out.components.push_back(std::move(c));
      } else if (Component* c = detail::add_named_package(ctx, out, "npm", {m->name, m->version, false, {}}, kName, *f)) {
        c->type = "application";
        describe(*c, *m);
      }
    }
    for (const image::File* l : locks) lockfile(ctx, out, *l, installed);
    return Ok{};
  }

 private:
  static void describe(Component& c, const detail::NpmManifest& m) {
    if (!m.description.empty()) c.rare.edit().description = m.description;
    if (m.supplier) c.rare.edit().supplier = m.supplier;
    if (!m.license.empty()) {
      License lic;
      (detail::is_known_spdx_id(m.license) ? lic.id : lic.expression) = m.license;
      // Free text that is not an expression ("SEE LICENSE IN x") is a name.
      if (!lic.expression.empty() && lic.expression.find(' ') != std::string::npos &&
          lic.expression.find(" OR ") == std::string::npos && lic.expression.find(" AND ") == std::string::npos) {
        lic.name = std::move(lic.expression);
        lic.expression.clear();
      }
      c.licenses.push_back(std::move(lic));
    }
  }

  static void lockfile(const Context& ctx, Result& out, const image::File& f,
                       const std::map<std::string, std::map<std::string, std::size_t>>& installed) {
    std::string_view base = detail::base_name(f.path);
    const std::string where = "/" + f.path;
    Expected<std::vector<detail::LockedPackage>> pkgs = std::vector<detail::LockedPackage>{};
    if (base == "yarn.lock") {
      pkgs = detail::parse_yarn_lock(f.data);
    } else if (base == "pnpm-lock.yaml") {
      pkgs = detail::parse_pnpm_lock(f.data, where);
    } else {
      pkgs = detail::parse_package_lock(f.data);
    }
    if (!pkgs) {
      ctx.warning(where + ": " + pkgs.error().message + "; skipped");
      return;
    }
    if (pkgs->empty() && !f.data.empty()) ctx.warning(where + ": no packages found in the lockfile");
    const std::string dir(detail::dir_name(f.path));
    if (auto it = installed.find(dir); it != installed.end()) {
      // What is installed is the truth; the lockfile only says which of it is for development, and
      // what the registry's tarball of that version hashes to.
      for (const auto& p : *pkgs) {
        auto apply = [&](Component& c) {
          if (p.dev && !c.property(kPropDev)) {
            c.rare.edit().scope = "optional";
            detail::add_property(c, kPropDev, "true");
          }
          if (c.name == p.name && c.version == p.version) detail::add_lock_hashes(ctx, c, p, f);
        };
        if (!p.path.empty()) {
          if (auto at = it->second.find(dir.empty() ? p.path : dir + "/" + p.path); at != it->second.end()) {
            apply(out.components[at->second]);
          }
          continue;
        }
        for (const auto& entry : it->second) {
          Component& c = out.components[entry.second];
          if (c.name == p.name && c.version == p.version) apply(c);
        }
      }
      return;
    }
    for (const auto& p : *pkgs) detail::add_named_package(ctx, out, "npm", p, kName, f);
  }
};

}  // namespace

std::unique_ptr<Cataloger> make_npm_cataloger() { return std::make_unique<NpmCataloger>(); }

}  // namespace sbom::catalog
