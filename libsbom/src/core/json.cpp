// Lossless JSON: a RapidJSON SAX front end (iterative, so nesting depth cannot overflow the stack)
// that builds sbom::json::Value trees with positions, and a deterministic writer.
#include "sbom/json.h"

#include <rapidjson/error/error.h>
#include <rapidjson/reader.h>

#include <algorithm>
#include <array>
#include <charconv>
#include <cmath>
#include <cstdlib>
#include <cstring>
#include <cerrno>
#include <memory>

namespace sbom::json {

// ---- Number ----------------------------------------------------------------------------------

double Number::to_double() const { return std::strtod(text.c_str(), nullptr); }

Number Number::from(double v) {
  char buf[64];
  auto res = std::to_chars(buf, buf + sizeof buf, v);
  return Number{std::string(buf, res.ptr)};
}

Number Number::from(std::int64_t v) { return Number{std::to_string(v)}; }

bool Number::operator==(const Number& o) const {
  return text == o.text || to_double() == o.to_double();
}

// ---- Value -----------------------------------------------------------------------------------

const Value* Value::find(std::string_view key) const {
  if (!is_object()) return nullptr;
  const auto& obj = as_object();
  for (auto it = obj.rbegin(); it != obj.rend(); ++it)
    if (it->first == key) return &it->second;
  return nullptr;
}

Value* Value::find(std::string_view key) {
  return const_cast<Value*>(static_cast<const Value*>(this)->find(key));
}

void Value::set(std::string_view key, Value v) {
  auto& obj = as_object();
  for (auto& m : obj)
    if (m.first == key) { m.second = std::move(v); return; }
  obj.emplace_back(std::string(key), std::move(v));
}

bool Value::erase(std::string_view key) {
  auto& obj = as_object();
  auto n = obj.size();
  obj.erase(std::remove_if(obj.begin(), obj.end(), [&](const Member& m) { return m.first == key; }),
            obj.end());
  return obj.size() != n;
}

bool Value::operator==(const Value& o) const {
  if (kind() != o.kind()) return false;
  switch (kind()) {
    case Kind::Null: return true;
    case Kind::Bool: return as_bool() == o.as_bool();
    case Kind::Number: return as_number() == o.as_number();
    case Kind::String: return as_string() == o.as_string();
    case Kind::Array: return as_array() == o.as_array();
    case Kind::Object: {
      // Objects are maps where the last of duplicate keys wins (as JSON.parse and most readers
      // do): equal when they have the same distinct keys and equal last values.
      auto distinct = [](const Object& obj) {
        std::vector<std::string_view> keys;
        keys.reserve(obj.size());
        for (const auto& m : obj) keys.push_back(m.first);
        std::sort(keys.begin(), keys.end());
        return static_cast<std::size_t>(std::unique(keys.begin(), keys.end()) - keys.begin());
      };
      const auto& a = as_object();
      if (distinct(a) != distinct(o.as_object())) return false;
      for (const auto& m : a) {
        const Value* other = o.find(m.first);
        if (!other || !(*find(m.first) == *other)) return false;
      }
      return true;
    }
  }
  return false;
}

std::string_view kind_name(Value::Kind k) {
  switch (k) {
    case Value::Kind::Null: return "null";
    case Value::Kind::Bool: return "a boolean";
    case Value::Kind::Number: return "a number";
    case Value::Kind::String: return "a string";
    case Value::Kind::Array: return "an array";
    case Value::Kind::Object: return "an object";
  }
  return "?";
}

std::string pointer_token(std::string_view key) {
  std::string out;
  out.reserve(key.size());
  for (char c : key) {
    if (c == '~') out += "~0";
    else if (c == '/') out += "~1";
    else out += c;
  }
  return out;
}

// ---- Parsing ---------------------------------------------------------------------------------

namespace {

// Tracks line and column (in code points) of the bytes RapidJSON takes, and where the current
// token started, so every value can record its position. Runs once per input byte, hence the
// table instead of a chain of comparisons.
class PositionTracker {
 public:
  void take(unsigned char c) {
    const std::uint8_t cls = kClass[c];
    if (token_pending_ && !(cls & kSpace)) {
      token_ = {line_, column_};
      token_pending_ = false;
    }
    if (cls & kNewline) {
      ++line_;
      column_ = 1;
    } else {
      column_ += (cls & kContinuation) ? 0 : 1;
    }
    token_pending_ = token_pending_ || (cls & kOpensToken);
  }
  Position here() const { return {line_, column_}; }
  Position token() const { return token_; }

