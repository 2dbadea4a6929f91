// vulndb::Update: the plan of an index update (which sources are kept, which refreshed, where each
// copy comes from) and its steps, each staged and verified before anything in place is replaced.
#include <sys/stat.h>

#include <algorithm>
#include <cerrno>
#include <chrono>
#include <cstdio>
#include <cstring>
#include <filesystem>
#include <string>

#include "net/http.h"
#include "sbom/eol.h"
#include "sbom/text.h"
#include "sbom/vulndb.h"
#include "vulndb/eol_table.h"
#include "vulndb/fetch.h"
#include "vulndb/source.h"

namespace sbom::vulndb {
namespace fs = std::filesystem;

namespace {

// The same file, however the path is spelled (sources are recorded as given).
std::string same_file_key(const std::string& path) {
  std::error_code ec;
  fs::path p = fs::absolute(path, ec);
  return (ec ? fs::path(path) : p).lexically_normal().string();
}

bool is_http(std::string_view base) { return base.starts_with("http://") || base.starts_with("https://"); }

// %XX escapes of a file URL's path decoded; false for a malformed escape.
bool percent_decode(std::string_view s, std::string& out) {
  auto hexval = [](char c) {
    if (c >= '0' && c <= '9') return c - '0';
    if (c >= 'a' && c <= 'f') return c - 'a' + 10;
    if (c >= 'A' && c <= 'F') return c - 'A' + 10;
    return -1;
  };
  for (std::size_t i = 0; i < s.size(); ++i) {
    if (s[i] != '%') {
      out += s[i];
      continue;
    }
    if (i + 2 >= s.size() || hexval(s[i + 1]) < 0 || hexval(s[i + 2]) < 0) return false;
    out += static_cast<char>(hexval(s[i + 1]) * 16 + hexval(s[i + 2]));
    i += 2;
  }
  return true;
}

// A local mirror's directory from a file:// URL or a path; errors say what a base may be and
// (`holds`) what such a mirror holds.
Expected<std::string> mirror_dir(const std::string& base, std::string_view holds) {
  std::string dir;
  if (base.starts_with("file://")) {
    std::string_view rest = std::string_view(base).substr(7);
    if (rest.starts_with("localhost/")) rest.remove_prefix(9);
    if (!rest.starts_with("/") || !percent_decode(rest, dir))
      return Error(base + ": a file URL names an absolute path (file:///srv/osv)");
  } else if (base.find("://") != std::string::npos) {
    return Error(base + ": not a source an update reads (https://, http://, file:// or a mirror directory)");
  } else {
    dir = base;
  }
  std::error_code ec;
  if (!fs::is_directory(dir, ec)) return Error(dir + ": not a directory (a mirror holds " + std::string(holds) + ")");
  return dir;
}

constexpr std::string_view kOsvMirror = "<Ecosystem>/all.zip files";
constexpr std::string_view kEolMirror = "<product>.json files";

// The archive is complete and has records: what is checked before a copy may replace another.
Status verify_zip(const std::string& path, const std::string& from, std::string& sha256) {
  std::error_code ec;
  if (fs::file_size(path, ec) == 0 && !ec) return Error(from + ": empty (nothing replaced)");
  std::uint64_t entries = 0;
  auto ok = detail::read_zip(path, [&](std::vector<detail::InputFile>&& files) { entries += files.size(); }, sha256);
  if (!ok) return Error(from + ": " + ok.error().message + " (nothing replaced)");
  if (entries == 0) return Error(from + ": the archive holds no records (nothing replaced)");
  return Ok{};
}

// Copies `from` to `to` in pieces, checking every write (a full disk is an error, not a short file).
Status copy_file(const std::string& from, const std::string& to, std::uint64_t& bytes) {
  std::FILE* in = std::fopen(from.c_str(), "rb");
  if (in == nullptr) return Error(from + ": cannot open: " + std::strerror(errno));
  std::FILE* out = std::fopen(to.c_str(), "wb");
  if (out == nullptr) {
    std::fclose(in);
    return Error(to + ": cannot create: " + std::strerror(errno));
  }
  std::string buf(1 << 16, '\0');
  bool ok = true;
  std::string why;
  for (;;) {
    std::size_t n = std::fread(buf.data(), 1, buf.size(), in);
    if (n == 0) {
      if (std::ferror(in)) ok = false, why = from + ": read error";
      break;
    }
    if (std::fwrite(buf.data(), 1, n, out) != n) {
      ok = false;
      why = to + ": write error (disk full?)";
      break;
    }
    bytes += n;
  }
  std::fclose(in);
  if (std::fflush(out) != 0 && ok) ok = false, why = to + ": write error (disk full?)";
  if (std::fclose(out) != 0 && ok) ok = false, why = to + ": write error (disk full?)";
  if (!ok) {
    std::remove(to.c_str());
    return Error(why);
  }
  return Ok{};
}

// The table parses, is an endoflife.date table of the product its URL or file names, and lists
// releases: what is checked before a copy may replace another. Errors name the source, with the
// position in it.
Status verify_eol(const std::string& path, const std::string& from) {
  auto text = detail::read_whole_file(path);
  if (!text) return Error(from + ": " + text.error().message + " (nothing replaced)");
  if (text->empty()) return Error(from + ": empty (nothing replaced)");
  auto tree = json::parse(*text);
  if (!tree) {
    Error e = std::move(tree.error());
    e.file = from;
    e.message += " (nothing replaced)";
    return e;
  }
  if (!detail::is_eol_table(*tree)) return Error(from + ": not an endoflife.date product table (nothing replaced)");
  auto recs = detail::eol_table_to_osv(*tree, from);
  if (!recs.front().error.message.empty()) {
    Error e = std::move(recs.front().error);
    e.message += " (nothing replaced)";
    return e;
  }
  return Ok{};
}

std::int64_t mtime_of(const std::string& path) {
  struct stat st {};
  return ::stat(path.c_str(), &st) == 0 ? static_cast<std::int64_t>(st.st_mtime) : 0;
}

}  // namespace

struct Update::Impl {
  std::string index;  // "" for a mirror run
  bool have_index = false;
  std::vector<SourceInfo> kept;
  std::vector<UpdateStep> steps;
  struct Staged {
    bool present = false;
    std::string etag, last_modified;  // validators to keep beside the copy
    std::vector<fs::path> made;       // directories made for it, deepest first
  };
  std::vector<Staged> staged;

