// Cost of the language catalogers: reads and catalogs an image with the OS catalogers only
// ("os") or with the language catalogers too ("full"), and prints the process CPU time, so that
// the two can be compared by time (CPU and wall) and, under valgrind --tool=callgrind, by
// instruction count.
// Usage: catalog_split os|full IMAGE [RUNS]
#include <chrono>
#include <cstdio>
#include <cstdlib>
#include <ctime>
#include <string>

#include "sbom/catalog.h"

namespace {

/// Process CPU time, all threads (glibc's clock()).
double cpu_seconds() { return static_cast<double>(std::clock()) / CLOCKS_PER_SEC; }

}  // namespace

int main(int argc, char** argv) {
  if (argc < 3 || (std::string(argv[1]) != "os" && std::string(argv[1]) != "full")) {
    std::fprintf(stderr, "usage: catalog_split os|full IMAGE [RUNS]\n");
    return 2;
  }
  const bool full = std::string(argv[1]) == "full";
  const int runs = argc > 3 ? std::atoi(argv[3]) : 1;
  for (int i = 0; i < runs; ++i) {
    const double start = cpu_seconds();
    const auto wall_start = std::chrono::steady_clock::now();
    auto cats = sbom::catalog::os_catalogers();
    if (full) {
      for (auto& c : sbom::catalog::language_catalogers()) cats.push_back(std::move(c));
    }
    sbom::image::Options opts;
    auto view = sbom::image::read(argv[2], sbom::catalog::patterns(cats), opts);
    if (!view) {
      std::fprintf(stderr, "catalog_split: error: %s\n", view.error().message.c_str());
      return 2;
    }
    auto r = sbom::catalog::run(*view, cats, {});
    if (!r) {
      std::fprintf(stderr, "catalog_split: error: %s\n", r.error().message.c_str());
      return 2;
    }
    const std::chrono::duration<double> wall = std::chrono::steady_clock::now() - wall_start;
    std::printf("%s: %zu files kept, %zu components, %.3f s CPU, %.3f s wall\n", argv[1], view->files().size(),
                r->components.size(), cpu_seconds() - start, wall.count());
  }
  return 0;
}
