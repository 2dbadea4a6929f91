// Matching an SBOM's components against the OSV index: which records affect which component,
// turned into CycloneDX vulnerabilities (ratings, references, affects, fixed versions).
#pragma once

#include <cstddef>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "sbom/diagnostics.h"
#include "sbom/error.h"
#include "sbom/model.h"
#include "sbom/osv.h"
#include "sbom/vulndb.h"

namespace sbom::match {

/// What a component is looked up by.
struct Target {
  std::string ecosystem;  ///< OSV ecosystem, e.g. "Debian:12", "PyPI"
  std::string name;       ///< OS packages: the source package; language packages: the ecosystem's name
  std::string version;    ///< OS packages: the source version (with epoch); else the component's
  /// Further names that index the same package (rpm: the binary name next to the source rpm name).
  std::vector<std::string> other_names;
  /// `ecosystem` is a Red Hat product stream without its repository ("Red Hat:enterprise_linux:9"):
  /// every `<ecosystem>::<repository>` of the index applies ("...::baseos", "...::appstream").
  bool stream = false;
};

/// The purl `distro` qualifier implied by the document's operating-system component
/// ("debian-12.15" for name debian, version 12.15), or "" when there is none.
std::string document_distro(const Document& doc);

/// The lookup target of a component. OS packages (deb, apk, rpm) take their distro from the purl's
/// `distro` (or `distro_name`) qualifier, else from `fallback_distro` when the namespace matches it,
/// and their source package from sbom-gen's properties, Trivy's, or the `upstream` qualifier.
/// Red Hat packages (`pkg:rpm/redhat` or `pkg:rpm/rhel`, distro `rhel-9.4`, `redhat-9.4` or `9.4`)
/// are looked up in the product stream their repository names: Red Hat's `repository_id`
/// qualifier (`rhel-9-for-x86_64-appstream-eus-rpms` -> `Red Hat:rhel_eus:9.4::appstream`), else
/// the major release's main stream, every repository (`Red Hat:enterprise_linux:9`, stream = true).
/// The error says why the component cannot be matched (no purl, invalid purl, no OSV ecosystem,
/// unknown distro).
Expected<Target> target_for(const Component& c, std::string_view fallback_distro);

struct Options {
  bool ignore_unfixed = false;  ///< drop findings without a known fixed version
  /// Records that could not be evaluated for a component, ratings that could not be read, names
  /// matched ignoring case: in document order, then id order, once the scan has them all.
  Diagnostics diagnostics;
};

/// A component that could not be matched, and why.
struct Unmatched {
  enum class Why {
    kUnidentified,  ///< no ecosystem or package could be told (reason says why)
    kNoAdvisories,  ///< the index holds no advisories of `ecosystem`
    kNoBomRef,      ///< nothing to attach findings to
  };
  std::string component;  ///< bom-ref, else purl, else name
  std::string reason;
  Why why = Why::kUnidentified;
  std::string ecosystem;  ///< the OSV ecosystem, when it was told
};

/// The unmatched components grouped for people: one line per (reason, ecosystem) with the count,
/// the remedy and the first few components (`3 Debian:12 packages: the index has no Debian:12
/// advisories (sbom-db update --ecosystem Debian:12): a, b, c`); components that could not be
/// identified keep a line each, since their reasons differ. In first-seen order.
std::vector<std::string> group_unmatched(const std::vector<Unmatched>& unmatched);

struct Report {
  std::size_t components = 0;           ///< package components looked at
  std::size_t looked_up = 0;            ///< components queried in the index
  std::size_t affected_components = 0;  ///< components with at least one finding
  std::size_t findings = 0;             ///< (vulnerability, component) pairs added
  std::size_t vulnerabilities = 0;      ///< vulnerabilities in the output
  std::size_t unfixed_dropped = 0;      ///< findings dropped by ignore_unfixed
  std::size_t withdrawn = 0;            ///< withdrawn records that named a component's package
  std::size_t skipped_ranges = 0;       ///< GIT (or unordered) ranges not evaluated
  std::vector<Unmatched> unmatched;
  /// The index could not be read (a damaged record, a file truncated while in use): the scan is
  /// incomplete and `doc` was left as it was. Never a warning: a finding would be lost in silence.
  std::optional<Error> index_error;
};

/// Adds to `doc.vulnerabilities` one entry per vulnerability (aliases merged: a record and the
/// records naming it as an alias are one vulnerability), with an `affects` entry per affected
/// component. Vulnerabilities already in the document are kept; a finding with the same id (or an
/// alias of it) is merged into the existing entry rather than added twice. Output order is by id,
/// affects by bom-ref.
Report scan(Document& doc, const vulndb::Database& db, const Options& options);

/// Raises a 1.2 or 1.3 document to 1.4, the first CycloneDX version with `vulnerabilities` (a
/// valid 1.2/1.3 document is a valid 1.4 one), and says so; refuses older or unknown versions
/// (1.0 and 1.1 differ from 1.4 in ways an upgrade would have to rewrite). 1.4 and later are kept.
Expected<std::vector<std::string>> fit_spec_version(Document& doc);

/// Before 1.5 a rating's method has no `CVSSv4`: such ratings are written with method `other`
/// (score, severity and vector kept, so the severity the gate reads does not change). Returns how
/// many were changed.
std::size_t fit_ratings(Document& doc);


/// One `affected` entry of a record, evaluated at a version (or listed, without a version).
struct EntryVerdict {
  std::size_t index = 0;  ///< position in record.affected
  std::optional<osv::Decision> decision;
  std::string error;  ///< why it could not be evaluated
};

struct RecordVerdict {
  osv::Record record;
  std::vector<EntryVerdict> entries;  ///< the entries for the queried package
  bool affected = false;              ///< some entry affects the version (never for withdrawn records)
};

/// The records for (ecosystem, name) and, when `version` is given, why each does or does not
/// affect it (the range and event that decided).
Expected<std::vector<RecordVerdict>> explain(const vulndb::Database& db, std::string_view ecosystem,
                                             std::string_view name, std::optional<std::string_view> version);

}  // namespace sbom::match
