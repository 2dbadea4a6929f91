// Small text helpers every module (and tool) uses, one definition each: ASCII trimming and case
// folding (whitespace is " \t\n\r\f\v"; folding ignores the locale), hex, SHA-256, RFC 3339.
#pragma once

#include <cstddef>
#include <cstdint>
#include <optional>
#include <string>
#include <string_view>

namespace sbom::text {

inline bool is_space(char c) { return c == ' ' || c == '\t' || c == '\n' || c == '\r' || c == '\f' || c == '\v'; }

/// `s` without leading and trailing ASCII whitespace (a view into `s`).
inline std::string_view trim(std::string_view s) {
  while (!s.empty() && is_space(s.front())) s.remove_prefix(1);
  while (!s.empty() && is_space(s.back())) s.remove_suffix(1);
  return s;
}

/// `s` as one line of terminal or log text: every control character written out instead of
/// acted on, so that a name or reason read from a document cannot start a line of its own (a CI
/// log reads a line starting with "::" as a command), move the cursor or recolour the terminal.
/// C0 controls and DEL as `\n`, `\r`, `\t` or `\xNN`; the C1 controls (U+0080-U+009F), the
/// line and paragraph separators and the bidirectional overrides and isolates (U+2028, U+2029,
/// U+202A-U+202E, U+2066-U+2069: text shown in another order than it is stored) as `\uNNNN`.
/// Everything else, other UTF-8 and bytes that are no UTF-8 included, is kept.
std::string printable(std::string_view s);

/// Whether printable(s) would change `s`.
bool needs_printable(std::string_view s);

inline char lower(char c) { return c >= 'A' && c <= 'Z' ? static_cast<char>(c - 'A' + 'a') : c; }

/// `s` with A-Z folded to a-z (other bytes, UTF-8 included, unchanged).
inline std::string lower(std::string_view s) {
  std::string out(s);
  for (char& c : out) c = lower(c);
  return out;
}

/// Equal ignoring ASCII case.
inline bool iequals(std::string_view a, std::string_view b) {
  if (a.size() != b.size()) return false;
  for (std::size_t i = 0; i < a.size(); ++i)
    if (lower(a[i]) != lower(b[i])) return false;
  return true;
}

/// Lower-case hex of `n` bytes.
/// The first `n` dot-separated numeric fields of a release or version: leading_fields("12.15", 1)
/// == "12", leading_fields("3.19.1", 2) == "3.19"; empty when it has fewer numeric fields.
inline std::string_view leading_fields(std::string_view s, int n) {
  std::size_t i = 0;
  for (int f = 0; f < n; ++f) {
    if (f > 0) {
      if (i >= s.size() || s[i] != '.') return {};
      ++i;
    }
    const std::size_t b = i;
    while (i < s.size() && s[i] >= '0' && s[i] <= '9') ++i;
    if (i == b) return {};
  }
  return s.substr(0, i);
}

std::string hex(const unsigned char* bytes, std::size_t n);

/// The SHA-256 of `data` in lower-case hex (no "sha256:" prefix).
std::string sha256_hex(std::string_view data);

/// The hashes sbom-gen gives a component that is a file: SHA-256 and SHA-512, lower-case hex.
struct FileHashes {
  std::string sha256, sha512;
};
/// Both of `data`'s hashes in one pass over it (each block goes to both while it is in cache).
FileHashes file_hashes(std::string_view data);

/// `seconds` since the epoch as RFC 3339 UTC with a `Z` and no fraction: 2024-01-02T03:04:05Z.
std::string rfc3339_utc(std::int64_t seconds);

/// Days since 1970-01-01 of a proleptic Gregorian date (Howard Hinnant's civil-date algorithms),
/// and the date of such a day; the days of month `m` (1-12) of year `y`. The one calendar of the
/// toolkit (RFC 3339 times here, the exceptions ledger's dates).
std::int64_t days_from_civil(std::int64_t y, unsigned m, unsigned d);
void civil_from_days(std::int64_t days, std::int64_t& y, unsigned& m, unsigned& d);
unsigned days_in_month(std::int64_t y, unsigned m);

/// Seconds since the epoch of a UTC date `YYYY-MM-DD` (its midnight) or an RFC 3339 date-time
/// (`YYYY-MM-DDTHH:MM:SS`, optional fraction, then `Z` or `+HH:MM`/`-HH:MM`, `T` and `Z` in either
/// case); nullopt when `s` is neither or names no real day (2026-02-30), with the reason in `why`
/// when given ("hour 25 out of range"). The one RFC 3339 reader (the exceptions ledger's dates too).
std::optional<std::int64_t> parse_utc_time(std::string_view s, std::string* why = nullptr);

/// Seconds since the epoch of an HTTP date (RFC 9110 IMF-fixdate: `Sun, 06 Nov 1994 08:49:37 GMT`).
std::optional<std::int64_t> parse_http_date(std::string_view s);

/// `seconds` as an HTTP date (IMF-fixdate), the form Last-Modified carries.
std::string http_date(std::int64_t seconds);

}  // namespace sbom::text
