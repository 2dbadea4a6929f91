// Rust: Cargo.lock, and the dependency list cargo-auditable embeds in binaries (a zlib-compressed
// JSON in the .dep-v0 section), found while the executable streams past.
#include <zlib.h>

#include <cstring>
#include <memory>

#include "catalog/catalogers.h"
#include "catalog/lang_parsers.h"
#include "catalog/language.h"
#include "sbom/json.h"

namespace sbom::catalog {

namespace detail {

namespace {

constexpr std::string_view kJsonStart = "{\"packages\":[";
constexpr std::size_t kMaxCompressed = 8 << 20;
constexpr std::size_t kMaxJson = 64 << 20;

/// Whether a zlib stream starts at `s` and inflates to the audit JSON's first bytes.
bool audit_stream_at(std::string_view s) {
  z_stream z{};
  if (inflateInit(&z) != Z_OK) return false;
  char out[16];
  z.next_in = reinterpret_cast<Bytef*>(const_cast<char*>(s.data()));
  z.avail_in = static_cast<uInt>(std::min<std::size_t>(s.size(), 64));
  z.next_out = reinterpret_cast<Bytef*>(out);
  z.avail_out = sizeof out;
  int r = inflate(&z, Z_SYNC_FLUSH);
  std::size_t got = sizeof out - z.avail_out;
  inflateEnd(&z);
  return (r == Z_OK || r == Z_STREAM_END) && got >= kJsonStart.size() &&
         std::string_view(out, kJsonStart.size()) == kJsonStart;
}

}  // namespace

std::optional<std::string> find_cargo_audit_data(const image::ReadFn& read, char kind) {
  // One buffer refilled in place; 64 bytes of overlap so that a stream starting at a window's
  // end is still seen whole.
  constexpr std::size_t kWindow = 1 << 18, kTail = 64;
  std::unique_ptr<char[]> buf(new char[kWindow]);
  std::size_t len = 0;
  bool eof = false;
  while (!eof) {
    while (len < kWindow) {
      auto r = read(buf.get() + len, kWindow - len);
      if (!r || *r == 0) {
        eof = true;
        break;
      }
      len += *r;
    }
    const std::size_t limit = eof ? len : len - kTail;
    const std::string_view window(buf.get(), len);
    for (std::size_t i = window.find('\x78'); i < limit; i = window.find('\x78', i + 1)) {
      const auto flg = static_cast<unsigned char>(i + 1 < len ? window[i + 1] : 0);
      if ((0x7800u + flg) % 31 != 0 || !audit_stream_at(window.substr(i))) continue;
      // Found: read on to the end of the zlib stream.
      std::string data(window.substr(i));
      buf.reset();
      z_stream z{};
      if (inflateInit(&z) != Z_OK) return std::nullopt;
      std::string sink(1 << 16, '\0');
      char more_buf[1 << 14];
      std::size_t fed = 0;
      int zr = Z_OK;
      while (zr == Z_OK) {
        if (fed == data.size()) {
          if (data.size() > kMaxCompressed) break;
          auto more = read(more_buf, sizeof more_buf);
          if (!more || *more == 0) break;
          data.append(more_buf, *more);
        }
        z.next_in = reinterpret_cast<Bytef*>(data.data() + fed);
        z.avail_in = static_cast<uInt>(data.size() - fed);
        z.next_out = reinterpret_cast<Bytef*>(sink.data());
        z.avail_out = static_cast<uInt>(sink.size());
        zr = inflate(&z, Z_NO_FLUSH);
        fed = data.size() - z.avail_in;
        if (zr == Z_BUF_ERROR && z.avail_in == 0) zr = Z_OK;  // needs more input
      }
      inflateEnd(&z);
      if (zr != Z_STREAM_END) return std::nullopt;
      data.resize(fed);
      return std::string(kAuditTag) + kind + data;
    }
    std::memmove(buf.get(), buf.get() + limit, len - limit);
    len -= limit;
  }
  return std::nullopt;
}

bool cargo_audit_of_program(std::string_view kept) {
  return kept.size() > kAuditTag.size() && kept.starts_with(kAuditTag) && kept[kAuditTag.size()] == kElfProgram;
}

Expected<std::vector<LockedPackage>> parse_cargo_audit(std::string_view kept) {
  if (kept.size() <= kAuditTag.size() || !kept.starts_with(kAuditTag)) return Error("no cargo-auditable data");
  kept.remove_prefix(kAuditTag.size() + 1);  // and the ELF kind
  std::string json(1 << 16, '\0');
  z_stream z{};
  if (inflateInit(&z) != Z_OK) return Error("zlib initialisation failed");
  z.next_in = reinterpret_cast<Bytef*>(const_cast<char*>(kept.data()));
  z.avail_in = static_cast<uInt>(kept.size());
  int zr = Z_OK;
  std::size_t got = 0;
  while (zr == Z_OK) {
    if (got == json.size()) {
      if (json.size() >= kMaxJson) break;
      json.resize(json.size() * 2);
    }
    z.next_out = reinterpret_cast<Bytef*>(json.data() + got);
    z.avail_out = static_cast<uInt>(json.size() - got);
    zr = inflate(&z, Z_NO_FLUSH);
    got = json.size() - z.avail_out;
  }
  inflateEnd(&z);
  if (zr != Z_STREAM_END) return Error("corrupt compressed dependency list");
  json.resize(got);
  auto doc = json::parse(json);
  if (!doc) return std::move(doc).error();
  const json::Value* pkgs = doc->find("packages");
  if (!pkgs || !pkgs->is_array()) return Error("dependency list without packages");
  std::vector<LockedPackage> out;
  for (const auto& p : pkgs->as_array()) {
    const json::Value* n = p.find("name");
    const json::Value* v = p.find("version");
    const json::Value* src = p.find("source");
    const json::Value* kind = p.find("kind");
    if (!n || !v || !n->is_string() || !v->is_string()) continue;
    LockedPackage lp{n->as_string(), v->as_string(), kind && kind->is_string() && kind->as_string() == "build", {}};
    lp.path = src && src->is_string() ? src->as_string() : "";
    const json::Value* root = p.find("root");
    lp.root = root && root->is_bool() && root->as_bool();
    out.push_back(std::move(lp));
  }
  return out;
}

Expected<std::vector<LockedPackage>> parse_cargo_lock(std::string_view text) {
  auto tables = toml_array_tables(text, "package");
  if (!tables) return std::move(tables).error();
  std::vector<LockedPackage> out;
  for (auto& t : *tables) {
    if (t["name"].empty() || t["version"].empty()) continue;
    out.push_back({t["name"], t["version"], false, t["source"]});
    // The SHA-256 of the .crate file the registry serves (git and path sources have none).
    if (!t["checksum"].empty()) out.back().integrity.push_back("sha256:" + t["checksum"]);
  }
  return out;
}

}  // namespace detail

namespace {

constexpr std::string_view kName = "rust";

/// BSI's file properties of a binary with cargo-auditable data, for its root crate: a program (by
/// its ELF header) is executable, no archive, and structured (the list names every crate compiled
/// in). Of a shared object without interpreter (a cdylib or a static PIE) nothing is said.
std::optional<detail::FileKind> binary_kind(const image::File& f) {
  if (!detail::cargo_audit_of_program(f.data)) return std::nullopt;
  return detail::FileKind{true, false, true};
}

/// Published crates get a purl; the workspace's own crates (no source) are the application. A
/// binary is the component of the crate it was built from (cargo-auditable's root): it gets the
/// binary's hashes and file properties, as a Go binary's main module does.

void add_crate(const Context& ctx, Result& out, const detail::LockedPackage& p, const image::File& f, bool local) {
  if (local) {
    Component c = detail::package_component(p.name, p.version, {}, kName);
    c.type = "application";
    c.bom_ref = "cargo-local:/" + f.path + "#" + p.name + "@" + p.version;
    detail::add_provenance(c, ctx.view, f);
    if (p.root) detail::add_file(c, {f.sha256, f.sha512}, binary_kind(f));
    out.components.push_back(std::move(c));
    return;
  }
  Component* seen = nullptr;
  Component* c = detail::add_named_package(ctx, out, "cargo", p, kName, f, &seen);
  if (seen && p.root) detail::add_file(*seen, {f.sha256, f.sha512}, binary_kind(f), true);
  if (c && p.root) {
    c->type = "application";
    detail::add_file(*c, {f.sha256, f.sha512}, binary_kind(f));
  }
}

class RustCataloger final : public Cataloger {
 public:
  std::string_view name() const override { return kName; }
  std::vector<image::Pattern> patterns() const override { return {{"**/Cargo.lock"}, detail::executable_pattern()}; }
  Status catalog(const Context& ctx, Result& out) const override {
    for (const auto& [path, file] : ctx.view.files()) {
      if (file.data.starts_with(detail::kAuditTag)) {
        auto pkgs = detail::parse_cargo_audit(file.data);
        if (!pkgs) {
          ctx.warning("/" + path + ": cargo-auditable data: " + pkgs.error().message + "; skipped");
          continue;
        }
        for (const auto& p : *pkgs) add_crate(ctx, out, p, file, p.path == "local");
        continue;
      }
      if (detail::base_name(path) != "Cargo.lock") continue;
      auto pkgs = detail::parse_cargo_lock(file.data);
      if (!pkgs) {
        ctx.warning(pkgs.error().in_file("/" + path).to_string() + "; skipped");
        continue;
      }
      if (pkgs->empty() && !file.data.empty()) ctx.warning("/" + path + ": no packages found in the lockfile");
      for (const auto& p : *pkgs) add_crate(ctx, out, p, file, p.path.empty());
    }
    return Ok{};
  }
};

}  // namespace

std::unique_ptr<Cataloger> make_rust_cataloger() { return std::make_unique<RustCataloger>(); }

}  // namespace sbom::catalog
