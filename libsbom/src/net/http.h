// Private: HTTP GETs read as a pull stream (libcurl loaded at run time), for registry blobs, the
// daemon socket and OSV downloads.
#pragma once

#include <cstdint>
#include <map>
#include <memory>
#include <mutex>
#include <string>
#include <vector>

#include "sbom/error.h"

namespace sbom::net {

struct CurlApi;
class HttpStream;

/// Connections kept open between the requests of one user (a registry pull): a finished request's
/// libcurl handles, with the connections they hold, wait here for the next request, so a pull
/// opens one connection per request running at once instead of one per blob. Each handle pair is
/// used by one thread at a time (libcurl's shared connection cache is not safe across threads).
class ConnectionPool {
 public:
  ConnectionPool() = default;
  ~ConnectionPool();
  ConnectionPool(const ConnectionPool&) = delete;
  ConnectionPool& operator=(const ConnectionPool&) = delete;

 private:
  friend class HttpStream;
  struct Handles {
    void* multi = nullptr;
    void* easy = nullptr;
  };
  bool take(Handles& h);
  void give(const CurlApi* api, Handles h);
  std::mutex mu_;
  const CurlApi* api_ = nullptr;
  std::vector<Handles> idle_;
};

struct HttpRequest {
  std::string url;
  std::vector<std::string> headers;  ///< "Name: value"
  std::string unix_socket;           ///< connect to this socket instead of the URL's host
  /// PEM certificates trusted for HTTPS in place of libcurl's CA bundle (its CA directory, on
  /// Debian /etc/ssl/certs, still applies); "" for libcurl's own trust.
  std::string ca_pem;
  ConnectionPool* pool = nullptr;  ///< reuse the connections of earlier requests; may be null
};

/// One GET whose body is pulled by read() as it arrives, never held whole: the transfer is
/// paused while more than a little is waiting. open() returns once the final status line and
/// headers are in; a transfer that fails later (connection dropped, body shorter than its
/// Content-Length, stalled) makes read() fail.
class HttpStream final {
 public:
  /// `tls_failed`, when given, is set when the request failed in TLS (a certificate not
  /// verified, a handshake refused): not worth retrying.
  static Expected<std::unique_ptr<HttpStream>> open(const HttpRequest& req, bool* tls_failed = nullptr);
  ~HttpStream();
  HttpStream(const HttpStream&) = delete;
  HttpStream& operator=(const HttpStream&) = delete;
  long status() const { return status_; }
  /// A response header (name lower-case), or "".
  std::string header(const std::string& name) const;
  /// Up to `n` bytes of the body; 0 at its end.
  Expected<std::size_t> read(char* buf, std::size_t n);
  /// The whole body, refusing more than `limit` bytes.
  Expected<std::string> read_all(std::uint64_t limit);

  // Called by libcurl.
  std::size_t on_header(const char* data, std::size_t len);
  std::size_t on_body(const char* data, std::size_t len);

 private:
  HttpStream() = default;
  Status step();  ///< moves the transfer on once (waiting for the socket up to a second)
  std::string url_;
  const CurlApi* api_ = nullptr;
  ConnectionPool* pool_ = nullptr;
  void* multi_ = nullptr;
  void* easy_ = nullptr;
  void* header_list_ = nullptr;
  std::string buf_;
  std::size_t pos_ = 0;
  long status_ = 0;
  bool headers_done_ = false;
  bool paused_ = false;
  bool done_ = false;
  int result_ = 0;
  char errbuf_[256] = {};
  std::map<std::string, std::string> headers_;
};

/// `s` with every byte but letters, digits, "-._~" and those in `also_safe` %-escaped (RFC 3986).
std::string percent_encode(std::string_view s, std::string_view also_safe = {});

/// `s` encoded as standard base64 (with padding).
std::string base64_encode(std::string_view s);
/// Standard base64 decoded into `out`; false for input that is not base64.
bool base64_decode(std::string_view s, std::string& out);

}  // namespace sbom::net
