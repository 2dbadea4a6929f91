// Loading and linting exception files (schemas/exceptions.schema.json).
#include <algorithm>
#include <cctype>
#include <charconv>
#include <map>
#include <set>

#include "sbom/exceptions.h"
#include "sbom/text.h"
#include "sbom/yaml.h"

namespace sbom::exceptions {

// ---- dates -------------------------------------------------------------------------------------

// Strict: a full-date, or an RFC 3339 date-time (text::parse_utc_time, which gives the reason);
// a date-time names the UTC day of that instant.
std::optional<Date> Date::parse(std::string_view s, std::string* why) {
  auto t = text::parse_utc_time(s, why);
  if (!t) return std::nullopt;
  return from_epoch_seconds(*t);
}

Date Date::from_epoch_seconds(std::int64_t s) {
  std::int64_t days = s / 86400;
  if (s % 86400 < 0) --days;
  return Date{days};
}

std::string Date::to_string() const {
  std::int64_t y;
  unsigned m, d;
  text::civil_from_days(days, y, m, d);
  char buf[32];
  std::snprintf(buf, sizeof buf, "%04lld-%02u-%02u", static_cast<long long>(y), m, d);
  return buf;
}

// ---- ids and patterns ----------------------------------------------------------------------------

bool well_formed_id(std::string_view id) {
  auto dash = id.find('-');
  if (dash == std::string_view::npos || dash == 0 || dash + 1 >= id.size()) return false;
  std::string_view prefix = id.substr(0, dash), rest = id.substr(dash + 1);
  for (char c : prefix)
    if (!std::isupper(static_cast<unsigned char>(c)) && !std::isdigit(static_cast<unsigned char>(c))) return false;
  for (char c : rest)
    if (!std::isalnum(static_cast<unsigned char>(c)) && c != '-' && c != ':' && c != '.' && c != '_') return false;
  auto digits = [](std::string_view s) {
    return !s.empty() && std::all_of(s.begin(), s.end(), [](char c) { return std::isdigit(static_cast<unsigned char>(c)); });
  };
  if (prefix == "CVE") {
    auto d2 = rest.find('-');
    if (d2 != 4 || !digits(rest.substr(0, 4))) return false;
    std::string_view seq = rest.substr(5);
    return seq.size() >= 4 && digits(seq);
  }
  if (prefix == "GHSA") {
    // GHSA-xxxx-xxxx-xxxx, lower-case base32-ish groups of 4
    if (rest.size() != 14 || rest[4] != '-' || rest[9] != '-') return false;
    for (std::size_t i = 0; i < rest.size(); ++i) {
      if (i == 4 || i == 9) continue;
      char c = rest[i];
      if (!(std::islower(static_cast<unsigned char>(c)) || std::isdigit(static_cast<unsigned char>(c)))) return false;
    }
    return true;
  }
  return true;
}

bool glob_match(std::string_view p, std::string_view t) {
  // Iterative matcher with single backtrack point: linear in practice, no recursion.
  std::size_t pi = 0, ti = 0, star = std::string_view::npos, mark = 0;
  while (ti < t.size()) {
    if (pi < p.size() && p[pi] == '*') { star = pi++; mark = ti; }
    else if (pi < p.size() && p[pi] == t[ti]) { ++pi; ++ti; }
    else if (star != std::string_view::npos) { pi = star + 1; ti = ++mark; }
    else return false;
  }
  while (pi < p.size() && p[pi] == '*') ++pi;
  return pi == p.size();
}

// ---- parsing -------------------------------------------------------------------------------------

namespace {

constexpr std::string_view kStates[] = {"resolved", "resolved_with_pedigree", "exploitable", "in_triage", "false_positive", "not_affected"};
constexpr std::string_view kJustifications[] = {"code_not_present", "code_not_reachable", "requires_configuration", "requires_dependency",
                                                "requires_environment", "protected_by_compiler", "protected_at_runtime",
                                                "protected_at_perimeter", "protected_by_mitigating_control"};
constexpr std::string_view kResponses[] = {"can_not_fix", "will_not_fix", "update", "rollback", "workaround_available"};

template <std::size_t N>
bool one_of(std::string_view v, const std::string_view (&set)[N]) {
  return std::find(std::begin(set), std::end(set), v) != std::end(set);
}

class Loader {
 public:
  explicit Loader(std::string_view name) : name_(name) {}

  Error fatal(const json::Value& v, std::string ptr, std::string msg) const {
    return json::error_at(name_, v, std::move(ptr), std::move(msg));
  }

  Status string_member(const json::Value& v, const std::string& ptr, std::string& out) {
    if (v.is_string()) { out = v.as_string(); return Ok{}; }
    // Unquoted YAML dates/numbers arrive typed; a date like 2026-12-31 is already a string.
    if (v.is_number()) { out = v.as_number().text; return Ok{}; }
    return fatal(v, ptr, "expected a string, found " + std::string(json::kind_name(v.kind())));
  }

