// Where an image's blobs come from: an OCI layout or docker-archive directory, a tar file (layers
// read by their own readers, in parallel), a tar stream read once; and the digest a blob's name
// promises.
#include <archive.h>
#include <archive_entry.h>
#include <fcntl.h>
#include <sys/stat.h>
#include <unistd.h>

#include <algorithm>
#include <cerrno>
#include <cstring>
#include <map>
#include <optional>

#include "image/layer.h"
#include "image/store.h"

namespace sbom::image::detail {

namespace {

constexpr std::uint64_t kMaxJsonBlob = 16ull << 20;  // manifests and configs are a few KiB

/// The digest a blob's name promises: "blobs/<alg>/<hex>" (OCI layout; docker save of Docker 25+)
/// or "<hex>.json" (a legacy docker-archive config); "" when the name promises none.
std::string named_digest(std::string_view name) {
  if (name.starts_with("blobs/")) {
    std::string_view rest = name.substr(6);
    std::size_t slash = rest.find('/');
    if (slash == std::string_view::npos) return {};
    return std::string(rest.substr(0, slash)) + ":" + std::string(rest.substr(slash + 1));
  }
  const bool hex = name.size() == 69 && name.ends_with(".json") &&
                   std::all_of(name.begin(), name.begin() + 64, [](char c) {
                     return (c >= '0' && c <= '9') || (c >= 'a' && c <= 'f');
                   });
  return hex ? "sha256:" + std::string(name.substr(0, 64)) : std::string();
}

}  // namespace

/// Checks `actual` ("sha256:…", of the bytes of `name`) against the digest the name promises.
Status check_named_digest(std::string_view what, std::string_view name, std::string_view actual) {
  const std::string want = named_digest(name);
  if (want.empty()) return Ok{};
  if (!want.starts_with("sha256:")) {
    return Error(std::string(what) + " " + q(name) + ": digest algorithm " + q(want.substr(0, want.find(':'))) +
                 " is not supported (only sha256)");
  }
  if (want != actual) {
    return Error(std::string(what) + " " + q(name) + " does not match its digest (its content is " +
                 std::string(actual) + ")");
  }
  return Ok{};
}

ArchivePtr new_outer_reader() {
  ArchivePtr a(archive_read_new(), archive_read_free);
  archive_read_support_format_tar(a.get());
  archive_read_support_format_gnutar(a.get());
  // `docker save | gzip` is a common way to store images.
  archive_read_support_filter_gzip(a.get());
  archive_read_support_filter_zstd(a.get());
  return a;
}

namespace {

class DirStore final : public Store {
 public:
  explicit DirStore(std::string root) : root_(std::move(root)) {}
  bool has(const std::string& name) const override {
    struct stat st {};
    return ::stat(full(name).c_str(), &st) == 0 && S_ISREG(st.st_mode);
  }
  std::uint64_t size(const std::string& name) const override {
    struct stat st {};
    return ::stat(full(name).c_str(), &st) == 0 ? static_cast<std::uint64_t>(st.st_size) : 0;
  }
  Expected<std::string> read(const std::string& name) override {
    if (size(name) > kMaxJsonBlob) return Error("blob " + q(name) + " is too large for metadata");
    int fd = ::open(full(name).c_str(), O_RDONLY | O_CLOEXEC);
    if (fd < 0) return Error("cannot open " + q(name) + ": " + std::strerror(errno));
    detail::FdSource src(fd);
    std::string out;
    char buf[65536];
    for (;;) {
      auto r = src.read(buf, sizeof buf);
      if (!r) return Error(q(name) + ": " + r.error().message);
      if (*r == 0) break;
      out.append(buf, *r);
      if (out.size() > kMaxJsonBlob) return Error("blob " + q(name) + " is too large for metadata");
    }
    return out;
  }
  Expected<LayerScan> scan(const std::string& name, const Matcher& m, const Options& o,
                           Budget& b) override {
    int fd = ::open(full(name).c_str(), O_RDONLY | O_CLOEXEC);
    if (fd < 0) return Error("cannot open layer " + q(name) + ": " + std::strerror(errno));
    ::posix_fadvise(fd, 0, 0, POSIX_FADV_SEQUENTIAL);
    detail::FdSource src(fd);
    return detail::scan_layer(src, name, m, o, b);
  }

