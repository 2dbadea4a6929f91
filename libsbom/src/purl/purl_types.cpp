// Per-type purl rules from the purl-spec type definitions (types/*-definition.json).
#include <algorithm>
#include <array>

#include "purl/purl_detail.h"

namespace sbom::purl_detail {

namespace {

enum class Ns : unsigned char { Optional, Required, Prohibited };

// Case flags follow the definitions' `case_sensitive: false`, which the definition
// schema says means "the canonical form shall be lowercased".
enum Fold : unsigned char { kNone = 0, kNsLower = 1, kNameLower = 2, kVersionLower = 4 };

using Extra = Status (*)(Purl&);

struct TypeRule {
  std::string_view type;
  Ns ns;
  unsigned char fold;
  Extra extra;
};

Status require_qualifier(const Purl& p, std::string_view key) {
  if (p.qualifier(key).empty())
    return Error(p.type + " purl needs a '" + std::string(key) + "' qualifier");
  return Ok{};
}

// PyPI treats '_' and '-' alike; the spec's canonical form uses '-'.
Status pypi_rules(Purl& p) {
  std::replace(p.name.begin(), p.name.end(), '_', '-');
  return Ok{};
}

// Pub names are Dart identifiers: [a-z0-9_] only, other ASCII characters become '_'.
Status pub_rules(Purl& p) {
  for (char& c : p.name) {
    if (static_cast<unsigned char>(c) >= 0x80)
      return Error("pub purl name " + quote(p.name) + " may contain only a-z, 0-9 and '_'");
    if (!is_ascii_lower(c) && !is_ascii_digit(c)) c = '_';
  }
  return Ok{};
}

// A CPAN purl names a distribution (URI-PackageURL), never a module (URI::PackageURL).
Status cpan_rules(Purl& p) {
  if (p.name.find("::") != std::string::npos)
    return Error("cpan purl name " + quote(p.name) +
                 " is a module name; a cpan purl names a distribution");
  return Ok{};
}

// Chrome extension ids are 32 letters a-p; versions are 1 to 4 dot-separated numbers.
Status chrome_rules(Purl& p) {
  if (p.name.size() != 32 ||
      !std::all_of(p.name.begin(), p.name.end(), [](char c) { return c >= 'a' && c <= 'p'; }))
    return Error("chrome-extension purl name " + quote(p.name) +
                 " is not an extension id (32 letters a to p)");
  if (p.version.empty()) return Ok{};
  int parts = 0;
  bool ok = true;
  std::string_view v = p.version;
  while (ok) {
    auto dot = v.find('.');
    std::string_view part = v.substr(0, dot);
    ok = !part.empty() && std::all_of(part.begin(), part.end(), is_ascii_digit) && ++parts <= 4;
    if (dot == std::string_view::npos) break;
    v.remove_prefix(dot + 1);
  }
  if (!ok)
    return Error("chrome-extension purl version " + quote(p.version) +
                 " is not 1 to 4 dot-separated numbers");
  return Ok{};
}

// The git namespace is the host alone; the rest of the path is the repository name,
// whose '/' are separators (so empty segments go, as in any path).
Status git_rules(Purl& p) {
  std::string path = clean_segments(p.ns + '/' + p.name, false);
  auto slash = path.find('/');
  if (slash == std::string::npos) return Error("git purl needs a namespace");
  p.name = path.substr(slash + 1);
  path.resize(slash);
  p.ns = std::move(path);
  return Ok{};
}

Status julia_rules(Purl& p) { return require_qualifier(p, "uuid"); }
Status swid_rules(Purl& p) { return require_qualifier(p, "tag_id"); }

// MLflow model names are case-insensitive on Databricks (lower-cased in the purl) and
// case-sensitive elsewhere (Azure ML), so the registry decides.
Status mlflow_rules(Purl& p) {
  std::string repo = p.qualifier("repository_url");
  ascii_lower(repo);
  if (repo.find("databricks") != std::string::npos) ascii_lower(p.name);
  return Ok{};
}

constexpr unsigned char kNsName = kNsLower | kNameLower;

// Sorted by type for binary search.
constexpr std::array kRules = {
    TypeRule{"alpm", Ns::Required, kNsName, nullptr},
    TypeRule{"apk", Ns::Required, kNsName, nullptr},
    TypeRule{"bazel", Ns::Prohibited, kNone, nullptr},
    TypeRule{"bitbucket", Ns::Required, kNsName, nullptr},
    TypeRule{"bitnami", Ns::Prohibited, kNameLower, nullptr},
    TypeRule{"brew", Ns::Optional, kNsName, nullptr},
    TypeRule{"cargo", Ns::Prohibited, kNone, nullptr},
    TypeRule{"chrome-extension", Ns::Prohibited, kNameLower, chrome_rules},
    TypeRule{"cocoapods", Ns::Prohibited, kNone, nullptr},
    TypeRule{"composer", Ns::Required, kNsName, nullptr},
    TypeRule{"conan", Ns::Optional, kNone, nullptr},
    TypeRule{"conda", Ns::Prohibited, kNone, nullptr},
    TypeRule{"cpan", Ns::Optional, kNone, cpan_rules},
    TypeRule{"cran", Ns::Prohibited, kNone, nullptr},
    TypeRule{"deb", Ns::Required, kNsName, nullptr},
    TypeRule{"docker", Ns::Optional, kNone, nullptr},
    TypeRule{"gem", Ns::Prohibited, kNone, nullptr},
    TypeRule{"generic", Ns::Optional, kNone, nullptr},
    TypeRule{"git", Ns::Required, kNone, git_rules},
    TypeRule{"github", Ns::Required, kNsName, nullptr},
    TypeRule{"golang", Ns::Required, kNone, nullptr},
    TypeRule{"hackage", Ns::Prohibited, kNone, nullptr},
    TypeRule{"hex", Ns::Optional, kNsName, nullptr},
    TypeRule{"huggingface", Ns::Required, kVersionLower, nullptr},
    TypeRule{"julia", Ns::Prohibited, kNone, julia_rules},
    TypeRule{"luarocks", Ns::Optional, kNsName, nullptr},
    TypeRule{"maven", Ns::Required, kNone, nullptr},
    TypeRule{"mlflow", Ns::Prohibited, kNone, mlflow_rules},
    TypeRule{"npm", Ns::Optional, kNone, nullptr},
    TypeRule{"nuget", Ns::Prohibited, kNone, nullptr},
    TypeRule{"oci", Ns::Prohibited, kNameLower | kVersionLower, nullptr},
    TypeRule{"opam", Ns::Prohibited, kNone, nullptr},
    TypeRule{"otp", Ns::Prohibited, kNameLower, nullptr},
    TypeRule{"pub", Ns::Prohibited, kNameLower, pub_rules},
    TypeRule{"pypi", Ns::Prohibited, kNameLower | kVersionLower, pypi_rules},
    TypeRule{"qpkg", Ns::Required, kNsLower, nullptr},
    TypeRule{"rpm", Ns::Required, kNsLower, nullptr},
    TypeRule{"swid", Ns::Optional, kNone, swid_rules},
    TypeRule{"swift", Ns::Required, kNone, nullptr},
    TypeRule{"vcpkg", Ns::Prohibited, kNone, nullptr},
    TypeRule{"vscode-extension", Ns::Required, kNsName | kVersionLower, nullptr},
    TypeRule{"yocto", Ns::Optional, kNsLower, nullptr},
};

static_assert(std::is_sorted(kRules.begin(), kRules.end(),
                             [](const TypeRule& a, const TypeRule& b) { return a.type < b.type; }));

const TypeRule* find_rule(std::string_view type) {
  auto it = std::lower_bound(kRules.begin(), kRules.end(), type,
                             [](const TypeRule& r, std::string_view t) { return r.type < t; });
  return it != kRules.end() && it->type == type ? &*it : nullptr;
}

}  // namespace

Status apply_type_rules(Purl& p) {
  const TypeRule* rule = find_rule(p.type);
  if (rule == nullptr) return Ok{};  // unregistered types are valid; only generic rules apply
  // The Go standard library has no module path: every SBOM tool and OSV's Go ecosystem name it
  // `pkg:golang/stdlib@go1.x`, so that one golang name stands without a namespace.
  bool go_stdlib = p.type == "golang" && p.name == "stdlib";
  if (rule->ns == Ns::Required && p.ns.empty() && !go_stdlib) return Error(p.type + " purl needs a namespace");
  if (rule->ns == Ns::Prohibited && !p.ns.empty())
    return Error(p.type + " purl must not have a namespace (got " + quote(p.ns) + ")");
  if (rule->fold & kNsLower) ascii_lower(p.ns);
  if (rule->fold & kNameLower) ascii_lower(p.name);
  if (rule->fold & kVersionLower) ascii_lower(p.version);
  return rule->extra != nullptr ? rule->extra(p) : Status(Ok{});
}

}  // namespace sbom::purl_detail
