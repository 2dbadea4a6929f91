// Throughput of score_cvss over a million vectors of every version, as found in advisories.
#include <chrono>
#include <cstdio>
#include <cstdlib>
#include <iterator>
#include <string_view>

#include "sbom/cvss.h"

namespace {

// A spread of real-world shapes: NVD v2 base vectors, v3.x base and with temporal/environmental
// metrics, v4.0 base, threat and environmental.
constexpr std::string_view kVectors[] = {
    "AV:N/AC:L/Au:N/C:P/I:P/A:P",
    "AV:N/AC:M/Au:N/C:N/I:P/A:N",
    "AV:L/AC:L/Au:S/C:C/I:C/A:C/E:POC/RL:OF/RC:C",
    "CVSS:3.1/AV:N/AC:L/PR:N/UI:N/S:U/C:H/I:H/A:H",
    "CVSS:3.1/AV:N/AC:L/PR:N/UI:R/S:C/C:L/I:L/A:N",
    "CVSS:3.1/AV:L/AC:L/PR:L/UI:N/S:U/C:H/I:H/A:H/E:P/RL:O/RC:C/CR:H/MAV:N",
    "CVSS:3.0/AV:N/AC:H/PR:N/UI:N/S:U/C:H/I:N/A:N",
    "CVSS:4.0/AV:N/AC:L/AT:N/PR:N/UI:N/VC:H/VI:H/VA:H/SC:N/SI:N/SA:N",
    "CVSS:4.0/AV:N/AC:L/AT:P/PR:N/UI:P/VC:H/VI:H/VA:H/SC:N/SI:N/SA:N/E:U",
    "CVSS:4.0/AV:L/AC:L/AT:N/PR:L/UI:N/VC:H/VI:H/VA:H/SC:H/SI:H/SA:H/E:P/CR:L/IR:H/AR:L/MAV:L"
    "/MAC:H/MAT:N/MPR:N/MUI:N/MVC:N/MVI:H/MVA:L/MSC:N/MSI:S/MSA:L",
};

}  // namespace

int main(int argc, char** argv) {
  const std::size_t n = argc > 1 ? std::strtoul(argv[1], nullptr, 10) : 1'000'000;
  double checksum = 0;
  auto t0 = std::chrono::steady_clock::now();
  for (std::size_t i = 0; i < n; ++i) {
    auto r = sbom::cvss::score_cvss(kVectors[i % std::size(kVectors)]);
    if (!r) {
      std::fprintf(stderr, "cvss_bench: %s\n", r.error().message.c_str());
      return 1;
    }
    checksum += r->overall();
  }
  double s = std::chrono::duration<double>(std::chrono::steady_clock::now() - t0).count();
  std::printf("score_cvss: %zu vectors in %.3f s (%.0f ns/vector, checksum %.1f)\n", n, s,
              s * 1e9 / double(n), checksum);
  return 0;
}
