// Fuzz target: CVSS vectors; scores stay within 0..10.
#include <cstdint>
#include <cstdlib>
#include <string_view>

#include "sbom/cvss.h"

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  std::string_view text(reinterpret_cast<const char*>(data), size);
  auto s = sbom::cvss::score_cvss(text);
  if (s && (s->base < 0 || s->base > 10)) std::abort();
  return 0;
}
