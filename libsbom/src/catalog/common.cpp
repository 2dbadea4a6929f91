// Helpers shared by the catalogers: purls, provenance, components, text splitting.
#include "catalog/common.h"

#include <algorithm>

#include <map>

namespace sbom::catalog::detail {

std::string purl_string(Purl p, const Context& ctx) {
  std::string name = p.name;
  auto n = normalize_purl(std::move(p));
  if (!n) {
    ctx.warning("package '" + name + "': no purl: " + n.error().message);
    return {};
  }
  return n->to_string();
}

Component package_component(std::string name, std::string version, std::string purl, std::string_view cataloger) {
  Component c;
  c.type = "library";
  c.bom_ref = purl.empty() ? name + "@" + version : purl;
  c.name = std::move(name);
  c.version = std::move(version);
  c.purl = std::move(purl);
  add_property(c, kPropCataloger, std::string(cataloger));
  return c;
}

void add_property(Component& c, std::string_view name, std::string value) {
  Property p;
  p.name = std::string(name);
  p.value = std::move(value);
  c.properties.push_back(std::move(p));
}

void add_dependency(Result& out, const std::string& ref, std::set<std::string> deps) {
  deps.erase(ref);
  out.dependencies.push_back({ref, {deps.begin(), deps.end()}, {}});
}

void add_file(Component& c, const text::FileHashes& hashes, const std::optional<FileKind>& kind, bool again) {
  const std::pair<std::string_view, std::string_view> algs[] = {{"SHA-256", hashes.sha256}, {"SHA-512", hashes.sha512}};
  for (const auto& a : algs) {
    const std::string_view alg = a.first, content = a.second;
    auto of_alg = [alg](const Hash& h) { return h.alg == alg; };
    if (again) {
      std::erase_if(c.hashes, [&of_alg, content](const Hash& h) { return of_alg(h) && h.content != content; });
    } else if (!content.empty() && std::none_of(c.hashes.begin(), c.hashes.end(), of_alg)) {
      c.hashes.push_back(Hash{std::string(alg), std::string(content), {}});
    }
  }
  struct Flag {
    std::string_view name;
    bool FileKind::*is;
    std::string_view yes, no;
  };
  static constexpr Flag kFlags[] = {{"bsi:component:executable", &FileKind::executable, "executable", "non-executable"},
                                    {"bsi:component:archive", &FileKind::archive, "archive", "no archive"},
                                    {"bsi:component:structured", &FileKind::structured, "structured", "unstructured"}};
  for (const Flag& f : kFlags) {
    const std::string_view value = !kind ? std::string_view() : (*kind).*f.is ? f.yes : f.no;
    auto named = [&f](const Property& p) { return p.name == f.name; };
    if (again) {
      std::erase_if(c.properties, [&](const Property& p) { return named(p) && p.value != value; });
    } else if (!value.empty() && std::none_of(c.properties.begin(), c.properties.end(), named)) {
      add_property(c, f.name, std::string(value));
    }
  }
}

void add_provenance(Component& c, const image::View& view, const image::File& where, int layer) {
  const std::string location = "/" + where.path;
  c.occurrences.push_back(Occurrence{location, {}});
  add_property(c, kPropPath, location);
  int l = layer == -2 ? where.layer : layer;
  if (l >= 0) {
    add_property(c, kPropLayerIndex, std::to_string(l));
    add_property(c, kPropLayerDiffId, view.layer_diff_id(l));
  }
  if (where.removed_by >= 0) {
    add_property(c, kPropRemovedByIndex, std::to_string(where.removed_by));
    add_property(c, kPropRemovedByDiffId, view.layer_diff_id(where.removed_by));
  }
}

std::string os_namespace(const Distro& d, std::string_view fallback) {
  if (d.id == "rhel") return "redhat";
  if (d.id.empty()) return std::string(fallback);
  return d.id;
}

std::vector<std::string_view> split(std::string_view s, std::string_view seps) {
  std::vector<std::string_view> out;
  while (!s.empty()) {
    std::size_t i = s.find_first_of(seps);
    std::string_view piece = s.substr(0, i);
    if (!piece.empty()) out.push_back(piece);
    if (i == std::string_view::npos) break;
    s.remove_prefix(i + 1);
  }
  return out;
}

OrganizationalEntity supplier_from(std::string_view maintainer) {
  maintainer = trim(maintainer);
  // npm's people format ends in an optional "(url)": only a URL in parentheses at the very end is
  // one ("Jane (Debian) <j@x>" keeps its parentheses in the name).
  std::string_view url;
  if (maintainer.ends_with(')')) {
    const std::size_t open = maintainer.rfind('(');
    const std::string_view inner = open == std::string_view::npos ? std::string_view() : maintainer.substr(open + 1, maintainer.size() - open - 2);
    if (inner.find("://") != std::string_view::npos && inner.find_first_of(" <>") == std::string_view::npos) {
      url = inner;
      maintainer = trim(maintainer.substr(0, open));
    }
  }
  std::string_view name = maintainer, mail;
  std::size_t lt = maintainer.find('<');
  std::size_t gt = maintainer.find('>', lt == std::string_view::npos ? 0 : lt);
  if (lt != std::string_view::npos && gt != std::string_view::npos) {
    name = trim(maintainer.substr(0, lt));
    mail = trim(maintainer.substr(lt + 1, gt - lt - 1));
  }
  OrganizationalEntity o;
  o.name = std::string(name.empty() ? maintainer : name);
  if (!mail.empty()) {
    Contact c;
    c.email = std::string(mail);
    o.contacts.push_back(std::move(c));
  }
  if (!url.empty()) o.urls.emplace_back(url);
  return o;
}

std::string spdx_from_debian(std::string_view name) {
  // Debian's short names (copyright-format 1.0) and the SPDX ids they stand for.
  static const std::map<std::string, std::string, std::less<>> kMap = {
      {"agpl-3", "AGPL-3.0-only"}, {"agpl-3+", "AGPL-3.0-or-later"}, {"apache-1.0", "Apache-1.0"},
      {"apache-1.1", "Apache-1.1"}, {"apache-2.0", "Apache-2.0"}, {"apache-2", "Apache-2.0"},
      {"artistic", "Artistic-1.0"}, {"artistic-1.0", "Artistic-1.0"}, {"artistic-2.0", "Artistic-2.0"},
      {"bsd-2-clause", "BSD-2-Clause"}, {"bsd-3-clause", "BSD-3-Clause"}, {"bsd-4-clause", "BSD-4-Clause"},
      {"bsl-1.0", "BSL-1.0"}, {"cc0-1.0", "CC0-1.0"}, {"cc-by-3.0", "CC-BY-3.0"}, {"cc-by-4.0", "CC-BY-4.0"},
      {"cc-by-sa-3.0", "CC-BY-SA-3.0"}, {"cc-by-sa-4.0", "CC-BY-SA-4.0"}, {"curl", "curl"},
      {"expat", "MIT"}, {"mit", "MIT"}, {"fsfap", "FSFAP"}, {"fsful", "FSFUL"}, {"fsfullr", "FSFULLR"},
      {"gfdl-1.2", "GFDL-1.2-only"}, {"gfdl-1.2+", "GFDL-1.2-or-later"}, {"gfdl-1.3", "GFDL-1.3-only"},
      {"gfdl-1.3+", "GFDL-1.3-or-later"}, {"gpl-1", "GPL-1.0-only"}, {"gpl-1+", "GPL-1.0-or-later"},
      {"gpl-2", "GPL-2.0-only"}, {"gpl-2+", "GPL-2.0-or-later"}, {"gpl-3", "GPL-3.0-only"},
      {"gpl-3+", "GPL-3.0-or-later"}, {"isc", "ISC"}, {"lgpl-2", "LGPL-2.0-only"}, {"lgpl-2+", "LGPL-2.0-or-later"},
      {"lgpl-2.1", "LGPL-2.1-only"}, {"lgpl-2.1+", "LGPL-2.1-or-later"}, {"lgpl-3", "LGPL-3.0-only"},
      {"lgpl-3+", "LGPL-3.0-or-later"}, {"mpl-1.1", "MPL-1.1"}, {"mpl-2.0", "MPL-2.0"}, {"openssl", "OpenSSL"},
      {"psf-2", "PSF-2.0"}, {"python-2.0", "Python-2.0"}, {"unicode-dfs-2016", "Unicode-DFS-2016"},
      {"x11", "X11"}, {"zlib", "Zlib"}, {"zpl-2.1", "ZPL-2.1"}, {"ofl-1.1", "OFL-1.1"},
      {"bsd-2-clause-freebsd", "BSD-2-Clause-FreeBSD"}, {"wtfpl", "WTFPL"}, {"0bsd", "0BSD"},
      {"unlicense", "Unlicense"}, {"ncsa", "NCSA"}, {"bzip2-1.0.6", "bzip2-1.0.6"}, {"libpng", "Libpng"},
      {"tcl", "TCL"}, {"ijg", "IJG"}, {"sleepycat", "Sleepycat"}, {"epl-1.0", "EPL-1.0"}, {"epl-2.0", "EPL-2.0"},
      {"cddl-1.0", "CDDL-1.0"}, {"postgresql", "PostgreSQL"}, {"qpl-1.0", "QPL-1.0"}, {"w3c", "W3C"}};
  auto it = kMap.find(text::lower(name));
  return it == kMap.end() ? std::string() : it->second;
}

bool is_known_spdx_id(std::string_view id) {
  std::string mapped = spdx_from_debian(id);
  return !mapped.empty() && mapped == id;
}

}  // namespace sbom::catalog::detail
