// Lossless JSON: RapidJSON's SAX reader validates (iterative, so nesting depth cannot overflow
// the stack; json_quick.cpp proves the common document valid first, faster), then a pull cursor
// over the valid text builds sbom::json::Value trees with positions (json_cursor.h says why two
// passes); and a deterministic writer.
#include "sbom/json.h"

#include <rapidjson/error/error.h>
#include <rapidjson/reader.h>

#include <algorithm>
#include <array>
#include <cassert>
#include <charconv>
#include <cmath>
#include <cstdlib>
#include <cstring>
#include <cerrno>
#include <deque>
#include <memory>
#include <type_traits>
#include <unordered_map>

#include <sys/mman.h>
#include <sys/stat.h>

#include "json_cursor.h"
#include "json_escape.h"

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

const Value* at_pointer(const Value& root, std::string_view pointer) {
  const Value* v = &root;
  while (!pointer.empty()) {
    if (pointer[0] != '/') return nullptr;
    pointer.remove_prefix(1);
    std::size_t end = std::min(pointer.find('/'), pointer.size());
    std::string token;
    for (std::size_t i = 0; i < end; ++i) {
      if (pointer[i] == '~' && i + 1 < end && (pointer[i + 1] == '0' || pointer[i + 1] == '1')) {
        token += pointer[++i] == '0' ? '~' : '/';
      } else {
        token += pointer[i];
      }
    }
    pointer.remove_prefix(end);
    if (v->is_object()) {
      v = v->find(token);
    } else if (v->is_array()) {
      std::size_t index = 0;
      auto res = std::from_chars(token.data(), token.data() + token.size(), index);
      bool plain = !token.empty() && (token == "0" || token[0] != '0');
      if (res.ec != std::errc{} || res.ptr != token.data() + token.size() || !plain || index >= v->as_array().size())
        return nullptr;
      v = &v->as_array()[index];
    } else {
      return nullptr;
    }
    if (v == nullptr) return nullptr;
  }
  return v;
}

Error error_at(std::string_view file, Position at, std::string pointer, std::string message) {
  Error e(std::move(message));
  e.file = file;
  e.line = at.line;
  e.column = at.column;
  e.pointer = std::move(pointer);
  return e;
}

// ---- Parsing ---------------------------------------------------------------------------------

namespace {

// RapidJSON input stream over memory with an end (mapped files are not NUL-terminated).
class BoundedStream {
 public:
  using Ch = char;
  explicit BoundedStream(std::string_view s) : p_(s.data()), end_(s.data() + s.size()), begin_(s.data()) {}
  Ch Peek() const { return p_ != end_ ? *p_ : '\0'; }
  Ch Take() { return p_ != end_ ? *p_++ : '\0'; }
  std::size_t Tell() const { return static_cast<std::size_t>(p_ - begin_); }
  Ch* PutBegin() { std::abort(); }
  void Put(Ch) { std::abort(); }
  void Flush() { std::abort(); }
  std::size_t PutEnd(Ch*) { std::abort(); }

