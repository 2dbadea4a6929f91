// Private: the string-level parsers behind the language catalogers, testable without an image.
#pragma once

#include <cstdint>
#include <map>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "sbom/catalog.h"
#include "sbom/error.h"
#include "sbom/image.h"
#include "sbom/model.h"
#include "sbom/text.h"

namespace sbom::catalog::detail {

/// A package as a lockfile lists it.
struct LockedPackage {
  std::string name, version;
  bool dev = false;
  std::string path;  ///< where the lockfile says it is installed ("node_modules/a"), when it says
  /// The digests the lockfile records of the package file the registry published (a tarball, a
  /// .crate, a wheel), as `ALG-BASE64` (Subresource Integrity, several separated by spaces) or
  /// `ALG:HEX`; checked and written by add_named_package (lock_hashes).
  std::vector<std::string> integrity = {};
  bool root = false;  ///< cargo-auditable: the crate the binary was built from
};

/// The tables of the TOML array `name` (`[[name]]`), in order, each with its own members: strings
/// as their values, arrays, inline tables and other scalars as TOML text (`{ editable = "." }`);
/// sub-tables ([name.x], [[name.x]]) left out. Read by toml++ (core/toml.h): an invalid document is
/// an error at its line and column (no file name: the caller knows it).
Expected<std::vector<std::map<std::string, std::string>>> toml_array_tables(std::string_view text, std::string_view name);

// ---- Python --------------------------------------------------------------------------------
struct PythonDist {
  std::string name, version, summary, license, license_expression;
  std::vector<License> licenses;  ///< License-Expression, else License, else classifiers
  /// Maintainer (and Maintainer-email), else Author (and Author-email): who publishes the
  /// distribution, as the supplier (dpkg's Maintainer is too); nullopt when neither is given.
  std::optional<OrganizationalEntity> supplier;
};
/// METADATA / PKG-INFO headers (core metadata, RFC 822 style).
PythonDist parse_python_metadata(std::string_view text);
/// The PEP 503 normalised name: lower case, runs of '-', '_' and '.' as one '-'.
std::string pep503_name(std::string_view name);
/// Number of files a dist-info RECORD lists.
std::size_t count_record_files(std::string_view record);
/// The pinned packages of a Python lockfile, by file name: Pipfile.lock (develop = dev),
/// poetry.lock (category "dev"), pdm.lock (its groups do not say which are for development and
/// which are extras: none marked), uv.lock (the project itself and local sources left out),
/// pylock.toml; entries without a version are left out.
Expected<std::vector<LockedPackage>> parse_python_lock(std::string_view text, std::string_view file_name);
/// requirements.txt: the exact pins (`name==version`, `===`), extras and markers dropped; ranges,
/// wildcards, URLs and options are not pins.
std::vector<LockedPackage> parse_requirements(std::string_view text);

// ---- npm -----------------------------------------------------------------------------------
struct NpmManifest {
  std::string name, version, description, license;
  /// `author` ("Name <email> (url)" or {name, email, url}), as the supplier; nullopt without one.
  std::optional<OrganizationalEntity> supplier;
  bool is_private = false;
};
/// An installed package.json; errors name the JSON problem.
Expected<NpmManifest> parse_package_json(std::string_view text);
/// package-lock.json / npm-shrinkwrap.json, lockfileVersion 1, 2 and 3.
Expected<std::vector<LockedPackage>> parse_package_lock(std::string_view text);
/// yarn.lock, classic (v1) and berry (v2+).
std::vector<LockedPackage> parse_yarn_lock(std::string_view text);
/// pnpm-lock.yaml, lockfile versions 5 to 9.
Expected<std::vector<LockedPackage>> parse_pnpm_lock(std::string_view text, std::string_view name);

// ---- Go ------------------------------------------------------------------------------------
struct GoModule {
  std::string path, version;
  std::string replace_path, replace_version;  ///< the `=>` replacement, when there is one
};
struct GoBuildInfo {
  std::string go_version;  ///< "go1.19.5"
  std::optional<GoModule> main;
  std::vector<GoModule> deps;
  /// The build setting -buildmode ("exe", "pie", "c-shared", ...); "default" when build settings
  /// are recorded without it (Go writes it only when not the default); "" without settings (before Go 1.18).
  std::string build_mode;
};
/// Streams an executable: of an ELF Go binary, keeps only its build info, re-encoded in the Go
/// 1.18+ inline layout (old pointer-layout binaries are resolved while streaming); of another ELF
/// file, its cargo-auditable data if any (find_cargo_audit_data); of anything else, nothing.
std::optional<std::string> reduce_executable(std::uint64_t size, const image::ReadFn& read);
/// Whether the file whose first bytes these are (image::kDigestHead of them, or all of a shorter
/// file) is a Go binary (ELF with Go's build-id note): the files executable_pattern() hashes.
bool is_go_executable(std::string_view first);
/// Whether executable_pattern() hashes the file whose first bytes these are: a Go binary, and any
/// other ELF file. A binary with cargo-auditable's list is its root crate's component, but the
/// list's section lies after the loaded segments, past any head: only the whole file tells, so
/// every ELF executable is hashed as it streams past, and the hash goes with the file when the
/// reducer keeps nothing of it.
bool is_hashed_executable(std::string_view first);
/// Parses the inline build info layout (magic, pointer size, flags, two varint-length strings).
Expected<GoBuildInfo> parse_go_buildinfo(std::string_view blob);
/// The module lines ("path", "mod", "dep", "=>") of the runtime's modinfo string.
void parse_go_modinfo(std::string_view modinfo, GoBuildInfo& out);
/// require (and replace) directives of a go.mod; malformed lines ("12: require without a
/// version") are skipped and added to `problems` when given.
std::vector<GoModule> parse_go_mod(std::string_view text, std::vector<std::string>* problems = nullptr);

/// The pattern for executables (Go build info and cargo-auditable data), shared by the catalogers
/// that read binaries: its reduce keeps a Go binary's build info, or a Rust binary's audit data
/// (prefixed by kAuditTag), and nothing of other files.
image::Pattern executable_pattern();

// ---- Ruby, PHP, Rust, .NET -------------------------------------------------------------------
struct Gemspec {
  std::string name, version;
  std::vector<std::string> licenses;
};
/// The name, version and licenses assignments of an installed gem's specification.
Gemspec parse_gemspec(std::string_view text);
/// Gems of the GEM and GIT sections of a Gemfile.lock (PATH gems are local code).
std::vector<LockedPackage> parse_gemfile_lock(std::string_view text);
/// installed.json (Composer 1 array, Composer 2 object) or composer.lock; dev packages marked.
Expected<std::vector<LockedPackage>> parse_composer(std::string_view text);
/// [[package]] entries of a Cargo.lock; `path` holds the source ("" for workspace crates).
Expected<std::vector<LockedPackage>> parse_cargo_lock(std::string_view text);
/// What the executable pattern keeps of a cargo-auditable binary starts with this, then one byte
/// of what its ELF header says the file is (kElfProgram or kElfUntold), then the compressed list.
inline constexpr std::string_view kAuditTag("\0dep-v0\0", 8);
/// A program: ELF type EXEC, or DYN with an interpreter (a PIE).
inline constexpr char kElfProgram = 'p';
/// Anything else: a DYN without interpreter is a shared library or a static PIE, which the
/// header does not tell apart.
inline constexpr char kElfUntold = '?';
/// Reads on through an executable for cargo-auditable's zlib-compressed dependency list;
/// returns it after kAuditTag and `kind`, or nullopt.
std::optional<std::string> find_cargo_audit_data(const image::ReadFn& read, char kind = kElfUntold);
/// Whether kept cargo-auditable data is of a program (kElfProgram).
bool cargo_audit_of_program(std::string_view kept);
/// The packages of kept cargo-auditable data; `path` holds the source ("crates.io", "local", ...).
Expected<std::vector<LockedPackage>> parse_cargo_audit(std::string_view kept);
/// NuGet: *.deps.json libraries of type package.
Expected<std::vector<LockedPackage>> parse_deps_json(std::string_view text);
/// NuGet: packages.lock.json, every target framework, projects left out.
Expected<std::vector<LockedPackage>> parse_packages_lock(std::string_view text);
/// NuGet: packages.config <package id version developmentDependency/> elements; an element cut
/// off (no '>') is an error.
Expected<std::vector<LockedPackage>> parse_packages_config(std::string_view text);
/// NuGet: id and version of a .nuspec.
LockedPackage parse_nuspec(std::string_view text);

// ---- Java ----------------------------------------------------------------------------------
/// What a project's pom.xml says of it beyond its coordinates (as far as it says it itself: what
/// it inherits from a parent pom that is not there is not known).
struct PomDetails {
  struct License {
    std::string name, url;
  };
  struct Developer {
    std::string name, email, organization;
  };
  std::vector<License> licenses;
  std::string organization, organization_url;
  std::vector<Developer> developers;
  std::string url;  ///< the project's home page
  std::string scm;  ///< its source repository (scm url, else connection without "scm:TYPE:")
  /// The <parent> whose data has not been merged in (not found yet): "group:artifact:version".
  std::string parent;
  bool empty() const {
    return licenses.empty() && organization.empty() && organization_url.empty() && developers.empty() && url.empty() &&
           scm.empty() && parent.empty();
  }
  /// Takes what a project inherits from its parent `p` where it declares none itself (Maven's
  /// model inheritance): licenses, organization, developers; and p's own parent as the next one
  /// to look for. Not url and scm: Maven derives the child's from the parent's by appending the
  /// child's artifactId, a page that may not exist.
  void inherit(const PomDetails& p);
};

struct JavaArtifact {
  std::string group, artifact, version;
  std::string path;  ///< inside the archive chain ("app.jar!/BOOT-INF/lib/x.jar")
  bool dev = false;  ///< a gradle.lockfile entry of test configurations only
  /// Hex SHA-256 and SHA-512 of the archive's bytes, when the archive is this artifact (its one
  /// identity: not one of several shaded into it).
  text::FileHashes hashes;
  /// Where `hashes` are the archive's: its manifest names a Main-Class (`java -jar` runs it).
  bool runnable = false;
  /// The archive's embedded pom.xml for this artifact (META-INF/maven/GROUP/ARTIFACT/pom.xml).
  std::optional<PomDetails> pom;
};
/// groupId/artifactId/version of a pom.properties.
JavaArtifact parse_pom_properties(std::string_view text);
/// Main attributes of a MANIFEST.MF (continuation lines joined).
std::map<std::string, std::string> parse_manifest(std::string_view text);
/// What the archives of one image have used so far of its ArchiveLimits.
struct ArchiveUse {
  std::uint64_t inflated = 0;  ///< bytes inflated
  std::uint64_t nested = 0;    ///< nested archives read
  bool inflated_warned = false, nested_warned = false;
};
/// Every artifact of a Java archive and of the archives nested in it (up to `limits.max_depth`
/// levels): each embedded pom.properties, else the manifest, else the file name. Within `limits`
/// (charged to `use`, the image's running total, when given): entries are inflated one at a time
/// and only when their size fits what is left; an archive whose entries share compressed data
/// (overlapping local ranges: a zip bomb) is not read. Warnings name the archive and what was skipped.
std::vector<JavaArtifact> scan_java_archive(std::string_view data, std::string_view name, const ArchiveLimits& limits,
                                            const Diagnostics& warn,
                                            ArchiveUse* use = nullptr);
/// What a pom.xml declares: the project and its <dependencies> whose version is written in the
/// pom itself (literally, through its <properties> or ${project.*}, or in its own
/// <dependencyManagement>); the others (versions from a parent or an imported BOM) are counted.
struct Pom {
  JavaArtifact project;
  PomDetails details;
  struct Dependency {
    JavaArtifact artifact;
    bool test = false;  ///< scope test
  };
  std::vector<Dependency> dependencies;
  std::size_t unresolved = 0;
};
Expected<Pom> parse_pom_xml(std::string_view text);
/// The pom files of the Maven repositories in an image (~/.m2/repository, Debian's
/// /usr/share/maven-repo: GROUP/PATH/ARTIFACT/VERSION/ARTIFACT-VERSION.pom), for parent poms.
std::vector<image::Pattern> maven_repository_patterns();
/// Where a repository rooted at `root` ("usr/share/maven-repo/") keeps the pom of "g:a:v".
std::string maven_pom_path(std::string_view root, std::string_view coordinates);
/// gradle.lockfile lines "group:artifact:version=configurations"; dev when every configuration
/// is a test one (testCompileClasspath, testRuntimeClasspath, ...).
std::vector<JavaArtifact> parse_gradle_lockfile(std::string_view text);

}  // namespace sbom::catalog::detail
