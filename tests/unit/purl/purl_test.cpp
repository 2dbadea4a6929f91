// Tests for purl syntax: scheme, type, encoding, namespace, name, version, qualifiers, subpath.
#include <catch2/catch.hpp>

#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <iterator>
#include <random>
#include <set>
#include <string>
#include <string_view>

#include "sbom/purl.h"

namespace {

// Canonical form of `text`, or "error: <message>".
std::string canon(std::string_view text) {
  auto p = sbom::parse_purl(text);
  return p ? p->to_string() : "error: " + p.error().message;
}

std::string error_of(std::string_view text) {
  auto p = sbom::parse_purl(text);
  return p ? std::string("(parsed as ") + p->to_string() + ")" : p.error().message;
}

sbom::Purl parsed(std::string_view text) {
  auto p = sbom::parse_purl(text);
  INFO(text << ": " << (p ? "" : p.error().message));
  REQUIRE(p);
  return *p;
}

// Facts from the purl-spec test suite (tests/spec and tests/types), as input ->
// canonical output. Where the suite has a strict and a lenient verdict for the same
// input (upper-case qualifier keys), the lenient one is taken: parsers should accept.
struct Case {
  std::string_view input;
  std::string_view canonical;  // empty: the input is invalid
  std::string_view error;      // part of the expected message when invalid
};

constexpr Case kSpecCases[] = {
    {"pkg:maven/org.apache.commons/io@1.3.4", "pkg:maven/org.apache.commons/io@1.3.4", ""},
    {"pkg:maven/org.apache.commons/io", "pkg:maven/org.apache.commons/io", ""},
    {"pkg:GOLANG/google.golang.org/genproto#/googleapis/api/annotations/",
     "pkg:golang/google.golang.org/genproto#googleapis/api/annotations", ""},
    {"pkg:GOLANG/google.golang.org/genproto@abcdedf#/googleapis/api/annotations/",
     "pkg:golang/google.golang.org/genproto@abcdedf#googleapis/api/annotations", ""},
    {"pkg:GOLANG/google.golang.org/genproto@abcdedf#/googleapis/%2E%2E/api/annotations/",
     "pkg:golang/google.golang.org/genproto@abcdedf#googleapis/api/annotations", ""},
    {"pkg:GOLANG/google.golang.org/genproto@abcdedf#/googleapis/%2E/api/annotations/",
     "pkg:golang/google.golang.org/genproto@abcdedf#googleapis/api/annotations", ""},
    {"pkg:golang/github.com/gorilla/context@234fd47e07d1004f0aed9c#api",
     "pkg:golang/github.com/gorilla/context@234fd47e07d1004f0aed9c#api", ""},
    {"pkg:bitbucket/birKenfeld/pyGments-main@244fd47e07d1014f0aed9c",
     "pkg:bitbucket/birkenfeld/pygments-main@244fd47e07d1014f0aed9c", ""},
    {"pkg:github/Package-url/purl-Spec@244fd47e07d1004f0aed9c",
     "pkg:github/package-url/purl-spec@244fd47e07d1004f0aed9c", ""},
    {"pkg:deb/debian/curl@7.50.3-1?arch=i386&distro=jessie",
     "pkg:deb/debian/curl@7.50.3-1?arch=i386&distro=jessie", ""},
    {"pkg:deb/debian/attr@1:2.4.47-2%2Bb1?arch=amd64", "pkg:deb/debian/attr@1:2.4.47-2%2Bb1?arch=amd64", ""},
    {"pkg:docker/customer/dockerimage@sha256:244fd47e07d1004f0aed9c?repository_url=gcr.io",
     "pkg:docker/customer/dockerimage@sha256:244fd47e07d1004f0aed9c?repository_url=gcr.io", ""},
    {"pkg:docker/customer/dockerimage@sha256%3A244fd47e07d1004f0aed9c?repository_url=gcr.io",
     "pkg:docker/customer/dockerimage@sha256:244fd47e07d1004f0aed9c?repository_url=gcr.io", ""},
    {"pkg:docker/cassandra@latest", "pkg:docker/cassandra@latest", ""},
    {"pkg:gem/jruby-launcher@1.1.2?Platform=java", "pkg:gem/jruby-launcher@1.1.2?platform=java", ""},
    {"pkg:Maven/org.apache.xmlgraphics/batik-anim@1.9.1?classifier=sources&repositorY_url=repo.spring.io/release",
     "pkg:maven/org.apache.xmlgraphics/batik-anim@1.9.1?classifier=sources&repository_url=repo.spring.io%2Frelease",
     ""},
    {"pkg:Maven/org.apache.xmlgraphics/batik-anim@1.9.1?type=pom&repositorY_url=repo.spring.io/release",
     "pkg:maven/org.apache.xmlgraphics/batik-anim@1.9.1?repository_url=repo.spring.io%2Frelease&type=pom", ""},
    {"pkg:Maven/net.sf.jacob-project/jacob@1.14.3?classifier=x86&type=dll",
     "pkg:maven/net.sf.jacob-project/jacob@1.14.3?classifier=x86&type=dll", ""},
    {"pkg:maven/HTTPClient/HTTPClient@0.3-3", "pkg:maven/HTTPClient/HTTPClient@0.3-3", ""},
    {"pkg:maven/mygroup/myartifact@1.0.0%20Final?mykey=my%20value",
     "pkg:maven/mygroup/myartifact@1.0.0%20Final?mykey=my%20value", ""},
    {"pkg:/maven/org.apache.commons/io", "pkg:maven/org.apache.commons/io", ""},
    {"pkg://maven/org.apache.commons/io", "pkg:maven/org.apache.commons/io", ""},
    {"pkg:///maven/org.apache.commons/io", "pkg:maven/org.apache.commons/io", ""},
    {"pkg:maven/groovy/groovy@1.0?repository_url=https://maven.google.com",
     "pkg:maven/groovy/groovy@1.0?repository_url=https:%2F%2Fmaven.google.com", ""},
    {"pkg:npm/%40angular/animation@12.3.1", "pkg:npm/%40angular/animation@12.3.1", ""},
    {"pkg:npm/@babel/core#/googleapis/api/annotations/", "pkg:npm/%40babel/core#googleapis/api/annotations", ""},
    {"pkg:npm/core@2.0.1#/googleapis/api/annotations/", "pkg:npm/core@2.0.1#googleapis/api/annotations", ""},
    {"pkg:npm/mypackage@12.4.5?vcs_url=git://host.com/path/to/repo.git%404345abcd34343",
     "pkg:npm/mypackage@12.4.5?vcs_url=git:%2F%2Fhost.com%2Fpath%2Fto%2Frepo.git%404345abcd34343", ""},
    {"pkg:Nuget/EnterpriseLibrary.Common@6.0.1304", "pkg:nuget/EnterpriseLibrary.Common@6.0.1304", ""},
    {"pkg:PYPI/Django_package@1.11.1.dev1", "pkg:pypi/django-package@1.11.1.dev1", ""},
    {"pkg:pypi/django@1.11.1?file_name=Django-1.11.1.tar.gz",
     "pkg:pypi/django@1.11.1?file_name=Django-1.11.1.tar.gz", ""},
    {"pkg:Rpm/fedora/curl@7.50.3-1.fc25?Arch=i386&Distro=fedora-25",
     "pkg:rpm/fedora/curl@7.50.3-1.fc25?arch=i386&distro=fedora-25", ""},
    {"pkg:rpm/fedora/centerim@4.22.10-1.el6?arch=i686&epoch=1&distro=fedora-25",
     "pkg:rpm/fedora/centerim@4.22.10-1.el6?arch=i686&distro=fedora-25&epoch=1", ""},
    {"pkg:conan/cctz@2.3", "pkg:conan/cctz@2.3", ""},
    {"pkg:conan/bincrafters/cctz@2.3?channel=stable", "pkg:conan/bincrafters/cctz@2.3?channel=stable", ""},
    {"pkg:conan/openssl.org/openssl@3.0.3?user=bincrafters&channel=stable",
     "pkg:conan/openssl.org/openssl@3.0.3?channel=stable&user=bincrafters", ""},
    {"pkg:conda/absl-py@0.4.1?build=py36h06a4308_0&channel=main&subdir=linux-64&type=tar.bz2",
     "pkg:conda/absl-py@0.4.1?build=py36h06a4308_0&channel=main&subdir=linux-64&type=tar.bz2", ""},
    {"pkg:cran/A3@0.9.1", "pkg:cran/A3@0.9.1", ""},
    {"pkg:cran/rJava@1.0-4", "pkg:cran/rJava@1.0-4", ""},
    {"pkg:swift/github.com/Alamofire/Alamofire@5.4.3", "pkg:swift/github.com/Alamofire/Alamofire@5.4.3", ""},
    {"pkg:hackage/AC-HalfInteger@1.2.1", "pkg:hackage/AC-HalfInteger@1.2.1", ""},
    {"pkg:hackage/3d-graphics-examples@0.0.0.2", "pkg:hackage/3d-graphics-examples@0.0.0.2", ""},
    {"pkg:huggingface/EleutherAI/gpt-neo-1.3B@797174552AE47F449AB70B684CABCB6603E5E85E",
     "pkg:huggingface/EleutherAI/gpt-neo-1.3B@797174552ae47f449ab70b684cabcb6603e5e85e", ""},
    {"pkg:mlflow/CreditFraud@3?repository_url=https://adb-5245952564735461.0.azuredatabricks.net/api/2.0/mlflow",
     "pkg:mlflow/creditfraud@3?repository_url=https:%2F%2Fadb-5245952564735461.0.azuredatabricks.net%2Fapi%2F2.0%"
     "2Fmlflow",
     ""},
    {"pkg:mlflow/CreditFraud@3?repository_url=https://westus2.api.azureml.ms/mlflow/v1.0",
     "pkg:mlflow/CreditFraud@3?repository_url=https:%2F%2Fwestus2.api.azureml.ms%2Fmlflow%2Fv1.0", ""},
    {"pkg:mlflow/trafficsigns@10?model_uuid=36233173b22f4c89b451f1228d700d49&run_id=410a3121-2709-4f88-98dd-"
     "dba0ef056b0a&repository_url=https://adb-5245952564735461.0.azuredatabricks.net/api/2.0/mlflow",
     "pkg:mlflow/trafficsigns@10?model_uuid=36233173b22f4c89b451f1228d700d49&repository_url=https:%2F%2Fadb-"
     "5245952564735461.0.azuredatabricks.net%2Fapi%2F2.0%2Fmlflow&run_id=410a3121-2709-4f88-98dd-dba0ef056b0a",
     ""},
    {"pkg:composer/Laravel/Laravel@5.5.0", "pkg:composer/laravel/laravel@5.5.0", ""},
    {"pkg:cpan/DROLSKY/DateTime@1.55", "pkg:cpan/DROLSKY/DateTime@1.55", ""},
    {"pkg:cpan/DateTime@1.55?author=DROLSKY&repository_url=backpan.perl.org",
     "pkg:cpan/DateTime@1.55?author=DROLSKY&repository_url=backpan.perl.org", ""},
    {"pkg:cpan/GDT/URI-PackageURL", "pkg:cpan/GDT/URI-PackageURL", ""},
    {"pkg:generic/openssl@1.1.10g?download_url=https://openssl.org/source/openssl-1.1.0g.tar.gz&checksum=sha256:"
     "de4d501267da",
     "pkg:generic/openssl@1.1.10g?checksum=sha256:de4d501267da&download_url=https:%2F%2Fopenssl.org%2Fsource%"
     "2Fopenssl-1.1.0g.tar.gz",
     ""},
    {"pkg:generic/bitwarderl?vcs_url=git%2Bhttps://git.fsfe.org/dxtr/bitwarderl%40cc55108da32",
     "pkg:generic/bitwarderl?vcs_url=git%2Bhttps:%2F%2Fgit.fsfe.org%2Fdxtr%2Fbitwarderl%40cc55108da32", ""},
    {"pkg:generic/bitwarderl?checksum=sha1:ad9503c3e994a4f%2Csha256:41bf9088b3a1e6c1ef1d",
     "pkg:generic/bitwarderl?checksum=sha1:ad9503c3e994a4f%2Csha256:41bf9088b3a1e6c1ef1d", ""},
    {"pkg:oci/debian@sha256%3A244fd47e07d10?repository_url=docker.io/library/debian&arch=amd64&tag=latest",
     "pkg:oci/debian@sha256:244fd47e07d10?arch=amd64&repository_url=docker.io%2Flibrary%2Fdebian&tag=latest", ""},
    {"pkg:oci/hello-wasm@sha256%3A244fd47e07d10?tag=v1", "pkg:oci/hello-wasm@sha256:244fd47e07d10?tag=v1", ""},
    {"pkg:cocoapods/GoogleUtilities@7.5.2#NSData+zlib", "pkg:cocoapods/GoogleUtilities@7.5.2#NSData%2Bzlib", ""},
    {"pkg:swid/Acme/example.com/Enterprise+Server@1.0.0?tag_id=75b8c285-fa7b-485b-b199-4745e3004d0d",
     "pkg:swid/Acme/example.com/Enterprise%2BServer@1.0.0?tag_id=75b8c285-fa7b-485b-b199-4745e3004d0d", ""},
    {"pkg:brew/node@20@20.10.0", "pkg:brew/node%4020@20.10.0", ""},
    {"pkg:brew/postgresql%4012@12.17", "pkg:brew/postgresql%4012@12.17", ""},
    {"pkg:brew/Homebrew/Core/sqlite@3.43.2", "pkg:brew/homebrew/core/sqlite@3.43.2", ""},
    {"pkg:bazel/rules_java@8.5.0#java/runfiles:runfiles", "pkg:bazel/rules_java@8.5.0#java/runfiles:runfiles", ""},
    {"pkg:bazel/Curl@8.8.0.bcr.1", "pkg:bazel/Curl@8.8.0.bcr.1", ""},
    {"pkg:git/codeberg.org/forgejo/forgejo@a72d2c07cfca03b55371089de6aa230d8c951fa0#options/locale_readme.md",
     "pkg:git/codeberg.org/forgejo/forgejo@a72d2c07cfca03b55371089de6aa230d8c951fa0#options/locale_readme.md", ""},
    {"pkg:hex/acme/foo@2.3.", "pkg:hex/acme/foo@2.3.", ""},
    {"pkg:hex/phoenix_html@2.13.3#priv/static/phoenix_html.js",
     "pkg:hex/phoenix_html@2.13.3#priv/static/phoenix_html.js", ""},
    {"pkg:julia/Dates@1.9.0?uuid=ade2ca70-3891-5945-98fb-dc099432e06a",
     "pkg:julia/Dates@1.9.0?uuid=ade2ca70-3891-5945-98fb-dc099432e06a", ""},
    {"pkg:chrome-extension/dncgedbnidfkppmdgfgidcepclnokpkb@6.0.2.3611",
     "pkg:chrome-extension/dncgedbnidfkppmdgfgidcepclnokpkb@6.0.2.3611", ""},
    {"pkg:vcpkg/curl@8.6.0?features=ssl%2Chttp2", "pkg:vcpkg/curl@8.6.0?features=ssl%2Chttp2", ""},
    {"pkg:vcpkg/llvm@15.0.7?repository_url=file:%2F%2F%2FC:%2Flocal-registry%2Fvcpkg&port_version=3",
     "pkg:vcpkg/llvm@15.0.7?port_version=3&repository_url=file:%2F%2F%2FC:%2Flocal-registry%2Fvcpkg", ""},
    {"pkg:vcpkg/zlib@1.3.1#6", "pkg:vcpkg/zlib@1.3.1#6", ""},
    {"pkg:alpm/arch/containers-common@1:0.47.4-4?arch=x86_64",
     "pkg:alpm/arch/containers-common@1:0.47.4-4?arch=x86_64", ""},
    {"pkg:otp/asn1@5.4.1?arch=amd64&platform=linux&repository_url=https://github.com/erlang/"
     "otp&vcs_url=git%2Bhttps://github.com/erlang/otp.git#src/asn1ct.erl",
     "pkg:otp/asn1@5.4.1?arch=amd64&platform=linux&repository_url=https:%2F%2Fgithub.com%2Ferlang%2Fotp&vcs_url="
     "git%2Bhttps:%2F%2Fgithub.com%2Ferlang%2Fotp.git#src/asn1ct.erl",
     ""},
    {"pkg:vscode-extension/redhat/java@1.46.2025091308?platform=linux-x64",
     "pkg:vscode-extension/redhat/java@1.46.2025091308?platform=linux-x64", ""},
    {"pkg:luarocks/hisham/luafilesystem@1.8.0-1", "pkg:luarocks/hisham/luafilesystem@1.8.0-1", ""},
    {"pkg:pub/characters@1.2.0", "pkg:pub/characters@1.2.0", ""},
    {"pkg:qpkg/blackberry/com.qnx.sdp@7.0.0.SGA201702151847",
     "pkg:qpkg/blackberry/com.qnx.sdp@7.0.0.SGA201702151847", ""},
    {"pkg:apk/alpine/curl@7.83.0-r0?arch=x86", "pkg:apk/alpine/curl@7.83.0-r0?arch=x86", ""},
    {"pkg:bitnami/wordpress@6.2.0?arch=arm64&distro=debian-12",
     "pkg:bitnami/wordpress@6.2.0?arch=arm64&distro=debian-12", ""},
    {"pkg:yocto/core/glibc@2.35?repository_url=https:%2F%2Fgit.openembedded.org%2Fopenembedded-core&layer_"
     "version=kirkstone",
     "pkg:yocto/core/glibc@2.35?layer_version=kirkstone&repository_url=https:%2F%2Fgit.openembedded.org%"
     "2Fopenembedded-core",
     ""},
    {"pkg:cargo/rand@0.7.2", "pkg:cargo/rand@0.7.2", ""},
    {"pkg:opam/conex@1.0.0", "pkg:opam/conex@1.0.0", ""},

    {"EnterpriseLibrary.Common@6.0.1304", "", "does not start with 'pkg:'"},
    {"pkg%3Amaven/org.apache.commons/io", "", "does not start with 'pkg:'"},
    {"pkg:EnterpriseLibrary.Common@6.0.1304", "", "purl has no type"},
    {"pkg:n&g?inx/nginx@0.8.9", "", "purl has no type"},
    {"pkg:3nginx/nginx@0.8.9", "", "invalid purl type '3nginx'"},
    {"pkg:nginx:a/nginx@0.8.9", "", "invalid purl type 'nginx:a'"},
    {"pkg:npm/myartifact@1.0.0?in%20production=true", "", "invalid qualifier key 'in%20production'"},
    {"pkg:maven/@1.3.4", "", "purl has no name"},
    {"pkg:cran/@0.9.1", "", "purl has no name"},
    {"pkg:swift/Alamofire@5.4.3", "", "swift purl needs a namespace"},
    {"pkg:swift/github.com/Alamofire/@5.4.3", "", "purl has no name"},
    {"pkg:hackage", "", "purl has no name"},
    {"pkg:cpan/LWP::UserAgent@6.7.6", "", "is a module name"},
    {"pkg:cpan/GDT/URI::PackageURL", "", "is a module name"},
    {"pkg:chrome-extension/44444algnefjeiefhmpklpfiohadpglk", "", "is not an extension id"},
    {"pkg:chrome-extension/dogs", "", "is not an extension id"},
    {"pkg:chrome-extension/dlpngalgnefjeiefhmpklpfiohadpglk@1.2.3.4.5", "", "is not 1 to 4 dot-separated numbers"},
    {"pkg:chrome-extension/dlpngalgnefjeiefhmpklpfiohadpglk@1.2.3-beta", "", "is not 1 to 4 dot-separated numbers"},
    {"pkg:otp/namespace/hex@2.1.1", "", "otp purl must not have a namespace"},
    {"pkg:vcpkg/boost/asio@1.84.0", "", "vcpkg purl must not have a namespace"},
    {"pkg:vcpkg", "", "purl has no name"},
    {"pkg:julia/Dates", "", "julia purl needs a 'uuid' qualifier"},
    {"pkg:julia/@1.9.0", "", "purl has no name"},
    {"pkg:vscode-extension/java@1.46.2025091308", "", "vscode-extension purl needs a namespace"},
};

}  // namespace

