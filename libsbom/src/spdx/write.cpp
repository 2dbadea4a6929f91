// The model -> SPDX 2 JSON shape, obeying SPDX's document rules: unique SPDXIDs made from the
// bom-refs, every relationship target present, a DESCRIBES relationship, valid license
// expressions (NOASSERTION where unknown), a deterministic documentNamespace, CC0-1.0.
// Extras are written only for a document read from SPDX 2; otherwise each is a Loss.
#include <openssl/evp.h>

#include <algorithm>
#include <span>
#include <unordered_map>
#include <unordered_set>
#include <utility>

#include "core/input_places.h"
#include "core/text_blocks.h"
#include "mapping.h"
#include "spdx.h"
#include "tag_value.h"

namespace sbom::spdx {

namespace {

using json::Value;

constexpr std::string_view kWhy = "SPDX 2 has no place for it";

bool starts_with(std::string_view s, std::string_view p) { return s.substr(0, p.size()) == p; }

// Package members present only from SPDX 2.3 on (written to 2.2 they are a Loss).
constexpr std::string_view kPackage23[] = {"primaryPackagePurpose", "builtDate", "releaseDate", "validUntilDate"};

std::string hex(const unsigned char* p, unsigned n) {
  static constexpr char kDigits[] = "0123456789abcdef";
  std::string out;
  for (unsigned i = 0; i < n; ++i) {
    out += kDigits[p[i] >> 4];
    out += kDigits[p[i] & 15];
  }
  return out;
}

std::string sha256_hex(std::string_view s) {
  unsigned char md[EVP_MAX_MD_SIZE];
  unsigned len = 0;
  EVP_Digest(s.data(), s.size(), md, &len, EVP_sha256(), nullptr);
  return hex(md, len);
}

// Appends the extras: a member already written is replaced, except that arrays are joined (the
// reader split them: typed entries went to fields, the rest stayed here).
void merge(json::Object& out, const json::Object& extra) {
  for (const json::Member& e : extra) {
    auto it = std::find_if(out.begin(), out.end(), [&](const json::Member& m) { return m.first == e.first; });
    if (it == out.end()) out.push_back(e);
    else if (it->second.is_array() && e.second.is_array())
      for (const Value& x : e.second.as_array()) it->second.as_array().push_back(x);
    else it->second = e.second;
  }
}

// Members in the order of the SPDX 2.3 spec's sections (others after, as they came), so the output
// does not depend on which members were typed fields and which were extras.
constexpr std::string_view kDocumentOrder[] = {
    "spdxVersion", "dataLicense", "SPDXID", "name", "documentNamespace", "creationInfo", "externalDocumentRefs",
    "comment", "documentDescribes", "packages", "files", "snippets", "hasExtractedLicensingInfos", "relationships",
    "annotations", "revieweds"};
constexpr std::string_view kCreationOrder[] = {"created", "creators", "comment", "licenseListVersion"};
constexpr std::string_view kPackageOrder[] = {
    "SPDXID", "name", "versionInfo", "packageFileName", "supplier", "originator", "downloadLocation", "filesAnalyzed",
    "packageVerificationCode", "checksums", "homepage", "sourceInfo", "primaryPackagePurpose", "builtDate",
    "releaseDate", "validUntilDate", "licenseConcluded", "licenseInfoFromFiles", "licenseDeclared",
    "licenseComments", "copyrightText", "summary", "description", "comment", "attributionTexts", "externalRefs",
    "annotations", "hasFiles"};

// A stable insertion sort by each member's rank, looked up once: this runs for every package,
// where std::stable_sort's buffer was an allocation and each comparison two lookups.
void order(json::Object& o, std::span<const std::string_view> keys) {
  constexpr std::size_t kSmall = 64;  // the writers' objects have a few dozen members at most
  std::size_t small[kSmall];
  std::vector<std::size_t> large(o.size() > kSmall ? o.size() : 0);
  std::size_t* rank = o.size() > kSmall ? large.data() : small;
  for (std::size_t i = 0; i < o.size(); ++i) {
    const auto r = static_cast<std::size_t>(std::find(keys.begin(), keys.end(), o[i].first) - keys.begin());
    std::size_t j = i;
    while (j > 0 && rank[j - 1] > r) --j;
    std::rotate(o.begin() + static_cast<std::ptrdiff_t>(j), o.begin() + static_cast<std::ptrdiff_t>(i),
                o.begin() + static_cast<std::ptrdiff_t>(i) + 1);
    std::copy_backward(rank + j, rank + i, rank + i + 1);
    rank[j] = r;
  }
}

bool has(const json::Object& o, std::string_view key) {
  return std::any_of(o.begin(), o.end(), [&](const json::Member& m) { return m.first == key; });
}

Status check_version(std::string_view v) {
  for (std::string_view known : kSpecVersions)
    if (v == known) return Ok{};
  return Error("SPDX version '" + std::string(v) + "' cannot be written (2.2 and 2.3 can)");
}

class Writer {
 public:
  Writer(const Document& doc, std::string_view version, const format::LossFn& loss, bool for_tag_value,
         const PackageFn* packages)
      : doc_(doc), version_(version), loss_(loss), same_family_(family_of(doc.syntax) == Family::Spdx2),
        for_tag_value_(for_tag_value) {
    // The document's own SPDXID when an SPDX document kept one of its own.
    if (same_family_)
      for (const auto& m : doc.extra)
        if (m.first == "SPDXID" && m.second.is_string() && (!for_tag_value || tag_value_text(&m.second)))
          document_id_ = m.second.as_string();
    index_kept_relationships();
    // run() hashes the whole tree for a documentNamespace when neither the serial number nor the
    // document's kept members give one: then the packages must stay in the tree.
    bool hashed = doc.serial_number.empty() && !(same_family_ && has(doc.extra, "documentNamespace"));
    if (!hashed) packages_ = packages;
  }

