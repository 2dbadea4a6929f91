// endoflife.date per-product JSON -> one EOL-<product> record (docs/vulndb-format.md).
#include "vulndb/eol_table.h"

#include <string>

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

// The product a file names: its last path segment (a zip entry's too) without .json / .json.gz,
// endoflife.date's other names for ours mapped.
std::string product_of(std::string_view name) {
  if (std::size_t cut = name.find_last_of("/:"); cut != std::string_view::npos) name.remove_prefix(cut + 1);
  if (name.ends_with(".gz")) name.remove_suffix(3);
  if (name.ends_with(".json")) name.remove_suffix(5);
  if (name == "alpine-linux") return "alpine";
  if (name == "golang") return "go";
  if (name == "cbl-mariner") return "azure-linux";
  return std::string(name);
}

// A cycle as text: endoflife.date writes strings, older copies numbers ("cycle": 3.9).
const std::string* cycle_text(const json::Value& e, std::string& buf) {
  const json::Value* c = e.find("cycle");
  if (c == nullptr) return nullptr;
  if (c->is_string()) return c->as_string().empty() ? nullptr : &c->as_string();
  if (c->is_number()) {
    buf = c->as_number().text;
    return &buf;
  }
  return nullptr;
}

}  // namespace

bool is_eol_table(const json::Value& root) {
  if (!root.is_array() || root.as_array().empty()) return false;
  const json::Value& first = root.as_array().front();
  return first.is_object() && first.find("cycle") != nullptr && first.find("eol") != nullptr;
}

std::vector<ConvertedRecord> eol_table_to_osv(const json::Value& root, std::string_view name) {
  const std::string product = product_of(name);
  const eol::Product* known = eol::product(product);
  if (known == nullptr) {
    std::string list;
    for (const eol::Product& p : eol::products()) list += (list.empty() ? "" : ", ") + std::string(p.id);
    return {{json::Value(), error_at(name, root, "", "an endoflife.date table of '" + product +
                                                         "', a product sbomkit does not judge (the file is named "
                                                         "after its product: " + list + ")")}};
  }
  json::Array cycles;
  std::string newest;  // the newest release the table lists: the record's `modified`
  const json::Array& entries = root.as_array();
  for (std::size_t i = 0; i < entries.size(); ++i) {
    const json::Value& e = entries[i];
    std::string pointer = "/";  // (not "/" + to_string: gcc 12 warns -Wrestrict on that form)
    pointer += std::to_string(i);
    std::string buf;
    const std::string* cycle = e.is_object() ? cycle_text(e, buf) : nullptr;
    if (cycle == nullptr) return {{json::Value(), error_at(name, e, pointer, "an entry without a cycle")}};
    const json::Value* eol = e.find("eol");
    // Debian's LTS is free: its end is the last day of free security support.
    if (const json::Value* ext = e.find("extendedSupport");
        product == "debian" && ext != nullptr && ext->is_string() && is_date(ext->as_string()))
      eol = ext;
    json::Value when;
    if (eol != nullptr && eol->is_bool()) when = json::Value(eol->as_bool());
    else if (eol != nullptr && eol->is_string() && is_date(eol->as_string())) when = json::Value(eol->as_string());
    else
      return {{json::Value(), error_at(name, eol != nullptr ? *eol : e, pointer + "/eol",
                                       "cycle " + *cycle + ": eol is neither a date (YYYY-MM-DD) nor true/false")}};
    for (const char* key : {"releaseDate", "latestReleaseDate"})
      if (const std::string* d = string_member(e, key); d != nullptr && is_date(*d) && *d > newest) newest = *d;
    std::string label = std::string(known->name) + " " + *cycle;
    if (const std::string* code = string_member(e, "codename"); code != nullptr && product == "debian")
      label += " (" + text::lower(*code) + ")";
    if (const json::Value* lts = e.find("lts"); product == "ubuntu" && lts != nullptr && lts->is_bool() && lts->as_bool())
      label += " LTS";
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
      t.source = "endoflife.date " + std::string(product.id) + " table (" + *file + ", in the index)";
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
        else row.ended = true;
        t.cycles.push_back(std::move(row));
      }
      out.push_back(std::move(t));
    }
  }
  return out;
}

}  // namespace sbom::vulndb
