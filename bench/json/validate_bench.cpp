// The validating pass over one document, best of N runs each: with and without the duplicate-key
// check (json::ParseOptions::reject_duplicate_keys), and validate() (its quick pass, which proves
// such a document valid) against RapidJSON's full pass alone (validate_in_full).
//   validate_bench FILE [RUNS]   (make FILE with bench/gen_big_sbom.py)
#include <algorithm>
#include <chrono>
#include <cstdio>
#include <cstdlib>
#include <fstream>
#include <sstream>
#include <string>

#include "core/json_cursor.h"

int main(int argc, char** argv) {
  if (argc < 2) {
    std::fprintf(stderr, "usage: validate_bench FILE [RUNS]\n");
    return 2;
  }
  std::ifstream in(argv[1], std::ios::binary);
  std::stringstream ss;
  ss << in.rdbuf();
  const std::string text = ss.str();
  const int runs = argc > 2 ? std::atoi(argv[2]) : 5;
  for (bool full : {false, true})
  for (bool reject : {false, true}) {
    double best = 1e9;
    for (int i = 0; i < runs; ++i) {
      auto t0 = std::chrono::steady_clock::now();
      auto s = full ? sbom::json::detail::validate_in_full(text, 512, reject) : sbom::json::detail::validate(text, 512, reject);
      double dt = std::chrono::duration<double>(std::chrono::steady_clock::now() - t0).count();
      if (!s) {
        std::fprintf(stderr, "%s\n", s.error().to_string().c_str());
        return 2;
      }
      best = std::min(best, dt);
    }
    std::printf("%-14s %-22s %8.3f s  %7.1f MB/s\n", full ? "full pass" : "validate()", reject ? "reject duplicate keys" : "syntax only",
                best, static_cast<double>(text.size()) / 1e6 / best);
  }
  return 0;
}
