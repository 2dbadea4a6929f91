// SPDX 3.0.1 JSON-LD reader: the @graph into the model, what the model lacks kept in JSON-LD shape.
#include <algorithm>
#include <functional>
#include <initializer_list>
#include <optional>
#include <unordered_map>
#include <utility>

#include "spdx3/carry.h"
#include "spdx3/graph.h"
#include "spdx3/spdx3.h"
#include "spdx3/vocab.h"

namespace sbom::spdx3 {

namespace {

using json::Object;
using json::Value;

bool is_agent_type(std::string_view t) {
  return t == "Agent" || t == "Person" || t == "Organization" || t == "SoftwareAgent" || t == "Tool";
}

class Reader {
 public:
  explicit Reader(std::string_view name) : name_(name) {}

  Expected<Document> run(std::string_view text);

 private:
  Error fail(const Value& at, std::string pointer, std::string message) const {
    Error e(std::move(message));
    e.file = name_;
    e.line = at.position.line;
    e.column = at.position.column;
    e.pointer = std::move(pointer);
    return e;
  }
  std::string ptr(std::size_t i) const { return "/@graph/" + std::to_string(i); }

  // Takes a string member out of element i; absent is "", another kind an error.
  Expected<std::string> take_string(std::size_t i, std::string_view key) {
    auto& o = elems_[i].as_object();
    for (auto it = o.begin(); it != o.end(); ++it) {
      if (it->first != key) continue;
      if (!it->second.is_string())
        return fail(it->second, ptr(i) + "/" + json::pointer_token(key),
                    "expected a string, found " + std::string(json::kind_name(it->second.kind())));
      std::string s = std::move(it->second.as_string());
      o.erase(it);
      return s;
    }
    return std::string();
  }

  // Moves string members of element i into `obj` (the first being its id, which must be there)
  // and records where the element was.
  template <typename T>
  Status take_fields(std::size_t i, T& obj, std::initializer_list<std::pair<std::string_view, std::string T::*>> fields) {
    obj.source_location = ptr(i);
    for (auto [key, member] : fields) {
      auto s = take_string(i, key);
      if (!s) return s.error();
      obj.*member = std::move(*s);
    }
    if ((obj.*(fields.begin()->second)).empty()) return fail(elems_[i], ptr(i), types_[i] + " without an spdxId");
    return Ok{};
  }

  Status index_graph();
  Status read_packages();
  Status read_vulnerabilities();
  Status read_relationships();
  Status read_document();
  void read_sbom_types(std::size_t sbom);
  Object take_agent(const std::string& id, std::string_view default_type, const std::string& creation_info,
                    std::string& where);
  void derive_associated_affects();
  void read_nesting();
  std::string agent_name(const Value& ref) const;
  Status check_creation_infos() const;
  void read_occurrences();
  void read_distribution();
  void read_file_links(std::string_view relationship_type, std::string_view infix,
                       const std::function<bool(Component&, const std::vector<std::size_t>&)>& take);
  bool plain_relationship(std::size_t i, const std::string& id) const;
  Component take_component(std::size_t k);

