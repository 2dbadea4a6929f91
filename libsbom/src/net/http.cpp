// HTTP GETs as pull streams over libcurl's multi interface: the consumer (a layer scan, a file
// being written) asks for bytes and the transfer moves on only then, so a body is never held whole.
#include "net/http.h"

#include <curl/curl.h>
#include <dlfcn.h>
#include <openssl/evp.h>

#include <algorithm>
#include <cctype>
#include <cstring>
#include <type_traits>

namespace sbom::net {

namespace {

/// Bytes waiting beyond this pause the transfer until the consumer has taken them.
constexpr std::size_t kMaxWaiting = 1u << 20;

}  // namespace

/// libcurl, loaded when a registry or daemon is first asked for: linked in, its dependencies
/// would be mapped into every sbom-gen run (tens of MB of address space that scans of files never
/// use, and a tool that could not start without it).
struct CurlApi {
  decltype(&curl_global_init) global_init;
  decltype(&curl_easy_init) easy_init;
  decltype(&curl_easy_setopt) easy_setopt;
  decltype(&curl_easy_cleanup) easy_cleanup;
  decltype(&curl_easy_reset) easy_reset;
  decltype(&curl_easy_pause) easy_pause;
  decltype(&curl_easy_strerror) easy_strerror;
  decltype(&curl_multi_init) multi_init;
  decltype(&curl_multi_add_handle) multi_add_handle;
  decltype(&curl_multi_remove_handle) multi_remove_handle;
  decltype(&curl_multi_cleanup) multi_cleanup;
  decltype(&curl_multi_perform) multi_perform;
  decltype(&curl_multi_poll) multi_poll;
  decltype(&curl_multi_info_read) multi_info_read;
  decltype(&curl_multi_strerror) multi_strerror;
  decltype(&curl_slist_append) slist_append;
  decltype(&curl_slist_free_all) slist_free_all;
};

namespace {

/// The loaded API, or nullptr with `why` set.
const CurlApi* curl_api(std::string& why) {
  static std::string error;
  static const CurlApi* api = []() -> const CurlApi* {
    void* h = ::dlopen("libcurl.so.4", RTLD_NOW | RTLD_LOCAL);
    if (!h) {
      error = std::string("HTTP needs libcurl (libcurl.so.4), which cannot be loaded: ") + ::dlerror();
      return nullptr;
    }
    static CurlApi a;
    bool ok = true;
    auto load = [&](auto& fn, const char* name) {
      fn = reinterpret_cast<std::remove_reference_t<decltype(fn)>>(::dlsym(h, name));
      ok = ok && fn != nullptr;
    };
    load(a.global_init, "curl_global_init");
    load(a.easy_init, "curl_easy_init");
    load(a.easy_setopt, "curl_easy_setopt");
    load(a.easy_cleanup, "curl_easy_cleanup");
    load(a.easy_reset, "curl_easy_reset");
    load(a.easy_pause, "curl_easy_pause");
    load(a.easy_strerror, "curl_easy_strerror");
    load(a.multi_init, "curl_multi_init");
    load(a.multi_add_handle, "curl_multi_add_handle");
    load(a.multi_remove_handle, "curl_multi_remove_handle");
    load(a.multi_cleanup, "curl_multi_cleanup");
    load(a.multi_perform, "curl_multi_perform");
    load(a.multi_poll, "curl_multi_poll");
    load(a.multi_info_read, "curl_multi_info_read");
    load(a.multi_strerror, "curl_multi_strerror");
    load(a.slist_append, "curl_slist_append");
    load(a.slist_free_all, "curl_slist_free_all");
    if (!ok) {
      error = "libcurl.so.4 lacks a function sbomkit needs (libcurl 7.66 or newer is required)";
      return nullptr;
    }
    if (a.global_init(CURL_GLOBAL_DEFAULT) != CURLE_OK) {
      error = "cannot initialise libcurl";
      return nullptr;
    }
    return &a;
  }();
  why = error;
  return api;
}

std::size_t header_cb(char* data, std::size_t size, std::size_t n, void* user) {
  return static_cast<HttpStream*>(user)->on_header(data, size * n);
}

std::size_t body_cb(char* data, std::size_t size, std::size_t n, void* user) {
  return static_cast<HttpStream*>(user)->on_body(data, size * n);
}

/// libcurl's message for a failed transfer, starting lower-case as ours do.
std::string curl_message(const CurlApi& api, const char* errbuf, int code) {
  std::string m = errbuf && errbuf[0] ? std::string(errbuf) : api.easy_strerror(static_cast<CURLcode>(code));
  // "Couldn't connect" becomes "couldn't connect"; a name ("OpenSSL/3.0: …") keeps its case.
  const std::string_view first_word = std::string_view(m).substr(0, m.find_first_of(" /:"));
  const bool name = std::any_of(first_word.begin() + (first_word.empty() ? 0 : 1), first_word.end(),
                                [](unsigned char c) { return std::isupper(c); });
  if (m.size() > 1 && !name && std::isupper(static_cast<unsigned char>(m[0]))) {
    m[0] = static_cast<char>(std::tolower(static_cast<unsigned char>(m[0])));
  }
  return m;
}

bool is_tls_failure(int code) {
  switch (code) {
    case CURLE_SSL_CONNECT_ERROR:
    case CURLE_PEER_FAILED_VERIFICATION:
    case CURLE_SSL_CERTPROBLEM:
    case CURLE_SSL_CIPHER:
    case CURLE_SSL_CACERT_BADFILE:
    case CURLE_SSL_ISSUER_ERROR:
    case CURLE_SSL_PINNEDPUBKEYNOTMATCH:
    case CURLE_SSL_INVALIDCERTSTATUS:
      return true;
    default:
      return false;
  }
}

}  // namespace

ConnectionPool::~ConnectionPool() {
  for (const Handles& h : idle_) {
    api_->easy_cleanup(static_cast<CURL*>(h.easy));
    api_->multi_cleanup(static_cast<CURLM*>(h.multi));
  }
}

bool ConnectionPool::take(Handles& h) {
  std::lock_guard<std::mutex> lock(mu_);
  if (idle_.empty()) return false;
  h = idle_.back();
  idle_.pop_back();
  return true;
}

void ConnectionPool::give(const CurlApi* api, Handles h) {
  std::lock_guard<std::mutex> lock(mu_);
  api_ = api;
  idle_.push_back(h);
}

Expected<std::unique_ptr<HttpStream>> HttpStream::open(const HttpRequest& req, bool* tls_failed) {
  if (tls_failed) *tls_failed = false;
  std::string why;
  const CurlApi* api = curl_api(why);
  if (!api) return Error(why);
  std::unique_ptr<HttpStream> s(new HttpStream);
  s->api_ = api;
  s->url_ = req.url;
  s->pool_ = req.pool;
  // A pooled pair's multi handle keeps the connections its last transfer left open; reset
  // clears the options and keeps those.
  ConnectionPool::Handles pooled;
  CURL* easy = nullptr;
  CURLM* multi = nullptr;
  if (req.pool && req.pool->take(pooled)) {
    easy = static_cast<CURL*>(pooled.easy);
    multi = static_cast<CURLM*>(pooled.multi);
  } else {
    easy = api->easy_init();
    multi = api->multi_init();
  }
  s->easy_ = easy;
  s->multi_ = multi;
  if (!easy || !multi) return Error("out of memory");
  curl_slist* list = nullptr;
  for (const auto& h : req.headers) list = api->slist_append(list, h.c_str());
  s->header_list_ = list;
  api->easy_setopt(easy, CURLOPT_URL, req.url.c_str());
  if (!req.unix_socket.empty()) api->easy_setopt(easy, CURLOPT_UNIX_SOCKET_PATH, req.unix_socket.c_str());
  api->easy_setopt(easy, CURLOPT_HTTPHEADER, list);
  api->easy_setopt(easy, CURLOPT_HEADERFUNCTION, header_cb);
  api->easy_setopt(easy, CURLOPT_HEADERDATA, s.get());
  api->easy_setopt(easy, CURLOPT_WRITEFUNCTION, body_cb);
  api->easy_setopt(easy, CURLOPT_WRITEDATA, s.get());
  // Registries hand blobs to storage back ends by redirect; libcurl drops our Authorization
  // header when the redirect leaves the host.
  api->easy_setopt(easy, CURLOPT_FOLLOWLOCATION, 1L);
  api->easy_setopt(easy, CURLOPT_MAXREDIRS, 8L);
  api->easy_setopt(easy, CURLOPT_ERRORBUFFER, s->errbuf_);
  api->easy_setopt(easy, CURLOPT_NOSIGNAL, 1L);
  api->easy_setopt(easy, CURLOPT_USERAGENT, "sbomkit");
  api->easy_setopt(easy, CURLOPT_CONNECTTIMEOUT, 30L);
  // A peer that stops sending without closing is an error after a minute, not a hang.
  api->easy_setopt(easy, CURLOPT_LOW_SPEED_LIMIT, 1L);
  api->easy_setopt(easy, CURLOPT_LOW_SPEED_TIME, 60L);
  api->easy_setopt(easy, CURLOPT_BUFFERSIZE, 256L * 1024L);
  // HTTP/2 when the server offers it in the TLS handshake (ALPN), HTTP/1.1 otherwise.
  api->easy_setopt(easy, CURLOPT_HTTP_VERSION, static_cast<long>(CURL_HTTP_VERSION_2TLS));
  if (!req.ca_pem.empty()) {
    curl_blob blob{const_cast<char*>(req.ca_pem.data()), req.ca_pem.size(), CURL_BLOB_COPY};
    if (api->easy_setopt(easy, CURLOPT_CAINFO_BLOB, &blob) != CURLE_OK) {
      return Error("this libcurl cannot take CA certificates from memory (libcurl 7.77 or newer is needed)");
    }
  }
  api->multi_add_handle(multi, easy);
  while (!s->headers_done_ && !s->done_) {
    if (auto st = s->step(); !st) return std::move(st).error();
  }
  if (!s->headers_done_ && s->result_ != CURLE_OK) {
    if (tls_failed) *tls_failed = is_tls_failure(s->result_);
    return Error(curl_message(*api, s->errbuf_, s->result_));
  }
  return s;
}

HttpStream::~HttpStream() {
  if (!api_) return;
  if (multi_ && easy_) api_->multi_remove_handle(static_cast<CURLM*>(multi_), static_cast<CURL*>(easy_));
  // Only a transfer that ran to its end leaves a connection fit for the next request; one left
  // mid-body is closed with its handles.
  if (pool_ && multi_ && easy_ && done_ && result_ == CURLE_OK) {
    api_->easy_reset(static_cast<CURL*>(easy_));
    pool_->give(api_, {multi_, easy_});
  } else {
    if (easy_) api_->easy_cleanup(static_cast<CURL*>(easy_));
    if (multi_) api_->multi_cleanup(static_cast<CURLM*>(multi_));
  }
  api_->slist_free_all(static_cast<curl_slist*>(header_list_));
}

std::string HttpStream::header(const std::string& name) const {
  auto it = headers_.find(name);
  return it == headers_.end() ? std::string() : it->second;
}

std::size_t HttpStream::on_header(const char* data, std::size_t len) {
  std::string_view line(data, len);
  while (!line.empty() && (line.back() == '\n' || line.back() == '\r')) line.remove_suffix(1);
  if (line.starts_with("HTTP/")) {
    // A new response (after 100 Continue or a redirect): forget the last one's headers.
    headers_.clear();
    headers_done_ = false;
    std::size_t sp = line.find(' ');
    status_ = sp == std::string_view::npos ? 0 : std::strtol(std::string(line.substr(sp + 1, 3)).c_str(), nullptr, 10);
    return len;
  }
  if (line.empty()) {
    const bool redirect = status_ >= 300 && status_ < 400 && headers_.count("location");
    if (status_ >= 200 && !redirect) headers_done_ = true;
    return len;
  }
  std::size_t colon = line.find(':');
  if (colon == std::string_view::npos) return len;
  std::string name(line.substr(0, colon));
  std::transform(name.begin(), name.end(), name.begin(),
                 [](unsigned char c) { return static_cast<char>(std::tolower(c)); });
  std::string_view value = line.substr(colon + 1);
  while (!value.empty() && (value.front() == ' ' || value.front() == '\t')) value.remove_prefix(1);
  while (!value.empty() && value.back() == ' ') value.remove_suffix(1);
  headers_[name] = std::string(value);
  return len;
}

std::size_t HttpStream::on_body(const char* data, std::size_t len) {
  headers_done_ = true;
  if (buf_.size() - pos_ > kMaxWaiting) {
    paused_ = true;
    return CURL_WRITEFUNC_PAUSE;
  }
  if (pos_ == buf_.size()) {
    buf_.clear();
    pos_ = 0;
  }
  buf_.append(data, len);
  return len;
}

Status HttpStream::step() {
  auto* multi = static_cast<CURLM*>(multi_);
  int running = 0;
  if (paused_) {
    paused_ = false;
    api_->easy_pause(static_cast<CURL*>(easy_), CURLPAUSE_CONT);
  }
  if (CURLMcode mc = api_->multi_perform(multi, &running); mc != CURLM_OK) return Error(api_->multi_strerror(mc));
  int left = 0;
  while (CURLMsg* msg = api_->multi_info_read(multi, &left)) {
    if (msg->msg == CURLMSG_DONE) {
      done_ = true;
      result_ = msg->data.result;
    }
  }
  if (!done_ && running && pos_ == buf_.size() && !paused_) {
    if (CURLMcode mc = api_->multi_poll(multi, nullptr, 0, 1000, nullptr); mc != CURLM_OK) {
      return Error(api_->multi_strerror(mc));
    }
  }
  return Ok{};
}

Expected<std::size_t> HttpStream::read(char* buf, std::size_t n) {
  while (pos_ == buf_.size()) {
    if (done_) {
      if (result_ != CURLE_OK) {
        return Error(curl_message(*api_, errbuf_, result_));
      }
      return std::size_t{0};
    }
    if (auto st = step(); !st) return std::move(st).error();
  }
  std::size_t k = std::min(n, buf_.size() - pos_);
  std::memcpy(buf, buf_.data() + pos_, k);
  pos_ += k;
  return k;
}

Expected<std::string> HttpStream::read_all(std::uint64_t limit) {
  std::string out;
  char buf[65536];
  for (;;) {
    auto r = read(buf, sizeof buf);
    if (!r) return std::move(r).error();
    if (*r == 0) return out;
    if (out.size() + *r > limit) return Error("response larger than " + std::to_string(limit) + " bytes");
    out.append(buf, *r);
  }
}

std::string percent_encode(std::string_view s, std::string_view also_safe) {
  static constexpr char kHex[] = "0123456789ABCDEF";
  std::string out;
  for (unsigned char c : s) {
    if (std::isalnum(c) || c == '-' || c == '.' || c == '_' || c == '~' || also_safe.find(static_cast<char>(c)) != std::string_view::npos) {
      out += static_cast<char>(c);
    } else {
      out += '%';
      out += kHex[c >> 4];
      out += kHex[c & 15];
    }
  }
  return out;
}

std::string base64_encode(std::string_view s) {
  std::string out(4 * ((s.size() + 2) / 3), '\0');
  const int n = EVP_EncodeBlock(reinterpret_cast<unsigned char*>(out.data()),
                                reinterpret_cast<const unsigned char*>(s.data()), static_cast<int>(s.size()));
  out.resize(static_cast<std::size_t>(std::max(n, 0)));
  return out;
}

bool base64_decode(std::string_view s, std::string& out) {
  while (!s.empty() && (s.back() == '\n' || s.back() == ' ')) s.remove_suffix(1);
  if (s.size() % 4 != 0) return false;
  out.assign(3 * s.size() / 4, '\0');
  const int n = EVP_DecodeBlock(reinterpret_cast<unsigned char*>(out.data()),
                                reinterpret_cast<const unsigned char*>(s.data()), static_cast<int>(s.size()));
  if (n < 0) return false;
  std::size_t len = static_cast<std::size_t>(n);
  // EVP_DecodeBlock counts padding as zero bytes.
  for (std::size_t i = s.size(); i > 0 && s[i - 1] == '='; --i) --len;
  out.resize(len);
  return true;
}

}  // namespace sbom::net
