// Tests of the PEP 440 scheme: the spec's ordering and normalisation examples, legacy versions, errors.
#include <catch2/catch.hpp>

#include <string>
#include <vector>

#include "helpers.h"
#include "version/schemes.h"

using namespace sbom::version;
using namespace sbom::version::testing;

TEST_CASE("pep440 orders the spec's example sequence", "[pep440]") {
  const Scheme& s = pep440_scheme();
  // The spec's summary of permitted suffixes, in increasing order.
  const std::vector<std::string> sequence = {
      "1.dev0",       "1.0.dev456",          "1.0a1",           "1.0a2.dev456", "1.0a12.dev456",
      "1.0a12",       "1.0b1.dev456",        "1.0b2",           "1.0b2.post345.dev456",
      "1.0b2.post345", "1.0rc1.dev456",      "1.0rc1",          "1.0",          "1.0+abc.5",
      "1.0+abc.7",    "1.0+5",               "1.0.post456.dev34", "1.0.post456", "1.0.15",
      "1.1.dev1"};
  for (std::size_t i = 0; i < sequence.size(); ++i) {
    for (std::size_t j = 0; j < sequence.size(); ++j) {
      INFO(sequence[i] << " vs " << sequence[j]);
      CHECK(cmp(s, sequence[i], sequence[j]) == (i < j ? "<" : (i == j ? "=" : ">")));
    }
  }
}

TEST_CASE("pep440 compares epochs, padded releases, pre, post, dev and local parts", "[pep440]") {
  const Scheme& s = pep440_scheme();
  CHECK(cmp(s, "1!1.0", "2.0") == ">");
  CHECK(cmp(s, "0!1.0", "1.0") == "=");
  CHECK(cmp(s, "1.0", "1.0.0.0") == "=");
  CHECK(cmp(s, "1.0.1", "1.0.0.9") == ">");
  CHECK(cmp(s, "1.01", "1.1") == "=");
  CHECK(cmp(s, "1.0.dev0", "1.0a0.dev0") == "<");
  CHECK(cmp(s, "1.0a0.dev0", "1.0a0") == "<");
  CHECK(cmp(s, "1.0.post0.dev0", "1.0") == ">");
  CHECK(cmp(s, "1.0.post0.dev0", "1.0.post0") == "<");
  CHECK(cmp(s, "1.0rc1", "1.0c1") == "=");
  CHECK(cmp(s, "1.0-1", "1.0.post1") == "=");
  CHECK(cmp(s, "1.0+local", "1.0") == ">");
  CHECK(cmp(s, "1.0+a.1", "1.0+a-1") == "=");
  CHECK(cmp(s, "1.0+ABC", "1.0+abc") == "=");
  CHECK(cmp(s, "1.0+1.a", "1.0+1") == ">");
  CHECK(cmp(s, "1.0+2", "1.0+10") == "<");
  CHECK(cmp(s, "1.0.0-RC1", "1.0.0rc1") == "=");
  CHECK(cmp(s, "99999999999999999999999.1", "99999999999999999999998.9") == ">");
}

TEST_CASE("pep440 normalises like the spec says", "[pep440]") {
  const Scheme& s = pep440_scheme();
  CHECK(norm(s, "1.1RC1") == "1.1rc1");
  CHECK(norm(s, "00") == "0");
  CHECK(norm(s, "09000") == "9000");
  CHECK(norm(s, "1.0+foo0100") == "1.0+foo0100");
  CHECK(norm(s, "1.1.a1") == "1.1a1");
  CHECK(norm(s, "1.1-a1") == "1.1a1");
  CHECK(norm(s, "1.0a.1") == "1.0a1");
  CHECK(norm(s, "1.1alpha1") == "1.1a1");
  CHECK(norm(s, "1.1beta2") == "1.1b2");
  CHECK(norm(s, "1.1c3") == "1.1rc3");
  CHECK(norm(s, "1.1pre3") == "1.1rc3");
  CHECK(norm(s, "1.1preview3") == "1.1rc3");
  CHECK(norm(s, "1.2a") == "1.2a0");
  CHECK(norm(s, "1.2-post2") == "1.2.post2");
  CHECK(norm(s, "1.2post2") == "1.2.post2");
  CHECK(norm(s, "1.2.post.2") == "1.2.post2");
  CHECK(norm(s, "1.0-r4") == "1.0.post4");
  CHECK(norm(s, "1.0-rev4") == "1.0.post4");
  CHECK(norm(s, "1.2.post") == "1.2.post0");
  CHECK(norm(s, "1.0-1") == "1.0.post1");
  CHECK(norm(s, "1.2-dev2") == "1.2.dev2");
  CHECK(norm(s, "1.2dev2") == "1.2.dev2");
  CHECK(norm(s, "1.2.dev") == "1.2.dev0");
  CHECK(norm(s, "1.0+ubuntu-1") == "1.0+ubuntu.1");
  CHECK(norm(s, "1.0+Ubuntu_007.a01") == "1.0+ubuntu.7.a01");  // numeric segments read as numbers
  CHECK(norm(s, "v1.0") == "1.0");
  CHECK(norm(s, "  1.0\n") == "1.0");
  CHECK(norm(s, "1.0.0-RC1") == "1.0.0rc1");
  CHECK(norm(s, "0!1.0") == "1.0");
  CHECK(norm(s, "2!1.0A1.POST2.DEV3+Local_7") == "2!1.0a1.post2.dev3+local.7");
}

TEST_CASE("pep440 keeps legacy versions, ordered before every PEP 440 version", "[pep440]") {
  const Scheme& s = pep440_scheme();
  CHECK(why_invalid(s, "0.1-bulbasaur") == "");
  CHECK(cmp(s, "0.1-bulbasaur", "0.1-charmander") == "<");
  CHECK(cmp(s, "2.0-foo", "0.1") == "<");
  CHECK(cmp(s, "1.0", "1.0-foo") == ">");
  CHECK(cmp(s, "1.0-pre", "1.0-preview") == "=");  // both read as the candidate marker "c"
  CHECK(cmp(s, "1.0-dev", "1.0-alpha") == "<");    // "dev" sorts first ("@")
  CHECK(cmp(s, "1.0-Foo", "1.0-foo") == "=");
  CHECK(norm(s, "1.0-Foo") == "1.0-foo");
}

TEST_CASE("pep440 rejects what is not a version at all", "[pep440]") {
  const Scheme& s = pep440_scheme();
  CHECK(why_invalid(s, "1.0") == "");
  CHECK(why_invalid(s, "") == "invalid pep 440 version '': empty version");
  CHECK(why_invalid(s, "   ") == "invalid pep 440 version '   ': empty version");
  CHECK(why_invalid(s, "1.0 beta") == "invalid pep 440 version '1.0 beta': unexpected character at offset 3");
  CHECK(why_invalid(s, " 1.0\tb") == "invalid pep 440 version ' 1.0\\x09b': unexpected character at offset 4");
  CHECK(why_invalid(s, "...") == "invalid pep 440 version '...': no letter or digit");
  CHECK(cmp(s, "1.0", "") == "error: invalid pep 440 version '': empty version");
  CHECK(norm(s, "1.0 1") == "error: invalid pep 440 version '1.0 1': unexpected character at offset 3");
}
