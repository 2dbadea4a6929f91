// The component side of sbom-diff: one entry per component copy, an index of them in pairing
// order, the pairing of two releases' components, version direction and component changes.
// Private to the diff module (diff.cpp compares findings on top of it).
#pragma once

#include <algorithm>
#include <cstddef>
#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <unordered_map>
#include <unordered_set>
#include <utility>
#include <vector>

#include "sbom/diff.h"

namespace sbom::diff::detail {

// One component of one release, with what pairing and comparison need. Views point into the
// document, which outlives the comparison; reports copy out only what they show.
struct Entry {
  const Component* component = nullptr;
  std::string key;
  std::string_view doc_version;  // the component's version as written
  std::string own_version;       // when it had to be made up (from the purl, with an epoch)
  std::string_view location;
  std::string_view place;  // location without a leading "/" or "./": producers differ in that alone
  bool has_purl = false;
  std::string purl_type, purl_ns, distro, arch;
  // A view of own_version would dangle once the entry moves (short strings live inside it).
  std::string_view version() const { return own_version.empty() ? doc_version : std::string_view(own_version); }
};

// Entries in pairing order: by the hash of the key, then key, version, place, arch and position.
// Any one order of keys serves to walk two indexes side by side; a hash order sorts 100,000
// entries without touching their strings (the comparisons that reach the strings are those
// within one package's copies). Nothing a report shows follows this order: reports sort what
// they list, and what depends on the order of leftovers sorts them by key first (full_less).
struct Slot {
  std::size_t hash;
  std::uint32_t pos;  // into Index::entries
};

struct Index {
  std::vector<Entry> entries;  // document order, a component's copies at several places in a row
  std::vector<Slot> order;
  // The entries of the bom-refs findings name (the other refs are never looked up).
  std::unordered_map<std::string_view, std::uint32_t> by_ref;

  const Entry* find_ref(std::string_view ref) const {
    auto it = by_ref.find(ref);
    return it != by_ref.end() ? &entries[it->second] : nullptr;
  }

  /// The slots [first, last) of the entries whose key is `key` (empty when there are none).
  std::pair<std::size_t, std::size_t> group(std::string_view key) const {
    const std::size_t h = std::hash<std::string_view>{}(key);
    auto first = std::lower_bound(order.begin(), order.end(), key, [&](const Slot& s, std::string_view k) {
      return s.hash != h ? s.hash < h : std::string_view(entries[s.pos].key) < k;
    });
    auto last = first;
    while (last != order.end() && last->hash == h && entries[last->pos].key == key) ++last;
    return {static_cast<std::size_t>(first - order.begin()), static_cast<std::size_t>(last - order.begin())};
  }
};

/// The index of a document's components; `refs` are the bom-refs findings name (only those are
/// looked up by ref).
Index build_index(const Document& doc, const std::unordered_set<std::string_view>& refs);

struct Pairing {
  std::vector<std::pair<std::uint32_t, std::uint32_t>> matched;  // (earlier, later) entries
  std::size_t same_key = 0;  // matched[0, same_key) share their key; the rest were paired by name
  std::vector<std::uint32_t> removed, added;
};

/// Pairs the components of two releases: by key (copies of one package by place and arch), then
/// the leftovers by group/name where a producer wrote no purl.
Pairing pair_components(const Index& a, const Index& b);

// Orders two versions by the semantics of the package's ecosystem (the purl type's scheme).
// Versions the scheme calls equal ("1.0" and "1.0.0" where it says so) are no change.
VersionChange direction(const Entry& a, const Entry& b);

ComponentInfo info_of(const Entry& e);

/// The change between two paired entries, or nullopt when nothing a report shows differs.
std::optional<ComponentChange> compare_pair(const Entry& a, const Entry& b, bool licenses);

// Components as reports list them: by display name, version and place; the other fields break
// ties, so that the lists do not depend on the order pairing produced them in.
int order(const ComponentInfo& x, const ComponentInfo& y);
int order(const ComponentChange& x, const ComponentChange& y);

// Sorts positions, then moves each element once: a change is a dozen strings.
template <typename T>
void sort_components(std::vector<T>& v) {
  std::vector<std::uint32_t> pos(v.size());
  for (std::uint32_t i = 0; i < pos.size(); ++i) pos[i] = i;
  std::sort(pos.begin(), pos.end(), [&](std::uint32_t x, std::uint32_t y) { return order(v[x], v[y]) < 0; });
  std::vector<T> sorted;
  sorted.reserve(v.size());
  for (std::uint32_t i : pos) sorted.push_back(std::move(v[i]));
  v = std::move(sorted);
}

}  // namespace sbom::diff::detail