  Status scope(const json::Value& v, const std::string& ptr, Scope& s) {
    if (v.is_string()) { s.purl = v.as_string(); return Ok{}; }  // shorthand: scope: pkg:...
    if (!v.is_object()) return fatal(v, ptr, "expected a purl string or an object with purl/versions/image/path/fix-state");
    for (const auto& [k, x] : v.as_object()) {
      std::string p = ptr + "/" + json::pointer_token(k);
      Status st = Ok{};
      if (k == "purl") st = string_member(x, p, s.purl);
      else if (k == "versions") st = string_member(x, p, s.versions);
      else if (k == "image") st = string_member(x, p, s.image);
      else if (k == "path") st = string_member(x, p, s.path);
      else if (k == "fix-state") {
        st = string_member(x, p, s.fix_state);
        if (st && s.fix_state != "fixed" && s.fix_state != "not-fixed")
          return fatal(x, p, "fix-state '" + s.fix_state + "' is not fixed or not-fixed");
      } else return fatal(x, p, "unknown scope member '" + k + "'");
      if (!st) return st;
    }
    return Ok{};
  }

  Status entry(const json::Value& v, const std::string& ptr, Entry& e) {
    if (!v.is_object()) return fatal(v, ptr, "an exception must be a mapping");
    e.line = v.position.line;
    e.column = v.position.column;
    for (const auto& [k, x] : v.as_object()) {
      std::string p = ptr + "/" + json::pointer_token(k);
      Status st = Ok{};
      if (k == "id") st = string_member(x, p, e.id);
      else if (k == "scope") st = scope(x, p, e.scope);
      else if (k == "status") st = string_member(x, p, e.status);
      else if (k == "justification") st = string_member(x, p, e.justification);
      else if (k == "reason") st = string_member(x, p, e.reason);
      else if (k == "owner") st = string_member(x, p, e.owner);
      else if (k == "expires") st = string_member(x, p, e.expires_text);
      else if (k == "ticket") st = string_member(x, p, e.ticket);
      else if (k == "created") st = string_member(x, p, e.created);
      else if (k == "response") {
        if (x.is_string()) e.response.push_back(x.as_string());
        else if (x.is_array()) {
          for (std::size_t i = 0; i < x.as_array().size(); ++i) {
            std::string r;
            if (auto s2 = string_member(x.as_array()[i], p + "/" + std::to_string(i), r); !s2) return s2;
            e.response.push_back(std::move(r));
          }
        } else st = fatal(x, p, "expected a response or a list of responses");
      } else return fatal(x, p, "unknown exception member '" + k + "'");
      if (!st) return st;
    }
    // A date that is not a date is a broken file (exit 2), not a lint finding; the placeholder
    // `import` writes is the one non-date let through, so lint can list every entry needing one.
    auto date_member = [&](const char* key, const std::string& text) -> Status {
      std::string why;
      if (text.empty() || text == kPlaceholder || Date::parse(text, &why)) return Ok{};
      const json::Value* at = v.find(key);
      return fatal(*at, ptr + "/" + key, std::string(key) + " '" + text + "' is not a date (" + why + ")");
    };
    if (auto st = date_member("expires", e.expires_text); !st) return st;
    if (auto st = date_member("created", e.created); !st) return st;
    if (!e.expires_text.empty()) e.expires = Date::parse(e.expires_text);
    return Ok{};
  }

  Expected<Ledger> run(std::string_view text) {
    // JSON is YAML; one parser reads both and gives positions for either.
    auto parsed = yaml::parse(text, name_);
    if (!parsed) return std::move(parsed).error();
    const json::Value& root = *parsed;
    Ledger l;
    l.file = std::string(name_);
    const json::Value* list = nullptr;
    if (root.is_array()) {
      list = &root;  // a bare list of entries is accepted
    } else if (root.is_object()) {
      for (const auto& [k, x] : root.as_object()) {
        std::string p = "/" + json::pointer_token(k);
        if (k == "$schema") continue;
        if (k == "version") {
          if (!x.is_number() || x.as_number().text != "1") return fatal(x, p, "unsupported exceptions file version (expected 1)");
        } else if (k == "exceptions") {
          if (!x.is_array() && !x.is_null()) return fatal(x, p, "expected a list of exceptions");
          list = &x;
        } else if (k == "policy") {
          if (!x.is_object()) return fatal(x, p, "expected a mapping");
          for (const auto& [pk, pv] : x.as_object()) {
            std::string pp = p + "/" + json::pointer_token(pk);
            if (pk == "max-horizon-days") {
              std::int64_t n = -1;
              if (pv.is_number()) {
                const auto& t = pv.as_number().text;
                auto r = std::from_chars(t.data(), t.data() + t.size(), n);
                if (r.ec != std::errc{} || r.ptr != t.data() + t.size()) n = -1;
              }
              if (n < 1) return fatal(pv, pp, "expected a positive number of days");
              l.policy.max_horizon_days = n;
            } else if (pk == "justification-required") {
              if (!pv.is_array()) return fatal(pv, pp, "expected a list of statuses");
              l.policy.justification_required.clear();
              for (std::size_t i = 0; i < pv.as_array().size(); ++i) {
                const auto& s = pv.as_array()[i];
                if (!s.is_string() || !one_of(s.as_string(), kStates))
                  return fatal(s, pp + "/" + std::to_string(i), "expected an analysis state (not_affected, false_positive, ...)");
                l.policy.justification_required.push_back(s.as_string());
              }
            } else {
              return fatal(pv, pp, "unknown policy member '" + pk + "'");
            }
          }
        } else {
          return fatal(x, p, "unknown member '" + k + "' (expected version, policy, exceptions)");
        }
      }
    } else if (!root.is_null()) {
      return fatal(root, "", "an exceptions file must be a mapping with an `exceptions` list");
    }
    if (list && list->is_array()) {
      for (std::size_t i = 0; i < list->as_array().size(); ++i) {
        Entry e;
        e.index = i;
        if (auto s = entry(list->as_array()[i], (root.is_array() ? "/" : "/exceptions/") + std::to_string(i), e); !s)
          return std::move(s).error();
        e.label = std::string(name_) + ":" + std::to_string(e.line);
        l.entries.push_back(std::move(e));
      }
    }
    return l;
  }

