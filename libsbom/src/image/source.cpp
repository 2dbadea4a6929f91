// Image inputs: where blobs come from (directory, tar file, tar stream), manifests and configs,
// platform choice, and the parallel scan of layers into one View.
#include <archive.h>
#include <archive_entry.h>
#include <fcntl.h>
#include <openssl/evp.h>
#include <sys/stat.h>
#include <sys/utsname.h>
#include <unistd.h>

#include <algorithm>
#include <cctype>
#include <cerrno>
#include <cstdio>
#include <cstring>
#include <filesystem>
#include <functional>
#include <map>
#include <optional>
#include <set>
#include <thread>

#include "image/layer.h"
#include "image/daemon.h"
#include "image/layer_cache.h"
#include "image/registry.h"
#include "image/store.h"
#include "sbom/json.h"

namespace sbom::image {

Error detail::source_error(std::string_view source, std::string message) {
  Error e(std::move(message));
  e.file = source;
  return e;
}

namespace {

using detail::Budget;
using detail::Store;
using detail::source_error;
using detail::LayerScan;
using detail::Matcher;
using detail::archive_message;

constexpr std::uint64_t kMaxJsonBlob = 16ull << 20;  // manifests and configs are a few KiB
constexpr int kMaxIndexDepth = 4;

std::string q(std::string_view s) { return "'" + std::string(s) + "'"; }

/// The digest a blob's name promises: "blobs/<alg>/<hex>" (OCI layout; docker save of Docker 25+)
/// or "<hex>.json" (a legacy docker-archive config); "" when the name promises none.
std::string named_digest(std::string_view name) {
  if (name.starts_with("blobs/")) {
    std::string_view rest = name.substr(6);
    std::size_t slash = rest.find('/');
    if (slash == std::string_view::npos) return {};
    return std::string(rest.substr(0, slash)) + ":" + std::string(rest.substr(slash + 1));
  }
  const bool hex = name.size() == 69 && name.ends_with(".json") &&
                   std::all_of(name.begin(), name.begin() + 64, [](char c) {
                     return (c >= '0' && c <= '9') || (c >= 'a' && c <= 'f');
                   });
  return hex ? "sha256:" + std::string(name.substr(0, 64)) : std::string();
}

/// Checks `actual` ("sha256:…", of the bytes of `name`) against the digest the name promises.
Status check_named_digest(std::string_view what, std::string_view name, std::string_view actual) {
  const std::string want = named_digest(name);
  if (want.empty()) return Ok{};
  if (!want.starts_with("sha256:")) {
    return Error(std::string(what) + " " + q(name) + ": digest algorithm " + q(want.substr(0, want.find(':'))) +
                 " is not supported (only sha256)");
  }
  if (want != actual) {
    return Error(std::string(what) + " " + q(name) + " does not match its digest (its content is " +
                 std::string(actual) + ")");
  }
  return Ok{};
}

// ---- blob stores -------------------------------------------------------------------------

class DirStore final : public Store {
 public:
  explicit DirStore(std::string root) : root_(std::move(root)) {}
  bool has(const std::string& name) const override {
    struct stat st {};
    return ::stat(full(name).c_str(), &st) == 0 && S_ISREG(st.st_mode);
  }
  std::uint64_t size(const std::string& name) const override {
    struct stat st {};
    return ::stat(full(name).c_str(), &st) == 0 ? static_cast<std::uint64_t>(st.st_size) : 0;
  }
  Expected<std::string> read(const std::string& name) override {
    if (size(name) > kMaxJsonBlob) return Error("blob " + q(name) + " is too large for metadata");
    int fd = ::open(full(name).c_str(), O_RDONLY | O_CLOEXEC);
    if (fd < 0) return Error("cannot open " + q(name) + ": " + std::strerror(errno));
    detail::FdSource src(fd);
    std::string out;
    char buf[65536];
    for (;;) {
      auto r = src.read(buf, sizeof buf);
      if (!r) return Error(q(name) + ": " + r.error().message);
      if (*r == 0) break;
      out.append(buf, *r);
      if (out.size() > kMaxJsonBlob) return Error("blob " + q(name) + " is too large for metadata");
    }
    return out;
  }
  Expected<LayerScan> scan(const std::string& name, const Matcher& m, const Options& o,
                           Budget& b) override {
    int fd = ::open(full(name).c_str(), O_RDONLY | O_CLOEXEC);
    if (fd < 0) return Error("cannot open layer " + q(name) + ": " + std::strerror(errno));
    ::posix_fadvise(fd, 0, 0, POSIX_FADV_SEQUENTIAL);
    detail::FdSource src(fd);
    return detail::scan_layer(src, name, m, o, b);
  }

