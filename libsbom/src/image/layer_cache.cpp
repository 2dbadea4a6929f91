// The layer cache: a layer's scan (the files kept, links, whiteouts, warnings, digests) written
// once per (layer digest, fingerprint) and read back by any later process, byte for byte.
#include "image/layer_cache.h"

#include <dirent.h>
#include <fcntl.h>
#include <sys/file.h>
#include <sys/stat.h>
#include <unistd.h>

#include <algorithm>
#include <atomic>
#include <cerrno>
#include <cstring>
#include <ctime>
#include <filesystem>

#ifndef SBOMKIT_CACHE_TAG
#define SBOMKIT_CACHE_TAG "dev"
#endif

namespace sbom::image::detail {

namespace {

constexpr std::string_view kMagic = "sbomkit-layer-cache\n";
constexpr std::size_t kDigestLen = 32;

void put_u64(std::string& out, std::uint64_t v) {
  for (int i = 0; i < 8; ++i) out += static_cast<char>((v >> (8 * i)) & 0xff);
}

void put_str(std::string& out, std::string_view s) {
  put_u64(out, s.size());
  out.append(s);
}

void put_strs(std::string& out, const std::vector<std::string>& v) {
  put_u64(out, v.size());
  for (const auto& s : v) put_str(out, s);
}

/// Bounds-checked reading of an entry; the first failure sticks.
class Reader {
 public:
  explicit Reader(std::string_view s) : s_(s) {}
  bool ok() const { return ok_; }
  bool at_end() const { return s_.empty(); }
  std::uint64_t u64() {
    if (s_.size() < 8) return fail();
    std::uint64_t v = 0;
    for (int i = 0; i < 8; ++i) v |= static_cast<std::uint64_t>(static_cast<unsigned char>(s_[i])) << (8 * i);
    s_.remove_prefix(8);
    return v;
  }
  std::string str() {
    std::uint64_t n = u64();
    if (!ok_ || n > s_.size()) return fail(), std::string();
    std::string out(s_.substr(0, n));
    s_.remove_prefix(n);
    return out;
  }
  std::uint8_t u8() {
    if (s_.empty()) return static_cast<std::uint8_t>(fail());
    auto v = static_cast<std::uint8_t>(s_[0]);
    s_.remove_prefix(1);
    return v;
  }
  std::vector<std::string> strs() {
    std::uint64_t n = u64();
    std::vector<std::string> out;
    if (!ok_ || n > s_.size() / 8) return fail(), out;  // each string takes 8 bytes at least
    out.reserve(n);
    for (std::uint64_t i = 0; i < n && ok_; ++i) out.push_back(str());
    return out;
  }

