// Distro detection: /etc/os-release, /usr/lib/os-release, then distro-specific release files.
#include <algorithm>
#include <cctype>

#include "catalog/common.h"
#include "catalog/parsers.h"

namespace sbom::catalog {

namespace detail {

std::map<std::string, std::string> parse_os_release(std::string_view text) {
  std::map<std::string, std::string> out;
  for (std::string_view line : split(text, "\n")) {
    line = trim(line);
    if (line.empty() || line[0] == '#') continue;
    std::size_t eq = line.find('=');
    if (eq == std::string_view::npos || eq == 0) continue;
    std::string key(trim(line.substr(0, eq)));
    std::string_view raw = trim(line.substr(eq + 1));
    std::string value;
    if (!raw.empty() && (raw[0] == '"' || raw[0] == '\'')) {
      const char q = raw[0];
      for (std::size_t i = 1; i < raw.size() && raw[i] != q; ++i) {
        if (q == '"' && raw[i] == '\\' && i + 1 < raw.size()) ++i;
        value += raw[i];
      }
    } else {
      value = std::string(raw);
    }
    out[key] = std::move(value);
  }
  return out;
}

}  // namespace detail

namespace {

const char* const kOsRelease[] = {"etc/os-release", "usr/lib/os-release"};

/// "CentOS Linux release 7.9.2009 (Core)" -> id centos, version 7.9.2009.
bool from_release_line(std::string_view text, Distro& d) {
  std::string_view line = detail::trim(text.substr(0, text.find('\n')));
  auto words = detail::split(line, " ");
  for (std::size_t i = 0; i + 1 < words.size(); ++i) {
    if (words[i] != "release") continue;
    std::string first;
    for (char c : words[0]) first += static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
    d.id = first == "red" ? "rhel" : first;
    d.version_id = std::string(words[i + 1]);
    d.pretty_name = std::string(line);
    return true;
  }
  return false;
}

}  // namespace

std::string Distro::qualifier() const {
  if (id.empty()) return {};
  if (version_id.empty()) return id;
  std::string v = version_id;
  if (id == "alpine") {
    // Alpine's advisories are per branch (v3.19), not per point release.
    std::size_t first = v.find('.');
    std::size_t second = first == std::string::npos ? first : v.find('.', first + 1);
    if (second != std::string::npos) v.resize(second);
  }
  return id + "-" + v;
}

Distro detect_distro(const image::View& view) {
  Distro d;
  for (const char* path : kOsRelease) {
    const image::File* f = view.find(path);
    if (!f) continue;
    auto kv = detail::parse_os_release(f->data);
    if (kv["ID"].empty()) continue;
    d.id = kv["ID"];
    d.version_id = kv["VERSION_ID"];
    d.name = kv["NAME"];
    d.pretty_name = kv["PRETTY_NAME"];
    d.codename = kv["VERSION_CODENAME"];
    d.id_like = kv["ID_LIKE"];
    d.path = f->path;
    d.layer = f->layer;
    return d;
  }
  if (const image::File* f = view.find("etc/alpine-release")) {
    d.id = "alpine";
    d.version_id = std::string(detail::trim(f->data));
  } else if (const image::File* r = view.find("etc/lsb-release")) {
    auto kv = detail::parse_os_release(r->data);
    for (char c : kv["DISTRIB_ID"]) d.id += static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
    d.version_id = kv["DISTRIB_RELEASE"];
    d.codename = kv["DISTRIB_CODENAME"];
  } else {
    for (const char* path : {"etc/redhat-release", "etc/centos-release", "etc/fedora-release", "etc/system-release"}) {
      if (const image::File* rel = view.find(path); rel && from_release_line(rel->data, d)) break;
    }
    if (d.id.empty()) {
      if (const image::File* deb = view.find("etc/debian_version")) {
        // "12.4" names the point release; advisories are per major release. "trixie/sid" has none.
        std::string_view v = detail::trim(deb->data);
        d.id = "debian";
        if (!v.empty() && std::isdigit(static_cast<unsigned char>(v[0]))) d.version_id = std::string(v.substr(0, v.find('.')));
      }
    }
  }
  for (const char* path : {"etc/alpine-release", "etc/lsb-release", "etc/redhat-release", "etc/centos-release",
                           "etc/fedora-release", "etc/system-release", "etc/debian_version"}) {
    if (d.id.empty()) break;
    if (const image::File* f = view.find(path)) {
      d.path = f->path;
      d.layer = f->layer;
      break;
    }
  }
  return d;
}

namespace detail {

// NISTIR 7695 (CPE 2.3 naming): a URI binding (CPE 2.2, "cpe:/part:vendor:product:version:update:
// edition:language") unbound to its attributes and bound as a formatted string ("cpe:2.3:" and
// eleven attributes). An empty URI component is ANY ("*"), "-" is NA. Only the plain case is
// converted: components of letters, digits, '.', '_' and '-' (what every os-release CPE_NAME we
// know holds, e.g. RHEL's "cpe:/o:redhat:enterprise_linux:9::baseos"); percent-encoded characters
// and a packed edition ('~') would need the full unbinding, and such a name is kept as written
// (CPE 2.2 is valid in CycloneDX's and SPDX 2's cpe fields).
std::string cpe23_of(std::string_view cpe) {
  // A name kept as written must at least be spelled as its binding allows (a formatted string:
  // printable ASCII, no space; a URI: letters, digits and "._-~%:/"); other text is no CPE name.
  auto as_written = [&](bool uri) {
    const bool ok = std::all_of(cpe.begin(), cpe.end(), [&](char ch) {
      if (!uri) return ch > ' ' && ch < 0x7f;
      return std::isalnum(static_cast<unsigned char>(ch)) || std::string_view("._-~%:/").find(ch) != std::string_view::npos;
    });
    return ok ? std::string(cpe) : std::string();
  };
  if (cpe.starts_with("cpe:2.3:")) return as_written(false);
  if (!cpe.starts_with("cpe:/")) return {};
  std::vector<std::string_view> parts;  // empty components count (split() would drop them)
  for (std::string_view rest = cpe.substr(5);;) {
    std::size_t colon = rest.find(':');
    parts.push_back(rest.substr(0, colon));
    if (colon == std::string_view::npos) break;
    rest.remove_prefix(colon + 1);
  }
  if (parts.size() > 7 || (parts[0] != "a" && parts[0] != "o" && parts[0] != "h")) return as_written(true);
  std::string out = "cpe:2.3";
  for (std::size_t i = 0; i < 11; ++i) {
    std::string_view v = i < parts.size() ? parts[i] : std::string_view();
    for (char ch : v)
      if (!std::isalnum(static_cast<unsigned char>(ch)) && ch != '.' && ch != '_' && ch != '-') return as_written(true);
    out += ':';
    if (v.empty()) out += '*';
    else out += v;
  }
  return out;
}

}  // namespace detail

Component distro_component(const Distro& d, const image::View& view) {
  Component c;
  c.type = "operating-system";
  c.name = d.id;
  c.version = d.version_id;
  if (!d.pretty_name.empty()) c.rare.edit().description = d.pretty_name;
  c.bom_ref = "operating-system:" + d.qualifier();
  if (const image::File* f = view.find(d.path)) {
    detail::add_provenance(c, view, *f);
    // What the distributor's os-release says of itself (os-release(5)): CPE_NAME, the OS's CPE
    // (RHEL and its rebuilds, Fedora, SUSE, Amazon Linux write one; Debian, Ubuntu and Alpine do
    // not), and VENDOR_NAME / VENDOR_URL, the organization that makes it: the NTIA and CISA
    // identifier and supplier of the OS component, taken only from the image, never guessed.
    auto kv = detail::parse_os_release(f->data);
    c.cpe = detail::cpe23_of(kv["CPE_NAME"]);
    if (!kv["VENDOR_NAME"].empty()) {
      OrganizationalEntity org;
      org.name = kv["VENDOR_NAME"];
      if (!kv["VENDOR_URL"].empty()) org.urls.push_back(kv["VENDOR_URL"]);
      c.rare.edit().supplier = std::move(org);
    }
  }
  return c;
}

}  // namespace sbom::catalog
