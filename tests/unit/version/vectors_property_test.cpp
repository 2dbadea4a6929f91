// Property test over the shared version vectors: per scheme, every version of its vector file
// sorted must give a consistent order (antisymmetric, transitive, '=' an equivalence).
#include <catch2/catch.hpp>

#include <algorithm>
#include <cstdlib>
#include <fstream>
#include <set>
#include <sstream>
#include <string>
#include <vector>

#include "sbom/version.h"

using namespace sbom::version;

namespace {

struct VectorFile {
  const char* file;
  const char* scheme;
  bool add_v;  // Go: the file's versions get the 'v' Go requires
};

// The README of the vector folder says which semantics each file follows.
constexpr VectorFile kFiles[] = {
    {"debian-versions.txt", "dpkg", false},     {"redhat-versions.txt", "rpm", false},
    {"alpine-versions.txt", "apk", false},      {"semver-versions.txt", "npm", false},
    {"semver-versions.txt", "go", true},        {"semver-versions.txt", "cargo", false},
    {"semver-versions.txt", "semver", false},   {"semver-versions.txt", "hex", false},
    {"semver-versions.txt", "swift", false},    {"nuget-versions.txt", "nuget", false},
    {"pub-versions.txt", "pub", false},         {"pypi-versions.txt", "pep440", false},
    {"maven-versions.txt", "maven", false},     {"rubygems-versions.txt", "rubygems", false},
    {"packagist-versions.txt", "composer", false}, {"packagist-test-cases.txt", "composer", false},
    {"cran-versions.txt", "cran", false},       {"hackage-versions.txt", "hackage", false},
};

std::vector<std::string> versions_of(std::istream& in, bool add_v) {
  std::set<std::string> seen;
  std::string line;
  while (std::getline(in, line)) {
    if (line.empty() || line[0] == '#' || line.rfind("//", 0) == 0) continue;
    std::istringstream words(line);
    std::string a, op, b;
    if (!(words >> a >> op >> b)) continue;
    for (std::string* v : {&a, &b}) seen.insert(add_v && (*v)[0] != 'v' ? "v" + *v : *v);
  }
  return {seen.begin(), seen.end()};
}

int cmp(const Scheme& s, const std::string& a, const std::string& b) {
  auto r = s.compare(a, b);
  if (!r) FAIL(r.error().message);
  return static_cast<int>(*r);
}

}  // namespace

TEST_CASE("vector files sort consistently under their scheme", "[vectors][property]") {
  const char* root = std::getenv("SBOMKIT_SHARED");
  if (root == nullptr) {
    WARN("SKIPPED: SBOMKIT_SHARED is not set");
    return;
  }
  for (const auto& vf : kFiles) {
    const Scheme* s = find_scheme(vf.scheme);
    if (s == nullptr) {
      WARN("SKIPPED: scheme " << vf.scheme << " is not implemented yet");
      continue;
    }
    std::ifstream in(std::string(root) + "/data/version-vectors/" + vf.file);
    if (!in) {
      WARN("SKIPPED: " << vf.file << " not found under SBOMKIT_SHARED");
      continue;
    }
    INFO(vf.scheme << " over " << vf.file);
    std::vector<std::string> all = versions_of(in, vf.add_v);
    // Binary insertion stays in bounds even if the order were inconsistent (std::sort would not).
    std::vector<std::string> sorted;
    for (const auto& v : all) {
      auto at = std::upper_bound(sorted.begin(), sorted.end(), v,
                                 [&](const std::string& x, const std::string& y) { return cmp(*s, x, y) < 0; });
      sorted.insert(at, v);
    }
    std::size_t failures = 0;
    for (std::size_t i = 0; i < sorted.size() && failures < 5; ++i) {
      bool seen_less = false;
      for (std::size_t j = i; j < sorted.size(); ++j) {
        int ij = cmp(*s, sorted[i], sorted[j]), ji = cmp(*s, sorted[j], sorted[i]);
        bool ok = ij == -ji && ij <= 0 && !(seen_less && ij == 0) && (j != i || ij == 0);
        seen_less = seen_less || ij < 0;
        if (!ok) {
          ++failures;
          FAIL_CHECK(sorted[i] << " vs " << sorted[j] << ": " << ij << " / " << ji);
        }
      }
    }
    CHECK(failures == 0);
  }
}
