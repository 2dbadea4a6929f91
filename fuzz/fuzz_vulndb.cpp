// Fuzz target: the index reader on bytes that claim to be an index (sbom-match maps whatever --db
// names). Opening checks what it can up front; every record and lookup after that either reads or
// is an error, never a crash, however the header, tables or records were damaged.
#include <algorithm>
#include <cstdint>
#include <string>
#include <string_view>

#include "sbom/vulndb.h"

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  auto db = sbom::vulndb::Database::from_bytes(std::string(reinterpret_cast<const char*>(data), size), "fuzz");
  if (!db) return 0;
  const auto& info = db->info();
  // A damaged header may claim any count: the reads past the real records must fail, not crash.
  const std::uint64_t n = std::min<std::uint64_t>(info.records + 2, 4096);
  for (std::uint64_t i = 0; i < n; ++i) (void)db->record_at(i);
  for (const auto& [ecosystem, records] : info.ecosystems) {
    (void)db->has_ecosystem(ecosystem);
    for (std::string_view name : {"openssl", "lodash", "", "golang.org/x/net"}) (void)db->query(ecosystem, name);
  }
  (void)db->query("Debian:12", "openssl");
  return 0;
}
