// Private: what the two readings of files into a view share — an image's layers (source.cpp) and
// a root filesystem walk (rootfs.cpp): the files asked for behind symlinks, and the warnings.
#pragma once

#include <functional>
#include <string>
#include <string_view>
#include <vector>

#include "image/layer.h"
#include "sbom/error.h"
#include "sbom/image.h"

namespace sbom::image::detail {

/// Layers are read again (at most this many times) for files found behind symlinks.
constexpr int kMaxSymlinkRounds = 2;

/// Reads a root filesystem directory into a view.
Expected<View> read_rootfs(const std::string& root, const std::vector<Pattern>& patterns, const Options& opts,
                           Budget& budget);

/// Hands each of `ws`, in order, to Options::diagnostics.
void warn_all(const Options& opts, const std::vector<std::string>& ws);

/// Warns about symlinks a cataloger asked for that cannot be followed.
void check_symlinks(const View& view, const Matcher& m, std::vector<std::string>& warnings);

bool has_wildcard(std::string_view s);

/// Patterns for what catalogers asked for but could not get because it is behind a symlink: a
/// symlink a pattern matches whose target was not read, and a pattern whose literal directory is
/// (or goes through) a symlink to a directory the image has. Empty in the common case.
std::vector<Pattern> behind_symlinks(const View& view, const std::vector<Pattern>& pats,
                                     const std::function<bool(std::string_view)>& is_dir);

}  // namespace sbom::image::detail
