// The quick check in front of validate() (json_cursor.h): proves the common document valid in one
// plain pass, and hands everything else to RapidJSON's validating pass.
//
// Why: RapidJSON's SAX pass copies every string out and decodes and checks it byte by byte; on a
// 146 MB SBOM that was about a ninth of a whole conversion. This pass only says yes or "not
// sure": it accepts a subset of what validate() accepts (grammar, strict UTF-8, the depth bound,
// no repeated key), so it can never let through what validate() would refuse; whatever it does
// not accept (every invalid text, and a few valid but unusual shapes) goes through validate()'s
// own pass, which gives the one error message and position, exactly as before.
#include <cstdint>
#include <cstring>
#include <memory>
#include <string_view>
#include <unordered_set>
#include <vector>

#include "core/json_cursor.h"

#if defined(__SSE2__)
#include <emmintrin.h>
#endif

namespace sbom::json::detail {

namespace {

bool is_space(char c) { return c == ' ' || c == '\t' || c == '\n' || c == '\r'; }
bool is_digit(char c) { return c >= '0' && c <= '9'; }
bool is_hex(char c) { return is_digit(c) || ((c | 0x20) >= 'a' && (c | 0x20) <= 'f'); }

// The keys of the objects open at the moment, to find a repeated one: a linear scan for small
// objects, a hash set once one has many keys (as the validating pass does). Only keys without
// escapes are kept (a key with an escape makes the quick check give up), so a key is its text.
class KeyCheck {
 public:
  void open() { levels_.push_back(Level{keys_.size(), nullptr}); }
  void close() {
    keys_.resize(levels_.back().start);
    levels_.pop_back();
  }
  // False when the open object has the key already.
  bool add(std::string_view key) {
    Level& level = levels_.back();
    if (level.big) return level.big->insert(key).second;
    for (std::size_t i = level.start; i < keys_.size(); ++i)
      if (keys_[i] == key) return false;
    keys_.push_back(key);
    if (keys_.size() - level.start > kSmallObject)
      level.big = std::make_unique<std::unordered_set<std::string_view>>(keys_.begin() + static_cast<std::ptrdiff_t>(level.start),
                                                                         keys_.end());
    return true;
  }

 private:
  static constexpr std::size_t kSmallObject = 32;
  struct Level {
    std::size_t start;
    std::unique_ptr<std::unordered_set<std::string_view>> big;
  };
  std::vector<std::string_view> keys_;
  std::vector<Level> levels_;
};

class Quick {
 public:
  Quick(std::string_view text, std::size_t max_depth, bool reject_duplicates)
      : text_(text), p_(text.data()), end_(text.data() + text.size()), max_depth_(max_depth),
        reject_duplicates_(reject_duplicates) {}

  bool run() {
    // Iterative, as the validating pass is: the nesting depth costs no stack.
    for (;;) {
      if (!value()) return false;
      if (opened_) {  // a container with something in it: its first value comes next
        opened_ = false;
        continue;
      }
      // After a value: close what ends here, then the next member or element.
      for (;;) {
        skip_space();
        if (open_.empty()) return p_ == end_;
        if (p_ == end_) return false;
        const bool in_object = open_.back() == '{';
        if (*p_ == ',') {
          ++p_;
          if (in_object && !key()) return false;
          break;
        }
        if (*p_ != (in_object ? '}' : ']')) return false;
        ++p_;
        close();
      }
    }
  }

