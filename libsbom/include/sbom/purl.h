// Package URLs (purl): parsing, validation, normalisation and canonical formatting.
#pragma once

#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include "sbom/error.h"

namespace sbom {

/// A Package URL split into its decoded components. The components hold text as it
/// reads (no percent-encoding); the encoding exists only in to_string().
///
/// A Purl returned by parse_purl() or normalize_purl() is canonical: type lower-case,
/// the type's case and name rules applied, namespace and subpath free of empty, "."
/// and ".." segments, qualifier keys lower-case and unique, qualifiers sorted by key
/// and without empty values. Two canonical Purls are equal exactly when their
/// canonical strings are.
struct Purl {
  std::string type;
  std::string ns;       ///< namespace: decoded segments joined by '/'; "" when absent
  std::string name;
  std::string version;  ///< "" when absent
  std::vector<std::pair<std::string, std::string>> qualifiers;  ///< sorted by key
  std::string subpath;  ///< decoded segments joined by '/'; "" when absent

  /// The value of qualifier `key` (lower-case), or "" when absent.
  std::string qualifier(std::string_view key) const;

  /// The canonical string: `pkg:type/ns/name@version?k=v&k=v#subpath`.
  std::string to_string() const;
  /// to_string() without `@version`: the same package at any version.
  std::string to_string_without_version() const;
  /// `pkg:type/ns/name` only (no version, qualifiers or subpath): the key to pair
  /// up "the same package" across documents and to look it up in an advisory index.
  std::string package_key() const;

  bool operator==(const Purl&) const = default;
};

/// Parses and normalises a purl string. Accepts what the specification says a
/// parser should accept (any case in scheme and type, `pkg://`, unencoded `@` in an
/// npm scope, upper-case qualifier keys) and rejects the rest with an error naming
/// the offending part, e.g. "purl has no type", "invalid qualifier key 'a b'",
/// "maven purl needs a namespace". Raw control characters (a stray line end) are
/// errors; percent-encoded ones are data. The error carries no file or position:
/// the caller, which knows where the purl came from, adds them.
Expected<Purl> parse_purl(std::string_view text);

/// Validates and normalises a Purl assembled from components (the way catalogers
/// build one): the same rules as parse_purl, applied to decoded text. `ns` and
/// `subpath` may carry leading, trailing or doubled '/'.
Expected<Purl> normalize_purl(Purl purl);

}  // namespace sbom
