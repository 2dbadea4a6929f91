// Tests of distro detection.
#include <catch2/catch.hpp>

#include "catalog/parsers.h"
#include "fixture.h"

using namespace sbom;
using namespace sbom::catalog;
using namespace sbom::catalog::testing;

TEST_CASE("os-release values: quotes and escapes", "[os_release]") {
  auto kv = catalog::detail::parse_os_release("# comment\nID=debian\nVERSION_ID=\"12\"\nPRETTY_NAME='Debian GNU/Linux 12'\n"
                                     "NAME=\"say \\\"hi\\\"\"\n\nBROKEN\n");
  CHECK(kv["ID"] == "debian");
  CHECK(kv["VERSION_ID"] == "12");
  CHECK(kv["PRETTY_NAME"] == "Debian GNU/Linux 12");
  CHECK(kv["NAME"] == "say \"hi\"");
  CHECK(kv.count("BROKEN") == 0);
}

TEST_CASE("distro from os-release through its symlink, with qualifier", "[os_release]") {
  auto v = make_view({{"usr/lib/os-release", "ID=debian\nVERSION_ID=\"12\"\nVERSION_CODENAME=bookworm\nPRETTY_NAME=\"Debian GNU/Linux 12 (bookworm)\"\n"}});
  v.symlinks_.emplace("etc/os-release", "../usr/lib/os-release");
  Distro d = detect_distro(v);
  CHECK(d.id == "debian");
  CHECK(d.qualifier() == "debian-12");
  CHECK(d.path == "usr/lib/os-release");
  Component c = distro_component(d, v);
  CHECK(c.type == "operating-system");
  CHECK(c.name == "debian");
  CHECK(c.version == "12");
  CHECK(c.rare->description == "Debian GNU/Linux 12 (bookworm)");
}

TEST_CASE("alpine qualifiers name the branch; fallbacks to release files", "[os_release]") {
  CHECK(detect_distro(make_view({{"etc/os-release", "ID=alpine\nVERSION_ID=3.19.1\n"}})).qualifier() == "alpine-3.19");
  CHECK(detect_distro(make_view({{"etc/alpine-release", "3.18.4\n"}})).qualifier() == "alpine-3.18");
  Distro centos = detect_distro(make_view({{"etc/centos-release", "CentOS Linux release 7.9.2009 (Core)\n"}}));
  CHECK(centos.id == "centos");
  CHECK(centos.version_id == "7.9.2009");
  CHECK(centos.path == "etc/centos-release");
  CHECK(detect_distro(make_view({{"etc/redhat-release", "Red Hat Enterprise Linux release 8.9 (Ootpa)\n"}})).qualifier() == "rhel-8.9");
  CHECK(detect_distro(make_view({{"etc/debian_version", "12.4\n"}})).qualifier() == "debian-12");
  CHECK(detect_distro(make_view({{"etc/debian_version", "trixie/sid\n"}})).qualifier() == "debian");
  CHECK(detect_distro(make_view({{"etc/lsb-release", "DISTRIB_ID=Ubuntu\nDISTRIB_RELEASE=22.04\n"}})).qualifier() == "ubuntu-22.04");
  CHECK_FALSE(detect_distro(make_view({})).known());
  // an os-release without ID falls through to the next source
  CHECK(detect_distro(make_view({{"etc/os-release", "NAME=x\n"}, {"etc/alpine-release", "3.20.0"}})).id == "alpine");
}

TEST_CASE("os-release CPE_NAME and VENDOR_NAME: the OS component's identifier and supplier", "[os_release]") {
  auto v = make_view({{"etc/os-release", "NAME=\"Red Hat Enterprise Linux\"\nID=\"rhel\"\nVERSION_ID=\"9.4\"\n"
                                          "CPE_NAME=\"cpe:/o:redhat:enterprise_linux:9::baseos\"\n"
                                          "VENDOR_NAME=\"Red Hat\"\nVENDOR_URL=\"https://www.redhat.com/\"\n"}});
  Component c = distro_component(detect_distro(v), v);
  CHECK(c.cpe == "cpe:2.3:o:redhat:enterprise_linux:9:*:baseos:*:*:*:*:*");
  REQUIRE(c.rare->supplier);
  CHECK(c.rare->supplier->name == "Red Hat");
  CHECK(c.rare->supplier->urls == std::vector<std::string>{"https://www.redhat.com/"});
  // Debian's os-release names neither: nothing is guessed.
  auto deb = make_view({{"etc/os-release", "ID=debian\nVERSION_ID=\"12\"\nHOME_URL=\"https://www.debian.org/\"\n"}});
  Component dc = distro_component(detect_distro(deb), deb);
  CHECK(dc.cpe.empty());
  CHECK_FALSE(dc.rare->supplier);
}

TEST_CASE("CPE 2.2 URIs become CPE 2.3 formatted strings when plain", "[os_release]") {
  using catalog::detail::cpe23_of;
  CHECK(cpe23_of("cpe:/o:fedoraproject:fedora:40") == "cpe:2.3:o:fedoraproject:fedora:40:*:*:*:*:*:*:*");
  CHECK(cpe23_of("cpe:/o:suse:sles:15:sp5") == "cpe:2.3:o:suse:sles:15:sp5:*:*:*:*:*:*");
  CHECK(cpe23_of("cpe:/o:opensuse:leap:15.6") == "cpe:2.3:o:opensuse:leap:15.6:*:*:*:*:*:*:*");
  CHECK(cpe23_of("cpe:/o:rocky:rocky:9::baseos") == "cpe:2.3:o:rocky:rocky:9:*:baseos:*:*:*:*:*");
  CHECK(cpe23_of("cpe:/o:a:b:1:-") == "cpe:2.3:o:a:b:1:-:*:*:*:*:*:*");
  CHECK(cpe23_of("cpe:2.3:o:amazon:amazon_linux:2023:*:*:*:*:*:*:*") == "cpe:2.3:o:amazon:amazon_linux:2023:*:*:*:*:*:*:*");
  // not plain: kept as written (percent-encoding, a packed edition, a part that is no part)
  CHECK(cpe23_of("cpe:/a:x:y%21:1") == "cpe:/a:x:y%21:1");
  CHECK(cpe23_of("cpe:/a:x:y:1::~~~android~~") == "cpe:/a:x:y:1::~~~android~~");
  CHECK(cpe23_of("cpe:/q:x:y") == "cpe:/q:x:y");
  CHECK(cpe23_of("cpe:/o:a:b:1:2:3:4:5") == "cpe:/o:a:b:1:2:3:4:5");
  // text no CPE binding spells is no identifier
  CHECK(cpe23_of("cpe:/o:\xff\xfe:a").empty());
  CHECK(cpe23_of("cpe:2.3:o:a b:c:1:*:*:*:*:*:*:*").empty());
  CHECK(cpe23_of("").empty());
  CHECK(cpe23_of("not a cpe").empty());
}
