// The property both SPDX 2 fuzz targets check: a document that reads writes, in either syntax,
// text that reads back and writes again byte for byte (nothing lost, nothing unstable).
#pragma once

#include <cstdlib>
#include <string>

#include "spdx/spdx.h"

namespace fuzz {

inline std::string spdx_write(const sbom::Document& doc, bool tag_value) {
  std::string out;
  auto sink = [&](std::string_view s) { out += s; };
  auto s = tag_value ? sbom::spdx::write_spdx_tag_value(doc, "", sink, {}) : sbom::spdx::write_spdx_json(doc, "", sink, {});
  if (!s) std::abort();
  return out;
}

inline void spdx_roundtrip(const sbom::Document& doc) {
  for (bool tag_value : {false, true}) {
    std::string once = spdx_write(doc, tag_value);
    auto again = tag_value ? sbom::spdx::read_spdx_tag_value(once, "fuzz-out") : sbom::spdx::read_spdx_json(once, "fuzz-out");
    if (!again || spdx_write(*again, tag_value) != once) std::abort();
  }
}

}  // namespace fuzz