 private:
  const char* p_;
  const char* end_;
  const char* begin_;
};

// SAX handler of the validating pass: accepts everything, watches the nesting depth and, when
// asked, refuses a key repeated in one object (readers disagree on which of two members counts,
// so a document that repeats a key can be judged by one tool and read differently by the next).
// Keys are decoded by RapidJSON, so "a" and "\u0061" are the same key. The strings of the keys
// seen are views into the text (no copy); an object with many keys also gets a hash set, so a
// hostile object of a million keys stays linear.
template <typename Stream>
class Checks {
 public:
  Checks(std::size_t max_depth, bool reject_duplicates, Stream& stream, std::string_view text)
      : max_depth_(max_depth), reject_duplicates_(reject_duplicates), stream_(stream), text_(text) {}
  bool Null() { return true; }
  bool Bool(bool) { return true; }
  bool Int(int) { return true; }
  bool Uint(unsigned) { return true; }
  bool Int64(std::int64_t) { return true; }
  bool Uint64(std::uint64_t) { return true; }
  bool Double(double) { return true; }
  bool RawNumber(const char*, rapidjson::SizeType, bool) { return true; }
  bool String(const char*, rapidjson::SizeType, bool) { return true; }
  bool Key(const char* str, rapidjson::SizeType len, bool) {
    if (!reject_duplicates_) return true;
    std::string_view key(str, len);
    Level& level = levels_.back();
    const std::size_t start = key_start();
    if (level.big) {
      if (auto it = level.big->find(std::string(key)); it != level.big->end()) return duplicate(key, start, it->second);
      level.big->emplace(std::string(key), start);
      return true;
    }
    for (std::size_t i = level.start; i < top_; ++i)
      if (keys_[i].first == key) return duplicate(key, start, keys_[i].second);
    if (top_ - level.start == kSmallObject) {  // from here on a hash set: linear, whatever the object holds
      level.big = std::make_unique<std::unordered_map<std::string, std::size_t>>();
      for (std::size_t i = level.start; i < top_; ++i) level.big->emplace(std::string(keys_[i].first), keys_[i].second);
      level.big->emplace(std::string(key), start);
      return true;
    }
    // A key without escapes is its own bytes in the text: viewed there, never copied. One with
    // escapes (rare) is kept decoded.
    std::string_view stored = text_.substr(start + 1, len);
    if (stored != key) stored = escaped_.emplace_back(key);
    if (top_ == keys_.size()) keys_.emplace_back();
    keys_[top_++] = {stored, start};
    return true;
  }
  bool StartObject() {
    if (!open()) return false;
    if (reject_duplicates_) levels_.push_back(Level{top_, nullptr});
    return true;
  }
  bool StartArray() {
    if (!open()) return false;
    if (reject_duplicates_) levels_.push_back(Level{top_, nullptr});
    return true;
  }
  bool EndObject(rapidjson::SizeType) { return close(); }
  bool EndArray(rapidjson::SizeType) { return close(); }
  bool too_deep() const { return too_deep_; }
  /// When a key was repeated: where the second one starts, and what to say.
  bool duplicate_found() const { return duplicate_at_ != std::string_view::npos; }
  std::size_t duplicate_at() const { return duplicate_at_; }
  const std::string& duplicate_message() const { return duplicate_message_; }

 private:
  static constexpr std::size_t kSmallObject = 32;
  struct Level {
    std::size_t start;  // first of this container's keys in keys_
    std::unique_ptr<std::unordered_map<std::string, std::size_t>> big;
  };

  bool open() {
    if (depth_ >= max_depth_) {
      too_deep_ = true;
      return false;
    }
    ++depth_;
    return true;
  }
  bool close() {
    --depth_;
    if (reject_duplicates_) {
      top_ = levels_.back().start;
      levels_.pop_back();
    }
    return true;
  }
  // The key just read ends right before the stream's position with its closing quote; its opening
  // quote is the first '"' before that which no backslash escapes.
  std::size_t key_start() const {
    std::size_t i = stream_.Tell() - 1;
    while (i > 0) {
      --i;
      if (text_[i] != '"') continue;
      std::size_t backslashes = 0;
      while (backslashes < i && text_[i - 1 - backslashes] == '\\') ++backslashes;
      if (backslashes % 2 == 0) return i;
    }
    return i;
  }
  bool duplicate(std::string_view key, std::size_t at, std::size_t first) {
    duplicate_at_ = at;
    Position p = detail::position_of(text_, first);
    duplicate_message_ = "duplicate key '" + std::string(key) + "' (the first is at " + std::to_string(p.line) + ":" +
                         std::to_string(p.column) + ")";
    return false;
  }

