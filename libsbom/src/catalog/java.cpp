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
#include <set>

#include "catalog/catalogers.h"
#include "catalog/lang_parsers.h"
#include "catalog/language.h"

namespace sbom::catalog {

namespace detail {

namespace {

bool is_archive_name(std::string_view name) {
  for (std::string_view ext : {".jar", ".war", ".ear", ".jpi", ".hpi"}) {
    if (name.size() > ext.size() && text::lower(name.substr(name.size() - ext.size())) == ext) return true;
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

/// The first two entries (central directory order) whose local header and data overlap, or nullopt.
/// Real archives never share bytes between entries; a zip bomb points many entries at one
/// compressed stream so that a few KB inflate many times over.
std::optional<std::pair<std::string_view, std::string_view>> overlapping(std::string_view z,
                                                                         const std::vector<ZipEntry>& entries) {
  struct Range {
    std::uint64_t begin, end;
    std::string_view name;
  };
  std::vector<Range> ranges;
  ranges.reserve(entries.size());
  for (const ZipEntry& e : entries) {
    std::uint64_t end = std::uint64_t{e.local} + 30;
    if (end <= z.size() && le(z, e.local, 4) == 0x04034b50) {
      end += le(z, e.local + 26, 2) + le(z, e.local + 28, 2) + std::uint64_t{e.compressed};
    }
    ranges.push_back({e.local, end, e.name});
  }
  std::stable_sort(ranges.begin(), ranges.end(), [](const Range& x, const Range& y) { return x.begin < y.begin; });
  for (std::size_t i = 1; i < ranges.size(); ++i) {
    if (ranges[i].begin < ranges[i - 1].end) return std::pair{ranges[i - 1].name, ranges[i].name};
  }
  return std::nullopt;
}


/// One top-level archive being read, nested ones included: what it may still inflate and read.
class Scan {
 public:
  Scan(const ArchiveLimits& limits, ArchiveUse& image, const Diagnostics& warn, std::string top, std::vector<JavaArtifact>& out)
      : limits_(limits), image_(image), warn_(warn), top_(std::move(top)), out_(out) {}

  void archive(std::string_view data, const std::string& chain, int depth);

  /// Archives nested deeper than the limit are not read: said once per top-level archive.
  void finish() {
    if (deep_ == 0) return;
    warning(deep_first_ + (deep_ > 1 ? " and " + std::to_string(deep_ - 1) + " more" : std::string()) +
            ": nested deeper than " + std::to_string(limits_.max_depth) + " archives; not read");
  }

 private:
  void warning(const std::string& w) const {
    warn_.warn(w);
  }

  /// Whether `size` more bytes may be inflated for `what`; charged when so, else a warning (once
  /// per limit and archive, or per image).
  bool charge(const std::string& what, std::uint64_t size) {
    if (size > limits_.max_entry) {
      warning(what + ": larger than " + std::to_string(limits_.max_entry) + " bytes; skipped");
      return false;
    }
    if (inflated_ + size > limits_.max_archive_inflated) {
      if (!inflated_warned_) {
        warning(top_ + ": more than " + std::to_string(limits_.max_archive_inflated) +
                " bytes to inflate (the per-archive limit); '" + what + "' and entries past the limit skipped");
      }
      inflated_warned_ = true;
      return false;
    }
    if (image_.inflated + size > limits_.max_inflated) {
      if (!image_.inflated_warned) {
        warning(what + ": more than " + std::to_string(limits_.max_inflated) +
                " bytes inflated from the image's archives (--max-inflated); it and entries past the limit skipped");
      }
      image_.inflated_warned = true;
      return false;
    }
    inflated_ += size;
    image_.inflated += size;
    return true;
  }

  /// Whether one more nested archive may be read; counted when so, else a warning (once).
  bool admit_nested(const std::string& what) {
    if (nested_ >= limits_.max_archive_nested) {
      if (!nested_warned_) {
        warning(top_ + ": more than " + std::to_string(limits_.max_archive_nested) +
                " nested archives (the per-archive limit); '" + what + "' and later ones not read");
      }
      nested_warned_ = true;
      return false;
    }
    if (image_.nested >= limits_.max_nested) {
      if (!image_.nested_warned) {
        warning(what + ": more than " + std::to_string(limits_.max_nested) +
                " nested archives in the image (--max-nested-archives); it and later ones not read");
      }
      image_.nested_warned = true;
      return false;
    }
    ++nested_;
    ++image_.nested;
    return true;
  }

  const ArchiveLimits& limits_;
  ArchiveUse& image_;
  const Diagnostics& warn_;
  std::string top_;
  std::vector<JavaArtifact>& out_;
  std::uint64_t inflated_ = 0, nested_ = 0;
  bool inflated_warned_ = false, nested_warned_ = false;
  std::string deep_first_;
  std::uint64_t deep_ = 0;
};

void Scan::archive(std::string_view data, const std::string& chain, int depth) {
  std::vector<JavaArtifact> poms;
  std::map<std::string, std::string> manifest;
  // Nested archives, read after this one's own identity: from the central directory, inflated
  // one at a time when their turn comes (so memory holds one chain of archives, not a level);
  // through libarchive, read as they stream by.
  std::vector<ZipEntry> pending;
  std::vector<std::pair<std::string, std::string>> nested;
  auto entry_name = [&](std::string_view name) { return chain + "!/" + std::string(name); };
  // Maven writes META-INF/maven/<group>/<artifact>/pom.properties; other builds put it elsewhere
  // under META-INF, with the same content.
  auto is_metadata = [](std::string_view name) {
    return (name.starts_with("META-INF/") && (name.ends_with("/pom.properties") || name.ends_with("/pom.xml"))) ||
           name == "META-INF/MANIFEST.MF";
  };
  // Embedded pom.xml files by directory ("META-INF/maven/g/a/"), for the pom.properties beside them.
  std::map<std::string, PomDetails, std::less<>> pom_xml;
  std::map<std::string, PomDetails, std::less<>> by_coordinates;  // every embedded pom, for parents
  std::vector<std::string> pom_dirs;  // of each entry of `poms`
  auto dir_of = [](std::string_view name) { return std::string(name.substr(0, name.rfind('/') + 1)); };
  auto wanted_archive = [&](std::string_view name) {
    if (!is_archive_name(name)) return false;
    if (depth < limits_.max_depth) return true;
    if (deep_++ == 0) deep_first_ = entry_name(name);
    return false;
  };
  auto take = [&](std::string_view name, std::string content) {
    if (name == "META-INF/MANIFEST.MF") {
      manifest = parse_manifest(content);
    } else if (name.ends_with("/pom.xml")) {
      // What it cannot be read for is said by its pom.properties' identity alone: no warning.
      if (auto pom = parse_pom_xml(content); pom) {
        by_coordinates[pom->project.group + ":" + pom->project.artifact + ":" + pom->project.version] = pom->details;
        if (!pom->details.empty()) pom_xml[dir_of(name)] = std::move(pom->details);
      }
    } else {
      JavaArtifact art = parse_pom_properties(content);
      if (!art.artifact.empty() && !art.version.empty()) {
        art.path = chain;
        poms.push_back(std::move(art));
        pom_dirs.push_back(dir_of(name));
      }
    }
  };
  if (auto entries = central_directory(data)) {
    if (auto both = overlapping(data, *entries)) {
      // Named by its file name alone, if that says a version.
      warning(chain + ": entries '" + std::string(both->first) + "' and '" + std::string(both->second) +
              "' overlap (one compressed stream read as many files: a zip bomb); its entries not read");
      entries->clear();
    }
    for (const ZipEntry& e : *entries) {
      if (e.name.ends_with('/')) continue;
      if (!is_metadata(e.name)) {
        if (wanted_archive(e.name)) pending.push_back(e);
        continue;
      }
      if (!charge(entry_name(e.name), e.size)) continue;
      auto content = zip_data(data, e);
      if (!content) {
        warning(entry_name(e.name) + ": cannot read entry; skipped");
        continue;
      }
      take(e.name, std::move(*content));
    }
  } else {
    std::unique_ptr<struct archive, int (*)(struct archive*)> a(archive_read_new(), archive_read_free);
    if (!a) return;
    // An overlap bomb sent here (zip64 markers keep it from the plain reader) reads as one entry:
    // tested ("read each entry once"); the inflated-byte and nesting limits bound it in any case.
    archive_read_support_format_zip(a.get());
    if (archive_read_open_memory(a.get(), data.data(), data.size()) != ARCHIVE_OK) {
      warning(chain + ": not a readable zip archive: " + std::string(archive_error_string(a.get()) ? archive_error_string(a.get()) : "?"));
      return;
    }
    struct archive_entry* e = nullptr;
    for (;;) {
      int r = archive_read_next_header(a.get(), &e);
      if (r == ARCHIVE_EOF) break;
      if (r < ARCHIVE_WARN) {
        warning(chain + ": corrupt archive: " + std::string(archive_error_string(a.get()) ? archive_error_string(a.get()) : "?"));
        break;
      }
      const char* n = archive_entry_pathname(e);
      if (!n || archive_entry_filetype(e) != AE_IFREG) continue;
      const bool metadata = is_metadata(n);
      if (!metadata && !(wanted_archive(n) && admit_nested(entry_name(n)))) continue;
      la_int64_t size = archive_entry_size(e);
      if (size < 0 || !charge(entry_name(n), static_cast<std::uint64_t>(size))) continue;
      std::string content(static_cast<std::size_t>(size), '\0');
      la_ssize_t got = archive_read_data(a.get(), content.data(), content.size());
      if (got < 0 || static_cast<std::size_t>(got) != content.size()) {
        warning(entry_name(n) + ": cannot read entry; skipped");
        continue;
      }
      if (metadata) take(n, std::move(content));
      else nested.emplace_back(n, std::move(content));
    }
  }
  auto runnable = [&manifest] {
    auto it = manifest.find("Main-Class");
    return it != manifest.end() && !text::trim(it->second).empty();
  };
  if (!poms.empty()) {
    // A shaded jar embeds the pom.properties of everything shaded into it: each is a package, and
    // the archive is none of them. An archive with one is that artifact: its bytes' hash is its.
    if (poms.size() == 1) {
      poms[0].hashes = text::file_hashes(data);
      poms[0].runnable = runnable();
    }
    for (std::size_t i = 0; i < poms.size(); ++i) {
      if (auto it = pom_xml.find(pom_dirs[i]); it != pom_xml.end()) {
        poms[i].pom = it->second;
        // A parent in the same archive (a bundle of a project's modules): merged here; one that is
        // not is looked for in the image's repositories by the cataloger.
        for (int depth = 0; depth < 16 && !poms[i].pom->parent.empty(); ++depth) {
          auto up = by_coordinates.find(poms[i].pom->parent);
          if (up == by_coordinates.end()) break;
          poms[i].pom->inherit(up->second);
        }
      }
      out_.push_back(std::move(poms[i]));
    }
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
    if (!art.artifact.empty() && !art.version.empty()) {
      art.hashes = text::file_hashes(data);
      art.runnable = runnable();
      out_.push_back(std::move(art));
    }
  }
  for (const ZipEntry& e : pending) {
    const std::string where = entry_name(e.name);
    if (!admit_nested(where) || !charge(where, e.size)) continue;
    auto content = zip_data(data, e);
    if (!content) {
      warning(where + ": cannot read entry; skipped");
      continue;
    }
    archive(*content, where, depth + 1);
  }
  for (auto& [name, content] : nested) archive(content, entry_name(name), depth + 1);
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

std::vector<JavaArtifact> scan_java_archive(std::string_view data, std::string_view name, const ArchiveLimits& limits,
                                            const Diagnostics& warn, ArchiveUse* use) {
  std::vector<JavaArtifact> out;
  ArchiveUse own;
  Scan scan(limits, use ? *use : own, warn, std::string(name), out);
  scan.archive(data, std::string(name), 0);
  scan.finish();
  return out;
}

void PomDetails::inherit(const PomDetails& p) {
  if (licenses.empty()) licenses = p.licenses;
  if (organization.empty() && organization_url.empty()) {
    organization = p.organization;
    organization_url = p.organization_url;
  }
  if (developers.empty()) developers = p.developers;
  parent = p.parent;
}

std::vector<image::Pattern> maven_repository_patterns() {
  return {{"**/.m2/repository/**/*.pom"}, {"usr/share/maven-repo/**/*.pom"}};
}

std::string maven_pom_path(std::string_view root, std::string_view coordinates) {
  auto parts = split(coordinates, ":");
  if (parts.size() != 3) return {};
  std::string group(parts[0]);
  std::replace(group.begin(), group.end(), '.', '/');
  const std::string a(parts[1]), v(parts[2]);
  return std::string(root) + group + "/" + a + "/" + v + "/" + a + "-" + v + ".pom";
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
    Error e(std::string("XML: ") + text::lower(parsed.description()));
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
  PomDetails& d = pom.details;
  for (pugi::xml_node l : project.child("licenses").children("license")) {
    PomDetails::License lic{resolve(text_of(l, "name")), resolve(text_of(l, "url"))};
    if (!lic.name.empty() || !lic.url.empty()) d.licenses.push_back(std::move(lic));
  }
  d.organization = resolve(text_of(project.child("organization"), "name"));
  d.organization_url = resolve(text_of(project.child("organization"), "url"));
  for (pugi::xml_node dev : project.child("developers").children("developer")) {
    PomDetails::Developer who{resolve(text_of(dev, "name")), resolve(text_of(dev, "email")), resolve(text_of(dev, "organization"))};
    if (!who.name.empty() || !who.email.empty() || !who.organization.empty()) d.developers.push_back(std::move(who));
  }
  d.url = resolve(text_of(project, "url"));
  if (parent) {
    const std::string pg = resolve(text_of(parent, "groupId")), pa = resolve(text_of(parent, "artifactId")),
                      pv = resolve(text_of(parent, "version"));
    if (!pg.empty() && !pa.empty() && !pv.empty()) d.parent = pg + ":" + pa + ":" + pv;
  }
  pugi::xml_node scm = project.child("scm");
  d.scm = resolve(text_of(scm, "url"));
  if (d.scm.empty()) {
    // "scm:git:https://host/repo.git": the connection's URL after the scm provider.
    std::string c = resolve(text_of(scm, "connection"));
    if (c.starts_with("scm:")) {
      const std::size_t colon = c.find(':', 4);
      c = colon == std::string::npos ? std::string() : c.substr(colon + 1);
    }
    d.scm = std::move(c);
  }
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
    out.push_back({std::string(parts[0]), std::string(parts[1]), std::string(parts[2]), {}, test_only, {}, false, {}});
  }
  return out;
}

}  // namespace detail

namespace {

constexpr std::string_view kName = "java";

/// An artifact that is its archive (it has the archive's hashes) is a zip: an archive, and a
/// structured one (its central directory and META-INF name what it holds); executable when its
/// manifest names a Main-Class. Of any other (one of several shaded into an archive, a lockfile's
/// entry) the file tells nothing.
std::optional<detail::FileKind> kind_of(const detail::JavaArtifact& a) {
  if (a.hashes.sha256.empty()) return std::nullopt;
  return detail::FileKind{a.runnable, true, true};
}
class JavaCataloger final : public Cataloger {
 public:
  explicit JavaCataloger(const ArchiveLimits& limits) : limits_(limits) {}
  std::string_view name() const override { return kName; }
  std::vector<image::Pattern> patterns() const override {
    std::vector<image::Pattern> p = {{"**/*.jar"}, {"**/*.war"}, {"**/*.ear"}, {"**/*.jpi"}, {"**/*.hpi"}, {"**/gradle.lockfile"}, {"**/pom.xml"}};
    for (auto& repo : detail::maven_repository_patterns()) p.push_back(std::move(repo));
    return p;
  }
  Status catalog(const Context& ctx, Result& out) const override {
    // The roots of the image's Maven repositories, where parent poms are looked for.
    std::set<std::string> repositories;
    for (const auto& [path, file] : ctx.view.files()) {
      if (!path.ends_with(".pom")) continue;
      if (path.starts_with("usr/share/maven-repo/")) repositories.insert("usr/share/maven-repo/");
      if (std::size_t at = path.find(".m2/repository/"); at != std::string::npos) repositories.insert(path.substr(0, at + 15));
    }
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
        arts = detail::scan_java_archive(file.data, "/" + path, limits_, ctx.diagnostics, &use_);
        if (arts.empty()) {
          ctx.warning("/" + path + ": no pom.properties, manifest version or versioned file name; not identified");
        }
      } else {
        continue;
      }
      const bool archive = detail::is_archive_name(path);
      for (auto& a : arts) {
        if (a.pom) with_parents(ctx, repositories, *a.pom);
        if (a.group.empty()) {
          // No group: no valid maven purl; reported by name so that it is not lost.
          Component c = detail::package_component(a.artifact, a.version, {}, kName);
          c.bom_ref = "java:" + (a.path.empty() ? "/" + path : a.path) + "#" + a.artifact + "@" + a.version;
          detail::add_provenance(c, ctx.view, file);
          if (a.path.find("!/") != std::string::npos) detail::add_property(c, kPropArchivePath, a.path);
          detail::add_file(c, a.hashes, kind_of(a));
          if (a.pom) from_pom(c, *a.pom);
          out.components.push_back(std::move(c));
          continue;
        }
        detail::LockedPackage named{a.group, a.version, a.dev, {}};
        named.name.append(1, '/').append(a.artifact);  // namespace/name
        Component* seen = nullptr;
        Component* c = detail::add_named_package(ctx, out, "maven", named, kName, file, &seen);
        // Found as another archive too (a lockfile's mention is no file of it).
        if (seen && archive) detail::add_file(*seen, a.hashes, kind_of(a), true);
        if (!c) continue;
        if (a.path.find("!/") != std::string::npos) detail::add_property(*c, kPropArchivePath, a.path);
        detail::add_file(*c, a.hashes, kind_of(a));
        if (a.pom) from_pom(*c, *a.pom);
      }
    }
    return Ok{};
  }

 private:
  ArchiveLimits limits_;
  // The image's running totals: one cataloger reads one image (history included), in one thread.
  mutable detail::ArchiveUse use_;

  /// What the archive's own pom.xml says: its licenses as declared (by name, their URL kept), its
  /// organization as the supplier (else its developers, by their organization or name, with their
  /// e-mails as contacts), its home page and source repository. docs/language-catalogers.md.
  static void from_pom(Component& c, const detail::PomDetails& pom) {
    if (c.licenses.empty())
      for (const auto& l : pom.licenses) {
        License lic;
        lic.name = l.name.empty() ? l.url : l.name;
        if (!l.name.empty() && !l.url.empty()) lic.license_extra.emplace_back("url", json::Value(l.url));
        lic.acknowledgement = "declared";
        c.licenses.push_back(std::move(lic));
      }
    ComponentRare& rare = c.rare.edit();
    if (!rare.supplier && (!pom.organization.empty() || !pom.organization_url.empty())) {
      OrganizationalEntity& s = rare.supplier.emplace();
      s.name = pom.organization;
      if (!pom.organization_url.empty()) s.urls.push_back(pom.organization_url);
    } else if (!rare.supplier && !pom.developers.empty()) {
      OrganizationalEntity& s = rare.supplier.emplace();
      const auto& first = pom.developers.front();
      s.name = first.organization.empty() ? first.name : first.organization;
      for (const auto& d : pom.developers)
        if (!d.name.empty() || !d.email.empty()) s.contacts.push_back(Contact{d.name, d.email, {}, {}, {}});
    }
    auto add_ref = [&](const std::string& type, const std::string& url) {
      if (url.empty()) return;
      for (const auto& r : rare.external_references)
        if (r.type == type) return;
      rare.external_references.push_back(ExternalReference{type, url, {}, {}, {}});
    };
    add_ref("website", pom.url);
    add_ref("vcs", pom.scm);
    if (!pom.parent.empty()) detail::add_property(c, kPropMavenParent, pom.parent);
  }

  /// Merges the parents a pom inherits from that the image's repositories hold, nearest first;
  /// the first one not there stays named (kPropMavenParent): its data is not known.
  static void with_parents(const Context& ctx, const std::set<std::string>& repositories, detail::PomDetails& pom) {
    for (int depth = 0; depth < 16 && !pom.parent.empty(); ++depth) {
      const image::File* f = nullptr;
      for (const std::string& root : repositories) {
        if ((f = ctx.view.find(detail::maven_pom_path(root, pom.parent)))) break;
      }
      if (!f) return;
      auto parent = detail::parse_pom_xml(f->data);
      if (!parent) {
        ctx.warning("/" + f->path + ": " + parent.error().message + "; parent pom not read");
        return;
      }
      pom.inherit(parent->details);
    }
  }

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

std::unique_ptr<Cataloger> make_java_cataloger(const ArchiveLimits& limits) { return std::make_unique<JavaCataloger>(limits); }

}  // namespace sbom::catalog
