// Every line of the shared vector files of the language schemes (PEP 440, Maven, RubyGems,
// Packagist, CRAN, Hackage) must hold under its scheme, checked by the library's check_vectors.
#include <catch2/catch.hpp>

#include <cstdlib>
#include <fstream>
#include <sstream>
#include <string>

#include "sbom/version_check.h"
#include "version/schemes.h"

using namespace sbom::version;

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
    std::ostringstream text;
    text << in.rdbuf();
    const CheckReport report = check_vectors(vf.scheme(), text.str());
    INFO(vf.file);
    CHECK(report.passed > 0);
    for (const CheckFailure& f : report.failures) {
      FAIL_CHECK(vf.file << ":" << f.line << ": " << f.text << ": " << f.message);
    }
  }
}
