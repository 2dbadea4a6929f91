// The registry of version schemes: lookup by name (see Scheme::name).
#include <algorithm>
#include <array>

#include "version/schemes.h"

namespace sbom::version {
namespace {

using SchemeFn = const Scheme& (*)();

// OS and SemVer-shaped schemes.
constexpr SchemeFn kOwnSchemes[] = {
    dpkg_scheme, rpm_scheme,  apk_scheme, semver_scheme, npm_scheme,   go_scheme,
    cargo_scheme, nuget_scheme, hex_scheme, pub_scheme,   swift_scheme,
};

// Language schemes with rules of their own (pep440.cpp, maven.cpp, ...).
constexpr SchemeFn kLanguageSchemes[] = {
    pep440_scheme, maven_scheme, rubygems_scheme, composer_scheme, cran_scheme, hackage_scheme,
};

template <typename F>
void for_each_scheme(F&& f) {
  for (SchemeFn fn : kOwnSchemes) f(fn());
  for (SchemeFn fn : kLanguageSchemes) f(fn());
}

}  // namespace

const Scheme* find_scheme(std::string_view name) {
  const Scheme* found = nullptr;
  for_each_scheme([&](const Scheme& s) {
    if (s.name() == name) found = &s;
  });
  return found;
}

std::vector<std::string_view> scheme_names() {
  std::vector<std::string_view> names;
  for_each_scheme([&](const Scheme& s) { names.push_back(s.name()); });
  std::sort(names.begin(), names.end());
  return names;
}

}  // namespace sbom::version
