// A minimal parallel loop for the few places where independent work is worth both cores (sbom-diff's
// releases, sbom-match's components). Results must be written to per-index slots and merged in index
// order afterwards, so output never depends on scheduling.
#pragma once

#include <algorithm>
#include <atomic>
#include <condition_variable>
#include <cstddef>
#include <deque>
#include <exception>
#include <functional>
#include <mutex>
#include <system_error>
#include <thread>
#include <utility>
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

/// A producer and one consumer: push() hands an item to a worker thread that runs fn on the items
/// one at a time, in the order they were pushed, while the caller makes the next ones. What fn
/// writes is therefore in push order whatever the timing. At most `depth` items wait (push blocks
/// beyond, so memory stays bounded). Without a worker (threaded false, or no thread can be
/// started) push() runs fn itself: the same calls in the same order. finish() waits for every
/// item and rethrows what fn threw; the destructor finishes too (dropping what fn threw).
/// Items fn is done with go back to the pushing thread (in a later push, or finish), where `reuse`
/// (when given) may take what it wants from each before it is destroyed: memory one thread
/// allocates and another frees makes malloc's arenas contend, and in the SPDX 3 writer that cost
/// more than the worker saved.
template <typename T>
class Pipeline {
 public:
  Pipeline(std::function<void(T&)> fn, std::size_t depth, bool threaded, std::function<void(T&)> reuse = {})
      : fn_(std::move(fn)), reuse_(std::move(reuse)), depth_(std::max<std::size_t>(depth, 1)) {
    if (!threaded) return;
    try {
      worker_ = std::thread([this] { consume(); });
    } catch (const std::system_error&) {
      // no thread: push() runs fn itself
    }
  }
  Pipeline(const Pipeline&) = delete;
  Pipeline& operator=(const Pipeline&) = delete;
  ~Pipeline() {
    try {
      finish();
    } catch (...) {
    }
  }
  bool threaded() const { return worker_.joinable(); }
  void push(T item) {
    if (!worker_.joinable()) {
      fn_(item);
      if (reuse_) reuse_(item);
      return;
    }
    std::deque<T> used;
    {
      std::unique_lock lock(mutex_);
      room_.wait(lock, [this] { return queue_.size() < depth_ || failed_; });
      used.swap(used_);
      if (failed_) return;  // finish() rethrows
      queue_.push_back(std::move(item));
    }
    ready_.notify_one();
    if (reuse_)
      for (T& u : used) reuse_(u);
  }  // `used` destroyed here
  void finish() {
    if (worker_.joinable()) {
      {
        std::lock_guard lock(mutex_);
        done_ = true;
      }
      ready_.notify_one();
      worker_.join();
      used_.clear();
    }
    if (error_) std::rethrow_exception(std::exchange(error_, nullptr));
  }

 private:
  void consume() {
    for (;;) {
      T item;
      {
        std::unique_lock lock(mutex_);
        ready_.wait(lock, [this] { return !queue_.empty() || done_; });
        if (queue_.empty()) return;
        item = std::move(queue_.front());
        queue_.pop_front();
      }
      room_.notify_one();
      try {
        fn_(item);
        std::lock_guard lock(mutex_);
        used_.push_back(std::move(item));
      } catch (...) {
        std::lock_guard lock(mutex_);
        error_ = std::current_exception();
        failed_ = true;
        queue_.clear();
        room_.notify_all();
        return;
      }
    }
  }
  std::function<void(T&)> fn_;
  std::function<void(T&)> reuse_;
  std::size_t depth_;
  std::mutex mutex_;
  std::condition_variable ready_, room_;
  std::deque<T> queue_;
  std::deque<T> used_;  // done with, to be destroyed by the pushing thread
  bool done_ = false;
  bool failed_ = false;
  std::exception_ptr error_;
  std::thread worker_;
};

}  // namespace sbom
