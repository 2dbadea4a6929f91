// Python: installed distributions, *.dist-info/METADATA and *.egg-info (directory or single file) in
// site-packages and Debian's dist-packages; PEP 503 names in purls, licenses, RECORD file counts.
#include "catalog/catalogers.h"
#include "catalog/language.h"
#include "catalog/lang_parsers.h"
#include "core/toml.h"
#include "sbom/json.h"

#include <utility>

namespace sbom::catalog {

namespace detail {

namespace {

/// The SPDX id of a trove "License ::" classifier when the classifier names exactly one license.
std::string spdx_from_classifier(std::string_view c) {
  static const std::pair<std::string_view, std::string_view> kMap[] = {
      {"MIT License", "MIT"},
      {"ISC License (ISCL)", "ISC"},
      {"Apache Software License 2.0", "Apache-2.0"},
      {"Mozilla Public License 2.0 (MPL 2.0)", "MPL-2.0"},
      {"GNU General Public License v2 (GPLv2)", "GPL-2.0-only"},
      {"GNU General Public License v2 or later (GPLv2+)", "GPL-2.0-or-later"},
      {"GNU General Public License v3 (GPLv3)", "GPL-3.0-only"},
      {"GNU General Public License v3 or later (GPLv3+)", "GPL-3.0-or-later"},
      {"GNU Lesser General Public License v2 or later (LGPLv2+)", "LGPL-2.0-or-later"},
      {"GNU Lesser General Public License v3 (LGPLv3)", "LGPL-3.0-only"},
      {"GNU Lesser General Public License v3 or later (LGPLv3+)", "LGPL-3.0-or-later"},
      {"GNU Affero General Public License v3", "AGPL-3.0-only"},
      {"Python Software Foundation License", "PSF-2.0"},
      {"The Unlicense (Unlicense)", "Unlicense"},
      {"Zope Public License", "ZPL-2.1"},
      {"Eclipse Public License 2.0 (EPL-2.0)", "EPL-2.0"},
      {"Boost Software License 1.0 (BSL-1.0)", "BSL-1.0"},
  };
  std::size_t last = c.rfind("::");
  std::string_view leaf = trim(last == std::string_view::npos ? c : c.substr(last + 2));
  for (const auto& [name, id] : kMap) {
    if (leaf == name) return std::string(id);
  }
  return {};
}

}  // namespace

std::string pep503_name(std::string_view name) {
  std::string out;
  for (char ch : name) {
    if (ch == '-' || ch == '_' || ch == '.') {
      if (out.empty() || out.back() != '-') out += '-';
    } else {
      out += ch >= 'A' && ch <= 'Z' ? static_cast<char>(ch - 'A' + 'a') : ch;
    }
  }
  return out;
}

namespace {

// A supplier from a core-metadata person: NAME with EMAIL, where EMAIL may itself be
// "Name <mail>, Other <mail2>" (PEP 621 tools write that with no NAME field); the first person
// named counts. "UNKNOWN" (old setuptools' placeholder) is no one.
std::optional<OrganizationalEntity> python_supplier(std::string_view name, std::string_view email) {
  name = trim(name);
  email = trim(email);
  if (name == "UNKNOWN") name = {};
  if (email == "UNKNOWN") email = {};
  if (const auto comma = email.find(','); comma != std::string_view::npos) email = trim(email.substr(0, comma));
  if (name.empty() && email.empty()) return std::nullopt;
  if (name.empty() && email.find('<') != std::string_view::npos) return supplier_from(email);
  OrganizationalEntity o;
  o.name = std::string(name.empty() ? email : name);
  if (!email.empty()) {
    Contact c;
    const auto lt = email.find('<'), gt = email.find('>');
    c.email = std::string(lt != std::string_view::npos && gt != std::string_view::npos && gt > lt
                              ? trim(email.substr(lt + 1, gt - lt - 1)) : email);
    o.contacts.push_back(std::move(c));
  }
  return o;
}

}  // namespace

PythonDist parse_python_metadata(std::string_view text) {
  PythonDist d;
  std::vector<std::string> classifier_licenses;
  std::string author, author_email, maintainer, maintainer_email;
  for (auto& [key, value] : parse_headers(text)) {
    const std::string k = text::lower(key);
    if (k == "name" && d.name.empty()) d.name = value;
    else if (k == "version" && d.version.empty()) d.version = value;
    else if (k == "summary" && d.summary.empty()) d.summary = value;
    else if (k == "license-expression" && d.license_expression.empty()) d.license_expression = value;
    else if (k == "license" && d.license.empty()) d.license = value;
    else if (k == "classifier" && value.starts_with("License ::")) classifier_licenses.push_back(value);
    else if (k == "author" && author.empty()) author = value;
    else if (k == "author-email" && author_email.empty()) author_email = value;
    else if (k == "maintainer" && maintainer.empty()) maintainer = value;
    else if (k == "maintainer-email" && maintainer_email.empty()) maintainer_email = value;
  }
  d.supplier = python_supplier(maintainer, maintainer_email);
  if (!d.supplier) d.supplier = python_supplier(author, author_email);
  if (!d.license_expression.empty()) {
    d.licenses.push_back({{}, {}, d.license_expression, {}, {}, {}});
  } else if (!d.license.empty() && d.license != "UNKNOWN" && d.license.find('\n') == std::string::npos &&
             d.license.size() <= 80) {
    // A one-line License field; whole license texts pasted in (multi-line) are not names.
    License l;
    (is_known_spdx_id(d.license) ? l.id : l.name) = d.license;
    d.licenses.push_back(std::move(l));
  } else {
    for (const auto& c : classifier_licenses) {
      License l;
      l.id = spdx_from_classifier(c);
      if (l.id.empty()) l.name = std::string(trim(c.substr(c.rfind("::") + 2)));
      d.licenses.push_back(std::move(l));
    }
  }
  return d;
}

std::size_t count_record_files(std::string_view record) {
  std::size_t n = 0;
  for (std::string_view line : lines(record)) {
    if (!trim(line).empty()) ++n;
  }
  return n;
}

namespace {

/// The digest of the one published file a lock names for a package (poetry and pdm `files`, uv
/// `sdist` and `wheels`, Pipfile.lock `hashes`), as "ALG:HEX". A lock that names several (an
/// sdist and wheels for other platforms) does not say which was installed: then none.
void one_file_hash(const std::vector<std::string>& hashes, std::size_t files, LockedPackage& p) {
  if (files == 1 && hashes.size() == 1) p.integrity.push_back(hashes[0]);
}

/// Counts the files of TOML arrays and tables of files (`[{file, hash}]`, `{url, hash}`, as
/// toml_array_tables keeps them) and collects their `hash` strings.
void toml_files(std::string_view value, std::size_t& files, std::vector<std::string>& hashes) {
  if (value.empty()) return;
  auto doc = toml_text::parse("v = " + std::string(value), "", toml_text::NonAscii::Mask);
  if (!doc) return;
  auto take = [&](const toml::node& n) {
    const toml::table* t = n.as_table();
    if (!t) return;
    ++files;
    if (const auto* h = t->get_as<std::string>("hash")) hashes.push_back(h->get());
  };
  const toml::node* v = doc->get("v");
  if (const toml::array* a = v ? v->as_array() : nullptr) {
    for (const toml::node& n : *a) take(n);
  } else if (v) {
    take(*v);
  }
}

}  // namespace

Expected<std::vector<LockedPackage>> parse_python_lock(std::string_view text, std::string_view file_name) {
  std::vector<LockedPackage> out;
  if (file_name == "Pipfile.lock") {
    auto doc = json::parse(text);
    if (!doc) return std::move(doc).error();
    if (!doc->is_object()) return Error("Pipfile.lock is not a JSON object");
    for (auto [section, dev] : {std::pair{"default", false}, std::pair{"develop", true}}) {
      const json::Value* deps = doc->find(section);
      if (!deps || !deps->is_object()) continue;
      for (const auto& [name, d] : deps->as_object()) {
        const json::Value* v = d.find("version");
        // Only exact pins are versions; VCS and path entries have none.
        if (!v || !v->is_string() || !v->as_string().starts_with("==")) continue;
        out.push_back({name, v->as_string().substr(v->as_string().starts_with("===") ? 3 : 2), dev, {}});
        std::vector<std::string> hashes;
        if (const json::Value* hs = d.find("hashes"); hs && hs->is_array()) {
          for (const auto& h : hs->as_array()) hashes.push_back(h.is_string() ? h.as_string() : std::string());
        }
        one_file_hash(hashes, hashes.size(), out.back());
      }
    }
    return out;
  }
  const bool pylock = file_name.starts_with("pylock.");
  auto tables = toml_array_tables(text, pylock ? "packages" : "package");
  if (!tables) return std::move(tables).error();
  for (auto& t : *tables) {
    std::string& name = t["name"];
    std::string& version = t["version"];
    if (name.empty() || version.empty()) continue;
    bool dev = false;
    if (file_name == "poetry.lock") {
      dev = t["category"] == "dev";
    } else if (file_name == "uv.lock") {
      // The project itself (editable or virtual) and local directories are not published packages.
      const std::string& source = t["source"];
      if (source.find("editable") != std::string::npos || source.find("virtual") != std::string::npos ||
          source.find("directory") != std::string::npos) {
        continue;
      }
    }
    std::size_t files = 0;
    std::vector<std::string> hashes;
    for (const char* key : {"files", "sdist", "wheels"}) toml_files(t[key], files, hashes);
    out.push_back({std::move(name), std::move(version), dev, {}});
    if (!pylock) one_file_hash(hashes, files, out.back());
  }
  return out;
}

std::vector<LockedPackage> parse_requirements(std::string_view text) {
  std::vector<LockedPackage> out;
  std::string joined;
  for (std::string_view raw : lines(text)) {
    // A backslash at the end continues the line.
    std::string_view l = raw;
    const bool more = l.ends_with('\\');
    if (more) l.remove_suffix(1);
    joined.append(l);
    if (more) continue;
    std::string_view line = trim(joined);
    if (std::size_t hash = line.find('#'); hash != std::string_view::npos && (hash == 0 || line[hash - 1] == ' ' || line[hash - 1] == '\t')) {
      line = trim(line.substr(0, hash));
    }
    line = trim(line.substr(0, line.find(';')));  // environment markers
    std::size_t eq = line.find("==");
    if (!line.empty() && line[0] != '-' && eq != std::string_view::npos && eq > 0) {
      std::string_view name = trim(line.substr(0, eq));
      name = trim(name.substr(0, name.find('[')));  // extras
      std::string_view version = line.substr(eq + 2);
      if (version.starts_with('=')) version.remove_prefix(1);  // "===": arbitrary equality
      version = trim(version);
      version = version.substr(0, version.find_first_of(" \t,"));
      const bool name_ok = !name.empty() && name.find_first_not_of(
          "abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789-_.") == std::string_view::npos;
      // Only a pin without wildcards or further clauses names one version.
      const bool pinned = !version.empty() && version.find('*') == std::string_view::npos &&
                          line.find(',', eq) == std::string_view::npos;
      if (name_ok && pinned) out.push_back({std::string(name), std::string(version), false, {}});
    }
    joined.clear();
  }
  return out;
}

}  // namespace detail

namespace {

constexpr std::string_view kName = "python";

class PythonCataloger final : public Cataloger {
 public:
  std::string_view name() const override { return kName; }
  std::vector<image::Pattern> patterns() const override {
    std::vector<image::Pattern> out;
    for (const char* dir : {"site-packages", "dist-packages"}) {
      const std::string base = std::string("**/") + dir + "/";
      for (const char* tail : {"*.dist-info/METADATA", "*.dist-info/RECORD", "*.egg-info/PKG-INFO", "*.egg-info",
                               "*.egg/EGG-INFO/PKG-INFO"}) {
        out.emplace_back(base + tail);
      }
    }
    for (const char* lock : {"**/Pipfile.lock", "**/poetry.lock", "**/pdm.lock", "**/uv.lock", "**/pylock.toml",
                             "**/pylock.*.toml", "**/requirements.txt"}) {
      out.emplace_back(lock);
    }
    return out;
  }
  Status catalog(const Context& ctx, Result& out) const override {
    for (const auto& [path, file] : ctx.view.files()) {
      std::string_view p = path;
      if (is_lockfile(p)) {
        lockfile(ctx, out, file);
        continue;
      }
      const bool dist_info = p.ends_with(".dist-info/METADATA");
      const bool egg_dir = p.ends_with(".egg-info/PKG-INFO") || p.ends_with(".egg/EGG-INFO/PKG-INFO");
      const bool egg_file = p.ends_with(".egg-info");
      if (!dist_info && !egg_dir && !egg_file) continue;
      if (p.find("site-packages/") == std::string_view::npos && p.find("dist-packages/") == std::string_view::npos) {
        continue;
      }
      detail::PythonDist d = detail::parse_python_metadata(file.data);
      if (d.name.empty() || d.version.empty()) {
        ctx.warning("/" + path + ": python package metadata without Name or Version; skipped");
        continue;
      }
      Purl purl;
      purl.type = "pypi";
      // PEP 503: the index's name, the one advisories use.
      purl.name = detail::pep503_name(d.name);
      purl.version = d.version;
      // The metadata directory is what an OS package lists (the .egg-info file itself otherwise).
      std::string_view owned = egg_file ? p : detail::dir_name(p);
      Component* c = detail::add_language_package(ctx, out, std::move(purl), kName, file, owned);
      if (!c) continue;
      c->name = d.name;
      if (!d.summary.empty()) c->rare.edit().description = d.summary;
      c->licenses = std::move(d.licenses);
      if (d.supplier) c->rare.edit().supplier = std::move(d.supplier);
      if (dist_info) {
        const std::string record = std::string(detail::dir_name(p)) + "/RECORD";
        if (const image::File* r = ctx.view.find(record)) {
          detail::add_property(*c, kPropFileCount, std::to_string(detail::count_record_files(r->data)));
        }
      }
    }
    return Ok{};
  }

