// Tests of component -> lookup target: ecosystems from purls, distros, source packages.
#include <catch2/catch.hpp>

#include "sbom/match.h"

using sbom::Component;
using sbom::match::target_for;

namespace {

Component comp(const std::string& purl, std::vector<sbom::Property> props = {}) {
  Component c;
  c.type = "library";
  c.bom_ref = purl;
  c.purl = purl;
  c.properties = std::move(props);
  return c;
}

}  // namespace

TEST_CASE("language packages: ecosystem from the purl type, name as the ecosystem spells it") {
  auto t = target_for(comp("pkg:pypi/Django@3.2.5"), "");
  REQUIRE(t);
  CHECK(t->ecosystem == "PyPI");
  CHECK(t->name == "django");
  CHECK(t->version == "3.2.5");
  t = target_for(comp("pkg:golang/golang.org/x/net@v0.7.0"), "");
  REQUIRE(t);
  CHECK(t->ecosystem == "Go");
  CHECK(t->name == "golang.org/x/net");
  t = target_for(comp("pkg:maven/org.apache.logging.log4j/log4j-core@2.14.1"), "");
  REQUIRE(t);
  CHECK(t->name == "org.apache.logging.log4j:log4j-core");
  t = target_for(comp("pkg:npm/%40babel/core@7.0.0"), "");
  REQUIRE(t);
  CHECK(t->name == "@babel/core");
  t = target_for(comp("pkg:cargo/smallvec@1.6.0"), "");
  REQUIRE(t);
  CHECK(t->ecosystem == "crates.io");
}

TEST_CASE("the Go toolchain's versions in every form tools write are OSV's SemVer") {
  for (auto [purl, version] : {std::pair{"pkg:golang/stdlib@1.19", "1.19.0"}, {"pkg:golang/stdlib@go1.19", "1.19.0"},
                               {"pkg:golang/stdlib@v1.19", "1.19.0"}, {"pkg:golang/stdlib@go1.20.12", "1.20.12"},
                               {"pkg:golang/stdlib@1.21rc2", "1.21.0-rc.2"}}) {
    auto t = target_for(comp(purl), "");
    INFO(purl << ": " << (t ? "" : t.error().message));
    REQUIRE(t);
    CHECK(t->ecosystem == "Go");
    CHECK(t->version == version);
  }
  auto t = target_for(comp("pkg:golang/stdlib@go1.x"), "");
  REQUIRE(!t);
  CHECK(t.error().message.find("invalid Go toolchain version 'go1.x'") != std::string::npos);
  t = target_for(comp("pkg:golang/example.com/stdlib@v1.2.3"), "");  // a module named stdlib is a module
  REQUIRE(t);
  CHECK(t->version == "v1.2.3");
}

TEST_CASE("Debian packages: source package and version, distro from the qualifier in any spelling") {
  auto t = target_for(comp("pkg:deb/debian/libssl3@3.0.11-1~deb12u2?distro=debian-12&upstream=openssl"), "");
  REQUIRE(t);
  CHECK(t->ecosystem == "Debian:12");
  CHECK(t->name == "openssl");
  CHECK(t->version == "3.0.11-1~deb12u2");
  // Trivy: distro=debian-12.15, epoch as a qualifier, source in properties.
  t = target_for(comp("pkg:deb/debian/libgcrypt20@1.10.1-3?distro=debian-12.15&epoch=1",
                      {{"aquasecurity:trivy:SrcName", "libgcrypt20", {}}, {"aquasecurity:trivy:SrcVersion", "1.10.1-3", {}}}),
                 "");
  REQUIRE(t);
  CHECK(t->ecosystem == "Debian:12");
  CHECK(t->version == "1.10.1-3");
  t = target_for(comp("pkg:deb/debian/bsdutils@2.38.1-5%2Bb1?distro=debian-12&epoch=1&upstream=util-linux%402.38.1-5"), "");
  REQUIRE(t);
  CHECK(t->name == "util-linux");
  CHECK(t->version == "1:2.38.1-5");
  // sbom-gen's properties win over the purl.
  t = target_for(comp("pkg:deb/debian/libc6@2.36-9?distro=bookworm",
                      {{"sbomkit:package:source_name", "glibc", {}}, {"sbomkit:package:source_version", "2.36-9+deb12u4", {}}}),
                 "");
  REQUIRE(t);
  CHECK(t->ecosystem == "Debian:12");
  CHECK(t->name == "glibc");
  CHECK(t->version == "2.36-9+deb12u4");
}

