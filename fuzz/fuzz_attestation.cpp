// Fuzz target: attestation unwrapping (DSSE envelope, Sigstore bundle, in-toto statement) and the
// base64 decoder; whatever unwraps must be read by the format layer without a crash.
#include <cstdint>
#include <string_view>

#include "attestation/unwrap.h"
#include "sbom/format.h"

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  std::string_view text(reinterpret_cast<const char*>(data), size);
  (void)sbom::attestation::decode_base64(text);
  auto u = sbom::attestation::unwrap(text, "fuzz");
  if (u && *u) (void)sbom::format::read((*u)->sbom, "fuzz-predicate");
  (void)sbom::format::read(text, "fuzz", [](std::string) {});
  return 0;
}
