// score_cvss version detection, severity scales and names, and vectors in real advisories.
#include <catch2/catch.hpp>

#include <cmath>
#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <limits>
#include <sstream>
#include <thread>
#include <vector>

#include "cvss_case.h"
#include "sbom/cvss.h"
#include "sbom/json.h"

using cvss_test::error_of;
using sbom::cvss::CvssVersion;
using sbom::cvss::parse_severity;
using sbom::cvss::score_cvss;
using sbom::cvss::Severity;
using sbom::cvss::severity_of;

TEST_CASE("version comes from the prefix") {
  struct {
    const char* vector;
    CvssVersion version;
  } cases[] = {
      {"AV:N/AC:L/Au:N/C:P/I:P/A:P", CvssVersion::V2},
      {"CVSS:3.0/AV:N/AC:L/PR:N/UI:N/S:U/C:H/I:H/A:H", CvssVersion::V3_0},
      {"CVSS:3.1/AV:N/AC:L/PR:N/UI:N/S:U/C:H/I:H/A:H", CvssVersion::V3_1},
      {"CVSS:4.0/AV:N/AC:L/AT:N/PR:N/UI:N/VC:H/VI:H/VA:H/SC:N/SI:N/SA:N", CvssVersion::V4_0},
  };
  for (const auto& c : cases) {
    INFO(c.vector);
    auto r = score_cvss(c.vector);
    REQUIRE(r);
    CHECK(r->version == c.version);
  }
  CHECK(sbom::cvss::to_string(CvssVersion::V2) == "2.0");
  CHECK(sbom::cvss::to_string(CvssVersion::V3_0) == "3.0");
  CHECK(sbom::cvss::to_string(CvssVersion::V3_1) == "3.1");
  CHECK(sbom::cvss::to_string(CvssVersion::V4_0) == "4.0");
}

TEST_CASE("vectors that are not vectors") {
  CHECK(error_of("") == "cvss vector: empty vector");
  CHECK(error_of(" \t\n") == "cvss vector: empty vector");
  CHECK(error_of("CVSS:5.0/AV:N") == "cvss vector: unsupported version '5.0'");
  CHECK(error_of("CVSS:") == "cvss vector: unsupported version ''");
  CHECK(error_of("CVSS:3.1AV:N") == "cvss vector: unsupported version '3.1AV:N'");
  CHECK(error_of("cvss:3.1/AV:N/AC:L/PR:N/UI:N/S:U/C:H/I:H/A:H") ==
        "cvss 2.0 vector: unknown metric 'cvss'");
  CHECK(error_of("CVSS:9999999999999999999999999999999999/AV:N") ==
        "cvss vector: unsupported version '9999999999999999999999999999999999'");
  CHECK(error_of("CVSS:\x1b[31m/AV:N") == "cvss vector: unsupported version '\\x1b[31m'");
  // Long garbage is quoted in part only.
  std::string junk(1000, 'A');
  CHECK(error_of(junk) == "cvss 2.0 vector: expected METRIC:VALUE, got '" + junk.substr(0, 40) +
                             "...'");
  std::string nul("AV:N\0/AC:L", 10);
  CHECK(error_of(nul) == "cvss 2.0 vector: unknown value 'N\\x00' for metric AV");
}

TEST_CASE("severity scales") {
  for (auto v : {CvssVersion::V3_0, CvssVersion::V3_1, CvssVersion::V4_0}) {
    CHECK(severity_of(v, 0.0) == Severity::None);
    CHECK(severity_of(v, 0.1) == Severity::Low);
    CHECK(severity_of(v, 3.9) == Severity::Low);
    CHECK(severity_of(v, 4.0) == Severity::Medium);
    CHECK(severity_of(v, 6.9) == Severity::Medium);
    CHECK(severity_of(v, 7.0) == Severity::High);
    CHECK(severity_of(v, 8.9) == Severity::High);
    CHECK(severity_of(v, 9.0) == Severity::Critical);
    CHECK(severity_of(v, 10.0) == Severity::Critical);
  }
  CHECK(severity_of(CvssVersion::V2, 0.0) == Severity::Low);
  CHECK(severity_of(CvssVersion::V2, 3.9) == Severity::Low);
  CHECK(severity_of(CvssVersion::V2, 4.0) == Severity::Medium);
  CHECK(severity_of(CvssVersion::V2, 6.9) == Severity::Medium);
  CHECK(severity_of(CvssVersion::V2, 7.0) == Severity::High);
  CHECK(severity_of(CvssVersion::V2, 10.0) == Severity::High);
  CHECK(severity_of(CvssVersion::V3_1, -0.1) == Severity::Unknown);
  CHECK(severity_of(CvssVersion::V3_1, 10.1) == Severity::Unknown);
  CHECK(severity_of(CvssVersion::V4_0, std::numeric_limits<double>::quiet_NaN()) ==
        Severity::Unknown);
  CHECK(Severity::None < Severity::Low);
  CHECK(Severity::High < Severity::Critical);
}

