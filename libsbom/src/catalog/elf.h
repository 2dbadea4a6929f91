// ELF executables read forward as they stream past (never seeking back): the file header, the
// program headers and notes. Shared by the readers of executables (Go build info; the search for
// cargo-auditable data in what is not Go).
#pragma once

#include <algorithm>
#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "sbom/image.h"

namespace sbom::catalog::detail::elf {

inline constexpr std::uint32_t kPtLoad = 1;
inline constexpr std::uint32_t kPtInterp = 3;
inline constexpr std::uint32_t kPtNote = 4;

/// Forward reading of a file with an offset.
class Stream {
 public:
  explicit Stream(const image::ReadFn& read) : read_(read) {}
  /// Reads up to `n` bytes into `buf` (fewer at the end of the file; 0 at its end or on error).
  std::size_t read_some(char* buf, std::size_t n);
  /// Appends bytes up to absolute offset `end` to `out` (fewer at the end of the file).
  bool take_to(std::uint64_t end, std::string& out);
  /// Passes over the bytes up to absolute offset `end` (a seek where the source can).
  bool skip_to(std::uint64_t end);
  std::uint64_t pos() const { return pos_; }

 private:
  const image::ReadFn& read_;
  std::uint64_t pos_ = 0;
};

/// Integers of the file's class and byte order.
struct Reader {
  bool is64 = false;
  bool big_endian = false;
  std::uint64_t get(std::string_view b, std::size_t off, int size) const {
    std::uint64_t v = 0;
    for (int i = 0; i < size; ++i) {
      auto byte = static_cast<unsigned char>(b[off + static_cast<std::size_t>(big_endian ? i : size - 1 - i)]);
      v = (v << 8) | byte;
    }
    return v;
  }
};

struct Segment {
  std::uint32_t type = 0, flags = 0;
  std::uint64_t offset = 0, vaddr = 0, filesz = 0;
};

struct Headers {
  Reader reader;
  std::vector<Segment> segments;
};

/// The ELF header and program headers of a file of `size` bytes, read from `in` (at its start)
/// into `head`; nullopt when it is not ELF or its program headers end past `max_headers`.
std::optional<Headers> read_headers(std::uint64_t size, Stream& in, std::string& head, std::uint64_t max_headers);

/// Whether note segment `s` (whose bytes are in `head`) holds a note of type `type` whose name
/// field is `name` and one byte more (Go writes "Go\0\0": pass "Go\0").
bool has_note(const Reader& e, std::string_view head, const Segment& s, std::string_view name, std::uint32_t type);

/// Whether the file whose ELF header is at the start of `head` is a program: type EXEC, or DYN
/// with an interpreter (a position-independent executable). A DYN without one is a shared
/// library or a static PIE: false, the header does not tell them apart.
inline bool is_program(const Headers& h, std::string_view head) {
  if (head.size() < 18) return false;
  const std::uint64_t type = h.reader.get(head, 16, 2);
  if (type == 2) return true;
  return type == 3 && std::any_of(h.segments.begin(), h.segments.end(), [](const Segment& s) { return s.type == kPtInterp; });
}

/// Where the last loaded segment ends (what follows is not mapped at run time: non-allocated
/// sections such as cargo-auditable's).
inline std::uint64_t load_end(const std::vector<Segment>& segments) {
  std::uint64_t end = 0;
  for (const Segment& s : segments)
    if (s.type == kPtLoad) end = std::max(end, s.offset + s.filesz);
  return end;
}

}  // namespace sbom::catalog::detail::elf
