// Tests for the per-type purl rules: namespace requirements, case folding, name rules.
#include <catch2/catch.hpp>

#include <string>
#include <string_view>

#include "sbom/purl.h"

namespace {

std::string canon(std::string_view text) {
  auto p = sbom::parse_purl(text);
  return p ? p->to_string() : "error: " + p.error().message;
}

}  // namespace

TEST_CASE("types that need a namespace") {
  for (std::string_view type : {"alpm", "apk", "bitbucket", "composer", "deb", "git", "github", "golang",
                                "huggingface", "maven", "qpkg", "rpm", "swift", "vscode-extension"}) {
    INFO(type);
    std::string t(type);
    CHECK(canon("pkg:" + t + "/name@1") == "error: " + t + " purl needs a namespace");
    CHECK(canon("pkg:" + t + "/ns/name@1").rfind("pkg:", 0) == 0);
  }
  CHECK(canon("pkg:maven/batik-anim@1.9.1") == "error: maven purl needs a namespace");
  CHECK(canon("pkg:golang/context@v1.1.1") == "error: golang purl needs a namespace");
}

TEST_CASE("types that must not have a namespace") {
  for (std::string_view type : {"bazel", "bitnami", "cargo", "cocoapods", "conda", "cran", "gem", "hackage",
                                "mlflow", "nuget", "oci", "opam", "otp", "pub", "pypi", "vcpkg"}) {
    INFO(type);
    std::string t(type);
    CHECK(canon("pkg:" + t + "/ns/name@1") == "error: " + t + " purl must not have a namespace (got 'ns')");
    CHECK(canon("pkg:" + t + "/name@1").rfind("pkg:", 0) == 0);
  }
}

TEST_CASE("types where the namespace is optional") {
  for (std::string_view type : {"brew", "conan", "cpan", "docker", "generic", "hex", "luarocks", "npm", "yocto"}) {
    INFO(type);
    std::string t(type);
    CHECK(canon("pkg:" + t + "/name@1") == "pkg:" + t + "/name@1");
    CHECK(canon("pkg:" + t + "/ns/name@1") == "pkg:" + t + "/ns/name@1");
  }
}

TEST_CASE("deb: namespace and name are lower-cased, the version is not") {
  CHECK(canon("pkg:deb/Debian/LibC6@2.36-9+Deb12u4?arch=amd64") == "pkg:deb/debian/libc6@2.36-9%2BDeb12u4?arch=amd64");
}

TEST_CASE("rpm: namespace lower-cased, name case kept") {
  CHECK(canon("pkg:rpm/Fedora/NetworkManager@1.0") == "pkg:rpm/fedora/NetworkManager@1.0");
}

TEST_CASE("apk and alpm: namespace and name lower-cased") {
  CHECK(canon("pkg:apk/Alpine/Busybox@1.36.1-r5") == "pkg:apk/alpine/busybox@1.36.1-r5");
  CHECK(canon("pkg:alpm/Arch/Pacman@6.0.1-1") == "pkg:alpm/arch/pacman@6.0.1-1");
}

TEST_CASE("github, bitbucket, composer: namespace and name lower-cased") {
  CHECK(canon("pkg:github/Package-URL/Purl-Spec@V1") == "pkg:github/package-url/purl-spec@V1");
  CHECK(canon("pkg:bitbucket/A/B") == "pkg:bitbucket/a/b");
  CHECK(canon("pkg:composer/Symfony/Console@v6.0.0") == "pkg:composer/symfony/console@v6.0.0");
}

TEST_CASE("pypi: name lower-cased with '_' as '-', '.' kept; version lower-cased") {
  CHECK(canon("pkg:pypi/Zope_Interface@5.0RC1") == "pkg:pypi/zope-interface@5.0rc1");
  CHECK(canon("pkg:pypi/zope.interface@5") == "pkg:pypi/zope.interface@5");
  CHECK(canon("pkg:pypi/ruamel.yaml.clib?file_name=Ruamel.yaml.clib-0.2.tar.gz") ==
        "pkg:pypi/ruamel.yaml.clib?file_name=Ruamel.yaml.clib-0.2.tar.gz");
}

