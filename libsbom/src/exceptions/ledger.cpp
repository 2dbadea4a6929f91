// Loading and linting exception files (schemas/exceptions.schema.json).
#include <algorithm>
#include <cctype>
#include <charconv>
#include <map>
#include <optional>

#include "sbom/exceptions.h"
#include "sbom/text.h"
#include "sbom/yaml.h"
#include "schema/schema.h"

namespace sbom::exceptions {

// ---- dates -------------------------------------------------------------------------------------

// The UTC day of text::parse_utc_time's instant (the toolkit's one RFC 3339 reader).
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

std::string Date::to_string() const { return text::rfc3339_utc(days * 86400).substr(0, 10); }

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

// Where a violation is: the entry it is inside (its index, and the member path under it: "status",
// "scope/purl", "response/1"; "" for the entry itself), or nowhere inside an entry.
struct Place {
  std::optional<std::size_t> entry;
  std::string member;
};

Place place_of(std::string_view pointer, bool bare_list) {
  std::string_view prefix = bare_list ? "/" : "/exceptions/";
  if (!pointer.starts_with(prefix)) return {};
  std::string_view rest = pointer.substr(prefix.size());
  std::size_t index = 0;
  auto [end, ec] = std::from_chars(rest.data(), rest.data() + rest.size(), index);
  if (ec != std::errc{} || end == rest.data()) return {};
  rest.remove_prefix(static_cast<std::size_t>(end - rest.data()));
  if (!rest.empty() && rest.front() != '/') return {};
  return {index, std::string(rest.empty() ? rest : rest.substr(1))};
}

bool is_date_member(std::string_view member) { return member == "expires" || member == "created"; }

// The text of a value the schema let through as a string: a string, or (YAML) a plain number.
std::string text_of(const json::Value& v) { return v.is_string() ? v.as_string() : v.is_number() ? v.as_number().text : std::string(); }

// A date member that is no date: worded by Date::parse's reason, which is more exact than a pattern.
std::string not_a_date(std::string_view member, const std::string& text) {
  std::string why;
  (void)Date::parse(text, &why);
  return std::string(member) + " '" + text + "' is not a date (" + why + ")";
}

// The split between a broken file and one to fix (man sbom-exceptions, THE EXCEPTIONS FILE):
// inside an entry, a missing member, a value outside an enum, a pattern not matched and an empty
// string are its owner's to fix: lint lists them, apply leaves the entry out as INVALID (with the
// first of them, exceptions::invalid_reason). Everything else
// is a file sbom-exceptions cannot read as meant: wrong types, unknown members, the version, the
// file-level policy, a date that is no date at all (empty and the import placeholder aside: those
// are an expiry still to set), and a fix-state outside its enum (apply could not tell which
// findings the entry covers).
bool to_fix(const schema::Violation& v, const Place& at, const json::Value& root) {
  if (!at.entry) return false;
  if (v.keyword == "required") return at.member.empty();
  if (v.keyword != "enum" && v.keyword != "pattern" && v.keyword != "minLength") return false;
  if (at.member == "scope/fix-state") return false;
  if (is_date_member(at.member)) {
    const json::Value* value = json::at_pointer(root, v.pointer);
    const std::string text = value ? text_of(*value) : std::string();
    return value && value->is_string() && (text.empty() || text == kPlaceholder);
  }
  return true;
}

// Maps a file the schema accepted (but for what is to fix) into the model: every value has the type
// the schema gives it, so nothing here checks a type, a name or a list of allowed values.
class Loader {
 public:
  explicit Loader(std::string_view name) : name_(name) {}

  Scope scope(const json::Value& v) const {
    Scope s;
    if (v.is_string()) {
      s.purl = v.as_string();  // shorthand: scope: pkg:...
      return s;
    }
    for (const auto& [k, x] : v.as_object()) {
      if (k == "purl") s.purl = text_of(x);
      else if (k == "versions") s.versions = text_of(x);
      else if (k == "image") s.image = text_of(x);
      else if (k == "path") s.path = text_of(x);
      else if (k == "fix-state") s.fix_state = text_of(x);
    }
    return s;
  }

  Entry entry(const json::Value& v) const {
    Entry e;
    e.line = v.position.line;
    e.column = v.position.column;
    for (const auto& [k, x] : v.as_object()) {
      if (k == "id") e.id = text_of(x);
      else if (k == "scope") e.scope = scope(x);
      else if (k == "status") e.status = text_of(x);
      else if (k == "justification") e.justification = text_of(x);
      else if (k == "reason") e.reason = text_of(x);
      else if (k == "owner") e.owner = text_of(x);
      else if (k == "expires") e.expires_text = text_of(x);
      else if (k == "ticket") e.ticket = text_of(x);
      else if (k == "created") e.created = text_of(x);
      else if (k == "response") {
        if (x.is_array())
          for (const auto& r : x.as_array()) e.response.push_back(text_of(r));
        else
          e.response.push_back(text_of(x));
      }
    }
    // A date the pattern admits may still not exist (2026-02-30), which no schema can say: a
    // problem to fix at the value (apply leaves the entry out as having no valid expiry). Empty
    // and placeholder dates are the schema's to report.
    const std::string who = e.id.empty() ? "exception" : e.id;
    auto nonexistent = [&](std::string_view member, const std::string& text, const json::Value* at) {
      if (!text.empty() && text != kPlaceholder && !Date::parse(text))
        e.problems.push_back(Problem{at->position.line, at->position.column, who + ": " + not_a_date(member, text), std::string(member)});
    };
    if (!e.expires_text.empty()) e.expires = Date::parse(e.expires_text);
    nonexistent("expires", e.expires_text, v.find("expires"));
    nonexistent("created", e.created, v.find("created"));
    return e;
  }