  std::size_t max_depth_;
  bool reject_duplicates_;
  Stream& stream_;
  std::string_view text_;
  std::size_t depth_ = 0;
  bool too_deep_ = false;
  std::vector<std::pair<std::string_view, std::size_t>> keys_;  // key, offset of its opening quote
  std::deque<std::string> escaped_;  // decoded keys that had escapes (stable addresses)
  std::size_t top_ = 0;                                    // keys_ in use
  std::vector<Level> levels_;
  std::size_t duplicate_at_ = std::string_view::npos;
  std::string duplicate_message_;
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

bool is_space(char c) { return c == ' ' || c == '\t' || c == '\n' || c == '\r'; }

constexpr std::string_view kNumberChars = "0123456789+-.eE";

}  // namespace

namespace detail {

std::size_t utf8_sequence(std::string_view s, std::size_t i) {
  const auto c = static_cast<unsigned char>(s[i]);
  if (c < 0x80) return 1;
  std::size_t len = 0;
  std::uint32_t cp = 0;
  if (c >= 0xC2 && c <= 0xDF) {
    len = 2;
    cp = c & 0x1Fu;
  } else if (c >= 0xE0 && c <= 0xEF) {
    len = 3;
    cp = c & 0x0Fu;
  } else if (c >= 0xF0 && c <= 0xF4) {
    len = 4;
    cp = c & 0x07u;
  } else {
    return 0;
  }
  if (s.size() - i < len) return 0;
  for (std::size_t k = 1; k < len; ++k) {
    const auto cc = static_cast<unsigned char>(s[i + k]);
    if ((cc & 0xC0u) != 0x80u) return 0;
    cp = (cp << 6) | (cc & 0x3Fu);
  }
  if ((len == 3 && cp < 0x800) || (len == 4 && cp < 0x10000) || cp > 0x10FFFF || (cp >= 0xD800 && cp <= 0xDFFF)) {
    return 0;
  }
  return len;
}

void append_utf8(std::string& out, std::uint32_t cp) {
  if (cp < 0x80) {
    out += static_cast<char>(cp);
  } else if (cp < 0x800) {
    out += static_cast<char>(0xC0 | (cp >> 6));
    out += static_cast<char>(0x80 | (cp & 0x3F));
  } else if (cp < 0x10000) {
    out += static_cast<char>(0xE0 | (cp >> 12));
    out += static_cast<char>(0x80 | ((cp >> 6) & 0x3F));
    out += static_cast<char>(0x80 | (cp & 0x3F));
  } else {
    out += static_cast<char>(0xF0 | (cp >> 18));
    out += static_cast<char>(0x80 | ((cp >> 12) & 0x3F));
    out += static_cast<char>(0x80 | ((cp >> 6) & 0x3F));
    out += static_cast<char>(0x80 | (cp & 0x3F));
  }
}

}  // namespace detail

namespace {

using detail::append_utf8;

std::uint32_t hex4(const char* p) {
  std::uint32_t v = 0;
  for (int i = 0; i < 4; ++i) {
    char c = p[i];
    v = v * 16 + static_cast<std::uint32_t>(c <= '9' ? c - '0' : (c | 0x20) - 'a' + 10);
  }
  return v;
}

// Eight bytes at a time: whether any of them is '"' or '\\' (the only bytes that end a run of
// plain string content in text already known to be valid).
inline bool has_quote_or_backslash(std::uint64_t w) {
  constexpr std::uint64_t kOnes = 0x0101010101010101ULL, kHigh = 0x8080808080808080ULL;
  std::uint64_t q = w ^ (kOnes * '"'), b = w ^ (kOnes * '\\');
  return (((q - kOnes) & ~q) | ((b - kOnes) & ~b)) & kHigh;
}

// Keeps only the last member of each key, in place; objects without duplicates (nearly all)
// are only scanned.
void drop_earlier_duplicates(Object& o) {
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

}  // namespace

namespace detail {

Position position_of(std::string_view text, std::size_t offset) {
  offset = std::min(offset, text.size());
  Position pos{1, 1};
  for (std::size_t i = 0; i < offset; ++i) {
    auto c = static_cast<unsigned char>(text[i]);
    if (c == '\n') {
      ++pos.line;
      pos.column = 1;
    } else if ((c & 0xC0) != 0x80) {
      ++pos.column;
    }
  }
  return pos;
}

namespace {

// Texts up to this size (an OSV record) are validated in a private NUL-terminated copy when no
// duplicate check is asked for: RapidJSON then decodes strings in place instead of copying each
// one out (measured: RapidJSON's SSE2 scanning made it slower on OSV records). A NUL byte stops both streams alike, so the verdicts and
// positions are the same; bigger texts (documents, mapped) are not copied.
constexpr std::size_t kCopyUpTo = std::size_t{1} << 20;

// One validating pass. `kind` receives RapidJSON's error code (kParseErrorNone when valid) and
// `offset` the position the error is reported at.
Status validate_once(std::string_view text, std::size_t max_depth, bool reject_duplicates,
                     rapidjson::ParseErrorCode& kind, std::size_t& offset) {
  constexpr unsigned kFlags = rapidjson::kParseIterativeFlag | rapidjson::kParseNumbersAsStringsFlag |
                              rapidjson::kParseValidateEncodingFlag | rapidjson::kParseStopWhenDoneFlag;
  rapidjson::Reader reader;
  rapidjson::ParseResult res;
  std::size_t here = 0;
  bool too_deep = false;
  bool duplicate = false;
  std::size_t duplicate_at = 0;
  std::string duplicate_message;
  auto run = [&](auto& stream, auto flags) {
    Checks<std::remove_reference_t<decltype(stream)>> check(max_depth, reject_duplicates, stream, text);
    res = reader.Parse<decltype(flags)::value>(stream, check);
    here = stream.Tell();
    too_deep = check.too_deep();
    duplicate = check.duplicate_found();
    if (duplicate) {
      duplicate_at = check.duplicate_at();
      duplicate_message = check.duplicate_message();
    }
  };
  if (text.size() <= kCopyUpTo && !reject_duplicates) {  // the duplicate check finds keys in the text as given
    thread_local std::string copy;
    copy.assign(text);
    rapidjson::InsituStringStream stream(copy.data());
    run(stream, std::integral_constant<unsigned, kFlags | rapidjson::kParseInsituFlag>{});
  } else {
    BoundedStream stream(text);
    run(stream, std::integral_constant<unsigned, kFlags>{});
  }
  auto fail = [&](std::string msg, std::size_t at) -> Status {
    offset = at;
    Error e(std::move(msg));
    Position pos = position_of(text, at);
    e.line = pos.line;
    e.column = pos.column;
    return e;
  };
  kind = res.Code();
  if (res.IsError()) {
    if (too_deep) return fail("nesting deeper than " + std::to_string(max_depth) + " levels", here);
    if (duplicate) return fail(duplicate_message, duplicate_at);
    if (res.Code() == rapidjson::kParseErrorDocumentEmpty && here == 0) return fail("empty input", 0);
    if (here == text.size() && res.Code() != rapidjson::kParseErrorDocumentEmpty)
      return fail("unexpected end of input (truncated?)", here);
    std::size_t at = here;
    if (res.Code() == rapidjson::kParseErrorNumberTooBig) {  // noticed inside or at its end: point at its start
      while (at > 0 && kNumberChars.find(text[at - 1]) != std::string_view::npos) --at;
    }
    // RapidJSON words a raw control character in a string as a bad escape: say what it is.
    if (res.Code() == rapidjson::kParseErrorStringEscapeInvalid && at < text.size() &&
        static_cast<unsigned char>(text[at]) < 0x20) {
      static constexpr char kHex[] = "0123456789ABCDEF";
      const auto c = static_cast<unsigned char>(text[at]);
      return fail(std::string("control character U+00") + kHex[c >> 4] + kHex[c & 15] + " in string (JSON requires it escaped)", at);
    }
    return fail(std::string(parse_error_text(res.Code())), at);
  }
  // kParseStopWhenDoneFlag stops after the value; only whitespace may follow.
  for (std::size_t i = here; i < text.size(); ++i)
    if (!is_space(text[i])) {
      kind = rapidjson::kParseErrorDocumentRootNotSingular;
      return fail("unexpected text after the JSON value", i);
    }
  // RapidJSON accepts a lone low surrogate escape (\uDC00 to \uDFFF) and would decode it into
  // bytes that are not UTF-8 (found by fuzzing). In valid JSON every backslash starts an escape
  // inside a string, so stepping from one backslash to the next finds every \u escape.
  for (std::size_t i = text.find('\\'); i != std::string_view::npos; i = text.find('\\', i)) {
    if (text[i + 1] != 'u') {
      i += 2;
      continue;
    }
    std::uint32_t cp = hex4(text.data() + i + 2);
    if (cp >= 0xDC00 && cp <= 0xDFFF) {
      kind = rapidjson::kParseErrorStringUnicodeSurrogateInvalid;
      return fail("invalid surrogate pair in string (a lone \\u" + std::string(text.substr(i + 2, 4)) + ")", i);
    }
    i += (cp >= 0xD800 && cp <= 0xDBFF) ? 12 : 6;  // a high surrogate is always followed by its low half
  }
  return Ok{};
}

// End of the JSON number starting at `i` (RFC 8259 grammar), so blanking it touches nothing after it.
std::size_t number_end(std::string_view t, std::size_t i) {
  auto digits = [&] {
    while (i < t.size() && t[i] >= '0' && t[i] <= '9') ++i;
  };
  if (i < t.size() && t[i] == '-') ++i;
  digits();
  if (i < t.size() && t[i] == '.') {
    ++i;
    digits();
  }
  if (i < t.size() && (t[i] == 'e' || t[i] == 'E')) {
    ++i;
    if (i < t.size() && (t[i] == '+' || t[i] == '-')) ++i;
    digits();
  }
  return i;
}

}  // namespace

Status validate(std::string_view text, std::size_t max_depth, bool reject_duplicate_keys) {
  // The common document is proven valid by the quick pass; anything it is not sure of (every
  // invalid text among them) is checked by RapidJSON's pass, which words the error.
  if (quick_valid(text, max_depth, reject_duplicate_keys)) return Ok{};
  return validate_in_full(text, max_depth, reject_duplicate_keys);
}

Status validate_in_full(std::string_view text, std::size_t max_depth, bool reject_duplicate_keys) {
  rapidjson::ParseErrorCode kind = rapidjson::kParseErrorNone;
  std::size_t offset = 0;
  Status s = validate_once(text, max_depth, reject_duplicate_keys, kind, offset);
  // RapidJSON rejects a number it could not hold in a double (1e400, 400 digits) even when it
  // hands numbers over as text. Such a number is valid JSON and we keep its text, so it is
  // blanked out ("0" and spaces: same length, same positions) in a copy used only for validating,
  // and the check goes on. A few per document; past that the error stands.
  constexpr int kMaxBigNumbers = 16;
  std::string patched;
  for (int n = 0; !s && kind == rapidjson::kParseErrorNumberTooBig && n < kMaxBigNumbers; ++n) {
    if (patched.empty()) patched.assign(text);
    std::size_t end = number_end(patched, offset);
    patched[offset] = '0';
    for (std::size_t i = offset + 1; i < end; ++i) patched[i] = ' ';
    s = validate_once(patched, max_depth, reject_duplicate_keys, kind, offset);
  }
  return s;
}

std::string_view Cursor::read_string_view(std::string& scratch) {
  ++p_;  // the opening quote
  const char* start = p_;
  for (;;) {
    while (end_ - p_ >= 8) {
      std::uint64_t w;
      std::memcpy(&w, p_, 8);
      if (has_quote_or_backslash(w)) break;
      p_ += 8;
    }
    while (*p_ != '"' && *p_ != '\\') ++p_;
    if (*p_ == '"') {
      std::string_view v(start, static_cast<std::size_t>(p_ - start));
      ++p_;
      return v;
    }
    break;  // an escape: decode the rest into scratch
  }
  scratch.assign(start, p_);
  for (;;) {
    char c = *p_;
    if (c == '"') { ++p_; return scratch; }
    if (c != '\\') {
      const char* run = p_;
      while (*p_ != '"' && *p_ != '\\') ++p_;
      scratch.append(run, p_);
      continue;
    }
    char e = p_[1];
    p_ += 2;
    switch (e) {
      case '"': scratch += '"'; break;
      case '\\': scratch += '\\'; break;
      case '/': scratch += '/'; break;
      case 'b': scratch += '\b'; break;
      case 'f': scratch += '\f'; break;
      case 'n': scratch += '\n'; break;
      case 'r': scratch += '\r'; break;
      case 't': scratch += '\t'; break;
      default: {  // 'u'; surrogate pairs were checked by validate()
        std::uint32_t cp = hex4(p_);
        p_ += 4;
        if (cp >= 0xD800 && cp <= 0xDBFF && p_[0] == '\\' && p_[1] == 'u') {
          std::uint32_t low = hex4(p_ + 2);
          if (low >= 0xDC00 && low <= 0xDFFF) {
            cp = 0x10000 + ((cp - 0xD800) << 10) + (low - 0xDC00);
            p_ += 6;
          }
        }
        append_utf8(scratch, cp);
      }
    }
  }
}

Value Cursor::read_value(bool last_wins) {
  Position at = position();
  Value v;
  switch (peek()) {
    case Value::Kind::Null: read_null(); break;
    case Value::Kind::Bool: v = Value(read_bool()); break;
    case Value::Kind::Number: v = Value(read_number()); break;
    case Value::Kind::String: {
      std::string s;
      read_string_into(s);
      v = Value(std::move(s));
      break;
    }
    case Value::Kind::Array: {
      // Elements wait on one scratch stack and move into an exactly sized array at the end (as
      // RapidJSON's own DOM does): one allocation per array and no spare capacity.
      std::size_t mark = values_.size();
      begin_array();
      while (next_element()) values_.push_back(read_value(last_wins));
      Array a(std::make_move_iterator(values_.begin() + static_cast<std::ptrdiff_t>(mark)),
              std::make_move_iterator(values_.end()));
      values_.resize(mark);
      v = Value(std::move(a));
      break;
    }
    case Value::Kind::Object: {
      std::size_t mark = members_.size();
      begin_object();
      std::string buf;
      std::string_view key;
      while (next_key(key, buf)) {
        std::string k(key);
        Value item = read_value(last_wins);
        members_.emplace_back(std::move(k), std::move(item));
      }
      Object o(std::make_move_iterator(members_.begin() + static_cast<std::ptrdiff_t>(mark)),
               std::make_move_iterator(members_.end()));
      members_.resize(mark);
      if (last_wins) drop_earlier_duplicates(o);
      v = Value(std::move(o));
      break;
    }
  }
  v.position = at;
  return v;
}

void Cursor::skip_value() {
  switch (peek()) {
    case Value::Kind::Null: read_null(); break;
    case Value::Kind::Bool: read_bool(); break;
    case Value::Kind::Number: {
      skip_space();
      while (p_ < end_ && kNumberChar[static_cast<unsigned char>(*p_)]) ++p_;
      break;
    }
    case Value::Kind::String: read_string_view(scratch_); break;
    case Value::Kind::Array:
      begin_array();
      while (next_element()) skip_value();
      break;
    case Value::Kind::Object: {
      begin_object();
      std::string_view key;
      while (next_key(key, scratch_)) skip_value();
      break;
    }
  }
}

}  // namespace detail

// ---- Whole inputs in memory --------------------------------------------------------------------

namespace {
std::size_t g_max_stream_bytes = kMaxStreamBytes;  // lowered only by detail::StreamBoundForTests
}  // namespace

namespace detail {
StreamBoundForTests::StreamBoundForTests(std::size_t bytes) : saved_(g_max_stream_bytes) { g_max_stream_bytes = bytes; }
StreamBoundForTests::~StreamBoundForTests() { g_max_stream_bytes = saved_; }
}  // namespace detail

Text::~Text() { release(); }

Text::Text(Text&& o) noexcept : data_(o.data_), size_(o.size_), mapped_(o.mapped_) {
  o.data_ = nullptr;
  o.size_ = 0;
  o.mapped_ = false;
}

Text& Text::operator=(Text&& o) noexcept {
  if (this != &o) {
    release();
    data_ = o.data_;
    size_ = o.size_;
    mapped_ = o.mapped_;
    o.data_ = nullptr;
    o.size_ = 0;
    o.mapped_ = false;
  }
  return *this;
}

void Text::release() {
  if (!data_) return;
  if (mapped_) ::munmap(data_, size_);
  else std::free(data_);
  data_ = nullptr;
  size_ = 0;
}

Expected<Text> read_all(std::FILE* f, std::string_view name) {
  auto fail = [&](int err) {
    Error e(std::string("read error: ") + std::strerror(err));
    e.file = name;
    return e;
  };
  Text t;
  int fd = ::fileno(f);
  struct stat st {};
  // A regular file not yet read from is mapped: no copy, and the pages stay the page cache's.
  if (fd >= 0 && ::fstat(fd, &st) == 0 && S_ISREG(st.st_mode) && st.st_size > 0 && std::ftell(f) == 0) {
    auto size = static_cast<std::size_t>(st.st_size);
    void* p = ::mmap(nullptr, size, PROT_READ, MAP_PRIVATE | MAP_POPULATE, fd, 0);
    if (p != MAP_FAILED) {
      t.data_ = static_cast<char*>(p);
      t.size_ = size;
      t.mapped_ = true;
      return t;
    }
  }
  // Pipes and the rest: read in growing blocks, up to kMaxStreamBytes.
  std::size_t cap = std::min<std::size_t>(std::size_t{1} << 16, g_max_stream_bytes + 1), size = 0;
  char* buf = static_cast<char*>(std::malloc(cap));
  if (!buf) return fail(ENOMEM);
  for (;;) {
    if (size == cap) {
      const std::size_t bound = g_max_stream_bytes;
      if (cap > bound) {  // one byte past the bound was read
        std::free(buf);
        Error e("input from a pipe or device is larger than " +
                (bound % (std::size_t{1} << 30) == 0 ? std::to_string(bound >> 30) + " GiB" : std::to_string(bound) + " bytes") +
                " (give it as a regular file)");
        e.file = name;
        return e;
      }
      std::size_t grown = std::min(cap * 2, bound + 1);
      char* bigger = static_cast<char*>(std::realloc(buf, grown));
      if (!bigger) {
        std::free(buf);
        Error e("out of memory reading the input (" + std::to_string(size >> 20) + " MiB read)");
        e.file = name;
        return e;
      }
      buf = bigger;
      cap = grown;
    }
    std::size_t n = std::fread(buf + size, 1, cap - size, f);
    size += n;
    if (n == 0) {
      if (std::ferror(f)) {
        int err = errno;
        std::free(buf);
        return fail(err ? err : EIO);
      }
      break;
    }
  }
  t.data_ = buf;
  t.size_ = size;
  return t;
}

// ---- Parsing entry points ----------------------------------------------------------------------

Expected<Value> parse(std::string_view text, const ParseOptions& opts) {
  if (auto s = detail::validate(text, opts.max_depth, opts.reject_duplicate_keys); !s) return std::move(s).error();
  detail::Cursor cursor(text);
  return cursor.read_value(opts.last_duplicate_wins);
}

Expected<Value> parse_file(std::FILE* f, std::string_view name, const ParseOptions& opts) {
  auto text = read_all(f, name);
  if (!text) return std::move(text).error();
  auto v = parse(text->view(), opts);
  if (!v) return std::move(v.error().in_file(name));
  return v;
}

// ---- Writing ---------------------------------------------------------------------------------

// The emitter sees every key and value of every document written: each of its steps is one or
// two appends where it can be (an append is a call and a capacity check, not a copy loop).
namespace {

// A comma, line break and up to 64 spaces of indent, copied from here in one append.
constexpr std::string_view kBreak = ",\n                                                                ";

// Appends a comma when `comma`, a line break and `spaces` spaces.
void append_break(std::string& out, bool comma, std::size_t spaces) {
  if (spaces + 2 <= kBreak.size()) {
    out.append(kBreak.substr(comma ? 0 : 1, spaces + (comma ? 2 : 1)));
    return;
  }
  if (comma) out += ',';
  out += '\n';
  out.append(spaces, ' ');
}

// Appends `s` quoted, then `after`. Most strings (ids, names, keys) need no escape: that is
// checked sixteen bytes at a time and a short one goes out with its quotes in one append.
void append_quoted(std::string& out, std::string_view s, std::string_view after) {
  if (detail::needs_escape(s)) {
    out += '"';
    detail::escape_json(s, [&](std::string_view piece) { out.append(piece); });
    out += '"';
    out.append(after);
    return;
  }
  char buf[160];
  const std::size_t n = s.size() + 2 + after.size();
  if (n > sizeof buf) {
    out += '"';
    out.append(s);
    out += '"';
    out.append(after);
    return;
  }
  // An empty view may have a null data(): memcpy must not see it, even for 0 bytes (UBSan).
  buf[0] = '"';
  if (!s.empty()) std::memcpy(buf + 1, s.data(), s.size());
  buf[s.size() + 1] = '"';
  if (!after.empty()) std::memcpy(buf + s.size() + 2, after.data(), after.size());
  out.append(buf, n);
}

}  // namespace

void Emitter::newline_indent() {
  if (indent_ > 0) append_break(out_, false, static_cast<std::size_t>(indent_) * depth_.size());
}

void Emitter::before_value() {
  if (after_key_) { after_key_ = false; return; }
  if (depth_.empty()) return;
  const bool comma = depth_.back()++ > 0;
  if (indent_ > 0) append_break(out_, comma, static_cast<std::size_t>(indent_) * depth_.size());
  else if (comma) out_ += ',';
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

void Emitter::items(std::string_view text, std::uint32_t count) {
  assert(!depth_.empty() && !after_key_);
  depth_.back() += count;
  if (sink_ && text.size() >= chunk_) {  // large: straight to the sink, not through out_
    flush();
    sink_(text);
    return;
  }
  out_.append(text);
  maybe_flush();
}

void Emitter::flush() {
  if (!sink_ || out_.empty()) return;
  sink_(out_);
  out_.clear();
}

void Emitter::key(std::string_view k) {
  // Indented (as every document is written), the break before a key, the key in its quotes and
  // ": " go out in one append: keys need no escape, nearly always, and a document has about as
  // many keys as values (the two appends this saves were a twentieth of writing SPDX 3).
  if (indent_ > 0 && !after_key_ && !depth_.empty()) {
    const std::size_t spaces = static_cast<std::size_t>(indent_) * depth_.size();
    const bool comma = depth_.back() > 0;
    const std::size_t brk = spaces + (comma ? 2 : 1);
    char buf[224];
    if (spaces + 2 <= kBreak.size() && brk + k.size() + 4 <= sizeof buf && !detail::needs_escape(k)) {
      ++depth_.back();
      std::memcpy(buf, kBreak.data() + (comma ? 0 : 1), brk);
      buf[brk] = '"';
      if (!k.empty()) std::memcpy(buf + brk + 1, k.data(), k.size());
      std::memcpy(buf + brk + 1 + k.size(), "\": ", 3);
      out_.append(buf, brk + k.size() + 4);
      after_key_ = true;
      return;
    }
  }
  before_value();
  append_quoted(out_, k, indent_ > 0 ? std::string_view(": ") : std::string_view(":"));
  after_key_ = true;
}

void Emitter::string(std::string_view s) { before_value(); quote(s); }
void Emitter::number(const Number& n) { before_value(); out_ += n.text; }
void Emitter::boolean(bool b) { before_value(); out_ += b ? "true" : "false"; }
void Emitter::null() { before_value(); out_ += "null"; }

void Emitter::quote(std::string_view s) { append_quoted(out_, s, {}); }

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

bool valid_utf8(std::string_view s) {
  for (std::size_t i = 0; i < s.size();) {
    // ASCII eight bytes at a time: most of any document, and the whole input is checked.
    while (s.size() - i >= 8) {
      std::uint64_t w;
      std::memcpy(&w, s.data() + i, 8);
      if (w & 0x8080808080808080u) break;
      i += 8;
    }
    if (i == s.size()) break;
    const std::size_t n = detail::utf8_sequence(s, i);
    if (n == 0) return false;
    i += n;
  }
  return true;
}

std::string to_valid_utf8(std::string_view s) {
  std::string out;
  out.reserve(s.size());
  for (std::size_t i = 0; i < s.size();) {
    const std::size_t n = detail::utf8_sequence(s, i);
    if (n == 0) {
      out += "\xEF\xBF\xBD";  // U+FFFD REPLACEMENT CHARACTER
      ++i;
      continue;
    }
    out.append(s, i, n);
    i += n;
  }
  return out;
}

}  // namespace sbom::json