TEST_CASE("npm: scope is the namespace, written %40; names keep their case") {
  auto p = sbom::parse_purl("pkg:npm/@Types/Node@20.1.0");
  REQUIRE(p);
  CHECK(p->ns == "@Types");
  CHECK(p->name == "Node");
  CHECK(p->to_string() == "pkg:npm/%40Types/Node@20.1.0");
  CHECK(canon("pkg:npm/%40angular/core") == "pkg:npm/%40angular/core");
}

TEST_CASE("maven: namespace required, everything case-sensitive") {
  CHECK(canon("pkg:maven/Org.Apache/Commons-IO@1.0-SNAPSHOT?type=jar") ==
        "pkg:maven/Org.Apache/Commons-IO@1.0-SNAPSHOT?type=jar");
}

TEST_CASE("golang: the standard library stands without a namespace") {
  CHECK(canon("pkg:golang/stdlib@go1.19.8") == "pkg:golang/stdlib@go1.19.8");
  CHECK(canon("pkg:golang/context@v1.1.1") == "error: golang purl needs a namespace");
}

TEST_CASE("golang: namespace required, case kept (module paths are case-sensitive)") {
  CHECK(canon("pkg:golang/github.com/Azure/azure-sdk-for-go/sdk/azcore@v1.9.0") ==
        "pkg:golang/github.com/Azure/azure-sdk-for-go/sdk/azcore@v1.9.0");
  auto p = sbom::parse_purl("pkg:golang/github.com/Azure/azure-sdk-for-go/sdk/azcore@v1.9.0");
  REQUIRE(p);
  CHECK(p->ns == "github.com/Azure/azure-sdk-for-go/sdk");
  CHECK(p->name == "azcore");
}

TEST_CASE("cargo, gem, nuget, cocoapods, cran, hackage, conda: names keep their case") {
  CHECK(canon("pkg:cargo/Inflector@0.11.4") == "pkg:cargo/Inflector@0.11.4");
  CHECK(canon("pkg:gem/Ascii85@1.0.3?platform=java") == "pkg:gem/Ascii85@1.0.3?platform=java");
  CHECK(canon("pkg:nuget/Newtonsoft.Json@13.0.1") == "pkg:nuget/Newtonsoft.Json@13.0.1");
  CHECK(canon("pkg:cocoapods/AFNetworking@4.0.1#Reachability") == "pkg:cocoapods/AFNetworking@4.0.1#Reachability");
  CHECK(canon("pkg:cran/rJava@1.0-4") == "pkg:cran/rJava@1.0-4");
  CHECK(canon("pkg:cran/A3") == "pkg:cran/A3");  // the spec no longer requires a cran version
  CHECK(canon("pkg:hackage/AC-HalfInteger@1.2.1") == "pkg:hackage/AC-HalfInteger@1.2.1");
  CHECK(canon("pkg:conda/PyYAML@6.0?channel=main") == "pkg:conda/PyYAML@6.0?channel=main");
}

TEST_CASE("oci: name and version lower-cased, digest ':' literal") {
  CHECK(canon("pkg:oci/Debian@SHA256%3AABCDEF?repository_url=docker.io/library/debian&tag=Latest") ==
        "pkg:oci/debian@sha256:abcdef?repository_url=docker.io%2Flibrary%2Fdebian&tag=Latest");
}

TEST_CASE("docker: namespace optional, case kept") {
  CHECK(canon("pkg:docker/library/debian@sha256:abc?repository_url=docker.io") ==
        "pkg:docker/library/debian@sha256:abc?repository_url=docker.io");
}

