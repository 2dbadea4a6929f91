// Tests of the apk scheme: numbers, letter, suffixes, -rN, and apk's order of invalid versions.
#include <catch2/catch.hpp>

#include "helpers.h"
#include "version/schemes.h"

using namespace sbom::version;
using namespace sbom::version::testing;

TEST_CASE("apk orders numbers, letter, suffixes and release", "[apk]") {
  const Scheme& s = apk_scheme();
  CHECK(cmp(s, "1.2.3", "1.2.10") == "<");
  CHECK(cmp(s, "1.2", "1.2.0") == "<");  // more numbers is newer, as in apk
  CHECK(cmp(s, "1.02", "1.1") == "<");  // a leading zero after the first number compares as text
  CHECK(cmp(s, "1.2a", "1.2") == ">");
  CHECK(cmp(s, "1.2a", "1.2b") == "<");
  CHECK(cmp(s, "1.2_alpha1", "1.2_beta") == "<");
  CHECK(cmp(s, "1.2_beta", "1.2_pre") == "<");
  CHECK(cmp(s, "1.2_pre", "1.2_rc") == "<");
  CHECK(cmp(s, "1.2_rc9", "1.2") == "<");
  CHECK(cmp(s, "1.2", "1.2_cvs") == "<");
  CHECK(cmp(s, "1.2_cvs", "1.2_svn") == "<");
  CHECK(cmp(s, "1.2_svn", "1.2_git") == "<");
  CHECK(cmp(s, "1.2_git", "1.2_hg") == "<");
  CHECK(cmp(s, "1.2_hg", "1.2_p") == "<");
  CHECK(cmp(s, "1.2_p1", "1.2_p10") == "<");
  CHECK(cmp(s, "1.2-r1", "1.2-r01") == "=");
  CHECK(cmp(s, "1.2-r9", "1.2-r10") == "<");
  CHECK(cmp(s, "1.2", "1.2-r0") == "=");
  CHECK(cmp(s, "1.2~abc1-r1", "1.2~def2-r1") == "=");  // commit hashes have no order
  CHECK(cmp(s, "1.2_p1", "1.2.1") == "<");
}

TEST_CASE("apk orders versions it cannot read like apk does", "[apk]") {
  const Scheme& s = apk_scheme();
  CHECK(cmp(s, "1.2", "1.2_blah") == ">");  // leftovers make a version older
  CHECK(cmp(s, "6.6.2p1", "6.6.2p2") == "<");  // both unreadable: plain text order
  CHECK(cmp(s, "1-r-0", "1-r0") == "<");
  CHECK(cmp(s, "", "1") == "error: invalid apk version '': version is empty");
}

TEST_CASE("apk validation", "[apk]") {
  const Scheme& s = apk_scheme();
  CHECK(why_invalid(s, "1.2.3b_rc1_p2~0a1b-r4") == "");
  CHECK(why_invalid(s, "a") == "invalid apk version 'a': version must start with a digit");
  CHECK(why_invalid(s, "1.2_blah") ==
        "invalid apk version '1.2_blah': unknown suffix (expected _alpha, _beta, _pre, _rc, _cvs, _svn, _git, _hg "
        "or _p)");
  CHECK(why_invalid(s, "1.2A") == "invalid apk version '1.2A': letter must be lower case");
  CHECK(why_invalid(s, "1.2-1") == "invalid apk version '1.2-1': '-' must start the package release '-rN'");
  CHECK(why_invalid(s, "1.2-r") == "invalid apk version '1.2-r': '-r' must be followed by a number");
  CHECK(why_invalid(s, "1..2") == "invalid apk version '1..2': unexpected characters after the version");
  CHECK(norm(s, "1.2-r0") == "1.2-r0");
}
