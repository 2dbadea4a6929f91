// Ruby: installed gems (specifications/*.gemspec) and Gemfile.lock (GEM and GIT sources; PATH
// gems are local code, not published gems).
#include "catalog/catalogers.h"
#include "catalog/lang_parsers.h"
#include "catalog/language.h"

namespace sbom::catalog {

namespace detail {

namespace {

/// The first double- or single-quoted string of `s`.
std::string quoted(std::string_view s) {
  std::size_t q = s.find_first_of("\"'");
  if (q == std::string_view::npos) return {};
  std::size_t end = s.find(s[q], q + 1);
  return end == std::string_view::npos ? std::string() : std::string(s.substr(q + 1, end - q - 1));
}

}  // namespace

Gemspec parse_gemspec(std::string_view text) {
  Gemspec g;
  for (std::string_view line : lines(text)) {
    line = trim(line);
    std::size_t eq = line.find(" = ");
    if (eq == std::string_view::npos || line.find('.') > eq) continue;
    std::string_view field = line.substr(line.find('.') + 1, eq - line.find('.') - 1);
    std::string_view value = line.substr(eq + 3);
    if (field == "name" && g.name.empty()) {
      g.name = quoted(value);
    } else if (field == "version" && g.version.empty()) {
      g.version = quoted(value);
    } else if ((field == "licenses" || field == "license") && g.licenses.empty()) {
      for (std::size_t q = value.find('"'); q != std::string_view::npos; q = value.find('"', q + 1)) {
        std::size_t end = value.find('"', q + 1);
        if (end == std::string_view::npos) break;
        g.licenses.emplace_back(value.substr(q + 1, end - q - 1));
        q = end;
      }
    }
  }
  return g;
}

std::vector<LockedPackage> parse_gemfile_lock(std::string_view text) {
  std::vector<LockedPackage> out;
  std::string_view section;
  bool in_specs = false;
  for (std::string_view line : lines(text)) {
    if (line.empty()) continue;
    if (line[0] != ' ') {
      section = trim(line);
      in_specs = false;
      continue;
    }
    if (trim(line) == "specs:") {
      in_specs = true;
      continue;
    }
    // Gems are at four spaces, their dependencies at six.
    if (!in_specs || section == "PATH" || !line.starts_with("    ") || line.starts_with("     ")) continue;
    std::string_view t = trim(line);
    std::size_t open = t.find(" (");
    if (open == std::string_view::npos || !t.ends_with(')')) continue;
    std::string version(t.substr(open + 2, t.size() - open - 3));
    // "1.13.10-x86_64-linux": the platform follows the version after a '-'.
    version = version.substr(0, version.find('-'));
    out.push_back({std::string(t.substr(0, open)), version, false, {}});
  }
  return out;
}

}  // namespace detail

namespace {

constexpr std::string_view kName = "ruby";

class RubyCataloger final : public Cataloger {
 public:
  std::string_view name() const override { return kName; }
  std::vector<image::Pattern> patterns() const override {
    return {{"**/specifications/*.gemspec"}, {"**/Gemfile.lock"}, {"**/gems.locked"}};
  }
  Status catalog(const Context& ctx, Result& out) const override {
    for (const auto& [path, file] : ctx.view.files()) {
      std::string_view base = detail::base_name(path);
      if (base == "Gemfile.lock" || base == "gems.locked") {
        auto gems = detail::parse_gemfile_lock(file.data);
        if (gems.empty() && !file.data.empty()) ctx.warning("/" + path + ": no gems found in the lockfile");
        for (auto& g : gems) detail::add_named_package(ctx, out, "gem", g, kName, file);
        continue;
      }
      if (!base.ends_with(".gemspec") || detail::base_name(detail::dir_name(path)) != "specifications") continue;
      detail::Gemspec g = detail::parse_gemspec(file.data);
      if (g.name.empty() || g.version.empty()) {
        ctx.warning("/" + path + ": gemspec without a name or version; skipped");
        continue;
      }
      Component* c = detail::add_named_package(ctx, out, "gem", {g.name, g.version, false, {}}, kName, file);
      if (!c) continue;
      for (auto& l : g.licenses) {
        License lic;
        (detail::is_known_spdx_id(l) ? lic.id : lic.name) = l;
        c->licenses.push_back(std::move(lic));
      }
    }
    return Ok{};
  }
};

}  // namespace

std::unique_ptr<Cataloger> make_ruby_cataloger() { return std::make_unique<RubyCataloger>(); }

}  // namespace sbom::catalog
