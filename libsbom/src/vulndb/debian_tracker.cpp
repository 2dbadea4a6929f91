// Debian security tracker JSON -> OSV: package -> id -> release verdicts become DEBIAN-<id> records
// whose affected entries carry Debian's state for each release.
#include "vulndb/debian_tracker.h"

#include <map>
#include <string>
#include <utility>

namespace sbom::vulndb::detail {
namespace {

// The tracker's JSON carries no dates; a fixed one keeps builds reproducible, and an OSV record
// with the same id (osv.dev's DEBIAN-CVE-… data) is newer and wins.
constexpr const char* kModified = "1970-01-01T00:00:00Z";

// Codename -> major release, for the releases the tracker lists (and the next ones named).
// sid and experimental have no OSV ecosystem: an image of them is matched by nothing here.
constexpr std::pair<std::string_view, int> kReleases[] = {
    {"squeeze", 6}, {"wheezy", 7}, {"jessie", 8}, {"stretch", 9}, {"buster", 10},
    {"bullseye", 11}, {"bookworm", 12}, {"trixie", 13}, {"forky", 14}, {"duke", 15},
};

int major_of(std::string_view codename) {
  for (const auto& [name, major] : kReleases)
    if (name == codename) return major;
  return 0;
}

// A JSON Pointer one member deeper (appended: g++ 12 warns (-Wrestrict) on "/" + a temporary).
std::string child(const std::string& pointer, std::string_view key) {
  std::string out = pointer;
  out += '/';
  out += json::pointer_token(key);
  return out;
}

bool is_id(std::string_view id) { return id.starts_with("CVE-") || id.starts_with("TEMP-"); }

// "high**" (the tracker's mark for an urgency taken from NVD) reads as "high".
std::string_view plain_urgency(std::string_view u) {
  while (!u.empty() && u.back() == '*') u.remove_suffix(1);
  return u;
}

// Debian's verdict for one release, in the words sbom-gate's flags use.
std::string vendor_state(std::string_view status, bool has_fix, std::string_view urgency, const std::string* nodsa,
                         const std::string* nodsa_reason) {
  if (status == "resolved" && has_fix) return "fixed";
  if (status == "undetermined") return "undetermined";
  if (urgency == "end-of-life") return "end-of-life";
  if (nodsa_reason != nullptr && *nodsa_reason == "ignored") return "ignored";
  if (nodsa_reason != nullptr && *nodsa_reason == "postponed") return "postponed";
  if (nodsa != nullptr) return "no-dsa";
  return "unfixed";
}

struct Entry {
  json::Value ranges;
  json::Object specific;
  std::string urgency;  // plain
};

struct Vuln {
  std::string description;
  std::map<std::pair<std::string, int>, Entry> affected;  // (package, major) -> entry
};

}  // namespace

bool is_debian_tracker(const json::Value& root) {
  if (!root.is_object() || root.as_object().empty() || root.find("id") != nullptr) return false;
  const json::Value& first = root.as_object().front().second;
  if (!first.is_object() || first.as_object().empty()) return false;
  const auto& [id, entry] = first.as_object().front();
  return is_id(id) && entry.is_object() && entry.find("releases") != nullptr;
}

std::vector<ConvertedRecord> debian_tracker_to_osv(const json::Value& root, std::string_view name) {
  std::vector<ConvertedRecord> out;
  auto fail = [&](const json::Value& v, std::string pointer, std::string message) {
    out.push_back(ConvertedRecord{json::Value(), json::error_at(name, v, std::move(pointer), std::move(message))});
  };
  std::map<std::string, Vuln> by_id;
  std::size_t releases_seen = 0;  // sid's too: a tracker that lists no release at all is no data
  for (const auto& [package, ids] : root.as_object()) {
    const std::string pkg_ptr = child("", package);
    if (!ids.is_object()) {
      fail(ids, pkg_ptr, "package '" + package + "' is not an object of vulnerability ids");
      continue;
    }
    for (const auto& [id, entry] : ids.as_object()) {
      const std::string id_ptr = child(pkg_ptr, id);
      if (!is_id(id) || !entry.is_object()) {
        fail(entry, id_ptr, "expected a CVE-… or TEMP-… id with an object, found '" + id + "'");
        continue;
      }
      const json::Value* releases = entry.find("releases");
      if (releases == nullptr || !(releases->is_object() || (releases->is_array() && releases->as_array().empty()))) {
        fail(releases ? *releases : entry, id_ptr + (releases ? "/releases" : ""), "expected `releases`, an object of releases");
        continue;
      }
      Vuln& v = by_id[id];
      if (const std::string* d = string_member(entry, "description"); d && v.description.empty()) v.description = *d;
      if (!releases->is_object()) continue;  // `[]`: the tracker knows the id but no release of the package
      for (const auto& [release, r] : releases->as_object()) {
        ++releases_seen;
        const std::string rel_ptr = child(id_ptr + "/releases", release);
        if (release == "sid" || release == "experimental") continue;
        const int major = major_of(release);
        if (major == 0) {
          fail(r, rel_ptr, "release '" + release + "' is no Debian release this version knows");
          continue;
        }
        const std::string* status = string_member(r, "status");
        if (status == nullptr) {
          fail(r, rel_ptr, "a release without a `status` string");
          continue;
        }
        if (*status != "resolved" && *status != "open" && *status != "undetermined") {
          fail(*r.find("status"), rel_ptr + "/status", "unknown status '" + *status + "' (expected resolved, open or undetermined)");
          continue;
        }
        const json::Value* fixed_v = r.find("fixed_version");
        if (fixed_v != nullptr && !fixed_v->is_string()) {
          fail(*fixed_v, rel_ptr + "/fixed_version", "fixed_version is not a string");
          continue;
        }
        const std::string* fixed = string_member(r, "fixed_version");
        if (*status == "resolved" && (fixed == nullptr || fixed->empty())) {
          fail(r, rel_ptr, "a resolved release without a fixed_version");
          continue;
        }
        if (fixed != nullptr && *fixed == "0") continue;  // never affected
        for (const char* key : {"urgency", "nodsa", "nodsa_reason"})
          if (const json::Value* m = r.find(key); m != nullptr && !m->is_string()) {
            fail(*m, rel_ptr + "/" + key, std::string(key) + " is not a string");
            goto next_release;
          }
        {
          const std::string* urgency = string_member(r, "urgency");
          const std::string* nodsa = string_member(r, "nodsa");
          const std::string* nodsa_reason = string_member(r, "nodsa_reason");
          Entry e;
          json::Array events{json::Value(json::Object{{"introduced", json::Value("0")}})};
          const bool has_fix = *status == "resolved";
          if (has_fix) events.push_back(json::Value(json::Object{{"fixed", json::Value(*fixed)}}));
          e.ranges = json::Value(json::Array{json::Value(json::Object{{"type", json::Value("ECOSYSTEM")},
                                                                      {"events", json::Value(std::move(events))}})});
          const std::string_view plain = urgency ? plain_urgency(*urgency) : std::string_view();
          e.urgency = std::string(plain);
          e.specific.emplace_back("release", json::Value(release));
          e.specific.emplace_back("status", json::Value(*status));
          if (urgency) e.specific.emplace_back("urgency", json::Value(*urgency));
          if (nodsa) e.specific.emplace_back("nodsa", json::Value(*nodsa));
          if (nodsa_reason) e.specific.emplace_back("nodsa_reason", json::Value(*nodsa_reason));
          e.specific.emplace_back("vendor_state", json::Value(vendor_state(*status, has_fix, plain, nodsa, nodsa_reason)));
          if (nodsa && !nodsa->empty()) e.specific.emplace_back("vendor_reason", json::Value(*nodsa));
          v.affected[{package, major}] = std::move(e);
        }
      next_release:;
      }
    }
  }
  if (releases_seen == 0 && out.empty()) fail(root, "", "Debian security tracker JSON with no release of any package");
  for (auto& [id, v] : by_id) {
    if (v.affected.empty()) continue;  // not affected in any release an image can be
    json::Object rec{{"id", json::Value("DEBIAN-" + id)}, {"modified", json::Value(kModified)}};
    if (id.starts_with("CVE-")) rec.emplace_back("aliases", json::Value(json::Array{json::Value(id)}));
    if (!v.description.empty()) rec.emplace_back("details", json::Value(v.description));
    // One urgency for the whole record only when every release agrees (a rating is per vulnerability).
    std::string urgency = v.affected.begin()->second.urgency;
    for (const auto& [key, e] : v.affected)
      if (e.urgency != urgency) urgency.clear();
    json::Object db{{"source", json::Value("Debian security tracker")}};
    if (urgency == "unimportant" || urgency == "low" || urgency == "medium" || urgency == "high")
      db.emplace_back("urgency", json::Value(urgency));
    json::Array affected;
    for (auto& [key, e] : v.affected) {
      std::string ecosystem = "Debian:";  // appended: g++ 12 warns (-Wrestrict) on "…" + to_string()
      ecosystem += std::to_string(key.second);
      affected.push_back(json::Value(json::Object{
          {"package", json::Value(json::Object{{"ecosystem", json::Value(std::move(ecosystem))},
                                               {"name", json::Value(key.first)}})},
          {"ranges", std::move(e.ranges)},
          {"ecosystem_specific", json::Value(std::move(e.specific))}}));
    }
    rec.emplace_back("affected", json::Value(std::move(affected)));
    rec.emplace_back("database_specific", json::Value(std::move(db)));
    out.push_back(ConvertedRecord{json::Value(std::move(rec)), Error()});
  }
  return out;
}

}  // namespace sbom::vulndb::detail
