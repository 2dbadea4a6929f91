// Fuzz target: the layer cache's entry reader. Entries are checksummed, so random bytes stop at the
// checksum: the input is read both as a whole entry and as the payload of an entry whose header is
// made right for it, which takes the field parser everywhere. Whatever decodes must encode back to
// the very bytes it came from (the format has one spelling).
#include <cstdint>
#include <string>
#include <string_view>

#include "image/layer_cache.h"

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  using namespace sbom::image::detail;
  const std::string_view in(reinterpret_cast<const char*>(data), size);
  (void)decode_layer_scan("k", in);
  // The header a writer would put before this payload.
  std::string entry = "sbomkit-layer-cache\n";
  auto put_u64 = [&](std::uint64_t v) {
    for (int i = 0; i < 8; ++i) entry += static_cast<char>((v >> (8 * i)) & 0xff);
  };
  put_u64(kLayerCacheVersion);
  put_u64(in.size());
  entry += sha256_digest(in);
  entry += in;
  // The key is the payload's first field; take it from there so that decoding can get past it.
  std::string key;
  if (in.size() >= 8) {
    std::uint64_t n = 0;
    for (int i = 0; i < 8; ++i) n |= static_cast<std::uint64_t>(static_cast<unsigned char>(in[i])) << (8 * i);
    if (n <= in.size() - 8) key = std::string(in.substr(8, n));
  }
  auto scan = decode_layer_scan(key, entry);
  if (scan && encode_layer_scan(key, *scan) != entry) __builtin_trap();
  return 0;
}
