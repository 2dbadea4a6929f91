// Private: images read from the Docker or Podman daemon over its API socket.
#pragma once

#include <string>
#include <vector>

#include "sbom/error.h"
#include "sbom/image.h"

namespace sbom::image::detail {

/// "docker:IMAGE" or "podman:IMAGE": the image as the daemon's `GET /images/{name}/get` streams
/// it (a docker-archive), read once as it arrives. The socket comes from DOCKER_HOST (docker:)
/// or CONTAINER_HOST (podman:), `unix://PATH` or `tcp://HOST:PORT`, else the default socket.
Expected<View> read_daemon(const std::string& source, const std::vector<Pattern>& patterns, const Options& opts);

/// Where the daemon of `engine` ("docker", "podman") listens: {unix socket path, base URL}.
/// An endpoint we cannot speak to (TLS) is an error.
struct DaemonEndpoint {
  std::string socket;    ///< unix socket path, or "" for TCP
  std::string base_url;  ///< "http://localhost" over a socket, "http://HOST:PORT" over TCP
  std::string shown;     ///< as the user would name it ("unix:///var/run/docker.sock")
};
Expected<DaemonEndpoint> daemon_endpoint(const std::string& engine);

}  // namespace sbom::image::detail