TEST_CASE("generic: anything goes") {
  CHECK(canon("pkg:generic/Some/Path/Thing@1.0?download_url=https://x.org/a.tgz") ==
        "pkg:generic/Some/Path/Thing@1.0?download_url=https:%2F%2Fx.org%2Fa.tgz");
}

TEST_CASE("conan: namespace and user/channel qualifiers are independent") {
  // The spec dropped its old "namespace needs a channel" rule (purl-spec 5638240, c55fab1).
  CHECK(canon("pkg:conan/bincrafters/cctz@2.3") == "pkg:conan/bincrafters/cctz@2.3");
  CHECK(canon("pkg:conan/cctz@2.3?channel=stable") == "pkg:conan/cctz@2.3?channel=stable");
}

TEST_CASE("swift: namespace is host and owner") {
  CHECK(canon("pkg:swift/github.com/Alamofire/Alamofire") == "pkg:swift/github.com/Alamofire/Alamofire");
  CHECK(canon("pkg:swift/Alamofire") == "error: swift purl needs a namespace");
}

TEST_CASE("mlflow: names lower-cased on Databricks only") {
  CHECK(canon("pkg:mlflow/CreditFraud@3?repository_url=https://dbc-a1b2-c3d4.cloud.databricks.com/api/2.0/mlflow")
            .rfind("pkg:mlflow/creditfraud@3", 0) == 0);
  CHECK(canon("pkg:mlflow/CreditFraud@3?repository_url=https://x.API.AzureDatabricks.net/mlflow")
            .rfind("pkg:mlflow/creditfraud@3", 0) == 0);
  CHECK(canon("pkg:mlflow/CreditFraud@3?repository_url=https://westus2.api.azureml.ms/mlflow")
            .rfind("pkg:mlflow/CreditFraud@3", 0) == 0);
  CHECK(canon("pkg:mlflow/CreditFraud@3") == "pkg:mlflow/CreditFraud@3");
}

TEST_CASE("huggingface: namespace required, version (a commit hash) lower-cased") {
  CHECK(canon("pkg:huggingface/Microsoft/DeBERTa@ABC123") == "pkg:huggingface/Microsoft/DeBERTa@abc123");
  CHECK(canon("pkg:huggingface/distilbert-base-uncased@043235d") == "error: huggingface purl needs a namespace");
}

TEST_CASE("brew, hex, luarocks, bitnami, otp: case-insensitive names lower-cased") {
  CHECK(canon("pkg:brew/Homebrew/Core/SQLite@3.43.2") == "pkg:brew/homebrew/core/sqlite@3.43.2");
  CHECK(canon("pkg:hex/Acme/Foo@2.3") == "pkg:hex/acme/foo@2.3");
  CHECK(canon("pkg:luarocks/Hisham/LuaFileSystem@1.8.0-1") == "pkg:luarocks/hisham/luafilesystem@1.8.0-1");
  CHECK(canon("pkg:bitnami/WordPress@6.2.0") == "pkg:bitnami/wordpress@6.2.0");
  CHECK(canon("pkg:otp/ASN1@5.4.1") == "pkg:otp/asn1@5.4.1");
}

TEST_CASE("qpkg, yocto: namespace lower-cased, name case kept") {
  CHECK(canon("pkg:qpkg/BlackBerry/com.qnx.SDP@7") == "pkg:qpkg/blackberry/com.qnx.SDP@7");
  CHECK(canon("pkg:yocto/Core/GLibc@2.35") == "pkg:yocto/core/GLibc@2.35");
}

TEST_CASE("vscode-extension: namespace, name and version lower-cased") {
  CHECK(canon("pkg:vscode-extension/RedHat/Java@1.0.0-Beta") == "pkg:vscode-extension/redhat/java@1.0.0-beta");
}

TEST_CASE("pub: names lower-cased, only a-z, 0-9 and '_'") {
  CHECK(canon("pkg:pub/Flutter_Test@0.0.0") == "pkg:pub/flutter_test@0.0.0");
  CHECK(canon("pkg:pub/flutter-test") == "pkg:pub/flutter_test");
  CHECK(canon("pkg:pub/caf%C3%A9") == "error: pub purl name 'caf\xC3\xA9' may contain only a-z, 0-9 and '_'");
}

