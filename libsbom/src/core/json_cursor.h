// A pull cursor over JSON text that has already been validated (see validate()): the readers
// take values one at a time and build what they need (a json::Value, or a typed model straight
// away) with no intermediate tree.
//
// Why two passes: a validating pass checks the syntax, the UTF-8 and the nesting depth and gives
// the error messages (a quick pass of our own proves the common document valid, RapidJSON's SAX
// reader checks the rest and words every error); the cursor then walks text known to be valid, so
// it needs no error paths of its own and the typed readers can ask for "the next member" instead
// of reacting to SAX events. Positions (line, column in code points) are tracked as the cursor
// goes: newlines can only occur in whitespace, and columns are counted from the last known
// position only when someone asks, so keeping them costs almost nothing.
#pragma once

#include <array>
#include <cstdint>
#include <cstring>
#include <string>
#include <string_view>
#include <vector>

#include "sbom/error.h"
#include "sbom/json.h"

namespace sbom::json::detail {

/// Checks that `text` is one JSON value (RFC 8259, UTF-8) nested at most `max_depth` deep,
/// followed only by whitespace, and with `reject_duplicate_keys` that no object repeats a key
/// (the error is at the second one). Errors carry line:column (file name left empty).
Status validate(std::string_view text, std::size_t max_depth, bool reject_duplicate_keys = false);

/// validate() without its quick pass: RapidJSON's validating pass and the checks around it, for
/// every text. For tests (the quick pass must accept nothing this refuses).
Status validate_in_full(std::string_view text, std::size_t max_depth, bool reject_duplicate_keys = false);

/// Whether validate(text, max_depth, reject_duplicate_keys) would surely succeed, found in one
/// plain pass (json_quick.cpp): true only for valid text; false for every invalid text and for a
/// few valid but unusual shapes (escaped keys when duplicates are checked, \u escapes of
/// surrogates, exponents of three digits or more), which validate() then checks in full.
bool quick_valid(std::string_view text, std::size_t max_depth, bool reject_duplicate_keys);

/// Length of the well-formed (strict) UTF-8 sequence starting at s[i] (1 for ASCII), 0 when there
/// is none.
std::size_t utf8_sequence(std::string_view s, std::size_t i);

/// The bound read_all() puts on a stream that is not a regular file: json::kMaxStreamBytes,
/// lowered only by tests (so the bound is tested without gigabytes), for as long as this lives.
class StreamBoundForTests {
 public:
  explicit StreamBoundForTests(std::size_t bytes);
  ~StreamBoundForTests();
  StreamBoundForTests(const StreamBoundForTests&) = delete;
  StreamBoundForTests& operator=(const StreamBoundForTests&) = delete;

 private:
  std::size_t saved_;
};

/// Appends code point `cp` (at most U+10FFFF) encoded as UTF-8.
void append_utf8(std::string& out, std::uint32_t cp);

/// Line and column (in code points) of a byte offset, counted from the start of `text`.
Position position_of(std::string_view text, std::size_t offset);

class Cursor {
 public:
  explicit Cursor(std::string_view text)
      : begin_(text.data()), p_(text.data()), end_(text.data() + text.size()), col_from_(text.data()) {}

  /// Kind of the next value (whitespace skipped).
  Value::Kind peek() {
    skip_space();
    switch (*p_) {
      case '{': return Value::Kind::Object;
      case '[': return Value::Kind::Array;
      case '"': return Value::Kind::String;
      case 't':
      case 'f': return Value::Kind::Bool;
      case 'n': return Value::Kind::Null;
      default: return Value::Kind::Number;
    }
  }

  /// Where the next value starts.
  Position position() {
    skip_space();
    column_ += count_code_points(col_from_, p_);
    col_from_ = p_;
    return {line_, column_};
  }

  /// Object iteration: `begin_object()` then `while (next_key(k, buf)) { ...read the value... }`.
  /// The key views the text, or `buf` when it had escapes.
  void begin_object() { skip_space(); ++p_; }
  bool next_key(std::string_view& key, std::string& buf) {
    if (!to_next_key()) return false;
    read_key(key, buf);
    return true;
  }
  /// next_key() that also says where the key starts (for "duplicate key" errors).
  bool next_key(std::string_view& key, std::string& buf, Position& at) {
    if (!to_next_key()) return false;
    at = position();
    read_key(key, buf);
    return true;
  }