 private:
  enum : std::uint8_t { kSpace = 1, kNewline = 2, kContinuation = 4, kOpensToken = 8 };
  static constexpr std::array<std::uint8_t, 256> kClass = [] {
    std::array<std::uint8_t, 256> t{};
    t[' '] = t['\t'] = t['\r'] = kSpace;
    t['\n'] = kSpace | kNewline;
    for (int c = 0x80; c < 0xC0; ++c) t[static_cast<std::size_t>(c)] = kContinuation;
    t[','] = t[':'] = t['['] = t['{'] = kOpensToken;
    return t;
  }();
  std::uint32_t line_ = 1, column_ = 1;
  Position token_{1, 1};
  bool token_pending_ = true;
};

// RapidJSON input stream over memory.
class MemoryStream {
 public:
  using Ch = char;
  explicit MemoryStream(std::string_view s) : p_(s.data()), end_(s.data() + s.size()), begin_(s.data()) {}
  Ch Peek() const { return p_ != end_ ? *p_ : '\0'; }
  Ch Take() {
    if (p_ == end_) return '\0';
    pos.take(static_cast<unsigned char>(*p_));
    return *p_++;
  }
  std::size_t Tell() const { return static_cast<std::size_t>(p_ - begin_); }
  Ch* PutBegin() { std::abort(); }
  void Put(Ch) { std::abort(); }
  void Flush() { std::abort(); }
  std::size_t PutEnd(Ch*) { std::abort(); }
  bool at_end() const { return p_ == end_; }
  PositionTracker pos;

 private:
  const char* p_;
  const char* end_;
  const char* begin_;
};

// RapidJSON input stream over a FILE*, read in chunks: the text is never held whole in memory.
class FileStream {
 public:
  using Ch = char;
  explicit FileStream(std::FILE* f) : f_(f) { fill(); }
  Ch Peek() const { return p_ != end_ ? *p_ : '\0'; }
  Ch Take() {
    if (p_ == end_) return '\0';
    pos.take(static_cast<unsigned char>(*p_));
    Ch c = *p_++;
    ++count_;
    if (p_ == end_) fill();
    return c;
  }
  std::size_t Tell() const { return count_; }
  Ch* PutBegin() { std::abort(); }
  void Put(Ch) { std::abort(); }
  void Flush() { std::abort(); }
  std::size_t PutEnd(Ch*) { std::abort(); }
  bool at_end() const { return p_ == end_; }
  bool read_error() const { return error_; }
  PositionTracker pos;

 private:
  void fill() {
    std::size_t n = std::fread(buf_, 1, sizeof buf_, f_);
    if (n == 0 && std::ferror(f_)) error_ = true;
    p_ = buf_;
    end_ = buf_ + n;
  }
  std::FILE* f_;
  char buf_[1 << 16];
  char* p_ = buf_;
  char* end_ = buf_;
  std::size_t count_ = 0;
  bool error_ = false;
};

// SAX handler building the Value tree. Values of the open containers wait on one scratch stack
// and move into an exactly sized array or object when their container closes (as RapidJSON's own
// DOM does): one allocation per container and no spare capacity, which matters for big SBOMs.
template <typename Stream>
class TreeBuilder {
 public:
  TreeBuilder(const Stream& s, std::size_t max_depth, bool last_wins)
      : stream_(s), max_depth_(max_depth), last_wins_(last_wins) {}

