// Tests of OSV range evaluation: one hand-made entry per rule of the schema's algorithm.
#include <catch2/catch.hpp>

#include "sbom/osv.h"
#include "sbom/version.h"

using sbom::osv::Affected;
using sbom::osv::Event;
using sbom::osv::Range;
using sbom::osv::RangeType;

namespace {

Event ev(Event::Kind k, const char* v) { return Event{k, v}; }
Event intro(const char* v) { return ev(Event::Kind::kIntroduced, v); }
Event fixed(const char* v) { return ev(Event::Kind::kFixed, v); }
Event last(const char* v) { return ev(Event::Kind::kLastAffected, v); }
Event limit(const char* v) { return ev(Event::Kind::kLimit, v); }

Affected entry(std::vector<Range> ranges, std::vector<std::string> versions = {}) {
  Affected a;
  a.package = {"PyPI", "x", ""};
  a.ranges = std::move(ranges);
  a.versions = std::move(versions);
  return a;
}

Range eco(std::vector<Event> events) { return Range{RangeType::kEcosystem, "", std::move(events)}; }
Range semver(std::vector<Event> events) { return Range{RangeType::kSemver, "", std::move(events)}; }

// NuGet orders 1 to 4 numeric parts with "1.0" == "1.0.0" (PEP 440 is not registered yet).
const sbom::version::Scheme* scheme() { return sbom::version::find_scheme("nuget"); }

bool affected(const Affected& a, const char* v, const sbom::version::Scheme* s = scheme()) {
  auto d = sbom::osv::evaluate(a, v, s);
  INFO(v << ": " << (d ? d->reason : d.error().to_string()));
  REQUIRE(d);
  return d->affected;
}

}  // namespace

TEST_CASE("introduced and fixed make a half-open interval") {
  auto a = entry({eco({intro("1.0"), fixed("1.5")})});
  CHECK_FALSE(affected(a, "0.9"));
  CHECK(affected(a, "1.0"));
  CHECK(affected(a, "1.4.9"));
  CHECK_FALSE(affected(a, "1.5"));
  CHECK_FALSE(affected(a, "2.0"));
  auto d = sbom::osv::evaluate(a, "1.2", scheme());
  REQUIRE(d);
  CHECK(d->reason == "range 0 (ECOSYSTEM): introduced 1.0 <= 1.2 < fixed 1.5");
  CHECK(d->fixed == std::vector<std::string>{"1.5"});
  CHECK(d->range_index == 0);
  d = sbom::osv::evaluate(a, "1.7", scheme());
  REQUIRE(d);
  CHECK(d->reason == "range 0 (ECOSYSTEM): fixed 1.5 <= 1.7");
  d = sbom::osv::evaluate(a, "0.1", scheme());
  REQUIRE(d);
  CHECK(d->reason == "range 0 (ECOSYSTEM): 0.1 < introduced 1.0");
}

TEST_CASE("introduced 0 is below every version; no fix means open-ended") {
  auto a = entry({eco({intro("0")})});
  CHECK(affected(a, "0.0.0-dev1"));
  CHECK(affected(a, "99"));
  auto d = sbom::osv::evaluate(a, "3", scheme());
  REQUIRE(d);
  CHECK(d->fixed.empty());
  CHECK(d->reason == "range 0 (ECOSYSTEM): introduced 0 <= 3, no fix");
}

TEST_CASE("last_affected is inclusive") {
  auto a = entry({eco({intro("1.0"), last("1.3")})});
  CHECK(affected(a, "1.3"));
  CHECK_FALSE(affected(a, "1.3.1"));
  auto d = sbom::osv::evaluate(a, "1.3", scheme());
  REQUIRE(d);
  CHECK(d->fixed.empty());
  CHECK(d->reason == "range 0 (ECOSYSTEM): introduced 1.0 <= 1.3 <= last_affected 1.3");
  d = sbom::osv::evaluate(a, "2", scheme());
  REQUIRE(d);
  CHECK(d->reason == "range 0 (ECOSYSTEM): last_affected 1.3 < 2");
}

