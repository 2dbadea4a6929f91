// Runs a libFuzzer target over files and directories (recursively) without libFuzzer, so every
// fuzz target is built and exercised on its seed corpus by the normal test suite (and under
// ASan/UBSan in CI). With clang and -Dfuzz=true the same targets link against libFuzzer instead.
#include <algorithm>
#include <cstdint>
#include <cstdio>
#include <filesystem>
#include <fstream>
#include <iterator>
#include <string>
#include <vector>

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size);

int main(int argc, char** argv) {
  std::size_t runs = 0;
  auto run_file = [&](const std::filesystem::path& p) {
    std::ifstream in(p, std::ios::binary);
    std::vector<char> buf((std::istreambuf_iterator<char>(in)), std::istreambuf_iterator<char>());
    LLVMFuzzerTestOneInput(reinterpret_cast<const std::uint8_t*>(buf.data()), buf.size());
    ++runs;
    // Every prefix of a small input too: truncation is the commonest corruption.
    if (buf.size() <= 4096)
      for (std::size_t n = 0; n < buf.size(); n += 1 + buf.size() / 64) {
        LLVMFuzzerTestOneInput(reinterpret_cast<const std::uint8_t*>(buf.data()), n);
        ++runs;
      }
  };
  for (int i = 1; i < argc; ++i) {
    std::filesystem::path p(argv[i]);
    if (std::filesystem::is_directory(p)) {
      std::vector<std::filesystem::path> files;
      for (const auto& e : std::filesystem::recursive_directory_iterator(p))
        if (e.is_regular_file() && e.file_size() <= (1u << 20)) files.push_back(e.path());
      std::sort(files.begin(), files.end());
      for (const auto& f : files) run_file(f);
    } else if (std::filesystem::exists(p)) {
      run_file(p);
    }
  }
  LLVMFuzzerTestOneInput(nullptr, 0);
  std::printf("%zu inputs\n", runs + 1);
  return 0;
}
