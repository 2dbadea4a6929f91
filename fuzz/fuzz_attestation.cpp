// Fuzz target: attestation unwrapping (DSSE envelope, Sigstore bundle, in-toto statement) and the
// base64 decoder; whatever unwraps must be read by the format layer without a crash; and the
// verifier of sbom-attest (envelope, PAE, statement) over the same bytes.
#include <cstdint>
#include <string_view>

#include "attestation/unwrap.h"
#include "sbom/attest.h"
#include "sbom/format.h"

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  std::string_view text(reinterpret_cast<const char*>(data), size);
  (void)sbom::attestation::decode_base64(text);
  auto u = sbom::attestation::unwrap(text, "fuzz");
  if (u && *u) (void)sbom::format::read((*u)->sbom, "fuzz-predicate");
  (void)sbom::format::read(text, "fuzz", sbom::Diagnostics([](const sbom::Diagnostic&) {}));
  // tests/data/attest/ed25519.pub, which signed the seed fuzz/seeds/attestation/signed-ed25519.json.
  static const auto key = sbom::attest::Key::public_key(
      "-----BEGIN PUBLIC KEY-----\nMCowBQYDK2VwAyEABhXo2MytW1KGom8urp3OPjvkcHOTCnv8W78b6+aS+TQ=\n-----END PUBLIC KEY-----\n", "fuzz-key");
  if (key) (void)sbom::attest::verify(text, "fuzz", *key, "");
  return 0;
}
