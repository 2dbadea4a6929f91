// dpkg: /var/lib/dpkg/status and status.d/ (distroless), licenses from machine-readable
// copyright files, owned files from info/*.list, Depends/Pre-Depends as dependencies.
#include <algorithm>
#include <set>

#include "catalog/catalogers.h"
#include "catalog/common.h"
#include "catalog/parsers.h"

namespace sbom::catalog {

namespace detail {

namespace {

struct Field {
  std::string_view name;
  std::string value;
};

void finish_paragraph(std::vector<Field>& fields, std::uint32_t line, std::string_view file, const Diagnostics& diags,
                      bool require_status, std::vector<DpkgPackage>& out) {
  if (fields.empty()) return;
  DpkgPackage p;
  p.line = line;
  for (auto& f : fields) {
    if (f.name == "Package") p.name = std::move(f.value);
    else if (f.name == "Version") p.version = std::move(f.value);
    else if (f.name == "Architecture") p.arch = std::move(f.value);
    else if (f.name == "Source") p.source = std::move(f.value);
    else if (f.name == "Maintainer") p.maintainer = std::move(f.value);
    else if (f.name == "Status") p.status = std::move(f.value);
    else if (f.name == "Depends") p.depends = std::move(f.value);
    else if (f.name == "Pre-Depends") p.pre_depends = std::move(f.value);
    else if (f.name == "Provides") p.provides = std::move(f.value);
    else if (f.name == "Description") p.description = f.value.substr(0, f.value.find('\n'));
  }
  fields.clear();
  if (p.name.empty()) {
    diags.warn_at(file, line, "package entry without a Package field skipped");
    return;
  }
  // The third word of Status is the package's state; only "installed" has its files in place.
  // dpkg itself takes a package without Status as not installed.
  if (p.status.empty() && require_status) return;
  if (!p.status.empty()) {
    auto words = split(p.status, " \t");
    if (words.size() != 3) {
      diags.warn_at(file, line, "package '" + p.name + "' has a malformed Status field; skipped");
      return;
    }
    if (words[2] != "installed") return;
  }
  if (p.version.empty()) {
    diags.warn_at(file, line, "package '" + p.name + "' has no Version; skipped");
    return;
  }
  // "Source: name (version)" when the source version differs from the binary's.
  std::string_view src = trim(p.source);
  if (std::size_t paren = src.find('('); paren != std::string_view::npos) {
    std::size_t close = src.find(')', paren);
    p.source_version = std::string(trim(src.substr(paren + 1, close == std::string_view::npos ? close : close - paren - 1)));
    src = trim(src.substr(0, paren));
  }
  p.source = std::string(src);
  if (p.source.empty()) p.source = p.name;
  if (p.source_version.empty()) p.source_version = p.version;
  out.push_back(std::move(p));
}

}  // namespace

std::vector<DpkgPackage> parse_dpkg_status(std::string_view text, std::string_view file, const Diagnostics& diags,
                                           bool require_status) {
  std::vector<DpkgPackage> out;
  std::vector<Field> fields;
  std::uint32_t line_no = 0, start = 1;
  bool warned_garbage = false;
  while (!text.empty() || !fields.empty()) {
    std::size_t nl = text.find('\n');
    std::string_view line = text.substr(0, nl);
    text = nl == std::string_view::npos ? std::string_view{} : text.substr(nl + 1);
    ++line_no;
    if (!line.empty() && line.back() == '\r') line.remove_suffix(1);
    if (trim(line).empty()) {
      finish_paragraph(fields, start, file, diags, require_status, out);
      start = line_no + 1;
      warned_garbage = false;
      if (text.empty()) break;
      continue;
    }
    if (line[0] == ' ' || line[0] == '\t') {
      if (!fields.empty()) {
        fields.back().value += '\n';
        fields.back().value.append(trim(line));
      }
      continue;
    }
    std::size_t colon = line.find(':');
    if (colon == std::string_view::npos || colon == 0) {
      if (!warned_garbage) diags.warn_at(file, line_no, "not a 'Field: value' line");
      warned_garbage = true;
      continue;
    }
    fields.push_back({line.substr(0, colon), std::string(trim(line.substr(colon + 1)))});
  }
  return out;
}

std::vector<License> parse_copyright_licenses(std::string_view text) {
  std::vector<License> out;
  std::string_view first = text.substr(0, text.find("\n\n"));
  if (first.find("Format:") == std::string_view::npos ||
      (first.find("copyright-format/1.0") == std::string_view::npos && first.find("dep5") == std::string_view::npos)) {
    return out;  // not machine-readable: never guessed
  }
  std::set<std::string> seen;
  std::size_t pos = 0;
  while ((pos = text.find("License:", pos)) != std::string_view::npos) {
    const bool at_line_start = pos == 0 || text[pos - 1] == '\n';
    pos += 8;
    if (!at_line_start) continue;
    std::string_view value = trim(text.substr(pos, text.find('\n', pos) - pos));
    // Short names joined by "or" / "and" / ","; "with X exception" stays part of its name.
    std::vector<std::string_view> pieces;
    for (std::string_view word : split(value, " \t,")) {
      const std::string w = text::lower(word);
      if (w == "or" || w == "and") {
        pieces.emplace_back();
      } else if (pieces.empty() || pieces.back().empty() || value.find(',') != std::string_view::npos) {
        pieces.push_back(word);
      } else {
        // "GPL-2+ with OpenSSL exception": words after the first stay part of the name.
        const char* begin = pieces.back().data();
        pieces.back() = std::string_view(begin, static_cast<std::size_t>(word.data() + word.size() - begin));
      }
    }
    for (std::string_view piece : pieces) {
      if (piece.empty()) continue;
      std::string id = spdx_from_debian(piece);
      if (!seen.insert(id.empty() ? "name:" + std::string(piece) : id).second) continue;
      License lic;
      (id.empty() ? lic.name : lic.id) = id.empty() ? std::string(piece) : id;
      out.push_back(std::move(lic));
    }
  }
  return out;
}

}  // namespace detail

namespace {

using detail::DpkgPackage;

struct Found {
  DpkgPackage pkg;
  const image::File* db;
};

/// Names in a Depends-style field: groups separated by ',', alternatives by '|'.
std::vector<std::vector<std::string>> relation_groups(std::string_view field) {
  std::vector<std::vector<std::string>> out;
  for (std::string_view group : detail::split(field, ",")) {
    std::vector<std::string> alts;
    for (std::string_view alt : detail::split(group, "|")) {
      alt = detail::trim(alt);
      std::string_view name = alt.substr(0, alt.find_first_of(" (:\t["));
      if (!name.empty()) alts.emplace_back(name);
    }
    if (!alts.empty()) out.push_back(std::move(alts));
  }
  return out;
}

class DpkgCataloger final : public Cataloger {
 public:
  std::string_view name() const override { return "dpkg"; }
  std::vector<image::Pattern> patterns() const override {
    return {{"var/lib/dpkg/status", 0}, {"var/lib/dpkg/status.d/*", 0}, {"var/lib/dpkg/info/*.list", 0},
            {"usr/share/doc/*/copyright", 0}};
  }
  Status catalog(const Context& ctx, Result& out) const override {
    std::vector<const image::File*> dbs;
    auto status = ctx.database("var/lib/dpkg/status");
    if (!status) return std::move(status).error();
    if (*status) dbs.push_back(*status);
    auto parts = ctx.databases("var/lib/dpkg/status.d/*");
    if (!parts) return std::move(parts).error();
    for (const image::File* f : *parts) {
      if (!f->path.ends_with(".md5sums")) dbs.push_back(f);
    }
    std::vector<Found> found;
    for (const image::File* db : dbs) {
      const bool main_db = db == *status;  // by identity: behind a symlink its path is another
      for (auto& p : detail::parse_dpkg_status(db->data, "/" + db->path, ctx.diagnostics, main_db)) {
        found.push_back({std::move(p), db});
      }
    }
    if (found.empty()) return Ok{};
    const std::string ns = detail::os_namespace(ctx.distro, "unknown");
    const std::string distro = ctx.distro.qualifier();
    std::map<std::string, std::string> ref_of;  // package or virtual name -> bom-ref
    std::vector<std::size_t> index;
    for (auto& [p, db] : found) {
      Purl purl;
      purl.type = "deb";
      purl.ns = ns;
      purl.name = p.name;
      purl.version = p.version;
      if (!p.arch.empty()) purl.qualifiers.emplace_back("arch", p.arch);
      if (!distro.empty()) purl.qualifiers.emplace_back("distro", distro);
      if (p.source != p.name || p.source_version != p.version) {
        purl.qualifiers.emplace_back("upstream", p.source_version != p.version ? p.source + "@" + p.source_version : p.source);
      }
      Component c = detail::package_component(p.name, p.version, detail::purl_string(std::move(purl), ctx), name());
      if (!p.description.empty()) c.rare.edit().description = p.description;
      if (!p.maintainer.empty()) c.rare.edit().supplier = detail::supplier_from(p.maintainer);
      if (const image::File* copyright = ctx.view.find("usr/share/doc/" + p.name + "/copyright")) {
        c.licenses = detail::parse_copyright_licenses(copyright->data);
      }
      // The .list file is written when the package is installed, so its layer is the one that
      // introduced the package; the status file is rewritten by every later apt run.
      const image::File* list = ctx.view.find("var/lib/dpkg/info/" + p.name + ".list");
      if (!list && !p.arch.empty()) list = ctx.view.find("var/lib/dpkg/info/" + p.name + ":" + p.arch + ".list");
      detail::add_provenance(c, ctx.view, *db, list && !ctx.history ? list->layer : db->layer);
      detail::add_property(c, kPropSourceName, p.source);
      detail::add_property(c, kPropSourceVersion, p.source_version);
      if (!p.arch.empty()) detail::add_property(c, kPropArch, p.arch);
      if (std::size_t colon = p.version.find(':'); colon != std::string::npos) {
        detail::add_property(c, kPropEpoch, p.version.substr(0, colon));
      }
      if (list && !ctx.history) {
        std::size_t count = 0;
        for (std::string_view line : detail::split(list->data, "\n")) {
          line = detail::trim(line);
          if (line.size() < 2 || line[0] != '/' || line == "/.") continue;
          out.owned_files.emplace(std::string(line.substr(1)), c.bom_ref);
          ++count;
        }
        detail::add_property(c, kPropFileCount, std::to_string(count));
      }
      ref_of.emplace(p.name, c.bom_ref);
      for (const auto& group : relation_groups(p.provides)) ref_of.emplace(group.front(), c.bom_ref);
      index.push_back(out.components.size());
      out.components.push_back(std::move(c));
    }
    for (std::size_t i = 0; i < found.size(); ++i) {
      const DpkgPackage& p = found[i].pkg;
      std::set<std::string> deps;
      for (const std::string* field : {&p.pre_depends, &p.depends}) {
        for (const auto& alts : relation_groups(*field)) {
          for (const auto& alt : alts) {
            if (auto it = ref_of.find(alt); it != ref_of.end()) {
              deps.insert(it->second);
              break;
            }
          }
        }
      }
      detail::add_dependency(out, out.components[index[i]].bom_ref, std::move(deps));
    }
    return Ok{};
  }
};

}  // namespace

std::unique_ptr<Cataloger> make_dpkg_cataloger() { return std::make_unique<DpkgCataloger>(); }

}  // namespace sbom::catalog
