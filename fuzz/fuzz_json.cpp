// Fuzz target: JSON parsing and writing; what parses must write and parse back equal. And the
// quick validating pass (json_quick.cpp) against RapidJSON's full one: what the quick pass calls
// valid the full pass must accept, at any depth bound, with and without the duplicate-key check.
#include <cstdint>
#include <cstdlib>
#include <string_view>

#include "core/json_cursor.h"
#include "sbom/json.h"

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  std::string_view text(reinterpret_cast<const char*>(data), size);
  for (std::size_t depth : {std::size_t{3}, std::size_t{512}})
    for (bool duplicates : {false, true})
      if (sbom::json::detail::quick_valid(text, depth, duplicates) &&
          !sbom::json::detail::validate_in_full(text, depth, duplicates))
        std::abort();
  auto v = sbom::json::parse(text);
  if (!v) return 0;
  auto again = sbom::json::parse(sbom::json::write(*v));
  if (!again || !(*again == *v)) std::abort();
  return 0;
}
