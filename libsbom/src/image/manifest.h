// Private: which image a store holds — the index or manifest read, the platform chosen, the config
// applied — as the list of layer blobs to read and the image's metadata.
#pragma once

#include <string>
#include <vector>

#include "image/store.h"
#include "sbom/error.h"
#include "sbom/image.h"

namespace sbom::image::detail {

/// The image chosen: its layer blobs in order (store names) and what the manifest and config say.
struct Resolved {
  std::vector<std::string> layer_blobs;
  ImageInfo info;
};

/// Reads index.json (platform chosen by Options::platform, else the host's) or manifest.json, then
/// the manifest and config; what is worth a warning but no error goes to `warnings`.
Expected<Resolved> resolve(Store& store, const Options& opts, std::vector<std::string>& warnings);

}  // namespace sbom::image::detail