TEST_CASE("purl-spec test-suite facts: input -> canonical form or error") {
  int valid = 0;
  int invalid = 0;
  for (const Case& c : kSpecCases) {
    INFO("input: " << c.input);
    auto p = sbom::parse_purl(c.input);
    if (!c.canonical.empty()) {
      ++valid;
      REQUIRE(p);
      CHECK(p->to_string() == c.canonical);
    } else {
      ++invalid;
      REQUIRE_FALSE(p);
      CHECK_THAT(p.error().message, Catch::Matchers::Contains(std::string(c.error)));
    }
  }
  CHECK(valid + invalid >= 60);
}

TEST_CASE("round trip: parse(to_string(p)) == p for every valid case") {
  for (const Case& c : kSpecCases) {
    if (c.canonical.empty()) continue;
    INFO("input: " << c.input);
    sbom::Purl p = parsed(c.input);
    std::string s = p.to_string();
    auto again = sbom::parse_purl(s);
    REQUIRE(again);
    CHECK(*again == p);
    CHECK(again->to_string() == s);
    // The build path agrees with the parse path on already-decoded components.
    auto built = sbom::normalize_purl(p);
    REQUIRE(built);
    CHECK(*built == p);
  }
}

TEST_CASE("error messages are lower-case, without a trailing period") {
  for (const Case& c : kSpecCases) {
    if (!c.canonical.empty()) continue;
    auto p = sbom::parse_purl(c.input);
    REQUIRE_FALSE(p);
    const std::string& m = p.error().message;
    INFO(m);
    CHECK_FALSE(m.empty());
    CHECK((m[0] < 'A' || m[0] > 'Z'));
    CHECK(m.back() != '.');
  }
}