  Expected<Value> run() {
    json::Object out;
    out.emplace_back("spdxVersion", Value("SPDX-" + std::string(version_)));
    out.emplace_back("dataLicense", Value("CC0-1.0"));
    out.emplace_back("SPDXID", Value(std::string(kDocumentId)));
    out.emplace_back("name", Value(document_name()));
    out.emplace_back("creationInfo", creation_info());

    assign_ids();
    json::Array packages;
    json::Array relationships;
    if (doc_.metadata.component) package(*doc_.metadata.component, "/metadata/component", packages, relationships);
    if (doc_.components)
      for (std::size_t i = 0; i < doc_.components->size(); ++i)
        package((*doc_.components)[i], "/components/" + std::to_string(i), packages, relationships);
    describes(relationships);
    dependencies(relationships);
    if (streamed_ > 0) out.emplace_back("packages", Value(json::Array{}));  // their place (to_json)
    if (!packages.empty()) out.emplace_back("packages", Value(std::move(packages)));
    if (!relationships.empty()) out.emplace_back("relationships", Value(std::move(relationships)));
    if (dropped_.empty()) {
      extras(out, doc_.extra, "", {});
    } else {
      json::Object extra = doc_.extra;
      for (auto& m : extra)
        if (m.first == "relationships" && m.second.is_array()) {
          json::Array rest;
          for (std::size_t i = 0; i < m.second.as_array().size(); ++i)
            if (!dropped_.count(i)) rest.push_back(std::move(m.second.as_array()[i]));
          m.second = Value(std::move(rest));
        }
      extras(out, extra, "", {});
    }
    document_losses();
    if (for_tag_value_) settle_for_tag_value(out);

    // documentNamespace: the serial number when it is a URN, else made from the content, so the
    // same document always gets the same namespace.
    if (!has(out, "documentNamespace")) {
      std::string ns = doc_.serial_number;
      if (ns.empty()) ns = "https://sbomkit.invalid/spdxdocs/" + sha256_hex(json::write(Value(out), {0, false}));
      out.emplace_back("documentNamespace", Value(std::move(ns)));
    }
    order(out, kDocumentOrder);
    // One order for relationships, wherever they were kept (typed or an extra), so a second pass
    // writes the same bytes.
    for (auto& m : out)
      if (m.first == "relationships" && m.second.is_array())
        std::stable_sort(m.second.as_array().begin(), m.second.as_array().end(), relationship_before);
    return Value(std::move(out));
  }

 private:
  static constexpr std::string_view kDocumentId = "SPDXRef-DOCUMENT";

  void lost(std::string location, std::string what, std::string_view why = kWhy) {
    if (loss_) loss_(format::Loss{std::move(location), std::move(what), std::string(why)});
  }

  // Where a member of a component was in the input: after its source location when the reader set
  // one, else its place in a CycloneDX-shaped document.
  static std::string at(const Component& c, const std::string& fallback, std::string_view member) {
    std::string base = c.source_location.empty() ? fallback : c.source_location;
    if (member.empty()) return base;
    if (starts_with(base, "line ")) return base;
    return base + "/" + std::string(member);
  }

  // Where item i of an element's properties was (the item's index follows): SPDX 3 keeps them in
  // the element's first extension (spdx3/carry.cpp, take_properties), CycloneDX in `properties`.
  std::string properties_at(const std::string& element, std::string_view fallback) const {
    if (doc_.syntax == Syntax::Spdx3JsonLd && starts_with(element, "/@graph/")) return element + "/extension/0/extension_cdxProperty/";
    return (element.empty() ? std::string(fallback) : element) + "/properties/";
  }

  std::string document_name() const {
    if (!doc_.name.empty()) return doc_.name;
    if (doc_.metadata.component && !doc_.metadata.component->name.empty()) {
      return document_name_of(*doc_.metadata.component);
    }
    return "sbom";
  }

