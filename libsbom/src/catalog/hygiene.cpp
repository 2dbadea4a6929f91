// Runtime hygiene (sbom-gen --hygiene): what a runtime image should not carry, seen in the image
// itself. The layer walk marks what the checks need (setuid/setgid files, executables in bin
// directories, directory modes); take_hygiene reads those marks out of the view before the
// catalogers run, and hygiene_findings judges them with the packages the catalogers found.
#include <algorithm>
#include <array>
#include <cctype>
#include <cstdio>
#include <cstdlib>
#include <map>
#include <set>
#include <tuple>

#include "catalog/common.h"
#include "catalog/language.h"
#include "sbom/findings.h"

namespace sbom::catalog {

namespace {

// What the hygiene patterns prepend to what a file keeps: the magic (no file a cataloger keeps
// starts with a NUL and this name), then one letter: 'U' setuid, 'G' setgid, 'B' in a bin dir.
constexpr std::string_view kMark{"\0sbomkit-hygiene\0", 17};

enum Category : std::size_t { kShell, kBuildTool, kPackageManager, kCategories };

struct CategoryInfo {
  std::string_view rule;
  std::string_view severity;
  int cwe;
  std::string_view what;  // "a shell"
  std::string_view recommendation;
  std::vector<std::string_view> binaries;
  std::vector<std::string_view> packages;         // exact OS package names (dpkg, apk, rpm)
  std::vector<std::string_view> package_families; // name prefixes followed by a version ("gcc-" + "12")
  std::vector<std::string_view> purls;             // language packages by purl without version
};

const std::array<CategoryInfo, kCategories>& categories() {
  static const std::array<CategoryInfo, kCategories> k{{
      {"SBOMKIT-HYGIENE-SHELL", "low", 0, "a shell",
       "Build the runtime image without a shell (a distroless or scratch base, or a multi-stage build that "
       "copies only the application): an attacker who gets code execution then has no shell to use",
       {"sh", "bash", "dash", "ash", "zsh", "ksh", "mksh", "tcsh", "csh", "fish", "busybox"},
       {"bash", "dash", "zsh", "ksh", "mksh", "tcsh", "csh", "fish", "busybox", "busybox-static"},
       {},
       {}},
      {"SBOMKIT-HYGIENE-BUILD-TOOL", "medium", 0, "a compiler or build tool",
       "Compile in a build stage and copy only the result into the runtime image: compilers and build tools "
       "let an attacker build code in place, and add packages that need fixes",
       {"cc", "c++", "gcc", "g++", "clang", "clang++", "tcc", "make", "gmake", "cmake", "ninja", "go", "rustc",
        "cargo", "javac", "mvn", "gradle", "ld", "as"},
       {"gcc", "g++", "clang", "tcc", "make", "cmake", "ninja-build", "golang-go", "golang", "go", "rustc", "rust",
        "cargo", "default-jdk", "default-jdk-headless", "maven", "gradle", "binutils", "build-essential",
        "build-base", "gcc-c++", "autoconf", "automake", "libtool"},
       {"gcc-", "g++-", "clang-", "golang-", "openjdk-", "openjdk", "java-"},
       {}},
      {"SBOMKIT-HYGIENE-PACKAGE-MANAGER", "low", 0, "a package manager",
       "Install packages in a build stage, or remove the package manager from the runtime image (a distroless "
       "base has none): it lets an attacker install tools into a running container",
       {"apt", "apt-get", "dpkg", "apk", "rpm", "dnf", "yum", "microdnf", "tdnf", "zypper", "pip", "pip3", "npm",
        "yarn", "pnpm", "gem", "composer"},
       {"apt", "dpkg", "apk-tools", "rpm", "rpm-ndb", "dnf", "yum", "microdnf", "tdnf", "zypper", "python3-pip",
        "python-pip", "py3-pip", "npm", "yarnpkg", "composer"},
       {},
       {"pkg:pypi/pip", "pkg:npm/npm", "pkg:npm/yarn", "pkg:npm/pnpm"}},
  }};
  return k;
}

// A family name: prefix + a version, and for JDKs only the development kit (a JRE has no javac).
bool in_family(std::string_view prefix, std::string_view name) {
  if (!name.starts_with(prefix) || name.size() == prefix.size() ||
      !std::isdigit(static_cast<unsigned char>(name[prefix.size()]))) {
    return false;
  }
  std::string_view rest = name.substr(prefix.size());
  if (prefix == "golang-") return rest.ends_with("-go");                     // golang-1.19-go
  if (prefix == "openjdk-" || prefix == "openjdk") return rest.find("-jdk") != std::string_view::npos;  // openjdk-17-jdk(-headless), openjdk17-jdk
  if (prefix == "java-") return rest.ends_with("-devel");                    // java-17-openjdk-devel
  return rest.find_first_not_of("0123456789.") == std::string_view::npos;  // gcc-12, clang-16
}

std::string purl_without_version(std::string_view purl) {
  std::string_view p = purl.substr(0, purl.find_first_of("@?#"));
  return std::string(p);
}

bool is_os_package(const Component& c) {
  return c.purl.starts_with("pkg:deb/") || c.purl.starts_with("pkg:apk/") || c.purl.starts_with("pkg:rpm/");
}

bool flagged_package(const CategoryInfo& cat, const Component& c) {
  if (is_os_package(c)) {
    if (std::find(cat.packages.begin(), cat.packages.end(), c.name) != cat.packages.end()) return true;
    return std::any_of(cat.package_families.begin(), cat.package_families.end(),
                       [&](std::string_view f) { return in_family(f, c.name); });
  }
  if (c.purl.empty()) return false;
  const std::string bare = purl_without_version(c.purl);
  return std::find(cat.purls.begin(), cat.purls.end(), bare) != cat.purls.end();
}

std::string layer_words(int layer) { return layer >= 0 ? "layer " + std::to_string(layer) : "the root filesystem"; }

std::string strip_root(std::string_view p) {
  while (p.starts_with('/')) p.remove_prefix(1);
  while (p.size() > 1 && p.ends_with('/')) p.remove_suffix(1);
  return std::string(p);
}

}  // namespace

std::vector<image::Pattern> hygiene_patterns(const image::Pattern& executables) {
  auto marked = [&](std::string glob, char flag, std::uint32_t mode_any, bool exec) {
    image::Pattern p(std::move(glob));
    p.mode_any = mode_any;
    p.executable = exec;
    p.hard_links = false;
    auto inner = executables.reduce;
    p.reduce = [inner, flag](std::uint64_t size, const image::ReadFn& read) -> std::optional<std::string> {
      std::optional<std::string> kept = inner ? inner(size, read) : std::nullopt;
      std::string out(kMark);
      out += flag;
      if (kept) out += *kept;
      return out;
    };
    p.reduce_key = "hygiene:" + std::string(1, flag) + ":" + executables.reduce_key;
    return p;
  };
  std::vector<image::Pattern> out;
  out.push_back(marked("**", 'U', 04000, false));
  out.push_back(marked("**", 'G', 02000, false));
  out.push_back(marked("**/bin/*", 'B', 0, true));
  out.push_back(marked("**/sbin/*", 'B', 0, true));
  image::Pattern dirs("**");
  dirs.directories = true;
  dirs.reduce_key = "hygiene:directories";
  out.push_back(std::move(dirs));
  return out;
}

HygieneFacts take_hygiene(image::View& view) {
  HygieneFacts facts;
  const image::ImageInfo& info = view.info();
  // PATH: the config's, else what Docker's runtime sets.
  std::string path_var;
  for (const auto& e : info.env) {
    if (e.starts_with("PATH=")) {
      path_var = e.substr(5);
      facts.path_from_config = true;
    }
  }
  if (!facts.path_from_config) path_var = "/usr/local/sbin:/usr/local/bin:/usr/sbin:/usr/bin:/sbin:/bin";
  std::vector<std::string> path_dirs;
  for (std::string_view d : detail::split(path_var, ":")) {
    if (!d.starts_with('/')) continue;  // relative entries name no directory of the image
    std::string rel = strip_root(d);
    if (std::find(path_dirs.begin(), path_dirs.end(), rel) == path_dirs.end()) path_dirs.push_back(rel);
  }
  facts.path_dirs = path_dirs;

  // The marks, read before any file is dropped (lookups follow symlinks through them).
  for (auto& [path, file] : view.files_) {
    if (!file.data.starts_with(kMark) || file.data.size() <= kMark.size()) continue;
    const char flag = file.data[kMark.size()];
    if (flag == 'U' || flag == 'G') facts.setuid.push_back({path, file.layer, flag == 'U' ? "setuid" : "setgid", ""});
  }
  // Tools: by name in each PATH directory (what a shell would run), then wherever a bin
  // directory outside the PATH holds one by that name (a JDK's, a Go toolchain's).
  std::set<std::pair<std::size_t, std::string>> seen;  // category, real path
  for (std::size_t k = 0; k < kCategories; ++k) {
    const CategoryInfo& cat = categories()[k];
    for (std::string_view name : cat.binaries) {
      for (const auto& dir : path_dirs) {
        std::string at = dir.empty() ? std::string(name) : dir + "/" + std::string(name);
        image::Lookup l = view.lookup(at);
        if (!l.file) continue;
        if (!seen.insert({k, l.path}).second) break;
        facts.binaries.push_back({k, std::string(name), at, l.path, l.file->layer});
        break;  // the first on the PATH is what runs
      }
    }
    for (const auto& [path, file] : view.files_) {
      if (!file.data.starts_with(kMark)) continue;
      std::string_view base = detail::base_name(path);
      if (std::find(cat.binaries.begin(), cat.binaries.end(), base) == cat.binaries.end()) continue;
      if (!seen.insert({k, path}).second) continue;
      facts.binaries.push_back({k, std::string(base), path, path, file.layer});
    }
  }
  // World-writable directories on the PATH (the mode of the directory a PATH entry leads to).
  for (const auto& dir : path_dirs) {
    std::string at = dir + "/";
    at += image::kDirectoryMode;
    image::Lookup l = view.lookup(at);
    if (!l.file) continue;
    const unsigned long mode = std::strtoul(l.file->data.c_str(), nullptr, 8) & 07777ul;
    if (!(mode & 0002)) continue;
    std::string real = l.path.substr(0, l.path.size() - image::kDirectoryMode.size() - 1);
    char octal[24];
    std::snprintf(octal, sizeof octal, "%04lo", mode);
    facts.world_writable.push_back({dir, l.file->layer, octal, real});
  }
  // Out of the view: the marks (what a cataloger's reducer kept stays), the directory modes.
  auto strip = [](image::File& f) {
    if (f.path.ends_with(image::kDirectoryMode)) return true;
    if (!f.data.starts_with(kMark)) return false;
    f.data.erase(0, kMark.size() + 1);
    return f.data.empty();
  };
  for (auto it = view.files_.begin(); it != view.files_.end();) {
    if (strip(it->second)) it = view.files_.erase(it);
    else ++it;
  }
  std::erase_if(view.history_, strip);
  return facts;
}

void hygiene_findings(const HygieneFacts& facts, const image::View& view, const std::string& image_ref,
                      Result& out, const Attribution& origin) {
  const image::ImageInfo& info = view.info();
  std::vector<Vulnerability> found;
  std::set<std::string> made;
  auto add_file = [&](std::string_view path, int layer) {
    Component c = file_component(path, view, layer, -1);
    std::string ref = c.bom_ref;
    if (made.insert(ref).second) out.components.push_back(std::move(c));
    return ref;
  };
  auto emit = [&](const findings::Rule& rule, std::string subject, findings::Hit hit) {
    Vulnerability v = findings::make_vulnerability(rule, hit);
    // One entry per rule and subject, so each can be excepted and compared on its own.
    v.bom_ref = rule.id + ":" + subject;
    found.push_back(std::move(v));
  };
  auto prop = [](std::string_view name, std::string value) { return Property{std::string(name), std::move(value), {}}; };

  // Runs as root.
  {
    std::string user = info.user ? std::string(text::trim(*info.user)) : std::string();
    std::string name = user.substr(0, user.find(':'));
    if (name.empty() || name == "0" || name == "root") {
      findings::Rule rule{"SBOMKIT-HYGIENE-ROOT-USER", std::string(findings::kHygiene), "medium", 250,
                          "The image runs as root",
                          "Set a non-root USER in the image (and run with a read-only root filesystem where you can)"};
      findings::Hit hit;
      hit.component_ref = image_ref;
      hit.detail = !info.user || user.empty() ? "the image config sets no User: processes run as root (uid 0)"
                                              : "the image config sets User '" + user + "': processes run as root (uid 0)";
      hit.properties.push_back(prop(findings::kPropWhere, "config"));
      emit(rule, "config", std::move(hit));
    }
  }

  // Shells, build tools, package managers: by package, and by binary where no package owns it.
  for (std::size_t k = 0; k < kCategories; ++k) {
    const CategoryInfo& cat = categories()[k];
    findings::Rule rule{std::string(cat.rule), std::string(findings::kHygiene), std::string(cat.severity), cat.cwe,
                        "The runtime image carries " + std::string(cat.what), std::string(cat.recommendation)};
    // Package bom-ref -> the binaries of this category it installs.
    std::map<std::string, std::vector<const HygieneFacts::Binary*>> by_package;
    std::vector<const HygieneFacts::Binary*> loose;
    for (const auto& b : facts.binaries) {
      if (b.category != k) continue;
      std::string owner = detail::os_owner(out, b.real_path);
      if (owner.empty()) owner = detail::os_owner(out, b.path);
      if (owner.empty()) loose.push_back(&b);
      else by_package[owner].push_back(&b);
    }
    for (const Component& c : out.components) {
      if (flagged_package(cat, c)) by_package[c.bom_ref];
    }
    for (const auto& [ref, bins] : by_package) {
      const Component* c = nullptr;
      for (const Component& x : out.components) {
        if (x.bom_ref == ref) { c = &x; break; }
      }
      if (!c) continue;
      findings::Hit hit;
      hit.component_ref = ref;
      const Property* layer = c->property(kPropLayerIndex);
      hit.detail = "package " + c->name + (c->version.empty() ? "" : " " + c->version);
      if (layer) hit.detail += " (installed by layer " + layer->value + ")";
      hit.properties.push_back(prop(findings::kPropWhere, "package"));
      if (bins.empty()) {
        hit.detail += " is " + std::string(cat.what);
      } else {
        hit.detail += " installs";
        for (std::size_t i = 0; i < bins.size(); ++i) {
          hit.detail += (i ? ", /" : " /") + bins[i]->path;
          if (bins[i]->real_path != bins[i]->path) hit.detail += " (-> /" + bins[i]->real_path + ")";
          hit.properties.push_back(prop(kPropPath, "/" + bins[i]->path));
        }
      }
      if (layer) hit.properties.push_back(prop(kPropLayerIndex, layer->value));
      emit(rule, ref, std::move(hit));
    }
    for (const HygieneFacts::Binary* b : loose) {
      findings::Hit hit;
      hit.component_ref = add_file(b->real_path, b->layer);
      hit.detail = "/" + b->path;
      if (b->real_path != b->path) hit.detail += " (-> /" + b->real_path + ")";
      hit.detail += ", written by " + layer_words(b->layer) + ", is " + std::string(cat.what) +
                    " (" + b->name + ") that no package installed";
      hit.properties.push_back(prop(findings::kPropWhere, "file"));
      hit.properties.push_back(prop(kPropPath, "/" + b->path));
      if (b->layer >= 0) hit.properties.push_back(prop(kPropLayerIndex, std::to_string(b->layer)));
      emit(rule, "/" + b->real_path, std::move(hit));
    }
  }

  // Setuid and setgid files (without a base image, those of every layer).
  {
    findings::Rule rule{"SBOMKIT-HYGIENE-SETUID", std::string(findings::kHygiene), "medium", 250,
                        "The image carries a setuid or setgid file",
                        "Remove the setuid/setgid bit (chmod u-s,g-s) from files the application does not need to "
                        "run with another user's rights, or run with no-new-privileges"};
    for (const auto& s : facts.setuid) {
      // With the base known, the base's setuid files are its own business: those the image adds are judged.
      if (origin.layers && s.layer >= 0 && static_cast<std::size_t>(s.layer) < *origin.layers) continue;
      findings::Hit hit;
      hit.component_ref = add_file(s.path, s.layer);
      std::string owner = detail::os_owner(out, s.path);
      hit.detail = "/" + s.path + " is " + s.bits + ", written by " + layer_words(s.layer);
      for (const Component& c : out.components) {
        if (!owner.empty() && c.bom_ref == owner) hit.detail += " (package " + c.name + ")";
      }
      hit.detail += origin.layers ? "; added by the image's own layers (the base has " + std::to_string(*origin.layers) + ")"
                                  : std::string("; the base image is not known, so the setuid files of every layer are reported");
      hit.properties.push_back(prop(findings::kPropWhere, "file"));
      hit.properties.push_back(prop(kPropPath, "/" + s.path));
      if (s.layer >= 0) hit.properties.push_back(prop(kPropLayerIndex, std::to_string(s.layer)));
      hit.properties.push_back(prop("sbomkit:hygiene:mode", s.bits));
      emit(rule, "/" + s.path, std::move(hit));
    }
  }

  // World-writable directories on the PATH.
  {
    findings::Rule rule{"SBOMKIT-HYGIENE-WORLD-WRITABLE-PATH", std::string(findings::kHygiene), "high", 427,
                        "A directory on the PATH is world-writable",
                        "Make every directory on the PATH writable by root only (chmod o-w): any user who can "
                        "write there can plant a program the image runs by name"};
    for (const auto& w : facts.world_writable) {
      findings::Hit hit;
      hit.component_ref = add_file(w.real_path, w.layer);
      hit.detail = "/" + w.path + (w.real_path != w.path ? " (-> /" + w.real_path + ")" : "") + " has mode " +
                   w.bits + ", set by " + layer_words(w.layer) + "; it is on the PATH" +
                   (facts.path_from_config ? " of the image config" : " Docker sets when the config has none");
      hit.properties.push_back(prop(findings::kPropWhere, "file"));
      hit.properties.push_back(prop(kPropPath, "/" + w.path));
      if (w.layer >= 0) hit.properties.push_back(prop(kPropLayerIndex, std::to_string(w.layer)));
      hit.properties.push_back(prop("sbomkit:hygiene:mode", w.bits));
      emit(rule, "/" + w.path, std::move(hit));
    }
  }
  std::stable_sort(found.begin(), found.end(),
                   [](const Vulnerability& a, const Vulnerability& b) { return a.bom_ref < b.bom_ref; });
  for (auto& v : found) out.vulnerabilities.push_back(std::move(v));
}

}  // namespace sbom::catalog
