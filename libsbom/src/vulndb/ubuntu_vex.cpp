// Canonical OpenVEX -> OSV: each statement's source-package products become affected entries of
// UBUNTU-<CVE> records that carry Ubuntu's verdict for each release.
#include "vulndb/ubuntu_vex.h"

#include <map>
#include <string>
#include <utility>

#include "sbom/ecosystem.h"
#include "sbom/purl.h"

namespace sbom::vulndb::detail {
namespace {

// A JSON Pointer one step deeper (appended: g++ 12 warns (-Wrestrict) on "/" + a temporary).
std::string child(const std::string& pointer, std::string_view key) {
  std::string out = pointer;
  out += '/';
  out += json::pointer_token(key);
  return out;
}
std::string child(const std::string& pointer, std::size_t i) {
  std::string out = pointer;
  out += '/';
  out += std::to_string(i);
  return out;
}

bool contains(std::string_view text, std::string_view word) { return text.find(word) != std::string_view::npos; }

// Ubuntu's CVE tracker states an affected package's kind in the action statement's words (the
// tracker's own states: ignored, end-of-life, deferred, needed); our words are sbom-gate's.
std::string vendor_state(std::string_view status, std::string_view action) {
  if (status == "fixed") return "fixed";
  if (status == "under_investigation") return "under-investigation";
  if (contains(action, "decided to not fix") || contains(action, "will not be fixed")) return "ignored";
  if (contains(action, "no longer supported") || contains(action, "end of life") || contains(action, "end-of-life"))
    return "end-of-life";
  if (contains(action, "deferred")) return "fix-deferred";
  return "affected";
}

struct Entry {
  json::Value ranges;
  json::Object specific;
};

struct Vuln {
  std::string description;
  std::map<std::pair<std::string, std::string>, Entry> affected;  // (ecosystem, package) -> entry
};

}  // namespace

bool is_ubuntu_vex(const json::Value& root) {
  const std::string* context = string_member(root, "@context");
  const std::string* author = string_member(root, "author");
  const json::Value* statements = root.is_object() ? root.find("statements") : nullptr;
  return context != nullptr && context->starts_with("https://openvex.dev/ns") && author != nullptr &&
         contains(*author, "Canonical") && statements != nullptr;
}

std::vector<ConvertedRecord> ubuntu_vex_to_osv(const json::Value& root, std::string_view name) {
  std::vector<ConvertedRecord> out;
  auto fail = [&](const json::Value& v, std::string pointer, std::string message) {
    out.push_back(ConvertedRecord{json::Value(), json::error_at(name, v, std::move(pointer), std::move(message))});
  };
  const json::Value& statements = *root.find("statements");
  if (!statements.is_array()) {
    fail(statements, "/statements", "`statements` is not an array");
    return out;
  }
  const std::string* stamp = string_member(root, "timestamp");
  if (stamp == nullptr || stamp->empty()) {
    fail(root, "", "an OpenVEX document without a `timestamp` (the records' modified time)");
    return out;
  }
  std::map<std::string, Vuln> by_name;
  for (std::size_t i = 0; i < statements.as_array().size(); ++i) {
    const json::Value& s = statements.as_array()[i];
    const std::string ptr = child("/statements", i);
    const json::Value* vuln = s.is_object() ? s.find("vulnerability") : nullptr;
    const std::string* vname = vuln ? string_member(*vuln, "name") : nullptr;
    if (vname == nullptr || vname->empty()) {
      fail(s, ptr, "a statement without `vulnerability.name`");
      continue;
    }
    const std::string* status = string_member(s, "status");
    if (status == nullptr ||
        (*status != "fixed" && *status != "affected" && *status != "not_affected" && *status != "under_investigation")) {
      fail(s, child(ptr, "status"),
           "expected `status` fixed, affected, not_affected or under_investigation, found " +
               (status ? "'" + *status + "'" : std::string("none")));
      continue;
    }
    const json::Value* products = s.find("products");
    if (products == nullptr || !products->is_array()) {
      fail(products ? *products : s, child(ptr, "products"), "expected `products`, an array");
      continue;
    }
    for (const char* key : {"justification", "action_statement", "status_notes", "impact_statement"})
      if (const json::Value* m = s.find(key); m != nullptr && !m->is_string()) {
        fail(*m, child(ptr, key), std::string(key) + " is not a string");
        goto next_statement;
      }
    {
      Vuln& v = by_name[*vname];
      if (const std::string* d = string_member(*vuln, "description"); d != nullptr && v.description.empty())
        v.description = *d;
      if (*status == "not_affected") continue;
      const std::string* action = string_member(s, "action_statement");
      const std::string state = vendor_state(*status, action ? std::string_view(*action) : std::string_view());
      for (std::size_t j = 0; j < products->as_array().size(); ++j) {
        const json::Value& p = products->as_array()[j];
        const std::string pp = child(child(ptr, "products"), j);
        const std::string* id = string_member(p, "@id");
        if (id == nullptr) {
          fail(p, pp, "a product without an `@id` purl");
          continue;
        }
        auto purl = parse_purl(*id);
        if (!purl) {
          fail(*p.find("@id"), child(pp, "@id"), "'" + *id + "': " + purl.error().message);
          continue;
        }
        if (purl->type != "deb" || purl->ns != "ubuntu" || purl->qualifier("arch") != "source") continue;
        const std::string distro = purl->qualifier("distro");
        if (distro.find('/') != std::string::npos) continue;  // esm-infra/xenial and the like: Ubuntu Pro
        auto ecosystem = version::ecosystem_for_purl(purl->type, purl->ns, distro);
        if (!ecosystem) {
          fail(*p.find("@id"), child(pp, "@id"), "'" + *id + "': " + ecosystem.error().message);
          continue;
        }
        if (*status == "fixed" && purl->version.empty()) {
          fail(*p.find("@id"), child(pp, "@id"), "'" + *id + "': a fixed product without a version");
          continue;
        }
        Entry e;
        json::Array events{json::Value(json::Object{{"introduced", json::Value("0")}})};
        if (*status == "fixed") events.push_back(json::Value(json::Object{{"fixed", json::Value(purl->version)}}));
        e.ranges = json::Value(json::Array{json::Value(json::Object{{"type", json::Value("ECOSYSTEM")},
                                                                    {"events", json::Value(std::move(events))}})});
        e.specific.emplace_back("release", json::Value(distro));
        e.specific.emplace_back("status", json::Value(*status));
        for (const char* key : {"justification", "status_notes"})
          if (const std::string* m = string_member(s, key)) e.specific.emplace_back(key, json::Value(*m));
        e.specific.emplace_back("vendor_state", json::Value(state));
        if (action != nullptr && !action->empty()) e.specific.emplace_back("vendor_reason", json::Value(*action));
        // A later statement on the same package and release is the newer word (Canonical lists
        // each once; a repeat keeps the last).
        v.affected[{*ecosystem, purl->name}] = std::move(e);
      }
    }
  next_statement:;
  }
  for (auto& [vname, v] : by_name) {
    if (v.affected.empty()) continue;
    json::Object rec{{"id", json::Value("UBUNTU-" + vname)}, {"modified", json::Value(*stamp)}};
    if (vname.starts_with("CVE-")) rec.emplace_back("aliases", json::Value(json::Array{json::Value(vname)}));
    if (!v.description.empty()) rec.emplace_back("details", json::Value(v.description));
    json::Array affected;
    for (auto& [key, e] : v.affected)
      affected.push_back(json::Value(json::Object{
          {"package", json::Value(json::Object{{"ecosystem", json::Value(key.first)}, {"name", json::Value(key.second)}})},
          {"ranges", std::move(e.ranges)},
          {"ecosystem_specific", json::Value(std::move(e.specific))}}));
    rec.emplace_back("affected", json::Value(std::move(affected)));
    rec.emplace_back("database_specific", json::Value(json::Object{{"source", json::Value("Ubuntu OpenVEX")}}));
    out.push_back(ConvertedRecord{json::Value(std::move(rec)), Error()});
  }
  return out;
}

}  // namespace sbom::vulndb::detail
