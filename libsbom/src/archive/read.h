// A bundle's scan document for the format layer: format::read takes an sbom-archive bundle as it
// takes a DSSE envelope, so every tool (sbom-diff, sbom-check, ...) reads the archived scan.
#pragma once

#include <string>
#include <string_view>

#include "sbom/archive.h"
#include "sbom/error.h"

namespace sbom::archive {

/// Whether `bytes` start with a ustar header (a tar archive; whether a bundle, open() says).
bool looks_like_tar(std::string_view bytes);

struct Unbundled {
  std::string_view text;  ///< the scan member's bytes, viewed in the bundle
  std::string name;       ///< "BUNDLE:scan.cdx.json", for messages
  std::string warning;    ///< that the signature was not checked (or that there is none)
};

/// The scan document of a bundle, its SHA-256 checked against the manifest (a mismatch is an
/// error: the bundle was altered). Errors name `name`.
Expected<Unbundled> scan_of_bundle(std::string_view bytes, std::string_view name);

}  // namespace sbom::archive
