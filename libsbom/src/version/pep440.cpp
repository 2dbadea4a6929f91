// PEP 440 versions (PyPI): parsing without allocation, the spec's ordering, normalisation, and the
// pre-PEP 440 "legacy" versions that old PyPI releases still carry.
#include <algorithm>
#include <cstddef>
#include <string>
#include <string_view>
#include <vector>

#include "version/schemes.h"
#include "sbom/text.h"
#include "version/text.h"

namespace sbom::version {
namespace {

using detail::all_digits;
using detail::compare_numeric;
using detail::invalid_version;
using detail::is_alnum;
using detail::is_alpha;
using detail::is_digit;
using detail::strip_leading_zeros;
using detail::to_lower;
using detail::to_order;

constexpr std::string_view kName = "pep 440";

// Views into the trimmed input; numbers stay digit text so that any length compares exactly.
struct Pep440 {
  std::string_view epoch;    // digits, empty when absent
  std::string_view release;  // digits and dots, e.g. "1.02.0"
  int pre_kind = 0;          // 0 none, 1 a, 2 b, 3 rc
  std::string_view pre_num;
  bool has_post = false;
  std::string_view post_num;
  bool has_dev = false;
  std::string_view dev_num;
  std::string_view local;  // after '+', separators and case as written
};

bool is_sep(char c) { return c == '-' || c == '_' || c == '.'; }

using text::trim;

// Case-insensitive: does `s` continue at `pos` with the lower-case `word`?
bool has_word(std::string_view s, std::size_t pos, std::string_view word) {
  if (s.size() - pos < word.size()) return false;
  for (std::size_t k = 0; k < word.size(); ++k) {
    if (to_lower(s[pos + k]) != word[k]) return false;
  }
  return true;
}

std::size_t digits_end(std::string_view s, std::size_t i) {
  while (i < s.size() && is_digit(s[i])) ++i;
  return i;
}

struct Label {
  std::string_view word;
  int kind;
};

// Longest spellings first so that "preview" is not read as "pre" + "view".
constexpr Label kPreLabels[] = {{"preview", 3}, {"alpha", 1}, {"beta", 2}, {"pre", 3},
                                {"rc", 3},      {"a", 1},     {"b", 2},    {"c", 3}};
constexpr Label kPostLabels[] = {{"post", 1}, {"rev", 1}, {"r", 1}};

// Reads `[-_.]?label[-_.]?digits?` at `i`; on success moves `i` past it.
template <std::size_t N>
bool read_labelled(std::string_view s, std::size_t& i, const Label (&labels)[N], int& kind,
                   std::string_view& num) {
  std::size_t j = i;
  if (j < s.size() && is_sep(s[j])) ++j;
  if (j >= s.size()) return false;
  const char first = to_lower(s[j]);
  for (const Label& l : labels) {
    if (l.word[0] != first || !has_word(s, j, l.word)) continue;
    j += l.word.size();
    if (j < s.size() && is_sep(s[j])) ++j;  // the spec allows a separator even with no number after it
    const std::size_t end = digits_end(s, j);
    num = s.substr(j, end - j);
    kind = l.kind;
    i = end;
    return true;
  }
  return false;
}

// Parses a trimmed PEP 440 version; on failure `bad` is the offset where it stops matching.
bool parse(std::string_view s, Pep440& v, std::size_t& bad) {
  std::size_t i = 0;
  if (i < s.size() && (s[i] == 'v' || s[i] == 'V')) ++i;
  std::size_t end = digits_end(s, i);
  if (end == i) {
    bad = i;
    return false;
  }
  if (end < s.size() && s[end] == '!') {
    v.epoch = s.substr(i, end - i);
    i = end + 1;
    end = digits_end(s, i);
    if (end == i) {
      bad = i;
      return false;
    }
  }
  const std::size_t release_start = i;
  i = end;
  while (i + 1 < s.size() && s[i] == '.' && is_digit(s[i + 1])) i = digits_end(s, i + 1);
  v.release = s.substr(release_start, i - release_start);

  read_labelled(s, i, kPreLabels, v.pre_kind, v.pre_num);
  if (i + 1 < s.size() && s[i] == '-' && is_digit(s[i + 1])) {
    end = digits_end(s, i + 1);
    v.has_post = true;
    v.post_num = s.substr(i + 1, end - i - 1);
    i = end;
  } else {
    int kind = 0;
    v.has_post = read_labelled(s, i, kPostLabels, kind, v.post_num);
  }
  {
    constexpr Label kDev[] = {{"dev", 1}};
    int kind = 0;
    v.has_dev = read_labelled(s, i, kDev, kind, v.dev_num);
  }
  if (i < s.size() && s[i] == '+') {
    const std::size_t start = ++i;
    // Segments of [a-z0-9]+ joined by single separators.
    while (true) {
      const std::size_t seg = i;
      while (i < s.size() && is_alnum(s[i])) ++i;
      if (i == seg) {
        bad = i;
        return false;
      }
      if (i < s.size() && is_sep(s[i])) {
        ++i;
        continue;
      }
      break;
    }
    v.local = s.substr(start, i - start);
  }
  if (i != s.size()) {
    bad = i;
    return false;
  }
  return true;
}

// Next dot-separated component of a release, "" (zero) once exhausted: that is the zero padding.
std::string_view next_component(std::string_view s, std::size_t& i) {
  if (i >= s.size()) return {};
  std::size_t end = s.find('.', i);
  if (end == std::string_view::npos) end = s.size();
  const std::string_view part = s.substr(i, end - i);
  i = end + 1;
  return part;
}

int compare_release(std::string_view a, std::string_view b) {
  std::size_t i = 0, j = 0;
  while (i < a.size() || j < b.size()) {
    const int c = compare_numeric(next_component(a, i), next_component(b, j));
    if (c != 0) return c;
  }
  return 0;
}

// Next local segment: separators are interchangeable.
std::string_view next_local_segment(std::string_view s, std::size_t& i) {
  std::size_t end = i;
  while (end < s.size() && !is_sep(s[end])) ++end;
  const std::string_view part = s.substr(i, end - i);
  i = end + 1;
  return part;
}

int compare_ci(std::string_view a, std::string_view b) {
  const std::size_t n = std::min(a.size(), b.size());
  for (std::size_t k = 0; k < n; ++k) {
    const char x = to_lower(a[k]), y = to_lower(b[k]);
    if (x != y) return x < y ? -1 : 1;
  }
  return a.size() == b.size() ? 0 : (a.size() < b.size() ? -1 : 1);
}

// Numeric segments sort after alphanumeric ones; a longer local wins over its own prefix.
int compare_local(std::string_view a, std::string_view b) {
  if (a.empty() || b.empty()) return a.empty() == b.empty() ? 0 : (a.empty() ? -1 : 1);
  std::size_t i = 0, j = 0;
  while (i < a.size() && j < b.size()) {
    const std::string_view x = next_local_segment(a, i), y = next_local_segment(b, j);
    const bool xn = all_digits(x), yn = all_digits(y);
    const int c = (xn && yn) ? compare_numeric(x, y) : (xn != yn ? (xn ? 1 : -1) : compare_ci(x, y));
    if (c != 0) return c;
  }
  const bool a_more = i < a.size(), b_more = j < b.size();
  return a_more == b_more ? 0 : (a_more ? 1 : -1);
}

// A release with only a dev part sorts before every pre-release of it ("1.0.dev0 < 1.0a0").
int pre_rank(const Pep440& v) {
  if (v.pre_kind != 0) return v.pre_kind;
  return (!v.has_post && v.has_dev) ? 0 : 4;
}

int compare_parsed(const Pep440& a, const Pep440& b) {
  int c = compare_numeric(a.epoch, b.epoch);
  if (c != 0) return c;
  if ((c = compare_release(a.release, b.release)) != 0) return c;
  const int ra = pre_rank(a), rb = pre_rank(b);
  if (ra != rb) return ra < rb ? -1 : 1;
  if (a.pre_kind != 0 && (c = compare_numeric(a.pre_num, b.pre_num)) != 0) return c;
  if (a.has_post != b.has_post) return a.has_post ? 1 : -1;
  if (a.has_post && (c = compare_numeric(a.post_num, b.post_num)) != 0) return c;
  if (a.has_dev != b.has_dev) return a.has_dev ? -1 : 1;
  if (a.has_dev && (c = compare_numeric(a.dev_num, b.dev_num)) != 0) return c;
  return compare_local(a.local, b.local);
}

// --- legacy versions: the rules of packaging's LegacyVersion, which sorts them before every
// PEP 440 version (as if their epoch were -1) ---

bool is_legacy_token_char(char c) { return is_alnum(c) || c == '.' || c == '-'; }

std::vector<std::string> legacy_key(std::string_view version) {
  std::string s(version);
  std::transform(s.begin(), s.end(), s.begin(), [](char c) { return to_lower(c); });
  std::vector<std::string_view> raw;
  for (std::size_t i = 0; i < s.size();) {
    std::size_t end = i + 1;
    if (is_digit(s[i])) {
      while (end < s.size() && is_digit(s[end])) ++end;
    } else if (is_alpha(s[i])) {
      while (end < s.size() && is_alpha(s[end])) ++end;
    } else if (!is_legacy_token_char(s[i])) {
      while (end < s.size() && !is_legacy_token_char(s[end])) ++end;
    }
    raw.push_back(std::string_view(s).substr(i, end - i));
    i = end;
  }
  std::vector<std::string> parts;
  auto push = [&parts](std::string part) {
    if (part[0] == '*') {
      if (part < "*final") {
        while (!parts.empty() && parts.back() == "*final-") parts.pop_back();
      }
      while (!parts.empty() && parts.back() == "00000000") parts.pop_back();
    }
    parts.push_back(std::move(part));
  };
  for (std::string_view part : raw) {
    if (part == "pre" || part == "preview" || part == "rc") {
      part = "c";
    } else if (part == "-") {
      part = "final-";
    } else if (part == "dev") {
      part = "@";
    }
    if (part == ".") continue;
    if (is_digit(part[0])) {
      std::string padded(part.size() < 8 ? 8 - part.size() : 0, '0');
      padded += part;
      push(std::move(padded));
    } else {
      std::string word("*");
      word += part;
      push(std::move(word));
    }
  }
  push("*final");
  return parts;
}

// A legacy version must at least be one printable word with a letter or digit in it.
Status check_legacy(std::string_view original, std::string_view s) {
  if (s.empty()) return invalid_version(kName, original, "empty version");
  for (std::size_t k = 0; k < s.size(); ++k) {
    const auto c = static_cast<unsigned char>(s[k]);
    if (c <= 0x20 || c >= 0x7f) {
      return invalid_version(kName, original,
                             "unexpected character at offset " +
                                 std::to_string(static_cast<std::size_t>(s.data() - original.data()) + k));
    }
  }
  if (std::none_of(s.begin(), s.end(), [](char c) { return is_alnum(c); })) {
    return invalid_version(kName, original, "no letter or digit");
  }
  return Ok{};
}

// Either a PEP 440 version or, when that fails, a legacy one.
struct AnyVersion {
  bool legacy = false;
  Pep440 v;
  std::string_view text;
};

// Fills `out`; the result is a Status only on failure, so the common path builds no Error.
Status read(std::string_view original, AnyVersion& out) {
  out.text = trim(original);
  std::size_t bad = 0;
  if (parse(out.text, out.v, bad)) return Ok{};
  Status st = check_legacy(original, out.text);
  out.legacy = true;
  return st;
}

void append_number(std::string& out, std::string_view digits) {
  const std::string_view s = strip_leading_zeros(digits);
  out += s.empty() ? std::string_view("0") : s;
}

std::string normalized(const Pep440& v) {
  std::string out;
  out.reserve(32);
  if (!strip_leading_zeros(v.epoch).empty()) {
    append_number(out, v.epoch);
    out += '!';
  }
  std::size_t i = 0;
  bool first = true;
  while (i < v.release.size()) {
    if (!first) out += '.';
    first = false;
    append_number(out, next_component(v.release, i));
  }
  if (v.pre_kind != 0) {
    out += v.pre_kind == 1 ? "a" : (v.pre_kind == 2 ? "b" : "rc");
    append_number(out, v.pre_num);
  }
  if (v.has_post) {
    out += ".post";
    append_number(out, v.post_num);
  }
  if (v.has_dev) {
    out += ".dev";
    append_number(out, v.dev_num);
  }
  if (!v.local.empty()) {
    out += '+';
    // Segments joined by '.', lower-case; numeric ones as numbers ("01" -> "1"), as packaging does.
    std::size_t i = 0;
    while (i < v.local.size()) {
      if (out.back() != '+') out += '.';
      const std::string_view seg = next_local_segment(v.local, i);
      if (all_digits(seg)) {
        append_number(out, seg);
      } else {
        for (char c : seg) out += to_lower(c);
      }
    }
  }
  return out;
}

class Pep440Scheme final : public Scheme {
 public:
  std::string_view name() const override { return "pep440"; }

  Status validate(std::string_view v) const override {
    AnyVersion x;
    return read(v, x);
  }

  Expected<std::string> normalize(std::string_view v) const override {
    AnyVersion x;
    if (Status st = read(v, x); !st) return std::move(st).error();
    if (x.legacy) {
      std::string out(x.text);
      std::transform(out.begin(), out.end(), out.begin(), [](char c) { return to_lower(c); });
      return out;
    }
    return normalized(x.v);
  }

  Expected<Order> compare(std::string_view a, std::string_view b) const override {
    AnyVersion x, y;
    if (Status st = read(a, x); !st) return std::move(st).error();
    if (Status st = read(b, y); !st) return std::move(st).error();
    if (x.legacy != y.legacy) return x.legacy ? Order::Less : Order::Greater;
    if (!x.legacy) return to_order(compare_parsed(x.v, y.v));
    const auto kx = legacy_key(x.text), ky = legacy_key(y.text);
    return kx < ky ? Order::Less : (ky < kx ? Order::Greater : Order::Equal);
  }
};

}  // namespace

const Scheme& pep440_scheme() {
  static const Pep440Scheme scheme;
  return scheme;
}

}  // namespace sbom::version
