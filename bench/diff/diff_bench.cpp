// Time and memory of sbom-diff's library calls on generated releases of N components each
// (default 100,000): parse, compare, and each report format, for a release with a few percent
// changed and for one with every package upgraded (a report of N changes). `--write DIR` also
// writes the documents as old.cdx.json, new.cdx.json and upgraded.cdx.json, to time the
// command line itself.
#include <sys/resource.h>

#include <chrono>
#include <ctime>
#include <cstdio>
#include <cstdlib>
#include <cstring>
#include <string>

#include "sbom/cyclonedx.h"
#include "sbom/diff.h"

namespace {

constexpr const char* kTypes[] = {"deb", "npm", "pypi", "maven", "golang"};
constexpr const char* kSeverities[] = {"critical", "high", "medium", "low"};

// Release `rel` (0 old, 1 new, 2 upgraded) of a made-up image: in the new one, 2% of the
// packages are upgraded, 1% removed, 1% added, 0.5% relicensed; 1% have a second copy at another
// path; every 20th package has a finding, the upgraded ones lose theirs and every 50th new one
// gains one. In the upgraded one every package is upgraded, nothing else changes.
std::string make_doc(int n, int rel) {
  std::string s;
  s.reserve(static_cast<std::size_t>(n) * 420);
  s += "{\"bomFormat\":\"CycloneDX\",\"specVersion\":\"1.6\",\"version\":1,\"components\":[\n";
  std::string vulns;
  bool first = true;
  auto add = [&](int i, int copy) {
    const char* type = kTypes[i % 5];
    bool upgraded = (rel == 1 && i % 50 == 0) || rel == 2;
    bool relicensed = rel == 1 && i % 200 == 3;
    std::string name = "pkg";
    name += std::to_string(i);
    std::string version = std::to_string(1 + i % 9) + "." + std::to_string(i % 13) + "." + std::to_string(upgraded ? 2 : 1);
    if (std::strcmp(type, "deb") == 0) version += "-1";
    std::string purl = std::string("pkg:") + type + "/" +
                       (std::strcmp(type, "deb") == 0 ? "debian/" : std::strcmp(type, "maven") == 0 ? "org.example/" : "") +
                       (std::strcmp(type, "golang") == 0 ? "example.com/m/" : "") + name + "@" + version;
    if (std::strcmp(type, "deb") == 0) purl += "?arch=amd64&distro=debian-12";
    std::string ref = "r";
    ref += std::to_string(rel) + "-" + std::to_string(i) + "-" + std::to_string(copy);
    if (!first) s += ",\n";
    first = false;
    s += "{\"type\":\"library\",\"bom-ref\":\"" + ref + "\",\"name\":\"" + name + "\",\"version\":\"" + version +
         "\",\"licenses\":[{\"license\":{\"id\":\"" + (relicensed ? "Apache-2.0" : "MIT") +
         "\"}}],\"hashes\":[{\"alg\":\"SHA-256\",\"content\":\"" + std::string(64, "0123456789abcdef"[i % 16]) +
         "\"}],\"purl\":\"" + purl + "\",\"properties\":[{\"name\":\"sbomkit:path\",\"value\":\"/layer/" +
         std::to_string(copy) + "/" + name + "\"}]}";
    bool vulnerable = (i % 20 == 0 && !upgraded) || (rel == 1 && i % 50 == 1);
    if (vulnerable && copy == 0) {
      if (!vulns.empty()) vulns += ",\n";
      vulns += "{\"id\":\"CVE-2024-" + std::to_string(10000 + i) + "\",\"source\":{\"name\":\"osv\"},\"ratings\":[{\"source\":{\"name\":\"osv\"},\"severity\":\"" +
               kSeverities[i % 4] + "\"}],\"affects\":[{\"ref\":\"" + ref + "\"}]}";
    }
  };
  for (int i = 0; i < n; ++i) {
    bool removed = rel == 1 && i % 100 == 11;
    if (removed) continue;
    add(i, 0);
    if (i % 100 == 5) add(i, 1);
  }
  // Added in the new release: as many as were removed, so both have about n components.
  if (rel == 1)
    for (int i = n; i < n + n / 100; ++i) add(i, 0);
  s += "\n],\"vulnerabilities\":[\n" + vulns + "\n]}\n";
  return s;
}

// Wall-clock and CPU time of one stage: on a loaded machine the CPU time is the steadier figure.
struct Timer {
  std::chrono::steady_clock::time_point wall = std::chrono::steady_clock::now();
  std::clock_t cpu = std::clock();
  std::string report() const {
    char buf[64];
    std::snprintf(buf, sizeof buf, "%7.3f s wall %7.3f s cpu",
                  std::chrono::duration<double>(std::chrono::steady_clock::now() - wall).count(),
                  static_cast<double>(std::clock() - cpu) / CLOCKS_PER_SEC);
    return buf;
  }
};

long peak_rss_mib() {
  struct rusage ru {};
  getrusage(RUSAGE_SELF, &ru);
  return ru.ru_maxrss / 1024;
}

}  // namespace

