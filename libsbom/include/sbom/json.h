// A lossless JSON value: numbers keep their source text, objects keep member order, and every
// value remembers where in the input it started (for error messages about the typed model).
#pragma once

#include <cstdint>
#include <cstdio>
#include <functional>
#include <string>
#include <string_view>
#include <utility>
#include <variant>
#include <vector>

#include "sbom/error.h"

namespace sbom::json {

class Value;
using Array = std::vector<Value>;
using Member = std::pair<std::string, Value>;
/// Members in input order. Duplicate keys are kept as they came (the writer keeps them too).
using Object = std::vector<Member>;

/// A JSON number kept as its source text, so 1.10 stays 1.10 and 123456789012345678901 stays exact.
struct Number {
  std::string text;
  double to_double() const;
  /// The shortest text that reads back as `v` (integers without a fraction part).
  static Number from(double v);
  static Number from(std::int64_t v);
  bool operator==(const Number& o) const;  ///< numeric equality, so 1.0 == 1 and 1e2 == 100
};

struct Position {
  std::uint32_t line = 0;
  std::uint32_t column = 0;
};

class Value {
 public:
  enum class Kind : std::uint8_t { Null, Bool, Number, String, Array, Object };

  Value() = default;
  Value(std::nullptr_t) {}
  Value(bool b) : v_(b) {}
  Value(Number n) : v_(std::move(n)) {}
  Value(std::string s) : v_(std::move(s)) {}
  Value(std::string_view s) : v_(std::string(s)) {}
  Value(const char* s) : v_(std::string(s)) {}
  Value(Array a) : v_(std::move(a)) {}
  Value(Object o) : v_(std::move(o)) {}

  Kind kind() const { return static_cast<Kind>(v_.index()); }
  bool is_null() const { return kind() == Kind::Null; }
  bool is_bool() const { return kind() == Kind::Bool; }
  bool is_number() const { return kind() == Kind::Number; }
  bool is_string() const { return kind() == Kind::String; }
  bool is_array() const { return kind() == Kind::Array; }
  bool is_object() const { return kind() == Kind::Object; }

  bool as_bool() const { return std::get<bool>(v_); }
  const Number& as_number() const { return std::get<Number>(v_); }
  const std::string& as_string() const { return std::get<std::string>(v_); }
  std::string& as_string() { return std::get<std::string>(v_); }
  const Array& as_array() const { return std::get<Array>(v_); }
  Array& as_array() { return std::get<Array>(v_); }
  const Object& as_object() const { return std::get<Object>(v_); }
  Object& as_object() { return std::get<Object>(v_); }

  /// Object member lookup (last one wins for duplicate keys); nullptr if absent or not an object.
  const Value* find(std::string_view key) const;
  Value* find(std::string_view key);
  /// Sets (replacing the first existing member) or appends a member; the value must be an object.
  void set(std::string_view key, Value v);
  /// Removes every member with this key; returns whether one was removed.
  bool erase(std::string_view key);

  /// Structural equality: object member order ignored, the last of duplicate keys wins,
  /// numbers compared numerically.
  bool operator==(const Value& o) const;

  Position position;  ///< where the value started in its input (0:0 when built in code)

 private:
  std::variant<std::nullptr_t, bool, Number, std::string, Array, Object> v_;
};

std::string_view kind_name(Value::Kind k);

/// Limits that protect against hostile input.
struct ParseOptions {
  std::size_t max_depth = 512;  ///< nesting deeper than this is an error, not a stack overflow
  /// Keep only the last member of duplicate keys (what JSON.parse and most readers do). Off, the
  /// tree keeps every member as it came.
  bool last_duplicate_wins = false;
  /// A key repeated in one object is an error at the second one ("duplicate key 'k' (the first
  /// is at L:C)"). For inputs a tool judges by (documents, policies, advisories): readers disagree
  /// on which member counts, so a repeated key is ambiguous, and ambiguity fails loud.
  bool reject_duplicate_keys = false;
};

/// The whole text of an input in memory: a regular file is mapped read-only (no copy), a pipe
/// is read into one buffer. Holding the text costs one input size of memory and buys the fast
/// two-pass parse (validate, then pull); the parsed model is what dominates memory anyway.
class Text {
 public:
  Text() = default;
  ~Text();
  Text(Text&& o) noexcept;
  Text& operator=(Text&& o) noexcept;
  Text(const Text&) = delete;
  Text& operator=(const Text&) = delete;
  std::string_view view() const { return {data_ ? data_ : "", size_}; }

