// Language runtimes installed without a package manager, as the official python, node, openjdk /
// eclipse-temurin and golang images install them (under /usr/local or /opt/java/openjdk): each one
// a component with its version, a purl and CPE, its home and the file its version came from, so
// that the end-of-life check (sbom/eol.h) judges them as it judges the distro.
//
// Where each version comes from, and why (docs/findings.md):
//   Python  include/pythonX.Y/patchlevel.h (PY_VERSION): the build's own header, 1 KiB, the exact
//           release; the interpreter binary is a small launcher whose version string lives in
//           libpython (20+ MB, read only to find it). Without headers, the X.Y of lib/pythonX.Y
//           (the release cycle, which is what end of life needs).
//   Node.js include/node/node_version.h (NODE_MAJOR/MINOR/PATCH_VERSION), for the same reason
//           (the node binary is 90+ MB); an image without the headers has no Node.js component.
//   Java    $JAVA_HOME/release (JAVA_VERSION, IMPLEMENTOR): the product is the implementor's build.
//   Go      go/VERSION (its first line, "go1.21.5"); the toolchain's own Go binaries record the same
//           version in their build info (catalog/golang.cpp), so the component is the same one.
// A runtime whose file an OS package installed is the distro's (it patches it for its release's
// life) and is left to the distro's catalogers.
#include <cstring>
#include <map>
#include <optional>

#include "catalog/catalogers.h"
#include "catalog/language.h"
#include "sbom/eol.h"
#include "sbom/version.h"

namespace sbom::catalog {
namespace {

constexpr std::string_view kName = "runtime";
constexpr std::string_view kPropHome = "sbomkit:runtime:home";
constexpr std::string_view kPropVersionFrom = "sbomkit:runtime:version_from";
constexpr std::string_view kPropImplementor = "sbomkit:java:implementor";

// The value of `#define NAME value` in a C header ("3.12.1" for PY_VERSION, quotes removed).
std::string define_of(std::string_view text, std::string_view name) {
  for (std::string_view line : detail::lines(text)) {
    std::string_view t = text::trim(line);
    if (!t.starts_with("#define")) continue;
    t = text::trim(t.substr(7));
    if (!t.starts_with(name) || t.size() == name.size() || (t[name.size()] != ' ' && t[name.size()] != '\t')) continue;
    std::string_view v = text::trim(t.substr(name.size()));
    if (std::size_t c = v.find("/*"); c != std::string_view::npos) v = text::trim(v.substr(0, c));
    if (v.size() >= 2 && v.front() == '"' && v.back() == '"') v = v.substr(1, v.size() - 2);
    return std::string(v);
  }
  return {};
}

// KEY="value" lines of a JAVA_HOME/release file (shell syntax, quotes removed).
std::map<std::string, std::string, std::less<>> release_values(std::string_view text) {
  std::map<std::string, std::string, std::less<>> out;
  for (std::string_view line : detail::lines(text)) {
    std::size_t eq = line.find('=');
    if (eq == std::string_view::npos || eq == 0) continue;
    std::string_view v = text::trim(line.substr(eq + 1));
    if (v.size() >= 2 && v.front() == '"' && v.back() == '"') v = v.substr(1, v.size() - 2);
    out.emplace(std::string(text::trim(line.substr(0, eq))), std::string(v));
  }
  return out;
}

bool numeric_dotted(std::string_view v) {
  if (v.empty() || v.front() == '.' || v.back() == '.') return false;
  for (char c : v)
    if (!(c == '.' || (c >= '0' && c <= '9'))) return false;
  return true;
}

// The endoflife.date product of a Java build, from its release file's IMPLEMENTOR (and Oracle's
// commercial builds' BUILD_TYPE); "" for an implementor no table names.
std::string java_product(std::string_view implementor, std::string_view build_type) {
  if (implementor == "Eclipse Adoptium") return "eclipse-temurin";
  if (implementor == "Oracle Corporation") return build_type == "commercial" ? "oracle-jdk" : "openjdk-builds-from-oracle";
  if (implementor.starts_with("Amazon")) return "amazon-corretto";
  if (implementor.starts_with("Azul")) return "azul-zulu";
  if (implementor.starts_with("Red Hat")) return "redhat-build-of-openjdk";
  if (implementor == "Microsoft") return "microsoft-build-of-openjdk";
  return {};
}

// What the reader of node binaries keeps: this prefix and the release's version.
constexpr std::string_view kNodeRelease = "node-release:";

// The release a node binary was built as, from the source URL an official release build embeds
// (process.release.sourceUrl: ".../download/release/vX.Y.Z/node-vX.Y.Z.tar.gz", one string made at
// compile time); the binary is read once as it streams past, in windows. Nothing (the file dropped)
// for a build without it (a distro's or a custom build names no release).
std::optional<std::string> reduce_node(std::uint64_t /*size*/, const image::ReadFn& read) {
  static constexpr std::string_view kMarker = "/download/release/v";
  constexpr std::size_t kWindow = 1 << 20, kTail = 128;  // a tail longer than a whole URL part
  std::string buf(kWindow, '\0');
  std::size_t len = 0, from = 0;  // bytes held; where the search resumes (what is before was searched)
  for (;;) {
    auto got = read(buf.data() + len, kWindow - len);
    if (!got) return std::nullopt;
    len += *got;
    const std::string_view w(buf.data(), len);
    for (std::size_t at = w.find(kMarker, from); at != std::string_view::npos; at = w.find(kMarker, at + 1)) {
      std::string_view rest = w.substr(at + kMarker.size());
      const std::size_t slash = rest.find('/');
      if (slash == std::string_view::npos || slash > 20) continue;
      const std::string_view version = rest.substr(0, slash);
      const std::string expect = "/node-v" + std::string(version);
      if (numeric_dotted(version) && rest.substr(slash).starts_with(expect)) return std::string(kNodeRelease) + std::string(version);
    }
    if (*got == 0) return std::nullopt;
    from = len > kTail ? len - kTail : 0;  // a marker cut by the end of what was read is found next time
    if (len == kWindow) {
      std::memmove(buf.data(), buf.data() + len - kTail, kTail);
      len = kTail;
      from = 0;
    }
  }
}

struct Found {
  std::string name, version, purl, cpe, product, home;
  const image::File* file = nullptr;
  std::vector<std::pair<std::string_view, std::string>> extra;  // further properties
};

class RuntimeCataloger final : public Cataloger {
 public:
  std::string_view name() const override { return kName; }
  std::vector<image::Pattern> patterns() const override {
    // Java homes by the names the images give them (not any */release: a Go binary named
    // `release` in a bin directory must stay the executable reader's, which comes later). os.py
    // is kept whole (40 KiB, once per Python): a prefix would keep it from the secrets scan.
    return {{"**/include/python*/patchlevel.h"}, {"**/lib/python*/os.py"}, {"**/include/node/node_version.h"},
            {"opt/java/*/release", 4096}, {"opt/*jdk*/release", 4096}, {"opt/*java*/release", 4096},
            {"usr/local/*jdk*/release", 4096}, {"usr/local/*java*/release", 4096}, {"usr/lib/jvm/*/release", 4096},
            {"usr/java/*/release", 4096}, {"usr/local/go*/VERSION", 4096}, {"opt/go*/VERSION", 4096}, node_binary()};
  }