  // The document's members this writer supplies when they are missing (data license, SPDXID,
  // name, namespace, created, a creator) must be written when the output is tag-value: JSON
  // keeps any value as it came, but a value tag-value cannot spell (not a string, '</text>' in
  // a text block) would leave its line out, the text read back
  // would lack the member, and writing it again would supply the default: not a fixed point
  // (found by fuzz_spdx_json and fuzz_spdx_tag_value). So the default goes in its place now,
  // and the value is reported.
  void settle_for_tag_value(json::Object& out) {
    settle(out, "dataLicense", "/dataLicense", Value("CC0-1.0"));
    settle(out, "SPDXID", "/SPDXID", Value(std::string(kDocumentId)));
    std::string made = doc_.metadata.component && !doc_.metadata.component->name.empty()
                           ? document_name_of(*doc_.metadata.component) : std::string("sbom");
    if (!tag_value_text(made)) made = "sbom";
    settle(out, "name", "/name", Value(std::move(made)));
    settle(out, "documentNamespace", "/documentNamespace", std::nullopt);  // then made below
    auto ci = std::find_if(out.begin(), out.end(), [](const json::Member& m) { return m.first == "creationInfo"; });
    if (ci == out.end() || !ci->second.is_object()) return;
    json::Object& info = ci->second.as_object();
    settle(info, "created", "/creationInfo/created", Value("1970-01-01T00:00:00Z"));
    auto cr = std::find_if(info.begin(), info.end(), [](const json::Member& m) { return m.first == "creators"; });
    if (cr == info.end() || !cr->second.is_array()) return;
    json::Array kept;
    json::Array& creators = cr->second.as_array();
    for (std::size_t i = 0; i < creators.size(); ++i) {
      if (tag_value_text(&creators[i])) kept.push_back(std::move(creators[i]));
      else lost("/creationInfo/creators/" + std::to_string(i), "a value tag-value cannot spell", "tag-value cannot spell it");
    }
    if (kept.empty() && !creators.empty()) kept.emplace_back("Tool: sbomkit");  // SPDX needs one creator
    creators = std::move(kept);
  }
  // Member `key` of `o`, when tag-value cannot spell its value: reported at `ptr` and replaced by
  // `fallback` (or taken out, for the writer to make).
  void settle(json::Object& o, std::string_view key, const std::string& ptr, std::optional<Value> fallback) {
    auto it = std::find_if(o.begin(), o.end(), [&](const json::Member& m) { return m.first == key; });
    if (it == o.end() || tag_value_text(&it->second)) return;
    lost(ptr, "a value tag-value cannot spell", "tag-value cannot spell it; the default is written in its place");
    if (fallback) it->second = std::move(*fallback);
    else o.erase(it);
  }
  static std::string document_name_of(const Component& c) { return c.version.empty() ? c.name : c.name + "-" + c.version; }

  // Writes the extras of an object (same family), or reports each as a Loss. Members that the
  // target spec version lacks are a Loss either way.
  void extras(json::Object& out, const json::Object& extra, const std::string& base,
              std::span<const std::string_view> only23) {
    if (!same_family_) {
      for (const auto& m : extra)
        if (!is_blank(m.second)) lost(base + "/" + json::pointer_token(m.first), "member '" + m.first + "'");
      return;
    }
    json::Object kept;
    for (const auto& m : extra) {
      if (version_ == "2.2" && std::find(only23.begin(), only23.end(), m.first) != only23.end()) {
        lost(base + "/" + json::pointer_token(m.first), "member '" + m.first + "'", "SPDX 2.2 has no such member");
        continue;
      }
      kept.push_back(m);
    }
    merge(out, kept);
  }

  static bool is_blank(const Value& v) {
    return (v.is_string() && v.as_string().empty()) || (v.is_array() && v.as_array().empty()) ||
           (v.is_object() && v.as_object().empty());
  }

  Value creation_info() {
    const Metadata& m = doc_.metadata;
    json::Object ci;
    json::Array creators;
    for (std::size_t i = 0; i < m.tools.size(); ++i) {
      const Tool& t = m.tools[i];
      // Losses at the tool's CycloneDX place, or where a reader found it (SPDX 3: a Tool element).
      std::string base = t.source_location.empty() ? "/metadata/tools/" + std::to_string(i) : t.source_location;
      std::string name = t.name.empty() ? t.vendor : t.name;
      if (name.empty()) {
        lost(base, "a tool without a name");
        continue;
      }
      creators.emplace_back("Tool: " + name + (t.version.empty() ? "" : "-" + t.version));
      if (!t.vendor.empty() && !t.name.empty()) lost(base + std::string(tool_vendor_member(doc_, t)), "tool vendor '" + t.vendor + "'");
      if (t.service) lost(base, "the tool is a service");
      if (!t.hashes.empty()) lost(base + "/hashes", "tool hashes");
      if (!t.external_references.empty()) lost(base + "/externalReferences", "tool external references");
      // "Tool: " says what a CycloneDX tool component's type "application" says.
      json::Object extra;
      for (const auto& m : t.extra)
        if (!(m.first == "type" && m.second.is_string() && m.second.as_string() == "application")) extra.push_back(m);
      cross_family(extra, base);
    }
    for (std::size_t i = 0; i < m.authors.size(); ++i) {
      const Contact& a = m.authors[i];
      std::string base = a.source_location.empty() ? "/metadata/authors/" + std::to_string(i) : a.source_location;
      std::string who = a.name.empty() ? a.email : a.name;
      if (who.empty()) {
        lost(base, "an author without a name or email");
        continue;
      }
      creators.emplace_back("Person: " + who + (a.email.empty() || a.name.empty() ? "" : " (" + a.email + ")"));
      contact_losses(a, base, /*email_kept=*/true);
    }
    bool extra_creators = same_family_ && std::any_of(m.extra.begin(), m.extra.end(), [](const json::Member& x) {
      return x.first == "creators" && x.second.is_array() && !x.second.as_array().empty();
    });
    // SPDX needs one creator at least: this tool made the document when nothing else is known.
    if (creators.empty() && !extra_creators) creators.emplace_back("Tool: sbomkit");
    ci.emplace_back("created", Value(m.timestamp.empty() ? std::string("1970-01-01T00:00:00Z") : m.timestamp));
    ci.emplace_back("creators", Value(std::move(creators)));
    for (std::size_t i = 0; i < m.properties.size(); ++i)
      lost(properties_at(m.source_location, "/metadata") + std::to_string(i), "property '" + m.properties[i].name + "'");
    for (std::size_t i = 0; i < m.licenses.size(); ++i)
      lost("/metadata/licenses/" + std::to_string(i), "a license of the document (SPDX 2 documents are CC0-1.0)");
    // Not written into the creation comment: free text is no field a reader (ours or another)
    // could take it back from, and the comment may be the user's (docs/formats-spdx2.md).
    for (std::size_t i = 0; i < m.lifecycles.size(); ++i) {
      const Lifecycle& l = m.lifecycles[i];
      lost((m.lifecycles_source_location.empty() ? std::string("/metadata/lifecycles") : m.lifecycles_source_location) + "/" +
               std::to_string(i), "lifecycle '" + (l.phase.empty() ? l.name : l.phase) + "'",
           "SPDX 2 has no field for the generation context");
    }
    extras(ci, m.extra, m.extra_source_location.empty() ? std::string("/metadata") : m.extra_source_location, {});
    order(ci, kCreationOrder);
    return Value(std::move(ci));
  }

