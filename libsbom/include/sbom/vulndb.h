// The vulnerability index: built once from OSV data (all.zip files, directories, single records),
// written as one versioned read-only file (docs/vulndb-format.md), mapped and queried by
// (ecosystem, normalised package name).
#pragma once

#include <cstdint>
#include <functional>
#include <map>
#include <memory>
#include <string>
#include <string_view>
#include <vector>

#include "sbom/eol.h"
#include "sbom/attest.h"
#include "sbom/diagnostics.h"
#include "sbom/error.h"
#include "sbom/osv.h"
#include "sbom/provenance.h"

namespace sbom::vulndb {

/// Version of the file format this library writes and reads (2: checksummed header, tables and
/// records; version 1 had no checksums and is refused with "rebuild it").
inline constexpr std::uint32_t kFormatVersion = 2;

/// The package name as the index keys it: PyPI names by PEP 503 (lower-case, runs of `-_.` -> `-`),
/// every other ecosystem's names as written (Go module paths, Maven `group:artifact`, npm `@scope/name`
/// are case-sensitive or already canonical).
std::string normalize_name(std::string_view ecosystem, std::string_view name);

/// The index location when none is given: $SBOMKIT_DB, else $XDG_CACHE_HOME/sbomkit/osv.sbomdb, else
/// $HOME/.cache/sbomkit/osv.sbomdb. Error when none of these variables is set.
Expected<std::string> default_path();

/// One input of a build, as `info` reports it.
struct SourceInfo {
  std::string path;    ///< as given
  std::string kind;    ///< "zip", "directory" or "file"
  std::string sha256;  ///< of the zip or file; of the sorted (name, sha256) list for a directory
  std::uint64_t records = 0;  ///< valid records read from it
  std::uint64_t invalid = 0;  ///< records skipped as invalid
  std::string origin;         ///< the URL or mirror path an update took it from; "" when built from `path` itself
  std::int64_t last_modified = 0;  ///< when its publisher last changed it (Last-Modified, a mirror's time); 0: unknown
};

/// What a build records of a source beyond what it reads from it (an update's download).
struct SourceOrigin {
  std::string recorded_path;       ///< the path recorded (default: the path read), e.g. a staged copy's final name
  std::string origin;              ///< SourceInfo::origin
  std::int64_t last_modified = 0;  ///< 0: from `<path>.last-modified` when that file holds an HTTP date, else unknown
};

struct BuildStats {
  std::uint64_t records = 0;     ///< distinct records indexed
  std::uint64_t invalid = 0;     ///< skipped, each reported through the issue callback
  std::uint64_t duplicates = 0;  ///< same id seen again: the one with the later `modified` kept
  std::uint64_t withdrawn = 0;   ///< indexed but never matched
  std::uint64_t bytes = 0;       ///< OSV text read
};

/// Collects OSV records and writes the index.
class Builder {
 public:
  Builder();
  ~Builder();
  Builder(Builder&&) noexcept;
  Builder& operator=(Builder&&) noexcept;

  /// Adds an OSV `all.zip` (or any zip of records), a directory (searched recursively for
  /// `*.json`, and `*.yaml`/`*.yml`), or one record file. Errors only when the source itself cannot
  /// be read; invalid records (and damaged zip entries) are skipped, each a warning of kind
  /// Diagnostic::Kind::kInvalidRecord (file, pointer, reason) to `diagnostics`. A file that is an
  /// Alpine secdb document rather than an OSV record is converted (`ALPINE-<id>` records,
  /// docs/vulndb-format.md).
  Status add_source(const std::string& path, const Diagnostics& diagnostics, const SourceOrigin& origin = {});
  /// Adds one record from text (JSON, or YAML when `name` ends in .yaml/.yml), or the records of
  /// an Alpine secdb document. Returns false (after reporting it) when a record is invalid.
  bool add_record(std::string_view text, const std::string& name, const Diagnostics& diagnostics);

  const BuildStats& stats() const;
  const std::vector<SourceInfo>& sources() const;

  /// The index file's bytes. `build_time` (seconds since the epoch) is stored as given, so
  /// builds are reproducible under SOURCE_DATE_EPOCH.
  std::string serialize(std::int64_t build_time) const;