  // The node binary of an image without Node.js's headers (distroless): read for its release.
  static image::Pattern node_binary() {
    image::Pattern p("**/bin/node");
    p.executable = true;
    p.reduce = reduce_node;
    p.reduce_key = "node-release-1";
    return p;
  }

  Status catalog(const Context& ctx, Result& out) const override {
    // Python and Node.js by home: a header's exact release wins over the library directory's X.Y
    // and over the binary's (the same release, from the file that states it).
    std::map<std::string, Found> pythons, nodes;
    std::vector<Found> found;
    for (const auto& [path, file] : ctx.view.files()) {
      if (!detail::os_owner(out, path).empty()) continue;  // a distro package's: the distro's to support
      const std::string_view dir = detail::dir_name(path);
      const std::string_view base = detail::base_name(path);
      if (base == "patchlevel.h" && detail::base_name(dir).starts_with("python")) {
        std::string v = define_of(file.data, "PY_VERSION");
        if (v.empty()) continue;
        std::string home(detail::dir_name(detail::dir_name(dir)));  // HOME/include/pythonX.Y
        pythons[home] = python(v, home, file);
      } else if (base == "os.py" && detail::base_name(dir).starts_with("python")) {
        std::string v(detail::base_name(dir).substr(6));
        if (!numeric_dotted(v) || v.find('.') == std::string::npos) continue;
        std::string home(detail::dir_name(detail::dir_name(dir)));  // HOME/lib/pythonX.Y
        Found f = python(v, home, file);
        f.extra.back().second = "/" + std::string(dir);  // the version is the directory's
        pythons.try_emplace(home, std::move(f));
      } else if (base == "node_version.h") {
        std::string major = define_of(file.data, "NODE_MAJOR_VERSION"), minor = define_of(file.data, "NODE_MINOR_VERSION"),
                    patch = define_of(file.data, "NODE_PATCH_VERSION");
        std::string v = major + "." + minor + "." + patch;
        if (!numeric_dotted(v) || major.empty() || minor.empty() || patch.empty()) continue;
        std::string home(detail::dir_name(detail::dir_name(dir)));  // HOME/include/node
        nodes[home] = node(v, home, file);
      } else if (base == "node" && file.data.starts_with(kNodeRelease)) {
        std::string home(detail::dir_name(dir));  // HOME/bin/node
        nodes.try_emplace(home, node(file.data.substr(kNodeRelease.size()), home, file));
      } else if (base == "release") {
        auto values = release_values(file.data);
        auto version = values.find("JAVA_VERSION");
        if (version == values.end() || version->second.empty()) continue;
        auto implementor = values.find("IMPLEMENTOR");
        const std::string impl = implementor == values.end() ? std::string() : implementor->second;
        auto build_type = values.find("BUILD_TYPE");
        std::string product = java_product(impl, build_type == values.end() ? "" : build_type->second);
        const std::string& v = version->second;
        std::string name = product.empty() ? "openjdk" : product;
        Found f{name, v, "pkg:generic/" + name + "@" + v,
                std::string("cpe:2.3:a:oracle:") + (product == "oracle-jdk" ? "jdk:" : "openjdk:") + v + ":*:*:*:*:*:*:*",
                product, std::string(dir), &file, {}};
        f.extra.emplace_back(kPropVersionFrom, "/" + path);
        if (!impl.empty()) f.extra.emplace_back(kPropImplementor, impl);
        found.push_back(std::move(f));
      } else if (base == "VERSION") {
        const std::string_view data = file.data;  // a view: trim must not look into a temporary copy
        std::string_view first = text::trim(data.substr(0, data.find('\n')));
        if (!first.starts_with("go1")) continue;
        auto v = version::go_toolchain_semver(first.substr(0, first.find_first_of(" \t")));
        if (!v) {
          ctx.warning("/" + path + ": " + v.error().message + "; Go toolchain not listed");
          continue;
        }
        // The name and purl the standard library of Go binaries has (catalog/golang.cpp).
        Found f{"stdlib", *v, "pkg:golang/stdlib@" + *v, "cpe:2.3:a:golang:go:" + *v + ":*:*:*:*:*:*:*", "",
                std::string(dir), &file, {}};
        f.extra.emplace_back(kPropVersionFrom, "/" + path);
        found.push_back(std::move(f));
      }
    }
    for (auto& [home, f] : pythons) found.push_back(std::move(f));
    for (auto& [home, f] : nodes) found.push_back(std::move(f));
    for (Found& f : found) add(ctx, out, f);
    return Ok{};
  }