 private:
  std::string full(const std::string& name) const { return root_ + "/" + name; }
  std::string root_;
};

using ArchivePtr = std::unique_ptr<struct archive, int (*)(struct archive*)>;

ArchivePtr new_outer_reader() {
  ArchivePtr a(archive_read_new(), archive_read_free);
  archive_read_support_format_tar(a.get());
  archive_read_support_format_gnutar(a.get());
  // `docker save | gzip` is a common way to store images.
  archive_read_support_filter_gzip(a.get());
  archive_read_support_filter_zstd(a.get());
  return a;
}

/// Reads the current entry into memory (up to `limit`).
Expected<std::string> read_entry(struct archive* a, std::uint64_t size, std::string_view name) {
  if (size > kMaxJsonBlob) return Error("blob " + q(name) + " is too large for metadata");
  std::string out(size, '\0');
  std::size_t off = 0;
  while (off < size) {
    la_ssize_t n = archive_read_data(a, out.data() + off, size - off);
    if (n < 0) return Error(q(name) + ": " + archive_message(a, "read error"));
    if (n == 0) break;
    off += static_cast<std::size_t>(n);
  }
  if (off < size) return Error("truncated entry " + q(name));
  return out;
}

/// The entries of a tar: their sizes, and the small ones (manifests, configs) in memory.
class TarStore : public Store {
 public:
  bool has(const std::string& name) const override { return sizes_.count(name) != 0; }
  std::uint64_t size(const std::string& name) const override {
    auto it = sizes_.find(name);
    return it == sizes_.end() ? 0 : it->second;
  }
  Expected<std::string> read(const std::string& name) override {
    auto it = small_.find(name);
    if (it != small_.end()) return it->second;
    if (!has(name)) return Error("missing blob " + q(name));
    return Error("blob " + q(name) + " is too large for metadata");
  }

 protected:
  /// Scans a layer held in memory; nullopt when `name` is not one of the small entries.
  std::optional<Expected<LayerScan>> scan_small(const std::string& name, const Matcher& m, const Options& o,
                                                Budget& b) {
    auto it = small_.find(name);
    if (it == small_.end()) return std::nullopt;
    detail::MemorySource src(it->second);
    return detail::scan_layer(src, name, m, o, b);
  }
  std::map<std::string, std::uint64_t> sizes_;
  std::map<std::string, std::string> small_;
};

/// A tar file on disk: one pass lists the entries (keeping the small ones), then each layer is
/// read by its own reader, so layers can be decoded in parallel.
class TarFileStore final : public TarStore {
 public:
  static Expected<std::unique_ptr<TarFileStore>> open(const std::string& path) {
    auto s = std::unique_ptr<TarFileStore>(new TarFileStore(path));
    ArchivePtr a = new_outer_reader();
    if (archive_read_open_filename(a.get(), path.c_str(), 1 << 16) != ARCHIVE_OK) {
      return Error(archive_message(a.get(), "cannot open"));
    }
    struct archive_entry* e = nullptr;
    std::string name, why;
    for (;;) {
      int r = archive_read_next_header(a.get(), &e);
      if (r == ARCHIVE_EOF) break;
      if (r < ARCHIVE_WARN) return Error(archive_message(a.get(), "corrupt tar"));
      const char* n = archive_entry_pathname(e);
      if (!n || !detail::normalize_entry_path(n, name, why) || archive_entry_filetype(e) != AE_IFREG) {
        continue;
      }
      std::uint64_t size = static_cast<std::uint64_t>(std::max<la_int64_t>(0, archive_entry_size(e)));
      s->sizes_[name] = size;
      if (size <= (1u << 20)) {
        auto data = read_entry(a.get(), size, name);
        if (!data) return std::move(data).error();
        s->small_[name] = std::move(*data);
      }
    }
    return s;
  }
  Expected<LayerScan> scan(const std::string& name, const Matcher& m, const Options& o,
                           Budget& b) override {
    if (auto small = scan_small(name, m, o, b)) return std::move(*small);
    ArchivePtr a = new_outer_reader();
    if (archive_read_open_filename(a.get(), path_.c_str(), 1 << 16) != ARCHIVE_OK) {
      return Error(archive_message(a.get(), "cannot open"));
    }
    struct archive_entry* e = nullptr;
    std::string entry, why;
    for (;;) {
      int r = archive_read_next_header(a.get(), &e);
      if (r == ARCHIVE_EOF) break;
      if (r < ARCHIVE_WARN) return Error(archive_message(a.get(), "corrupt tar"));
      const char* n = archive_entry_pathname(e);
      if (!n || !detail::normalize_entry_path(n, entry, why) || entry != name) continue;
      detail::ArchiveEntrySource src(a.get());
      return detail::scan_layer(src, name, m, o, b);
    }
    return Error("missing blob " + q(name));
  }

