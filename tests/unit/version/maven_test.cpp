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

TEST_CASE("maven orders '.qualifier' < '-qualifier' < '-number' < '.number'", "[maven]") {
  const Scheme& s = maven_scheme();
  CHECK(cmp(s, "1.foo", "1-foo") == "=");          // a qualifier that ends the version counts as '-'
  CHECK(cmp(s, "1.0.0.Beta1", "1-beta-1") == "=");  // and so does one a digit follows directly
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

TEST_CASE("maven 3.8.7+: a dot-introduced qualifier followed by a separator stays a dot item", "[maven]") {
  const Scheme& s = maven_scheme();
  // Issue 11 item 18: the two cases ComparableVersion 3.8.7 and later decide this way.
  CHECK(cmp(s, "3.6.2.FL.20090615", "3.6.2-FL-2009-05-11") == "<");
  CHECK(cmp(s, "3.5.0-CR-2", "3.5.0.Beta-1") == "<");
  CHECK(cmp(s, "3.5.0.Beta-1", "3.5.0-CR-2") == ">");
  CHECK(cmp(s, "1.foo.1", "1-foo-1") == "<");  // '.foo.' is a plain item, '-foo' a sub-list
  CHECK(cmp(s, "1.foo.1", "1.1") == "<");      // a qualifier item is below a number item
  CHECK(cmp(s, "1.foo.1", "1") == ">");        // an unknown qualifier is above the release
  CHECK(cmp(s, "1.alpha.1", "1") == "<");
  CHECK(cmp(s, "1.sp.1", "1") == ">");
  CHECK(cmp(s, "1.ga.1", "1.1") == "<");       // a release qualifier that is not trailing stays
  CHECK(cmp(s, "1.ga.1", "1-1") == "<");
}

TEST_CASE("maven MNG-7644: .X1 < -X2 and 2.0.X = 2-X = 2.0.0.X for any qualifier", "[maven]") {
  const Scheme& s = maven_scheme();
  for (const char* x : {"abc", "alpha", "a", "beta", "b", "def", "milestone", "m", "RC"}) {
    const std::string q = x;
    INFO(q);
    CHECK(cmp(s, "1.0.0." + q + "1", "1.0.0-" + q + "2") == "<");
    CHECK(cmp(s, "2-" + q, "2.0." + q) == "=");
    CHECK(cmp(s, "2-" + q, "2.0.0." + q) == "=");
    CHECK(cmp(s, "2.0." + q, "2.0.0." + q) == "=");
  }
}

TEST_CASE("maven orders the reference's mixed sequence and MNG-6964", "[maven]") {
  check_increasing(maven_scheme(), {"2.0", "2.0.a", "2-1", "2.0.2", "2.0.123", "2.1.0", "2.1-a", "2.1b", "2.1-c",
                                    "2.1-1", "2.1.0.1", "2.2", "2.123", "11.a2", "11.a11", "11.b2", "11.b11",
                                    "11.m2", "11.m11", "11", "11.a", "11b", "11c", "11m"});
  check_increasing(maven_scheme(), {"1-0.alpha", "1-0.beta", "1"});
}

TEST_CASE("maven '-1' and '.1' transitions and nested null lists", "[maven]") {
  const Scheme& s = maven_scheme();
  CHECK(cmp(s, "1-0.1", "1") == ">");   // a sub-list against nothing: all its items count
  CHECK(cmp(s, "1-0.0", "1") == "=");
  CHECK(cmp(s, "1--1", "1-0-1") == "=");
  CHECK(cmp(s, "1-1", "1.0.1") == "<");  // a sub-list is below a number, whatever it holds
  CHECK(cmp(s, "1-1", "1-sp") == ">");   // and above a qualifier
  CHECK(cmp(s, "1.1-1", "1.1.1") == "<");
  CHECK(cmp(s, "1-1-1", "1-1.1") == "<");
  CHECK(cmp(s, "1-sp-1", "1-sp.1") == "<");
  // A level emptied by trimming gives way to its sub-list, as the POM reference and OSV have it
  // (ComparableVersion 3.9 alone keeps the empty level: 1-ga-1 < 1-1 there).
  CHECK(cmp(s, "1-ga-1", "1-1") == "=");
  CHECK(cmp(s, "1-0-alpha", "1-alpha") == "=");
  CHECK(cmp(s, "1-sp-1", "1-ga-1") == "<");
  CHECK(cmp(s, "1-sp.1", "1-ga.1") == ">");
}

TEST_CASE("maven handles hostile lengths without recursion", "[maven]") {
  const Scheme& s = maven_scheme();
  std::string deep = "1";
  for (int i = 0; i < 200000; ++i) deep += "-1";
  CHECK(cmp(s, deep, deep) == "=");
  CHECK(cmp(s, deep, deep + "-1") == "<");
  CHECK(cmp(s, deep + "-alpha", deep) == "<");
  CHECK(norm(s, "1" + std::string(100000, '-') + "1") == "1-1");  // 99999 empty levels, each given way
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
  CHECK(norm(s, "1-1.foo-bar1baz-.1") == "1-1.foo-bar-1-baz-0.1");  // '.' before an item, '-' before a list
  CHECK(norm(s, "1.0.0-foo.0.0") == "1-foo");
  CHECK(norm(s, "2.0.FINAL.1") == "2.0.ga.1");
  CHECK(norm(s, "3.6.2.FL.20090615") == "3.6.2.fl.20090615");
  CHECK(norm(s, "3.6.2-FL-2009-05-11") == "3.6.2-fl-2009-5-11");
  CHECK(norm(s, "2.0.abc") == "2-abc");
  CHECK(norm(s, "3.5.0.Beta-") == "3.5.0.beta.0");  // found by fuzzing: "3.5.0.beta" would be 3.5-beta
  CHECK(cmp(s, "3.5.0.Beta-", "3.5.0.beta.0") == "=");
  CHECK(cmp(s, "3.5.0.Beta-", "3.5.0.beta") == ">");  // 0 against a sub-list
  CHECK(norm(s, "1.foo.1") == "1.foo.1");
  // libFuzzer's input (an rpm-shaped version): the normalised form must compare equal to it.
  CHECK(norm(s, "2:1.0~rc1^git1-3.el.") == "2-:-1-~rc-1-^git-1-3.el.0");
  CHECK(cmp(s, "2:1.0~rc1^git1-3.el.", "2-:-1-~rc-1-^git-1-3.el.0") == "=");
  CHECK(norm(s, "1-0.alpha") == "1-alpha");
  CHECK(norm(s, "0-alpha") == "0-alpha");
  CHECK(norm(s, "1-ga-1") == "1-1");
  CHECK(norm(s, "0") == "0");
  CHECK(norm(s, "0.0-ga") == "0");
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
