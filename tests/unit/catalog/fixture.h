// Test helpers: reading the shared fixtures (skipped visibly when absent) and building views.
#pragma once

#include <cstdlib>
#include <fstream>
#include <map>
#include <optional>
#include <sstream>
#include <string>

#include "sbom/image.h"
#include "sbom/model.h"

namespace sbom::catalog::testing {

/// The content of ../shared/data/fixtures/<rel>, or nullopt when the shared data is absent.
inline std::optional<std::string> fixture(const std::string& rel) {
  const char* shared = std::getenv("SBOMKIT_SHARED");
  if (!shared) return std::nullopt;
  std::ifstream in(std::string(shared) + "/data/fixtures/" + rel, std::ios::binary);
  if (!in) return std::nullopt;
  std::stringstream ss;
  ss << in.rdbuf();
  return ss.str();
}

/// A view holding `files` (path -> content), each written by `layer`.
inline image::View make_view(const std::map<std::string, std::string>& files, int layer = 0) {
  image::View v;
  for (const auto& [path, data] : files) v.files_.emplace(path, image::File{path, data, data.size(), layer, -1, {}});
  v.info_.layers.push_back({0, "sha256:l0", "", "", 0, "none"});
  v.info_.layers.push_back({1, "sha256:l1", "", "", 0, "none"});
  return v;
}

inline const Property* prop(const Component& c, std::string_view name) { return c.property(name); }

}  // namespace sbom::catalog::testing

#define REQUIRE_FIXTURE(var, rel)                                   \
  auto var = sbom::catalog::testing::fixture(rel);                  \
  if (!var) {                                                       \
    WARN("SKIPPED: shared fixture " << (rel) << " not found");      \
    return;                                                         \
  }
