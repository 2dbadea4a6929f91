// Evaluation of an OSV `affected` entry at one version: `versions` list, then the ranges' events.
#include <algorithm>
#include <initializer_list>
#include <optional>
#include <utility>

#include "sbom/osv.h"

namespace sbom::osv {
namespace {

// Events are sorted by version, "0" (introduced) below every version. Events at the same version
// keep the record's order: `fixed X, introduced X` joins two intervals (X affected) while
// `introduced X, fixed X` is an empty one, as the record's author wrote them.
bool is_zero(const Event& e) { return e.kind == Event::Kind::kIntroduced && e.version == "0"; }
bool is_unbounded_limit(const Event& e) { return e.kind == Event::Kind::kLimit && e.version == "*"; }

struct RangeResult {
  bool affected = false;
  std::string reason;
  std::optional<std::string> fixed;  // fix closing the interval that holds the version
};

class RangeEvaluator {
 public:
  RangeEvaluator(const version::Scheme& scheme, std::string_view v, bool explain)
      : scheme_(scheme), v_(v), explain_(explain) {}

  Expected<RangeResult> run(const Range& range) {
    // Validate every event version first so that sorting never meets an error.
    for (const Event& e : range.events) {
      if (is_zero(e) || is_unbounded_limit(e)) continue;
      if (auto ok = scheme_.validate(e.version); !ok)
        return Error(std::string(to_string(e.kind)) + " version '" + e.version + "' is not a valid " +
                     std::string(scheme_.name()) + " version: " + ok.error().message);
    }
    std::vector<const Event*> sorted;
    sorted.reserve(range.events.size());
    for (const Event& e : range.events) sorted.push_back(&e);
    auto less = [&](const Event* a, const Event* b) { return cmp_events(*a, *b) < 0; };
    if (sorted.size() <= 16) {
      // Ranges hold a handful of events: a stable insertion sort, without stable_sort's buffer.
      for (std::size_t i = 1; i < sorted.size(); ++i)
        for (std::size_t j = i; j > 0 && less(sorted[j], sorted[j - 1]); --j) std::swap(sorted[j], sorted[j - 1]);
    } else {
      std::stable_sort(sorted.begin(), sorted.end(), less);
    }

    // The version against each event, once: the loops below ask again and again.
    std::vector<int> order(sorted.size(), 0);
    for (std::size_t i = 0; i < sorted.size(); ++i) {
      if (is_zero(*sorted[i]) || is_unbounded_limit(*sorted[i])) continue;
      auto c = cmp(v_, sorted[i]->version);
      if (!c) return std::move(c.error());
      order[i] = *c;
    }

    RangeResult out;
    // limit events: the version must lie below at least one of them ("*" is no limit).
    bool has_limit = false;
    bool below_limit = false;
    const Event* lowest_limit = nullptr;
    for (std::size_t i = 0; i < sorted.size(); ++i) {
      const Event* e = sorted[i];
      if (e->kind != Event::Kind::kLimit) continue;
      has_limit = true;
      if (is_unbounded_limit(*e)) { below_limit = true; continue; }
      if (lowest_limit == nullptr) lowest_limit = e;
      if (order[i] < 0) below_limit = true;
    }
    if (has_limit && !below_limit) {
      if (explain_) out.reason = "limit " + lowest_limit->version + " <= " + std::string(v_);
      return out;
    }

    const Event* last = nullptr;      // the last event that changed the state
    const Event* first_introduced = nullptr;
    bool vulnerable = false;
    for (std::size_t i = 0; i < sorted.size(); ++i) {
      const Event* e = sorted[i];
      if (e->kind == Event::Kind::kIntroduced && first_introduced == nullptr) first_introduced = e;
      if (e->kind == Event::Kind::kLimit) continue;
      int c = is_zero(*e) ? 1 : order[i];
      if (e->kind == Event::Kind::kIntroduced && c >= 0) { vulnerable = true; last = e; }
      else if (e->kind == Event::Kind::kFixed && c >= 0) { vulnerable = false; last = e; }
      else if (e->kind == Event::Kind::kLastAffected && c > 0) { vulnerable = false; last = e; }
    }
    out.affected = vulnerable;
    if (vulnerable) {
      // The interval's upper end: the first fixed or last_affected event above the version.
      const Event* upper = nullptr;
      for (std::size_t i = 0; i < sorted.size(); ++i) {
        const Event* e = sorted[i];
        if (e->kind != Event::Kind::kFixed && e->kind != Event::Kind::kLastAffected) continue;
        bool above = e->kind == Event::Kind::kFixed ? order[i] < 0 : order[i] <= 0;
        if (above) { upper = e; break; }
      }
      if (upper != nullptr && upper->kind == Event::Kind::kFixed) out.fixed = upper->version;
      if (!explain_) return out;
      out.reason = "introduced " + last->version + " <= " + std::string(v_);
      if (upper == nullptr) out.reason += ", no fix";
      else if (upper->kind == Event::Kind::kFixed) out.reason += " < fixed " + upper->version;
      else out.reason += " <= last_affected " + upper->version;
    } else if (!explain_) {
      return out;
    } else if (last == nullptr) {
      out.reason = std::string(v_) + " < introduced " + (first_introduced ? first_introduced->version : "?");
    } else if (last->kind == Event::Kind::kFixed) {
      out.reason = "fixed " + last->version + " <= " + std::string(v_);
    } else {
      out.reason = "last_affected " + last->version + " < " + std::string(v_);
    }
    return out;
  }

