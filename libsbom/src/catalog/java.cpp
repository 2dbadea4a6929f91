// Java: jar/war/ear/jpi/hpi archives with nested archives (BOOT-INF/lib, WEB-INF/lib, jars in jars)
// read from memory through libarchive; identity from pom.properties, then MANIFEST.MF, then the file
// name; gradle.lockfile.
#include <archive.h>
#include <archive_entry.h>
#include <pugixml.hpp>
#include <zlib.h>

#include <algorithm>
#include <memory>
#include <optional>

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

/// An entry of a zip's central directory.
struct ZipEntry {
  std::string_view name;
  std::uint16_t method = 0;
  std::uint32_t compressed = 0, size = 0, local = 0;
};

std::uint32_t le(std::string_view b, std::size_t off, int n) {
  std::uint32_t v = 0;
  for (int i = n - 1; i >= 0; --i) v = (v << 8) | static_cast<unsigned char>(b[off + static_cast<std::size_t>(i)]);
  return v;
}

/// The central directory of a zip held in memory, read directly (far cheaper than going through
/// every entry's local header); nullopt for what this plain reading does not cover (zip64,
/// spanned or damaged archives), which libarchive then reads.
std::optional<std::vector<ZipEntry>> central_directory(std::string_view z) {
  constexpr std::size_t kEocd = 22;
  if (z.size() < kEocd) return std::nullopt;
  // The end record is the last 22 bytes plus a comment of up to 64 KiB.
  const std::size_t lowest = z.size() > kEocd + 0xffff ? z.size() - kEocd - 0xffff : 0;
  std::size_t at = z.size() - kEocd;
  while (le(z, at, 4) != 0x06054b50) {
    if (at == lowest) return std::nullopt;
    --at;
  }
  const std::uint32_t count = le(z, at + 10, 2), cd_size = le(z, at + 12, 4), cd_off = le(z, at + 16, 4);
  if (le(z, at + 4, 2) != 0 || count == 0xffff || cd_off == 0xffffffff || std::uint64_t{cd_off} + cd_size > at) {
    return std::nullopt;
  }
  std::vector<ZipEntry> out;
  out.reserve(count);
  std::size_t p = cd_off;
  for (std::uint32_t i = 0; i < count; ++i) {
    if (p + 46 > at || le(z, p, 4) != 0x02014b50) return std::nullopt;
    ZipEntry e;
    e.method = static_cast<std::uint16_t>(le(z, p + 10, 2));
    e.compressed = le(z, p + 20, 4);
    e.size = le(z, p + 24, 4);
    const std::size_t name_len = le(z, p + 28, 2), extra = le(z, p + 30, 2), comment = le(z, p + 32, 2);
    e.local = le(z, p + 42, 4);
    if (p + 46 + name_len + extra + comment > at || e.size == 0xffffffff || e.compressed == 0xffffffff ||
        (le(z, p + 8, 2) & 1)) {
      return std::nullopt;  // zip64 sizes or an encrypted entry
    }
    e.name = z.substr(p + 46, name_len);
    out.push_back(e);
    p += 46 + name_len + extra + comment;
  }
  return out;
}

/// The content of a stored or deflated entry; nullopt when it cannot be read.
std::optional<std::string> zip_data(std::string_view z, const ZipEntry& e) {
  const std::size_t h = e.local;
  if (std::uint64_t{h} + 30 > z.size() || le(z, h, 4) != 0x04034b50) return std::nullopt;
  const std::uint64_t start = std::uint64_t{h} + 30 + le(z, h + 26, 2) + le(z, h + 28, 2);
  if (start + e.compressed > z.size()) return std::nullopt;
  std::string_view in = z.substr(static_cast<std::size_t>(start), e.compressed);
  if (e.method == 0) return e.compressed == e.size ? std::optional<std::string>(std::string(in)) : std::nullopt;
  if (e.method != 8) return std::nullopt;
  std::string out(e.size, '\0');
  z_stream s{};
  if (inflateInit2(&s, -15) != Z_OK) return std::nullopt;
  s.next_in = reinterpret_cast<Bytef*>(const_cast<char*>(in.data()));
  s.avail_in = static_cast<uInt>(in.size());
  s.next_out = reinterpret_cast<Bytef*>(out.data());
  s.avail_out = static_cast<uInt>(out.size());
  const int r = inflate(&s, Z_FINISH);
  const bool whole = r == Z_STREAM_END && s.total_out == e.size;
  inflateEnd(&s);
  if (!whole) return std::nullopt;
  return out;
}

