// Text helpers that are not inline: hex, SHA-256 and SHA-512 (OpenSSL's libcrypto), RFC 3339 and HTTP dates.
#include "sbom/text.h"

#include <openssl/evp.h>

#include <algorithm>
#include <cstdio>
#include <memory>
#include <ctime>

namespace sbom::text {

namespace {

// The length of the escapable sequence at s[i] (1 for a byte, 2 or 3 for a UTF-8 character),
// 0 when there is none; `code` is what to write for it.
std::size_t escapable_at(std::string_view s, std::size_t i, unsigned& code) {
  const auto b = static_cast<unsigned char>(s[i]);
  if (b < 0x20 || b == 0x7f) {
    code = b;
    return 1;
  }
  if (b == 0xc2 && i + 1 < s.size()) {
    const auto c = static_cast<unsigned char>(s[i + 1]);
    if (c >= 0x80 && c <= 0x9f) {  // U+0080..U+009F
      code = c;
      return 2;
    }
  }
  if (b == 0xe2 && i + 2 < s.size()) {
    const auto c = static_cast<unsigned char>(s[i + 1]);
    const auto d = static_cast<unsigned char>(s[i + 2]);
    // U+2028..U+202E (E2 80 A8..AE) and U+2066..U+2069 (E2 81 A6..A9).
    if ((c == 0x80 && d >= 0xa8 && d <= 0xae) || (c == 0x81 && d >= 0xa6 && d <= 0xa9)) {
      code = 0x2000u + ((c & 0x3fu) << 6) + (d & 0x3fu);
      return 3;
    }
  }
  return 0;
}

}  // namespace

bool needs_printable(std::string_view s) {
  unsigned code = 0;
  for (std::size_t i = 0; i < s.size(); ++i)
    if (escapable_at(s, i, code)) return true;
  return false;
}

std::string printable(std::string_view s) {
  static constexpr char kHex[] = "0123456789abcdef";
  std::string out;
  out.reserve(s.size());
  unsigned code = 0;
  for (std::size_t i = 0; i < s.size();) {
    const std::size_t n = escapable_at(s, i, code);
    if (n == 0) {
      out += s[i++];
      continue;
    }
    i += n;
    if (code == '\n') out += "\\n";
    else if (code == '\r') out += "\\r";
    else if (code == '\t') out += "\\t";
    else if (code < 0x100 && n == 1) out += std::string{'\\', 'x', kHex[code >> 4], kHex[code & 15]};
    else out += std::string{'\\', 'u', kHex[(code >> 12) & 15], kHex[(code >> 8) & 15], kHex[(code >> 4) & 15], kHex[code & 15]};
  }
  return out;
}

std::string hex(const unsigned char* bytes, std::size_t n) {
  static constexpr char kHex[] = "0123456789abcdef";
  std::string out(2 * n, '\0');
  char* p = out.data();
  for (std::size_t i = 0; i < n; ++i) {
    *p++ = kHex[bytes[i] >> 4];
    *p++ = kHex[bytes[i] & 15];
  }
  return out;
}

std::string sha256_hex(std::string_view data) {
  unsigned char md[EVP_MAX_MD_SIZE];
  unsigned int len = 0;
#if OPENSSL_VERSION_NUMBER >= 0x30000000L
  // Fetched once: EVP_sha256() makes OpenSSL 3 look the implementation up on every call, which
  // cost more than hashing a short key (reports hash one per finding). The context is kept per
  // thread for the same reason: EVP_Digest makes and frees one on every call.
  static EVP_MD* const sha256 = EVP_MD_fetch(nullptr, "SHA256", nullptr);
  const EVP_MD* md_type = sha256 ? sha256 : EVP_sha256();
#else
  const EVP_MD* md_type = EVP_sha256();
#endif
  struct Free {
    void operator()(EVP_MD_CTX* c) const { EVP_MD_CTX_free(c); }
  };
  thread_local const std::unique_ptr<EVP_MD_CTX, Free> ctx(EVP_MD_CTX_new());
  if (!ctx || !EVP_DigestInit_ex(ctx.get(), md_type, nullptr) || !EVP_DigestUpdate(ctx.get(), data.data(), data.size()) ||
      !EVP_DigestFinal_ex(ctx.get(), md, &len))
    EVP_Digest(data.data(), data.size(), md, &len, md_type, nullptr);
  return hex(md, len);
}

FileHashes file_hashes(std::string_view data) {
  struct Free {
    void operator()(EVP_MD_CTX* c) const { EVP_MD_CTX_free(c); }
  };
  const std::unique_ptr<EVP_MD_CTX, Free> c256(EVP_MD_CTX_new()), c512(EVP_MD_CTX_new());
  if (!c256 || !c512 || !EVP_DigestInit_ex(c256.get(), EVP_sha256(), nullptr) ||
      !EVP_DigestInit_ex(c512.get(), EVP_sha512(), nullptr))
    return {};
  constexpr std::size_t kBlock = 64 << 10;
  for (std::size_t at = 0; at < data.size(); at += kBlock) {
    const std::size_t n = std::min(kBlock, data.size() - at);
    EVP_DigestUpdate(c256.get(), data.data() + at, n);
    EVP_DigestUpdate(c512.get(), data.data() + at, n);
  }
  unsigned char md[EVP_MAX_MD_SIZE];
  unsigned int len = 0;
  FileHashes out;
  if (EVP_DigestFinal_ex(c256.get(), md, &len)) out.sha256 = hex(md, len);
  if (EVP_DigestFinal_ex(c512.get(), md, &len)) out.sha512 = hex(md, len);
  return out;
}

std::string rfc3339_utc(std::int64_t seconds) {
  std::time_t t = static_cast<std::time_t>(seconds);
  std::tm tm{};
  gmtime_r(&t, &tm);
  // Four-digit years, as RFC 3339 has them (%Y writes 985 for the year 985).
  char buf[64];
  std::snprintf(buf, sizeof buf, "%04d-%02d-%02dT%02d:%02d:%02dZ", tm.tm_year + 1900, tm.tm_mon + 1, tm.tm_mday, tm.tm_hour,
                tm.tm_min, tm.tm_sec);
  return buf;
}

std::int64_t days_from_civil(std::int64_t y, unsigned m, unsigned d) {
  y -= m <= 2;
  const std::int64_t era = (y >= 0 ? y : y - 399) / 400;
  const auto yoe = static_cast<unsigned>(y - era * 400);
  const unsigned doy = (153 * (m + (m > 2 ? -3 : 9)) + 2) / 5 + d - 1;
  const unsigned doe = yoe * 365 + yoe / 4 - yoe / 100 + doy;
  return era * 146097 + static_cast<std::int64_t>(doe) - 719468;
}

void civil_from_days(std::int64_t z, std::int64_t& y, unsigned& m, unsigned& d) {
  z += 719468;
  const std::int64_t era = (z >= 0 ? z : z - 146096) / 146097;
  const auto doe = static_cast<unsigned>(z - era * 146097);
  const unsigned yoe = (doe - doe / 1460 + doe / 36524 - doe / 146096) / 365;
  y = static_cast<std::int64_t>(yoe) + era * 400;
  const unsigned doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
  const unsigned mp = (5 * doy + 2) / 153;
  d = doy - (153 * mp + 2) / 5 + 1;
  m = mp + (mp < 10 ? 3 : -9);
  y += m <= 2;
}

unsigned days_in_month(std::int64_t y, unsigned m) {
  static constexpr unsigned kDays[] = {31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31};
  const bool leap = (y % 4 == 0 && y % 100 != 0) || y % 400 == 0;
  return m == 2 && leap ? 29 : kDays[m - 1];
}

namespace {

// `n` digits at `at` of `s` into `out`.
bool digits(std::string_view s, std::size_t at, std::size_t n, unsigned& out) {
  if (at + n > s.size()) return false;
  out = 0;
  for (std::size_t i = at; i < at + n; ++i) {
    if (s[i] < '0' || s[i] > '9') return false;
    out = out * 10 + static_cast<unsigned>(s[i] - '0');
  }
  return true;
}

std::optional<std::int64_t> civil_seconds(unsigned y, unsigned mo, unsigned d, unsigned h, unsigned mi, unsigned sec) {
  if (mo < 1 || mo > 12 || d < 1 || d > days_in_month(y, mo) || h > 23 || mi > 59 || sec > 60) return std::nullopt;
  return days_from_civil(y, mo, d) * 86400 + h * 3600 + mi * 60 + sec;
}

}  // namespace

// Strict: a full-date, or an RFC 3339 date-time (section 5.6, `T`/`Z` in either case), nothing
// before or after; each refusal says why (the exceptions ledger's messages). A leap second
// (second 60) is the last second of its minute's day, counted as second 59.
std::optional<std::int64_t> parse_utc_time(std::string_view s, std::string* why) {
  auto fail = [&](std::string reason) -> std::optional<std::int64_t> {
    if (why) *why = std::move(reason);
    return std::nullopt;
  };
  unsigned y = 0, m = 0, d = 0;
  if (!digits(s, 0, 4, y) || s.size() < 10 || s[4] != '-' || !digits(s, 5, 2, m) || s[7] != '-' || !digits(s, 8, 2, d))
    return fail("expected YYYY-MM-DD");
  if (m < 1 || m > 12) return fail("month " + std::to_string(m) + " out of range");
  if (d < 1 || d > days_in_month(y, m)) return fail("day " + std::to_string(d) + " out of range for " + std::string(s.substr(0, 7)));
  const std::int64_t day = days_from_civil(y, m, d) * 86400;
  if (s.size() == 10) return day;
  if (s[10] != 'T' && s[10] != 't') return fail("unexpected text after the date");
  unsigned hh = 0, mm = 0, ss = 0;
  if (!digits(s, 11, 2, hh) || s.size() < 19 || s[13] != ':' || !digits(s, 14, 2, mm) || s[16] != ':' || !digits(s, 17, 2, ss))
    return fail("expected a time HH:MM:SS after 'T'");
  if (hh > 23) return fail("hour " + std::to_string(hh) + " out of range");
  if (mm > 59) return fail("minute " + std::to_string(mm) + " out of range");
  if (ss > 60) return fail("second " + std::to_string(ss) + " out of range");
  std::size_t at = 19;
  if (at < s.size() && s[at] == '.') {
    std::size_t fraction = 0;
    while (++at < s.size() && s[at] >= '0' && s[at] <= '9') ++fraction;
    if (fraction == 0) return fail("expected digits after the decimal point");
  }
  if (at >= s.size()) return fail("missing time zone offset (Z or +HH:MM)");
  std::int64_t offset = 0;
  if (s[at] == 'Z' || s[at] == 'z') {
    ++at;
  } else if (s[at] == '+' || s[at] == '-') {
    unsigned oh = 0, om = 0;
    if (!digits(s, at + 1, 2, oh) || at + 6 > s.size() || s[at + 3] != ':' || !digits(s, at + 4, 2, om))
      return fail("expected a time zone offset +HH:MM");
    if (oh > 23 || om > 59) return fail("time zone offset out of range");
    offset = (s[at] == '+' ? 1 : -1) * static_cast<std::int64_t>(oh * 3600 + om * 60);  // local time minus offset is UTC
    at += 6;
  } else {
    return fail("expected a time zone offset (Z or +HH:MM)");
  }
  if (at != s.size()) return fail("unexpected text after the date-time");
  return day + hh * 3600 + mm * 60 + std::min(ss, 59u) - offset;
}

namespace {
constexpr const char* kMonths[] = {"Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec"};
constexpr const char* kWeekdays[] = {"Thu", "Fri", "Sat", "Sun", "Mon", "Tue", "Wed"};  // 1970-01-01 was a Thursday
}  // namespace

std::optional<std::int64_t> parse_http_date(std::string_view s) {
  // "Sun, 06 Nov 1994 08:49:37 GMT": the weekday is redundant and not checked.
  if (s.size() != 29 || s[3] != ',' || s[4] != ' ' || s[7] != ' ' || s[11] != ' ' || s[16] != ' ' || s[19] != ':' ||
      s[22] != ':' || s.substr(25) != " GMT")
    return std::nullopt;
  unsigned d = 0, y = 0, h = 0, mi = 0, sec = 0;
  if (!digits(s, 5, 2, d) || !digits(s, 12, 4, y) || !digits(s, 17, 2, h) || !digits(s, 20, 2, mi) || !digits(s, 23, 2, sec))
    return std::nullopt;
  unsigned mo = 0;
  for (unsigned i = 0; i < 12; ++i)
    if (s.substr(8, 3) == kMonths[i]) mo = i + 1;
  if (mo == 0) return std::nullopt;
  return civil_seconds(y, mo, d, h, mi, sec);
}

std::string http_date(std::int64_t seconds) {
  std::time_t t = static_cast<std::time_t>(seconds);
  std::tm tm{};
  gmtime_r(&t, &tm);
  std::int64_t days = seconds >= 0 ? seconds / 86400 : (seconds - 86399) / 86400;
  char buf[64];
  std::snprintf(buf, sizeof buf, "%s, %02d %s %04d %02d:%02d:%02d GMT", kWeekdays[((days % 7) + 7) % 7], tm.tm_mday,
                kMonths[tm.tm_mon], tm.tm_year + 1900, tm.tm_hour, tm.tm_min, tm.tm_sec);
  return buf;
}

}  // namespace sbom::text
