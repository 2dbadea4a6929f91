// The shared text helpers: trim, lower, iequals.
#include <catch2/catch.hpp>

#include "sbom/text.h"

namespace text = sbom::text;

TEST_CASE("trim removes ASCII whitespace at both ends only") {
  CHECK(text::trim(" \t\r\n\f\va b\n") == "a b");
  CHECK(text::trim("   ").empty());
  CHECK(text::trim("\xc2\xa0x") == "\xc2\xa0x");  // U+00A0 is not ASCII whitespace
}

TEST_CASE("lower and iequals fold ASCII only, whatever the locale") {
  CHECK(text::lower("PyPI-Ä") == "pypi-Ä");
  CHECK(text::iequals("CVE-2024-1", "cve-2024-1"));
  CHECK_FALSE(text::iequals("a", "ab"));
  CHECK_FALSE(text::iequals("Ä", "ä"));
}

TEST_CASE("sha256_hex, hex and rfc3339_utc") {
  CHECK(text::sha256_hex("abc") == "ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad");
  const unsigned char b[] = {0x00, 0xff, 0x1a};
  CHECK(text::hex(b, 3) == "00ff1a");
  CHECK(text::rfc3339_utc(0) == "1970-01-01T00:00:00Z");
  CHECK(text::rfc3339_utc(1704164645) == "2024-01-02T03:04:05Z");
}
