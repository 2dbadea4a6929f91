// Tests of the matcher: findings, alias merging, ratings, fixes, unmatched components, existing entries.
#include <catch2/catch.hpp>

#include <algorithm>
#include <cstdlib>

#include "sbom/match.h"

using sbom::Component;
using sbom::Document;
using sbom::vulndb::Builder;
using sbom::vulndb::Database;

namespace {

Database index_of(const std::vector<std::string>& records) {
  Builder b;
  for (std::size_t i = 0; i < records.size(); ++i) {
    std::string name = std::to_string(i);  // built in steps: g++ 12 warns (-Wrestrict) on "r" + to_string()
    name += ".json";
    REQUIRE(b.add_record(records[i], name, sbom::Diagnostics([](const sbom::Diagnostic& dg) { FAIL(dg.where.to_string()); })));
  }
  auto db = Database::from_bytes(b.serialize(0), "mem");
  REQUIRE(db);
  return std::move(*db);
}

Component lib(const std::string& purl, const std::string& name, const std::string& version) {
  Component c;
  c.type = "library";
  c.bom_ref = purl;
  c.purl = purl;
  c.name = name;
  c.version = version;
  return c;
}

Document doc_of(std::vector<Component> comps) {
  Document d;
  d.components = std::move(comps);
  return d;
}

const std::string kGhsa = R"({"id":"GHSA-aaaa","modified":"2024-01-02T00:00:00Z","published":"2023-05-01T00:00:00Z",
  "aliases":["CVE-2023-0001"],"summary":"bad thing","details":"long text",
  "severity":[{"type":"CVSS_V3","score":"CVSS:3.1/AV:N/AC:L/PR:N/UI:N/S:U/C:H/I:H/A:H"}],
  "database_specific":{"severity":"HIGH","cwe_ids":["CWE-79","CWE-20"]},
  "references":[{"type":"ADVISORY","url":"https://example.com/adv"}],
  "affected":[{"package":{"ecosystem":"PyPI","name":"foo"},
    "ranges":[{"type":"ECOSYSTEM","events":[{"introduced":"0"},{"fixed":"1.5"}]}]}]})";
const std::string kPysec = R"({"id":"PYSEC-2023-1","modified":"2024-01-01T00:00:00Z","published":"2023-04-01T00:00:00Z",
  "aliases":["CVE-2023-0001","GHSA-aaaa"],
  "affected":[{"package":{"ecosystem":"PyPI","name":"Foo"},
    "ranges":[{"type":"ECOSYSTEM","events":[{"introduced":"0"},{"fixed":"1.6"}]}]}]})";
const std::string kUnfixed = R"({"id":"PYSEC-2023-2","modified":"2024-01-01T00:00:00Z",
  "affected":[{"package":{"ecosystem":"PyPI","name":"foo"},"ranges":[{"type":"ECOSYSTEM","events":[{"introduced":"1.0"}]}]}]})";
const std::string kWithdrawn = R"({"id":"PYSEC-2023-3","modified":"2024-01-01T00:00:00Z","withdrawn":"2024-01-01T00:00:00Z",
  "affected":[{"package":{"ecosystem":"PyPI","name":"foo"},"ranges":[{"type":"ECOSYSTEM","events":[{"introduced":"0"}]}]}]})";

}  // namespace

TEST_CASE("aliases merge into one vulnerability per component, with every id in references") {
  Database db = index_of({kGhsa, kPysec, kUnfixed, kWithdrawn});
  Document doc = doc_of({lib("pkg:pypi/foo@1.2", "foo", "1.2"), lib("pkg:pypi/foo@2.0", "foo", "2.0")});
  auto r = sbom::match::scan(doc, db, {});
  CHECK(r.components == 2);
  CHECK(r.looked_up == 2);
  CHECK(r.unmatched.empty());
  CHECK(r.withdrawn == 2);
  REQUIRE(doc.vulnerabilities);
  auto& vs = *doc.vulnerabilities;
  REQUIRE(vs.size() == 2);
  const auto& v = vs[0];
  CHECK(v.id == "CVE-2023-0001");
  CHECK(v.source_name == "NVD");
  REQUIRE(v.references.size() == 2);
  CHECK(v.references[0].id == "GHSA-aaaa");
  CHECK(v.references[0].source_url == "https://github.com/advisories/GHSA-aaaa");
  CHECK(v.references[1].id == "PYSEC-2023-1");
  CHECK(v.description == "bad thing");
  CHECK(v.detail == "long text");
  CHECK(v.published == "2023-04-01T00:00:00Z");
  CHECK(v.updated == "2024-01-02T00:00:00Z");
  REQUIRE(v.cwes.size() == 2);
  CHECK(v.cwes[0].text == "20");
  REQUIRE(v.ratings.size() == 2);
  CHECK(v.ratings[0].method == "CVSSv31");
  CHECK(v.ratings[0].score->text == "9.8");
  CHECK(v.ratings[0].severity == "critical");
  CHECK(v.ratings[0].source_name == "GitHub");
  CHECK(v.ratings[1].method == "other");
  CHECK(v.ratings[1].severity == "high");
  // Only foo@1.2 is in range; the highest fix of the merged records is the one to recommend.
  REQUIRE(v.affects.size() == 1);
  CHECK(v.affects[0].ref == "pkg:pypi/foo@1.2");
  REQUIRE(v.affects[0].versions.size() == 2);
  CHECK(v.affects[0].versions[0].version == "1.2");
  CHECK(v.affects[0].versions[0].status == "affected");
  CHECK(v.affects[0].versions[1].version == "1.6");
  CHECK(v.affects[0].versions[1].status == "unaffected");
  CHECK(v.recommendation == "Upgrade foo to version 1.6");
  // The open-ended record affects both versions and has no fix.
  const auto& u = vs[1];
  CHECK(u.id == "PYSEC-2023-2");
  CHECK(u.source_name == "PyPA");
  REQUIRE(u.affects.size() == 2);
  CHECK(u.affects[0].ref == "pkg:pypi/foo@1.2");
  CHECK(u.affects[1].ref == "pkg:pypi/foo@2.0");
  CHECK(u.recommendation.empty());
  CHECK(r.findings == 3);
  CHECK(r.affected_components == 2);
}

