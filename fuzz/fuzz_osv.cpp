// Fuzz target: OSV records and secdb files into the index. The cursor reader and the old tree
// reader (TEMPORARY, until it is deleted) must give the same verdict and, when they accept, the same
// Record in every field; a record read from its tree must be the one read from its text; whatever
// the builder takes must serialise into an index that opens and reads back.
#include <cstdint>
#include <cstdlib>
#include <string>
#include <string_view>

#include "osv/tree_reader.h"
#include "sbom/vulndb.h"

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  std::string_view text(reinterpret_cast<const char*>(data), size);
  auto fast = sbom::osv::parse_record(text, "fuzz");
  sbom::json::ParseOptions po;
  po.reject_duplicate_keys = true;
  if (auto tree = sbom::json::parse(text, po)) {
    auto slow = sbom::osv::detail::from_json_tree(*tree, "fuzz");
    if (bool(fast) != bool(slow)) std::abort();
    if (fast && !(*fast == *slow)) std::abort();
    auto from_tree = sbom::osv::from_json(*tree, "fuzz");
    if (bool(from_tree) != bool(fast) || (fast && !(*from_tree == *fast))) std::abort();
  }
  // The builder: JSON, YAML (by name) and secdb documents.
  for (const char* name : {"fuzz.json", "fuzz.yaml"}) {
    sbom::vulndb::Builder b;
    b.add_record(text, name, [](const sbom::Error&) {});
    auto db = sbom::vulndb::Database::from_bytes(b.serialize(0), "fuzz");
    if (!db) std::abort();
    for (std::uint64_t i = 0; i < db->info().records; ++i)
      if (!db->record_at(i)) std::abort();
  }
  return 0;
}
