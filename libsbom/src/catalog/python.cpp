// Python: installed distributions, *.dist-info/METADATA and *.egg-info (directory or single file) in
// site-packages and Debian's dist-packages; PEP 503 names in purls, licenses, RECORD file counts.
#include "catalog/catalogers.h"
#include "catalog/language.h"
#include "catalog/lang_parsers.h"

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

PythonDist parse_python_metadata(std::string_view text) {
  PythonDist d;
  std::vector<std::string> classifier_licenses;
  for (auto& [key, value] : parse_headers(text)) {
    const std::string k = ascii_lower(key);
    if (k == "name" && d.name.empty()) d.name = value;
    else if (k == "version" && d.version.empty()) d.version = value;
    else if (k == "summary" && d.summary.empty()) d.summary = value;
    else if (k == "license-expression" && d.license_expression.empty()) d.license_expression = value;
    else if (k == "license" && d.license.empty()) d.license = value;
    else if (k == "classifier" && value.starts_with("License ::")) classifier_licenses.push_back(value);
  }
  if (!d.license_expression.empty()) {
    d.licenses.push_back({{}, {}, d.license_expression, {}, {}});
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
    return out;
  }
  Status catalog(const Context& ctx, Result& out) const override {
    for (const auto& [path, file] : ctx.view.files()) {
      std::string_view p = path;
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
      if (!d.summary.empty()) c->description = d.summary;
      c->licenses = std::move(d.licenses);
      if (dist_info) {
        const std::string record = std::string(detail::dir_name(p)) + "/RECORD";
        if (const image::File* r = ctx.view.find(record)) {
          detail::add_property(*c, kPropFileCount, std::to_string(detail::count_record_files(r->data)));
        }
      }
    }
    return Ok{};
  }
};

}  // namespace

std::unique_ptr<Cataloger> make_python_cataloger() { return std::make_unique<PythonCataloger>(); }

}  // namespace sbom::catalog
