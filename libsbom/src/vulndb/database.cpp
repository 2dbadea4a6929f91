// Database: maps an index file read-only, checks its structure once, answers package queries.
#include <fcntl.h>
#include <sys/mman.h>
#include <sys/stat.h>
#include <unistd.h>

#include <algorithm>
#include <cerrno>
#include <cstring>

#include "sbom/json.h"
#include "sbom/vulndb.h"
#include "vulndb/format.h"

namespace sbom::vulndb {

using namespace detail;

struct Database::Impl {
  std::string name;
  std::string owned;               // the bytes, when held in memory
  void* map = nullptr;             // the mapping, when mapped
  std::size_t map_size = 0;
  const unsigned char* data = nullptr;
  std::size_t size = 0;
  Info info;
  std::uint64_t keys_off = 0, key_count = 0, post_off = 0, post_count = 0, rec_off = 0, rec_count = 0,
                blob_off = 0, blob_len = 0, str_off = 0, str_len = 0;

  ~Impl() {
    if (map != nullptr) ::munmap(map, map_size);
  }

  Error fail(std::string message) const {
    Error e(std::move(message));
    e.file = name;
    return e;
  }

  std::string_view key_at(std::uint64_t i) const {
    const unsigned char* k = data + keys_off + i * kKeyEntrySize;
    return {reinterpret_cast<const char*>(data + str_off + get_u32(k)), get_u32(k + 4)};
  }

