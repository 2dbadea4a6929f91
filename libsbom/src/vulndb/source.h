// Reading OSV inputs into memory: zip archives (libarchive), directory trees, single files.
#pragma once

#include <cstdint>
#include <functional>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "sbom/error.h"

namespace sbom::vulndb::detail {

struct InputFile {
  std::string name;  ///< for messages: "<zip>:<entry>" or the file path
  std::string text;  ///< empty while `packed` is set
  /// A zip entry still compressed, viewing the archive, which stays mapped while its batch is
  /// processed: the workers inflate entries in parallel (unpack()).
  struct Packed {
    std::string_view data;
    std::uint32_t method = 0;  ///< 0 stored, 8 deflate
    std::uint64_t size = 0;    ///< uncompressed
    std::uint32_t crc = 0;     ///< CRC-32 the central directory gives
  };
  std::optional<Packed> packed;

  std::uint64_t size() const { return packed ? packed->size : text.size(); }
};

/// The text of a packed entry, its size and CRC checked; the error names the entry.
Expected<std::string> unpack(const InputFile& file);

/// Whether data starts as gzip does.
bool is_gzip(std::string_view data);
/// The decompressed bytes of gzip data (members one after another allowed); errors name `name`.
Expected<std::string> gunzip(std::string_view data, std::string_view name);

/// Whether a file name is a record file we read: *.json, *.yaml, *.yml, and *.json.gz (feeds).
bool is_record_name(std::string_view name);

/// Receives the files of a source in batches, so a large source is never held whole in memory.
using BatchSink = std::function<void(std::vector<InputFile>&&)>;
inline constexpr std::size_t kBatchFiles = 4096;

/// Every record entry of a zip, in archive order, in batches. `sha256` receives the archive's digest.
Status read_zip(const std::string& path, const BatchSink& sink, std::string& sha256);
/// Every record file under `dir`, sorted by path, in batches; `sha256` is the digest of the sorted
/// list of (relative path, file digest).
Status read_directory(const std::string& dir, const BatchSink& sink, std::string& sha256);
/// A whole file.
Expected<std::string> read_whole_file(const std::string& path);

}  // namespace sbom::vulndb::detail
