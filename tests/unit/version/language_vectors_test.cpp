// Every line of the shared vector files of the language schemes (PEP 440, Maven, RubyGems,
// Packagist, CRAN, Hackage) must hold under its scheme.
#include <catch2/catch.hpp>

#include <cstdlib>
#include <fstream>
#include <sstream>
#include <string>

#include "helpers.h"
#include "version/schemes.h"

using namespace sbom::version;
using namespace sbom::version::testing;

namespace {

struct VectorFile {
  const char* file;
  const Scheme& (*scheme)();
};

constexpr VectorFile kFiles[] = {
    {"pypi-versions.txt", pep440_scheme},          {"maven-versions.txt", maven_scheme},
    {"rubygems-versions.txt", rubygems_scheme},    {"packagist-versions.txt", composer_scheme},
    {"packagist-test-cases.txt", composer_scheme}, {"cran-versions.txt", cran_scheme},
    {"hackage-versions.txt", hackage_scheme},
};

}  // namespace

TEST_CASE("language schemes hold every line of their vector files", "[vectors]") {
  const char* root = std::getenv("SBOMKIT_SHARED");
  if (root == nullptr) {
    WARN("SKIPPED: SBOMKIT_SHARED is not set");
    return;
  }
  for (const VectorFile& vf : kFiles) {
    std::ifstream in(std::string(root) + "/data/version-vectors/" + vf.file);
    if (!in) {
      WARN("SKIPPED: " << vf.file << " not found under SBOMKIT_SHARED");
      continue;
    }
    std::size_t line_no = 0, checked = 0;
    std::string line;
    while (std::getline(in, line)) {
      ++line_no;
      if (line.empty() || line[0] == '#' || line.rfind("//", 0) == 0) continue;
      std::istringstream words(line);
      std::string a, op, b;
      if (!(words >> a >> op >> b)) continue;
      INFO(vf.file << ":" << line_no << ": " << line);
      CHECK(cmp(vf.scheme(), a, b) == op);
      ++checked;
    }
    INFO(vf.file);
    CHECK(checked > 0);
  }
}
