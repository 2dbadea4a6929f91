// The squashed filesystem view: layer merging (whiteouts, opaque dirs), symlinks, globbing.
#include <algorithm>
#include <deque>

#include "image/layer.h"

namespace sbom::image {

namespace {

constexpr int kMaxSymlinkHops = 40;

template <typename Map, typename F>
void erase_under(Map& m, const std::string& dir, F&& on_erase) {
  // dir "" is the root: everything goes.
  std::string prefix = dir.empty() ? std::string() : dir + '/';
  for (auto it = m.lower_bound(prefix); it != m.end() && it->first.starts_with(prefix);) {
    on_erase(it->second);
    it = m.erase(it);
  }
}

}  // namespace

bool glob_match(std::string_view g, std::string_view p) {
  while (!g.empty()) {
    if (g.starts_with("**")) {
      std::string_view rest = g.substr(2);
      if (rest.starts_with('/')) {
        rest.remove_prefix(1);
        if (glob_match(rest, p)) return true;
        for (std::size_t i = 0; i < p.size(); ++i) {
          if (p[i] == '/' && glob_match(rest, p.substr(i + 1))) return true;
        }
        return false;
      }
      for (std::size_t i = 0; i <= p.size(); ++i) {
        if (glob_match(rest, p.substr(i))) return true;
      }
      return false;
    }
    if (g[0] == '*') {
      std::string_view rest = g.substr(1);
      for (std::size_t i = 0; i <= p.size(); ++i) {
        if (glob_match(rest, p.substr(i))) return true;
        if (i < p.size() && p[i] == '/') break;
      }
      return false;
    }
    if (p.empty()) return false;
    if (g[0] == '?') {
      if (p[0] == '/') return false;
    } else if (g[0] != p[0]) {
      return false;
    }
    g.remove_prefix(1);
    p.remove_prefix(1);
  }
  return p.empty();
}

const File* View::find(std::string_view path) const {
  std::string real, why;
  if (!detail::resolve_path(*this, path, real, why)) return nullptr;
  auto it = files_.find(real);
  return it == files_.end() ? nullptr : &it->second;
}

Lookup View::lookup(std::string_view path) const {
  Lookup out;
  std::string why;
  if (!detail::resolve_path(*this, path, out.path, why)) {
    out.problem = why;
    return out;
  }
  if (auto it = files_.find(out.path); it != files_.end()) {
    out.file = &it->second;
  } else if (auto skipped = unreadable_.find(out.path); skipped != unreadable_.end()) {
    out.problem = skipped->second;
  } else {
    // Nothing there: only a symlink at the path itself dangles (a symlinked directory on the way,
    // such as lib -> usr/lib, merely leads to where the file is not).
    std::string plain, parent, ignored;
    detail::normalize_entry_path(path, plain, ignored);
    const std::size_t slash = plain.rfind('/');
    std::string self = plain;
    if (slash != std::string::npos && detail::resolve_path(*this, plain.substr(0, slash), parent, ignored)) {
      self = parent.empty() ? plain.substr(slash + 1) : parent + plain.substr(slash);
    }
    if (symlinks_.count(self)) out.problem = "dangling symlink: no file at '" + out.path + "' in the image";
  }
  return out;
}

std::vector<Lookup> View::lookup_glob(std::string_view g) const {
  std::vector<Lookup> out;
  // The literal directory of the glob may be (or go through) a symlink.
  std::string_view literal = g.substr(0, g.find_first_of("*?["));
  const std::size_t slash = literal.rfind('/');
  std::string dir, why;
  std::string_view rest = g;
  if (slash != std::string_view::npos) {
    if (!detail::resolve_path(*this, literal.substr(0, slash), dir, why)) {
      out.push_back({nullptr, std::string(literal.substr(0, slash)), why});
      return out;
    }
    rest = g.substr(slash + 1);
  }
  const std::string real = dir.empty() ? std::string(rest) : dir + '/' + std::string(rest);
  const std::string prefix(std::string_view(real).substr(0, real.find_first_of("*?[")));
  for (auto it = files_.lower_bound(prefix); it != files_.end() && it->first.starts_with(prefix); ++it) {
    if (glob_match(real, it->first)) out.push_back({&it->second, it->first, {}});
  }
  for (auto it = unreadable_.lower_bound(prefix); it != unreadable_.end() && it->first.starts_with(prefix); ++it) {
    if (glob_match(real, it->first)) out.push_back({nullptr, it->first, it->second});
  }
  std::stable_sort(out.begin(), out.end(), [](const Lookup& a, const Lookup& b) { return a.path < b.path; });
  return out;
}

std::vector<const File*> View::glob(std::string_view g) const {
  std::vector<const File*> out;
  for (const Lookup& l : lookup_glob(g)) {
    if (l.file) out.push_back(l.file);
  }
  return out;
}

std::string View::layer_diff_id(int index) const {
  if (index < 0 || static_cast<std::size_t>(index) >= info_.layers.size()) return {};
  return info_.layers[static_cast<std::size_t>(index)].diff_id;
}

namespace detail {

bool resolve_path(const View& view, std::string_view path, std::string& out, std::string& why) {
  out.clear();
  std::deque<std::string> todo;
  auto push_front_segments = [&](std::string_view s) {
    std::vector<std::string> segs;
    while (!s.empty()) {
      std::size_t slash = s.find('/');
      std::string_view seg = s.substr(0, slash);
      s = slash == std::string_view::npos ? std::string_view{} : s.substr(slash + 1);
      if (!seg.empty() && seg != ".") segs.emplace_back(seg);
    }
    todo.insert(todo.begin(), segs.begin(), segs.end());
  };
  push_front_segments(path);
  int hops = 0;
  while (!todo.empty()) {
    std::string seg = std::move(todo.front());
    todo.pop_front();
    if (seg == "..") {
      // As in a chroot: ".." of the root is the root.
      std::size_t slash = out.rfind('/');
      out.resize(slash == std::string::npos ? 0 : slash);
      continue;
    }
    std::size_t parent = out.size();
    if (!out.empty()) out += '/';
    out += seg;
    if (!todo.empty() && !view.unreadable_.empty()) {
      if (auto skipped = view.unreadable_.find(out); skipped != view.unreadable_.end()) {
        why = "'" + out + "' was skipped: " + skipped->second;
        return false;
      }
    }
    auto link = view.symlinks_.find(out);
    if (link == view.symlinks_.end()) continue;
    if (++hops > kMaxSymlinkHops) {
      why = "too many levels of symbolic links";
      return false;
    }
    const std::string& target = link->second;
    if (target.starts_with('/')) {
      out.clear();
    } else {
      out.resize(parent);
    }
    push_front_segments(target);
  }
  return true;
}

void apply_layer(View& view, const LayerScan& scan, int index, bool keep_history,
                 std::vector<std::string>& warnings, const std::function<bool(const File&)>& keep) {
  auto retire = [&](File& f) {
    if (!keep_history && !(keep && keep(f))) return;
    f.removed_by = index;
    view.history_.push_back(std::move(f));
  };
  auto ignore = [](const std::string&) {};
  // Everything at `path` and under it goes: files, symlinks, skipped copies.
  auto clear = [&](const std::string& path, bool itself) {
    if (itself) {
      if (auto it = view.files_.find(path); it != view.files_.end()) {
        retire(it->second);
        view.files_.erase(it);
      }
      view.symlinks_.erase(path);
      view.unreadable_.erase(path);
    }
    erase_under(view.files_, path, retire);
    erase_under(view.symlinks_, path, ignore);
    erase_under(view.unreadable_, path, ignore);
  };
  for (const auto& dir : scan.opaque_dirs) clear(dir, false);
  for (const auto& gone : scan.whiteouts) clear(gone, true);
  for (const auto& e : scan.entries) {
    // Whatever was at this path before (file, symlink, or a directory's content) is replaced.
    clear(e.path, true);
    switch (e.kind) {
      case LayerEntry::Kind::Regular:
        view.files_.emplace(e.path, File{e.path, e.data, e.size, index, -1, e.sha256, e.sha512});
        break;
      case LayerEntry::Kind::Symlink:
        view.symlinks_.emplace(e.path, e.target);
        break;
      case LayerEntry::Kind::Skipped:
        view.unreadable_.emplace(e.path, e.target);
        break;
      case LayerEntry::Kind::Hardlink: {
        auto t = view.files_.find(e.target);
        if (t == view.files_.end()) {
          std::string why = "hard link to '" + e.target + "', which is missing or was not read";
          if (auto s = view.unreadable_.find(e.target); s != view.unreadable_.end()) {
            why = "hard link to '" + e.target + "', which was skipped: " + s->second;
          }
          warnings.push_back("hard link '" + e.path + "' skipped: its target '" + e.target +
                                  "' is missing or was not read");
          view.unreadable_.emplace(e.path, std::move(why));
          break;
        }
        File copy = t->second;
        copy.path = e.path;
        copy.layer = index;
        view.files_.emplace(e.path, std::move(copy));
        break;
      }
    }
  }
}

}  // namespace detail

}  // namespace sbom::image
