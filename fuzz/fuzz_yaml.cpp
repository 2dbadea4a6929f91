// Fuzz target: YAML parsing (and the exceptions ledger on top of it).
#include <cstdint>
#include <string_view>

#include "sbom/exceptions.h"
#include "sbom/yaml.h"

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  std::string_view text(reinterpret_cast<const char*>(data), size);
  (void)sbom::yaml::parse(text, "fuzz");
  auto ledger = sbom::exceptions::parse_ledger(text, "fuzz");
  if (ledger) (void)sbom::exceptions::lint(*ledger, sbom::exceptions::Date{20000});
  return 0;
}
