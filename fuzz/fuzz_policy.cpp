// Fuzz target: sbom-gate's policy file and its --max / --severity-source flag values.
#include <cstdint>
#include <string_view>

#include "sbom/policy.h"

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  const std::string_view text(reinterpret_cast<const char*>(data), size);
  auto policy = sbom::policy::parse_policy(text, "fuzz");
  sbom::policy::Policy p = policy ? *policy : sbom::policy::Policy{};
  (void)sbom::policy::parse_max(text, p);
  (void)sbom::policy::parse_severity_sources(text, p);
  (void)sbom::policy::parse_severity(text);
  return 0;
}