  Status policy(const json::Value& v, LedgerPolicy& p) const {
    for (const auto& [k, x] : v.as_object()) {
      if (k == "max-horizon-days") {
        const auto& t = x.as_number().text;
        std::int64_t n = 0;
        auto r = std::from_chars(t.data(), t.data() + t.size(), n);
        if (r.ec != std::errc{} || r.ptr != t.data() + t.size())
          return json::error_at(name_, x, "/policy/max-horizon-days", "the number of days " + t + " is too large");
        p.max_horizon_days = n;
      } else if (k == "justification-required") {
        p.justification_required.clear();
        for (const auto& s : x.as_array()) p.justification_required.push_back(s.as_string());
      }
    }
    return Ok{};
  }

  Expected<Ledger> run(std::string_view text) const {
    // JSON is YAML; one parser reads both and gives positions for either.
    auto parsed = yaml::parse(text, name_);
    if (!parsed) return std::move(parsed).error();
    const json::Value& root = *parsed;
    // What the file may hold is schemas/exceptions.schema.json's to say (compiled in).
    static const Expected<schema::Schema> kSchema = schema::Schema::ours("exceptions");
    if (!kSchema) return kSchema.error();
    schema::ValidateOptions options;
    options.numbers_as_text = true;
    const bool bare_list = root.is_array();  // a bare list of entries is accepted
    std::vector<std::pair<Place, schema::Violation>> fixes;
    for (auto& v : kSchema->violations(root, options)) {
      Place at = place_of(v.pointer, bare_list);
      if (!to_fix(v, at, root)) {  // the first in document order
        const json::Value* value = json::at_pointer(root, v.pointer);
        if (v.keyword == "pattern" && at.entry && is_date_member(at.member) && value) v.message = not_a_date(at.member, text_of(*value));
        return v.error(name_);
      }
      fixes.emplace_back(std::move(at), std::move(v));
    }
    Ledger l;
    l.file = std::string(name_);
    const json::Value* list = bare_list ? &root : root.is_object() ? root.find("exceptions") : nullptr;
    if (root.is_object())
      if (const json::Value* p = root.find("policy"))
        if (auto ok = policy(*p, l.policy); !ok) return std::move(ok).error();
    if (list && list->is_array()) {
      for (std::size_t i = 0; i < list->as_array().size(); ++i) {
        Entry e = entry(list->as_array()[i]);
        e.index = i;
        e.label = std::string(name_) + ":" + std::to_string(e.line);
        l.entries.push_back(std::move(e));
      }
    }
    for (auto& [at, v] : fixes) {
      Entry& e = l.entries[*at.entry];
      const std::string who = e.id.empty() ? "exception" : e.id;
      std::string what;
      if (v.keyword == "required") what = v.message;
      else if (is_date_member(at.member)) {
        // The placeholder is lint's own finding ("set a real date"); an empty date is worded as any non-date.
        const std::string text = at.member == "expires" ? e.expires_text : e.created;
        if (text == kPlaceholder && at.member == "expires") continue;
        what = not_a_date(at.member, text);
      } else {
        what = at.member + ": " + v.message;
      }
      e.problems.push_back(Problem{v.position.line, v.position.column, who + ": " + what, at.member});
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
  auto add = [&](const Entry& e, std::string msg) { out.push_back(Problem{e.line, e.column, std::move(msg), {}}); };
  for (const auto& e : l.entries) {
    // What the schema found first (missing members, values outside its enums and patterns) and
    // the loader could not map (a date that does not exist), then what no schema can say.
    out.insert(out.end(), e.problems.begin(), e.problems.end());
    auto schema_found = [&](std::string_view member) {
      return std::any_of(e.problems.begin(), e.problems.end(), [&](const Problem& p) { return p.member == member; });
    };
    std::string who = e.id.empty() ? "exception" : e.id;
    // The schema's pattern is the shape every id has; CVE and GHSA ids have stricter ones.
    if (!e.id.empty() && !schema_found("id") && !well_formed_id(e.id))
      add(e, who + ": '" + e.id + "' is not a well-formed vulnerability id");
    if (e.owner == kPlaceholder) add(e, who + ": owner is the import placeholder; set a real owner");
    if (e.expires_text == kPlaceholder) add(e, who + ": expiry is the import placeholder; set a real date");
    else if (e.expires) {
      if (l.policy.max_horizon_days && e.expires->days - today.days > *l.policy.max_horizon_days)
        add(e, who + ": expires " + e.expires->to_string() + ", " + std::to_string(e.expires->days - today.days) +
                   " days from " + today.to_string() + ", beyond the " + std::to_string(*l.policy.max_horizon_days) + "-day horizon");
      if (e.expires->days < today.days) add(e, who + ": expired on " + e.expires->to_string());
    }
    bool needs_just = std::find(l.policy.justification_required.begin(), l.policy.justification_required.end(), e.status) !=
                      l.policy.justification_required.end();
    if (needs_just && e.justification.empty()) add(e, who + ": status " + e.status + " needs a justification");
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
