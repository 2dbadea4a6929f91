// A minimal parallel loop for the few places where independent work is worth both cores (sbom-diff's
// releases, sbom-match's components). Results must be written to per-index slots and merged in index
// order afterwards, so output never depends on scheduling.
#pragma once

#include <algorithm>
#include <atomic>
#include <cstddef>
#include <system_error>
#include <thread>
#include <vector>

namespace sbom {

/// Runs fn(0) ... fn(n - 1) on up to one thread per core; the calls must be independent.
template <typename F>
void parallel_for(std::size_t n, F fn) {
  std::size_t workers = std::min<std::size_t>(n, std::max(1u, std::thread::hardware_concurrency()));
  std::atomic<std::size_t> next{0};
  auto work = [&] {
    for (std::size_t i; (i = next++) < n;) fn(i);
  };
  std::vector<std::thread> pool;
  for (std::size_t w = 1; w < workers; ++w) {
    try {
      pool.emplace_back(work);
    } catch (const std::system_error&) {
      break;  // no more threads: this one does the rest
    }
  }
  work();
  for (auto& t : pool) t.join();
}

}  // namespace sbom
