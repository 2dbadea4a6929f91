// Tests of scan bundles: create is deterministic and its members are the inputs; open and verify
// find each kind of alteration by member; the gate is re-made as of the archived date.
#include <catch2/catch.hpp>

#include <fstream>
#include <sstream>

#include "archive/read.h"
#include "archive/tar.h"
#include "sbom/archive.h"
#include "sbom/format.h"
#include "sbom/text.h"

using namespace sbom;

namespace {

std::string data_file(const std::string& rel) {
  std::ifstream f(std::string(SBOMKIT_SOURCE_ROOT) + "/tests/data/" + rel, std::ios::binary);
  std::stringstream s;
  s << f.rdbuf();
  REQUIRE(!s.str().empty());
  return s.str();
}

exceptions::Date day(const char* text) {
  auto d = exceptions::Date::parse(text);
  REQUIRE(d);
  return *d;
}

archive::CreateOptions inputs(const char* date = "2026-10-01") {
  archive::CreateOptions o;
  o.scan = {"scan.cdx.json", data_file("exceptions/scan.cdx.json")};
  o.policy = {"policy.json", data_file("archive/policy.json")};
  o.exceptions = archive::InputFile{"exceptions.yaml", data_file("exceptions/exceptions.yaml")};
  o.as_of = day(date);
  o.tool = "sbom-archive test";
  return o;
}

attest::Key key(const char* name, bool priv) {
  auto k = priv ? attest::Key::private_key(data_file(std::string("attest/") + name), name)
                : attest::Key::public_key(data_file(std::string("attest/") + name), name);
  REQUIRE(k);
  return std::move(*k);
}

// The bundle with member `path` replaced by `data` (the manifest untouched).
std::string replace(const std::string& tar, const std::string& path, const std::string& data) {
  auto entries = archive::tar::read(tar, "b");
  REQUIRE(entries);
  std::vector<archive::tar::File> files;
  for (const auto& e : *entries) files.push_back({e.path, e.path == path ? std::string_view(data) : e.data});
  auto out = archive::tar::write(files, 0);
  REQUIRE(out);
  return *out;
}

}  // namespace

TEST_CASE("archive: create is byte-identical for the same inputs, and its members are the inputs") {
  auto k = key("ed25519.key", true);
  auto o = inputs();
  o.key = &k;
  auto a = archive::create(o);
  auto b = archive::create(o);
  REQUIRE(a);
  REQUIRE(b);
  CHECK(a->tar == b->tar);
  auto bundle = archive::open(a->tar, "a.tar");
  REQUIRE(bundle);
  CHECK(bundle->entries[0].path == "manifest.json");
  CHECK(bundle->entries[1].path == "manifest.sig");
  CHECK(bundle->as_of == "2026-10-01");
  REQUIRE(bundle->members.size() == 4);
  CHECK(bundle->find("scan.cdx.json")->data == o.scan.data);
  CHECK(bundle->find("exceptions.yaml")->data == o.exceptions->data);
  CHECK(bundle->members[0].sha256 == text::sha256_hex(o.scan.data));
  // Another date is another decision and another bundle.
  auto later = archive::create(inputs("2026-12-20"));
  REQUIRE(later);
  CHECK(!a->decision.violated);
  CHECK(later->decision.violated);
  CHECK(later->decision.exceptions_expired == std::vector<std::string>{"exceptions.yaml:6", "exceptions.yaml:32"});
}

TEST_CASE("archive: verify passes an intact bundle and re-makes the archived decision") {
  auto k = key("p256.key", true);
  auto pub = key("p256.pub", false);
  auto o = inputs();
  o.key = &k;
  auto a = archive::create(o);
  REQUIRE(a);
  auto bundle = archive::open(a->tar, "a.tar");
  REQUIRE(bundle);
  auto v = archive::verify(*bundle, &pub, day("2026-12-20"));
  REQUIRE(v);
  CHECK(v->failures.empty());
  CHECK(v->signature_checked);
  REQUIRE(v->rejudged);
  CHECK(*v->rejudged == *v->archived);
  CHECK(!v->rejudged->violated);
  REQUIRE(v->today);
  CHECK(v->today->violated);  // two exceptions expired since
  CHECK(v->expired_since == std::vector<std::string>{"exceptions.yaml:6", "exceptions.yaml:32"});
}

TEST_CASE("archive: each alteration fails verify, naming the member") {
  auto k = key("ed25519.key", true);
  auto pub = key("ed25519.pub", false);
  auto o = inputs();
  o.key = &k;
  auto a = archive::create(o);
  REQUIRE(a);
  auto failures = [&](const std::string& tar, const attest::Key* with) {
    auto b = archive::open(tar, "t.tar");
    REQUIRE(b);
    auto v = archive::verify(*b, with, day("2026-10-02"));
    REQUIRE(v);
    return v->failures;
  };
  CHECK(failures(a->tar, &pub).empty());
  std::string scan = o.scan.data;
  scan[scan.size() / 2] ^= 0x20;
  auto f = failures(replace(a->tar, "scan.cdx.json", scan), &pub);
  REQUIRE(f.size() == 1);
  CHECK(f[0].starts_with("scan.cdx.json: sha256:"));
  // The manifest changed after signing: the signature says so, whatever the digests say.
  auto bundle = archive::open(a->tar, "a.tar");
  REQUIRE(bundle);
  std::string manifest = bundle->manifest_text;
  manifest.replace(manifest.find("2026-10-01"), 10, "2026-09-01");
  f = failures(replace(a->tar, "manifest.json", manifest), &pub);
  REQUIRE(f.size() == 1);
  CHECK(f[0] == "manifest.json: not the manifest that was signed (it was changed after signing)");
  // The wrong key; no key at all only leaves the signature unchecked.
  auto other = key("other-ed25519.pub", false);
  f = failures(a->tar, &other);
  REQUIRE(f.size() == 1);
  CHECK(f[0].starts_with("manifest.sig: no signature of the envelope verifies"));
  CHECK(failures(a->tar, nullptr).empty());
}