TEST_CASE("several intervals in one range, events unsorted") {
  auto a = entry({eco({fixed("2.5"), intro("2.0"), fixed("1.5"), intro("1.0")})});
  CHECK_FALSE(affected(a, "0.5"));
  CHECK(affected(a, "1.2"));
  CHECK_FALSE(affected(a, "1.7"));
  CHECK(affected(a, "2.1"));
  CHECK_FALSE(affected(a, "3"));
  auto d = sbom::osv::evaluate(a, "2.1", scheme());
  REQUIRE(d);
  CHECK(d->fixed == std::vector<std::string>{"2.5"});
}

TEST_CASE("events at the same version keep the record's order") {
  // introduced X, fixed X: an empty interval.
  CHECK_FALSE(affected(entry({eco({intro("1.0"), fixed("1.0")})}), "1.0"));
  // fixed X, introduced X: two adjacent intervals, X affected (PYSEC-2022-236 lists 3.1.1 so).
  auto joined = entry({eco({intro("0"), fixed("3.1.1"), intro("3.1.1"), fixed("3.1.3")})});
  CHECK(affected(joined, "3.1.1"));
  CHECK_FALSE(affected(joined, "3.1.3"));
}

TEST_CASE("limit bounds the range; '*' is no limit") {
  auto a = entry({eco({intro("0"), limit("2.0")})});
  CHECK(affected(a, "1.9"));
  CHECK_FALSE(affected(a, "2.0"));
  auto d = sbom::osv::evaluate(a, "2.1", scheme());
  REQUIRE(d);
  CHECK(d->reason == "range 0 (ECOSYSTEM): limit 2.0 <= 2.1");
  CHECK(affected(entry({eco({intro("0"), limit("*")})}), "5"));
  // Below any one limit is enough.
  auto two = entry({eco({intro("0"), limit("1.0"), limit("3.0")})});
  CHECK(affected(two, "2.0"));
  CHECK_FALSE(affected(two, "3.0"));
}

TEST_CASE("several ranges: any one including the version is enough") {
  auto a = entry({eco({intro("1.0"), fixed("1.1")}), eco({intro("2.0"), fixed("2.1")})});
  CHECK(affected(a, "2.0.5"));
  auto d = sbom::osv::evaluate(a, "2.0.5", scheme());
  REQUIRE(d);
  CHECK(d->range_index == 1);
  d = sbom::osv::evaluate(a, "3", scheme());
  REQUIRE(d);
  CHECK(d->reason == "range 0 (ECOSYSTEM): fixed 1.1 <= 3; range 1 (ECOSYSTEM): fixed 2.1 <= 3");
}

TEST_CASE("versions list: listed means affected whatever the ranges say") {
  auto a = entry({eco({intro("1.0"), fixed("1.1")})}, {"0.5", "1.0"});
  CHECK(affected(a, "0.5"));
  CHECK(affected(a, "0.5.0"));  // equal by PEP 440
  auto d = sbom::osv::evaluate(a, "0.5", scheme());
  REQUIRE(d);
  CHECK(d->in_versions_list);
  CHECK(d->reason == "listed in versions");
  auto only_list = entry({}, {"1.0"});
  CHECK_FALSE(affected(only_list, "1.1"));
  d = sbom::osv::evaluate(only_list, "1.1", scheme());
  REQUIRE(d);
  CHECK(d->reason == "not listed in versions");
}

TEST_CASE("SEMVER ranges use SemVer 2.0 and accept Go's leading v") {
  auto a = entry({semver({intro("0"), fixed("1.2.3")})});
  a.package = {"Go", "example.com/m", ""};
  const auto* go = sbom::version::find_scheme("go");
  CHECK(affected(a, "v1.2.2", go));
  CHECK(affected(a, "v1.2.3-rc.1", go));
  CHECK_FALSE(affected(a, "v1.2.3", go));
  CHECK(affected(a, "v0.0.0-20200101000000-abcdefabcdef", go));
  CHECK(affected(entry({semver({intro("1.0.0-alpha"), fixed("1.0.0")})}), "1.0.0-beta", nullptr));
}

