// CycloneDX JSON read and write on one document, timed apart: each run reads the text into the
// model and writes the model back to JSON (into a counting sink, so no output cost but the
// writer's). Prints the median and best CPU time of each and the peak RSS. Uses only the public
// API that the model before the format layer had too, so the same source builds against an older
// checkout for a before/after comparison in one sitting. Times are the thread's CPU time.
//   json_rw_bench FILE.json [RUNS]   (make FILE with bench/gen_big_sbom.py; run.sh does both)
#include <algorithm>
#include <cstdio>
#include <cstdlib>
#include <string>
#include <sys/resource.h>
#include <vector>

#include "../common/bench_util.h"
#include "sbom/cyclonedx.h"

int main(int argc, char** argv) {
  if (argc < 2) {
    std::fprintf(stderr, "usage: json_rw_bench FILE.json [RUNS]\n");
    return 2;
  }
  const std::string text = bench::read_file(argv[1]);
  const int runs = argc > 2 ? std::atoi(argv[2]) : 5;
  std::vector<double> tr, tw;
  std::size_t bytes = 0, components = 0;
  for (int i = 0; i < runs; ++i) {
    double t0 = bench::cpu_now();
    auto doc = sbom::cyclonedx::read_json(text, argv[1]);
    double t1 = bench::cpu_now();
    if (!doc) {
      std::fprintf(stderr, "json_rw_bench: %s\n", doc.error().to_string().c_str());
      return 2;
    }
    std::size_t written = 0;
    sbom::cyclonedx::write_json(*doc, [&](std::string_view s) { written += s.size(); });
    double t2 = bench::cpu_now();
    components = doc->components ? doc->components->size() : 0;
    bytes = written;
    tr.push_back(t1 - t0);
    tw.push_back(t2 - t1);
  }
  rusage ru{};
  getrusage(RUSAGE_SELF, &ru);
  std::printf("%zu components; JSON in %.1f MB, out %.1f MB; %d runs\n", components, text.size() / 1e6, bytes / 1e6, runs);
  std::printf("read   CPU median %.3f s  best %.3f s\n", bench::median(tr), *std::min_element(tr.begin(), tr.end()));
  std::printf("write  CPU median %.3f s  best %.3f s\n", bench::median(tw), *std::min_element(tw.begin(), tw.end()));
  std::printf("peak RSS %.0f MiB\n", static_cast<double>(ru.ru_maxrss) / 1024.0);
  return 0;
}
