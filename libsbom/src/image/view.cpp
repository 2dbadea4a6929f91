// The squashed filesystem view: layer merging (whiteouts, opaque dirs), symlinks, globbing.
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

std::vector<const File*> View::glob(std::string_view g) const {
  std::vector<const File*> out;
  std::string literal(g.substr(0, g.find_first_of("*?")));
  for (auto it = files_.lower_bound(literal); it != files_.end() && it->first.starts_with(literal); ++it) {
    if (glob_match(g, it->first)) out.push_back(&it->second);
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
      if (out.empty()) {
        why = "climbs above the root";
        return false;
      }
      std::size_t slash = out.rfind('/');
      out.resize(slash == std::string::npos ? 0 : slash);
      continue;
    }
    std::size_t parent = out.size();
    if (!out.empty()) out += '/';
    out += seg;
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
                 std::vector<std::string>& warnings) {
  auto retire = [&](File& f) {
    if (!keep_history) return;
    f.removed_by = index;
    view.history_.push_back(std::move(f));
  };
  auto ignore = [](const std::string&) {};
  for (const auto& dir : scan.opaque_dirs) {
    erase_under(view.files_, dir, retire);
    erase_under(view.symlinks_, dir, ignore);
  }
  for (const auto& gone : scan.whiteouts) {
    if (auto it = view.files_.find(gone); it != view.files_.end()) {
      retire(it->second);
      view.files_.erase(it);
    }
    view.symlinks_.erase(gone);
    erase_under(view.files_, gone, retire);
    erase_under(view.symlinks_, gone, ignore);
  }
  for (const auto& e : scan.entries) {
    // Whatever was at this path before (file, symlink, or a directory's content) is replaced.
    if (auto it = view.files_.find(e.path); it != view.files_.end()) {
      retire(it->second);
      view.files_.erase(it);
    }
    view.symlinks_.erase(e.path);
    erase_under(view.files_, e.path, retire);
    erase_under(view.symlinks_, e.path, ignore);
    switch (e.kind) {
      case LayerEntry::Kind::Regular:
        view.files_.emplace(e.path, File{e.path, e.data, e.size, index, -1});
        break;
      case LayerEntry::Kind::Symlink:
        view.symlinks_.emplace(e.path, e.target);
        break;
      case LayerEntry::Kind::Hardlink: {
        auto t = view.files_.find(e.target);
        if (t == view.files_.end()) {
          warnings.push_back("hard link '" + e.path + "' skipped: its target '" + e.target +
                                  "' is missing or was not read");
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
