// ELF headers and notes read forward (catalog/elf.h), on a hand-made little-endian ELF64 file.
#include <catch2/catch.hpp>

#include <cstring>
#include <string>

#include "catalog/elf.h"

namespace elf = sbom::catalog::detail::elf;

namespace {

void put(std::string& b, std::size_t off, std::uint64_t v, int size) {
  for (int i = 0; i < size; ++i) b[off + static_cast<std::size_t>(i)] = static_cast<char>((v >> (8 * i)) & 0xff);
}

// Header, two program headers (a note at 0xb0 naming `note`, a load segment), the note.
std::string tiny_elf(std::string_view note) {
  std::string b(0xc8, '\0');
  std::memcpy(b.data(), "\x7f" "ELF", 4);
  b[4] = 2;  // 64-bit
  b[5] = 1;  // little-endian
  put(b, 32, 64, 8);    // e_phoff
  put(b, 54, 56, 2);    // e_phentsize
  put(b, 56, 2, 2);     // e_phnum
  put(b, 64, elf::kPtNote, 4);
  put(b, 64 + 8, 0xb0, 8);   // offset
  put(b, 64 + 32, 0x18, 8);  // filesz
  put(b, 120, elf::kPtLoad, 4);
  put(b, 120 + 4, 6, 4);      // flags: writable, readable
  put(b, 120 + 8, 0x1000, 8);
  put(b, 120 + 32, 0x200, 8);
  put(b, 0xb0, note.size() + 1, 4);  // namesz
  put(b, 0xb4, 4, 4);                // descsz
  put(b, 0xb8, 4, 4);                // type
  std::memcpy(b.data() + 0xbc, note.data(), note.size());
  return b;
}

// A ReadFn over `file`, from its start.
sbom::image::ReadFn reader_over(const std::string& file, std::size_t& at) {
  at = 0;
  return [&file, &at](char* buf, std::size_t n) -> sbom::Expected<std::size_t> {
    n = std::min(n, file.size() - at);
    if (buf) std::memcpy(buf, file.data() + at, n);
    at += n;
    return n;
  };
}

}  // namespace

TEST_CASE("elf: program headers, a named note and where the loaded segments end") {
  for (bool go : {true, false}) {
    std::string file = tiny_elf(go ? std::string_view("Go\0", 3) : std::string_view("GNU", 3));
    std::size_t at = 0;
    sbom::image::ReadFn read = reader_over(file, at);
    elf::Stream in(read);
    std::string head;
    auto h = elf::read_headers(file.size(), in, head, 64 << 10);
    REQUIRE(h);
    REQUIRE(h->segments.size() == 2);
    CHECK(h->segments[1].flags == 6);
    CHECK(elf::load_end(h->segments) == 0x1200);
    REQUIRE(in.take_to(0xc8, head));
    CHECK(elf::has_note(h->reader, head, h->segments[0], std::string_view("Go\0", 3), 4) == go);
  }
  std::string not_elf(100, 'x');
  std::size_t at = 0;
  sbom::image::ReadFn read = reader_over(not_elf, at);
  elf::Stream in(read);
  std::string head;
  CHECK_FALSE(elf::read_headers(not_elf.size(), in, head, 64 << 10));
}
