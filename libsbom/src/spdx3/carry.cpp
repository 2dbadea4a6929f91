// Properties, advisories and CWEs in SPDX 3's extension and externalRef arrays (see carry.h).
#include "spdx3/carry.h"

#include <algorithm>

#include "spdx3/graph.h"

namespace sbom::spdx3 {

using json::Array;
using json::Object;
using json::Value;

namespace {

constexpr std::string_view kPropertiesExtension = "extension_CdxPropertiesExtension";
constexpr std::string_view kPropertyEntry = "extension_CdxPropertyEntry";
constexpr std::string_view kCweLocatorPrefix = "https://cwe.mitre.org/data/definitions/";
constexpr std::string_view kCweLocatorSuffix = ".html";

bool is_string(const Value* v, std::string_view s) { return v && v->is_string() && v->as_string() == s; }

// A property entry the reader takes: a string name, a string value or none.
bool plain_entry(const Value& e) {
  if (!e.is_object() || !is_string(e.find("type"), kPropertyEntry)) return false;
  const Value* n = e.find("extension_cdxPropName");
  const Value* v = e.find("extension_cdxPropValue");
  return n && n->is_string() && (!v || v->is_string());
}

// The `extension` array of one CdxPropertiesExtension of these entries.
Array properties_extension(Array entries) {
  Array extension;
  extension.emplace_back(object_of(2, "type", kPropertiesExtension, "extension_cdxProperty", std::move(entries)));
  return extension;
}

bool plain_properties_extension(const Value& x) {
  if (!x.is_object() || !is_string(x.find("type"), kPropertiesExtension)) return false;
  for (const auto& [k, v] : x.as_object())
    if (k != "type" && k != "extension_cdxProperty") return false;
  const Value* list = x.find("extension_cdxProperty");
  return list && list->is_array() && !list->as_array().empty() &&
         std::all_of(list->as_array().begin(), list->as_array().end(), plain_entry);
}

// CycloneDX external reference types and the SPDX 3 ExternalRefType of the same meaning.
constexpr std::pair<std::string_view, std::string_view> kRefTypes[] = {
    {"vcs", "vcs"}, {"issue-tracker", "issueTracker"}, {"website", "altWebPage"}, {"advisories", "securityAdvisory"},
    {"mailing-list", "mailingList"}, {"social", "socialMedia"}, {"chat", "chat"}, {"documentation", "documentation"},
    {"support", "support"}, {"source-distribution", "sourceArtifact"}, {"distribution", "altDownloadLocation"},
    {"license", "license"}, {"build-meta", "buildMeta"}, {"build-system", "buildSystem"}, {"release-notes", "releaseNotes"},
    {"threat-model", "securityThreatModel"}, {"adversary-model", "securityAdversaryModel"}, {"risk-assessment", "riskAssessment"},
    {"vulnerability-assertion", "vulnerabilityExploitabilityAssessment"}, {"pentest-report", "securityPenTestReport"},
    {"static-analysis-report", "staticAnalysisReport"}, {"dynamic-analysis-report", "dynamicAnalysisReport"},
    {"runtime-analysis-report", "runtimeAnalysisReport"}, {"component-analysis-report", "componentAnalysisReport"},
    {"certification-report", "certificationReport"}, {"quality-metrics", "qualityAssessmentReport"}, {"other", "other"}};

}  // namespace

bool plain_ref(const Value& e, std::string_view type, bool comment) {
  if (!e.is_object() || !is_string(e.find("type"), "ExternalRef") || !is_string(e.find("externalRefType"), type)) return false;
  for (const auto& [k, v] : e.as_object()) {
    if (k == "type" || k == "externalRefType") continue;
    if (k == "locator") {
      if (!v.is_array() || v.as_array().size() != 1 || !v.as_array()[0].is_string() || v.as_array()[0].as_string().empty())
        return false;
    } else if (k == "comment" && comment) {
      if (!v.is_string() || v.as_string().empty()) return false;
    } else {
      return false;
    }
  }
  return e.find("locator") != nullptr;
}

Value make_ref(std::string_view type, std::string_view locator, std::string_view comment) {
  Array locators;
  locators.emplace_back(locator);
  Object o = object_of(4, "type", "ExternalRef", "externalRefType", type, "locator", std::move(locators));
  if (!comment.empty()) o.emplace_back("comment", comment);
  return o;
}

void prepend(Object& element, std::string_view key, Array front, std::string_view what, const LostFn& lost) {
  if (front.empty()) return;
  Value* old = find_member(element, key);
  if (old && !old->is_array()) {
    lost("", std::string(what), "the element's kept '" + std::string(key) + "' member is not an array");
  } else if (old) {
    for (Value& v : old->as_array()) front.push_back(std::move(v));
    *old = std::move(front);
  } else {
    element.emplace_back(std::string(key), std::move(front));
  }
}

std::string_view ref_type_to_spdx3(std::string_view t) {
  for (auto [cdx, spdx3] : kRefTypes)
    if (cdx == t) return spdx3;
  return {};
}
std::string_view ref_type_from_spdx3(std::string_view t) {
  for (auto [cdx, spdx3] : kRefTypes)
    if (spdx3 == t) return cdx;
  return {};
}

void take_external_refs(Object& element, std::vector<ExternalReference>& out, bool home_page, bool download) {
  Value* refs = find_member(element, "externalRef");
  if (!refs || !refs->is_array()) return;
  auto& arr = refs->as_array();
  std::size_t n = 0;
  for (; n < arr.size(); ++n) {
    const Value* t = arr[n].is_object() ? arr[n].find("externalRefType") : nullptr;
    std::string_view cdx = t && t->is_string() ? ref_type_from_spdx3(t->as_string()) : std::string_view();
    if (cdx.empty() || !plain_ref(arr[n], t->as_string(), true)) break;
    const Value* comment = arr[n].find("comment");
    if (!comment && ((cdx == "website" && !home_page) || (cdx == "distribution" && !download))) break;
    out.push_back(ExternalReference{std::string(cdx), arr[n].find("locator")->as_array()[0].as_string(),
                                    comment ? comment->as_string() : std::string(), {}, {}});
  }
  arr.erase(arr.begin(), arr.begin() + static_cast<std::ptrdiff_t>(n));
  if (arr.empty() && n > 0) erase_member(element, "externalRef");
}


void take_properties(Object& element, std::vector<Property>& out) {
  Value* ext = find_member(element, "extension");
  if (!ext || !ext->is_array() || ext->as_array().empty() || !plain_properties_extension(ext->as_array()[0])) return;
  for (Value& e : ext->as_array()[0].find("extension_cdxProperty")->as_array()) {
    Property p;
    for (auto& [k, v] : e.as_object()) {
      if (k == "type") continue;
      if (k == "extension_cdxPropName") p.name = v.as_string();
      // An empty value is kept as written (the model's empty value is an absent one).
      else if (k == "extension_cdxPropValue" && !v.as_string().empty()) p.value = v.as_string();
      else p.extra.emplace_back(k, std::move(v));
    }
    out.push_back(std::move(p));
  }
  auto& arr = ext->as_array();
  arr.erase(arr.begin());
  if (arr.empty()) erase_member(element, "extension");
}

void put_properties(Object& element, const std::vector<Property>& props, bool same_family, const LostFn& lost) {
  if (props.empty()) return;
  Array entries;
  for (std::size_t i = 0; i < props.size(); ++i) {
    const Property& p = props[i];
    Object e = object_of(3, "type", kPropertyEntry, "extension_cdxPropName", p.name);
    if (!p.value.empty()) e.emplace_back("extension_cdxPropValue", p.value);
    for (const auto& [k, v] : p.extra) {
      if (same_family) {
        if (k != "type" && k != "extension_cdxPropName") e.emplace_back(k, v);
      } else if (k == "value" && v.is_string() && v.as_string().empty()) {
        // CycloneDX keeps an empty value verbatim in the extra: SPDX 3 writes it the same way.
        e.emplace_back("extension_cdxPropValue", "");
      } else {
        lost("/properties/" + std::to_string(i) + "/" + json::pointer_token(k), "member '" + k + "'", "SPDX 3 has no place for it");
      }
    }
    entries.emplace_back(std::move(e));
  }
  prepend(element, "extension", properties_extension(std::move(entries)), "properties", lost);
}

namespace {
struct VulnerabilityText {
  std::string_view name;
  std::string Vulnerability::*member;
};
constexpr VulnerabilityText kVulnerabilityText[] = {
    {"sbomkit:vulnerability:source-url", &Vulnerability::source_url},
    {"sbomkit:vulnerability:detail", &Vulnerability::detail},
    {"sbomkit:vulnerability:recommendation", &Vulnerability::recommendation},
};
}  // namespace

void put_vulnerability_text(Object& element, const Vulnerability& v) {
  Array entries;
  for (const auto& t : kVulnerabilityText)
    if (const std::string& value = v.*t.member; !value.empty())
      entries.emplace_back(object_of(3, "type", kPropertyEntry, "extension_cdxPropName", t.name, "extension_cdxPropValue", value));
  if (entries.empty()) return;
  // put_properties has put the vulnerability's own properties (when it has any) in front.
  Value* ext = find_member(element, "extension");
  Value* list = !v.properties.empty() && ext && ext->is_array() && !ext->as_array().empty() ? ext->as_array()[0].find("extension_cdxProperty") : nullptr;
  if (list && list->is_array()) {
    list->as_array().insert(list->as_array().begin(), std::make_move_iterator(entries.begin()), std::make_move_iterator(entries.end()));
    return;
  }
  prepend(element, "extension", properties_extension(std::move(entries)), "properties", [](std::string, std::string, std::string) {});
}

bool plain_properties(const std::vector<Property>& props) {
  return std::all_of(props.begin(), props.end(), [](const Property& p) { return p.extra.empty(); });
}

bool has_properties_extension(const std::vector<Property>& props, const Vulnerability* text) {
  if (!props.empty()) return true;
  if (text)
    for (const auto& t : kVulnerabilityText)
      if (!(text->*t.member).empty()) return true;
  return false;
}

void write_properties_extension(json::Emitter& em, const std::vector<Property>& props, const Vulnerability* text) {
  auto entry = [&em](std::string_view name, std::string_view value) {
    em.begin_object();
    em.key("type");
    em.string(kPropertyEntry);
    em.key("extension_cdxPropName");
    em.string(name);
    if (!value.empty()) {
      em.key("extension_cdxPropValue");
      em.string(value);
    }
    em.end_object();
  };
  em.begin_array();
  em.begin_object();
  em.key("type");
  em.string(kPropertiesExtension);
  em.key("extension_cdxProperty");
  em.begin_array();
  // The vulnerability's text entries lead (put_vulnerability_text puts them in front).
  if (text)
    for (const auto& t : kVulnerabilityText)
      if (const std::string& value = text->*t.member; !value.empty()) entry(t.name, value);
  for (const Property& p : props) entry(p.name, p.value);
  em.end_array();
  em.end_object();
  em.end_array();
}

void take_vulnerability_text(std::vector<Property>& props, Vulnerability& v) {
  std::size_t taken = 0, next = 0;
  while (taken < props.size()) {
    const Property& p = props[taken];
    std::size_t k = next;
    while (k < std::size(kVulnerabilityText) && kVulnerabilityText[k].name != p.name) ++k;
    if (k == std::size(kVulnerabilityText) || !p.extra.empty() || p.value.empty()) break;
    v.*kVulnerabilityText[k].member = p.value;
    next = k + 1;
    ++taken;
  }
  props.erase(props.begin(), props.begin() + static_cast<std::ptrdiff_t>(taken));
}

namespace {
constexpr std::string_view kAffectsPrefix = "sbomkit:affects:";

// "sbomkit:affects:<k>:<version|range>:<status>" -> k, range?, status.
bool parse_affects_name(std::string_view name, std::size_t& k, bool& range, std::string& status) {
  if (!name.starts_with(kAffectsPrefix)) return false;
  name.remove_prefix(kAffectsPrefix.size());
  auto colon = name.find(':');
  if (colon == 0 || colon == std::string_view::npos || colon > 6) return false;
  k = 0;
  for (char c : name.substr(0, colon)) {
    if (c < '0' || c > '9') return false;
    k = k * 10 + static_cast<std::size_t>(c - '0');
  }
  if (colon > 1 && name[0] == '0') return false;  // one spelling per k
  name.remove_prefix(colon + 1);
  if (name.starts_with("version:")) range = false;
  else if (name.starts_with("range:")) range = true;
  else return false;
  name.remove_prefix(range ? 6 : 8);
  if (name.find(':') != std::string_view::npos) return false;
  status = std::string(name);
  return true;
}
}  // namespace

void put_affect_versions(Object& element, const std::vector<const std::vector<AffectedVersion>*>& versions, const LostFn& lost) {
  put_properties(element, affect_version_properties(versions, lost), /*same_family=*/true, lost);
}

std::vector<Property> affect_version_properties(const std::vector<const std::vector<AffectedVersion>*>& versions,
                                                const LostFn& lost) {
  std::vector<Property> props;
  for (std::size_t k = 0; k < versions.size(); ++k) {
    if (!versions[k]) continue;
    for (std::size_t i = 0; i < versions[k]->size(); ++i) {
      const AffectedVersion& av = (*versions[k])[i];
      std::string at = "/versions/" + std::to_string(i);
      if (av.status.find(':') != std::string::npos) {
        lost(at, "affected version with status '" + av.status + "'", "the status names no CycloneDX status");
        continue;
      }
      bool range = av.version.empty() && !av.range.empty();
      if (!av.version.empty() && !av.range.empty()) lost(at + "/range", "range '" + av.range + "'", "a CycloneDX affected version has a version or a range");
      for (const auto& [key, v] : av.extra)
        lost(at + "/" + json::pointer_token(key), "member '" + key + "'", "SPDX 3 has no place for it");
      Property p;
      p.name = std::string(kAffectsPrefix) + std::to_string(k) + (range ? ":range:" : ":version:") + av.status;
      p.value = range ? av.range : av.version;
      // Written even when empty (put_properties writes an empty value only from an extra).
      if (p.value.empty()) p.extra.emplace_back("extension_cdxPropValue", "");
      props.push_back(std::move(p));
    }
  }
  return props;
}

bool take_affect_versions(Object& element, std::size_t targets, const std::function<bool(std::size_t)>& wanted,
                          std::vector<std::vector<AffectedVersion>>& out) {
  const Value* ext = find_member(element, "extension");
  if (!ext || !ext->is_array() || ext->as_array().empty() || !plain_properties_extension(ext->as_array()[0])) return false;
  for (const Value& e : ext->as_array()[0].find("extension_cdxProperty")->as_array()) {
    std::size_t k = 0;
    bool range = false;
    std::string status;
    if (e.as_object().size() != 3 || !e.find("extension_cdxPropValue") ||
        !parse_affects_name(e.find("extension_cdxPropName")->as_string(), k, range, status) || k >= targets || !wanted(k))
      return false;
  }
  std::vector<Property> props;
  take_properties(element, props);
  out.assign(targets, {});
  for (Property& p : props) {
    std::size_t k = 0;
    bool range = false;
    std::string status;
    parse_affects_name(p.name, k, range, status);
    AffectedVersion av;
    (range ? av.range : av.version) = std::move(p.value);
    av.status = std::move(status);
    out[k].push_back(std::move(av));
  }
  return true;
}

std::string cwe_locator(std::string_view n) {
  bool digits = !n.empty() && n.size() <= 9 && std::all_of(n.begin(), n.end(), [](char c) { return c >= '0' && c <= '9'; }) &&
                (n.size() == 1 || n[0] != '0');
  if (!digits) return {};
  return std::string(kCweLocatorPrefix) + std::string(n) + std::string(kCweLocatorSuffix);
}

std::string cwe_of_locator(std::string_view loc) {
  if (!loc.starts_with(kCweLocatorPrefix) || !loc.ends_with(kCweLocatorSuffix)) return {};
  std::string_view n = loc.substr(kCweLocatorPrefix.size(), loc.size() - kCweLocatorPrefix.size() - kCweLocatorSuffix.size());
  return cwe_locator(n).empty() ? std::string() : std::string(n);
}

void take_vulnerability_refs(Object& element, std::vector<Advisory>& advisories, std::vector<json::Number>& cwes) {
  Value* refs = find_member(element, "externalRef");
  if (!refs || !refs->is_array()) return;
  auto& arr = refs->as_array();
  std::size_t n = 0;
  for (; n < arr.size() && plain_ref(arr[n], "securityAdvisory", true); ++n) {
    Advisory a;
    a.url = arr[n].find("locator")->as_array()[0].as_string();
    if (const Value* c = arr[n].find("comment")) a.title = c->as_string();
    advisories.push_back(std::move(a));
  }
  for (; n < arr.size() && plain_ref(arr[n], "cwe", false); ++n) {
    std::string id = cwe_of_locator(arr[n].find("locator")->as_array()[0].as_string());
    if (id.empty()) break;
    cwes.push_back(json::Number{id});
  }
  arr.erase(arr.begin(), arr.begin() + static_cast<std::ptrdiff_t>(n));
  if (arr.empty() && n > 0) erase_member(element, "externalRef");
}

void put_vulnerability_refs(Object& element, const Vulnerability& v, bool same_family, const LostFn& lost) {
  Array front;
  for (std::size_t i = 0; i < v.advisories.size(); ++i) {
    const Advisory& a = v.advisories[i];
    std::string at = "/advisories/" + std::to_string(i);
    if (a.url.empty()) {
      lost(at, "advisory '" + a.title + "'", "an SPDX 3 external reference needs a locator (the advisory has no url)");
      continue;
    }
    if (!same_family)
      for (const auto& [k, x] : a.extra) lost(at + "/" + json::pointer_token(k), "member '" + k + "'", "SPDX 3 has no place for it");
    front.push_back(make_ref("securityAdvisory", a.url, a.title));
  }
  for (std::size_t i = 0; i < v.cwes.size(); ++i) {
    std::string loc = cwe_locator(v.cwes[i].text);
    if (loc.empty()) {
      lost("/cwes/" + std::to_string(i), "CWE id " + v.cwes[i].text, "an SPDX 3 cwe reference names a whole CWE number");
      continue;
    }
    front.push_back(make_ref("cwe", loc, ""));
  }
  prepend(element, "externalRef", std::move(front), "advisories and CWE ids", lost);
}

}  // namespace sbom::spdx3