  // Every offset and length is checked here, so queries can read without further checks.
  Status check() {
    if (size < kHeaderSize || std::memcmp(data, kMagic, sizeof kMagic) != 0)
      return fail("not an sbomkit vulnerability index (bad magic)");
    std::uint32_t version = get_u32(data + kVersionAt);
    if (version != kFormatVersion)
      return fail("index format version " + std::to_string(version) + " is not supported (this build reads version " +
                  std::to_string(kFormatVersion) + "); rebuild it with sbom-db build");
    auto u64 = [&](std::size_t at) { return get_u64(data + at); };
    auto within = [&](std::uint64_t off, std::uint64_t len) { return off <= size && len <= size - off; };
    std::uint64_t meta_off = u64(kMetaOffAt), meta_len = u64(kMetaLenAt);
    keys_off = u64(kKeysOffAt), key_count = u64(kKeyCountAt);
    post_off = u64(kPostOffAt), post_count = u64(kPostCountAt);
    rec_off = u64(kRecOffAt), rec_count = u64(kRecCountAt);
    blob_off = u64(kBlobOffAt), blob_len = u64(kBlobLenAt);
    str_off = u64(kStrOffAt), str_len = u64(kStrLenAt);
    if (!within(meta_off, meta_len) || !within(str_off, str_len) || key_count > size / kKeyEntrySize ||
        !within(keys_off, key_count * kKeyEntrySize) || post_count > size / 4 || !within(post_off, post_count * 4) ||
        rec_count > size / kRecordEntrySize || !within(rec_off, rec_count * kRecordEntrySize) || !within(blob_off, blob_len))
      return fail("truncated or corrupt index (section outside the file)");
    for (std::uint64_t i = 0; i < key_count; ++i) {
      const unsigned char* k = data + keys_off + i * kKeyEntrySize;
      if (!within(get_u32(k), get_u32(k + 4)) || get_u32(k) + std::uint64_t(get_u32(k + 4)) > str_len ||
          get_u32(k + 8) + std::uint64_t(get_u32(k + 12)) > post_count)
        return fail("corrupt index (package key " + std::to_string(i) + ")");
      if (i > 0 && !(key_at(i - 1) < key_at(i))) return fail("corrupt index (package keys not sorted)");
    }
    for (std::uint64_t i = 0; i < post_count; ++i)
      if (get_u32(data + post_off + i * 4) >= rec_count) return fail("corrupt index (record reference)");
    for (std::uint64_t i = 0; i < rec_count; ++i) {
      const unsigned char* r = data + rec_off + i * kRecordEntrySize;
      if (get_u64(r) > blob_len || get_u32(r + 8) > blob_len - get_u64(r)) return fail("corrupt index (record " + std::to_string(i) + ")");
    }
    info.format_version = version;
    info.build_time = static_cast<std::int64_t>(u64(kBuildTimeAt));
    info.records = rec_count;
    info.packages = key_count;
    auto meta = json::parse(std::string_view(reinterpret_cast<const char*>(data + meta_off), meta_len));
    if (!meta || !meta->is_object()) return fail("corrupt index (metadata)");
    if (const json::Value* ecos = meta->find("ecosystems"); ecos && ecos->is_object())
      for (const auto& [k, v] : ecos->as_object())
        if (v.is_number()) info.ecosystems[k] = static_cast<std::uint64_t>(v.as_number().to_double());
    if (const json::Value* srcs = meta->find("sources"); srcs && srcs->is_array())
      for (const json::Value& s : srcs->as_array()) {
        SourceInfo si;
        auto str = [&](const char* key) {
          const json::Value* v = s.find(key);
          return v && v->is_string() ? v->as_string() : std::string();
        };
        auto num = [&](const char* key) {
          const json::Value* v = s.find(key);
          return v && v->is_number() ? static_cast<std::uint64_t>(v->as_number().to_double()) : 0;
        };
        si.path = str("path");
        si.kind = str("kind");
        si.sha256 = str("sha256");
        si.records = num("records");
        si.invalid = num("invalid");
        info.sources.push_back(std::move(si));
      }
    return Ok{};
  }
};

Database::Database() : impl_(std::make_unique<Impl>()) {}
Database::Database(Database&&) noexcept = default;
Database& Database::operator=(Database&&) noexcept = default;
Database::~Database() = default;

Expected<Database> Database::open(const std::string& path) {
  Database db;
  db.impl_->name = path;
  int fd = ::open(path.c_str(), O_RDONLY | O_CLOEXEC);
  if (fd < 0) return db.impl_->fail(std::string("cannot open index: ") + std::strerror(errno));
  struct stat st {};
  if (::fstat(fd, &st) != 0 || !S_ISREG(st.st_mode)) {
    ::close(fd);
    return db.impl_->fail("not a regular file");
  }
  std::size_t size = static_cast<std::size_t>(st.st_size);
  if (size > 0) {
    void* m = ::mmap(nullptr, size, PROT_READ, MAP_PRIVATE, fd, 0);
    if (m == MAP_FAILED) {
      ::close(fd);
      return db.impl_->fail(std::string("cannot map index: ") + std::strerror(errno));
    }
    db.impl_->map = m;
    db.impl_->map_size = size;
    db.impl_->data = static_cast<const unsigned char*>(m);
  }
  ::close(fd);
  db.impl_->size = size;
  if (auto ok = db.impl_->check(); !ok) return std::move(ok.error());
  return db;
}

Expected<Database> Database::from_bytes(std::string bytes, std::string name) {
  Database db;
  db.impl_->name = std::move(name);
  db.impl_->owned = std::move(bytes);
  db.impl_->data = reinterpret_cast<const unsigned char*>(db.impl_->owned.data());
  db.impl_->size = db.impl_->owned.size();
  if (auto ok = db.impl_->check(); !ok) return std::move(ok.error());
  return db;
}

const Info& Database::info() const { return impl_->info; }

bool Database::has_ecosystem(std::string_view ecosystem) const {
  return impl_->info.ecosystems.find(std::string(ecosystem)) != impl_->info.ecosystems.end();
}

Expected<std::vector<osv::Record>> Database::query(std::string_view ecosystem, std::string_view name) const {
  const Impl& m = *impl_;
  std::string key = package_key(ecosystem, normalize_name(ecosystem, name));
  std::uint64_t lo = 0, hi = m.key_count;
  while (lo < hi) {
    std::uint64_t mid = lo + (hi - lo) / 2;
    if (m.key_at(mid) < key) lo = mid + 1;
    else hi = mid;
  }
  std::vector<osv::Record> out;
  if (lo == m.key_count || m.key_at(lo) != key) return out;
  const unsigned char* k = m.data + m.keys_off + lo * kKeyEntrySize;
  std::uint32_t first = get_u32(k + 8), count = get_u32(k + 12);
  for (std::uint32_t i = 0; i < count; ++i) {
    auto parsed = record_at(get_u32(m.data + m.post_off + (std::uint64_t(first) + i) * 4));
    if (!parsed) return std::move(parsed.error());
    out.push_back(std::move(*parsed));
  }
  return out;
}

Expected<osv::Record> Database::record_at(std::uint64_t index) const {
  const Impl& m = *impl_;
  if (index >= m.rec_count) return m.fail("no record " + std::to_string(index) + " in the index");
  const unsigned char* r = m.data + m.rec_off + index * kRecordEntrySize;
  std::string_view text(reinterpret_cast<const char*>(m.data + m.blob_off + get_u64(r)), get_u32(r + 8));
  // The name says where a damaged record sits; the index stores records the builder validated.
  return osv::parse_stored_record(text, m.name + ": record " + std::to_string(index));
}

std::vector<std::string> Database::names_ignoring_case(std::string_view ecosystem, std::string_view name) const {
  const Impl& m = *impl_;
  const std::string prefix = package_key(ecosystem, "");
  auto lower = [](char c) { return c >= 'A' && c <= 'Z' ? static_cast<char>(c - 'A' + 'a') : c; };
  std::uint64_t lo = 0, hi = m.key_count;  // the ecosystem's keys are one sorted run starting at `prefix`
  while (lo < hi) {
    std::uint64_t mid = lo + (hi - lo) / 2;
    if (m.key_at(mid) < prefix) lo = mid + 1;
    else hi = mid;
  }
  std::vector<std::string> out;
  for (; lo < m.key_count; ++lo) {
    std::string_view key = m.key_at(lo);
    if (key.substr(0, prefix.size()) != prefix) break;
    std::string_view stored = key.substr(prefix.size());
    if (stored.size() == name.size() &&
        std::equal(stored.begin(), stored.end(), name.begin(), [&](char a, char b) { return lower(a) == lower(b); }))
      out.emplace_back(stored);
  }
  return out;
}

}  // namespace sbom::vulndb