TEST_CASE("archive: an unsigned bundle whose gate.json was rewritten fails on the re-run") {
  auto a = archive::create(inputs());
  REQUIRE(a);
  auto bundle = archive::open(a->tar, "a.tar");
  REQUIRE(bundle);
  std::string gate(bundle->find("gate.json")->data);
  gate.replace(gate.find("\"pass\""), 6, "\"fail\"");
  // Reseal: the manifest lists the new digest, as an attacker without the key would make it.
  std::string manifest = bundle->manifest_text;
  manifest.replace(manifest.find(text::sha256_hex(bundle->find("gate.json")->data)), 64, text::sha256_hex(gate));
  std::string tar = replace(replace(a->tar, "gate.json", gate), "manifest.json", manifest);
  auto b = archive::open(tar, "t.tar");
  REQUIRE(b);
  auto v = archive::verify(*b, nullptr, day("2026-10-02"));
  REQUIRE(v);
  REQUIRE(v->failures.size() == 1);
  CHECK(v->failures[0] == "gate.json: the gate re-run as of 2026-10-01 does not reach the archived decision: the archive says fail, "
                          "the re-run decides pass");
}

TEST_CASE("archive: open refuses what is not a bundle") {
  auto error = [](const std::string& tar) {
    auto b = archive::open(tar, "t.tar");
    REQUIRE(!b);
    return b.error().to_string();
  };
  auto one = [](const std::string& name, const std::string& data) {
    auto t = archive::tar::write({{name, data}}, 0);
    REQUIRE(t);
    return *t;
  };
  CHECK(error(one("scan.json", "{}")) == "t.tar: no sbom-archive bundle: its first member is 'scan.json', not manifest.json");
  CHECK(error(one("manifest.json", "[]")) == "t.tar:manifest.json:1:1: expected an object");
  CHECK(error(one("manifest.json", R"({"bundleFormat": "other"})")) ==
        "t.tar:manifest.json:1:18: at /bundleFormat: 'other' is not sbomkit-archive");
  CHECK(error(one("manifest.json", R"({"bundleFormat": "sbomkit-archive", "version": 2})")) ==
        "t.tar:manifest.json:1:48: at /version: bundle version 2 is not one this sbom-archive reads (1)");
  const std::string head = R"({"bundleFormat": "sbomkit-archive", "version": 1, "asOf": "2026-01-01", "createdBy": "x", "tools": [], )";
  CHECK(error(one("manifest.json", head + R"("members": [{"path": "../x", "role": "scan", "sha256": "", "size": 0}]})")).find(
            "at /members/0/path: '../x': a '..' segment") != std::string::npos);
  CHECK(error(one("manifest.json", head + R"("members": [{"path": "x", "role": "scan", "sha256": "AB", "size": 0}]})")).find(
            "at /members/0/sha256: 'AB' is no SHA-256") != std::string::npos);
  CHECK(error(one("manifest.json", head + R"("members": 3})")).find("at /members: expected an array, found a number") != std::string::npos);
}

TEST_CASE("archive: format::read takes a bundle's scan, its digest checked") {
  auto a = archive::create(inputs());
  REQUIRE(a);
  CHECK(archive::looks_like_tar(a->tar));
  CHECK(!archive::looks_like_tar(data_file("exceptions/scan.cdx.json")));
  std::vector<std::string> warnings;
  auto doc = format::read(a->tar, "a.tar", sbom::Diagnostics([&](const sbom::Diagnostic& dg) { warnings.push_back(dg.to_string()); }));
  REQUIRE(doc);
  auto direct = format::read(data_file("exceptions/scan.cdx.json"), "scan.cdx.json");
  REQUIRE(direct);
  REQUIRE(doc->components);
  CHECK(doc->components->size() == direct->components->size());
  REQUIRE(doc->vulnerabilities);
  CHECK(doc->vulnerabilities->size() == direct->vulnerabilities->size());
  REQUIRE(warnings.size() == 1);
  CHECK(warnings[0] == "a.tar: read the scan archived on 2026-10-01; its digest was checked, the bundle is not signed");
  std::string scan = data_file("exceptions/scan.cdx.json");
  scan[scan.size() / 2] ^= 0x20;
  auto altered = format::read(replace(a->tar, "scan.cdx.json", scan), "b.tar");
  REQUIRE(!altered);
  CHECK(altered.error().to_string() ==
        "b.tar: scan.cdx.json: its SHA-256 is not the manifest's; the bundle was altered (sbom-archive verify says more)");
  // A tar that is no bundle says so.
  auto plain = archive::tar::write({{"x.json", "{}"}}, 0);
  REQUIRE(plain);
  auto not_bundle = format::read(*plain, "x.tar");
  REQUIRE(!not_bundle);
  CHECK(not_bundle.error().to_string() == "x.tar: no sbom-archive bundle: its first member is 'x.json', not manifest.json");
}
