// Fuzz target: OSV records, secdb files and the feeds (NVD, KEV, EPSS, gzipped or not) into the index. The single-pass reader may decline a
// record, but what it accepts the tree parser must accept and read the same; whatever the builder
// takes must serialise into an index that opens and reads back.
#include <cstdint>
#include <cstdlib>
#include <string>
#include <string_view>

#include "osv/fast_reader.h"
#include "sbom/vulndb.h"

namespace {

// The parts of a record the matcher reads, in one string.
std::string shape(const sbom::osv::Record& r) {
  std::string out = r.id + '|' + r.modified + '|' + r.withdrawn + '|' + std::to_string(r.aliases.size());
  for (const auto& a : r.affected) {
    out += '|' + a.package.ecosystem + '/' + a.package.name + '/' + std::to_string(a.versions.size());
    for (const auto& range : a.ranges)
      for (const auto& e : range.events) out += ':' + e.version;
  }
  return out;
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  std::string_view text(reinterpret_cast<const char*>(data), size);
  sbom::osv::Record fast;
  if (sbom::osv::detail::read_record_fast(text, fast)) {
    auto tree = sbom::json::parse(text);
    if (!tree) std::abort();
    auto slow = sbom::osv::from_json(*tree, "fuzz");
    if (!slow || shape(*slow) != shape(fast)) std::abort();
    sbom::osv::Record stored;
    if (!sbom::osv::detail::read_stored_record(text, stored) || shape(stored) != shape(fast)) std::abort();
  }
  // The builder: JSON, YAML (by name), secdb, NVD, KEV and EPSS documents, gzip.
  for (const char* name : {"fuzz.json", "fuzz.yaml"}) {
    sbom::vulndb::Builder b;
    b.add_record(text, name, [](const sbom::Error&) {});
    auto db = sbom::vulndb::Database::from_bytes(b.serialize(0), "fuzz");
    if (!db) std::abort();
    for (std::uint64_t i = 0; i < db->info().records; ++i) {
      auto rec = db->record_at(i);
      if (!rec) std::abort();
      if (!db->query_id(rec->id)) std::abort();  // the id lookup reads what the builder keyed
    }
  }
  return 0;
}