TEST_CASE("cpan: names a distribution, never a module") {
  CHECK(canon("pkg:cpan/OALDERS/libwww-perl@6.76") == "pkg:cpan/OALDERS/libwww-perl@6.76");
  CHECK(canon("pkg:cpan/URI::PackageURL@2.11") ==
        "error: cpan purl name 'URI::PackageURL' is a module name; a cpan purl names a distribution");
}

TEST_CASE("chrome-extension: 32-letter id, numeric version of 1 to 4 parts") {
  CHECK(canon("pkg:chrome-extension/KANFJHDEEBKFGKBMNFKNHEJPADHLMIAB@0.6") ==
        "pkg:chrome-extension/kanfjhdeebkfgkbmnfknhejpadhlmiab@0.6");
  CHECK(canon("pkg:chrome-extension/kanfjhdeebkfgkbmnfknhejpadhlmiab") ==
        "pkg:chrome-extension/kanfjhdeebkfgkbmnfknhejpadhlmiab");
  CHECK(canon("pkg:chrome-extension/kanfjhdeebkfgkbmnfknhejpadhlmiaz").rfind("error: ", 0) == 0);
  CHECK(canon("pkg:chrome-extension/kanfjhdeebkfgkbmnfknhejpadhlmiab@1..2").rfind("error: ", 0) == 0);
  CHECK(canon("pkg:chrome-extension/kanfjhdeebkfgkbmnfknhejpadhlmiab@.1").rfind("error: ", 0) == 0);
}

TEST_CASE("git: namespace is the host, the name the path on it") {
  auto p = sbom::parse_purl("pkg:git/gitlab.gnome.org/GNOME/adwaita-fonts@v1");
  REQUIRE(p);
  CHECK(p->ns == "gitlab.gnome.org");
  CHECK(p->name == "GNOME/adwaita-fonts");
  CHECK(p->to_string() == "pkg:git/gitlab.gnome.org/GNOME/adwaita-fonts@v1");
  CHECK(p->package_key() == "pkg:git/gitlab.gnome.org/GNOME/adwaita-fonts");
  auto built = sbom::normalize_purl({"git", "cygwin.com", "cgit/newlib-cygwin", "6d049c5", {}, ""});
  REQUIRE(built);
  CHECK(built->to_string() == "pkg:git/cygwin.com/cgit/newlib-cygwin@6d049c5");
  CHECK(*sbom::parse_purl(built->to_string()) == *built);
  auto messy = sbom::normalize_purl({"git", "cygwin.com", "/cgit//newlib-cygwin/", "", {}, ""});
  REQUIRE(messy);
  CHECK(messy->name == "cgit/newlib-cygwin");
  CHECK(*sbom::parse_purl(messy->to_string()) == *messy);
}

TEST_CASE("julia and swid: required qualifiers") {
  CHECK(canon("pkg:julia/AWS@1.88.0") == "error: julia purl needs a 'uuid' qualifier");
  CHECK(canon("pkg:julia/AWS@1.88.0?uuid=") == "error: julia purl needs a 'uuid' qualifier");
  CHECK(canon("pkg:julia/AWS@1.88.0?uuid=fbe9abb3-538b-5e4e-ba9e-bc94f4f92ebc") ==
        "pkg:julia/AWS@1.88.0?uuid=fbe9abb3-538b-5e4e-ba9e-bc94f4f92ebc");
  CHECK(canon("pkg:swid/Fedora@29") == "error: swid purl needs a 'tag_id' qualifier");
  CHECK(canon("pkg:swid/Fedora@29?tag_id=org.fedoraproject.Fedora-29") ==
        "pkg:swid/Fedora@29?tag_id=org.fedoraproject.Fedora-29");
}