TEST_CASE("--ignore-unfixed drops findings without a fix") {
  Database db = index_of({kGhsa, kUnfixed});
  Document doc = doc_of({lib("pkg:pypi/foo@1.2", "foo", "1.2")});
  auto r = sbom::match::scan(doc, db, {.ignore_unfixed = true, .diagnostics = {}});
  CHECK(r.unfixed_dropped == 1);
  REQUIRE(doc.vulnerabilities->size() == 1);
  CHECK((*doc.vulnerabilities)[0].id == "CVE-2023-0001");
}

TEST_CASE("existing vulnerabilities are kept and merged by id, never duplicated") {
  Database db = index_of({kGhsa});
  Document doc = doc_of({lib("pkg:pypi/foo@1.2", "foo", "1.2")});
  sbom::Vulnerability old;
  old.id = "GHSA-aaaa";
  old.description = "from another scanner";
  old.affects.push_back(sbom::Affect{"pkg:pypi/foo@1.2", {}, {}});  // same component, no versions
  sbom::Vulnerability other;
  other.id = "CVE-1999-0001";
  doc.vulnerabilities = std::vector<sbom::Vulnerability>{other, old};
  sbom::match::scan(doc, db, {});
  REQUIRE(doc.vulnerabilities->size() == 2);
  CHECK((*doc.vulnerabilities)[0].id == "CVE-1999-0001");
  const auto& v = (*doc.vulnerabilities)[1];
  CHECK(v.id == "GHSA-aaaa");
  CHECK(v.description == "from another scanner");
  REQUIRE(v.affects.size() == 1);
  CHECK(!v.affects[0].versions.empty());  // filled in from the finding
  CHECK(v.recommendation == "Upgrade foo to version 1.5");
  CHECK(std::any_of(v.references.begin(), v.references.end(), [](const auto& r) { return r.id == "CVE-2023-0001"; }));
  // Running again adds nothing new.
  sbom::match::scan(doc, db, {});
  CHECK(doc.vulnerabilities->size() == 2);
  CHECK((*doc.vulnerabilities)[1].affects.size() == 1);
}

TEST_CASE("unmatchable components are listed with a reason") {
  Database db = index_of({kGhsa});
  Component os;
  os.type = "operating-system";
  os.name = "debian";
  os.version = "12";
  Component nopurl;
  nopurl.type = "library";
  nopurl.name.assign(1, 'x');  // not = "x": g++ 12 -O3 warns (-Wrestrict) there
  Document doc = doc_of({os, nopurl, lib("pkg:npm/left-pad@1.0.0", "left-pad", "1.0.0"),
                         lib("pkg:deb/debian/libc6@2.36-9", "libc6", "2.36-9"), lib("pkg:deb/ubuntu/libc6@2.35", "libc6", "2.35")});
  auto r = sbom::match::scan(doc, db, {});
  CHECK(r.components == 4);
  REQUIRE(r.unmatched.size() == 4);
  CHECK(r.unmatched[0].component == "x");
  CHECK(r.unmatched[0].reason == "no purl");
  CHECK(r.unmatched[1].reason == "no npm advisories in the index");
  CHECK(r.unmatched[2].reason == "no Debian:12 advisories in the index");  // distro from the OS component
  CHECK_THAT(r.unmatched[3].reason, Catch::StartsWith("pkg:deb/ubuntu has no distro qualifier"));
}