TEST_CASE("raw control characters are rejected; encoded ones are data") {
  CHECK(error_of("pkg:npm/x@1.0\n") == "purl contains control character 0x0A at offset 13 (write it as %0A)");
  CHECK(error_of(std::string_view("pkg:npm/x\0y", 11)) ==
        "purl contains control character 0x00 at offset 9 (write it as %00)");
  CHECK(error_of("pkg:npm/x\x7F") == "purl contains control character 0x7F at offset 9 (write it as %7F)");
  CHECK(parsed("pkg:generic/x@1%0A").version == "1\n");
}

TEST_CASE("scheme") {
  SECTION("is case-insensitive") { CHECK(canon("PKG:npm/left-pad@1.3.0") == "pkg:npm/left-pad@1.3.0"); }
  SECTION("is required") {
    CHECK(error_of("npm/left-pad@1.3.0") == "purl does not start with 'pkg:'");
    CHECK(error_of("http://example.com/x") == "purl does not start with 'pkg:'");
    CHECK(error_of("") == "purl does not start with 'pkg:'");
  }
  SECTION("slashes after the colon are tolerated on parse and never emitted") {
    CHECK(canon("pkg://npm/left-pad@1.3.0") == "pkg:npm/left-pad@1.3.0");
    CHECK(canon("pkg:////npm/left-pad") == "pkg:npm/left-pad");
  }
  SECTION("a colon inside qualifiers or subpath is not taken for the scheme") {
    CHECK(error_of("npm/x?a=pkg:b") == "purl does not start with 'pkg:'");
  }
}

