// Tests of the distro feeds that keep the vendor's verdict: the Debian security tracker's JSON and
// Red Hat's CSAF VEX documents, on the shared real excerpts.
#include "helpers.h"

#include <map>
#include <string>

using sbom::vulndb::Builder;

namespace {

const sbom::Diagnostics fail_on_issue([](const sbom::Diagnostic& d) { FAIL(d.to_string()); });

// (ecosystem, package) -> "vendor_state fixed-version" of every entry of a record, as the index gives it back.
std::map<std::string, std::string> states_of(const sbom::vulndb::Database& db, const std::string& eco,
                                             const std::string& name, const std::string& id) {
  std::map<std::string, std::string> out;
  auto recs = db.query(eco, name);
  REQUIRE(recs);
  for (const auto& r : *recs) {
    if (r.id != id) continue;
    for (const auto& a : r.affected) {
      if (a.package.ecosystem != eco || a.package.name != name) continue;
      const auto* state = a.ecosystem_specific.find("vendor_state");
      REQUIRE(state != nullptr);
      std::string fixed;
      for (const auto& range : a.ranges)
        for (const auto& e : range.events)
          if (e.kind == sbom::osv::Event::Kind::kFixed) fixed = e.version;
      std::string& slot = out[state->as_string()];
      slot += slot.empty() ? fixed : "," + fixed;
    }
  }
  return out;
}

}  // namespace

TEST_CASE("the shared Debian tracker excerpts: states per release, never-affected releases left out") {
  auto root = vulndb_test::shared_data();
  if (root.empty()) {
    WARN("SBOMKIT_SHARED not set: skipping");
    return;
  }
  Builder b;
  REQUIRE(b.add_source((root / "feeds" / "debian-tracker" / "osv.dev" / "debian_security_tracker_mock.json").string(), fail_on_issue));
  REQUIRE(b.add_source((root / "feeds" / "vunnel-inputs" / "debian" / "test-fixtures" / "input" / "debian.json").string(), fail_on_issue));
  auto db = vulndb_test::index_of(b);
  // apparmor CVE-2016-1585: bookworm open (unimportant), trixie fixed 3.0.12-1; CVE-2014-1424 has
  // fixed_version 0 everywhere (never affected): no record at all.
  CHECK(states_of(db, "Debian:12", "apparmor", "DEBIAN-CVE-2016-1585") == std::map<std::string, std::string>{{"unfixed", ""}});
  CHECK(states_of(db, "Debian:13", "apparmor", "DEBIAN-CVE-2016-1585") == std::map<std::string, std::string>{{"fixed", "3.0.12-1"}});
  auto all = db.query("Debian:12", "apparmor");
  REQUIRE(all);
  for (const auto& r : *all) CHECK(r.id != "DEBIAN-CVE-2014-1424");
  // chromium CVE-2022-0456: buster and stretch open at urgency end-of-life, bullseye fixed.
  CHECK(states_of(db, "Debian:10", "chromium", "DEBIAN-CVE-2022-0456") == std::map<std::string, std::string>{{"end-of-life", ""}});
  CHECK(states_of(db, "Debian:9", "chromium", "DEBIAN-CVE-2022-0456") == std::map<std::string, std::string>{{"end-of-life", ""}});
  CHECK(states_of(db, "Debian:11", "chromium", "DEBIAN-CVE-2022-0456") ==
        std::map<std::string, std::string>{{"fixed", "98.0.4758.80-1~deb11u1"}});
}

