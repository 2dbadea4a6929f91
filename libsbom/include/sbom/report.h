// Reports of judged findings for CI systems (SARIF, JUnit, GitLab, GitHub) and people (table,
// Markdown, JSON), made from the policy evaluation so sbom-gate and sbom-diff write the same ones.
#pragma once

#include <cstdint>
#include <memory>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "sbom/error.h"
#include "sbom/json.h"
#include "sbom/model.h"
#include "sbom/policy.h"

namespace sbom::report {

enum class Format { kSarif, kJunit, kGitlab, kTable, kMarkdown, kJson, kGithub };

/// "sarif", "junit", "gitlab", "table", "markdown", "json", "github"; nullopt otherwise.
std::optional<Format> parse_format(std::string_view s);
std::string_view format_name(Format f);

/// One `--report FORMAT[=FILE]`. Without `=FILE` the report goes to default_file().
struct Request {
  Format format = Format::kTable;
  std::string file;
};
/// Parses FORMAT or FORMAT=FILE (an empty FILE is an error).
Expected<Request> parse_request(std::string_view spec);
/// Where a report goes when no FILE is named: a file of the current directory named after the
/// tool ("sbom-gate.sarif", "sbom-gate.junit.xml", "gl-container-scanning-report.json", ...);
/// `github` goes to $GITHUB_STEP_SUMMARY when `step_summary` (its value) is not empty.
std::string default_file(Format f, std::string_view tool, std::string_view step_summary);

/// Parses `critical,high` (severity names as policy::parse_severity reads them).
Expected<std::vector<policy::Severity>> parse_severity_list(std::string_view list);

struct Options {
  std::string tool = "sbom-gate";   ///< the tool named as the reports' producer
  std::string tool_version;
  /// Severities the reports show (empty: all). Filters the reports, never the verdict.
  std::vector<policy::Severity> severities;
  /// Seconds since the epoch for the timestamps some formats require (GitLab's scan times,
  /// JUnit's); the tools pass SOURCE_DATE_EPOCH or the clock.
  std::int64_t time = 0;
  /// What a finding that breaks the policy is called in the reports' texts: the policy's own
  /// words ("--fail-on high") come from Finding::broken; this is the heading for the rest.
  std::string subject = "policy";
};

namespace detail {
struct Context;
}

/// The findings of `judged` (policy::evaluate of `doc`) joined with their vulnerabilities and
/// components once, for writing in several formats. `doc`, `judged` and `options` must outlive it.
class Findings {
 public:
  Findings(const Document& doc, const policy::Report& judged, const Options& options);
  ~Findings();
  Findings(const Findings&) = delete;
  Findings& operator=(const Findings&) = delete;
  /// Writes the report in `format` to `sink`. Output is deterministic: findings in the
  /// evaluation's order, no clock but Options::time.
  void write(Format format, const json::Sink& sink) const;

 private:
  std::unique_ptr<detail::Context> context_;
};

/// One report, for a single format (Findings does the joining once for several).
void write(Format format, const Document& doc, const policy::Report& judged, const Options& options,
           const json::Sink& sink);
/// The same, whole.
std::string format(Format format, const Document& doc, const policy::Report& judged, const Options& options);

/// The stable identity of a finding across runs and releases: SHA-256 (hex) of the vulnerability
/// id and the component identity (package without version, and its path when the producer
/// names one), never the document's serial or the installed version. `instance` tells apart
/// findings of one document that share all of that (two copies of a package whose producer
/// names no path): the n-th such finding in the evaluation's order, 0 for the first.
std::string fingerprint(const policy::Finding& f, std::string_view path, std::size_t instance = 0);

/// What a report says of a vulnerability's KEV listing and EPSS score, read generically from its
/// properties: a property whose name has a `:`-separated part `kev` (its value "true", "yes" or a
/// date: listed) and one with a part `epss` and no part `percentile` (its value as written).
/// Empty when the document carries none.
std::string kev_of(const Vulnerability& v);
std::string epss_of(const Vulnerability& v);

}  // namespace sbom::report
