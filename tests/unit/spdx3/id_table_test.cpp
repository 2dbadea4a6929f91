// Tests for the SPDX 3 writer's id table: keys with and without the prefix are distinct, flags
// stick to their key through growth, and the table agrees with std::map on many keys.
#include <catch2/catch.hpp>

#include <cstdint>
#include <cstring>
#include <map>
#include <stdexcept>
#include <string>
#include <string_view>
#include <sys/mman.h>

#include "spdx3/id_table.h"

using sbom::spdx3::IdTable;

TEST_CASE("id table: absent keys have no flags, added ones keep theirs") {
  IdTable t("urn:x#SPDXRef-");
  CHECK(t.size() == 0);
  CHECK(t.flags("urn:x#SPDXRef-a") == 0);
  t["urn:x#SPDXRef-a"] |= 1;
  t["other"] |= 2;
  CHECK(t.size() == 2);
  CHECK(t.flags("urn:x#SPDXRef-a") == 1);
  CHECK(t.flags("other") == 2);
  // Looking a key up with [] adds it without flags; a second time finds the same entry.
  CHECK(t["new"] == 0);
  CHECK(t.size() == 3);
  t["urn:x#SPDXRef-a"] |= 4;
  CHECK(t.flags("urn:x#SPDXRef-a") == 5);
  CHECK(t.size() == 3);
}

TEST_CASE("id table: a key and the same text after the prefix are different keys") {
  IdTable t("P-");
  t["P-abc"] = 1;
  t["abc"] = 2;
  t["P-"] = 4;  // the prefix alone: an empty rest
  t[std::string_view()] = 8;  // empty, with no data at all
  t["P"] = 16;  // shorter than the prefix
  CHECK(t.size() == 5);
  CHECK(t.flags("P-abc") == 1);
  CHECK(t.flags("abc") == 2);
  CHECK(t.flags("P-") == 4);
  CHECK(t.flags("") == 8);
  CHECK(t.flags(std::string_view()) == 8);
  CHECK(t.flags("P") == 16);
  CHECK(t.flags("P-ab") == 0);
  CHECK(t.flags("P-abcd") == 0);
}

TEST_CASE("id table: without a prefix every key is kept whole") {
  IdTable t;
  t["a"] = 1;
  t[""] = 2;
  CHECK(t.flags("a") == 1);
  CHECK(t.flags("") == 2);
  CHECK(t.flags("b") == 0);
}

TEST_CASE("id table: agrees with std::map through growth, with and without reserve") {
  for (bool reserve : {false, true}) {
    IdTable t("urn:uuid:00000000-0000-4000-8000-000000000001#SPDXRef-");
    if (reserve) t.reserve(1000);
    std::map<std::string, std::uint8_t> want;
    // Lengths around the hash's 8-byte steps, with and without the prefix; a key longer than a
    // block of key text too.
    for (int i = 0; i < 20000; ++i) {
      std::string key = (i % 3 ? "urn:uuid:00000000-0000-4000-8000-000000000001#SPDXRef-" : "") +
                        std::string(static_cast<std::size_t>(i % 17), 'x') + std::to_string(i * 7919 % 5003);
      auto flag = static_cast<std::uint8_t>(1u << (i % 3));
      t[key] |= flag;
      want[key] |= flag;
    }
    std::string huge(std::size_t{3} << 20, 'h');
    t[huge] = 9;
    want[huge] = 9;
    // The flags a caller holds stay where they are while the table grows.
    std::uint8_t& held = t["held"];
    held = 3;
    want["held"] = 3;
    for (int i = 0; i < 5000; ++i) {
      t["more-" + std::to_string(i)] = 1;
      want["more-" + std::to_string(i)] = 1;
    }
    CHECK(held == 3);
    CHECK(t.size() == want.size());
    std::size_t wrong = 0;
    for (const auto& [k, f] : want) wrong += t.flags(k) != f;
    CHECK(wrong == 0);
    CHECK(t.flags("urn:uuid:00000000-0000-4000-8000-000000000001#SPDXRef-missing") == 0);
    CHECK(t.flags("missing") == 0);
  }
}

TEST_CASE("id table: a key of 4 GiB or more past the prefix is refused, not stored with a cut size") {
  // A real range of 4 GiB + 8 bytes: mapped, never touched (nothing is read before the refusal
  // but the prefix's bytes), so it costs no memory.
  const std::size_t size = (std::size_t{1} << 32) + 8;
  void* p = ::mmap(nullptr, size, PROT_READ | PROT_WRITE, MAP_PRIVATE | MAP_ANONYMOUS | MAP_NORESERVE, -1, 0);
  REQUIRE(p != MAP_FAILED);
  std::memcpy(p, "P-", 2);
  const std::string_view huge(static_cast<const char*>(p), size);
  IdTable t("P-");
  t["P-a"] = 1;
  // With the prefix the rest is 4 GiB + 6 bytes; without one, the whole 4 GiB + 8 (and a rest of
  // exactly 4 GiB). Each would have been stored with its size cut to 32 bits.
  CHECK_THROWS_AS(t[huge], std::length_error);
  CHECK_THROWS_AS(t.flags(huge.substr(1)), std::length_error);
  CHECK_THROWS_AS(t[huge.substr(0, 2 + (std::size_t{1} << 32))], std::length_error);
  CHECK(t.size() == 1);
  CHECK(t.flags("P-a") == 1);
  ::munmap(p, size);
}