  std::string_view name_;
  std::vector<Value> elems_;        // the @graph elements, each an object with a string type
  std::vector<std::string> types_;  // the type of each element
  std::vector<bool> consumed_;      // element fully moved into the model
  std::unordered_map<std::string, std::size_t> by_id_;  // spdxId / @id -> element
  std::unordered_map<std::string, std::size_t> component_of_;  // package id -> index in components
  std::unordered_map<std::string, std::size_t> vuln_of_;       // vulnerability id -> index in vulns
  std::vector<Component> components_;
  std::vector<Vulnerability> vulns_;
  std::vector<bool> vuln_has_vex_;
  std::vector<std::size_t> copy_of_;  // for each vulnerability: the one it is a copy of (itself if none)
  std::vector<Dependency> deps_;
  std::optional<std::size_t> root_component_;
  std::string doc_ci_id_;  // the @id of the document's CreationInfo
  std::vector<std::vector<std::size_t>> children_;  // per component: the ones it contains (nesting)
  std::vector<bool> nested_;                        // per component: contained by another
  Document doc_;
};

Status Reader::index_graph() {
  for (std::size_t i = 0; i < elems_.size(); ++i) {
    const Value& e = elems_[i];
    if (!e.is_object()) return fail(e, ptr(i), "an element of @graph must be an object");
    const Value* type = e.find("type");
    if (!type || !type->is_string()) return fail(e, ptr(i), "element without a string 'type'");
    types_.push_back(type->as_string());
    for (std::string_view key : {"spdxId", "@id"}) {
      const Value* id = e.find(key);
      if (!id) continue;
      if (!id->is_string()) return fail(*id, ptr(i) + "/" + json::pointer_token(key), "expected a string id");
      auto [it, fresh] = by_id_.emplace(id->as_string(), i);
      if (!fresh)
        return fail(*id, ptr(i) + "/" + json::pointer_token(key),
                    "duplicate element id '" + id->as_string() + "' (the first is at " + ptr(it->second) + ")");
    }
  }
  consumed_.assign(elems_.size(), false);
  return Ok{};
}

// A single license id reads as a license id (what CycloneDX writes as license.id), anything
// else as an expression.
void set_license_text(License& l, const std::string& text) {
  bool simple = !text.empty() && text.find_first_of(" ()") == std::string::npos && text != "NOASSERTION" &&
                text != "NONE" && !text.starts_with("LicenseRef-") && !text.starts_with("DocumentRef-");
  (simple ? l.id : l.expression) = text;
}

std::optional<std::size_t> find_id(const std::unordered_map<std::string, std::size_t>& m, std::string_view id) {
  auto it = m.find(std::string(id));
  if (it == m.end()) return std::nullopt;
  return it->second;
}

// "urn:uuid:<uuid>" when `id` is "urn:uuid:<uuid>#SPDXRef-DOCUMENT-0" (what the writer makes of a
// serial number), else "".
std::string serial_of_document_id(std::string_view id) {
  constexpr std::string_view kPrefix = "urn:uuid:", kSuffix = "#SPDXRef-DOCUMENT-0";
  if (!id.starts_with(kPrefix) || !id.ends_with(kSuffix) || id.size() != kPrefix.size() + 36 + kSuffix.size()) return {};
  std::string_view uuid = id.substr(kPrefix.size(), 36);
  for (std::size_t i = 0; i < uuid.size(); ++i) {
    bool dash = i == 8 || i == 13 || i == 18 || i == 23;
    char c = uuid[i];
    if (dash ? c != '-' : !((c >= '0' && c <= '9') || (c >= 'a' && c <= 'f') || (c >= 'A' && c <= 'F'))) return {};
  }
  return std::string(id.substr(0, kPrefix.size() + 36));
}

// The non-empty name of the agent element `ref` names, or "".
std::string Reader::agent_name(const Value& ref) const {
  auto e = ref.is_string() ? find_id(by_id_, ref.as_string()) : std::nullopt;
  const Value* nm = e && is_agent_type(types_[*e]) ? elems_[*e].find("name") : nullptr;
  return nm && nm->is_string() ? nm->as_string() : std::string();
}

Status Reader::read_packages() {
  for (std::size_t i = 0; i < elems_.size(); ++i) {
    if (types_[i] != "software_Package") continue;
    Component c;
    if (auto s = take_fields(i, c, {{"spdxId", &Component::bom_ref}, {"name", &Component::name},
                                    {"software_packageVersion", &Component::version}});
        !s)
      return s.error();
    for (auto [key, field] : {std::pair<std::string_view, std::string ComponentRare::*>{"description", &ComponentRare::description},
                              {"software_copyrightText", &ComponentRare::copyright}}) {
      auto s = take_string(i, key);
      if (!s) return s.error();
      if (!s->empty()) c.rare.edit().*field = std::move(*s);
    }
    Object& o = elems_[i].as_object();
    erase_member(o, "type");
    // The home page and download location are CycloneDX's website and distribution references.
    bool located[2] = {false, false};
    for (std::size_t k = 0; k < 2; ++k) {
      auto [key, type] = kLocationReferences[k];
      auto s = take_string(i, key);
      if (!s) return s.error();
      if (s->empty()) continue;
      c.rare.edit().external_references.push_back(ExternalReference{std::string(type), std::move(*s), {}, {}, {}});
      located[k] = true;
    }
    std::vector<ExternalReference> refs;
    take_external_refs(o, refs, located[0], located[1]);
    for (auto& r : refs) c.rare.edit().external_references.push_back(std::move(r));
    if (const Value* p = find_member(o, "software_primaryPurpose"); p && p->is_string()) {
      if (std::string t = type_from_purpose(p->as_string()); !t.empty()) {
        c.type = std::move(t);
        erase_member(o, "software_primaryPurpose");
      }
    }
    if (Value* ids = find_member(o, "externalIdentifier"); ids && ids->is_array()) {
      if (const Value* e = find_identifier(*ids, kPurlType)) c.purl = e->find("identifier")->as_string();
      if (const Value* e = find_identifier(*ids, kCpeType)) c.cpe = e->find("identifier")->as_string();
    }
    if (c.purl.empty()) {
      auto s = take_string(i, "software_packageUrl");
      if (!s) return s.error();
      c.purl = std::move(*s);
    }
    if (Value* v = find_member(o, "verifiedUsing"); v && v->is_array()) {
      // Hash entries become typed hashes when they come first (the writer writes hashes, then
      // the other integrity methods), so the array reads back in its order.
      auto& arr = v->as_array();
      std::size_t n = 0;
      while (n < arr.size() && is_plain_hash(arr[n])) ++n;
      bool later_hash = std::any_of(arr.begin() + static_cast<std::ptrdiff_t>(n), arr.end(),
                                    [](const Value& h) { return is_plain_hash(h); });
      if (!later_hash) {
        for (std::size_t k = 0; k < n; ++k) {
          Hash h;
          for (auto& [key, val] : arr[k].as_object()) {
            if (key == "type") continue;
            if (key == "algorithm") h.alg = hash_alg_from_spdx3(val.as_string());
            else if (key == "hashValue") h.content = val.as_string();
            else h.extra.emplace_back(key, std::move(val));
          }
          c.hashes.push_back(std::move(h));
        }
        arr.erase(arr.begin(), arr.begin() + static_cast<std::ptrdiff_t>(n));
        if (arr.empty() && n > 0) erase_member(o, "verifiedUsing");
      }
    }
    // The supplier: the agent suppliedBy names (the element stays in the graph; other packages
    // may name it too), its name typed, its id in the supplier's extra.
    if (const Value* by = find_member(o, "suppliedBy"); by && by->is_string()) {
      if (auto e = find_id(by_id_, by->as_string()); e && is_agent_type(types_[*e])) {
        const Value* nm = elems_[*e].find("name");
        if (!nm || nm->is_string()) {
          OrganizationalEntity org;
          if (nm) org.name = nm->as_string();
          // Its e-mail identifiers are the contacts, its web pages the urls (the element itself
          // stays in the graph, so nothing else of it is lost).
          const Value& agent = elems_[*e];
          if (const Value* ids = agent.find("externalIdentifier"); ids && ids->is_array())
            for (const Value& x : ids->as_array())
              if (is_plain_identifier(x, kEmailType)) org.contacts.push_back(Contact{{}, x.find("identifier")->as_string(), {}, {}, {}});
          if (const Value* refs = agent.find("externalRef"); refs && refs->is_array())
            for (const Value& x : refs->as_array())
              if (plain_ref(x, kAgentUrlRefType, false)) org.urls.push_back(x.find("locator")->as_array()[0].as_string());
          org.extra.emplace_back("spdxId", *by);
          c.rare.edit().supplier = std::move(org);
          erase_member(o, "suppliedBy");
        }
      }
    }
    // The originators: a Person is the author, an Organization the publisher (one of each, named).
    if (const Value* ob = find_member(o, "originatedBy"); ob && ob->is_array() && !ob->as_array().empty()) {
      std::string person, org;
      bool ok = true;
      for (const Value& x : ob->as_array()) {
        auto e = x.is_string() ? find_id(by_id_, x.as_string()) : std::nullopt;
        const Value* nm = e ? elems_[*e].find("name") : nullptr;
        std::string* slot = !e ? nullptr : types_[*e] == "Person" ? &person : types_[*e] == "Organization" ? &org : nullptr;
        ok = slot && slot->empty() && nm && nm->is_string() && !nm->as_string().empty();
        if (!ok) break;
        *slot = nm->as_string();
      }
      if (ok) {
        c.rare.edit().author = std::move(person);
        c.rare.edit().publisher = std::move(org);
        erase_member(o, "originatedBy");
      }
    }
    take_properties(o, c.properties);
    c.extra = std::move(o);
    consumed_[i] = true;
    component_of_.emplace(c.bom_ref, components_.size());
    components_.push_back(std::move(c));
  }
  return Ok{};
}

Status Reader::read_vulnerabilities() {
  for (std::size_t i = 0; i < elems_.size(); ++i) {
    if (types_[i] != "security_Vulnerability") continue;
    Vulnerability v;
    if (auto s = take_fields(i, v, {{"spdxId", &Vulnerability::bom_ref}, {"description", &Vulnerability::description},
                                    {"security_publishedTime", &Vulnerability::published},
                                    {"security_modifiedTime", &Vulnerability::updated}});
        !s)
      return s.error();
    Object& o = elems_[i].as_object();
    erase_member(o, "type");
    if (Value* ids = find_member(o, "externalIdentifier"); ids && ids->is_array()) {
      // The first security identifier is the id; the others are its references (aliases).
      const Value* first = find_identifier(*ids, kSecurityIdTypes);
      for (const Value& e : ids->as_array()) {
        if (!is_plain_identifier(e, kSecurityIdTypes)) continue;
        const std::string& s = e.find("identifier")->as_string();
        if (&e == first) v.id = s;
        else v.references.push_back(VulnReference{s, {}, {}, {}, {}});
      }
    }
    // The supplier of the record is its source (the agent stays in the graph, as a rating's).
    if (Value* by = find_member(o, "suppliedBy"))
      if (std::string agent = agent_name(*by); !agent.empty()) {
        v.source_name = std::move(agent);
        v.source_extra.emplace_back("spdxId", std::move(*by));
        erase_member(o, "suppliedBy");
      }
    take_vulnerability_refs(o, v.advisories, v.cwes);
    take_properties(o, v.properties);
    take_vulnerability_text(v.properties, v);
    v.extra = std::move(o);
    consumed_[i] = true;
    vuln_of_.emplace(v.bom_ref, vulns_.size());
    copy_of_.push_back(vulns_.size());
    vulns_.push_back(std::move(v));
    vuln_has_vex_.push_back(false);
  }
  return Ok{};
}

Status Reader::read_relationships() {
  std::unordered_map<std::string, bool> has_dependency;
  for (std::size_t i = 0; i < elems_.size(); ++i) {
    const std::string& type = types_[i];
    const VexKind* vex = vex_kind_of_type(type);
    bool cvss = !method_of_cvss_type(type, "").empty();
    bool scoped = type == "LifecycleScopedRelationship";
    if (type != "Relationship" && !scoped && !vex && !cvss) continue;
    auto rel = relationship_of(elems_[i]);
    if (!rel) continue;  // malformed for our purposes: kept as it is
    const std::string& rtype = rel->relationship_type;

    if (vex || cvss) {
      auto vit = vuln_of_.find(rel->from);
      if (vit == vuln_of_.end()) continue;
      if (vex ? rtype != vex->relationship_type : rtype != "hasAssessmentFor") continue;
      Object rest = strip_relationship(elems_[i].as_object(), /*keep_to=*/cvss);
      std::vector<std::vector<AffectedVersion>> versions;
      if (vex) take_affect_versions(rest, rel->to.size(), [](std::size_t) { return true; }, versions);
      if (vex) {
        Analysis a;
        a.state = std::string(vex->state);
        bool not_affected = a.state == "not_affected";
        Object extra;
        for (auto& [key, val] : rest) {
          if (val.is_string() && key == "security_justificationType" && !justification_from_spdx3(val.as_string()).empty())
            a.justification = justification_from_spdx3(val.as_string());
          else if (val.is_string() && key == (not_affected ? "security_impactStatement" : "security_statusNotes"))
            a.detail = val.as_string();
          else if (val.is_string() && key == "security_publishedTime") a.first_issued = val.as_string();
          else if (val.is_string() && key == "security_modifiedTime") a.last_updated = val.as_string();
          else if (val.is_string() && key == "security_actionStatement" &&
                   (val.as_string().empty() || parse_responses(val.as_string(), a.response))) continue;
          else extra.emplace_back(key, std::move(val));
        }
        a.extra = std::move(extra);
        std::size_t vi = vit->second;
        Vulnerability* target = &vulns_[vi];
        if (vuln_has_vex_[vi]) {
          // A second statement about the same vulnerability: a copy of the finding carries it,
          // with the statement's id as its bom-ref and the vulnerability's id in the statement's
          // `from` (the writer writes the vulnerability once, a statement per copy).
          Vulnerability copy = vulns_[vi];
          copy.analysis.reset();
          copy.affects.clear();
          const Value* sid = find_member(a.extra, "spdxId");
          copy.bom_ref = sid && sid->is_string() ? sid->as_string() : copy.bom_ref + "#vex-" + std::to_string(vulns_.size());
          a.extra.emplace_back("from", Value(rel->from));
          copy_of_.push_back(vi);
          vulns_.push_back(std::move(copy));
          vuln_has_vex_.push_back(true);
          target = &vulns_.back();
        }
        vuln_has_vex_[vi] = true;
        target->analysis = std::move(a);
        for (std::size_t k = 0; k < rel->to.size(); ++k)
          target->affects.push_back(Affect{rel->to[k], versions.empty() ? std::vector<AffectedVersion>{} : std::move(versions[k]), {}});
      } else {
        Rating r;
        r.method = method_of_cvss_type(type, "");
        Object extra;
        for (auto& [key, val] : rest) {
          if (key == "security_score" && val.is_number()) r.score = val.as_number();
          else if (key == "security_severity" && val.is_string()) r.severity = val.as_string();
          else if (key == "security_vectorString" && val.is_string()) r.vector = val.as_string();
          else if (std::string agent = key == "suppliedBy" ? agent_name(val) : ""; !agent.empty()) {
            // The agent stays in the graph (others may name it); the rating keeps its id.
            r.source_name = std::move(agent);
            r.source_extra.emplace_back("spdxId", std::move(val));
          } else extra.emplace_back(key, std::move(val));
        }
        r.method = method_of_cvss_type(type, r.vector);
        r.extra = std::move(extra);
        vulns_[vit->second].ratings.push_back(std::move(r));
      }
      consumed_[i] = true;
      continue;
    }

    auto from = component_of_.find(rel->from);
    if (from == component_of_.end()) continue;
    bool to_packages = std::all_of(rel->to.begin(), rel->to.end(), [&](const std::string& t) {
      return component_of_.count(t) > 0;
    });
    if (rtype == "dependsOn" && to_packages && !has_dependency[rel->from]) {
      // A dependency with a lifecycle scope keeps its class in its extra (the writer writes
      // Relationship unless told otherwise).
      has_dependency[rel->from] = true;
      Object rest = strip_relationship(elems_[i].as_object(), false);
      if (scoped) rest.emplace(rest.begin(), "type", Value(type));
      deps_.push_back(Dependency{rel->from, rel->to, std::move(rest), ptr(i)});
      consumed_[i] = true;
    } else if (!scoped && (rtype == "hasDeclaredLicense" || rtype == "hasConcludedLicense")) {
      bool all_expressions = std::all_of(rel->to.begin(), rel->to.end(), [&](const std::string& t) {
        auto e = find_id(by_id_, t);
        return e && types_[*e] == "simplelicensing_LicenseExpression" &&
               elems_[*e].find("simplelicensing_licenseExpression") &&
               elems_[*e].find("simplelicensing_licenseExpression")->is_string();
      });
      if (!all_expressions) continue;
      Object rest = strip_relationship(elems_[i].as_object(), false);
      for (const auto& t : rel->to) {
        License l;
        const Value& expression = elems_[*find_id(by_id_, t)];
        // A license known by name (graph.h): its LicenseRef names a text element with the name.
        std::string name = custom_license_name(expression, [&](std::string_view id) -> const Value* {
          auto e = find_id(by_id_, id);
          return e ? &elems_[*e] : nullptr;
        });
        if (!name.empty()) l.name = std::move(name);
        else set_license_text(l, expression.find("simplelicensing_licenseExpression")->as_string());
        l.acknowledgement = rtype == "hasDeclaredLicense" ? "declared" : "concluded";
        l.license_extra.emplace_back("spdxId", Value(t));
        l.extra = rest;
        l.source_location = ptr(i);
        l.license_source_location = ptr(*find_id(by_id_, t));
        components_[from->second].licenses.push_back(std::move(l));
      }
      consumed_[i] = true;
    }
  }
  return Ok{};
}

// A vulnerability with no VEX statement affects the packages that name it in a
// hasAssociatedVulnerability relationship (which stays in the graph as it is).
void Reader::derive_associated_affects() {
  for (std::size_t i = 0; i < elems_.size(); ++i) {
    if (consumed_[i] || types_[i] != "Relationship") continue;
    auto rel = relationship_of(elems_[i]);
    // From a package only: an affect of anything else could not be written (the relationship
    // stays as it is, kept).
    if (!rel || rel->relationship_type != "hasAssociatedVulnerability" || !component_of_.count(rel->from)) continue;
    auto derived = [&](std::size_t k) {
      auto v = vuln_of_.find(rel->to[k]);
      return v != vuln_of_.end() && !vuln_has_vex_[v->second];
    };
    // The affected versions on the relationship (carry.h), when they are all of derived affects.
    std::vector<std::vector<AffectedVersion>> versions;
    take_affect_versions(elems_[i].as_object(), rel->to.size(), derived, versions);
    for (std::size_t k = 0; k < rel->to.size(); ++k) {
      if (!derived(k)) continue;
      vulns_[vuln_of_.at(rel->to[k])].affects.push_back(
          Affect{rel->from, versions.empty() ? std::vector<AffectedVersion>{} : std::move(versions[k]), {}});
    }
  }
}

// The members of the agent or tool element `id` names, taken out of the graph: spdxId always; type
// when it is not `default_type`; creationInfo when it is not the document's. An element that is no
// agent or tool, or one already taken, stays where it is and only its id is kept; so does an id
// that names nothing (the writer then makes the element). `where` is the element's place in the
// input when it is taken, else left empty.
Object Reader::take_agent(const std::string& id, std::string_view default_type, const std::string& creation_info,
                          std::string& where) {
  Object extra{{"spdxId", Value(id)}};
  auto e = find_id(by_id_, id);
  if (!e || consumed_[*e] || !is_agent_type(types_[*e]) || elems_[*e].find("@id")) return extra;
  if (const Value* own = elems_[*e].find("spdxId"); !own || *own != Value(id)) return extra;
  for (auto& [key, val] : elems_[*e].as_object()) {
    if (key == "spdxId") continue;
    if (key == "type" && val.is_string() && val.as_string() == default_type) continue;
    if (key == "creationInfo" && val.is_string() && !creation_info.empty() && val.as_string() == creation_info) continue;
    extra.emplace_back(key, std::move(val));
  }
  consumed_[*e] = true;
  where = ptr(*e);
  return extra;
}

// A creationInfo naming no CreationInfo of the document is invalid SPDX 3 (a CreationInfo is a
// blank node, so it cannot be another document's), and cannot be carried: the CreationInfo the
// writer makes could take the id it names, and the element would mean something else read back.
Status Reader::check_creation_infos() const {
  for (std::size_t i = 0; i < elems_.size(); ++i) {
    const Value* ci = elems_[i].find("creationInfo");
    if (!ci || !ci->is_string()) continue;
    auto node = find_id(by_id_, ci->as_string());
    if (node && types_[*node] == "CreationInfo") continue;
    return fail(*ci, ptr(i) + "/creationInfo",
                "creationInfo '" + ci->as_string() + "' names " + (node ? "a " + types_[*node] + ", not a CreationInfo" : std::string("no element")));
  }
  return Ok{};
}

Status Reader::read_document() {
  std::optional<std::size_t> di;
  for (std::size_t i = 0; i < elems_.size(); ++i)
    if (types_[i] == "SpdxDocument") {
      if (di) return fail(elems_[i], ptr(i), "a second SpdxDocument (the first is at " + ptr(*di) + ")");
      di = i;
    }
  doc_.spec_version = std::string(kSpecVersion);
  if (!di) return Ok{};
  std::size_t d = *di;
  doc_.metadata.present = true;
  doc_.metadata.source_location = ptr(d);
  auto name = take_string(d, "name");
  if (!name) return name.error();
  doc_.name = std::move(*name);
  // The serial number of a document the writer made: its id is "<serial>#SPDXRef-DOCUMENT-0".
  if (const Value* id = elems_[d].find("spdxId"); id && id->is_string())
    doc_.serial_number = serial_of_document_id(id->as_string());
  take_properties(elems_[d].as_object(), doc_.metadata.properties);

  // The document's CreationInfo becomes the metadata (timestamp, tools, authors).
  Object& o = elems_[d].as_object();
  if (Value* ci = find_member(o, "creationInfo")) {
    std::optional<std::size_t> node;
    if (ci->is_string()) node = find_id(by_id_, ci->as_string());
    Value* info = node ? &elems_[*node] : (ci->is_object() ? ci : nullptr);
    if (info) {
      std::string ci_id = node ? ci->as_string() : std::string();
      doc_ci_id_ = ci_id;
      doc_.metadata.extra_source_location = node ? ptr(*node) : ptr(d) + "/creationInfo";
      Object rest;
      for (auto& [key, val] : info->as_object()) {
        if (key == "type") continue;
        if (key == "created" && val.is_string()) { doc_.metadata.timestamp = val.as_string(); continue; }
        if (key == "specVersion" && val.is_string()) { doc_.spec_version = val.as_string(); continue; }
        bool tools = key == "createdUsing", authors = key == "createdBy";
        // References only (an empty one names nothing): else the member is kept as it was.
        if ((tools || authors) && val.is_array() &&
            std::all_of(val.as_array().begin(), val.as_array().end(), [](const Value& x) { return x.is_string() && !x.as_string().empty(); })) {
          for (const Value& ref : val.as_array()) {
            // The agent or tool element moves into the model (its other members into the
            // extra), so the writer writes it in one place whether it made it or read it.
            std::string where;
            Object extra = take_agent(ref.as_string(), tools ? "Tool" : "Person", ci_id, where);
            std::string nm, email;
            if (Value* n = find_member(extra, "name"); n && n->is_string()) {
              nm = std::move(n->as_string());
              erase_member(extra, "name");
            }
            if (!tools)
              if (const Value* ids = find_member(extra, "externalIdentifier"); ids && ids->is_array())
                if (const Value* m = find_identifier(*ids, kEmailType)) email = m->find("identifier")->as_string();
            if (tools) {
              Tool t;
              t.version = split_tool_name(nm);
              t.name = std::move(nm);
              t.extra = std::move(extra);
              t.source_location = std::move(where);
              doc_.metadata.tools.push_back(std::move(t));
            } else {
              Contact c;
              c.name = std::move(nm);
              c.email = std::move(email);
              c.extra = std::move(extra);
              c.source_location = std::move(where);
              doc_.metadata.authors.push_back(std::move(c));
            }
          }
          continue;
        }
        rest.emplace_back(key, std::move(val));
      }
      doc_.metadata.extra = std::move(rest);
      if (node) consumed_[*node] = true;
      erase_member(o, "creationInfo");
    }
  }

  // metadata.component: the first root element of the SBOM the document's first root names.
  if (const Value* roots = find_member(o, "rootElement"); roots && roots->is_array() && !roots->as_array().empty() &&
                                                          roots->as_array()[0].is_string()) {
    std::string root = roots->as_array()[0].as_string();
    if (auto s = find_id(by_id_, root); s && types_[*s] == "software_Sbom") {
      read_sbom_types(*s);
      const Value* inner = elems_[*s].find("rootElement");
      root = inner && inner->is_array() && !inner->as_array().empty() && inner->as_array()[0].is_string()
                 ? inner->as_array()[0].as_string() : "";
    }
    if (auto c = component_of_.find(root); c != component_of_.end()) root_component_ = c->second;
  }
  return Ok{};
}

// The generation context: the document's SBOM's software_sbomType becomes the metadata's
// lifecycles when every value is an sbomType; else the member stays in the element, as it was.
void Reader::read_sbom_types(std::size_t s) {
  Object& sbom = elems_[s].as_object();
  const Value* types = find_member(sbom, "software_sbomType");
  if (!types || !types->is_array() || types->as_array().empty()) return;
  std::vector<Lifecycle> out;
  for (const Value& t : types->as_array()) {
    if (!t.is_string() || !lifecycle_from_sbom_type(t.as_string(), out.emplace_back())) return;
  }
  doc_.metadata.lifecycles = std::move(out);
  doc_.metadata.lifecycles_source_location = ptr(s) + "/software_sbomType";
  erase_member(sbom, "software_sbomType");
}

// `contains` between packages is the model's nesting when the relationship is just that (the
// members the writer writes, its id the one the writer makes) and the nesting is a forest: each
// package contained once, not the document's root, no cycle, at most kMaxDepth deep. Any other
// contains stays a relationship in the graph.
constexpr std::size_t kMaxDepth = 64;

void Reader::read_nesting() {
  children_.assign(components_.size(), {});
  nested_.assign(components_.size(), false);
  std::vector<std::optional<std::size_t>> parent(components_.size());
  std::unordered_map<std::string, int> contained;  // package id -> contains naming it
  std::vector<std::size_t> candidates;
  for (std::size_t i = 0; i < elems_.size(); ++i) {
    if (consumed_[i] || types_[i] != "Relationship") continue;
    auto rel = relationship_of(elems_[i]);
    if (!rel || rel->relationship_type != "contains" || !component_of_.count(rel->from)) continue;
    if (!plain_relationship(i, rel->from + "/contains") || !std::all_of(rel->to.begin(), rel->to.end(), [&](const std::string& t) { return component_of_.count(t) > 0; }))
      continue;
    candidates.push_back(i);
    for (const auto& t : rel->to) ++contained[t];
  }
  auto depth = [&](std::size_t k) {
    std::size_t d = 0;
    for (auto p = parent[k]; p && d <= kMaxDepth; p = parent[*p]) ++d;
    return d;
  };
  std::function<std::size_t(std::size_t)> height = [&](std::size_t k) {
    std::size_t h = 0;
    for (std::size_t c : children_[k]) h = std::max(h, 1 + height(c));
    return h;
  };
  for (std::size_t i : candidates) {
    auto rel = relationship_of(elems_[i]);
    std::size_t from = component_of_.at(rel->from);
    bool ok = true;
    for (const auto& t : rel->to) {
      std::size_t k = component_of_.at(t);
      ok = ok && contained[t] == 1 && k != from && !nested_[k] && !(root_component_ && *root_component_ == k);
      // No cycle: the child is not an ancestor of the parent.
      for (auto p = parent[from]; ok && p; p = parent[*p]) ok = *p != k;
      ok = ok && depth(from) + 1 + height(k) <= kMaxDepth;
    }
    // Each child once in this relationship too.
    std::vector<std::string> to = rel->to;
    std::sort(to.begin(), to.end());
    ok = ok && std::adjacent_find(to.begin(), to.end()) == to.end();
    if (!ok) continue;
    for (const auto& t : rel->to) {
      std::size_t k = component_of_.at(t);
      parent[k] = from;
      nested_[k] = true;
      children_[from].push_back(k);
    }
    consumed_[i] = true;
  }
}

// A relationship with the members the writer writes and nothing else, its id `id` and its
// creationInfo the document's.
bool Reader::plain_relationship(std::size_t i, const std::string& id) const {
  bool plain = !doc_ci_id_.empty();
  for (const auto& [key, val] : elems_[i].as_object()) {
    if (key == "spdxId") plain = plain && val.is_string() && val.as_string() == id;
    else if (key == "creationInfo") plain = plain && val.is_string() && val.as_string() == doc_ci_id_;
    else plain = plain && (key == "type" || key == "from" || key == "relationshipType" || key == "to");
  }
  return plain && elems_[i].find("spdxId");
}

// Files a package links to in the writer's shape: relationship P/<type>, files P<infix>0, 1, …
// in that order, software_Files taken by no one else. `take` checks the files and moves them into
// the component, or returns false (then all stays in the graph as it is).
void Reader::read_file_links(std::string_view relationship_type, std::string_view infix,
                             const std::function<bool(Component&, const std::vector<std::size_t>&)>& take) {
  for (std::size_t i = 0; i < elems_.size(); ++i) {
    if (consumed_[i] || types_[i] != "Relationship") continue;
    auto rel = relationship_of(elems_[i]);
    if (!rel || rel->relationship_type != relationship_type) continue;
    auto from = component_of_.find(rel->from);
    if (from == component_of_.end() || !plain_relationship(i, rel->from + "/" + std::string(relationship_type))) continue;
    std::vector<std::size_t> files;
    for (std::size_t k = 0; k < rel->to.size(); ++k) {
      auto e = find_id(by_id_, rel->to[k]);
      if (!e || consumed_[*e] || types_[*e] != "software_File" || elems_[*e].find("@id") ||
          rel->to[k] != rel->from + std::string(infix) + std::to_string(k))
        break;
      files.push_back(*e);
    }
    if (files.size() != rel->to.size() || !take(components_[from->second], files)) continue;
    for (std::size_t e : files) consumed_[e] = true;
    consumed_[i] = true;
  }
}

// hasEvidence: each file is an occurrence, its name the location (its other members, a
// creationInfo not the document's included, the occurrence's extra).
void Reader::read_occurrences() {
  read_file_links("hasEvidence", "/occurrence-", [&](Component& c, const std::vector<std::size_t>& files) {
    for (std::size_t e : files)
      if (const Value* nm = elems_[e].find("name"); nm && !nm->is_string()) return false;
    for (std::size_t e : files) {
      Occurrence oc;
      for (auto& [key, val] : elems_[e].as_object()) {
        if (key == "type" || key == "spdxId") continue;
        if (key == "name") oc.location = val.as_string();
        else if (key == "creationInfo" && val.is_string() && val.as_string() == doc_ci_id_) continue;
        else oc.extra.emplace_back(key, std::move(val));
      }
      c.occurrences.push_back(std::move(oc));
    }
    return true;
  });
}

// hasDistributionArtifact: each file that has just its altDownloadLocation and hashes is a
// distribution reference with hashes.
void Reader::read_distribution() {
  auto plain = [&](const Value& f) {
    for (const auto& [key, val] : f.as_object()) {
      if (key == "type" || key == "spdxId") continue;
      if (key == "creationInfo") {
        if (!val.is_string() || val.as_string() != doc_ci_id_) return false;
      } else if (key == "externalRef") {
        if (!val.is_array() || val.as_array().size() != 1 || !plain_ref(val.as_array()[0], "altDownloadLocation", true)) return false;
      } else if (key == "verifiedUsing") {
        if (!val.is_array() || val.as_array().empty()) return false;
        for (const Value& h : val.as_array())
          if (!is_plain_hash(h) || h.as_object().size() != 3) return false;
      } else {
        return false;
      }
    }
    return f.find("externalRef") && f.find("verifiedUsing");
  };
  read_file_links("hasDistributionArtifact", "/distribution-", [&](Component& c, const std::vector<std::size_t>& files) {
    if (!std::all_of(files.begin(), files.end(), [&](std::size_t e) { return plain(elems_[e]); })) return false;
    for (std::size_t e : files) {
      const Value& ref = elems_[e].find("externalRef")->as_array()[0];
      ExternalReference r{"distribution", ref.find("locator")->as_array()[0].as_string(), {}, {}, {}};
      if (const Value* cm = ref.find("comment")) r.comment = cm->as_string();
      for (const Value& h : elems_[e].find("verifiedUsing")->as_array())
        r.hashes.push_back(Hash{hash_alg_from_spdx3(h.find("algorithm")->as_string()), h.find("hashValue")->as_string(), {}});
      c.rare.edit().external_references.push_back(std::move(r));
    }
    return true;
  });
}

Component Reader::take_component(std::size_t k) {
  Component c = std::move(components_[k]);
  for (std::size_t child : children_[k]) c.components.push_back(take_component(child));
  return c;
}

Expected<Document> Reader::run(std::string_view text) {
  json::ParseOptions opts;
  opts.reject_duplicate_keys = true;
  auto parsed = json::parse(format::skip_utf8_bom(text), opts);
  if (!parsed) return std::move(parsed.error().in_file(name_));
  Value& root = *parsed;
  if (!root.is_object()) return fail(root, "", "an SPDX 3 document must be a JSON object");
  const Value* ctx = root.find("@context");
  if (!ctx) return fail(root, "", "no @context (an SPDX 3 JSON-LD document names " + std::string(kContext) + ")");
  if (!ctx->is_string() || ctx->as_string() != kContext)
    return fail(*ctx, "/@context", "@context is not " + std::string(kContext) + " (only SPDX 3.0.1 is read)");
  Value* graph = root.find("@graph");
  if (!graph) return fail(root, "", "no @graph (SPDX 3 documents with a single top-level element are not read)");
  if (!graph->is_array()) return fail(*graph, "/@graph", "@graph must be an array");
  elems_ = std::move(graph->as_array());
  for (auto& [key, val] : root.as_object())
    if (key != "@context" && key != "@graph") doc_.extra.emplace_back(key, std::move(val));

  doc_.syntax = Syntax::Spdx3JsonLd;
  if (auto s = index_graph(); !s) return std::move(s.error());
  if (auto s = check_creation_infos(); !s) return std::move(s.error());
  if (auto s = read_packages(); !s) return std::move(s.error());
  if (auto s = read_vulnerabilities(); !s) return std::move(s.error());
  if (auto s = read_relationships(); !s) return std::move(s.error());
  derive_associated_affects();
  for (std::size_t k = 0; k < vulns_.size(); ++k)
    if (copy_of_[k] != k) vulns_[k].ratings = vulns_[copy_of_[k]].ratings;
  if (auto s = read_document(); !s) return std::move(s.error());

  read_nesting();
  read_occurrences();
  read_distribution();
  std::vector<Component> top;
  for (std::size_t k = 0; k < components_.size(); ++k) {
    if ((root_component_ && *root_component_ == k) || nested_[k]) continue;
    top.push_back(take_component(k));
  }
  if (root_component_) doc_.metadata.component = take_component(*root_component_);
  doc_.components = std::move(top);
  if (!deps_.empty()) doc_.dependencies = std::move(deps_);
  if (!vulns_.empty()) doc_.vulnerabilities = std::move(vulns_);
  json::Array rest;
  for (std::size_t i = 0; i < elems_.size(); ++i)
    if (!consumed_[i]) rest.push_back(std::move(elems_[i]));
  if (!rest.empty()) doc_.extra.emplace_back("@graph", Value(std::move(rest)));
  return std::move(doc_);
}

}  // namespace

Expected<Document> read_spdx3(std::string_view text, std::string_view name) { return Reader(name).run(text); }

}  // namespace sbom::spdx3