TEST_CASE("a record that cannot be evaluated is a warning naming record and component") {
  Database db = index_of({R"({"id":"BAD-1","modified":"t","affected":[{"package":{"ecosystem":"PyPI","name":"foo"},
    "ranges":[{"type":"ECOSYSTEM","events":[{"introduced":"0"},{"fixed":"not a version!"}]}]}]})"});
  Document doc = doc_of({lib("pkg:pypi/foo@1.2", "foo", "1.2")});
  sbom::DiagnosticList warnings;
  sbom::match::Options options;
  options.diagnostics = warnings.sink();
  auto r = sbom::match::scan(doc, db, options);
  REQUIRE(warnings.items().size() == 1);
  CHECK_THAT(warnings.items()[0].where.message, Catch::StartsWith("BAD-1: pkg:pypi/foo@1.2: range 0 (ECOSYSTEM): fixed version 'not a version!'"));
}

TEST_CASE("Ubuntu priorities and Red Hat-style summary severities are vendor ratings") {
  Database db = index_of({R"({"id":"ALSA-2024:1","modified":"t","summary":"Important: openssl security update",
    "affected":[{"package":{"ecosystem":"AlmaLinux:9","name":"openssl"},
      "ranges":[{"type":"ECOSYSTEM","events":[{"introduced":"0"},{"fixed":"1:3.0.7-28.el9_4"}]}]}]})",
                          R"({"id":"UBUNTU-CVE-2024-1","modified":"t","severity":[{"type":"Ubuntu","score":"medium"}],
    "affected":[{"package":{"ecosystem":"Ubuntu:22.04:LTS","name":"openssl"},
      "ranges":[{"type":"ECOSYSTEM","events":[{"introduced":"0"},{"fixed":"3.0.2-0ubuntu1.15"}]}]}]})"});
  Document doc = doc_of({lib("pkg:rpm/almalinux/openssl@3.0.7-27.el9?epoch=1&distro=almalinux-9.4", "openssl", "1:3.0.7-27.el9"),
                         lib("pkg:deb/ubuntu/openssl@3.0.2-0ubuntu1.10?distro=ubuntu-22.04", "openssl", "3.0.2-0ubuntu1.10")});
  auto r = sbom::match::scan(doc, db, {});
  CHECK(r.unmatched.empty());
  REQUIRE(doc.vulnerabilities->size() == 2);
  const auto& alma = (*doc.vulnerabilities)[0];
  CHECK(alma.id == "ALSA-2024:1");
  REQUIRE(alma.ratings.size() == 1);
  CHECK(alma.ratings[0].severity == "high");
  CHECK(alma.ratings[0].source_name == "AlmaLinux");
  const auto& ubuntu = (*doc.vulnerabilities)[1];
  REQUIRE(ubuntu.ratings.size() == 1);
  CHECK(ubuntu.ratings[0].severity == "medium");
  CHECK(ubuntu.ratings[0].method == "other");
}

TEST_CASE("real distro and GHSA records from osv-samples match components built for them") {
  const char* root = std::getenv("SBOMKIT_SHARED");
  if (root == nullptr) {
    WARN("SBOMKIT_SHARED not set: skipping");
    return;
  }
  Builder b;
  REQUIRE(b.add_source(std::string(root) + "/data/osv-samples", sbom::Diagnostics([](const sbom::Diagnostic&) {})));
  auto db = Database::from_bytes(b.serialize(0), "samples");
  REQUIRE(db);
  Document doc = doc_of({lib("pkg:deb/debian/nginx@1.2.1-2.2%2Bwheezy2?distro=debian-7", "nginx", "1.2.1-2.2+wheezy2"),
                         lib("pkg:deb/debian/nginx@1.2.1-2.2%2Bwheezy3?distro=debian-7", "nginx", "1.2.1-2.2+wheezy3"),
                         lib("pkg:maven/org.apache.any23/apache-any23@2.4", "apache-any23", "2.4")});
  auto r = sbom::match::scan(doc, *db, {});
  CHECK(r.unmatched.empty());
  REQUIRE(doc.vulnerabilities->size() == 2);
  const auto& dsa = (*doc.vulnerabilities)[0];
  CHECK(dsa.id == "CVE-2014-3616");  // DSA-3029-1's one alias
  REQUIRE(dsa.references.size() == 1);
  CHECK(dsa.references[0].id == "DSA-3029-1");
  REQUIRE(dsa.affects.size() == 1);  // wheezy3 is the fixed version
  CHECK(dsa.affects[0].ref == "pkg:deb/debian/nginx@1.2.1-2.2%2Bwheezy2?distro=debian-7");
  CHECK(dsa.recommendation == "Upgrade nginx to version 1.2.1-2.2+wheezy3");
  const auto& ghsa = (*doc.vulnerabilities)[1];
  CHECK(ghsa.id == "CVE-2021-38555");
  REQUIRE_FALSE(ghsa.ratings.empty());
  CHECK(ghsa.ratings[0].method == "CVSSv31");
  CHECK(ghsa.recommendation == "Upgrade apache-any23 to version 2.5");
  // An Ubuntu Pro record with an enumerated versions list.
  auto v = sbom::match::explain(*db, "Ubuntu:Pro:14.04:LTS", "linux", std::string_view("3.12.0-2.5"));
  REQUIRE(v);
  REQUIRE(v->size() == 1);
  CHECK((*v)[0].affected);
}

