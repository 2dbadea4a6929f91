// NVD CVE API 2.0 -> OSV: each `cve` becomes a record carrying NVD's CVSS vectors, found by id.
#include "vulndb/nvd.h"

#include <set>
#include <string>

#include "core/json_cursor.h"

namespace sbom::vulndb::detail {
namespace {

// NVD writes UTC times without a zone ("2023-10-10T14:15:10.883"); OSV wants RFC 3339.
std::string utc(const std::string& t) {
  if (t.empty() || t.back() == 'Z' || t.find('+') != std::string::npos) return t;
  return t + "Z";
}

// The OSV severity type of an NVD metric array, by its key.
std::string_view osv_type(std::string_view metric) {
  if (metric == "cvssMetricV40") return "CVSS_V4";
  if (metric == "cvssMetricV31" || metric == "cvssMetricV30") return "CVSS_V3";
  if (metric == "cvssMetricV2") return "CVSS_V2";
  return "";
}

json::Value severities(const json::Value& metrics) {
  json::Array primary, all;
  std::set<std::string> seen_primary, seen_all;
  if (!metrics.is_object()) return json::Value(json::Array{});
  for (const auto& [key, list] : metrics.as_object()) {
    std::string_view type = osv_type(key);
    if (type.empty() || !list.is_array()) continue;
    for (const json::Value& m : list.as_array()) {
      const json::Value* data = m.is_object() ? m.find("cvssData") : nullptr;
      const std::string* vector = data != nullptr ? string_member(*data, "vectorString") : nullptr;
      if (vector == nullptr || vector->empty()) continue;
      json::Value sev(json::Object{{"type", json::Value(type)}, {"score", json::Value(*vector)}});
      const std::string* kind = string_member(m, "type");
      if (kind != nullptr && *kind == "Primary" && seen_primary.insert(*vector).second) primary.push_back(sev);
      if (seen_all.insert(*vector).second) all.push_back(std::move(sev));
    }
  }
  return json::Value(primary.empty() ? std::move(all) : std::move(primary));
}

json::Value cwe_ids(const json::Value& cve) {
  std::set<std::string> ids;
  const json::Value* weaknesses = cve.find("weaknesses");
  if (weaknesses != nullptr && weaknesses->is_array())
    for (const json::Value& w : weaknesses->as_array()) {
      const json::Value* desc = w.is_object() ? w.find("description") : nullptr;
      if (desc == nullptr || !desc->is_array()) continue;
      for (const json::Value& d : desc->as_array())
        if (const std::string* v = string_member(d, "value"); v != nullptr && v->rfind("CWE-", 0) == 0) ids.insert(*v);
    }
  json::Array out;
  for (const std::string& id : ids) out.emplace_back(id);
  return json::Value(std::move(out));
}

const std::string* english_description(const json::Value& cve) {
  const json::Value* descs = cve.find("descriptions");
  if (descs == nullptr || !descs->is_array()) return nullptr;
  for (const json::Value& d : descs->as_array())
    if (const std::string* lang = string_member(d, "lang"); lang != nullptr && *lang == "en") return string_member(d, "value");
  return nullptr;
}

ConvertedRecord convert(const json::Value& cve, std::string_view name, const std::string& pointer) {
  if (!cve.is_object()) return {json::Value(), error_at(name, cve, pointer, "expected an NVD cve object")};
  const std::string* id = string_member(cve, "id");
  if (id == nullptr || id->rfind("CVE-", 0) != 0)
    return {json::Value(), error_at(name, cve, pointer + "/id", "NVD cve object without a CVE id")};
  const std::string* modified = string_member(cve, "lastModified");
  const std::string* published = string_member(cve, "published");
  if (modified == nullptr || modified->empty()) modified = published;
  if (modified == nullptr || modified->empty())
    return {json::Value(), error_at(name, cve, pointer, *id + " has no lastModified or published time")};
  json::Object rec{{"id", json::Value(*id)}, {"modified", json::Value(utc(*modified))}};
  if (published != nullptr && !published->empty()) rec.emplace_back("published", json::Value(utc(*published)));
  const std::string* status = string_member(cve, "vulnStatus");
  if (status != nullptr && *status == "Rejected") rec.emplace_back("withdrawn", json::Value(utc(*modified)));
  if (const std::string* text = english_description(cve)) rec.emplace_back("details", *text);
  static const json::Value kNone;
  const json::Value* metrics = cve.find("metrics");
  rec.emplace_back("severity", severities(metrics != nullptr ? *metrics : kNone));
  json::Object db{{"source", json::Value("NVD")}};
  if (status != nullptr) db.emplace_back("vulnStatus", json::Value(*status));
  db.emplace_back("cwe_ids", cwe_ids(cve));
  rec.emplace_back("database_specific", json::Value(std::move(db)));
  return {json::Value(std::move(rec)), Error()};
}

}  // namespace

bool is_nvd(const json::Value& root) {
  if (!root.is_object()) return false;
  if (const std::string* format = string_member(root, "format")) return *format == "NVD_CVE";
  const std::string* id = string_member(root, "id");
  return id != nullptr && id->rfind("CVE-", 0) == 0 && root.find("sourceIdentifier") != nullptr;
}

namespace {

// The members of a cve object that convert() reads; the rest (configurations, references) skipped.
bool needed(std::string_view key) {
  return key == "id" || key == "sourceIdentifier" || key == "published" || key == "lastModified" ||
         key == "vulnStatus" || key == "descriptions" || key == "metrics" || key == "weaknesses";
}

// Reads the object at the cursor; its needed members go into `into`, `on_other` gets the others
// (it must read or skip the value).
template <typename Other>
void read_members(json::detail::Cursor& c, json::Value& into, Other&& on_other) {
  std::string_view key;
  std::string buf;
  c.begin_object();
  while (c.next_key(key, buf)) {
    if (needed(key)) into.as_object().emplace_back(std::string(key), c.read_value(true));
    else on_other(key);
  }
}

json::Value at(json::detail::Cursor& c) {
  json::Value v(json::Object{});
  v.position = c.position();
  return v;
}

// The entries of the vulnerabilities array at the cursor, converted.
void read_entries(json::detail::Cursor& c, std::string_view name, std::vector<ConvertedRecord>& out) {
  c.begin_array();
  for (std::size_t i = 0; c.next_element(); ++i) {
    const std::string pointer = "/vulnerabilities/" + std::to_string(i) + "/cve";
    json::Value entry = at(c);
    if (c.peek() != json::Value::Kind::Object) {
      c.skip_value();
      out.push_back({json::Value(), error_at(name, entry, pointer, "NVD vulnerability entry without a cve object")});
      continue;
    }
    bool found = false;
    json::Value ignored(json::Object{});
    read_members(c, ignored, [&](std::string_view key) {
      if (key != "cve" || found || c.peek() != json::Value::Kind::Object) return c.skip_value();
      found = true;
      json::Value cve = at(c);
      read_members(c, cve, [&](std::string_view) { c.skip_value(); });
      out.push_back(convert(cve, name, pointer));
    });
    if (!found) out.push_back({json::Value(), error_at(name, entry, pointer, "NVD vulnerability entry without a cve object")});
  }
}

}  // namespace

std::optional<std::vector<ConvertedRecord>> read_nvd(std::string_view text, std::string_view name) {
  std::vector<ConvertedRecord> out;
  if (auto ok = json::detail::validate(text, json::ParseOptions{}.max_depth); !ok) {
    Error e = std::move(ok.error());
    e.file = std::string(name);
    e.message = "not valid JSON (an NVD CVE document, by its start): " + e.message;
    out.push_back({json::Value(), std::move(e)});
    return out;
  }
  json::detail::Cursor c(text);
  if (c.peek() != json::Value::Kind::Object) return std::nullopt;
  json::Value root = at(c);  // a bare cve object's needed members, or the document's
  std::optional<std::string> format;
  std::optional<json::Value> vulns;  // where the vulnerabilities member is
  bool vulns_array = false;
  read_members(c, root, [&](std::string_view key) {
    if (key == "format" && c.peek() == json::Value::Kind::String) {
      format = c.read_string();
    } else if (key == "vulnerabilities" && !vulns) {
      vulns = at(c);
      vulns_array = c.peek() == json::Value::Kind::Array;
      if (vulns_array) read_entries(c, name, out);
      else c.skip_value();
    } else {
      c.skip_value();
    }
  });
  if (format) {
    if (*format != "NVD_CVE") return std::nullopt;
    if (!vulns_array) {
      out.clear();
      out.push_back({json::Value(), error_at(name, vulns ? *vulns : root, vulns ? "/vulnerabilities" : "",
                                             "NVD CVE document without a vulnerabilities array")});
    } else if (out.empty()) {
      out.push_back({json::Value(), error_at(name, *vulns, "/vulnerabilities", "NVD CVE document with no CVE")});
    }
    return out;
  }
  if (!is_nvd(root)) return std::nullopt;
  out.clear();
  out.push_back(convert(root, name, ""));
  return out;
}

}  // namespace sbom::vulndb::detail
