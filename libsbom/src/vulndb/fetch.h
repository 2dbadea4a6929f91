// Staged downloads for updates and mirrors (net::HttpStream over libcurl): a conditional GET into
// `<file>.part`, never over the file itself.
#pragma once

#include <cstdint>
#include <string>

#include "sbom/error.h"

namespace sbom::vulndb::detail {

/// What a staged download received.
struct Download {
  bool modified = false;      ///< false: 304, the copy in place is current (nothing staged)
  std::uint64_t bytes = 0;
  std::string etag;           ///< the response's validators, to be kept beside the file on commit
  std::string last_modified;  ///< the Last-Modified header as sent
};

/// GETs `url` into `staged`, sending the validators kept beside `current` (`current.etag`,
/// `current.last-modified`) when `current` exists. A transfer that fails midway, an HTTP status
/// other than 200 and 304, or a failed write is an error naming the URL, and removes `staged`.
Expected<Download> download(const std::string& url, const std::string& current, const std::string& staged);

/// A small sidecar file's text without trailing whitespace; "" when absent.
std::string read_small(const std::string& path);
/// Writes a small sidecar file (not atomically: it is written beside a staged file).
Status write_small(const std::string& path, const std::string& value);

}  // namespace sbom::vulndb::detail
