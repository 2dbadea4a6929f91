// CLI plumbing shared by every sbomkit tool: stdin/stdout conventions, atomic output files,
// error format, exit statuses, signals. Tools stay thin mains over libsbom.
#pragma once

#include <CLI/CLI.hpp>

#include <cstdint>
#include <cstdio>
#include <functional>
#include <optional>
#include <string>
#include <string_view>

#include "sbom/attest.h"
#include "sbom/diagnostics.h"
#include "sbom/error.h"
#include "sbom/format.h"
#include "sbom/json.h"
#include "sbom/model.h"

namespace sbom::cli {

/// The exit status of every tool (listed in every --help and man page): what each main returns
/// and what Tool's calls hand back. It becomes the int main() returns, but no number becomes an
/// Exit, so a tool cannot write a literal status.
class Exit {
 public:
  enum Code : int {
    kOk = 0,           ///< success / policy passed / no differences
    kViolation = 1,    ///< policy violated / differences found / check failed
    kError = 2,        ///< usage, input or I/O error
    kInterrupted = 130 ///< SIGINT
  };
  constexpr Exit(Code code) : code_(code) {}
  constexpr operator int() const { return code_; }

 private:
  Code code_;
};

/// The text every --help ends with: what 1 means for this tool, and what 2 means besides a usage,
/// input or I/O error (empty: nothing else), so --help says what the man page's EXIT STATUS says.
std::string exit_status_help(std::string_view one_meaning, std::string_view two_also = {});

/// One tool's identity and diagnostics. Create it first thing in main().
class Tool {
 public:
  /// Installs SIGINT/SIGPIPE handling, and turns running out of memory (in any thread) and any
  /// exception that escapes into one line and exit 2; `name` prefixes every diagnostic.
  explicit Tool(std::string name);
  /// The same, for a tool that reads documents (every tool but sbom-vercmp): first, where the
  /// kernel gives transparent huge pages on request only ("madvise", Debian's default), runs the
  /// program again (`argv`, unchanged) with glibc's malloc asking for them
  /// (GLIBC_TUNABLES=glibc.malloc.hugetlb=1), and then gives its children the environment it was
  /// started with. A large document's model is millions of small allocations: with 4 KiB pages
  /// every one of them touches a fresh page, and the page faults were a fifth of a conversion's
  /// time (docs/architecture.md, "Memory"). SBOMKIT_HUGE_PAGES=0 turns it off; a
  /// GLIBC_TUNABLES that already says glibc.malloc.hugetlb is left as the user set it.
  Tool(std::string name, char** argv);
  const std::string& name() const { return name_; }

  /// `name: error: <error>` on stderr; returns Exit::kError for `return tool.fail(e);`.
  Exit fail(const Error& e) const;
  Exit fail(std::string_view message) const;
  /// A usage error found after parsing: `name: error: message` plus the --help hint; returns
  /// Exit::kError.
  Exit usage_error(std::string_view message) const;
  /// `name: warning: message` on stderr.
  void warn(std::string_view message) const;
  void warn(const Error& e) const;
  /// The tool's warning sink, handed to every libsbom call that can warn: each warning becomes
  /// `name: warning: <Diagnostic::to_string()>` on stderr, as it arrives.
  const Diagnostics& diagnostics() const;
  /// A report of several lines on stderr (the gate's summary, the exceptions applied): each line
  /// prefixed `name: `, so that every line a tool prints on stderr says who printed it, also
  /// when several tools of a pipeline share the terminal. A report written to a file carries no
  /// prefix: that is where a machine (or a Markdown page) reads it.
  void report(std::string_view text) const;

  /// Sets up a CLI11 app: name, --version, and the examples + exit-status footer.
  void setup_app(CLI::App& app, std::string footer_examples, std::string_view violation_meaning,
                 std::string_view error_also = {}) const;
  /// Parses argv; on --help/--version prints and returns kOk, on a usage error prints
  /// `name: error: ...` plus a hint and returns kError; returns nothing when the tool should go
  /// on: `if (auto done = tool.parse(app, argc, argv)) return *done;`.
  std::optional<Exit> parse(CLI::App& app, int argc, char** argv) const;