 private:
  static Found python(const std::string& v, const std::string& home, const image::File& file) {
    Found f{"python", v, "pkg:generic/python@" + v, "cpe:2.3:a:python:python:" + v + ":*:*:*:*:*:*:*", "python",
            home, &file, {}};
    f.extra.emplace_back(kPropVersionFrom, "/" + file.path);
    return f;
  }

  static Found node(const std::string& v, const std::string& home, const image::File& file) {
    Found f{"node", v, "pkg:generic/node@" + v, "cpe:2.3:a:nodejs:node.js:" + v + ":*:*:*:*:*:*:*", "nodejs",
            home, &file, {}};
    f.extra.emplace_back(kPropVersionFrom, "/" + file.path);
    return f;
  }

  static void add(const Context& ctx, Result& out, const Found& f) {
    Component c = detail::package_component(f.name, f.version, f.purl, kName);
    if (detail::find_component(out, c.bom_ref)) return;  // the same release found by another home or cataloger
    if (f.purl.starts_with("pkg:generic/")) c.type = "application";  // Go's stdlib stays a library, as binaries name it
    c.cpe = f.cpe;
    if (!f.product.empty()) detail::add_property(c, eol::kPropRuntimeProduct, f.product);
    detail::add_property(c, kPropHome, "/" + f.home);
    for (const auto& [name, value] : f.extra) detail::add_property(c, name, value);
    detail::add_provenance(c, ctx.view, *f.file);
    out.components.push_back(std::move(c));
  }
};

}  // namespace

std::unique_ptr<Cataloger> make_runtime_cataloger() { return std::make_unique<RuntimeCataloger>(); }

}  // namespace sbom::catalog
