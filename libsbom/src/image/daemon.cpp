// Images from the Docker Engine API (and Podman's Docker-compatible API): the daemon's socket,
// `GET /images/{name}/get`, and the docker-archive it streams read once as it arrives.
#include "image/daemon.h"

#include <unistd.h>

#include <cstdlib>

#include "net/http.h"
#include "image/store.h"
#include "sbom/json.h"

namespace sbom::image::detail {

using net::HttpRequest;
using net::HttpStream;

namespace {

constexpr std::uint64_t kMaxErrorBody = 64u << 10;

/// A name as a path segment: Docker's router takes the rest of the path up to "/get" as the
/// name, slashes included.
std::string escape_name(std::string_view name) { return net::percent_encode(name, ":/@"); }

/// The daemon's own words from an error response ({"message": "…"}), or "".
std::string daemon_message(HttpStream& s) {
  auto body = s.read_all(kMaxErrorBody);
  if (!body) return {};
  auto v = json::parse(*body);
  const json::Value* m = v && v->is_object() ? v->find("message") : nullptr;
  return m && m->is_string() ? m->as_string() : std::string();
}

}  // namespace

Expected<DaemonEndpoint> daemon_endpoint(const std::string& engine) {
  const char* var = engine == "docker" ? "DOCKER_HOST" : "CONTAINER_HOST";
  std::string host = std::getenv(var) ? std::getenv(var) : "";
  if (host.empty()) {
    if (engine == "docker") {
      host = "unix:///var/run/docker.sock";
    } else {
      // Rootless Podman's service listens in the user's runtime directory, the system one under
      // /run; root uses the runtime directory's only when a socket is there.
      const char* runtime = std::getenv("XDG_RUNTIME_DIR");
      const std::string user_sock = runtime && *runtime ? std::string(runtime) + "/podman/podman.sock" : "";
      const bool use_user = !user_sock.empty() && (::geteuid() != 0 || ::access(user_sock.c_str(), F_OK) == 0);
      host = use_user ? "unix://" + user_sock : "unix:///run/podman/podman.sock";
    }
  }
  DaemonEndpoint ep;
  ep.shown = host;
  if (host.starts_with("unix://")) {
    ep.socket = host.substr(7);
    ep.base_url = "http://localhost";
    return ep;
  }
  if (host.starts_with("tcp://")) {
    if (const char* tls = std::getenv("DOCKER_TLS_VERIFY"); tls && *tls) {
      return Error(std::string(var) + " " + host + " with DOCKER_TLS_VERIFY: TLS to the daemon is not supported (use its unix socket)");
    }
    std::string rest = host.substr(6);
    while (!rest.empty() && rest.back() == '/') rest.pop_back();
    // Docker's default port for a daemon without TLS.
    if (rest.find(':') == std::string::npos) rest += ":2375";
    ep.base_url = "http://" + rest;
    return ep;
  }
  return Error(std::string(var) + " '" + host + "' is not unix://PATH or tcp://HOST:PORT");
}

Expected<View> read_daemon(const std::string& source, const std::vector<Pattern>& patterns, const Options& opts) {
  const std::size_t colon = source.find(':');
  const std::string engine = source.substr(0, colon);
  const std::string name = source.substr(colon + 1);
  const std::string label = engine == "docker" ? "Docker" : "Podman";
  if (name.empty()) return source_error(source, "an image name must follow '" + engine + ":'");
  auto ep = daemon_endpoint(engine);
  if (!ep) return source_error(source, ep.error().message);
  HttpRequest req;
  req.url = ep->base_url + "/images/" + escape_name(name) + "/get";
  req.unix_socket = ep->socket;
  auto s = HttpStream::open(req);
  if (!s) return source_error(source, "cannot reach the " + label + " daemon at " + ep->shown + ": " + s.error().message);
  if ((*s)->status() != 200) {
    const long status = (*s)->status();
    std::string said = daemon_message(**s);
    if (status == 404) return source_error(source, "no such image in the " + label + " daemon" + (said.empty() ? "" : ": " + said));
    return source_error(source, "the " + label + " daemon answered HTTP " + std::to_string(status) +
                                    (said.empty() ? "" : ": " + said));
  }
  HttpSource body(**s);
  auto view = read_tar_stream(body, source, patterns, opts);
  if (!view) return view;
  view->info_.kind = engine + "-daemon";
  return view;
}

}  // namespace sbom::image::detail