TEST_CASE("the document's operating system is the fallback distro, for its own packages only") {
  auto t = target_for(comp("pkg:deb/debian/zlib1g@1.2.13"), "debian-12.4");
  REQUIRE(t);
  CHECK(t->ecosystem == "Debian:12");
  auto wrong = target_for(comp("pkg:deb/ubuntu/zlib1g@1.2.13"), "debian-12.4");
  REQUIRE_FALSE(wrong);
  CHECK_THAT(wrong.error().message, Catch::StartsWith("pkg:deb/ubuntu has no distro qualifier"));
}

TEST_CASE("the fallback distro is found by any name the peers write for it") {
  auto alma = target_for(comp("pkg:rpm/alma/openssl-libs@3.0.7-27.el9"), "almalinux-9.3");
  REQUIRE(alma);
  CHECK(alma->ecosystem == "AlmaLinux:9");
  auto mariner = target_for(comp("pkg:rpm/mariner/curl@8.8.0-1.cm2"), "azurelinux-3.0");
  REQUIRE(mariner);
  CHECK(mariner->ecosystem == "Azure Linux:3.0");
  CHECK_FALSE(target_for(comp("pkg:rpm/rocky/curl@7.76.1-26.el9"), "almalinux-9.3"));
  CHECK_FALSE(target_for(comp("pkg:rpm/alma/curl@7.76.1-26.el9"), "almalinuxish-9.3"));
}

TEST_CASE("rpm packages: binary and source rpm names, epoch from the qualifier") {
  auto t = target_for(comp("pkg:rpm/almalinux/openssl-libs@3.0.7-27.el9?epoch=1&distro=almalinux-9.4&upstream=openssl-3.0.7-27.el9.src.rpm"), "");
  REQUIRE(t);
  CHECK(t->ecosystem == "AlmaLinux:9");
  CHECK(t->name == "openssl-libs");
  CHECK(t->other_names == std::vector<std::string>{"openssl"});
  CHECK(t->version == "1:3.0.7-27.el9");
}

TEST_CASE("apk packages: origin from upstream") {
  auto t = target_for(comp("pkg:apk/alpine/libcrypto3@3.1.4-r5?distro=3.19.1&upstream=openssl"), "");
  REQUIRE(t);
  CHECK(t->ecosystem == "Alpine:v3.19");
  CHECK(t->name == "openssl");
}

TEST_CASE("components that cannot be matched say why") {
  Component none;
  CHECK(target_for(none, "").error().message == "no purl");
  CHECK_THAT(target_for(comp("pkg:pypi/x"), "").error().message, Catch::EndsWith("has no version"));
  CHECK_THAT(target_for(comp("nonsense"), "").error().message, Catch::StartsWith("invalid purl 'nonsense'"));
  CHECK(target_for(comp("pkg:generic/foo@1"), "").error().message == "no OSV ecosystem for 'generic' packages");
  auto unknown = comp("pkg:deb/debian/libc6@2.36-9", {{"sbomkit:distro:unknown", "true", {}}});
  CHECK(target_for(unknown, "").error().message == "OS package of an unknown distro (sbom-gen found no os-release)");
}

TEST_CASE("document_distro reads the operating-system component") {
  sbom::Document doc;
  doc.components.emplace();
  Component os;
  os.type = "operating-system";
  os.name = "Debian";
  os.version = "12.15";
  doc.components->push_back(os);
  CHECK(sbom::match::document_distro(doc) == "debian-12.15");
}