  static std::string part(const std::string& zip) { return zip + ".part"; }

  void abandon() {
    for (std::size_t i = 0; i < staged.size(); ++i)
      if (staged[i].present) {
        std::remove(part(steps[i].zip).c_str());
        staged[i].present = false;
        std::error_code ignored;
        for (const fs::path& p : staged[i].made) fs::remove(p, ignored);  // only when empty
      }
  }
  ~Impl() { abandon(); }

  Status set_sources(const std::string& base, const std::vector<std::string>& ecosystems,
                     const fs::path& copies) {
    const bool http = is_http(base);
    std::string dir;
    if (!http && !ecosystems.empty()) {
      auto d = mirror_dir(base, kOsvMirror);
      if (!d) return std::move(d.error());
      dir = *d;
    }
    for (const std::string& eco : ecosystems) {
      if (eco.empty() || eco.find('/') != std::string::npos || eco == "." || eco == "..")
        return Error("'" + eco + "' is not an OSV ecosystem name");
      UpdateStep st;
      st.ecosystem = eco;
      st.from = http ? osv_zip_url(base, eco) : (fs::path(dir) / eco / "all.zip").string();
      st.zip = (copies / eco / "all.zip").lexically_normal().string();
      steps.push_back(std::move(st));
      staged.emplace_back();
    }
    return Ok{};
  }

