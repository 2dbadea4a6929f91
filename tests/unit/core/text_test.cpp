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
  CHECK(text::rfc3339_utc(*text::parse_utc_time("0985-01-01T00:00:00Z")) == "0985-01-01T00:00:00Z");  // four digits
}

TEST_CASE("parse_utc_time: RFC 3339 date-times and dates, with the reason when not") {
  CHECK(text::parse_utc_time("2024-01-02T03:04:05Z") == 1704164645);
  CHECK(text::parse_utc_time("2024-01-02t04:04:05.25+01:00") == 1704164645);  // lower-case t, fraction, offset
  CHECK(text::parse_utc_time("2024-01-02") == 1704153600);
  // A leap second stays in its day (the ledger asks which day a date-time names).
  CHECK(text::rfc3339_utc(*text::parse_utc_time("2016-12-31T23:59:60Z")) == "2016-12-31T23:59:59Z");
  const std::pair<const char*, const char*> bad[] = {
      {"2024-1-02", "expected YYYY-MM-DD"},
      {"2024-13-01", "month 13 out of range"},
      {"2023-02-29", "day 29 out of range for 2023-02"},
      {"2024-01-02 03:04:05Z", "unexpected text after the date"},
      {"2024-01-02T3:04:05Z", "expected a time HH:MM:SS after 'T'"},
      {"2024-01-02T24:00:00Z", "hour 24 out of range"},
      {"2024-01-02T03:60:00Z", "minute 60 out of range"},
      {"2024-01-02T03:04:61Z", "second 61 out of range"},
      {"2024-01-02T03:04:05.Z", "expected digits after the decimal point"},
      {"2024-01-02T03:04:05", "missing time zone offset (Z or +HH:MM)"},
      {"2024-01-02T03:04:05+0100", "expected a time zone offset +HH:MM"},
      {"2024-01-02T03:04:05+24:00", "time zone offset out of range"},
      {"2024-01-02T03:04:05 UTC", "expected a time zone offset (Z or +HH:MM)"},
      {"2024-01-02T03:04:05Zx", "unexpected text after the date-time"},
  };
  for (const auto& [s, reason] : bad) {
    std::string why;
    CHECK_FALSE(text::parse_utc_time(s, &why));
    CHECK(why == reason);
  }
}

TEST_CASE("file_hashes: SHA-256 and SHA-512 in one pass, across its blocks") {
  // FIPS 180-2's examples ("abc"), and a million 'a's (longer than one 64 KiB block).
  const auto abc = text::file_hashes("abc");
  CHECK(abc.sha256 == "ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad");
  CHECK(abc.sha512 ==
        "ddaf35a193617abacc417349ae20413112e6fa4e89a97ea20a9eeee64b55d39a2192992a274fc1a836ba3c23a3feebbd454d4423643ce80e2a9ac94fa54ca49f");
  const auto million = text::file_hashes(std::string(1000000, 'a'));
  CHECK(million.sha256 == "cdc76e5c9914fb9281a1c7e284d73e67f1809a48a497200e046d39ccc7112cd0");
  CHECK(million.sha512 ==
        "e718483d0ce769644e2e42c7bc15b4638e1f98b13b2044285632a803afa973ebde0ff244877ea60a4cb0432ce577c31beb009c5c2c49aa2e4eadb217ad8cc09b");
  CHECK(text::file_hashes("").sha512.size() == 128);
}

TEST_CASE("UTC times: RFC 3339 and dates in, HTTP dates both ways") {
  using sbom::text::parse_utc_time;
  CHECK(parse_utc_time("1970-01-01") == 0);
  CHECK(parse_utc_time("2026-01-01") == 1767225600);
  CHECK(parse_utc_time("2026-01-01T00:00:00Z") == 1767225600);
  CHECK(parse_utc_time("2026-01-01T01:30:00+01:30") == 1767225600);
  CHECK(parse_utc_time("2025-12-31T23:00:00.25-01:00") == 1767225600);
  CHECK(parse_utc_time("2024-02-29") == 1709164800);
  CHECK_FALSE(parse_utc_time("2026-02-29"));
  CHECK_FALSE(parse_utc_time("2026-13-01"));
  CHECK_FALSE(parse_utc_time("2026-01-01T00:00:00"));  // no zone
  CHECK_FALSE(parse_utc_time("2026-01-01 junk"));
  CHECK_FALSE(parse_utc_time(""));
  // A leap second is the last second of its day; a refusal says why (the exceptions ledger's messages).
  CHECK(parse_utc_time("2025-12-31T23:59:60Z") == 1767225599);
  std::string why;
  CHECK_FALSE(parse_utc_time("2026-01-01T24:00:00Z", &why));
  CHECK(why == "hour 24 out of range");
  CHECK_FALSE(parse_utc_time("2026-02-29", &why));
  CHECK(why == "day 29 out of range for 2026-02");
  CHECK(sbom::text::http_date(1767225600) == "Thu, 01 Jan 2026 00:00:00 GMT");
  CHECK(sbom::text::http_date(784111777) == "Sun, 06 Nov 1994 08:49:37 GMT");
  CHECK(sbom::text::parse_http_date("Sun, 06 Nov 1994 08:49:37 GMT") == 784111777);
  CHECK_FALSE(sbom::text::parse_http_date("Sun, 06 Nov 1994 08:49:37 UTC"));
  CHECK_FALSE(sbom::text::parse_http_date("Sun, 06 Foo 1994 08:49:37 GMT"));
}

TEST_CASE("printable writes control characters out instead of letting them act") {
  CHECK(text::printable("plain text, caf\xc3\xa9 \xe6\x97\xa5") == "plain text, caf\xc3\xa9 \xe6\x97\xa5");
  CHECK_FALSE(text::needs_printable("plain text, caf\xc3\xa9"));
  // A newline that would start a CI log command, a terminal escape, NUL, DEL.
  CHECK(text::printable("x\n::error::y") == "x\\n::error::y");
  CHECK(text::printable("a\r\tb") == "a\\r\\tb");
  CHECK(text::printable(std::string_view("\x1b[31m\x00\x7f", 7)) == "\\x1b[31m\\x00\\x7f");
  // C1 controls (NEL, CSI) and the bidirectional overrides and separators, as UTF-8.
  CHECK(text::printable("a\xc2\x85" "b\xc2\x9b" "c") == "a\\u0085b\\u009bc");
  CHECK(text::printable("\xe2\x80\xae" "evil" "\xe2\x81\xa6" "\xe2\x80\xa8") == "\\u202eevil\\u2066\\u2028");
  CHECK(text::needs_printable("\xe2\x80\xae"));
  // Neighbours of those ranges stay: U+00A0, U+2027, U+202F, U+2065, U+206A; a lone 0xc2 or 0xe2
  // at the end (no UTF-8) too.
  for (std::string_view kept : {"\xc2\xa0", "\xe2\x80\xa7", "\xe2\x80\xaf", "\xe2\x81\xa5", "\xe2\x81\xaa", "\xc2", "x\xe2\x80"})
    CHECK(text::printable(kept) == kept);
}