TEST_CASE("GIT ranges are skipped and counted") {
  Range git{RangeType::kGit, "https://example.com/r.git", {intro("abc"), fixed("def")}};
  auto a = entry({git, eco({intro("1.0"), fixed("2.0")})});
  auto d = sbom::osv::evaluate(a, "1.5", scheme());
  REQUIRE(d);
  CHECK(d->affected);
  CHECK(d->skipped_ranges == 1);
  d = sbom::osv::evaluate(entry({git}), "1.5", scheme());
  REQUIRE(d);
  CHECK_FALSE(d->affected);
  CHECK(d->reason == "no evaluable range");
}

TEST_CASE("dpkg ECOSYSTEM range with epochs") {
  const auto* dpkg = sbom::version::find_scheme("dpkg");
  auto a = entry({eco({intro("0"), fixed("1:2.3-1")})});
  CHECK(affected(a, "2.9-9", dpkg));  // no epoch = epoch 0
  CHECK_FALSE(affected(a, "1:2.3-1", dpkg));
  CHECK(affected(a, "1:2.3-0+deb12u1", dpkg));
}

TEST_CASE("invalid versions are errors, never a silent answer") {
  auto a = entry({eco({intro("0"), fixed("1.0")})});
  auto d = sbom::osv::evaluate(a, "not a version", scheme());
  REQUIRE_FALSE(d);
  CHECK_THAT(d.error().message, Catch::StartsWith("version 'not a version' is not a valid nuget version"));

  auto bad = entry({eco({intro("0"), fixed("1.x.y.z!!")})});
  d = sbom::osv::evaluate(bad, "2.0", scheme());
  REQUIRE_FALSE(d);
  CHECK_THAT(d.error().message, Catch::StartsWith("range 0 (ECOSYSTEM): fixed version '1.x.y.z!!' is not a valid nuget version"));

  // ...but another range including the version still decides.
  auto mixed = entry({eco({intro("0"), fixed("1.x.y.z!!")}), eco({intro("1.5"), fixed("3")})});
  d = sbom::osv::evaluate(mixed, "2.0", scheme());
  REQUIRE(d);
  CHECK(d->affected);
}

TEST_CASE("fixed versions of every including range are collected, sorted") {
  auto a = entry({eco({intro("1.0"), fixed("1.9")}), eco({intro("1.0"), fixed("1.10")})});
  auto d = sbom::osv::evaluate(a, "1.2", scheme());
  REQUIRE(d);
  CHECK(d->fixed == std::vector<std::string>{"1.9", "1.10"});
}

TEST_CASE("Detail::kVerdict gives the verdict, fixes and deciding range of the full evaluation") {
  using sbom::osv::Detail;
  const std::vector<Affected> entries = {
      entry({eco({intro("1.0"), fixed("1.1")})}, {"0.5", "1.0"}),
      entry({eco({intro("0"), fixed("1.1"), intro("2.0"), last("2.5")}), eco({intro("1.0"), limit("3")})}),
      entry({eco({intro("0"), fixed("x.y")}), eco({intro("2.0"), fixed("2.1")})}),  // range 0 cannot be evaluated
      entry({}, {"1.0", "2.0.0"}),
      entry({Range{RangeType::kGit, "https://r", {intro("abc")}}}, {"1.0"}),
  };
  for (const Affected& a : entries)
    for (const char* v : {"0", "0.5", "0.5.0", "1.0", "1.0.5", "1.1", "2.0", "2.0.5", "2.5", "2.6", "3", "bad!"}) {
      INFO(v);
      auto full = sbom::osv::evaluate(a, v, scheme());
      auto verdict = sbom::osv::evaluate(a, v, scheme(), Detail::kVerdict);
      REQUIRE(static_cast<bool>(full) == static_cast<bool>(verdict));
      if (!full) {
        CHECK(full.error().message == verdict.error().message);
        continue;
      }
      CHECK(full->affected == verdict->affected);
      CHECK(full->fixed == verdict->fixed);
      CHECK(full->range_index == verdict->range_index);
      CHECK(full->skipped_ranges == verdict->skipped_ranges);
      CHECK(verdict->reason.empty());
      if (verdict->in_versions_list) CHECK(full->in_versions_list);
    }
}
