// --report on the command line, shared by sbom-gate and sbom-diff: where each report goes, and
// writing them all before the tool's own output.
#pragma once

#include <string>
#include <string_view>
#include <vector>

#include "cli.h"
#include "sbom/report.h"

namespace sbom::cli {

/// One `--report FORMAT[=FILE]`: without FILE the format's default file for `tool` (github: the
/// GITHUB_STEP_SUMMARY file when set). `-` (stdout) only when `output` sends the tool's own
/// output (`carried`: "document", "diff") elsewhere; never a file an earlier report in `so_far`,
/// `output` or another of `taken` already names. Errors are usage errors in the flag's words.
Expected<report::Request> resolve_report(std::string_view spec, std::string_view tool, std::string_view carried,
                                         const std::string& output, const std::vector<std::string>& taken,
                                         const std::vector<report::Request>& so_far);

/// Writes every requested report, each streamed whole or not at all (Tool::write_output), the
/// findings joined once for all. The first failed write is returned; the tool writes its own
/// output only after this succeeded.
Status write_reports(const Tool& tool, const std::vector<report::Request>& requests, const Document& doc,
                     const policy::Report& judged, const report::Options& options);

}  // namespace sbom::cli
