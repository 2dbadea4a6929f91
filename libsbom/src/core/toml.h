// toml++ behind one guard, for every reader of TOML (gitleaks rule files, Cargo.lock, poetry.lock,
// pdm.lock, uv.lock, pylock.toml). Include this header, never <toml++/toml.h> directly: the macros
// below must be the same in every translation unit that includes toml++ (it is header-only here).
//
// toml++ (3.3 on Debian bookworm) checks some of what it parses with assert(): fuzzing found a table
// header starting with a character no key starts with, and it aborts. With NDEBUG the same checks
// become compiler assumptions. Neither suits a parser of files users and images hand us, so the
// checks are compiled out with NDEBUG undefined while it is included, and each such input reaches
// the parser's own error ("expected bare key starting character..."). Two more inputs are kept away
// from it by `toml_text::parse` (below): raw control characters (an assert in table headers) and
// bytes beyond ASCII (an "unreachable" branch of its Unicode whitespace table: undefined behaviour).
#pragma once

#define TOML_EXCEPTIONS 0
#define TOML_HEADER_ONLY 1
#pragma push_macro("NDEBUG")
#undef NDEBUG
#define TOML_ASSERT(expr) static_assert(true)
#include <toml++/toml.h>
#pragma pop_macro("NDEBUG")

#include <cstdint>
#include <cstdio>
#include <string>
#include <string_view>

#include "sbom/error.h"

namespace sbom::toml_text {

/// What to do with bytes beyond ASCII, which toml++ must not see.
enum class NonAscii : std::uint8_t {
  /// Refuse the file at the first one (files people write for us: they can use \uXXXX escapes).
  Refuse,
  /// Read each such byte as '?' (files tools wrote: lockfiles carry descriptions and authors' names
  /// in UTF-8, while every value read from them — names, versions, sources — is ASCII; a byte beyond
  /// ASCII where TOML allows none, in a bare key, is still an error, at the same place).
  Mask,
};

/// An error at a toml++ source position of file `name`.
inline Error error_at(std::string_view name, const toml::source_position& where, std::string message) {
  Error e(std::move(message));
  e.file = std::string(name);
  e.line = where.line;
  e.column = where.column;
  return e;
}

/// The document `text` (named `name` in errors) parsed, or the first error at its line and column.
inline Expected<toml::table> parse(std::string_view text, std::string_view name, NonAscii non_ascii) {
  std::string masked;
  toml::source_position at{1, 1};
  for (std::size_t i = 0; i < text.size(); ++i) {
    const auto c = static_cast<unsigned char>(text[i]);
    if ((c < 0x20 && c != '\t' && c != '\n' && c != '\r') || c == 0x7f) {
      char hex[8];
      std::snprintf(hex, sizeof hex, "%02X", c);
      return error_at(name, at, std::string("a control character (U+00") + hex + ") TOML allows only escaped, in a string");
    }
    if (c >= 0x80) {
      if (non_ascii == NonAscii::Refuse)
        return error_at(name, at, "a character beyond ASCII: this file is read as ASCII (write it as a \\uXXXX escape in a string)");
      if (masked.empty()) masked.assign(text);
      masked[i] = '?';
    }
    if (c == '\n') {
      ++at.line;
      at.column = 1;
    } else {
      ++at.column;
    }
  }
  toml::parse_result parsed = toml::parse(masked.empty() ? text : std::string_view(masked), std::string(name));
  if (!parsed) return error_at(name, parsed.error().source().begin, std::string(parsed.error().description()));
  return std::move(parsed).table();
}

}  // namespace sbom::toml_text
