// --report plumbing shared by sbom-gate and sbom-diff (see reports.h).
#include "reports.h"

#include <cstdlib>

#include "sbom/parallel.h"

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
  // The findings are joined once; the reports are then written side by side, each streamed to
  // its own file from the shared (read-only) join, so a 1 MiB buffer each is all they hold.
  // Each call writes only its own slot; the first failure in request order is the one reported.
  report::Findings findings(doc, judged, options);
  std::vector<Status> written(requests.size(), Ok{});
  parallel_for(requests.size(), [&](std::size_t i) {
    const report::Request& r = requests[i];
    written[i] = tool.write_output(r.file, [&](const json::Sink& sink) { findings.write(r.format, sink); });
  });
  for (auto& s : written)
    if (!s) return std::move(s);
  return Ok{};
}

}  // namespace sbom::cli
