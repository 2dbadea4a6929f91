// Fuzz target: SPDX 2 tag-value reading; what reads writes back stably as JSON and as tag-value.
#include <cstdint>
#include <string_view>

#include "spdx_roundtrip.h"

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  std::string_view text(reinterpret_cast<const char*>(data), size);
  auto doc = sbom::spdx::read_spdx_tag_value(text, "fuzz");
  if (doc) fuzz::spdx_roundtrip(*doc);
  return 0;
}