TEST_CASE("a record naming two earlier alias groups joins them into one vulnerability") {
  auto rec = [](const std::string& id, const std::string& aliases, const std::string& fixed) {
    return R"({"id":")" + id + R"(","modified":"t","aliases":[)" + aliases +
           R"(],"affected":[{"package":{"ecosystem":"PyPI","name":"foo"},"ranges":[{"type":"ECOSYSTEM","events":[{"introduced":"0"},{"fixed":")" +
           fixed + R"("}]}]}]})";
  };
  // In id order A and B start separate groups; C names both of their aliases; D stays alone.
  Database db = index_of({rec("PYSEC-A", R"("CVE-2020-1")", "1.2"), rec("PYSEC-B", R"("CVE-2020-2")", "1.4"),
                          rec("PYSEC-C", R"("CVE-2020-1","CVE-2020-2")", "1.3"), rec("PYSEC-D", "", "1.1")});
  Document doc = doc_of({lib("pkg:pypi/foo@1.0", "foo", "1.0")});
  auto r = sbom::match::scan(doc, db, {});
  REQUIRE(doc.vulnerabilities->size() == 2);
  const auto& joined = (*doc.vulnerabilities)[0];
  CHECK(joined.id == "PYSEC-A");  // two CVEs in the group: the first record id names it
  CHECK(joined.references.size() == 4);
  CHECK(joined.recommendation == "Upgrade foo to version 1.4");  // the highest fix of the group
  CHECK((*doc.vulnerabilities)[1].id == "PYSEC-D");
  CHECK(r.findings == 2);
}

TEST_CASE("apk packages match records imported from Alpine's secdb, by origin") {
  Builder b;
  std::string secdb = R"({"distroversion":"v3.19","reponame":"main","urlprefix":"https://dl-cdn.alpinelinux.org/alpine",
    "apkurl":"x","archs":["x86_64"],"packages":[
      {"pkg":{"name":"openssl","secfixes":{"3.1.4-r1":["CVE-2023-5678"],"3.1.2-r0":["CVE-2023-3446"]}}},
      {"pkg":{"name":"db","secfixes":{"0":["CVE-2016-0682"]}}}]})";
  REQUIRE(b.add_record(secdb, "main.json", sbom::Diagnostics([](const sbom::Diagnostic& dg) { FAIL(dg.where.to_string()); })));
  auto db = Database::from_bytes(b.serialize(0), "mem");
  REQUIRE(db);
  Document doc = doc_of({lib("pkg:apk/alpine/libcrypto3@3.1.4-r0?arch=x86_64&distro=3.19.1&upstream=openssl", "libcrypto3", "3.1.4-r0"),
                         lib("pkg:apk/alpine/db@5.3.28-r1?distro=3.19.1", "db", "5.3.28-r1")});
  auto r = sbom::match::scan(doc, *db, {});
  CHECK(r.unmatched.empty());
  CHECK(r.looked_up == 2);
  REQUIRE(doc.vulnerabilities->size() == 1);
  const auto& v = (*doc.vulnerabilities)[0];
  CHECK(v.id == "CVE-2023-5678");
  REQUIRE(v.references.size() == 1);
  CHECK(v.references[0].id == "ALPINE-CVE-2023-5678");
  CHECK(v.references[0].source_name == "Alpine");
  CHECK(v.recommendation == "Upgrade libcrypto3 to version 3.1.4-r1");
}

