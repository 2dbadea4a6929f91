// Test helper: builds tar archives in memory with libarchive (layers and whole images).
#pragma once

#include <archive.h>
#include <archive_entry.h>

#include <openssl/evp.h>

#include <string>
#include <vector>

#include "sbom/image.h"

namespace sbom::image::testing {

struct Entry {
  enum class Kind { File, Dir, Symlink, Hardlink, Fifo };
  Kind kind = Kind::File;
  std::string name;
  std::string data;    ///< file content
  std::string target;  ///< symlink / hard link target
  unsigned mode = 0;   ///< permission bits; 0: the kind's usual ones
};

inline Entry file(std::string name, std::string data) { return {Entry::Kind::File, std::move(name), std::move(data), {}, 0}; }
inline Entry dir(std::string name) { return {Entry::Kind::Dir, std::move(name), {}, {}, 0}; }
inline Entry symlink_entry(std::string name, std::string target) {
  return {Entry::Kind::Symlink, std::move(name), {}, std::move(target), 0};
}
inline Entry fifo_entry(std::string name) { return {Entry::Kind::Fifo, std::move(name), {}, {}, 0}; }
inline Entry hardlink_entry(std::string name, std::string target) {
  return {Entry::Kind::Hardlink, std::move(name), {}, std::move(target), 0};
}
/// `e` with permission bits `mode` (setuid 04000, a world-writable directory 0777).
inline Entry with_mode(Entry e, unsigned mode) {
  e.mode = mode;
  return e;
}

/// A tar of `entries`, compressed with "none", "gzip" or "zstd".
inline std::string make_tar(const std::vector<Entry>& entries, const std::string& compression = "none") {
  std::string out;
  struct archive* a = archive_write_new();
  archive_write_set_format_pax_restricted(a);
  if (compression == "gzip") archive_write_add_filter_gzip(a);
  if (compression == "zstd") archive_write_add_filter_zstd(a);
  archive_write_set_bytes_in_last_block(a, 1);
  archive_write_open(
      a, &out, nullptr,
      [](struct archive*, void* client, const void* buf, size_t n) -> la_ssize_t {
        static_cast<std::string*>(client)->append(static_cast<const char*>(buf), n);
        return static_cast<la_ssize_t>(n);
      },
      nullptr);
  for (const auto& e : entries) {
    struct archive_entry* ae = archive_entry_new();
    archive_entry_set_pathname(ae, e.name.c_str());
    archive_entry_set_mtime(ae, 1700000000, 0);
    switch (e.kind) {
      case Entry::Kind::File:
        archive_entry_set_filetype(ae, AE_IFREG);
        archive_entry_set_perm(ae, 0644);
        archive_entry_set_size(ae, static_cast<la_int64_t>(e.data.size()));
        break;
      case Entry::Kind::Dir:
        archive_entry_set_filetype(ae, AE_IFDIR);
        archive_entry_set_perm(ae, 0755);
        break;
      case Entry::Kind::Symlink:
        archive_entry_set_filetype(ae, AE_IFLNK);
        archive_entry_set_perm(ae, 0777);
        archive_entry_set_symlink(ae, e.target.c_str());
        break;
      case Entry::Kind::Fifo:
        archive_entry_set_filetype(ae, AE_IFIFO);
        archive_entry_set_perm(ae, 0644);
        break;
      case Entry::Kind::Hardlink:
        archive_entry_set_filetype(ae, AE_IFREG);
        archive_entry_set_perm(ae, 0644);
        archive_entry_set_hardlink(ae, e.target.c_str());
        archive_entry_set_size(ae, 0);
        break;
    }
    if (e.mode) archive_entry_set_perm(ae, e.mode);
    archive_write_header(a, ae);
    if (e.kind == Entry::Kind::File && !e.data.empty()) archive_write_data(a, e.data.data(), e.data.size());
    archive_entry_free(ae);
  }
  archive_write_close(a);
  archive_write_free(a);
  return out;
}

inline std::string sha256(const std::string& data) {
  unsigned char md[EVP_MAX_MD_SIZE];
  unsigned int len = 0;
  EVP_Digest(data.data(), data.size(), md, &len, EVP_sha256(), nullptr);
  std::string out = "sha256:";
  for (unsigned i = 0; i < len; ++i) {
    out += "0123456789abcdef"[md[i] >> 4];
    out += "0123456789abcdef"[md[i] & 15];
  }
  return out;
}

struct LayerSpec {
  std::vector<Entry> entries;
  std::string compression = "none";
};

struct ImageSpec {
  std::vector<LayerSpec> layers;
  std::string os = "linux", arch = "amd64", variant;
};

/// The image config of `spec` (diff_ids of the uncompressed layers).
inline std::string config_json(const ImageSpec& spec) {
  std::string ids;
  for (const auto& l : spec.layers) ids += (ids.empty() ? "\"" : ",\"") + sha256(make_tar(l.entries)) + "\"";
  return R"({"architecture":")" + spec.arch + R"(","os":")" + spec.os + "\"" +
         (spec.variant.empty() ? "" : R"(,"variant":")" + spec.variant + "\"") +
         R"(,"created":"2023-11-14T22:13:20Z","config":{"Labels":{"org.opencontainers.image.title":"demo"}},"rootfs":{"type":"layers","diff_ids":[)" +
         ids + "]}}";
}

