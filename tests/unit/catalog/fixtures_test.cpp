// Every language fixture of ../shared/data/fixtures, placed in an image view, gives exactly the
// packages its file lists (fixture_packages.txt holds the lists and the deliberate differences);
// truncated or garbled copies never crash and never come out empty without a warning naming them.
#include <catch2/catch.hpp>

#include <algorithm>
#include <filesystem>
#include <fstream>
#include <set>
#include <sstream>

#include "lang_fixture.h"

using namespace sbom;
using namespace sbom::catalog;
using namespace sbom::catalog::testing;

namespace {

const char* const kEcosystems[] = {"cargo", "composer", "go", "java", "npm", "nuget", "python", "ruby"};

struct Placed {
  std::string fixture;    ///< relative to data/fixtures
  std::string placement;  ///< image path; "a.jar!/inner" puts the file into a jar built here
};

struct Case {
  int line = 0;
  std::vector<Placed> files;
  std::vector<std::string> want;      ///< "purl[ dev]" or "name@version (no purl)"
  std::vector<std::string> warnings;  ///< substrings of the expected warnings
  bool none = false;                  ///< "= none": deliberately nothing
};

std::vector<Case> read_cases(const std::string& path) {
  std::ifstream in(path);
  REQUIRE(in);
  std::vector<Case> out;
  bool open = false;
  std::string line;
  for (int n = 1; std::getline(in, line); ++n) {
    if (!line.empty() && line.back() == '\r') line.pop_back();
    if (line.empty()) {
      open = false;
      continue;
    }
    if (line[0] == '#') continue;
    if (!open) {
      out.push_back({});
      out.back().line = n;
      open = true;
    }
    Case& c = out.back();
    if (line.starts_with("@ ")) {
      std::size_t arrow = line.find(" -> ");
      INFO("fixture_packages.txt:" << n);
      REQUIRE(arrow != std::string::npos);
      c.files.push_back({line.substr(2, arrow - 2), line.substr(arrow + 4)});
    } else if (line.starts_with("! ")) {
      c.warnings.push_back(line.substr(2));
    } else if (line == "= none") {
      c.none = true;
    } else {
      c.want.push_back(line);
    }
  }
  return out;
}

/// The view of a case, with `mangle` applied to the content of file `index` (-1: none).
image::View view_of(const Case& c, const std::vector<std::string>& contents, int index,
                    const std::function<std::string(const std::string&)>& mangle) {
  std::map<std::string, std::string> files;
  std::map<std::string, std::vector<std::pair<std::string, std::string>>> jars;
  for (std::size_t i = 0; i < c.files.size(); ++i) {
    std::string data = static_cast<int>(i) == index ? mangle(contents[i]) : contents[i];
    const std::string& p = c.files[i].placement;
    if (std::size_t bang = p.find("!/"); bang != std::string::npos) {
      jars[p.substr(0, bang)].emplace_back(p.substr(bang + 2), std::move(data));
    } else {
      files[p] = std::move(data);
    }
  }
  for (const auto& [jar, entries] : jars) files[jar] = zip(entries);
  return make_view(files);
}

std::vector<std::string> describe(const Result& r) {
  std::vector<std::string> out;
  for (const Component& c : r.components) {
    std::string s = c.purl;
    if (s.empty()) s.append(c.name).append(1, '@').append(c.version).append(" (no purl)");
    if (c.property(kPropDev)) s += " dev";
    out.push_back(std::move(s));
  }
  std::sort(out.begin(), out.end());
  return out;
}

}  // namespace

