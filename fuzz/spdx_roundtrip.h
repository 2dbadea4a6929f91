// The property both SPDX 2 fuzz targets check: a document that reads writes, in either syntax,
// text that reads back and writes again byte for byte (nothing lost, nothing unstable).
//
// When the property fails, what failed is said on stderr before the abort: the syntax, whether the
// text did not read back (and the reader's message) or wrote differently, and the first line that
// differs. CI shows the end of a failed run's output and only the start of the input, so this line
// is often all there is to go on when a run cannot be replayed exactly. With FUZZ_SPDX_DUMP=DIR set,
// the texts are also written into DIR (see dump()).
#pragma once

#include <cstdio>
#include <cstdlib>
#include <string>
#include <string_view>

#include "spdx/spdx.h"

namespace fuzz {

inline std::string spdx_write(const sbom::Document& doc, bool tag_value) {
  std::string out;
  auto sink = [&](std::string_view s) { out += s; };
  auto s = tag_value ? sbom::spdx::write_spdx_tag_value(doc, "", sink, {}) : sbom::spdx::write_spdx_json(doc, "", sink, {});
  if (!s) {
    std::fprintf(stderr, "spdx_roundtrip: the %s writer refused the document: %s\n", tag_value ? "tag-value" : "JSON",
                 s.error().to_string().c_str());
    std::abort();
  }
  return out;
}

// The line holding byte `at` of `text`, at most 300 bytes of it, escaped for a log.
inline std::string line_at(std::string_view text, std::size_t at) {
  std::size_t b = text.rfind('\n', at == 0 ? 0 : at - 1);
  b = b == std::string_view::npos || at == 0 ? 0 : b + 1;
  std::size_t e = text.find('\n', at);
  std::string_view line = text.substr(b, (e == std::string_view::npos ? text.size() : e) - b).substr(0, 300);
  std::string out;
  for (unsigned char c : line) {
    if (c >= 32 && c < 127 && c != '\\') {
      out += static_cast<char>(c);
    } else {
      char buf[8];
      std::snprintf(buf, sizeof buf, "\\x%02x", c);
      out += buf;
    }
  }
  return out;
}

// With FUZZ_SPDX_DUMP=DIR: the text written (and the text written again, when there is one) into
// DIR/first.<syntax> and DIR/second.<syntax>.
inline void dump(bool tag_value, const std::string& once, const std::string* twice) {
  const char* dir = std::getenv("FUZZ_SPDX_DUMP");
  if (!dir) return;
  for (auto [name, text] : {std::pair{"first", &once}, std::pair{"second", twice}}) {
    if (!text) continue;
    std::string path = std::string(dir) + "/" + name + (tag_value ? ".spdx" : ".spdx.json");
    if (std::FILE* f = std::fopen(path.c_str(), "wb")) {
      std::fwrite(text->data(), 1, text->size(), f);
      std::fclose(f);
    }
  }
}

inline void spdx_roundtrip(const sbom::Document& doc) {
  for (bool tag_value : {false, true}) {
    const char* syntax = tag_value ? "tag-value" : "JSON";
    std::string once = spdx_write(doc, tag_value);
    auto again = tag_value ? sbom::spdx::read_spdx_tag_value(once, "fuzz-out") : sbom::spdx::read_spdx_json(once, "fuzz-out");
    if (!again) {
      dump(tag_value, once, nullptr);
      std::fprintf(stderr, "spdx_roundtrip: the %s written does not read back: %s\n", syntax, again.error().to_string().c_str());
      std::abort();
    }
    std::string twice = spdx_write(*again, tag_value);
    if (twice != once) {
      dump(tag_value, once, &twice);
      std::size_t at = 0;
      while (at < once.size() && at < twice.size() && once[at] == twice[at]) ++at;
      std::fprintf(stderr, "spdx_roundtrip: the %s written, read back and written again differs at byte %zu:\n  first:  %s\n  second: %s\n",
                   syntax, at, line_at(once, at).c_str(), line_at(twice, at).c_str());
      std::abort();
    }
  }
}

}  // namespace fuzz