/// A legacy `docker save` archive: <n>/layer.tar, <config hex>.json, manifest.json.
inline std::string docker_archive(const ImageSpec& spec, const std::string& tag = "demo:1.0") {
  std::vector<Entry> out;
  std::string cfg = config_json(spec);
  std::string cfg_name = sha256(cfg).substr(7) + ".json";
  std::string layers;
  for (std::size_t i = 0; i < spec.layers.size(); ++i) {
    // Appended piece by piece: g++ 12 -O2 reports a false -Wrestrict on "l" + to_string(i) + "...".
    std::string name = "l";
    name += std::to_string(i);
    name += "/layer.tar";
    out.push_back(file(name, make_tar(spec.layers[i].entries, spec.layers[i].compression)));
    layers += layers.empty() ? "\"" : ",\"";
    layers += name;
    layers += '"';
  }
  out.push_back(file(cfg_name, cfg));
  out.push_back(file("manifest.json", R"([{"Config":")" + cfg_name + R"(","RepoTags":[")" + tag +
                                          R"("],"Layers":[)" + layers + "]}]"));
  return make_tar(out);
}

inline std::string blob_name(const std::string& digest) { return "blobs/sha256/" + digest.substr(7); }

/// OCI layout entries for one or more platform images under one index.
inline std::vector<Entry> oci_layout(const std::vector<ImageSpec>& images, bool platform_in_index = true,
                                     const std::string& ref_name = "demo:1.0") {
  std::vector<Entry> out{file("oci-layout", R"({"imageLayoutVersion":"1.0.0"})")};
  std::string manifests;
  for (const auto& spec : images) {
    std::string cfg = config_json(spec);
    std::string layers;
    for (const auto& l : spec.layers) {
      std::string blob = make_tar(l.entries, l.compression);
      std::string d = sha256(blob);
      out.push_back(file(blob_name(d), blob));
      layers += std::string(layers.empty() ? "" : ",") + R"({"mediaType":"application/vnd.oci.image.layer.v1.tar","digest":")" +
                d + R"(","size":)" + std::to_string(blob.size()) + "}";
    }
    out.push_back(file(blob_name(sha256(cfg)), cfg));
    std::string man = R"({"schemaVersion":2,"mediaType":"application/vnd.oci.image.manifest.v1+json","config":{"mediaType":"application/vnd.oci.image.config.v1+json","digest":")" +
                      sha256(cfg) + R"(","size":)" + std::to_string(cfg.size()) + R"(},"layers":[)" + layers + "]}";
    out.push_back(file(blob_name(sha256(man)), man));
    std::string platform = platform_in_index
                               ? R"(,"platform":{"os":")" + spec.os + R"(","architecture":")" + spec.arch + "\"" +
                                     (spec.variant.empty() ? "" : R"(,"variant":")" + spec.variant + "\"") + "}"
                               : "";
    manifests += std::string(manifests.empty() ? "" : ",") +
                 R"({"mediaType":"application/vnd.oci.image.manifest.v1+json","digest":")" + sha256(man) +
                 R"(","size":)" + std::to_string(man.size()) + platform +
                 R"(,"annotations":{"org.opencontainers.image.ref.name":")" + ref_name + R"("}})";
  }
  out.push_back(file("index.json", R"({"schemaVersion":2,"manifests":[)" + manifests + "]}"));
  return out;
}

/// Digest tests: a pattern whose reducer keeps a file's first 4 bytes (passing over the rest),
/// and whose digest wants the files that start with "WANT".
inline Pattern want_reducer(std::string glob) {
  Pattern p(std::move(glob));
  p.reduce = [](std::uint64_t, const ReadFn& read) -> std::optional<std::string> {
    std::string head(4, '\0');
    auto r = read(head.data(), head.size());
    if (!r || *r != head.size()) return std::nullopt;
    return head;
  };
  p.digest = [](std::string_view first) { return first.starts_with("WANT"); };
  return p;
}

}  // namespace sbom::image::testing