 private:
  struct Impl;
  std::unique_ptr<Impl> impl_;
};

/// SHA-256 (lower-case hex) of a file's bytes: what SourceInfo::sha256 holds for a zip or a
/// record file. Errors name the file.
Expected<std::string> file_sha256(const std::string& path);

/// The URL of an ecosystem's all.zip under an OSV base URL (the ecosystem percent-encoded:
/// "Rocky Linux" -> "Rocky%20Linux").
std::string osv_zip_url(std::string_view base_url, std::string_view ecosystem);

/// The default source of end-of-life tables: the endoflife.date API (v1), one product per path.
inline constexpr std::string_view kEolApiUrl = "https://endoflife.date/api/v1/products";

/// The URL of a product's end-of-life table under an endoflife.date API base (`<base>/<product>`,
/// endoflife.date's name for it: "alpine" -> "alpine-linux").
std::string eol_table_url(std::string_view base_url, std::string_view product);

/// One source of an update: an ecosystem's OSV all.zip, or a product's end-of-life table; where
/// it comes from and where the index keeps its copy.
struct UpdateStep {
  std::string ecosystem;    ///< the OSV ecosystem ("" for an end-of-life table)
  std::string eol_product;  ///< the end-of-life table's product, sbomkit's name ("" for an OSV zip)
  std::string from;   ///< an http(s) URL, or the path of a mirror's file (a file:// URL or a mirror directory)
  /// The copy the index is built from: <index's directory>/osv/<Ecosystem>/all.zip, or
  /// <index's directory>/eol/<product>.json (a mirror: <dir>/<Ecosystem>/all.zip, <dir>/eol/<product>.json).
  std::string zip;
  bool modified = false;     ///< after fetch: a new copy is staged (downloaded, or copied from a mirror)
  std::uint64_t bytes = 0;   ///< after fetch: bytes downloaded or copied
  std::int64_t last_modified = 0;  ///< after fetch: the source's Last-Modified (or a mirror file's time); 0 unknown
};

/// An update of an index, planned by the library and executed step by step by the tool, so that
/// the index is never lost: it adds or refreshes the ecosystems asked for and keeps every other
/// source; each new copy is staged beside its predecessor (`all.zip.part`, `python.json.part`) and
/// verified (a complete, readable, non-empty zip; an end-of-life table that reads, is of the
/// product asked for and lists releases); the tool writes the new index atomically and only then calls commit(),
/// which moves the staged copies into place. Any failure before that leaves the index and every
/// copy as they were (the destructor removes what was staged).
class Update {
 public:
  /// Plans an update of the index at `index` (which need not exist yet) from `base`: an OSV base
  /// URL (`https://…`, `http://…`, `file:///…`) or a local mirror directory laid out as OSV
  /// publishes (`<Ecosystem>/all.zip`). Errors: an index that exists and cannot be read (a fresh
  /// start would drop what it held), a kept source that is gone, a base that is neither.
  /// `eol_products` (sbomkit's product names: debian, python, ...) are end-of-life tables from
  /// `eol_base`: the endoflife.date API (`<eol_base>/<product>`, v1 or legacy JSON), a file:// URL
  /// or a directory of `<product>.json` files; an unknown product is an error.
  static Expected<Update> plan(const std::string& index, const std::vector<std::string>& ecosystems,
                               const std::string& base, const std::vector<std::string>& eol_products = {},
                               const std::string& eol_base = std::string(kEolApiUrl));
  /// Steps of a mirror run: each ecosystem's all.zip from `base` into `<dir>/<Ecosystem>/all.zip`,
  /// each product's end-of-life table from `eol_base` into `<dir>/eol/<product>.json`.
  static Expected<Update> plan_mirror(const std::string& dir, const std::vector<std::string>& ecosystems,
                                      const std::string& base, const std::vector<std::string>& eol_products = {},
                                      const std::string& eol_base = std::string(kEolApiUrl));
  Update(Update&&) noexcept;
  Update& operator=(Update&&) noexcept;
  ~Update();

  const std::vector<UpdateStep>& steps() const;
  /// Brings step `i` up to date, staged: a conditional download (the validators of the copy in
  /// place are sent back), or a copy from a mirror when its digest differs from the copy in place.
  /// Errors name the URL or file: transport errors and dropped connections, HTTP statuses other
  /// than 200 and 304, an empty or damaged archive, a full disk.
  Status fetch(std::size_t i);
  /// Whether the index must be rebuilt: there is none yet, a copy changed, or the index was not
  /// built from the copy in place (an earlier update downloaded it and then failed).
  Expected<bool> needs_rebuild() const;
  /// The new index's bytes: the kept sources in the index's order (a refreshed copy in its
  /// predecessor's place), new ones after, each recorded with its origin and Last-Modified.
  /// `stats` and `sources` (how many the index has), when given, receive the build's counts.
  Expected<std::string> build(std::int64_t build_time, const Diagnostics& diagnostics, BuildStats* stats = nullptr,
                              std::size_t* sources = nullptr);
  /// Moves the staged copies and their validators into place (after the index was written).
  Status commit();

 private:
  Update();
  struct Impl;
  std::unique_ptr<Impl> impl_;
};

/// Summary of an index, from its header and metadata.
struct Info {
  std::uint32_t format_version = 0;
  std::int64_t build_time = 0;
  std::uint64_t records = 0;
  std::uint64_t packages = 0;  ///< distinct (ecosystem, name) keys (rating sources' id keys not counted)
  std::map<std::string, std::uint64_t> ecosystems;  ///< ecosystem as written in records -> records naming it
  std::vector<SourceInfo> sources;
};

/// A read-only index: the file mapped into memory (or bytes held in memory). Thread-safe.
class Database {
 public:
  /// Maps an index file. Errors name the file: not an index, a format version this build cannot
  /// read, a truncated or inconsistent file.
  static Expected<Database> open(const std::string& path);
  /// An index held in memory (e.g. Builder::serialize() of OSV zips given directly).
  static Expected<Database> from_bytes(std::string bytes, std::string name);