 private:
  std::string_view name_;
};

}  // namespace

Expected<Ledger> parse_ledger(std::string_view text, std::string_view name) {
  Loader loader(name);
  return loader.run(text);
}

std::vector<Problem> lint(const Ledger& l, Date today) {
  std::vector<Problem> out;
  auto add = [&](const Entry& e, std::string msg) { out.push_back({e.line, e.column, std::move(msg)}); };
  for (const auto& e : l.entries) {
    std::string who = e.id.empty() ? "exception" : e.id;
    if (e.id.empty()) add(e, "exception has no id");
    else if (!well_formed_id(e.id)) add(e, who + ": '" + e.id + "' is not a well-formed vulnerability id");
    if (e.reason.empty()) add(e, who + ": no reason");
    if (e.owner.empty()) add(e, who + ": no owner");
    else if (e.owner == kPlaceholder) add(e, who + ": owner is the import placeholder; set a real owner");
    if (e.expires_text.empty()) add(e, who + ": no expiry date (expires)");
    else if (e.expires_text == kPlaceholder) add(e, who + ": expiry is the import placeholder; set a real date");
    else if (!e.expires) add(e, who + ": expires '" + e.expires_text + "' is not a date (YYYY-MM-DD)");
    else {
      if (l.policy.max_horizon_days && e.expires->days - today.days > *l.policy.max_horizon_days)
        add(e, who + ": expires " + e.expires->to_string() + ", " + std::to_string(e.expires->days - today.days) +
                   " days from " + today.to_string() + ", beyond the " + std::to_string(*l.policy.max_horizon_days) + "-day horizon");
      if (e.expires->days < today.days) add(e, who + ": expired on " + e.expires->to_string());
    }
    if (!e.created.empty() && !Date::parse(e.created)) add(e, who + ": created '" + e.created + "' is not a date (YYYY-MM-DD)");
    if (e.status.empty()) add(e, who + ": no status (not_affected, false_positive, resolved, ...)");
    else if (!one_of(e.status, kStates)) add(e, who + ": unknown status '" + e.status + "'");
    bool needs_just = std::find(l.policy.justification_required.begin(), l.policy.justification_required.end(), e.status) !=
                      l.policy.justification_required.end();
    if (!e.justification.empty() && !one_of(e.justification, kJustifications))
      add(e, who + ": unknown justification '" + e.justification + "'");
    else if (needs_just && e.justification.empty())
      add(e, who + ": status " + e.status + " needs a justification");
    for (const auto& r : e.response)
      if (!one_of(r, kResponses)) add(e, who + ": unknown response '" + r + "'");
    if (!e.scope.purl.empty() && e.scope.purl.rfind("pkg:", 0) != 0)
      add(e, who + ": scope purl '" + e.scope.purl + "' does not start with pkg:");
  }
  // Duplicates (same id and scope) and conflicts (same id and scope, different status).
  std::map<std::string, const Entry*> seen;
  for (const auto& e : l.entries) {
    std::string key = e.id + "\n" + e.scope.purl + "\n" + e.scope.versions + "\n" + e.scope.image + "\n" + e.scope.path + "\n" + e.scope.fix_state;
    auto [it, fresh] = seen.emplace(key, &e);
    if (fresh) continue;
    const Entry& first = *it->second;
    if (first.status != e.status || first.justification != e.justification)
      add(e, e.id + ": conflicts with the entry at line " + std::to_string(first.line) + " (same id and scope, status " +
                 first.status + " there, " + e.status + " here)");
    else
      add(e, e.id + ": duplicate of the entry at line " + std::to_string(first.line));
  }
  std::stable_sort(out.begin(), out.end(), [](const Problem& a, const Problem& b) {
    return a.line != b.line ? a.line < b.line : a.column < b.column;
  });
  return out;
}

}  // namespace sbom::exceptions
