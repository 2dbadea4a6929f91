// .NET: NuGet packages from *.deps.json (runtime), packages.lock.json, packages.config and the
// .nuspec files of the global packages folder.
#include "catalog/catalogers.h"
#include "catalog/lang_parsers.h"
#include "catalog/language.h"
#include "sbom/json.h"

namespace sbom::catalog {

namespace detail {

namespace {

/// The value of XML attribute `name` in the tag text `tag`, or "".
std::string xml_attr(std::string_view tag, std::string_view name) {
  for (std::size_t at = tag.find(name); at != std::string_view::npos; at = tag.find(name, at + 1)) {
    const bool word_start = at > 0 && (tag[at - 1] == ' ' || tag[at - 1] == '\t' || tag[at - 1] == '\n');
    std::size_t eq = tag.find_first_not_of(" \t", at + name.size());
    if (!word_start || eq == std::string_view::npos || tag[eq] != '=') continue;
    std::size_t q = tag.find_first_not_of(" \t", eq + 1);
    if (q == std::string_view::npos || (tag[q] != '"' && tag[q] != '\'')) continue;
    std::size_t end = tag.find(tag[q], q + 1);
    if (end == std::string_view::npos) return {};
    return std::string(tag.substr(q + 1, end - q - 1));
  }
  return {};
}

/// The text of the first <name>…</name> element.
std::string xml_text(std::string_view xml, std::string_view name) {
  std::string open(1, '<');
  open.append(name);
  open += '>';
  std::size_t b = xml.find(open);
  if (b == std::string_view::npos) return {};
  b += open.size();
  std::size_t e = xml.find('<', b);
  return e == std::string_view::npos ? std::string() : std::string(trim(xml.substr(b, e - b)));
}

}  // namespace

Expected<std::vector<LockedPackage>> parse_deps_json(std::string_view text) {
  auto doc = json::parse(text);
  if (!doc) return std::move(doc).error();
  const json::Value* libs = doc->find("libraries");
  if (!doc->is_object() || !libs || !libs->is_object()) return Error("no libraries object");
  std::vector<LockedPackage> out;
  for (const auto& [key, lib] : libs->as_object()) {
    const json::Value* type = lib.find("type");
    if (!type || !type->is_string() || type->as_string() != "package") continue;  // projects are the app itself
    std::size_t slash = key.find('/');
    if (slash == std::string::npos) continue;
    out.push_back({key.substr(0, slash), key.substr(slash + 1), false, {}});
  }
  return out;
}

Expected<std::vector<LockedPackage>> parse_packages_lock(std::string_view text) {
  auto doc = json::parse(text);
  if (!doc) return std::move(doc).error();
  const json::Value* fws = doc->find("dependencies");
  if (!doc->is_object() || !fws || !fws->is_object()) return Error("no dependencies object");
  std::vector<LockedPackage> out;
  for (const auto& [fw, deps] : fws->as_object()) {
    if (!deps.is_object()) continue;
    for (const auto& [name, d] : deps.as_object()) {
      const json::Value* type = d.find("type");
      const json::Value* resolved = d.find("resolved");
      if (type && type->is_string() && type->as_string() == "Project") continue;
      if (!resolved || !resolved->is_string()) continue;
      bool seen = false;
      for (const auto& o : out) seen |= o.name == name && o.version == resolved->as_string();
      if (!seen) out.push_back({name, resolved->as_string(), false, {}});
    }
  }
  return out;
}

Expected<std::vector<LockedPackage>> parse_packages_config(std::string_view text) {
  std::vector<LockedPackage> out;
  for (std::size_t at = text.find("<package"); at != std::string_view::npos; at = text.find("<package", at + 1)) {
    std::size_t end = text.find('>', at);
    if (end == std::string_view::npos) return Error("element <package> not closed");
    std::string_view tag = text.substr(at, end - at);
    if (tag.size() > 8 && tag[8] != ' ' && tag[8] != '\t' && tag[8] != '\n') continue;  // <packages>
    std::string id = xml_attr(tag, "id"), version = xml_attr(tag, "version");
    if (id.empty() || version.empty()) continue;
    out.push_back({id, version, xml_attr(tag, "developmentDependency") == "true", {}});
  }
  return out;
}

LockedPackage parse_nuspec(std::string_view text) {
  std::size_t meta = text.find("<metadata");
  std::string_view m = meta == std::string_view::npos ? text : text.substr(meta);
  return {xml_text(m, "id"), xml_text(m, "version"), false, {}};
}

}  // namespace detail

namespace {

constexpr std::string_view kName = "dotnet";

class DotnetCataloger final : public Cataloger {
 public:
  std::string_view name() const override { return kName; }
  std::vector<image::Pattern> patterns() const override {
    return {{"**/*.deps.json"}, {"**/packages.lock.json"}, {"**/packages.config"}, {"**/*.nuspec"}};
  }
  Status catalog(const Context& ctx, Result& out) const override {
    for (const auto& [path, file] : ctx.view.files()) {
      std::string_view base = detail::base_name(path);
      Expected<std::vector<detail::LockedPackage>> pkgs = std::vector<detail::LockedPackage>{};
      if (base.ends_with(".deps.json")) {
        pkgs = detail::parse_deps_json(file.data);
      } else if (base == "packages.lock.json") {
        pkgs = detail::parse_packages_lock(file.data);
      } else if (base == "packages.config") {
        pkgs = detail::parse_packages_config(file.data);
        if (pkgs && pkgs->empty() && file.data.find("<packages") == std::string::npos) {
          ctx.warning("/" + path + ": not a packages.config (no <packages> element); skipped");
        }
      } else if (base.ends_with(".nuspec")) {
        auto p = detail::parse_nuspec(file.data);
        if (p.name.empty() || p.version.empty()) {
          ctx.warning("/" + path + ": nuspec without id or version; skipped");
          continue;
        }
        pkgs->push_back(std::move(p));
      } else {
        continue;
      }
      if (!pkgs) {
        ctx.warning("/" + path + ": " + pkgs.error().message + "; skipped");
        continue;
      }
      for (const auto& p : *pkgs) detail::add_named_package(ctx, out, "nuget", p, kName, file);
    }
    return Ok{};
  }
};

}  // namespace

std::unique_ptr<Cataloger> make_dotnet_cataloger() { return std::make_unique<DotnetCataloger>(); }

}  // namespace sbom::catalog
