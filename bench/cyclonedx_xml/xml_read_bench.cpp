// Reading CycloneDX XML against reading the same document as CycloneDX JSON: the JSON document is
// written as XML once (in memory), then each reader runs RUNS times, interleaved; prints the median
// and best of each and their ratio (the aim: XML within 2x of JSON). Times are the thread's CPU
// time: on a shared machine, wall time measures the neighbours.
//   xml_read_bench FILE.json [RUNS]   (make FILE with bench/gen_big_sbom.py; run-xml-bench.sh does both)
//   xml_read_bench --only json|xml FILE [RUNS]   reads FILE (in that format) RUNS times and nothing
//     else, for timing each reader as a whole process, in pairs (e.g. with /usr/bin/time), and for
//     profiling one reader alone (valgrind --tool=callgrind, perf).
#include <algorithm>
#include <cstdio>
#include <cstdlib>
#include <string>
#include <string_view>
#include <vector>

#include "../common/bench_util.h"
#include "cyclonedx/xml.h"
#include "sbom/cyclonedx.h"

namespace {

int only(std::string_view format, const char* path, int runs) {
  const std::string text = bench::read_file(path);
  std::size_t components = 0;
  for (int i = 0; i < runs; ++i) {
    auto d = format == "xml" ? sbom::cyclonedx::read_xml(text, path) : sbom::cyclonedx::read_json(text, path);
    if (!d) {
      std::fprintf(stderr, "%s\n", d.error().to_string().c_str());
      return 2;
    }
    components = d->components ? d->components->size() : 0;
  }
  std::printf("%zu components\n", components);
  return 0;
}

}  // namespace

int main(int argc, char** argv) {
  if (argc >= 4 && std::string_view(argv[1]) == "--only" &&
      (std::string_view(argv[2]) == "json" || std::string_view(argv[2]) == "xml"))
    return only(argv[2], argv[3], argc > 4 ? std::atoi(argv[4]) : 1);
  if (argc < 2 || std::string_view(argv[1]).starts_with("-")) {
    std::fprintf(stderr, "usage: xml_read_bench FILE.json [RUNS] | --only json|xml FILE [RUNS]\n");
    return 2;
  }
  const std::string json = bench::read_file(argv[1]);
  const int runs = argc > 2 ? std::atoi(argv[2]) : 5;
  auto doc = sbom::cyclonedx::read_json(json, argv[1]);
  if (!doc) {
    std::fprintf(stderr, "%s\n", doc.error().to_string().c_str());
    return 2;
  }
  std::string xml;
  std::size_t losses = 0;
  auto st = sbom::cyclonedx::write_xml(*doc, "", [&](std::string_view s) { xml += s; },
                                       [&](const sbom::format::Loss&) { ++losses; });
  if (!st || losses) {
    std::fprintf(stderr, "xml_read_bench: the document does not convert to XML without loss\n");
    return 2;
  }
  std::vector<double> tj, tx;
  std::size_t components = 0;
  for (int i = 0; i < runs; ++i) {
    double t0 = bench::cpu_now();
    auto a = sbom::cyclonedx::read_json(json, "bench.json");
    double t1 = bench::cpu_now();
    auto b = sbom::cyclonedx::read_xml(xml, "bench.xml");
    double t2 = bench::cpu_now();
    if (!a || !b || !b->components || b->components->size() != a->components->size()) {
      std::fprintf(stderr, "xml_read_bench: the readers disagree\n");
      return 2;
    }
    components = b->components->size();
    tj.push_back(t1 - t0);
    tx.push_back(t2 - t1);
  }
  std::printf("%zu components; JSON %.1f MB, XML %.1f MB; %d runs each\n", components, json.size() / 1e6,
              xml.size() / 1e6, runs);
  std::printf("read CycloneDX JSON  CPU median %.3f s  best %.3f s\n", bench::median(tj), *std::min_element(tj.begin(), tj.end()));
  std::printf("read CycloneDX XML   CPU median %.3f s  best %.3f s\n", bench::median(tx), *std::min_element(tx.begin(), tx.end()));
  std::printf("XML / JSON (medians) %.2fx\n", bench::median(tx) / bench::median(tj));
  return 0;
}
