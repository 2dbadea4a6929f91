// Fuzz target: the language catalogers' parsers (lockfiles, manifests, package metadata, pom.xml,
// jars, Go build info, cargo-auditable data and the executable reader, integrity values), each on
// the same input.
#include <cstdint>
#include <cstring>
#include <string>
#include <string_view>

#include "catalog/lang_parsers.h"
#include "catalog/language.h"

namespace d = sbom::catalog::detail;

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  std::string_view text(reinterpret_cast<const char*>(data), size);
  (void)d::parse_package_json(text);
  (void)d::parse_package_lock(text);
  (void)d::parse_yarn_lock(text);
  (void)d::parse_pnpm_lock(text, "fuzz");
  for (const char* name : {"Pipfile.lock", "poetry.lock", "pdm.lock", "uv.lock", "pylock.toml"}) {
    (void)d::parse_python_lock(text, name);
  }
  (void)d::parse_requirements(text);
  (void)d::parse_python_metadata(text);
  (void)d::parse_cargo_lock(text);
  (void)d::parse_cargo_audit(std::string(d::kAuditTag) + d::kElfProgram + std::string(text));
  (void)d::parse_gemspec(text);
  (void)d::parse_gemfile_lock(text);
  (void)d::parse_composer(text);
  (void)d::parse_deps_json(text);
  (void)d::parse_packages_lock(text);
  (void)d::parse_packages_config(text);
  (void)d::parse_nuspec(text);
  (void)d::parse_go_mod(text);
  (void)d::parse_go_buildinfo(text);
  (void)d::parse_pom_xml(text);
  (void)d::lock_hashes(text);
  (void)d::maven_pom_path("r/", text);
  (void)d::parse_pom_properties(text);
  (void)d::parse_manifest(text);
  (void)d::parse_gradle_lockfile(text);
  (void)d::scan_java_archive(text, "fuzz.jar", {}, sbom::Diagnostics([](const sbom::Diagnostic&) {}));
  std::size_t pos = 0;
  sbom::image::ReadFn read = [&](char* buf, std::size_t n) -> sbom::Expected<std::size_t> {
    std::size_t k = std::min(n, text.size() - pos);
    if (buf) std::memcpy(buf, text.data() + pos, k);
    pos += k;
    return k;
  };
  (void)d::reduce_executable(size, read);
  (void)d::is_hashed_executable(text);
  return 0;
}