  /// Writes `content` to stdout ("-" or empty path) or to the file `path` names. A regular file
  /// (or a new one) is written atomically: a temporary file in the same directory, then rename;
  /// a replaced file keeps its permissions. A symlink is followed and its target written the same
  /// way (a dangling one creates its target). Anything else (a device, a FIFO, /dev/stdout) is
  /// opened and written in place. Every write and close error is returned; errors name `path`.
  Status write_output(const std::string& path, std::string_view content) const;
  /// The same for output made in pieces: `produce` hands its text to the sink it is given, so a
  /// large document is never held whole in memory.
  Status write_output(const std::string& path, const std::function<void(const json::Sink&)>& produce) const;
  /// Writes the document as `target` (lossless for a document read by read_document and written
  /// in its own format family), streamed, with the conventions of write_output. What the target
  /// cannot carry goes to `loss`; without one, a warning counts it and points to sbom-convert.
  Status write_document(const std::string& path, const Document& doc, const format::Target& target,
                        const format::LossFn& loss = {}) const;

  /// Flushes and closes stdout, turning a failed write into an error (a closed pipe is not one:
  /// the reader went away on purpose). Returns `status`, or kError when the write failed.
  Exit finish(Exit status) const;

 private:
  Status write_atomically(const std::string& path, const std::string& target, unsigned mode,
                          const std::function<void(const json::Sink&)>& produce) const;
  std::string name_;
};

/// A byte count as flags take it: decimal digits, then optionally a binary unit (B, K or KiB,
/// M or MiB, G or GiB, T or TiB). No sign, no spaces, no fraction; a value past 2^64-1 bytes is
/// an error, never a wrapped number.
Expected<std::uint64_t> parse_size(std::string_view text);
/// The CLI11 check of a SIZE flag: a bad size is a usage error naming the flag (exit 2). Every
/// size flag of every tool uses it, then parse_size() for the value.
CLI::Validator size_check();

/// The CLI11 check of a count flag (--top N, --warn-within DAYS): decimal digits only, at most
/// `max`; a sign ("-1" would wrap to "unlimited"), junk or an overflow is a usage error.
CLI::Validator count_check(std::uint64_t max = INT64_MAX);

/// Opens `path` for reading ("-" or empty is stdin). The name for messages is set in `display`.
Expected<std::FILE*> open_input(const std::string& path, std::string& display);

/// Reads a document in any format libsbom reads (format::read: sniffed from content). What the
/// format layer notes while reading goes to stderr as the tool's warning.
Expected<Document> read_document(const std::string& path);
/// The same, the notes going to `diagnostics` instead (a DiagnosticList's sink for documents read
/// side by side, replayed in argument order so stderr stays deterministic).
Expected<Document> read_document(const std::string& path, const Diagnostics& diagnostics);

/// Moves `doc` where it stays until the process exits, never freed, and returns it (its address
/// does not move as more are kept). A document of 100,000 components is millions of small
/// allocations; handing them back one by one right before exit took a tenth of a run of sbom-diff,
/// sbom-match or sbom-convert. They stay reachable, so leak checkers stay quiet.
Document& keep_until_exit(Document doc);

/// Adds `--format FORMAT` (format::parse_target's names, optionally @VERSION) to a tool or
/// subcommand that writes a document; the check makes a bad name a usage error.
CLI::Option* add_format_option(CLI::App& app, std::string& format);

/// The target a tool writes `doc` as: `format` (the --format value) when given, else the syntax
/// and version `doc` was read from. `adds_vulnerabilities`: the tool adds findings, so a target
/// that cannot carry them is an error that names the reason and --format.
Expected<format::Target> output_target(const Document& doc, const std::string& format, bool adds_vulnerabilities);

/// A document together with the exact text it was read from (for tools that pass the input
/// through byte for byte, like sbom-gate).
struct InputDocument {
  json::Text text;
  Document doc;
};
Expected<InputDocument> read_document_and_text(const std::string& path);

/// Reads a whole text file ("-" = stdin); a pipe or device is bounded by json::kMaxStreamBytes.
Expected<std::string> read_text(const std::string& path);

/// A signing key read from the PEM file at `path` and parsed (sbom-attest, sbom-archive): a
/// private key to sign with, or a public key or certificate to verify with; errors name the file.
enum class KeyUse : std::uint8_t { Sign, Verify };
Expected<attest::Key> read_key(const std::string& path, KeyUse use);

/// Refuses a character or block device, a FIFO or a socket where a database or source must be
/// read whole (sbom-db build /dev/zero would read forever): one line naming what `path` is.
/// A path that does not exist passes (the reader says so).
Status regular_file_or_directory(const std::string& path);

/// The time "now" for reproducible runs: SOURCE_DATE_EPOCH when set, else the clock.
std::int64_t now_epoch_seconds();

}  // namespace sbom::cli
