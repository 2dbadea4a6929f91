// A root filesystem directory read as an image's squashed view: one walk keeping the files asked
// for, then the files asked for behind symlinks read where the links lead.
#include <fcntl.h>
#include <unistd.h>

#include <cerrno>
#include <cstdio>
#include <cstring>
#include <filesystem>
#include <optional>

#include "image/layer.h"
#include "image/source.h"
#include "image/store.h"

namespace sbom::image::detail {

Expected<View> read_rootfs(const std::string& root, const std::vector<Pattern>& patterns, const Options& opts,
                           Budget& budget) {
  const Matcher all(patterns);
  namespace fs = std::filesystem;
  View view;
  view.info_.source = root;
  view.info_.kind = "rootfs";
  std::vector<std::string> warnings;
  const Matcher* m = &all;
  std::error_code ec;
  const std::size_t skip = root.size() + (root.ends_with('/') ? 0 : 1);
  const std::string base = root.substr(0, skip - 1);  // without a trailing '/'
  // A file asked for that cannot be opened is a warning, and unreadable in the view; -1 then.
  auto open_asked = [&](const std::string& full, const std::string& rel) {
    int fd = ::open(full.c_str(), O_RDONLY | O_CLOEXEC);
    if (fd < 0) {
      const std::string why = std::strerror(errno);
      warnings.push_back("cannot open " + q(rel) + ": " + why);
      view.unreadable_.emplace(rel, "cannot open: " + why);
    }
    return fd;
  };
  // One entry of the walk: a symlink is recorded, a file asked for is read.
  auto visit = [&](const fs::directory_entry& entry) -> Status {
    const std::string full = entry.path().string();
    if (full.size() <= skip) return Ok{};
    std::string rel = full.substr(skip);
    auto st = entry.symlink_status(ec);
    if (ec) { ec.clear(); return Ok{}; }
    if (fs::is_symlink(st)) {
      view.symlinks_.emplace(rel, fs::read_symlink(entry.path(), ec).string());
      return Ok{};
    }
    const auto perm = static_cast<std::uint32_t>(st.permissions()) & 07777u;
    if (fs::is_directory(st) && m->has_directory_patterns() && m->match_dir(rel)) {
      std::string at = rel + '/';
      at += kDirectoryMode;
      char octal[8];
      std::snprintf(octal, sizeof octal, "%o", perm);
      view.files_.emplace(at, File{at, octal, std::strlen(octal), -1, -1, {}});
      return Ok{};
    }
    if (!fs::is_regular_file(st)) return Ok{};
    const Pattern* p = m->match(rel, (perm & 0111) != 0, perm);
    if (!p) return Ok{};
    std::uint64_t size = entry.file_size(ec);
    if (ec) { ec.clear(); return Ok{}; }
    if (p->reduce) {
      int rfd = open_asked(full, rel);
      if (rfd < 0) return Ok{};
      detail::FdSource rsrc(rfd);
      std::optional<detail::DigestSource> hashed;
      detail::ByteSource& in = p->digest ? static_cast<detail::ByteSource&>(hashed.emplace(rsrc, p->digest)) : rsrc;
      auto kept = detail::reduce_file(*p, size, in);
      std::string sha256, sha512;
      if (kept && *kept && hashed) {
        auto d = hashed->finish();
        if (!d) kept = std::move(d).error();
        else {
          sha256 = std::move(*d);
          sha512 = hashed->sha512();
        }
      }
      if (!kept) {
        warnings.push_back("cannot read " + q(rel) + ": " + kept.error().message);
        return Ok{};
      }
      if (!*kept) return Ok{};
      if (budget.used.fetch_add((*kept)->size()) + (*kept)->size() > budget.max_total) {
        return Error("files read exceed the total limit of " + std::to_string(budget.max_total) + " bytes");
      }
      view.files_.emplace(rel, File{rel, std::move(**kept), size, -1, -1, std::move(sha256), std::move(sha512)});
      return Ok{};
    }
    auto keep_or = bytes_to_keep(*p, size, opts);
    if (!keep_or) {
      warnings.push_back(q(rel) + " skipped: " + keep_or.error().message);
      view.unreadable_.emplace(rel, std::move(keep_or).error().message);
      return Ok{};
    }
    const std::uint64_t keep = *keep_or;
    if (budget.used.fetch_add(keep) + keep > budget.max_total) {
      return Error("files read exceed the total limit of " + std::to_string(budget.max_total) + " bytes");
    }
    int fd = open_asked(full, rel);
    if (fd < 0) return Ok{};
    detail::FdSource fd_src(fd);
    std::optional<detail::DigestSource> hashed;
    detail::ByteSource& src = p->digest ? static_cast<detail::ByteSource&>(hashed.emplace(fd_src, p->digest)) : fd_src;
    File f{rel, std::string(keep, '\0'), size, -1, -1, {}};
    std::size_t off = 0;
    while (off < keep) {
      auto r = src.read(f.data.data() + off, keep - off);
      if (!r || *r == 0) break;
      off += *r;
    }
    f.data.resize(off);
    // Only a file read whole has a digest (what is past a prefix is read for it).
    if (hashed && off == keep)
      if (auto d = hashed->finish(); d) {
        f.sha256 = std::move(*d);
        f.sha512 = hashed->sha512();
      }
    view.files_.emplace(rel, std::move(f));
    return Ok{};
  };
  auto walk = [&](const std::string& dir) -> Status {
    fs::recursive_directory_iterator it(dir, fs::directory_options::skip_permission_denied, ec);
    if (ec) return Error("cannot read directory: " + ec.message());
    for (; it != fs::recursive_directory_iterator(); it.increment(ec)) {
      if (ec) {
        warnings.push_back("cannot read " + q(it->path().string()) + ": " + ec.message());
        ec.clear();
        continue;
      }
      if (auto st = visit(*it); !st) return st;
    }
    return Ok{};
  };
  if (auto st = walk(root); !st) return source_error(root, st.error().message);
  // Files asked for behind symlinks are read where the links lead (inside the root: the links
  // were resolved in the view, so the paths hold no symlink).
  std::vector<Pattern> pats = patterns;
  auto is_dir = [&](std::string_view dir) {
    return fs::is_directory(fs::symlink_status(base + "/" + std::string(dir), ec));
  };
  for (int round = 0; round < kMaxSymlinkRounds; ++round) {
    auto extra = behind_symlinks(view, pats, is_dir);
    if (extra.empty()) break;
    pats.insert(pats.end(), extra.begin(), extra.end());
    const Matcher more(extra);
    m = &more;
    for (const auto& p : extra) {
      std::string literal = p.glob.substr(0, p.glob.find_first_of("*?["));
      if (literal.size() == p.glob.size()) {
        fs::directory_entry entry(base + "/" + literal, ec);
        if (ec) { ec.clear(); continue; }
        if (auto st = visit(entry); !st) return source_error(root, st.error().message);
        continue;
      }
      std::size_t slash = literal.rfind('/');
      if (slash == std::string::npos || !is_dir(literal.substr(0, slash))) continue;
      if (auto st = walk(base + "/" + literal.substr(0, slash)); !st) return source_error(root, st.error().message);
    }
    m = &all;
  }
  check_symlinks(view, all, warnings);
  warn_all(opts, warnings);
  return view;
}

}  // namespace sbom::image::detail
