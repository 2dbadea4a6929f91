// Manifests and configs: an OCI index (nested, attestations skipped) or a docker-archive
// manifest.json, the platform chosen among the image's, the config's metadata and diff_ids, and
// the base image its annotations name.
#include <sys/utsname.h>

#include <algorithm>
#include <optional>
#include <set>

#include "image/layer.h"
#include "image/manifest.h"
#include "sbom/json.h"

namespace sbom::image::detail {

namespace {

constexpr int kMaxIndexDepth = 4;

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

}  // namespace

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

}  // namespace sbom::image::detail

namespace sbom::image {

std::string host_platform() {
  struct utsname u {};
  std::string arch = "amd64";
  if (::uname(&u) == 0) {
    std::string mach = u.machine;
    if (mach.starts_with("armv7")) return "linux/arm/v7";
    if (mach.starts_with("armv6")) return "linux/arm/v6";
    arch = detail::normalize_arch(mach);
  }
  return "linux/" + arch;
}

}  // namespace sbom::image
