// Fuzz target: CycloneDX reading; a document that reads must write back JSON-equal, and the index
// provenance it records (sbomkit:index:*) must read strictly without crashing, and what reads must
// be a fixed point of record_index.
#include <cstdint>
#include <cstdlib>
#include <string_view>

#include "sbom/cyclonedx.h"
#include "sbom/json.h"
#include "sbom/provenance.h"

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  std::string_view text(reinterpret_cast<const char*>(data), size);
  auto doc = sbom::cyclonedx::read_json(text, "fuzz");
  if (!doc) return 0;
  // The reader accepts a UTF-8 byte order mark before the document (RFC 8259 lets a parser
  // ignore it); the plain JSON parser compared against does not.
  if (text.starts_with("\xEF\xBB\xBF")) text.remove_prefix(3);
  auto in = sbom::json::parse(text);
  auto out = sbom::json::parse(sbom::cyclonedx::write_json(*doc));
  if (!in || !out || !(*in == *out)) std::abort();
  auto index = sbom::read_index_provenance(*doc);
  if (index && *index) {
    sbom::Document again = *doc;
    sbom::record_index(again, **index);
    auto back = sbom::read_index_provenance(again);
    if (!back || !*back || !(**back == **index)) std::abort();
  }
  return 0;
}
