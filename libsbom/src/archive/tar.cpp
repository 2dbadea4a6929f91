// ustar writing and strict reading for bundles (tar.h).
#include "archive/tar.h"

#include <algorithm>
#include <cstring>
#include <set>

namespace sbom::archive::tar {

namespace {

constexpr std::size_t kBlock = 512;

// `value` in octal, zero-padded to width-1 digits and a NUL.
void put_octal(char* field, std::size_t width, std::uint64_t value) {
  std::string digits(width - 1, '0');
  for (std::size_t i = width - 1; i-- > 0 && value; value >>= 3) digits[i] = static_cast<char>('0' + (value & 7));
  std::memcpy(field, digits.data(), width - 1);
  field[width - 1] = '\0';
}

unsigned checksum(const unsigned char* h) {
  unsigned sum = 0;
  for (std::size_t i = 0; i < kBlock; ++i) sum += (i >= 148 && i < 156) ? ' ' : h[i];
  return sum;
}

// An octal field: optional leading spaces, digits, then NULs or spaces; nullopt otherwise.
bool parse_octal(const char* field, std::size_t width, std::uint64_t& out) {
  std::size_t i = 0;
  while (i < width && field[i] == ' ') ++i;
  std::size_t digits = 0;
  out = 0;
  for (; i < width && field[i] >= '0' && field[i] <= '7'; ++i, ++digits) {
    if (out >> 60) return false;
    out = out * 8 + static_cast<unsigned>(field[i] - '0');
  }
  for (; i < width; ++i)
    if (field[i] != '\0' && field[i] != ' ') return false;
  return digits > 0;
}

std::string field_text(const char* field, std::size_t width) {
  return std::string(field, strnlen(field, width));
}

Error at(std::string_view name, std::uint64_t offset, std::string message) {
  Error e("byte " + std::to_string(offset) + ": " + message);
  e.file = name;
  return e;
}

}  // namespace

std::string bad_path(std::string_view path) {
  if (path.empty()) return "an empty name";
  if (path.size() > 100) return "a name longer than 100 bytes";
  if (path.front() == '/') return "an absolute path";
  for (unsigned char c : path)
    if (c < 0x20 || c == 0x7f || c == '\\') return "a control character or backslash in the name";
  std::size_t start = 0;
  while (true) {
    std::size_t end = path.find('/', start);
    std::string_view seg = path.substr(start, end == std::string_view::npos ? std::string_view::npos : end - start);
    if (seg == "..") return "a '..' segment that leaves the bundle";
    if (seg == "." || seg.empty()) return "an empty or '.' segment";
    if (end == std::string_view::npos) break;
    start = end + 1;
  }
  return {};
}

Expected<std::string> write(const std::vector<File>& files, std::int64_t mtime) {
  std::string out;
  for (const File& f : files) {
    if (std::string why = bad_path(f.path); !why.empty()) return Error("member '" + f.path + "': " + why);
    char h[kBlock] = {};
    std::memcpy(h, f.path.data(), f.path.size());
    put_octal(h + 100, 8, 0644);
    put_octal(h + 108, 8, 0);
    put_octal(h + 116, 8, 0);
    put_octal(h + 124, 12, f.data.size());
    put_octal(h + 136, 12, static_cast<std::uint64_t>(std::max<std::int64_t>(mtime, 0)));
    h[156] = '0';
    std::memcpy(h + 257, "ustar", 6);
    std::memcpy(h + 263, "00", 2);
    put_octal(h + 329, 8, 0);
    put_octal(h + 337, 8, 0);
    put_octal(h + 148, 7, checksum(reinterpret_cast<unsigned char*>(h)));
    h[155] = ' ';
    out.append(h, kBlock);
    out.append(f.data);
    out.append((kBlock - f.data.size() % kBlock) % kBlock, '\0');
  }
  out.append(2 * kBlock, '\0');
  return out;
}

Expected<std::vector<Entry>> read(std::string_view bytes, std::string_view name) {
  std::vector<Entry> entries;
  std::set<std::string, std::less<>> seen;
  std::uint64_t pos = 0;
  if (bytes.empty()) return at(name, 0, "empty; a bundle is a tar archive");
  while (true) {
    if (bytes.size() - pos < kBlock) {
      if (pos == bytes.size() && !entries.empty()) return at(name, pos, "truncated: the archive ends without its end-of-archive blocks");
      return at(name, pos, entries.empty() && pos == 0 ? "not a tar archive (shorter than one header)"
                                                       : "truncated: a header is cut short");
    }
    const char* h = bytes.data() + pos;
    if (std::all_of(h, h + kBlock, [](char c) { return c == '\0'; })) {
      // The end: nothing but zeros may follow (a second zero block, record padding).
      for (std::uint64_t i = pos; i < bytes.size(); ++i)
        if (bytes[i] != '\0') return at(name, i, "data after the end-of-archive block");
      if (entries.empty()) return at(name, 0, "an empty tar archive; a bundle holds a manifest");
      return entries;
    }
    std::uint64_t want = 0;
    if (!parse_octal(h + 148, 8, want) || want != checksum(reinterpret_cast<const unsigned char*>(h)))
      return at(name, pos, pos == 0 ? "not a tar archive (the header checksum does not match)"
                                    : "a header whose checksum does not match");
    if (std::memcmp(h + 257, "ustar", 5) != 0) return at(name, pos, "not a ustar header (a pre-POSIX tar)");
    std::string path = field_text(h, 100);
    if (std::string prefix = field_text(h + 345, 155); !prefix.empty()) path = prefix + "/" + path;
    const char type = h[156];
    const std::string who = "member '" + path + "'";
    if (type != '0' && type != '\0') {
      std::string what = type == '1' ? "a hard link" : type == '2' ? "a symbolic link" : type == '5' ? "a directory"
                         : type == '3' || type == '4' ? "a device" : type == '6' ? "a FIFO"
                         : type == 'x' || type == 'g' ? "a pax header" : type == 'L' || type == 'K' ? "a GNU long-name header"
                         : std::string("of type '") + (type >= 0x20 && type < 0x7f ? std::string(1, type) : "?") + "'";
      return at(name, pos, who + " is " + what + "; a bundle holds regular files only");
    }
    if (std::string why = bad_path(path); !why.empty()) return at(name, pos, who + ": " + why);
    std::uint64_t size = 0;
    if (!parse_octal(h + 124, 12, size)) return at(name, pos, who + ": the size field is not an octal number");
    const std::uint64_t data = pos + kBlock;
    const std::uint64_t have = bytes.size() - data;
    if (size > have) return at(name, pos, who + ": truncated (" + std::to_string(have) + " of " + std::to_string(size) + " bytes)");
    if (seen.contains(path)) return at(name, pos, who + " appears twice");
    seen.insert(path);
    entries.push_back(Entry{path, bytes.substr(data, size), pos});
    const std::uint64_t padded = (size + kBlock - 1) / kBlock * kBlock;
    if (padded > have) return at(name, data + size, who + ": truncated (its padding is cut short)");
    pos = data + padded;
  }
}

}  // namespace sbom::archive::tar