TEST_CASE("Red Hat rpms: the product stream from the repository, else the major release's main stream") {
  // sbom-gen and Syft (distro=rhel-9.2), Trivy (distro=redhat-9.2, source in properties): no
  // repository in the purl, so every repository of the main stream.
  for (const char* purl : {"pkg:rpm/redhat/openssl-libs@3.0.7-24.el9?arch=x86_64&epoch=1&distro=rhel-9.2&upstream=openssl-3.0.7-24.el9.src.rpm",
                           "pkg:rpm/rhel/openssl-libs@3.0.7-24.el9?arch=x86_64&distro=rhel-9.2&epoch=1&upstream=openssl-3.0.7-24.el9.src.rpm"}) {
    INFO(purl);
    auto t = target_for(comp(purl), "");
    REQUIRE(t);
    CHECK(t->ecosystem == "Red Hat:enterprise_linux:9");
    CHECK(t->stream);
    CHECK(t->name == "openssl-libs");
    CHECK(t->other_names == std::vector<std::string>{"openssl"});
    CHECK(t->version == "1:3.0.7-24.el9");
  }
  auto t = target_for(comp("pkg:rpm/redhat/openssl-libs@3.0.7-24.el9?arch=x86_64&distro=redhat-9.2&epoch=1",
                           {{"aquasecurity:trivy:SrcName", "openssl", {}}}),
                      "");
  REQUIRE(t);
  CHECK(t->ecosystem == "Red Hat:enterprise_linux:9");
  CHECK(t->other_names == std::vector<std::string>{"openssl"});
  // The document's operating system (id rhel) stands in for a missing distro qualifier.
  t = target_for(comp("pkg:rpm/redhat/bash@5.1.8-6.el9_1?arch=x86_64"), "rhel-9.1");
  REQUIRE(t);
  CHECK(t->ecosystem == "Red Hat:enterprise_linux:9");
  // Red Hat's own SBOMs name the repository: the stream and repository exactly.
  t = target_for(comp("pkg:rpm/redhat/git-lfs@2.13.3-3.el8_6?arch=x86_64&distro=rhel-8.6&repository_id=rhel-8-for-x86_64-appstream-e4s-rpms"), "");
  REQUIRE(t);
  CHECK(t->ecosystem == "Red Hat:rhel_e4s:8.6::appstream");
  CHECK_FALSE(t->stream);
  t = target_for(comp("pkg:rpm/redhat/bash@5.1.8-6.el9_1?arch=src&distro=rhel-9.2&repository_id=rhel-9-for-x86_64-baseos-eus-source-rpms"), "");
  REQUIRE(t);
  CHECK(t->ecosystem == "Red Hat:rhel_eus:9.2::baseos");
  t = target_for(comp("pkg:rpm/redhat/ant@1.10.9-7.el9?distro=rhel-9.2&repository_id=codeready-builder-for-rhel-9-x86_64-rpms"), "");
  REQUIRE(t);
  CHECK(t->ecosystem == "Red Hat:enterprise_linux:9::crb");
  t = target_for(comp("pkg:rpm/redhat/bash@5.1.8-6.el9_1?distro=rhel-9.2&repository_id=some-satellite-mirror"), "");
  REQUIRE(t);
  CHECK(t->ecosystem == "Red Hat:enterprise_linux:9");  // a repository it cannot read: the main stream
  CHECK(t->stream);
  // What cannot be told is an error, never a guess.
  CHECK(target_for(comp("pkg:rpm/redhat/bash@5.1.8-6.el9_1"), "").error().message ==
        "pkg:rpm/redhat has no distro qualifier: its release is unknown (expected e.g. distro=rhel-9.4)");
  CHECK(target_for(comp("pkg:rpm/redhat/bash@5.1.8-6.el9_1?distro=rhel-9&repository_id=rhel-9-for-x86_64-baseos-eus-rpms"), "")
            .error()
            .message == "pkg:rpm/redhat: repository 'rhel-9-for-x86_64-baseos-eus-rpms' is a "
                        "rhel_eus stream, which needs the minor release (expected e.g. distro=rhel-9.4)");
  CHECK_THAT(target_for(comp("pkg:rpm/redhat/bash@5.1.8-6.el9_1?distro=fedora-39"), "").error().message,
             Catch::EndsWith("cannot read a release from distro 'fedora-39' (expected e.g. distro=rhel-9.4)"));
}
