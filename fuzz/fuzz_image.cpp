// Fuzz target: the image reader on a whole image as one tar stream in memory (docker-archive or OCI
// tar, layers plain, gzip or zstd). A corrupt image is an error and a bad entry a warning; the view
// it builds must answer lookups. Small limits keep each run short.
#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

#include "sbom/image.h"

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  static const std::vector<sbom::image::Pattern> patterns = [] {
    std::vector<sbom::image::Pattern> p = {
        {"var/lib/dpkg/status"}, {"var/lib/dpkg/status.d/*"}, {"etc/os-release"}, {"usr/lib/os-release"},
        {"lib/apk/db/installed"}, {"**/package.json"},        {"**/*.jar", 64}};
    // Digests: of a file kept by its first bytes (the rest read for the hash), wanted or not by
    // what it starts with.
    sbom::image::Pattern hashed("**/*.so", 16);
    hashed.digest = [](std::string_view head) { return head.starts_with("\x7f" "ELF"); };
    p.push_back(std::move(hashed));
    return p;
  }();
  sbom::image::Options opts;
  opts.threads = 1;
  opts.max_file_size = 1u << 20;
  opts.max_total = 4u << 20;
  opts.diagnostics = sbom::Diagnostics([](const sbom::Diagnostic&) {});
  const std::string_view tar(reinterpret_cast<const char*>(data), size);
  for (bool all_layers : {false, true}) {
    opts.all_layers = all_layers;
    auto view = sbom::image::read_tar_memory(tar, "fuzz", patterns, opts);
    if (!view) continue;
    for (const auto& [path, file] : view->files()) (void)view->find(path);
    for (const auto& [path, target] : view->symlinks_) (void)view->find(path);
    (void)view->glob("**/package.json");
    for (const auto& layer : view->info().layers) (void)view->layer_diff_id(static_cast<int>(layer.index));
  }
  return 0;
}
