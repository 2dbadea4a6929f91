// Tests of the OSV record parser: real records from the shared data, and each validation error.
#include <catch2/catch.hpp>

#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <sstream>

#include "sbom/osv.h"

namespace fs = std::filesystem;
using sbom::osv::parse_record;

namespace {

std::string read_file(const fs::path& p) {
  std::ifstream in(p, std::ios::binary);
  std::ostringstream ss;
  ss << in.rdbuf();
  return ss.str();
}

const char* shared() { return std::getenv("SBOMKIT_SHARED"); }

}  // namespace

TEST_CASE("a minimal record parses") {
  auto r = parse_record(R"({"id":"X-1","modified":"2024-01-01T00:00:00Z","aliases":["CVE-1"],
    "affected":[{"package":{"ecosystem":"PyPI","name":"foo"},"versions":["1.0"],
      "ranges":[{"type":"ECOSYSTEM","events":[{"introduced":"0"},{"fixed":"1.1"},{"limit":"*"}]}]}]})",
                        "x.json");
  REQUIRE(r);
  CHECK(r->id == "X-1");
  CHECK(r->aliases == std::vector<std::string>{"CVE-1"});
  REQUIRE(r->affected.size() == 1);
  CHECK(r->affected[0].package.name == "foo");
  CHECK(r->affected[0].versions == std::vector<std::string>{"1.0"});
  REQUIRE(r->affected[0].ranges[0].events.size() == 3);
  CHECK(r->affected[0].ranges[0].events[1].kind == sbom::osv::Event::Kind::kFixed);
  CHECK(r->affected[0].ranges[0].events[2].kind == sbom::osv::Event::Kind::kLimit);
  CHECK_FALSE(r->is_withdrawn());
}

TEST_CASE("validation errors name the file, the JSON Pointer and the position") {
  struct Case {
    const char* text;
    const char* error;
  };
  const Case cases[] = {
      {R"([])", "at /: expected an object, got an array"},
      {R"({"modified":"t"})", "at /: record has no id"},
      {R"({"id":"A"})", "at /: record A has no modified time"},
      {R"({"id":1,"modified":"t"})", "x.json:1:7: at /id: expected a string, got a number"},
      {R"({"id":"A","modified":"t","aliases":"CVE-1"})", "at /aliases: expected an array, got a string"},
      {R"({"id":"A","modified":"t","aliases":["CVE-1",2]})", "x.json:1:45: at /aliases/1: expected a string, got a number"},
      {"{\"id\":\"A\",\"modified\":\"t\",\n\"affected\":[{\"package\":{\"name\":\"x\"}}]}",
       "at /affected/0/package: package has no ecosystem"},
      {R"({"id":"A","modified":"t","affected":[{"ranges":[{"type":"FOO","events":[]}]}]})",
       "x.json:1:57: at /affected/0/ranges/0/type: unknown range type 'FOO'"},
      {R"({"id":"A","modified":"t","affected":[{"ranges":[{"type":"GIT","events":[{"introduced":"0"}]}]}]})",
       "at /affected/0/ranges/0: GIT range has no repo"},
      {R"({"id":"A","modified":"t","affected":[{"ranges":[{"type":"SEMVER"}]}]})",
       "at /affected/0/ranges/0: range has no events"},
      {R"({"id":"A","modified":"t","affected":[{"ranges":[{"type":"SEMVER","events":[{"fixed":"1.0.0"}]}]}]})",
       "at /affected/0/ranges/0/events: range has no introduced event"},
      {R"({"id":"A","modified":"t","affected":[{"ranges":[{"type":"SEMVER","events":[{"introduced":"0","fixed":"1"}]}]}]})",
       "at /affected/0/ranges/0/events/0: event has more than one of introduced, fixed, last_affected and limit"},
      {R"({"id":"A","modified":"t","affected":[{"ranges":[{"type":"SEMVER","events":[{"introduced":"0"},{}]}]}]})",
       "at /affected/0/ranges/0/events/1: event has no introduced, fixed, last_affected or limit"},
      {R"({"id":"A","modified":"t","affected":[{"ranges":[{"type":"SEMVER","events":[{"introduced":""}]}]}]})",
       "x.json:1:90: at /affected/0/ranges/0/events/0/introduced: empty introduced version"},
      {R"({"id":"A","modified":"t","severity":[{"type":"CVSS_V3"}]})", "at /severity/0: severity has no score"},
      {R"({"id":"A","modified":"t","references":[{"type":"WEB"}]})", "at /references/0: reference has no url"},
      {R"({"id":"A","modified":"t","database_specific":[]})", "at /database_specific: expected an object, got an array"},
      {R"({"id":"A",)", "x.json:1:11: "},
      // Several faults: the first in the schema's member order is named, whatever the text's order
      // (a GitHub API document has no id; that it has a `severity` string matters less).
      {R"({"severity":"HIGH","modified":"t"})", "x.json:1:1: at /: record has no id"},
      {R"({"affected":[{"ranges":[{"events":[{}],"repo":1,"type":"GIT"}]}],"id":"A","modified":"t"})",
       "x.json:1:47: at /affected/0/ranges/0/repo: expected a string, got a number"},
      {R"({"id":"A","modified":"t","affected":[{"ranges":[{"type":"SEMVER","events":[{"fixed":"","introduced":""}]}]}]})",
       "x.json:1:101: at /affected/0/ranges/0/events/0/introduced: empty introduced version"},
      // A repeated member is not guessed at (a later empty `affected` would hide the first).
      {R"({"id":"A","modified":"t","affected":[{"package":{"ecosystem":"PyPI","name":"a"}}],"affected":[]})",
       "x.json:1:83: duplicate key 'affected' (the first is at 1:26)"},
  };
  for (const Case& c : cases) {
    INFO(c.text);
    auto r = parse_record(c.text, "x.json");
    REQUIRE_FALSE(r);
    // Scalars are pinned with line:column; containers by pointer (their position is the JSON layer's).
    std::string text = r.error().to_string();
    CHECK_THAT(text, Catch::StartsWith("x.json:"));
    CHECK_THAT(text, Catch::EndsWith(c.error) || Catch::StartsWith(c.error));
  }
}

