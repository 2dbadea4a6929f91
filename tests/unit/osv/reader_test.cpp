// The OSV record reader's two entries agree: a record read from its text (parse_record) and from
// its tree (from_json, as YAML records are) give the same verdict, the same Record in every field
// and the same error, on real records, hand-made ones and every single-value mutation of one.
#include <catch2/catch.hpp>

#include <archive.h>
#include <archive_entry.h>

#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <functional>
#include <sstream>

#include "sbom/osv.h"

namespace json = sbom::json;
using sbom::osv::Record;

namespace {

// Every field of a record in one string, so two Records compare with one ==.
std::string dump(const Record& r) {
  std::ostringstream o;
  auto strs = [&](const std::vector<std::string>& v) {
    o << '[';
    for (const auto& s : v) o << s << ',';
    o << ']';
  };
  auto sev = [&](const std::vector<sbom::osv::Severity>& v) {
    for (const auto& s : v) o << "sev(" << s.type << '|' << s.score << ')';
  };
  auto val = [&](const json::Value& v) { o << (v.is_null() ? "null" : json::write(v, {.indent = 0})) << '\n'; };
  o << r.schema_version << '\n' << r.id << '\n' << r.modified << '\n' << r.published << '\n' << r.withdrawn << '\n';
  strs(r.aliases);
  strs(r.related);
  strs(r.upstream);
  o << r.summary << '\n' << r.details << '\n';
  sev(r.severity);
  for (const auto& a : r.affected) {
    o << "affected(" << a.package.ecosystem << '|' << a.package.name << '|' << a.package.purl << ')';
    sev(a.severity);
    for (const auto& rg : a.ranges) {
      o << "range(" << to_string(rg.type) << '|' << rg.repo;
      for (const auto& e : rg.events) o << '|' << to_string(e.kind) << '=' << e.version;
      o << ')';
    }
    strs(a.versions);
    val(a.ecosystem_specific);
    val(a.database_specific);
  }
  for (const auto& ref : r.references) o << "ref(" << ref.type << '|' << ref.url << ')';
  val(r.database_specific);
  return o.str();
}

// Returns whether parse_record accepted `text`; fails the test unless from_json on its tree gives
// the same verdict and the same Record or error.
bool agrees(std::string_view text) {
  INFO(text);
  auto fast = sbom::osv::parse_record(text, "t");
  auto v = json::parse(text);
  if (!v) {
    CHECK_FALSE(fast);
    return false;
  }
  auto tree = sbom::osv::from_json(*v, "t");
  CHECK(bool(fast) == bool(tree));
  if (fast && tree) {
    CHECK(dump(*fast) == dump(*tree));
    CHECK(*fast == *tree);
  } else if (!fast && !tree && fast.error().message.rfind("duplicate key", 0) != 0) {
    CHECK(fast.error().to_string() == tree.error().to_string());
  }
  return bool(fast);
}

const char* kRecord = R"({"schema_version":"1.6.0","id":"GHSA-x","modified":"2024-01-02T00:00:00Z",
  "published":"2023-01-01T00:00:00Z","aliases":["CVE-2023-1"],"related":["R-1"],"upstream":["U-1"],
  "summary":"s","details":"d \u00e9\n","severity":[{"type":"CVSS_V3","score":"CVSS:3.1/AV:N"}],
  "affected":[{"package":{"ecosystem":"PyPI","name":"foo","purl":"pkg:pypi/foo"},
    "severity":[{"type":"Ubuntu","score":"low"}],
    "ranges":[{"type":"ECOSYSTEM","events":[{"introduced":"0"},{"fixed":"1.5"},{"limit":"2"}]},
              {"type":"GIT","repo":"https://r","events":[{"introduced":"abc"},{"last_affected":"def"}]}],
    "versions":["1.0","1.1"],"ecosystem_specific":{"n":1.10,"a":[true,false,null,{"k":[]}]},
    "database_specific":{"source":"x","dup":1,"dup":2}}],
  "references":[{"type":"WEB","url":"https://x"},{"url":"https://y"}],
  "database_specific":{"severity":"HIGH","cwe_ids":["CWE-79"]},"unknown":{"deep":[[[1]]]}})";

// Every value of the tree, visited with a way to replace it or delete it from its parent.
void each_node(json::Value& v, const std::function<void(json::Value&)>& f) {
  f(v);
  if (v.is_array())
    for (auto& e : v.as_array()) each_node(e, f);
  if (v.is_object())
    for (auto& m : v.as_object()) each_node(m.second, f);
}

}  // namespace

TEST_CASE("a full record reads the same from its text and from its tree") {
  CHECK(agrees(kRecord));
  CHECK(agrees(R"({"id":"A","modified":"m"})"));
  CHECK(agrees(R"({"id":"A","modified":"m","affected":[{"package":null,"ranges":null,"versions":null}],"aliases":null})"));
}

