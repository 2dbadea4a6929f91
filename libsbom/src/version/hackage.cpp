// Hackage (Haskell) versions: Cabal's Version, dot-separated integers without leading zeros, ordered
// like Data.Version (lexicographic on the integer lists, so trailing zeros count: 1.0 > 1).
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

constexpr std::string_view kName = "hackage";
// Cabal keeps each component in an Int and refuses more than nine digits.
constexpr std::size_t kMaxDigits = 9;

Status check_hackage(std::string_view v) {
  if (v.empty()) return invalid_version(kName, v, "empty version");
  std::size_t i = 0;
  while (true) {
    const std::size_t start = i;
    while (i < v.size() && is_digit(v[i])) ++i;
    const std::string at = " at offset " + std::to_string(start);
    if (i == start) {
      if (start < v.size() && v[start] == '-') return invalid_version(kName, v, "version tags are not supported" + at);
      return invalid_version(kName, v, (start < v.size() ? "unexpected character" : "empty component") + at);
    }
    if (v[start] == '0' && i - start > 1) return invalid_version(kName, v, "component with a leading zero" + at);
    if (i - start > kMaxDigits) return invalid_version(kName, v, "component longer than nine digits" + at);
    if (i == v.size()) return Ok{};
    if (v[i] != '.') {
      return invalid_version(kName, v,
                             std::string(v[i] == '-' ? "version tags are not supported" : "unexpected character") +
                                 " at offset " + std::to_string(i));
    }
    ++i;
  }
}

class HackageScheme final : public detail::CheckedScheme {
 public:
  std::string_view name() const override { return "hackage"; }

 protected:
  Status check(std::string_view v) const override { return check_hackage(v); }
  // Valid versions are already canonical: no leading zeros, dots only.
  Expected<std::string> canonical(std::string_view v) const override { return std::string(v); }
  int order(std::string_view a, std::string_view b) const override { return compare_integer_lists(a, b); }
};

}  // namespace

const Scheme& hackage_scheme() {
  static const HackageScheme scheme;
  return scheme;
}

}  // namespace sbom::version
