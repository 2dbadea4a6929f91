// Go: module build info of Go binaries (ELF; inline Go 1.18+ and older pointer layouts), read while
// the binary streams past, and go.mod files; the toolchain as pkg:golang/stdlib. The reader of
// executables hands binaries that are not Go on to the search for cargo-auditable data.
#include <algorithm>
#include <cstring>
#include <memory>

#include "catalog/catalogers.h"
#include "catalog/elf.h"
#include "catalog/lang_parsers.h"
#include "catalog/language.h"
#include "sbom/version.h"

namespace sbom::catalog {

namespace detail {

namespace {

constexpr std::string_view kMagic("\xff Go buildinf:", 14);
constexpr std::uint64_t kMaxHeaders = 64 << 10;   // ELF and program headers, and notes, must lie in this prefix
constexpr std::uint64_t kMaxDataScan = 32 << 20;  // bytes of the data segment searched for the magic
constexpr std::size_t kMaxModinfo = 4 << 20;

bool read_uvarint(std::string_view b, std::size_t& pos, std::uint64_t& out) {
  out = 0;
  for (int shift = 0; shift < 64 && pos < b.size(); shift += 7) {
    auto byte = static_cast<unsigned char>(b[pos++]);
    out |= static_cast<std::uint64_t>(byte & 0x7f) << shift;
    if (!(byte & 0x80)) return true;
  }
  return false;
}

void put_uvarint(std::string& out, std::uint64_t v) {
  while (v >= 0x80) {
    out += static_cast<char>((v & 0x7f) | 0x80);
    v >>= 7;
  }
  out += static_cast<char>(v);
}

}  // namespace

namespace {

// Whether an ELF file (its headers read into `head` from `in`) is a Go binary: Go's linker writes
// a "Go" build-id note near the start. nullopt when the notes cannot be read.
std::optional<bool> go_note(const elf::Headers& headers, std::uint64_t size, elf::Stream& in, std::string& head) {
  bool go = false;
  for (const elf::Segment& s : headers.segments) {
    if (s.type != elf::kPtNote || s.offset + s.filesz > kMaxHeaders || s.offset + s.filesz > size) continue;
    if (!in.take_to(s.offset + s.filesz, head)) return std::nullopt;
    go = go || elf::has_note(headers.reader, head, s, std::string_view("Go\0", 3), 4);
  }
  return go;
}

}  // namespace

namespace {

enum class HeadKind { kOther, kElf, kGo };

/// What a file's first bytes say it is (image::kDigestHead of them, or all of a shorter file).
HeadKind head_kind(std::string_view first) {
  std::size_t at = 0;
  const image::ReadFn read = [&](char* buf, std::size_t n) -> Expected<std::size_t> {
    const std::size_t k = std::min(n, first.size() - at);
    if (buf) std::memcpy(buf, first.data() + at, k);
    at += k;
    return k;
  };
  elf::Stream in(read);
  std::string head;
  auto headers = elf::read_headers(first.size(), in, head, kMaxHeaders);
  if (!headers) return HeadKind::kOther;
  return go_note(*headers, first.size(), in, head).value_or(false) ? HeadKind::kGo : HeadKind::kElf;
}

}  // namespace

bool is_go_executable(std::string_view first) { return head_kind(first) == HeadKind::kGo; }

bool is_hashed_executable(std::string_view first) { return head_kind(first) != HeadKind::kOther; }

std::optional<std::string> reduce_executable(std::uint64_t size, const image::ReadFn& read) {
  if (size < 64) return std::nullopt;
  elf::Stream in(read);
  std::string head;
  auto headers = elf::read_headers(size, in, head, kMaxHeaders);
  if (!headers) return std::nullopt;
  const elf::Reader& e = headers->reader;
  std::vector<elf::Segment>& segs = headers->segments;
  const std::optional<bool> go = go_note(*headers, size, in, head);
  if (!go) return std::nullopt;
  if (!*go) {
    // Not Go: what else an executable may carry is cargo-auditable's list. Its section is not
    // allocated (no flags), so linkers place it after every loaded segment: the code and data
    // before that are passed over unread.
    const std::uint64_t load_end = elf::load_end(segs);
    if (load_end > in.pos() && !in.skip_to(load_end)) return std::nullopt;
    return find_cargo_audit_data(read, elf::is_program(*headers, head) ? kElfProgram : kElfUntold);
  }
  std::sort(segs.begin(), segs.end(), [](const elf::Segment& a, const elf::Segment& b) { return a.offset < b.offset; });
  const auto data = std::find_if(segs.begin(), segs.end(), [](const elf::Segment& s) {
    return s.type == elf::kPtLoad && (s.flags & 3) == 2;  // writable, not executable
  });
  if (data == segs.end() || data->offset < in.pos()) return std::nullopt;
  // Strings of the old pointer layout live in read-only data, before the data segment: keep the
  // candidates (a "go1"/"devel" version string, the modinfo sentinel) with their offsets. One
  // buffer, refilled in place: each byte is copied once on its way past.
  static constexpr std::string_view kInfoStart("\x30\x77\xaf\x0c\x92\x74\x08\x02\x41\xe1\xc1\x07\xe6\xd6\x18\xe6", 16);
  static constexpr std::string_view kInfoEnd("\xf9\x32\x43\x31\x86\x18\x20\x72\x00\x82\x42\x10\x41\x16\xd8\xf2", 16);
  constexpr std::size_t kWindow = 1 << 20, kTail = 64;
  std::map<std::uint64_t, std::string> candidates;
  std::unique_ptr<char[]> buf(new char[kWindow]);
  std::size_t len = 0;
  std::uint64_t base = in.pos();
  while (in.pos() < data->offset) {
    while (len < kWindow && in.pos() < data->offset) {
      const std::size_t got = in.read_some(
          buf.get() + len, static_cast<std::size_t>(std::min<std::uint64_t>(kWindow - len, data->offset - in.pos())));
      if (got == 0) return std::nullopt;
      len += got;
    }
    // All but a tail that may hold the start of a candidate cut by the window's end.
    const std::size_t limit = in.pos() < data->offset ? len - kTail : len;
    const std::string_view w(buf.get(), len);
    for (std::size_t i = w.find("go1."); i < limit; i = w.find("go1.", i + 1)) {
      candidates.emplace(base + i, std::string(w.substr(i, 32)));
    }
    if (std::size_t i = w.find(kInfoStart); i < limit) {
      // Bounded: the modinfo string ends with the end sentinel. What is read on for it is not
      // searched further (one modinfo per binary).
      std::string s(w.substr(i));
      while (s.size() < kMaxModinfo && in.pos() < data->offset && s.find(kInfoEnd) == std::string::npos) {
        if (!in.take_to(std::min<std::uint64_t>(data->offset, in.pos() + (1 << 16)), s)) break;
      }
      candidates.emplace(base + i, std::move(s));
      len = 0;
      base = in.pos();
      continue;
    }
    std::memmove(buf.get(), buf.get() + limit, len - limit);
    base += limit;
    len -= limit;
    if (candidates.size() > 4096) candidates.clear();  // a binary full of such strings: give up on the old layout
  }
  buf.reset();
  // The build info is at the start of the data segment in practice: read it a piece at a time.
  std::string seg;
  const std::uint64_t scan_end = data->offset + std::min<std::uint64_t>(data->filesz, kMaxDataScan);
  if (!in.skip_to(data->offset)) return std::nullopt;
  auto have = [&](std::uint64_t want) {  // at least `want` bytes of the segment in `seg`, if it has them
    while (seg.size() < want && in.pos() < scan_end) {
      if (!in.take_to(std::min<std::uint64_t>(scan_end, in.pos() + (1 << 16)), seg)) break;
    }
    return seg.size() >= want;
  };
  std::size_t at = 0;
  for (;; at += 16) {
    if (!have(at + 32)) return std::nullopt;
    if (seg.compare(at, kMagic.size(), kMagic) == 0) break;
  }
  const auto flags = static_cast<unsigned char>(seg[at + 15]);
  if (flags & 2) {
    // Inline layout: two varint-length strings right after the 32-byte header.
    std::size_t pos = at + 32;
    std::uint64_t n = 0;
    for (int i = 0; i < 2; ++i) {
      have(pos + 10);  // a uvarint is at most 10 bytes
      if (!read_uvarint(seg, pos, n) || n > kMaxModinfo || !have(pos + n)) return std::nullopt;
      pos += static_cast<std::size_t>(n);
    }
    return seg.substr(at, pos - at);
  }
  have(scan_end - data->offset);  // the pointers may name any place in the segment
  // Pointer layout: two pointers to Go string headers (pointer, length) in the data segment.
  const int ptr = static_cast<unsigned char>(seg[at + 14]);
  if (ptr != 4 && ptr != 8) return std::nullopt;
  elf::Reader pe = e;
  pe.big_endian = flags & 1;
  auto file_offset = [&](std::uint64_t addr) -> std::optional<std::uint64_t> {
    for (const elf::Segment& s : segs) {
      if (s.type == elf::kPtLoad && addr >= s.vaddr && addr < s.vaddr + s.filesz) return s.offset + (addr - s.vaddr);
    }
    return std::nullopt;
  };
  auto read_string = [&](std::uint64_t header_addr) -> std::optional<std::string> {
    auto off = file_offset(header_addr);
    if (!off || *off < data->offset || *off + 2 * ptr > data->offset + seg.size()) return std::nullopt;
    const std::size_t h = static_cast<std::size_t>(*off - data->offset);
    const std::uint64_t str = pe.get(seg, h, ptr), len = pe.get(seg, h + static_cast<std::size_t>(ptr), ptr);
    if (len == 0) return std::string();
    auto soff = file_offset(str);
    if (!soff || len > kMaxModinfo) return std::nullopt;
    if (*soff >= data->offset && *soff + len <= data->offset + seg.size()) {
      return seg.substr(static_cast<std::size_t>(*soff - data->offset), static_cast<std::size_t>(len));
    }
    auto it = candidates.find(*soff);
    if (it == candidates.end() || it->second.size() < len) return std::nullopt;
    return it->second.substr(0, static_cast<std::size_t>(len));
  };
  auto version = read_string(pe.get(seg, at + 16, ptr));
  auto modinfo = read_string(pe.get(seg, at + 16 + static_cast<std::size_t>(ptr), ptr));
  if (!version || !modinfo) return std::nullopt;
  std::string out(kMagic);
  out += static_cast<char>(ptr);
  out += static_cast<char>(2);
  out.resize(32, '\0');
  put_uvarint(out, version->size());
  out += *version;
  put_uvarint(out, modinfo->size());
  out += *modinfo;
  return out;
}

image::Pattern executable_pattern() {
  image::Pattern p("**");
  p.executable = true;
  p.reduce = reduce_executable;
  p.reduce_key = "executables:2";  // 2: cargo-auditable data carries what the ELF header says (layer cache)
  p.digest = is_hashed_executable;  // a Go binary is its main module's component (add_module), a Rust one its root crate's
  return p;
}

Expected<GoBuildInfo> parse_go_buildinfo(std::string_view blob) {
  if (blob.size() < 32 || !blob.starts_with(kMagic)) return Error("no Go build info header");
  if (!(static_cast<unsigned char>(blob[15]) & 2)) return Error("Go build info is not in the inline layout");
  std::size_t pos = 32;
  std::string_view strs[2];
  for (auto& s : strs) {
    std::uint64_t n = 0;
    if (!read_uvarint(blob, pos, n) || n > blob.size() - pos) return Error("truncated Go build info");
    s = blob.substr(pos, static_cast<std::size_t>(n));
    pos += static_cast<std::size_t>(n);
  }
  GoBuildInfo info;
  info.go_version = std::string(strs[0]);
  std::string_view mod = strs[1];
  // The runtime brackets modinfo with 16-byte sentinels.
  if (mod.size() >= 33 && mod[mod.size() - 17] == '\n') mod = mod.substr(16, mod.size() - 32);
  parse_go_modinfo(mod, info);
  return info;
}

void parse_go_modinfo(std::string_view modinfo, GoBuildInfo& out) {
  GoModule* last = nullptr;
  for (std::string_view line : lines(modinfo)) {
    auto f = split(line, "\t");
    if (f.size() < 2) continue;
    if (f[0] == "mod") {
      out.main = GoModule{std::string(f[1]), f.size() > 2 ? std::string(f[2]) : std::string(), {}, {}};
      last = &*out.main;
    } else if (f[0] == "dep") {
      out.deps.push_back({std::string(f[1]), f.size() > 2 ? std::string(f[2]) : std::string(), {}, {}});
      last = &out.deps.back();
    } else if (f[0] == "build") {
      // Go records -buildmode only when it is not the default (a main package's: an executable).
      if (f[1].starts_with("-buildmode=")) out.build_mode = std::string(f[1].substr(11));
      else if (out.build_mode.empty()) out.build_mode = "default";
    } else if (f[0] == "=>" && last) {
      last->replace_path = std::string(f[1]);
      last->replace_version = f.size() > 2 ? std::string(f[2]) : std::string();
    }
  }
}

std::vector<GoModule> parse_go_mod(std::string_view text, std::vector<std::string>* problems) {
  std::vector<GoModule> req;
  std::vector<GoModule> repl;
  enum { kNone, kRequire, kReplace, kOther } block = kNone;
  std::size_t line_no = 0;
  auto problem = [&](const char* what) {
    if (problems) problems->push_back(std::to_string(line_no) + ": " + what);
  };
  auto add = [&](int kind, std::string_view rest) {
    if (std::size_t c = rest.find("//"); c != std::string_view::npos) rest = rest.substr(0, c);
    auto w = split(rest, " \t");
    if (w.empty()) return;
    if (kind == kRequire) {
      if (w.size() >= 2) req.push_back({std::string(w[0]), std::string(w[1]), {}, {}});
      else problem("require without a version");
    }
    if (kind == kReplace) {
      auto arrow = std::find(w.begin(), w.end(), "=>");
      if (arrow == w.end() || arrow == w.begin() || arrow + 1 == w.end()) {
        problem("replace without '=>' and a replacement");
        return;
      }
      GoModule m{std::string(w[0]), arrow - w.begin() == 2 ? std::string(w[1]) : std::string(),
                 std::string(arrow[1]), arrow + 2 != w.end() ? std::string(arrow[2]) : std::string()};
      repl.push_back(std::move(m));
    }
  };
  for (std::string_view line : lines(text)) {
    ++line_no;
    std::string_view t = trim(line);
    if (block != kNone) {
      if (t.starts_with(')')) block = kNone;
      else if (block != kOther) add(block, t);
      continue;
    }
    if (t.empty() || t.starts_with("//")) continue;
    const std::string_view word = t.substr(0, t.find_first_of(" \t("));
    auto kind = word == "require" ? kRequire : word == "replace" ? kReplace : kOther;
    static constexpr std::string_view kKnown[] = {"module", "go", "toolchain", "godebug", "require", "replace",
                                                  "exclude", "retract", "tool", "ignore"};
    if (std::find(std::begin(kKnown), std::end(kKnown), word) == std::end(kKnown)) {
      problem("unknown directive");
      continue;
    }
    std::string_view rest = trim(t.substr(word.size()));
    if (rest.starts_with('(')) block = kind;
    else if (kind != kOther) add(kind, rest);
  }
  if (block != kNone) problem("block not closed with ')'");
  for (auto& m : req) {
    for (const auto& r : repl) {
      if (r.path == m.path && (r.version.empty() || r.version == m.version)) {
        m.replace_path = r.replace_path;
        m.replace_version = r.replace_version;
      }
    }
  }
  return req;
}

}  // namespace detail

namespace {

constexpr std::string_view kName = "golang";

Purl go_purl(std::string_view module, std::string_view version) {
  Purl p;
  p.type = "golang";
  std::size_t slash = module.rfind('/');
  if (slash != std::string_view::npos) {
    p.ns = std::string(module.substr(0, slash));
    p.name = std::string(module.substr(slash + 1));
  } else {
    p.name = std::string(module);
  }
  if (version != "(devel)") p.version = std::string(version);
  return p;
}

/// BSI's file properties of a Go binary, from the build mode its build info records: a program
/// (exe, pie, or the default, which Go leaves unrecorded: a main package's is exe) is executable,
/// a shared library or plugin is not; no binary is an archive (the cataloger reads ELF files
/// only: a c-archive is none), and every one still holds the metadata of its contents (the build
/// info lists the modules compiled in). Before Go 1.18 the mode is not recorded: nothing is said.
std::optional<detail::FileKind> binary_kind(const detail::GoBuildInfo& info) {
  const std::string& mode = info.build_mode;
  if (mode == "default" || mode == "exe" || mode == "pie") return detail::FileKind{true, false, true};
  if (mode == "c-shared" || mode == "shared" || mode == "plugin") return detail::FileKind{false, false, true};
  return std::nullopt;
}

/// The module that was compiled in: the replacement when it is a module (a local directory
/// replacement has no version and keeps the original's identity). The main module is the binary
/// (`kind`: its file properties).

void add_module(const Context& ctx, Result& out, const detail::GoModule& m, const image::File& f, bool main,
                const std::optional<detail::FileKind>& kind = std::nullopt) {
  // Go writes a directory replacement as "=> ./dir (devel)"; such a path is local code.
  const bool local = m.replace_path.starts_with('.') || m.replace_path.starts_with('/') ||
                     m.replace_version.empty() || m.replace_version == "(devel)";
  const bool replaced = !m.replace_path.empty() && !local;
  Component* seen = nullptr;
  Component* c = detail::add_language_package(
      ctx, out, go_purl(replaced ? m.replace_path : m.path, replaced ? m.replace_version : m.version), kName, f, {}, &seen);
  // The main module is what the binary was built from: the binary is that component. The modules
  // compiled into it are not the file (their go.sum hashes are of module trees, no artifact here).
  if (seen) detail::add_file(*seen, main ? text::FileHashes{f.sha256, f.sha512} : text::FileHashes{}, main ? kind : std::nullopt, true);
  if (!c) return;
  if (main) {
    c->type = "application";
    detail::add_file(*c, {f.sha256, f.sha512}, kind);
  }
  if (!m.replace_path.empty()) detail::add_property(*c, kPropGoReplaces, m.path + (m.version.empty() ? "" : "@" + m.version));
}

class GolangCataloger final : public Cataloger {
 public:
  std::string_view name() const override { return kName; }
  std::vector<image::Pattern> patterns() const override {
    return {{"**/go.mod"}, detail::executable_pattern()};
  }
  Status catalog(const Context& ctx, Result& out) const override {
    for (const auto& [path, file] : ctx.view.files()) {
      if (detail::base_name(path) == "go.mod" && !file.data.starts_with("\xff Go buildinf:")) {
        // The module cache and vendor trees hold the go.mod of every dependency: their
        // requirements were not necessarily selected, so only a project's own go.mod counts.
        if (path.find("/pkg/mod/") != std::string::npos || path.find("vendor/") != std::string::npos) continue;
        std::vector<std::string> problems;
        auto mods = detail::parse_go_mod(file.data, &problems);
        for (const auto& p : problems) ctx.warning("/" + path + ":" + p);
        if (mods.empty() && problems.empty() && file.data.find("module") == std::string::npos) {
          ctx.warning("/" + path + ": no module directive; not a go.mod");
        }
        for (const auto& m : mods) add_module(ctx, out, m, file, false);
        continue;
      }
      if (!file.data.starts_with("\xff Go buildinf:")) continue;
      auto info = detail::parse_go_buildinfo(file.data);
      if (!info) {
        ctx.warning("/" + path + ": " + info.error().message + "; skipped");
        continue;
      }
      if (info->main && !info->main->path.empty()) add_module(ctx, out, *info->main, file, true, binary_kind(*info));
      for (const auto& d : info->deps) add_module(ctx, out, d, file, false);
      // Experiments and other suffixes ("go1.21.0 X:boringcrypto") are not part of the version.
      std::string given = info->go_version.substr(0, info->go_version.find_first_of(" \t"));
      if (given.empty() || given.starts_with("devel") || given.starts_with("godevel")) continue;
      // Written as the SemVer advisories use ("go1.19" -> "1.19.0", "go1.21rc2" -> "1.21.0-rc.2").
      auto semver = version::go_toolchain_semver(given);
      if (!semver) {
        ctx.warning("/" + path + ": " + semver.error().message + "; standard library not listed");
        continue;
      }
      const std::string& v = *semver;
      // The purl type's namespace rule has no room for the standard library, which tools and
      // advisory databases name plain "stdlib": built by hand.
      Component c = detail::package_component("stdlib", v, "pkg:golang/stdlib@" + v, kName);
      if (detail::find_component(out, c.bom_ref)) continue;
      detail::add_provenance(c, ctx.view, file);
      out.components.push_back(std::move(c));
    }
    return Ok{};
  }
};

}  // namespace

std::unique_ptr<Cataloger> make_golang_cataloger() { return std::make_unique<GolangCataloger>(); }

}  // namespace sbom::catalog
