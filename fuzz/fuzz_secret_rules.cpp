// Fuzz target: gitleaks-format rule files (sbom-gen --secret-rules), compiled, then run over the
// input itself as a file to scan.
#include <cstdint>
#include <string_view>

#include "sbom/secrets.h"

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  const std::string_view text(reinterpret_cast<const char*>(data), size);
  auto file = sbom::secrets::parse_gitleaks_toml(text, "fuzz");
  if (!file) return 0;
  auto scanner = sbom::secrets::Scanner::make(std::move(file->rules), std::move(file->allow));
  if (!scanner) return 0;
  for (const auto& m : (*scanner)->scan(text)) (void)(*scanner)->applies(m.rule, "app/.env");
  return 0;
}
