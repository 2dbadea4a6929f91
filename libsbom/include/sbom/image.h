// Container images (docker-archive, OCI layout dir/tar, rootfs dir, tar on stdin) read as one
// filesystem view with layer provenance, streaming layers and keeping only the files asked for.
#pragma once

#include <cstdint>
#include <functional>
#include <map>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "sbom/diagnostics.h"
#include "sbom/error.h"

namespace sbom::image {

/// Reads on in a file as it streams past: fills `buf` with up to `n` bytes, 0 at its end. A null
/// `buf` passes over up to `n` bytes instead (without copying them where the source can seek).
using ReadFn = std::function<Expected<std::size_t>(char* buf, std::size_t n)>;

/// A path pattern a cataloger wants to read. Paths are relative to the image root, without a
/// leading '/', e.g. "var/lib/dpkg/status". `*` matches within one path segment, `**` matches
/// any number of whole segments (including none), `?` one character.
struct Pattern {
  Pattern() = default;
  Pattern(std::string g, std::uint64_t pre = 0) : glob(std::move(g)), prefix(pre) {}

  std::string glob;
  /// Keep only the first `prefix` bytes of a matching file, whatever its size (for readers that
  /// need a header only); 0: keep whole files, skipping those over Options::max_file_size.
  std::uint64_t prefix = 0;
  /// Only files with an execute permission bit match (binaries wherever they are).
  bool executable = false;
  /// Only files with one of these permission bits match (06000: setuid or setgid); 0: any file.
  std::uint32_t mode_any = 0;
  /// Matches directories instead of files: each matching directory D of a layer is kept as a
  /// File at D + "/" + kDirectoryMode whose data is its permission bits in octal ("1777"). The
  /// name cannot be a real file's (tar names hold no NUL), and a later layer's entry for D, a
  /// whiteout or an opaque parent replaces it as they replace D, so the view holds the mode
  /// each directory has in the final filesystem. Set a reduce_key (the cache key names it).
  bool directories = false;
  /// When set, replaces reading the file: it gets the file's size and reads it forward, and
  /// returns what the view keeps as File::data (nullopt: the file is dropped). Lets a reader of
  /// binaries keep a few sections of a large file without holding it. Called from worker threads.
  std::function<std::optional<std::string>(std::uint64_t size, const ReadFn& read)> reduce;
  /// Whatever else decides what `reduce` keeps (e.g. a digest of secret rules): part of the layer
  /// cache's key, so that a cached scan is reused only for the same reducer.
  std::string reduce_key;
  /// Whether a hard link whose path matches is kept (its target read for it); a pattern that
  /// keeps only some files it reads (a scan of every file) sets false, or every link to a file
  /// it dropped would be a "target not read" warning.
  bool hard_links = true;
  /// Hash the files this pattern keeps that are wanted, as they stream past (File::sha256 and
  /// File::sha512, both from the one read; never a second pass): for catalogers whose components are the files themselves (a Go binary is its
  /// main module). Decides from a file's first kDigestHead bytes (all of a shorter one); until it
  /// has decided nothing is hashed, so a file it does not want costs no hashing. A reducer's file
  /// is hashed whole: what the reducer passes over and what follows it is read for the hash.
  /// Empty: nothing hashed.
  std::function<bool(std::string_view head)> digest;
};

/// How much of a file Pattern::digest decides from.
inline constexpr std::size_t kDigestHead = 64 << 10;

struct File;

/// The last segment of the files that directory patterns keep (Pattern::directories).
inline constexpr std::string_view kDirectoryMode{"\0dir-mode", 9};

/// What to read of an image and how.
struct Options {
  std::string platform;  ///< "os/arch[/variant]"; empty: the host's (or the only one)
  bool all_layers = false;  ///< keep file versions that a later layer deleted or replaced
  std::uint64_t max_file_size = 256ull << 20;  ///< a matching file larger than this is skipped (warning)
  std::uint64_t max_total = 1ull << 30;       ///< total bytes kept of all matching files (error past it)
  /// Total bytes of symlink names and targets held (error past it); a target over 4096 bytes
  /// (PATH_MAX) is skipped with a warning whatever this says.
  std::uint64_t max_symlink_bytes = 64ull << 20;
  unsigned threads = 0;  ///< layers decoded at once; 0: hardware concurrency
  bool insecure = false;  ///< registry sources: plain HTTP instead of HTTPS (test registries only)
  /// Registry sources over HTTPS: PEM CA certificates trusted besides those of `certs_dirs`.
  std::string ca_file;
  /// Registry sources over HTTPS: directories in Docker's certs.d layout; every DIR/HOST[:PORT]/*.crt
  /// is a CA trusted for that host (the registry's, and its token server's).
  std::vector<std::string> certs_dirs;
  /// Layer cache directory (per-layer scans by layer digest); empty: no cache.
  std::string cache_dir;
  std::uint64_t cache_max = 2ull << 30;  ///< bytes the layer cache may hold (least recently used go first)
  Diagnostics diagnostics;  ///< bad entries skipped (the image itself stays usable)
  /// Called as layer bytes are consumed (compressed bytes read, total); may be empty. Called from
  /// worker threads, serialised.
  std::function<void(std::uint64_t done, std::uint64_t total)> progress;
  /// Superseded versions of the files it holds true for stay in View::history even without
  /// all_layers (a secret in a file a later layer deleted is still in the image); may be empty.
  std::function<bool(const File&)> keep_superseded;
};

struct Layer {
  std::size_t index = 0;
  std::string diff_id;     ///< sha256:… of the uncompressed tar (from the config)
  std::string digest;      ///< sha256:… of the blob as stored (empty for legacy docker-archive)
  std::string media_type;  ///< as the manifest says (empty for legacy docker-archive)
  std::uint64_t size = 0;  ///< blob size in bytes
  std::string compression;  ///< "gzip", "zstd" or "none", from the blob's magic bytes
};

/// What is known about the image itself.
struct ImageInfo {
  std::string source;  ///< what the user gave ("-" for stdin)
  std::string kind;    ///< "docker-archive", "oci-dir", "oci-tar", "rootfs", "registry", "docker-daemon", "podman-daemon"
  std::string reference;         ///< registry sources: HOST/REPOSITORY[:TAG][@DIGEST] as resolved
  std::string reference_digest;  ///< registry sources: digest of what the reference named (index or manifest)
  std::vector<std::string> repo_tags;  ///< docker RepoTags ("debian-app:latest")
  std::string ref_name;                ///< org.opencontainers.image.ref.name annotation
  std::string manifest_digest;         ///< empty when the input has no manifest blob
  std::string config_digest;
  std::string os, architecture, variant;
  std::string created;  ///< config `created` (RFC 3339) when present
  std::map<std::string, std::string> labels;  ///< config labels
  std::optional<std::string> user;      ///< config.User (nullopt: the config has none)
  std::vector<std::string> env;         ///< config.Env ("NAME=value")
  std::vector<std::string> entrypoint;  ///< config.Entrypoint, then config.Cmd
  /// The config's history: what made each step, and whether it made a layer (empty_layer false).
  struct Step {
    std::string created_by;
    bool empty_layer = false;
  };
  std::vector<Step> history;
  std::vector<Layer> layers;
  std::vector<std::string> platforms;  ///< every platform the input offers ("linux/amd64")
  /// The manifest's annotations org.opencontainers.image.base.name and .base.digest (OCI layouts
  /// and registries; a docker-archive has none): the image it says it was built on.
  std::string base_name, base_digest;
  /// The layers (diff ids) of that base, when its manifest is in the same layout or repository;
  /// else empty, and `base_unknown` says why (only the name is known).
  std::vector<std::string> base_diff_ids;
  std::string base_unknown;
};

/// One file of the view.
struct File {
  std::string path;      ///< normalised, relative to the root ("etc/os-release")
  std::string data;      ///< content (up to the pattern's limit)
  std::uint64_t size = 0;  ///< size in the image
  int layer = -1;          ///< index of the layer that last wrote it; -1 for a rootfs dir
  int removed_by = -1;     ///< all-layers history: the layer that deleted or replaced it
  /// Lower-case hex SHA-256 of every byte of the file, when its pattern asked (Pattern::digest)
  /// and it was read whole; empty otherwise.
  std::string sha256;
  /// Lower-case hex SHA-512 of the same bytes, from the same pass (BSI TR-03183-2 §5.2.2 asks for
  /// SHA-512); empty where sha256 is, and where no digest was asked or the file was not read whole.
  std::string sha512 = {};
  bool truncated() const { return data.size() < size; }
};

/// What is at a path of the view, after following symlinks.
struct Lookup {
  const File* file = nullptr;  ///< the file, when one was read there
  std::string path;            ///< the path after following symlinks
  /// Why there is no file although the path names something: a symlink that loops or dangles,
  /// or a newest copy that was skipped (too large, a hard link not followed). Empty otherwise.
  std::string problem;
};

/// The filesystem as catalogers see it: the matching files of the final (squashed) filesystem,
/// symlinks resolved, and with Options::all_layers the superseded versions of those files.
class View {
 public:
  /// The file at `path` after following symlinks (in any path segment), or nullptr.
  const File* find(std::string_view path) const;
  /// Every file of the final filesystem whose path matches `glob`, in path order (the glob's
  /// literal directory is followed through symlinks; the files keep their real paths).
  std::vector<const File*> glob(std::string_view glob) const;
  /// find() that also says why nothing could be read at `path`.
  Lookup lookup(std::string_view path) const;
  /// glob() that also lists the matching paths that could not be read (Lookup::problem set).
  std::vector<Lookup> lookup_glob(std::string_view glob) const;
  /// All files of the final filesystem, in path order.
  const std::map<std::string, File, std::less<>>& files() const { return files_; }
  /// Superseded versions (all-layers only), in layer then path order.
  const std::vector<File>& history() const { return history_; }
  const ImageInfo& info() const { return info_; }
  /// Diff id of layer `index`, or "" (rootfs, out of range).
  std::string layer_diff_id(int index) const;

  // Built by read(); public so that tests and tools can assemble views directly.
  std::map<std::string, File, std::less<>> files_;
  std::map<std::string, std::string, std::less<>> symlinks_;  ///< path -> target, final view
  /// path -> why: newest copies that were skipped; they hide lower copies (final view).
  std::map<std::string, std::string, std::less<>> unreadable_;
  std::vector<File> history_;
  ImageInfo info_;
};

/// True when `path` matches `glob` (syntax of Pattern::glob).
bool glob_match(std::string_view glob, std::string_view path);

/// Reads an image: `source` is a docker-archive or OCI tar file, an OCI layout directory, a root
/// filesystem directory, or "-" for a tar stream on stdin. Only files matching `patterns` are kept.
/// Corrupt images are errors naming the blob or entry; bad entries are warnings.
Expected<View> read(const std::string& source, const std::vector<Pattern>& patterns,
                    const Options& opts);

/// Reads a tar stream of a whole image from memory (same rules as read(); used for tests).
Expected<View> read_tar_memory(std::string_view tar, std::string_view name,
                               const std::vector<Pattern>& patterns, const Options& opts);

/// The host platform as "os/arch[/variant]" in OCI terms ("linux/amd64").
std::string host_platform();

}  // namespace sbom::image