 private:
  void skip_space() {
    while (p_ != end_ && is_space(*p_)) ++p_;
  }
  void close() {
    if (open_.back() == '{' && reject_duplicates_) keys_.close();
    open_.pop_back();
  }
  // One value; or the opening of a container (and its first key, when it is an object) with
  // `opened_` set: its first value is next. An empty container is opened and closed here.
  bool value() {
    skip_space();
    if (p_ == end_) return false;
    switch (*p_) {
      case '{':
      case '[': {
        if (open_.size() >= max_depth_) return false;
        const char open = *p_++;
        open_.push_back(open);
        if (open == '{' && reject_duplicates_) keys_.open();
        skip_space();
        if (p_ != end_ && *p_ == (open == '{' ? '}' : ']')) {
          ++p_;
          close();
          return true;
        }
        opened_ = true;
        return open == '{' ? key() : true;
      }
      case '"': {
        bool escaped = false;
        return string(escaped);
      }
      case 't': return word("true");
      case 'f': return word("false");
      case 'n': return word("null");
      default: return number();
    }
  }
  // A member's key and its colon.
  bool key() {
    skip_space();
    if (p_ == end_ || *p_ != '"') return false;
    const char* start = p_ + 1;
    bool escaped = false;
    if (!string(escaped)) return false;
    if (reject_duplicates_) {
      // A key with an escape would have to be decoded to be compared: left to the full pass.
      if (escaped || !keys_.add(std::string_view(start, static_cast<std::size_t>(p_ - 1 - start)))) return false;
    }
    skip_space();
    if (p_ == end_ || *p_ != ':') return false;
    ++p_;
    return true;
  }
  bool word(std::string_view w) {
    if (static_cast<std::size_t>(end_ - p_) < w.size() || std::memcmp(p_, w.data(), w.size()) != 0) return false;
    p_ += w.size();
    return true;
  }
  // RFC 8259's grammar. The validating pass also refuses numbers a double cannot hold (an
  // exponent above 308, some 300 integer digits): here only exponents of one or two digits and
  // shorter integer parts are taken, which no such bound can touch.
  bool number() {
    if (*p_ == '-') ++p_;
    const char* digits = p_;
    if (p_ == end_ || !is_digit(*p_)) return false;
    if (*p_ == '0') ++p_;
    else
      while (p_ != end_ && is_digit(*p_)) ++p_;
    if (p_ - digits > 200) return false;
    if (p_ != end_ && *p_ == '.') {
      ++p_;
      if (p_ == end_ || !is_digit(*p_)) return false;
      while (p_ != end_ && is_digit(*p_)) ++p_;
    }
    if (p_ != end_ && (*p_ == 'e' || *p_ == 'E')) {
      ++p_;
      if (p_ != end_ && (*p_ == '+' || *p_ == '-')) ++p_;
      const char* exp = p_;
      while (p_ != end_ && is_digit(*p_)) ++p_;
      if (p_ == exp || p_ - exp > 2) return false;
    }
    return true;
  }
  // A string from its opening quote to past its closing one: no control character, strict UTF-8,
  // valid escapes. A \u escape of a surrogate (half of a pair, or a lone one the full pass
  // refuses) is left to the full pass. `escaped` says whether there was any escape.
  bool string(bool& escaped) {
    ++p_;
    for (;;) {
      skip_plain();
      if (p_ == end_) return false;
      const auto c = static_cast<unsigned char>(*p_);
      if (c == '"') {
        ++p_;
        return true;
      }
      if (c == '\\') {
        escaped = true;
        if (end_ - p_ < 2) return false;
        const char e = p_[1];
        if (e == 'u') {
          if (end_ - p_ < 6 || !is_hex(p_[2]) || !is_hex(p_[3]) || !is_hex(p_[4]) || !is_hex(p_[5])) return false;
          if ((p_[2] | 0x20) == 'd' && !(p_[3] >= '0' && p_[3] <= '7')) return false;  // \uD800 to \uDFFF
          p_ += 6;
        } else if (e == '"' || e == '\\' || e == '/' || e == 'b' || e == 'f' || e == 'n' || e == 'r' || e == 't') {
          p_ += 2;
        } else {
          return false;
        }
        continue;
      }
      if (c < 0x20) return false;
      const std::size_t n = utf8_sequence(text_, static_cast<std::size_t>(p_ - text_.data()));
      if (n == 0) return false;
      p_ += n;
    }
  }
  // Past the bytes that need no second look: ASCII other than '"', '\\' and control characters.
  // Sixteen at a time where SSE2 is there: most of a document's bytes are such runs.
  void skip_plain() {
#if defined(__SSE2__)
    const __m128i quote = _mm_set1_epi8('"'), backslash = _mm_set1_epi8('\\'), space = _mm_set1_epi8(0x20);
    while (end_ - p_ >= 16) {
      const __m128i v = _mm_loadu_si128(reinterpret_cast<const __m128i*>(p_));
      // Signed: bytes from 0x80 (UTF-8) compare below 0x20 too.
      const __m128i stop = _mm_or_si128(_mm_or_si128(_mm_cmpeq_epi8(v, quote), _mm_cmpeq_epi8(v, backslash)),
                                        _mm_cmplt_epi8(v, space));
      if (const int mask = _mm_movemask_epi8(stop)) {
        p_ += __builtin_ctz(static_cast<unsigned>(mask));
        return;
      }
      p_ += 16;
    }
#endif
    while (p_ != end_) {
      const auto c = static_cast<unsigned char>(*p_);
      if (c == '"' || c == '\\' || c < 0x20 || c >= 0x80) return;
      ++p_;
    }
  }

  std::string_view text_;
  const char* p_;
  const char* end_;
  std::size_t max_depth_;
  bool reject_duplicates_;
  std::vector<char> open_;  // '{' or '[' per open container
  bool opened_ = false;
  KeyCheck keys_;
};

}  // namespace

bool quick_valid(std::string_view text, std::size_t max_depth, bool reject_duplicate_keys) {
  return Quick(text, max_depth, reject_duplicate_keys).run();
}

}  // namespace sbom::json::detail
