// OSV inputs: zips (central directory walked, entries inflated by ISA-L or zlib), directory walks, whole files.
#include "vulndb/source.h"
#include "sbom/text.h"

#include "vulndb/format.h"
#include "sbom/vulndb.h"

#include <openssl/evp.h>
#ifdef SBOMKIT_HAVE_ISAL
#include <isa-l.h>
#endif
#include <zlib.h>

#include <algorithm>
#include <cerrno>
#include <cstdio>
#include <cstring>
#include <filesystem>
#include <functional>
#include <memory>

#include <fcntl.h>
#include <sys/mman.h>
#include <sys/stat.h>
#include <unistd.h>

namespace sbom::vulndb::detail {
namespace fs = std::filesystem;

using text::sha256_hex;

bool is_record_name(std::string_view name) {
  auto ends = [&](std::string_view s) { return name.size() > s.size() && name.substr(name.size() - s.size()) == s; };
  return ends(".json") || ends(".yaml") || ends(".yml") || ends(".json.gz");
}

Expected<std::string> read_whole_file(const std::string& path) {
  std::FILE* f = std::fopen(path.c_str(), "rb");
  if (f == nullptr) {
    Error e(std::string("cannot open: ") + std::strerror(errno));
    e.file = path;
    return e;
  }
  std::string out;
  // One read into a buffer of the file's size; the loop covers pipes and files that grow.
  struct stat st {};
  if (::fstat(::fileno(f), &st) == 0 && S_ISREG(st.st_mode) && st.st_size > 0) {
    out.resize(static_cast<std::size_t>(st.st_size));
    out.resize(std::fread(out.data(), 1, out.size(), f));
  }
  char buf[1 << 16];
  std::size_t n;
  while ((n = std::fread(buf, 1, sizeof buf, f)) > 0) out.append(buf, n);
  bool failed = std::ferror(f) != 0;
  std::fclose(f);
  if (failed) {
    Error e("read error");
    e.file = path;
    return e;
  }
  return out;
}

namespace {

std::uint32_t le16(const unsigned char* p) { return std::uint32_t(p[0]) | std::uint32_t(p[1]) << 8; }
std::uint32_t le32(const unsigned char* p) { return le16(p) | le16(p + 2) << 16; }
std::uint64_t le64(const unsigned char* p) { return std::uint64_t(le32(p)) | std::uint64_t(le32(p + 4)) << 32; }

constexpr std::uint32_t kLocalSig = 0x04034b50, kCentralSig = 0x02014b50, kEndSig = 0x06054b50,
                        kEnd64LocatorSig = 0x07064b50, kEnd64Sig = 0x06064b50;
// One record is a few kilobytes; a larger entry is a damaged or hostile archive, not an advisory.
constexpr std::uint64_t kMaxEntrySize = std::uint64_t{1} << 30;


// Raw deflate data into `out`, which has the entry's size; false when the data is damaged or
// does not fill `out` exactly.
bool inflate_raw(std::string_view in, std::string& out, std::uint32_t& crc) {
#ifdef SBOMKIT_HAVE_ISAL
  // ISA-L decodes deflate several times faster than zlib, and gives the CRC-32 on the way.
  inflate_state st;
  isal_inflate_init(&st);
  st.next_in = reinterpret_cast<std::uint8_t*>(const_cast<char*>(in.data()));
  st.avail_in = static_cast<std::uint32_t>(in.size());
  st.next_out = reinterpret_cast<std::uint8_t*>(out.data());
  st.avail_out = static_cast<std::uint32_t>(out.size());
  st.crc_flag = ISAL_GZIP_NO_HDR;
  if (isal_inflate_stateless(&st) != ISAL_DECOMP_OK || st.total_out != out.size()) return false;
  crc = st.crc;
  return true;
#else
  z_stream z{};
  if (inflateInit2(&z, -MAX_WBITS) != Z_OK) return false;
  z.next_in = reinterpret_cast<Bytef*>(const_cast<char*>(in.data()));
  z.avail_in = static_cast<uInt>(in.size());
  z.next_out = reinterpret_cast<Bytef*>(out.data());
  z.avail_out = static_cast<uInt>(out.size());
  int r = inflate(&z, Z_FINISH);
  bool ok = r == Z_STREAM_END && z.total_out == out.size();
  inflateEnd(&z);
  if (ok) crc = crc32_of(out);
  return ok;
#endif
}

}  // namespace

bool is_gzip(std::string_view data) { return data.size() >= 2 && data[0] == '\x1f' && data[1] == '\x8b'; }

// zlib streams (gzip members one after another, as the feeds' .gz files may be); the 1 GiB bound of
// zip entries holds here too, so a small file cannot claim unbounded memory.
Expected<std::string> gunzip(std::string_view data, std::string_view name) {
  auto fail = [&](std::string why) {
    Error e("gzip: " + why);
    e.file = std::string(name);
    return e;
  };
  std::string out;
  z_stream z{};
  if (inflateInit2(&z, 16 + MAX_WBITS) != Z_OK) return fail("cannot start decompression");
  std::unique_ptr<z_stream, int (*)(z_stream*)> end(&z, inflateEnd);
  std::size_t at = 0;
  char buf[1 << 16];
  while (at < data.size()) {
    z.next_in = reinterpret_cast<Bytef*>(const_cast<char*>(data.data() + at));
    z.avail_in = static_cast<uInt>(std::min<std::size_t>(data.size() - at, 1u << 30));
    std::size_t given = z.avail_in;
    z.next_out = reinterpret_cast<Bytef*>(buf);
    z.avail_out = sizeof buf;
    int r = inflate(&z, Z_NO_FLUSH);
    at += given - z.avail_in;
    out.append(buf, sizeof buf - z.avail_out);
    if (out.size() > kMaxEntrySize) return fail("larger than 1 GiB when decompressed");
    if (r == Z_STREAM_END) {
      if (at < data.size() && !is_gzip(data.substr(at))) return fail("data after the end of the gzip stream");
      if (inflateReset(&z) != Z_OK) return fail("cannot restart decompression");
      continue;
    }
    if (r == Z_BUF_ERROR && z.avail_in == 0 && at == data.size()) break;
    if (r != Z_OK && r != Z_BUF_ERROR) return fail(std::string("corrupt data") + (z.msg != nullptr ? std::string(" (") + z.msg + ")" : ""));
  }
  if (z.total_in != 0 || z.total_out != 0) return fail("truncated data");
  return out;
}

Expected<std::string> unpack(const InputFile& file) {
  if (!file.packed) return file.text;
  const InputFile::Packed& p = *file.packed;
  auto fail = [&](const char* why) {
    Error e(why);
    e.file = file.name;
    return e;
  };
  std::string text;
  std::uint32_t crc = 0;
  if (p.method == 0) {
    text.assign(p.data);
    crc = crc32_of(text);
  } else {
    text.resize(p.size);
    if (p.size > 0 && !inflate_raw(p.data, text, crc)) return fail("damaged deflate data");
  }
  if (p.size > 0 && crc != p.crc) return fail("CRC mismatch (damaged archive)");
  return text;
}

// The archive is mapped and walked by its central directory: the OSV zips are a few tens of
// megabytes, and decoding each entry in one call is what makes the build fast.
Status read_zip(const std::string& path, const BatchSink& sink, std::string& sha256) {
  auto fail = [&](std::string what) {
    Error e(std::move(what));
    e.file = path;
    return e;
  };
  // Mapped rather than read: no copy, and no anonymous memory the size of the archive.
  int fd = ::open(path.c_str(), O_RDONLY | O_CLOEXEC);
  if (fd < 0) return fail(std::string("cannot open: ") + std::strerror(errno));
  struct stat st {};
  if (::fstat(fd, &st) != 0 || !S_ISREG(st.st_mode) || st.st_size <= 0) {
    ::close(fd);
    return fail("not a zip archive: not a regular file");
  }
  const auto size = static_cast<std::uint64_t>(st.st_size);
  void* map = ::mmap(nullptr, size, PROT_READ, MAP_PRIVATE, fd, 0);
  ::close(fd);
  if (map == MAP_FAILED) return fail(std::string("cannot map: ") + std::strerror(errno));
  std::unique_ptr<void, std::function<void(void*)>> unmap(map, [size](void* m) { ::munmap(m, size); });
  ::madvise(map, size, MADV_SEQUENTIAL);
  const auto* z = static_cast<const unsigned char*>(map);
  sha256 = sha256_hex(std::string_view(static_cast<const char*>(map), size));
  auto within = [&](std::uint64_t off, std::uint64_t len) { return off <= size && len <= size - off; };

  // End of central directory: the last signature in the final 22 + 65,535 (comment) bytes.
  if (size < 22) return fail("not a zip archive: too short");
  std::uint64_t end = size - 22;
  const std::uint64_t lowest = size - 22 > 0xffff ? size - 22 - 0xffff : 0;
  while (le32(z + end) != kEndSig || end + 22 + le16(z + end + 20) > size) {
    if (end == lowest) return fail("not a zip archive: no end of central directory");
    --end;
  }
  std::uint64_t entries = le16(z + end + 10), cd_size = le32(z + end + 12), cd_off = le32(z + end + 16);
  if (entries == 0xffff || cd_size == 0xffffffff || cd_off == 0xffffffff) {
    if (end < 20 || le32(z + end - 20) != kEnd64LocatorSig) return fail("zip archive: zip64 locator missing");
    std::uint64_t e64 = le64(z + end - 20 + 8);
    if (!within(e64, 56) || le32(z + e64) != kEnd64Sig) return fail("zip archive: bad zip64 end of central directory");
    entries = le64(z + e64 + 32);
    cd_size = le64(z + e64 + 40);
    cd_off = le64(z + e64 + 48);
  }
  if (!within(cd_off, cd_size)) return fail("zip archive: central directory outside the file");

  std::vector<InputFile> out;
  std::uint64_t at = cd_off;
  for (std::uint64_t i = 0; i < entries; ++i) {
    if (!within(at, 46) || le32(z + at) != kCentralSig) return fail("zip archive: damaged central directory");
    const unsigned char* h = z + at;
    std::uint32_t flags = le16(h + 8), method = le16(h + 10), crc = le32(h + 16);
    std::uint64_t csize = le32(h + 20), usize = le32(h + 24), local = le32(h + 42);
    std::uint32_t name_len = le16(h + 28), extra_len = le16(h + 30), comment_len = le16(h + 32);
    if (!within(at + 46, std::uint64_t{name_len} + extra_len + comment_len)) return fail("zip archive: damaged central directory");
    std::string name(reinterpret_cast<const char*>(h + 46), name_len);
    // zip64 sizes and offset, for the fields that overflowed, in this order.
    for (const unsigned char *x = h + 46 + name_len, *x_end = x + extra_len; x + 4 <= x_end;) {
      std::uint32_t id = le16(x), len = le16(x + 2);
      const unsigned char* v = x + 4;
      if (v + len > x_end) break;
      if (id == 1) {
        const unsigned char* v_end = v + len;
        for (std::uint64_t* field : {&usize, &csize, &local})
          if (*field == 0xffffffff && v + 8 <= v_end) {
            *field = le64(v);
            v += 8;
          }
      }
      x = x + 4 + len;
    }
    at += 46 + std::uint64_t{name_len} + extra_len + comment_len;
    if ((!name.empty() && name.back() == '/') || !is_record_name(name)) continue;
    auto entry_fail = [&](const std::string& why) { return fail("entry " + name + ": " + why); };
    if (flags & 1) return entry_fail("encrypted entries are not supported");
    if (usize > kMaxEntrySize) return entry_fail("larger than 1 GiB");
    if (!within(local, 30) || le32(z + local) != kLocalSig) return entry_fail("local header missing");
    std::uint64_t data_at = local + 30 + le16(z + local + 26) + le16(z + local + 28);
    if (!within(data_at, csize)) return entry_fail("data outside the file (truncated archive?)");
    if (method != 0 && method != 8) return entry_fail("unsupported compression method " + std::to_string(method));
    if (method == 0 && csize != usize) return entry_fail("stored entry with two sizes");
    InputFile file;
    file.name = path + ":" + name;
    file.packed = InputFile::Packed{std::string_view(reinterpret_cast<const char*>(z + data_at), csize), method, usize, crc};
    out.push_back(std::move(file));
    if (out.size() == kBatchFiles) {
      sink(std::move(out));
      out.clear();
    }
  }
  if (!out.empty()) sink(std::move(out));
  return Ok{};
}

Status read_directory(const std::string& dir, const BatchSink& sink, std::string& sha256) {
  std::vector<InputFile> out;
  std::vector<fs::path> paths;
  std::error_code ec;
  for (fs::recursive_directory_iterator it(dir, ec), end; !ec && it != end; it.increment(ec)) {
    if (it->is_regular_file(ec) && is_record_name(it->path().filename().string())) paths.push_back(it->path());
  }
  if (ec) {
    Error e("cannot read directory: " + ec.message());
    e.file = dir;
    return e;
  }
  std::sort(paths.begin(), paths.end());
  std::string listing;
  for (const fs::path& p : paths) {
    auto text = read_whole_file(p.string());
    if (!text) return std::move(text.error());
    listing += fs::relative(p, dir).generic_string();
    listing += '\0';
    listing += sha256_hex(*text);
    listing += '\n';
    out.push_back(InputFile{p.string(), std::move(*text), {}});
    if (out.size() == kBatchFiles) {
      sink(std::move(out));
      out.clear();
    }
  }
  if (!out.empty()) sink(std::move(out));
  sha256 = sha256_hex(listing);
  return Ok{};
}

}  // namespace sbom::vulndb::detail

namespace sbom::vulndb {

Expected<std::string> file_sha256(const std::string& path) {
  auto text = detail::read_whole_file(path);
  if (!text) return std::move(text.error());
  return text::sha256_hex(*text);
}

}  // namespace sbom::vulndb
