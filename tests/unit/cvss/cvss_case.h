// Shared by the per-version tests: a table row of expected scores and its check.
#pragma once

#include <catch2/catch.hpp>

#include <string>
#include <string_view>

#include "sbom/cvss.h"

namespace cvss_test {

// Expected scores; kNone where the vector defines no metric of the group.
constexpr double kNone = -1.0;

struct Case {
  const char* vector;
  double base;
  double temporal;
  double environmental;
};

inline void check_case(const Case& c, sbom::cvss::CvssVersion version) {
  INFO(c.vector);
  auto r = sbom::cvss::score_cvss(c.vector);
  REQUIRE(r);
  CHECK(r->version == version);
  CHECK(r->base == c.base);
  if (c.temporal == kNone) {
    CHECK_FALSE(r->temporal);
  } else {
    REQUIRE(r->temporal);
    CHECK(*r->temporal == c.temporal);
  }
  if (c.environmental == kNone) {
    CHECK_FALSE(r->environmental);
  } else {
    REQUIRE(r->environmental);
    CHECK(*r->environmental == c.environmental);
  }
  CHECK(r->severity == sbom::cvss::severity_of(version, c.base));
  // The normalised vector means the same thing.
  auto again = sbom::cvss::score_cvss(r->normalized_vector);
  REQUIRE(again);
  CHECK(again->normalized_vector == r->normalized_vector);
  CHECK(again->overall() == r->overall());
}

// The message of the error that scoring `vector` must give.
inline std::string error_of(std::string_view vector) {
  auto r = sbom::cvss::score_cvss(vector);
  REQUIRE_FALSE(r);
  return r.error().message;
}

}  // namespace cvss_test