TEST_CASE("what the reader refuses, from text or tree, with the same error") {
  for (const char* bad : {
           "", "[]", "5", R"("x")", R"({"id":"A"})", R"({"id":"A","modified":""})", R"({"id":"A","modified":"m"} x)",
           R"({"id":"A","modified":"m","id":"B"})",  // duplicate of a member read: refused
           R"({"id":1,"modified":"m"})", R"({"id":"A","modified":"m","aliases":"x"})",
           R"({"id":"A","modified":"m","aliases":[1]})",
           R"({"id":"A","modified":"m","affected":[{"package":{"ecosystem":"PyPI"}}]})",
           R"({"id":"A","modified":"m","affected":[{"ranges":[{"events":[{"introduced":"0"}]}]}]})",
           R"({"id":"A","modified":"m","affected":[{"ranges":[{"type":"GIT","events":[{"introduced":"0"}]}]}]})",
           R"({"id":"A","modified":"m","affected":[{"ranges":[{"type":"X","events":[{"introduced":"0"}]}]}]})",
           R"({"id":"A","modified":"m","affected":[{"ranges":[{"type":"SEMVER","events":[{"fixed":"1"}]}]}]})",
           R"({"id":"A","modified":"m","affected":[{"ranges":[{"type":"SEMVER","events":null}]}]})",
           R"({"id":"A","modified":"m","affected":[{"ranges":[{"type":"SEMVER"}]}]})",
           R"({"id":"A","modified":"m","affected":[{"ranges":[{"type":"SEMVER","events":[{"introduced":"0","fixed":"1"}]}]}]})",
           R"({"id":"A","modified":"m","affected":[{"ranges":[{"type":"SEMVER","events":[{"introduced":""}]}]}]})",
           R"({"id":"A","modified":"m","references":[{"type":"WEB"}]})",
           R"({"id":"A","modified":"m","severity":[{"type":"CVSS_V3"}]})",
           R"({"id":"A","modified":"m","database_specific":[]})",
           "{\"id\":\"A\xff\",\"modified\":\"m\"}",
       }) {
    INFO(bad);
    CHECK_FALSE(agrees(bad));
  }
  std::string nul("{\"id\":\"A\",\"modified\":\"m\"}\0 ", 27);
  CHECK_FALSE(agrees(nul));
  std::string deep = R"({"id":"A","modified":"m","unknown":)" + std::string(600, '[') + std::string(600, ']') + "}";
  CHECK_FALSE(agrees(deep));
}

TEST_CASE("every single-value mutation of a record: text and tree agree") {
  auto base = json::parse(kRecord);
  REQUIRE(base);
  std::size_t nodes = 0;
  each_node(*base, [&](json::Value&) { ++nodes; });
  const json::Value replacements[] = {json::Value(), json::Value(json::Number{"1"}), json::Value(""), json::Value("x"),
                                      json::Value(true), json::Value(json::Array{}), json::Value(json::Object{}),
                                      json::Value(json::Array{json::Value(json::Object{})})};
  std::size_t accepted = 0, tried = 0;
  for (std::size_t target = 0; target < nodes; ++target) {
    for (const json::Value& repl : replacements) {
      json::Value copy = *base;
      std::size_t i = 0;
      each_node(copy, [&](json::Value& v) {
        if (i++ == target) v = repl;
      });
      ++tried;
      accepted += agrees(json::write(copy, {.indent = 0})) ? 1 : 0;
    }
    // And the member holding it removed.
    json::Value copy = *base;
    std::size_t i = 0;
    each_node(copy, [&](json::Value& v) {
      if (!v.is_object()) return;
      for (auto it = v.as_object().begin(); it != v.as_object().end(); ++it)
        if (++i == target) {
          v.as_object().erase(it);
          return;
        }
    });
    ++tried;
    accepted += agrees(json::write(copy, {.indent = 0})) ? 1 : 0;
  }
  CHECK(tried > 500);
  CHECK(accepted > 0);
}

TEST_CASE("every real record in the shared data: the same Record from text and tree") {
  const char* root = std::getenv("SBOMKIT_SHARED");
  if (root == nullptr || !std::filesystem::exists(std::filesystem::path(root) / "data")) {
    WARN("SBOMKIT_SHARED not set: skipping");
    return;
  }
  std::filesystem::path data = std::filesystem::path(root) / "data";
  std::size_t files = 0, accepted = 0;
  for (const auto& e : std::filesystem::recursive_directory_iterator(data / "osv-samples")) {
    if (!e.is_regular_file() || e.path().extension() != ".json") continue;
    std::ifstream in(e.path(), std::ios::binary);
    std::string text((std::istreambuf_iterator<char>(in)), std::istreambuf_iterator<char>());
    ++files;
    accepted += agrees(text) ? 1 : 0;
  }
  CHECK(files > 40);
  CHECK(accepted > 20);
  for (const char* eco : {"AlmaLinux", "Go", "PyPI", "crates.io"}) {
    std::string zip = (data / "osv" / eco / "all.zip").string();
    archive* a = archive_read_new();
    archive_read_support_format_zip(a);
    REQUIRE(archive_read_open_filename(a, zip.c_str(), 1 << 16) == ARCHIVE_OK);
    archive_entry* entry = nullptr;
    std::size_t n = 0, ok = 0;
    while (archive_read_next_header(a, &entry) == ARCHIVE_OK) {
      std::string text;
      char buf[1 << 16];
      la_ssize_t got;
      while ((got = archive_read_data(a, buf, sizeof buf)) > 0) text.append(buf, static_cast<std::size_t>(got));
      ++n;
      ok += agrees(text) ? 1 : 0;
    }
    archive_read_free(a);
    INFO(eco);
    CHECK(n > 1000);
    CHECK(ok == n);
  }
}
