// Fuzz target: SPDX 3 reading; a document that reads must write without error and read back to
// the same text (the writer's output is its own fixed point).
#include <cstdint>
#include <cstdlib>
#include <string>
#include <string_view>

#include "spdx3/spdx3.h"

namespace {
std::string write(const sbom::Document& doc) {
  std::string out;
  auto st = sbom::spdx3::write_spdx3(doc, "", [&](std::string_view s) { out += s; }, {});
  if (!st) std::abort();
  return out;
}
}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  std::string_view text(reinterpret_cast<const char*>(data), size);
  auto doc = sbom::spdx3::read_spdx3(text, "fuzz");
  if (!doc) return 0;
  std::string once = write(*doc);
  auto again = sbom::spdx3::read_spdx3(once, "fuzz-out");
  if (!again || write(*again) != once) std::abort();
  return 0;
}
