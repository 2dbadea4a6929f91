// Images straight from a registry: references, credentials (Docker configuration and helpers),
// anonymous/bearer/basic auth, retries, and a blob store whose layers stream into the scan.
#include "image/registry.h"

#include <fcntl.h>
#include <spawn.h>
#include <sys/wait.h>
#include <unistd.h>

#include <dirent.h>
#include <openssl/pem.h>
#include <openssl/x509.h>

#include <algorithm>
#include <cerrno>
#include <chrono>
#include <cstdlib>
#include <cstring>
#include <map>
#include <mutex>
#include <optional>
#include <set>
#include <thread>

#include "net/http.h"
#include "image/layer.h"
#include "image/store.h"
#include "sbom/json.h"

extern char** environ;

namespace sbom::image::detail {

using net::base64_decode;
using net::base64_encode;
using net::HttpRequest;
using net::HttpStream;
using net::percent_encode;

namespace {

constexpr std::uint64_t kMaxManifest = 4ull << 20;  // the distribution spec's limit for manifests
constexpr std::uint64_t kMaxConfig = 16ull << 20;
constexpr std::uint64_t kMaxErrorBody = 64ull << 10;
constexpr int kMaxAttempts = 5;  // a request answered 429/5xx or not connected is tried this often
constexpr std::string_view kPrefix = "registry:";
constexpr const char* kAccept =
    "Accept: application/vnd.oci.image.index.v1+json, "
    "application/vnd.docker.distribution.manifest.list.v2+json, "
    "application/vnd.oci.image.manifest.v1+json, "
    "application/vnd.docker.distribution.manifest.v2+json";

bool is_hex(std::string_view s) {
  return std::all_of(s.begin(), s.end(), [](char c) { return (c >= '0' && c <= '9') || (c >= 'a' && c <= 'f'); });
}

bool valid_digest(std::string_view d) { return d.size() == 71 && d.starts_with("sha256:") && is_hex(d.substr(7)); }

bool looks_like_host(std::string_view first) {
  return first == "localhost" || first.find_first_of(".:") != std::string_view::npos;
}

/// `Bearer realm="…",service="…"` -> scheme "bearer" and its parameters.
std::string parse_challenge(std::string_view h, std::map<std::string, std::string>& params) {
  std::size_t sp = h.find(' ');
  std::string scheme(h.substr(0, sp));
  std::transform(scheme.begin(), scheme.end(), scheme.begin(),
                 [](unsigned char c) { return static_cast<char>(std::tolower(c)); });
  std::string_view rest = sp == std::string_view::npos ? std::string_view{} : h.substr(sp + 1);
  while (!rest.empty()) {
    while (!rest.empty() && (rest.front() == ' ' || rest.front() == ',')) rest.remove_prefix(1);
    std::size_t eq = rest.find('=');
    if (eq == std::string_view::npos) break;
    std::string key(rest.substr(0, eq));
    rest.remove_prefix(eq + 1);
    std::string value;
    if (!rest.empty() && rest.front() == '"') {
      rest.remove_prefix(1);
      std::size_t end = rest.find('"');
      value = std::string(rest.substr(0, end));
      rest = end == std::string_view::npos ? std::string_view{} : rest.substr(end + 1);
    } else {
      std::size_t end = rest.find(',');
      value = std::string(rest.substr(0, end));
      rest = end == std::string_view::npos ? std::string_view{} : rest.substr(end);
    }
    params[key] = value;
  }
  return scheme;
}

/// Runs `docker-credential-<helper> get` with `host` on its stdin; its stdout in `out`.
Expected<int> run_helper(const std::string& helper, const std::string& host, std::string& out) {
  const std::string prog = "docker-credential-" + helper;
  int in_pipe[2], out_pipe[2];
  if (::pipe2(in_pipe, O_CLOEXEC) != 0) return Error("cannot run " + prog + ": " + std::strerror(errno));
  if (::pipe2(out_pipe, O_CLOEXEC) != 0) {
    ::close(in_pipe[0]);
    ::close(in_pipe[1]);
    return Error("cannot run " + prog + ": " + std::strerror(errno));
  }
  posix_spawn_file_actions_t fa;
  posix_spawn_file_actions_init(&fa);
  posix_spawn_file_actions_adddup2(&fa, in_pipe[0], 0);
  posix_spawn_file_actions_adddup2(&fa, out_pipe[1], 1);
  char* argv[] = {const_cast<char*>(prog.c_str()), const_cast<char*>("get"), nullptr};
  pid_t pid = 0;
  int rc = posix_spawnp(&pid, prog.c_str(), &fa, nullptr, argv, environ);
  posix_spawn_file_actions_destroy(&fa);
  ::close(in_pipe[0]);
  ::close(out_pipe[1]);
  if (rc != 0) {
    ::close(in_pipe[1]);
    ::close(out_pipe[0]);
    return Error("cannot run credential helper " + q(prog) + ": " + std::strerror(rc));
  }
  // A helper that exits without reading its input makes this write fail with EPIPE (the tools
  // ignore SIGPIPE); its answer on stdout is what counts.
  std::string input = host + "\n";
  [[maybe_unused]] ssize_t w = ::write(in_pipe[1], input.data(), input.size());
  ::close(in_pipe[1]);
  char buf[4096];
  for (;;) {
    ssize_t n = ::read(out_pipe[0], buf, sizeof buf);
    if (n < 0 && errno == EINTR) continue;
    if (n <= 0) break;
    if (out.size() < (1u << 20)) out.append(buf, static_cast<std::size_t>(n));
  }
  ::close(out_pipe[0]);
  int status = 0;
  while (::waitpid(pid, &status, 0) < 0 && errno == EINTR) {
  }
  return WIFEXITED(status) ? WEXITSTATUS(status) : 128;
}

std::string config_path() {
  if (const char* d = std::getenv("DOCKER_CONFIG"); d && *d) return std::string(d) + "/config.json";
  const char* home = std::getenv("HOME");
  return std::string(home && *home ? home : "") + "/.docker/config.json";
}

/// The keys the Docker client files credentials for `host` under.
std::vector<std::string> credential_keys(const std::string& host) {
  if (host == "docker.io" || host == "index.docker.io" || host == "registry-1.docker.io") {
    return {"https://index.docker.io/v1/", "index.docker.io", "docker.io", "registry-1.docker.io"};
  }
  return {host, "https://" + host, "http://" + host, "https://" + host + "/v1/"};
}

}  // namespace

std::string Reference::to_string() const {
  std::string s = host + "/" + repository;
  if (!tag.empty()) s += ":" + tag;
  if (!digest.empty()) s += "@" + digest;
  return s;
}

Expected<Reference> parse_reference(std::string_view s) {
  auto bad = [&](std::string why) { return Error("invalid image reference " + q(s) + ": " + why); };
  Reference r;
  std::string_view rest = s;
  if (std::size_t at = rest.find('@'); at != std::string_view::npos) {
    r.digest = std::string(rest.substr(at + 1));
    rest = rest.substr(0, at);
    if (!valid_digest(r.digest)) return bad("digest is not sha256:<64 hex digits>");
  }
  std::size_t slash = rest.find('/');
  if (slash != std::string_view::npos && looks_like_host(rest.substr(0, slash))) {
    r.host = std::string(rest.substr(0, slash));
    rest = rest.substr(slash + 1);
  } else {
    r.host = "docker.io";
  }
  std::size_t colon = rest.rfind(':');
  if (colon != std::string_view::npos) {
    r.tag = std::string(rest.substr(colon + 1));
    rest = rest.substr(0, colon);
    if (r.tag.empty() || r.tag.size() > 128 ||
        !std::all_of(r.tag.begin(), r.tag.end(),
                     [](unsigned char c) { return std::isalnum(c) || c == '_' || c == '.' || c == '-'; }) ||
        r.tag[0] == '.' || r.tag[0] == '-') {
      return bad("tag " + q(r.tag) + " is not valid");
    }
  } else if (r.digest.empty()) {
    r.tag = "latest";
  }
  r.repository = std::string(rest);
  if (r.repository.empty() || r.repository.front() == '/' || r.repository.back() == '/' ||
      r.repository.find("//") != std::string::npos ||
      !std::all_of(r.repository.begin(), r.repository.end(), [](unsigned char c) {
        return (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') || c == '.' || c == '_' || c == '-' || c == '/';
      })) {
    return bad("repository " + q(r.repository) + " is not valid (lower-case letters, digits, '._-/')");
  }
  if (r.host == "docker.io" && r.repository.find('/') == std::string::npos) r.repository = "library/" + r.repository;
  return r;
}

bool is_registry_source(std::string_view source) {
  if (source.starts_with(kPrefix)) return true;
  std::size_t slash = source.find('/');
  if (slash == std::string_view::npos || !looks_like_host(source.substr(0, slash))) return false;
  std::string_view path = source.substr(slash + 1);
  const bool tagged = path.find('@') != std::string_view::npos ||
                      (path.rfind(':') != std::string_view::npos && path.find('/', path.rfind(':')) == std::string_view::npos);
  return tagged && parse_reference(source).has_value();
}

Expected<Credentials> docker_credentials(const std::string& host) {
  const std::string path = config_path();
  std::FILE* f = std::fopen(path.c_str(), "rb");
  if (!f) return Credentials{};  // no configuration: anonymous
  auto cfg = json::parse_file(f, path);
  std::fclose(f);
  if (!cfg) {
    Error e = std::move(cfg).error();
    return e.in_file(path);
  }
  if (!cfg->is_object()) return Error(path + ": not a JSON object");
  const auto keys = credential_keys(host);
  std::string helper;
  if (const json::Value* helpers = cfg->find("credHelpers"); helpers && helpers->is_object()) {
    for (const auto& k : keys) {
      if (const json::Value* h = helpers->find(k); h && h->is_string()) {
        helper = h->as_string();
        break;
      }
    }
  }
  if (helper.empty()) {
    if (const json::Value* auths = cfg->find("auths"); auths && auths->is_object()) {
      for (const auto& k : keys) {
        const json::Value* a = auths->find(k);
        if (!a || !a->is_object()) continue;
        const json::Value* enc = a->find("auth");
        if (!enc || !enc->is_string() || enc->as_string().empty()) continue;
        std::string plain;
        if (!base64_decode(enc->as_string(), plain) || plain.find(':') == std::string::npos) {
          return Error(path + ": auths." + k + ".auth is not base64 of USER:PASSWORD");
        }
        return Credentials{plain.substr(0, plain.find(':')), plain.substr(plain.find(':') + 1)};
      }
    }
    if (const json::Value* store = cfg->find("credsStore"); store && store->is_string()) helper = store->as_string();
  }
  if (helper.empty()) return Credentials{};
  if (helper.find('/') != std::string::npos) return Error(path + ": credential helper " + q(helper) + " is not a name");
  std::string out;
  auto rc = run_helper(helper, host, out);
  if (!rc) return std::move(rc).error();
  // Helpers exit 1 with "credentials not found…" when they hold nothing for the host.
  if (*rc != 0) {
    if (out.find("not found") != std::string::npos) return Credentials{};
    while (!out.empty() && (out.back() == '\n' || out.back() == '\r')) out.pop_back();
    return Error("credential helper 'docker-credential-" + helper + "' failed for " + host +
                 (out.empty() ? std::string() : ": " + out.substr(0, out.find('\n'))));
  }
  auto v = json::parse(out);
  const json::Value* user = v && v->is_object() ? v->find("Username") : nullptr;
  const json::Value* secret = v && v->is_object() ? v->find("Secret") : nullptr;
  if (!user || !user->is_string() || !secret || !secret->is_string()) {
    return Error("credential helper 'docker-credential-" + helper + "' answered no Username and Secret");
  }
  return Credentials{user->as_string(), secret->as_string()};
}

namespace {

/// The number of PEM certificates in `pem` (OpenSSL's reader), for refusing a CA file that holds none.
int count_certificates(const std::string& pem) {
  BIO* bio = BIO_new_mem_buf(pem.data(), static_cast<int>(pem.size()));
  if (!bio) return 0;
  int n = 0;
  while (X509* x = PEM_read_bio_X509(bio, nullptr, nullptr, nullptr)) {
    X509_free(x);
    ++n;
  }
  BIO_free(bio);
  return n;
}

Expected<std::string> read_ca_file(const std::string& path) {
  std::FILE* f = std::fopen(path.c_str(), "rb");
  if (!f) return Error(path + ": cannot read CA certificates: " + std::strerror(errno));
  std::string text;
  char buf[65536];
  std::size_t n = 0;
  while ((n = std::fread(buf, 1, sizeof buf, f)) > 0 && text.size() < (16u << 20)) text.append(buf, n);
  const bool failed = std::ferror(f);
  std::fclose(f);
  if (failed) return Error(path + ": cannot read CA certificates: " + std::strerror(errno));
  if (count_certificates(text) == 0) return Error(path + ": no PEM certificate in it (CA certificates are needed)");
  return text;
}

/// What HTTPS to `host` trusts beyond libcurl's own: every DIR/HOST/*.crt of the certs.d
/// directories (Docker's layout; sorted, so the same files give the same trust) and the CA file.
Expected<std::string> trusted_pem(const Options& opts, const std::string& host) {
  std::string pem;
  for (const auto& dir : opts.certs_dirs) {
    const std::string d = dir + "/" + host;
    DIR* dp = ::opendir(d.c_str());
    if (!dp) continue;
    std::vector<std::string> names;
    while (const dirent* e = ::readdir(dp)) {
      std::string_view n = e->d_name;
      if (n.size() > 4 && n.ends_with(".crt")) names.emplace_back(n);
    }
    ::closedir(dp);
    std::sort(names.begin(), names.end());
    for (const auto& n : names) {
      auto text = read_ca_file(d + "/" + n);
      if (!text) return std::move(text).error();
      pem += *text + "\n";
    }
  }
  if (!opts.ca_file.empty()) {
    auto text = read_ca_file(opts.ca_file);
    if (!text) return std::move(text).error();
    pem += *text + "\n";
  }
  return pem;
}

/// "HOST[:PORT]" of an http(s) URL.
std::string url_host(std::string_view url) {
  std::size_t start = url.find("://");
  start = start == std::string_view::npos ? 0 : start + 3;
  std::size_t end = url.find_first_of("/?#", start);
  std::string_view h = url.substr(start, end == std::string_view::npos ? std::string_view::npos : end - start);
  if (std::size_t at = h.rfind('@'); at != std::string_view::npos) h.remove_prefix(at + 1);
  return std::string(h);
}

/// One registry repository: base URL, the auth earned so far, the connections kept open (shared
/// by the layer threads).
class Session {
 public:
  Session(Reference ref, const Options& opts) : ref_(std::move(ref)), opts_(opts) {
    api_host_ = ref_.host == "docker.io" ? "registry-1.docker.io" : ref_.host;
    base_ = (opts.insecure ? "http://" : "https://") + api_host_ + "/v2/" + ref_.repository + "/";
  }
  const Reference& ref() const { return ref_; }

  /// A request to `url` with the trust for its host and the pooled connections.
  Expected<HttpRequest> request(const std::string& url) {
    HttpRequest req;
    req.url = url;
    req.pool = &pool_;
    if (url.starts_with("https://")) {
      const std::string host = url_host(url);
      std::lock_guard<std::mutex> lock(mu_);
      auto it = trust_.find(host);
      if (it == trust_.end()) {
        auto pem = trusted_pem(opts_, host);
        if (!pem) return std::move(pem).error();
        it = trust_.emplace(host, std::move(*pem)).first;
      }
      req.ca_pem = it->second;
    }
    return req;
  }

  /// The message for a request that failed in TLS: the host, libcurl's reason, and where trust
  /// comes from.
  std::string tls_error(const std::string& url, const std::string& why) const {
    const std::string host = url_host(url);
    if (why.find("wrong version number") != std::string::npos) {
      return "TLS with " + host + " failed: " + why + " (a plain-HTTP test registry needs --insecure)";
    }
    std::string where = opts_.certs_dirs.empty() ? std::string("HOST/ca.crt under a --certs-dir")
                                                 : opts_.certs_dirs.front() + "/" + host + "/ca.crt";
    return "TLS with " + host + " failed: " + why + " (a private CA is trusted with --ca-file FILE or " + where + ")";
  }

  /// GET `path` (under /v2/REPO/), through auth challenges and retries; any final status is
  /// returned for the caller to judge, except 401 after credentials were tried.
  Expected<std::unique_ptr<HttpStream>> get(const std::string& path, bool manifest) {
    int auth_rounds = 0;
    for (int attempt = 1;; ++attempt) {
      auto r = request(base_ + path);
      if (!r) return std::move(r).error();
      HttpRequest& req = *r;
      if (manifest) req.headers.push_back(kAccept);
      if (std::string a = auth_header(); !a.empty()) req.headers.push_back("Authorization: " + a);
      bool tls_failed = false;
      auto s = HttpStream::open(req, &tls_failed);
      if (!s && tls_failed) return Error(tls_error(req.url, s.error().message));
      if (!s) {
        if (attempt < kMaxAttempts) {
          backoff(attempt, "");
          continue;
        }
        std::string why = s.error().message;
        if (why.find("SSL") != std::string::npos || why.find("TLS") != std::string::npos) {
          why += " (a plain-HTTP test registry needs --insecure)";
        }
        return Error(req.url + ": " + why);
      }
      const long status = (*s)->status();
      if (status == 401) {
        if (auth_rounds++ >= 1) return Error(denied(req.url));
        drain(**s);
        if (auto st = authenticate((*s)->header("www-authenticate"), req.url); !st) return std::move(st).error();
        continue;
      }
      if ((status == 429 || status >= 500) && attempt < kMaxAttempts) {
        drain(**s);
        backoff(attempt, (*s)->header("retry-after"));
        continue;
      }
      if (status == 400 && opts_.insecure) {
        // Go's server answers plain HTTP on a TLS port so.
        auto body = (*s)->read_all(kMaxErrorBody);
        if (body && body->find("HTTPS server") != std::string::npos) {
          return Error(api_host_ + " speaks HTTPS, and --insecure asks for plain HTTP (it never turns off "
                       "certificate checks): drop --insecure, and trust a private CA with --ca-file");
        }
      }
      return s;
    }
  }

  /// Names what went wrong with a status the caller does not accept.
  std::string status_error(const HttpStream& s, std::string_view what) const {
    if (s.status() == 404) return what.empty() ? "not found (HTTP 404)" : std::string(what) + " not found (HTTP 404)";
    if (s.status() == 403) return "access denied to " + ref_.host + "/" + ref_.repository + " (HTTP 403)";
    return "HTTP " + std::to_string(s.status()) + " from the registry" + (what.empty() ? "" : " for " + std::string(what));
  }

 private:
  std::string auth_header() {
    std::lock_guard<std::mutex> lock(mu_);
    return auth_;
  }

  /// The 401 message: whether credentials were there to be refused says what to fix.
  std::string denied(const std::string& url) {
    std::lock_guard<std::mutex> lock(mu_);
    return "unauthorized (HTTP 401) for " + url +
           (creds_ && !creds_->user.empty() ? ": the registry refused the credentials of the Docker configuration"
                                            : ": no credentials for " + ref_.host + " in the Docker configuration");
  }

  Expected<Credentials> credentials() {
    std::lock_guard<std::mutex> lock(mu_);
    if (!creds_) {
      auto c = docker_credentials(ref_.host);
      if (!c) return std::move(c).error();
      creds_ = std::move(*c);
    }
    return *creds_;
  }

  Status authenticate(const std::string& challenge, const std::string& url) {
    std::map<std::string, std::string> params;
    const std::string scheme = parse_challenge(challenge, params);
    auto creds = credentials();
    if (!creds) return std::move(creds).error();
    if (scheme == "basic") {
      if (creds->user.empty()) return Error(denied(url));
      std::lock_guard<std::mutex> lock(mu_);
      auth_ = "Basic " + base64_encode(creds->user + ":" + creds->secret);
      return Ok{};
    }
    if (scheme != "bearer" || params["realm"].empty()) {
      return Error("unauthorized (HTTP 401) for " + url + " with an authentication scheme sbom-gen does not know: " +
                   q(challenge));
    }
    std::string token_url = params["realm"];
    token_url += token_url.find('?') == std::string::npos ? '?' : '&';
    token_url += "service=" + percent_encode(params["service"]);
    token_url += "&scope=" + percent_encode(params.count("scope") ? params["scope"] : "repository:" + ref_.repository + ":pull");
    auto r = request(token_url);
    if (!r) return std::move(r).error();
    HttpRequest& req = *r;
    if (!creds->user.empty()) req.headers.push_back("Authorization: Basic " + base64_encode(creds->user + ":" + creds->secret));
    Expected<std::unique_ptr<HttpStream>> s = Error("");
    for (int attempt = 1;; ++attempt) {
      bool tls_failed = false;
      s = HttpStream::open(req, &tls_failed);
      if (!s && tls_failed) return Error("token server " + params["realm"] + ": " + tls_error(req.url, s.error().message));
      const bool retry = !s || (*s)->status() == 429 || (*s)->status() >= 500;
      if (!retry || attempt >= kMaxAttempts) break;
      backoff(attempt, s ? (*s)->header("retry-after") : "");
    }
    if (!s) return Error("token server " + params["realm"] + ": " + s.error().message);
    if ((*s)->status() == 401 || (*s)->status() == 403) return Error(denied(url));
    if ((*s)->status() != 200) {
      return Error("token server " + params["realm"] + ": HTTP " + std::to_string((*s)->status()));
    }
    auto body = (*s)->read_all(1u << 20);
    if (!body) return Error("token server " + params["realm"] + ": " + body.error().message);
    auto v = json::parse(*body);
    const json::Value* tok = v && v->is_object() ? v->find("token") : nullptr;
    if (!tok || !tok->is_string() || tok->as_string().empty()) tok = v && v->is_object() ? v->find("access_token") : nullptr;
    if (!tok || !tok->is_string() || tok->as_string().empty()) {
      return Error("token server " + params["realm"] + " answered no token");
    }
    std::lock_guard<std::mutex> lock(mu_);
    auth_ = "Bearer " + tok->as_string();
    return Ok{};
  }

  /// Waits before another attempt: Retry-After when the registry says (up to 10 s), else
  /// 0.25 s doubling.
  static void backoff(int attempt, const std::string& retry_after) {
    long ms = 250L << (attempt - 1);
    if (!retry_after.empty() && std::all_of(retry_after.begin(), retry_after.end(), ::isdigit) && retry_after.size() < 6) {
      ms = std::min(10000L, std::stol(retry_after) * 1000L);
    }
    std::this_thread::sleep_for(std::chrono::milliseconds(ms));
  }

  /// Reads a small body to its end so its connection can serve the next request.
  static void drain(HttpStream& s) { [[maybe_unused]] auto ignored = s.read_all(kMaxErrorBody); }

  Reference ref_;
  const Options& opts_;
  std::string api_host_;
  std::string base_;
  net::ConnectionPool pool_;  // every stream of the session hands its connection back here
  std::mutex mu_;
  std::string auth_;
  std::optional<Credentials> creds_;
  std::map<std::string, std::string> trust_;  // host -> PEM beyond libcurl's
};

/// Fails when a blob is longer or shorter than its descriptor says.
class SizedSource final : public ByteSource {
 public:
  SizedSource(ByteSource& in, std::uint64_t want) : in_(in), want_(want) {}
  Expected<std::size_t> read(char* buf, std::size_t n) override {
    auto r = in_.read(buf, n);
    if (!r) return r;
    got_ += *r;
    if (got_ > want_) return Error("blob is larger than the " + std::to_string(want_) + " bytes its descriptor says");
    if (*r == 0 && got_ < want_) {
      return Error("blob ended after " + std::to_string(got_) + " of " + std::to_string(want_) + " bytes");
    }
    return r;
  }

 private:
  ByteSource& in_;
  std::uint64_t want_;
  std::uint64_t got_ = 0;
};

bool is_index_media_type(std::string_view mt) {
  return mt == "application/vnd.oci.image.index.v1+json" ||
         mt == "application/vnd.docker.distribution.manifest.list.v2+json";
}

bool is_foreign(std::string_view mt) {
  return mt.find(".foreign.") != std::string_view::npos || mt.find(".nondistributable.") != std::string_view::npos;
}

std::string digest_of_name(const std::string& name) {
  // "blobs/sha256/<hex>" -> "sha256:<hex>"
  std::string_view rest = std::string_view(name).substr(6);
  std::size_t slash = rest.find('/');
  return std::string(rest.substr(0, slash)) + ":" + std::string(rest.substr(slash + 1));
}

std::string name_of_digest(std::string_view digest) {
  return "blobs/sha256/" + std::string(digest.substr(7));
}

/// A registry repository seen as an OCI layout: "index.json" is what the reference names (an
/// index as the registry has it, or one made for a single manifest), manifests and configs are
/// fetched whole and layers streamed.
class RegistryStore final : public Store {
 public:
  RegistryStore(Reference ref, const Options& opts) : session_(std::move(ref), opts) {}

  bool has(const std::string& name) const override {
    return name == "index.json" || (name.starts_with("blobs/sha256/") && valid_digest(digest_of_name(name)));
  }
  std::uint64_t size(const std::string& name) const override {
    std::lock_guard<std::mutex> lock(mu_);
    auto it = descriptors_.find(name);
    return it == descriptors_.end() ? 0 : it->second.size;
  }
  void expect_manifest(const std::string& name) override {
    std::lock_guard<std::mutex> lock(mu_);
    manifests_.insert(name);
  }
  Expected<std::string> read(const std::string& name) override {
    if (name == "index.json") return top();
    if (!has(name)) return Error("missing blob " + q(name));
    const std::string digest = digest_of_name(name);
    bool manifest = false;
    std::uint64_t size = 0;
    {
      std::lock_guard<std::mutex> lock(mu_);
      if (auto it = fetched_.find(name); it != fetched_.end()) return it->second;
      manifest = manifests_.count(name) != 0;
      if (auto it = descriptors_.find(name); it != descriptors_.end()) size = it->second.size;
    }
    auto body = fetch(manifest ? "manifests/" + digest : "blobs/" + digest, manifest,
                      manifest ? kMaxManifest : kMaxConfig, digest);
    if (!body) return body;
    if (size && body->size() != size) {
      return Error("blob " + digest + " has " + std::to_string(body->size()) + " bytes, its descriptor says " +
                   std::to_string(size));
    }
    if (manifest) note_manifest(*body);
    std::lock_guard<std::mutex> lock(mu_);
    fetched_[name] = *body;  // a config is read again once its platform is known
    return body;
  }
  Expected<LayerScan> scan(const std::string& name, const Matcher& m, const Options& o, Budget& b) override {
    const std::string digest = digest_of_name(name);
    Descriptor d;
    {
      std::lock_guard<std::mutex> lock(mu_);
      auto it = descriptors_.find(name);
      if (it == descriptors_.end()) return Error("layer " + digest + " is in no manifest read");
      d = it->second;
    }
    if (is_foreign(d.media_type)) {
      LayerScan skipped;
      skipped.skipped = true;
      skipped.warnings.push_back("layer " + digest + " skipped: a foreign layer (" + d.media_type +
                                 ") is not distributed by the registry; its files are not in the SBOM");
      return skipped;
    }
    auto s = session_.get("blobs/" + digest, false);
    if (!s) return std::move(s).error();
    if ((*s)->status() != 200) return Error("layer " + digest + ": " + session_.status_error(**s, ""));
    HttpSource body(**s);
    SizedSource sized(body, d.size);
    auto scanned = scan_layer(sized, name, m, o, b);
    if (!scanned) return scanned;
    // Read to the end of the response (size checked once more), so its connection serves the next blob.
    char c = 0;
    if (auto end = sized.read(&c, 1); !end) return std::move(end).error();
    return scanned;
  }

  /// The digest of what the reference named (index or manifest).
  const std::string& top_digest() const { return top_digest_; }
  const Reference& ref() const { return session_.ref(); }

 private:
  struct Descriptor {
    std::string media_type;
    std::uint64_t size = 0;
  };

  Expected<std::string> fetch(const std::string& path, bool manifest, std::uint64_t limit, const std::string& digest) {
    auto s = session_.get(path, manifest);
    if (!s) return std::move(s).error();
    const std::string what = manifest && digest.empty() ? q(session_.ref().to_string()) : digest;
    if ((*s)->status() != 200) return Error(session_.status_error(**s, what));
    auto body = (*s)->read_all(limit);
    if (!body) return Error(what + ": " + body.error().message);
    const std::string actual = sha256_digest(*body);
    if (!digest.empty() && actual != digest) {
      return Error(what + " does not match its digest (its content is " + actual + ")");
    }
    if (const std::string h = (*s)->header("docker-content-digest"); manifest && h.starts_with("sha256:") && h != actual) {
      return Error(what + ": the registry says its digest is " + h + ", its content is " + actual);
    }
    return body;
  }

  /// Records what a manifest or index lists: layer and config sizes, child manifests.
  void note_manifest(const std::string& text) {
    auto v = json::parse(text);
    if (!v || !v->is_object()) return;  // the reader of the manifest says what is wrong with it
    std::lock_guard<std::mutex> lock(mu_);
    auto note = [&](const json::Value& d, bool is_manifest) {
      if (!d.is_object()) return;
      const json::Value* dg = d.find("digest");
      if (!dg || !dg->is_string() || !valid_digest(dg->as_string())) return;
      const std::string name = name_of_digest(dg->as_string());
      Descriptor desc;
      if (const json::Value* mt = d.find("mediaType"); mt && mt->is_string()) desc.media_type = mt->as_string();
      if (const json::Value* sz = d.find("size"); sz && sz->is_number()) {
        desc.size = static_cast<std::uint64_t>(std::max(0.0, sz->as_number().to_double()));
      }
      descriptors_[name] = desc;
      if (is_manifest) manifests_.insert(name);
    };
    if (const json::Value* ms = v->find("manifests"); ms && ms->is_array()) {
      for (const auto& d : ms->as_array()) note(d, true);
    }
    if (const json::Value* c = v->find("config")) note(*c, false);
    if (const json::Value* ls = v->find("layers"); ls && ls->is_array()) {
      for (const auto& d : ls->as_array()) note(d, false);
    }
  }

  Expected<std::string> top() {
    const Reference& r = session_.ref();
    auto s = session_.get("manifests/" + (r.digest.empty() ? r.tag : r.digest), true);
    if (!s) return std::move(s).error();
    if ((*s)->status() == 404) return Error("no such image in the registry (HTTP 404)");
    if ((*s)->status() != 200) return Error(session_.status_error(**s, q(r.to_string())));
    auto body = (*s)->read_all(kMaxManifest);
    if (!body) return Error(q(r.to_string()) + ": " + body.error().message);
    const std::string actual = sha256_digest(*body);
    if (!r.digest.empty() && actual != r.digest) {
      return Error("the manifest of " + q(r.to_string()) + " does not match its digest (its content is " + actual + ")");
    }
    if (const std::string h = (*s)->header("docker-content-digest"); h.starts_with("sha256:") && h != actual) {
      return Error("the manifest of " + q(r.to_string()) + ": the registry says its digest is " + h +
                   ", its content is " + actual);
    }
    top_digest_ = actual;
    auto v = json::parse(*body);
    if (!v || !v->is_object()) return Error("the manifest of " + q(r.to_string()) + " is not a JSON object");
    std::string mt = (*s)->header("content-type");
    if (const json::Value* m = v->find("mediaType"); m && m->is_string()) mt = m->as_string();
    if (const json::Value* sv = v->find("schemaVersion"); sv && sv->is_number() && sv->as_number().to_double() == 1) {
      return Error(q(r.to_string()) + " has a schema 1 manifest, which is not supported (push it again with a current client)");
    }
    if (is_index_media_type(mt) || v->find("manifests")) {
      note_manifest(*body);
      return body;
    }
    // One manifest: seen through an index of its own, so platform choice and checks are those
    // of any OCI layout.
    {
      std::lock_guard<std::mutex> lock(mu_);
      fetched_[name_of_digest(actual)] = *body;
      manifests_.insert(name_of_digest(actual));
    }
    note_manifest(*body);
    json::Object desc{{"mediaType", json::Value(mt)}, {"digest", json::Value(actual)},
                      {"size", json::Value(json::Number{std::to_string(body->size())})}};
    json::Object index{{"schemaVersion", json::Value(json::Number{"2"})},
                       {"manifests", json::Value(json::Array{json::Value(std::move(desc))})}};
    return json::write(json::Value(std::move(index)));
  }

  Session session_;
  mutable std::mutex mu_;
  std::map<std::string, Descriptor> descriptors_;
  std::set<std::string> manifests_;
  std::map<std::string, std::string> fetched_;
  std::string top_digest_;
};

}  // namespace

Expected<View> read_registry(const std::string& source, const std::vector<Pattern>& patterns, const Options& opts) {
  std::string_view spec = source;
  if (spec.starts_with(kPrefix)) spec.remove_prefix(kPrefix.size());
  auto ref = parse_reference(spec);
  if (!ref) return source_error(source, ref.error().message);
  RegistryStore store(*ref, opts);
  Budget budget;
  budget.max_total = opts.max_total;
  budget.max_symlink_bytes = opts.max_symlink_bytes;
  auto view = read_layers(store, source, "registry", opts, budget, patterns);
  if (!view) return view;
  ImageInfo& info = view->info_;
  info.repo_tags = {ref->host + "/" + ref->repository + (ref->tag.empty() ? "" : ":" + ref->tag)};
  info.reference = ref->to_string();
  info.reference_digest = store.top_digest();
  return view;
}

}  // namespace sbom::image::detail
