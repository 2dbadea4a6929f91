// The on-disk layout of an index file (docs/vulndb-format.md): constants and little-endian helpers.
#pragma once

#include <algorithm>
#include <cstdint>
#include <cstring>
#include <string>
#include <string_view>

#if SBOMKIT_HAVE_ISAL
#include <isa-l/crc.h>
#else
#include <zlib.h>
#endif

namespace sbom::vulndb::detail {

inline constexpr char kMagic[8] = {'S', 'B', 'O', 'M', 'K', 'D', 'B', '\0'};
inline constexpr std::size_t kHeaderSize = 128;
inline constexpr std::size_t kKeyEntrySize = 16;     // u32 string offset, u32 length, u32 first posting, u32 count
inline constexpr std::size_t kRecordEntrySize = 16;  // u64 blob offset, u32 length, u32 CRC-32 of the record

// Header field offsets.
enum HeaderField : std::size_t {
  kVersionAt = 8,        // u32
  kHeaderSizeAt = 12,    // u32
  kBuildTimeAt = 16,     // i64
  kMetaOffAt = 24, kMetaLenAt = 32,
  kKeysOffAt = 40, kKeyCountAt = 48,
  kPostOffAt = 56, kPostCountAt = 64,
  kRecOffAt = 72, kRecCountAt = 80,
  kBlobOffAt = 88, kBlobLenAt = 96,
  kStrOffAt = 104, kStrLenAt = 112,
  kHeaderCrcAt = 120,    // u32: CRC-32 of the header with this field zero
  kTablesCrcAt = 124,    // u32: CRC-32 of every byte from the header's end to the record blob
};

inline void put_u32(std::string& out, std::size_t at, std::uint32_t v) {
  for (int i = 0; i < 4; ++i) out[at + i] = static_cast<char>((v >> (8 * i)) & 0xff);
}
inline void put_u64(std::string& out, std::size_t at, std::uint64_t v) {
  for (int i = 0; i < 8; ++i) out[at + i] = static_cast<char>((v >> (8 * i)) & 0xff);
}
inline void append_u32(std::string& out, std::uint32_t v) {
  out.resize(out.size() + 4);
  put_u32(out, out.size() - 4, v);
}
inline void append_u64(std::string& out, std::uint64_t v) {
  out.resize(out.size() + 8);
  put_u64(out, out.size() - 8, v);
}
inline std::uint32_t get_u32(const unsigned char* p) {
  return std::uint32_t(p[0]) | std::uint32_t(p[1]) << 8 | std::uint32_t(p[2]) << 16 | std::uint32_t(p[3]) << 24;
}
inline std::uint64_t get_u64(const unsigned char* p) {
  return std::uint64_t(get_u32(p)) | std::uint64_t(get_u32(p + 4)) << 32;
}

/// CRC-32 (the gzip/zlib one, ISO-HDLC polynomial): zip entries carry it, and it checksums the
/// index, where it detects every burst of up to 32 changed bits, so any one damaged byte. ISA-L
/// computes the same value about eight times faster than zlib (carry-less multiplication): every
/// record a scan reads is checked, so it is used when the build has it.
inline std::uint32_t crc32_of(std::string_view data) {
#if SBOMKIT_HAVE_ISAL
  return ::crc32_gzip_refl(0, reinterpret_cast<const unsigned char*>(data.data()), data.size());
#else
  uLong crc = ::crc32(0L, Z_NULL, 0);
  for (std::size_t off = 0; off < data.size();) {  // zlib takes 32-bit lengths
    auto n = static_cast<uInt>(std::min<std::size_t>(data.size() - off, 1u << 30));
    crc = ::crc32(crc, reinterpret_cast<const Bytef*>(data.data() + off), n);
    off += n;
  }
  return static_cast<std::uint32_t>(crc);
#endif
}

/// The header's own checksum: computed with its field zero.
inline std::uint32_t header_crc(const unsigned char* header) {
  unsigned char copy[kHeaderSize];
  std::memcpy(copy, header, kHeaderSize);
  std::memset(copy + kHeaderCrcAt, 0, 4);
  return crc32_of(std::string_view(reinterpret_cast<const char*>(copy), kHeaderSize));
}

/// The pseudo-ecosystem under which rating sources (GHSA-, CVE- records) are keyed by id and
/// alias: a control character no OSV ecosystem name has, so these keys sort first and never meet
/// a package lookup.
inline constexpr std::string_view kIdKeyspace = "\x01id";

/// The key of a package: ecosystem, a newline (never part of an ecosystem), normalised name.
inline std::string package_key(std::string_view ecosystem, std::string_view normalized_name) {
  std::string k(ecosystem);
  k += '\n';
  k += normalized_name;
  return k;
}

}  // namespace sbom::vulndb::detail
