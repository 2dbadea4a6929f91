// Java: jar/war/ear/jpi/hpi archives with nested archives (BOOT-INF/lib, WEB-INF/lib, jars in jars)
// read from memory through libarchive; identity from pom.properties, then MANIFEST.MF, then the file
// name; gradle.lockfile.
#include <archive.h>
#include <archive_entry.h>
#include <pugixml.hpp>

#include <algorithm>
#include <memory>

#include "catalog/catalogers.h"
#include "catalog/lang_parsers.h"
#include "catalog/language.h"

namespace sbom::catalog {

namespace detail {

namespace {

constexpr std::size_t kMaxEntry = 64 << 20;  // a nested archive or metadata file larger than this is skipped

bool is_archive_name(std::string_view name) {
  for (std::string_view ext : {".jar", ".war", ".ear", ".jpi", ".hpi"}) {
    if (name.size() > ext.size() && ascii_lower(name.substr(name.size() - ext.size())) == ext) return true;
  }
  return false;
}

/// "commons-io-2.11.0.jar" -> {"commons-io", "2.11.0"}: the version starts at the first "-<digit>".
std::pair<std::string, std::string> split_file_name(std::string_view file) {
  std::string_view stem = file.substr(0, file.rfind('.'));
  for (std::size_t i = 0; i + 1 < stem.size(); ++i) {
    if (stem[i] == '-' && stem[i + 1] >= '0' && stem[i + 1] <= '9') {
      return {std::string(stem.substr(0, i)), std::string(stem.substr(i + 1))};
    }
  }
  return {std::string(stem), {}};
}

void scan(std::string_view data, const std::string& chain, int depth, int max_depth,
          const std::function<void(const std::string&)>& warn, std::vector<JavaArtifact>& out) {
  std::unique_ptr<struct archive, int (*)(struct archive*)> a(archive_read_new(), archive_read_free);
  if (!a) return;
  archive_read_support_format_zip(a.get());
  if (archive_read_open_memory(a.get(), data.data(), data.size()) != ARCHIVE_OK) {
    if (warn) warn(chain + ": not a readable zip archive: " + std::string(archive_error_string(a.get()) ? archive_error_string(a.get()) : "?"));
    return;
  }
  std::vector<JavaArtifact> poms;
  std::map<std::string, std::string> manifest;
  std::vector<std::pair<std::string, std::string>> nested;
  struct archive_entry* e = nullptr;
  for (;;) {
    int r = archive_read_next_header(a.get(), &e);
    if (r == ARCHIVE_EOF) break;
    if (r < ARCHIVE_WARN) {
      if (warn) warn(chain + ": corrupt archive: " + std::string(archive_error_string(a.get()) ? archive_error_string(a.get()) : "?"));
      break;
    }
    const char* n = archive_entry_pathname(e);
    if (!n || archive_entry_filetype(e) != AE_IFREG) continue;
    std::string_view name(n);
    // Maven writes META-INF/maven/<group>/<artifact>/pom.properties; other builds put it
    // elsewhere under META-INF, with the same content.
    const bool pom = name.starts_with("META-INF/") && name.ends_with("/pom.properties");
    const bool mf = name == "META-INF/MANIFEST.MF";
    const bool arch = depth < max_depth && is_archive_name(name);
    if (!pom && !mf && !arch) continue;
    la_int64_t size = archive_entry_size(e);
    if (size < 0 || static_cast<std::uint64_t>(size) > kMaxEntry) {
      if (warn) warn(chain + "!/" + std::string(name) + ": larger than " + std::to_string(kMaxEntry) + " bytes; skipped");
      continue;
    }
    std::string content(static_cast<std::size_t>(size), '\0');
    la_ssize_t got = archive_read_data(a.get(), content.data(), content.size());
    if (got < 0 || static_cast<std::size_t>(got) != content.size()) {
      if (warn) warn(chain + "!/" + std::string(name) + ": cannot read entry; skipped");
      continue;
    }
    if (pom) {
      JavaArtifact art = parse_pom_properties(content);
      if (!art.artifact.empty() && !art.version.empty()) {
        art.path = chain;
        poms.push_back(std::move(art));
      }
    } else if (mf) {
      manifest = parse_manifest(content);
    } else {
      nested.emplace_back(std::string(name), std::move(content));
    }
  }
  if (!poms.empty()) {
    // A shaded jar embeds the pom.properties of everything shaded into it: each is a package.
    for (auto& p : poms) out.push_back(std::move(p));
  } else {
    JavaArtifact art;
    art.path = chain;
    auto get = [&](const char* k) {
      auto it = manifest.find(k);
      return it == manifest.end() ? std::string() : it->second;
    };
    auto [file_name, file_version] = split_file_name(base_name(chain.substr(chain.rfind("!/") == std::string::npos ? 0 : chain.rfind("!/") + 2)));
    art.version = get("Implementation-Version");
    if (art.version.empty()) art.version = get("Bundle-Version");
    if (art.version.empty()) art.version = get("Specification-Version");
    if (art.version.empty()) art.version = file_version;
    // Maven's archiver writes the groupId here; bundle names and vendors are not group ids.
    art.group = get("Implementation-Vendor-Id");
    // A versioned file name is the artifact id as Maven lays jars out; else a one-word title is.
    art.artifact = file_name;
    const std::string title = get("Implementation-Title");
    if ((file_version.empty() || art.artifact.empty()) && !title.empty() && title.find(' ') == std::string::npos) {
      art.artifact = title;
    }
    if (!art.artifact.empty() && !art.version.empty()) out.push_back(std::move(art));
  }
  for (auto& [name, content] : nested) scan(content, chain + "!/" + name, depth + 1, max_depth, warn, out);
}

}  // namespace

JavaArtifact parse_pom_properties(std::string_view text) {
  JavaArtifact a;
  for (std::string_view line : lines(text)) {
    line = trim(line);
    if (line.empty() || line[0] == '#' || line[0] == '!') continue;
    std::size_t eq = line.find_first_of("=:");
    if (eq == std::string_view::npos) continue;
    std::string_view k = trim(line.substr(0, eq)), v = trim(line.substr(eq + 1));
    if (k == "groupId") a.group = std::string(v);
    else if (k == "artifactId") a.artifact = std::string(v);
    else if (k == "version") a.version = std::string(v);
  }
  return a;
}

std::map<std::string, std::string> parse_manifest(std::string_view text) {
  std::map<std::string, std::string> out;
  std::string last;
  for (std::string_view line : lines(text)) {
    if (line.empty()) break;  // main section ends at the first blank line
    if (line[0] == ' ') {
      if (!last.empty()) out[last].append(line.substr(1));  // 72-byte lines continue with one space
      continue;
    }
    std::size_t colon = line.find(':');
    if (colon == std::string_view::npos) continue;
    last = std::string(trim(line.substr(0, colon)));
    out[last] = std::string(trim(line.substr(colon + 1)));
  }
  for (auto& [k, v] : out) v = std::string(trim(v));
  return out;
}

std::vector<JavaArtifact> scan_java_archive(std::string_view data, std::string_view name, int max_depth,
                                            const std::function<void(const std::string&)>& warn) {
  std::vector<JavaArtifact> out;
  scan(data, std::string(name), 0, max_depth, warn, out);
  return out;
}

Expected<Pom> parse_pom_xml(std::string_view text) {
  pugi::xml_document doc;
  pugi::xml_parse_result parsed = doc.load_buffer(text.data(), text.size());
  if (!parsed) {
    // Line and column of the offset, as every other parse error says.
    const auto off = static_cast<std::size_t>(std::max<std::ptrdiff_t>(parsed.offset, 0));
    std::string_view before = text.substr(0, std::min(off, text.size()));
    const std::size_t line = static_cast<std::size_t>(std::count(before.begin(), before.end(), '\n')) + 1;
    const std::size_t nl = before.rfind('\n');
    const std::size_t col = before.size() - (nl == std::string_view::npos ? 0 : nl + 1) + 1;
    Error e(std::string("XML: ") + ascii_lower(parsed.description()));
    e.line = static_cast<std::uint32_t>(line);
    e.column = static_cast<std::uint32_t>(col);
    return e;
  }
  pugi::xml_node project = doc.child("project");
  if (!project) return Error("no <project> element");
  auto text_of = [](pugi::xml_node n, const char* child) { return std::string(trim(n.child_value(child))); };
  std::map<std::string, std::string, std::less<>> props;
  for (pugi::xml_node p : project.child("properties").children()) {
    if (p.type() == pugi::node_element) props[p.name()] = std::string(trim(p.child_value()));
  }
  pugi::xml_node parent = project.child("parent");
  Pom pom;
  pom.project.group = text_of(project, "groupId");
  if (pom.project.group.empty()) pom.project.group = text_of(parent, "groupId");
  pom.project.artifact = text_of(project, "artifactId");
  pom.project.version = text_of(project, "version");
  if (pom.project.version.empty()) pom.project.version = text_of(parent, "version");
  for (auto [key, value] : {std::pair{"project.groupId", &pom.project.group}, std::pair{"pom.groupId", &pom.project.group},
                            std::pair{"project.artifactId", &pom.project.artifact},
                            std::pair{"project.version", &pom.project.version}, std::pair{"pom.version", &pom.project.version}}) {
    if (!props.count(key)) props[key] = *value;
  }
  if (!props.count("project.parent.version")) props["project.parent.version"] = text_of(parent, "version");
  // ${name} replaced from the properties (nested ones too, a few levels); "" when one is unknown.
  auto resolve = [&](std::string s) {
    for (int round = 0; round < 8 && s.find("${") != std::string::npos; ++round) {
      std::string out;
      std::size_t at = 0;
      for (std::size_t b = s.find("${"); b != std::string::npos; b = s.find("${", at)) {
        std::size_t e = s.find('}', b);
        if (e == std::string::npos) return std::string();
        auto it = props.find(std::string_view(s).substr(b + 2, e - b - 2));
        if (it == props.end() || it->second.empty()) return std::string();
        out.append(s, at, b - at).append(it->second);
        at = e + 1;
      }
      out.append(s, at);
      s = std::move(out);
    }
    return s.find("${") == std::string::npos ? s : std::string();
  };
  pom.project.group = resolve(pom.project.group);
  pom.project.version = resolve(pom.project.version);
  std::map<std::string, std::string> managed;  // "group:artifact" -> version, from this pom
  for (pugi::xml_node d : project.child("dependencyManagement").child("dependencies").children("dependency")) {
    managed[resolve(text_of(d, "groupId")) + ":" + resolve(text_of(d, "artifactId"))] = resolve(text_of(d, "version"));
  }
  for (pugi::xml_node d : project.child("dependencies").children("dependency")) {
    JavaArtifact a;
    a.group = resolve(text_of(d, "groupId"));
    a.artifact = resolve(text_of(d, "artifactId"));
    a.version = resolve(text_of(d, "version"));
    if (a.version.empty() && text_of(d, "version").empty()) {
      auto it = managed.find(a.group + ":" + a.artifact);
      if (it != managed.end()) a.version = it->second;
    }
    if (a.group.empty() || a.artifact.empty() || a.version.empty()) {
      ++pom.unresolved;
      continue;
    }
    pom.dependencies.push_back({std::move(a), text_of(d, "scope") == "test"});
  }
  return pom;
}

std::vector<JavaArtifact> parse_gradle_lockfile(std::string_view text) {
  std::vector<JavaArtifact> out;
  for (std::string_view line : lines(text)) {
    line = trim(line);
    if (line.empty() || line[0] == '#' || line.starts_with("empty=")) continue;
    const std::size_t eq = line.find('=');
    auto parts = split(line.substr(0, eq), ":");
    if (parts.size() != 3) continue;
    const auto confs = split(eq == std::string_view::npos ? std::string_view() : line.substr(eq + 1), ", ");
    const bool test_only = !confs.empty() && std::all_of(confs.begin(), confs.end(), [](std::string_view c) {
      return c.starts_with("test");
    });
    out.push_back({std::string(parts[0]), std::string(parts[1]), std::string(parts[2]), {}, test_only});
  }
  return out;
}

}  // namespace detail

namespace {

constexpr std::string_view kName = "java";
constexpr int kMaxDepth = 4;

class JavaCataloger final : public Cataloger {
 public:
  std::string_view name() const override { return kName; }
  std::vector<image::Pattern> patterns() const override {
    return {{"**/*.jar"}, {"**/*.war"}, {"**/*.ear"}, {"**/*.jpi"}, {"**/*.hpi"}, {"**/gradle.lockfile"}, {"**/pom.xml"}};
  }
  Status catalog(const Context& ctx, Result& out) const override {
    for (const auto& [path, file] : ctx.view.files()) {
      std::vector<detail::JavaArtifact> arts;
      if (detail::base_name(path) == "pom.xml") {
        pom(ctx, out, file);
        continue;
      }
      if (detail::base_name(path) == "gradle.lockfile") {
        arts = detail::parse_gradle_lockfile(file.data);
        if (arts.empty() && !detail::trim(file.data).empty()) ctx.warning("/" + path + ": no packages found in the lockfile");
      } else if (detail::is_archive_name(path)) {
        if (file.truncated()) continue;
        arts = detail::scan_java_archive(file.data, "/" + path, kMaxDepth, ctx.warn);
        if (arts.empty()) {
          ctx.warning("/" + path + ": no pom.properties, manifest version or versioned file name; not identified");
        }
      } else {
        continue;
      }
      for (const auto& a : arts) {
        if (a.group.empty()) {
          // No group: no valid maven purl; reported by name so that it is not lost.
          Component c = detail::package_component(a.artifact, a.version, {}, kName);
          c.bom_ref = "java:" + (a.path.empty() ? "/" + path : a.path) + "#" + a.artifact + "@" + a.version;
          detail::add_provenance(c, ctx.view, file);
          if (a.path.find("!/") != std::string::npos) detail::add_property(c, kPropArchivePath, a.path);
          out.components.push_back(std::move(c));
          continue;
        }
        detail::LockedPackage named{a.group, a.version, a.dev, {}};
        named.name.append(1, '/').append(a.artifact);  // namespace/name
        Component* c = detail::add_named_package(ctx, out, "maven", named, kName, file);
        if (c && a.path.find("!/") != std::string::npos) detail::add_property(*c, kPropArchivePath, a.path);
      }
    }
    return Ok{};
  }

 private:
  /// A project's pom.xml: its dependencies with the versions it states (test scope as dev).
  static void pom(const Context& ctx, Result& out, const image::File& f) {
    const std::string where = "/" + f.path;
    auto pom = detail::parse_pom_xml(f.data);
    if (!pom) {
      const Error& e = pom.error();
      std::string w = where;
      if (e.line) w.append(1, ':').append(std::to_string(e.line)).append(1, ':').append(std::to_string(e.column));
      ctx.warning(w.append(": ").append(e.message).append("; skipped"));
      return;
    }
    if (pom->unresolved) {
      ctx.warning(where + ": " + std::to_string(pom->unresolved) + (pom->unresolved == 1 ? " dependency" : " dependencies") +
                  " without a version stated in this pom (from a parent or an imported BOM); skipped");
    }
    for (const auto& d : pom->dependencies) {
      detail::LockedPackage p{d.artifact.group, d.artifact.version, d.test, {}};
      p.name.append(1, '/').append(d.artifact.artifact);
      detail::add_named_package(ctx, out, "maven", p, kName, f);
    }
  }
};

}  // namespace

std::unique_ptr<Cataloger> make_java_cataloger() { return std::make_unique<JavaCataloger>(); }

}  // namespace sbom::catalog