 private:
  std::string full(const std::string& name) const { return root_ + "/" + name; }
  std::string root_;
};

/// Reads the current entry into memory (up to `limit`).
Expected<std::string> read_entry(struct archive* a, std::uint64_t size, std::string_view name) {
  if (size > kMaxJsonBlob) return Error("blob " + q(name) + " is too large for metadata");
  std::string out(size, '\0');
  std::size_t off = 0;
  while (off < size) {
    la_ssize_t n = archive_read_data(a, out.data() + off, size - off);
    if (n < 0) return Error(q(name) + ": " + archive_message(a, "read error"));
    if (n == 0) break;
    off += static_cast<std::size_t>(n);
  }
  if (off < size) return Error("truncated entry " + q(name));
  return out;
}

/// The next entry of `a` whose path is a normal one (in `name`) and, when `regular`, that is a
/// regular file; nullptr at the end of the tar.
Expected<struct archive_entry*> next_file(struct archive* a, std::string& name, bool regular) {
  struct archive_entry* e = nullptr;
  std::string why;
  for (;;) {
    int r = archive_read_next_header(a, &e);
    if (r == ARCHIVE_EOF) return static_cast<struct archive_entry*>(nullptr);
    if (r < ARCHIVE_WARN) return Error(archive_message(a, "corrupt tar"));
    const char* n = archive_entry_pathname(e);
    if (n && normalize_entry_path(n, name, why) && (!regular || archive_entry_filetype(e) == AE_IFREG)) return e;
  }
}

/// The entries of a tar: their sizes, and the small ones (manifests, configs) in memory.
class TarStore : public Store {
 public:
  bool has(const std::string& name) const override { return sizes_.count(name) != 0; }
  std::uint64_t size(const std::string& name) const override {
    auto it = sizes_.find(name);
    return it == sizes_.end() ? 0 : it->second;
  }
  Expected<std::string> read(const std::string& name) override {
    auto it = small_.find(name);
    if (it != small_.end()) return it->second;
    if (!has(name)) return Error("missing blob " + q(name));
    return Error("blob " + q(name) + " is too large for metadata");
  }

 protected:
  /// Scans a layer held in memory; nullopt when `name` is not one of the small entries.
  std::optional<Expected<LayerScan>> scan_small(const std::string& name, const Matcher& m, const Options& o,
                                                Budget& b) {
    auto it = small_.find(name);
    if (it == small_.end()) return std::nullopt;
    detail::MemorySource src(it->second);
    return detail::scan_layer(src, name, m, o, b);
  }
  std::map<std::string, std::uint64_t> sizes_;
  std::map<std::string, std::string> small_;
};

/// A tar file on disk: one pass lists the entries (keeping the small ones), then each layer is
/// read by its own reader, so layers can be decoded in parallel.
class TarFileStore final : public TarStore {
 public:
  static Expected<std::unique_ptr<TarFileStore>> open(const std::string& path) {
    auto s = std::unique_ptr<TarFileStore>(new TarFileStore(path));
    auto opened = open_tar(path);
    if (!opened) return std::move(opened).error();
    ArchivePtr a = std::move(*opened);
    std::string name;
    for (;;) {
      auto e = next_file(a.get(), name, true);
      if (!e) return std::move(e).error();
      if (!*e) break;
      std::uint64_t size = static_cast<std::uint64_t>(std::max<la_int64_t>(0, archive_entry_size(*e)));
      s->sizes_[name] = size;
      if (size <= (1u << 20)) {
        auto data = read_entry(a.get(), size, name);
        if (!data) return std::move(data).error();
        s->small_[name] = std::move(*data);
      }
    }
    return s;
  }
  Expected<LayerScan> scan(const std::string& name, const Matcher& m, const Options& o,
                           Budget& b) override {
    if (auto small = scan_small(name, m, o, b)) return std::move(*small);
    auto opened = open_tar(path_);
    if (!opened) return std::move(opened).error();
    ArchivePtr a = std::move(*opened);
    std::string entry;
    for (;;) {
      auto e = next_file(a.get(), entry, false);
      if (!e) return std::move(e).error();
      if (!*e) break;
      if (entry != name) continue;
      detail::ArchiveEntrySource src(a.get());
      return detail::scan_layer(src, name, m, o, b);
    }
    return Error("missing blob " + q(name));
  }

