// CVSS v2.0: scores against reference calculators, NVD spellings, order and errors.
#include <catch2/catch.hpp>

#include <cmath>

#include "cvss_case.h"
#include "sbom/cvss.h"

using cvss_test::Case;
using cvss_test::kNone;
using cvss_test::error_of;
using sbom::cvss::CvssVersion;
using sbom::cvss::score_cvss;

namespace {

// Vector -> base, temporal, environmental: base vectors and calculator examples from the
// RedHatProductSecurity/cvss and cvsslib test vectors, and random vectors with temporal and
// environmental metrics (some written as ND) as RedHatProductSecurity/cvss scores them.
constexpr Case kCases[] = {
    {"AV:L/AC:H/Au:M/C:N/I:C/A:C", 5.3, kNone, kNone},
    {"AV:A/AC:H/Au:S/C:P/I:N/A:N", 1.4, kNone, kNone},
    {"AV:N/AC:M/Au:N/C:N/I:N/A:P", 4.3, kNone, kNone},
    {"AV:L/AC:M/Au:N/C:N/I:C/A:N", 4.7, kNone, kNone},
    {"AV:A/AC:H/Au:N/C:P/I:C/A:P", 5.8, kNone, kNone},
    {"AV:L/AC:H/Au:M/C:P/I:C/A:P", 4.9, kNone, kNone},
    {"AV:A/AC:H/Au:N/C:P/I:N/A:P", 3.2, kNone, kNone},
    {"AV:L/AC:H/Au:M/C:C/I:P/A:C", 5.6, kNone, kNone},
    {"AV:A/AC:L/Au:M/C:P/I:P/A:C", 6.2, kNone, kNone},
    {"AV:L/AC:H/Au:M/C:C/I:C/A:N", 5.3, kNone, kNone},
    {"AV:A/AC:L/Au:S/C:C/I:N/A:C", 7.1, kNone, kNone},
    {"AV:A/AC:L/Au:S/C:N/I:C/A:N", 5.5, kNone, kNone},
    {"AV:L/AC:M/Au:M/C:C/I:N/A:P", 4.8, kNone, kNone},
    {"AV:A/AC:M/Au:M/C:P/I:N/A:N", 1.9, kNone, kNone},
    {"AV:L/AC:L/Au:M/C:P/I:P/A:P", 4.0, kNone, kNone},
    {"AV:L/AC:L/Au:M/C:N/I:P/A:N", 1.4, kNone, kNone},
    {"AV:L/AC:M/Au:S/C:P/I:P/A:C", 5.5, kNone, kNone},
    {"AV:L/AC:M/Au:S/C:P/I:N/A:P", 3.0, kNone, kNone},
    {"AV:L/AC:H/Au:M/C:P/I:P/A:N", 2.3, kNone, kNone},
    {"AV:N/AC:H/Au:M/C:C/I:P/A:P", 5.8, kNone, kNone},
    {"AV:L/AC:L/Au:S/C:N/I:C/A:N", 4.6, kNone, kNone},
    {"AV:L/AC:M/Au:N/C:P/I:N/A:P", 3.3, kNone, kNone},
    {"AV:A/AC:L/Au:N/C:C/I:P/A:P", 7.3, kNone, kNone},
    {"AV:L/AC:L/Au:S/C:P/I:P/A:P", 4.3, kNone, kNone},
    {"AV:N/AC:H/Au:M/C:N/I:C/A:N", 4.6, kNone, kNone},
    {"AV:A/AC:M/Au:S/C:N/I:N/A:P", 2.3, kNone, kNone},
    {"AV:A/AC:M/Au:N/C:C/I:N/A:P/E:POC/RL:W/RC:UC", 6.4, 4.9, kNone},
    {"AV:A/AC:H/Au:S/C:N/I:P/A:P/E:POC/RL:OF/RC:C/CDP:LM/TD:M/CR:M/IR:L/AR:L", 2.9, 2.3, 2.8},
    {"AV:N/AC:L/Au:S/C:C/I:C/A:C/E:U/RL:U/RC:C", 9.0, 7.7, kNone},
    {"AV:N/AC:L/Au:S/C:C/I:C/A:C/E:F/RL:U/RC:C", 9.0, 8.6, kNone},
    {"AV:L/AC:M/Au:S/C:N/I:P/A:C/E:U/RL:OF/RC:UR/CDP:N/TD:L/CR:H/IR:H/AR:H", 5.0, 3.5, 1.2},
    {"AV:N/AC:M/Au:M/C:C/I:N/A:P/RL:W/RC:UC/CDP:LM/TD:M/CR:L/IR:L/AR:L", 6.4, 5.5, 4.0},
    {"AV:L/AC:L/Au:S/C:P/I:P/A:P/E:U/RC:C/CDP:LM/TD:L/IR:H/AR:M", 4.3, 3.7, 1.5},
    {"AV:A/AC:M/Au:S/C:C/I:P/A:C", 7.0, kNone, kNone},
    {"AV:N/AC:M/Au:N/C:N/I:P/A:N", 4.3, kNone, kNone},
    {"AV:N/AC:L/Au:S/C:P/I:P/A:N", 5.5, kNone, kNone},
    {"AV:N/AC:M/Au:N/C:P/I:N/A:N", 4.3, kNone, kNone},
    {"AV:N/AC:L/Au:S/C:C/I:C/A:C", 9.0, kNone, kNone},
    {"AV:L/AC:L/Au:N/C:P/I:P/A:P", 4.6, kNone, kNone},
    {"AV:N/AC:M/Au:S/C:C/I:C/A:C", 8.5, kNone, kNone},
    {"AV:N/AC:M/Au:N/C:P/I:P/A:P", 6.8, kNone, kNone},
    {"AV:N/AC:L/Au:N/C:P/I:N/A:N", 5.0, kNone, kNone},
    {"AV:N/AC:L/Au:N/C:C/I:C/A:C", 10.0, kNone, kNone},
    {"AV:N/AC:L/Au:N/C:N/I:P/A:N", 5.0, kNone, kNone},
    {"AV:L/AC:M/Au:N/C:C/I:C/A:C", 6.9, kNone, kNone},
    {"AV:A/AC:L/Au:N/C:N/I:C/A:N", 6.1, kNone, kNone},
    {"AV:N/AC:M/Au:N/C:C/I:C/A:C", 9.3, kNone, kNone},
    {"AV:A/AC:L/Au:N/C:C/I:C/A:C", 8.3, kNone, kNone},
    {"AV:L/AC:L/Au:N/C:N/I:C/A:N", 4.9, kNone, kNone},
    {"AV:L/AC:H/Au:S/C:P/I:N/A:P/E:U/RL:ND/RC:UR/CDP:LM/TD:ND/IR:H/AR:M", 2.4, 1.9, 4.3},
    {"AV:A/AC:H/Au:S/C:N/I:N/A:C", 4.3, kNone, kNone},
    {"AV:A/AC:L/Au:N/C:P/I:C/A:C/E:H/RC:UC/TD:ND/CR:M/AR:ND", 8.0, 7.2, 7.2},
    {"AV:A/AC:L/Au:S/C:N/I:N/A:C/E:H/RL:OF/RC:UR/CDP:LM/IR:M/AR:H", 5.5, 4.5, 7.5},
    {"AV:N/AC:M/Au:M/C:C/I:P/A:P/RL:U/RC:ND/CDP:ND/TD:H/CR:H/IR:M/AR:H", 6.9, 6.9, 7.9},
    {"AV:N/AC:H/Au:N/C:N/I:P/A:P/RL:U/CR:H", 4.0, 4.0, 4.0},
    {"AV:L/AC:H/Au:S/C:P/I:C/A:P/E:F/RL:OF/RC:ND/CDP:L/TD:M/CR:M/IR:H/AR:H", 5.0, 4.1, 4.1},
    {"AV:L/AC:L/Au:N/C:N/I:P/A:N/E:POC/RL:OF/CDP:MH/TD:N/CR:ND/AR:ND", 2.1, 1.6, 0.0},
    {"AV:L/AC:H/Au:N/C:P/I:P/A:P/RL:TF/CR:M/AR:M", 3.7, 3.3, 3.3},
    {"AV:L/AC:H/Au:S/C:P/I:P/A:C/E:U/CDP:MH/CR:ND/IR:ND/AR:H", 5.0, 4.3, 7.1},
    {"AV:N/AC:L/Au:N/C:C/I:N/A:N/E:U/RL:OF/CDP:LM/CR:M", 7.8, 5.8, 7.1},
    {"AV:A/AC:H/Au:N/C:C/I:C/A:P/TD:L/CR:H", 6.5, kNone, 1.7},
    {"AV:A/AC:H/Au:S/C:N/I:C/A:P/E:ND/CDP:N/CR:ND", 5.0, kNone, 5.0},
    {"AV:A/AC:H/Au:N/C:P/I:P/A:P/E:H", 4.3, 4.3, kNone},
    {"AV:L/AC:M/Au:M/C:C/I:N/A:P/E:U/RL:OF/RC:ND/CDP:MH/TD:H/CR:ND/IR:M/AR:M", 4.8, 3.5, 6.1},
    {"AV:A/AC:L/Au:N/C:C/I:N/A:N/E:ND/RL:OF/CR:M", 6.1, 5.3, 5.3},
    {"AV:A/AC:H/Au:M/C:P/I:P/A:C/E:ND/RL:U/RC:ND/CDP:L/TD:ND/CR:H/IR:L/AR:H", 5.2, 5.2, 6.6},
    {"AV:L/AC:L/Au:N/C:P/I:P/A:P/RL:OF/RC:UC/CDP:N/TD:H/CR:ND/AR:M", 4.6, 3.6, 3.6},
    {"AV:N/AC:H/Au:N/C:P/I:N/A:N/E:H/RC:UR/TD:L/CR:ND/IR:ND/AR:L", 2.6, 2.5, 0.6},
    {"AV:L/AC:M/Au:S/C:P/I:C/A:N/RL:ND/CDP:LM/TD:M/CR:ND/IR:H", 5.0, kNone, 5.7},
    {"AV:L/AC:H/Au:N/C:P/I:P/A:C/E:U/RL:U/CDP:L/TD:M/IR:ND", 5.2, 4.4, 3.7},
    {"AV:N/AC:L/Au:M/C:P/I:C/A:N/RC:UC/CR:M/AR:L", 6.8, 6.1, 6.1},
    {"AV:N/AC:H/Au:S/C:N/I:C/A:C/E:ND/RL:ND/RC:UC/CDP:ND/TD:ND/CR:ND/IR:M/AR:H", 6.6, 5.9, 6.4},
    {"AV:N/AC:L/Au:M/C:C/I:C/A:P/CDP:ND/CR:ND", 8.0, kNone, kNone},
    {"AV:N/AC:H/Au:S/C:N/I:N/A:P/E:H/TD:L", 2.1, 2.1, 0.5},
};

}  // namespace

