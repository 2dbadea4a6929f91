// Fuzz target: the exception importers (.trivyignore, .trivyignore.yaml, grype rules, OpenVEX,
// CycloneDX VEX), the ledger they write and that ledger read back and linted; and the input itself
// read as an exceptions file (schema violations sorted into a broken file and findings for lint).
#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

#include "sbom/exceptions.h"

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  using sbom::exceptions::ImportFormat;
  const std::string_view text(reinterpret_cast<const char*>(data), size);
  if (auto direct = sbom::exceptions::parse_ledger(text, "fuzz.yaml")) (void)sbom::exceptions::lint(*direct, sbom::exceptions::Date{20000});
  for (ImportFormat fmt : {ImportFormat::TrivyIgnore, ImportFormat::TrivyIgnoreYaml, ImportFormat::Grype,
                           ImportFormat::OpenVex, ImportFormat::CycloneDxVex}) {
    auto imported = sbom::exceptions::import_file(fmt, text, "fuzz");
    if (!imported) continue;
    // What an importer accepts must read back as a ledger: an import that writes a file lint then
    // rejects (an expiry such as "exp:20" once did) is a bug of the importer.
    auto ledger = sbom::exceptions::parse_ledger(sbom::exceptions::to_yaml(imported->entries), "fuzz.yaml");
    if (!ledger) __builtin_trap();
    (void)sbom::exceptions::lint(*ledger, sbom::exceptions::Date{20000});
  }
  return 0;
}
