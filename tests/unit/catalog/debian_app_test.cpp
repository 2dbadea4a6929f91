// End to end: the OS and language catalogers over the shared Debian application image (built by
// ../shared/scripts/make-debian-image), scored against its truth files ecosystem by ecosystem.
#include <catch2/catch.hpp>

#include <sys/resource.h>

#include <chrono>
#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <set>
#include <sstream>

#include "sbom/catalog.h"
#include "sbom/purl.h"
#include "sbom/version.h"

using namespace sbom;
using namespace sbom::catalog;

namespace {

/// CPU seconds of this process so far (all threads): steadier than wall time on a shared machine.
double cpu_seconds() {
  rusage u{};
  getrusage(RUSAGE_SELF, &u);
  return static_cast<double>(u.ru_utime.tv_sec + u.ru_stime.tv_sec) +
         static_cast<double>(u.ru_utime.tv_usec + u.ru_stime.tv_usec) / 1e6;
}

std::string image_dir() {
  if (const char* f = std::getenv("SBOMKIT_FIXTURES")) return std::string(f) + "/debian-app";
  const char* xdg = std::getenv("XDG_CACHE_HOME");
  const char* home = std::getenv("HOME");
  if (xdg && *xdg) return std::string(xdg) + "/sbomkit-fixtures/debian-app";
  return std::string(home ? home : "") + "/.cache/sbomkit-fixtures/debian-app";
}

using Key = std::pair<std::string, std::string>;  // name, version

/// Rows of truth/<eco>.tsv as (name, version), golang main modules (no version) left out.
std::set<Key> truth(const std::string& dir, const std::string& eco) {
  std::ifstream in(dir + "/truth/" + eco + ".tsv");
  std::set<Key> out;
  std::string line;
  std::getline(in, line);
  while (std::getline(in, line)) {
    std::istringstream ls(line);
    std::string name, version, kind;
    std::getline(ls, name, '\t');
    std::getline(ls, version, '\t');
    std::getline(ls, kind, '\t');
    if (eco == "golang" && (kind == "main" || version == "(devel)")) continue;
    // The toolchain as sbom-gen writes it: the SemVer of OSV's Go records (go1.19 -> 1.19.0).
    if (eco == "golang" && kind == "stdlib") {
      auto semver = sbom::version::go_toolchain_semver(version);
      REQUIRE(semver);
      version = *semver;
    }
    if (eco == "golang" && version.starts_with("go")) version.erase(0, 2);
    if (eco == "golang" && version.starts_with('v')) version.erase(0, 1);
    if (eco == "pypi") {
      auto p = normalize_purl(Purl{"pypi", "", name, version, {}, ""});
      if (p) name = p->name;
    }
    out.emplace(name, version);
  }
  return out;
}

/// What the SBOM says, by ecosystem, in the truth's terms.
std::map<std::string, std::set<Key>> found(const Result& r) {
  std::map<std::string, std::set<Key>> out;
  for (const Component& c : r.components) {
    if (c.purl.empty()) continue;
    std::string type = c.purl.substr(4, c.purl.find('/') - 4);
    if (type == "golang" && c.purl.starts_with("pkg:golang/stdlib@")) {
      out["golang"].emplace("stdlib", c.version);
      continue;
    }
    auto p = parse_purl(c.purl);
    REQUIRE(p);
    std::string name = p->ns.empty() ? p->name : p->ns + (type == "maven" ? ":" : "/") + p->name;
    if (type == "deb") name = p->name;
    std::string version = p->version;
    if (type == "golang" && version.starts_with('v')) version.erase(0, 1);
    if (type == "deb") type = "deb";
    else if (type == "pypi") type = "pypi";
    out[type].emplace(name, version);
  }
  return out;
}

}  // namespace

TEST_CASE("debian-app image: every truth package found, no extras", "[catalog][e2e]") {
  const std::string dir = image_dir();
  const std::string tar = dir + "/debian-app.docker.tar";
  if (!std::filesystem::exists(tar) || !std::filesystem::exists(dir + "/truth/golang.tsv")) {
    WARN("SKIPPED: " << tar << " not found (build it with ../shared/scripts/make-debian-image)");
    return;
  }
  auto ms = [](auto d) { return std::chrono::duration_cast<std::chrono::milliseconds>(d).count(); };
  auto cats = os_catalogers();
  {
    // What the language catalogers add to the time of the OS-only scan (measured, never asserted).
    auto t = std::chrono::steady_clock::now();
    const double c = cpu_seconds();
    auto os_view = image::read(tar, patterns(cats), {});
    REQUIRE(os_view);
    REQUIRE(run(*os_view, cats, {}));
    WARN("OS catalogers only: " << ms(std::chrono::steady_clock::now() - t) << " ms wall, "
                                << static_cast<int>((cpu_seconds() - c) * 1000) << " ms CPU");
  }
  for (auto& c : language_catalogers()) cats.push_back(std::move(c));
  std::vector<std::string> warnings;
  image::Options opts;
  opts.diagnostics = sbom::Diagnostics([&](const sbom::Diagnostic& dg) { warnings.push_back(dg.to_string()); });
  auto t0 = std::chrono::steady_clock::now();
  const double c0 = cpu_seconds();
  auto view = image::read(tar, patterns(cats), opts);
  REQUIRE(view);
  auto t1 = std::chrono::steady_clock::now();
  auto r = run(*view, cats, opts.diagnostics);
  REQUIRE(r);
  auto t2 = std::chrono::steady_clock::now();
  WARN("OS and language catalogers: read " << ms(t1 - t0) << " ms, catalog " << ms(t2 - t1) << " ms wall, "
                                           << static_cast<int>((cpu_seconds() - c0) * 1000) << " ms CPU, "
                                           << r->components.size() << " components");
  for (const auto& w : warnings) WARN("warning: " << w);
  auto got = found(*r);
  for (const char* eco : {"deb", "npm", "golang", "pypi", "maven"}) {
    auto want = truth(dir, eco);
    const auto& have = got[eco];
    std::vector<Key> missing, extra;
    for (const auto& k : want) {
      if (!have.count(k)) missing.push_back(k);
    }
    for (const auto& k : have) {
      if (!want.count(k)) extra.push_back(k);
    }
    // main modules of Go binaries have no version in the truth; they are not extras.
    if (std::string(eco) == "golang") std::erase_if(extra, [](const Key& k) { return k.second.empty(); });
    std::ostringstream msg;
    msg << eco << ": " << (want.size() - missing.size()) << "/" << want.size() << " found, " << extra.size() << " extra";
    for (const auto& [n, v] : missing) msg << "\n  missing " << n << "@" << v;
    for (const auto& [n, v] : extra) msg << "\n  extra " << n << "@" << v;
    INFO(msg.str());
    WARN(msg.str());
    CHECK(missing.empty());
    CHECK(extra.empty());
  }
}
