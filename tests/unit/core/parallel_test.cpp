// Tests for sbom/parallel.h's Pipeline: items reach the consumer in push order, with or without a
// worker thread, push blocks instead of queueing without bound, and what the consumer throws comes
// back from finish().
#include <catch2/catch.hpp>

#include <atomic>
#include <chrono>
#include <stdexcept>
#include <string>
#include <thread>
#include <vector>

#include "sbom/parallel.h"

namespace {

// The consumer's record of a pipeline fed 0 .. n-1 (each item a vector, moved through the queue).
std::vector<int> run_pipeline(bool threaded, std::size_t depth, int n) {
  std::vector<int> seen;
  sbom::Pipeline<std::vector<int>> p([&](std::vector<int>& item) { seen.insert(seen.end(), item.begin(), item.end()); },
                                     depth, threaded);
  for (int i = 0; i < n; ++i) p.push(std::vector<int>{i, -i});
  p.finish();
  return seen;
}

}  // namespace

TEST_CASE("pipeline: the consumer sees the items in push order, threaded or not") {
  std::vector<int> want;
  for (int i = 0; i < 5000; ++i) {
    want.push_back(i);
    want.push_back(-i);
  }
  CHECK(run_pipeline(false, 4, 5000) == want);
  CHECK(run_pipeline(true, 4, 5000) == want);
  CHECK(run_pipeline(true, 1, 5000) == want);
  CHECK(run_pipeline(true, 0, 10).size() == 20);  // a depth of 0 is taken as 1
}

TEST_CASE("pipeline: without a worker, push runs the consumer at once") {
  int calls = 0;
  sbom::Pipeline<int> p([&](int&) { ++calls; }, 4, false);
  CHECK_FALSE(p.threaded());
  p.push(1);
  CHECK(calls == 1);
  p.push(2);
  CHECK(calls == 2);
}

TEST_CASE("pipeline: push waits while `depth` items wait") {
  std::atomic<bool> release{false};
  std::atomic<int> consumed{0};
  sbom::Pipeline<int> p(
      [&](int&) {
        while (!release) std::this_thread::yield();
        ++consumed;
      },
      2, true);
  REQUIRE(p.threaded());
  std::atomic<int> pushed{0};
  std::thread producer([&] {
    for (int i = 0; i < 6; ++i) {
      p.push(i);
      ++pushed;
    }
  });
  // The worker holds one item, two wait: the fourth push cannot return until the consumer moves.
  for (int spin = 0; spin < 200 && pushed < 3; ++spin) std::this_thread::sleep_for(std::chrono::milliseconds(1));
  std::this_thread::sleep_for(std::chrono::milliseconds(20));
  CHECK(pushed <= 3);
  release = true;
  producer.join();
  p.finish();
  CHECK(consumed == 6);
}

TEST_CASE("pipeline: what the consumer throws comes back from finish") {
  sbom::Pipeline<int> p(
      [](int& i) {
        if (i == 3) throw std::runtime_error("item 3");
      },
      2, true);
  for (int i = 0; i < 100; ++i) p.push(i);
  CHECK_THROWS_WITH(p.finish(), "item 3");
  CHECK_NOTHROW(p.finish());  // thrown once
}
