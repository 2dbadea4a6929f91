// Test helpers for version schemes: compare by name and print failures readably.
#pragma once

#include <string>
#include <string_view>

#include "sbom/version.h"

namespace sbom::version::testing {

/// "<", "=", ">" for a comparison, or "error: <message>" when it failed.
inline std::string cmp(const Scheme& s, std::string_view a, std::string_view b) {
  auto r = s.compare(a, b);
  if (!r) return "error: " + r.error().message;
  switch (*r) {
    case Order::Less: return "<";
    case Order::Equal: return "=";
    case Order::Greater: return ">";
  }
  return "?";
}

/// "" when valid, else the error message.
inline std::string why_invalid(const Scheme& s, std::string_view v) {
  auto r = s.validate(v);
  return r ? std::string() : r.error().message;
}

inline std::string norm(const Scheme& s, std::string_view v) {
  auto r = s.normalize(v);
  return r ? *r : "error: " + r.error().message;
}

}  // namespace sbom::version::testing
