// Red Hat family version semantics: [epoch:]version[-release], each part ordered by rpmvercmp.
#include "version/schemes.h"
#include "version/text.h"

namespace sbom::version {
namespace {

using namespace detail;

struct Evr {
  std::string_view epoch;  // digits; empty means 0
  std::string_view version;
  std::string_view release;
  bool has_release = false;
};

// Splits like rpm does: the epoch is a run of leading digits ended by ':', the release
// follows the last '-'. Every string splits, so rpm can order anything.
Evr split(std::string_view v) {
  Evr out;
  std::size_t i = 0;
  while (i < v.size() && is_digit(v[i])) ++i;
  if (i < v.size() && v[i] == ':') {
    out.epoch = v.substr(0, i);
    v.remove_prefix(i + 1);
  }
  std::size_t dash = v.rfind('-');
  if (dash != std::string_view::npos) {
    out.has_release = true;
    out.release = v.substr(dash + 1);
    v = v.substr(0, dash);
  }
  out.version = v;
  return out;
}

inline bool is_separator(char c) { return !is_alnum(c) && c != '~' && c != '^'; }

int rpmvercmp(std::string_view a, std::string_view b) {
  if (a == b) return 0;
  std::size_t i = 0, j = 0;
  while (i < a.size() || j < b.size()) {
    while (i < a.size() && is_separator(a[i])) ++i;
    while (j < b.size() && is_separator(b[j])) ++j;
    bool a_end = i == a.size(), b_end = j == b.size();
    // '~' sorts before everything, even the end of the string.
    bool at = !a_end && a[i] == '~', bt = !b_end && b[j] == '~';
    if (at || bt) {
      if (!at) return 1;
      if (!bt) return -1;
      ++i;
      ++j;
      continue;
    }
    // '^' sorts after the end of the string but before anything else.
    bool ac = !a_end && a[i] == '^', bc = !b_end && b[j] == '^';
    if (ac || bc) {
      if (a_end) return -1;
      if (b_end) return 1;
      if (!ac) return 1;
      if (!bc) return -1;
      ++i;
      ++j;
      continue;
    }
    if (a_end || b_end) break;
    bool numeric = is_digit(a[i]);
    std::size_t p = i, q = j;
    if (numeric) {
      while (p < a.size() && is_digit(a[p])) ++p;
      while (q < b.size() && is_digit(b[q])) ++q;
    } else {
      while (p < a.size() && is_alpha(a[p])) ++p;
      while (q < b.size() && is_alpha(b[q])) ++q;
    }
    // A numeric segment is newer than an alphabetic one.
    if (q == j) return numeric ? 1 : -1;
    std::string_view sa = a.substr(i, p - i), sb = b.substr(j, q - j);
    int c = numeric ? compare_numeric(sa, sb) : compare_bytes(sa, sb);
    if (c != 0) return c;
    i = p;
    j = q;
  }
  bool a_end = i >= a.size(), b_end = j >= b.size();
  if (a_end && b_end) return 0;
  return a_end ? -1 : 1;
}

inline bool is_allowed(char c) { return is_alnum(c) || c == '.' || c == '_' || c == '+' || c == '~' || c == '^'; }

std::string_view check(std::string_view v) {
  if (v.empty()) return "version is empty";
  std::size_t colon = v.find(':');
  if (colon != std::string_view::npos) {
    std::string_view e = v.substr(0, colon);
    if (e.empty()) return "epoch is empty";
    if (!all_digits(e)) return "epoch is not a number";
    v.remove_prefix(colon + 1);
  }
  std::size_t dash = v.find('-');
  std::string_view version = v.substr(0, dash);
  if (version.empty()) return "version part is empty";
  for (char c : version)
    if (!is_allowed(c)) return "invalid character in version part";
  if (dash != std::string_view::npos) {
    std::string_view release = v.substr(dash + 1);
    if (release.empty()) return "release part is empty";
    for (char c : release)
      if (c == '-') return "more than one '-' (version and release may not contain '-')";
      else if (!is_allowed(c)) return "invalid character in release part";
  }
  return {};
}

class RpmScheme final : public Scheme {
 public:
  std::string_view name() const override { return "rpm"; }

  Status validate(std::string_view v) const override {
    if (auto why = check(v); !why.empty()) return invalid_version(name(), v, why);
    return Ok{};
  }

  Expected<std::string> normalize(std::string_view v) const override {
    if (auto why = check(v); !why.empty()) return invalid_version(name(), v, why);
    return std::string(v);
  }

  // Like rpm, orders any non-empty string; validate() is the strict check. A missing
  // release sorts before any release, so "1.0" < "1.0-1".
  Expected<Order> compare(std::string_view a, std::string_view b) const override {
    if (a.empty()) return invalid_version(name(), a, "version is empty");
    if (b.empty()) return invalid_version(name(), b, "version is empty");
    Evr x = split(a), y = split(b);
    if (int c = compare_numeric(x.epoch, y.epoch); c != 0) return to_order(c);
    if (int c = rpmvercmp(x.version, y.version); c != 0) return to_order(c);
    if (x.has_release != y.has_release) return x.has_release ? Order::Greater : Order::Less;
    return to_order(rpmvercmp(x.release, y.release));
  }
};

}  // namespace

const Scheme& rpm_scheme() {
  static const RpmScheme scheme;
  return scheme;
}

}  // namespace sbom::version