TEST_CASE("type") {
  SECTION("is lower-cased") { CHECK(parsed("pkg:NPM/x").type == "npm"); }
  SECTION("allows letters, digits, '.' and '-'") {
    CHECK(canon("pkg:my.type-2/x") == "pkg:my.type-2/x");
    CHECK_THAT(error_of("pkg:my_type/x"), Catch::Matchers::StartsWith("invalid purl type 'my_type'"));
    CHECK_THAT(error_of("pkg:my+type/x"), Catch::Matchers::StartsWith("invalid purl type 'my+type'"));
    CHECK_THAT(error_of("pkg:%6Epm/x"), Catch::Matchers::StartsWith("invalid purl type '%6Epm'"));
  }
  SECTION("starts with a letter") {
    CHECK_THAT(error_of("pkg:9x/x"), Catch::Matchers::StartsWith("invalid purl type '9x'"));
    CHECK_THAT(error_of("pkg:-x/x"), Catch::Matchers::StartsWith("invalid purl type '-x'"));
  }
  SECTION("is required") {
    CHECK(error_of("pkg:") == "purl has no type");
    CHECK(error_of("pkg:/") == "purl has no type");
    CHECK(error_of("pkg://left-pad@1.0") == "purl has no type");
  }
  SECTION("unregistered types get the generic rules only") {
    CHECK(canon("pkg:Unknown/Some/Thing@V1?k=v#a/b") == "pkg:unknown/Some/Thing@V1?k=v#a/b");
  }
}

