// Test helper for CycloneDX XML conformance (tests/conformance/cyclonedx_xml.py):
//   cdx_xml xml FILE [VERSION]    CycloneDX JSON or XML in, CycloneDX XML out (losses on stderr)
//   cdx_xml json FILE             CycloneDX JSON or XML in, CycloneDX JSON out (the model's writer; losses on stderr)
//   cdx_xml infoset A B           exit 0 when A and B are infoset-equal, else 1 and the difference
#include <cstdio>
#include <cstring>
#include <string>

#include "cyclonedx/json.h"
#include "cyclonedx/xml.h"
#include "sbom/cyclonedx.h"
#include "xml_infoset.h"

namespace {

bool slurp(const char* path, std::string& out) {
  std::FILE* f = std::fopen(path, "rb");
  if (!f) return false;
  char buf[65536];
  std::size_t n;
  while ((n = std::fread(buf, 1, sizeof buf, f)) > 0) out.append(buf, n);
  std::fclose(f);
  return true;
}

sbom::Expected<sbom::Document> read(const std::string& text, const char* name) {
  std::size_t first = text.find_first_not_of(" \t\r\n\xEF\xBB\xBF");
  if (first != std::string::npos && text[first] == '<') return sbom::cyclonedx::read_xml(text, name);
  return sbom::cyclonedx::read_json(text, name);
}

}  // namespace

int main(int argc, char** argv) {
  if (argc < 3 || (std::strcmp(argv[1], "infoset") == 0 && argc != 4)) {
    std::fprintf(stderr, "usage: cdx_xml xml|json FILE [VERSION] | cdx_xml infoset A B\n");
    return 2;
  }
  std::string a, b;
  if (!slurp(argv[2], a) || (argc > 3 && std::strcmp(argv[1], "infoset") == 0 && !slurp(argv[3], b))) {
    std::perror("cdx_xml");
    return 2;
  }
  if (std::strcmp(argv[1], "infoset") == 0) {
    std::string diff = sbom::test::xml_infoset_difference(a, b);
    if (diff.empty()) return 0;
    std::printf("%s\n", diff.c_str());
    return 1;
  }
  auto doc = read(a, argv[2]);
  if (!doc) {
    std::fprintf(stderr, "%s\n", doc.error().to_string().c_str());
    return 2;
  }
  auto out = [](std::string_view s) { std::fwrite(s.data(), 1, s.size(), stdout); };
  auto loss = [](const sbom::format::Loss& l) {
    std::fprintf(stderr, "loss %s: %s: %s\n", l.location.c_str(), l.what.c_str(), l.why.c_str());
  };
  if (std::strcmp(argv[1], "json") == 0) {
    auto st = sbom::cyclonedx::write_json(*doc, "", out, loss);
    if (!st) {
      std::fprintf(stderr, "%s\n", st.error().to_string().c_str());
      return 2;
    }
    return 0;
  }
  auto st = sbom::cyclonedx::write_xml(*doc, argc > 3 ? argv[3] : "", out, loss);
  if (!st) {
    std::fprintf(stderr, "%s\n", st.error().to_string().c_str());
    return 2;
  }
  return 0;
}
