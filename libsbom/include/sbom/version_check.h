// Relations between versions ("lt", "<=", ...) and the checking of `A < B` vector files.
#pragma once

#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

#include "sbom/error.h"
#include "sbom/version.h"

namespace sbom::version {

enum class Relation { Less, LessEqual, Equal, GreaterEqual, Greater };

/// "lt" "le" "eq" "ge" "gt" or "<" "<=" "=" ">=" ">"; error names the operator otherwise.
Expected<Relation> parse_relation(std::string_view op);

/// "<", "<=", "=", ">=" or ">".
std::string_view relation_symbol(Relation r);

/// Whether `order` (of a against b) satisfies `a r b`.
bool holds(Order order, Relation r);

/// "<", "=" or ">".
std::string_view order_symbol(Order o);

/// A line of a vector file that does not hold.
struct CheckFailure {
  std::uint32_t line = 0;  ///< 1-based
  std::string text;        ///< the line as written (without its line ending)
  std::string message;     ///< "got '>'", or why the line could not be checked
};

struct CheckReport {
  std::size_t passed = 0;
  std::vector<CheckFailure> failures;
};

/// Checks every line `A OP B` of `text` under `scheme`; blank lines and lines starting with
/// `#` or `//` are skipped. A malformed line or an invalid version is a failure, not an abort.
CheckReport check_vectors(const Scheme& scheme, std::string_view text);

}  // namespace sbom::version
