// Private: the string-level parsers behind the catalogers, testable without an image.
#pragma once

#include <cstdint>
#include <functional>
#include <map>
#include <string>
#include <string_view>
#include <vector>

#include "sbom/catalog.h"

namespace sbom::catalog::detail {

/// KEY=value pairs of an os-release file (quotes and backslash escapes removed).
std::map<std::string, std::string> parse_os_release(std::string_view text);

/// A CPE name as a CPE 2.3 formatted string: a 2.3 name as it is, a plain 2.2 URI converted
/// ("cpe:/o:redhat:enterprise_linux:9::baseos" -> "cpe:2.3:o:redhat:enterprise_linux:9:*:baseos:*:*:*:*:*"),
/// any other 2.2 URI as written; "" for what is no CPE name (or holds a character its binding
/// cannot).
std::string cpe23_of(std::string_view cpe);

struct DpkgPackage {
  std::string name, version, arch, source, source_version, maintainer, status, description;
  std::string depends, pre_depends, provides;  ///< raw relationship fields
  std::uint32_t line = 0;                      ///< where the paragraph starts
};

/// Installed packages of a dpkg status file (or one status.d file); paragraphs of other states
/// are dropped, malformed ones are warnings (`file:line: ...`). Without `require_status` (the
/// status.d files of distroless images, which have no Status field) a missing Status is fine.
std::vector<DpkgPackage> parse_dpkg_status(std::string_view text, std::string_view file, const Diagnostics& diags,
                                           bool require_status = true);

/// The licenses named by the `License:` fields of a machine-readable debian/copyright: an SPDX id
/// where the Debian short name has one, else the name verbatim; none when not machine-readable.
std::vector<License> parse_copyright_licenses(std::string_view text);

struct ApkPackage {
  std::string name, version, arch, origin, license, maintainer, url, description, commit;
  std::vector<std::string> depends, provides, files;
  std::uint32_t line = 0;
};
/// Packages of /lib/apk/db/installed.
std::vector<ApkPackage> parse_apk_installed(std::string_view text, std::string_view file, const Diagnostics& diags);

struct RpmPackage {
  std::string name, version, release, arch, source_rpm, license, vendor, modularity_label;
  std::string epoch;  ///< "" when the header has none
  std::vector<std::string> files, provides, requires_;
};
/// One rpm header blob as stored in the rpm databases (index count, data length, entries, data).
Expected<RpmPackage> parse_rpm_header(std::string_view blob);

/// Packages of a CBL-Mariner distroless image's /var/lib/rpmmanifest/container-manifest-2 (one
/// tab-separated line per package: name, version-release, install time, build time, vendor, epoch,
/// size, arch, checksum, source rpm). Malformed lines are warnings (`file:line: ...`).
std::vector<RpmPackage> parse_rpm_manifest(std::string_view text, std::string_view file, const Diagnostics& diags);

/// The header blobs of an rpm database: Berkeley DB hash ("Packages"), NDB ("Packages.db") or
/// SQLite ("rpmdb.sqlite"), told apart by their magic bytes.
Expected<std::vector<std::string>> rpmdb_blobs(std::string_view db, std::string_view name);
Expected<std::vector<std::string>> bdb_blobs(std::string_view db);
Expected<std::vector<std::string>> ndb_blobs(std::string_view db);
Expected<std::vector<std::string>> sqlite_blobs(std::string_view db);

}  // namespace sbom::catalog::detail