TEST_CASE("the shared Red Hat CSAF VEX documents: fixed, out of support scope, not affected") {
  auto root = vulndb_test::shared_data();
  if (root.empty()) {
    WARN("SBOMKIT_SHARED not set: skipping");
    return;
  }
  const auto vex = root / "feeds" / "redhat-csaf" / "vex";
  Builder b;
  for (const char* f : {"CVE-2024-5154.json", "CVE-2024-34500.json", "CVE-2024-34502.json"})
    REQUIRE(b.add_source((vex / f).string(), fail_on_issue));
  auto db = vulndb_test::index_of(b);
  // CVE-2024-5154 (cri-o): fixed for OpenShift 4.12 on el8 in 1.25.5-21.2.rhaos4.12.gita3eb75f.el8;
  // known_affected on OpenShift 3.11 with remediation no_fix_planned "Out of support scope".
  CHECK(states_of(db, "Red Hat:openshift:4.12::el8", "cri-o", "REDHAT-CVE-2024-5154") ==
        std::map<std::string, std::string>{{"fixed", "1.25.5-21.2.rhaos4.12.gita3eb75f.el8"}});
  CHECK(states_of(db, "Red Hat:openshift:3.11", "cri-o", "REDHAT-CVE-2024-5154") ==
        std::map<std::string, std::string>{{"out-of-support", ""}});
  // Its 555 known_not_affected products give no entry: kernel on OpenShift 4.12 (el8) is one.
  CHECK(states_of(db, "Red Hat:openshift:4.12::el8", "kernel", "REDHAT-CVE-2024-5154").empty());
  CHECK(states_of(db, "Red Hat:openshift:3.11", "mediawiki", "REDHAT-CVE-2024-34500") ==
        std::map<std::string, std::string>{{"out-of-support", ""}});
  auto rec = db.query("Red Hat:openshift:3.11", "mediawiki");
  REQUIRE(rec);
  REQUIRE(rec->size() == 2);  // CVE-2024-34500 and CVE-2024-34502, in id order
  const auto& r = (*rec)[0];
  CHECK(r.id == "REDHAT-CVE-2024-34500");
  CHECK(r.aliases == std::vector<std::string>{"CVE-2024-34500"});
  CHECK(r.database_specific.find("severity")->as_string() == "Moderate");
  REQUIRE(r.severity.size() == 1);
  CHECK(r.severity[0].score == "CVSS:3.1/AV:N/AC:L/PR:N/UI:N/S:U/C:L/I:N/A:N");
}

TEST_CASE("Red Hat CSAF: will not fix, fix deferred, under investigation and not affected reach the record") {
  const std::string doc = R"({"document":{"csaf_version":"2.0","category":"csaf_vex","tracking":{"current_release_date":"2024-06-01T00:00:00Z"}},
    "product_tree":{"branches":[{"category":"vendor","name":"Red Hat","branches":[
      {"category":"product_name","name":"RHEL 9","product":{"name":"Red Hat Enterprise Linux 9","product_id":"red_hat_enterprise_linux_9",
        "product_identification_helper":{"cpe":"cpe:/o:redhat:enterprise_linux:9"}}},
      {"category":"product_version","name":"a","product":{"name":"a","product_id":"a","product_identification_helper":{"purl":"pkg:rpm/redhat/a?arch=src"}}},
      {"category":"product_version","name":"b","product":{"name":"b","product_id":"b","product_identification_helper":{"purl":"pkg:rpm/redhat/b?arch=src"}}},
      {"category":"product_version","name":"c","product":{"name":"c","product_id":"c","product_identification_helper":{"purl":"pkg:rpm/redhat/c?arch=src"}}},
      {"category":"product_version","name":"d","product":{"name":"d","product_id":"d","product_identification_helper":{"purl":"pkg:rpm/redhat/d?arch=src"}}},
      {"category":"product_version","name":"e","product":{"name":"e","product_id":"e","product_identification_helper":{"purl":"pkg:rpm/redhat/e@1.2-3.el9?arch=src&epoch=1"}}}]}],
    "relationships":[
      {"category":"default_component_of","full_product_name":{"name":"a","product_id":"9:a"},"product_reference":"a","relates_to_product_reference":"red_hat_enterprise_linux_9"},
      {"category":"default_component_of","full_product_name":{"name":"b","product_id":"9:b"},"product_reference":"b","relates_to_product_reference":"red_hat_enterprise_linux_9"},
      {"category":"default_component_of","full_product_name":{"name":"c","product_id":"9:c"},"product_reference":"c","relates_to_product_reference":"red_hat_enterprise_linux_9"},
      {"category":"default_component_of","full_product_name":{"name":"d","product_id":"9:d"},"product_reference":"d","relates_to_product_reference":"red_hat_enterprise_linux_9"},
      {"category":"default_component_of","full_product_name":{"name":"e","product_id":"9:e"},"product_reference":"e","relates_to_product_reference":"red_hat_enterprise_linux_9"}]},
    "vulnerabilities":[{"cve":"CVE-2099-2001","product_status":{"known_affected":["9:a","9:b"],"under_investigation":["9:c"],
      "known_not_affected":["9:d"],"fixed":["9:e"]},
      "remediations":[{"category":"no_fix_planned","details":"Will not fix","product_ids":["9:a"]},
                      {"category":"none_available","details":"Fix deferred","product_ids":["9:b"]}]}]})";
  Builder b;
  REQUIRE(b.add_record(doc, "vex.json", fail_on_issue));
  auto db = vulndb_test::index_of(b);
  const std::string eco = "Red Hat:enterprise_linux:9", id = "REDHAT-CVE-2099-2001";
  CHECK(states_of(db, eco, "a", id) == std::map<std::string, std::string>{{"will-not-fix", ""}});
  CHECK(states_of(db, eco, "b", id) == std::map<std::string, std::string>{{"fix-deferred", ""}});
  CHECK(states_of(db, eco, "c", id) == std::map<std::string, std::string>{{"under-investigation", ""}});
  CHECK(states_of(db, eco, "d", id).empty());
  CHECK(states_of(db, eco, "e", id) == std::map<std::string, std::string>{{"fixed", "1:1.2-3.el9"}});
}

