// Reading bundles: the manifest and the members it lists (archive.h's open, find_member), and the
// scan document of a bundle for the format layer (read.h): the part of the archive module that
// depends on nothing but core, so format::read can take a bundle as it takes an envelope.
#include "archive/read.h"

#include "archive/json_member.h"
#include "archive/tar.h"
#include "sbom/text.h"

namespace sbom::archive {

namespace {

using json::Value;

Error in_file(std::string_view name, std::string message) {
  Error e(std::move(message));
  e.file = name;
  return e;
}

// YYYY-MM-DD with a month and a day that exist in some year (the manifest's own dates).
bool valid_date(std::string_view d) {
  if (d.size() != 10 || d[4] != '-' || d[7] != '-') return false;
  for (std::size_t i : {0, 1, 2, 3, 5, 6, 8, 9})
    if (d[i] < '0' || d[i] > '9') return false;
  const int month = (d[5] - '0') * 10 + (d[6] - '0'), day = (d[8] - '0') * 10 + (d[9] - '0');
  return month >= 1 && month <= 12 && day >= 1 && day <= 31;
}

}  // namespace

const Bundle::Entry* Bundle::find(std::string_view path) const {
  for (const auto& e : entries)
    if (e.path == path) return &e;
  return nullptr;
}

Expected<Bundle> open(std::string_view bytes, std::string_view name) {
  auto entries = tar::read(bytes, name);
  if (!entries) return std::move(entries.error());
  Bundle b;
  for (auto& e : *entries) b.entries.push_back(Bundle::Entry{std::move(e.path), e.data, e.offset});
  if (b.entries.front().path != kManifestPath)
    return in_file(name, "no sbom-archive bundle: its first member is '" + b.entries.front().path + "', not " +
                             std::string(kManifestPath));
  b.manifest_text = std::string(b.entries.front().data);
  const std::string mname = std::string(name) + ":" + std::string(kManifestPath);
  auto m = parse_member(b.manifest_text, mname);
  if (!m) return std::move(m.error());
  Reader r{mname, {}, {}, {}};
  if (const std::string f = r.string(*m, "bundleFormat", ""); r.error.empty() && f != kBundleFormat)
    return json::error_at(mname, *m->find("bundleFormat"), "/bundleFormat", "'" + f + "' is not " + std::string(kBundleFormat));
  if (const std::uint64_t v = r.count(*m, "version", ""); r.error.empty() && v != kBundleVersion)
    return json::error_at(mname, *m->find("version"), "/version",
                          "bundle version " + std::to_string(v) + " is not one this sbom-archive reads (1)");
  b.as_of = r.string(*m, "asOf", "");
  if (r.error.empty() && !valid_date(b.as_of))
    return json::error_at(mname, *m->find("asOf"), "/asOf", "'" + b.as_of + "' is no date YYYY-MM-DD");
  b.created_by = r.string(*m, "createdBy", "");
  if (const Value* img = m->find("image"); img && r.error.empty()) {
    if (const Value* o = r.get(*m, "image", Value::Kind::Object, ""))
      b.image = r.string(*o, "name", "/image") + " " + r.string(*o, "digest", "/image");
  }
  b.tools = r.strings(*m, "tools", "");
  if (const Value* list = r.get(*m, "members", Value::Kind::Array, "")) {
    for (std::size_t i = 0; i < list->as_array().size() && r.error.empty(); ++i) {
      const Value& v = list->as_array()[i];
      const std::string base = "/members/" + std::to_string(i);
      if (!v.is_object()) return json::error_at(mname, v, base, "expected an object");
      Member mem{r.string(v, "path", base), r.string(v, "role", base), r.string(v, "sha256", base), r.count(v, "size", base)};
      if (!r.error.empty()) break;
      if (std::string why = tar::bad_path(mem.path); !why.empty())
        return json::error_at(mname, *v.find("path"), base + "/path", "'" + mem.path + "': " + why);
      if (mem.path == kManifestPath || mem.path == kSignaturePath)
        return json::error_at(mname, *v.find("path"), base + "/path", "the manifest cannot list itself or its signature");
      if (mem.sha256.size() != 64 || mem.sha256.find_first_not_of("0123456789abcdef") != std::string::npos)
        return json::error_at(mname, *v.find("sha256"), base + "/sha256", "'" + mem.sha256 + "' is no SHA-256 in lower-case hex");
      for (const auto& earlier : b.members)
        if (earlier.path == mem.path) return json::error_at(mname, *v.find("path"), base + "/path", "'" + mem.path + "' is listed twice");
      b.members.push_back(std::move(mem));
    }
  }
  if (auto s = r.status(); !s) return std::move(s.error());
  if (const auto* sig = b.find(kSignaturePath)) b.signature = std::string(sig->data);
  return b;
}

Expected<const Member*> find_member(const Bundle& b, std::string_view which) {
  const Member* found = nullptr;
  for (const auto& m : b.members)
    if (m.path == which) return &m;
  std::size_t n = 0;
  for (const auto& m : b.members)
    if (m.role == which) {
      found = &m;
      ++n;
    }
  if (n == 1) return found;
  if (n > 1) return Error("several members have the role '" + std::string(which) + "'; name one by its path");
  std::string known;
  for (const auto& m : b.members) known += (known.empty() ? "" : ", ") + m.path;
  return Error("no member '" + std::string(which) + "' (the bundle holds " + known + ")");
}

bool looks_like_tar(std::string_view bytes) {
  return bytes.size() >= 512 && bytes.substr(257, 5) == "ustar";
}

Expected<Unbundled> scan_of_bundle(std::string_view bytes, std::string_view name) {
  auto b = open(bytes, name);
  if (!b) return std::move(b.error());
  auto m = find_member(*b, "scan");
  if (!m) return std::move(m.error().in_file(name));
  const auto* e = b->find((*m)->path);
  if (!e) return in_file(name, (*m)->path + ": listed in the manifest but not in the bundle (sbom-archive verify says more)");
  if (text::sha256_hex(e->data) != (*m)->sha256)
    return in_file(name, (*m)->path + ": its SHA-256 is not the manifest's; the bundle was altered (sbom-archive verify says more)");
  if (looks_like_tar(e->data)) return in_file(name, (*m)->path + ": a bundle inside a bundle; one level is read");
  Unbundled u;
  u.text = e->data;
  u.name = std::string(name) + ":" + (*m)->path;
  u.warning = b->signature ? "read the scan archived on " + b->as_of + "; its digest was checked, the bundle's signature was not (sbom-archive verify --pubkey)"
                           : "read the scan archived on " + b->as_of + "; its digest was checked, the bundle is not signed";
  return u;
}

}  // namespace sbom::archive