TEST_CASE("percent-decoding of each component") {
  sbom::Purl p = parsed("pkg:generic/na%20me/space/n%41me@v%2B1?k=a%26b%3Dc#sub%20path/x%3Fy");
  CHECK(p.ns == "na me/space");
  CHECK(p.name == "nAme");
  CHECK(p.version == "v+1");
  CHECK(p.qualifier("k") == "a&b=c");
  CHECK(p.subpath == "sub path/x?y");
  SECTION("hex digits in either case") { CHECK(parsed("pkg:generic/a%2fb%2Fc").name == "a/b/c"); }
  SECTION("a '+' stays a '+' (it is not a space)") { CHECK(parsed("pkg:generic/a+b").name == "a+b"); }
  SECTION("malformed escapes are errors") {
    CHECK(error_of("pkg:generic/a%2") == "invalid percent-encoding '%2' in purl name 'a%2'");
    CHECK(error_of("pkg:generic/a%zzb") == "invalid percent-encoding '%zz' in purl name 'a%zzb'");
    CHECK(error_of("pkg:generic/a@1%") == "invalid percent-encoding '%' in purl version '1%'");
    CHECK(error_of("pkg:generic/a?k=%G0") ==
          "invalid percent-encoding '%G0' in purl qualifier value '%G0'");
    CHECK(error_of("pkg:generic/a#x%") == "invalid percent-encoding '%' in purl subpath 'x%'");
    CHECK(error_of("pkg:generic/%x/a") == "invalid percent-encoding '%x' in purl namespace '%x'");
  }
  SECTION("decoded text must be UTF-8") {
    CHECK(parsed("pkg:generic/caf%C3%A9").name == "caf\xC3\xA9");
    CHECK(parsed("pkg:generic/caf\xC3\xA9").name == "caf\xC3\xA9");
    CHECK(error_of("pkg:generic/caf%E9") == "purl name 'caf%E9' is not valid UTF-8");
    CHECK(error_of("pkg:generic/a@%C0%AF") == "purl version '%C0%AF' is not valid UTF-8");  // overlong '/'
    CHECK(error_of("pkg:generic/a@%ED%A0%80") == "purl version '%ED%A0%80' is not valid UTF-8");  // surrogate
    CHECK(error_of("pkg:generic/a?k=%FF") == "purl qualifier value '%FF' is not valid UTF-8");
  }
}

