// What every report format reads: the shown findings joined with their vulnerability and
// component, the image and its OS, and the words each format shares (status, severity, fix).
#pragma once

#include <array>
#include <memory>
#include <span>
#include <string>
#include <string_view>
#include <vector>

#include "report/out.h"
#include "sbom/report.h"

namespace sbom::report::detail {

enum class Status { kViolation, kPass, kNotCounted, kSuppressed };

/// Storage for the rows' texts: copied one after another into large blocks, so making a row
/// costs no allocation, freeing them costs nothing per row, and the writers read the texts of
/// consecutive rows from consecutive memory.
class Arena {
 public:
  std::string_view keep(std::string_view s);
  /// The strings of `v` (std::string or std::string_view) kept, and the list of their views too.
  template <typename S>
  std::span<const std::string_view> keep_all(const std::vector<S>& v);

 private:
  char* room(std::size_t n, std::size_t align);
  std::vector<std::unique_ptr<char[]>> blocks_;
  std::size_t used_ = 0, capacity_ = 0;
};

/// What the reports say of a vulnerability, made once however many findings and formats use it.
struct VulnText {
  std::string_view title;          ///< title(v)
  std::string_view description;
  std::span<const std::string_view> links;  ///< advisory_links(v)
  std::string_view kev, epss;      ///< kev_of(v), epss_of(v)
  bool named = false;  ///< by a shown finding (collect makes the text then)
};

struct Row {
  const policy::Finding* finding = nullptr;
  const Vulnerability* vuln = nullptr;     ///< never null
  const Component* component = nullptr;    ///< null when the ref names no component of the document
  Status status = Status::kPass;
  // Texts (views into Context::arenas):
  /// The vulnerability's id; for one without (CycloneDX allows that) a stable stand-in named
  /// after its place, "unnamed-vulnerability-N", so formats that require an id still get one.
  std::string_view id;
  std::string_view path;       ///< where the component was found in the image, without the leading '/'
  std::string_view layer;      ///< the layer's diff_id, when the producer names it
  std::string_view fingerprint;
  // The exception behind a suppression (sbom-exceptions' properties, else the VEX analysis).
  std::string_view owner, expires, reason, ticket;
  // The words several formats share, made once per finding (status_text, fixed_text,
  // package_text, and the listings' status cell with the rules broken or the suppression).
  std::string_view status_words, fixed, package, status_cell;
  // The finding's and its vulnerability's own words, copied here so the writers read one
  // arena in row order instead of strings all over the document: the package (purl), the
  // installed version, the severity's basis, the component's name (else the package), the
  // vulnerability's description.
  std::string_view purl, installed, basis, name, description;
  // Of the vulnerability (VulnText).
  std::string_view title, kev, epss;
  std::span<const std::string_view> links;
  // The finding's lists (Finding::aliases, fixed and broken), kept with the rest, for the same
  // reason: reading them in the finding sent every writer to a scattered heap.
  std::span<const std::string_view> aliases, fixed_versions, rules;
};

struct Context {
  const Document* doc = nullptr;
  const policy::Report* judged = nullptr;
  const Options* options = nullptr;
  std::vector<Row> rows;     ///< the findings shown, in the evaluation's order
  std::vector<Arena> arenas;  ///< the rows' texts, an arena per part of the join
  std::string image;         ///< metadata.component as name[:version], or empty
  std::string os;            ///< the operating-system component as "name version", or empty
  bool any_kev = false, any_epss = false;
};

Context collect(const Document& doc, const policy::Report& judged, const Options& options);

/// "violation", "pass", "not counted (no fix)", "suppressed (not_affected)" (Row::status_words).
std::string status_text(const Row& r);
/// "1.2.3, 1.3.1" or "-".
std::string fixed_text(const policy::Finding& f);
std::string join(const std::vector<std::string>& v, std::string_view sep);
/// Appends the items of `v` separated by `sep` to `out` (no temporary string).
void append_joined(std::string& out, const std::vector<std::string>& v, std::string_view sep);
/// The first line of the vulnerability's description (or its detail), for short texts.
std::string title(const Vulnerability& v);
/// The text of a suppression: reason, owner, expiry and ticket where known.
std::string suppression_text(const Row& r);
/// "Upgrade PKG to 1.2.3" when a fix is known, else empty.
std::string solution(const Row& r);
/// A row's package and version as people read them: "pkg:deb/debian/curl 7.88.1-10".
std::string package_text(const Row& r);
/// A path or id as a URI reference part: bytes outside RFC 3986's unreserved set and '/'
/// percent-encoded (a space, '#', '?' or '%' in a file name would otherwise change the URI).
/// The result needs no JSON escaping. Handed to append(piece) piece by piece.
template <typename Append>
void uri_escape(std::string_view path, Append&& append) {
  static constexpr char kHex[] = "0123456789ABCDEF";
  static constexpr std::array<bool, 256> kKeep = [] {
    std::array<bool, 256> t{};
    for (int ch = 0; ch < 256; ++ch)
      t[static_cast<std::size_t>(ch)] = (ch >= 'a' && ch <= 'z') || (ch >= 'A' && ch <= 'Z') || (ch >= '0' && ch <= '9') ||
                                        ch == '-' || ch == '.' || ch == '_' || ch == '~' || ch == '/';
    return t;
  }();
  std::size_t run = 0;
  for (std::size_t i = 0; i < path.size(); ++i) {
    const auto ch = static_cast<unsigned char>(path[i]);
    if (kKeep[ch]) continue;
    if (i > run) append(path.substr(run, i - run));
    run = i + 1;
    const char escaped[3] = {'%', kHex[ch >> 4], kHex[ch & 15]};
    append(std::string_view(escaped, sizeof escaped));
  }
  if (path.size() > run) append(path.substr(run));
}
std::string uri_escape(std::string_view path);
/// ISO 8601 UTC without zone ("2026-01-01T00:00:00") of epoch seconds.
std::string iso_time(std::int64_t epoch);

// The writers. The JSON reports (SARIF, GitLab, JSON) are compact, one line: they are read by
// machines, and indenting the 100 MB SARIF of 50,000 findings cost more than the gate itself.
void write_sarif(const Context& c, Out& out);
void write_junit(const Context& c, Out& out);
void write_gitlab(const Context& c, Out& out);
void write_table(const Context& c, Out& out);
void write_markdown(const Context& c, Out& out, bool step_summary);
void write_json(const Context& c, Out& out);

}  // namespace sbom::report::detail