TEST_CASE("withdrawn records are parsed and flagged") {
  auto r = parse_record(R"({"id":"A","modified":"t","withdrawn":"2024-02-02T00:00:00Z"})", "x.json");
  REQUIRE(r);
  CHECK(r->is_withdrawn());
}

TEST_CASE("every real OSV sample record parses; the broken ones fail with their reason") {
  const char* root = shared();
  if (root == nullptr || !fs::exists(fs::path(root) / "data/osv-samples")) {
    WARN("SBOMKIT_SHARED not set or data/osv-samples absent: skipping");
    return;
  }
  fs::path dir = fs::path(root) / "data/osv-samples";
  int parsed = 0;
  int withdrawn = 0;
  std::vector<std::string> failed;
  for (const auto& entry : fs::recursive_directory_iterator(dir)) {
    if (!entry.is_regular_file() || entry.path().extension() != ".json") continue;
    std::string text = read_file(entry.path());
    // Converter inputs (GHSA API JSON, CSAF) are not OSV records: they have no "id" member at top level.
    if (text.find("\"id\"") == std::string::npos || entry.path().string().find("/CSAF/") != std::string::npos ||
        (entry.path().string().find("ghsa-converter") != std::string::npos &&
         entry.path().string().find(".osv.json") == std::string::npos))
      continue;
    auto r = parse_record(text, entry.path().filename().string());
    if (r) {
      ++parsed;
      withdrawn += r->is_withdrawn() ? 1 : 0;
    } else {
      failed.push_back(r.error().to_string());
    }
  }
  CHECK(parsed == 54);
  CHECK(withdrawn == 1);  // ghsa-converter/withdrawn.osv.json
  REQUIRE(failed.size() == 1);
  CHECK_THAT(failed[0], Catch::StartsWith("nointroduced-CVE-2023-41045.json:"));
  CHECK_THAT(failed[0], Catch::EndsWith("at /affected/0/ranges/0/events: range has no introduced event"));
}

TEST_CASE("a real Debian advisory: DSA-3029-1") {
  const char* root = shared();
  fs::path p = root ? fs::path(root) / "data/osv-samples/osv.dev/oss_fuzz_worker/DSA-3029-1.json" : fs::path();
  if (root == nullptr || !fs::exists(p)) {
    WARN("shared data absent: skipping");
    return;
  }
  auto r = parse_record(read_file(p), "DSA-3029-1.json");
  REQUIRE(r);
  CHECK(r->id == "DSA-3029-1");
  REQUIRE_FALSE(r->affected.empty());
  CHECK(r->affected[0].package.ecosystem.rfind("Debian", 0) == 0);
}

TEST_CASE("a key repeated in a member the reader skips or keeps as free-form is no fault") {
  auto r = parse_record(R"({"id":"A","modified":"t","x-extra":1,"x-extra":2,"database_specific":{"k":1,"k":2}})", "x.json");
  REQUIRE(r);
  CHECK(r->database_specific.as_object().size() == 2);
  auto bad = parse_record(R"({"id":"A","modified":"t","affected":[{"package":{"ecosystem":"PyPI","name":"a","name":"b"}}]})", "x.json");
  REQUIRE_FALSE(bad);
  CHECK(bad.error().to_string() == "x.json:1:80: duplicate key 'name' (the first is at 1:69)");
}
