// endoflife.date per-product JSON -> one EOL-<product> record (docs/vulndb-format.md).
#include "vulndb/eol_table.h"

#include <string>
#include <vector>

#include "sbom/eol.h"
#include "sbom/text.h"
#include "sbom/vulndb.h"

namespace sbom::vulndb::detail {
namespace {

bool is_date(std::string_view s) {
  if (s.size() != 10 || s[4] != '-' || s[7] != '-') return false;
  for (std::size_t i = 0; i < s.size(); ++i)
    if (i != 4 && i != 7 && (s[i] < '0' || s[i] > '9')) return false;
  return text::parse_utc_time(s).has_value();
}

// The product a file names: its last path segment (a zip entry's or a URL's too) without .json /
// .json.gz, endoflife.date's other names for ours mapped.
std::string product_of(std::string_view name) {
  if (std::size_t cut = name.find_last_of("/:"); cut != std::string_view::npos) name.remove_prefix(cut + 1);
  if (name.ends_with(".gz")) name.remove_suffix(3);
  if (name.ends_with(".json")) name.remove_suffix(5);
  if (name == "alpine-linux") return "alpine";
  if (name == "golang") return "go";
  if (name == "cbl-mariner") return "azure-linux";
  if (name == "rocky") return "rocky-linux";
  if (name == "redhat") return "rhel";
  if (name == "opensuseleap") return "opensuse";
  return std::string(name);
}

// A cycle as text: endoflife.date writes strings, older copies numbers ("cycle": 3.9).
const std::string* cycle_text(const json::Value* c, std::string& buf) {
  if (c == nullptr) return nullptr;
  if (c->is_string()) return c->as_string().empty() ? nullptr : &c->as_string();
  if (c->is_number()) {
    buf = c->as_number().text;
    return &buf;
  }
  return nullptr;
}

// One release cycle as either format spells it: the members the table is made of.
struct Entry {
  const json::Value* at = nullptr;     // the entry, for errors
  std::string pointer;                 // its JSON Pointer
  const json::Value* cycle = nullptr;  // legacy `cycle`, v1 `name`
  const json::Value* eol = nullptr;    // legacy `eol` (date or bool), v1 `eolFrom` (date or null) / `isEol`
  std::string eol_key;                 // the member `eol` is, for errors
  const json::Value* extended = nullptr;  // legacy `extendedSupport`, v1 `eoesFrom` (Debian's LTS)
  const std::string* codename = nullptr;
  bool lts = false;
  std::vector<const std::string*> dates;  // releaseDate, latestReleaseDate / latest.date: the newest is `modified`
};

const json::Value* member(const json::Value& v, std::string_view key) { return v.is_object() ? v.find(key) : nullptr; }

// What a format calls the members of a cycle.
struct Names {
  std::string_view cycle, eol, extended, lts;
};
constexpr Names kLegacy{"cycle", "eol", "extendedSupport", "lts"};
constexpr Names kV1{"name", "eolFrom", "eoesFrom", "isLts"};

// Each element of an array of cycles, read by the format's names.
std::vector<Entry> entries_of(const json::Value& array, std::string_view prefix, const Names& names) {
  std::vector<Entry> out;
  const json::Array& entries = array.as_array();
  for (std::size_t i = 0; i < entries.size(); ++i) {
    const json::Value& e = entries[i];
    Entry x;
    x.at = &e;
    x.pointer = std::string(prefix);  // (not prefix + to_string: gcc 12 warns -Wrestrict on that form)
    x.pointer += std::to_string(i);
    x.cycle = member(e, names.cycle);
    x.eol = member(e, names.eol);
    x.eol_key = std::string(names.eol);
    x.extended = member(e, names.extended);
    x.codename = string_member(e, "codename");
    const json::Value* lts = member(e, names.lts);
    x.lts = lts != nullptr && lts->is_bool() && lts->as_bool();
    x.dates = {string_member(e, "releaseDate"), string_member(e, "latestReleaseDate")};
    out.push_back(std::move(x));
  }
  return out;
}

// The legacy API (/api/<product>.json): an array of cycles.
std::vector<Entry> legacy_entries(const json::Value& root) { return entries_of(root, "/", kLegacy); }

// The v1 API (/api/v1/products/<product>): {"result": {"name", "releases": [...]}}. A release's
// `eolFrom` is the date the legacy API calls `eol`; when it is null, `isEol` says whether it ended.
// Its latest release's date is `latest.date`.
std::vector<Entry> v1_entries(const json::Value& releases) {
  std::vector<Entry> out = entries_of(releases, "/result/releases/", kV1);
  for (Entry& x : out) {
    if (x.eol != nullptr && x.eol->is_null()) {
      x.eol = member(*x.at, "isEol");
      x.eol_key = "isEol";
    }
    const json::Value* latest = member(*x.at, "latest");
    x.dates[1] = latest != nullptr ? string_member(*latest, "date") : nullptr;
  }
  return out;
}

// The releases of a v1 product document, or nullptr when `root` is none.
const json::Value* v1_releases(const json::Value& root) {
  const json::Value* result = member(root, "result");
  const json::Value* releases = result != nullptr ? member(*result, "releases") : nullptr;
  return releases != nullptr && releases->is_array() && member(*result, "name") != nullptr ? releases : nullptr;
}

}  // namespace

std::string eol_product_of(std::string_view name) { return product_of(name); }

bool is_eol_table(const json::Value& root) {
  if (v1_releases(root) != nullptr) return true;
  if (!root.is_array() || root.as_array().empty()) return false;
  const json::Value& first = root.as_array().front();
  return first.is_object() && first.find("cycle") != nullptr && first.find("eol") != nullptr;
}

std::vector<ConvertedRecord> eol_table_to_osv(const json::Value& root, std::string_view name) {
  auto fail = [&](const json::Value& at, const std::string& pointer, const std::string& message) {
    return std::vector<ConvertedRecord>{{json::Value(), error_at(name, at, pointer, message)}};
  };
  const std::string product = product_of(name);
  const eol::Product* known = eol::product(product);
  if (known == nullptr) {
    std::string list;
    for (const eol::Product& p : eol::products()) list += (list.empty() ? "" : ", ") + std::string(p.id);
    return fail(root, "", "an endoflife.date table of '" + product +
                              "', a product sbomkit does not judge (the file is named after its product: " + list + ")");
  }
  std::vector<Entry> entries;
  if (const json::Value* releases = v1_releases(root)) {
    const json::Value& result = *root.find("result");
    const std::string* of = string_member(result, "name");
    if (of == nullptr || product_of(*of) != product)
      return fail(*result.find("name"), "/result/name",
                  "the table is of '" + (of != nullptr ? *of : std::string("?")) + "', not of " + product +
                      " (the file or URL names its product)");
    if (releases->as_array().empty()) return fail(*releases, "/result/releases", "the table lists no release");
    entries = v1_entries(*releases);
  } else {
    entries = legacy_entries(root);
  }
  json::Array cycles;
  std::string newest;  // the newest release the table lists: the record's `modified`
  for (const Entry& e : entries) {
    std::string buf;
    const std::string* cycle = cycle_text(e.cycle, buf);
    if (cycle == nullptr) return fail(*e.at, e.pointer, "an entry without a cycle");
    const json::Value* eol = e.eol;
    // Debian's LTS is free: its end is the last day of free security support.
    if (product == "debian" && e.extended != nullptr && e.extended->is_string() && is_date(e.extended->as_string()))
      eol = e.extended;
    json::Value when;
    if (eol != nullptr && eol->is_bool()) when = json::Value(eol->as_bool());
    else if (eol != nullptr && eol->is_string() && is_date(eol->as_string())) when = json::Value(eol->as_string());
    else
      return fail(eol != nullptr ? *eol : *e.at, e.pointer + "/" + e.eol_key,
                  "cycle " + *cycle + ": " + e.eol_key + " is neither a date (YYYY-MM-DD) nor true/false");
    for (const std::string* d : e.dates)
      if (d != nullptr && is_date(*d) && *d > newest) newest = *d;
    std::string label = std::string(known->name) + " " + *cycle;
    if (e.codename != nullptr && product == "debian") label += " (" + text::lower(*e.codename) + ")";
    if (e.lts && product == "ubuntu") label += " LTS";
    cycles.push_back(json::Value(json::Object{
        {"cycle", json::Value(*cycle)}, {"eol", std::move(when)}, {"label", json::Value(std::move(label))}}));
  }
  json::Object db{{"source", json::Value("endoflife.date")},
                  {"product", json::Value(product)},
                  {"file", json::Value(name)},
                  {"cycles", json::Value(std::move(cycles))}};
  json::Object rec{{"id", json::Value("EOL-" + product)},
                   {"modified", json::Value((newest.empty() ? std::string("1970-01-01") : newest) + "T00:00:00Z")},
                   {"database_specific", json::Value(std::move(db))}};
  return {{json::Value(std::move(rec)), Error()}};
}

}  // namespace sbom::vulndb::detail

