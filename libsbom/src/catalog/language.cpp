// Shared by the language-package catalogers: component building and OS-owner attribution.
#include "catalog/language.h"

#include "catalog/catalogers.h"
#include "core/toml.h"
#include "net/http.h"

#include <algorithm>
#include <memory>
#include <sstream>

namespace sbom::catalog::detail {

namespace {

/// `path` as dpkg/rpm may list it: with /usr merged, "lib/x" and "usr/lib/x" name the same file.
std::string usr_alias(std::string_view path) {
  if (path.starts_with("usr/")) return std::string(path.substr(4));
  return "usr/" + std::string(path);
}

void link_owner(Result& out, const std::string& owner, const std::string& ref) {
  auto it = std::find_if(out.dependencies.begin(), out.dependencies.end(),
                         [&](const Dependency& d) { return d.ref == owner; });
  if (it == out.dependencies.end()) {
    out.dependencies.push_back({owner, {ref}, {}});
    return;
  }
  auto pos = std::lower_bound(it->depends_on.begin(), it->depends_on.end(), ref);
  if (pos == it->depends_on.end() || *pos != ref) it->depends_on.insert(pos, ref);
}

}  // namespace

Expected<std::vector<std::map<std::string, std::string>>> toml_array_tables(std::string_view text, std::string_view name) {
  auto root = toml_text::parse(text, "", toml_text::NonAscii::Mask);
  if (!root) return std::move(root).error();
  std::vector<std::map<std::string, std::string>> out;
  const toml::node* list = root->get(name);
  if (!list) return out;
  const toml::array* tables = list->as_array();
  if (!tables || !tables->is_array_of_tables())
    return toml_text::error_at("", list->source().begin, "'" + std::string(name) + "' is not an array of tables");
  for (const toml::node& n : *tables) {
    auto& kept = out.emplace_back();
    for (const auto& [key, v] : *n.as_table()) {
      if (const auto* s = v.as_string()) {
        kept.emplace(key.str(), s->get());
      } else if (const auto* t = v.as_table(); !t || t->is_inline()) {
        std::ostringstream text_of;
        text_of << toml::toml_formatter(v, toml::format_flags::none);
        kept.emplace(key.str(), text_of.str());
      }
    }
  }
  return out;
}

std::string_view dir_name(std::string_view path) {
  std::size_t slash = path.rfind('/');
  return slash == std::string_view::npos ? std::string_view{} : path.substr(0, slash);
}

std::string_view base_name(std::string_view path) {
  std::size_t slash = path.rfind('/');
  return slash == std::string_view::npos ? path : path.substr(slash + 1);
}

std::vector<std::string_view> lines(std::string_view text) {
  std::vector<std::string_view> out;
  while (!text.empty()) {
    std::size_t nl = text.find('\n');
    std::string_view line = text.substr(0, nl);
    if (!line.empty() && line.back() == '\r') line.remove_suffix(1);
    out.push_back(line);
    if (nl == std::string_view::npos) break;
    text.remove_prefix(nl + 1);
  }
  return out;
}

Component* find_component(Result& out, const std::string& ref) {
  auto& comps = out.components;
  for (int pass = 0; pass < 2; ++pass) {
    // Components removed, reordered or renamed behind the index's back (a miss then hit on
    // verification): index afresh.
    if (pass == 1 || out.ref_indexed > comps.size()) {
      out.ref_index.clear();
      out.ref_indexed = 0;
    }
    for (; out.ref_indexed < comps.size(); ++out.ref_indexed) {
      out.ref_index.try_emplace(comps[out.ref_indexed].bom_ref, out.ref_indexed);
    }
    auto it = out.ref_index.find(ref);
    if (it == out.ref_index.end()) return nullptr;
    if (comps[it->second].bom_ref == ref) return &comps[it->second];
  }
  return nullptr;
}

std::string os_owner(const Result& out, std::string_view path) {
  if (out.owned_files.empty()) return {};
  if (auto it = out.owned_files.find(path); it != out.owned_files.end()) return it->second;
  if (auto it = out.owned_files.find(usr_alias(path)); it != out.owned_files.end()) return it->second;
  return {};
}

Component* add_language_package(const Context& ctx, Result& out, Purl purl, std::string_view cataloger,
                                const image::File& where, std::string_view owned_path, Component** found) {
  std::string name = purl.ns.empty() ? purl.name : purl.ns + "/" + purl.name;
  if (purl.type == "maven") name = purl.name;
  std::string version = purl.version;
  std::string group = purl.type == "maven" ? purl.ns : std::string();
  std::string p = purl_string(std::move(purl), ctx);
  if (p.empty()) return nullptr;
  const std::string location = "/" + where.path;
  if (Component* seen = find_component(out, p)) {
    Component& c = *seen;
    // Found again elsewhere: one component, one more occurrence.
    const Property* path = c.property(kPropPath);
    if (path && path->value != location && !c.occurrences.empty()) c.occurrences.push_back(Occurrence{location, {}});
    if (found) *found = &c;
    return nullptr;
  }
  Component c = package_component(std::move(name), std::move(version), std::move(p), cataloger);
  c.group = std::move(group);
  add_provenance(c, ctx.view, where);
  if (!ctx.history) {
    std::string owner = os_owner(out, owned_path.empty() ? std::string_view(where.path) : owned_path);
    if (!owner.empty()) {
      add_property(c, kPropOwnedBy, owner);
      link_owner(out, owner, c.bom_ref);
    }
  }
  out.components.push_back(std::move(c));
  return &out.components.back();
}

Expected<std::vector<Hash>> lock_hashes(std::string_view integrity) {
  struct Alg {
    std::string_view name, cdx;
    std::size_t bytes;
  };
  static constexpr Alg kAlgs[] = {{"sha1", "SHA-1", 20}, {"sha256", "SHA-256", 32}, {"sha384", "SHA-384", 48}, {"sha512", "SHA-512", 64}};
  std::vector<Hash> out;
  for (std::string_view item : split(integrity, " ")) {
    item = trim(item);
    if (item.empty()) continue;
    const std::size_t cut = item.find_first_of("-:");
    if (cut == std::string_view::npos) return Error("'" + std::string(item) + "' names no algorithm");
    const std::string name = text::lower(item.substr(0, cut));
    const Alg* alg = nullptr;
    for (const Alg& a : kAlgs) alg = a.name == name ? &a : alg;
    if (!alg) return Error("'" + std::string(item) + "': unknown hash algorithm '" + name + "'");
    std::string_view value = item.substr(cut + 1);
    std::string bytes;
    if (item[cut] == '-') {
      // Standard base64 as SRI has it; the URL-safe alphabet names the same bytes (Node's decoder,
      // which npm and pnpm use, reads both, and lockfiles with it exist).
      std::string b64(value.substr(0, value.find('?')));
      std::replace(b64.begin(), b64.end(), '-', '+');
      std::replace(b64.begin(), b64.end(), '_', '/');
      if (!net::base64_decode(b64, bytes) || bytes.size() != alg->bytes) {
        return Error("'" + std::string(item) + "': not a base64 " + name + " digest");
      }
    } else if (value.size() != 2 * alg->bytes || value.find_first_not_of("0123456789abcdefABCDEF") != std::string_view::npos) {
      return Error("'" + std::string(item) + "': not a hex " + name + " digest");
    }
    std::string hex = bytes.empty() ? text::lower(value) : text::hex(reinterpret_cast<const unsigned char*>(bytes.data()), bytes.size());
    if (std::none_of(out.begin(), out.end(), [&](const Hash& h) { return h.alg == alg->cdx; })) {
      out.push_back(Hash{std::string(alg->cdx), std::move(hex), {}});
    }
  }
  return out;
}

void add_lock_hashes(const Context& ctx, Component& c, const LockedPackage& p, const image::File& where) {
  for (const std::string& integrity : p.integrity) {
    auto hashes = lock_hashes(integrity);
    if (!hashes) {
      ctx.warning("/" + where.path + ": " + p.name + "@" + p.version + ": integrity " + hashes.error().message + "; not written");
      continue;
    }
    for (Hash& h : *hashes) {
      auto same = std::find_if(c.hashes.begin(), c.hashes.end(), [&h](const Hash& k) { return k.alg == h.alg; });
      if (same == c.hashes.end()) c.hashes.push_back(std::move(h));
      else if (same->content != h.content) c.hashes.erase(same);
    }
  }
}

Component* add_named_package(const Context& ctx, Result& out, std::string_view type, const LockedPackage& p,
                             std::string_view cataloger, const image::File& where, Component** found) {
  Purl purl;
  purl.type = std::string(type);
  if (std::size_t slash = p.name.find('/'); slash != std::string::npos) {
    purl.ns = p.name.substr(0, slash);
    purl.name = p.name.substr(slash + 1);
  } else {
    purl.name = p.name;
  }
  purl.version = p.version;
  Component* existing = nullptr;
  Component* c = add_language_package(ctx, out, std::move(purl), cataloger, where, {}, &existing);
  if (c && p.dev) {
    c->rare.edit().scope = "optional";
    add_property(*c, kPropDev, "true");
  } else if (existing && !p.dev && existing->property(kPropDev)) {
    // Needed outside development too somewhere: not a development-only package.
    if (existing->rare.allocated()) existing->rare.edit().scope.clear();
    std::erase_if(existing->properties, [](const Property& q) { return q.name == kPropDev; });
  }
  if (Component* target = c ? c : existing) add_lock_hashes(ctx, *target, p, where);
  if (found) *found = existing;
  return c;
}

std::vector<std::pair<std::string, std::string>> parse_headers(std::string_view text) {
  std::vector<std::pair<std::string, std::string>> out;
  for (std::string_view line : lines(text)) {
    if (trim(line).empty()) break;
    if ((line[0] == ' ' || line[0] == '\t')) {
      if (!out.empty()) {
        out.back().second += '\n';
        out.back().second.append(trim(line));
      }
      continue;
    }
    std::size_t colon = line.find(':');
    if (colon == std::string_view::npos || colon == 0) continue;
    out.emplace_back(std::string(trim(line.substr(0, colon))), std::string(trim(line.substr(colon + 1))));
  }
  return out;
}

}  // namespace sbom::catalog::detail

namespace sbom::catalog {

std::vector<std::unique_ptr<Cataloger>> language_catalogers(const ArchiveLimits& archives) {
  std::vector<std::unique_ptr<Cataloger>> out;
  out.push_back(make_python_cataloger());
  out.push_back(make_npm_cataloger());
  out.push_back(make_java_cataloger(archives));
  out.push_back(make_ruby_cataloger());
  out.push_back(make_php_cataloger());
  out.push_back(make_dotnet_cataloger());
  // Before rust and golang: a Go toolchain's VERSION file names the standard library its binaries
  // name, and its reader of node binaries must come before their reader of every executable.
  out.push_back(make_runtime_cataloger());
  out.push_back(make_rust_cataloger());
  // Last (with rust): the executable pattern takes every executable not matched before.
  out.push_back(make_golang_cataloger());
  return out;
}

}  // namespace sbom::catalog
