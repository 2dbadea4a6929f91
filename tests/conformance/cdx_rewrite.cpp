// Test helper: reads a CycloneDX JSON document into the model and writes it back (no tool of ours
// rewrites a document without changing it, so the round trip of the model is checked with this).
#include <cstdio>

#include "sbom/cyclonedx.h"

int main(int argc, char** argv) {
  if (argc != 2) {
    std::fprintf(stderr, "usage: cdx_rewrite FILE\n");
    return 2;
  }
  std::FILE* f = std::fopen(argv[1], "rb");
  if (!f) {
    std::perror(argv[1]);
    return 2;
  }
  auto doc = sbom::cyclonedx::read_json(f, argv[1]);
  std::fclose(f);
  if (!doc) {
    std::fprintf(stderr, "%s\n", doc.error().to_string().c_str());
    return 2;
  }
  std::string out = sbom::cyclonedx::write_json(*doc);
  std::fwrite(out.data(), 1, out.size(), stdout);
  return 0;
}
