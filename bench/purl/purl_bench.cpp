// Throughput of purl parsing and formatting over a million realistic purls.
#include <chrono>
#include <cstdio>
#include <cstdlib>
#include <string>
#include <vector>

#include "sbom/purl.h"

namespace {

// Shapes seen in container-image SBOMs; "{}" is replaced by a running number.
constexpr const char* kShapes[] = {
    "pkg:deb/debian/libssl3@3.0.{}-1~deb12u1?arch=amd64&distro=debian-12",
    "pkg:deb/ubuntu/libc6@2.35-0ubuntu3.{}?arch=amd64&distro=ubuntu-22.04",
    "pkg:rpm/redhat/openssl-libs@3.0.7-{}.el9?arch=x86_64&epoch=1&distro=rhel-9.3",
    "pkg:apk/alpine/busybox@1.36.1-r{}?arch=x86_64&distro=3.19.1",
    "pkg:npm/%40babel/core@7.23.{}",
    "pkg:npm/lodash@4.17.{}",
    "pkg:pypi/requests@2.31.{}",
    "pkg:pypi/Django_Rest_Framework@3.14.{}",
    "pkg:maven/org.apache.logging.log4j/log4j-core@2.{}.1?type=jar",
    "pkg:golang/github.com/prometheus/client_golang@v1.{}.0",
    "pkg:golang/golang.org/x/net@v0.{}.0#http2",
    "pkg:cargo/serde@1.0.{}",
    "pkg:gem/rails@7.1.{}?platform=ruby",
    "pkg:nuget/Newtonsoft.Json@13.0.{}",
    "pkg:composer/symfony/console@v6.4.{}",
    "pkg:oci/debian@sha256%3A{}abcdef0123456789?repository_url=docker.io%2Flibrary%2Fdebian&tag=bookworm",
};

double seconds_since(std::chrono::steady_clock::time_point t0) {
  return std::chrono::duration<double>(std::chrono::steady_clock::now() - t0).count();
}

}  // namespace

int main(int argc, char** argv) {
  const std::size_t n = argc > 1 ? std::strtoul(argv[1], nullptr, 10) : 1'000'000;
  std::vector<std::string> inputs;
  inputs.reserve(n);
  for (std::size_t i = 0; i < n; ++i) {
    std::string s = kShapes[i % std::size(kShapes)];
    s.replace(s.find("{}"), 2, std::to_string(i / std::size(kShapes)));
    inputs.push_back(std::move(s));
  }

  // Parsing alone, each result dropped at once: the cost a filter pays per component.
  std::size_t checksum = 0;
  auto t0 = std::chrono::steady_clock::now();
  for (const auto& s : inputs) {
    auto p = sbom::parse_purl(s);
    checksum += p ? p->name.size() : 0;
  }
  double parse_only_s = seconds_since(t0);

  std::vector<sbom::Purl> purls;
  purls.reserve(n);
  t0 = std::chrono::steady_clock::now();
  for (const auto& s : inputs) {
    auto p = sbom::parse_purl(s);
    if (!p) {
      std::fprintf(stderr, "purl_bench: %s: %s\n", s.c_str(), p.error().message.c_str());
      return 1;
    }
    purls.push_back(std::move(*p));
  }
  double parse_s = seconds_since(t0);

  std::size_t bytes = 0;
  t0 = std::chrono::steady_clock::now();
  for (const auto& p : purls) bytes += p.to_string().size();
  double format_s = seconds_since(t0);

  std::printf("parse (dropped): %zu purls in %.3f s (%.0f ns/purl, %zu)\n", n, parse_only_s,
              parse_only_s * 1e9 / double(n), checksum);
  std::printf("parse (kept):    %zu purls in %.3f s (%.0f ns/purl)\n", n, parse_s, parse_s * 1e9 / double(n));
  std::printf("format:          %zu purls in %.3f s (%.0f ns/purl, %zu bytes)\n", n, format_s,
              format_s * 1e9 / double(n), bytes);
  return 0;
}
