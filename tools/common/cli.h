// CLI plumbing shared by every sbomkit tool: stdin/stdout conventions, atomic output files,
// error format, exit statuses, signals. Tools stay thin mains over libsbom.
#pragma once

#include <CLI/CLI.hpp>

#include <cstdio>
#include <functional>
#include <string>
#include <string_view>

#include "sbom/error.h"
#include "sbom/json.h"
#include "sbom/model.h"

namespace sbom::cli {

/// Exit statuses shared by all tools (listed in every --help and man page).
enum class Exit : int {
  kOk = 0,           ///< success / policy passed / no differences
  kViolation = 1,    ///< policy violated / differences found / check failed
  kError = 2,        ///< usage, input or I/O error
  kInterrupted = 130 ///< SIGINT
};

/// The text every --help ends with.
std::string exit_status_help(std::string_view one_meaning);

/// One tool's identity and diagnostics. Create it first thing in main().
class Tool {
 public:
  /// Installs SIGINT/SIGPIPE handling; `name` prefixes every diagnostic.
  explicit Tool(std::string name);
  const std::string& name() const { return name_; }

  /// `name: error: <error>` on stderr; returns Exit::kError for `return tool.fail(e);`.
  int fail(const Error& e) const;
  int fail(std::string_view message) const;
  /// `name: warning: message` on stderr.
  void warn(std::string_view message) const;
  void warn(const Error& e) const;

  /// Sets up a CLI11 app: name, --version, and the examples + exit-status footer.
  void setup_app(CLI::App& app, std::string footer_examples, std::string_view violation_meaning) const;
  /// Parses argv; on --help/--version prints and returns kOk, on a usage error prints
  /// `name: error: ...` plus a hint and returns kError; returns -1 when the tool should go on.
  int parse(CLI::App& app, int argc, char** argv) const;

  /// Writes `content` to stdout ("-" or empty path) or atomically to a file (temporary file in the
  /// same directory, then rename). Errors name the file.
  Status write_output(const std::string& path, std::string_view content) const;
  /// The same for output made in pieces: `produce` hands its text to the sink it is given, so a
  /// large document is never held whole in memory.
  Status write_output(const std::string& path, const std::function<void(const json::Sink&)>& produce) const;
  /// Writes the document as CycloneDX JSON (lossless for documents read by read_document),
  /// streamed, with the conventions of write_output.
  Status write_document(const std::string& path, const Document& doc) const;

  /// Flushes and closes stdout, turning a failed write into an error (a closed pipe is not one:
  /// the reader went away on purpose). Returns `status`, or kError when the write failed.
  int finish(int status) const;

 private:
  std::string name_;
};

/// Opens `path` for reading ("-" or empty is stdin). The name for messages is set in `display`.
Expected<std::FILE*> open_input(const std::string& path, std::string& display);

/// Reads a document in any format libsbom reads (today: CycloneDX JSON, sniffed from content).
Expected<Document> read_document(const std::string& path);

/// A document together with the exact text it was read from (for tools that pass the input
/// through byte for byte, like sbom-gate).
struct InputDocument {
  json::Text text;
  Document doc;
};
Expected<InputDocument> read_document_and_text(const std::string& path);

/// Reads a whole text file ("-" = stdin).
Expected<std::string> read_text(const std::string& path);

/// The time "now" for reproducible runs: SOURCE_DATE_EPOCH when set, else the clock.
std::int64_t now_epoch_seconds();

}  // namespace sbom::cli
