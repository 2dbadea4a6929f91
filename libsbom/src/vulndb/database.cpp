// Database: maps an index file read-only, checks its structure and checksums once, answers
// package queries; every read of the mapping is guarded against the file shrinking under it.
#include <fcntl.h>
#include <setjmp.h>
#include <signal.h>
#include <sys/mman.h>
#include <sys/stat.h>
#include <unistd.h>

#include <algorithm>
#include <atomic>
#include <cerrno>
#include <cstdio>
#include <cstring>
#include <mutex>

#include "sbom/json.h"
#include "sbom/text.h"
#include "sbom/vulndb.h"
#include "vulndb/format.h"

namespace sbom::vulndb {

using namespace detail;

namespace {

// A mapped file that is truncated while mapped makes every read of a page past its new end raise
// SIGBUS, which kills the process (an index rewritten in place under a running scan, a full disk
// truncating a copy). So the mapping is read only inside guarded() calls: a SIGBUS on this
// thread while its guard is set jumps back, and the read becomes an error. Any other SIGBUS gets
// the disposition that was there before (the handler puts it back and returns, so the faulting
// instruction runs again under it). The guarded code only reads the mapping into memory that
// already exists: nothing is allocated or owned across the jump.
thread_local sigjmp_buf* volatile t_guard = nullptr;
struct sigaction g_previous_sigbus {};

extern "C" void on_sigbus(int sig, siginfo_t*, void*) {
  if (sigjmp_buf* guard = t_guard; guard != nullptr) siglongjmp(*guard, 1);
  ::sigaction(sig, &g_previous_sigbus, nullptr);
}

void install_sigbus_guard() {
  static std::once_flag once;
  std::call_once(once, [] {
    struct sigaction sa {};
    sa.sa_sigaction = on_sigbus;
    // SA_NODEFER: the jump out of the handler leaves SIGBUS unblocked without saving the mask
    // (sigsetjmp(.., 0) costs no system call per read).
    sa.sa_flags = SA_SIGINFO | SA_NODEFER;
    sigemptyset(&sa.sa_mask);
    ::sigaction(SIGBUS, &sa, &g_previous_sigbus);
  });
}

// Runs `read`; false when the file no longer backs what it read.
template <typename Read>
bool guarded(Read&& read) {
  sigjmp_buf env;
  if (sigsetjmp(env, 0) != 0) {
    t_guard = nullptr;
    return false;
  }
  t_guard = &env;
  std::atomic_signal_fence(std::memory_order_seq_cst);
  read();
  std::atomic_signal_fence(std::memory_order_seq_cst);
  t_guard = nullptr;
  return true;
}

constexpr const char* kRebuild = "; rebuild it with sbom-db build";

// What the structural check found (the message is made after the guarded reads).
enum class Problem { kNone, kTablesChecksum, kKey, kKeyOrder, kPosting, kRecord };

}  // namespace

struct Database::Impl {
  std::string name;
  std::string owned;               // the bytes, when held in memory
  void* map = nullptr;             // the mapping, when mapped
  std::size_t map_size = 0;
  const unsigned char* data = nullptr;
  Info info;
  std::once_flag digest_once;
  std::string digest;  // of the whole file, once asked for
  std::uint32_t version = 0;
  std::uint64_t meta_off = 0, meta_len = 0, keys_off = 0, key_count = 0, post_off = 0, post_count = 0, rec_off = 0,
                rec_count = 0, blob_off = 0, blob_len = 0, str_off = 0, str_len = 0;

  ~Impl() {
    if (map != nullptr) ::munmap(map, map_size);
  }

  Error fail(std::string message) const {
    Error e(std::move(message));
    e.file = name;
    return e;
  }
  Error truncated() const {
    return fail("the index file was truncated while in use (replace an index by renaming a new file over it, as "
                "sbom-db does)");
  }
  Error changed() const {
    return fail("the index file changed while in use (replace an index by renaming a new file over it, as sbom-db "
                "does)");
  }

  // Key `i`, or false when its string is outside the strings. Reads after open check again what
  // they use: a file rewritten in place (same size) while mapped may no longer hold what open checked.
  bool key_at(std::uint64_t i, std::string_view& key) const {
    const unsigned char* k = data + keys_off + i * kKeyEntrySize;
    std::uint64_t off = get_u32(k), len = get_u32(k + 4);
    if (off > str_len || len > str_len - off) return false;
    key = {reinterpret_cast<const char*>(data + str_off + off), static_cast<std::size_t>(len)};
    return true;
  }

