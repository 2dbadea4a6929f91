// The one tar dialect a bundle is: POSIX ustar, regular files only, written deterministically
// (fixed mode, owner and time, the order given) and read strictly (hostile bundles are refused,
// never extracted).
#pragma once

#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

#include "sbom/error.h"

namespace sbom::archive::tar {

struct File {
  std::string path;  ///< at most 100 bytes, relative, no ".." (checked by write)
  std::string_view data;
};

/// A ustar archive of `files` in the order given: mode 0644, uid/gid 0, no owner names, every
/// mtime `mtime`, then the two zero blocks of the end.
Expected<std::string> write(const std::vector<File>& files, std::int64_t mtime);

struct Entry {
  std::string path;
  std::string_view data;     ///< viewed in the input
  std::uint64_t offset = 0;  ///< of the header
};

/// Reads a ustar archive written by `write` (or any ustar/GNU tar of regular files with short
/// names). Errors name `name`, the byte offset and, once known, the entry: a header cut short or
/// data past the end (truncated), a bad checksum or size, something other than a regular file
/// (link, directory, device, long-name and pax headers), a path that is absolute, climbs with
/// "..", or repeats an earlier one, bytes other than zeros after the end blocks.
Expected<std::vector<Entry>> read(std::string_view bytes, std::string_view name);

/// Why `path` may not name a member ("" when it may): empty, absolute, a "." or ".." segment, an
/// empty segment, a backslash or control character, longer than 100 bytes.
std::string bad_path(std::string_view path);

}  // namespace sbom::archive::tar