 private:
  explicit TarFileStore(std::string path) : path_(std::move(path)) {}
  std::string path_;
};

/// A tar stream read once (stdin, memory): every blob that looks like a layer is scanned as it
/// passes, since the manifest may come after the layers.
class StreamStore final : public TarStore {
 public:
  static Expected<std::unique_ptr<StreamStore>> load(struct archive* a, const Matcher& m,
                                                     const Options& o, Budget& b) {
    auto s = std::unique_ptr<StreamStore>(new StreamStore);
    struct archive_entry* e = nullptr;
    std::string name, why;
    for (;;) {
      int r = archive_read_next_header(a, &e);
      if (r == ARCHIVE_EOF) break;
      if (r < ARCHIVE_WARN) return Error(archive_message(a, "corrupt tar"));
      const char* n = archive_entry_pathname(e);
      if (!n || !detail::normalize_entry_path(n, name, why) || archive_entry_filetype(e) != AE_IFREG) {
        continue;
      }
      std::uint64_t size = static_cast<std::uint64_t>(std::max<la_int64_t>(0, archive_entry_size(e)));
      s->sizes_[name] = size;
      std::string head(std::min<std::uint64_t>(size, 512), '\0');
      std::size_t got = 0;
      while (got < head.size()) {
        la_ssize_t k = archive_read_data(a, head.data() + got, head.size() - got);
        if (k < 0) return Error(q(name) + ": " + archive_message(a, "read error"));
        if (k == 0) break;
        got += static_cast<std::size_t>(k);
      }
      head.resize(got);
      if (!detail::sniff_compression(head).empty()) {
        detail::ArchiveEntrySource rest(a);
        detail::PeekSource src(std::move(head), rest);
        s->scans_.emplace(name, detail::scan_layer(src, name, m, o, b));
        continue;
      }
      if (size > kMaxJsonBlob) continue;
      auto tail = read_entry(a, size - got, name);
      if (!tail) return std::move(tail).error();
      s->small_[name] = head + *tail;
    }
    return s;
  }
  Expected<LayerScan> scan(const std::string& name, const Matcher& m, const Options& o,
                           Budget& b) override {
    if (auto it = scans_.find(name); it != scans_.end()) return it->second;
    if (auto small = scan_small(name, m, o, b)) return std::move(*small);
    return Error("missing blob " + q(name));
  }
  bool parallel() const override { return false; }
  bool rescannable() const override { return false; }

