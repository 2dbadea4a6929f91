// Tests of the HTTP stream over a socket of the test's own, and of the encodings beside it.
#include "net/http.h"

#include <catch2/catch.hpp>
#include <netinet/in.h>
#include <sys/socket.h>
#include <unistd.h>

#include <atomic>
#include <string>
#include <thread>
#include <vector>

using namespace sbom::net;

namespace {

/// A listening socket on 127.0.0.1 and a free port (in `port`).
int listen_loopback(int backlog, int& port) {
  int fd = ::socket(AF_INET, SOCK_STREAM, 0);
  sockaddr_in a{};
  a.sin_family = AF_INET;
  a.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
  REQUIRE(::bind(fd, reinterpret_cast<sockaddr*>(&a), sizeof a) == 0);
  socklen_t len = sizeof a;
  ::getsockname(fd, reinterpret_cast<sockaddr*>(&a), &len);
  port = ntohs(a.sin_port);
  ::listen(fd, backlog);
  return fd;
}

/// A loopback server answering one connection with `response`, then closing.
class OneShot {
 public:
  explicit OneShot(std::string response) {
    fd_ = listen_loopback(1, port_);
    thread_ = std::thread([this, response] {
      int c = ::accept(fd_, nullptr, nullptr);
      if (c < 0) return;
      char buf[4096];
      std::string req;
      while (req.find("\r\n\r\n") == std::string::npos) {
        ssize_t n = ::recv(c, buf, sizeof buf, 0);
        if (n <= 0) break;
        req.append(buf, static_cast<std::size_t>(n));
      }
      request_ = req;
      for (std::size_t off = 0; off < response.size();) {
        ssize_t n = ::send(c, response.data() + off, response.size() - off, MSG_NOSIGNAL);
        if (n <= 0) break;
        off += static_cast<std::size_t>(n);
      }
      ::close(c);
    });
  }
  ~OneShot() {
    thread_.join();
    ::close(fd_);
  }
  std::string url(const std::string& path) const { return "http://127.0.0.1:" + std::to_string(port_) + path; }
  const std::string& request() const { return request_; }

 private:
  int fd_ = -1;
  int port_ = 0;
  std::thread thread_;
  std::string request_;
};

/// A loopback server that answers every request on every connection with `body` (keep-alive,
/// Content-Length) and counts the connections it accepted.
class KeepAlive {
 public:
  explicit KeepAlive(std::string body) : body_(std::move(body)) {
    fd_ = listen_loopback(8, port_);
    thread_ = std::thread([this] {
      for (;;) {
        int c = ::accept(fd_, nullptr, nullptr);
        if (c < 0) return;
        ++accepted_;
        conns_.emplace_back([this, c] { serve(c); });
      }
    });
  }
  ~KeepAlive() {
    ::shutdown(fd_, SHUT_RDWR);
    ::close(fd_);
    thread_.join();
    for (auto& t : conns_) t.join();
  }
  std::string url() const { return "http://127.0.0.1:" + std::to_string(port_) + "/x"; }
  int accepted() const { return accepted_; }

 private:
  void serve(int c) {
    std::string pending;
    char buf[4096];
    for (;;) {
      while (pending.find("\r\n\r\n") == std::string::npos) {
        ssize_t n = ::recv(c, buf, sizeof buf, 0);
        if (n <= 0) {
          ::close(c);
          return;
        }
        pending.append(buf, static_cast<std::size_t>(n));
      }
      pending.erase(0, pending.find("\r\n\r\n") + 4);
      std::string r = "HTTP/1.1 200 OK\r\nContent-Length: " + std::to_string(body_.size()) + "\r\n\r\n" + body_;
      if (::send(c, r.data(), r.size(), MSG_NOSIGNAL) != static_cast<ssize_t>(r.size())) {
        ::close(c);
        return;
      }
    }
  }
  std::string body_;
  int fd_ = -1;
  int port_ = 0;
  std::atomic<int> accepted_{0};
  std::thread thread_;
  std::vector<std::thread> conns_;
};

}  // namespace

TEST_CASE("requests through a pool reuse one connection; without one each opens its own", "[net]") {
  KeepAlive server("hello");
  {
    ConnectionPool pool;
    for (int i = 0; i < 3; ++i) {
      auto s = HttpStream::open({server.url(), {}, {}, {}, &pool});
      REQUIRE(s);
      auto got = (*s)->read_all(100);
      REQUIRE(got);
      CHECK(*got == "hello");
    }
    CHECK(server.accepted() == 1);
  }
  const int before = server.accepted();
  for (int i = 0; i < 2; ++i) {
    auto s = HttpStream::open({server.url(), {}, {}, {}, nullptr});
    REQUIRE(s);
    REQUIRE((*s)->read_all(100));
  }
  CHECK(server.accepted() == before + 2);
}

TEST_CASE("a body larger than what may wait is read whole, in order", "[net]") {
  std::string body;
  for (int i = 0; body.size() < (5u << 20); ++i) body += std::to_string(i) + "\n";
  OneShot server("HTTP/1.1 200 OK\r\nContent-Length: " + std::to_string(body.size()) + "\r\nETag: \"v1\"\r\n\r\n" + body);
  auto s = HttpStream::open({server.url("/x"), {"X-Test: 1"}, {}, {}, nullptr});
  REQUIRE(s);
  CHECK((*s)->status() == 200);
  CHECK((*s)->header("etag") == "\"v1\"");
  auto got = (*s)->read_all(64u << 20);
  REQUIRE(got);
  CHECK(*got == body);
  s->reset();
  CHECK(server.request().find("X-Test: 1\r\n") != std::string::npos);
}

TEST_CASE("a body cut short of its Content-Length is an error, not a short read", "[net]") {
  OneShot server("HTTP/1.1 200 OK\r\nContent-Length: 1000\r\n\r\n" + std::string(400, 'x'));
  auto s = HttpStream::open({server.url("/x"), {}, {}, {}, nullptr});
  REQUIRE(s);
  auto got = (*s)->read_all(1u << 20);
  REQUIRE_FALSE(got);
  CHECK(got.error().message.find("600 bytes remaining") != std::string::npos);
}

TEST_CASE("read_all refuses more than its limit", "[net]") {
  OneShot server("HTTP/1.1 404 Not Found\r\nContent-Length: 100\r\n\r\n" + std::string(100, 'x'));
  auto s = HttpStream::open({server.url("/x"), {}, {}, {}, nullptr});
  REQUIRE(s);
  CHECK((*s)->status() == 404);
  auto got = (*s)->read_all(10);
  REQUIRE_FALSE(got);
  CHECK(got.error().message == "response larger than 10 bytes");
}

TEST_CASE("percent-encoding and base64", "[net]") {
  CHECK(percent_encode("Rocky Linux") == "Rocky%20Linux");
  CHECK(percent_encode("team/app:1", ":/") == "team/app:1");
  CHECK(percent_encode("a/b") == "a%2Fb");
  CHECK(base64_encode("tester:s3cret") == "dGVzdGVyOnMzY3JldA==");
  std::string out;
  REQUIRE(base64_decode("dGVzdGVyOnMzY3JldA==", out));
  CHECK(out == "tester:s3cret");
  REQUIRE(base64_decode("YWI=", out));
  CHECK(out == "ab");
  CHECK_FALSE(base64_decode("abc", out));
  CHECK_FALSE(base64_decode("a!==", out));
}