  // The first key not less than `key` (key_count when none), or false when a key read is outside
  // the strings. Reads the mapping: call it inside guarded().
  bool lower_bound(std::string_view key, std::uint64_t& at) const {
    std::uint64_t lo = 0, hi = key_count;
    std::string_view k;
    while (lo < hi) {
      std::uint64_t mid = lo + (hi - lo) / 2;
      if (!key_at(mid, k)) return false;
      if (k < key) lo = mid + 1;
      else hi = mid;
    }
    at = lo;
    return true;
  }

  // The header of a file of `file_size` bytes: magic, version, its checksum, and where the blob is
  // (it ends the file: every byte of a file is under some checksum).
  Status check_header(const unsigned char* h, std::uint64_t file_size) {
    if (file_size == 0) return fail("not an sbomkit vulnerability index (empty file)");
    if (file_size < sizeof kMagic || std::memcmp(h, kMagic, sizeof kMagic) != 0)
      return fail("not an sbomkit vulnerability index (bad magic)");
    if (file_size < kHeaderSize) return fail(std::string("truncated index (shorter than its header)") + kRebuild);
    version = get_u32(h + kVersionAt);
    if (version < kFormatVersion)
      return fail("index format version " + std::to_string(version) + " is older than this build reads (version " +
                  std::to_string(kFormatVersion) + ", which checksums every record)" + kRebuild);
    if (version != kFormatVersion)
      return fail("index format version " + std::to_string(version) + " is not supported (this build reads version " +
                  std::to_string(kFormatVersion) + ")" + kRebuild);
    if (get_u32(h + kHeaderCrcAt) != header_crc(h)) return fail(std::string("corrupt index (header checksum mismatch)") + kRebuild);
    auto u64 = [&](std::size_t at) { return get_u64(h + at); };
    meta_off = u64(kMetaOffAt), meta_len = u64(kMetaLenAt);
    keys_off = u64(kKeysOffAt), key_count = u64(kKeyCountAt);
    post_off = u64(kPostOffAt), post_count = u64(kPostCountAt);
    rec_off = u64(kRecOffAt), rec_count = u64(kRecCountAt);
    blob_off = u64(kBlobOffAt), blob_len = u64(kBlobLenAt);
    str_off = u64(kStrOffAt), str_len = u64(kStrLenAt);
    if (blob_off < kHeaderSize || blob_off > file_size || blob_len != file_size - blob_off)
      return fail("truncated or corrupt index (" + std::to_string(file_size) + " bytes, the header says " +
                  std::to_string(blob_off) + " + " + std::to_string(blob_len) + ")" + kRebuild);
    // The tables lie between the header and the blob, where the tables checksum covers them.
    auto within = [&](std::uint64_t off, std::uint64_t len) { return off <= blob_off && len <= blob_off - off; };
    if (!within(meta_off, meta_len) || !within(str_off, str_len) || key_count > blob_off / kKeyEntrySize ||
        !within(keys_off, key_count * kKeyEntrySize) || post_count > blob_off / 4 || !within(post_off, post_count * 4) ||
        rec_count > blob_off / kRecordEntrySize || !within(rec_off, rec_count * kRecordEntrySize))
      return fail("truncated or corrupt index (section outside the file)");
    return Ok{};
  }

  // The tables checksum, then every offset and length, so that what open accepts is consistent.
  // Reads only (it runs guarded); `at` receives the entry at fault.
  Problem check_tables(std::uint64_t& at) const {
    std::string_view tables(reinterpret_cast<const char*>(data) + kHeaderSize, blob_off - kHeaderSize);
    if (get_u32(data + kTablesCrcAt) != crc32_of(tables)) return Problem::kTablesChecksum;
    std::string_view key, previous;
    for (at = 0; at < key_count; ++at) {
      const unsigned char* k = data + keys_off + at * kKeyEntrySize;
      if (!key_at(at, key) || get_u32(k + 8) + std::uint64_t(get_u32(k + 12)) > post_count) return Problem::kKey;
      if (at > 0 && !(previous < key)) return Problem::kKeyOrder;
      previous = key;
    }
    for (at = 0; at < post_count; ++at)
      if (get_u32(data + post_off + at * 4) >= rec_count) return Problem::kPosting;
    for (at = 0; at < rec_count; ++at) {
      const unsigned char* r = data + rec_off + at * kRecordEntrySize;
      if (get_u64(r) > blob_len || get_u32(r + 8) > blob_len - get_u64(r)) return Problem::kRecord;
    }
    return Problem::kNone;
  }

  bool consistent_ids = true;