void scan(std::string_view data, const std::string& chain, int depth, int max_depth,
          const std::function<void(const std::string&)>& warn, std::vector<JavaArtifact>& out) {
  std::vector<JavaArtifact> poms;
  std::map<std::string, std::string> manifest;
  std::vector<std::pair<std::string, std::string>> nested;
  // Maven writes META-INF/maven/<group>/<artifact>/pom.properties; other builds put it elsewhere
  // under META-INF, with the same content.
  auto wanted = [&](std::string_view name) {
    return (name.starts_with("META-INF/") && name.ends_with("/pom.properties")) || name == "META-INF/MANIFEST.MF" ||
           (depth < max_depth && is_archive_name(name));
  };
  auto too_large = [&](std::string_view name, std::uint64_t size) {
    if (size <= kMaxEntry) return false;
    if (warn) warn(chain + "!/" + std::string(name) + ": larger than " + std::to_string(kMaxEntry) + " bytes; skipped");
    return true;
  };
  auto take = [&](std::string_view name, std::string content) {
    if (name == "META-INF/MANIFEST.MF") {
      manifest = parse_manifest(content);
    } else if (name.ends_with("/pom.properties")) {
      JavaArtifact art = parse_pom_properties(content);
      if (!art.artifact.empty() && !art.version.empty()) {
        art.path = chain;
        poms.push_back(std::move(art));
      }
    } else {
      nested.emplace_back(std::string(name), std::move(content));
    }
  };
  if (auto entries = central_directory(data)) {
    for (const ZipEntry& e : *entries) {
      if (e.name.ends_with('/') || !wanted(e.name) || too_large(e.name, e.size)) continue;
      auto content = zip_data(data, e);
      if (!content) {
        if (warn) warn(chain + "!/" + std::string(e.name) + ": cannot read entry; skipped");
        continue;
      }
      take(e.name, std::move(*content));
    }
  } else {
    std::unique_ptr<struct archive, int (*)(struct archive*)> a(archive_read_new(), archive_read_free);
    if (!a) return;
    archive_read_support_format_zip(a.get());
    if (archive_read_open_memory(a.get(), data.data(), data.size()) != ARCHIVE_OK) {
      if (warn) warn(chain + ": not a readable zip archive: " + std::string(archive_error_string(a.get()) ? archive_error_string(a.get()) : "?"));
      return;
    }
    struct archive_entry* e = nullptr;
    for (;;) {
      int r = archive_read_next_header(a.get(), &e);
      if (r == ARCHIVE_EOF) break;
      if (r < ARCHIVE_WARN) {
        if (warn) warn(chain + ": corrupt archive: " + std::string(archive_error_string(a.get()) ? archive_error_string(a.get()) : "?"));
        break;
      }
      const char* n = archive_entry_pathname(e);
      if (!n || archive_entry_filetype(e) != AE_IFREG || !wanted(n)) continue;
      la_int64_t size = archive_entry_size(e);
      if (size < 0 || too_large(n, static_cast<std::uint64_t>(size))) continue;
      std::string content(static_cast<std::size_t>(size), '\0');
      la_ssize_t got = archive_read_data(a.get(), content.data(), content.size());
      if (got < 0 || static_cast<std::size_t>(got) != content.size()) {
        if (warn) warn(chain + "!/" + std::string(n) + ": cannot read entry; skipped");
        continue;
      }
      take(n, std::move(content));
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
