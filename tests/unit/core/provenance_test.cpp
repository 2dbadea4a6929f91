// The index provenance a document records: written by record_index, read back strictly.
#include <catch2/catch.hpp>

#include "sbom/provenance.h"

using namespace sbom;

namespace {

const std::string kDigest = "sha256:" + std::string(64, 'a');
const std::string kSource = "sha256:" + std::string(64, 'b') + " osv";

Document with(std::vector<std::pair<std::string, std::string>> props) {
  Document d;
  for (auto& [n, v] : props) d.metadata.properties.push_back({n, v, {}});
  return d;
}

}  // namespace

TEST_CASE("provenance: what record_index writes reads back the same, strictly") {
  IndexProvenance p{kDigest, "2026-01-02T00:00:00Z", {kSource}, true};
  Document d = with({{"other", "kept"}});
  record_index(d, p);
  auto back = read_index_provenance(d);
  REQUIRE(back);
  REQUIRE(back->has_value());
  CHECK(**back == p);
  CHECK(index_provenance(d) == p);
  CHECK(d.metadata.properties.front().name == "other");
}

TEST_CASE("provenance: a document without index properties names none") {
  auto r = read_index_provenance(with({{"sbomkit:image:digest", "x"}}));
  REQUIRE(r);
  CHECK(!r->has_value());
}

TEST_CASE("provenance: malformed values are errors at their property") {
  auto error_of = [](std::vector<std::pair<std::string, std::string>> props) {
    auto r = read_index_provenance(with(std::move(props)));
    REQUIRE(!r);
    return r.error().pointer + " " + r.error().message;
  };
  CHECK(error_of({{"x", "y"}, {"sbomkit:index:digest", "sha256:AB"}}).starts_with("/metadata/properties/1 property 'sbomkit:index:digest'"));
  CHECK(error_of({{"sbomkit:index:digest", kDigest}, {"sbomkit:index:digest", kDigest}}).find("given twice") != std::string::npos);
  CHECK(error_of({{"sbomkit:index:digest", kDigest}, {"sbomkit:index:built", "2026-01-02"}}).find("RFC 3339") != std::string::npos);
  CHECK(error_of({{"sbomkit:index:source", "sha256:" + std::string(64, 'b')}}).find("<path>") != std::string::npos);
  CHECK(error_of({{"sbomkit:index:digest", kDigest}, {"sbomkit:index:signature", "true"}}).find("'verified'") != std::string::npos);
  CHECK(error_of({{"sbomkit:index:built", "2026-01-02T00:00:00Z"}}).find("neither") != std::string::npos);
}

TEST_CASE("provenance: unknown sbomkit:index names are a later version's and left alone") {
  auto r = read_index_provenance(with({{"sbomkit:index:digest", kDigest}, {"sbomkit:index:mirror", "anything"}}));
  REQUIRE(r);
  CHECK((*r)->digest == kDigest);
}

TEST_CASE("provenance: age in whole days from the build time") {
  IndexProvenance p{kDigest, "2026-01-01T00:00:00Z", {}, false};
  CHECK(index_age_days(p, 1767225600 + 10 * 86400 + 3600) == 10);
  p.built.clear();
  CHECK(!index_age_days(p, 0));
  CHECK(split_source(kSource).path == "osv");
  CHECK(split_source(kSource).digest == "sha256:" + std::string(64, 'b'));
}