 private:
  Expected<int> cmp(std::string_view a, std::string_view b) const {
    auto r = scheme_.compare(a, b);
    if (!r) return std::move(r.error());
    return static_cast<int>(*r);
  }

  int cmp_events(const Event& a, const Event& b) const {
    bool az = is_zero(a) , bz = is_zero(b);
    bool ainf = is_unbounded_limit(a), binf = is_unbounded_limit(b);
    if (az || bz || ainf || binf) {
      int ra = az ? -1 : ainf ? 1 : 0;
      int rb = bz ? -1 : binf ? 1 : 0;
      if (ra != rb || ra != 0) return ra < rb ? -1 : ra > rb ? 1 : 0;
    }
    auto r = scheme_.compare(a.version, b.version);
    return r ? static_cast<int>(*r) : 0;  // validated above: compare cannot fail here
  }

  const version::Scheme& scheme_;
  std::string_view v_;
  bool explain_;
};

// Listed-version check: the same string, or the same version by the scheme ("1.0" == "1.0.0" in PEP 440).
bool listed(const Affected& entry, std::string_view v, const version::Scheme* scheme) {
  for (const std::string& l : entry.versions) {
    if (l == v) return true;
  }
  if (scheme == nullptr) return false;
  for (const std::string& l : entry.versions) {
    auto r = scheme->compare(l, v);
    if (r && *r == version::Order::Equal) return true;
  }
  return false;
}

// Sorts by the first scheme that accepts every version (fixes of SEMVER and ECOSYSTEM ranges can
// mix), else as text: a comparator must be a strict weak order even on odd data.
void sort_versions(std::vector<std::string>& vs, std::initializer_list<const version::Scheme*> schemes) {
  const version::Scheme* by = nullptr;
  for (const version::Scheme* s : schemes) {
    if (s == nullptr) continue;
    if (std::all_of(vs.begin(), vs.end(), [&](const std::string& v) { return static_cast<bool>(s->validate(v)); })) {
      by = s;
      break;
    }
  }
  std::sort(vs.begin(), vs.end(), [&](const std::string& a, const std::string& b) {
    if (by == nullptr) return a < b;
    auto r = by->compare(a, b);
    return r && *r == version::Order::Less;
  });
  vs.erase(std::unique(vs.begin(), vs.end()), vs.end());
}

}  // namespace

Expected<Decision> evaluate(const Affected& entry, std::string_view version, const version::Scheme* scheme,
                            Detail detail) {
  Decision d;
  const bool explain = detail == Detail::kFull;
  if (explain && listed(entry, version, scheme)) {
    d.affected = true;
    d.in_versions_list = true;
    d.reason = "listed in versions";
  }
  static const version::Scheme* const semver = version::find_scheme("semver");
  // Go writes versions with a 'v' that SEMVER ranges leave out; worked out when a SEMVER range asks.
  std::optional<std::string> semver_version;
  auto semver_form = [&]() -> std::string_view {
    if (!semver_version) {
      semver_version.emplace(version);
      if (semver_version->size() > 1 && (*semver_version)[0] == 'v' && semver != nullptr && !semver->validate(*semver_version))
        semver_version->erase(0, 1);
    }
    return *semver_version;
  };

  std::optional<Error> unevaluated;
  std::vector<std::string> reasons;
  bool version_checked = false;
  for (std::size_t i = 0; i < entry.ranges.size(); ++i) {
    const Range& r = entry.ranges[i];
    const version::Scheme* s = r.type == RangeType::kSemver ? semver : r.type == RangeType::kEcosystem ? scheme : nullptr;
    if (s == nullptr) {
      ++d.skipped_ranges;
      continue;
    }
    std::string_view v = r.type == RangeType::kSemver ? semver_form() : version;
    if (!version_checked || r.type == RangeType::kSemver) {
      if (auto ok = s->validate(v); !ok)
        return Error("version '" + std::string(v) + "' is not a valid " + std::string(s->name()) +
                     " version: " + ok.error().message);
      version_checked = r.type == RangeType::kEcosystem;
    }
    auto res = RangeEvaluator(*s, v, explain).run(r);
    auto label = [&] { return "range " + std::to_string(i) + " (" + std::string(to_string(r.type)) + ")"; };
    if (!res) {
      Error e = std::move(res.error());
      e.message = label() + ": " + e.message;
      if (!unevaluated) unevaluated = std::move(e);
      continue;
    }
    if (res->affected) {
      if (d.range_index < 0) {
        d.range_index = static_cast<int>(i);
        if (explain) d.reason += (d.reason.empty() ? "" : "; ") + label() + ": " + res->reason;
      }
      d.affected = true;
      if (res->fixed) d.fixed.push_back(*res->fixed);
    } else if (explain) {
      reasons.push_back(label() + ": " + res->reason);
    }
  }
  // The list is the slow part (a scheme comparison per listed version): asked last when only the verdict counts.
  if (!explain && !d.affected && listed(entry, version, scheme)) {
    d.affected = true;
    d.in_versions_list = true;
  }
  if (!d.affected) {
    if (unevaluated) return std::move(*unevaluated);
    if (!explain) return d;
    for (const std::string& r : reasons) d.reason += (d.reason.empty() ? "" : "; ") + r;
    if (!entry.versions.empty()) d.reason += (d.reason.empty() ? "" : "; ") + std::string("not listed in versions");
    if (d.reason.empty()) d.reason = "no evaluable range";
  }
  sort_versions(d.fixed, {scheme, semver});
  return d;
}

}  // namespace sbom::osv
