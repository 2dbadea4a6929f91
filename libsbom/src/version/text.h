// Private: allocation-free character and digit-run helpers shared by the version schemes.
#pragma once

#include <cstddef>
#include <string>
#include <string_view>

#include "sbom/error.h"
#include "sbom/version.h"

namespace sbom::version::detail {

inline bool is_digit(char c) { return c >= '0' && c <= '9'; }
inline bool is_lower(char c) { return c >= 'a' && c <= 'z'; }
inline bool is_upper(char c) { return c >= 'A' && c <= 'Z'; }
inline bool is_alpha(char c) { return is_lower(c) || is_upper(c); }
inline bool is_alnum(char c) { return is_digit(c) || is_alpha(c); }
inline char to_lower(char c) { return is_upper(c) ? static_cast<char>(c - 'A' + 'a') : c; }

inline bool all_digits(std::string_view s) {
  for (char c : s)
    if (!is_digit(c)) return false;
  return !s.empty();
}

inline std::string_view strip_leading_zeros(std::string_view s) {
  std::size_t i = 0;
  while (i < s.size() && s[i] == '0') ++i;
  return s.substr(i);
}

/// Three-way comparison of two runs of decimal digits of any length (leading zeros ignored),
/// so that versions like 20240101000000 or 30-digit components never overflow.
inline int compare_numeric(std::string_view a, std::string_view b) {
  a = strip_leading_zeros(a);
  b = strip_leading_zeros(b);
  if (a.size() != b.size()) return a.size() < b.size() ? -1 : 1;
  int c = a.compare(b);
  return c < 0 ? -1 : (c > 0 ? 1 : 0);
}

inline int compare_bytes(std::string_view a, std::string_view b) {
  int c = a.compare(b);
  return c < 0 ? -1 : (c > 0 ? 1 : 0);
}

inline Order to_order(int c) { return c < 0 ? Order::Less : (c > 0 ? Order::Greater : Order::Equal); }

/// The version as it can be shown in a message: control bytes escaped as \xNN.
inline std::string printable(std::string_view v) {
  static constexpr char kHex[] = "0123456789abcdef";
  std::string out;
  out.reserve(v.size());
  for (char ch : v) {
    auto c = static_cast<unsigned char>(ch);
    if (c < 0x20 || c == 0x7f) {
      out += "\\x";
      out += kHex[c >> 4];
      out += kHex[c & 15];
    } else {
      out += ch;
    }
  }
  return out;
}

/// `invalid <scheme> version '<v>': <why>`, the one shape of every validation error.
inline Error invalid_version(std::string_view scheme, std::string_view v, std::string_view why) {
  std::string msg = "invalid ";
  msg += scheme;
  msg += " version '";
  msg += printable(v);
  msg += "': ";
  msg += why;
  return Error(std::move(msg));
}

}  // namespace sbom::version::detail