TEST_CASE("canonical percent-encoding on output") {
  auto build = [](sbom::Purl p) {
    auto n = sbom::normalize_purl(std::move(p));
    INFO((n ? "" : n.error().message));
    REQUIRE(n);
    return n->to_string();
  };
  SECTION("'@' in namespace and name is encoded") {
    CHECK(build({"generic", "@scope", "a@b", "", {}, ""}) == "pkg:generic/%40scope/a%40b");
  }
  SECTION("':' stays literal everywhere") {
    CHECK(build({"generic", "a:b", "c:d", "1:2", {{"k", "x:y"}}, "e:f"}) == "pkg:generic/a:b/c:d@1:2?k=x:y#e:f");
  }
  SECTION("'+' is %2B and ' ' is %20") {
    CHECK(build({"generic", "", "a+b c", "1+2 3", {{"k", "x+y z"}}, "s+t u"}) ==
          "pkg:generic/a%2Bb%20c@1%2B2%203?k=x%2By%20z#s%2Bt%20u");
  }
  SECTION("alphanumerics and . - _ ~ stay literal") {
    CHECK(build({"generic", "", "aZ09.-_~", "", {}, ""}) == "pkg:generic/aZ09.-_~");
  }
  SECTION("separators inside components are encoded") {
    CHECK(build({"generic", "", "a/b?c#d", "1@2", {{"k", "a&b=c/d#e?f"}}, ""}) ==
          "pkg:generic/a%2Fb%3Fc%23d@1%402?k=a%26b%3Dc%2Fd%23e%3Ff");
  }
  SECTION("non-ASCII text is encoded byte by byte, upper-case hex") {
    CHECK(build({"generic", "", "caf\xC3\xA9", "", {}, ""}) == "pkg:generic/caf%C3%A9");
  }
  SECTION("'%' itself is encoded") { CHECK(build({"generic", "", "100%", "", {}, ""}) == "pkg:generic/100%25"); }
}

TEST_CASE("namespace") {
  SECTION("segments are decoded one by one and rejoined with '/'") {
    CHECK(parsed("pkg:generic/a/b%20c/d/name").ns == "a/b c/d");
  }
  SECTION("empty segments are dropped") {
    CHECK(canon("pkg:generic//a//b///name") == "pkg:generic/a/b/name");
    CHECK(*sbom::normalize_purl({"generic", "/a//b/", "name", "", {}, ""}) == parsed("pkg:generic/a/b/name"));
  }
  SECTION("a segment that decodes to a '/' is an error") {
    CHECK(error_of("pkg:generic/a%2Fb/name") == "purl namespace segment 'a%2Fb' contains '/'");
  }
  SECTION("'.' segments are kept (only the subpath drops them)") {
    CHECK(canon("pkg:generic/./name") == "pkg:generic/./name");
  }
}

TEST_CASE("name") {
  SECTION("trailing slashes are not significant") {
    CHECK(canon("pkg:maven/org.apache.commons/io/") == "pkg:maven/org.apache.commons/io");
    CHECK(canon("pkg:npm/left-pad//") == "pkg:npm/left-pad");
  }
  SECTION("is required") {
    CHECK(error_of("pkg:npm/") == "purl has no name");
    CHECK(error_of("pkg:npm/@1.0") == "purl has no name");
    CHECK(error_of("pkg:maven/org/@1.0") == "purl has no name");
    CHECK(sbom::normalize_purl({"npm", "", "", "1.0", {}, ""}).error().message == "purl has no name");
    CHECK(sbom::normalize_purl({"npm", "", "//", "1.0", {}, ""}).error().message == "purl has no name");
  }
  SECTION("a decoded '/' in a name is kept and encoded back") {
    CHECK(parsed("pkg:generic/a%2Fb").name == "a/b");
    CHECK(canon("pkg:generic/a%2Fb") == "pkg:generic/a%2Fb");
  }
  SECTION("leading and trailing '/' are dropped however they are written") {
    CHECK(canon("pkg:generic/%2Fa%2F") == "pkg:generic/a");
    CHECK(error_of("pkg:generic/%2F") == "purl has no name");
    CHECK(sbom::normalize_purl({"generic", "", "/a/", "", {}, ""})->name == "a");
  }
}

TEST_CASE("version") {
  SECTION("follows the last '@' after the last '/'") {
    CHECK(parsed("pkg:generic/a@b@c").version == "c");
    CHECK(parsed("pkg:generic/a@b@c").name == "a@b");
    CHECK(parsed("pkg:npm/@scope/x").version.empty());
    CHECK(parsed("pkg:npm/@scope/x").ns == "@scope");
    CHECK(parsed("pkg:npm/@scope/x@2.0.0").version == "2.0.0");
  }
  SECTION("an empty version is no version") {
    CHECK(canon("pkg:npm/x@") == "pkg:npm/x");
    CHECK(canon("pkg:npm/x@?a=b") == "pkg:npm/x?a=b");
  }
  SECTION("is opaque: case and characters kept") {
    CHECK(canon("pkg:npm/x@1.0.0-RC.1+Build%2F5") == "pkg:npm/x@1.0.0-RC.1%2BBuild%2F5");
  }
}

