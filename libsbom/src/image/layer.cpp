// One pass over a layer tar: decompression by magic bytes, pattern matching, whiteouts.
#include "image/layer.h"
#include "sbom/text.h"

#include <archive.h>
#include <archive_entry.h>
#include <sys/stat.h>
#include <unistd.h>

#include <openssl/evp.h>

#include <algorithm>
#include <cerrno>
#include <cstdio>
#include <cstring>
#include <optional>

#ifdef SBOMKIT_HAVE_ISAL
#include <isa-l/igzip_lib.h>
#endif

namespace sbom::image::detail {

namespace {

constexpr std::size_t kBufSize = 256 * 1024;
constexpr std::string_view kWhiteout = ".wh.";
constexpr std::string_view kOpaque = ".wh..wh..opq";

/// Counts bytes for the progress report.
class CountingSource final : public ByteSource {
 public:
  CountingSource(ByteSource& in, Budget& b, const Options& o) : in_(in), budget_(b), opts_(o) {}
  Expected<std::size_t> read(char* buf, std::size_t n) override {
    auto r = in_.read(buf, n);
    if (r && *r) budget_.advance(*r, opts_);
    return r;
  }

 private:
  ByteSource& in_;
  Budget& budget_;
  const Options& opts_;
};

#ifdef SBOMKIT_HAVE_ISAL
/// gzip (multi-member) through ISA-L, several times faster than zlib on this hardware.
class IsalGzipSource final : public ByteSource {
 public:
  explicit IsalGzipSource(ByteSource& in) : in_(in), inbuf_(new char[kBufSize]) {
    isal_inflate_init(&st_);
    st_.crc_flag = ISAL_GZIP;
  }
  Expected<std::size_t> read(char* buf, std::size_t n) override {
    if (done_) return std::size_t{0};
    st_.next_out = reinterpret_cast<std::uint8_t*>(buf);
    st_.avail_out = static_cast<std::uint32_t>(std::min<std::size_t>(n, 1u << 30));
    const std::uint32_t want = st_.avail_out;
    while (st_.avail_out == want) {
      if (st_.avail_in == 0 && !eof_in_) {
        auto r = in_.read(inbuf_.get(), kBufSize);
        if (!r) return r.error();
        if (*r == 0) eof_in_ = true;
        st_.next_in = reinterpret_cast<std::uint8_t*>(inbuf_.get());
        st_.avail_in = static_cast<std::uint32_t>(*r);
      }
      if (st_.block_state == ISAL_BLOCK_FINISH) {
        if (st_.avail_in == 0) {
          if (eof_in_) { done_ = true; break; }
          continue;
        }
        // Another gzip member follows (pigz, concatenated streams); anything else is padding.
        if (st_.avail_in < 2 && !eof_in_) {
          // Need two bytes to see the magic; keep the one byte and read more.
          char keep = static_cast<char>(*st_.next_in);
          auto r = in_.read(inbuf_.get() + 1, kBufSize - 1);
          if (!r) return r.error();
          if (*r == 0) eof_in_ = true;
          inbuf_[0] = keep;
          st_.next_in = reinterpret_cast<std::uint8_t*>(inbuf_.get());
          st_.avail_in = static_cast<std::uint32_t>(1 + *r);
          continue;
        }
        if (st_.avail_in < 2 || st_.next_in[0] != 0x1f || st_.next_in[1] != 0x8b) { done_ = true; break; }
        std::uint8_t* next = st_.next_in;
        std::uint32_t avail = st_.avail_in;
        isal_inflate_reset(&st_);
        st_.crc_flag = ISAL_GZIP;
        st_.next_in = next;
        st_.avail_in = avail;
        st_.next_out = reinterpret_cast<std::uint8_t*>(buf) + (want - st_.avail_out);
        continue;
      }
      int r = isal_inflate(&st_);
      if (r < 0) {
        return Error(r == ISAL_INCORRECT_CHECKSUM ? "gzip checksum mismatch" : "corrupt gzip data");
      }
      if (st_.avail_out == want && st_.avail_in == 0 && eof_in_ && st_.block_state != ISAL_BLOCK_FINISH) {
        return Error("truncated gzip data");
      }
    }
    return static_cast<std::size_t>(want - st_.avail_out);
  }

