// Fuzz target: every version scheme; input is "A\nB", compare must be antisymmetric. Maven also
// checks that a normalised version equals the original. (Transitivity is not checked: Maven's own
// order breaks it where zeros before a sub-list are trimmed: 0.am > 0 > 0.snapshot.10 and
// 0.am < 0.snapshot.10, in ComparableVersion as here.)
#include <cstdint>
#include <cstdlib>
#include <string_view>

#include "sbom/version.h"

namespace {

void check_maven(std::string_view a, std::string_view b) {
  const auto* s = sbom::version::find_scheme("maven");
  using sbom::version::Order;
  for (std::string_view v : {a, b}) {
    auto n = s->normalize(v);
    if (!n) continue;
    auto eq = s->compare(v, *n);
    if (!eq || *eq != Order::Equal) std::abort();
  }
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  std::string_view text(reinterpret_cast<const char*>(data), size);
  auto nl = text.find('\n');
  std::string_view a = text.substr(0, nl);
  std::string_view b = nl == std::string_view::npos ? std::string_view{} : text.substr(nl + 1);
  for (auto name : sbom::version::scheme_names()) {
    const auto* s = sbom::version::find_scheme(name);
    (void)s->normalize(a);
    auto ab = s->compare(a, b);
    auto ba = s->compare(b, a);
    if (ab && ba && static_cast<int>(*ab) != -static_cast<int>(*ba)) std::abort();
  }
  check_maven(a, b);
  return 0;
}