 private:
  explicit TarFileStore(std::string path) : path_(std::move(path)) {}
  static Expected<ArchivePtr> open_tar(const std::string& path) {
    ArchivePtr a = new_outer_reader();
    if (archive_read_open_filename(a.get(), path.c_str(), 1 << 16) != ARCHIVE_OK) {
      return Error(archive_message(a.get(), "cannot open"));
    }
    return a;
  }
  std::string path_;
};

/// A tar stream read once (stdin, memory): every blob that looks like a layer is scanned as it
/// passes, since the manifest may come after the layers.
class StreamStore final : public TarStore {
 public:
  static Expected<std::unique_ptr<StreamStore>> load(struct archive* a, const Matcher& m,
                                                     const Options& o, Budget& b) {
    auto s = std::unique_ptr<StreamStore>(new StreamStore);
    std::string name;
    for (;;) {
      auto e = next_file(a, name, true);
      if (!e) return std::move(e).error();
      if (!*e) break;
      std::uint64_t size = static_cast<std::uint64_t>(std::max<la_int64_t>(0, archive_entry_size(*e)));
      s->sizes_[name] = size;
      std::string head(std::min<std::uint64_t>(size, 512), '\0');
      std::size_t got = 0;
      while (got < head.size()) {
        la_ssize_t k = archive_read_data(a, head.data() + got, head.size() - got);
        if (k < 0) return Error(q(name) + ": " + archive_message(a, "read error"));
        if (k == 0) break;
        got += static_cast<std::size_t>(k);
      }
      head.resize(got);
      if (!detail::sniff_compression(head).empty()) {
        detail::ArchiveEntrySource rest(a);
        detail::PeekSource src(std::move(head), rest);
        s->scans_.emplace(name, detail::scan_layer(src, name, m, o, b));
        continue;
      }
      if (size > kMaxJsonBlob) continue;
      auto tail = read_entry(a, size - got, name);
      if (!tail) return std::move(tail).error();
      s->small_[name] = head + *tail;
    }
    return s;
  }
  Expected<LayerScan> scan(const std::string& name, const Matcher& m, const Options& o,
                           Budget& b) override {
    if (auto it = scans_.find(name); it != scans_.end()) return it->second;
    if (auto small = scan_small(name, m, o, b)) return std::move(*small);
    return Error("missing blob " + q(name));
  }
  bool parallel() const override { return false; }
  bool rescannable() const override { return false; }

 private:
  std::map<std::string, Expected<LayerScan>> scans_;
};

}  // namespace

std::unique_ptr<Store> open_dir_store(std::string root) { return std::make_unique<DirStore>(std::move(root)); }

Expected<std::unique_ptr<Store>> open_tar_file_store(const std::string& path) {
  auto s = TarFileStore::open(path);
  if (!s) return std::move(s).error();
  return std::unique_ptr<Store>(std::move(*s));
}

Expected<std::unique_ptr<Store>> load_stream_store(struct archive* a, const Matcher& m, const Options& o, Budget& b) {
  auto s = StreamStore::load(a, m, o, b);
  if (!s) return std::move(s).error();
  return std::unique_ptr<Store>(std::move(*s));
}

}  // namespace sbom::image::detail