  /// Array iteration: `begin_array()` then `while (next_element()) { ...read the value... }`.
  void begin_array() { skip_space(); ++p_; }
  bool next_element() {
    skip_space();
    if (*p_ == ',') { ++p_; skip_space(); }
    if (*p_ == ']') { ++p_; return false; }
    return true;
  }

  /// Whether the next value is the empty string "" (peek() first).
  bool at_empty_string() {
    skip_space();
    return p_[0] == '"' && p_ + 1 < end_ && p_[1] == '"';
  }

  /// The next value, which must be a string (peek() first).
  std::string read_string() {
    std::string out;
    read_string_into(out);
    return out;
  }
  void read_string_into(std::string& out) {
    skip_space();
    out.clear();
    std::string_view v = read_string_view(out);
    if (v.data() != out.data()) out.assign(v);
  }
  Number read_number() {
    skip_space();
    const char* s = p_;
    while (p_ < end_ && kNumberChar[static_cast<unsigned char>(*p_)]) ++p_;
    return Number{std::string(s, p_)};
  }
  bool read_bool() {
    skip_space();
    bool b = *p_ == 't';
    p_ += b ? 4 : 5;
    return b;
  }
  void read_null() { skip_space(); p_ += 4; }

  /// The next value as a json::Value with positions; `last_wins` drops earlier duplicate keys.
  Value read_value(bool last_wins);
  /// Steps over the next value.
  void skip_value();

  /// Where the cursor is, to come back to with reset() (a second look at an object).
  struct Mark {
    const char* p;
    std::uint32_t line;
    std::uint32_t column;
    const char* col_from;
  };
  Mark mark() const { return {p_, line_, column_, col_from_}; }
  void reset(const Mark& m) {
    p_ = m.p;
    line_ = m.line;
    column_ = m.column;
    col_from_ = m.col_from;
  }

  /// Whether only whitespace is left.
  bool at_end() { skip_space(); return p_ == end_; }

 private:
  static constexpr std::uint8_t kSpaceTable[256] = {
      0, 0, 0, 0, 0, 0, 0, 0, 0, 1, 2, 0, 0, 1, 0, 0,  // \t \n \r
      0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0,
      1};  // ' '
  static constexpr auto kNumberChar = [] {
    std::array<bool, 256> t{};
    for (unsigned char c : std::string_view("0123456789+-.eE")) t[c] = true;
    return t;
  }();

  void skip_space() {
    while (p_ < end_) {
      std::uint8_t cls = kSpaceTable[static_cast<unsigned char>(*p_)];
      if (cls == 0) return;
      if (cls == 2) {
        ++line_;
        column_ = 1;
        col_from_ = p_ + 1;
      }
      ++p_;
    }
  }

  static std::uint32_t count_code_points(const char* from, const char* to) {
    std::uint32_t n = 0;
    for (const char* q = from; q < to; ++q) n += (static_cast<unsigned char>(*q) & 0xC0) != 0x80;
    return n;
  }

  bool to_next_key() {
    skip_space();
    if (*p_ == ',') { ++p_; skip_space(); }  // valid text: a ',' only ever separates members
    if (*p_ == '}') { ++p_; return false; }
    return true;
  }
  void read_key(std::string_view& key, std::string& buf) {
    key = read_string_view(buf);
    skip_space();
    ++p_;  // the ':'
  }

  // Reads the string at p_ (its opening quote). Without escapes the result views the text;
  // otherwise it is decoded into `scratch` and views that.
  std::string_view read_string_view(std::string& scratch);

  const char* begin_;
  const char* p_;
  const char* end_;
  std::uint32_t line_ = 1;
  std::uint32_t column_ = 1;  // column of col_from_
  const char* col_from_;
  std::string scratch_;
  std::vector<Value> values_;   // scratch for arrays being read (exact-size moves at the end)
  std::vector<Member> members_;  // scratch for objects being read
};

}  // namespace sbom::json::detail
