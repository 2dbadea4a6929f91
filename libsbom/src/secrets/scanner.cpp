// Matching secret rules with RE2: one RE2::Set pass tells which rules match a file, then each
// such rule's own RE2 finds where and what. Results travel through the image view encoded.
#include <re2/re2.h>
#include <re2/set.h>

#include <algorithm>
#include <array>
#include <cmath>
#include <set>

#include "sbom/secrets.h"
#include "sbom/text.h"

namespace sbom::secrets {

struct Scanner::Impl {
  explicit Impl(const RE2::Options& o) : set(o, RE2::UNANCHORED) {}
  RE2::Set set;
  std::vector<std::unique_ptr<RE2>> res;                       // per rule
  std::vector<std::unique_ptr<RE2>> paths;                     // per rule; null: any path
  std::vector<std::vector<std::unique_ptr<RE2>>> allow;        // per rule: allowlisted secrets
  std::vector<std::vector<std::unique_ptr<RE2>>> allow_paths;  // per rule
  std::vector<std::vector<std::string>> stopwords;             // per rule, lower-case
};

Scanner::~Scanner() = default;

namespace {

RE2::Options re2_options() {
  RE2::Options o;
  o.set_log_errors(false);
  o.set_max_mem(64 << 20);
  return o;
}

Expected<std::unique_ptr<RE2>> compile(const std::string& pattern, std::string_view what) {
  auto re = std::make_unique<RE2>(pattern, re2_options());
  if (!re->ok()) return Error(std::string(what) + ": invalid regex: " + re->error());
  return re;
}

double entropy(std::string_view s) {
  if (s.empty()) return 0;
  std::array<std::size_t, 256> n{};
  for (char c : s) ++n[static_cast<unsigned char>(c)];
  double h = 0;
  for (std::size_t k : n) {
    if (!k) continue;
    const double p = static_cast<double>(k) / static_cast<double>(s.size());
    h -= p * std::log2(p);
  }
  return h;
}

}  // namespace

std::string fingerprint(std::string_view rule_id, std::string_view secret) {
  std::string in(rule_id);
  in += '\0';
  in.append(secret);
  return text::sha256_hex(in).substr(0, 16);
}

std::string fingerprint_id(std::string_view fp) { return "SBOMKIT-FP-" + std::string(fp); }

Expected<std::shared_ptr<const Scanner>> Scanner::make(std::vector<Rule> rules, Allowlist global) {
  std::shared_ptr<Scanner> s(new Scanner());
  s->impl_ = std::make_unique<Impl>(re2_options());
  Impl& m = *s->impl_;
  std::string key = "secrets 1\n";
  // A rule given twice (a file's rule of a built-in's id) replaces the earlier one.
  std::vector<Rule> kept;
  for (auto& r : rules) {
    auto same = std::find_if(kept.begin(), kept.end(), [&](const Rule& k) { return k.id == r.id; });
    if (same != kept.end()) *same = std::move(r);
    else kept.push_back(std::move(r));
  }
  for (const auto& r : kept) {
    const std::string what = "rule " + r.id;
    auto re = compile(r.regex, what);
    if (!re) return std::move(re).error();
    if (r.secret_group > (*re)->NumberOfCapturingGroups())
      return Error(what + ": secretGroup " + std::to_string(r.secret_group) + " but the regex has " +
                   std::to_string((*re)->NumberOfCapturingGroups()) + " groups");
    std::string err;
    if (m.set.Add(r.regex, &err) < 0) return Error(what + ": invalid regex: " + err);
    m.res.push_back(std::move(*re));
    if (r.path.empty()) {
      m.paths.emplace_back();
    } else {
      auto p = compile(r.path, what + " path");
      if (!p) return std::move(p).error();
      m.paths.push_back(std::move(*p));
    }
    m.allow.emplace_back();
    m.allow_paths.emplace_back();
    m.stopwords.emplace_back();
    for (const Allowlist* a : std::array<const Allowlist*, 2>{&r.allow, &global}) {
      for (const auto& x : a->regexes) {
        auto c = compile(x, what + " allowlist");
        if (!c) return std::move(c).error();
        m.allow.back().push_back(std::move(*c));
      }
      for (const auto& x : a->paths) {
        auto c = compile(x, what + " allowlist path");
        if (!c) return std::move(c).error();
        m.allow_paths.back().push_back(std::move(*c));
      }
      for (const auto& w : a->stopwords) m.stopwords.back().push_back(text::lower(w));
    }
    key += r.id + '\0' + r.regex + '\0' + std::to_string(r.secret_group) + '\0' + std::to_string(r.entropy) + '\0' + r.path;
    for (const Allowlist* a : std::array<const Allowlist*, 2>{&r.allow, &global}) {
      for (const auto* v : std::array<const std::vector<std::string>*, 3>{&a->regexes, &a->paths, &a->stopwords})
        for (const auto& x : *v) key += '\0' + x;
      key += '\1';
    }
    key += '\n';
  }
  if (!m.set.Compile()) return Error("the secret rules need more memory than RE2 allows");
  s->rules_ = std::move(kept);
  s->key_ = text::sha256_hex(key).substr(0, 32);
  return std::shared_ptr<const Scanner>(std::move(s));
}

std::vector<Match> Scanner::scan(std::string_view text) const {
  std::vector<Match> out;
  std::vector<int> hit;
  if (!impl_->set.Match(text, &hit)) return out;
  std::sort(hit.begin(), hit.end());
  std::set<std::pair<std::size_t, std::string>> seen;
  for (int ri : hit) {
    const auto i = static_cast<std::size_t>(ri);
    const Rule& r = rules_[i];
    const RE2& re = *impl_->res[i];
    const int groups = re.NumberOfCapturingGroups();
    std::vector<re2::StringPiece> sub(static_cast<std::size_t>(groups) + 1);
    std::size_t pos = 0, line = 1, counted_to = 0;
    while (pos <= text.size() &&
           re.Match(re2::StringPiece(text.data(), text.size()), pos, text.size(), RE2::UNANCHORED, sub.data(),
                    static_cast<int>(sub.size()))) {
      const std::size_t start = static_cast<std::size_t>(sub[0].data() - text.data());
      const std::size_t end = start + sub[0].size();
      pos = end > start ? end : start + 1;
      re2::StringPiece secret = sub[0];
      if (r.secret_group > 0) {
        secret = sub[static_cast<std::size_t>(r.secret_group)];
      } else {
        for (int g = 1; g <= groups; ++g)
          if (!sub[static_cast<std::size_t>(g)].empty()) { secret = sub[static_cast<std::size_t>(g)]; break; }
      }
      const std::string_view sv(secret.data(), secret.size());
      if (sv.empty()) continue;
      if (r.entropy > 0 && entropy(sv) < r.entropy) continue;
      if (std::any_of(impl_->allow[i].begin(), impl_->allow[i].end(),
                      [&](const auto& a) { return RE2::PartialMatch(secret, *a); }))
        continue;
      if (!impl_->stopwords[i].empty()) {
        const std::string low = text::lower(sv);
        if (std::any_of(impl_->stopwords[i].begin(), impl_->stopwords[i].end(),
                        [&](const std::string& w) { return low.find(w) != std::string::npos; }))
          continue;
      }
      std::string fp = fingerprint(r.id, sv);
      if (!seen.emplace(i, fp).second) continue;
      line += static_cast<std::size_t>(std::count(text.begin() + static_cast<std::ptrdiff_t>(counted_to),
                                                  text.begin() + static_cast<std::ptrdiff_t>(start), '\n'));
      counted_to = start;
      out.push_back({i, line, std::move(fp)});
    }
  }
  return out;
}

bool Scanner::applies(std::size_t rule, std::string_view path) const {
  const re2::StringPiece p(path.data(), path.size());
  if (impl_->paths[rule] && !RE2::PartialMatch(p, *impl_->paths[rule])) return false;
  return std::none_of(impl_->allow_paths[rule].begin(), impl_->allow_paths[rule].end(),
                      [&](const auto& a) { return RE2::PartialMatch(p, *a); });
}

// ---- results carried through the view -----------------------------------------------------

namespace {
// A NUL first: no text file starts so, and binaries kept by other patterns never carry this.
constexpr std::string_view kMagic{"\0sbomkit-secrets 1\n", 19};
}  // namespace

bool is_result(const image::File& f) { return std::string_view(f.data).starts_with(kMagic); }

std::string encode(const FileResult& r) {
  std::string out(kMagic);
  out += r.kind == FileResult::Kind::Binary ? 'B' : r.kind == FileResult::Kind::TooLarge ? 'L' : 'M';
  for (const Match& m : r.matches) {
    out += std::to_string(m.rule);
    out += '\t';
    out += std::to_string(m.line);
    out += '\t';
    out += m.fingerprint;
    out += '\n';
  }
  return out;
}

FileResult decode(std::string_view data) {
  FileResult r;
  if (!data.starts_with(kMagic) || data.size() == kMagic.size()) return r;
  data.remove_prefix(kMagic.size());
  const char k = data.front();
  data.remove_prefix(1);
  r.kind = k == 'B' ? FileResult::Kind::Binary : k == 'L' ? FileResult::Kind::TooLarge : FileResult::Kind::Matches;
  while (!data.empty()) {
    const std::size_t nl = data.find('\n');
    std::string_view ln = data.substr(0, nl);
    data = nl == std::string_view::npos ? std::string_view() : data.substr(nl + 1);
    const std::size_t t1 = ln.find('\t'), t2 = ln.find('\t', t1 + 1);
    if (t1 == std::string_view::npos || t2 == std::string_view::npos) continue;
    Match m;
    m.rule = std::stoull(std::string(ln.substr(0, t1)));
    m.line = std::stoull(std::string(ln.substr(t1 + 1, t2 - t1 - 1)));
    m.fingerprint = std::string(ln.substr(t2 + 1));
    r.matches.push_back(std::move(m));
  }
  return r;
}

std::optional<FileResult> scan_file(const Scanner& s, std::string_view text, std::uint64_t size) {
  FileResult r;
  if (size > kMaxFileSize) {
    r.kind = FileResult::Kind::TooLarge;
    return r;
  }
  if (text.substr(0, 8192).find('\0') != std::string_view::npos) {
    r.kind = FileResult::Kind::Binary;
    return r;
  }
  r.matches = s.scan(text);
  if (r.matches.empty()) return std::nullopt;
  return r;
}

namespace {

// Reads the rest of a file of `size` bytes through `read` into `buf` (which holds what was read).
bool read_rest(const image::ReadFn& read, std::string& buf, std::uint64_t size) {
  while (buf.size() < size) {
    const std::size_t before = buf.size();
    buf.resize(static_cast<std::size_t>(size));
    auto n = read(buf.data() + before, buf.size() - before);
    if (!n) return false;
    buf.resize(before + *n);
    if (*n == 0) break;
  }
  return true;
}

}  // namespace

image::Pattern catch_all(std::shared_ptr<const Scanner> s) {
  image::Pattern p("**");
  p.hard_links = false;
  p.reduce = [s](std::uint64_t size, const image::ReadFn& read) -> std::optional<std::string> {
    std::string buf;
    if (size <= kMaxFileSize) {
      // A binary tells itself in its first block: the rest is passed over, not read.
      buf.resize(static_cast<std::size_t>(std::min<std::uint64_t>(size, 8192)));
      std::size_t got = 0;
      while (got < buf.size()) {
        auto n = read(buf.data() + got, buf.size() - got);
        if (!n || *n == 0) break;
        got += *n;
      }
      buf.resize(got);
      if (buf.find('\0') == std::string::npos && !read_rest(read, buf, size)) return std::nullopt;
    }
    auto r = scan_file(*s, buf, size);
    if (!r) return std::nullopt;
    return encode(*r);
  };
  return p;
}

image::Pattern tee(image::Pattern inner, std::shared_ptr<const Scanner> s) {
  auto wrapped = inner.reduce;
  inner.reduce = [wrapped, s](std::uint64_t size, const image::ReadFn& read) -> std::optional<std::string> {
    std::string seen;
    bool whole = true;  // every byte `wrapped` consumed was copied into `seen`
    image::ReadFn copy = [&](char* buf, std::size_t n) -> Expected<std::size_t> {
      auto r = read(buf, n);
      if (r && *r) {
        if (!buf) whole = false;
        else if (whole && seen.size() + *r <= kMaxFileSize) seen.append(buf, *r);
        else whole = false;
      }
      return r;
    };
    std::optional<std::string> kept = wrapped(size, copy);
    // What the inner reader keeps (a Go binary's build info) is a binary's: no secrets scan.
    if (kept || !whole || size > kMaxFileSize || seen.find('\0') != std::string::npos) return kept;
    if (!read_rest(read, seen, size)) return std::nullopt;
    auto r = scan_file(*s, seen, size);
    if (!r || r->kind != FileResult::Kind::Matches) return std::nullopt;
    return encode(*r);
  };
  return inner;
}

}  // namespace sbom::secrets
