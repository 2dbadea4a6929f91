// secdb -> OSV: Alpine's per-release lists of "fixed in version V: ids" become ALPINE-<id> records.
#include "vulndb/secdb.h"

#include <cctype>
#include <map>
#include <set>
#include <string>
#include <utility>

#include "sbom/ecosystem.h"

namespace sbom::vulndb::detail {
namespace {

// The records carry no dates; a fixed one keeps builds reproducible, and any OSV record with the
// same id (osv.dev's own Alpine data) is newer and wins.
constexpr const char* kModified = "1970-01-01T00:00:00Z";

using Fixes = std::map<std::pair<std::string, std::string>, std::set<std::string>>;  // (ecosystem, package) -> fixed

bool is_digit(char c) { return c >= '0' && c <= '9'; }

// Vulnerability ids in a secfixes entry. Entries are free text in practice: "CVE-2018-3620  XSA-273",
// "CVE-2018-14461 (LDP)", "CVE_2019-2426", "XSA-207", "GHSA-jq35-85cj-fj4p". Every CVE id counts;
// without one, the first other id-shaped word (letters, then dash-separated parts with a digit).
std::vector<std::string> ids_in(std::string_view text) {
  std::vector<std::string> cves;
  for (std::size_t i = 0; i + 3 < text.size(); ++i) {
    if (text.compare(i, 3, "CVE") != 0 || (i > 0 && std::isalnum(static_cast<unsigned char>(text[i - 1])))) continue;
    std::size_t j = i + 3;
    if (text[j] != '-' && text[j] != '_' && text[j] != ' ') continue;
    ++j;
    std::size_t year = j;
    while (j < text.size() && is_digit(text[j])) ++j;
    if (j - year != 4 || j >= text.size() || text[j] != '-') continue;
    std::size_t num = ++j;
    while (j < text.size() && is_digit(text[j])) ++j;
    if (j - num < 4) continue;
    cves.push_back("CVE-" + std::string(text.substr(year, 4)) + "-" + std::string(text.substr(num, j - num)));
  }
  if (!cves.empty()) return cves;
  std::size_t i = 0;
  while (i < text.size()) {
    while (i < text.size() && std::isspace(static_cast<unsigned char>(text[i]))) ++i;
    std::size_t b = i;
    while (i < text.size() && !std::isspace(static_cast<unsigned char>(text[i]))) ++i;
    std::string_view w = text.substr(b, i - b);
    std::size_t letters = 0;
    while (letters < w.size() && std::isalpha(static_cast<unsigned char>(w[letters]))) ++letters;
    bool shaped = letters > 0 && letters < w.size() && w[letters] == '-' && w.back() != '-';
    bool digit = false;
    for (std::size_t k = letters; shaped && k < w.size(); ++k) {
      char c = w[k];
      digit = digit || is_digit(c);
      shaped = std::isalnum(static_cast<unsigned char>(c)) || c == '-';
    }
    if (shaped && digit) return {std::string(w)};
  }
  return {};
}

json::Value affected_of(const Fixes& fixes) {
  json::Array out;
  for (const auto& [key, versions] : fixes) {
    json::Array ranges;
    for (const std::string& v : versions)
      ranges.push_back(json::Value(json::Object{
          {"type", json::Value("ECOSYSTEM")},
          {"events", json::Value(json::Array{json::Value(json::Object{{"introduced", json::Value("0")}}),
                                             json::Value(json::Object{{"fixed", json::Value(v)}})})}}));
    out.push_back(json::Value(json::Object{
        {"package", json::Value(json::Object{{"ecosystem", json::Value(key.first)}, {"name", json::Value(key.second)}})},
        {"ranges", json::Value(std::move(ranges))}}));
  }
  return json::Value(std::move(out));
}

// The fixes of a record made by affected_of (or merged into it).
void collect(const json::Value& record, Fixes& out) {
  const json::Value* affected = record.find("affected");
  if (affected == nullptr || !affected->is_array()) return;
  for (const json::Value& a : affected->as_array()) {
    const json::Value* pkg = a.find("package");
    const json::Value* ranges = a.find("ranges");
    if (pkg == nullptr || ranges == nullptr || !ranges->is_array()) continue;
    const json::Value* eco = pkg->find("ecosystem");
    const json::Value* name = pkg->find("name");
    if (eco == nullptr || name == nullptr || !eco->is_string() || !name->is_string()) continue;
    auto& versions = out[{eco->as_string(), name->as_string()}];
    for (const json::Value& r : ranges->as_array())
      if (const json::Value* events = r.find("events"); events && events->is_array())
        for (const json::Value& e : events->as_array())
          if (const json::Value* f = e.find("fixed"); f && f->is_string()) versions.insert(f->as_string());
  }
}

}  // namespace

bool is_secdb(const json::Value& root) {
  if (!root.is_object() || root.find("id") != nullptr) return false;
  const json::Value* packages = root.find("packages");
  return packages != nullptr && packages->is_array() &&
         (root.find("distroversion") != nullptr || root.find("apkurl") != nullptr || root.find("urlprefix") != nullptr);
}

std::vector<ConvertedRecord> secdb_to_osv(const json::Value& root, std::string_view name) {
  std::vector<ConvertedRecord> out;
  auto fail = [&](const json::Value& v, std::string pointer, std::string message) {
    out.push_back(ConvertedRecord{json::Value(), json::error_at(name, v, std::move(pointer), std::move(message))});
  };
  const json::Value* release = root.find("distroversion");
  if (release == nullptr || !release->is_string()) {
    // Wolfi, Chainguard and MinimOS publish the same format without a release; their advisories
    // come from their OSV data.
    fail(root, "/", "secdb file without distroversion: only Alpine's secdb is imported");
    return out;
  }
  const std::string ecosystem = "Alpine:" + release->as_string();
  auto scheme = version::ecosystem_scheme(ecosystem);
  if (!scheme) {
    fail(*release, "/distroversion", "distroversion '" + release->as_string() + "': " + scheme.error().message);
    return out;
  }

  std::map<std::string, Fixes> by_id;
  const json::Array& packages = root.find("packages")->as_array();
  for (std::size_t i = 0; i < packages.size(); ++i) {
    std::string ptr = "/packages/" + std::to_string(i) + "/pkg";
    const json::Value* pkg = packages[i].find("pkg");
    const json::Value* pname = pkg ? pkg->find("name") : nullptr;
    if (pname == nullptr || !pname->is_string() || pname->as_string().empty()) {
      fail(pkg ? *pkg : packages[i], pkg ? ptr : "/packages/" + std::to_string(i), "package has no name");
      continue;
    }
    const json::Value* secfixes = pkg->find("secfixes");
    if (secfixes == nullptr || secfixes->is_null()) continue;
    if (!secfixes->is_object()) {
      fail(*secfixes, ptr + "/secfixes", "secfixes is not a mapping of version to ids");
      continue;
    }
    for (const auto& [fixed, list] : secfixes->as_object()) {
      std::string vptr = ptr + "/secfixes/" + json::pointer_token(fixed);
      if (fixed == "0") continue;  // listed as never affected in this release
      if (auto ok = (*scheme)->validate(fixed); !ok) {
        fail(list, vptr, "fixed version '" + fixed + "' is not a valid apk version: " + ok.error().message);
        continue;
      }
      if (list.is_null()) continue;
      if (!list.is_array()) {
        fail(list, vptr, "expected a list of vulnerability ids");
        continue;
      }
      for (std::size_t k = 0; k < list.as_array().size(); ++k) {
        const json::Value& item = list.as_array()[k];
        std::vector<std::string> ids = item.is_string() ? ids_in(item.as_string()) : std::vector<std::string>{};
        if (ids.empty()) {
          fail(item, vptr + "/" + std::to_string(k),
               item.is_string() ? "entry '" + item.as_string() + "' names no vulnerability id" : "entry is not text");
          continue;
        }
        for (const std::string& id : ids) by_id[id][{ecosystem, pname->as_string()}].insert(fixed);
      }
    }
  }
  for (const auto& [id, fixes] : by_id) {
    json::Object rec{{"id", json::Value("ALPINE-" + id)},
                     {"modified", json::Value(kModified)},
                     {"aliases", json::Value(json::Array{json::Value(id)})},
                     {"affected", affected_of(fixes)}};
    if (id.rfind("CVE-", 0) == 0)
      rec.emplace_back("references", json::Value(json::Array{json::Value(json::Object{
                                         {"type", json::Value("ADVISORY")},
                                         {"url", json::Value("https://security.alpinelinux.org/vuln/" + id)}})}));
    out.push_back(ConvertedRecord{json::Value(std::move(rec)), Error()});
  }
  return out;
}

void merge_secdb(json::Value& into, const json::Value& from) {
  Fixes fixes;
  collect(into, fixes);
  collect(from, fixes);
  into.set("affected", affected_of(fixes));
}

}  // namespace sbom::vulndb::detail