  void contact_losses(const Contact& c, const std::string& base, bool email_kept) {
    if (!email_kept && !c.email.empty()) lost(base + "/email", "email '" + c.email + "'");
    if (!c.phone.empty()) lost(base + "/phone", "phone '" + c.phone + "'");
    if (!c.bom_ref.empty()) lost(base + "/bom-ref", "bom-ref '" + c.bom_ref + "'");
    cross_family(c.extra, base);
  }

  void cross_family(const json::Object& extra, const std::string& base) {
    if (same_family_) return;
    for (const auto& m : extra)
      if (!is_blank(m.second)) lost(base + "/" + json::pointer_token(m.first), "member '" + m.first + "'");
  }

  // SPDXIDs: made from the bom-refs, unique, in document order (so deterministic).
  void assign_ids() {
    // Views of ids_'s strings (a node map: they stay where they are) and of the document id.
    std::unordered_set<std::string_view> used{kDocumentId, document_id_};
    // Sized once for the top-level components (nested ones are few): no rehashing on the way.
    const std::size_t top = doc_.components ? doc_.components->size() + 1 : 1;
    used.reserve(top + 2);
    ids_.reserve(top);
    ref_to_id_.reserve(top);
    std::size_t n = 0;
    auto visit = [&](const Component& c, const std::string& fallback, auto& self) -> void {
      ++n;
      std::string base = c.bom_ref.empty() ? spdx_id_from("Package-" + c.name + (c.version.empty() ? "" : "-" + c.version))
                                           : spdx_id_from(c.bom_ref);
      std::string made = base;
      for (int k = 2; used.count(made); ++k) made = base + "-" + std::to_string(k);
      const std::string& id = ids_.emplace(&c, std::move(made)).first->second;
      used.insert(id);
      if (!c.bom_ref.empty()) {
        ref_to_id_.emplace(c.bom_ref, id);  // the first of equal refs
        // At the member the id was read from: spdxId in SPDX 3, SPDXID in SPDX 2, else bom-ref.
        const std::string_view member = doc_.syntax == Syntax::Spdx3JsonLd ? "spdxId"
                                        : family_of(doc_.syntax) == Family::Spdx2 ? "SPDXID" : "bom-ref";
        if (id != c.bom_ref) lost(at(c, fallback, member), "bom-ref '" + c.bom_ref + "' (written as SPDXID '" + id + "')",
                                  "an SPDXID is SPDXRef- and letters, digits, '.' and '-'");
      }
      for (std::size_t i = 0; i < c.components.size(); ++i)
        self(c.components[i], fallback + "/components/" + std::to_string(i), self);
    };
    if (doc_.metadata.component) visit(*doc_.metadata.component, "/metadata/component", visit);
    if (doc_.components)
      for (std::size_t i = 0; i < doc_.components->size(); ++i)
        visit((*doc_.components)[i], "/components/" + std::to_string(i), visit);
    (void)n;
  }

  static Value relationship(std::string_view a, std::string_view type, std::string_view b) {
    return Value(json::Object{{"spdxElementId", Value(a)}, {"relationshipType", Value(type)}, {"relatedSpdxElement", Value(b)}});
  }