 private:
  ByteSource& in_;
  std::unique_ptr<char[]> inbuf_;
  inflate_state st_{};
  bool eof_in_ = false;
  bool done_ = false;
};
#endif

/// Decompresses through libarchive's filters (zstd; gzip without ISA-L) as a plain stream, so
/// that the uncompressed tar can be hashed on its way to the tar reader.
class FilterSource final : public ByteSource {
 public:
  Status open(ByteSource& in, std::string_view compression);
  Expected<std::size_t> read(char* buf, std::size_t n) override;

 private:
  std::unique_ptr<struct archive, int (*)(struct archive*)> a_{archive_read_new(), archive_read_free};
  std::unique_ptr<struct ReadClient> client_;
  bool opened_ = false;
};

Expected<std::size_t> FilterSource::read(char* buf, std::size_t n) {
  if (!opened_) return std::size_t{0};
  la_ssize_t r = archive_read_data(a_.get(), buf, n);
  if (r < 0) return Error(read_failure(a_.get(), *client_, "read error"));
  return static_cast<std::size_t>(r);
}

Status FilterSource::open(ByteSource& in, std::string_view compression) {
  if (!a_) return Error("out of memory");
  archive_read_support_format_raw(a_.get());
  if (compression == "zstd" && archive_read_support_filter_zstd(a_.get()) != ARCHIVE_OK) {
    return Error("zstd layers are not supported by this libarchive build");
  }
  if (compression == "gzip") archive_read_support_filter_gzip(a_.get());
  client_ = std::make_unique<ReadClient>();
  client_->src = &in;
  if (archive_open_source(a_.get(), *client_) != ARCHIVE_OK) {
    return Error(archive_message(a_.get(), "cannot open"));
  }
  struct archive_entry* e = nullptr;
  int r = archive_read_next_header(a_.get(), &e);
  if (r == ARCHIVE_EOF) return Ok{};
  if (r != ARCHIVE_OK) return Error(archive_message(a_.get(), "corrupt data"));
  opened_ = true;
  return Ok{};
}

}  // namespace

namespace {

la_ssize_t read_cb(struct archive* a, void* client, const void** out) {
  auto* c = static_cast<ReadClient*>(client);
  auto r = c->src->read(c->buf.get(), kBufSize);
  if (!r) {
    c->error = r.error().message;
    archive_set_error(a, EIO, "%s", c->error.c_str());
    return -1;
  }
  *out = c->buf.get();
  return static_cast<la_ssize_t>(*r);
}

}  // namespace

int archive_open_source(struct archive* a, ReadClient& c) {
  if (!c.buf) c.buf.reset(new char[kBufSize]);
  return archive_read_open(a, &c, nullptr, read_cb, nullptr);
}

std::string read_failure(struct archive* a, const ReadClient& c, std::string_view fallback) {
  return c.error.empty() ? archive_message(a, fallback) : c.error;
}

std::string sha256_digest(std::string_view data) { return "sha256:" + text::sha256_hex(data); }

FdSource::~FdSource() {
  if (fd_ >= 0) ::close(fd_);
}

HashingSource::HashingSource(ByteSource& in, bool also_sha512)
    : in_(in), ctx_(EVP_MD_CTX_new(), EVP_MD_CTX_free), ctx512_(nullptr, EVP_MD_CTX_free) {
  if (ctx_) EVP_DigestInit_ex(ctx_.get(), EVP_sha256(), nullptr);
  if (also_sha512) {
    ctx512_.reset(EVP_MD_CTX_new());
    if (ctx512_) EVP_DigestInit_ex(ctx512_.get(), EVP_sha512(), nullptr);
    else ctx_.reset();  // finish() says out of memory: never one digest where two were asked
  }
}

void HashingSource::update(const char* bytes, std::size_t n) {
  if (!ctx_ || n == 0) return;
  EVP_DigestUpdate(ctx_.get(), bytes, n);
  if (ctx512_) EVP_DigestUpdate(ctx512_.get(), bytes, n);
}

void HashingSource::absorb(std::string_view bytes) { update(bytes.data(), bytes.size()); }

Expected<std::size_t> HashingSource::read(char* buf, std::size_t n) {
  auto r = in_.read(buf, n);
  if (r) update(buf, *r);
  return r;
}

Expected<std::string> HashingSource::finish() {
  if (!ctx_) return Error("out of memory");
  std::unique_ptr<char[]> buf(new char[kBufSize]);
  for (;;) {
    auto r = read(buf.get(), kBufSize);
    if (!r) return std::move(r).error();
    if (*r == 0) break;
  }
  unsigned char md[EVP_MAX_MD_SIZE];
  unsigned int len = 0;
  if (ctx512_) {
    EVP_DigestFinal_ex(ctx512_.get(), md, &len);
    sha512_ = text::hex(md, len);
  }
  EVP_DigestFinal_ex(ctx_.get(), md, &len);
  return "sha256:" + text::hex(md, len);
}

void DigestSource::decide() {
  decided_ = true;
  if (!wanted_(head_)) {
    head_.clear();
    return;
  }
  // The head was read past the hash: it goes in first, then everything is read through it.
  hash_.emplace(in_, true);
  hash_->absorb(head_);
  head_.clear();
}

Expected<std::size_t> DigestSource::read(char* buf, std::size_t n) {
  auto r = hash_ ? hash_->read(buf, n) : in_.read(buf, n);
  if (!r || decided_) return r;
  head_.append(buf, *r);
  if (head_.size() >= kDigestHead || *r == 0) decide();
  return r;
}

Expected<std::size_t> DigestSource::skip(std::size_t n) {
  if (decided_ && !hash_) return in_.skip(n);  // not wanted: a seek where the source can
  return ByteSource::skip(n);
}

Expected<std::string> DigestSource::finish() {
  if (!decided_) {  // a reducer that stopped within the head: read on to decide
    std::unique_ptr<char[]> buf(new char[kBufSize]);
    while (!decided_)
      if (auto r = read(buf.get(), kBufSize); !r) return std::move(r).error();
  }
  if (!hash_) return std::string();
  auto d = hash_->finish();
  if (!d) return std::move(d).error();
  return d->substr(7);  // after "sha256:"
}

const std::string& DigestSource::sha512() const {
  static const std::string kNone;
  return hash_ ? hash_->sha512() : kNone;
}

Expected<std::size_t> ByteSource::skip(std::size_t n) {
  char scratch[1 << 14];
  return read(scratch, std::min(n, sizeof scratch));
}

Expected<std::size_t> FdSource::skip(std::size_t n) {
  // Within the file only: a seek past its end would report bytes that are not there.
  struct stat st {};
  const off_t at = ::lseek(fd_, 0, SEEK_CUR);
  if (at < 0 || ::fstat(fd_, &st) != 0 || !S_ISREG(st.st_mode)) return ByteSource::skip(n);
  const auto left = static_cast<std::uint64_t>(std::max<off_t>(st.st_size - at, 0));
  const auto k = static_cast<std::size_t>(std::min<std::uint64_t>(n, left));
  if (::lseek(fd_, static_cast<off_t>(k), SEEK_CUR) < 0) return ByteSource::skip(n);
  return k;
}

Expected<std::size_t> FdSource::read(char* buf, std::size_t n) {
  for (;;) {
    ssize_t r = ::read(fd_, buf, n);
    if (r >= 0) return static_cast<std::size_t>(r);
    if (errno != EINTR) return Error(std::string("read error: ") + std::strerror(errno));
  }
}

std::string archive_message(struct archive* a, std::string_view fallback) {
  const char* e = archive_error_string(a);
  std::string msg = e ? e : std::string(fallback);
  if (!msg.empty() && msg[0] >= 'A' && msg[0] <= 'Z' && !(msg.size() > 1 && msg[1] >= 'A' && msg[1] <= 'Z')) {
    msg[0] = static_cast<char>(msg[0] - 'A' + 'a');
  }
  return msg;
}

Expected<std::size_t> ArchiveEntrySource::read(char* buf, std::size_t n) {
  la_ssize_t r = archive_read_data(a_, buf, n);
  if (r < 0) return Error(archive_message(a_, "read error"));
  return static_cast<std::size_t>(r);
}

Expected<std::size_t> PeekSource::read(char* buf, std::size_t n) {
  if (pos_ < head_.size()) {
    std::size_t k = std::min(n, head_.size() - pos_);
    std::memcpy(buf, head_.data() + pos_, k);
    pos_ += k;
    return k;
  }
  return rest_.read(buf, n);
}

Expected<std::size_t> MemorySource::read(char* buf, std::size_t n) {
  std::size_t k = std::min(n, s_.size());
  std::memcpy(buf, s_.data(), k);
  s_.remove_prefix(k);
  return k;
}

void Budget::advance(std::uint64_t n, const Options& opts) {
  std::uint64_t before = read_bytes.fetch_add(n);
  if (!opts.progress || (before >> 22) == ((before + n) >> 22)) return;
  std::lock_guard<std::mutex> lock(progress_mu);
  opts.progress(before + n, total_bytes);
}

Matcher::Matcher(const std::vector<Pattern>& patterns) {
  for (const auto& p : patterns) {
    std::size_t w = p.glob.find_first_of("*?");
    Compiled c{p, p.glob.substr(0, w), {}, false, LastKind::kGlob};
    // A last segment without "**" can only match the path's last segment: a cheap test first
    // (most patterns are "**/<name>", for which it is the whole test).
    std::size_t slash = p.glob.rfind('/');
    std::string last = p.glob.substr(slash == std::string::npos ? 0 : slash + 1);
    if (w != std::string::npos && last.find("**") == std::string::npos) {
      c.last_only = slash != std::string::npos && p.glob.compare(0, slash, "**") == 0;
      const std::size_t wild = last.find_first_of("*?[");
      c.last_kind = wild == std::string::npos ? LastKind::kLiteral
                    : wild == 0 && last[0] == '*' && last.find_first_of("*?[", 1) == std::string::npos ? LastKind::kSuffix
                                                                                                     : LastKind::kGlob;
      c.last = std::move(last);
    }
    has_dirs_ = has_dirs_ || p.directories;
    pats_.push_back(std::move(c));
  }
}

const Pattern* Matcher::match_dir(std::string_view path) const {
  for (const auto& c : pats_) {
    if (c.pattern.directories && path.starts_with(c.literal) && glob_match(c.pattern.glob, path)) return &c.pattern;
  }
  return nullptr;
}

const Pattern* Matcher::match(std::string_view path, bool executable, std::uint32_t mode) const {
  std::size_t slash = path.rfind('/');
  const std::string_view base = slash == std::string_view::npos ? path : path.substr(slash + 1);
  for (const auto& c : pats_) {
    if (!path.starts_with(c.literal) || (c.pattern.executable && !executable) || c.pattern.directories ||
        (c.pattern.mode_any && !(mode & c.pattern.mode_any))) {
      continue;
    }
    if (c.literal.size() == c.pattern.glob.size()) {
      if (path.size() == c.literal.size()) return &c.pattern;
      continue;
    }
    if (!c.last.empty()) {
      // "name" and "*.ext" are most of them: compared without the general matcher.
      const bool ok = c.last_kind == LastKind::kLiteral ? base == c.last
                      : c.last_kind == LastKind::kSuffix
                          ? base.size() >= c.last.size() - 1 && base.ends_with(std::string_view(c.last).substr(1))
                          : glob_match(c.last, base);
      if (!ok) continue;
    }
    if (c.last_only || glob_match(c.pattern.glob, path)) return &c.pattern;
  }
  return nullptr;
}

Expected<std::uint64_t> bytes_to_keep(const Pattern& p, std::uint64_t size, const Options& o) {
  if (p.prefix) return std::min(size, p.prefix);
  if (size > o.max_file_size) {
    return Error(std::to_string(size) + " bytes exceed the per-file limit of " + std::to_string(o.max_file_size));
  }
  return size;
}

Expected<std::optional<std::string>> reduce_file(const Pattern& p, std::uint64_t size, ByteSource& in) {
  std::string error;
  ReadFn read = [&](char* buf, std::size_t n) -> Expected<std::size_t> {
    auto r = buf ? in.read(buf, n) : in.skip(n);
    if (!r) error = r.error().message;
    return r;
  };
  std::optional<std::string> kept = p.reduce(size, read);
  if (!error.empty()) return Error(error);
  return kept;
}

bool normalize_entry_path(std::string_view name, std::string& out, std::string& why) {
  out.clear();
  if (name.starts_with('/')) {
    why = "absolute path";
    return false;
  }
  while (!name.empty()) {
    std::size_t slash = name.find('/');
    std::string_view seg = name.substr(0, slash);
    name = slash == std::string_view::npos ? std::string_view{} : name.substr(slash + 1);
    if (seg.empty() || seg == ".") continue;
    if (seg == "..") {
      why = "path climbs out of the root with '..'";
      return false;
    }
    if (!out.empty()) out += '/';
    out.append(seg);
  }
  return true;
}

std::string_view sniff_compression(std::string_view head) {
  if (head.size() >= 2 && static_cast<unsigned char>(head[0]) == 0x1f &&
      static_cast<unsigned char>(head[1]) == 0x8b) {
    return "gzip";
  }
  if (head.size() >= 4 && head.substr(0, 4) == std::string_view("\x28\xb5\x2f\xfd", 4)) return "zstd";
  if (head.size() >= 262 && head.substr(257, 5) == "ustar") return "none";
  return "";
}

Expected<LayerScan> scan_layer(ByteSource& raw, std::string_view blob, const Matcher& m,
                               const Options& opts, Budget& budget) {
  auto fail = [&](std::string_view what) {
    return Error("layer " + q(blob) + ": " + std::string(what));
  };
  // raw -> blob hash -> progress -> [decompression -> tar hash] -> tar reader.
  HashingSource blob_hash(raw);
  CountingSource counted(blob_hash, budget, opts);
  // Sniff the compression from the first bytes.
  std::string head(512, '\0');
  std::size_t got = 0;
  while (got < head.size()) {
    auto r = counted.read(head.data() + got, head.size() - got);
    if (!r) return fail(r.error().message);
    if (*r == 0) break;
    got += *r;
  }
  head.resize(got);
  LayerScan scan;
  scan.compression = std::string(sniff_compression(head));
  auto plain_layer = [&]() -> Expected<LayerScan> {
    auto d = blob_hash.finish();
    if (!d) return fail(d.error().message);
    scan.blob_digest = scan.tar_digest = std::move(*d);
    return std::move(scan);
  };
  if (got == 0) return plain_layer();  // an empty blob is an empty layer
  if (scan.compression.empty()) {
    // A tar shorter than one header of zeros (an empty layer) is still a tar.
    if (head.find_first_not_of('\0') != std::string::npos) {
      return fail("not a tar, gzip or zstd stream");
    }
    return plain_layer();
  }
  PeekSource peek(std::move(head), counted);
  ByteSource* src = &peek;
  std::optional<HashingSource> tar_hash;
#ifdef SBOMKIT_HAVE_ISAL
  std::unique_ptr<IsalGzipSource> gz;
  if (scan.compression == "gzip") {
    gz = std::make_unique<IsalGzipSource>(peek);
    src = gz.get();
  }
#endif
  FilterSource filtered;
  if (scan.compression != "none" && src == &peek) {
    if (auto st = filtered.open(peek, scan.compression); !st) return fail(st.error().message);
    src = &filtered;
  }
  if (src != &peek) src = &tar_hash.emplace(*src);
  struct archive* a = archive_read_new();
  if (!a) return fail("out of memory");
  std::unique_ptr<struct archive, int (*)(struct archive*)> guard(a, archive_read_free);
  archive_read_support_format_tar(a);
  archive_read_support_format_gnutar(a);
  ReadClient client;
  client.src = src;
  if (archive_open_source(a, client) != ARCHIVE_OK) {
    return fail(archive_message(a, "cannot open"));
  }
  // Every name and symlink target kept counts toward one budget, so that a layer of a million
  // long symlinks cannot take the memory.
  auto charge_names = [&](std::size_t n) -> Status {
    if (budget.symlink_bytes.fetch_add(n) + n > budget.max_symlink_bytes) {
      return fail("names and symlink targets exceed the limit of " + std::to_string(budget.max_symlink_bytes) +
                  " bytes");
    }
    return Ok{};
  };
  auto skip = [&](std::string path, std::string why) -> Status {
    if (auto st = charge_names(path.size() + why.size()); !st) return st;
    scan.entries.push_back({LayerEntry::Kind::Skipped, std::move(path), {}, std::move(why), 0, {}});
    return Ok{};
  };
  std::string path, why, target;
  struct archive_entry* e = nullptr;
  for (;;) {
    int r = archive_read_next_header(a, &e);
    if (r == ARCHIVE_EOF) break;
    if (r == ARCHIVE_FATAL || r == ARCHIVE_RETRY) return fail(read_failure(a, client, "corrupt tar"));
    const char* name = archive_entry_pathname(e);
    if (!name) name = archive_entry_pathname_utf8(e);
    if (!name) {
      scan.warnings.push_back("layer " + q(blob) + ": entry with an unreadable name skipped");
      continue;
    }
    if (!normalize_entry_path(name, path, why)) {
      scan.warnings.push_back("layer " + q(blob) + ": entry " + q(name) + " skipped: " + why);
      continue;
    }
    if (path.empty()) continue;
    std::size_t slash = path.rfind('/');
    {
      // Tar writers put a directory's entries together: comparing with the last one keeps this cheap.
      std::string_view dir = archive_entry_filetype(e) == AE_IFDIR ? std::string_view(path)
                             : slash == std::string::npos         ? std::string_view()
                                                                  : std::string_view(path).substr(0, slash);
      if (!dir.empty() && (scan.dirs.empty() || scan.dirs.back() != dir)) {
        if (auto st = charge_names(dir.size()); !st) return st.error();
        scan.dirs.emplace_back(dir);
      }
    }
    std::string_view base = slash == std::string::npos ? std::string_view(path)
                                                        : std::string_view(path).substr(slash + 1);
    if (base.starts_with(kWhiteout)) {
      std::string dir = slash == std::string::npos ? std::string() : path.substr(0, slash);
      if (base == kOpaque) {
        scan.opaque_dirs.push_back(std::move(dir));
      } else if (!base.substr(kWhiteout.size()).starts_with(kWhiteout)) {  // .wh..wh.* is aufs metadata
        std::string gone = dir.empty() ? std::string() : dir + '/';
        gone.append(base.substr(kWhiteout.size()));
        scan.whiteouts.push_back(std::move(gone));
      }
      continue;
    }
    if (const char* link = archive_entry_hardlink(e)) {
      if (const Pattern* lp = m.match(path); !lp || !lp->hard_links) continue;
      if (!normalize_entry_path(link, target, why)) {
        scan.warnings.push_back("layer " + q(blob) + ": hard link " + q(path) + " skipped: " + why);
        if (auto st = skip(path, "hard link to " + q(link) + ": " + why); !st) return st.error();
        continue;
      }
      if (auto st = charge_names(path.size() + target.size()); !st) return st.error();
      scan.entries.push_back({LayerEntry::Kind::Hardlink, path, {}, target, 0, {}});
      continue;
    }
    auto type = archive_entry_filetype(e);
    if (type == AE_IFLNK) {
      const char* t = archive_entry_symlink(e);
      const std::size_t len = t ? std::strlen(t) : 0;
      if (len > kMaxSymlinkTarget) {
        ++scan.long_symlinks;
        if (auto st = skip(path, "symlink target longer than " + std::to_string(kMaxSymlinkTarget) + " bytes"); !st) {
          return st.error();
        }
        continue;
      }
      if (auto st = charge_names(path.size() + len); !st) return st.error();
      scan.entries.push_back({LayerEntry::Kind::Symlink, path, {}, t ? t : "", 0, {}});
      continue;
    }
    const auto perm = static_cast<std::uint32_t>(archive_entry_perm(e));
    if (type == AE_IFDIR && m.has_directory_patterns() && m.match_dir(path)) {
      std::string at = path + '/';
      at += kDirectoryMode;
      if (auto st = charge_names(at.size()); !st) return st.error();
      char octal[8];
      std::snprintf(octal, sizeof octal, "%o", perm & 07777u);
      scan.entries.push_back({LayerEntry::Kind::Regular, std::move(at), octal, {}, std::strlen(octal), {}});
      continue;
    }
    if (type != AE_IFREG) {
      // A device node or FIFO where a file was wanted replaces the lower copy all the same.
      if (type != AE_IFDIR && m.match(path, (perm & 0111) != 0, perm)) {
        if (auto st = skip(path, "not a regular file"); !st) return st.error();
      }
      continue;
    }
    const Pattern* p = m.match(path, (perm & 0111) != 0, perm);
    if (!p) continue;
    la_int64_t sz = archive_entry_size(e);
    std::uint64_t size = sz < 0 ? 0 : static_cast<std::uint64_t>(sz);
    if (auto st = charge_names(path.size()); !st) return st.error();
    if (p->reduce) {
      ArchiveEntrySource entry(a);
      std::optional<DigestSource> hashed;
      ByteSource& in = p->digest ? static_cast<ByteSource&>(hashed.emplace(entry, p->digest)) : entry;
      auto kept = reduce_file(*p, size, in);
      if (!kept) return fail(kept.error().message + " (entry " + q(path) + ")");
      if (!*kept) continue;
      if (budget.used.fetch_add((*kept)->size()) + (*kept)->size() > budget.max_total) {
        return fail("files read exceed the total limit of " + std::to_string(budget.max_total) + " bytes");
      }
      LayerEntry le{LayerEntry::Kind::Regular, path, std::move(**kept), {}, size, {}};
      if (hashed) {
        auto d = hashed->finish();
        if (!d) return fail(read_failure(a, client, "read error") + " (entry " + q(path) + ")");
        le.sha256 = std::move(*d);
        le.sha512 = hashed->sha512();
      }
      scan.entries.push_back(std::move(le));
      continue;
    }
    auto keep_or = bytes_to_keep(*p, size, opts);
    if (!keep_or) {
      scan.warnings.push_back("layer " + q(blob) + ": " + q(path) + " skipped: " + keep_or.error().message);
      if (auto st = skip(path, std::move(keep_or).error().message); !st) return st.error();
      continue;
    }
    const std::uint64_t keep = *keep_or;
    if (budget.used.fetch_add(keep) + keep > budget.max_total) {
      return fail("files read exceed the total limit of " + std::to_string(budget.max_total) + " bytes");
    }
    LayerEntry le{LayerEntry::Kind::Regular, path, {}, {}, size, {}};
    le.data.resize(keep);
    std::size_t off = 0;
    ArchiveEntrySource entry(a);
    std::optional<DigestSource> hashed;
    if (p->digest) hashed.emplace(entry, p->digest);
    while (off < keep) {
      la_ssize_t n = 0;
      if (hashed) {
        auto r = hashed->read(le.data.data() + off, keep - off);
        if (!r) return fail(read_failure(a, client, "read error") + " (entry " + q(path) + ")");
        n = static_cast<la_ssize_t>(*r);
      } else {
        n = archive_read_data(a, le.data.data() + off, keep - off);
        if (n < 0) return fail(read_failure(a, client, "read error") + " (entry " + q(path) + ")");
      }
      if (n == 0) break;
      off += static_cast<std::size_t>(n);
    }
    if (off < keep) return fail("truncated entry " + q(path));
    if (hashed) {
      // A prefix pattern's file: the rest is read for the hash.
      auto d = hashed->finish();
      if (!d) return fail(read_failure(a, client, "read error") + " (entry " + q(path) + ")");
      le.sha256 = std::move(*d);
      le.sha512 = hashed->sha512();
    }
    scan.entries.push_back(std::move(le));
  }
  // The digests cover every byte, also those after the end-of-archive blocks.
  if (tar_hash) {
    auto d = tar_hash->finish();
    if (!d) return fail(d.error().message);
    scan.tar_digest = std::move(*d);
  }
  auto d = blob_hash.finish();
  if (!d) return fail(d.error().message);
  scan.blob_digest = std::move(*d);
  if (!tar_hash) scan.tar_digest = scan.blob_digest;
  return scan;
}

}  // namespace sbom::image::detail
