// Fuzz target: every version scheme; input is "A\nB", compare must be antisymmetric.
#include <cstdint>
#include <cstdlib>
#include <string_view>

#include "sbom/version.h"

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
  return 0;
}