  std::string license_text(const License& l, const std::string& where) {
    std::string text = !l.expression.empty() ? l.expression : l.id;
    if (text.empty()) {
      lost(where, "license '" + l.name + "' (a name, not an SPDX id or expression)");
      return {};
    }
    if (!valid_license_expression(text)) {
      lost(where, "license '" + text + "'", "not a valid SPDX license expression");
      return {};
    }
    if (!l.license_extra.empty()) {
      // Where the inner license's members were: the reader's place for them (SPDX 3: the license
      // element), else inside the entry (a tag-value line has no inside).
      const std::string inner = !l.license_source_location.empty() ? l.license_source_location
                                : starts_with(where, "line ")     ? where
                                                                   : where + "/license";
      for (const auto& m : l.license_extra)
        lost(starts_with(inner, "line ") ? inner : inner + "/" + json::pointer_token(m.first), "license member '" + m.first + "'");
    }
    cross_family(l.extra, where);
    return text;
  }

  void licenses(const Component& c, const std::string& fallback, json::Object& p) {
    std::vector<std::string> concluded, declared;
    for (std::size_t i = 0; i < c.licenses.size(); ++i) {
      const License& l = c.licenses[i];
      std::string where = l.source_location.empty() ? at(c, fallback, "licenses/" + std::to_string(i)) : l.source_location;
      std::string text = license_text(l, where);
      if (text.empty()) continue;
      // No acknowledgement (CycloneDX before 1.6, or not said): what the package declares.
      (l.acknowledgement == "concluded" ? concluded : declared).push_back(std::move(text));
    }
    auto join = [&](std::vector<std::string>& list, std::string_view key) {
      if (list.empty()) return;
      if (list.size() == 1) {
        p.emplace_back(std::string(key), Value(std::move(list[0])));
        return;
      }
      lost(at(c, fallback, "licenses"), std::to_string(list.size()) + " licenses (written as one AND expression)",
           "an SPDX package has one " + std::string(key));
      std::string all;
      for (const std::string& x : list) all += (all.empty() ? "(" : " AND (") + x + ")";
      p.emplace_back(std::string(key), Value(std::move(all)));
    };
    join(concluded, "licenseConcluded");
    join(declared, "licenseDeclared");
  }

