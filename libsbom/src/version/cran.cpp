// CRAN (R package) versions: non-negative integers separated by '.' or '-', compared as integer
// sequences where a longer sequence wins over its own prefix (R's package_version ordering).
#include <cstddef>
#include <string>
#include <string_view>

#include "version/checked_scheme.h"
#include "version/integer_list.h"
#include "version/schemes.h"
#include "version/text.h"

namespace sbom::version {
namespace {

using detail::compare_integer_lists;
using detail::invalid_version;
using detail::is_digit;
using detail::strip_leading_zeros;

constexpr std::string_view kName = "cran";

Status check_cran(std::string_view v) {
  if (v.empty()) return invalid_version(kName, v, "empty version");
  bool want_digit = true;
  for (std::size_t i = 0; i < v.size(); ++i) {
    if (is_digit(v[i])) {
      want_digit = false;
    } else if (detail::is_list_sep(v[i]) && !want_digit) {
      want_digit = true;
    } else {
      return invalid_version(kName, v,
                             std::string(detail::is_list_sep(v[i]) ? "empty component" : "unexpected character") +
                                 " at offset " + std::to_string(i));
    }
  }
  if (want_digit) return invalid_version(kName, v, "empty component at offset " + std::to_string(v.size()));
  return Ok{};
}

class CranScheme final : public detail::CheckedScheme {
 public:
  std::string_view name() const override { return "cran"; }

 protected:
  Status check(std::string_view v) const override { return check_cran(v); }

  // R prints a package_version with dots and plain integers: "1.0-05" -> "1.0.5".
  Expected<std::string> canonical(std::string_view v) const override {
    std::string out;
    for (std::size_t i = 0; i < v.size();) {
      if (!out.empty()) out += '.';
      const std::string_view n = strip_leading_zeros(detail::next_integer(v, i));
      out += n.empty() ? std::string_view("0") : n;
    }
    return out;
  }

  int order(std::string_view a, std::string_view b) const override { return compare_integer_lists(a, b); }
};

}  // namespace

const Scheme& cran_scheme() {
  static const CranScheme scheme;
  return scheme;
}

}  // namespace sbom::version
