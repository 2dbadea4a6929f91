// Where the report writers put their text: one large buffer handed to the sink whenever it is
// full, so a report is written in large pieces and never sits whole in memory; appending is a
// bounds check and a copy, inline (the writers make millions of short appends per report).
#pragma once

#include <algorithm>
#include <charconv>
#include <cstdint>
#include <cstring>
#include <memory>
#include <span>
#include <string>
#include <string_view>
#include <vector>

#include "core/json_escape.h"
#include "sbom/json.h"

namespace sbom::report::detail {

class Out {
 public:
  explicit Out(const json::Sink& sink)
      : sink_(sink), buf_(std::make_unique_for_overwrite<char[]>(kSize)), p_(buf_.get()), end_(p_ + kSize) {}
  Out(const Out&) = delete;
  Out& operator=(const Out&) = delete;

  void put(char c) {
    if (p_ == end_) drain();
    *p_++ = c;
  }
  void put(std::string_view s) {
    if (static_cast<std::size_t>(end_ - p_) < s.size()) return put_long(s);
    std::memcpy(p_, s.data(), s.size());
    p_ += s.size();
  }
  /// `n` copies of `c` (the table's padding).
  void fill(std::size_t n, char c) {
    while (n > 0) {
      if (p_ == end_) drain();
      const std::size_t k = std::min(n, static_cast<std::size_t>(end_ - p_));
      std::memset(p_, c, k);
      p_ += k;
      n -= k;
    }
  }
  void number(std::uint64_t v) {
    char digits[24];
    auto r = std::to_chars(digits, digits + sizeof digits, v);
    put(std::string_view(digits, static_cast<std::size_t>(r.ptr - digits)));
  }
  /// `s` as it goes between a JSON string's quotes. Most texts need no escaping: they are
  /// checked eight bytes at a time and copied whole.
  void json_text(std::string_view s) {
    if (!json::detail::needs_escape(s)) return put(s);
    json::detail::escape_json(s, [this](std::string_view piece) { put(piece); });
  }
  /// At least `n` free bytes (n <= kSize) at the returned place, to be written directly and
  /// ended with done(): one bounds check for a text of several parts.
  char* room(std::size_t n) {
    if (static_cast<std::size_t>(end_ - p_) < n) drain();
    return p_;
  }
  void done(char* end) { p_ = end; }
  /// Bytes written so far (handed to the sink or not).
  std::size_t written() const { return drained_ + static_cast<std::size_t>(p_ - buf_.get()); }
  /// Hands what is left to the sink (the writers call it once, at the end).
  void finish() { drain(); }

  /// 1 MiB: the file system takes larger writes for less per byte than 128 KiB ones (the
  /// reports' system time on the 100k/50k bench about 15 ms lower).
  static constexpr std::size_t kSize = std::size_t{1} << 20;

 private:
  void drain() {
    const auto n = static_cast<std::size_t>(p_ - buf_.get());
    if (n > 0) sink_(std::string_view(buf_.get(), n));
    drained_ += n;
    p_ = buf_.get();
  }
  void put_long(std::string_view s) {
    while (!s.empty()) {
      if (p_ == end_) drain();
      const std::size_t k = std::min(s.size(), static_cast<std::size_t>(end_ - p_));
      std::memcpy(p_, s.data(), k);
      p_ += k;
      s.remove_prefix(k);
    }
  }
  const json::Sink& sink_;
  std::unique_ptr<char[]> buf_;
  char* p_;
  char* end_;
  std::size_t drained_ = 0;
};

// clang 14 (Debian bookworm's, the fuzz build's compiler) crashes in code generation on a
// consteval constructor's temporary bound to a reference parameter (e.member("k", ...)); found
// when CI's fuzz build could not compile sarif.cpp. There the constructors are constexpr: the same
// values, escaped at run time. gcc (the release build) and newer clang escape when compiling.
#if defined(__clang__) && __clang_major__ < 16
#define SBOM_LITERAL_CONSTEVAL constexpr
#else
#define SBOM_LITERAL_CONSTEVAL consteval
#endif

/// A string literal as JSON string content, escaped when compiled ('\n' becomes "\\n"), so
/// writing it is one copy. Made only from literals (consteval): a runtime text goes through
/// JsonOut::text.
struct Literal {
  template <std::size_t N>
  SBOM_LITERAL_CONSTEVAL Literal(const char (&s)[N]) {  // NOLINT: implicit, so a literal can be passed as it is
    for (std::size_t i = 0; i + 1 < N; ++i) add(s[i]);
  }
  std::string_view view() const { return {text, size}; }

