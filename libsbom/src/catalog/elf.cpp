// ELF headers and notes, read forward (elf.h).
#include "catalog/elf.h"

namespace sbom::catalog::detail::elf {

std::size_t Stream::read_some(char* buf, std::size_t n) {
  auto r = read_(buf, n);
  if (!r) return 0;
  pos_ += *r;
  return *r;
}

bool Stream::take_to(std::uint64_t end, std::string& out) {
  char buf[1 << 14];
  while (pos_ < end) {
    std::size_t got = read_some(buf, static_cast<std::size_t>(std::min<std::uint64_t>(end - pos_, sizeof buf)));
    if (got == 0) return false;
    out.append(buf, got);
  }
  return true;
}

bool Stream::skip_to(std::uint64_t end) {
  while (pos_ < end) {
    std::size_t want = static_cast<std::size_t>(std::min<std::uint64_t>(end - pos_, 1u << 30));
    if (read_some(nullptr, want) == 0) return false;
  }
  return true;
}

std::optional<Headers> read_headers(std::uint64_t size, Stream& in, std::string& head, std::uint64_t max_headers) {
  if (size < 64) return std::nullopt;
  if (!in.take_to(64, head) || !head.starts_with("\x7f" "ELF")) return std::nullopt;
  Headers h;
  Reader& e = h.reader;
  e.is64 = head[4] == 2;
  e.big_endian = head[5] == 2;
  const std::uint64_t phoff = e.is64 ? e.get(head, 32, 8) : e.get(head, 28, 4);
  const std::uint64_t phentsize = e.get(head, e.is64 ? 54 : 42, 2);
  const std::uint64_t phnum = e.get(head, e.is64 ? 56 : 44, 2);
  const std::uint64_t phend = phoff + phentsize * phnum;
  if (phentsize < (e.is64 ? 56u : 32u) || phend > max_headers || phend > size) return std::nullopt;
  if (!in.take_to(phend, head)) return std::nullopt;
  for (std::uint64_t i = 0; i < phnum; ++i) {
    const std::size_t o = static_cast<std::size_t>(phoff + i * phentsize);
    Segment s;
    s.type = static_cast<std::uint32_t>(e.get(head, o, 4));
    if (e.is64) {
      s.flags = static_cast<std::uint32_t>(e.get(head, o + 4, 4));
      s.offset = e.get(head, o + 8, 8);
      s.vaddr = e.get(head, o + 16, 8);
      s.filesz = e.get(head, o + 32, 8);
    } else {
      s.offset = e.get(head, o + 4, 4);
      s.vaddr = e.get(head, o + 8, 4);
      s.filesz = e.get(head, o + 16, 4);
      s.flags = static_cast<std::uint32_t>(e.get(head, o + 24, 4));
    }
    h.segments.push_back(s);
  }
  return h;
}

bool has_note(const Reader& e, std::string_view head, const Segment& s, std::string_view name, std::uint32_t type) {
  std::uint64_t off = s.offset, end = std::min<std::uint64_t>(s.offset + s.filesz, head.size());
  while (off + 12 <= end) {
    std::uint64_t namesz = e.get(head, off, 4), descsz = e.get(head, off + 4, 4), t = e.get(head, off + 8, 4);
    if (off + 12 + namesz > end) return false;
    if (namesz == name.size() + 1 && t == type && head.substr(off + 12, name.size()) == name) return true;
    off += 12 + ((namesz + 3) & ~3ull) + ((descsz + 3) & ~3ull);
  }
  return false;
}

}  // namespace sbom::catalog::detail::elf