  bool Null() { return add(Value(nullptr)); }
  bool Bool(bool b) { return add(Value(b)); }
  bool Int(int) { return false; }  // never called: numbers arrive as RawNumber
  bool Uint(unsigned) { return false; }
  bool Int64(std::int64_t) { return false; }
  bool Uint64(std::uint64_t) { return false; }
  bool Double(double) { return false; }
  bool RawNumber(const char* s, rapidjson::SizeType n, bool) { return add(Value(Number{std::string(s, n)})); }
  bool String(const char* s, rapidjson::SizeType n, bool) { return add(Value(std::string(s, n))); }
  bool Key(const char* s, rapidjson::SizeType n, bool) {
    keys_.emplace_back(s, n);
    return true;
  }
  bool StartObject() { return open(true); }
  bool StartArray() { return open(false); }
  bool EndObject(rapidjson::SizeType n) { return close_object(n); }
  bool EndArray(rapidjson::SizeType n) { return close_array(n); }

  bool too_deep() const { return too_deep_; }
  Value take_root() { return std::move(values_.back()); }

 private:
  struct Frame {
    Position position;
    bool object;
  };

  bool open(bool object) {
    if (frames_.size() >= max_depth_) {
      too_deep_ = true;
      return false;
    }
    // The iterative parser calls StartObject/StartArray after skipping whitespace but before it
    // takes the bracket, so the container starts exactly here (the last token is a stale one).
    frames_.push_back({stream_.pos.here(), object});
    return true;
  }
  bool close_array(std::size_t n) {
    Array a;
    a.reserve(n);
    auto first = values_.end() - static_cast<std::ptrdiff_t>(n);
    for (auto it = first; it != values_.end(); ++it) a.push_back(std::move(*it));
    values_.erase(first, values_.end());
    return finish(Value(std::move(a)));
  }
  bool close_object(std::size_t n) {
    Object o;
    o.reserve(n);
    auto first = values_.end() - static_cast<std::ptrdiff_t>(n);
    auto key = keys_.end() - static_cast<std::ptrdiff_t>(n);
    for (auto it = first; it != values_.end(); ++it, ++key) o.emplace_back(std::move(*key), std::move(*it));
    values_.erase(first, values_.end());
    keys_.erase(keys_.end() - static_cast<std::ptrdiff_t>(n), keys_.end());
    if (last_wins_) drop_earlier_duplicates(o);
    return finish(Value(std::move(o)));
  }
  bool finish(Value v) {
    v.position = frames_.back().position;
    frames_.pop_back();
    values_.push_back(std::move(v));
    return true;
  }
  bool add(Value v) {
    v.position = stream_.pos.token();
    values_.push_back(std::move(v));
    return true;
  }

  // Keeps only the last member of each key, in place; objects without duplicates (nearly all)
  // are only scanned.
  static void drop_earlier_duplicates(Object& o) {
    if (o.size() < 2) return;
    bool dup = false;
    if (o.size() <= 32) {
      for (std::size_t i = 0; i < o.size() && !dup; ++i)
        for (std::size_t j = i + 1; j < o.size() && !dup; ++j) dup = o[i].first == o[j].first;
    } else {
      std::vector<std::string_view> keys;
      keys.reserve(o.size());
      for (const auto& m : o) keys.push_back(m.first);
      std::sort(keys.begin(), keys.end());
      dup = std::adjacent_find(keys.begin(), keys.end()) != keys.end();
    }
    if (!dup) return;
    Object kept;
    for (std::size_t i = 0; i < o.size(); ++i) {
      bool later = false;
      for (std::size_t j = i + 1; j < o.size() && !later; ++j) later = o[i].first == o[j].first;
      if (!later) kept.push_back(std::move(o[i]));
    }
    o = std::move(kept);
  }

