// The SPDX 3 writer's id table (see id_table.h).
#include "spdx3/id_table.h"

#include <cstring>
#include <limits>
#include <stdexcept>

namespace sbom::spdx3 {

namespace {

constexpr std::size_t kBlock = std::size_t{1} << 20;

// Eight bytes at a time, each word multiplied in, then the bits mixed down (MurmurHash3's final
// mix): good enough spread for ids, and a fraction of a byte-at-a-time hash's work.
std::uint32_t hash_of(std::string_view s, bool prefixed) {
  constexpr std::uint64_t kMul = 0x9E3779B97F4A7C15ull;
  std::uint64_t h = (s.size() + (prefixed ? 0x100000000ull : 0)) * kMul;
  const char* p = s.data();
  std::size_t n = s.size();
  for (; n >= 8; p += 8, n -= 8) {
    std::uint64_t w;
    std::memcpy(&w, p, 8);
    h = (h ^ w) * kMul;
    h ^= h >> 32;
  }
  if (n > 0) {
    std::uint64_t w = 0;
    std::memcpy(&w, p, n);
    h = (h ^ w) * kMul;
  }
  h ^= h >> 33;
  h *= 0xFF51AFD7ED558CCDull;
  h ^= h >> 33;
  h *= 0xC4CEB9FE1A85EC53ull;
  h ^= h >> 33;
  return static_cast<std::uint32_t>(h);
}

}  // namespace

IdTable::Key IdTable::split(std::string_view key) const {
  bool prefixed = !prefix_.empty() && key.starts_with(prefix_);
  if (prefixed) key.remove_prefix(prefix_.size());
  if (key.size() > std::numeric_limits<std::uint32_t>::max())
    throw std::length_error("an SPDX 3 element id of " + std::to_string(key.size()) +
                            " bytes (ids of 4 GiB or more are not written)");
  return Key{key, prefixed, hash_of(key, prefixed)};
}

bool IdTable::matches(const Slot& s, const Key& k) const {
  // (An empty view may have a null data(): memcmp must not see it, even for 0 bytes: UBSan.)
  return s.tag == k.tag && s.size == k.rest.size() && (s.text[1] != 0) == k.prefixed &&
         (k.rest.empty() || std::memcmp(s.text + 2, k.rest.data(), k.rest.size()) == 0);
}

std::size_t IdTable::probe(const Key& k) const {
  const std::size_t mask = slots_.size() - 1;
  for (std::size_t i = k.tag & mask;; i = (i + 1) & mask)
    if (!slots_[i].text || matches(slots_[i], k)) return i;
}

void IdTable::reserve(std::size_t n) {
  std::size_t want = 16;
  while (want / 4 * 3 < n) want *= 2;
  if (want > slots_.size()) grow(want);
}

void IdTable::grow(std::size_t slots) {
  std::vector<Slot> old = std::move(slots_);
  slots_.assign(slots, Slot{});
  const std::size_t mask = slots - 1;
  for (const Slot& s : old) {
    if (!s.text) continue;
    std::size_t i = s.tag & mask;
    while (slots_[i].text) i = (i + 1) & mask;
    slots_[i] = s;
  }
}

char* IdTable::store(const Key& k) {
  const std::size_t need = k.rest.size() + 2;
  if (need > left_) {
    const std::size_t size = need > kBlock ? need : kBlock;
    blocks_.push_back(std::make_unique<char[]>(size));
    free_ = blocks_.back().get();
    left_ = size;
  }
  char* text = free_;
  free_ += need;
  left_ -= need;
  text[0] = 0;
  text[1] = k.prefixed ? 1 : 0;
  if (!k.rest.empty()) std::memcpy(text + 2, k.rest.data(), k.rest.size());
  return text;
}

std::uint8_t IdTable::flags(std::string_view key) const {
  if (slots_.empty()) return 0;
  const Slot& s = slots_[probe(split(key))];
  return s.text ? static_cast<std::uint8_t>(s.text[0]) : 0;
}

std::uint8_t& IdTable::operator[](std::string_view key) {
  if ((size_ + 1) > slots_.size() / 4 * 3) grow(slots_.empty() ? 16 : slots_.size() * 2);
  Key k = split(key);
  Slot& s = slots_[probe(k)];
  if (!s.text) {
    s = Slot{store(k), static_cast<std::uint32_t>(k.rest.size()), k.tag};
    ++size_;
  }
  return reinterpret_cast<std::uint8_t&>(s.text[0]);
}

}  // namespace sbom::spdx3
