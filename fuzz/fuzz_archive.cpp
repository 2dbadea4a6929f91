// Fuzz target: sbom-archive bundles: the strict tar reader, the manifest reader, and verify (the
// signature with a fixed key, every digest, the gate re-run over whatever members are there).
#include <cstdint>
#include <string_view>

#include "archive/tar.h"
#include "sbom/archive.h"

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  std::string_view bytes(reinterpret_cast<const char*>(data), size);
  (void)sbom::archive::tar::read(bytes, "fuzz");
  auto bundle = sbom::archive::open(bytes, "fuzz");
  if (!bundle) return 0;
  (void)sbom::archive::find_member(*bundle, "scan");
  // tests/data/attest/ed25519.pub, which signed the made seed (fuzz/meson.build: fuzz-seeds-archive).
  static const auto key = sbom::attest::Key::public_key(
      "-----BEGIN PUBLIC KEY-----\nMCowBQYDK2VwAyEABhXo2MytW1KGom8urp3OPjvkcHOTCnv8W78b6+aS+TQ=\n-----END PUBLIC KEY-----\n", "fuzz-key");
  (void)sbom::archive::verify(*bundle, key ? &*key : nullptr, sbom::exceptions::Date{20454});
  return 0;
}
