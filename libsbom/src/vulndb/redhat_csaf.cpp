// Red Hat CSAF VEX -> OSV: per CVE, the product statuses of rpm components on Red Hat platforms
// become affected entries carrying Red Hat's verdict.
#include "vulndb/redhat_csaf.h"

#include <map>
#include <set>
#include <string>
#include <tuple>
#include <unordered_map>

#include "sbom/purl.h"

namespace sbom::vulndb::detail {
namespace {

struct Product {
  std::string cpe, purl;
};

// Every product the tree names (branches at any depth, full_product_names) by id.
void collect_products(const json::Value& v, std::unordered_map<std::string, Product>& out, int depth) {
  if (depth > 64) return;  // CSAF trees are a few levels deep; the JSON reader bounds nesting anyway
  if (v.is_array()) {
    for (const json::Value& e : v.as_array()) collect_products(e, out, depth + 1);
    return;
  }
  if (!v.is_object()) return;
  const std::string* id = string_member(v, "product_id");
  if (const json::Value* helper = v.find("product_identification_helper"); id != nullptr && helper != nullptr) {
    Product& p = out[*id];
    if (const std::string* cpe = string_member(*helper, "cpe")) p.cpe = *cpe;
    if (const std::string* purl = string_member(*helper, "purl")) p.purl = *purl;
  }
  for (const auto& [key, member] : v.as_object())
    if (key == "branches" || key == "product" || key == "full_product_names") collect_products(member, out, depth + 1);
}

// "cpe:/o:redhat:enterprise_linux:9::baseos" -> "Red Hat:enterprise_linux:9::baseos"; "" when not Red Hat's.
std::string ecosystem_of(std::string_view cpe) {
  for (std::string_view prefix : {"cpe:/a:redhat:", "cpe:/o:redhat:"})
    if (cpe.starts_with(prefix) && cpe.size() > prefix.size()) {
      std::string out = "Red Hat:";
      out += cpe.substr(prefix.size());
      return out;
    }
  return "";
}

// Red Hat's verdict on a product that is affected, from its remediation.
std::string affected_state(std::string_view category, std::string_view details) {
  if (category == "no_fix_planned") {
    if (details == "Out of support scope") return "out-of-support";
    return "will-not-fix";
  }
  if (category == "none_available" && details == "Fix deferred") return "fix-deferred";
  return "affected";
}

struct Key {
  std::string ecosystem, name, fixed, state, reason;
  auto operator<=>(const Key&) const = default;
};

}  // namespace

bool is_csaf(const json::Value& root) {
  const json::Value* d = root.is_object() ? root.find("document") : nullptr;
  return d != nullptr && d->is_object() && d->find("csaf_version") != nullptr;
}

std::vector<ConvertedRecord> redhat_csaf_to_osv(const json::Value& root, std::string_view name) {
  std::vector<ConvertedRecord> out;
  auto fail = [&](const json::Value& v, std::string pointer, std::string message) {
    out.push_back(ConvertedRecord{json::Value(), json::error_at(name, v, std::move(pointer), std::move(message))});
  };
  std::unordered_map<std::string, Product> products;
  // Composite ids ("RHEL-9:openssl-1:3.0.7-27.el9.x86_64") -> (component, platform).
  std::unordered_map<std::string, std::pair<std::string, std::string>> relations;
  if (const json::Value* tree = root.find("product_tree"); tree != nullptr && tree->is_object()) {
    collect_products(*tree, products, 0);
    if (const json::Value* rels = tree->find("relationships"); rels != nullptr && rels->is_array())
      for (const json::Value& r : rels->as_array()) {
        const json::Value* full = r.find("full_product_name");
        const std::string* id = full ? string_member(*full, "product_id") : nullptr;
        const std::string* comp = string_member(r, "product_reference");
        const std::string* platform = string_member(r, "relates_to_product_reference");
        if (id && comp && platform) relations[*id] = {*comp, *platform};
      }
  }
  const json::Value* vulns = root.find("vulnerabilities");
  if (vulns == nullptr || !vulns->is_array() || vulns->as_array().empty()) {
    fail(vulns ? *vulns : root, vulns ? "/vulnerabilities" : "", "CSAF document with no vulnerability");
    return out;
  }
  std::size_t rpm_products = 0;
  std::map<std::string, json::Value> records;
  for (std::size_t vi = 0; vi < vulns->as_array().size(); ++vi) {
    const json::Value& v = vulns->as_array()[vi];
    std::string vptr = "/vulnerabilities/";
    vptr += std::to_string(vi);
    const std::string* cve = string_member(v, "cve");
    if (cve == nullptr) continue;  // a vulnerability known by other ids only: nothing to alias
    const json::Value* status = v.find("product_status");
    if (status == nullptr || !status->is_object()) {
      fail(status ? *status : v, vptr + (status ? "/product_status" : ""), "expected `product_status`, an object");
      continue;
    }
    // The remediation that speaks for each product's fix (the first such listed).
    std::unordered_map<std::string, std::pair<std::string, std::string>> remedy;
    if (const json::Value* rems = v.find("remediations"); rems != nullptr && rems->is_array())
      for (const json::Value& r : rems->as_array()) {
        const std::string* category = string_member(r, "category");
        const std::string* details = string_member(r, "details");
        const json::Value* ids = r.find("product_ids");
        if (category == nullptr || ids == nullptr || !ids->is_array()) continue;
        // Workarounds and mitigations say nothing of a fix: the verdict is in these two.
        if (*category != "no_fix_planned" && *category != "none_available") continue;
        for (const json::Value& id : ids->as_array())
          if (id.is_string()) remedy.emplace(id.as_string(), std::pair{*category, details ? *details : std::string()});
      }
    std::set<Key> entries;
    for (const auto& [category, ids] : status->as_object()) {
      const bool fixed = category == "fixed";
      const bool affected = category == "known_affected";
      const bool investigating = category == "under_investigation";
      if (!ids.is_array()) {
        fail(ids, vptr + "/product_status/" + json::pointer_token(category), "expected an array of product ids");
        continue;
      }
      for (const json::Value& id : ids.as_array()) {
        if (!id.is_string()) continue;
        auto rel = relations.find(id.as_string());
        if (rel == relations.end()) continue;
        auto comp = products.find(rel->second.first);
        auto platform = products.find(rel->second.second);
        if (comp == products.end() || platform == products.end()) continue;
        auto purl = parse_purl(comp->second.purl);
        std::string ecosystem = ecosystem_of(platform->second.cpe);
        if (!purl || purl->type != "rpm" || ecosystem.empty()) continue;
        ++rpm_products;
        if (!(fixed || affected || investigating)) continue;  // known_not_affected, first_fixed, …: no finding
        Key k{ecosystem, purl->name, "", "", ""};
        if (fixed) {
          if (purl->version.empty()) continue;  // a fix must say which version
          std::string epoch = purl->qualifier("epoch");
          k.fixed = epoch.empty() || epoch == "0" ? purl->version : epoch + ":" + purl->version;
          k.state = "fixed";
        } else if (investigating) {
          k.state = "under-investigation";
        } else if (auto r = remedy.find(id.as_string()); r != remedy.end()) {
          k.state = affected_state(r->second.first, r->second.second);
          k.reason = r->second.second;
        } else {
          k.state = "affected";
        }
        entries.insert(std::move(k));
      }
    }
    if (entries.empty()) continue;
    json::Array affected;
    for (const Key& k : entries) {
      json::Array events{json::Value(json::Object{{"introduced", json::Value("0")}})};
      if (!k.fixed.empty()) events.push_back(json::Value(json::Object{{"fixed", json::Value(k.fixed)}}));
      json::Object specific{{"vendor_state", json::Value(k.state)}};
      if (!k.reason.empty()) specific.emplace_back("vendor_reason", json::Value(k.reason));
      affected.push_back(json::Value(json::Object{
          {"package", json::Value(json::Object{{"ecosystem", json::Value(k.ecosystem)}, {"name", json::Value(k.name)}})},
          {"ranges", json::Value(json::Array{json::Value(json::Object{{"type", json::Value("ECOSYSTEM")},
                                                                      {"events", json::Value(std::move(events))}})})},
          {"ecosystem_specific", json::Value(std::move(specific))}}));
    }
    const json::Value* doc = root.find("document");
    const json::Value* tracking = doc ? doc->find("tracking") : nullptr;
    const std::string* modified = tracking ? string_member(*tracking, "current_release_date") : nullptr;
    json::Object rec{{"id", json::Value("REDHAT-" + *cve)},
                     {"modified", json::Value(modified ? *modified : std::string("1970-01-01T00:00:00Z"))},
                     {"aliases", json::Value(json::Array{json::Value(*cve)})}};
    if (const std::string* title = string_member(v, "title")) rec.emplace_back("summary", json::Value(*title));
    json::Array severity;
    std::set<std::string> vectors;
    if (const json::Value* scores = v.find("scores"); scores != nullptr && scores->is_array())
      for (const json::Value& s : scores->as_array())
        if (const json::Value* c = s.find("cvss_v3"))
          if (const std::string* vec = string_member(*c, "vectorString"); vec && vectors.insert(*vec).second)
            severity.push_back(json::Value(json::Object{{"type", json::Value("CVSS_V3")}, {"score", json::Value(*vec)}}));
    if (!severity.empty()) rec.emplace_back("severity", json::Value(std::move(severity)));
    rec.emplace_back("affected", json::Value(std::move(affected)));
    json::Object db{{"source", json::Value("Red Hat CSAF VEX")}};
    if (const json::Value* threats = v.find("threats"); threats != nullptr && threats->is_array())
      for (const json::Value& t : threats->as_array())
        if (const std::string* c = string_member(t, "category"); c && *c == "impact")
          if (const std::string* d = string_member(t, "details")) {
            db.emplace_back("severity", json::Value(*d));
            break;
          }
    rec.emplace_back("database_specific", json::Value(std::move(db)));
    records["REDHAT-" + *cve] = json::Value(std::move(rec));
  }
  if (rpm_products == 0 && out.empty())
    fail(*vulns, "/vulnerabilities", "CSAF document whose product statuses name no rpm on a Red Hat platform (cpe:/…:redhat:…)");
  for (auto& [id, rec] : records) out.push_back(ConvertedRecord{std::move(rec), Error()});
  return out;
}

}  // namespace sbom::vulndb::detail
