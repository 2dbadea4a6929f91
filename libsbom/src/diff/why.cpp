// The advisory and analysis side of "why did this finding change" (docs/diff.md, "Why").
#include "diff/why.h"

#include <algorithm>
#include <map>

#include "sbom/text.h"

namespace sbom::diff::detail {

namespace {

// "2026-01-03" of an RFC 3339 time; the text as it is when it is not one.
std::string_view day(std::string_view t) { return t.size() >= 10 && text::parse_utc_time(t.substr(0, 10)) ? t.substr(0, 10) : t; }

// Whether the record was published (or updated) after the earlier index was built.
bool after(std::string_view when, std::string_view since) {
  if (when.empty() || since.empty()) return false;
  auto w = text::parse_utc_time(when);
  auto s = text::parse_utc_time(since);
  return w && s && *w > *s;
}

// The same version and analysis, and the index named on both sides and unchanged: nothing we
// can see explains the change.
Why unexplained() {
  return {Cause::kUnknown, "scan-differs", "same package version, index and analysis: the scans differ (another scanner or its options?)"};
}

// Said of advisory changes when the documents do not both name their index.
std::string unverified(const IndexChange& ix) { return ix.known ? "" : " (the documents do not both name their index)"; }

}  // namespace

IndexChange compare_indexes(const std::optional<IndexProvenance>& a, const std::optional<IndexProvenance>& b) {
  IndexChange out;
  if (!a || !b) return out;
  out.known = true;
  std::map<std::string, std::string> before, after;
  for (const auto& s : a->sources) {
    IndexSource x = split_source(s);
    before[x.path] = x.digest;
  }
  for (const auto& s : b->sources) {
    IndexSource x = split_source(s);
    after[x.path] = x.digest;
  }
  for (const auto& [path, digest] : after) {
    auto it = before.find(path);
    if (it == before.end()) out.sources_added.push_back(path);
    else if (it->second != digest) out.sources_changed.push_back(path);
  }
  for (const auto& [path, digest] : before)
    if (!after.count(path)) out.sources_removed.push_back(path);
  // An index built from the same sources is the same data whatever its own digest (it carries
  // its build time); without sources the index digest is all there is.
  out.changed = !out.sources_added.empty() || !out.sources_removed.empty() || !out.sources_changed.empty() ||
                (a->sources.empty() && b->sources.empty() && a->digest != b->digest);
  return out;
}

Why appeared(const std::string& id, const Record& other, const Record& now, const IndexChange& ix, std::string_view since) {
  if (ix.known && !ix.changed) return unexplained();
  Why w{Cause::kAdvisory, "", ""};
  if (!other.in_release) {
    w.change = "published";
    if (!now.published.empty() && (since.empty() || after(now.published, since)))
      w.detail = id + " published " + std::string(day(now.published));
    else
      w.detail = id + " added to the index";
  } else {
    w.change = "edited";
    w.detail = "affected ranges of " + id + " edited";
    if (!now.updated.empty() && now.updated != other.updated) w.detail += " (record updated " + std::string(day(now.updated)) + ")";
  }
  w.detail += unverified(ix);
  return w;
}

Why vanished(const std::string& id, const Record& other, const IndexChange& ix) {
  if (ix.known && !ix.changed) return unexplained();
  Why w{Cause::kAdvisory, "", ""};
  if (!other.in_release) {
    w.change = "withdrawn";
    w.detail = id + " withdrawn or no longer in the index";
  } else {
    w.change = "edited";
    w.detail = "affected ranges of " + id + " edited";
    if (!other.updated.empty()) w.detail += " (record updated " + std::string(day(other.updated)) + ")";
  }
  w.detail += unverified(ix);
  return w;
}

Why unscanned() {
  return {Cause::kUnknown, "unscanned", "the other release was not scanned (no vulnerabilities array)"};
}

Why not_advisory(std::string_view kind) {
  return {Cause::kUnknown, "scan-differs", std::string(kind) + " finding: the scanned content or the scanner differs"};
}

Why rerated(Severity before, Severity after) {
  return {Cause::kAdvisory, "rerated",
          "re-rated " + std::string(policy::severity_lower(before)) + " -> " + std::string(policy::severity_lower(after))};
}

Why suppressed(std::string_view state, std::string_view entry) {
  std::string d = entry.empty() ? "VEX state " : "exception " + std::string(entry) + " applied: ";
  d += state.empty() ? "suppressed" : state;
  return {Cause::kAnalysis, "applied", std::move(d)};
}

Why unsuppressed(std::string_view entry, std::string_view expires, std::string_view at) {
  std::string name = entry.empty() ? "the VEX state" : "exception " + std::string(entry);
  if (!expires.empty()) {
    auto e = text::parse_utc_time(expires);
    auto t = text::parse_utc_time(at);
    if (e && t && *e <= *t) return {Cause::kAnalysis, "expired", name + " expired " + std::string(day(expires))};
  }
  return {Cause::kAnalysis, "removed", name + " no longer applies"};
}

}  // namespace sbom::diff::detail