TEST_CASE("cvss 2.0 vectors") {
  for (const Case& c : kCases) cvss_test::check_case(c, CvssVersion::V2);
}

TEST_CASE("cvss 2.0 spellings found in the wild") {
  for (const char* v : {"AV:N/AC:L/Au:N/C:P/I:P/A:P", "(AV:N/AC:L/Au:N/C:P/I:P/A:P)",
                        "CVSS:2.0/AV:N/AC:L/Au:N/C:P/I:P/A:P", " AV:N/AC:L/Au:N/C:P/I:P/A:P\n"}) {
    INFO(v);
    auto r = score_cvss(v);
    REQUIRE(r);
    CHECK(r->version == CvssVersion::V2);
    CHECK(r->base == 7.5);
    CHECK(r->severity == sbom::cvss::Severity::High);
    CHECK(r->normalized_vector == "AV:N/AC:L/Au:N/C:P/I:P/A:P");
  }
}

TEST_CASE("cvss 2.0 scores never go below zero") {
  // The adjusted base is negative here; the published score is 0.0.
  auto r = score_cvss("AV:L/AC:H/Au:M/C:N/I:N/A:P/E:H/RL:OF/AR:L");
  REQUIRE(r);
  CHECK(r->base == 0.8);
  CHECK(*r->temporal == 0.7);
  CHECK(*r->environmental == 0.0);
  auto none = score_cvss("AV:L/AC:H/Au:M/C:N/I:N/A:N");
  REQUIRE(none);
  CHECK(none->base == 0.0);
  CHECK_FALSE(std::signbit(none->base));
  CHECK(none->severity == sbom::cvss::Severity::Low);
}