  const Stream& stream_;
  std::size_t max_depth_;
  bool last_wins_;
  std::vector<Frame> frames_;
  std::vector<Value> values_;  // finished values of the open containers, then the root
  std::vector<std::string> keys_;
  bool too_deep_ = false;
};

std::string_view parse_error_text(rapidjson::ParseErrorCode code) {
  using namespace rapidjson;
  switch (code) {
    case kParseErrorDocumentEmpty: return "empty document";
    case kParseErrorDocumentRootNotSingular: return "unexpected text after the JSON value";
    case kParseErrorValueInvalid: return "invalid value";
    case kParseErrorObjectMissName: return "expected a member name (a string)";
    case kParseErrorObjectMissColon: return "expected ':' after a member name";
    case kParseErrorObjectMissCommaOrCurlyBracket: return "expected ',' or '}'";
    case kParseErrorArrayMissCommaOrSquareBracket: return "expected ',' or ']'";
    case kParseErrorStringUnicodeEscapeInvalidHex: return "invalid \\u escape in string";
    case kParseErrorStringUnicodeSurrogateInvalid: return "invalid surrogate pair in string";
    case kParseErrorStringEscapeInvalid: return "invalid escape in string";
    case kParseErrorStringMissQuotationMark: return "unterminated string";
    case kParseErrorStringInvalidEncoding: return "invalid UTF-8 in string";
    // RapidJSON rejects exponents above 308 even when it keeps numbers as text.
    case kParseErrorNumberTooBig: return "number too big (exponent above 308)";
    case kParseErrorNumberMissFraction: return "expected digits after '.'";
    case kParseErrorNumberMissExponent: return "expected digits in exponent";
    case kParseErrorTermination: return "parsing stopped";
    default: return "invalid JSON";
  }
}

template <typename Stream>
Expected<Value> run_parse(Stream& stream, std::string_view name, const ParseOptions& opts) {
  constexpr unsigned kFlags = rapidjson::kParseIterativeFlag | rapidjson::kParseNumbersAsStringsFlag |
                              rapidjson::kParseValidateEncodingFlag | rapidjson::kParseStopWhenDoneFlag;
  rapidjson::Reader reader;
  TreeBuilder<Stream> builder(stream, opts.max_depth, opts.last_duplicate_wins);
  rapidjson::ParseResult res = reader.Parse<kFlags>(stream, builder);
  auto fail = [&](std::string msg, Position at) {
    Error e(std::move(msg));
    e.file = name;
    e.line = at.line;
    e.column = at.column;
    return e;
  };
  if (res.IsError()) {
    if (builder.too_deep())
      return fail("nesting deeper than " + std::to_string(opts.max_depth) + " levels", stream.pos.here());
    if (res.Code() == rapidjson::kParseErrorDocumentEmpty && stream.Tell() == 0)
      return fail("empty input", {1, 1});
    if (stream.at_end() && res.Code() != rapidjson::kParseErrorDocumentEmpty)
      return fail("unexpected end of input (truncated?)", stream.pos.here());
    // A number too big is only noticed at its end; point at its start.
    Position at = res.Code() == rapidjson::kParseErrorNumberTooBig ? stream.pos.token() : stream.pos.here();
    return fail(std::string(parse_error_text(res.Code())), at);
  }
  // kParseStopWhenDoneFlag stops after the value; only whitespace may follow.
  while (!stream.at_end()) {
    char c = stream.Peek();
    if (c == ' ' || c == '\t' || c == '\n' || c == '\r') { stream.Take(); continue; }
    return fail("unexpected text after the JSON value", stream.pos.here());
  }
  return builder.take_root();
}

}  // namespace

Expected<Value> parse(std::string_view text, const ParseOptions& opts) {
  MemoryStream stream(text);
  return run_parse(stream, "", opts);
}

Expected<Value> parse_file(std::FILE* f, std::string_view name, const ParseOptions& opts) {
  auto stream = std::make_unique<FileStream>(f);
  auto v = run_parse(*stream, name, opts);
  if (stream->read_error()) {
    Error e(std::string("read error: ") + std::strerror(errno));
    e.file = name;
    return e;
  }
  return v;
}

// ---- Writing ---------------------------------------------------------------------------------

void Emitter::newline_indent() {
  if (indent_ <= 0) return;
  out_ += '\n';
  out_.append(static_cast<std::size_t>(indent_) * depth_.size(), ' ');
}

void Emitter::before_value() {
  if (after_key_) { after_key_ = false; return; }
  if (depth_.empty()) return;
  if (depth_.back()++ > 0) out_ += ',';
  newline_indent();
}

void Emitter::begin_object() { before_value(); out_ += '{'; depth_.push_back(0); }
void Emitter::begin_array() { before_value(); out_ += '['; depth_.push_back(0); }

void Emitter::end_object() {
  bool had = depth_.back() > 0;
  depth_.pop_back();
  if (had) newline_indent();
  out_ += '}';
  maybe_flush();
}

void Emitter::end_array() {
  bool had = depth_.back() > 0;
  depth_.pop_back();
  if (had) newline_indent();
  out_ += ']';
  maybe_flush();
}

void Emitter::flush() {
  if (!sink_ || out_.empty()) return;
  sink_(out_);
  out_.clear();
}

void Emitter::key(std::string_view k) {
  before_value();
  quote(k);
  out_ += indent_ > 0 ? ": " : ":";
  after_key_ = true;
}

void Emitter::string(std::string_view s) { before_value(); quote(s); }
void Emitter::number(const Number& n) { before_value(); out_ += n.text; }
void Emitter::boolean(bool b) { before_value(); out_ += b ? "true" : "false"; }
void Emitter::null() { before_value(); out_ += "null"; }

void Emitter::quote(std::string_view s) {
  static constexpr char kHex[] = "0123456789abcdef";
  // One table load per byte: this loop sees every byte of every string written.
  static constexpr std::array<bool, 256> kEscape = [] {
    std::array<bool, 256> t{};
    for (int c = 0; c < 0x20; ++c) t[static_cast<std::size_t>(c)] = true;
    t['"'] = t['\\'] = true;
    return t;
  }();
  out_ += '"';
  std::size_t run = 0;
  for (std::size_t i = 0; i < s.size(); ++i) {
    auto c = static_cast<unsigned char>(s[i]);
    if (!kEscape[c]) continue;
    out_.append(s.data() + run, i - run);
    run = i + 1;
    switch (c) {
      case '"': out_ += "\\\""; break;
      case '\\': out_ += "\\\\"; break;
      case '\n': out_ += "\\n"; break;
      case '\t': out_ += "\\t"; break;
      case '\r': out_ += "\\r"; break;
      case '\b': out_ += "\\b"; break;
      case '\f': out_ += "\\f"; break;
      default:
        out_ += "\\u00";
        out_ += kHex[c >> 4];
        out_ += kHex[c & 15];
    }
  }
  out_.append(s.data() + run, s.size() - run);
  out_ += '"';
}

void Emitter::value(const Value& v, bool sort_keys) {
  switch (v.kind()) {
    case Value::Kind::Null: null(); break;
    case Value::Kind::Bool: boolean(v.as_bool()); break;
    case Value::Kind::Number: number(v.as_number()); break;
    case Value::Kind::String: string(v.as_string()); break;
    case Value::Kind::Array:
      begin_array();
      for (const auto& item : v.as_array()) value(item, sort_keys);
      end_array();
      break;
    case Value::Kind::Object:
      begin_object();
      if (sort_keys) {
        std::vector<const Member*> members;
        for (const auto& m : v.as_object()) members.push_back(&m);
        std::stable_sort(members.begin(), members.end(),
                         [](const Member* a, const Member* b) { return a->first < b->first; });
        for (const Member* m : members) { key(m->first); value(m->second, sort_keys); }
      } else {
        for (const auto& m : v.as_object()) { key(m.first); value(m.second, sort_keys); }
      }
      end_object();
      break;
  }
}

void write_to(std::string& out, const Value& v, const WriteOptions& opts) {
  Emitter e(out, opts.indent);
  e.value(v, opts.sort_keys);
}

std::string write(const Value& v, const WriteOptions& opts) {
  std::string out;
  write_to(out, v, opts);
  if (opts.indent > 0) out += '\n';
  return out;
}

}  // namespace sbom::json
