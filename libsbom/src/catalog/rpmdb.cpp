// rpm databases read without librpm: header blobs out of Berkeley DB hash, NDB and SQLite files,
// and the header blob format itself (index entries + data store, big-endian).
#include <sqlite3.h>

#include <cstring>
#include <memory>

#include "catalog/common.h"
#include "catalog/parsers.h"

namespace sbom::catalog::detail {

namespace {

std::uint32_t be32(const unsigned char* p) {
  return (std::uint32_t{p[0]} << 24) | (std::uint32_t{p[1]} << 16) | (std::uint32_t{p[2]} << 8) | p[3];
}
std::uint32_t le32(const unsigned char* p) {
  return (std::uint32_t{p[3]} << 24) | (std::uint32_t{p[2]} << 16) | (std::uint32_t{p[1]} << 8) | p[0];
}
std::uint16_t le16(const unsigned char* p) { return static_cast<std::uint16_t>(p[0] | (p[1] << 8)); }
std::uint16_t be16(const unsigned char* p) { return static_cast<std::uint16_t>((p[0] << 8) | p[1]); }

const unsigned char* bytes(std::string_view s) { return reinterpret_cast<const unsigned char*>(s.data()); }

// rpm header tags and types (rpmtag.h).
enum Tag : std::uint32_t {
  kName = 1000, kVersion = 1001, kRelease = 1002, kEpoch = 1003, kVendor = 1011, kLicense = 1014,
  kArch = 1022, kOldFilenames = 1027, kSourceRpm = 1044, kProvideName = 1047, kRequireName = 1049,
  kDirIndexes = 1116, kBasenames = 1117, kDirNames = 1118, kModularityLabel = 5096,
};
enum Type : std::uint32_t { kInt32 = 4, kString = 6, kStringArray = 8, kI18nString = 9 };

constexpr std::uint32_t kMaxIndexEntries = 1u << 16;
constexpr std::uint32_t kMaxDataLength = 256u << 20;

}  // namespace

Expected<RpmPackage> parse_rpm_header(std::string_view blob) {
  if (blob.size() < 8) return Error("rpm header shorter than its preamble");
  const unsigned char* b = bytes(blob);
  std::uint32_t il = be32(b), dl = be32(b + 4);
  if (il == 0 || il > kMaxIndexEntries || dl > kMaxDataLength) return Error("rpm header has implausible sizes");
  const std::uint64_t data_start = 8 + std::uint64_t{il} * 16;
  if (data_start + dl > blob.size()) return Error("rpm header truncated");
  std::string_view data = blob.substr(data_start, dl);
  RpmPackage p;
  auto strings = [&](std::uint32_t off, std::uint32_t count) {
    std::vector<std::string> out;
    for (std::uint32_t i = 0; i < count && off < data.size(); ++i) {
      std::size_t end = data.find('\0', off);
      if (end == std::string_view::npos) break;
      out.emplace_back(data.substr(off, end - off));
      off = static_cast<std::uint32_t>(end + 1);
    }
    return out;
  };
  std::vector<std::string> basenames, dirnames, oldnames;
  std::vector<std::uint32_t> dirindexes;
  for (std::uint32_t i = 0; i < il; ++i) {
    const unsigned char* e = b + 8 + std::uint64_t{i} * 16;
    std::uint32_t tag = be32(e), type = be32(e + 4), off = be32(e + 8), count = be32(e + 12);
    if (off >= dl) continue;
    const bool is_string = type == kString || type == kI18nString;
    auto first = [&]() {
      auto v = strings(off, 1);
      return v.empty() ? std::string() : v[0];
    };
    switch (tag) {
      case kName: if (is_string) p.name = first(); break;
      case kVersion: if (is_string) p.version = first(); break;
      case kRelease: if (is_string) p.release = first(); break;
      case kArch: if (is_string) p.arch = first(); break;
      case kSourceRpm: if (is_string) p.source_rpm = first(); break;
      case kLicense: if (is_string) p.license = first(); break;
      case kVendor: if (is_string) p.vendor = first(); break;
      case kModularityLabel: if (is_string) p.modularity_label = first(); break;
      case kEpoch:
        if (type == kInt32 && count >= 1 && std::uint64_t{off} + 4 <= dl) p.epoch = std::to_string(be32(bytes(data) + off));
        break;
      case kBasenames: if (type == kStringArray) basenames = strings(off, count); break;
      case kDirNames: if (type == kStringArray) dirnames = strings(off, count); break;
      case kOldFilenames: if (type == kStringArray) oldnames = strings(off, count); break;
      case kProvideName: if (type == kStringArray) p.provides = strings(off, count); break;
      case kRequireName: if (type == kStringArray) p.requires_ = strings(off, count); break;
      case kDirIndexes:
        if (type == kInt32 && std::uint64_t{off} + std::uint64_t{count} * 4 <= dl) {
          for (std::uint32_t k = 0; k < count; ++k) dirindexes.push_back(be32(bytes(data) + off + 4 * k));
        }
        break;
      default: break;
    }
  }
  if (p.name.empty()) return Error("rpm header has no name");
  for (std::size_t i = 0; i < basenames.size() && i < dirindexes.size(); ++i) {
    if (dirindexes[i] < dirnames.size()) p.files.push_back(dirnames[dirindexes[i]] + basenames[i]);
  }
  if (p.files.empty()) p.files = std::move(oldnames);
  return p;
}

Expected<std::vector<std::string>> bdb_blobs(std::string_view db) {
  constexpr std::uint32_t kHashMagic = 0x061561;
  constexpr std::size_t kPageHeader = 26;
  constexpr unsigned char kOverflow = 7, kHashUnsorted = 2, kHash = 13, kOffPage = 3;
  if (db.size() < 512) return Error("berkeley db file too short");
  const unsigned char* b = bytes(db);
  bool swapped;
  if (le32(b + 12) == kHashMagic) swapped = false;
  else if (be32(b + 12) == kHashMagic) swapped = true;
  else return Error("not a berkeley db hash file");
  auto u32 = [&](const unsigned char* p) { return swapped ? be32(p) : le32(p); };
  auto u16 = [&](const unsigned char* p) { return swapped ? be16(p) : le16(p); };
  const std::uint32_t page_size = u32(b + 20);
  if (page_size < 512 || page_size > 65536 || (page_size & (page_size - 1))) return Error("berkeley db: bad page size");
  const std::uint32_t last = u32(b + 32);
  const std::uint64_t pages = db.size() / page_size;
  if (last >= pages) return Error("berkeley db truncated: " + std::to_string(last + 1) + " pages expected");
  auto page = [&](std::uint32_t n) { return b + std::uint64_t{n} * page_size; };
  std::vector<std::string> out;
  for (std::uint32_t n = 0; n <= last; ++n) {
    const unsigned char* pg = page(n);
    if (pg[25] != kHash && pg[25] != kHashUnsorted) continue;
    const std::uint16_t entries = u16(pg + 20);
    if (kPageHeader + std::size_t{entries} * 2 > page_size) return Error("berkeley db: bad entry count on page " + std::to_string(n));
    // Entries come in key/value pairs; the values of rpm's Packages are the header blobs.
    for (std::uint16_t i = 1; i < entries; i += 2) {
      const std::uint16_t off = u16(pg + kPageHeader + 2 * std::size_t{i});
      if (std::size_t{off} + 12 > page_size || pg[off] != kOffPage) continue;
      std::uint32_t next = u32(pg + off + 4);
      const std::uint32_t total = u32(pg + off + 8);
      std::string blob;
      for (std::uint32_t hops = 0; next != 0; ++hops) {
        if (next > last || hops > last) return Error("berkeley db: broken overflow chain at page " + std::to_string(n));
        const unsigned char* ov = page(next);
        if (ov[25] != kOverflow) return Error("berkeley db: page " + std::to_string(next) + " is not an overflow page");
        const std::uint32_t after = u32(ov + 16);
        std::size_t len = after == 0 ? u16(ov + 22) : page_size - kPageHeader;
        if (len > page_size - kPageHeader) return Error("berkeley db: bad overflow length on page " + std::to_string(next));
        blob.append(reinterpret_cast<const char*>(ov + kPageHeader), len);
        next = after;
      }
      if (blob.size() > total) blob.resize(total);
      out.push_back(std::move(blob));
    }
  }
  return out;
}

Expected<std::vector<std::string>> ndb_blobs(std::string_view db) {
  constexpr std::uint32_t kHeaderMagic = 'R' | ('p' << 8) | ('m' << 16) | (std::uint32_t{'P'} << 24);
  constexpr std::uint32_t kSlotMagic = 'S' | ('l' << 8) | ('o' << 16) | (std::uint32_t{'t'} << 24);
  constexpr std::uint32_t kBlobMagic = 'B' | ('l' << 8) | ('b' << 16) | (std::uint32_t{'S'} << 24);
  if (db.size() < 32) return Error("ndb file too short");
  const unsigned char* b = bytes(db);
  if (le32(b) != kHeaderMagic || le32(b + 4) != 0) return Error("not an ndb rpm database");
  const std::uint32_t slot_pages = le32(b + 12);
  if (slot_pages == 0 || slot_pages > 2048) return Error("ndb: implausible slot page count");
  // The 32-byte header takes the place of the first two slots of the first page.
  const std::uint64_t slots = std::uint64_t{slot_pages} * 256 - 2;
  if (32 + slots * 16 > db.size()) return Error("ndb truncated in its slot pages");
  std::vector<std::string> out;
  for (std::uint64_t i = 0; i < slots; ++i) {
    const unsigned char* s = b + 32 + i * 16;
    if (le32(s) != kSlotMagic) return Error("ndb: bad slot magic in slot " + std::to_string(i));
    const std::uint32_t pkg = le32(s + 4);
    if (pkg == 0) continue;
    const std::uint64_t off = std::uint64_t{le32(s + 8)} * 16;
    if (off + 16 > db.size()) return Error("ndb: slot " + std::to_string(i) + " points past the end");
    const unsigned char* h = b + off;
    if (le32(h) != kBlobMagic || le32(h + 4) != pkg) return Error("ndb: bad blob header for package " + std::to_string(pkg));
    const std::uint64_t len = le32(h + 12);
    if (off + 16 + len > db.size()) return Error("ndb: blob of package " + std::to_string(pkg) + " truncated");
    out.emplace_back(db.substr(off + 16, len));
  }
  return out;
}

Expected<std::vector<std::string>> sqlite_blobs(std::string_view db) {
  if (db.size() < 100 || db.substr(0, 16) != std::string_view("SQLite format 3\0", 16)) return Error("not an sqlite database");
  // sqlite owns the copy; a WAL-mode header is turned into rollback mode (no -wal file in memory).
  auto* mem = static_cast<unsigned char*>(sqlite3_malloc64(db.size()));
  if (!mem) return Error("out of memory");
  std::memcpy(mem, db.data(), db.size());
  if (mem[18] == 2) mem[18] = 1;
  if (mem[19] == 2) mem[19] = 1;
  sqlite3* conn = nullptr;
  if (sqlite3_open_v2(":memory:", &conn, SQLITE_OPEN_READWRITE, nullptr) != SQLITE_OK) {
    sqlite3_free(mem);
    sqlite3_close(conn);
    return Error("cannot open sqlite");
  }
  std::unique_ptr<sqlite3, int (*)(sqlite3*)> guard(conn, sqlite3_close);
  if (sqlite3_deserialize(conn, "main", mem, static_cast<sqlite3_int64>(db.size()), static_cast<sqlite3_int64>(db.size()),
                          SQLITE_DESERIALIZE_FREEONCLOSE | SQLITE_DESERIALIZE_READONLY) != SQLITE_OK) {
    return Error(std::string("sqlite: ") + sqlite3_errmsg(conn));
  }
  sqlite3_stmt* st = nullptr;
  if (sqlite3_prepare_v2(conn, "SELECT blob FROM Packages ORDER BY hnum", -1, &st, nullptr) != SQLITE_OK) {
    return Error(std::string("sqlite: ") + sqlite3_errmsg(conn));
  }
  std::unique_ptr<sqlite3_stmt, int (*)(sqlite3_stmt*)> sguard(st, sqlite3_finalize);
  std::vector<std::string> out;
  int rc;
  while ((rc = sqlite3_step(st)) == SQLITE_ROW) {
    const void* p = sqlite3_column_blob(st, 0);
    int n = sqlite3_column_bytes(st, 0);
    out.emplace_back(static_cast<const char*>(p), p ? static_cast<std::size_t>(n) : 0);
  }
  if (rc != SQLITE_DONE) return Error(std::string("sqlite: ") + sqlite3_errmsg(conn));
  return out;
}

std::vector<RpmPackage> parse_rpm_manifest(std::string_view text, std::string_view file, const Diagnostics& diags) {
  std::vector<RpmPackage> out;
  std::uint32_t line_no = 0;
  while (!text.empty()) {
    std::size_t nl = text.find('\n');
    std::string_view line = text.substr(0, nl);
    text = nl == std::string_view::npos ? std::string_view{} : text.substr(nl + 1);
    ++line_no;
    if (trim(line).empty()) continue;
    std::vector<std::string_view> cols;
    for (std::size_t start = 0;;) {
      std::size_t tab = line.find('\t', start);
      cols.push_back(line.substr(start, tab == std::string_view::npos ? tab : tab - start));
      if (tab == std::string_view::npos) break;
      start = tab + 1;
    }
    std::size_t dash = cols.size() >= 2 ? cols[1].rfind('-') : std::string_view::npos;
    if (cols.size() != 10 || cols[0].empty() || dash == std::string_view::npos || dash == 0) {
      diags.warn_at(file, line_no, "not a container-manifest-2 line");
      continue;
    }
    RpmPackage p;
    p.name = std::string(cols[0]);
    p.version = std::string(cols[1].substr(0, dash));
    p.release = std::string(cols[1].substr(dash + 1));
    p.vendor = cols[4] == "(none)" ? std::string() : std::string(cols[4]);
    p.epoch = cols[5] == "(none)" ? std::string() : std::string(cols[5]);
    p.arch = std::string(cols[7]);
    p.source_rpm = cols[9] == "(none)" ? std::string() : std::string(trim(cols[9]));
    out.push_back(std::move(p));
  }
  return out;
}

Expected<std::vector<std::string>> rpmdb_blobs(std::string_view db, std::string_view name) {
  Expected<std::vector<std::string>> r = Error("unknown rpm database format");
  if (db.starts_with(std::string_view("SQLite format 3\0", 16))) r = sqlite_blobs(db);
  else if (db.starts_with("RpmP")) r = ndb_blobs(db);
  else r = bdb_blobs(db);
  if (!r) r.error().in_file(name);
  return r;
}

}  // namespace sbom::catalog::detail