  Database(Database&&) noexcept;
  Database& operator=(Database&&) noexcept;
  ~Database();

  const Info& info() const;
  /// Whether any record names this ecosystem (exact OSV spelling, e.g. "Debian:12", "PyPI").
  bool has_ecosystem(std::string_view ecosystem) const;
  /// The records with an `affected` entry for (ecosystem, name), parsed, in id order; `name` is
  /// normalised by normalize_name. Withdrawn records are included (callers decide).
  Expected<std::vector<osv::Record>> query(std::string_view ecosystem, std::string_view name) const;
  /// The names the index holds for `ecosystem` that equal `name` ignoring ASCII case, in key order
  /// (for names a producer lowercased, e.g. Go module paths). A scan of the ecosystem's sorted
  /// keys; no change to the index format.
  /// Reads of the mapping are guarded as query's are: a file truncated or rewritten while in use is an error.
  Expected<std::vector<std::string>> names_ignoring_case(std::string_view ecosystem, std::string_view name) const;
  /// The rating sources' records (GitHub's GHSA-… and NVD's CVE-… records) whose id or one of
  /// whose aliases is `id`, in id order: what lends ratings to a finding whose own records carry
  /// none. Other records are never found by id.
  Expected<std::vector<osv::Record>> query_id(std::string_view id) const;
  /// SHA-256 (lower-case hex) of the index file's bytes, computed on first use: what a scan
  /// records and what a signature covers. Errors when the file changed under the mapping.
  Expected<std::string> digest() const;
  /// The file the index was opened from ("" for one held in memory).
  const std::string& path() const;
  /// Record `index` (0 <= index < info().records) in id order, parsed.
  Expected<osv::Record> record_at(std::uint64_t index) const;

 private:
  Database();
  struct Impl;
  std::unique_ptr<Impl> impl_;
};

/// What an index signature covers, as text: a fixed first line, the SHA-256 of the whole index file
/// (which holds the provenance too), its build time and each source's digest and path. Signing
/// this, not the file, keeps a signature small to verify in a scan that has the digest anyway.
Expected<std::string> signed_statement(const Database& db);

/// A detached Ed25519 signature of signed_statement(db) with `key` (read by attest::Key, the one
/// key reader: PEM as `openssl genpkey -algorithm ed25519` writes it): the text of a signature
/// file, one line `sbomkit-index-signature ed25519 <base64>`. `key_name` names the key in errors.
Expected<std::string> sign_index(const Database& db, const attest::Key& key, const std::string& key_name);

/// Checks a signature file's text (`signature_name` in errors) against `db` with the public key in
/// `key` (attest::Key::public_key: PEM from `openssl pkey -pubout`, or a certificate). Errors: a key that is not an Ed25519 key, a
/// signature file that is not one, and a signature that does not verify (a changed index or
/// signature, or another key).
Status verify_index(const Database& db, std::string_view signature_text, const std::string& signature_name,
                    const attest::Key& key, const std::string& key_name);

/// Where a signature of the index at `index_path` is kept: `<index_path>.sig`.
std::string signature_path(const std::string& index_path);

/// What a scan records of the index it used (sbom/provenance.h): its digest, build time (an index
/// built in memory has none) and each source's digest and path.
Expected<IndexProvenance> provenance(const Database& db);

/// A part of an index older than a scan allows: the index itself (`source` empty) or one source.
struct StalePart {
  std::string source;     ///< the source's path; "" for the index's build
  std::int64_t time = 0;  ///< its build time or Last-Modified
};

/// The parts of `info` older than `max_age_seconds` at `now`: the build time (not for an index
/// built in memory, which has none) and each source whose Last-Modified is known. The ecosystems
/// to update are in each source's records; the caller words the remedy.
std::vector<StalePart> stale_parts(const Info& info, std::int64_t now, std::int64_t max_age_seconds);

/// Warns, one line per part of `info` older than `max_age_days` at `now` (stale_parts), of its age
/// and the remedy (`sbom-db update`); how many parts are stale (none when `max_age_days` is 0).
std::size_t warn_if_stale(const Info& info, std::int64_t now, std::int64_t max_age_days, const Diagnostics& diagnostics);

/// The end-of-life tables imported into the index (endoflife.date per-product JSON given to
/// sbom-db build), one per product, for eol::add_findings. Each table's source names the index
/// source it came from; its date is that source's Last-Modified when known (a download, a
/// mirror's copy, `<file>.last-modified`), else the index's build time, else the newest release
/// the table lists. Errors: the index cannot be read, or a stored table is not one sbom-db wrote.
Expected<std::vector<eol::Table>> eol_tables(const Database& db);

/// Whether `path` is a file that starts as an index does (its magic); false when it cannot be read.
bool is_index_file(const std::string& path);

/// The database behind sbom-match's `--db`: one index file is mapped; OSV zips, directories and
/// record files are built into an index in memory (`diagnostics` hears of each invalid record
/// skipped). An index file among several paths is an error: indexes are not merged.
Expected<Database> open_any(const std::vector<std::string>& paths, const Diagnostics& diagnostics);

}  // namespace sbom::vulndb
