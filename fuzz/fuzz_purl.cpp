// Fuzz target: purl parsing; a parsed purl's canonical form must parse back to the same purl.
#include <cstdint>
#include <cstdlib>
#include <string_view>

#include "sbom/purl.h"

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  std::string_view text(reinterpret_cast<const char*>(data), size);
  auto p = sbom::parse_purl(text);
  if (!p) return 0;
  auto again = sbom::parse_purl(p->to_string());
  if (!again || !(*again == *p)) std::abort();
  return 0;
}