 private:
  std::map<std::string, Expected<LayerScan>> scans_;
};

// ---- manifests ---------------------------------------------------------------------------

/// A small blob (manifest, index, config), checked against the digest its name promises.
Expected<std::string> read_blob(Store& store, const std::string& name) {
  auto text = store.read(name);
  if (!text) return text;
  if (auto st = check_named_digest("blob", name, detail::sha256_digest(*text)); !st) return st.error();
  return text;
}

const std::string* str_member(const json::Value& v, std::string_view key) {
  const json::Value* m = v.find(key);
  return m && m->is_string() ? &m->as_string() : nullptr;
}

std::string str_or_empty(const json::Value& v, std::string_view key) {
  const std::string* s = str_member(v, key);
  return s ? *s : std::string();
}

Expected<json::Value> read_json(Store& store, const std::string& name) {
  auto text = read_blob(store, name);
  if (!text) return std::move(text).error();
  auto v = json::parse(*text);
  if (!v) {
    const Error& e = v.error();
    return Error(q(name) + " is not valid JSON (" + std::to_string(e.line) + ":" +
                 std::to_string(e.column) + ": " + e.message + ")");
  }
  return v;
}

/// "sha256:abc…" -> "blobs/sha256/abc…", refusing anything that could name another path.
Expected<std::string> blob_path(std::string_view digest) {
  std::size_t colon = digest.find(':');
  auto ok_alg = [](char c) { return (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') || c == '+' || c == '.' || c == '_' || c == '-'; };
  auto ok_hex = [](char c) { return (c >= 'a' && c <= 'f') || (c >= 'A' && c <= 'F') || (c >= '0' && c <= '9'); };
  if (colon == std::string_view::npos || colon == 0 || colon + 1 == digest.size() ||
      !std::all_of(digest.begin(), digest.begin() + static_cast<std::ptrdiff_t>(colon), ok_alg) ||
      !std::all_of(digest.begin() + static_cast<std::ptrdiff_t>(colon) + 1, digest.end(), ok_hex)) {
    return Error("invalid digest " + q(digest));
  }
  return "blobs/" + std::string(digest.substr(0, colon)) + "/" + std::string(digest.substr(colon + 1));
}

struct PlatformSpec {
  std::string os, arch, variant;
  std::string to_string() const {
    std::string s = os + "/" + arch;
    if (!variant.empty()) s += "/" + variant;
    return s;
  }
};

std::string normalize_arch(std::string a) {
  if (a == "x86_64" || a == "x86-64") return "amd64";
  if (a == "aarch64") return "arm64";
  if (a == "i386" || a == "i686") return "386";
  return a;
}

PlatformSpec parse_platform(std::string_view s) {
  PlatformSpec p;
  std::size_t a = s.find('/');
  p.os = std::string(s.substr(0, a));
  if (a != std::string_view::npos) {
    std::string_view rest = s.substr(a + 1);
    std::size_t b = rest.find('/');
    p.arch = normalize_arch(std::string(rest.substr(0, b)));
    if (b != std::string_view::npos) p.variant = std::string(rest.substr(b + 1));
  }
  return p;
}

bool platform_matches(const PlatformSpec& want, const PlatformSpec& have) {
  return want.os == have.os && want.arch == have.arch &&
         (want.variant.empty() || want.variant == have.variant);
}

struct Candidate {
  json::Value descriptor;
  std::optional<PlatformSpec> platform;
};

bool is_index_type(std::string_view mt) {
  return mt == "application/vnd.oci.image.index.v1+json" ||
         mt == "application/vnd.docker.distribution.manifest.list.v2+json";
}

Status collect_manifests(Store& store, const json::Value& index, const std::string& where, int depth,
                         std::vector<Candidate>& out) {
  if (depth > kMaxIndexDepth) return Error(q(where) + ": indexes nested too deeply");
  const json::Value* ms = index.find("manifests");
  if (!ms || !ms->is_array()) return Error(q(where) + ": no 'manifests' array");
  for (const auto& d : ms->as_array()) {
    if (!d.is_object()) return Error(q(where) + ": a manifest descriptor is not an object");
    const std::string* digest = str_member(d, "digest");
    if (!digest) return Error(q(where) + ": a manifest descriptor has no digest");
    std::string mt = str_or_empty(d, "mediaType");
    if (is_index_type(mt)) {
      auto path = blob_path(*digest);
      if (!path) return std::move(path).error();
      if (!store.has(*path)) return Error(q(where) + " references missing blob " + q(*path));
      auto sub = read_json(store, *path);
      if (!sub) return std::move(sub).error();
      auto st = collect_manifests(store, *sub, *path, depth + 1, out);
      if (!st) return st;
      continue;
    }
    // buildx attaches attestations as manifests of platform unknown/unknown; they are no image.
    if (const json::Value* ann = d.find("annotations")) {
      if (str_or_empty(*ann, "vnd.docker.reference.type") == "attestation-manifest") continue;
    }
    Candidate c{d, std::nullopt};
    if (const json::Value* p = d.find("platform"); p && p->is_object()) {
      c.platform = PlatformSpec{str_or_empty(*p, "os"), normalize_arch(str_or_empty(*p, "architecture")),
                                str_or_empty(*p, "variant")};
      if (c.platform->os == "unknown") continue;
    }
    out.push_back(std::move(c));
  }
  return Ok{};
}

struct Resolved {
  std::vector<std::string> layer_blobs;
  ImageInfo info;
};

Status apply_config(Store& store, const std::string& config_name, Resolved& r) {
  if (!store.has(config_name)) return Error("manifest references missing config blob " + q(config_name));
  auto text = read_blob(store, config_name);
  if (!text) return std::move(text).error();
  r.info.config_digest = detail::sha256_digest(*text);
  auto cfg = json::parse(*text);
  if (!cfg || !cfg->is_object()) return Error("config " + q(config_name) + " is not a JSON object");
  r.info.os = str_or_empty(*cfg, "os");
  r.info.architecture = str_or_empty(*cfg, "architecture");
  r.info.variant = str_or_empty(*cfg, "variant");
  r.info.created = str_or_empty(*cfg, "created");
  if (const json::Value* c = cfg->find("config"); c && c->is_object()) {
    if (const json::Value* l = c->find("Labels"); l && l->is_object()) {
      for (const auto& [k, v] : l->as_object()) {
        if (v.is_string()) r.info.labels[k] = v.as_string();
      }
    }
    if (const json::Value* u = c->find("User"); u && u->is_string()) r.info.user = u->as_string();
    auto strings = [&](const char* key, std::vector<std::string>& out) {
      if (const json::Value* a = c->find(key); a && a->is_array())
        for (const auto& e : a->as_array())
          if (e.is_string()) out.push_back(e.as_string());
    };
    strings("Env", r.info.env);
    strings("Entrypoint", r.info.entrypoint);
    strings("Cmd", r.info.entrypoint);
  }
  if (const json::Value* h = cfg->find("history"); h && h->is_array()) {
    for (const auto& step : h->as_array()) {
      if (!step.is_object()) continue;
      const json::Value* e = step.find("empty_layer");
      r.info.history.push_back({str_or_empty(step, "created_by"), e && e->is_bool() && e->as_bool()});
    }
  }
  const json::Value* rootfs = cfg->find("rootfs");
  const json::Value* ids = rootfs ? rootfs->find("diff_ids") : nullptr;
  if (!ids || !ids->is_array()) return Error("config " + q(config_name) + " has no rootfs.diff_ids");
  if (ids->as_array().size() != r.layer_blobs.size()) {
    return Error("config " + q(config_name) + " lists " + std::to_string(ids->as_array().size()) +
                 " diff_ids for " + std::to_string(r.layer_blobs.size()) + " layers");
  }
  for (std::size_t i = 0; i < r.layer_blobs.size(); ++i) {
    const json::Value& id = ids->as_array()[i];
    if (!id.is_string()) {
      return Error("config " + q(config_name) + ": diff_id " + std::to_string(i) + " is not a string");
    }
    r.info.layers[i].diff_id = id.as_string();
  }
  return Ok{};
}

Status read_oci_manifest(Store& store, const std::string& manifest_name, Resolved& r) {
  auto m = read_json(store, manifest_name);
  if (!m) return std::move(m).error();
  const json::Value* cfg = m->find("config");
  const std::string* cfg_digest = cfg ? str_member(*cfg, "digest") : nullptr;
  if (!cfg_digest) return Error("manifest " + q(manifest_name) + " has no config digest");
  const json::Value* layers = m->find("layers");
  if (!layers || !layers->is_array()) return Error("manifest " + q(manifest_name) + " has no layers array");
  if (const json::Value* ann = m->find("annotations"); ann && ann->is_object()) {
    r.info.base_name = str_or_empty(*ann, "org.opencontainers.image.base.name");
    r.info.base_digest = str_or_empty(*ann, "org.opencontainers.image.base.digest");
  }
  for (const auto& l : layers->as_array()) {
    const std::string* d = str_member(l, "digest");
    if (!d) return Error("manifest " + q(manifest_name) + ": a layer has no digest");
    auto path = blob_path(*d);
    if (!path) return std::move(path).error();
    Layer layer;
    layer.index = r.layer_blobs.size();
    layer.digest = *d;
    layer.media_type = str_or_empty(l, "mediaType");
    r.info.layers.push_back(layer);
    r.layer_blobs.push_back(*path);
  }
  auto cfg_path = blob_path(*cfg_digest);
  if (!cfg_path) return std::move(cfg_path).error();
  return apply_config(store, *cfg_path, r);
}

// The layers of the base the manifest's annotations name, when its manifest is in the same layout
// (or repository): what makes the annotation exact. Otherwise only its name is known, and why.
void find_base_layers(Store& store, ImageInfo& info) {
  if (info.base_digest.empty()) {
    if (!info.base_name.empty()) info.base_unknown = "the annotations give no base digest";
    return;
  }
  auto path = blob_path(info.base_digest);
  if (!path) {
    info.base_unknown = "its digest " + q(info.base_digest) + " is not one";
    return;
  }
  if (!store.has(*path)) {
    info.base_unknown = "its manifest " + info.base_digest + " is not in the image's layout";  // (a registry has every name)
    return;
  }
  store.expect_manifest(*path);
  Resolved base;
  if (auto st = read_oci_manifest(store, *path, base); !st) {
    info.base_unknown = "its manifest " + info.base_digest + " cannot be read: " + st.error().message;
    return;
  }
  for (const Layer& l : base.info.layers) info.base_diff_ids.push_back(l.diff_id);
}

Status read_docker_manifest(Store& store, const json::Value& manifest, Resolved& r,
                            std::vector<std::string>& warnings) {
  if (!manifest.is_array() || manifest.as_array().empty()) {
    return Error("'manifest.json' is not a non-empty array");
  }
  if (manifest.as_array().size() > 1) {
    warnings.push_back("'manifest.json' describes " + std::to_string(manifest.as_array().size()) +
                       " images; reading the first");
  }
  const json::Value& m = manifest.as_array()[0];
  if (const json::Value* tags = m.find("RepoTags"); tags && tags->is_array()) {
    for (const auto& t : tags->as_array()) {
      if (t.is_string()) r.info.repo_tags.push_back(t.as_string());
    }
  }
  const std::string* cfg = str_member(m, "Config");
  const json::Value* layers = m.find("Layers");
  if (!cfg || !layers || !layers->is_array()) return Error("'manifest.json' has no Config or Layers");
  std::string norm, why;
  for (const auto& l : layers->as_array()) {
    if (!l.is_string() || !detail::normalize_entry_path(l.as_string(), norm, why)) {
      return Error("'manifest.json': invalid layer path");
    }
    Layer layer;
    layer.index = r.layer_blobs.size();
    r.info.layers.push_back(layer);
    r.layer_blobs.push_back(norm);
  }
  if (!detail::normalize_entry_path(*cfg, norm, why)) return Error("'manifest.json': invalid config path");
  return apply_config(store, norm, r);
}

Expected<Resolved> resolve(Store& store, const Options& opts, std::vector<std::string>& warnings) {
  Resolved r;
  std::optional<json::Value> docker_manifest;
  if (store.has("manifest.json")) {
    auto m = read_json(store, "manifest.json");
    if (!m) return std::move(m).error();
    docker_manifest = std::move(*m);
  }
  if (store.has("index.json")) {
    auto index = read_json(store, "index.json");
    if (!index) return std::move(index).error();
    std::vector<Candidate> cands;
    auto st = collect_manifests(store, *index, "index.json", 0, cands);
    if (!st) return std::move(st).error();
    if (cands.empty()) return Error("'index.json' lists no image manifest");
    // Platforms missing from the descriptors come from the configs.
    for (auto& c : cands) {
      if (c.platform) continue;
      Resolved probe;
      auto path = blob_path(*str_member(c.descriptor, "digest"));
      if (!path) return std::move(path).error();
      if (!store.has(*path)) return Error("'index.json' references missing blob " + q(*path));
      auto pst = read_oci_manifest(store, *path, probe);
      if (!pst) return std::move(pst).error();
      c.platform = PlatformSpec{probe.info.os, normalize_arch(probe.info.architecture), probe.info.variant};
    }
    std::set<std::string> available;
    for (const auto& c : cands) available.insert(c.platform->to_string());
    const Candidate* chosen = nullptr;
    if (cands.size() == 1 && opts.platform.empty()) {
      chosen = &cands[0];
    } else {
      PlatformSpec want = parse_platform(opts.platform.empty() ? host_platform() : opts.platform);
      for (const auto& c : cands) {
        if (platform_matches(want, *c.platform)) { chosen = &c; break; }
      }
      if (!chosen) {
        std::string list;
        for (const auto& p : available) list += (list.empty() ? "" : ", ") + p;
        return Error("no image for platform " + q(want.to_string()) + "; available: " + list);
      }
    }
    const std::string digest = *str_member(chosen->descriptor, "digest");
    auto path = blob_path(digest);
    if (!path) return std::move(path).error();
    if (!store.has(*path)) return Error("'index.json' references missing blob " + q(*path));
    auto st2 = read_oci_manifest(store, *path, r);
    if (!st2) return std::move(st2).error();
    r.info.manifest_digest = digest;
    find_base_layers(store, r.info);
    r.info.platforms.assign(available.begin(), available.end());
    if (const json::Value* ann = chosen->descriptor.find("annotations")) {
      r.info.ref_name = str_or_empty(*ann, "org.opencontainers.image.ref.name");
      if (std::string full = str_or_empty(*ann, "io.containerd.image.name"); !full.empty()) {
        r.info.repo_tags.push_back(full);
      }
    }
    if (docker_manifest && docker_manifest->is_array()) {
      // Docker 25+ writes both layouts; its manifest.json carries the repo tags.
      const std::string cfg_blob = *blob_path(r.info.config_digest);
      r.info.repo_tags.clear();
      for (const auto& m : docker_manifest->as_array()) {
        if (str_or_empty(m, "Config") != cfg_blob) continue;
        if (const json::Value* tags = m.find("RepoTags"); tags && tags->is_array()) {
          for (const auto& t : tags->as_array()) {
            if (t.is_string()) r.info.repo_tags.push_back(t.as_string());
          }
        }
      }
    }
    return r;
  }
  if (docker_manifest) {
    auto st = read_docker_manifest(store, *docker_manifest, r, warnings);
    if (!st) return std::move(st).error();
    PlatformSpec have{r.info.os, normalize_arch(r.info.architecture), r.info.variant};
    r.info.platforms.push_back(have.to_string());
    if (!opts.platform.empty() && !platform_matches(parse_platform(opts.platform), have)) {
      return Error("no image for platform " + q(parse_platform(opts.platform).to_string()) +
                   "; available: " + have.to_string());
    }
    return r;
  }
  return Error("not a container image: no 'manifest.json' or 'index.json'");
}

void warn_all(const Options& opts, const std::vector<std::string>& ws) {
  if (!opts.warn) return;
  for (const auto& w : ws) opts.warn(w);
}

/// Warns about symlinks a cataloger asked for that cannot be followed.
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

/// Patterns for what catalogers asked for but could not get because it is behind a symlink: a
/// symlink a pattern matches whose target was not read, and a pattern whose literal directory is
/// (or goes through) a symlink to a directory the image has. Empty in the common case.
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

/// Layers are read again (at most this many times) for files found behind symlinks.
constexpr int kMaxSymlinkRounds = 2;

}  // namespace

Expected<View> detail::read_layers(Store& store, const std::string& source, std::string kind, const Options& opts,
                           Budget& budget, std::vector<Pattern> patterns) {
  std::vector<std::string> manifest_warnings;
  auto resolved = resolve(store, opts, manifest_warnings);
  if (!resolved) return source_error(source, resolved.error().message);
  Resolved& r = *resolved;
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
      int rfd = ::open(full.c_str(), O_RDONLY | O_CLOEXEC);
      if (rfd < 0) {
        warnings.push_back("cannot open " + q(rel) + ": " + std::strerror(errno));
        view.unreadable_.emplace(rel, std::string("cannot open: ") + std::strerror(errno));
        return Ok{};
      }
      detail::FdSource rsrc(rfd);
      std::optional<detail::DigestSource> hashed;
      detail::ByteSource& in = p->digest ? static_cast<detail::ByteSource&>(hashed.emplace(rsrc, p->digest)) : rsrc;
      auto kept = detail::reduce_file(*p, size, in);
      std::string sha256;
      if (kept && *kept && hashed) {
        auto d = hashed->finish();
        if (!d) kept = std::move(d).error();
        else sha256 = std::move(*d);
      }
      if (!kept) {
        warnings.push_back("cannot read " + q(rel) + ": " + kept.error().message);
        return Ok{};
      }
      if (!*kept) return Ok{};
      if (budget.used.fetch_add((*kept)->size()) + (*kept)->size() > budget.max_total) {
        return Error("files read exceed the total limit of " + std::to_string(budget.max_total) + " bytes");
      }
      view.files_.emplace(rel, File{rel, std::move(**kept), size, -1, -1, std::move(sha256)});
      return Ok{};
    }
    std::uint64_t keep = size;
    if (p->prefix) {
      keep = std::min(size, p->prefix);
    } else if (size > opts.max_file_size) {
      std::string too_big = std::to_string(size) + " bytes exceed the per-file limit of " +
                            std::to_string(opts.max_file_size);
      warnings.push_back(q(rel) + " skipped: " + too_big);
      view.unreadable_.emplace(rel, std::move(too_big));
      return Ok{};
    }
    if (budget.used.fetch_add(keep) + keep > budget.max_total) {
      return Error("files read exceed the total limit of " + std::to_string(budget.max_total) + " bytes");
    }
    int fd = ::open(full.c_str(), O_RDONLY | O_CLOEXEC);
    if (fd < 0) {
      warnings.push_back("cannot open " + q(rel) + ": " + std::strerror(errno));
      view.unreadable_.emplace(rel, std::string("cannot open: ") + std::strerror(errno));
      return Ok{};
    }
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
      if (auto d = hashed->finish(); d) f.sha256 = std::move(*d);
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

Expected<View> read_stream(struct archive* a, const std::string& name, const std::vector<Pattern>& patterns,
                           const Options& opts) {
  Matcher m(patterns);
  Budget budget;
  budget.max_total = opts.max_total;
  budget.max_symlink_bytes = opts.max_symlink_bytes;
  auto store = StreamStore::load(a, m, opts, budget);
  if (!store) return source_error(name, store.error().message);
  const bool oci = (*store)->has("index.json") && !(*store)->has("manifest.json");
  return read_layers(**store, name, oci ? "oci-tar" : "docker-archive", opts, budget, patterns);
}

}  // namespace

Expected<View> detail::read_tar_stream(detail::ByteSource& src, const std::string& name, const std::vector<Pattern>& patterns,
                                       const Options& opts) {
  detail::ReadClient client;
  client.src = &src;
  ArchivePtr a = new_outer_reader();
  if (detail::archive_open_source(a.get(), client) != ARCHIVE_OK) {
    return source_error(name, detail::read_failure(a.get(), client, "cannot read"));
  }
  auto view = read_stream(a.get(), name, patterns, opts);
  // The stream's own failure (a dropped connection) says more than the tar reader's.
  if (!view && !client.error.empty()) return source_error(name, client.error);
  return view;
}

std::string host_platform() {
  struct utsname u {};
  std::string arch = "amd64";
  if (::uname(&u) == 0) {
    std::string mach = u.machine;
    if (mach.starts_with("armv7")) return "linux/arm/v7";
    if (mach.starts_with("armv6")) return "linux/arm/v6";
    arch = normalize_arch(mach);
  }
  return "linux/" + arch;
}

Expected<View> read(const std::string& source, const std::vector<Pattern>& patterns, const Options& opts) {
  if (source.starts_with("registry:")) return detail::read_registry(source, patterns, opts);
  if (source.starts_with("docker:") || source.starts_with("podman:")) return detail::read_daemon(source, patterns, opts);
  if (source == "-") {
    ArchivePtr a = new_outer_reader();
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
    DirStore store(source);
    if (store.has("index.json") || store.has("manifest.json")) {
      return read_layers(store, source, store.has("manifest.json") ? "docker-archive" : "oci-dir", opts,
                         budget, patterns);
    }
    return read_rootfs(source, patterns, opts, budget);
  }
  auto store = TarFileStore::open(source);
  if (!store) return source_error(source, store.error().message);
  const bool oci = (*store)->has("index.json") && !(*store)->has("manifest.json");
  return read_layers(**store, source, oci ? "oci-tar" : "docker-archive", opts, budget, patterns);
}

Expected<View> read_tar_memory(std::string_view tar, std::string_view name, const std::vector<Pattern>& patterns,
                               const Options& opts) {
  ArchivePtr a = new_outer_reader();
  if (archive_read_open_memory(a.get(), tar.data(), tar.size()) != ARCHIVE_OK) {
    return source_error(name, archive_message(a.get(), "cannot read"));
  }
  return read_stream(a.get(), std::string(name), patterns, opts);
}

}  // namespace sbom::image
