// Test helper: reads a document of any supported format and writes it as TARGET (a --format
// name, e.g. spdx-json@2.2, or "same": the syntax and version it was read as), the losses as
// JSON lines on stderr. The conformance tests drive
// round trips and cross-format checks through it, independent of any tool's flags.
#include <cstdio>
#include <string>

#include "sbom/format.h"
#include "sbom/json.h"

int main(int argc, char** argv) {
  if (argc != 3) {
    std::fprintf(stderr, "usage: format_convert TARGET FILE\n");
    return 2;
  }
  std::string_view name = argv[1];
  auto target = sbom::format::parse_target(name == "same" ? "cyclonedx-json" : name);
  if (!target) {
    std::fprintf(stderr, "%s\n", target.error().to_string().c_str());
    return 2;
  }
  std::FILE* f = std::fopen(argv[2], "rb");
  if (!f) {
    std::perror(argv[2]);
    return 2;
  }
  auto text = sbom::json::read_all(f, argv[2]);
  std::fclose(f);
  if (!text) {
    std::fprintf(stderr, "%s\n", text.error().to_string().c_str());
    return 2;
  }
  auto doc = sbom::format::read(text->view(), argv[2]);
  if (!doc) {
    std::fprintf(stderr, "%s\n", doc.error().to_string().c_str());
    return 2;
  }
  if (name == "same") *target = sbom::format::target_of(*doc);
  std::string out;
  auto status = sbom::format::write(
      *doc, *target, [&](std::string_view s) { out += s; },
      [](const sbom::format::Loss& l) {
        sbom::json::Object o{{"location", sbom::json::Value(l.location)},
                             {"what", sbom::json::Value(l.what)},
                             {"why", sbom::json::Value(l.why)}};
        std::string line = sbom::json::write(sbom::json::Value(std::move(o)), {0, false});
        std::fprintf(stderr, "%s\n", line.c_str());
      });
  if (!status) {
    std::fprintf(stderr, "%s\n", status.error().to_string().c_str());
    return 2;
  }
  std::fwrite(out.data(), 1, out.size(), stdout);
  return 0;
}
