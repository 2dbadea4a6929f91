// Tests of the Composer scheme: PHP-style ordering with stability forms, Composer normalisation, errors.
#include <catch2/catch.hpp>

#include "helpers.h"
#include "version/schemes.h"

using namespace sbom::version;
using namespace sbom::version::testing;

TEST_CASE("composer orders dev < alpha < beta < RC < release < patch", "[composer]") {
  const Scheme& s = composer_scheme();
  CHECK(cmp(s, "1.0-dev", "1.0alpha1") == "<");
  CHECK(cmp(s, "1.0a1", "1.0alpha1") == "=");
  CHECK(cmp(s, "1.0alpha1", "1.0b1") == "<");
  CHECK(cmp(s, "1.0beta2", "1.0RC1") == "<");
  CHECK(cmp(s, "1.0RC1", "1.0rc1") == "=");
  CHECK(cmp(s, "1.0rc1", "1.0") == "<");
  CHECK(cmp(s, "1.0", "1.0pl1") == "<");
  CHECK(cmp(s, "1.0p1", "1.0pl1") == "=");
  CHECK(cmp(s, "1.0-foo", "1.0-dev") == "<");  // unknown words sort before dev
  CHECK(cmp(s, "1.0.0", "1.0") == ">");        // no zero padding, as in version_compare
  CHECK(cmp(s, "v1.2.3", "V1.2.3") == "=");
  CHECK(cmp(s, "1.2.3", "1.2.3.0") == "<");
  CHECK(cmp(s, "dev-main", "0.0.1") == "<");
  CHECK(cmp(s, "1.0.0-beta.2", "1.0.0_beta+2") == "=");  // '-', '_', '+' all separate like '.'
  CHECK(cmp(s, "10", "9") == ">");
}

TEST_CASE("composer ranks a part by the special form it starts with, as version_compare does", "[composer]") {
  const Scheme& s = composer_scheme();
  // Issue 11 item 18: every form starting with 'p' is a patch level after the release.
  CHECK(cmp(s, "1.0.0", "1.0.0-patch1") == "<");
  CHECK(cmp(s, "3.0.0b1", "3.0.0b1.post1") == "<");
  CHECK(cmp(s, "1.0.0-pl1", "1.0.0-p1") == "=");
  CHECK(cmp(s, "1.0.0-patch1", "1.0.0-pl1") == "=");
  CHECK(cmp(s, "1.0.0-post1", "1.0.0-patch1") == "=");
  CHECK(cmp(s, "1.0.0-patch1", "1.0.0-patch2") == "<");
  CHECK(cmp(s, "1.0.0-patch1", "1.0.1") == "<");
  CHECK(cmp(s, "1.0.0RC1", "1.0.0-patch") == "<");
  // The other forms by prefix too: "develop" is dev, "alpha2"-like words alpha, "beta"/"b..." beta.
  CHECK(cmp(s, "1.0-develop", "1.0-dev") == "=");
  CHECK(cmp(s, "1.0-abc", "1.0-alpha") == "=");
  CHECK(cmp(s, "1.0-build", "1.0-beta") == "=");
  CHECK(cmp(s, "1.0-rcx", "1.0-RC") == "=");
  CHECK(cmp(s, "1.0-foo", "1.0-develop") == "<");  // a word that starts with no form is below them all
  // Case matters in version_compare: "Beta" starts with no form.
  CHECK(cmp(s, "1.0-Beta", "1.0-dev") == "<");
}

TEST_CASE("composer normalises like VersionParser::normalize", "[composer]") {
  const Scheme& s = composer_scheme();
  CHECK(norm(s, "1.0") == "1.0.0.0");
  CHECK(norm(s, "v1.0.0") == "1.0.0.0");
  CHECK(norm(s, "1.0.0-RC1") == "1.0.0.0-RC1");
  CHECK(norm(s, "1.0.0-rc.1") == "1.0.0.0-RC1");
  CHECK(norm(s, "1.0.0-alpha3.1") == "1.0.0.0-alpha3.1");
  CHECK(norm(s, "1.0.0b2") == "1.0.0.0-beta2");
  CHECK(norm(s, "1.0.0-pl3") == "1.0.0.0-patch3");
  CHECK(norm(s, "1.0.0-dev") == "1.0.0.0-dev");
  CHECK(norm(s, "1.0.0-beta2-dev") == "1.0.0.0-beta2-dev");
  CHECK(norm(s, "1.0.0-stable") == "1.0.0.0");
  CHECK(norm(s, "1.2.3.4") == "1.2.3.4");
  CHECK(norm(s, "1.0.0+build.5") == "1.0.0.0");
  CHECK(norm(s, "20100102") == "20100102");
  CHECK(norm(s, "2010-01-02.5") == "2010.01.02.5");
  CHECK(norm(s, "2010.10.02-beta") == "2010.10.02.0-beta");  // four or fewer digits first: classical rules
  CHECK(norm(s, "1.x-dev") == "1.9999999.9999999.9999999-dev");
  CHECK(norm(s, "2.1.x-dev") == "2.1.9999999.9999999-dev");
  CHECK(norm(s, "dev-feature/foo") == "dev-feature/foo");
  CHECK(norm(s, "master") == "dev-master");
  CHECK(norm(s, "1.0.0@beta") == "1.0.0.0");
  CHECK(norm(s, "1.2.3.4.5") == "error: invalid composer version '1.2.3.4.5': not a version composer can normalise");
  CHECK(norm(s, "feature-dev") == "error: invalid composer version 'feature-dev': not a version composer can normalise");
}

TEST_CASE("composer rejects what cannot be compared", "[composer]") {
  const Scheme& s = composer_scheme();
  CHECK(why_invalid(s, "1.2.3.#") == "");  // version_compare accepts more than Composer normalises
  CHECK(why_invalid(s, "") == "invalid composer version '': empty version");
  CHECK(why_invalid(s, "1.0 beta") == "invalid composer version '1.0 beta': unexpected character at offset 3");
  CHECK(why_invalid(s, "#.-") == "invalid composer version '#.-': no letter or digit");
}
