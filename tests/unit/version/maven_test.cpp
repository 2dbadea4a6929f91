// Tests of the Maven scheme: the POM reference's examples, qualifier order, padding, errors.
#include <catch2/catch.hpp>

#include <string>
#include <vector>

#include "helpers.h"
#include "version/schemes.h"

using namespace sbom::version;
using namespace sbom::version::testing;

namespace {

void check_increasing(const Scheme& s, const std::vector<std::string>& sequence) {
  for (std::size_t i = 0; i < sequence.size(); ++i) {
    for (std::size_t j = 0; j < sequence.size(); ++j) {
      INFO(sequence[i] << " vs " << sequence[j]);
      CHECK(cmp(s, sequence[i], sequence[j]) == (i < j ? "<" : (i == j ? "=" : ">")));
    }
  }
}

}  // namespace

TEST_CASE("maven orders qualifiers: alpha < beta < milestone < rc < snapshot < release < sp", "[maven]") {
  check_increasing(maven_scheme(),
                   {"1-alpha2snapshot", "1-alpha2", "1-alpha-123", "1-beta-2", "1-beta123", "1-m2", "1-m11", "1-rc",
                    "1-cr2", "1-rc123", "1-SNAPSHOT", "1", "1-sp", "1-sp2", "1-sp123", "1-abc", "1-def", "1-pom-1",
                    "1-1-snapshot", "1-1", "1-2", "1-123"});
}

TEST_CASE("maven orders '.qualifier' = '-qualifier' < '-number' < '.number'", "[maven]") {
  const Scheme& s = maven_scheme();
  CHECK(cmp(s, "1.foo", "1-foo") == "=");
  CHECK(cmp(s, "1.0.0.Beta1", "1-beta-1") == "=");  // JBoss style: zeros before the qualifier go too
  CHECK(cmp(s, "1.0.0.Beta1", "1.0.0-M1") == "<");
  CHECK(cmp(s, "5.4.2.Final", "5.4.2") == "=");
  CHECK(cmp(s, "5.4.2.CR2", "5.4.2-M3") == ">");
  CHECK(cmp(s, "1-foo", "1-1") == "<");
  CHECK(cmp(s, "1-1", "1.1") == "<");
  CHECK(cmp(s, "2.0-1", "2.0.1") == "<");
  CHECK(cmp(s, "1.sp", "1") == ">");
  CHECK(cmp(s, "1.alpha", "1") == "<");
  CHECK(cmp(s, "1.foo", "1") == ">");
  CHECK(cmp(s, "1.0.1", "1.alpha.1") == ">");
}

TEST_CASE("maven treats aliases, case and null tokens as the POM reference says", "[maven]") {
  const Scheme& s = maven_scheme();
  for (const char* v : {"1", "1.0", "1.0.0", "1-0", "1.ga", "1-final", "1.RELEASE", "1.", "1-", "1.0.0-0.0.0"}) {
    INFO(v);
    CHECK(cmp(s, v, "1") == "=");
  }
  CHECK(cmp(s, "1cr", "1rc") == "=");
  CHECK(cmp(s, "1a1", "1-alpha-1") == "=");
  CHECK(cmp(s, "1-a", "1a") == "=");          // "a" is alpha only when a number follows
  CHECK(cmp(s, "1-a", "1-alpha") == ">");     // so a bare "a" is an unknown qualifier
  CHECK(cmp(s, "1MILESTONE3", "1m3") == "=");
  CHECK(cmp(s, "1-foo", "1.0.0-foo.0.0") == "=");
  CHECK(cmp(s, "1-1.foo-bar-1-baz-0.1", "1-1.foo-bar1baz-.1") == "=");
  CHECK(cmp(s, "001.02", "1.2") == "=");
  CHECK(cmp(s, "12345678901234567890.1", "12345678901234567891") == "<");
}

TEST_CASE("maven normalises to its canonical tokens", "[maven]") {
  const Scheme& s = maven_scheme();
  CHECK(norm(s, "1.0.0") == "1");
  CHECK(norm(s, "1.0.0-RC1") == "1-rc-1");
  CHECK(norm(s, "1-1.foo-bar1baz-.1") == "1-1-foo-bar-1-baz-0.1");  // qualifiers always after a hyphen
  CHECK(norm(s, "1.0.0-foo.0.0") == "1-foo");
  CHECK(norm(s, "2.0.FINAL.1") == "2-ga.1");
  CHECK(norm(s, "1.0.0.Beta1") == "1-beta-1");
  CHECK(norm(s, "1.2-SNAPSHOT") == "1.2-snapshot");
}

TEST_CASE("maven rejects what cannot be a resolved version", "[maven]") {
  const Scheme& s = maven_scheme();
  CHECK(why_invalid(s, "1.0-SNAPSHOT") == "");
  CHECK(why_invalid(s, "") == "invalid maven version '': empty version");
  CHECK(why_invalid(s, "${project.version}") == "invalid maven version '${project.version}': unresolved property reference");
  CHECK(why_invalid(s, "[1.0,2.0)") == "invalid maven version '[1.0,2.0)': a version range is not a version");
  CHECK(why_invalid(s, "1.0 final") == "invalid maven version '1.0 final': unexpected character at offset 3");
  CHECK(cmp(s, "1", "1\n") == "error: invalid maven version '1\\x0a': unexpected character at offset 1");
}
