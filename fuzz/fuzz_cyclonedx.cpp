// Fuzz target: CycloneDX reading; a document that reads must write back JSON-equal.
#include <cstdint>
#include <cstdlib>
#include <string_view>

#include "sbom/cyclonedx.h"
#include "sbom/json.h"

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  std::string_view text(reinterpret_cast<const char*>(data), size);
  auto doc = sbom::cyclonedx::read_json(text, "fuzz");
  if (!doc) return 0;
  auto in = sbom::json::parse(text);
  auto out = sbom::json::parse(sbom::cyclonedx::write_json(*doc));
  if (!in || !out || !(*in == *out)) std::abort();
  return 0;
}
