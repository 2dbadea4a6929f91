// Reading OSV inputs into memory: zip archives (libarchive), directory trees, single files.
#pragma once

#include <functional>
#include <string>
#include <string_view>
#include <vector>

#include "sbom/error.h"

namespace sbom::vulndb::detail {

struct InputFile {
  std::string name;  ///< for messages: "<zip>:<entry>" or the file path
  std::string text;
};

/// Lower-case hex SHA-256.
std::string sha256_hex(std::string_view data);

/// Whether a file name is an OSV record we read: *.json, *.yaml, *.yml.
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