TEST_CASE("fixtures: every language fixture gives the packages it lists", "[fixtures]") {
  const char* shared = std::getenv("SBOMKIT_SHARED");
  const std::filesystem::path root = shared ? std::filesystem::path(shared) / "data" / "fixtures" : "";
  if (!shared || !std::filesystem::is_directory(root)) {
    WARN("SKIPPED: shared fixtures not found (SBOMKIT_SHARED)");
    return;
  }
  const std::vector<Case> cases = read_cases(SBOMKIT_FIXTURE_PACKAGES);

  // Every fixture file is placed by exactly one case: a new fixture must get its list.
  std::map<std::string, int> listed;
  for (const Case& c : cases) {
    for (const Placed& p : c.files) ++listed[p.fixture];
  }
  for (const char* eco : kEcosystems) {
    for (const auto& e : std::filesystem::recursive_directory_iterator(root / eco)) {
      if (!e.is_regular_file()) continue;
      const std::string rel = std::filesystem::relative(e.path(), root).generic_string();
      INFO(rel);
      CHECK(listed[rel] == 1);
      listed.erase(rel);
    }
  }
  for (const auto& [rel, n] : listed) FAIL_CHECK("fixture_packages.txt places a file that does not exist: " << rel);

  std::ofstream dump;
  if (const char* d = std::getenv("SBOMKIT_FIXTURES_DUMP")) dump.open(d);
  for (const Case& c : cases) {
    std::vector<std::string> contents;
    for (const Placed& p : c.files) {
      auto data = fixture(p.fixture);
      REQUIRE(data);
      contents.push_back(std::move(*data));
    }
    INFO("fixture_packages.txt:" << c.line << " (" << c.files.front().fixture << ")");
    std::vector<std::string> warnings;
    const Result r = run_lang(view_of(c, contents, -1, {}), &warnings);
    const std::vector<std::string> got = describe(r);
    std::vector<std::string> want = c.want;
    std::sort(want.begin(), want.end());
    if (dump.is_open()) {
      for (const Placed& p : c.files) dump << "@ " << p.fixture << " -> " << p.placement << "\n";
      for (const auto& g : got) dump << g << "\n";
      for (const auto& w : warnings) dump << "! " << w << "\n";
      if (got.empty() && warnings.empty()) dump << "= none\n";
      dump << "\n";
    }
    CHECK(got == want);
    CHECK(c.none == (want.empty() && c.warnings.empty()));
    for (const std::string& w : c.warnings) {
      INFO("expected warning: " << w);
      CHECK(std::any_of(warnings.begin(), warnings.end(), [&](const std::string& s) { return s.find(w) != std::string::npos; }));
    }
    for (const std::string& s : warnings) {
      INFO("unexpected warning: " << s);
      CHECK(std::any_of(c.warnings.begin(), c.warnings.end(), [&](const std::string& w) { return s.find(w) != std::string::npos; }));
    }
  }
}

TEST_CASE("fixtures: truncated and garbled fixtures warn, naming the file", "[fixtures]") {
  const char* shared = std::getenv("SBOMKIT_SHARED");
  if (!shared || !std::filesystem::is_directory(std::filesystem::path(shared) / "data" / "fixtures")) {
    WARN("SKIPPED: shared fixtures not found (SBOMKIT_SHARED)");
    return;
  }
  const std::function<std::string(const std::string&)> mangles[] = {
      [](const std::string& s) { return s.substr(0, s.size() / 2); },
      [](const std::string&) { return std::string("{\"not\": [ a package list\n\x01\x02"); },
  };
  for (const Case& c : read_cases(SBOMKIT_FIXTURE_PACKAGES)) {
    if (c.none) continue;
    std::vector<std::string> contents;
    for (const Placed& p : c.files) {
      auto data = fixture(p.fixture);
      REQUIRE(data);
      contents.push_back(std::move(*data));
    }
    for (std::size_t i = 0; i < c.files.size(); ++i) {
      for (std::size_t m = 0; m < std::size(mangles); ++m) {
        INFO(c.files[i].fixture << " mangled (" << m << ")");
        std::vector<std::string> warnings;
        const Result r = run_lang(view_of(c, contents, static_cast<int>(i), mangles[m]), &warnings);
        if (!r.components.empty()) continue;
        // Nothing found: a warning must say where.
        std::string where(1, '/');
        where.append(c.files[i].placement, 0, c.files[i].placement.find("!/"));
        CHECK(std::any_of(warnings.begin(), warnings.end(), [&](const std::string& w) { return w.find(where) != std::string::npos; }));
      }
    }
  }
}