 private:
  std::uint64_t fail() {
    ok_ = false;
    s_ = {};
    return 0;
  }
  std::string_view s_;
  bool ok_ = true;
};

/// "sha256:<hex>" of the payload, as the entry header holds it (71 bytes).
std::string raw_sha256(std::string_view data) { return sha256_digest(data); }

std::string errno_text() {
  std::string s = std::strerror(errno);
  if (!s.empty()) s[0] = static_cast<char>(std::tolower(static_cast<unsigned char>(s[0])));
  return s;
}

/// The whole file `fd` is open on (closed after).
Expected<std::string> read_fd(int fd) {
  FdSource src(fd);
  std::string out;
  char buf[1 << 16];
  for (;;) {
    auto r = src.read(buf, sizeof buf);
    if (!r) return std::move(r).error();
    if (*r == 0) return out;
    out.append(buf, *r);
  }
}

bool valid_blob_name(const std::string& name) {
  if (!name.starts_with("blobs/sha256/") || name.size() != 13 + 64) return false;
  return std::all_of(name.begin() + 13, name.end(), [](char c) { return (c >= '0' && c <= '9') || (c >= 'a' && c <= 'f'); });
}

/// What the scan charged to the budgets, charged again for a hit.
Status charge(const LayerScan& s, const std::string& name, Budget& b) {
  std::uint64_t names = 0, kept = 0;
  for (const auto& d : s.dirs) names += d.size();
  for (const auto& e : s.entries) {
    names += e.path.size();
    if (e.kind == LayerEntry::Kind::Regular) kept += e.data.size();
    else names += e.target.size();
  }
  if (b.symlink_bytes.fetch_add(names) + names > b.max_symlink_bytes) {
    return Error("layer '" + name + "': names and symlink targets exceed the limit of " +
                 std::to_string(b.max_symlink_bytes) + " bytes");
  }
  if (b.used.fetch_add(kept) + kept > b.max_total) {
    return Error("layer '" + name + "': files read exceed the total limit of " + std::to_string(b.max_total) + " bytes");
  }
  return Ok{};
}

}  // namespace

std::string scan_fingerprint(const std::vector<Pattern>& patterns, const Options& opts) {
  std::string s = "sbomkit " SBOMKIT_CACHE_TAG "\n";
  s += "cache " + std::to_string(kLayerCacheVersion) + "\n";
  s += "max_file_size " + std::to_string(opts.max_file_size) + "\n";
  s += "max_symlink_target " + std::to_string(kMaxSymlinkTarget) + "\n";
  for (const auto& p : patterns) {
    put_str(s, p.glob);
    s += std::to_string(p.prefix) + (p.executable ? " x" : " -") + (p.reduce ? " r " : " - ") + p.reduce_key + (p.hard_links ? "" : " no-links") + (p.digest ? " sha256 sha512\n" : "\n");
  }
  return sha256_digest(s).substr(7, 32);
}

std::string encode_layer_scan(const std::string& key, const LayerScan& scan) {
  std::string p;
  put_str(p, key);
  put_str(p, scan.compression);
  put_str(p, scan.blob_digest);
  put_str(p, scan.tar_digest);
  put_u64(p, scan.long_symlinks);
  put_strs(p, scan.warnings);
  put_strs(p, scan.whiteouts);
  put_strs(p, scan.opaque_dirs);
  put_strs(p, scan.dirs);
  put_u64(p, scan.entries.size());
  for (const auto& e : scan.entries) {
    p += static_cast<char>(e.kind);
    put_str(p, e.path);
    put_str(p, e.data);
    put_str(p, e.target);
    put_u64(p, e.size);
    put_str(p, e.sha256);
    put_str(p, e.sha512);
  }
  std::string out(kMagic);
  put_u64(out, kLayerCacheVersion);
  put_u64(out, p.size());
  out += raw_sha256(p);
  out += p;
  return out;
}

Expected<LayerScan> decode_layer_scan(const std::string& key, std::string_view bytes) {
  const std::size_t header = kMagic.size() + 16 + 7 + 2 * kDigestLen;
  if (bytes.size() < header || !bytes.starts_with(kMagic)) return Error("not a cache entry");
  Reader h(bytes.substr(kMagic.size(), 16));
  const std::uint64_t version = h.u64();
  const std::uint64_t len = h.u64();
  if (version != kLayerCacheVersion) return Error("format version " + std::to_string(version));
  std::string_view sum = bytes.substr(kMagic.size() + 16, 7 + 2 * kDigestLen);
  std::string_view payload = bytes.substr(header);
  if (payload.size() != len) return Error("truncated");
  if (raw_sha256(payload) != sum) return Error("checksum mismatch");
  Reader r(payload);
  LayerScan s;
  if (r.str() != key) return Error("entry for another key");
  s.compression = r.str();
  s.blob_digest = r.str();
  s.tar_digest = r.str();
  s.long_symlinks = r.u64();
  s.warnings = r.strs();
  s.whiteouts = r.strs();
  s.opaque_dirs = r.strs();
  s.dirs = r.strs();
  std::uint64_t n = r.u64();
  if (!r.ok() || n > payload.size() / 25) return Error("malformed");
  s.entries.reserve(n);
  for (std::uint64_t i = 0; i < n && r.ok(); ++i) {
    LayerEntry e;
    const std::uint8_t kind = r.u8();
    if (kind > static_cast<std::uint8_t>(LayerEntry::Kind::Skipped)) return Error("malformed");
    e.kind = static_cast<LayerEntry::Kind>(kind);
    e.path = r.str();
    e.data = r.str();
    e.target = r.str();
    e.size = r.u64();
    e.sha256 = r.str();
    e.sha512 = r.str();
    s.entries.push_back(std::move(e));
  }
  if (!r.ok() || !r.at_end()) return Error("malformed");
  return s;
}

std::string LayerCache::entry_path(const std::string& key) const {
  return dir_ + "/v" + std::to_string(kLayerCacheVersion) + "/" + key.substr(0, 2) + "/" + key;
}

std::optional<LayerScan> LayerCache::load(const std::string& key, std::string& problem) const {
  const std::string path = entry_path(key);
  int fd = ::open(path.c_str(), O_RDONLY | O_CLOEXEC);
  if (fd < 0) {
    if (errno != ENOENT) problem = errno_text();
    return std::nullopt;
  }
  auto bytes = read_fd(fd);
  if (!bytes) {
    problem = bytes.error().message;
    return std::nullopt;
  }
  auto scan = decode_layer_scan(key, *bytes);
  if (!scan) {
    problem = scan.error().message;
    ::unlink(path.c_str());
    return std::nullopt;
  }
  ::utimensat(AT_FDCWD, path.c_str(), nullptr, 0);  // most recently used now
  return std::move(*scan);
}

Status LayerCache::store(const std::string& key, const LayerScan& scan) const {
  namespace fs = std::filesystem;
  const std::string path = entry_path(key);
  const std::string tmp_dir = dir_ + "/v" + std::to_string(kLayerCacheVersion) + "/tmp";
  std::error_code ec;
  fs::create_directories(fs::path(path).parent_path(), ec);
  if (!ec) fs::create_directories(tmp_dir, ec);
  if (ec) return Error("cannot create " + tmp_dir + ": " + ec.message());
  static std::atomic<unsigned> counter{0};
  const std::string tmp = tmp_dir + "/" + key + "." + std::to_string(::getpid()) + "." + std::to_string(counter++);
  const std::string bytes = encode_layer_scan(key, scan);
  int fd = ::open(tmp.c_str(), O_WRONLY | O_CREAT | O_EXCL | O_CLOEXEC, 0644);
  if (fd < 0) return Error("cannot create " + tmp + ": " + errno_text());
  std::size_t off = 0;
  while (off < bytes.size()) {
    ssize_t w = ::write(fd, bytes.data() + off, bytes.size() - off);
    if (w < 0 && errno == EINTR) continue;
    if (w <= 0) {
      std::string why = errno_text();
      ::close(fd);
      ::unlink(tmp.c_str());
      return Error("cannot write " + tmp + ": " + why);
    }
    off += static_cast<std::size_t>(w);
  }
  if (::close(fd) != 0 || ::rename(tmp.c_str(), path.c_str()) != 0) {
    std::string why = errno_text();
    ::unlink(tmp.c_str());
    return Error("cannot store " + path + ": " + why);
  }
  return evict();
}

Status LayerCache::evict() const {
  namespace fs = std::filesystem;
  const std::string root = dir_ + "/v" + std::to_string(kLayerCacheVersion);
  const std::string lock_path = root + "/lock";
  int lock = ::open(lock_path.c_str(), O_RDWR | O_CREAT | O_CLOEXEC, 0644);
  if (lock < 0) return Error("cannot open " + lock_path + ": " + errno_text());
  // One evicting process at a time; readers need no lock (an entry removed while it is read
  // stays readable through the open descriptor, and a rename replaces an entry whole).
  while (::flock(lock, LOCK_EX) != 0 && errno == EINTR) {
  }
  struct Item {
    std::string path;
    std::uint64_t size;
    struct timespec mtime;
  };
  std::vector<Item> items;
  std::uint64_t total = 0;
  std::error_code ec;
  for (fs::directory_iterator d(root, ec), end; !ec && d != end; d.increment(ec)) {
    const std::string sub = d->path().filename().string();
    if (sub.size() != 2 || !d->is_directory(ec)) continue;
    for (fs::directory_iterator f(d->path(), ec); !ec && f != end; f.increment(ec)) {
      struct stat st {};
      if (::stat(f->path().c_str(), &st) != 0 || !S_ISREG(st.st_mode)) continue;
      items.push_back({f->path().string(), static_cast<std::uint64_t>(st.st_size), st.st_mtim});
      total += static_cast<std::uint64_t>(st.st_size);
    }
    ec.clear();
  }
  // Temporary files of writers that died (a live writer renames its file within seconds).
  const std::string tmp_dir = root + "/tmp";
  const ::time_t stale = ::time(nullptr) - 3600;
  for (fs::directory_iterator t(tmp_dir, ec), end; !ec && t != end; t.increment(ec)) {
    struct stat st {};
    if (::stat(t->path().c_str(), &st) == 0 && S_ISREG(st.st_mode) && st.st_mtime < stale) ::unlink(t->path().c_str());
  }
  ec.clear();
  if (total > max_) {
    std::sort(items.begin(), items.end(), [](const Item& a, const Item& b) {
      return a.mtime.tv_sec != b.mtime.tv_sec ? a.mtime.tv_sec < b.mtime.tv_sec : a.mtime.tv_nsec < b.mtime.tv_nsec;
    });
    for (const auto& it : items) {
      if (total <= max_) break;
      if (::unlink(it.path.c_str()) == 0) total -= it.size;
    }
  }
  ::close(lock);  // releases the lock
  return Ok{};
}

Expected<LayerScan> scan_with_cache(Store& store, const std::string& name, const Matcher& m,
                                    const std::string& fingerprint, const Options& opts, Budget& budget) {
  if (opts.cache_dir.empty() || !store.rescannable() || !valid_blob_name(name)) return store.scan(name, m, opts, budget);
  const std::string digest = "sha256:" + name.substr(13);
  const std::string key = name.substr(13) + "-" + fingerprint;
  LayerCache cache(opts.cache_dir, opts.cache_max);
  std::string problem;
  if (auto hit = cache.load(key, problem)) {
    if (hit->blob_digest == digest) {
      if (auto st = charge(*hit, name, budget); !st) return std::move(st).error();
      budget.advance(store.size(name), opts);
      return std::move(*hit);
    }
    problem = "it is of another blob";
    ::unlink(cache.entry_path(key).c_str());
  }
  auto scan = store.scan(name, m, opts, budget);
  if (!scan || scan->skipped || scan->blob_digest != digest) return scan;  // the caller reports a mismatch
  Status stored = cache.store(key, *scan);
  if (!problem.empty()) {
    scan->warnings.push_back("layer cache: the entry of layer " + digest + " could not be trusted (" + problem +
                             "); it was read again" + (stored ? " and the entry rebuilt" : ""));
  }
  if (!stored) scan->warnings.push_back("layer cache: " + stored.error().message);
  return scan;
}

}  // namespace sbom::image::detail
