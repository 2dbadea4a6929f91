// Maven versions: the order of Maven's ComparableVersion as of 3.9 (the rules OSV follows for Maven):
// items split at '.', '-' and digit/letter transitions, each '-' opening a sub-list, known
// qualifiers in order, trailing nulls trimmed from every list.
#include <cstddef>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include "version/checked_scheme.h"
#include "version/schemes.h"
#include "version/text.h"

namespace sbom::version {
namespace {

using detail::compare_numeric;
using detail::invalid_version;
using detail::is_digit;
using detail::strip_leading_zeros;
using detail::to_lower;

constexpr std::string_view kName = "maven";

// Known qualifiers in order; the release qualifier "" (also ga, final, release) sits between
// snapshot and sp. Unknown qualifiers come after all of them, in case-insensitive lexical order.
constexpr std::string_view kQualifiers[] = {"alpha", "beta", "milestone", "rc", "snapshot", "", "sp"};
constexpr int kReleaseRank = 5;
constexpr int kUnknownRank = 7;

// A number or a qualifier. Texts are views into the version, so parsing allocates only the lists.
struct Item {
  bool number = false;
  std::string_view text;  // numbers without leading zeros ("" for zero); qualifiers as written
  int rank = 0;           // qualifiers: index in kQualifiers, or kUnknownRank

  bool is_null() const { return number ? text.empty() : rank == kReleaseRank; }
};

// A parsed version. Every '-' (and every letter/digit transition) opens a sub-list that is the last
// element of the list before it, so the nesting is a chain: lists[k + 1] is the last element of
// lists[k], and each entry holds only that list's own items. Kept flat so that a version of a
// hundred thousand hyphens costs no recursion.
struct Version {
  std::vector<std::vector<Item>> lists{1};
};

bool equals_ci(std::string_view a, std::string_view lower) {
  if (a.size() != lower.size()) return false;
  for (std::size_t i = 0; i < a.size(); ++i) {
    if (to_lower(a[i]) != lower[i]) return false;
  }
  return true;
}

int compare_ci(std::string_view a, std::string_view b) {
  const std::size_t n = a.size() < b.size() ? a.size() : b.size();
  for (std::size_t i = 0; i < n; ++i) {
    const char x = to_lower(a[i]), y = to_lower(b[i]);
    if (x != y) return x < y ? -1 : 1;
  }
  return a.size() == b.size() ? 0 : (a.size() < b.size() ? -1 : 1);
}

// Aliases resolved (cr = rc; ga = final = release = ""), a/b/m read as alpha/beta/milestone only
// when a number follows them directly.
int qualifier_rank(std::string_view q, bool followed_by_digit) {
  if (equals_ci(q, "cr")) return 3;
  if (equals_ci(q, "ga") || equals_ci(q, "final") || equals_ci(q, "release")) return kReleaseRank;
  if (followed_by_digit && q.size() == 1) {
    const char c = to_lower(q[0]);
    if (c == 'a') return 0;
    if (c == 'b') return 1;
    if (c == 'm') return 2;
  }
  for (int i = 0; i < kUnknownRank; ++i) {
    if (i != kReleaseRank && equals_ci(q, kQualifiers[i])) return i;
  }
  return kUnknownRank;
}

Item make_item(bool number, std::string_view text, bool followed_by_digit) {
  Item t;
  t.number = number;
  if (number) {
    t.text = strip_leading_zeros(text);
  } else {
    t.text = text;
    t.rank = qualifier_rank(text, followed_by_digit);
  }
  return t;
}

// Removes trailing nulls from every list; a list left empty is itself a null element of its parent
// and goes too. So does a sub-list left with nothing but its own sub-list, which takes its place:
// the POM reference's "1-ga-1" = "1-1", which OSV follows and its vectors pin, where
// ComparableVersion 3.9 keeps an empty level and orders 1-ga-1 < 1-1 (the one family where the two
// disagree). One pass, no recursion, linear in the number of lists.
void trim(Version& v) {
  for (std::vector<Item>& items : v.lists) {
    while (!items.empty() && items.back().is_null()) items.pop_back();
  }
  std::size_t kept = 1;  // the version's own list stays, empty or not
  for (std::size_t k = 1; k < v.lists.size(); ++k) {
    if (v.lists[k].empty()) continue;
    if (kept != k) v.lists[kept] = std::move(v.lists[k]);
    ++kept;
  }
  v.lists.resize(kept);
}

// A qualifier introduced by '.' stays a plain item of its list unless a digit follows it directly
// or it ends the version: then it counts as introduced by '-' (1.0.0.X1 < 1.0.0-X2, 2.0.X = 2-X),
// as Maven 3.8.7 and later read it.
Version parse(std::string_view s) {
  Version v;
  auto open_list = [&v] { v.lists.emplace_back(); };
  auto add = [&v](const Item& t) { v.lists.back().push_back(t); };
  bool digits = false;
  std::size_t start = 0;
  for (std::size_t i = 0; i < s.size(); ++i) {
    const char c = s[i];
    if (c == '.' || c == '-') {
      add(make_item(i == start || digits, s.substr(start, i - start), false));
      start = i + 1;
      if (c == '-') open_list();
    } else if (is_digit(c)) {
      if (!digits && i > start) {
        if (!v.lists.back().empty()) open_list();
        add(make_item(false, s.substr(start, i - start), true));
        start = i;
        open_list();
      }
      digits = true;
    } else {
      if (digits && i > start) {
        add(make_item(true, s.substr(start, i - start), false));
        start = i;
        open_list();
      }
      digits = false;
    }
  }
  if (s.size() > start) {
    if (!digits && !v.lists.back().empty()) open_list();
    add(make_item(digits, s.substr(start), false));
  }
  trim(v);
  return v;
}

int sign(int c) { return c < 0 ? -1 : (c > 0 ? 1 : 0); }

int compare_items(const Item& a, const Item& b) {
  if (a.number && b.number) return compare_numeric(a.text, b.text);
  if (a.number != b.number) return a.number ? 1 : -1;  // 1.1 > 1-sp: a number beats a qualifier
  if (a.rank != b.rank) return a.rank < b.rank ? -1 : 1;
  return a.rank == kUnknownRank ? compare_ci(a.text, b.text) : 0;
}

// An item against a missing one: 1.0 = 1, 1.1 > 1, 1-rc < 1, 1-sp > 1.
int compare_to_null(const Item& t) {
  if (t.number) return t.text.empty() ? 0 : 1;
  return sign(t.rank - kReleaseRank);
}

// The list lists[k] and all it contains against a missing element: its elements in turn.
int list_to_null(const Version& v, std::size_t k) {
  for (; k < v.lists.size(); ++k) {
    for (const Item& t : v.lists[k]) {
      const int c = compare_to_null(t);
      if (c != 0) return c;
    }
  }
  return 0;
}

int compare_versions(const Version& a, const Version& b) {
  std::size_t ka = 0, kb = 0;
  while (true) {
    const std::vector<Item>& x = a.lists[ka];
    const std::vector<Item>& y = b.lists[kb];
    const bool x_sub = ka + 1 < a.lists.size(), y_sub = kb + 1 < b.lists.size();
    const std::size_t n = x.size() > y.size() ? x.size() : y.size();
    for (std::size_t i = 0; i < n; ++i) {
      const Item* p = i < x.size() ? &x[i] : nullptr;
      const Item* q = i < y.size() ? &y[i] : nullptr;
      // Past its own items a list's next element is its sub-list, if it has one.
      if (p == nullptr && x_sub) return q->number ? -1 : 1;  // 1-1 < 1.1, 1-1 > 1-sp
      if (q == nullptr && y_sub) return p->number ? 1 : -1;
      int c = 0;
      if (p == nullptr) c = -compare_to_null(*q);
      else if (q == nullptr) c = compare_to_null(*p);
      else c = compare_items(*p, *q);
      if (c != 0) return c;
    }
    // Both lists' own items are equal in number and value: their sub-lists decide.
    if (x_sub && y_sub) {
      ++ka;
      ++kb;
      continue;
    }
    if (x_sub) return list_to_null(a, ka + 1);
    if (y_sub) return -list_to_null(b, kb + 1);
    return 0;
  }
}

Status check_maven(std::string_view v) {
  if (v.empty()) return invalid_version(kName, v, "empty version");
  if (v.find("${") != std::string_view::npos) return invalid_version(kName, v, "unresolved property reference");
  for (std::size_t i = 0; i < v.size(); ++i) {
    const auto c = static_cast<unsigned char>(v[i]);
    if (c <= 0x20 || c >= 0x7f) {
      return invalid_version(kName, v, "unexpected character at offset " + std::to_string(i));
    }
    if (c == '[' || c == ']' || c == '(' || c == ')' || c == ',') {
      return invalid_version(kName, v, "a version range is not a version");
    }
  }
  return Ok{};
}

class MavenScheme final : public detail::CheckedScheme {
 public:
  std::string_view name() const override { return "maven"; }

