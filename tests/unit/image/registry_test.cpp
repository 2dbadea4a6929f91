// Tests of registry references and of credentials from the Docker client configuration.
#include "image/registry.h"

#include <catch2/catch.hpp>
#include <sys/stat.h>
#include <unistd.h>

#include <cstdlib>
#include <filesystem>
#include <fstream>

using namespace sbom::image::detail;

namespace {

const std::string kDigest = "sha256:" + std::string(64, 'a');

/// Points DOCKER_CONFIG at a directory holding `config` for the test's lifetime.
struct DockerConfig {
  std::filesystem::path dir;
  explicit DockerConfig(const std::string& config) {
    dir = std::filesystem::temp_directory_path() / ("sbomkit-dockercfg-" + std::to_string(::getpid()));
    std::filesystem::remove_all(dir);
    std::filesystem::create_directories(dir);
    std::ofstream(dir / "config.json") << config;
    ::setenv("DOCKER_CONFIG", dir.c_str(), 1);
  }
  ~DockerConfig() {
    ::unsetenv("DOCKER_CONFIG");
    std::filesystem::remove_all(dir);
  }
};

}  // namespace

TEST_CASE("references: host, repository, tag and digest as Docker reads them", "[image][registry]") {
  auto r = parse_reference("localhost:5000/team/app:1.2");
  REQUIRE(r);
  CHECK(r->host == "localhost:5000");
  CHECK(r->repository == "team/app");
  CHECK(r->tag == "1.2");
  CHECK(r->to_string() == "localhost:5000/team/app:1.2");
  auto hub = parse_reference("debian");
  REQUIRE(hub);
  CHECK(hub->host == "docker.io");
  CHECK(hub->repository == "library/debian");
  CHECK(hub->tag == "latest");
  auto pinned = parse_reference("registry.example.com/app@" + kDigest);
  REQUIRE(pinned);
  CHECK(pinned->tag.empty());
  CHECK(pinned->digest == kDigest);
  auto both = parse_reference("registry.example.com/app:1@" + kDigest);
  REQUIRE(both);
  CHECK(both->to_string() == "registry.example.com/app:1@" + kDigest);
  // "team/app": "team" is no host, so this is Docker Hub's team/app.
  CHECK(parse_reference("team/app:2")->host == "docker.io");
}

TEST_CASE("references that are not valid say why", "[image][registry]") {
  auto bad_digest = parse_reference("example.com/app@sha256:abc");
  REQUIRE_FALSE(bad_digest);
  CHECK(bad_digest.error().message == "invalid image reference 'example.com/app@sha256:abc': digest is not sha256:<64 hex digits>");
  CHECK_FALSE(parse_reference("example.com/App:1"));
  CHECK_FALSE(parse_reference("example.com/app:"));
  CHECK_FALSE(parse_reference("example.com/app:-x"));
  CHECK_FALSE(parse_reference("example.com//app:1"));
}

TEST_CASE("a plain argument is a registry reference only when it clearly is one", "[image][registry]") {
  CHECK(is_registry_source("registry:debian:12"));
  CHECK(is_registry_source("localhost:5000/app:1"));
  CHECK(is_registry_source("registry.example.com/team/app@" + kDigest));
  CHECK_FALSE(is_registry_source("debian:12"));          // could be a file name; say registry:
  CHECK_FALSE(is_registry_source("images/app.tar"));     // a path
  CHECK_FALSE(is_registry_source("example.com/app"));    // no tag: a directory as likely
  CHECK_FALSE(is_registry_source("out.d/app:1/x.tar"));  // the colon is in a directory name
}

TEST_CASE("credentials: auths of the Docker configuration", "[image][registry]") {
  // "tester:s3cret"
  DockerConfig cfg(R"({"auths": {"https://reg.example.com": {"auth": "dGVzdGVyOnMzY3JldA=="}}})");
  auto c = docker_credentials("reg.example.com");
  REQUIRE(c);
  CHECK(c->user == "tester");
  CHECK(c->secret == "s3cret");
  auto none = docker_credentials("other.example.com");
  REQUIRE(none);
  CHECK(none->user.empty());
}

TEST_CASE("credentials: a configuration that cannot be read is an error, not anonymous", "[image][registry]") {
  {
    DockerConfig cfg(R"({"auths": {"reg.example.com": {"auth": "not base64!"}}})");
    auto c = docker_credentials("reg.example.com");
    REQUIRE_FALSE(c);
    CHECK(c.error().message.find("auths.reg.example.com.auth is not base64 of USER:PASSWORD") != std::string::npos);
  }
  {
    DockerConfig cfg("{");
    CHECK_FALSE(docker_credentials("reg.example.com"));
  }
}

TEST_CASE("credentials: a docker-credential helper is asked for its host", "[image][registry]") {
  DockerConfig cfg(R"({"credHelpers": {"reg.example.com": "sbomkitunit"}, "credsStore": "sbomkitunit"})");
  auto bin = cfg.dir / "bin";
  std::filesystem::create_directories(bin);
  std::ofstream(bin / "docker-credential-sbomkitunit")
      << "#!/bin/sh\nread host\n[ \"$1\" = get ] || exit 3\n"
         "case $host in reg.example.com) echo '{\"Username\":\"u1\",\"Secret\":\"p1\"}';;\n"
         "broken.example.com) echo 'keychain locked'; exit 1;;\n"
         "*) echo 'credentials not found in native keychain'; exit 1;; esac\n";
  ::chmod((bin / "docker-credential-sbomkitunit").c_str(), 0755);
  const std::string old_path = std::getenv("PATH") ? std::getenv("PATH") : "";
  ::setenv("PATH", (bin.string() + ":" + old_path).c_str(), 1);
  auto c = docker_credentials("reg.example.com");
  auto store = docker_credentials("elsewhere.example.com");  // credsStore, which has none for it
  auto broken = docker_credentials("broken.example.com");
  ::setenv("PATH", old_path.c_str(), 1);
  REQUIRE(c);
  CHECK(c->user == "u1");
  CHECK(c->secret == "p1");
  REQUIRE(store);
  CHECK(store->user.empty());
  REQUIRE_FALSE(broken);
  CHECK(broken.error().message == "credential helper 'docker-credential-sbomkitunit' failed for broken.example.com: keychain locked");
}