TEST_CASE("Red Hat rpms: the main stream's records of every repository, or the repository's stream") {
  // Handmade records in the shape of Red Hat's OSV data (binary rpm names, epoch written out).
  auto rhsa = [](const std::string& id, const std::string& eco, const std::string& name, const std::string& fixed) {
    return R"({"id":")" + id + R"(","modified":"2024-01-01T00:00:00Z","upstream":["CVE-2024-0001"],
      "references":[{"type":"ARTICLE","url":"https://access.redhat.com/security/updates/classification/#moderate"}],
      "affected":[{"package":{"ecosystem":")" + eco + R"(","name":")" + name + R"("},
        "ranges":[{"type":"ECOSYSTEM","events":[{"introduced":"0"},{"fixed":")" + fixed + R"("}]}]}]})";
  };
  Database db = index_of({rhsa("RHSA-2024:0001", "Red Hat:enterprise_linux:9::baseos", "openssl-libs", "1:3.0.7-25.el9_3"),
                          rhsa("RHSA-2024:0002", "Red Hat:enterprise_linux:9::appstream", "openssl", "1:3.0.7-26.el9_3"),
                          rhsa("RHSA-2024:0003", "Red Hat:rhel_eus:9.2::baseos", "openssl-libs", "1:3.0.7-24.el9_2.1"),
                          rhsa("RHSA-2024:0004", "Red Hat:enterprise_linux:8::baseos", "openssl-libs", "1:1.1.1k-12.el8_9")});
  Document doc = doc_of({lib("pkg:rpm/redhat/openssl-libs@3.0.7-24.el9?arch=x86_64&epoch=1&distro=rhel-9.2&upstream=openssl-3.0.7-24.el9.src.rpm",
                             "openssl-libs", "1:3.0.7-24.el9"),
                         lib("pkg:rpm/redhat/openssl-libs@3.0.7-24.el9_2.1?arch=x86_64&epoch=1&distro=rhel-9.2&repository_id=rhel-9-for-x86_64-baseos-eus-rpms",
                             "openssl-libs", "1:3.0.7-24.el9_2.1")});
  auto r = sbom::match::scan(doc, db, {});
  CHECK(r.unmatched.empty());
  REQUIRE(doc.vulnerabilities->size() == 2);
  // Main stream: both repositories' records (binary name in baseos, source name in appstream);
  // neither the EUS stream's nor RHEL 8's.
  const auto& a = (*doc.vulnerabilities)[0];
  CHECK(a.id == "RHSA-2024:0001");
  REQUIRE(a.affects.size() == 1);
  CHECK(a.affects[0].ref.find("rhel-9.2&upstream") != std::string::npos);
  REQUIRE(a.ratings.size() == 1);
  CHECK(a.ratings[0].severity == "medium");
  CHECK(a.ratings[0].justification == "severity moderate");
  CHECK((*doc.vulnerabilities)[1].id == "RHSA-2024:0002");
  CHECK((*doc.vulnerabilities)[1].recommendation == "Upgrade openssl-libs to version 1:3.0.7-26.el9_3");
  // The EUS system at the EUS fix: not affected by its stream's record, and main-stream records
  // do not apply to it.
  CHECK(r.affected_components == 1);
}

TEST_CASE("Red Hat's published OSV records (osv-schema's converter samples) match rpms of their streams") {
  const char* root = std::getenv("SBOMKIT_SHARED");
  if (root == nullptr) {
    WARN("SBOMKIT_SHARED not set: skipping");
    return;
  }
  Builder b;
  REQUIRE(b.add_source(std::string(root) + "/data/osv-samples/osv-schema/redhat-converter/OSV", sbom::Diagnostics([](const sbom::Diagnostic& dg) { FAIL(dg.where.to_string()); })));
  auto db = Database::from_bytes(b.serialize(0), "redhat");
  REQUIRE(db);
  const std::string e4s = "&distro=rhel-8.6&repository_id=rhel-8-for-x86_64-appstream-e4s-rpms";
  Document doc = doc_of({lib("pkg:rpm/redhat/git-lfs@2.13.3-3.el8_6?arch=x86_64" + e4s, "git-lfs", "2.13.3-3.el8_6"),
                         lib("pkg:rpm/redhat/git-lfs@2.13.3-3.el8_6.1?arch=x86_64" + e4s, "git-lfs", "2.13.3-3.el8_6.1"),
                         lib("pkg:rpm/redhat/python39-libs@3.9.7-1.module%2Bel8.6.0%2B12272%2B74e5d1f7?arch=x86_64&distro=rhel-8.6"
                             "&repository_id=rhel-8-for-x86_64-appstream-aus-rpms",
                             "python39-libs", "3.9.7-1.module+el8.6.0+12272+74e5d1f7"),
                         lib("pkg:rpm/redhat/git-lfs@2.13.3-3.el8_6?arch=x86_64&distro=redhat-8.6", "git-lfs", "2.13.3-3.el8_6")});
  auto r = sbom::match::scan(doc, *db, {});
  // The samples hold only the 8.6 AUS/E4S/TUS streams: the Trivy-form component (main stream) has no data.
  REQUIRE(r.unmatched.size() == 1);
  CHECK(r.unmatched[0].reason == "no Red Hat:enterprise_linux:8 advisories in the index");
  REQUIRE(doc.vulnerabilities->size() == 2);
  const auto& lfs = (*doc.vulnerabilities)[0];
  CHECK(lfs.id == "RHSA-2024:4546");
  REQUIRE(lfs.affects.size() == 1);  // el8_6.1 is the fix
  CHECK(lfs.recommendation == "Upgrade git-lfs to version 0:2.13.3-3.el8_6.1");
  const auto& py = (*doc.vulnerabilities)[1];
  CHECK(py.id == "RHSA-2024:6220");
  CHECK(py.recommendation == "Upgrade python39-libs to version 0:3.9.7-2.module+el8.6.0+20026+579726f4.2");
  bool important = false;
  for (const auto& rating : py.ratings) important = important || (rating.source_name == "Red Hat" && rating.severity == "high");
  CHECK(important);
}

