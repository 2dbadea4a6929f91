// Applying exception entries to a document's vulnerabilities as CycloneDX VEX analysis.
#include <algorithm>
#include <map>
#include <set>
#include <string_view>
#include <unordered_map>

#include "sbom/ecosystem.h"
#include "sbom/exceptions.h"
#include "sbom/policy.h"
#include "sbom/purl.h"
#include "sbom/version.h"
#include "exceptions/scope.h"

namespace sbom::exceptions {

namespace detail {

std::string_view strip_qualifiers(std::string_view purl) { return purl.substr(0, purl.find_first_of("?#")); }

}  // namespace detail

namespace {

using detail::strip_qualifiers;

std::string_view strip_version(std::string_view purl) {
  auto at = purl.rfind('@');
  if (at != std::string_view::npos && purl.find('/', at) == std::string_view::npos) return purl.substr(0, at);
  return purl;
}

bool has_version(std::string_view purl) { return strip_version(purl).size() != purl.size(); }

// "OP V[, OP V...]": every constraint must hold under the component's ecosystem rules. An
// unknown ecosystem or an unparseable version never matches: an exception must not cover more
// than its author could have meant.
bool versions_match(std::string_view constraints, const Component& c) {
  auto purl = parse_purl(c.purl);
  if (!purl) return false;
  std::string version = purl->version.empty() ? c.version : purl->version;
  // Go writes its toolchain as go1.20.12 (Syft and Grype keep that spelling); advisories say 1.20.12.
  auto spelled = [&](std::string_view v) { return purl->type == "golang" ? version::go_toolchain_spelling(v) : std::string(v); };
  version = spelled(version);
  auto eco = version::ecosystem_for_purl(purl->type, purl->ns, purl->qualifier("distro"));
  if (!eco) return false;
  auto scheme = version::ecosystem_scheme(*eco);
  if (!scheme || !*scheme) return false;
  while (!constraints.empty()) {
    auto comma = constraints.find(',');
    std::string_view item = constraints.substr(0, comma);
    constraints = comma == std::string_view::npos ? std::string_view{} : constraints.substr(comma + 1);
    while (!item.empty() && item.front() == ' ') item.remove_prefix(1);
    while (!item.empty() && item.back() == ' ') item.remove_suffix(1);
    std::string_view op;
    for (std::string_view cand : {"<=", ">=", "!=", "<", ">", "="})
      if (item.substr(0, cand.size()) == cand) { op = cand; break; }
    if (op.empty()) return false;
    std::string_view bound = item.substr(op.size());
    while (!bound.empty() && bound.front() == ' ') bound.remove_prefix(1);
    auto cmp = (*scheme)->compare(version, spelled(bound));
    if (!cmp) return false;
    int r = static_cast<int>(*cmp);
    bool holds = op == "<" ? r < 0 : op == "<=" ? r <= 0 : op == ">" ? r > 0 : op == ">=" ? r >= 0 : op == "=" ? r == 0 : r != 0;
    if (!holds) return false;
  }
  return true;
}

// Distros publish advisories per source package (openssl), while images hold its binary
// packages (libssl3). A version-less scope naming the source package covers its binaries: the
// source comes from the purl's `upstream` qualifier or the property sbom-gen writes.
bool source_package_matches(std::string_view pattern, const Component& c) {
  if (has_version(pattern)) return false;
  auto purl = parse_purl(c.purl);
  if (!purl || (purl->type != "deb" && purl->type != "rpm" && purl->type != "apk")) return false;
  std::string source;
  if (const Property* p = c.property("sbomkit:package:source_name")) source = p->value;
  if (source.empty()) {
    source = purl->qualifier("upstream");
    source = source.substr(0, source.find_first_of("@ "));
    if (purl->type == "rpm" && source.size() > 8 && source.ends_with(".src.rpm")) source.clear();  // a file name, not a name
  }
  if (source.empty() || source == purl->name) return false;
  std::string alt = "pkg:" + purl->type + "/" + (purl->ns.empty() ? "" : purl->ns + "/") + source;
  return glob_match(pattern, alt);
}

// pkg:golang/stdlib@go1.20.12 (Syft, Grype, OpenVEX from them) and @1.20.12 (ours) are one version.
std::string go_spelling(std::string_view purl) {
  if (purl.substr(0, 11) != "pkg:golang/" || !has_version(purl)) return std::string(purl);
  std::string_view base = strip_version(purl);
  return std::string(base) + "@" + version::go_toolchain_spelling(purl.substr(base.size() + 1));
}

// A location as a path from the image root: Trivy writes them relative (usr/lib/x), Syft and we
// absolute (/usr/lib/x); a pattern starting with '*' is left as it is.
std::string rooted(std::string_view p) {
  while (p.substr(0, 2) == "./") p.remove_prefix(2);
  if (p.empty() || p.front() == '/' || p.front() == '*') return std::string(p);
  std::string out(1, '/');
  out += p;
  return out;
}

// Every place a producer says it found the component: ours (sbomkit:path), Trivy's
// aquasecurity:trivy:FilePath, Syft's syft:location:N:path, and CycloneDX 1.5+
// evidence.occurrences[].location.
template <typename F>
bool any_location(const Component& c, F&& f) {
  for (const auto& p : c.properties) {
    bool syft = p.name.rfind("syft:location:", 0) == 0 && p.name.ends_with(":path");
    if ((p.name == "sbomkit:path" || p.name == "aquasecurity:trivy:FilePath" || syft) && f(p.value)) return true;
  }
  return std::any_of(c.occurrences.begin(), c.occurrences.end(), [&](const Occurrence& o) { return f(o.location); });
}

}  // namespace

bool detail::scope_matches(const Scope& s, const Component* c, const Document& doc) {
  if (!s.image.empty()) {
    const auto& img = doc.metadata.component;
    if (!img || (!glob_match(s.image, img->name) && !glob_match(s.image, std::string(strip_qualifiers(img->purl))))) return false;
  }
  if (s.purl.empty() && s.path.empty() && s.versions.empty()) return true;  // fix_state is checked per finding in apply()
  if (!c) return false;
  if (!s.purl.empty()) {
    if (c->purl.empty()) return false;
    std::string pattern_text = go_spelling(strip_qualifiers(s.purl)), target_text = go_spelling(strip_qualifiers(c->purl));
    std::string_view pattern = pattern_text;
    std::string_view target = target_text;
    if (!has_version(pattern)) target = strip_version(target);
    if (!glob_match(pattern, target) && !source_package_matches(pattern, *c)) return false;
  }
  if (!s.path.empty()) {
    std::string pattern = rooted(s.path);
    if (!any_location(*c, [&](std::string_view loc) { return glob_match(pattern, rooted(loc)); })) return false;
  }
  if (!s.versions.empty() && !versions_match(s.versions, *c)) return false;
  return true;
}

namespace {

void annotate(Vulnerability& v, const Entry& e) {
  Analysis a = v.analysis ? *v.analysis : Analysis{};
  a.state = e.status;
  a.justification = e.justification;
  a.response = e.response;
  a.detail = e.reason;
  v.analysis = std::move(a);
  v.properties.erase(std::remove_if(v.properties.begin(), v.properties.end(),
                                    [](const Property& p) { return p.name.rfind("sbomkit:exception:", 0) == 0; }),
                     v.properties.end());
  v.properties.push_back({"sbomkit:exception:entry", e.label, {}});
  v.properties.push_back({"sbomkit:exception:owner", e.owner, {}});
  v.properties.push_back({"sbomkit:exception:expires", e.expires ? e.expires->to_string() : e.expires_text, {}});
  if (!e.ticket.empty()) v.properties.push_back({"sbomkit:exception:ticket", e.ticket, {}});
}

}  // namespace

std::string invalid_reason(const Entry& e) {
  if (!e.problems.empty()) return e.problems.front().message;
  if (!e.expires) return "no valid expiry date";
  if (e.owner == kPlaceholder) return "owner is the import placeholder; set a real owner";
  return {};
}

ApplyResult apply(const Ledger& ledger, Document& doc, Date today, std::int64_t warn_within_days) {
  ApplyResult res;
  std::vector<std::size_t> active;
  for (const auto& e : ledger.entries) {
    if (!invalid_reason(e).empty()) res.invalid.push_back(e.index);
    else if (e.expires->days < today.days) res.expired.push_back(e.index);
    else active.push_back(e.index);
  }
  std::map<std::string, const Component*, std::less<>> by_ref;
  doc.for_each_component([&](const Component& c) {
    if (!c.bom_ref.empty()) by_ref.emplace(c.bom_ref, &c);
  });
  // Entries by vulnerability id, each list in file order: a finding looks up its id and every
  // alias and checks the scope of those few candidates only (linear in entries + findings, not
  // their product). The first candidate in file order wins, as a scan of the whole list would.
  std::unordered_map<std::string_view, std::vector<std::size_t>> by_id;
  for (std::size_t idx : active) by_id[ledger.entries[idx].id].push_back(idx);
  std::set<std::size_t> used;
  if (doc.vulnerabilities) {
    std::vector<Vulnerability> out;
    out.reserve(doc.vulnerabilities->size());
    std::vector<std::size_t> candidates;
    for (auto& v : *doc.vulnerabilities) {
      candidates.clear();
      auto add_candidates = [&](const std::string& id) {
        if (auto it = by_id.find(id); it != by_id.end()) candidates.insert(candidates.end(), it->second.begin(), it->second.end());
      };
      add_candidates(v.id);
      for (const auto& r : v.references)
        if (!r.id.empty() && r.id != v.id) add_candidates(r.id);
      std::sort(candidates.begin(), candidates.end());
      candidates.erase(std::unique(candidates.begin(), candidates.end()), candidates.end());
      // A fix-state condition is about the finding for that component, not the component.
      auto cover = [&](const Component* c, const Affect* a) -> std::optional<std::size_t> {
        for (std::size_t idx : candidates) {
          const Scope& s = ledger.entries[idx].scope;
          if (!detail::scope_matches(s, c, doc)) continue;
          if (!s.fix_state.empty() && (s.fix_state == "fixed") == policy::fixed_versions(v, a).empty()) continue;
          return idx;
        }
        return std::nullopt;
      };
      // Group the affected components by the entry covering them (nullopt: not covered).
      std::vector<std::pair<std::optional<std::size_t>, std::vector<Affect>>> groups;
      auto group_for = [&](std::optional<std::size_t> k) -> std::vector<Affect>& {
        for (auto& g : groups)
          if (g.first == k) return g.second;
        groups.emplace_back(k, std::vector<Affect>{});
        return groups.back().second;
      };
      if (v.affects.empty()) {
        if (auto k = cover(nullptr, nullptr)) {
          annotate(v, ledger.entries[*k]);
          used.insert(*k);
          res.applied.push_back({*k, v.id, ""});
        }
        out.push_back(std::move(v));
        continue;
      }
      for (auto& a : v.affects) {
        auto it = by_ref.find(a.ref);
        auto k = cover(it == by_ref.end() ? nullptr : it->second, &a);
        if (k) {
          used.insert(*k);
          res.applied.push_back({*k, v.id, a.ref});
        }
        group_for(k).push_back(std::move(a));
      }
      // The uncovered components keep the original entry; each covering exception gets a copy.
      std::stable_sort(groups.begin(), groups.end(), [](const auto& x, const auto& y) { return !x.first && y.first; });
      for (std::size_t gi = 0; gi < groups.size(); ++gi) {
        Vulnerability part = gi + 1 == groups.size() ? std::move(v) : v;
        part.affects = std::move(groups[gi].second);
        if (gi > 0 && !part.bom_ref.empty()) part.bom_ref += "-exception-" + std::to_string(gi);
        if (groups[gi].first) annotate(part, ledger.entries[*groups[gi].first]);
        out.push_back(std::move(part));
      }
    }
    *doc.vulnerabilities = std::move(out);
  }
  for (std::size_t idx : active) {
    if (!used.count(idx)) res.stale.push_back(idx);
    else {
      res.entries_used.push_back(idx);
      if (ledger.entries[idx].expires->days - today.days <= warn_within_days) res.expiring_soon.push_back(idx);
    }
  }
  return res;
}

}  // namespace sbom::exceptions