  void package(const Component& c, const std::string& fallback, json::Array& out, json::Array& rels) {
    const std::string& id = ids_.at(&c);
    json::Object p;
    p.emplace_back("SPDXID", Value(id));
    p.emplace_back("name", Value(c.name));
    if (!c.version.empty()) p.emplace_back("versionInfo", Value(c.version));
    if (c.rare->supplier) supplier(*c.rare->supplier, c, fallback, p);
    if (!c.rare->author.empty()) p.emplace_back("originator", Value("Person: " + c.rare->author));
    if (!c.rare->publisher.empty()) {
      if (c.rare->author.empty()) p.emplace_back("originator", Value("Organization: " + c.rare->publisher));
      else lost(at(c, fallback, "publisher"), "publisher '" + c.rare->publisher + "'", "an SPDX package has one originator");
    }
    const ExternalReference* download = nullptr;
    const ExternalReference* home = nullptr;
    for (std::size_t i = 0; i < c.rare->external_references.size(); ++i) {
      const ExternalReference& r = c.rare->external_references[i];
      std::string where = at(c, fallback, "externalReferences/" + std::to_string(i));
      const ExternalReference** slot = r.type == "distribution" ? &download : r.type == "website" ? &home : nullptr;
      if (!slot || *slot) {
        lost(where, "external reference '" + r.type + "' " + r.url,
             slot ? "an SPDX package has one " + std::string(r.type == "website" ? "homepage" : "downloadLocation")
                  : std::string(kWhy));
        continue;
      }
      *slot = &r;
      if (!r.comment.empty()) lost(where + "/comment", "external reference comment");
      if (!r.hashes.empty()) lost(where + "/hashes", "external reference hashes");
      cross_family(r.extra, where);
    }
    // Required: NOASSERTION when a document of another family does not say (an SPDX document
    // that lacked it is written as it was).
    if (download || !same_family_) p.emplace_back("downloadLocation", Value(download ? download->url : std::string("NOASSERTION")));
    if (home) p.emplace_back("homepage", Value(home->url));
    if (!same_family_) p.emplace_back("filesAnalyzed", Value(false));
    json::Array checksums;
    for (std::size_t i = 0; i < c.hashes.size(); ++i) {
      const Hash& h = c.hashes[i];
      auto alg = hash_alg_to_spdx(h.alg, version_);
      if (!alg) {
        lost(at(c, fallback, "hashes/" + std::to_string(i)), "hash " + h.alg,
             "SPDX " + std::string(version_) + " has no such checksum algorithm");
        continue;
      }
      checksums.emplace_back(json::Object{{"algorithm", Value(*alg)}, {"checksumValue", Value(h.content)}});
      cross_family(h.extra, at(c, fallback, "hashes/" + std::to_string(i)));
    }
    if (!checksums.empty()) p.emplace_back("checksums", Value(std::move(checksums)));
    licenses(c, fallback, p);
    if (!c.rare->copyright.empty()) p.emplace_back("copyrightText", Value(c.rare->copyright));
    if (version_ == "2.2")  // required in 2.2
      for (std::string_view k : {"licenseConcluded", "licenseDeclared", "copyrightText"})
        if (!has(p, k) && !(same_family_ && has(c.extra, k))) p.emplace_back(std::string(k), Value("NOASSERTION"));
    if (!c.rare->description.empty()) p.emplace_back("description", Value(c.rare->description));
    if (!c.type.empty()) {
      auto purpose = purpose_from_type(c.type);
      if (!purpose) lost(at(c, fallback, "type"), "type '" + c.type + "'", "SPDX 2 has no such package purpose");
      else if (version_ == "2.2") lost(at(c, fallback, "type"), "type '" + c.type + "'", "SPDX 2.2 has no package purpose");
      else p.emplace_back("primaryPackagePurpose", Value(*purpose));
    }
    json::Array refs;
    if (!c.cpe.empty())
      refs.emplace_back(json::Object{{"referenceCategory", Value("SECURITY")},
                                     {"referenceType", Value(starts_with(c.cpe, "cpe:2.3:") ? "cpe23Type" : "cpe22Type")},
                                     {"referenceLocator", Value(c.cpe)}});
    if (!c.purl.empty())
      refs.emplace_back(json::Object{{"referenceCategory", Value("PACKAGE-MANAGER")},
                                     {"referenceType", Value("purl")},
                                     {"referenceLocator", Value(c.purl)}});
    if (!refs.empty()) p.emplace_back("externalRefs", Value(std::move(refs)));

    if (!c.group.empty()) lost(at(c, fallback, "group"), "group '" + c.group + "'");
    if (!c.rare->scope.empty()) lost(at(c, fallback, "scope"), "scope '" + c.rare->scope + "'");
    for (std::size_t i = 0; i < c.properties.size(); ++i)
      lost(starts_with(c.source_location, "line ") ? c.source_location : properties_at(c.source_location, fallback) + std::to_string(i),
           "property '" + c.properties[i].name + "'");
    for (std::size_t i = 0; i < c.occurrences.size(); ++i)
      lost(at(c, fallback, "evidence/occurrences/" + std::to_string(i)), "occurrence '" + c.occurrences[i].location + "'");
    for (const auto& m : c.rare->evidence_extra)
      lost(at(c, fallback, "evidence/" + json::pointer_token(m.first)), "evidence member '" + m.first + "'");
    extras(p, c.extra, at(c, fallback, ""), kPackage23);
    // As settle_for_tag_value() for the document: the members 2.2 requires, NOASSERTION when the
    // kept value has no tag-value spelling (a line left out would come back as NOASSERTION).
    if (for_tag_value_ && version_ == "2.2")
      for (std::string_view k : {"licenseConcluded", "licenseDeclared", "copyrightText"})
        settle(p, k, at(c, fallback, k), Value("NOASSERTION"));
    // Checksums the model types come first, those kept as they came after; tag-value keeps an
    // entry's algorithm and value only, so a kept one may be typed when read back and move
    // ahead: put it there now (found by fuzz_spdx_json), the order being no part of the data.
    if (for_tag_value_)
      for (auto& m : p)
        if (m.first == "checksums" && m.second.is_array())
          std::stable_partition(m.second.as_array().begin(), m.second.as_array().end(),
                                [&](const Value& x) { return typed_checksum(x, version_, /*only_those=*/false); });
    order(p, kPackageOrder);
    if (packages_) {
      (*packages_)(Value(std::move(p)));
      ++streamed_;
    } else {
      out.emplace_back(std::move(p));
    }

    for (std::size_t i = 0; i < c.components.size(); ++i) {
      const Component& child = c.components[i];
      if (!said(id, "CONTAINS", ids_.at(&child))) rels.push_back(relationship(id, "CONTAINS", ids_.at(&child)));
      package(child, fallback + "/components/" + std::to_string(i), out, rels);
    }
  }

  void supplier(const OrganizationalEntity& s, const Component& c, const std::string& fallback, json::Object& p) {
    std::string where = at(c, fallback, "supplier");
    const Contact* first = s.contacts.empty() ? nullptr : &s.contacts[0];
    std::string text;
    if (!s.name.empty()) {
      text = "Organization: " + s.name;
      if (first && !first->email.empty()) text += " (" + first->email + ")";
      if (first && !first->name.empty()) lost(where + "/contact/0/name", "supplier contact '" + first->name + "'");
    } else if (first && !first->name.empty()) {
      text = "Person: " + first->name;
      if (!first->email.empty()) text += " (" + first->email + ")";
    } else {
      lost(where, "a supplier without a name");
      return;
    }
    p.emplace_back("supplier", Value(std::move(text)));
    if (first) contact_losses(*first, where + "/contact/0", true);
    for (std::size_t i = 1; i < s.contacts.size(); ++i) lost(where + "/contact/" + std::to_string(i), "supplier contact");
    for (std::size_t i = 0; i < s.urls.size(); ++i) lost(where + "/url/" + std::to_string(i), "supplier url " + s.urls[i]);
    if (!s.bom_ref.empty()) lost(where + "/bom-ref", "bom-ref '" + s.bom_ref + "'");
    cross_family(s.extra, where);
  }