  /// The longest literal (escaped); the array has room past it, so a key is copied with a
  /// fixed size (JsonOut::key).
  static constexpr std::size_t kMax = 64;
  char text[kMax + 16] = {};
  std::size_t size = 0;

 protected:
  SBOM_LITERAL_CONSTEVAL Literal() = default;
  SBOM_LITERAL_CONSTEVAL void add(char c) {
    if (c == '\n' || c == '"' || c == '\\' || c == '\t') text[size++] = '\\';
    // A control character other than those has no short escape: not in a literal.
    if (static_cast<unsigned char>(c) < 0x20 && c != '\n' && c != '\t') throw "control character in a literal";
    text[size++] = c == '\n' ? 'n' : c == '\t' ? 't' : c;
    if (size > kMax) throw "literal too long";
  }
};

/// A member's key, with the ',' that may go before it and the ':' after it: `,"key":`.
struct Key : Literal {
  template <std::size_t N>
  SBOM_LITERAL_CONSTEVAL Key(const char (&s)[N]) {  // NOLINT: implicit, as Literal
    add(',');
    text[size++] = '"';
    for (std::size_t i = 0; i + 1 < N; ++i) add(s[i]);
    text[size++] = '"';
    text[size++] = ':';
    if (size > kMax) throw "key too long";
  }
};

/// Compact JSON (what json::Emitter writes with indent 0) into an Out. The separators need no
/// stack: a ',' goes before a key or an element whenever a value came last. Keys and literal
/// pieces of text are escaped when compiled (Key, Literal), so each is one copy.
class JsonOut {
 public:
  explicit JsonOut(Out& out) : out_(out) {}
  void key(const Key& k) {
    // Copied with a fixed size (a few moves, no call), from after the ',' when none is due.
    const std::size_t skip = comma_ ? 0 : 1;
    char* p = out_.room(Key::kMax);
    std::memcpy(p, k.text + skip, Key::kMax);
    out_.done(p + k.size - skip);
    comma_ = false;
  }
  void begin_object() { open('{'); }
  void begin_array() { open('['); }
  void end_object() { close('}'); }
  void end_array() { close(']'); }
  void string(std::string_view s) {
    if (s.size() <= kShort && !json::detail::needs_escape(s)) {
      // The common case, a short text with nothing to escape: one bounds check, one copy.
      char* p = out_.room(s.size() + 3);
      *p = ',';
      p += comma_;
      *p++ = '"';
      std::memcpy(p, s.data(), s.size());
      p += s.size();
      *p++ = '"';
      out_.done(p);
      comma_ = true;
      return;
    }
    begin_string();
    out_.json_text(s);
    end_string();
  }
  /// A string written in pieces: begin_string(), text(...) or lit(...)..., end_string().
  void begin_string() { open('"'); }
  void text(std::string_view piece) { out_.json_text(piece); }
  void lit(const Literal& piece) { out_.put(piece.view()); }
  void end_string() { close('"'); }
  /// The items of `v` separated by `sep`, as pieces of a string.
  void joined(std::span<const std::string_view> v, const Literal& sep) {
    for (std::size_t i = 0; i < v.size(); ++i) {
      if (i) lit(sep);
      text(v[i]);
    }
  }
  void number(std::uint64_t v) {
    separate();
    out_.number(v);
    comma_ = true;
  }
  /// A value already written as compact JSON (json::write_to with indent 0).
  void raw(std::string_view json) {
    separate();
    out_.put(json);
    comma_ = true;
  }
  /// `"k":"s"` when s is not empty (json::Emitter::member).
  void member(const Key& k, std::string_view s) {
    if (s.empty()) return;
    key(k);
    string(s);
  }
  Out& out() { return out_; }

 private:
  static constexpr std::size_t kShort = 4096;
  static_assert(kShort + 3 <= Out::kSize && Key::kMax <= Out::kSize);
  void separate() {
    if (comma_) out_.put(',');
  }
  void open(char c) {
    separate();
    out_.put(c);
    comma_ = false;
  }
  void close(char c) {
    out_.put(c);
    comma_ = true;
  }
  Out& out_;
  bool comma_ = false;  ///< a value came last: the next key or element needs a ','
};

}  // namespace sbom::report::detail
