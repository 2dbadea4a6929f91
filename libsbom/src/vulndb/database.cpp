// Database: reads an index file's header and tables into memory and checks them (structure and
// checksums) once, maps the record blob read-only, answers package queries.
#include <fcntl.h>
#include <setjmp.h>
#include <signal.h>
#include <sys/mman.h>
#include <sys/stat.h>
#include <unistd.h>

#include <algorithm>
#include <atomic>
#include <cerrno>
#include <cstring>
#include <mutex>

#include "sbom/json.h"
#include "sbom/vulndb.h"
#include "vulndb/format.h"

namespace sbom::vulndb {

using namespace detail;

namespace {

// A mapped file that is truncated while mapped makes every read of a page past its new end raise
// SIGBUS, which kills the process (the scanner's index replaced in place under it, a full disk
// truncating a copy). Only the record blob is read through the mapping (the header and tables are
// copied at open), and each record is copied out of it under a guard: a SIGBUS on this thread
// while the guard is set jumps back and the read becomes an error. Any other SIGBUS gets the
// disposition that was there before (the handler puts it back and returns, so the faulting
// instruction runs again under it).
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
    // (sigsetjmp(.., 0) costs no system call per record).
    sa.sa_flags = SA_SIGINFO | SA_NODEFER;
    sigemptyset(&sa.sa_mask);
    ::sigaction(SIGBUS, &sa, &g_previous_sigbus);
  });
}

// Copies `n` bytes of the mapping; false when the file no longer backs them.
bool copy_guarded(char* to, const unsigned char* from, std::size_t n) {
  sigjmp_buf env;
  if (sigsetjmp(env, 0) != 0) {
    t_guard = nullptr;
    return false;
  }
  t_guard = &env;
  std::atomic_signal_fence(std::memory_order_seq_cst);
  std::memcpy(to, from, n);
  std::atomic_signal_fence(std::memory_order_seq_cst);
  t_guard = nullptr;
  return true;
}

// pread until `n` bytes or the end of the file; false on a short read or an error.
bool read_at(int fd, unsigned char* to, std::size_t n, std::uint64_t offset) {
  while (n > 0) {
    ssize_t got = ::pread(fd, to, n, static_cast<off_t>(offset));
    if (got < 0 && errno == EINTR) continue;
    if (got <= 0) return false;
    to += got;
    n -= static_cast<std::size_t>(got);
    offset += static_cast<std::uint64_t>(got);
  }
  return true;
}

constexpr const char* kRebuild = "; rebuild it with sbom-db build";

}  // namespace

struct Database::Impl {
  std::string name;
  std::string owned;               // from_bytes: the whole index; open: the header and tables
  void* map = nullptr;             // open: the whole file mapped, of which only the blob is read
  std::size_t map_size = 0;
  const unsigned char* data = nullptr;  // header and tables (private memory)
  const unsigned char* blob = nullptr;  // record blob (the mapping, or private memory)
  Info info;
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

  std::string_view key_at(std::uint64_t i) const {
    const unsigned char* k = data + keys_off + i * kKeyEntrySize;
    return {reinterpret_cast<const char*>(data + str_off + get_u32(k)), get_u32(k + 4)};
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
    return Ok{};
  }

  // The tables, once `data` holds the file up to the blob: their checksum, then every offset and
  // length, so queries can read without further checks.
  Status check_tables() {
    const std::uint64_t size = blob_off;
    std::string_view tables(reinterpret_cast<const char*>(data) + kHeaderSize, size - kHeaderSize);
    if (get_u32(data + kTablesCrcAt) != crc32_of(tables))
      return fail(std::string("corrupt index (table checksum mismatch)") + kRebuild);
    auto within = [&](std::uint64_t off, std::uint64_t len) { return off <= size && len <= size - off; };
    if (!within(meta_off, meta_len) || !within(str_off, str_len) || key_count > size / kKeyEntrySize ||
        !within(keys_off, key_count * kKeyEntrySize) || post_count > size / 4 || !within(post_off, post_count * 4) ||
        rec_count > size / kRecordEntrySize || !within(rec_off, rec_count * kRecordEntrySize))
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
    info.build_time = static_cast<std::int64_t>(get_u64(data + kBuildTimeAt));
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
  Impl& m = *db.impl_;
  m.name = path;
  int fd = ::open(path.c_str(), O_RDONLY | O_CLOEXEC);
  if (fd < 0) return m.fail(std::string("cannot open index: ") + std::strerror(errno));
  struct Closer {
    int fd;
    ~Closer() { ::close(fd); }
  } closer{fd};
  struct stat st {};
  if (::fstat(fd, &st) != 0 || !S_ISREG(st.st_mode)) return m.fail("not a regular file");
  const auto size = static_cast<std::uint64_t>(st.st_size);
  // Header and tables are read (not mapped) into private memory: checked once, they cannot change
  // under a query, and a file that shrinks meanwhile is a short read here rather than a signal.
  unsigned char header[kHeaderSize] = {};
  errno = 0;
  if (!read_at(fd, header, static_cast<std::size_t>(std::min<std::uint64_t>(size, kHeaderSize)), 0))
    return m.fail(std::string("cannot read index: ") + (errno ? std::strerror(errno) : "file shrank while being read"));
  if (auto ok = m.check_header(header, size); !ok) return std::move(ok.error());
  m.owned.resize(static_cast<std::size_t>(m.blob_off));
  m.data = reinterpret_cast<const unsigned char*>(m.owned.data());
  if (!read_at(fd, reinterpret_cast<unsigned char*>(m.owned.data()), m.owned.size(), 0) ||
      std::memcmp(header, m.data, kHeaderSize) != 0)
    return m.fail("the index changed while being opened");
  if (auto ok = m.check_tables(); !ok) return std::move(ok.error());
  if (m.blob_len > 0) {
    install_sigbus_guard();
    void* map = ::mmap(nullptr, static_cast<std::size_t>(size), PROT_READ, MAP_PRIVATE, fd, 0);
    if (map == MAP_FAILED) return m.fail(std::string("cannot map index: ") + std::strerror(errno));
    m.map = map;
    m.map_size = static_cast<std::size_t>(size);
    m.blob = static_cast<const unsigned char*>(map) + m.blob_off;
  }
  return db;
}

Expected<Database> Database::from_bytes(std::string bytes, std::string name) {
  Database db;
  Impl& m = *db.impl_;
  m.name = std::move(name);
  m.owned = std::move(bytes);
  m.data = reinterpret_cast<const unsigned char*>(m.owned.data());
  if (auto ok = m.check_header(m.data, m.owned.size()); !ok) return std::move(ok.error());
  m.blob = m.data + m.blob_off;
  if (auto ok = m.check_tables(); !ok) return std::move(ok.error());
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
  const std::uint32_t length = get_u32(r + 8);
  // The record is copied out of the mapping (under the SIGBUS guard) and checked against its
  // checksum before it is parsed: what is parsed is exactly what was checked.
  thread_local std::string text;
  text.resize(length);
  if (!copy_guarded(text.data(), m.blob + get_u64(r), length))
    return m.fail("the index file was truncated while in use (replace an index by renaming a new file over it, as "
                  "sbom-db does)");
  if (crc32_of(text) != get_u32(r + 12))
    return m.fail("record " + std::to_string(index) + " is damaged (checksum mismatch)" + kRebuild);
  // The name says where a damaged record sits; the index stores records the builder validated.
  return osv::parse_stored_record(text, m.name + ": record " + std::to_string(index));
}

}  // namespace sbom::vulndb