TEST_CASE("qualifiers") {
  SECTION("keys are lower-cased") {
    auto p = parsed("pkg:deb/debian/curl@1?ARCH=amd64");
    REQUIRE(p.qualifiers.size() == 1);
    CHECK(p.qualifiers[0].first == "arch");
    CHECK(p.qualifier("arch") == "amd64");
  }
  SECTION("keys are letters, digits, '.', '-' and '_', starting with a letter") {
    CHECK(canon("pkg:npm/x?a.b-c_d9=1") == "pkg:npm/x?a.b-c_d9=1");
    CHECK(error_of("pkg:npm/x?a b=1") ==
          "invalid qualifier key 'a b' (a letter, then letters, digits, '.', '-' or '_')");
    CHECK_THAT(error_of("pkg:npm/x?9a=1"), Catch::Matchers::StartsWith("invalid qualifier key '9a'"));
    CHECK_THAT(error_of("pkg:npm/x?_a=1"), Catch::Matchers::StartsWith("invalid qualifier key '_a'"));
    CHECK_THAT(error_of("pkg:npm/x?a%41=1"), Catch::Matchers::StartsWith("invalid qualifier key 'a%41'"));
    CHECK(sbom::normalize_purl({"npm", "", "x", "", {{"a b", "1"}}, ""}).error().message ==
          "invalid qualifier key 'a b' (a letter, then letters, digits, '.', '-' or '_')");
  }
  SECTION("are sorted by key") {
    CHECK(canon("pkg:npm/x?c=3&a=1&b=2") == "pkg:npm/x?a=1&b=2&c=3");
    auto p = parsed("pkg:npm/x?c=3&a=1&b=2");
    CHECK(p.qualifiers == decltype(p.qualifiers){{"a", "1"}, {"b", "2"}, {"c", "3"}});
  }
  SECTION("duplicate keys are an error, also after case folding") {
    CHECK(error_of("pkg:npm/x?a=1&a=2") == "duplicate qualifier key 'a'");
    CHECK(error_of("pkg:npm/x?a=1&A=1") == "duplicate qualifier key 'a'");
  }
  SECTION("empty values are dropped, so they never count as duplicates") {
    CHECK(canon("pkg:npm/x?a=&b=2") == "pkg:npm/x?b=2");
    CHECK(canon("pkg:npm/x?a=") == "pkg:npm/x");
    CHECK(canon("pkg:npm/x?a=&a=1") == "pkg:npm/x?a=1");
    CHECK(canon("pkg:npm/x?") == "pkg:npm/x");
    CHECK(parsed("pkg:npm/x?a=").qualifiers.empty());
  }
  SECTION("empty pairs are ignored") { CHECK(canon("pkg:npm/x?&a=1&&b=2&") == "pkg:npm/x?a=1&b=2"); }
  SECTION("a pair needs '=' and a key") {
    CHECK(error_of("pkg:npm/x?a") == "qualifier 'a' has no '='");
    CHECK(error_of("pkg:npm/x?=1") == "qualifier '=1' has no key");
  }
  SECTION("the value runs to the next '&', '=' included") {
    CHECK(parsed("pkg:npm/x?a=b=c").qualifier("a") == "b=c");
    CHECK(canon("pkg:npm/x?a=b=c") == "pkg:npm/x?a=b%3Dc");
  }
  SECTION("checksums and other values are kept verbatim") {
    auto p = parsed("pkg:generic/x?checksum=sha1:ad9503c3e994a4f,sha256:41bf9088b3a1e6c1ef1d");
    CHECK(p.qualifier("checksum") == "sha1:ad9503c3e994a4f,sha256:41bf9088b3a1e6c1ef1d");
    CHECK(p.to_string() == "pkg:generic/x?checksum=sha1:ad9503c3e994a4f%2Csha256:41bf9088b3a1e6c1ef1d");
    CHECK(parsed("pkg:generic/x?checksums=sha256:00").qualifier("checksums") == "sha256:00");
  }
  SECTION("qualifier() returns empty text for an absent key") { CHECK(parsed("pkg:npm/x?a=1").qualifier("b").empty()); }
}

TEST_CASE("subpath") {
  SECTION("leading, trailing and doubled slashes are dropped") {
    CHECK(canon("pkg:golang/a.b/c#//d//e/") == "pkg:golang/a.b/c#d/e");
  }
  SECTION("'.' and '..' segments are removed, also when encoded") {
    CHECK(canon("pkg:golang/a.b/c#./d/../e/%2E%2e/.") == "pkg:golang/a.b/c#d/e");
    CHECK(canon("pkg:golang/a.b/c#..") == "pkg:golang/a.b/c");
    CHECK(*sbom::normalize_purl({"golang", "a.b", "c", "", {}, "/./d/../e/"}) == parsed("pkg:golang/a.b/c#d/e"));
  }
  SECTION("segments are decoded; a decoded '/' is an error") {
    CHECK(parsed("pkg:generic/x#a%20b/c").subpath == "a b/c");
    CHECK(error_of("pkg:generic/x#a%2Fb") == "purl subpath segment 'a%2Fb' contains '/'");
  }
  SECTION("'?' after '#' belongs to the subpath") {
    CHECK(parsed("pkg:generic/x#a?b").subpath == "a?b");
    CHECK(canon("pkg:generic/x#a?b") == "pkg:generic/x#a%3Fb");
  }
}

TEST_CASE("identity strings without version") {
  sbom::Purl p = parsed("pkg:deb/debian/curl@7.88.1-10?arch=amd64&distro=debian-12#usr");
  CHECK(p.to_string() == "pkg:deb/debian/curl@7.88.1-10?arch=amd64&distro=debian-12#usr");
  CHECK(p.to_string_without_version() == "pkg:deb/debian/curl?arch=amd64&distro=debian-12#usr");
  CHECK(p.package_key() == "pkg:deb/debian/curl");
  CHECK(parsed("pkg:npm/%40types/node@20.1.0").package_key() == "pkg:npm/%40types/node");
  CHECK(parsed("pkg:pypi/Foo_Bar@1").package_key() == parsed("pkg:pypi/foo-bar@2").package_key());
}

TEST_CASE("to_string of a hand-built Purl stays canonical") {
  sbom::Purl p{"generic", "", "x", "", {{"b", "2"}, {"a", ""}, {"a2", "1"}}, ""};
  CHECK(p.to_string() == "pkg:generic/x?a2=1&b=2");
}