TEST_CASE("real Ubuntu USN and UBUNTU-CVE records (vunnel's fixtures) match a binary package by its source") {
  const char* root = std::getenv("SBOMKIT_SHARED");
  if (root == nullptr) {
    WARN("SBOMKIT_SHARED not set: skipping");
    return;
  }
  Builder b;
  REQUIRE(b.add_source(std::string(root) + "/data/feeds/vunnel-inputs/ubuntu/test-fixtures/osv", sbom::Diagnostics([](const sbom::Diagnostic& dg) { FAIL(dg.where.to_string()); })));
  // osv.dev's DLA, USN and SUSE test records have empty `affected` lists: indexed, never matched.
  REQUIRE(b.add_source(std::string(root) + "/data/osv-samples/osv.dev/DLA-3623-1.json", sbom::Diagnostics([](const sbom::Diagnostic&) {})));
  REQUIRE(b.add_source(std::string(root) + "/data/osv-samples/osv.dev/SUSE-SU-2023_3313-1.json", sbom::Diagnostics([](const sbom::Diagnostic&) {})));
  auto db = Database::from_bytes(b.serialize(0), "ubuntu");
  REQUIRE(db);
  auto wayland = [](const std::string& version) {
    std::string purl = "pkg:deb/ubuntu/libwayland-client0@";  // built in steps: g++ 12 warns (-Wrestrict) on a + b + c
    purl += version;
    purl += "?arch=amd64&distro=ubuntu-20.04&upstream=wayland";
    return lib(purl, "libwayland-client0", version);
  };
  Document doc = doc_of({wayland("1.18.0-1"), wayland("1.18.0-1ubuntu0.1"),
                         lib("pkg:deb/debian/linux@4.19.289-2?distro=debian-10", "linux", "4.19.289-2")});
  auto r = sbom::match::scan(doc, *db, {});
  REQUIRE(r.unmatched.size() == 1);  // DLA-3623-1 names no package: no Debian 10 data at all
  CHECK(r.unmatched[0].reason == "no Debian:10 advisories in the index");
  CHECK(r.affected_components == 1);
  REQUIRE_FALSE(doc.vulnerabilities->empty());
  bool usn = false;
  for (const auto& v : *doc.vulnerabilities) {
    REQUIRE(v.affects.size() == 1);
    CHECK(v.affects[0].ref == "pkg:deb/ubuntu/libwayland-client0@1.18.0-1?arch=amd64&distro=ubuntu-20.04&upstream=wayland");
    if (v.id == "USN-5614-1") {
      usn = true;
      CHECK(v.recommendation == "Upgrade libwayland-client0 to version 1.18.0-1ubuntu0.1");
      // The notice has no severity of its own: its CVEs' vectors and Ubuntu priorities are its ratings.
      bool priority = false, vector = false;
      for (const auto& r : v.ratings) {
        CHECK(r.source_name == "Ubuntu");
        if (r.method == "other") {
          priority = true;
          CHECK(r.severity == "medium");
          CHECK(r.justification == "Ubuntu medium for CVE-2021-3782");
        }
        if (r.vector == "CVSS:3.1/AV:L/AC:L/PR:L/UI:N/S:U/C:L/I:L/A:H") vector = true;
      }
      CHECK(priority);
      CHECK(vector);
    }
  }
  CHECK(usn);
}

TEST_CASE("Go module paths a producer lowercased match ignoring case, and the finding says so") {
  const std::string rec = R"({"id":"GO-2022-0411","modified":"2024-01-01T00:00:00Z","aliases":["GHSA-3839-6r69-m497"],
    "affected":[{"package":{"ecosystem":"Go","name":"github.com/Masterminds/goutils"},
      "ranges":[{"type":"SEMVER","events":[{"introduced":"0"},{"fixed":"1.1.1"}]}]}]})";
  const std::string pypi = R"({"id":"PYSEC-1","modified":"2024-01-01T00:00:00Z",
    "affected":[{"package":{"ecosystem":"PyPI","name":"goutils"},"ranges":[{"type":"ECOSYSTEM","events":[{"introduced":"0"}]}]}]})";
  Database db = index_of({rec, pypi});
  CHECK(db.names_ignoring_case("Go", "github.com/masterminds/goutils").value() ==
        std::vector<std::string>{"github.com/Masterminds/goutils"});
  CHECK(db.names_ignoring_case("Go", "github.com/masterminds/goutil").value().empty());
  CHECK(db.names_ignoring_case("PyPI", "GITHUB.COM/MASTERMINDS/GOUTILS").value().empty());

  Document doc = doc_of({lib("pkg:golang/github.com/masterminds/goutils@v1.1.0", "goutils", "v1.1.0"),
                         lib("pkg:golang/github.com/Masterminds/goutils@v1.0.0", "goutils", "v1.0.0")});
  sbom::DiagnosticList warnings;
  sbom::match::Options options;
  options.diagnostics = warnings.sink();
  auto r = sbom::match::scan(doc, db, options);
  CHECK(r.findings == 2);
  REQUIRE(doc.vulnerabilities->size() == 1);
  const sbom::Vulnerability& v = doc.vulnerabilities->front();
  CHECK(v.affects.size() == 2);
  REQUIRE(v.properties.size() == 1);  // only the lowercased one was matched ignoring case
  CHECK(v.properties[0].name == "sbomkit:match:name_ignoring_case");
  CHECK(v.properties[0].value == "pkg:golang/github.com/masterminds/goutils@v1.1.0 -> github.com/Masterminds/goutils");
  REQUIRE(warnings.items().size() == 1);
  CHECK(warnings.items()[0].where.message ==
        "pkg:golang/github.com/masterminds/goutils@v1.1.0: matched ignoring case: the advisories name "
        "'github.com/Masterminds/goutils', the component 'github.com/masterminds/goutils'");

  // Other ecosystems keep their own name rules: no case folding outside Go.
  Document npm = doc_of({lib("pkg:pypi/GoUtils@1.0", "GoUtils", "1.0")});
  CHECK(sbom::match::scan(npm, db, {}).findings == 1);  // PEP 503 folds case already
}