TEST_CASE("severity names") {
  CHECK(sbom::cvss::to_string(Severity::Unknown) == "unknown");
  CHECK(sbom::cvss::to_string(Severity::None) == "none");
  CHECK(sbom::cvss::to_string(Severity::Low) == "low");
  CHECK(sbom::cvss::to_string(Severity::Medium) == "medium");
  CHECK(sbom::cvss::to_string(Severity::High) == "high");
  CHECK(sbom::cvss::to_string(Severity::Critical) == "critical");
  CHECK(parse_severity("CRITICAL") == Severity::Critical);
  CHECK(parse_severity("High") == Severity::High);
  CHECK(parse_severity("moderate") == Severity::Medium);
  CHECK(parse_severity("medium") == Severity::Medium);
  CHECK(parse_severity("low") == Severity::Low);
  CHECK(parse_severity("none") == Severity::None);
  CHECK(parse_severity("unknown") == Severity::Unknown);
  CHECK(parse_severity("important") == Severity::Unknown);
  CHECK(parse_severity("") == Severity::Unknown);
}

TEST_CASE("score_cvss is safe to call from many threads") {
  const char* vectors[] = {
      "AV:N/AC:M/Au:N/C:P/I:P/A:P/E:POC/RL:OF/RC:C/CDP:L/TD:H/CR:H/IR:M/AR:L",
      "CVSS:3.1/AV:N/AC:L/PR:L/UI:N/S:C/C:H/I:H/A:H/E:P/CR:H/MAV:A",
      "CVSS:4.0/AV:N/AC:L/AT:P/PR:N/UI:P/VC:H/VI:H/VA:H/SC:N/SI:N/SA:N/E:U",
  };
  std::vector<double> expected;
  for (const char* v : vectors) expected.push_back(score_cvss(v)->overall());
  std::vector<int> failures(4, 0);
  std::vector<std::thread> threads;
  for (int t = 0; t < 4; ++t) {
    threads.emplace_back([&, t] {
      for (int i = 0; i < 2000; ++i) {
        auto r = score_cvss(vectors[i % 3]);
        if (!r || r->overall() != expected[static_cast<std::size_t>(i % 3)]) ++failures[t];
      }
    });
  }
  for (auto& th : threads) th.join();
  CHECK(failures == std::vector<int>(4, 0));
}

namespace {

struct SharedDataTally {
  int scored = 0;       // objects stating a vector and its base score
  int osv_vectors = 0;  // OSV severity entries of type CVSS_V*
};

// Checks every vector found in a JSON value against what the document states about it.
void check_vectors_in(const sbom::json::Value& v, const std::string& file, SharedDataTally& t) {
  if (v.is_array()) {
    for (const auto& x : v.as_array()) check_vectors_in(x, file, t);
    return;
  }
  if (!v.is_object()) return;
  const auto* vector = v.find("vectorString");
  const auto* stated = v.find("baseScore");
  if (stated == nullptr) stated = v.find("score");  // GitHub's advisory shape
  if (vector != nullptr && vector->is_string() && stated != nullptr && stated->is_number()) {
    INFO(file << ": " << vector->as_string());
    auto r = score_cvss(vector->as_string());
    REQUIRE(r);
    CHECK(r->base == stated->as_number().to_double());
    if (const auto* sev = v.find("baseSeverity"); sev != nullptr && sev->is_string()) {
      CHECK(r->severity == parse_severity(sev->as_string()));
    }
    ++t.scored;
  }
  const auto* type = v.find("type");
  const auto* score = v.find("score");
  if (type != nullptr && type->is_string() && type->as_string().starts_with("CVSS_V") &&
      score != nullptr && score->is_string()) {
    INFO(file << ": " << score->as_string());
    CHECK(score_cvss(score->as_string()));
    ++t.osv_vectors;
  }
  for (const auto& [key, member] : v.as_object()) check_vectors_in(member, file, t);
}

}  // namespace

TEST_CASE("vectors and scores stated in real advisories") {
  const char* shared = std::getenv("SBOMKIT_SHARED");
  namespace fs = std::filesystem;
  if (shared == nullptr || !fs::is_directory(fs::path(shared) / "data" / "osv-samples")) {
    WARN("SBOMKIT_SHARED/data/osv-samples not found: skipping the advisory CVSS test");
    return;
  }
  // Red Hat CSAF and NVD-style cvss objects, GitHub advisories, OSV severity entries.
  SharedDataTally tally;
  for (const char* dir : {"osv-samples", "feeds", "sbom-examples"}) {
    fs::path root = fs::path(shared) / "data" / dir;
    if (!fs::is_directory(root)) continue;
    for (const auto& entry : fs::recursive_directory_iterator(root)) {
      if (!entry.is_regular_file() || entry.path().extension() != ".json") continue;
      std::ifstream in(entry.path(), std::ios::binary);
      std::stringstream text;
      text << in.rdbuf();
      auto doc = sbom::json::parse(text.str());
      if (!doc) continue;  // some samples are deliberately broken
      check_vectors_in(*doc, entry.path().string(), tally);
    }
  }
  // The shared data holds 10 stated scores and 28 OSV vectors; finding fewer means the walk broke.
  CHECK(tally.scored >= 10);
  CHECK(tally.osv_vectors >= 28);
}
