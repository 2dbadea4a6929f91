// Reading CycloneDX XML against reading the same document as CycloneDX JSON: the JSON document is
// written as XML once (in memory), then each reader runs RUNS times, interleaved; prints the median
// and best of each and their ratio (the aim: XML within 2x of JSON). Times are the thread's CPU
// time: on a shared machine, wall time measures the neighbours.
//   xml_read_bench FILE.json [RUNS]   (make FILE with bench/gen_big_sbom.py; run-xml-bench.sh does both)
#include <algorithm>
#include <ctime>
#include <cstdio>
#include <cstdlib>
#include <fstream>
#include <sstream>
#include <string>
#include <vector>

#include "cyclonedx/xml.h"
#include "sbom/cyclonedx.h"

namespace {

double cpu_now() {
  timespec ts;
  clock_gettime(CLOCK_THREAD_CPUTIME_ID, &ts);
  return static_cast<double>(ts.tv_sec) + static_cast<double>(ts.tv_nsec) / 1e9;
}

double median(std::vector<double> v) {
  std::sort(v.begin(), v.end());
  return v.size() % 2 ? v[v.size() / 2] : (v[v.size() / 2 - 1] + v[v.size() / 2]) / 2;
}

}  // namespace

int main(int argc, char** argv) {
  if (argc < 2) {
    std::fprintf(stderr, "usage: xml_read_bench FILE.json [RUNS]\n");
    return 2;
  }
  std::ifstream in(argv[1], std::ios::binary);
  std::stringstream ss;
  ss << in.rdbuf();
  const std::string json = ss.str();
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
    double t0 = cpu_now();
    auto a = sbom::cyclonedx::read_json(json, "bench.json");
    double t1 = cpu_now();
    auto b = sbom::cyclonedx::read_xml(xml, "bench.xml");
    double t2 = cpu_now();
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
  std::printf("read CycloneDX JSON  CPU median %.3f s  best %.3f s\n", median(tj), *std::min_element(tj.begin(), tj.end()));
  std::printf("read CycloneDX XML   CPU median %.3f s  best %.3f s\n", median(tx), *std::min_element(tx.begin(), tx.end()));
  std::printf("XML / JSON (medians) %.2fx\n", median(tx) / median(tj));
  return 0;
}