 private:
  friend Expected<Text> read_all(std::FILE* f, std::string_view name);
  void release();
  char* data_ = nullptr;
  std::size_t size_ = 0;
  bool mapped_ = false;
};

/// The most read_all() takes from a stream that is not a regular file (a pipe, a FIFO, a
/// character device such as /dev/zero): 2 GiB. Past it the read is an error, not a run until
/// memory is gone. A regular file is mapped and has no such bound (its size is known up front).
inline constexpr std::size_t kMaxStreamBytes = std::size_t{2} << 30;

/// Reads a whole stream (file, pipe or terminal); `name` is used in error messages.
Expected<Text> read_all(std::FILE* f, std::string_view name);

/// Whether `s` is well-formed UTF-8 (no overlong forms, surrogates or code points past U+10FFFF),
/// the only text a JSON document may hold.
bool valid_utf8(std::string_view s);
/// `s` as well-formed UTF-8: every byte that does not belong to a well-formed sequence becomes
/// U+FFFD (one per byte, so "\xE9" and "\xE2\x82" give one and two); valid text is unchanged.
std::string to_valid_utf8(std::string_view s);

/// Parses one JSON text (RFC 8259, UTF-8) from memory. Errors carry line:column.
Expected<Value> parse(std::string_view text, const ParseOptions& opts = {});
/// Parses a whole stream (file or pipe). `name` is used in error messages.
Expected<Value> parse_file(std::FILE* f, std::string_view name, const ParseOptions& opts = {});

struct WriteOptions {
  int indent = 2;            ///< 0 writes compact JSON on one line
  bool sort_keys = false;    ///< sort every object's members by key (stable)
};
/// Serialises with deterministic formatting; the output ends with a newline when indent > 0.
std::string write(const Value& v, const WriteOptions& opts = {});
/// Appends the serialised value to `out` (no final newline).
void write_to(std::string& out, const Value& v, const WriteOptions& opts = {});

/// Receives serialised text piece by piece (see Emitter::stream_to).
using Sink = std::function<void(std::string_view)>;

/// Streaming writer with the same formatting as write(): used by the format writers so a
/// typed model can be serialised without building a Value tree first.
class Emitter {
 public:
  Emitter(std::string& out, int indent) : out_(out), indent_(indent) {}
  /// Hands the text to `sink` whenever `out` holds `chunk` bytes or more, so a large document
  /// never sits whole in memory; flush() passes on the rest.
  void stream_to(Sink sink, std::size_t chunk = std::size_t{1} << 16) {
    sink_ = std::move(sink);
    chunk_ = chunk;
  }
  void flush();
  void begin_object();
  void end_object();
  void begin_array();
  void end_array();
  void key(std::string_view k);
  void string(std::string_view s);
  void number(const Number& n);
  void boolean(bool b);
  void null();
  void value(const Value& v, bool sort_keys = false);
  /// Puts the first `count` items into the array just begun (begin_array(), nothing else in it
  /// yet): `text` is what an emitter with the same indent wrote for them inside an array at this
  /// same depth, separators included. The text may come in pieces, one call each, in order (the
  /// counts add up: all on one call is fine). A writer that must make the items before the
  /// members that go ahead of them renders them aside (small trees, each freed at once) and
  /// splices them here.
  void items(std::string_view text, std::uint32_t count);
  /// Convenience: `"k": "s"` when s is not empty.
  void member(std::string_view k, std::string_view s) {
    if (!s.empty()) { key(k); string(s); }
  }
  std::string& out() { return out_; }

 private:
  void before_value();
  void newline_indent();
  void quote(std::string_view s);
  void maybe_flush() {
    if (sink_ && out_.size() >= chunk_) flush();
  }
  std::string& out_;
  int indent_;
  Sink sink_;
  std::size_t chunk_ = 0;
  std::vector<std::uint32_t> depth_;  // members written so far, per open container
  bool after_key_ = false;
};

/// RFC 6901 escaping of one reference token ("a/b" -> "a~1b").
std::string pointer_token(std::string_view key);

/// The value an RFC 6901 JSON Pointer names in `root` ("" is `root` itself); nullptr when it
/// names nothing (a missing member or index, or a step into a scalar).
const Value* at_pointer(const Value& root, std::string_view pointer);

/// The one way an error at a JSON value is made: `file`, the value's line:column (0:0 leaves them
/// out) and its JSON Pointer (empty for none), so every reader words its position the same way:
/// `file:LINE:COL: at /a/0/b: message`.
Error error_at(std::string_view file, Position at, std::string pointer, std::string message);
inline Error error_at(std::string_view file, const Value& v, std::string pointer, std::string message) {
  return error_at(file, v.position, std::move(pointer), std::move(message));
}

}  // namespace sbom::json
