// Shared by the language-package catalogers: component building and OS-owner attribution.
#include "catalog/language.h"

#include "catalog/catalogers.h"

#include <algorithm>
#include <memory>

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

/// The value of a TOML `key = value` line: a string unquoted (escapes of basic strings resolved),
/// anything else trimmed as written.
std::string toml_value(std::string_view v) {
  v = trim(v);
  for (std::string_view q : {std::string_view("\"\"\""), std::string_view("'''")}) {
    if (!v.starts_with(q)) continue;
    std::size_t end = v.find(q, q.size());
    return std::string(end == std::string_view::npos ? v.substr(q.size()) : v.substr(q.size(), end - q.size()));
  }
  if (v.starts_with('\'')) {
    std::size_t end = v.find('\'', 1);
    return std::string(end == std::string_view::npos ? v.substr(1) : v.substr(1, end - 1));
  }
  if (v.starts_with('"')) {
    // A basic string ends at the first quote not escaped.
    std::string out;
    for (std::size_t i = 1; i < v.size(); ++i) {
      if (v[i] == '"') break;
      if (v[i] == '\\' && i + 1 < v.size()) {
        char e = v[++i];
        out += e == 'n' ? '\n' : e == 't' ? '\t' : e;
        continue;
      }
      out += v[i];
    }
    return out;
  }
  // A comment after a bare value.
  if (std::size_t hash = v.find(" #"); hash != std::string_view::npos) v = trim(v.substr(0, hash));
  return std::string(v);
}

/// Change in bracket depth over a value's text, quoted strings and comments skipped.
int bracket_depth(std::string_view v) {
  int depth = 0;
  char quote = 0;
  for (std::size_t i = 0; i < v.size(); ++i) {
    const char c = v[i];
    if (quote) {
      if (c == '\\' && quote == '"') ++i;
      else if (c == quote) quote = 0;
    } else if (c == '"' || c == '\'') {
      quote = c;
    } else if (c == '#') {
      break;
    } else if (c == '[' || c == '{') {
      ++depth;
    } else if (c == ']' || c == '}') {
      --depth;
    }
  }
  return depth;
}

}  // namespace

std::vector<std::map<std::string, std::string>> toml_array_tables(std::string_view text, std::string_view name) {
  std::vector<std::map<std::string, std::string>> out;
  bool in = false;
  std::string* open_value = nullptr;  // a multi-line array or inline table being joined
  int depth = 0;
  for (std::string_view line : lines(text)) {
    std::string_view t = trim(line);
    if (open_value) {
      open_value->append(1, ' ').append(t);
      depth += bracket_depth(t);
      if (depth <= 0) open_value = nullptr;
      continue;
    }
    if (t.empty() || t[0] == '#') continue;
    if (t[0] == '[') {
      const bool array = t.starts_with("[[");
      std::string_view h = t.substr(array ? 2 : 1);
      h = trim(h.substr(0, h.find(']')));
      in = array && h == name;
      if (in) out.emplace_back();
      continue;
    }
    std::size_t eq = t.find('=');
    if (!in || eq == std::string_view::npos) continue;
    std::string key = toml_value(t.substr(0, eq));
    std::string_view raw = trim(t.substr(eq + 1));
    depth = raw.starts_with('[') || raw.starts_with('{') ? bracket_depth(raw) : 0;
    std::string& slot = out.back()[key];
    slot = depth > 0 || raw.starts_with('[') || raw.starts_with('{') ? std::string(raw) : toml_value(raw);
    if (depth > 0) open_value = &slot;
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
  out.push_back(make_rust_cataloger());
  // Last (with rust): the executable pattern takes every executable not matched before.
  out.push_back(make_golang_cataloger());
  return out;
}

}  // namespace sbom::catalog
