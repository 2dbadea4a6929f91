// Package URL syntax: splitting, percent-decoding, generic normalisation and canonical output.
#include "sbom/purl.h"

#include <algorithm>
#include <array>
#include <cstdint>

#include "purl/purl_detail.h"
#include "sbom/json.h"

namespace sbom {

using purl_detail::ascii_lower;
using purl_detail::clean_segments;
using purl_detail::is_ascii_digit;
using purl_detail::is_ascii_lower;
using purl_detail::is_ascii_upper;
using purl_detail::quote;

namespace {

constexpr std::string_view kHex = "0123456789ABCDEF";

// Characters written literally in every component: the specification's alphanumeric and
// punctuation sets, plus ':' which it never encodes. Everything else becomes %XX.
constexpr std::array<bool, 256> make_literal_table() {
  std::array<bool, 256> t{};
  for (int c = 'a'; c <= 'z'; ++c) t[static_cast<std::size_t>(c)] = true;
  for (int c = 'A'; c <= 'Z'; ++c) t[static_cast<std::size_t>(c)] = true;
  for (int c = '0'; c <= '9'; ++c) t[static_cast<std::size_t>(c)] = true;
  for (char c : std::string_view(".-_~:")) t[static_cast<unsigned char>(c)] = true;
  return t;
}
constexpr std::array<bool, 256> kLiteral = make_literal_table();

void append_encoded(std::string& out, std::string_view s) {
  for (char c : s) {
    auto u = static_cast<unsigned char>(c);
    if (kLiteral[u]) {
      out += c;
    } else {
      out += '%';
      out += kHex[u >> 4];
      out += kHex[u & 0xF];
    }
  }
}

// Encodes each '/'-separated segment of `s`, keeping the separators.
void append_encoded_segments(std::string& out, std::string_view s) {
  for (;;) {
    auto slash = s.find('/');
    append_encoded(out, s.substr(0, slash));
    if (slash == std::string_view::npos) return;
    out += '/';
    s.remove_prefix(slash + 1);
  }
}

int hex_value(char c) {
  if (is_ascii_digit(c)) return c - '0';
  if (c >= 'a' && c <= 'f') return c - 'a' + 10;
  if (c >= 'A' && c <= 'F') return c - 'A' + 10;
  return -1;
}

bool has_non_ascii(std::string_view s) {
  return std::any_of(s.begin(), s.end(), [](char c) { return static_cast<unsigned char>(c) >= 0x80; });
}

// Appends the percent-decoding of `s` to `out`. `what` names the component for errors.
Status decode_into(std::string& out, std::string_view s, std::string_view what) {
  const std::size_t start = out.size();
  std::size_t pct = s.find('%');
  if (pct == std::string_view::npos) {
    out.append(s);
  } else {
    out.reserve(start + s.size());
    std::size_t from = 0;
    while (pct != std::string_view::npos) {
      out.append(s.substr(from, pct - from));
      int hi = pct + 2 < s.size() ? hex_value(s[pct + 1]) : -1;
      int lo = hi >= 0 ? hex_value(s[pct + 2]) : -1;
      if (lo < 0)
        return Error("invalid percent-encoding " + quote(s.substr(pct, 3)) + " in purl " +
                     std::string(what) + " " + quote(s));
      out += static_cast<char>((hi << 4) | lo);
      from = pct + 3;
      pct = s.find('%', from);
    }
    out.append(s.substr(from));
  }
  std::string_view decoded = std::string_view(out).substr(start);
  if (has_non_ascii(decoded) && !json::valid_utf8(decoded))
    return Error("purl " + std::string(what) + " " + quote(s) + " is not valid UTF-8");
  return Ok{};
}

bool iequals(std::string_view a, std::string_view b) {
  if (a.size() != b.size()) return false;
  for (std::size_t i = 0; i < a.size(); ++i) {
    char x = a[i];
    if (is_ascii_upper(x)) x = static_cast<char>(x - 'A' + 'a');
    if (x != b[i]) return false;
  }
  return true;
}

bool valid_type(std::string_view t) {
  if (t.empty() || !(is_ascii_lower(t[0]) || is_ascii_upper(t[0]))) return false;
  return std::all_of(t.begin(), t.end(), [](char c) {
    return is_ascii_lower(c) || is_ascii_upper(c) || is_ascii_digit(c) || c == '.' || c == '-';
  });
}

Status check_type(std::string& type) {
  if (type.empty()) return Error("purl has no type");
  if (!valid_type(type))
    return Error("invalid purl type " + quote(type) +
                 " (a letter, then letters, digits, '.' or '-')");
  ascii_lower(type);
  return Ok{};
}

// Upper-case letters pass: keys are lower-cased after this check, as parsers should.
bool valid_qualifier_key(std::string_view k) {
  auto letter = [](char c) { return is_ascii_lower(c) || is_ascii_upper(c); };
  if (k.empty() || !letter(k[0])) return false;
  return std::all_of(k.begin(), k.end(), [&](char c) {
    return letter(c) || is_ascii_digit(c) || c == '.' || c == '-' || c == '_';
  });
}

// Lower-cases and checks keys, drops empty values, sorts, rejects duplicate keys.
Status normalize_qualifiers(std::vector<std::pair<std::string, std::string>>& qs) {
  for (auto& [key, value] : qs) {
    if (!valid_qualifier_key(key))
      return Error("invalid qualifier key " + quote(key) +
                   " (a letter, then letters, digits, '.', '-' or '_')");
    ascii_lower(key);
    if (has_non_ascii(value) && !json::valid_utf8(value))
      return Error("qualifier " + quote(key) + " value is not valid UTF-8");
  }
  std::erase_if(qs, [](const auto& kv) { return kv.second.empty(); });
  if (qs.size() > 1) {
    std::sort(qs.begin(), qs.end(), [](const auto& a, const auto& b) { return a.first < b.first; });
    for (std::size_t i = 1; i < qs.size(); ++i)
      if (qs[i].first == qs[i - 1].first)
        return Error("duplicate qualifier key " + quote(qs[i].first));
  }
  return Ok{};
}

std::string_view strip_slashes(std::string_view s) {
  while (!s.empty() && s.front() == '/') s.remove_prefix(1);
  while (!s.empty() && s.back() == '/') s.remove_suffix(1);
  return s;
}

// Decodes the '/'-separated encoded segments of `s` into `out`, joined by '/', dropping
// empty segments (and "." / ".." ones for subpaths). A segment that decodes to text
// containing '/' is an error: it could not be told apart from two segments.
Status decode_segments(std::string& out, std::string_view s, bool drop_dots, std::string_view what) {
  out.reserve(s.size());
  while (!s.empty()) {
    auto slash = s.find('/');
    std::string_view seg = s.substr(0, slash);
    s = slash == std::string_view::npos ? std::string_view() : s.substr(slash + 1);
    if (seg.empty()) continue;
    const std::size_t mark = out.size();
    if (mark != 0) out += '/';
    const std::size_t begin = out.size();
    if (auto st = decode_into(out, seg, what); !st) return st;
    std::string_view decoded = std::string_view(out).substr(begin);
    if (decoded.find('/') != std::string_view::npos)
      return Error("purl " + std::string(what) + " segment " + quote(seg) + " contains '/'");
    if (decoded.empty() || (drop_dots && (decoded == "." || decoded == "..")))
      out.resize(mark);
  }
  return Ok{};
}

Status parse_qualifiers(std::vector<std::pair<std::string, std::string>>& qs, std::string_view s) {
  std::size_t count = 1 + static_cast<std::size_t>(std::count(s.begin(), s.end(), '&'));
  qs.reserve(count);
  while (!s.empty()) {
    auto amp = s.find('&');
    std::string_view pair = s.substr(0, amp);
    s = amp == std::string_view::npos ? std::string_view() : s.substr(amp + 1);
    if (pair.empty()) continue;  // "a=1&&b=2" or a trailing '&': nothing there
    auto eq = pair.find('=');
    if (eq == std::string_view::npos) return Error("qualifier " + quote(pair) + " has no '='");
    if (eq == 0) return Error("qualifier " + quote(pair) + " has no key");
    auto& kv = qs.emplace_back(std::string(pair.substr(0, eq)), std::string());
    if (auto st = decode_into(kv.second, pair.substr(eq + 1), "qualifier value"); !st) return st;
  }
  return Ok{};
}

// Leading and trailing '/' of a name are never significant, whether written as
// separators or decoded from %2F, so that parse and build agree.
Status finish(Purl& p) {
  if (!p.name.empty() && (p.name.front() == '/' || p.name.back() == '/'))
    p.name.assign(strip_slashes(p.name));
  if (p.name.empty()) return Error("purl has no name");
  if (auto st = normalize_qualifiers(p.qualifiers); !st) return st;
  return purl_detail::apply_type_rules(p);
}

void append_identity(std::string& out, const Purl& p) {
  out += "pkg:";
  out += p.type;
  out += '/';
  if (!p.ns.empty()) {
    append_encoded_segments(out, p.ns);
    out += '/';
  }
  // A git name is the repository path on its host, so its '/' are separators.
  if (p.type == "git")
    append_encoded_segments(out, p.name);
  else
    append_encoded(out, p.name);
}

void append_tail(std::string& out, const Purl& p) {
  bool first = true;
  auto emit = [&](const std::pair<std::string, std::string>& kv) {
    if (kv.second.empty()) return;
    out += first ? '?' : '&';
    first = false;
    out += kv.first;
    out += '=';
    append_encoded(out, kv.second);
  };
  const auto by_key = [](const auto& a, const auto& b) { return a.first < b.first; };
  if (std::is_sorted(p.qualifiers.begin(), p.qualifiers.end(), by_key)) {
    for (const auto& kv : p.qualifiers) emit(kv);
  } else {
    // Only a hand-built Purl gets here; keep the output canonical all the same.
    std::vector<const std::pair<std::string, std::string>*> sorted;
    sorted.reserve(p.qualifiers.size());
    for (const auto& kv : p.qualifiers) sorted.push_back(&kv);
    std::sort(sorted.begin(), sorted.end(), [&](auto* a, auto* b) { return by_key(*a, *b); });
    for (const auto* kv : sorted) emit(*kv);
  }
  if (!p.subpath.empty()) {
    out += '#';
    append_encoded_segments(out, p.subpath);
  }
}

std::size_t estimated_size(const Purl& p) {
  std::size_t n = 8 + p.type.size() + p.ns.size() + p.name.size() + p.version.size() + p.subpath.size();
  for (const auto& [k, v] : p.qualifiers) n += 2 + k.size() + v.size();
  return n + n / 4;
}

}  // namespace

namespace purl_detail {

void ascii_lower(std::string& s) {
  for (char& c : s)
    if (is_ascii_upper(c)) c = static_cast<char>(c - 'A' + 'a');
}

std::string clean_segments(std::string_view s, bool drop_dots) {
  std::string out;
  out.reserve(s.size());
  while (!s.empty()) {
    auto slash = s.find('/');
    std::string_view seg = s.substr(0, slash);
    s = slash == std::string_view::npos ? std::string_view() : s.substr(slash + 1);
    if (seg.empty() || (drop_dots && (seg == "." || seg == ".."))) continue;
    if (!out.empty()) out += '/';
    out.append(seg);
  }
  return out;
}

std::string quote(std::string_view text) {
  constexpr std::size_t kMax = 80;
  std::string out = "'";
  if (text.size() > kMax) {
    out.append(text.substr(0, kMax));
    out += "...";
  } else {
    out.append(text);
  }
  out += '\'';
  return out;
}

}  // namespace purl_detail

std::string Purl::qualifier(std::string_view key) const {
  for (const auto& [k, v] : qualifiers)
    if (k == key) return v;
  return {};
}

std::string Purl::to_string() const {
  std::string out;
  out.reserve(estimated_size(*this));
  append_identity(out, *this);
  if (!version.empty()) {
    out += '@';
    append_encoded(out, version);
  }
  append_tail(out, *this);
  return out;
}

std::string Purl::to_string_without_version() const {
  std::string out;
  out.reserve(estimated_size(*this));
  append_identity(out, *this);
  append_tail(out, *this);
  return out;
}

std::string Purl::package_key() const {
  std::string out;
  out.reserve(8 + type.size() + ns.size() + name.size());
  append_identity(out, *this);
  return out;
}

Expected<Purl> parse_purl(std::string_view text) {
  // Raw control characters are never part of a URL; most often they are a stray line end
  // that would otherwise end up silently inside the last component.
  auto is_ctl = [](char c) { return static_cast<unsigned char>(c) < 0x20 || c == 0x7F; };
  unsigned any_ctl = 0;
  for (char c : text) {  // branch-free and without early exit, so that it vectorises
    auto u = static_cast<unsigned char>(c);
    any_ctl |= static_cast<unsigned>(u < 0x20) | static_cast<unsigned>(u == 0x7F);
  }
  if (any_ctl != 0) {
    auto ctl = std::find_if(text.begin(), text.end(), is_ctl);
    std::string hex = "0x";
    hex += kHex[static_cast<unsigned char>(*ctl) >> 4];
    hex += kHex[static_cast<unsigned char>(*ctl) & 0xF];
    return Error("purl contains control character " + hex + " at offset " +
                 std::to_string(ctl - text.begin()) + " (write it as %" + hex.substr(2) + ")");
  }
  std::string_view rest = text;
  std::string_view subpath, qualifiers;
  if (auto hash = rest.rfind('#'); hash != std::string_view::npos) {
    subpath = rest.substr(hash + 1);
    rest = rest.substr(0, hash);
  }
  if (auto qmark = rest.rfind('?'); qmark != std::string_view::npos) {
    qualifiers = rest.substr(qmark + 1);
    rest = rest.substr(0, qmark);
  }
  auto colon = rest.find(':');
  if (colon == std::string_view::npos || !iequals(rest.substr(0, colon), "pkg"))
    return Error("purl does not start with 'pkg:'");
  rest.remove_prefix(colon + 1);
  while (!rest.empty() && rest.front() == '/') rest.remove_prefix(1);  // "pkg://" is tolerated

  Purl p;
  auto slash = rest.find('/');
  std::string_view type = rest.substr(0, slash);
  if (slash == std::string_view::npos) {
    if (type.empty() || !valid_type(type)) return Error("purl has no type");
    return Error("purl has no name");
  }
  p.type.assign(type);
  if (auto st = check_type(p.type); !st) return st.error();
  rest.remove_prefix(slash + 1);

  // The version starts at the last '@' after the last '/': an npm scope written with a
  // bare '@' ("pkg:npm/@babel/core") is not a version separator.
  bool has_version = false;
  auto at = rest.rfind('@');
  if (at != std::string_view::npos) {
    auto last_slash = rest.rfind('/');
    if (last_slash == std::string_view::npos || at > last_slash) {
      if (auto st = decode_into(p.version, rest.substr(at + 1), "version"); !st) return st.error();
      rest = rest.substr(0, at);
      has_version = true;
    }
  }
  if (!has_version)
    while (!rest.empty() && rest.back() == '/') rest.remove_suffix(1);
  if (rest.empty() || rest.back() == '/') return Error("purl has no name");

  auto name_start = rest.rfind('/');
  std::string_view name = name_start == std::string_view::npos ? rest : rest.substr(name_start + 1);
  if (auto st = decode_into(p.name, name, "name"); !st) return st.error();
  if (name_start != std::string_view::npos)
    if (auto st = decode_segments(p.ns, rest.substr(0, name_start), false, "namespace"); !st)
      return st.error();
  if (!qualifiers.empty())
    if (auto st = parse_qualifiers(p.qualifiers, qualifiers); !st) return st.error();
  if (!subpath.empty())
    if (auto st = decode_segments(p.subpath, subpath, true, "subpath"); !st) return st.error();

  if (auto st = finish(p); !st) return st.error();
  return p;
}

Expected<Purl> normalize_purl(Purl p) {
  if (auto st = check_type(p.type); !st) return st.error();
  p.ns = clean_segments(p.ns, false);
  p.subpath = clean_segments(p.subpath, true);
  for (const std::string* part : {&p.ns, &p.name, &p.version, &p.subpath})
    if (has_non_ascii(*part) && !json::valid_utf8(*part))
      return Error("purl component " + quote(*part) + " is not valid UTF-8");
  if (auto st = finish(p); !st) return st.error();
  return p;
}

}  // namespace sbom
