// Debian/Ubuntu version semantics: [epoch:]upstream[-revision], compared as dpkg does.
#include <cstdint>
#include <limits>

#include "version/schemes.h"
#include "version/text.h"

namespace sbom::version {
namespace {

using namespace detail;

struct DpkgVersion {
  std::string_view epoch;     // digits, empty when absent (means 0)
  std::string_view upstream;
  std::string_view revision;  // empty when absent
  bool has_epoch = false;
  bool has_revision = false;
};

inline bool is_space(char c) { return c == ' ' || c == '\t' || c == '\n' || c == '\r' || c == '\v' || c == '\f'; }

// Splits and checks `v` with dpkg's rules; returns why it is invalid, or "" when it is valid.
std::string_view parse(std::string_view v, DpkgVersion& out) {
  // dpkg itself ignores surrounding blanks but rejects embedded ones.
  while (!v.empty() && is_space(v.front())) v.remove_prefix(1);
  while (!v.empty() && is_space(v.back())) v.remove_suffix(1);
  if (v.empty()) return "version string is empty";
  for (char c : v)
    if (is_space(c)) return "version string has embedded spaces";

  std::size_t colon = v.find(':');
  if (colon != std::string_view::npos) {
    out.has_epoch = true;
    out.epoch = v.substr(0, colon);
    if (out.epoch.empty()) return "epoch in version is empty";
    if (!all_digits(out.epoch)) return "epoch in version is not a number";
    std::string_view e = strip_leading_zeros(out.epoch);
    constexpr std::string_view kMax = "2147483647";
    if (compare_numeric(e, kMax) > 0) return "epoch in version is too big";
    v.remove_prefix(colon + 1);
    if (v.empty()) return "nothing after colon in version number";
  }
  std::size_t dash = v.rfind('-');
  if (dash != std::string_view::npos) {
    out.has_revision = true;
    out.revision = v.substr(dash + 1);
    if (out.revision.empty()) return "revision number is empty";
    v = v.substr(0, dash);
  }
  out.upstream = v;
  if (v.empty()) return "version number is empty";
  if (!is_digit(v.front())) return "version number does not start with a digit";
  for (char c : v)
    if (!is_alnum(c) && c != '.' && c != '-' && c != '+' && c != '~' && c != ':')
      return "invalid character in version number";
  for (char c : out.revision)
    if (!is_alnum(c) && c != '.' && c != '+' && c != '~') return "invalid character in revision number";
  return {};
}

// The weight of a non-digit character: '~' before the end, the end before letters,
// letters before everything else.
inline int order(std::string_view s, std::size_t i) {
  if (i >= s.size()) return 0;
  char c = s[i];
  if (is_digit(c)) return 0;
  if (is_alpha(c)) return static_cast<unsigned char>(c);
  if (c == '~') return -1;
  return static_cast<unsigned char>(c) + 256;
}

int verrevcmp(std::string_view a, std::string_view b) {
  std::size_t i = 0, j = 0;
  while (i < a.size() || j < b.size()) {
    while ((i < a.size() && !is_digit(a[i])) || (j < b.size() && !is_digit(b[j]))) {
      int ac = order(a, i), bc = order(b, j);
      if (ac != bc) return ac < bc ? -1 : 1;
      ++i;
      ++j;
    }
    while (i < a.size() && a[i] == '0') ++i;
    while (j < b.size() && b[j] == '0') ++j;
    int first_diff = 0;
    while (i < a.size() && j < b.size() && is_digit(a[i]) && is_digit(b[j])) {
      if (first_diff == 0) first_diff = a[i] - b[j];
      ++i;
      ++j;
    }
    if (i < a.size() && is_digit(a[i])) return 1;
    if (j < b.size() && is_digit(b[j])) return -1;
    if (first_diff != 0) return first_diff < 0 ? -1 : 1;
  }
  return 0;
}

class DpkgScheme final : public Scheme {
 public:
  std::string_view name() const override { return "dpkg"; }

  Status validate(std::string_view v) const override {
    DpkgVersion p;
    if (auto why = parse(v, p); !why.empty()) return invalid_version(name(), v, why);
    return Ok{};
  }

  Expected<std::string> normalize(std::string_view v) const override {
    DpkgVersion p;
    if (auto why = parse(v, p); !why.empty()) return invalid_version(name(), v, why);
    // dpkg prints no epoch when it is 0, unless the upstream part has a colon that
    // would then be read as the epoch separator.
    std::string out;
    std::string_view e = strip_leading_zeros(p.epoch);
    if (p.has_epoch && (!e.empty() || p.upstream.find(':') != std::string_view::npos)) {
      out += e.empty() ? std::string_view("0") : e;
      out += ':';
    }
    out += p.upstream;
    if (p.has_revision) {
      out += '-';
      out += p.revision;
    }
    return out;
  }

  Expected<Order> compare(std::string_view a, std::string_view b) const override {
    DpkgVersion pa, pb;
    if (auto why = parse(a, pa); !why.empty()) return invalid_version(name(), a, why);
    if (auto why = parse(b, pb); !why.empty()) return invalid_version(name(), b, why);
    if (int c = compare_numeric(pa.epoch, pb.epoch); c != 0) return to_order(c);
    if (int c = verrevcmp(pa.upstream, pb.upstream); c != 0) return to_order(c);
    return to_order(verrevcmp(pa.revision, pb.revision));
  }
};

}  // namespace

const Scheme& dpkg_scheme() {
  static const DpkgScheme scheme;
  return scheme;
}

}  // namespace sbom::version
