// Private: byte sources, layer decompression and the one-pass scan of a layer tar.
#pragma once

#include <atomic>
#include <cstdint>
#include <cstdio>
#include <functional>
#include <memory>
#include <mutex>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include <openssl/types.h>

#include "sbom/error.h"
#include "sbom/image.h"

struct archive;

namespace sbom::image::detail {

/// A forward-only stream of bytes. read() returns 0 at the end.
class ByteSource {
 public:
  virtual ~ByteSource() = default;
  virtual Expected<std::size_t> read(char* buf, std::size_t n) = 0;
  /// Passes over up to `n` bytes (fewer at the end); reads them into scratch space unless the
  /// source can seek.
  virtual Expected<std::size_t> skip(std::size_t n);
};

/// Reads a file descriptor (owned, closed on destruction).
class FdSource final : public ByteSource {
 public:
  explicit FdSource(int fd) : fd_(fd) {}
  ~FdSource() override;
  Expected<std::size_t> read(char* buf, std::size_t n) override;
  Expected<std::size_t> skip(std::size_t n) override;  ///< seeks when the descriptor can

 private:
  int fd_;
};

/// Hashes (SHA-256, and SHA-512 when asked) every byte pulled through it (skipped bytes too: they
/// are read), so that digests cost no second read.
class HashingSource final : public ByteSource {
 public:
  /// `also_sha512`: a SHA-512 of the same bytes as well (sha512() after finish()).
  explicit HashingSource(ByteSource& in, bool also_sha512 = false);
  Expected<std::size_t> read(char* buf, std::size_t n) override;
  /// Hashes bytes that were read from the source before (they come first).
  void absorb(std::string_view bytes);
  /// Reads what is left (a tar reader stops at the end-of-archive blocks, a gzip reader at the
  /// end of its members; a reducer where it has what it keeps) and returns "sha256:<hex>" of
  /// everything.
  Expected<std::string> finish();
  /// Hex SHA-512 of the same bytes, once finish() returned (empty unless asked).
  const std::string& sha512() const { return sha512_; }

 private:
  void update(const char* bytes, std::size_t n);
  ByteSource& in_;
  std::unique_ptr<EVP_MD_CTX, void (*)(EVP_MD_CTX*)> ctx_;
  std::unique_ptr<EVP_MD_CTX, void (*)(EVP_MD_CTX*)> ctx512_;
  std::string sha512_;
};

/// Hashes a file read through it when Pattern::digest wants it: its first kDigestHead bytes are
/// kept aside, unhashed, until `wanted` has decided on them; a file not wanted is not hashed.
class DigestSource final : public ByteSource {
 public:
  DigestSource(ByteSource& in, const std::function<bool(std::string_view)>& wanted) : in_(in), wanted_(wanted) {}
  Expected<std::size_t> read(char* buf, std::size_t n) override;
  Expected<std::size_t> skip(std::size_t n) override;
  /// The hex SHA-256 of the whole file (the rest is read for it), or "" when it is not wanted.
  Expected<std::string> finish();
  /// The hex SHA-512 of the same bytes, once finish() returned a SHA-256 ("" otherwise): both
  /// digests come from the one read (BSI TR-03183-2 asks for SHA-512, CycloneDX users for SHA-256).
  const std::string& sha512() const;

 private:
  void decide();
  ByteSource& in_;
  const std::function<bool(std::string_view)>& wanted_;
  std::string head_;
  std::optional<HashingSource> hash_;  // hashes what is read from in_ once wanted
  bool decided_ = false;
};

/// Reads the data of the current entry of an open libarchive reader.
class ArchiveEntrySource final : public ByteSource {
 public:
  explicit ArchiveEntrySource(struct archive* a) : a_(a) {}
  Expected<std::size_t> read(char* buf, std::size_t n) override;

 private:
  struct archive* a_;
};

/// Replays `head` before reading on from `rest` (the bytes taken to sniff a blob).
class PeekSource final : public ByteSource {
 public:
  PeekSource(std::string head, ByteSource& rest) : head_(std::move(head)), rest_(rest) {}
  Expected<std::size_t> read(char* buf, std::size_t n) override;

 private:
  std::string head_;
  std::size_t pos_ = 0;
  ByteSource& rest_;
};

class MemorySource final : public ByteSource {
 public:
  explicit MemorySource(std::string_view s) : s_(s) {}
  Expected<std::size_t> read(char* buf, std::size_t n) override;

 private:
  std::string_view s_;
};

/// What libarchive reads a ByteSource through; `error` keeps the source's own failure (a
/// dropped connection), which says more than libarchive's message about it.
struct ReadClient {
  ByteSource* src = nullptr;
  std::unique_ptr<char[]> buf;
  std::string error;
};

/// Opens `a` to read from `c.src` (`c` must outlive the reading); libarchive's status.
int archive_open_source(struct archive* a, ReadClient& c);

/// The source's own error when reading it failed, else libarchive's message (or `fallback`).
std::string read_failure(struct archive* a, const ReadClient& c, std::string_view fallback);

/// Compiled patterns: each with its literal prefix, so most paths are rejected by one compare.
class Matcher {
 public:
  explicit Matcher(const std::vector<Pattern>& patterns);
  /// The first file pattern matching `path`, or nullptr (patterns for executables only match
  /// when `executable`; patterns with mode_any only when `mode` has one of its bits).
  const Pattern* match(std::string_view path, bool executable = false, std::uint32_t mode = 0) const;
  /// The first directory pattern (Pattern::directories) matching the directory `path`.
  const Pattern* match_dir(std::string_view path) const;
  bool has_directory_patterns() const { return has_dirs_; }

