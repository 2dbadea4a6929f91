// Private: images read straight from a registry (OCI distribution API).
#pragma once

#include <string>
#include <string_view>
#include <vector>

#include "sbom/error.h"
#include "sbom/image.h"

namespace sbom::image::detail {

/// An image reference: HOST/REPOSITORY with a tag, a digest or both.
struct Reference {
  std::string host;        ///< as written ("localhost:5000", "docker.io")
  std::string repository;  ///< "library/debian"
  std::string tag;         ///< "" when only a digest was given
  std::string digest;      ///< "sha256:…" or ""
  /// HOST/REPOSITORY[:TAG][@DIGEST]
  std::string to_string() const;
};

/// Parses "HOST/REPO[:TAG][@sha256:HEX]" (Docker's rules: a first component without '.' or ':'
/// that is not "localhost" is a Docker Hub repository; no tag means "latest").
Expected<Reference> parse_reference(std::string_view s);

/// True for "registry:…", and for a plain reference that is clearly one: its first component
/// is a host (has a '.' or a ':' or is "localhost") and it names a tag or a digest.
bool is_registry_source(std::string_view source);

/// Reads the image `source` names from its registry.
Expected<View> read_registry(const std::string& source, const std::vector<Pattern>& patterns,
                             const Options& opts);

/// The credentials for `host` from the Docker client configuration ($DOCKER_CONFIG or
/// ~/.docker/config.json: `auths`, then `credHelpers`/`credsStore` helpers); empty user when
/// there are none. An unreadable configuration or a failing helper is an error.
struct Credentials {
  std::string user, secret;
};
Expected<Credentials> docker_credentials(const std::string& host);

}  // namespace sbom::image::detail