namespace {

// Go's vulndb never rates; GitHub's and NVD's records of the same vulnerability do.
const std::string kGoUnrated = R"({"id":"GO-2023-0001","modified":"2024-01-01T00:00:00Z","aliases":["CVE-2023-1111","GHSA-gggg-hhhh-iiii"],
  "affected":[{"package":{"ecosystem":"Go","name":"stdlib"},"ranges":[{"type":"SEMVER","events":[{"introduced":"0"},{"fixed":"1.21.3"}]}]}]})";
// GitHub's record names the module, not stdlib: it lends its ratings by alias, it is no finding itself.
const std::string kGhsaLender = R"({"id":"GHSA-gggg-hhhh-iiii","modified":"2024-01-01T00:00:00Z","aliases":["CVE-2023-1111"],
  "severity":[{"type":"CVSS_V3","score":"CVSS:3.1/AV:N/AC:L/PR:N/UI:N/S:U/C:N/I:N/A:H"}],"database_specific":{"severity":"MODERATE"},
  "affected":[{"package":{"ecosystem":"Go","name":"golang.org/x/net"},"ranges":[{"type":"SEMVER","events":[{"introduced":"0"},{"fixed":"0.17.0"}]}]}]})";
const std::string kNvdLender = R"({"format":"NVD_CVE","version":"2.0","vulnerabilities":[{"cve":{"id":"CVE-2023-1111",
  "sourceIdentifier":"x","published":"2023-10-10T14:15:10.883","lastModified":"2023-10-11T00:00:00.000","vulnStatus":"Analyzed",
  "metrics":{"cvssMetricV31":[{"source":"nvd@nist.gov","type":"Primary","cvssData":{"version":"3.1",
    "vectorString":"CVSS:3.1/AV:N/AC:L/PR:N/UI:N/S:U/C:N/I:N/A:H","baseScore":7.5,"baseSeverity":"HIGH"}}]}}}]})";

}  // namespace

TEST_CASE("a finding whose records carry no rating takes its aliases' ratings from GitHub and NVD, naming each record") {
  Database db = index_of({kGoUnrated, kGhsaLender, kNvdLender});
  Document doc = doc_of({lib("pkg:golang/stdlib@1.21.0", "stdlib", "1.21.0")});
  auto r = sbom::match::scan(doc, db, {});
  CHECK_FALSE(r.index_error);
  REQUIRE(doc.vulnerabilities->size() == 1);
  const auto& v = (*doc.vulnerabilities)[0];
  CHECK(v.id == "CVE-2023-1111");
  CHECK(v.source_name == "NVD");
  REQUIRE(v.ratings.size() == 3);
  CHECK(v.ratings[0].source_name == "NVD");
  CHECK(v.ratings[0].source_url == "https://nvd.nist.gov/vuln/detail/CVE-2023-1111");
  CHECK(v.ratings[0].method == "CVSSv31");
  CHECK(v.ratings[1].source_name == "GitHub");
  CHECK(v.ratings[1].source_url == "https://github.com/advisories/GHSA-gggg-hhhh-iiii");
  CHECK(v.ratings[1].method == "CVSSv31");
  CHECK(v.ratings[2].source_name == "GitHub");
  CHECK(v.ratings[2].severity == "medium");
  std::vector<std::string> lenders;
  for (const auto& p : v.properties)
    if (p.name == "sbomkit:ratings:from_alias") lenders.push_back(p.value);
  CHECK(lenders == std::vector<std::string>{"CVE-2023-1111", "GHSA-gggg-hhhh-iiii"});
  REQUIRE(v.affects.size() == 1);  // GitHub's record did not become a finding of its own package
}

