// Reading an image: which source a name is (registry, daemon, stdin, directory, tar), the parallel
// scan of its layers into one View (digests checked), and the files asked for behind symlinks.
#include <archive.h>
#include <sys/stat.h>

#include <algorithm>
#include <cctype>
#include <cerrno>
#include <cstring>
#include <functional>
#include <optional>
#include <set>
#include <thread>

#include "image/daemon.h"
#include "image/layer.h"
#include "image/layer_cache.h"
#include "image/manifest.h"
#include "image/registry.h"
#include "image/source.h"
#include "image/store.h"

namespace sbom::image {

Error detail::source_error(std::string_view source, std::string message) {
  Error e(std::move(message));
  e.file = source;
  return e;
}

namespace detail {

void warn_all(const Options& opts, const std::vector<std::string>& ws) {
  for (const auto& w : ws) opts.diagnostics.warn(w);
}

void check_symlinks(const View& view, const Matcher& m, std::vector<std::string>& warnings) {
  std::string real, why;
  for (const auto& [path, target] : view.symlinks_) {
    if (!m.match(path)) continue;
    if (!detail::resolve_path(view, path, real, why)) {
      warnings.push_back("symlink " + q(path) + " -> " + q(target) + " skipped: " + why);
    }
  }
}

bool has_wildcard(std::string_view s) { return s.find_first_of("*?[") != std::string_view::npos; }

std::vector<Pattern> behind_symlinks(const View& view, const std::vector<Pattern>& pats,
                                     const std::function<bool(std::string_view)>& is_dir) {
  std::vector<Pattern> out;
  Matcher m(pats);
  auto add = [&](const Pattern& like, std::string glob) {
    auto same = [&](const Pattern& p) { return p.glob == glob; };
    if (std::any_of(pats.begin(), pats.end(), same) || std::any_of(out.begin(), out.end(), same)) return;
    Pattern p = like;
    p.glob = std::move(glob);
    out.push_back(std::move(p));
  };
  auto dir_exists = [&](std::string_view path) {
    std::size_t slash = path.rfind('/');
    return slash == std::string_view::npos || is_dir(path.substr(0, slash));
  };
  std::string real, why;
  for (const auto& [path, target] : view.symlinks_) {
    const Pattern* p = m.match(path);
    if (!p || !detail::resolve_path(view, path, real, why) || real.empty() || has_wildcard(real)) continue;
    if (view.files_.count(real) || view.unreadable_.count(real) || m.match(real) || !dir_exists(real)) continue;
    add(*p, real);
  }
  for (const auto& p : pats) {
    std::string_view literal = std::string_view(p.glob).substr(0, p.glob.find_first_of("*?["));
    std::size_t slash = literal.rfind('/');
    if (slash == std::string_view::npos) continue;
    std::string_view dir = literal.substr(0, slash);
    if (!detail::resolve_path(view, dir, real, why) || real == dir || has_wildcard(real)) continue;
    if (!real.empty() && !is_dir(real)) continue;
    add(p, real.empty() ? p.glob.substr(slash + 1) : real + p.glob.substr(slash));
  }
  return out;
}

}  // namespace detail

namespace {

using detail::Budget;
using detail::Store;
using detail::source_error;
using detail::LayerScan;
using detail::Matcher;
using detail::archive_message;
using detail::check_named_digest;
using detail::q;

/// Checks a layer's digests: the blob's against the digest its name promises (OCI; docker
/// save of Docker 25+), the uncompressed tar's against the config's diff_id.
Status check_layer_digests(const Layer& layer, const std::string& blob, const LayerScan& scan) {
  if (auto st = check_named_digest("layer", blob, scan.blob_digest); !st) return st;
  if (!layer.diff_id.starts_with("sha256:")) {
    return Error("layer " + q(blob) + ": diff_id " + q(layer.diff_id) + " is not a sha256 digest");
  }
  if (layer.diff_id != scan.tar_digest) {
    return Error("layer " + q(blob) + " does not match diff_id " + layer.diff_id +
                 " of the config (its uncompressed content is " + scan.tar_digest + ")");
  }
  return Ok{};
}


}  // namespace

Expected<View> detail::read_layers(Store& store, const std::string& source, std::string kind, const Options& opts,
                           Budget& budget, std::vector<Pattern> patterns) {
  std::vector<std::string> manifest_warnings;
  auto resolved = detail::resolve(store, opts, manifest_warnings);
  if (!resolved) return source_error(source, resolved.error().message);
  detail::Resolved& r = *resolved;
  for (std::size_t i = 0; i < r.layer_blobs.size(); ++i) {
    if (!store.has(r.layer_blobs[i])) {
      return source_error(source, "manifest references missing blob " + q(r.layer_blobs[i]));
    }
    r.info.layers[i].size = store.size(r.layer_blobs[i]);
    budget.total_bytes += r.info.layers[i].size;
  }
  // Decode distinct blobs, in parallel when the store allows it.
  std::vector<std::string> unique;
  for (const auto& b : r.layer_blobs) {
    if (std::find(unique.begin(), unique.end(), b) == unique.end()) unique.push_back(b);
  }
  unsigned threads = opts.threads ? opts.threads : std::max(1u, std::thread::hardware_concurrency());
  threads = std::min<unsigned>(threads, static_cast<unsigned>(unique.size()));
  for (int round = 0;; ++round) {
    Matcher m(patterns);
    const std::string fingerprint = opts.cache_dir.empty() ? std::string() : detail::scan_fingerprint(patterns, opts);
    std::vector<std::optional<Expected<LayerScan>>> scans(unique.size());
    if (round > 0) {
      budget.used = 0;
      budget.symlink_bytes = 0;
      budget.read_bytes = 0;
    }
    if (!store.parallel() || threads <= 1) {
      for (std::size_t i = 0; i < unique.size(); ++i) scans[i] = detail::scan_with_cache(store, unique[i], m, fingerprint, opts, budget);
    } else {
      std::atomic<std::size_t> next{0};
      std::vector<std::thread> pool;
      for (unsigned t = 0; t < threads; ++t) {
        pool.emplace_back([&] {
          for (std::size_t i; (i = next.fetch_add(1)) < unique.size();) {
            scans[i] = detail::scan_with_cache(store, unique[i], m, fingerprint, opts, budget);
          }
        });
      }
      for (auto& t : pool) t.join();
    }
    View view;
    view.info_ = r.info;
    view.info_.source = source;
    view.info_.kind = kind;
    std::vector<std::string> warnings = manifest_warnings;
    std::vector<bool> seen(unique.size(), false);
    std::size_t long_symlinks = 0;
    std::set<std::string, std::less<>> dirs;
    std::vector<std::pair<std::string, std::string>> hard_links;  // path, target
    for (std::size_t i = 0; i < r.layer_blobs.size(); ++i) {
      std::size_t u = static_cast<std::size_t>(
          std::find(unique.begin(), unique.end(), r.layer_blobs[i]) - unique.begin());
      Expected<LayerScan>& scan = *scans[u];
      if (!scan) return source_error(source, scan.error().message);
      if (auto st = scan->skipped ? Status(Ok{}) : check_layer_digests(view.info_.layers[i], r.layer_blobs[i], *scan); !st) {
        return source_error(source, st.error().message);
      }
      view.info_.layers[i].compression = scan->compression;
      if (!seen[u]) {
        seen[u] = true;
        warnings.insert(warnings.end(), scan->warnings.begin(), scan->warnings.end());
        long_symlinks += scan->long_symlinks;
        dirs.insert(scan->dirs.begin(), scan->dirs.end());
        for (const auto& e : scan->entries) {
          if (e.kind == detail::LayerEntry::Kind::Hardlink) hard_links.emplace_back(e.path, e.target);
        }
      }
      detail::apply_layer(view, *scan, static_cast<int>(i), opts.all_layers, warnings, opts.keep_superseded);
    }
    auto is_dir = [&](std::string_view d) { return dirs.count(d) != 0; };
    std::vector<Pattern> extra;
    if (round < kMaxSymlinkRounds) {
      extra = behind_symlinks(view, patterns, is_dir);
      // A hard link asked for whose target was not: the target is read next time.
      for (const auto& link : hard_links) {
        // Named, not structured bindings: clang before 16 does not let a lambda capture those.
        const std::string& path = link.first;
        const std::string& target = link.second;
        const Pattern* p = view.unreadable_.count(path) ? m.match(path) : nullptr;
        if (!p || has_wildcard(target) || m.match(target)) continue;
        auto same = [&](const Pattern& q) { return q.glob == target; };
        if (std::any_of(extra.begin(), extra.end(), same)) continue;
        Pattern q = *p;
        q.glob = target;
        extra.push_back(std::move(q));
      }
    }
    if (!extra.empty() && store.rescannable()) {
      patterns.insert(patterns.end(), extra.begin(), extra.end());
      continue;
    }
    for (const auto& p : extra) {
      const std::string why = "behind a link, not read: an image on stdin is read once (give it as a file)";
      warnings.push_back("'" + p.glob + "' is " + why);
      if (!has_wildcard(p.glob)) view.unreadable_.emplace(p.glob, why);
    }
    if (long_symlinks) {
      warnings.push_back(std::to_string(long_symlinks) + " symlinks skipped: targets longer than " +
                         std::to_string(detail::kMaxSymlinkTarget) + " bytes");
    }
    check_symlinks(view, m, warnings);
    warn_all(opts, warnings);
    return view;
  }
}

namespace {

Expected<View> read_stream(struct archive* a, const std::string& name, const std::vector<Pattern>& patterns,
                           const Options& opts) {
  Matcher m(patterns);
  Budget budget;
  budget.max_total = opts.max_total;
  budget.max_symlink_bytes = opts.max_symlink_bytes;
  auto store = detail::load_stream_store(a, m, opts, budget);
  if (!store) return source_error(name, store.error().message);
  const bool oci = (*store)->has("index.json") && !(*store)->has("manifest.json");
  return read_layers(**store, name, oci ? "oci-tar" : "docker-archive", opts, budget, patterns);
}

}  // namespace

Expected<View> detail::read_tar_stream(detail::ByteSource& src, const std::string& name, const std::vector<Pattern>& patterns,
                                       const Options& opts) {
  detail::ReadClient client;
  client.src = &src;
  detail::ArchivePtr a = detail::new_outer_reader();
  if (detail::archive_open_source(a.get(), client) != ARCHIVE_OK) {
    return source_error(name, detail::read_failure(a.get(), client, "cannot read"));
  }
  auto view = read_stream(a.get(), name, patterns, opts);
  // The stream's own failure (a dropped connection) says more than the tar reader's.
  if (!view && !client.error.empty()) return source_error(name, client.error);
  return view;
}

Expected<View> read(const std::string& source, const std::vector<Pattern>& patterns, const Options& opts) {
  if (source.starts_with("registry:")) return detail::read_registry(source, patterns, opts);
  if (source.starts_with("docker:") || source.starts_with("podman:")) return detail::read_daemon(source, patterns, opts);
  if (source == "-") {
    detail::ArchivePtr a = detail::new_outer_reader();
    if (archive_read_open_fd(a.get(), 0, 1 << 16) != ARCHIVE_OK) {
      return source_error("-", archive_message(a.get(), "cannot read stdin"));
    }
    return read_stream(a.get(), "-", patterns, opts);
  }
  struct stat st {};
  if (::stat(source.c_str(), &st) != 0) {
    if (errno == ENOENT && detail::is_registry_source(source)) return detail::read_registry(source, patterns, opts);
    std::string why = std::strerror(errno);
    if (!why.empty()) why[0] = static_cast<char>(std::tolower(static_cast<unsigned char>(why[0])));
    return source_error(source, why);
  }
  Budget budget;
  budget.max_total = opts.max_total;
  budget.max_symlink_bytes = opts.max_symlink_bytes;
  if (S_ISDIR(st.st_mode)) {
    auto store = detail::open_dir_store(source);
    if (store->has("index.json") || store->has("manifest.json")) {
      return read_layers(*store, source, store->has("manifest.json") ? "docker-archive" : "oci-dir", opts,
                         budget, patterns);
    }
    return detail::read_rootfs(source, patterns, opts, budget);
  }
  auto store = detail::open_tar_file_store(source);
  if (!store) return source_error(source, store.error().message);
  const bool oci = (*store)->has("index.json") && !(*store)->has("manifest.json");
  return read_layers(**store, source, oci ? "oci-tar" : "docker-archive", opts, budget, patterns);
}

Expected<View> read_tar_memory(std::string_view tar, std::string_view name, const std::vector<Pattern>& patterns,
                               const Options& opts) {
  detail::ArchivePtr a = detail::new_outer_reader();
  if (archive_read_open_memory(a.get(), tar.data(), tar.size()) != ARCHIVE_OK) {
    return source_error(name, archive_message(a.get(), "cannot read"));
  }
  return read_stream(a.get(), std::string(name), patterns, opts);
}

}  // namespace sbom::image
