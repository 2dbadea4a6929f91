// Private: the layer cache — what a layer scan kept, stored by layer digest and shared by processes.
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include "image/layer.h"
#include "image/store.h"
#include "sbom/error.h"
#include "sbom/image.h"

namespace sbom::image::detail {

/// Everything besides the blob that a layer's scan depends on (patterns, limits, the library's
/// build), as a digest: part of every cache key.
std::string scan_fingerprint(const std::vector<Pattern>& patterns, const Options& opts);

/// A directory of cache entries, one file per (layer digest, fingerprint). Entries are written
/// to a temporary name and renamed into place (readers never see half an entry), carry a format
/// version, their key and a SHA-256 of their content (a corrupt entry is detected, never
/// trusted), and are evicted least recently used first under an exclusive lock when the
/// directory grows past its bound.
class LayerCache {
 public:
  LayerCache(std::string dir, std::uint64_t max_bytes) : dir_(std::move(dir)), max_(max_bytes) {}
  /// The entry for `key`; nullopt when there is none. When one is there but cannot be trusted,
  /// `problem` says why and the entry is removed.
  std::optional<LayerScan> load(const std::string& key, std::string& problem) const;
  /// Writes the entry for `key`, then evicts past the bound.
  Status store(const std::string& key, const LayerScan& scan) const;
  /// The file an entry lives in.
  std::string entry_path(const std::string& key) const;

 private:
  Status evict() const;
  std::string dir_;
  std::uint64_t max_;
};

/// The cache's format version; bumped when the entry layout or the scan's meaning changes.
inline constexpr std::uint32_t kLayerCacheVersion = 3;  // 3: entries carry a SHA-512 beside the SHA-256

/// Entry encoding, public for tests.
std::string encode_layer_scan(const std::string& key, const LayerScan& scan);
/// Decodes an entry made by encode_layer_scan for `key`; an error says why it cannot be trusted.
Expected<LayerScan> decode_layer_scan(const std::string& key, std::string_view bytes);

/// store.scan() through the cache of opts.cache_dir (when set and the blob is named by its
/// digest): a hit is charged to the budgets as the scan would have been; a miss is scanned,
/// checked against its digest and stored.
Expected<LayerScan> scan_with_cache(Store& store, const std::string& name, const Matcher& m,
                                    const std::string& fingerprint, const Options& opts, Budget& budget);

}  // namespace sbom::image::detail
