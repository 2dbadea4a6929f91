// JSON string escaping, once for every writer: json::Emitter appends to a std::string, the
// reports write into their own buffer (report/out.h); both hand the pieces to `append`. The
// check for bytes to escape (has_control_or) serves the reports' XML too.
#pragma once

#include <array>
#include <cstdint>
#include <cstring>
#include <string_view>

#if defined(__SSE2__)
#include <emmintrin.h>
#endif

namespace sbom::json::detail {

namespace escape {
constexpr std::uint64_t kOnes = 0x0101010101010101u, kHigh = 0x8080808080808080u;
/// Whether one of the eight bytes of `w` is a control character (below 0x20) or one of Cs.
template <char... Cs>
constexpr bool in_word(std::uint64_t w) {
  auto zero = [](std::uint64_t v) { return (v - kOnes) & ~v & kHigh; };
  return (((w - kOnes * 0x20) & ~w & kHigh) | ... | zero(w ^ (kOnes * static_cast<unsigned char>(Cs)))) != 0;
}
inline std::uint64_t word(const char* p) {
  std::uint64_t w;
  std::memcpy(&w, p, 8);
  return w;
}
#if defined(__SSE2__)
/// The same for the sixteen bytes at `p`.
template <char... Cs>
bool in_block(const char* p) {
  const __m128i v = _mm_loadu_si128(reinterpret_cast<const __m128i*>(p));
  __m128i hit = _mm_cmpeq_epi8(_mm_min_epu8(v, _mm_set1_epi8(0x1F)), v);  // v <= 0x1F
  ((hit = _mm_or_si128(hit, _mm_cmpeq_epi8(v, _mm_set1_epi8(Cs)))), ...);
  return _mm_movemask_epi8(hit) != 0;
}
#endif
}  // namespace escape

/// Whether `s` holds a control character (below 0x20) or one of Cs: what JSON ('"', '\\') and
/// XML ('&', '<', '>', '"') must escape. Sixteen bytes at a time where SSE2 is there, else
/// eight; the last block overlaps the one before, so the common case, a text with nothing to
/// escape, costs a few instructions per block.
template <char... Cs>
bool has_control_or(std::string_view s) {
  const char* p = s.data();
  const std::size_t n = s.size();
#if defined(__SSE2__)
  if (n >= 16) {
    for (std::size_t i = 0; i + 16 < n; i += 16)
      if (escape::in_block<Cs...>(p + i)) return true;
    return escape::in_block<Cs...>(p + n - 16);
  }
#endif
  if (n >= 8) {
    for (std::size_t i = 0; i + 8 < n; i += 8)
      if (escape::in_word<Cs...>(escape::word(p + i))) return true;
    return escape::in_word<Cs...>(escape::word(p + n - 8));
  }
  for (std::size_t i = 0; i < n; ++i) {
    const char c = p[i];
    if (static_cast<unsigned char>(c) < 0x20 || ((c == Cs) || ...)) return true;
  }
  return false;
}

/// Whether some byte of `s` needs escaping in a JSON string.
inline bool needs_escape(std::string_view s) { return has_control_or<'"', '\\'>(s); }

/// Calls append(piece) with the text of `s` as it goes between a JSON string's quotes: runs of
/// bytes that need nothing as views into `s`, each escape as a short view of its own. Control
/// characters, '"' and '\\' are escaped (\n, \t, \r, \b, \f by name, the rest as \u00xx); every
/// other byte, UTF-8 included, is passed through.
template <typename Append>
void escape_json(std::string_view s, Append&& append) {
  static constexpr char kHex[] = "0123456789abcdef";
  // One table load per byte: this loop sees every byte of every string written.
  static constexpr std::array<bool, 256> kEscape = [] {
    std::array<bool, 256> t{};
    for (int c = 0; c < 0x20; ++c) t[static_cast<std::size_t>(c)] = true;
    t['"'] = t['\\'] = true;
    return t;
  }();
  std::size_t run = 0;
  for (std::size_t i = 0; i < s.size(); ++i) {
    // Eight bytes at a time while none needs escaping: most strings have none at all.
    while (s.size() - i >= 8 && !escape::in_word<'"', '\\'>(escape::word(s.data() + i))) i += 8;
    if (i == s.size()) break;
    const auto c = static_cast<unsigned char>(s[i]);
    if (!kEscape[c]) continue;
    if (i > run) append(s.substr(run, i - run));
    run = i + 1;
    switch (c) {
      case '"': append(std::string_view("\\\"")); break;
      case '\\': append(std::string_view("\\\\")); break;
      case '\n': append(std::string_view("\\n")); break;
      case '\t': append(std::string_view("\\t")); break;
      case '\r': append(std::string_view("\\r")); break;
      case '\b': append(std::string_view("\\b")); break;
      case '\f': append(std::string_view("\\f")); break;
      default: {
        const char u[6] = {'\\', 'u', '0', '0', kHex[c >> 4], kHex[c & 15]};
        append(std::string_view(u, sizeof u));
      }
    }
  }
  if (s.size() > run) append(s.substr(run));
}

}  // namespace sbom::json::detail