int main(int argc, char** argv) {
  int n = 100000;
  const char* dir = nullptr;
  for (int i = 1; i < argc; ++i) {
    if (std::strcmp(argv[i], "--write") == 0 && i + 1 < argc) dir = argv[++i];
    else n = std::atoi(argv[i]);
  }
  if (n <= 0) {
    std::fprintf(stderr, "usage: diff_bench [--write DIR] [N]\n");
    return 2;
  }
  std::string texts[3] = {make_doc(n, 0), make_doc(n, 1), make_doc(n, 2)};
  if (dir) {
    const char* names[3] = {"/old.cdx.json", "/new.cdx.json", "/upgraded.cdx.json"};
    for (int k = 0; k < 3; ++k) {
      std::string path = std::string(dir) + names[k];
      std::FILE* f = std::fopen(path.c_str(), "wb");
      if (!f || std::fwrite(texts[k].data(), 1, texts[k].size(), f) != texts[k].size() || std::fclose(f) != 0) {
        std::fprintf(stderr, "diff_bench: cannot write %s\n", path.c_str());
        return 2;
      }
    }
  }
  std::printf("documents: %d components each, %.1f MB and %.1f MB of JSON\n", n, texts[0].size() / 1e6, texts[1].size() / 1e6);

  Timer t_parse;
  auto a = sbom::cyclonedx::read_json(texts[0], "old");
  auto b = sbom::cyclonedx::read_json(texts[1], "new");
  if (!a || !b) {
    std::fprintf(stderr, "diff_bench: %s\n", (!a ? a.error() : b.error()).to_string().c_str());
    return 2;
  }
  std::string parse = t_parse.report();

  Timer t_compare;
  auto r = sbom::diff::compare({{"old", &*a}, {"new", &*b}});
  std::string cmp = t_compare.report();
  if (!r) return 2;
  const auto& s = r->overall;
  std::printf("diff: %zu added, %zu removed, %zu changed; %zu new, %zu fixed, %zu persisting findings\n",
              s.components.added.size(), s.components.removed.size(), s.components.changed.size(),
              s.count(sbom::diff::FindingStatus::kNew), s.count(sbom::diff::FindingStatus::kFixed),
              s.count(sbom::diff::FindingStatus::kPersisting));
  std::printf("parse both:   %s\n", parse.c_str());
  std::printf("compare:      %s\n", cmp.c_str());
  for (auto [name, f] : {std::pair{"text", sbom::diff::Format::kText}, std::pair{"json", sbom::diff::Format::kJson},
                         std::pair{"html", sbom::diff::Format::kHtml}}) {
    Timer t;
    std::string out = sbom::diff::format(*r, f);
    std::printf("format %-5s  %s (%.1f MB)\n", name, t.report().c_str(), out.size() / 1e6);
  }

  // Every package upgraded: the report lists all of them.
  auto c = sbom::cyclonedx::read_json(texts[2], "upgraded");
  if (!c) {
    std::fprintf(stderr, "diff_bench: %s\n", c.error().to_string().c_str());
    return 2;
  }
  Timer t_all;
  auto all = sbom::diff::compare({{"old", &*a}, {"upgraded", &*c}});
  std::string cmp_all = t_all.report();
  if (!all) return 2;
  std::printf("every package upgraded: %zu changed\n", all->overall.components.changed.size());
  std::printf("compare:      %s\n", cmp_all.c_str());
  for (auto [name, f] : {std::pair{"text", sbom::diff::Format::kText}, std::pair{"md", sbom::diff::Format::kMarkdown},
                         std::pair{"json", sbom::diff::Format::kJson}, std::pair{"html", sbom::diff::Format::kHtml}}) {
    Timer t;
    std::size_t size = 0;
    sbom::diff::write(*all, f, [&](std::string_view piece) { size += piece.size(); });
    std::printf("write %-5s   %s (%.1f MB)\n", name, t.report().c_str(), static_cast<double>(size) / 1e6);
  }
  std::printf("peak RSS:     %7ld MiB\n", peak_rss_mib());
  return 0;
}
