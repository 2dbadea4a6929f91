// Fuzz target: JSON parsing and writing; what parses must write and parse back equal.
#include <cstdint>
#include <cstdlib>
#include <string_view>

#include "sbom/json.h"

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  std::string_view text(reinterpret_cast<const char*>(data), size);
  auto v = sbom::json::parse(text);
  if (!v) return 0;
  auto again = sbom::json::parse(sbom::json::write(*v));
  if (!again || !(*again == *v)) std::abort();
  return 0;
}