namespace sbom::vulndb {

Expected<std::vector<eol::Table>> eol_tables(const Database& db) {
  std::vector<eol::Table> out;
  const Info& info = db.info();
  for (const eol::Product& product : eol::products()) {
    auto recs = db.query_id("EOL-" + std::string(product.id));
    if (!recs) return std::move(recs.error());
    for (const osv::Record& rec : *recs) {
      if (rec.id != "EOL-" + std::string(product.id)) continue;
      const json::Value& db_specific = rec.database_specific;
      const std::string* file = detail::string_member(db_specific, "file");
      const json::Value* cycles = db_specific.is_object() ? db_specific.find("cycles") : nullptr;
      if (file == nullptr || cycles == nullptr || !cycles->is_array())
        return Error(db.path() + ": record " + rec.id + " is not an end-of-life table sbom-db wrote (rebuild the index)");
      eol::Table t;
      // The source it came from: the file itself, or the zip or directory holding it.
      const SourceInfo* source = nullptr;
      for (const SourceInfo& s : info.sources)
        if (*file == s.path || file->starts_with(s.path + ":") || file->starts_with(s.path + "/")) source = &s;
      // A table an update fetched names where it came from; one given to sbom-db build, its file.
      t.source = "endoflife.date " + std::string(product.id) + " table (" +
                 (source != nullptr && !source->origin.empty() ? source->origin : *file) + ", in the index)";
      const std::int64_t when = source && source->last_modified != 0 ? source->last_modified : info.build_time;
      t.date = when != 0 ? text::rfc3339_utc(when).substr(0, 10) : rec.modified.substr(0, 10);
      for (const json::Value& c : cycles->as_array()) {
        const std::string* cycle = detail::string_member(c, "cycle");
        const std::string* label = detail::string_member(c, "label");
        const json::Value* e = c.is_object() ? c.find("eol") : nullptr;
        if (cycle == nullptr || label == nullptr || e == nullptr || !(e->is_string() || e->is_bool()))
          return Error(db.path() + ": record " + rec.id + " has a cycle sbom-db did not write (rebuild the index)");
        // `"eol": false` stays in: a newer table saying "still supported" outranks an older date.
        eol::Cycle row;
        row.product = std::string(product.id);
        row.cycle = *cycle;
        row.label = *label;
        if (e->is_string()) row.eol = e->as_string();
        else row.ended = e->as_bool();
        t.cycles.push_back(std::move(row));
      }
      out.push_back(std::move(t));
    }
  }
  return out;
}

}  // namespace sbom::vulndb