TEST_CASE("the linkage goes one hop further: a Go record naming only the GHSA reaches NVD's record by the GHSA's CVE") {
  std::string go = kGoUnrated;
  go.replace(go.find(R"("CVE-2023-1111",)"), std::string(R"("CVE-2023-1111",)").size(), "");
  REQUIRE(go.find("CVE-2023-1111") == std::string::npos);
  Database db = index_of({go, kGhsaLender, kNvdLender});
  Document doc = doc_of({lib("pkg:golang/stdlib@1.21.0", "stdlib", "1.21.0")});
  auto r = sbom::match::scan(doc, db, {});
  CHECK_FALSE(r.index_error);
  REQUIRE(doc.vulnerabilities->size() == 1);
  const auto& v = (*doc.vulnerabilities)[0];
  std::vector<std::string> lenders, sources;
  for (const auto& p : v.properties)
    if (p.name == "sbomkit:ratings:from_alias") lenders.push_back(p.value);
  for (const auto& rt : v.ratings) sources.push_back(rt.source_name);
  CHECK(lenders == std::vector<std::string>{"CVE-2023-1111", "GHSA-gggg-hhhh-iiii"});
  CHECK(sources == std::vector<std::string>{"NVD", "GitHub", "GitHub"});
}

TEST_CASE("ratings are borrowed only when the finding's own records have none, and never from withdrawn records") {
  std::string go_rated = kGoUnrated;
  go_rated.replace(go_rated.find(R"("affected")"), 0, R"("severity":[{"type":"CVSS_V3","score":"CVSS:3.1/AV:L/AC:H/PR:H/UI:R/S:U/C:L/I:N/A:N"}],)");
  Database rated = index_of({go_rated, kGhsaLender, kNvdLender});
  Document doc = doc_of({lib("pkg:golang/stdlib@1.21.0", "stdlib", "1.21.0")});
  sbom::match::scan(doc, rated, {});
  REQUIRE(doc.vulnerabilities->size() == 1);
  REQUIRE((*doc.vulnerabilities)[0].ratings.size() == 1);
  CHECK((*doc.vulnerabilities)[0].ratings[0].source_name == "Go");
  CHECK((*doc.vulnerabilities)[0].properties.empty());

  std::string withdrawn = kGhsaLender;
  withdrawn.replace(withdrawn.find(R"("aliases")"), 0, R"("withdrawn":"2024-02-01T00:00:00Z",)");
  Database gone = index_of({kGoUnrated, withdrawn});
  Document doc2 = doc_of({lib("pkg:golang/stdlib@1.21.0", "stdlib", "1.21.0")});
  sbom::match::scan(doc2, gone, {});
  REQUIRE(doc2.vulnerabilities->size() == 1);
  CHECK((*doc2.vulnerabilities)[0].ratings.empty());
  CHECK((*doc2.vulnerabilities)[0].properties.empty());
}

TEST_CASE("KEV and EPSS entries of a vulnerability's CVEs, and of the CVEs its records name as related, become properties") {
  std::string go = kGoUnrated;
  go.replace(go.find(R"("affected")"), 0, R"("related":["CVE-2023-9999"],)");
  const std::string kev = R"({"catalogVersion":"2025.08.25","vulnerabilities":[{"cveID":"CVE-2023-9999","dateAdded":"2023-10-10",
    "dueDate":"2023-10-31","knownRansomwareCampaignUse":"Unknown","vulnerabilityName":"protocol flaw"}]})";
  const std::string epss = "#model_version:v2023.03.01,score_date:2025-02-20T00:00:00+0000\ncve,epss,percentile\n"
                           "CVE-2023-1111,0.00213,0.59314\nCVE-2023-9999,0.94436,0.99977\n";
  Builder b;
  REQUIRE(b.add_record(go, "go.json", sbom::Diagnostics([](const sbom::Diagnostic& dg) { FAIL(dg.where.to_string()); })));
  REQUIRE(b.add_record(kev, "kev.json", sbom::Diagnostics([](const sbom::Diagnostic& dg) { FAIL(dg.where.to_string()); })));
  REQUIRE(b.add_record(epss, "epss.csv", sbom::Diagnostics([](const sbom::Diagnostic& dg) { FAIL(dg.where.to_string()); })));
  auto db = Database::from_bytes(b.serialize(0), "mem");
  REQUIRE(db);
  Document doc = doc_of({lib("pkg:golang/stdlib@1.21.0", "stdlib", "1.21.0")});
  auto r = sbom::match::scan(doc, *db, {});
  CHECK_FALSE(r.index_error);
  REQUIRE(doc.vulnerabilities->size() == 1);
  std::vector<std::string> props;
  for (const auto& p : (*doc.vulnerabilities)[0].properties) props.push_back(p.name + "=" + p.value);
  CHECK(props == std::vector<std::string>{"sbomkit:kev:cve=CVE-2023-9999", "sbomkit:kev:date_added=2023-10-10",
                                          "sbomkit:kev:due_date=2023-10-31", "sbomkit:kev:known_ransomware_use=Unknown",
                                          "sbomkit:kev:via=related", "sbomkit:epss:cve=CVE-2023-9999",
                                          "sbomkit:epss:score=0.94436", "sbomkit:epss:percentile=0.99977",
                                          "sbomkit:epss:date=2025-02-20"});
}