  // The end-of-life tables: each product's from the endoflife.date API (`<base>/<product>`) or a
  // mirror (`<dir>/<product>.json`), copied to `<copies>/<product>.json`.
  Status set_eol_sources(const std::string& base, const std::vector<std::string>& products, const fs::path& copies) {
    if (products.empty()) return Ok{};
    const bool http = is_http(base);
    std::string dir;
    if (!http) {
      auto d = mirror_dir(base, kEolMirror);
      if (!d) return std::move(d.error());
      dir = *d;
    }
    for (const std::string& name : products) {
      const std::string product = detail::eol_product_of(name);
      if (name.find('/') != std::string::npos || eol::product(product) == nullptr) {
        std::string list;
        for (const eol::Product& p : eol::products()) list += (list.empty() ? "" : ", ") + std::string(p.id);
        return Error("'" + name + "' is not one of the products whose end of life sbomkit judges (" + list + ")");
      }
      if (std::any_of(steps.begin(), steps.end(), [&](const UpdateStep& st) { return st.eol_product == product; }))
        continue;
      UpdateStep st;
      st.eol_product = product;
      st.from = http ? eol_table_url(base, product) : (fs::path(dir) / (product + ".json")).string();
      st.zip = (copies / (product + ".json")).lexically_normal().string();
      steps.push_back(std::move(st));
      staged.emplace_back();
    }
    return Ok{};
  }
};

Update::Update() : impl_(std::make_unique<Impl>()) {}
Update::Update(Update&&) noexcept = default;
Update& Update::operator=(Update&&) noexcept = default;
Update::~Update() = default;

const std::vector<UpdateStep>& Update::steps() const { return impl_->steps; }

Expected<Update> Update::plan(const std::string& index, const std::vector<std::string>& ecosystems,
                              const std::string& base, const std::vector<std::string>& eol_products,
                              const std::string& eol_base) {
  Update u;
  Impl& m = *u.impl_;
  m.index = index;
  // An index that cannot be read is an error, not a fresh start that would drop what it held.
  std::error_code ec;
  m.have_index = fs::exists(index, ec);
  if (m.have_index) {
    auto old = Database::open(index);
    if (!old) return std::move(old.error());
    m.kept = old->info().sources;
  }
  // The copies are kept next to the index (osv/<Ecosystem>/all.zip) for the conditional requests,
  // and recorded by absolute path so a later update finds them from any directory.
  fs::path dir = fs::absolute(fs::path(index).parent_path(), ec);
  if (auto ok = m.set_sources(base, ecosystems, dir / "osv"); !ok) return std::move(ok.error());
  if (auto ok = m.set_eol_sources(eol_base, eol_products, dir / "eol"); !ok) return std::move(ok.error());
  // Checked before anything is fetched: a source that is gone would be dropped by the rebuild.
  for (const auto& s : m.kept) {
    const std::string key = same_file_key(s.path);
    bool refreshed = std::any_of(m.steps.begin(), m.steps.end(), [&](const UpdateStep& st) { return st.zip == key; });
    if (!refreshed && !fs::exists(s.path, ec))
      return Error(s.path + ": a source of " + index +
                   " is gone; an update keeps every source: restore it, or rebuild the index with sbom-db build");
  }
  return u;
}

Expected<Update> Update::plan_mirror(const std::string& dir, const std::vector<std::string>& ecosystems,
                                     const std::string& base, const std::vector<std::string>& eol_products,
                                     const std::string& eol_base) {
  Update u;
  if (auto ok = u.impl_->set_sources(base, ecosystems, fs::path(dir)); !ok) return std::move(ok.error());
  if (auto ok = u.impl_->set_eol_sources(eol_base, eol_products, fs::path(dir) / "eol"); !ok)
    return std::move(ok.error());
  return u;
}

Status Update::fetch(std::size_t i) {
  Impl& m = *impl_;
  UpdateStep& st = m.steps.at(i);
  Impl::Staged& sg = m.staged.at(i);
  const std::string staged = Impl::part(st.zip);
  std::error_code ec;
  fs::path parent = fs::path(st.zip).parent_path();
  // The directories this step makes are removed again (deepest first) when nothing lands in them.
  std::vector<fs::path>& made = sg.made;
  made.clear();
  for (fs::path p = parent; !p.empty() && !fs::exists(p, ec); p = p.parent_path()) {
    made.push_back(p);
    if (p == p.parent_path()) break;
  }
  fs::create_directories(parent, ec);
  if (ec) return Error(parent.string() + ": cannot create: " + ec.message());
  auto undo_parent = [&] {
    std::error_code ignored;
    for (const fs::path& p : made) fs::remove(p, ignored);
  };
  st.modified = false;
  st.bytes = 0;
  const bool eol = !st.eol_product.empty();
  if (is_http(st.from)) {
    auto d = detail::download(st.from, st.zip, staged);
    if (!d) {
      undo_parent();
      return std::move(d.error());
    }
    st.last_modified = text::parse_http_date(detail::read_small(st.zip + ".last-modified")).value_or(0);
    if (!d->modified) return Ok{};
    st.bytes = d->bytes;
    sg.etag = d->etag;
    sg.last_modified = d->last_modified;
    if (auto t = text::parse_http_date(d->last_modified)) st.last_modified = *t;
  } else {
    if (!fs::is_regular_file(st.from, ec)) {
      undo_parent();
      return Error(st.from + ": not in the mirror (a mirror holds " + std::string(eol ? kEolMirror : kOsvMirror) + ")");
    }
    // The mirror's own validator when it has one (sbom-db mirror keeps it), else the file's time.
    std::string lm = detail::read_small(st.from + ".last-modified");
    st.last_modified = text::parse_http_date(lm).value_or(0);
    if (st.last_modified == 0) {
      st.last_modified = mtime_of(st.from);
      lm = text::http_date(st.last_modified);
    }
    auto theirs = file_sha256(st.from);
    if (!theirs) return std::move(theirs.error());
    if (fs::exists(st.zip, ec)) {
      auto ours = file_sha256(st.zip);
      if (ours && *ours == *theirs) return Ok{};
    }
    if (auto ok = copy_file(st.from, staged, st.bytes); !ok) {
      undo_parent();
      return ok;
    }
    sg.etag = detail::read_small(st.from + ".etag");
    sg.last_modified = lm;
  }
  sg.present = true;
  std::string sha256;
  if (auto ok = eol ? verify_eol(staged, st.from) : verify_zip(staged, st.from, sha256); !ok) {
    std::remove(staged.c_str());
    sg.present = false;
    undo_parent();
    return ok;
  }
  st.modified = true;
  return Ok{};
}

Expected<bool> Update::needs_rebuild() const {
  const Impl& m = *impl_;
  if (!m.have_index) return true;
  for (const UpdateStep& st : m.steps) {
    if (st.modified) return true;
    auto was = std::find_if(m.kept.begin(), m.kept.end(), [&](const SourceInfo& s) { return same_file_key(s.path) == st.zip; });
    if (was == m.kept.end()) return true;
    // Current when the index was built from this very file.
    auto digest = file_sha256(st.zip);
    if (!digest) return std::move(digest.error());
    if (*digest != was->sha256) return true;
  }
  return false;
}

Expected<std::string> Update::build(std::int64_t build_time, const Diagnostics& diagnostics, BuildStats* stats,
                                    std::size_t* sources) {
  const Impl& m = *impl_;
  Builder b;
  auto add_step = [&](const UpdateStep& st, std::size_t i) -> Status {
    SourceOrigin o;
    o.recorded_path = st.zip;
    o.origin = st.from;
    o.last_modified = st.last_modified;
    return b.add_source(m.staged[i].present ? Impl::part(st.zip) : st.zip, diagnostics, o);
  };
  std::vector<bool> added(m.steps.size(), false);
  // The index's sources in their order (a refreshed copy in its predecessor's place), new ones after.
  for (const SourceInfo& s : m.kept) {
    const std::string key = same_file_key(s.path);
    auto st = std::find_if(m.steps.begin(), m.steps.end(), [&](const UpdateStep& x) { return x.zip == key; });
    if (st == m.steps.end()) {
      SourceOrigin o;
      o.origin = s.origin;
      o.last_modified = s.last_modified;
      if (auto ok = b.add_source(s.path, diagnostics, o); !ok) return std::move(ok.error());
      continue;
    }
    const auto i = static_cast<std::size_t>(st - m.steps.begin());
    if (added[i]) continue;
    added[i] = true;
    if (auto ok = add_step(*st, i); !ok) return std::move(ok.error());
  }
  for (std::size_t i = 0; i < m.steps.size(); ++i)
    if (!added[i]) {
      added[i] = true;
      if (auto ok = add_step(m.steps[i], i); !ok) return std::move(ok.error());
    }
  if (stats != nullptr) *stats = b.stats();
  if (sources != nullptr) *sources = b.sources().size();
  return b.serialize(build_time);
}

Status Update::commit() {
  Impl& m = *impl_;
  for (std::size_t i = 0; i < m.steps.size(); ++i) {
    Impl::Staged& sg = m.staged[i];
    if (!sg.present) continue;
    const std::string& zip = m.steps[i].zip;
    if (std::rename(Impl::part(zip).c_str(), zip.c_str()) != 0)
      return Error(zip + ": cannot replace: " + std::strerror(errno));
    sg.present = false;
    // Validators describe the file now in place; stale ones would make the next request wrong.
    std::remove((zip + ".etag").c_str());
    std::remove((zip + ".last-modified").c_str());
    if (!sg.etag.empty())
      if (auto ok = detail::write_small(zip + ".etag", sg.etag); !ok) return ok;
    if (!sg.last_modified.empty())
      if (auto ok = detail::write_small(zip + ".last-modified", sg.last_modified); !ok) return ok;
    // A mirror's file carries its publisher's time, so a mirror of the mirror keeps it.
    if (auto t = text::parse_http_date(sg.last_modified)) {
      std::error_code ec;
      fs::last_write_time(zip, fs::file_time_type::clock::from_sys(std::chrono::system_clock::from_time_t(*t)), ec);
    }
  }
  return Ok{};
}

}  // namespace sbom::vulndb
