// Helpers the report formats share: severity order, numbers, labels and one-line descriptions.
#pragma once

#include <array>
#include <cstdio>
#include <string>
#include <string_view>

#include "sbom/diff.h"

namespace sbom::diff::detail {

/// Where a report's text goes: kept whole (format_text() and the like), or handed to a sink in
/// pieces as it is made (write()), so that a report of 100,000 changes never sits whole in memory.
class Out {
 public:
  explicit Out(const json::Sink* sink = nullptr) : sink_(sink) {}
  std::string& text() { return text_; }
  const json::Sink* sink() const { return sink_; }
  /// Hands the text on once there is enough of it; called where a row ends.
  void spill() {
    if (sink_ && text_.size() >= kChunk) hand_on();
  }
  /// Hands on the rest.
  void finish() {
    if (sink_ && !text_.empty()) hand_on();
  }

 private:
  static constexpr std::size_t kChunk = std::size_t{1} << 16;
  void hand_on() {
    (*sink_)(text_);
    text_.clear();
  }
  const json::Sink* sink_;
  std::string text_;
};

/// The formats, each writing the whole report to `out`.
void write_text(const Report& r, Out& out);
void write_markdown(const Report& r, Out& out);
void write_json(const Report& r, Out& out);
void write_html(const Report& r, Out& out);

/// Severities as reports list them, most severe first.
inline constexpr std::array<Severity, kSeverityCount> kSeverityOrder = {
    Severity::Critical, Severity::High, Severity::Medium, Severity::Low, Severity::None, Severity::Unknown};

inline std::size_t at(const std::array<std::size_t, kSeverityCount>& a, Severity s) {
  return a[static_cast<std::size_t>(s)];
}

/// "+3", "-2", "0".
inline std::string signed_number(long long v) {
  std::string out = v > 0 ? "+" : "";
  out += std::to_string(v);
  return out;
}

/// One decimal, locale-independent.
inline std::string one_decimal(double v) {
  char buf[32];
  std::snprintf(buf, sizeof buf, "%.1f", v);
  return buf;
}

/// "66.7% reduction", "50.0% increase", "no change", or "none before" when there were none.
inline std::string reduction_text(const Report& r) {
  auto red = r.critical_high_reduction();
  if (!red) return r.releases.back().counts.critical_high() == 0 ? "none before or after" : "none before";
  if (*red > 0) return one_decimal(*red) + "% reduction";
  if (*red < 0) return one_decimal(-*red) + "% increase";
  return "no change";
}

inline bool any_vulnerabilities(const Report& r) {
  for (const auto& rel : r.releases)
    if (rel.has_vulnerabilities) return true;
  return false;
}

/// Why licences were not compared in a step, or "" when they were.
inline std::string licenses_note(const Report& r, const Step& s) {
  if (s.licenses_compared) return {};
  return "licenses not compared: the documents come from different tools (" + r.releases[s.from].producer + ", " +
         r.releases[s.to].producer + ")";
}

/// "pkg:npm/foo 1.2.3" or the bare name when the version is unknown.
inline std::string with_version(const ComponentInfo& c) {
  return c.version.empty() ? c.display : c.display + " " + c.version;
}

/// "1.0 -> 2.0"; one side may be empty.
inline std::string version_change_text(const ComponentChange& c) {
  return (c.before.version.empty() ? "(none)" : c.before.version) + " -> " +
         (c.after.version.empty() ? "(none)" : c.after.version);
}

inline std::string joined(const std::vector<std::string>& v, std::string_view sep) {
  std::string out;
  for (std::size_t i = 0; i < v.size(); ++i) {
    if (i) out += sep;
    out += v[i];
  }
  return out;
}

/// The installed version(s) of a finding as the later release has them (or the earlier one).
inline const std::string& installed(const FindingChange& f) {
  return f.installed_after.empty() ? f.installed_before : f.installed_after;
}

/// "package: upgraded to 1.2", "advisory: DSA-1 published 2026-01-03"; "" when nothing to explain.
inline std::string why_text(const Why& w) {
  if (w.cause == Cause::kNone) return {};
  std::string out(to_string(w.cause));
  out += ": ";
  out += w.detail;
  return out;
}

/// Extra words about a finding: why it changed, the exception's state, fixed versions.
inline std::string finding_detail(const FindingChange& f) {
  std::vector<std::string> parts;
  if (std::string why = why_text(f.why); !why.empty()) parts.push_back(std::move(why));
  else if (f.status == FindingStatus::kFixed && !f.note.empty()) parts.push_back(f.note);
  if ((f.status == FindingStatus::kSuppressed || f.status == FindingStatus::kStillSuppressed) && !f.state.empty() &&
      f.why.cause != Cause::kAnalysis)
    parts.push_back(f.state);
  if (f.status != FindingStatus::kFixed && !f.fixed_in.empty()) parts.push_back("fixed in " + joined(f.fixed_in, ", "));
  if (f.severity_changed() && f.why.change != "rerated")
    parts.push_back("was " + std::string(policy::severity_lower(*f.severity_before)));
  return joined(parts, "; ");
}

/// "2 package, 1 advisory, 1 analysis"; "" when no finding changed.
inline std::string why_counts(const Step& s) {
  std::string out;
  for (Cause c : {Cause::kPackage, Cause::kAdvisory, Cause::kAnalysis, Cause::kUnknown}) {
    const std::size_t n = s.count(c);
    if (n == 0) continue;
    if (!out.empty()) out += ", ";
    out += std::to_string(n);
    out += ' ';
    out += c == Cause::kUnknown ? std::string_view("unexplained") : to_string(c);
  }
  return out;
}

/// What changed in the index between the two releases of a step, one line; "" when the index is
/// unknown on a side or the same.
inline std::string index_change_text(const Step& s) {
  const IndexChange& ix = s.index;
  if (!ix.changed) return {};
  std::vector<std::string> parts;
  if (!ix.sources_changed.empty()) parts.push_back(joined(ix.sources_changed, ", ") + " updated");
  if (!ix.sources_added.empty()) parts.push_back(joined(ix.sources_added, ", ") + " added");
  if (!ix.sources_removed.empty()) parts.push_back(joined(ix.sources_removed, ", ") + " removed");
  return parts.empty() ? "index changed (another digest)" : "index changed: " + joined(parts, "; ");
}

/// The index a release was scanned with, for reports: "sha256:… built … (1 source)", or "not
/// recorded".
inline std::string index_text(const ReleaseInfo& rel) {
  return rel.index ? describe(*rel.index) : "not recorded";
}

/// Whether any release names its index (reports then show each release's).
inline bool any_index(const Report& r) {
  for (const auto& rel : r.releases)
    if (rel.index) return true;
  return false;
}

}  // namespace sbom::diff::detail
