// Fuzz target: CycloneDX XML reading; a document that reads must write as XML that reads back and
// writes to the very same text (the writer's output is a fixed point of read + write). Also
// differential: the reader's checked copy accepts exactly what json::valid_utf8 and the XML
// character check accept, and copies the text unchanged.
#include <cstdint>
#include <cstdlib>
#include <string>
#include <cstring>
#include <string_view>

#include "cyclonedx/xml.h"
#include "sbom/json.h"

namespace {

std::string write(const sbom::Document& doc) {
  std::string out;
  auto st = sbom::cyclonedx::write_xml(doc, "", [&](std::string_view s) { out += s; }, {});
  if (!st) std::abort();
  return out;
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  std::string_view text(reinterpret_cast<const char*>(data), size);
  {
    std::string copy(size, '\0');
    const bool ok = sbom::cyclonedx::xml_chars::copy_checked(text, copy.data());
    if (ok != (sbom::json::valid_utf8(text) && sbom::cyclonedx::xml_chars::forbidden_character(text) == size))
      std::abort();
    if (ok && size && std::memcmp(copy.data(), data, size) != 0) std::abort();
  }
  auto doc = sbom::cyclonedx::read_xml(text, "fuzz");
  if (!doc) return 0;
  std::string first = write(*doc);
  auto again = sbom::cyclonedx::read_xml(first, "fuzz-out");
  if (!again) std::abort();
  if (write(*again) != first) std::abort();
  return 0;
}
