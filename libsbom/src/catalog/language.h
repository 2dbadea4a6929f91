// Private: what the language-package catalogers share: one component per package found, with its
// provenance and the OS package that owns the file it was found in.
#pragma once

#include <string>
#include <string_view>
#include <vector>

#include "catalog/common.h"
#include "catalog/lang_parsers.h"

namespace sbom::catalog::detail {

/// The first component of `out` whose bom-ref is `ref`, or nullptr: one hash lookup (the index
/// catches up with components appended since the last call), so adding n packages stays linear.
Component* find_component(Result& out, const std::string& ref);

/// Adds a language package found in `where`: canonical purl (none, with a warning, when the parts
/// are invalid), provenance, cataloger name, and the link to the OS package owning `where` (or
/// `owned_path` when given: the metadata directory of a Python distribution). Returns the new
/// component; nullptr when `purl` is invalid or the package was found before (a new place is
/// then added to that component's evidence.occurrences, and `found`, when given, points to it).
Component* add_language_package(const Context& ctx, Result& out, Purl purl, std::string_view cataloger,
                                const image::File& where, std::string_view owned_path = {},
                                Component** found = nullptr);

/// Adds a package of purl type `type` as a manifest or lockfile names it: a name with a '/' is
/// namespace/name (npm scopes, Composer vendors); a development dependency gets scope
/// "optional" and kPropDev, which a later non-development mention of the same package removes.
/// The lockfile's integrity values (LockedPackage::integrity) become the component's hashes.
/// Returns what add_language_package returns.
Component* add_named_package(const Context& ctx, Result& out, std::string_view type, const LockedPackage& p,
                             std::string_view cataloger, const image::File& where, Component** found = nullptr);

/// The hashes one LockedPackage::integrity value holds: `ALG-BASE64` (Subresource Integrity; several
/// separated by white space; `?options` ignored) or `ALG:HEX`, ALG one of sha1, sha256, sha384,
/// sha512. An unknown algorithm or a digest of the wrong length or alphabet is an error naming it:
/// no hash is guessed.
Expected<std::vector<Hash>> lock_hashes(std::string_view integrity);

/// What the lockfile `where` says the published package file of `p` hashes to (lock_hashes of
/// p.integrity), on the component found for it: a bad value is a warning naming the lockfile and
/// the package; a hash another mention contradicts is of another file, and is dropped.
void add_lock_hashes(const Context& ctx, Component& c, const LockedPackage& p, const image::File& where);

/// The bom-ref of the OS package owning `path` (root-relative; with or without the merged /usr
/// prefix), "" when none does. Only the path itself counts: package lists name every directory,
/// shared ones (dist-packages) included, so a parent directory says nothing about ownership.
std::string os_owner(const Result& out, std::string_view path);

/// "Header: value" lines up to the first blank line (RFC 822 style, continuation lines joined with
/// '\n'); repeated headers keep every value, in order.
std::vector<std::pair<std::string, std::string>> parse_headers(std::string_view text);

/// The directory part of a root-relative path ("a/b/c" -> "a/b"; "c" -> "").
std::string_view dir_name(std::string_view path);
/// The last segment of a path.
std::string_view base_name(std::string_view path);

/// Lines of `text`, '\r' removed.
std::vector<std::string_view> lines(std::string_view text);

}  // namespace sbom::catalog::detail
