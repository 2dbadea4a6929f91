// The component side of sbom-diff (components.h): entries, the index in pairing order, pairing
// by key and by name, version direction, licence and content changes.
#include "diff/components.h"

#include <algorithm>
#include <initializer_list>

#include "sbom/ecosystem.h"
#include "sbom/purl.h"
#include "sbom/text.h"
#include "sbom/version.h"

namespace sbom::diff::detail {

namespace {

// ASCII case folding inline (what std::tolower does in the C locale, without a call per byte:
// it runs over every property name and digest algorithm of 100,000 components).
char fold(char c) { return c >= 'A' && c <= 'Z' ? static_cast<char>(c - 'A' + 'a') : c; }

using text::iequals;
using text::lower;

bool iends_with(std::string_view s, std::string_view tail) {
  return s.size() >= tail.size() && iequals(s.substr(s.size() - tail.size()), tail);
}

// Where a producer says it found the component: syft's "syft:location:0:path", Trivy's
// "aquasecurity:trivy:FilePath", our own "sbomkit:path" and the like.
std::string_view location_of(const Component& c) {
  for (const auto& p : c.properties)
    if (iends_with(p.name, "path") || iends_with(p.name, ":location")) return p.value;
  return {};
}

// Key, version, place, arch, position: the order in which the copies of one package pair, and
// the order of leftovers that the pairing by name walks.
bool full_less(const Entry& a, std::uint32_t x, const Entry& b, std::uint32_t y) {
  if (int k = a.key.compare(b.key); k != 0) return k < 0;
  if (a.version() != b.version()) return a.version() < b.version();
  if (a.place != b.place) return a.place < b.place;
  if (a.arch != b.arch) return a.arch < b.arch;
  return x < y;
}

std::string group_name(const Component& c) { return c.group.empty() ? c.name : c.group + "/" + c.name; }

// The fallback identity across producers when one writes no purl: lower-case group/name.
std::string name_key(const Entry& e) { return lower(group_name(*e.component)); }

// A hash of name_key() (FNV-1a), without making the string.
std::uint64_t name_hash(const Component& c) {
  std::uint64_t h = 14695981039346656037ull;
  auto add = [&](std::string_view s) {
    for (char ch : s) {
      h ^= static_cast<unsigned char>(fold(ch));
      h *= 1099511628211ull;
    }
  };
  if (!c.group.empty()) {
    add(c.group);
    add("/");
  }
  add(c.name);
  return h;
}

void set_location(Entry& e, std::string_view location) {
  e.location = location;
  e.place = location;
  while (!e.place.empty() && (e.place.front() == '/' || e.place.substr(0, 2) == "./"))
    e.place.remove_prefix(e.place.front() == '/' ? 1 : 2);
}

// The places of evidence.occurrences[].location, when the producer lists them.
std::vector<std::string_view> occurrences(const Component& c) {
  std::vector<std::string_view> out;
  for (const Occurrence& o : c.occurrences) out.push_back(o.location);
  return out;
}

Entry make_entry(const Component& c) {
  Entry e;
  e.component = &c;
  e.doc_version = c.version;
  set_location(e, location_of(c));
  if (!c.purl.empty()) {
    if (auto p = parse_purl(c.purl)) {
      e.has_purl = true;
      e.key = p->package_key();
      if (!p->subpath.empty()) {
        e.key += '#';
        e.key += p->subpath;
      }
      e.purl_type = std::move(p->type);
      e.purl_ns = std::move(p->ns);
      for (auto& [k, v] : p->qualifiers) {
        if (k == "distro") e.distro = std::move(v);
        else if (k == "arch") e.arch = std::move(v);
      }
      if (e.doc_version.empty()) e.own_version = std::move(p->version);
      // Trivy writes a deb/rpm epoch as a qualifier, others inside the version: "1:2.38".
      if ((e.purl_type == "deb" || e.purl_type == "rpm") && e.version().find(':') == std::string_view::npos) {
        for (const auto& [k, v] : p->qualifiers)
          if (k == "epoch" && !v.empty() && v != "0") e.own_version = v + ":" + std::string(e.version());
      }
    }
  }
  if (!e.has_purl) e.key = c.type + ":" + group_name(c);
  return e;
}

// A first guess at the number of entries (copies at several places add some).
std::size_t count_components(const std::vector<Component>& list) {
  std::size_t n = list.size();
  for (const auto& c : list) n += count_components(c.components);
  return n;
}

void collect(const std::vector<Component>& list, std::vector<Entry>& out) {
  for (const auto& c : list) {
    out.push_back(make_entry(c));
    // One component found at several places (evidence.occurrences) stands for one copy per
    // place, the way producers that write a component per place (Trivy) see it.
    if (auto places = occurrences(c); places.size() > 1) {
      Entry first = std::move(out.back());
      out.pop_back();
      for (std::string_view place : places) {
        out.push_back(first);
        set_location(out.back(), place);
      }
    } else if (places.size() == 1 && out.back().location.empty()) {
      set_location(out.back(), places.front());
    }
    collect(c.components, out);
  }
}

}  // namespace

ComponentInfo info_of(const Entry& e) {
  ComponentInfo info;
  info.key = e.key;
  info.display = e.has_purl ? e.key : group_name(*e.component);
  info.version = std::string(e.version());
  info.type = e.component->type;
  info.location = std::string(e.location);
  return info;
}

// The subject of the document (metadata.component, usually the image) is not one of its
// components: its version is the build itself. `refs` are the bom-refs the findings name.
Index build_index(const Document& doc, const std::unordered_set<std::string_view>& refs) {
  Index idx;
  if (doc.components) {
    idx.entries.reserve(count_components(*doc.components));
    collect(*doc.components, idx.entries);
  }
  const auto& entries = idx.entries;
  idx.order.resize(entries.size());
  const std::hash<std::string_view> hash;
  for (std::uint32_t i = 0; i < idx.order.size(); ++i) idx.order[i] = {hash(entries[i].key), i};
  std::sort(idx.order.begin(), idx.order.end(), [&](const Slot& x, const Slot& y) {
    if (x.hash != y.hash) return x.hash < y.hash;
    return full_less(entries[x.pos], x.pos, entries[y.pos], y.pos);
  });
  if (!refs.empty()) {
    idx.by_ref.reserve(refs.size());
    // Of two components sharing a bom-ref (invalid, but seen) the first in full order wins,
    // whatever the document order.
    for (std::uint32_t i = 0; i < entries.size(); ++i) {
      const std::string& ref = entries[i].component->bom_ref;
      if (ref.empty() || !refs.count(ref)) continue;
      auto [it, fresh] = idx.by_ref.emplace(ref, i);
      if (!fresh && full_less(entries[i], i, entries[it->second], it->second)) it->second = i;
    }
  }
  return idx;
}

namespace {

// Pairs the copies of one package (the same key at several paths or architectures), slots
// [a0, a1) of `a` with [b0, b1) of `b`, in passes from the most to the least specific, each in
// full order, so the result does not depend on document order.
void pair_group(const Index& a, std::size_t a0, std::size_t a1, const Index& b, std::size_t b0, std::size_t b1,
                Pairing& out) {
  if (a1 - a0 == 1 && b1 - b0 == 1) {
    out.matched.emplace_back(a.order[a0].pos, b.order[b0].pos);
    return;
  }
  std::vector<bool> used_a(a1 - a0), used_b(b1 - b0);
  auto pass = [&](auto same) {
    for (std::size_t i = a0; i < a1; ++i) {
      if (used_a[i - a0]) continue;
      for (std::size_t j = b0; j < b1; ++j) {
        if (used_b[j - b0] || !same(a.entries[a.order[i].pos], b.entries[b.order[j].pos])) continue;
        used_a[i - a0] = used_b[j - b0] = true;
        out.matched.emplace_back(a.order[i].pos, b.order[j].pos);
        break;
      }
    }
  };
  pass([](const Entry& x, const Entry& y) {
    return x.version() == y.version() && x.place == y.place && x.arch == y.arch;
  });
  pass([](const Entry& x, const Entry& y) { return x.version() == y.version() && x.arch == y.arch; });
  pass([](const Entry& x, const Entry& y) { return x.place == y.place && x.arch == y.arch; });
  pass([](const Entry& x, const Entry& y) { return x.arch == y.arch; });
  pass([](const Entry&, const Entry&) { return true; });
  for (std::size_t i = a0; i < a1; ++i)
    if (!used_a[i - a0]) out.removed.push_back(a.order[i].pos);
  for (std::size_t j = b0; j < b1; ++j)
    if (!used_b[j - b0]) out.added.push_back(b.order[j].pos);
}

// The end of the run of slots from `i` whose entries share the key of slot i.
std::size_t group_end(const Index& x, std::size_t i) {
  std::size_t end = i + 1;
  while (end < x.order.size() && x.order[end].hash == x.order[i].hash &&
         x.entries[x.order[end].pos].key == x.entries[x.order[i].pos].key)
    ++end;
  return end;
}

void sort_full(std::vector<std::uint32_t>& v, const Index& x) {
  std::sort(v.begin(), v.end(),
            [&](std::uint32_t p, std::uint32_t q) { return full_less(x.entries[p], p, x.entries[q], q); });
}

}  // namespace

Pairing pair_components(const Index& a, const Index& b) {
  Pairing out;
  std::size_t i = 0, j = 0;
  const auto& oa = a.order;
  const auto& ob = b.order;
  while (i < oa.size() || j < ob.size()) {
    int order = i == oa.size() ? 1 : j == ob.size() ? -1 : 0;
    if (order == 0) {
      if (oa[i].hash != ob[j].hash) order = oa[i].hash < ob[j].hash ? -1 : 1;
      else order = a.entries[oa[i].pos].key.compare(b.entries[ob[j].pos].key);
    }
    if (order < 0) {
      out.removed.push_back(oa[i++].pos);
    } else if (order > 0) {
      out.added.push_back(ob[j++].pos);
    } else {
      std::size_t i1 = group_end(a, i), j1 = group_end(b, j);
      pair_group(a, i, i1, b, j, j1, out);
      i = i1;
      j = j1;
    }
  }
  out.same_key = out.matched.size();
  // A producer that writes no purl for a component another one does (or a different type):
  // pair the leftovers by group/name when at least one side has no purl, in full order.
  const auto& ea = a.entries;
  const auto& eb = b.entries;
  auto no_purl = [](const std::vector<std::uint32_t>& v, const std::vector<Entry>& e) {
    return std::any_of(v.begin(), v.end(), [&](std::uint32_t k) { return !e[k].has_purl; });
  };
  const bool removed_no_purl = no_purl(out.removed, ea);
  if (out.removed.empty() || out.added.empty() || (!removed_no_purl && !no_purl(out.added, eb))) return out;
  // Only what can pair takes part (a later entry with a purl pairs only with an earlier one
  // without), each list in full order, so the result is that of walking all of them.
  std::unordered_map<std::uint64_t, std::vector<std::uint32_t>> added_by_name;
  for (std::uint32_t k : out.added)
    if (removed_no_purl || !eb[k].has_purl) added_by_name[name_hash(*eb[k].component)].push_back(k);
  std::vector<std::uint32_t> candidates;
  for (std::uint32_t r : out.removed)
    if (added_by_name.count(name_hash(*ea[r].component))) candidates.push_back(r);
  if (candidates.empty()) return out;
  sort_full(candidates, a);
  for (auto& [h, list] : added_by_name) sort_full(list, b);
  std::vector<bool> taken(eb.size()), paired(ea.size());
  for (std::uint32_t r : candidates) {
    const std::string name = name_key(ea[r]);
    for (std::uint32_t k : added_by_name[name_hash(*ea[r].component)]) {
      if (taken[k] || (ea[r].has_purl && eb[k].has_purl) || name_key(eb[k]) != name) continue;
      taken[k] = paired[r] = true;
      out.matched.emplace_back(r, k);
      break;
    }
  }
  std::erase_if(out.removed, [&](std::uint32_t r) { return paired[r]; });
  std::erase_if(out.added, [&](std::uint32_t k) { return taken[k]; });
  return out;
}

// Orders two versions by the semantics of the package's ecosystem (the purl type's scheme).
// Versions the scheme calls equal ("1.0" and "1.0.0" where it says so) are no change.
VersionChange direction(const Entry& a, const Entry& b) {
  if (a.version() == b.version()) return VersionChange::kNone;
  if (!a.has_purl || !b.has_purl || a.purl_type != b.purl_type) return VersionChange::kChanged;
  for (const std::string* distro : {&b.distro, &a.distro}) {
    auto eco = version::ecosystem_for_purl(a.purl_type, a.purl_ns, *distro);
    if (!eco) continue;
    auto scheme = version::ecosystem_scheme(*eco);
    if (!scheme || !*scheme) return VersionChange::kChanged;
    auto order = (*scheme)->compare(a.version(), b.version());
    if (!order) return VersionChange::kChanged;
    switch (*order) {
      case version::Order::Less: return VersionChange::kUpgrade;
      case version::Order::Greater: return VersionChange::kDowngrade;
      case version::Order::Equal: return VersionChange::kNone;
    }
  }
  return VersionChange::kChanged;
}

namespace {

std::vector<std::string> licenses_of(const Component& c) {
  std::vector<std::string> out;
  for (const auto& l : c.licenses) {
    const std::string& s = !l.id.empty() ? l.id : !l.name.empty() ? l.name : l.expression;
    if (!s.empty()) out.push_back(s);
  }
  std::sort(out.begin(), out.end());
  out.erase(std::unique(out.begin(), out.end()), out.end());
  return out;
}

bool same_licenses(const Component& a, const Component& b) {
  if (a.licenses.size() != b.licenses.size()) return false;
  for (std::size_t i = 0; i < a.licenses.size(); ++i) {
    const License& x = a.licenses[i];
    const License& y = b.licenses[i];
    if (x.id != y.id || x.name != y.name || x.expression != y.expression) return false;
  }
  return true;
}

// The algorithm of a digest both sides carry that differs, or nullptr.
const std::string* differing_hash(const Component& a, const Component& b) {
  for (const auto& ha : a.hashes)
    for (const auto& hb : b.hashes)
      if (iequals(ha.alg, hb.alg) && ha.content != hb.content && !iequals(ha.content, hb.content)) return &ha.alg;
  return nullptr;
}

}  // namespace

std::optional<ComponentChange> compare_pair(const Entry& a, const Entry& b, bool licenses) {
  VersionChange version = direction(a, b);
  // A component one producer gives no license for is not a license change: only its absence.
  bool license_changed = false;
  std::vector<std::string> before, after;
  if (licenses && !same_licenses(*a.component, *b.component)) {
    before = licenses_of(*a.component);
    after = licenses_of(*b.component);
    license_changed = !before.empty() && !after.empty() && before != after;
  }
  // A new version is expected to hash differently; the same version with other content is news.
  const std::string* hash = version == VersionChange::kNone ? differing_hash(*a.component, *b.component) : nullptr;
  if (version == VersionChange::kNone && !license_changed && !hash) return std::nullopt;
  ComponentChange ch;
  ch.before = info_of(a);
  ch.after = info_of(b);
  ch.version = version;
  ch.license_changed = license_changed;
  ch.licenses_before = std::move(before);
  ch.licenses_after = std::move(after);
  if (hash) {
    ch.hash_changed = true;
    ch.hash_alg = *hash;
  }
  return ch;
}

// Components as reports list them: by display name, version and place; the other fields break
// ties, so that the lists do not depend on the order pairing produced them in.
int order(const ComponentInfo& x, const ComponentInfo& y) {
  for (auto field : {&ComponentInfo::display, &ComponentInfo::version, &ComponentInfo::location, &ComponentInfo::key,
                     &ComponentInfo::type})
    if (int c = (x.*field).compare(y.*field); c != 0) return c;
  return 0;
}

int order(const ComponentChange& x, const ComponentChange& y) {
  if (int c = order(x.before, y.before); c != 0) return c;
  if (int c = order(x.after, y.after); c != 0) return c;
  if (x.version != y.version) return x.version < y.version ? -1 : 1;
  if (x.licenses_before != y.licenses_before) return x.licenses_before < y.licenses_before ? -1 : 1;
  if (x.licenses_after != y.licenses_after) return x.licenses_after < y.licenses_after ? -1 : 1;
  return x.hash_alg.compare(y.hash_alg);
}

}  // namespace sbom::diff::detail
