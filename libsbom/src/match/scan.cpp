// The matcher: components -> affecting OSV records -> alias-merged CycloneDX vulnerabilities.
#include <algorithm>
#include <cstdlib>
#include <map>
#include <set>
#include <unordered_map>
#include <unordered_set>

#include "core/aliases.h"
#include "sbom/cvss.h"
#include "sbom/ecosystem.h"
#include "sbom/match.h"
#include "sbom/parallel.h"

namespace sbom::match {
namespace {

bool starts_with(std::string_view s, std::string_view p) { return s.substr(0, p.size()) == p; }

// The database an OSV id comes from, by its prefix (osv-schema's list of id prefixes).
std::string database_of(std::string_view id) {
  static constexpr std::pair<std::string_view, std::string_view> kPrefixes[] = {
      {"GHSA-", "GitHub"},      {"PYSEC-", "PyPA"},      {"GO-", "Go"},          {"RUSTSEC-", "RustSec"},
      {"ALSA-", "AlmaLinux"},   {"ALBA-", "AlmaLinux"},  {"ALEA-", "AlmaLinux"}, {"DSA-", "Debian"},
      {"DLA-", "Debian"},       {"DTSA-", "Debian"},     {"DEBIAN-", "Debian"},  {"USN-", "Ubuntu"},
      {"UBUNTU-", "Ubuntu"},    {"RLSA-", "Rocky Linux"}, {"RXSA-", "Rocky Linux"}, {"RHSA-", "Red Hat"},
      {"RHBA-", "Red Hat"},     {"RHEA-", "Red Hat"},    {"REDHAT-", "Red Hat"},    {"SUSE-", "SUSE"},      {"openSUSE-", "openSUSE"},
      {"ALPINE-", "Alpine"},    {"CVE-", "NVD"},         {"MAL-", "OpenSSF Malicious Packages"},
      {"RSEC-", "R Consortium"}, {"PSF-", "Python Software Foundation"}, {"CGA-", "Chainguard"},
      {"MGASA-", "Mageia"},     {"BIT-", "Bitnami"},     {"HSEC-", "Haskell"},   {"GSD-", "GSD"},
      {"OSV-", "OSV"},          {"LBSEC-", "LoopBack"},  {"EEF-", "Erlang Ecosystem Foundation"},
  };
  for (const auto& [prefix, name] : kPrefixes)
    if (starts_with(id, prefix)) return std::string(name);
  return "OSV";
}

std::string url_of(std::string_view id) {
  if (starts_with(id, "CVE-")) return "https://nvd.nist.gov/vuln/detail/" + std::string(id);
  if (starts_with(id, "GHSA-")) return "https://github.com/advisories/" + std::string(id);
  return "https://osv.dev/vulnerability/" + std::string(id);
}

// CycloneDX severity words from the words advisories use.
std::string severity_word(std::string_view vendor) {
  std::string w;
  for (char c : vendor) w += static_cast<char>(c >= 'A' && c <= 'Z' ? c - 'A' + 'a' : c);
  if (w == "critical") return "critical";
  if (w == "high" || w == "important") return "high";
  if (w == "medium" || w == "moderate") return "medium";
  if (w == "low") return "low";
  if (w == "negligible" || w == "unimportant") return "info";
  return "unknown";
}

// On a vulnerability: a component matched only by ignoring case ("<bom-ref> -> <advisory's name>").
constexpr std::string_view kNameIgnoringCase = "sbomkit:match:name_ignoring_case";

// One record that affects one component.
struct Hit {
  const osv::Record* record;
  std::vector<std::string> fixed;  // fixes of the intervals holding the version
  bool unfixed = false;            // some including range has no fix
  const json::Value* vendor = nullptr;  // the affecting entry's ecosystem_specific, when it has a vendor_state
};

// A distro's own verdict on a finding, from the `vendor_state` our feed converters write into an
// affected entry's ecosystem_specific (Debian's tracker: fixed, unfixed, no-dsa, postponed,
// ignored, end-of-life, undetermined), with the urgency and reason as the vendor wrote them.
struct VendorState {
  std::string state, urgency, reason;
};

VendorState vendor_state_of(const json::Value& specific) {
  VendorState v;
  auto take = [&](std::string_view key, std::string& out) {
    if (const json::Value* m = specific.find(key); m != nullptr && m->is_string()) out = m->as_string();
  };
  take("vendor_state", v.state);
  take("urgency", v.urgency);
  take("vendor_reason", v.reason);
  return v;
}

// On a vulnerability, per affected component ("<bom-ref> -> <value>"): the vendor's state, urgency
// and reason (documented in sbom-match(1); sbom-gate's --ignore-wont-fix and
// --ignore-vendor-unimportant read them).
constexpr std::string_view kVendorState = "sbomkit:vendor:state";
constexpr std::string_view kVendorUrgency = "sbomkit:vendor:urgency";
constexpr std::string_view kVendorReason = "sbomkit:vendor:reason";

// A component and the records affecting it, grouped by alias.
struct Finding {
  std::string ref;
  std::string name;  // package name for the recommendation
  std::string installed;
  std::vector<const osv::Record*> records;  // sorted by id
  std::string fixed;                        // highest fix over the records; "" when none known
  std::string name_ignoring_case;           // the advisories' spelling, when only a case-insensitive lookup found them
  VendorState vendor;                       // the first record (by id) that carries one
};

struct Vuln {
  std::set<std::string> ids;  // record ids and aliases
  std::map<std::string, const osv::Record*> records;  // by id
  std::vector<Finding> findings;
};

void add_rating(std::vector<Rating>& out, Rating r) {
  for (const Rating& e : out)
    if (e.source_name == r.source_name && e.method == r.method && e.vector == r.vector && e.severity == r.severity) return;
  out.push_back(std::move(r));
}

void ratings_from(const osv::Record& rec, const std::vector<osv::Severity>& sev, std::vector<Rating>& out,
                  std::vector<Error>& warnings, std::string_view about = {}) {
  for (const osv::Severity& s : sev) {
    Rating r;
    r.source_name = database_of(rec.id);
    r.source_url = url_of(rec.id);
    if (s.type == "CVSS_V2" || s.type == "CVSS_V3" || s.type == "CVSS_V4") {
      auto score = cvss::score_cvss(s.score);
      if (!score) {
        warnings.push_back(Error(rec.id + ": severity vector '" + s.score + "': " + score.error().message));
        continue;
      }
      r.method = score->version == cvss::CvssVersion::V2     ? "CVSSv2"
                 : score->version == cvss::CvssVersion::V3_0 ? "CVSSv3"
                 : score->version == cvss::CvssVersion::V3_1 ? "CVSSv31"
                                                             : "CVSSv4";
      r.score = json::Number::from(score->base);
      r.severity = std::string(cvss::to_string(score->severity));
      r.vector = s.score;
    } else {
      // "Ubuntu" priorities and other vendor scales: a word, no score.
      r.method = "other";
      r.severity = severity_word(s.score);
      r.justification = s.type + " " + s.score;
      if (!about.empty()) {
        r.justification += " for ";
        r.justification += about;
      }
    }
    add_rating(out, std::move(r));
  }
}

// Ubuntu's USN records carry no severity of their own: each affected package's
// database_specific.cves_map lists the CVEs the notice fixes with their CVSS vectors and Ubuntu's
// priority ({"type": "Ubuntu", "score": "medium"}). They become the notice's ratings, a priority
// naming the CVE it is given for.
void usn_ratings(const osv::Record& rec, std::vector<Rating>& out, std::vector<Error>& warnings) {
  for (const osv::Affected& a : rec.affected) {
    const json::Value* map = a.database_specific.is_object() ? a.database_specific.find("cves_map") : nullptr;
    const json::Value* cves = map != nullptr && map->is_object() ? map->find("cves") : nullptr;
    if (cves == nullptr || !cves->is_array()) continue;
    for (const json::Value& cve : cves->as_array()) {
      const json::Value* id = cve.is_object() ? cve.find("id") : nullptr;
      const json::Value* sev = cve.is_object() ? cve.find("severity") : nullptr;
      if (sev == nullptr || !sev->is_array()) continue;
      std::vector<osv::Severity> list;
      for (const json::Value& s : sev->as_array()) {
        const json::Value* type = s.is_object() ? s.find("type") : nullptr;
        const json::Value* score = s.is_object() ? s.find("score") : nullptr;
        if (type && score && type->is_string() && score->is_string() && !score->as_string().empty())
          list.push_back({type->as_string(), score->as_string()});
      }
      ratings_from(rec, list, out, warnings, id && id->is_string() ? std::string_view(id->as_string()) : std::string_view());
    }
  }
}

void vendor_rating(const osv::Record& rec, const json::Value& db, std::vector<Rating>& out) {
  // Red Hat and its rebuilds (AlmaLinux, Rocky) put their severity in the summary: "Important: openssl ...".
  if (std::string src = database_of(rec.id); src == "AlmaLinux" || src == "Rocky Linux" || src == "Red Hat") {
    std::string_view summary = rec.summary;
    for (std::string_view word : {"Critical", "Important", "Moderate", "Low"})
      if (summary.size() > word.size() && summary.substr(0, word.size()) == word && summary[word.size()] == ':') {
        Rating r;
        r.source_name = src;
        r.source_url = url_of(rec.id);
        r.severity = severity_word(word);
        r.method = "other";
        r.justification = "severity " + std::string(word);
        add_rating(out, std::move(r));
      }
  }
  if (database_of(rec.id) == "Red Hat") {
    // Red Hat's records give their severity as a link to its definition: ".../classification/#important".
    static constexpr std::string_view kClassification = "access.redhat.com/security/updates/classification/#";
    for (const osv::Reference& ref : rec.references)
      if (auto at = ref.url.find(kClassification); at != std::string::npos) {
        std::string word = ref.url.substr(at + kClassification.size());
        Rating r;
        r.source_name = "Red Hat";
        r.source_url = url_of(rec.id);
        r.severity = severity_word(word);
        r.method = "other";
        r.justification = "severity " + word;
        add_rating(out, std::move(r));
      }
  }
  if (!db.is_object()) return;
  for (const char* key : {"severity", "urgency", "priority"}) {
    const json::Value* v = db.find(key);
    if (v == nullptr || !v->is_string() || v->as_string().empty()) continue;
    Rating r;
    r.source_name = database_of(rec.id);
    r.source_url = url_of(rec.id);
    r.severity = severity_word(v->as_string());
    r.method = "other";
    r.justification = std::string(key) + " " + v->as_string();
    add_rating(out, std::move(r));
  }
}

Vulnerability build(const std::string& id, const Vuln& v, std::vector<Error>& warnings) {
  Vulnerability out;
  out.id = id;
  out.source_name = starts_with(id, "CVE-") && v.records.find(id) == v.records.end() ? "NVD" : database_of(id);
  out.source_url = url_of(id);
  for (const std::string& other : v.ids) {
    if (other == id) continue;
    VulnReference ref;
    ref.id = other;
    ref.source_name = database_of(other);
    ref.source_url = url_of(other);
    out.references.push_back(std::move(ref));
  }
  std::set<int> cwes;
  std::set<std::string> advisories;
  for (const auto& [rid, rec] : v.records) {
    ratings_from(*rec, rec->severity, out.ratings, warnings);
    for (const osv::Affected& a : rec->affected) ratings_from(*rec, a.severity, out.ratings, warnings);
    if (starts_with(rid, "USN-")) usn_ratings(*rec, out.ratings, warnings);
    vendor_rating(*rec, rec->database_specific, out.ratings);
    if (const json::Value* ids = rec->database_specific.is_object() ? rec->database_specific.find("cwe_ids") : nullptr;
        ids && ids->is_array())
      for (const json::Value& c : ids->as_array())
        if (c.is_string() && starts_with(c.as_string(), "CWE-")) {
          std::string digits = c.as_string().substr(4);
          if (!digits.empty() && digits.size() < 8 && std::all_of(digits.begin(), digits.end(), [](char ch) { return ch >= '0' && ch <= '9'; }))
            cwes.insert(std::stoi(digits));
        }
    for (const osv::Reference& r : rec->references)
      if (r.type == "ADVISORY") advisories.insert(r.url);
    if (out.description.empty()) out.description = !rec->summary.empty() ? rec->summary : rec->details;
    if (out.detail.empty() && !rec->summary.empty()) out.detail = rec->details;
    if (!rec->published.empty() && (out.published.empty() || rec->published < out.published)) out.published = rec->published;
    if (rec->modified > out.updated) out.updated = rec->modified;
  }
  for (int c : cwes) out.cwes.push_back(json::Number::from(static_cast<std::int64_t>(c)));
  for (const std::string& url : advisories) out.advisories.push_back(Advisory{{}, url, {}});
  std::string rec_text;
  for (const Finding& f : v.findings) {
    Affect a;
    a.ref = f.ref;
    // Debian's "undetermined", Red Hat's "under-investigation": the vendor has not decided whether
    // the version is affected (CycloneDX's affects status "unknown").
    const bool open_question = f.vendor.state == "undetermined" || f.vendor.state == "under-investigation";
    a.versions.push_back(AffectedVersion{f.installed, {}, open_question ? "unknown" : "affected", {}});
    if (!f.fixed.empty()) {
      a.versions.push_back(AffectedVersion{f.fixed, {}, "unaffected", {}});
      rec_text += (rec_text.empty() ? "Upgrade " : "; upgrade ") + f.name + " to version " + f.fixed;
    }
    out.affects.push_back(std::move(a));
    if (!f.name_ignoring_case.empty())
      out.properties.push_back({std::string(kNameIgnoringCase), f.ref + " -> " + f.name_ignoring_case, {}});
    for (const auto& [key, value] : {std::pair{kVendorState, &f.vendor.state}, std::pair{kVendorUrgency, &f.vendor.urgency},
                                     std::pair{kVendorReason, &f.vendor.reason}})
      if (!f.vendor.state.empty() && !value->empty()) out.properties.push_back({std::string(key), f.ref + " -> " + *value, {}});
  }
  out.recommendation = rec_text;
  return out;
}

// On a vulnerability: a record of a rating source (GitHub, NVD) that lent its ratings, repeated.
constexpr std::string_view kRatingsFromAlias = "sbomkit:ratings:from_alias";

const std::string* db_string(const osv::Record& r, std::string_view key) {
  const json::Value* v = r.database_specific.is_object() ? r.database_specific.find(key) : nullptr;
  return v != nullptr && v->is_string() ? &v->as_string() : nullptr;
}

void add_property(Vulnerability& out, std::string_view name, const std::string* value) {
  if (value != nullptr && !value->empty()) out.properties.push_back({std::string(name), *value, {}});
}

// Exploitation data on a vulnerability: the KEV entry and the EPSS score of one of its CVEs (the
// highest score when several have one). A CVE named only as `related` (Go's GO-2023-2102 names
// the HTTP/2 protocol flaw CVE-2023-44487 so) counts too, and `sbomkit:kev:via` says so: the gate
// should rather fail on a KEV-listed flaw of the same code than miss it.
void exploitation(const std::map<std::string, osv::Record>& found, const std::set<std::string>& own, Vulnerability& out) {
  const osv::Record* kev = nullptr;
  const osv::Record* epss = nullptr;
  double best = -1;
  for (const auto& [rid, rec] : found) {
    const std::string cve = rec.aliases.empty() ? std::string() : rec.aliases.front();
    if (rid.starts_with("KEV-") && (kev == nullptr || (own.count(cve) && !own.count(kev->aliases.front())))) kev = &rec;
    if (const std::string* score = db_string(rec, "epss"); rid.starts_with("EPSS-") && score != nullptr) {
      double v = std::strtod(score->c_str(), nullptr);
      if (v > best) best = v, epss = &rec;
    }
  }
  if (kev != nullptr) {
    const std::string& cve = kev->aliases.front();
    add_property(out, "sbomkit:kev:cve", &cve);
    add_property(out, "sbomkit:kev:date_added", db_string(*kev, "dateAdded"));
    add_property(out, "sbomkit:kev:due_date", db_string(*kev, "dueDate"));
    add_property(out, "sbomkit:kev:known_ransomware_use", db_string(*kev, "knownRansomwareCampaignUse"));
    if (!own.count(cve)) out.properties.push_back({"sbomkit:kev:via", "related", {}});
  }
  if (epss != nullptr) {
    add_property(out, "sbomkit:epss:cve", &epss->aliases.front());
    add_property(out, "sbomkit:epss:score", db_string(*epss, "epss"));
    add_property(out, "sbomkit:epss:percentile", db_string(*epss, "percentile"));
    add_property(out, "sbomkit:epss:date", db_string(*epss, "date"));
  }
}

// What the index holds about a vulnerability's ids beyond its own records. A finding whose own
// records carry no rating (Go's vulndb never rates) takes the ratings of the rating sources'
// records (GitHub's GHSA-…, NVD's CVE-…) that share one of its ids, each rating naming its source
// and, by its URL, the record; the property lists those records. KEV and EPSS entries of its ids
// (and of the CVEs its records name as related) become properties. An index that cannot be read
// is an error: a severity would be lost in silence.
Status enrich(const vulndb::Database& db, const Vuln& v, Vulnerability& out, std::vector<Error>& warnings) {
  std::set<std::string> ids = v.ids;
  std::set<std::string> related;
  for (const auto& [rid, rec] : v.records)
    for (const std::string& r : rec->related)
      if (r.starts_with("CVE-") && !ids.count(r)) related.insert(r);
  std::map<std::string, osv::Record> found;  // by id, so the order does not depend on the ids asked
  auto look = [&](const std::string& id, bool only_exploitation) -> Status {
    auto recs = db.query_id(id);
    if (!recs) return std::move(recs.error());
    for (osv::Record& r : *recs)
      if (!r.is_withdrawn() && v.records.find(r.id) == v.records.end() &&
          (!only_exploitation || r.id.starts_with("KEV-") || r.id.starts_with("EPSS-")))
        found.emplace(r.id, std::move(r));
    return Ok{};
  };
  for (const std::string& id : ids)
    if (auto ok = look(id, false); !ok) return ok;
  // One hop further: a Go record may name only the GHSA, whose record names the CVE NVD keys its
  // record by (GO-… -> GHSA-… -> CVE-…). The aliases of the rating sources' records found are the
  // same vulnerability, so they count as its own ids (for KEV and EPSS too).
  std::set<std::string> hop;
  for (const auto& [rid, rec] : found)
    if (rid.starts_with("GHSA-") || rid.starts_with("CVE-"))
      for (const std::string& a : rec.aliases)
        if (!ids.count(a)) hop.insert(a);
  for (const std::string& id : hop)
    if (auto ok = look(id, false); !ok) return ok;
  ids.insert(hop.begin(), hop.end());
  for (const std::string& id : related)
    if (auto ok = look(id, true); !ok) return ok;
  exploitation(found, ids, out);
  if (!out.ratings.empty()) return Ok{};
  for (const auto& [rid, rec] : found) {
    if (!rid.starts_with("GHSA-") && !rid.starts_with("CVE-")) continue;
    const std::size_t before = out.ratings.size();
    ratings_from(rec, rec.severity, out.ratings, warnings);
    for (const osv::Affected& a : rec.affected) ratings_from(rec, a.severity, out.ratings, warnings);
    vendor_rating(rec, rec.database_specific, out.ratings);
    if (out.ratings.size() > before) out.properties.push_back({std::string(kRatingsFromAlias), rid, {}});
  }
  return Ok{};
}

// Merges a finding into a vulnerability that was already in the document.
void merge_into(Vulnerability& existing, Vulnerability&& found) {
  for (Property& p : found.properties)
    if (std::none_of(existing.properties.begin(), existing.properties.end(),
                     [&](const Property& e) { return e.name == p.name && e.value == p.value; }))
      existing.properties.push_back(std::move(p));
  for (Affect& a : found.affects) {
    auto same = std::find_if(existing.affects.begin(), existing.affects.end(), [&](const Affect& e) { return e.ref == a.ref; });
    if (same == existing.affects.end()) existing.affects.push_back(std::move(a));
    else if (same->versions.empty()) same->versions = std::move(a.versions);  // ours says which versions
  }
  if (existing.recommendation.empty()) existing.recommendation = found.recommendation;
  std::set<std::string> have{existing.id};
  for (const VulnReference& r : existing.references) have.insert(r.id);
  if (found.id != existing.id && have.insert(found.id).second) {
    VulnReference r;
    r.id = found.id;
    r.source_name = found.source_name;
    r.source_url = found.source_url;
    existing.references.push_back(std::move(r));
  }
  for (VulnReference& r : found.references)
    if (have.insert(r.id).second) existing.references.push_back(std::move(r));
  for (Rating& r : found.ratings) add_rating(existing.ratings, std::move(r));
}

// a > b by the ecosystem's scheme, else by SemVer (fixes of SEMVER ranges), else as text.
bool greater(const std::string& a, const std::string& b, const version::Scheme* scheme) {
  if (scheme != nullptr)
    if (auto o = scheme->compare(a, b)) return *o == version::Order::Greater;
  if (const version::Scheme* semver = version::find_scheme("semver")) {
    auto strip = [](const std::string& v) { return v.size() > 1 && v[0] == 'v' ? v.substr(1) : v; };
    if (auto o = semver->compare(strip(a), strip(b))) return *o == version::Order::Greater;
  }
  return a > b;
}

// The index's ecosystems a target is looked up in: its own, and for a Red Hat stream every
// repository of it ("Red Hat:enterprise_linux:9" -> "...::appstream", "...::baseos").
std::vector<std::string> ecosystems_of(const vulndb::Database& db, const Target& t) {
  std::vector<std::string> out;
  if (db.has_ecosystem(t.ecosystem)) out.push_back(t.ecosystem);
  if (t.stream) {
    const std::string prefix = t.ecosystem + "::";
    const auto& all = db.info().ecosystems;
    for (auto it = all.lower_bound(prefix); it != all.end() && it->first.compare(0, prefix.size(), prefix) == 0; ++it)
      out.push_back(it->first);
  }
  return out;
}

std::string display(const Component& c) {
  if (!c.bom_ref.empty()) return c.bom_ref;
  if (!c.purl.empty()) return c.purl;
  return c.name.empty() ? "(unnamed component)" : c.name;
}

}  // namespace

namespace {

// One component to look up, decided in document order before any lookup runs.
struct Job {
  const Component* component;
  Target target;
  std::vector<std::string> ecosystems;
  const version::Scheme* scheme;
  std::vector<std::size_t> keys;  // index into the scan's lookups, per (ecosystem, name) in lookup order
};

// What one component's evaluation yields; merged in document order after all have run.
struct GroupResult {
  std::string id;
  std::set<std::string> ids;
  std::map<std::string, const osv::Record*> records;
  Finding finding;
};
struct JobResult {
  std::vector<Error> warnings;
  std::size_t withdrawn = 0, skipped_ranges = 0, unfixed_dropped = 0;
  std::vector<GroupResult> groups;
};

struct Lookup {
  std::string ecosystem, name, normalized;
  Expected<std::vector<osv::Record>> records = std::vector<osv::Record>{};
  // The names the index spells differently in case (Go module paths that a producer lowercased),
  // looked up when the exact name has no records; their records are in `records`.
  std::vector<std::string> case_variants{};
};

// Go module paths are case-sensitive, but producers lowercase them (Trivy writes
// github.com/masterminds/goutils for github.com/Masterminds/goutils): a name with no records
// is looked up again ignoring case, and the finding says so.
void lookup_ignoring_case(const vulndb::Database& db, Lookup& l) {
  if (l.ecosystem != "Go" || !l.records || !l.records->empty()) return;
  auto variants = db.names_ignoring_case(l.ecosystem, l.normalized);
  if (!variants) {
    l.records = std::move(variants.error());
    return;
  }
  for (std::string& variant : *variants) {
    if (variant == l.normalized) continue;
    auto more = db.query(l.ecosystem, variant);
    if (!more) {
      l.records = std::move(more.error());
      return;
    }
    l.records->insert(l.records->end(), std::make_move_iterator(more->begin()), std::make_move_iterator(more->end()));
    l.case_variants.push_back(std::move(variant));
  }
}

// The records affecting one component, grouped by alias. Reads only shared, finished data
// (lookups, records, schemes), so components can be evaluated on several threads.
JobResult evaluate_job(const Job& job, const std::vector<Lookup>& lookups, const Options& options) {
  JobResult out;
  const Component& c = *job.component;
  const Target& target = job.target;
  std::vector<Hit> hits;
  std::unordered_set<std::string_view> hit_ids;  // views of ids in the lookups' records, which never move
  std::string name_ignoring_case;
  for (std::size_t key : job.keys) {
    const Lookup& l = lookups[key];
    // Every lookup read: scan() stops on the first that failed before any job is evaluated.
    auto names_package = [&](const std::string& name) {
      // Normalisation is idempotent: a name already equal to the key needs none.
      auto is = [&](const std::string& key_name) {
        return name == key_name || vulndb::normalize_name(l.ecosystem, name) == key_name;
      };
      return is(l.normalized) || std::any_of(l.case_variants.begin(), l.case_variants.end(), is);
    };
    for (const osv::Record& rec : *l.records) {
      if (hit_ids.count(rec.id)) continue;
      if (rec.is_withdrawn()) {
        ++out.withdrawn;
        continue;
      }
      Hit hit{&rec, {}, false};
      bool affected = false;
      for (const osv::Affected& a : rec.affected) {
        if (a.package.ecosystem != l.ecosystem || !names_package(a.package.name)) continue;
        auto d = osv::evaluate(a, target.version, job.scheme, osv::Detail::kVerdict);
        if (!d) {
          out.warnings.push_back(Error(rec.id + ": " + display(c) + ": " + d.error().message));
          continue;
        }
        out.skipped_ranges += static_cast<std::size_t>(d->skipped_ranges);
        if (!d->affected) continue;
        affected = true;
        if (hit.vendor == nullptr && a.ecosystem_specific.is_object() && a.ecosystem_specific.find("vendor_state") != nullptr)
          hit.vendor = &a.ecosystem_specific;
        if (d->fixed.empty()) hit.unfixed = true;
        hit.fixed.insert(hit.fixed.end(), d->fixed.begin(), d->fixed.end());
      }
      if (affected) {
        hit_ids.insert(rec.id);
        hits.push_back(std::move(hit));
        if (!l.case_variants.empty()) name_ignoring_case = l.case_variants.front();
      }
    }
  }
  if (hits.empty()) return out;
  if (!name_ignoring_case.empty())
    out.warnings.push_back(Error(display(c) + ": matched ignoring case: the advisories name '" + name_ignoring_case +
                                 "', the component '" + target.name + "'"));

  std::sort(hits.begin(), hits.end(), [](const Hit& a, const Hit& b) { return a.record->id < b.record->id; });
  // Records sharing any id (their own or an alias) are one vulnerability.
  AliasGroups groups;
  for (const Hit& hit : hits) groups.add(hit.record->id, hit.record->aliases);
  groups.finish();
  std::vector<std::vector<const Hit*>> members(groups.size());
  for (const Hit& hit : hits) members[groups.group_of(hit.record->id)].push_back(&hit);
  for (std::size_t gi = 0; gi < groups.size(); ++gi) {  // every group holds a record: ids come from hits
    GroupResult g;
    Finding& f = g.finding;
    f.ref = c.bom_ref;
    f.name = c.name.empty() ? target.name : c.name;
    f.installed = c.version.empty() ? target.version : c.version;
    f.name_ignoring_case = name_ignoring_case;
    std::vector<std::string> fixes;
    for (const Hit* h : members[gi]) {
      g.records.emplace(h->record->id, h->record);
      fixes.insert(fixes.end(), h->fixed.begin(), h->fixed.end());
      if (f.vendor.state.empty() && h->vendor != nullptr) f.vendor = vendor_state_of(*h->vendor);
    }
    // The highest fix satisfies every record of the group.
    for (std::string fx : fixes) {
      // Go's SEMVER ranges drop the 'v' its versions carry: write fixes as Go spells them.
      if (target.ecosystem == "Go" && !fx.empty() && fx[0] != 'v') fx.insert(0, 1, 'v');
      if (f.fixed.empty() || greater(fx, f.fixed, job.scheme)) f.fixed = fx;
    }
    // The toolchain is the exception: its releases are written as the SemVer OSV uses, without
    // the 'v' (pkg:golang/stdlib@1.19.0), and the fix says the same ("upgrade to 1.19.1").
    if (target.ecosystem == "Go" && target.name == "stdlib" && f.fixed.starts_with('v')) f.fixed.erase(0, 1);
    if (options.ignore_unfixed && f.fixed.empty()) {
      ++out.unfixed_dropped;
      continue;
    }
    g.id = groups.preferred(gi);
    g.ids.insert(groups.members(gi).begin(), groups.members(gi).end());
    out.groups.push_back(std::move(g));
  }
  return out;
}

}  // namespace

// Three steps: decide in document order what to look up; run the index lookups and then the
// per-component evaluations on both cores (each writes only its own slot); merge the results in
// document order, so the output is the same whatever the scheduling.
Report scan(Document& doc, const vulndb::Database& db, const Options& options) {
  Report report;
  const std::string fallback = document_distro(doc);
  std::unordered_map<std::string, const version::Scheme*> schemes;  // by ecosystem, looked up once
  std::vector<Job> jobs;
  std::vector<Lookup> lookups;  // records stay alive for the whole scan: findings point into them
  std::unordered_map<std::string, std::size_t> lookup_of;  // ecosystem, newline, normalised name

  bool first = true;
  doc.for_each_component([&](const Component& c) {
    bool is_subject = first && doc.metadata.component.has_value();
    first = false;
    if (is_subject || c.type == "operating-system" || c.type == "file") return;  // files (secrets found in them) are no packages
    ++report.components;
    auto target = target_for(c, fallback);
    if (!target) {
      report.unmatched.push_back({display(c), target.error().message, Unmatched::Why::kUnidentified, ""});
      return;
    }
    std::vector<std::string> ecosystems = ecosystems_of(db, *target);
    if (ecosystems.empty()) {
      report.unmatched.push_back({display(c), "no " + target->ecosystem + " advisories in the index",
                                  Unmatched::Why::kNoAdvisories, target->ecosystem});
      return;
    }
    if (c.bom_ref.empty()) {
      report.unmatched.push_back({display(c), "component has no bom-ref to attach findings to", Unmatched::Why::kNoBomRef,
                                  target->ecosystem});
      return;
    }
    ++report.looked_up;
    auto known = schemes.find(target->ecosystem);
    if (known == schemes.end()) {
      auto s = version::ecosystem_scheme(target->ecosystem);
      known = schemes.emplace(target->ecosystem, s ? *s : nullptr).first;
    }
    Job job{&c, std::move(*target), std::move(ecosystems), known->second, {}};
    std::vector<std::string> names{job.target.name};
    names.insert(names.end(), job.target.other_names.begin(), job.target.other_names.end());
    for (const std::string& eco : job.ecosystems) {
      for (const std::string& name : names) {
        std::string normalized = vulndb::normalize_name(eco, name);
        auto [it, added] = lookup_of.try_emplace(eco + '\n' + normalized, lookups.size());
        if (added) lookups.push_back({eco, name, std::move(normalized)});
        job.keys.push_back(it->second);
      }
    }
    jobs.push_back(std::move(job));
  });

  parallel_for(lookups.size(), [&](std::size_t i) {
    lookups[i].records = db.query(lookups[i].ecosystem, lookups[i].name);
    lookup_ignoring_case(db, lookups[i]);
  });
  for (const Lookup& l : lookups)  // the first in document order, so the message is deterministic
    if (!l.records) {
      report.index_error = l.records.error();
      return report;
    }
  std::vector<JobResult> results(jobs.size());
  parallel_for(jobs.size(), [&](std::size_t i) { results[i] = evaluate_job(jobs[i], lookups, options); });

  std::map<std::string, Vuln> by_id;  // keyed by the chosen id
  for (JobResult& r : results) {
    for (Error& w : r.warnings) options.diagnostics.warn(std::move(w));
    report.withdrawn += r.withdrawn;
    report.skipped_ranges += r.skipped_ranges;
    report.unfixed_dropped += r.unfixed_dropped;
    for (GroupResult& g : r.groups) {
      Vuln& v = by_id[g.id];
      v.ids.insert(g.ids.begin(), g.ids.end());
      v.records.insert(g.records.begin(), g.records.end());
      v.findings.push_back(std::move(g.finding));
      ++report.findings;
    }
    if (!r.groups.empty()) ++report.affected_components;
  }

  const bool had_vulnerabilities = doc.vulnerabilities.has_value();
  if (!doc.vulnerabilities) doc.vulnerabilities.emplace();
  std::vector<Vulnerability>& vulns = *doc.vulnerabilities;
  // Entries already in the document keep their place; new ones follow in id order (by_id is sorted).
  std::map<std::string, std::size_t, std::less<>> existing;  // id of an input entry -> its position
  for (std::size_t i = 0; i < vulns.size(); ++i) existing.emplace(vulns[i].id, i);
  // Entries are built on both cores (each from its own Vuln, into its own slot), then placed in id order.
  std::vector<std::pair<const std::string*, Vuln*>> order;
  order.reserve(by_id.size());
  for (auto& [id, v] : by_id) order.emplace_back(&id, &v);
  std::vector<Vulnerability> built_all(order.size());
  std::vector<std::vector<Error>> build_warnings(order.size());
  std::vector<Status> borrowed(order.size(), Ok{});
  parallel_for(order.size(), [&](std::size_t i) {
    Vuln& v = *order[i].second;
    std::sort(v.findings.begin(), v.findings.end(), [](const Finding& a, const Finding& b) { return a.ref < b.ref; });
    built_all[i] = build(*order[i].first, v, build_warnings[i]);
    borrowed[i] = enrich(db, v, built_all[i], build_warnings[i]);
  });
  for (const Status& b : borrowed)  // the first in id order; the document is left as it was
    if (!b) {
      report.index_error = b.error();
      if (!had_vulnerabilities) doc.vulnerabilities.reset();
      return report;
    }
  for (std::size_t i = 0; i < order.size(); ++i) {
    const std::string& id = *order[i].first;
    const Vuln& v = *order[i].second;
    for (Error& w : build_warnings[i]) options.diagnostics.warn(std::move(w));
    Vulnerability built = std::move(built_all[i]);
    // An input entry under this id or one of its aliases takes the finding.
    auto hit = existing.find(id);
    for (auto it = v.ids.begin(); hit == existing.end() && it != v.ids.end(); ++it) hit = existing.find(*it);
    if (hit != existing.end()) merge_into(vulns[hit->second], std::move(built));
    else vulns.push_back(std::move(built));
  }
  report.vulnerabilities = vulns.size();
  return report;
}

}  // namespace sbom::match