 private:
  static bool is_lockfile(std::string_view path) {
    std::string_view base = detail::base_name(path);
    const bool lock = base == "Pipfile.lock" || base == "poetry.lock" || base == "pdm.lock" || base == "uv.lock" ||
                      base == "requirements.txt" || (base.starts_with("pylock.") && base.ends_with(".toml"));
    // Installed distributions ship their own source trees' files; those pin nothing installed.
    return lock && path.find("site-packages/") == std::string_view::npos &&
           path.find("dist-packages/") == std::string_view::npos;
  }

  static void lockfile(const Context& ctx, Result& out, const image::File& f) {
    std::string_view base = detail::base_name(f.path);
    Expected<std::vector<detail::LockedPackage>> pkgs = std::vector<detail::LockedPackage>{};
    if (base == "requirements.txt") {
      pkgs = detail::parse_requirements(f.data);
    } else {
      pkgs = detail::parse_python_lock(f.data, base);
    }
    if (!pkgs) {
      ctx.warning(pkgs.error().in_file("/" + f.path).to_string() + "; skipped");
      return;
    }
    if (pkgs->empty() && !detail::trim(f.data).empty()) {
      ctx.warning("/" + f.path + (base == "requirements.txt" ? ": no pinned (==) requirement found" : ": no packages found in the lockfile"));
    }
    for (auto& p : *pkgs) {
      std::string written = std::exchange(p.name, detail::pep503_name(p.name));  // PEP 503 in the purl
      if (Component* c = detail::add_named_package(ctx, out, "pypi", p, kName, f)) c->name = std::move(written);
    }
  }
};

}  // namespace

std::unique_ptr<Cataloger> make_python_cataloger() { return std::make_unique<PythonCataloger>(); }

}  // namespace sbom::catalog