  // The document must describe something: the metadata component, else every top-level package,
  // unless the document's own relationships or documentDescribes already say it.
  void describes(json::Array& rels) {
    if (same_family_) {
      for (const auto& m : doc_.extra) {
        if (m.first == "documentDescribes" && m.second.is_array() && doc_.metadata.component) {
          for (const Value& x : m.second.as_array())
            if (x.is_string() && x.as_string() == ids_.at(&*doc_.metadata.component)) return;
        }
        if (m.first == "relationships" && doc_.metadata.component &&
            said(document_id_, "DESCRIBES", ids_.at(&*doc_.metadata.component)))
          return;
        if (m.first == "relationships" && m.second.is_array() && !doc_.metadata.component)
          for (const Value& r : m.second.as_array())
            if (const Value* t = r.find("relationshipType"); t && t->is_string() && t->as_string() == "DESCRIBES") {
              // Only one the output spells says it (tag-value drops what is not a word).
              if (spelled(r.find("spdxElementId")) && spelled(r.find("relatedSpdxElement"))) return;
            }
        if (m.first == "documentDescribes" && !doc_.metadata.component &&
            (!for_tag_value_ || (m.second.is_array() && std::any_of(m.second.as_array().begin(), m.second.as_array().end(),
                                                                    [](const Value& x) { return tag_value_word(&x); }))))
          return;
      }
    }
    std::vector<Value> out;
    if (doc_.metadata.component) {
      out.push_back(relationship(document_id_, "DESCRIBES", ids_.at(&*doc_.metadata.component)));
    } else if (doc_.components) {
      for (const Component& c : *doc_.components) out.push_back(relationship(document_id_, "DESCRIBES", ids_.at(&c)));
    }
    rels.insert(rels.begin(), out.begin(), out.end());
  }

  bool spelled(const Value* id) const { return for_tag_value_ ? tag_value_word(id) : id && id->is_string(); }

  // A relationship the reader kept whole (it has members beyond its three) may also be typed in the
  // model (spdx/read.cpp `Rel`): then it is written as it came, and the model's meaning, which says
  // the same, is not written again. `said` answers that for a relationship the writer is about to
  // make, once per kept relationship. In tag-value, a kept relationship none of whose other
  // members tag-value can spell would read back as the plain relationship it then is: the typed form
  // is written instead (its members reported lost), so that a second pass writes the same text.
  void index_kept_relationships() {
    if (!same_family_) return;
    for (const auto& m : doc_.extra) {
      if (m.first != "relationships" || !m.second.is_array()) continue;
      const json::Array& rels = m.second.as_array();
      for (std::size_t i = 0; i < rels.size(); ++i) {
        const Value* a = rels[i].find("spdxElementId");
        const Value* t = rels[i].find("relationshipType");
        const Value* b = rels[i].find("relatedSpdxElement");
        if (!a || !t || !b || !a->is_string() || !t->is_string() || !b->is_string()) continue;
        if (for_tag_value_ && !(tag_value_word(a) && tag_value_word(t) && tag_value_word(b))) continue;
        kept_[triple(a->as_string(), t->as_string(), b->as_string())].push_back(i);
      }
    }
  }

  static std::string triple(std::string_view a, std::string_view type, std::string_view b) {
    std::string k;
    k.reserve(a.size() + type.size() + b.size() + 2);
    k.append(a).push_back('\0');
    k.append(type).push_back('\0');
    k.append(b);
    return k;
  }

  bool said(std::string_view a, std::string_view type, std::string_view b) {
    if (kept_.empty()) return false;
    auto it = kept_.find(triple(a, type, b));
    if (it == kept_.end() || it->second.empty()) return false;
    std::size_t i = it->second.front();  // the first kept one first: the same choice every pass
    it->second.erase(it->second.begin());
    if (!for_tag_value_) return true;
    const Value* rels = nullptr;
    for (const auto& m : doc_.extra)
      if (m.first == "relationships") rels = &m.second;
    const Value& r = rels->as_array()[i];
    const Value* comment = r.find("comment");
    if (comment && comment->is_string()) return true;
    for (const auto& m : r.as_object())
      if (m.first != "spdxElementId" && m.first != "relationshipType" && m.first != "relatedSpdxElement")
        lost("/relationships/" + std::to_string(i) + "/" + json::pointer_token(m.first),
             "member '" + m.first + "', which tag-value has no tag for");
    dropped_.insert(i);
    return false;
  }

  void dependencies(json::Array& rels) {
    if (!doc_.dependencies) return;
    for (std::size_t i = 0; i < doc_.dependencies->size(); ++i) {
      const Dependency& d = (*doc_.dependencies)[i];
      // At /dependencies/N, or where a reader found the dependency (SPDX 3: a relationship).
      std::string where = d.source_location.empty() ? "/dependencies/" + std::to_string(i) : d.source_location;
      auto from = ref_to_id_.find(d.ref);
      if (from == ref_to_id_.end()) {
        lost(where, "dependencies of '" + d.ref + "'", "no component has that bom-ref");
        continue;
      }
      // An empty list says the component has no dependencies: SPDX spells that DEPENDS_ON NONE.
      if (d.depends_on.empty() && !said(from->second, "DEPENDS_ON", "NONE"))
        rels.push_back(relationship(from->second, "DEPENDS_ON", "NONE"));
      for (std::size_t k = 0; k < d.depends_on.size(); ++k) {
        auto to = ref_to_id_.find(d.depends_on[k]);
        if (to == ref_to_id_.end()) {
          lost(where + "/dependsOn/" + std::to_string(k), "dependency on '" + d.depends_on[k] + "'",
               "no component has that bom-ref");
          continue;
        }
        if (!said(from->second, "DEPENDS_ON", to->second) && !said(to->second, "DEPENDENCY_OF", from->second))
          rels.push_back(relationship(from->second, "DEPENDS_ON", to->second));
      }
      cross_family(d.extra, where);
    }
  }

