// Text a writer keeps aside until its place in the output comes (a large document's packages or
// components, a hundred megabytes and more), held as blocks of about 1 MiB instead of one string:
// a string grown by doubling copies itself at each step and so touches twice its final size in
// fresh pages, and those page faults were a large part of a conversion's time.
#pragma once

#include <string>
#include <vector>

namespace sbom::detail {

class TextBlocks {
 public:
  static constexpr std::size_t kBlock = std::size_t{1} << 20;

  // The block being written: append to it, then seal() after each whole piece (an element).
  std::string& tail() { return tail_; }
  // Starts a new block when the one being written holds kBlock bytes or more.
  void seal() {
    if (tail_.size() < kBlock) return;
    blocks_.push_back(std::move(tail_));
    tail_ = std::string();
    tail_.reserve(kBlock + kBlock / 8);  // one element more seldom makes it grow
  }
  // Calls f(text) for each block in order (none empty), then frees them.
  template <typename F> void drain(F&& f) {
    for (const std::string& b : blocks_) f(b);
    if (!tail_.empty()) f(tail_);
    std::vector<std::string>().swap(blocks_);
    std::string().swap(tail_);
  }

 private:
  std::vector<std::string> blocks_;
  std::string tail_;
};

}  // namespace sbom::detail
