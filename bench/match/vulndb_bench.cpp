// vulndb_bench: open time and per-query time of an index over a list of (ecosystem, name) keys.
// Usage: vulndb_bench DB KEYS_FILE   (KEYS_FILE: "ecosystem<TAB>name" per line)
#include <chrono>
#include <cstdio>
#include <fstream>
#include <string>
#include <utility>
#include <vector>

#include "sbom/vulndb.h"

int main(int argc, char** argv) {
  if (argc != 3) {
    std::fprintf(stderr, "usage: vulndb_bench DB KEYS_FILE\n");
    return 2;
  }
  using clock = std::chrono::steady_clock;
  auto t0 = clock::now();
  auto db = sbom::vulndb::Database::open(argv[1]);
  if (!db) {
    std::fprintf(stderr, "vulndb_bench: %s\n", db.error().to_string().c_str());
    return 2;
  }
  auto t1 = clock::now();
  std::vector<std::pair<std::string, std::string>> keys;
  std::ifstream in(argv[2]);
  for (std::string line; std::getline(in, line);) {
    auto tab = line.find('\t');
    if (tab != std::string::npos) keys.emplace_back(line.substr(0, tab), line.substr(tab + 1));
  }
  std::size_t records = 0;
  auto t2 = clock::now();
  for (const auto& [eco, name] : keys) {
    auto r = db->query(eco, name);
    if (r) records += r->size();
  }
  auto t3 = clock::now();
  auto us = [](auto a, auto b) { return std::chrono::duration<double, std::micro>(b - a).count(); };
  std::printf("open (map + check): %.0f us\n%zu queries, %zu records parsed: %.1f us per query\n", us(t0, t1),
              keys.size(), records, keys.empty() ? 0.0 : us(t2, t3) / static_cast<double>(keys.size()));
  return 0;
}
