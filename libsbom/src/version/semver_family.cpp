// The SemVer engine behind semver, npm, go, cargo, nuget, hex, pub and swift: parse without
// allocating, compare by SemVer 2.0.0 precedence, check and normalise by each ecosystem's rules.
#include "version/semver_family.h"

#include "version/text.h"

namespace sbom::version::detail {
namespace {

struct Parsed {
  bool v = false;   // leading 'v' or 'V'
  bool eq = false;  // leading '='
  std::string_view core;  // "1.2.3"
  int parts = 0;
  std::string_view pre;    // without '-'; empty when absent
  std::string_view build;  // without '+'; empty when absent
};

inline bool is_ident_char(char c) { return is_alnum(c) || c == '-'; }

// Reads dot-separated identifiers of [0-9A-Za-z-] from v[i] up to `stop` (or the end);
// returns why they are malformed, or "".
std::string_view read_identifiers(std::string_view v, std::size_t& i, char stop, std::string_view what_empty,
                                  std::string_view what_bad) {
  while (true) {
    std::size_t b = i;
    while (i < v.size() && is_ident_char(v[i])) ++i;
    bool at_end = i == v.size() || v[i] == stop;
    if (!at_end && v[i] != '.') return (v[i] == ' ' || v[i] == '\t') ? "contains whitespace" : what_bad;
    if (i == b) return what_empty;
    if (at_end) return {};
    ++i;
  }
}

std::string_view parse(std::string_view v, bool allow_eq, Parsed& out) {
  if (v.empty()) return "version is empty";
  std::size_t i = 0;
  if (allow_eq && v[i] == '=') {
    out.eq = true;
    ++i;
  }
  if (i < v.size() && (v[i] == 'v' || v[i] == 'V')) {
    out.v = true;
    ++i;
  }
  std::size_t core = i;
  while (true) {
    std::size_t b = i;
    while (i < v.size() && is_digit(v[i])) ++i;
    if (i == b) return out.parts == 0 ? "expected a number at the start" : "expected a number after '.'";
    ++out.parts;
    if (i < v.size() && v[i] == '.') {
      ++i;
      continue;
    }
    break;
  }
  out.core = v.substr(core, i - core);
  if (i < v.size() && v[i] == '-') {
    std::size_t b = ++i;
    if (auto why = read_identifiers(v, i, '+', "empty pre-release identifier", "invalid character in pre-release");
        !why.empty())
      return why;
    out.pre = v.substr(b, i - b);
  }
  if (i < v.size() && v[i] == '+') {
    std::size_t b = ++i;
    if (auto why = read_identifiers(v, i, '\0', "empty build identifier", "invalid character in build metadata");
        !why.empty())
      return why;
    out.build = v.substr(b, i - b);
  }
  if (i < v.size()) {
    if (v[i] == ' ' || v[i] == '\t') return "contains whitespace";
    return "unexpected character after the version";
  }
  return {};
}

// Splits off the next '.'-separated field at i; at the end yields `missing`.
std::string_view next_field(std::string_view s, std::size_t& i, std::string_view missing) {
  if (i >= s.size()) return missing;
  std::size_t b = i;
  while (i < s.size() && s[i] != '.') ++i;
  std::string_view out = s.substr(b, i - b);
  if (i < s.size()) ++i;
  return out;
}

int compare_core(std::string_view a, std::string_view b) {
  std::size_t i = 0, j = 0;
  while (i < a.size() || j < b.size()) {
    if (int c = compare_numeric(next_field(a, i, "0"), next_field(b, j, "0")); c != 0) return c;
  }
  return 0;
}

int compare_text(std::string_view a, std::string_view b, bool fold) {
  if (!fold) return compare_bytes(a, b);
  std::size_t n = a.size() < b.size() ? a.size() : b.size();
  for (std::size_t k = 0; k < n; ++k) {
    char x = to_lower(a[k]), y = to_lower(b[k]);
    if (x != y) return x < y ? -1 : 1;
  }
  return a.size() == b.size() ? 0 : (a.size() < b.size() ? -1 : 1);
}

// SemVer precedence of dot-separated identifiers: numbers numerically and below words,
// words in ASCII order, a shorter list first when it is a prefix of the longer one.
int compare_identifiers(std::string_view a, std::string_view b, bool fold) {
  std::size_t i = 0, j = 0;
  while (i < a.size() && j < b.size()) {
    std::string_view x = next_field(a, i, {}), y = next_field(b, j, {});
    bool xn = all_digits(x), yn = all_digits(y);
    int c = (xn && yn) ? compare_numeric(x, y) : (xn != yn ? (xn ? -1 : 1) : compare_text(x, y, fold));
    if (c != 0) return c;
  }
  if (i < a.size()) return 1;
  if (j < b.size()) return -1;
  return 0;
}

bool has_leading_zero(std::string_view s) {
  std::size_t i = 0;
  while (i < s.size()) {
    std::string_view f = next_field(s, i, {});
    if (f.size() > 1 && f[0] == '0' && all_digits(f)) return true;
  }
  return false;
}

}  // namespace

Status SemverFamily::validate(std::string_view v) const {
  Parsed p;
  const SemverRules& r = rules_;
  if (auto why = parse(v, r.allow_eq, p); !why.empty()) return invalid_version(r.name, v, why);
  if (p.v && !r.allow_v && !r.require_v) return invalid_version(r.name, v, "a leading 'v' is not allowed");
  if (!p.v && r.require_v) return invalid_version(r.name, v, "must start with 'v'");
  if (p.parts < r.min_parts || p.parts > r.max_parts) {
    if (r.min_parts == 3 && r.max_parts == 3)
      return invalid_version(r.name, v, "expected three numbers MAJOR.MINOR.PATCH");
    if (r.max_parts == 4) return invalid_version(r.name, v, "expected one to four numbers");
    return invalid_version(r.name, v, "expected one to three numbers");
  }
  if (r.shorthand_without_suffix && p.parts < 3 && (!p.pre.empty() || !p.build.empty()))
    return invalid_version(r.name, v, "a shortened version cannot have a pre-release or build suffix");
  if (!r.leading_zeros && has_leading_zero(p.core))
    return invalid_version(r.name, v, "number with a leading zero");
  if (!r.leading_zeros && has_leading_zero(p.pre))
    return invalid_version(r.name, v, "numeric pre-release identifier with a leading zero");
  if (r.only_incompatible_build && !p.build.empty() && p.build != "incompatible")
    return invalid_version(r.name, v, "the only build suffix allowed is '+incompatible'");
  return Ok{};
}

Expected<std::string> SemverFamily::normalize(std::string_view v) const {
  if (auto ok = validate(v); !ok) return std::move(ok.error());
  Parsed p;
  const SemverRules& r = rules_;
  (void)parse(v, r.allow_eq, p);
  std::string out;
  if (r.normal_v) out += 'v';
  std::size_t i = 0;
  int written = 0;
  std::string_view fourth;
  while (i < p.core.size()) {
    std::string_view f = strip_leading_zeros(next_field(p.core, i, {}));
    if (f.empty()) f = "0";
    if (written == 3) {
      fourth = f;
      break;
    }
    if (written > 0) out += '.';
    out += f;
    ++written;
  }
  for (; r.normal_pad && written < 3; ++written) out += ".0";
  if (!fourth.empty() && !(r.normal_drop_zero_fourth && fourth == "0")) {
    out += '.';
    out += fourth;
  }
  if (!p.pre.empty()) {
    out += '-';
    out += p.pre;
  }
  bool keep_build = !r.normal_drop_build || (r.only_incompatible_build && p.build == "incompatible");
  if (!p.build.empty() && keep_build) {
    out += '+';
    out += p.build;
  }
  return out;
}

Expected<Order> SemverFamily::compare(std::string_view a, std::string_view b) const {
  Parsed x, y;
  const SemverRules& r = rules_;
  if (auto why = parse(a, r.allow_eq, x); !why.empty()) return invalid_version(r.name, a, why);
  if (auto why = parse(b, r.allow_eq, y); !why.empty()) return invalid_version(r.name, b, why);
  if (int c = compare_core(x.core, y.core); c != 0) return to_order(c);
  if (x.pre.empty() != y.pre.empty()) return x.pre.empty() ? Order::Greater : Order::Less;
  if (int c = compare_identifiers(x.pre, y.pre, r.fold_case); c != 0) return to_order(c);
  if (!r.build_orders) return Order::Equal;
  if (x.build.empty() != y.build.empty()) return x.build.empty() ? Order::Less : Order::Greater;
  return to_order(compare_identifiers(x.build, y.build, r.fold_case));
}

}  // namespace sbom::version::detail