 private:
  enum class LastKind { kLiteral, kSuffix, kGlob };  ///< "name", "*.ext", anything else
  struct Compiled {
    Pattern pattern;
    std::string literal;  ///< the glob up to its first wildcard
    std::string last;     ///< the glob's last segment when the path's last segment must match it
    bool last_only = false;  ///< "**/<last>": matching the last segment is the whole test
    LastKind last_kind = LastKind::kGlob;
  };
  std::vector<Compiled> pats_;
  bool has_dirs_ = false;
};

/// Keeps what `p.reduce` returns for a file read through `read` (nullopt: dropped; an error
/// when reading failed).
Expected<std::optional<std::string>> reduce_file(const Pattern& p, std::uint64_t size, ByteSource& read);

/// How many bytes of a file of `size` bytes pattern `p` keeps: its prefix, else the whole file;
/// an error saying why when the file is over Options::max_file_size (it is skipped).
Expected<std::uint64_t> bytes_to_keep(const Pattern& p, std::uint64_t size, const Options& o);

/// Shared accounting of how many bytes all layers keep (the total budgets).
struct Budget {
  std::uint64_t max_total = 0;
  std::atomic<std::uint64_t> used{0};
  /// Names and targets of the symlinks kept (every symlink is kept: any may be on a path).
  std::uint64_t max_symlink_bytes = 0;
  std::atomic<std::uint64_t> symlink_bytes{0};
  /// Progress: blob bytes read over all layers, out of total_bytes.
  std::uint64_t total_bytes = 0;
  std::atomic<std::uint64_t> read_bytes{0};
  std::mutex progress_mu;
  /// Counts `n` bytes read and reports progress (at most every 4 MiB).
  void advance(std::uint64_t n, const Options& opts);
};

struct LayerEntry {
  /// Skipped: something is at `path` that was not read (a file over the size limit, a symlink
  /// with an over-long target, a non-regular file where a file was wanted). It still hides what
  /// lower layers had there: the newest copy wins even when it cannot be read.
  enum class Kind : std::uint8_t { Regular, Symlink, Hardlink, Skipped };
  Kind kind = Kind::Regular;
  std::string path;
  std::string data;    ///< regular: content kept
  std::string target;  ///< symlink or hard link target (hard link: normalised path); skipped: why
  std::uint64_t size = 0;
  std::string sha256;  ///< regular, when its pattern asked: hex SHA-256 of the whole file (File::sha256)
  std::string sha512 = {};  ///< the same file's hex SHA-512, hashed in the same pass (File::sha512)
};

/// What one layer contributes: kept entries in tar order, and what it deletes.
struct LayerScan {
  std::vector<LayerEntry> entries;
  std::vector<std::string> whiteouts;    ///< paths deleted from lower layers
  std::vector<std::string> opaque_dirs;  ///< directories whose lower content is hidden
  std::string compression;               ///< gzip, zstd, none
  bool skipped = false;  ///< not read (a foreign layer the registry does not serve): no digests to check
  std::vector<std::string> warnings;     ///< emitted by the caller in layer order
  /// "sha256:…" of the blob as stored and of the uncompressed tar, hashed as the layer streamed
  /// past (the caller compares them with the manifest and the config).
  std::string blob_digest, tar_digest;
  std::size_t long_symlinks = 0;  ///< symlinks skipped for a target over kMaxSymlinkTarget
  /// Every directory the layer has (entries and parents of entries), to tell whether a path
  /// behind a symlink can be there at all before reading the layers again for it.
  std::vector<std::string> dirs;
};

/// Longest symlink target kept (PATH_MAX): a longer one cannot be followed by any kernel.
inline constexpr std::size_t kMaxSymlinkTarget = 4096;

/// Normalises a tar entry name to a root-relative path ("./a//b/" -> "a/b"). Returns false (and
/// sets `why`) for names that are absolute or climb with "..".
bool normalize_entry_path(std::string_view name, std::string& out, std::string& why);

/// Scans one layer blob: detects compression by magic bytes, streams the tar, keeps matching
/// files, all symlinks, hard links and whiteouts. `blob` names the layer in messages.
Expected<LayerScan> scan_layer(ByteSource& src, std::string_view blob, const Matcher& m,
                               const Options& opts, Budget& budget);

/// Applies one layer onto the view: its whiteouts and opaque directories hide lower content, then
/// its entries are added. Superseded files go to the history when `keep_history`.
/// Hard links to files that are not there are skipped with a warning added to `warnings`.
void apply_layer(View& view, const LayerScan& scan, int index, bool keep_history,
                 std::vector<std::string>& warnings, const std::function<bool(const File&)>& keep = {});

/// Resolves `path` through the view's symlinks (any segment), inside the image root as a chroot
/// does: ".." stops at the root and absolute targets start from it. Returns false, with `why`
/// set, for a loop (more than 40 links) or a path through something that was skipped.
bool resolve_path(const View& view, std::string_view path, std::string& out, std::string& why);

/// `s` in single quotes, as messages name paths, blobs and globs (appended: gcc 12 warns of
/// overlapping copies in "'" + std::string(s) + "'" once inlined).
inline std::string q(std::string_view s) {
  std::string out = "'";
  out.append(s);
  out += '\'';
  return out;
}

/// "sha256:<hex>" of `data`.
std::string sha256_digest(std::string_view data);

/// libarchive's message for `a` (or `fallback`), starting lower-case as our messages do.
std::string archive_message(struct archive* a, std::string_view fallback);

/// The compression a blob starts with ("gzip", "zstd", "none" for a tar header, "" otherwise).
std::string_view sniff_compression(std::string_view head);

}  // namespace sbom::image::detail
