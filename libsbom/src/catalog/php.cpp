// PHP: Composer's vendor/composer/installed.json (v1 array, v2 object with dev-package-names) and
// composer.lock (packages and packages-dev).
#include <set>

#include "catalog/catalogers.h"
#include "catalog/lang_parsers.h"
#include "catalog/language.h"
#include "sbom/json.h"

namespace sbom::catalog {

namespace detail {

namespace {

void add_packages(const json::Value* list, bool dev, const std::set<std::string>& dev_names,
                  std::vector<LockedPackage>& out) {
  if (!list || !list->is_array()) return;
  for (const auto& p : list->as_array()) {
    const json::Value* n = p.find("name");
    const json::Value* v = p.find("version");
    if (!n || !v || !n->is_string() || !v->is_string()) continue;
    out.push_back({n->as_string(), v->as_string(), dev || dev_names.count(n->as_string()) > 0, {}});
    // dist.shasum: the SHA-1 of the dist archive, when the repository computed one (Packagist's
    // GitHub zipballs are made on request and have "").
    const json::Value* dist = p.find("dist");
    const json::Value* sum = dist && dist->is_object() ? dist->find("shasum") : nullptr;
    if (sum && sum->is_string() && !sum->as_string().empty()) out.back().integrity.push_back("sha1:" + sum->as_string());
  }
}

}  // namespace

Expected<std::vector<LockedPackage>> parse_composer(std::string_view text) {
  auto doc = json::parse(text);
  if (!doc) return std::move(doc).error();
  std::vector<LockedPackage> out;
  if (doc->is_array()) {  // installed.json of Composer 1
    add_packages(&*doc, false, {}, out);
    return out;
  }
  if (!doc->is_object()) return Error("not a Composer package list");
  std::set<std::string> dev_names;
  if (const json::Value* d = doc->find("dev-package-names"); d && d->is_array()) {
    for (const auto& n : d->as_array()) {
      if (n.is_string()) dev_names.insert(n.as_string());
    }
  }
  add_packages(doc->find("packages"), false, dev_names, out);
  add_packages(doc->find("packages-dev"), true, {}, out);
  return out;
}

}  // namespace detail

namespace {

constexpr std::string_view kName = "php";

class PhpCataloger final : public Cataloger {
 public:
  std::string_view name() const override { return kName; }
  std::vector<image::Pattern> patterns() const override {
    return {{"**/vendor/composer/installed.json"}, {"**/composer.lock"}};
  }
  Status catalog(const Context& ctx, Result& out) const override {
    for (const auto& [path, file] : ctx.view.files()) {
      std::string_view base = detail::base_name(path);
      if (base != "composer.lock" && !(base == "installed.json" && path.ends_with("vendor/composer/installed.json"))) {
        continue;
      }
      auto pkgs = detail::parse_composer(file.data);
      if (!pkgs) {
        ctx.warning("/" + path + ": " + pkgs.error().message + "; skipped");
        continue;
      }
      for (const auto& p : *pkgs) {
        // Platform packages (php, ext-*) have no vendor and are not Composer packages.
        if (p.name.find('/') != std::string::npos) detail::add_named_package(ctx, out, "composer", p, kName, file);
      }
    }
    return Ok{};
  }
};

}  // namespace

std::unique_ptr<Cataloger> make_php_cataloger() { return std::make_unique<PhpCataloger>(); }

}  // namespace sbom::catalog
