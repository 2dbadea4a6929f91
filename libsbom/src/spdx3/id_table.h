// The SPDX 3 writer's table of element ids: for each id met, a byte of roles (taken, written,
// kept); built for the writer's half a million long ids that mostly share one prefix.
#pragma once

#include <cstddef>
#include <cstdint>
#include <memory>
#include <string>
#include <string_view>
#include <vector>

namespace sbom::spdx3 {

/// A set of strings with one byte of flags each, looked up by view. Open addressing with linear
/// probing over an array of small slots, each holding a key's hash tag and where its text is, so
/// a miss (most look-ups that insert) reads only slots, and a hit the slot and the key once. The
/// keys live in large blocks owned by the table and are never freed one by one.
///
/// Keys that start with `prefix` (the namespace of the ids the writer makes, about 60 bytes) are
/// stored, hashed and compared without it: the work per look-up is the part that differs.
///
/// Why not std::unordered_map: its look-up reads a bucket, a node and the key's heap string, three
/// cache misses on a table far bigger than the cache, and hashes and compares whole ids; it was
/// about a seventh of a CycloneDX -> SPDX 3 conversion.
class IdTable {
 public:
  explicit IdTable(std::string prefix = {}) : prefix_(std::move(prefix)) {}
  IdTable(const IdTable&) = delete;
  IdTable& operator=(const IdTable&) = delete;

  /// Room for `n` keys without growing.
  void reserve(std::size_t n);
  /// The flags of `key`, 0 when the table has not got it. Both look-ups throw std::length_error
  /// for a key of 4 GiB or more past the prefix (a slot holds 32 bits of size; such a key would
  /// never match itself and be added again at each look-up).
  std::uint8_t flags(std::string_view key) const;
  /// The flags of `key`, which is added (flags 0) when the table has not got it. They stay at
  /// this address for the table's life (they are stored with the key's text, which never moves).
  std::uint8_t& operator[](std::string_view key);
  std::size_t size() const { return size_; }

 private:
  // 16 bytes, four to a cache line. `text` points at the key's stored form: a byte of flags, a
  // byte saying whether the prefix was taken off, then the rest of the key.
  struct Slot {
    char* text = nullptr;    // null: empty slot
    std::uint32_t size = 0;  // of the key without the prefix (split() refuses 4 GiB or more)
    std::uint32_t tag = 0;       // the key's hash, which also picks its home slot
  };
  // The key as stored and hashed: without the prefix when it has it.
  struct Key {
    std::string_view rest;
    bool prefixed;
    std::uint32_t tag;
  };
  Key split(std::string_view key) const;
  bool matches(const Slot& s, const Key& k) const;
  // The slot of `k`, or the empty slot where it would go.
  std::size_t probe(const Key& k) const;
  void grow(std::size_t slots);
  char* store(const Key& k);

  std::string prefix_;
  std::vector<Slot> slots_;  // a power of two of them, at most 3/4 in use
  std::size_t size_ = 0;
  std::vector<std::unique_ptr<char[]>> blocks_;
  char* free_ = nullptr;  // room left in the last block
  std::size_t left_ = 0;
};

}  // namespace sbom::spdx3
