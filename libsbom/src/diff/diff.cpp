// The comparison behind sbom-diff: component identity and pairing, version direction, findings
// keyed by (alias group, component identity), per-release counts and the baseline gate.
#include "sbom/diff.h"
#include "sbom/text.h"

#include <algorithm>
#include <cstdint>
#include <initializer_list>
#include <map>
#include <set>
#include <optional>
#include <unordered_map>
#include <unordered_set>
#include <utility>

#include "core/aliases.h"
#include "diff/report_util.h"
#include "diff/why.h"
#include "sbom/ecosystem.h"
#include "sbom/findings.h"
#include "sbom/parallel.h"
#include "sbom/purl.h"
#include "sbom/version.h"

namespace sbom::diff {

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

ComponentInfo info_of(const Entry& e) {
  ComponentInfo info;
  info.key = e.key;
  info.display = e.has_purl ? e.key : group_name(*e.component);
  info.version = std::string(e.version());
  info.type = e.component->type;
  info.location = std::string(e.location);
  return info;
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

struct Pairing {
  std::vector<std::pair<std::uint32_t, std::uint32_t>> matched;  // (earlier, later) entries
  std::size_t same_key = 0;  // matched[0, same_key) share their key; the rest were paired by name
  std::vector<std::uint32_t> removed, added;
};

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

// ---- findings ----------------------------------------------------------------------------

// A finding of one release: every (vulnerability, affected component) of the same alias group
// and component identity merged.
struct Agg {
  std::string package;
  std::vector<std::string> installed;
  Severity severity = Severity::Unknown;
  bool active = false;  // at least one instance is not suppressed
  std::string state;
  std::vector<std::string> fixed;
  std::string kev;  // the KEV entry's CVE of any instance
  // What the "why" of a change reads: the record's dates, and the exception that suppressed it.
  std::string published, updated;
  std::string exception_entry, exception_expires;
  std::string kind;  // of the first instance: vulnerability, secret, hygiene, eol
};

using FindingKey = std::pair<std::string, std::string>;  // (preferred id, component key)
using FindingMap = std::map<FindingKey, Agg>;

void add_unique(std::vector<std::string>& v, const std::string& s) {
  if (!s.empty() && std::find(v.begin(), v.end(), s) == v.end()) v.push_back(s);
}

std::string finding_component_key(const policy::Finding& f, const Index& idx) {
  if (!f.component_ref.empty()) {
    if (const Entry* e = idx.find_ref(f.component_ref)) return e->key;
  }
  if (f.package.rfind("pkg:", 0) == 0) {
    if (auto p = parse_purl(f.package)) return p->package_key();
  }
  return "ref:" + f.package;
}

FindingMap merge_findings(const Document& doc, const std::vector<policy::Finding>& findings, const Index& idx,
                          const AliasGroups& aliases) {
  FindingMap out;
  for (const auto& f : findings) {
    if (f.id.empty()) continue;
    Agg& a = out[{aliases.preferred(aliases.group_of(f.id)), finding_component_key(f, idx)}];
    if (a.package.empty()) a.package = f.package;
    if (a.kind.empty()) a.kind = f.kind;
    if (doc.vulnerabilities && f.vulnerability < doc.vulnerabilities->size()) {
      const Vulnerability& v = (*doc.vulnerabilities)[f.vulnerability];
      if (a.published.empty() || (!v.published.empty() && v.published < a.published)) a.published = v.published;
      if (v.updated > a.updated) a.updated = v.updated;
      if (f.suppressed && a.exception_entry.empty()) {
        if (const Property* e = v.property("sbomkit:exception:entry")) {
          a.exception_entry = e->value;
          if (const Property* x = v.property("sbomkit:exception:expires")) a.exception_expires = x->value;
        }
      }
    }
    add_unique(a.installed, f.installed);
    for (const auto& v : f.fixed) add_unique(a.fixed, v);
    if (a.kev.empty()) a.kev = f.kev;
    // The most severe active instance speaks for the finding; a finding is suppressed only
    // when every instance of it is.
    if (!f.suppressed) {
      if (!a.active || f.severity > a.severity) a.severity = f.severity;
      if (!a.active) a.state = f.state;
      a.active = true;
    } else if (!a.active) {
      if (a.state.empty() || f.severity > a.severity) a.severity = f.severity;
      if (a.state.empty()) a.state = f.state;
    }
  }
  for (auto& [k, a] : out) std::sort(a.installed.begin(), a.installed.end());
  return out;
}

struct Prepared {
  Index index;
  FindingMap findings;
  std::string producer;
  std::optional<IndexProvenance> provenance;
  bool scanned = false;  // it carries a vulnerabilities array
  std::string time;  // when the document says it was made (metadata.timestamp), else its index's build time
};

// The first tool (not service) named in metadata.tools.
std::string producer_of(const Document& doc) {
  for (const Tool& t : doc.metadata.tools)
    if (!t.service && !t.name.empty()) return lower(t.name);
  return {};
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

Step compare_step(std::size_t from, std::size_t to, const Prepared& a, const Prepared& b, const AliasGroups& aliases) {
  Step step;
  step.from = from;
  step.to = to;
  step.licenses_compared = a.producer.empty() || b.producer.empty() || a.producer == b.producer;
  step.index = detail::compare_indexes(a.provenance, b.provenance);
  Pairing p = pair_components(a.index, b.index);
  for (std::size_t i : p.removed) step.components.removed.push_back(info_of(a.index.entries[i]));
  for (std::size_t j : p.added) step.components.added.push_back(info_of(b.index.entries[j]));
  // The earlier release's key of each component paired by name, whose key differs.
  std::unordered_map<std::string_view, std::string_view> earlier_key;
  for (std::size_t k = p.same_key; k < p.matched.size(); ++k) {
    const Entry& ea = a.index.entries[p.matched[k].first];
    const Entry& eb = b.index.entries[p.matched[k].second];
    if (ea.key != eb.key) earlier_key.emplace(eb.key, ea.key);
  }
  constexpr std::uint32_t kUnpaired = UINT32_MAX;
  std::vector<std::uint32_t> partner(a.index.entries.size(), kUnpaired);
  for (auto [i, j] : p.matched) partner[i] = j;
  // In the earlier document's order, which is mostly the later one's too: both documents are
  // read front to back instead of at random.
  std::sort(p.matched.begin(), p.matched.end());
  for (auto [i, j] : p.matched)
    if (auto ch = compare_pair(a.index.entries[i], b.index.entries[j], step.licenses_compared))
      step.components.changed.push_back(std::move(*ch));
  sort_components(step.components.added);
  sort_components(step.components.removed);
  sort_components(step.components.changed);

  // Findings of the later release under the earlier release's component keys.
  std::map<FindingKey, const Agg*> later;
  for (const auto& [k, agg] : b.findings) {
    FindingKey key = k;
    if (auto it = earlier_key.find(k.second); it != earlier_key.end()) key.second = std::string(it->second);
    auto [pos, fresh] = later.emplace(key, &agg);
    if (!fresh && agg.active && (!pos->second->active || agg.severity > pos->second->severity)) pos->second = &agg;
  }
  // The package side of a finding's change: the component's copies in the earlier release
  // (under key `key`) and what they paired with. `installed` are the finding's versions in the
  // release it is in; `appearing` says which one that is. nullopt when a copy kept one of those
  // versions: the package did not change, something else did.
  auto package_why = [&](const std::string& key, const std::vector<std::string>& installed,
                         bool appearing) -> std::optional<Why> {
    auto [first, last] = a.index.group(key);
    auto has = [&](std::string_view v) { return std::find(installed.begin(), installed.end(), v) != installed.end(); };
    if (first == last) {
      if (appearing) return Why{Cause::kPackage, "added", "component added"};
      return std::nullopt;  // not a component of the earlier release (a finding without one)
    }
    bool removed = false;
    const Entry* from = nullptr;
    const Entry* to = nullptr;
    for (std::size_t s = first; s < last; ++s) {
      const Entry& ea = a.index.entries[a.index.order[s].pos];
      std::uint32_t j = partner[a.index.order[s].pos];
      if (j == kUnpaired) {
        removed = true;
        continue;
      }
      const Entry& eb = b.index.entries[j];
      // The same version on both sides: this copy did not move.
      if (ea.version() == eb.version() && has(ea.version())) return std::nullopt;
      // The pair that carries the finding: later version when it appeared, earlier when it went.
      if (has(appearing ? eb.version() : ea.version()) && (!to || eb.version() > to->version())) {
        from = &ea;
        to = &eb;
      }
    }
    if (!to) {
      if (appearing) return Why{Cause::kPackage, "added", "component added"};
      if (removed) return Why{Cause::kPackage, "removed", "component removed"};
      return std::nullopt;
    }
    const VersionChange dir = direction(*from, *to);
    if (dir == VersionChange::kNone) return std::nullopt;
    Why w{Cause::kPackage, std::string(to_string(dir)), ""};
    const std::string v(appearing ? from->version() : to->version());
    switch (dir) {
      case VersionChange::kUpgrade: w.detail = (appearing ? "upgraded from " : "upgraded to ") + v; break;
      case VersionChange::kDowngrade: w.detail = (appearing ? "downgraded from " : "downgraded to ") + v; break;
      default: w.detail = (appearing ? "was " : "now ") + v; break;
    }
    return w;
  };
  // Whether the vulnerability `id` is in a release at all, and its record's dates there.
  auto record = [](const FindingMap& m, const std::string& id) {
    detail::Record r;
    for (auto it = m.lower_bound({id, std::string()}); it != m.end() && it->first.first == id; ++it) {
      r.in_release = true;
      if (r.published.empty()) r.published = it->second.published;
      if (it->second.updated > r.updated) r.updated = it->second.updated;
    }
    return r;
  };
  auto own = [](const Agg& x) { return detail::Record{true, x.published, x.updated}; };
  const std::string since = a.provenance ? a.provenance->built : std::string();

  auto make = [&](const FindingKey& k) {
    FindingChange fc;
    fc.id = k.first;
    for (const auto& m : aliases.members(aliases.group_of(k.first)))
      if (m != fc.id) fc.aliases.push_back(m);
    fc.component = k.second;
    return fc;
  };
  auto ia = a.findings.begin();
  auto ib = later.begin();
  while (ia != a.findings.end() || ib != later.end()) {
    if (ib == later.end() || (ia != a.findings.end() && ia->first < ib->first)) {
      const Agg& x = ia->second;
      FindingChange fc = make(ia->first);
      fc.status = FindingStatus::kFixed;
      fc.package = x.package;
      fc.installed_before = detail::joined(x.installed, ", ");
      fc.severity_before = x.severity;
      fc.fixed_in = x.fixed;
      fc.kev_before = x.kev;
      auto pkg = package_why(fc.component, x.installed, false);
      // The note older reports had: "component removed", or the version the package is at now.
      if (pkg) fc.note = pkg->change == "removed" ? "component removed" : "now " + pkg->detail.substr(pkg->detail.rfind(' ') + 1);
      fc.why = pkg ? std::move(*pkg)
               : !b.scanned                   ? detail::unscanned()
               : x.kind != findings::kVulnerability ? detail::not_advisory(x.kind)
                                                : detail::vanished(fc.id, record(b.findings, fc.id), step.index);
      if (!x.active) fc.state = x.state;
      step.findings.push_back(std::move(fc));
      ++ia;
    } else if (ia == a.findings.end() || ib->first < ia->first) {
      const Agg& y = *ib->second;
      FindingChange fc = make(ib->first);
      fc.status = y.active ? FindingStatus::kNew : FindingStatus::kSuppressed;
      fc.package = y.package;
      fc.installed_after = detail::joined(y.installed, ", ");
      fc.severity_after = y.severity;
      fc.state = y.state;
      fc.fixed_in = y.fixed;
      fc.kev_after = y.kev;
      auto pkg = package_why(fc.component, y.installed, true);
      fc.why = pkg ? std::move(*pkg)
               : !a.scanned                   ? detail::unscanned()
               : y.kind != findings::kVulnerability ? detail::not_advisory(y.kind)
                                                : detail::appeared(fc.id, record(a.findings, fc.id), own(y), step.index, since);
      step.findings.push_back(std::move(fc));
      ++ib;
    } else {
      const Agg& x = ia->second;
      const Agg& y = *ib->second;
      FindingChange fc = make(ia->first);
      fc.status = x.active ? (y.active ? FindingStatus::kPersisting : FindingStatus::kSuppressed)
                           : (y.active ? FindingStatus::kUnsuppressed : FindingStatus::kStillSuppressed);
      fc.package = y.package.empty() ? x.package : y.package;
      fc.installed_before = detail::joined(x.installed, ", ");
      fc.installed_after = detail::joined(y.installed, ", ");
      fc.severity_before = x.severity;
      fc.severity_after = y.severity;
      fc.state = y.state;
      fc.fixed_in = y.fixed.empty() ? x.fixed : y.fixed;
      fc.kev_before = x.kev;
      fc.kev_after = y.kev;
      if (x.active && !y.active) fc.why = detail::suppressed(y.state, y.exception_entry);
      else if (!x.active && y.active) fc.why = detail::unsuppressed(x.exception_entry, x.exception_expires, b.time);
      else if (fc.severity_changed()) fc.why = detail::rerated(*fc.severity_before, *fc.severity_after);
      step.findings.push_back(std::move(fc));
      ++ia;
      ++ib;
    }
  }
  std::stable_sort(step.findings.begin(), step.findings.end(), [](const FindingChange& x, const FindingChange& y) {
    if (x.status != y.status) return x.status < y.status;
    if (x.severity() != y.severity()) return x.severity() > y.severity();
    if (x.id != y.id) return x.id < y.id;
    return x.package < y.package;
  });
  return step;
}

}  // namespace

std::string_view to_string(VersionChange c) {
  switch (c) {
    case VersionChange::kNone: return "";
    case VersionChange::kUpgrade: return "upgrade";
    case VersionChange::kDowngrade: return "downgrade";
    case VersionChange::kChanged: return "changed";
  }
  return "";
}

std::string_view to_string(Cause c) {
  switch (c) {
    case Cause::kNone: return "";
    case Cause::kPackage: return "package";
    case Cause::kAdvisory: return "advisory";
    case Cause::kAnalysis: return "analysis";
    case Cause::kUnknown: return "unknown";
  }
  return "";
}

std::string_view to_string(FindingStatus s) {
  switch (s) {
    case FindingStatus::kNew: return "new";
    case FindingStatus::kFixed: return "fixed";
    case FindingStatus::kPersisting: return "persisting";
    case FindingStatus::kSuppressed: return "suppressed";
    case FindingStatus::kUnsuppressed: return "unsuppressed";
    case FindingStatus::kStillSuppressed: return "still-suppressed";
  }
  return "";
}

std::size_t ComponentDiff::count(VersionChange c) const {
  return static_cast<std::size_t>(
      std::count_if(changed.begin(), changed.end(), [c](const ComponentChange& ch) { return ch.version == c; }));
}

std::size_t ComponentDiff::license_changes() const {
  return static_cast<std::size_t>(
      std::count_if(changed.begin(), changed.end(), [](const ComponentChange& ch) { return ch.license_changed; }));
}

std::size_t ComponentDiff::hash_changes() const {
  return static_cast<std::size_t>(
      std::count_if(changed.begin(), changed.end(), [](const ComponentChange& ch) { return ch.hash_changed; }));
}

std::size_t Counts::critical_high() const {
  return by_severity[static_cast<std::size_t>(Severity::Critical)] + by_severity[static_cast<std::size_t>(Severity::High)];
}

std::size_t Step::count(FindingStatus s) const {
  return static_cast<std::size_t>(
      std::count_if(findings.begin(), findings.end(), [s](const FindingChange& f) { return f.status == s; }));
}

std::size_t Step::count(Cause c) const {
  return static_cast<std::size_t>(
      std::count_if(findings.begin(), findings.end(), [c](const FindingChange& f) { return f.why.cause == c; }));
}

std::size_t Step::severity_changes() const {
  return static_cast<std::size_t>(
      std::count_if(findings.begin(), findings.end(), [](const FindingChange& f) { return f.severity_changed(); }));
}

std::size_t Step::kev_listings() const {
  return static_cast<std::size_t>(
      std::count_if(findings.begin(), findings.end(), [](const FindingChange& f) { return f.became_kev(); }));
}

bool Step::differs() const {
  if (!components.empty()) return true;
  return std::any_of(findings.begin(), findings.end(), [](const FindingChange& f) {
    return (f.status != FindingStatus::kPersisting && f.status != FindingStatus::kStillSuppressed) || f.severity_changed() ||
           f.became_kev();
  });
}

std::array<long long, kSeverityCount> Report::delta() const {
  std::array<long long, kSeverityCount> d{};
  if (releases.empty()) return d;
  const auto& first = releases.front().counts.by_severity;
  const auto& last = releases.back().counts.by_severity;
  for (std::size_t i = 0; i < kSeverityCount; ++i)
    d[i] = static_cast<long long>(last[i]) - static_cast<long long>(first[i]);
  return d;
}

std::optional<double> Report::critical_high_reduction() const {
  if (releases.empty()) return std::nullopt;
  std::size_t before = releases.front().counts.critical_high();
  std::size_t after = releases.back().counts.critical_high();
  if (before == 0) return std::nullopt;
  return (static_cast<double>(before) - static_cast<double>(after)) * 100.0 / static_cast<double>(before);
}

bool Report::differs() const {
  auto all = each_step();
  return std::any_of(all.begin(), all.end(), [](const Step& s) { return s.differs(); });
}

Expected<Report> compare(const std::vector<Release>& releases, const Options& options) {
  if (releases.size() < 2) return Error("need at least two documents to compare");
  for (const auto& r : releases)
    if (!r.doc) return Error(r.label + ": no document");
  // The index each release was scanned with; a malformed record of it is an input error, not
  // a reason to explain changes wrongly.
  std::vector<std::optional<IndexProvenance>> provenance(releases.size());
  for (std::size_t i = 0; i < releases.size(); ++i) {
    auto p = read_index_provenance(*releases[i].doc);
    if (!p) return std::move(p.error().in_file(releases[i].label));
    provenance[i] = std::move(*p);
  }

  policy::Policy pol;
  pol.severity_sources = options.severity_sources;
  // Each release's findings and component index are independent of the others'.
  std::vector<policy::Report> evaluated(releases.size());
  std::vector<Prepared> prepared(releases.size());
  parallel_for(releases.size(), [&](std::size_t i) {
    const Document& doc = *releases[i].doc;
    prepared[i].provenance = provenance[i];
    prepared[i].scanned = doc.vulnerabilities.has_value();
    // evaluate() indexes every component; a document without findings needs none of that.
    if (doc.vulnerabilities && !doc.vulnerabilities->empty()) evaluated[i] = policy::evaluate(doc, pol);
    std::unordered_set<std::string_view> refs;
    for (const auto& f : evaluated[i].findings)
      if (!f.component_ref.empty()) refs.insert(f.component_ref);
    prepared[i].index = build_index(doc, refs);
    prepared[i].producer = producer_of(*releases[i].doc);
    if (doc.metadata.timestamp.empty() && prepared[i].provenance) prepared[i].time = prepared[i].provenance->built;
    else prepared[i].time = doc.metadata.timestamp;
  });
  // Groups are joined across every release, so a finding named by a GHSA in one release and by its
  // CVE in the next persists instead of being fixed plus new.
  AliasGroups aliases;
  for (const auto& rep : evaluated)
    for (const auto& f : rep.findings)
      if (!f.id.empty()) aliases.add(f.id, f.aliases);
  aliases.finish();

  parallel_for(releases.size(), [&](std::size_t i) {
    prepared[i].findings = merge_findings(*releases[i].doc, evaluated[i].findings, prepared[i].index, aliases);
    if (!(options.keep_new_findings && i + 1 == releases.size())) evaluated[i] = {};
  });

  Report report;
  for (std::size_t i = 0; i < releases.size(); ++i) {
    const Document& doc = *releases[i].doc;
    ReleaseInfo info;
    info.label = releases[i].label;
    if (doc.metadata.component) {
      const Component& s = *doc.metadata.component;
      info.subject = s.group.empty() ? s.name : s.group + "/" + s.name;
      if (!s.version.empty()) info.subject += "@" + s.version;
    }
    info.has_vulnerabilities = doc.vulnerabilities.has_value();
    info.producer = prepared[i].producer;
    info.index = provenance[i];
    info.counts.components = prepared[i].index.entries.size();
    for (const auto& [k, a] : prepared[i].findings) {
      if (a.active) ++info.counts.by_severity[static_cast<std::size_t>(a.severity)];
      else ++info.counts.suppressed;
    }
    report.releases.push_back(std::move(info));
  }
  // A document without a vulnerabilities array was not scanned: its findings are unknown, not
  // absent, so the others' findings show as new or fixed against it. (When none was scanned,
  // nothing shows as new or fixed: no warning.)
  bool some = false, all = true;
  for (const ReleaseInfo& rel : report.releases) {
    some = some || rel.has_vulnerabilities;
    all = all && rel.has_vulnerabilities;
  }
  if (some && !all)
    for (const ReleaseInfo& rel : report.releases)
      if (!rel.has_vulnerabilities)
        report.warnings.push_back(rel.label +
                                  ": no vulnerabilities array (not scanned?): findings compared against it show as new or fixed");
  // The steps, then (with more than two releases) the first against the last.
  const std::size_t n = releases.size();
  std::vector<Step> steps(n == 2 ? 1 : n);
  parallel_for(steps.size(), [&](std::size_t i) {
    steps[i] = i + 1 < n ? compare_step(i, i + 1, prepared[i], prepared[i + 1], aliases)
                         : compare_step(0, n - 1, prepared.front(), prepared.back(), aliases);
  });
  report.overall = std::move(steps.back());
  steps.pop_back();
  report.steps = std::move(steps);
  if (options.keep_new_findings) {
    std::set<FindingKey> fresh;
    for (const auto& f : report.overall.findings)
      if (f.status == FindingStatus::kNew || f.status == FindingStatus::kUnsuppressed) fresh.emplace(f.id, f.component);
    policy::Report& kept = evaluated.back();
    std::string rule = options.fail_on_new ? "--fail-on-new " + std::string(policy::severity_lower(*options.fail_on_new)) : "";
    for (auto& f : kept.findings) {
      if (f.id.empty() || !fresh.count({aliases.preferred(aliases.group_of(f.id)), finding_component_key(f, prepared.back().index)})) continue;
      f.broken.clear();
      if (options.fail_on_new && !f.suppressed && f.severity >= *options.fail_on_new && f.severity != Severity::Unknown)
        f.broken.push_back(rule);
      report.new_findings.findings.push_back(std::move(f));
    }
  }
  // Each index is 100,000 entries and their strings: given back on all cores too.
  parallel_for(prepared.size(), [&](std::size_t i) { prepared[i] = {}; });

  if (options.fail_on_new) {
    Severity at = *options.fail_on_new;
    std::size_t n = 0;
    for (const auto& f : report.overall.findings)
      if ((f.status == FindingStatus::kNew || f.status == FindingStatus::kUnsuppressed) && f.severity_after &&
          *f.severity_after >= at && *f.severity_after != Severity::Unknown)
        ++n;
    if (n > 0)
      report.violations.push_back("--fail-on-new " + std::string(policy::severity_lower(at)) + ": " +
                                  std::to_string(n) + (n == 1 ? " new finding" : " new findings") + " at or above " +
                                  std::string(policy::severity_lower(at)));
  }
  if (options.fail_on_added && !report.overall.components.added.empty()) {
    std::size_t n = report.overall.components.added.size();
    report.violations.push_back("--fail-on-added: " + std::to_string(n) + (n == 1 ? " component" : " components") +
                                " added");
  }
  if (options.keep_new_findings) {
    policy::Report& nf = report.new_findings;
    nf.violations = report.violations;
    for (auto& f : nf.findings) {
      f.counted = !f.suppressed;
      if (f.suppressed) ++nf.suppressed;
      else ++nf.counts[static_cast<std::size_t>(f.severity)];
    }
  }
  return report;
}

std::optional<Format> parse_format(std::string_view s) {
  if (s == "text") return Format::kText;
  if (s == "markdown") return Format::kMarkdown;
  if (s == "json") return Format::kJson;
  if (s == "html") return Format::kHtml;
  return std::nullopt;
}

namespace {

void write_to(const Report& r, Format f, detail::Out& out) {
  switch (f) {
    case Format::kText: return detail::write_text(r, out);
    case Format::kMarkdown: return detail::write_markdown(r, out);
    case Format::kJson: return detail::write_json(r, out);
    case Format::kHtml: return detail::write_html(r, out);
  }
}

}  // namespace

std::string format(const Report& r, Format f) {
  detail::Out out;
  write_to(r, f, out);
  return std::move(out.text());
}

void write(const Report& r, Format f, const json::Sink& sink) {
  detail::Out out(&sink);
  write_to(r, f, out);
  out.finish();
}

std::string format_text(const Report& r) { return format(r, Format::kText); }
std::string format_markdown(const Report& r) { return format(r, Format::kMarkdown); }
std::string format_json(const Report& r) { return format(r, Format::kJson); }
std::string format_html(const Report& r) { return format(r, Format::kHtml); }

}  // namespace sbom::diff
