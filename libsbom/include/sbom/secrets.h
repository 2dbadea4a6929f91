// Secrets in image files: a documented rule set (docs/findings.md) plus rules in gitleaks' TOML
// format, matched with RE2 (one RE2::Set pass per file) as the layers stream past. The secret
// itself is never kept: a match keeps its rule, line and a fingerprint.
#pragma once

#include <cstdint>
#include <memory>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "sbom/error.h"
#include "sbom/image.h"

namespace sbom::secrets {

struct Allowlist {
  std::vector<std::string> regexes;    ///< a secret matching one is not reported
  std::vector<std::string> stopwords;  ///< a secret containing one (case-insensitively) is not reported
  std::vector<std::string> paths;      ///< a file whose path matches one is not scanned for the rule
};

struct Rule {
  std::string id;           ///< SBOMKIT-SECRET-… (a gitleaks id `aws-key` becomes SBOMKIT-SECRET-AWS-KEY)
  std::string description;
  std::string regex;        ///< RE2 syntax (which is gitleaks' Go regexp syntax)
  int secret_group = 0;     ///< capture group holding the secret; 0: the first non-empty group, else the match
  double entropy = 0;       ///< minimum Shannon entropy (bits per byte) of the secret; 0: no minimum
  std::string path;         ///< regex a file's path must match ("" = any file)
  std::vector<std::string> keywords;  ///< gitleaks prefilter words (kept; RE2::Set needs no prefilter)
  std::string severity = "high";
  int cwe = 798;            ///< CWE-798 hard-coded credentials; private keys CWE-321
  Allowlist allow;
};

/// The built-in rules (docs/findings.md lists them).
std::vector<Rule> builtin_rules();

/// Rules (and the global allowlist) from a file in gitleaks' TOML format. Errors name the file,
/// line and column (a TOML syntax error, a member of the wrong type, an unknown member, a regex
/// RE2 refuses).
struct RuleFile {
  std::vector<Rule> rules;
  Allowlist allow;
};
Expected<RuleFile> parse_gitleaks_toml(std::string_view text, std::string_view name);

/// `SBOMKIT-SECRET-` + the gitleaks id upper-cased, '_' and '-' kept, other characters as '-'.
std::string rule_id_for(std::string_view gitleaks_id);

/// The redacted fingerprint of a secret found by `rule_id`: 16 hex digits of SHA-256 over the
/// rule id, a NUL and the secret. The same secret under the same rule has the same fingerprint in
/// every image; the secret cannot be read back from it.
std::string fingerprint(std::string_view rule_id, std::string_view secret);
/// The id a finding can be named by in exceptions: "SBOMKIT-FP-" + fingerprint.
std::string fingerprint_id(std::string_view fp);

struct Match {
  std::size_t rule = 0;  ///< index into Scanner::rules()
  std::uint64_t line = 0;  ///< 1-based
  std::string fingerprint;
};

/// Files larger than this are not scanned (counted and said).
inline constexpr std::uint64_t kMaxFileSize = 8ull << 20;

class Scanner {
 public:
  /// Compiles the rules (and a global allowlist); an error names the rule whose regex fails.
  static Expected<std::shared_ptr<const Scanner>> make(std::vector<Rule> rules, Allowlist global = {});
  ~Scanner();
  /// The secrets in `text`, in rule-then-position order, one per (rule, fingerprint). Path rules
  /// are not applied here (the layer walk does not tell a reduce the path): see applies().
  std::vector<Match> scan(std::string_view text) const;
  /// Whether rule `rule` applies to a file at `path` (root-relative): its `path` regex, its
  /// allowlisted paths and the global ones.
  bool applies(std::size_t rule, std::string_view path) const;
  const std::vector<Rule>& rules() const { return rules_; }
  /// Names the rule set (a digest of every rule), so a layer cache never mixes rule sets.
  const std::string& key() const { return key_; }

  struct Impl;

 private:
  Scanner() = default;
  std::vector<Rule> rules_;
  std::string key_;
  std::unique_ptr<Impl> impl_;
};

/// What a scan of one file kept, as carried through the image view (File::data): either a
/// skip (binary or too large) or the matches.
struct FileResult {
  enum class Kind : std::uint8_t { Matches, Binary, TooLarge };
  Kind kind = Kind::Matches;
  std::vector<Match> matches;
};
/// Whether the view file carries a FileResult (made by the patterns below), not file content.
bool is_result(const image::File& f);
std::string encode(const FileResult& r);
FileResult decode(std::string_view data);  ///< data of a file for which is_result holds

/// Scans `text` (a whole file of `size` bytes) as the patterns do: binary (a NUL byte in the
/// first 8 KiB) and files over kMaxFileSize are skips; nullopt when nothing is found.
std::optional<FileResult> scan_file(const Scanner& s, std::string_view text, std::uint64_t size);

/// The pattern that scans every file no other pattern takes ("**", last in the list): files
/// with secrets (or skipped) are kept as encoded FileResults, others are dropped.
image::Pattern catch_all(std::shared_ptr<const Scanner> s);
/// `inner` (a pattern with `reduce`, e.g. executables for Go build info) made to also scan what
/// it reads: a file `inner` keeps nothing of but that holds secrets is kept as a FileResult.
image::Pattern tee(image::Pattern inner, std::shared_ptr<const Scanner> s);

}  // namespace sbom::secrets