  Status check(std::uint64_t file_size) {
    unsigned char header[kHeaderSize] = {};
    if (file_size > 0 &&
        !guarded([&] { std::memcpy(header, data, static_cast<std::size_t>(std::min<std::uint64_t>(file_size, kHeaderSize))); }))
      return truncated();
    if (auto ok = check_header(header, file_size); !ok) return ok;
    std::uint64_t at = 0;
    Problem problem = Problem::kNone;
    std::string meta(static_cast<std::size_t>(meta_len), '\0');
    if (!guarded([&] {
          problem = check_tables(at);
          std::memcpy(meta.data(), data + meta_off, meta.size());
        }))
      return truncated();
    switch (problem) {
      case Problem::kNone: break;
      case Problem::kTablesChecksum: return fail(std::string("corrupt index (table checksum mismatch)") + kRebuild);
      case Problem::kKey: return fail("corrupt index (package key " + std::to_string(at) + ")");
      case Problem::kKeyOrder: return fail("corrupt index (package keys not sorted)");
      case Problem::kPosting: return fail("corrupt index (record reference)");
      case Problem::kRecord: return fail("corrupt index (record " + std::to_string(at) + ")");
    }
    info.format_version = version;
    info.build_time = static_cast<std::int64_t>(get_u64(header + kBuildTimeAt));
    info.records = rec_count;
    // Rating sources' id keys sort first (kIdKeyspace): they are not packages.
    std::uint64_t id_keys = 0;
    const std::string past_ids = std::string(kIdKeyspace) + char('\n' + 1);
    if (!guarded([&] { consistent_ids = lower_bound(past_ids, id_keys); })) return truncated();
    if (!consistent_ids) return fail("corrupt index (package keys)");
    info.packages = key_count - id_keys;
    auto parsed = json::parse(meta);
    if (!parsed || !parsed->is_object()) return fail("corrupt index (metadata)");
    if (const json::Value* ecos = parsed->find("ecosystems"); ecos && ecos->is_object())
      for (const auto& [k, v] : ecos->as_object())
        if (v.is_number()) info.ecosystems[k] = static_cast<std::uint64_t>(v.as_number().to_double());
    if (const json::Value* srcs = parsed->find("sources"); srcs && srcs->is_array())
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
        si.origin = str("origin");
        si.last_modified = text::parse_utc_time(str("last_modified")).value_or(0);
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
  Impl& m = *db.impl_;
  m.name = path;
  int fd = ::open(path.c_str(), O_RDONLY | O_CLOEXEC);
  if (fd < 0) return m.fail(std::string("cannot open index: ") + std::strerror(errno));
  struct stat st {};
  if (::fstat(fd, &st) != 0 || !S_ISREG(st.st_mode)) {
    ::close(fd);
    return m.fail("not a regular file");
  }
  std::size_t size = static_cast<std::size_t>(st.st_size);
  if (size > 0) {
    install_sigbus_guard();
    void* map = ::mmap(nullptr, size, PROT_READ, MAP_PRIVATE, fd, 0);
    if (map == MAP_FAILED) {
      ::close(fd);
      return m.fail(std::string("cannot map index: ") + std::strerror(errno));
    }
    m.map = map;
    m.map_size = size;
    m.data = static_cast<const unsigned char*>(map);
  }
  ::close(fd);
  if (auto ok = m.check(size); !ok) return std::move(ok.error());
  return db;
}

Expected<Database> Database::from_bytes(std::string bytes, std::string name) {
  Database db;
  Impl& m = *db.impl_;
  m.name = std::move(name);
  m.owned = std::move(bytes);
  m.data = reinterpret_cast<const unsigned char*>(m.owned.data());
  if (auto ok = m.check(m.owned.size()); !ok) return std::move(ok.error());
  return db;
}

const Info& Database::info() const { return impl_->info; }

const std::string& Database::path() const {
  static const std::string kNone;
  return impl_->map != nullptr || impl_->owned.empty() ? impl_->name : kNone;
}

Expected<std::string> Database::digest() const {
  Impl& m = *impl_;
  std::call_once(m.digest_once, [&m] {
    const std::size_t size = m.map != nullptr ? m.map_size : m.owned.size();
    std::string d;
    if (guarded([&] { d = text::sha256_hex(std::string_view(reinterpret_cast<const char*>(m.data), size)); }))
      m.digest = std::move(d);
  });
  if (m.digest.empty()) return m.truncated();
  return m.digest;
}

bool Database::has_ecosystem(std::string_view ecosystem) const {
  return impl_->info.ecosystems.find(std::string(ecosystem)) != impl_->info.ecosystems.end();
}

Expected<std::vector<osv::Record>> Database::query(std::string_view ecosystem, std::string_view name) const {
  const Impl& m = *impl_;
  const std::string key = package_key(ecosystem, normalize_name(ecosystem, name));
  bool found = false, consistent = true;
  std::uint32_t first = 0, count = 0;
  auto search = [&] {
    std::uint64_t lo = 0;
    std::string_view k;
    if (!m.lower_bound(key, lo)) {
      consistent = false;
      return;
    }
    if (lo == m.key_count || !m.key_at(lo, k) || k != key) return;
    const unsigned char* e = m.data + m.keys_off + lo * kKeyEntrySize;
    first = get_u32(e + 8);
    count = get_u32(e + 12);
    found = true;
    consistent = first + std::uint64_t(count) <= m.post_count;
  };
  if (!guarded(search)) return m.truncated();
  if (!consistent) return m.changed();
  std::vector<osv::Record> out;
  if (!found) return out;
  std::vector<unsigned char> postings(std::size_t(count) * 4);
  if (!guarded([&] { std::memcpy(postings.data(), m.data + m.post_off + std::uint64_t(first) * 4, postings.size()); }))
    return m.truncated();
  out.reserve(count);
  for (std::uint32_t i = 0; i < count; ++i) {
    std::uint32_t index = get_u32(postings.data() + std::size_t(i) * 4);
    if (index >= m.rec_count) return m.changed();
    auto parsed = record_at(index);
    if (!parsed) return std::move(parsed.error());
    out.push_back(std::move(*parsed));
  }
  return out;
}

Expected<std::vector<osv::Record>> Database::query_id(std::string_view id) const { return query(kIdKeyspace, id); }

Expected<osv::Record> Database::record_at(std::uint64_t index) const {
  const Impl& m = *impl_;
  if (index >= m.rec_count) return m.fail("no record " + std::to_string(index) + " in the index");
  unsigned char entry[kRecordEntrySize];
  if (!guarded([&] { std::memcpy(entry, m.data + m.rec_off + index * kRecordEntrySize, kRecordEntrySize); }))
    return m.truncated();
  const std::uint64_t offset = get_u64(entry);
  const std::uint32_t length = get_u32(entry + 8);
  if (offset > m.blob_len || length > m.blob_len - offset) return m.changed();
  // The record is copied out of the mapping and checked against its checksum before it is
  // parsed: what is parsed is exactly what was checked.
  thread_local std::string text;
  text.resize(length);
  if (!guarded([&] { std::memcpy(text.data(), m.data + m.blob_off + offset, length); })) return m.truncated();
  if (crc32_of(text) != get_u32(entry + 12))
    return m.fail("record " + std::to_string(index) + " is damaged (checksum mismatch)" + kRebuild);
  // The name says where a damaged record sits; the index stores records the builder validated.
  return osv::parse_stored_record(text, m.name + ": record " + std::to_string(index));
}

Expected<std::vector<std::string>> Database::names_ignoring_case(std::string_view ecosystem,
                                                                std::string_view name) const {
  const Impl& m = *impl_;
  const std::string prefix = package_key(ecosystem, "");
  auto lower = [](char c) { return c >= 'A' && c <= 'Z' ? static_cast<char>(c - 'A' + 'a') : c; };
  std::vector<std::string> out;
  bool consistent = true;
  auto scan = [&] {
    std::uint64_t lo = 0;  // the ecosystem's keys are one sorted run starting at `prefix`
    std::string_view key;
    if (!m.lower_bound(prefix, lo)) {
      consistent = false;
      return;
    }
    for (; lo < m.key_count; ++lo) {
      if (!m.key_at(lo, key)) {
        consistent = false;
        return;
      }
      if (key.substr(0, prefix.size()) != prefix) break;
      std::string_view stored = key.substr(prefix.size());
      if (stored.size() == name.size() &&
          std::equal(stored.begin(), stored.end(), name.begin(), [&](char a, char b) { return lower(a) == lower(b); }))
        out.emplace_back(stored);
    }
  };
  if (!guarded(scan)) return m.truncated();
  if (!consistent) return m.changed();
  return out;
}

bool is_index_file(const std::string& path) {
  std::FILE* f = std::fopen(path.c_str(), "rb");
  if (f == nullptr) return false;
  char magic[sizeof kMagic] = {};
  bool yes = std::fread(magic, 1, sizeof magic, f) == sizeof magic && std::memcmp(magic, kMagic, sizeof kMagic) == 0;
  std::fclose(f);
  return yes;
}

Expected<Database> open_any(const std::vector<std::string>& paths, const Diagnostics& diagnostics) {
  if (paths.size() == 1 && is_index_file(paths[0])) return Database::open(paths[0]);
  Builder b;
  for (const std::string& p : paths) {
    // Records from two indexes cannot be merged (an index keeps only what matching needs).
    if (is_index_file(p)) return Error(p + ": an index file can only be given alone");
    if (auto ok = b.add_source(p, diagnostics); !ok) return std::move(ok.error());
  }
  return Database::from_bytes(b.serialize(0), "<in-memory index>");
}

}  // namespace sbom::vulndb
