// Test helpers for the language catalogers: running one cataloger over a view, finding by purl.
#pragma once

#include <algorithm>
#include <string>
#include <vector>

#include "fixture.h"
#include "sbom/catalog.h"

namespace sbom::catalog::testing {

/// Runs the language catalogers (after the OS ones) over `view`; warnings collected.
inline Result run_lang(const image::View& view, std::vector<std::string>* warnings = nullptr) {
  auto cats = os_catalogers();
  for (auto& c : language_catalogers()) cats.push_back(std::move(c));
  auto r = run(view, cats, [&](const std::string& w) {
    if (warnings) warnings->push_back(w);
  });
  REQUIRE(r);
  return std::move(*r);
}

inline const Component* by_purl(const Result& r, std::string_view purl) {
  auto it = std::find_if(r.components.begin(), r.components.end(), [&](const Component& c) { return c.purl == purl; });
  return it == r.components.end() ? nullptr : &*it;
}

inline std::size_t count_type(const Result& r, std::string_view type) {
  const std::string prefix = "pkg:" + std::string(type) + "/";
  return static_cast<std::size_t>(std::count_if(r.components.begin(), r.components.end(),
                                                [&](const Component& c) { return c.purl.starts_with(prefix); }));
}

}  // namespace sbom::catalog::testing
