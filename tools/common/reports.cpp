// --report plumbing shared by sbom-gate and sbom-diff (see reports.h).
#include "reports.h"

#include <cstdlib>

namespace sbom::cli {

Expected<report::Request> resolve_report(std::string_view spec, std::string_view tool, std::string_view carried,
                                         const std::string& output, const std::vector<std::string>& taken,
                                         const std::vector<report::Request>& so_far) {
  auto req = report::parse_request(spec);
  if (!req) return std::move(req).error();
  if (req->file.empty()) {
    const char* step_summary = std::getenv("GITHUB_STEP_SUMMARY");
    req->file = report::default_file(req->format, tool, step_summary ? step_summary : "");
  }
  const std::string flag = "--report " + std::string(spec) + ": ";
  if (req->file == "-") {
    if (output.empty() || output == "-")
      return Error(flag + "stdout carries the " + std::string(carried) + "; name a file, or send the " +
                   std::string(carried) + " elsewhere with -o");
    return req;
  }
  for (const auto& other : so_far)
    if (other.file == req->file) return Error(flag + "two reports to the same file '" + req->file + "'");
  if (req->file == output) return Error(flag + "'" + req->file + "' is also the " + std::string(carried) + "'s file");
  for (const auto& t : taken)
    if (req->file == t) return Error(flag + "'" + req->file + "' is also the summary's file");
  return req;
}

Status write_reports(const Tool& tool, const std::vector<report::Request>& requests, const Document& doc,
                     const policy::Report& judged, const report::Options& options) {
  if (requests.empty()) return Ok{};
  // One after the other, each streamed to its file: made side by side they were no faster on a
  // busy machine and held every report (160 MB on the bench) in memory at once.
  report::Findings findings(doc, judged, options);
  for (const auto& r : requests)
    if (auto s = tool.write_output(r.file, [&](const json::Sink& sink) { findings.write(r.format, sink); }); !s) return s;
  return Ok{};
}

}  // namespace sbom::cli
