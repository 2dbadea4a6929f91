// Fuzz target: OSV records, secdb files, endoflife.date tables and the feeds (NVD, KEV, EPSS, Debian tracker, Red Hat CSAF, Ubuntu OpenVEX; gzipped or not) into the
// index. A record read from its text and from its tree (as YAML records are) must get the same
// verdict and, when accepted, the same Record in every field; whatever the builder takes must
// serialise into an index that opens and reads back.
#include <cstdint>
#include <cstdlib>
#include <string>
#include <string_view>

#include "sbom/osv.h"
#include "sbom/vulndb.h"

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  std::string_view text(reinterpret_cast<const char*>(data), size);
  auto from_text = sbom::osv::parse_record(text, "fuzz");
  sbom::json::ParseOptions po;
  po.reject_duplicate_keys = true;
  if (auto tree = sbom::json::parse(text, po)) {
    auto from_tree = sbom::osv::from_json(*tree, "fuzz");
    if (bool(from_tree) != bool(from_text) || (from_text && !(*from_tree == *from_text))) std::abort();
  } else if (from_text && tree.error().message.rfind("duplicate key", 0) != 0) {
    std::abort();  // text the JSON parser refuses is no record
  }
  // The builder: JSON, YAML (by name), secdb, NVD, KEV, EPSS, Debian tracker, CSAF and OpenVEX documents, gzip;
  // endoflife.date tables (v1 and legacy) are read only under a product's name.
  for (const char* name : {"fuzz.json", "fuzz.yaml", "debian.json"}) {
    sbom::vulndb::Builder b;
    b.add_record(text, name, sbom::Diagnostics([](const sbom::Diagnostic&) {}));
    auto db = sbom::vulndb::Database::from_bytes(b.serialize(0), "fuzz");
    if (!db) std::abort();
    for (std::uint64_t i = 0; i < db->info().records; ++i) {
      auto rec = db->record_at(i);
      if (!rec) std::abort();
      if (!db->query_id(rec->id)) std::abort();  // the id lookup reads what the builder keyed
    }
    if (!sbom::vulndb::eol_tables(*db)) std::abort();  // a table the builder wrote reads back
  }
  return 0;
}
