// Reading speed of SPDX 2 JSON and tag-value against CycloneDX JSON: the same document (a
// CycloneDX file, e.g. bench/gen_big_sbom.py's 100,000 components) is converted in memory to SPDX
// 2.3 JSON and tag-value, then each text is read through format::read RUNS times; the median wall
// time of each and its ratio to CycloneDX JSON are printed (targets: JSON within 2x, tag-value 3x),
// both to the document as given and to it without its vulnerabilities (what SPDX 2 carries).
// Usage: read_bench FILE.cdx.json [RUNS]
#include <algorithm>
#include <chrono>
#include <cstdio>
#include <cstdlib>
#include <string>
#include <vector>

#include "sbom/format.h"
#include "sbom/json.h"

namespace {

double median_seconds(const std::string& text, int runs, std::size_t& components) {
  std::vector<double> times;
  for (int i = 0; i < runs; ++i) {
    auto start = std::chrono::steady_clock::now();
    auto doc = sbom::format::read(text, "bench");
    auto end = std::chrono::steady_clock::now();
    if (!doc) {
      std::fprintf(stderr, "read_bench: %s\n", doc.error().to_string().c_str());
      std::exit(2);
    }
    components = 0;
    doc->for_each_component([&](const sbom::Component&) { ++components; });
    times.push_back(std::chrono::duration<double>(end - start).count());
  }
  std::sort(times.begin(), times.end());
  return times[times.size() / 2];
}

std::string convert(const sbom::Document& doc, sbom::Syntax syntax) {
  std::string out;
  auto s = sbom::format::write(doc, sbom::format::Target{syntax, ""}, [&](std::string_view p) { out += p; });
  if (!s) {
    std::fprintf(stderr, "read_bench: %s\n", s.error().to_string().c_str());
    std::exit(2);
  }
  return out;
}

}  // namespace

int main(int argc, char** argv) {
  if (argc < 2) {
    std::fprintf(stderr, "usage: read_bench FILE.cdx.json [RUNS]\n");
    return 2;
  }
  int runs = argc > 2 ? std::atoi(argv[2]) : 5;
  std::FILE* f = std::fopen(argv[1], "rb");
  if (!f) {
    std::perror(argv[1]);
    return 2;
  }
  auto text = sbom::json::read_all(f, argv[1]);
  std::fclose(f);
  if (!text) {
    std::fprintf(stderr, "read_bench: %s\n", text.error().to_string().c_str());
    return 2;
  }
  std::string cdx(text->view());
  auto doc = sbom::format::read(cdx, argv[1]);
  if (!doc) {
    std::fprintf(stderr, "read_bench: %s\n", doc.error().to_string().c_str());
    return 2;
  }
  // SPDX 2 cannot carry the vulnerabilities, so the fair base is CycloneDX of what SPDX carries.
  sbom::Document bare = *doc;
  bare.vulnerabilities.reset();
  struct Row {
    const char* name;
    std::string text;
  } rows[] = {{"cyclonedx-json", cdx},
              {"cdx-json no vulns", convert(bare, sbom::Syntax::CycloneDxJson)},
              {"spdx-json", convert(*doc, sbom::Syntax::SpdxJson)},
              {"spdx-tag-value", convert(*doc, sbom::Syntax::SpdxTagValue)}};
  double full = 0, base = 0;
  std::printf("%-18s %12s %11s %9s %13s %13s\n", "syntax", "bytes", "components", "median s", "vs cdx", "vs cdx bare");
  for (auto& r : rows) {
    std::size_t n = 0;
    double t = median_seconds(r.text, runs, n);
    if (full == 0) full = t;
    else if (base == 0) base = t;
    std::printf("%-18s %12zu %11zu %9.3f %12.2fx %12.2fx\n", r.name, r.text.size(), n, t, t / full,
                t / (base == 0 ? t : base));
  }
  return 0;
}
