// Throughput of version comparison: a million dpkg pairs and a million PEP 440 pairs (and the
// other hot schemes), with versions shaped like those in images and advisories.
#include <chrono>
#include <cstdio>
#include <cstdlib>
#include <iterator>
#include <string_view>

#include "sbom/version.h"

namespace {

constexpr std::string_view kDpkg[] = {
    "2.36-9+deb12u4", "2.36-9+deb12u7", "1:1.2.13.dfsg-1", "7.88.1-10+deb12u5", "3.0.11-1~deb12u2",
    "252.22-1~deb12u1", "1.21.4-1+deb12u1", "2:8.2.3995-1ubuntu2.15", "5.2.15-2+b2", "0.9.8e-5ubuntu3.2",
    "1.0.1-2", "6.1.76-1", "2.7.4+reloaded2-13ubuntu1", "1:2.38.1-5+deb12u1", "1.46.2-2", "4.2+dfsg-1",
    "3.7.9-2+deb12u2", "0.0~git20230401.abcdef-1", "12.2.0-14", "2.0.16-1~exp1",
};

constexpr std::string_view kPep440[] = {
    "1.0.0", "2.31.0", "1.26.18", "3.0.0rc1", "2.0.0.post1", "1!2.0", "1.0.dev3", "0.9.8+local.1",
    "23.1.2", "1.24.4", "2.0.0b2", "4.2.11", "41.0.7", "1.0.0a1.dev2", "3.1.4.post2.dev1", "0.10",
    "2023.11.17", "1.2.3+ubuntu.1", "6.0", "1.16.0",
};

constexpr std::string_view kRpm[] = {
    "2.34-83.el9_3.7", "1:1.1.1k-9.el9", "3.0.7-25.el9_3", "0:5.1.8-6.el9", "7.76.1-26.el9_3.2",
    "1.0^git20230101.abc-1.fc39", "2.6.0~rc1-1", "252-18.el9", "4.16.1.3-27.el9", "1.2.11-40.el9",
};

constexpr std::string_view kApk[] = {
    "1.36.1-r15", "3.1.4-r5", "8.5.0-r0", "1.2.4_git20230717-r4", "2.12_p20230612-r1",
    "3.0.12_rc1-r0", "1.6.1b-r2", "0.9.8zh-r0", "20230506-r0", "6.4_p20231125-r0",
};

constexpr std::string_view kSemver[] = {
    "1.2.3", "4.17.21", "0.0.0-20191109021931-daa7c04131f5", "2.0.0-rc.1", "1.0.0-beta.11",
    "10.2.0", "v1.22.5", "3.4.5+build.7", "0.27.2", "1.0.0-alpha.beta",
};

template <std::size_t N>
int run(std::string_view scheme_name, const std::string_view (&pool)[N], std::size_t n) {
  const sbom::version::Scheme* s = sbom::version::find_scheme(scheme_name);
  if (s == nullptr) {
    std::printf("%-7s not implemented\n", std::string(scheme_name).c_str());
    return 0;
  }
  std::size_t counts[3] = {0, 0, 0};
  auto t0 = std::chrono::steady_clock::now();
  for (std::size_t i = 0; i < n; ++i) {
    // Pairs walk the pool at two strides so every pair occurs, not only neighbours.
    auto r = s->compare(pool[i % N], pool[(i * 7 + i / N) % N]);
    if (!r) {
      std::fprintf(stderr, "vercmp_bench: %s\n", r.error().message.c_str());
      return 1;
    }
    ++counts[static_cast<int>(*r) + 1];
  }
  double secs = std::chrono::duration<double>(std::chrono::steady_clock::now() - t0).count();
  std::printf("%-7s %zu pairs in %.3f s (%.0f ns/compare; %zu <, %zu =, %zu >)\n", std::string(scheme_name).c_str(),
              n, secs, secs * 1e9 / double(n), counts[0], counts[1], counts[2]);
  return 0;
}

}  // namespace

int main(int argc, char** argv) {
  const std::size_t n = argc > 1 ? std::strtoul(argv[1], nullptr, 10) : 1'000'000;
  int rc = run("dpkg", kDpkg, n);
  rc |= run("pep440", kPep440, n);
  rc |= run("rpm", kRpm, n);
  rc |= run("apk", kApk, n);
  rc |= run("npm", kSemver, n);
  return rc;
}