TEST_CASE("cvss 2.0 decimal rounding") {
  // 9.0 * 0.95 is 8.55, which rounds up; in binary it is 8.549999999999999.
  auto r = score_cvss("AV:N/AC:L/Au:S/C:C/I:C/A:C/E:F/RL:U/RC:C");
  REQUIRE(r);
  CHECK(r->base == 9.0);
  CHECK(*r->temporal == 8.6);
}

TEST_CASE("cvss 2.0 malformed vectors name the metric") {
  CHECK(error_of("AV:N/Au:N/AC:L/C:P/I:P/A:P") == "cvss 2.0 vector: metric AC must come before Au");
  CHECK(error_of("AV:N/AC:L/Au:N/C:P/I:P/A:P/RL:OF/E:F") ==
        "cvss 2.0 vector: metric E must come before RL");
  CHECK(error_of("AV:N/AC:L/Au:N/C:P/I:P") == "cvss 2.0 vector: missing base metric A");
  CHECK(error_of("AV:N/AC:L/AU:N/C:P/I:P/A:P") == "cvss 2.0 vector: unknown metric 'AU'");
  CHECK(error_of("AV:N/AC:L/Au:N/C:P/I:P/A:H") == "cvss 2.0 vector: unknown value 'H' for metric A");
  CHECK(error_of("AV:N/AC:L/Au:N/C:P/I:P/A:P/E:X") ==
        "cvss 2.0 vector: unknown value 'X' for metric E");
  CHECK(error_of("AV:N/AV:N/AC:L/Au:N/C:P/I:P/A:P") == "cvss 2.0 vector: duplicate metric AV");
  CHECK(error_of("(AV:N/AC:L/Au:N/C:P/I:P/A:P") == "cvss 2.0 vector: unknown metric '(AV'");
}