TEST_CASE("the shared Ubuntu OpenVEX excerpts: states per release, Pro and binary products left out") {
  auto root = vulndb_test::shared_data();
  if (root.empty()) {
    WARN("SBOMKIT_SHARED not set: skipping");
    return;
  }
  const auto vex = root / "feeds" / "vunnel-inputs" / "ubuntu" / "test-fixtures" / "vex" / "cve";
  Builder b;
  REQUIRE(b.add_source((vex / "2023" / "CVE-2023-38545.json").string(), fail_on_issue));
  REQUIRE(b.add_source((vex / "2016" / "CVE-2016-20013.json").string(), fail_on_issue));
  auto db = vulndb_test::index_of(b);
  // curl CVE-2023-38545: fixed in jammy and noble at the versions the statement names; xenial's
  // curl is no longer supported (affected, end-of-life).
  CHECK(states_of(db, "Ubuntu:22.04:LTS", "curl", "UBUNTU-CVE-2023-38545") ==
        std::map<std::string, std::string>{{"fixed", "7.81.0-1ubuntu1.24"}});
  CHECK(states_of(db, "Ubuntu:24.04:LTS", "curl", "UBUNTU-CVE-2023-38545") ==
        std::map<std::string, std::string>{{"fixed", "8.5.0-2ubuntu10.9"}});
  CHECK(states_of(db, "Ubuntu:16.04:LTS", "curl", "UBUNTU-CVE-2023-38545") ==
        std::map<std::string, std::string>{{"end-of-life", ""}});
  // CVE-2016-20013: the Security Team decided not to fix it (ignored) in trusty's sssd; noble's
  // zabbix is not affected (no entry at all).
  CHECK(states_of(db, "Ubuntu:14.04:LTS", "sssd", "UBUNTU-CVE-2016-20013") ==
        std::map<std::string, std::string>{{"ignored", ""}});
  auto zabbix = db.query("Ubuntu:24.04:LTS", "zabbix");
  REQUIRE(zabbix);
  CHECK(zabbix->empty());
  // Binary products (arch=amd64) are not source packages: no entry under their names.
  auto bin = db.query("Ubuntu:14.04:LTS", "dietlibc-dev");
  REQUIRE(bin);
  CHECK(bin->empty());
}
