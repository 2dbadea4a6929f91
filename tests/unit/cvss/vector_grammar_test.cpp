// The shared metric/value parser and formatter, on a small grammar of its own.
#include <catch2/catch.hpp>

#include "cvss/vector_grammar.h"

using namespace sbom::cvss::detail;

namespace {

constexpr std::string_view kAb[] = {"A", "B"};
constexpr std::string_view kOpt[] = {"X", "Y", "ZZ"};
constexpr MetricSpec kSpecs[] = {{"M1", kAb, true}, {"M2", kAb, true}, {"O1", kOpt, false},
                                 {"O2", kOpt, false}};
constexpr VectorGrammar kFixed{"test vector", kSpecs, Ordering::AsListed};
constexpr VectorGrammar kAny{"test vector", kSpecs, Ordering::Any};

std::string error_of(std::string_view body, const VectorGrammar& g) {
  auto r = parse_metrics(body, g);
  REQUIRE_FALSE(r);
  return r.error().message;
}

}  // namespace

TEST_CASE("parse_metrics reads values and defaults optional metrics") {
  auto r = parse_metrics("M1:B/M2:A/O2:ZZ", kFixed);
  REQUIRE(r);
  CHECK((*r)[0] == 1);
  CHECK((*r)[1] == 0);
  CHECK((*r)[2] == 0);
  CHECK((*r)[3] == 2);
  CHECK(any_defined(*r, 2, 4));
  CHECK_FALSE(any_defined(*r, 2, 3));
  CHECK(format_metrics("P/", *r, kFixed) == "P/M1:B/M2:A/O2:ZZ");
}

TEST_CASE("parse_metrics order") {
  CHECK(error_of("M2:A/M1:A", kFixed) == "test vector: metric M1 must come before M2");
  CHECK(error_of("M1:A/M2:A/O2:Y/O1:Y", kFixed) == "test vector: metric O1 must come before O2");
  auto r = parse_metrics("O2:Y/M2:A/M1:B", kAny);
  REQUIRE(r);
  CHECK(format_metrics("", *r, kAny) == "M1:B/M2:A/O2:Y");
}

TEST_CASE("parse_metrics errors") {
  CHECK(error_of("", kFixed) == "test vector: missing base metric M1");
  CHECK(error_of("M1:A", kFixed) == "test vector: missing base metric M2");
  CHECK(error_of("M1:A//M2:A", kFixed) == "test vector: empty metric (stray '/')");
  CHECK(error_of("/M1:A/M2:A", kFixed) == "test vector: empty metric (stray '/')");
  CHECK(error_of("M1:A/M2", kFixed) == "test vector: expected METRIC:VALUE, got 'M2'");
  CHECK(error_of("M1:A/M3:A", kFixed) == "test vector: unknown metric 'M3'");
  CHECK(error_of("M1:A/:A", kFixed) == "test vector: unknown metric ''");
  CHECK(error_of("M1:A/M2:", kFixed) == "test vector: unknown value '' for metric M2");
  CHECK(error_of("M1:A/M2:A:B", kFixed) == "test vector: unknown value 'A:B' for metric M2");
  CHECK(error_of("M1:A/M1:B/M2:A", kAny) == "test vector: duplicate metric M1");
  CHECK(error_of("M1:A/M2:A/O1:X/O1:X", kFixed) == "test vector: duplicate metric O1");
  CHECK(error_of("M1:C/M2:A", kFixed) == "test vector: unknown value 'C' for metric M1");
}

TEST_CASE("round_to_tenth rounds half up in decimal") {
  CHECK(round_to_tenth(8.549999999999999) == 8.6);
  CHECK(round_to_tenth(8.54) == 8.5);
  CHECK(round_to_tenth(0.05) == 0.1);
  CHECK(round_to_tenth(0.0) == 0.0);
  CHECK(round_to_tenth(9.96) == 10.0);
}