TEST_CASE("normalize_purl builds from components") {
  SECTION("the spec's build facts") {
    CHECK(sbom::normalize_purl({"generic", "", "openssl", "1.1.10g",
                                {{"checksum", "sha1:ad9503c3e994a4f,sha256:41bf9088b3a1e6c1ef1d"}}, ""})
              ->to_string() == "pkg:generic/openssl@1.1.10g?checksum=sha1:ad9503c3e994a4f%2Csha256:41bf9088b3a1e6c1ef1d");
    CHECK(sbom::normalize_purl({"brew", "", "postgresql@12", "12.17", {}, ""})->to_string() ==
          "pkg:brew/postgresql%4012@12.17");
    CHECK(sbom::normalize_purl({"conan", "openssl.org", "openssl", "3.0.3", {{"compiler", "Visual Studio"}}, ""})
              ->to_string() == "pkg:conan/openssl.org/openssl@3.0.3?compiler=Visual%20Studio");
    CHECK(sbom::normalize_purl({"npm", "@angular", "animation", "12.3.1", {}, ""})->to_string() ==
          "pkg:npm/%40angular/animation@12.3.1");
  }
  SECTION("type is checked and lower-cased") {
    CHECK(sbom::normalize_purl({"NPM", "", "x", "", {}, ""})->type == "npm");
    CHECK(sbom::normalize_purl({"", "", "x", "", {}, ""}).error().message == "purl has no type");
    CHECK_THAT(sbom::normalize_purl({"n pm", "", "x", "", {}, ""}).error().message,
               Catch::Matchers::StartsWith("invalid purl type 'n pm'"));
  }
  SECTION("type rules apply as on parse") {
    CHECK(sbom::normalize_purl({"pypi", "", "Foo_Bar", "1.0", {}, ""})->name == "foo-bar");
    CHECK(sbom::normalize_purl({"maven", "", "x", "1", {}, ""}).error().message == "maven purl needs a namespace");
  }
  SECTION("invalid UTF-8 is an error") {
    CHECK(sbom::normalize_purl({"generic", "", "caf\xE9", "", {}, ""}).error().message ==
          "purl component 'caf\xE9' is not valid UTF-8");
    CHECK(sbom::normalize_purl({"generic", "", "x", "", {{"k", "\xFF"}}, ""}).error().message ==
          "qualifier 'k' value is not valid UTF-8");
  }
}

TEST_CASE("long input is quoted short in messages") {
  std::string key(500, 'k');
  key[0] = '9';
  std::string msg = error_of("pkg:npm/x?" + key + "=1");
  CHECK(msg.size() < 200);
  CHECK_THAT(msg, Catch::Matchers::Contains("..."));
}

TEST_CASE("mutated inputs: never a crash; whatever parses is canonical and round-trips") {
  // Deterministic mutations of the spec cases, biased towards the characters that matter.
  constexpr std::string_view kAlphabet = "%/@?#&=:.+-_ ~aZ09%2F%40\xC3\xA9\xFF";
  std::mt19937 rng(20240601);
  int parsed_ok = 0;
  for (int round = 0; round < 40; ++round) {
    for (const Case& c : kSpecCases) {
      std::string s(c.input);
      int edits = 1 + static_cast<int>(rng() % 4);
      for (int e = 0; e < edits; ++e) {
        std::size_t at = s.empty() ? 0 : rng() % (s.size() + 1);
        char ch = kAlphabet[rng() % kAlphabet.size()];
        switch (rng() % 3) {
          case 0: s.insert(s.begin() + static_cast<std::ptrdiff_t>(at), ch); break;
          case 1: if (at < s.size()) s.erase(at, 1); break;
          default: if (at < s.size()) s[at] = ch; break;
        }
      }
      INFO("input: " << s);
      auto p = sbom::parse_purl(s);
      if (!p) {
        CHECK_FALSE(p.error().message.empty());
        continue;
      }
      ++parsed_ok;
      std::string canonical = p->to_string();
      auto again = sbom::parse_purl(canonical);
      REQUIRE(again);
      CHECK(*again == *p);
      CHECK(again->to_string() == canonical);
    }
  }
  CHECK(parsed_ok > 1000);
}

TEST_CASE("every purl in the CycloneDX and SPDX example documents parses and round-trips") {
  const char* shared = std::getenv("SBOMKIT_SHARED");
  const std::filesystem::path root = shared ? std::filesystem::path(shared) / "data" / "sbom-examples" : "";
  if (!shared || !std::filesystem::is_directory(root)) {
    WARN("SBOMKIT_SHARED/data/sbom-examples not found: skipping the real-document purl test");
    return;
  }
  std::set<std::string> seen;
  for (const auto& entry : std::filesystem::recursive_directory_iterator(root)) {
    if (!entry.is_regular_file() || entry.path().extension() != ".json") continue;
    std::ifstream in(entry.path(), std::ios::binary);
    const std::string text((std::istreambuf_iterator<char>(in)), std::istreambuf_iterator<char>());
    // A purl inside a JSON string runs to the closing quote (or an escape we do not undo).
    for (std::size_t at = text.find("\"pkg:"); at != std::string::npos; at = text.find("\"pkg:", at + 1)) {
      std::size_t end = text.find_first_of("\"\\", at + 1);
      if (end == std::string::npos) break;
      seen.insert(text.substr(at + 1, end - at - 1));
    }
  }
  REQUIRE(seen.size() > 1000);
  for (const std::string& s : seen) {
    INFO("purl: " << s);
    auto p = sbom::parse_purl(s);
    REQUIRE(p);
    auto again = sbom::parse_purl(p->to_string());
    REQUIRE(again);
    CHECK(*again == *p);
  }
}
