// Shared helpers of the vulndb tests: the shared data root and a small record factory.
#pragma once

#include <catch2/catch.hpp>

#include <cstdint>
#include <cstdlib>
#include <filesystem>
#include <string>

#include "sbom/vulndb.h"

namespace vulndb_test {

/// $SBOMKIT_SHARED/data, or empty when absent (the test then skips with a warning).
inline std::filesystem::path shared_data() {
  const char* root = std::getenv("SBOMKIT_SHARED");
  if (root == nullptr || !std::filesystem::exists(std::filesystem::path(root) / "data")) return {};
  return std::filesystem::path(root) / "data";
}

/// A record with one affected package and one ECOSYSTEM range [introduced, fixed).
inline std::string record(const std::string& id, const std::string& eco, const std::string& name,
                          const std::string& introduced, const std::string& fixed,
                          const std::string& modified = "2024-01-01T00:00:00Z", const std::string& extra = "") {
  return R"({"id":")" + id + R"(","modified":")" + modified + R"(")" + extra +
         R"(,"affected":[{"package":{"ecosystem":")" + eco + R"(","name":")" + name +
         R"("},"ranges":[{"type":"ECOSYSTEM","events":[{"introduced":")" + introduced + R"("},{"fixed":")" + fixed +
         R"("}]}]}]})";
}

/// The index a builder serialises, opened from memory.
inline sbom::vulndb::Database index_of(const sbom::vulndb::Builder& b, std::int64_t build_time = 0) {
  auto db = sbom::vulndb::Database::from_bytes(b.serialize(build_time), "mem");
  REQUIRE(db);
  return std::move(*db);
}

}  // namespace vulndb_test