  void document_losses() {
    if (doc_.vulnerabilities)
      for (std::size_t i = 0; i < doc_.vulnerabilities->size(); ++i) {
        const Vulnerability& v = (*doc_.vulnerabilities)[i];
        lost(v.source_location.empty() ? "/vulnerabilities/" + std::to_string(i) : v.source_location,
             "vulnerability " + v.id, "SPDX 2 cannot carry vulnerabilities");
      }
    for (std::size_t i = 0; i < doc_.external_references.size(); ++i)
      lost("/externalReferences/" + std::to_string(i), "external reference " + doc_.external_references[i].url);
    if (!same_family_ && doc_.version) lost("/version", "BOM version " + doc_.version->text);
  }

  const Document& doc_;
  std::string_view version_;
  const format::LossFn& loss_;
  bool same_family_;
  std::string document_id_{kDocumentId};
  std::unordered_map<const Component*, std::string> ids_;
  std::unordered_map<std::string_view, std::string_view> ref_to_id_;  // views of the document's bom-refs and ids_
  bool for_tag_value_;
  std::unordered_map<std::string, std::vector<std::size_t>> kept_;  // kept relationships by triple (said())
  std::unordered_set<std::size_t> dropped_;  // of them, written in their typed form
  const PackageFn* packages_ = nullptr;  // where packages go instead of the tree (to_json)
  std::size_t streamed_ = 0;             // how many went there
};

// No version asked for: the document's own when it was SPDX 2, else the newest.
std::string_view version_or_default(const Document& doc, std::string_view v) {
  if (!v.empty()) return v;
  if (family_of(doc.syntax) == Family::Spdx2 && check_version(doc.spec_version)) return doc.spec_version;
  return kSpecVersions[0];
}


}  // namespace

Expected<json::Value> to_json(const Document& doc, std::string_view spec_version, const format::LossFn& loss,
                              bool for_tag_value, const PackageFn* packages) {
  spec_version = version_or_default(doc, spec_version);
  if (auto s = check_version(spec_version); !s) return s.error();
  return Writer(doc, spec_version, loss, for_tag_value, packages).run();
}

// Each package is printed as the writer makes it, into the text of the document's "packages"
// array (an emitter inside an array at the document's depth writes the very bytes), and freed; the
// rest of the document is a small tree, printed around that text.
Status write_spdx_json(const Document& doc, std::string_view spec_version, const json::Sink& sink,
                       const format::LossFn& loss) {
  detail::TextBlocks made;
  json::Emitter pe(made.tail(), 2);  // tail() is one string throughout: seal() moves its text out
  pe.begin_object();
  pe.key("packages");
  pe.begin_array();
  const std::size_t start = made.tail().size();
  std::uint32_t count = 0;
  const PackageFn each = [&](Value&& p) {
    pe.value(p);
    made.seal();
    ++count;
  };
  auto v = to_json(doc, spec_version, loss, false, &each);
  if (!v) return v.error();
  std::string buf;
  json::Emitter e(buf, 2);
  e.stream_to(sink);
  e.begin_object();
  for (const json::Member& m : v->as_object()) {
    e.key(m.first);
    // Not an array: the document kept a "packages" of its own shape, which replaced them (merge).
    if (m.first != "packages" || !m.second.is_array() || count == 0) {
      e.value(m.second);
      continue;
    }
    e.begin_array();
    std::size_t skip = start;  // the first block begins with the text before the first package
    made.drain([&](const std::string& t) {
      e.items(std::string_view(t).substr(skip), std::exchange(count, 0));
      skip = 0;
    });
    for (const Value& x : m.second.as_array()) e.value(x);
    e.end_array();
  }
  e.end_object();
  buf += '\n';
  e.flush();
  return Ok{};
}

// Each package's tag-value section is written as the writer makes it (TagValueWriter keeps the
// text until the sections that go before the packages are written).
Status write_spdx_tag_value(const Document& doc, std::string_view spec_version, const json::Sink& sink,
                            const format::LossFn& loss) {
  TagValueWriter tw([&](std::string pointer, std::string what) {
    if (loss) loss(format::Loss{std::move(pointer), std::move(what), "SPDX tag-value has no tag for it"});
  });
  const PackageFn each = [&](Value&& p) { tw.package(p); };
  auto v = to_json(doc, spec_version, loss, /*for_tag_value=*/true, &each);
  if (!v) return v.error();
  tw.write(*v, sink);
  return Ok{};
}

}  // namespace sbom::spdx
