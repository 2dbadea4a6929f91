// The events between the XML walk and the model reader (events.h).
#include "cyclonedx/events.h"

#include <algorithm>

namespace sbom::cyclonedx {

namespace {
// Copied text goes into blocks this large (a string longer than that gets its own block): the
// copies are few (text with references, numbers), so blocks are allocated rarely.
constexpr std::size_t kBlock = std::size_t{1} << 16;
}  // namespace

Events::Events(std::string_view stable, std::size_t expected) : stable_(stable) { events_.reserve(expected); }

void Events::clear() {
  events_.clear();
  if (arena_.empty()) return;
  arena_.resize(1);
  free_ = arena_[0].text.get();
  left_ = arena_[0].size;
}

std::string_view Events::copy(std::string_view s) {
  if (s.empty()) return {};
  if (s.size() > left_) {
    std::size_t n = std::max(kBlock, s.size());
    arena_.push_back({std::make_unique_for_overwrite<char[]>(n), n});
    free_ = arena_.back().text.get();
    left_ = n;
  }
  char* at = free_;
  std::memcpy(at, s.data(), s.size());
  free_ += s.size();
  left_ -= s.size();
  return {at, s.size()};
}

json::Value EventCursor::read_value(bool last_wins) {
  switch ((p_++)->type()) {
    case Events::Type::BeginObject: {
      json::Object o;
      while (p_->type() != Events::Type::EndObject) {
        std::string key((p_++)->view());
        o.emplace_back(std::move(key), read_value(last_wins));
      }
      ++p_;
      return json::Value(std::move(o));
    }
    case Events::Type::BeginArray: {
      json::Array a;
      while (next_element()) a.push_back(read_value(last_wins));
      return json::Value(std::move(a));
    }
    case Events::Type::Number: return json::Value(json::Number{std::string(p_[-1].view())});
    case Events::Type::True: return json::Value(true);
    case Events::Type::False: return json::Value(false);
    default: return json::Value(std::string(p_[-1].view()));
  }
}

}  // namespace sbom::cyclonedx
