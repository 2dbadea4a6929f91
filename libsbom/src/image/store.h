// Private: where an image's blobs come from (a directory, a tar, a registry, a daemon's stream),
// and the one reading of manifests and layers over any of them.
#pragma once

#include <cstdint>
#include <memory>
#include <string>
#include <string_view>
#include <vector>

#include "image/layer.h"
#include "net/http.h"
#include "sbom/error.h"
#include "sbom/image.h"

namespace sbom::image::detail {

/// Blobs by name: "index.json", "manifest.json" and "blobs/<alg>/<hex>" as an OCI layout or a
/// docker-archive names them.
class Store {
 public:
  virtual ~Store() = default;
  virtual bool has(const std::string& name) const = 0;
  virtual std::uint64_t size(const std::string& name) const = 0;
  /// The whole blob (small ones only: manifests, configs).
  virtual Expected<std::string> read(const std::string& name) = 0;
  /// Scans a layer blob; may be called from several threads when parallel().
  virtual Expected<LayerScan> scan(const std::string& name, const Matcher& m, const Options& o,
                                   Budget& b) = 0;
  /// Says that `name` is a manifest no index or manifest read so far listed (the base an image's
  /// annotations name): a registry fetches it from its manifests endpoint, not as a blob.
  virtual void expect_manifest(const std::string& /*name*/) {}
  virtual bool parallel() const { return true; }
  /// Layers can be read again (not a stream read once).
  virtual bool rescannable() const { return true; }
};

/// An OCI layout or docker-archive directory.
std::unique_ptr<Store> open_dir_store(std::string root);

/// A tar file on disk (optionally gzip/zstd): one pass lists the entries, keeping the small ones;
/// each layer is then read by its own reader, so layers can be decoded in parallel.
Expected<std::unique_ptr<Store>> open_tar_file_store(const std::string& path);

/// A tar stream read once from `a` (stdin, memory, a daemon): every blob that looks like a layer
/// is scanned with `m` as it passes, since the manifest may come after the layers.
Expected<std::unique_ptr<Store>> load_stream_store(struct archive* a, const Matcher& m, const Options& o, Budget& b);

/// A libarchive reader for an image tar (tar or GNU tar, optionally gzip or zstd).
using ArchivePtr = std::unique_ptr<struct archive, int (*)(struct archive*)>;
ArchivePtr new_outer_reader();

/// Checks `actual` ("sha256:…", of the bytes of `name`) against the digest the name promises
/// ("blobs/<alg>/<hex>", or "<hex>.json" for a legacy docker-archive config); `what` names the
/// blob's role in the message.
Status check_named_digest(std::string_view what, std::string_view name, std::string_view actual);

/// An HTTP body as a byte source (registry layers, a daemon's image stream).
class HttpSource final : public ByteSource {
 public:
  explicit HttpSource(net::HttpStream& s) : s_(s) {}
  Expected<std::size_t> read(char* buf, std::size_t n) override { return s_.read(buf, n); }

 private:
  net::HttpStream& s_;
};

/// Reads the image a store holds (index or manifest, platform choice, config, layers in
/// parallel) into a view; `source` names it in messages, `kind` is ImageInfo::kind.
Expected<View> read_layers(Store& store, const std::string& source, std::string kind, const Options& opts,
                           Budget& budget, std::vector<Pattern> patterns);

/// Reads a whole image (docker-archive or OCI layout tar, optionally gzip/zstd) from a stream
/// read once; `name` names it in messages.
Expected<View> read_tar_stream(ByteSource& src, const std::string& name, const std::vector<Pattern>& patterns,
                               const Options& opts);

/// An error about the image `source` as a whole.
Error source_error(std::string_view source, std::string message);

}  // namespace sbom::image::detail