 protected:
  Status check(std::string_view v) const override { return check_maven(v); }

  // Maven's own canonical form: '.' before an item, '-' before a sub-list.
  Expected<std::string> canonical(std::string_view v) const override {
    const Version parsed = parse(v);
    std::string out;
    for (std::size_t k = 0; k < parsed.lists.size(); ++k) {
      if (k > 0) out += '-';
      // Only the whole version can be left with no items of its own ("0", "0-alpha").
      if (parsed.lists[k].empty()) out += '0';
      bool first = true;
      for (const Item& t : parsed.lists[k]) {
        if (!first) out += '.';
        first = false;
        if (t.number) {
          out += t.text.empty() ? std::string_view("0") : t.text;
        } else if (t.rank == kUnknownRank) {
          for (char c : t.text) out += to_lower(c);
        } else {
          // A release qualifier that survives trimming is spelled "ga" so that it stays visible.
          out += t.rank == kReleaseRank ? std::string_view("ga") : kQualifiers[t.rank];
        }
      }
    }
    // A qualifier item that ends the text after a '.' would read back as a sub-list (3.6.2.FL. is
    // [3, 6, 2, fl], 3.6.2.fl is [3, 6, 2, [fl]]): a trailing zero keeps it an item and trims away.
    const std::vector<Item>& last = parsed.lists.back();
    if (last.size() > 1 && !last.back().number) out += ".0";
    return out;
  }

  int order(std::string_view a, std::string_view b) const override { return compare_versions(parse(a), parse(b)); }
};

}  // namespace

const Scheme& maven_scheme() {
  static const MavenScheme scheme;
  return scheme;
}

}  // namespace sbom::version
