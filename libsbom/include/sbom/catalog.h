// Catalogers: each reads some files of an image view and yields components (one file per
// package source: dpkg, apk, rpm, os-release; language ecosystems plug in the same way).
#pragma once

#include <cstdint>
#include <map>
#include <optional>
#include <memory>
#include <set>
#include <string>
#include <string_view>
#include <unordered_map>
#include <vector>

#include "sbom/error.h"
#include "sbom/findings.h"
#include "sbom/image.h"
#include "sbom/model.h"
#include "sbom/secrets.h"

namespace sbom::catalog {

/// The distribution an image is built from (from os-release or a distro-specific release file).
struct Distro {
  std::string id;          ///< "debian", "alpine", "rhel", "wolfi", ...
  std::string version_id;  ///< "12", "3.19.1", "9.3"; may be empty (rolling releases)
  std::string name;        ///< NAME
  std::string pretty_name; ///< PRETTY_NAME
  std::string codename;    ///< VERSION_CODENAME
  std::string id_like;     ///< ID_LIKE
  std::string path;        ///< the file it was read from (root-relative)
  int layer = -1;

  bool known() const { return !id.empty(); }
  /// The purl `distro` qualifier: "debian-12", "alpine-3.19" (Alpine: major.minor), "" if unknown.
  std::string qualifier() const;
};

/// What catalogers found.
struct Result {
  std::vector<Component> components;
  std::vector<Dependency> dependencies;
  /// Files owned by an OS package (root-relative path -> bom-ref of the package), so that later
  /// catalogers can say which package installed what they find.
  std::map<std::string, std::string, std::less<>> owned_files;
  /// Position in `components` of the first component with each bom-ref, so that "was this package
  /// found before?" costs one lookup (catalog::detail::find_component keeps it in step: components
  /// appended since are indexed on the next lookup, and a stale entry is rebuilt).
  std::unordered_map<std::string, std::size_t> ref_index;
  std::size_t ref_indexed = 0;  ///< how many of `components` ref_index covers
  /// Findings of other kinds (secrets), written as the document's vulnerabilities.
  std::vector<Vulnerability> vulnerabilities;
};

/// What a cataloger gets to work with.
struct Context {
  const image::View& view;
  Distro distro;
  Diagnostics diagnostics;  ///< malformed entries, databases that cannot be read
  /// Components also found in superseded files (all-layers scope) get this set.
  bool history = false;
  /// A package database that is there but cannot be read is an error, not a warning.
  bool strict = false;

  void warning(const std::string& w) const { diagnostics.warn(w); }
  /// The package database at `path` (symlinks followed inside the image root), or nullptr when
  /// there is none. One that is there but cannot be read (its newest copy skipped for its size,
  /// a symlink that loops or dangles) gives no packages: a warning, or with `strict` an error.
  Expected<const image::File*> database(std::string_view path) const;
  /// The package databases matching `glob`, with the same rules.
  Expected<std::vector<const image::File*>> databases(std::string_view glob) const;
};

class Cataloger {
 public:
  virtual ~Cataloger() = default;
  virtual std::string_view name() const = 0;
  /// The paths this cataloger reads; the image is read once for all catalogers.
  virtual std::vector<image::Pattern> patterns() const = 0;
  /// Appends what it finds to `out`. Malformed entries are warnings; an error stops the scan.
  virtual Status catalog(const Context& ctx, Result& out) const = 0;
};

/// What reading the archives inside an image (jars in jars) may cost, so that a zip bomb is
/// bounded in time and memory. The defaults are far above what real images need: a fat jar's
/// nested jars are stored or barely compressible, so they inflate to about their own size.
/// Whatever a limit makes the cataloger skip is a warning.
struct ArchiveLimits {
  std::uint64_t max_inflated = 4ull << 30;  ///< bytes inflated from all the image's archives (sbom-gen --max-inflated)
  std::uint64_t max_nested = 50000;         ///< nested archives read in the whole image (--max-nested-archives)
  std::uint64_t max_archive_inflated = 1ull << 30;  ///< bytes inflated from one archive, its nested ones included
  std::uint64_t max_archive_nested = 5000;  ///< nested archives read in one archive, at every depth
  std::uint64_t max_entry = 64ull << 20;    ///< one entry (a nested archive or metadata file), inflated
  int max_depth = 4;                        ///< archives nested deeper than this are not read
};

/// The OS package catalogers: dpkg, apk, rpm.
std::vector<std::unique_ptr<Cataloger>> os_catalogers();

/// The language package catalogers: python, npm, golang, java, ruby, rust, php, dotnet. Run after
/// the OS catalogers, they link what they find in files an OS package owns to that package.
std::vector<std::unique_ptr<Cataloger>> language_catalogers(const ArchiveLimits& archives = {});

/// Patterns of the distro detection plus those of every cataloger.
std::vector<image::Pattern> patterns(const std::vector<std::unique_ptr<Cataloger>>& catalogers);

/// Reads the distro from the view (os-release, then distro-specific files).
Distro detect_distro(const image::View& view);

/// The operating-system component for `d` (with the provenance of its release file).
Component distro_component(const Distro& d, const image::View& view);

/// Runs the catalogers over the view: distro first, then each cataloger in order; with history
/// in the view (all-layers scope), packages only found in superseded files are added, marked
/// removed. Components come out sorted by purl, then name; duplicates merged.
Expected<Result> run(const image::View& view, const std::vector<std::unique_ptr<Cataloger>>& catalogers,
                     const Diagnostics& diagnostics, bool strict = false);

/// A base image given to sbom-gen (--base): its layers, or for an SBOM without them its components.
struct BaseImage {
  std::string name;    ///< reference or tag, as it names itself
  std::string digest;  ///< manifest digest, else config digest
  std::vector<std::string> diff_ids;  ///< its layers, in order
  std::set<std::string> components;   ///< purls (bom-refs without one) when it names no layers
  std::string from;    ///< "base-image" or "base-sbom"
};
/// The base an SBOM describes (sbom-gen's metadata: name, digests, layer diff ids; else its components).
BaseImage base_from_document(const Document& doc);
/// The base an image read with image::read is.
BaseImage base_from_image(const image::ImageInfo& info);

/// Which components the base image brought (docs/findings.md, "Base-image attribution").
struct Attribution {
  std::optional<std::size_t> layers;  ///< the image's first `layers` layers are the base's
  std::set<std::string> components;   ///< or: the base's components (a base SBOM without layers)
  std::string name, digest;           ///< of the base, when known
  std::string from;                   ///< "base-image", "base-sbom", "oci-annotation", "history"; "" when unknown
  std::size_t step = 0;               ///< from history: the step that closes the base
  /// The name and digest came from the manifest's annotations while the layers did not (the
  /// base's manifest is not in the layout): why, for the record and a warning. Else "".
  std::string annotation_only;
  bool known() const { return layers.has_value() || !components.empty(); }
  /// kOriginBase or kOriginImage for a component, "" when it cannot be told (no layer).
  std::string_view origin_of(const Component& c) const;
};
inline constexpr std::string_view kOriginBase = "base";
inline constexpr std::string_view kOriginImage = "image";
/// Attribution from `base` (an error when its layers are not the image's first ones), else from
/// the manifest's base annotations when the base's layers are known (its manifest in the same
/// layout), else from the config's history (unknown when the history does not tell); the
/// annotations' name and digest are kept when only they are known.
Expected<Attribution> attribute(const image::ImageInfo& info, const std::optional<BaseImage>& base);
/// Writes the attribution: sbomkit:layer:origin on each component, the base's name, digest,
/// layer count and source on the image (metadata.component).
void mark_origin(const Attribution& a, Document& doc);

/// How to scan an image into a document.
struct ScanOptions {
  image::Options image;                 ///< platform, scope, limits, warnings (of the whole scan), progress
  ArchiveLimits archives;               ///< jars in jars; max_entry is also held to image.max_file_size
  std::string spec_version = "1.6";     ///< CycloneDX 1.4 to 1.7
  std::optional<std::int64_t> timestamp;  ///< seconds since the epoch (SOURCE_DATE_EPOCH); else the image's creation time
  std::string tool_name = "sbom-gen";
  bool strict = false;  ///< a package database that cannot be read is an error (Context::strict)
  std::string tool_version;
  /// When set, files are also scanned for secrets (sbom-gen --secrets) with these rules.
  std::shared_ptr<const secrets::Scanner> secrets;
  /// Also report runtime hygiene (sbom-gen --hygiene; docs/findings.md): runs as root, shells,
  /// compilers and build tools, package managers, setuid/setgid files, world-writable PATH
  /// directories, and secrets in the config's environment and history (built-in rules, or
  /// `secrets` when set).
  bool hygiene = false;
  /// The base image (sbom-gen --base); without it, the config's history is read for one.
  std::optional<BaseImage> base;
  /// Who is responsible for the SBOM (sbom-gen --author), each "Name <e-mail>", "Name" or an
  /// e-mail address: `metadata.authors` (NTIA's author, BSI's creator), which an image cannot say.
  std::vector<std::string> authors;
  /// The image's supplier (sbom-gen --supplier), "Name <e-mail> (URL)" with the e-mail and URL
  /// optional: replaces what the image's labels say of it.
  std::string supplier;
};

/// What a secrets scan counted.
struct SecretCounts {
  std::size_t found = 0;      ///< findings
  std::size_t binary = 0;     ///< files not scanned: binary
  std::size_t too_large = 0;  ///< files not scanned: over secrets::kMaxFileSize
};

/// Takes the secret results out of the view (final files and superseded versions), scans the
/// files catalogers kept whole and the config's environment and history, and appends the
/// findings to `out` (file components, vulnerabilities; the config's affect `image_ref`).
/// Without `files`, only the config (sbom-gen --hygiene without --secrets).
SecretCounts take_secrets(image::View& view, const secrets::Scanner& scanner, const std::string& image_ref,
                          Result& out, bool files = true);

/// What the runtime hygiene checks saw in the view (marked by hygiene_patterns as the layers
/// streamed past).
struct HygieneFacts {
  struct Binary {
    std::size_t category = 0;  ///< shell, build tool, package manager (hygiene.cpp's table)
    std::string name;          ///< the tool's name ("sh")
    std::string path;          ///< where it was found by that name (root-relative, "bin/sh")
    std::string real_path;     ///< the file it leads to ("usr/bin/dash")
    int layer = -1;            ///< the layer that wrote that file
  };
  struct Entry {
    std::string path;
    int layer = -1;
    std::string bits;       ///< "setuid", "setgid", or a directory's mode in octal ("0777")
    std::string real_path;  ///< directories: the directory a PATH entry leads to
  };
  std::vector<std::string> path_dirs;  ///< the PATH's directories, root-relative, in order
  bool path_from_config = false;       ///< else Docker's default PATH
  std::vector<Binary> binaries;
  std::vector<Entry> setuid;
  std::vector<Entry> world_writable;
};

/// The patterns that mark, in the one layer pass, what the hygiene checks need: setuid and
/// setgid files, executables in bin and sbin directories, directory modes. `executables` is the
/// pattern they stand in front of (the catalogers' reducer of every executable): what it keeps of
/// a file they take is kept too. Insert them just before it.
std::vector<image::Pattern> hygiene_patterns(const image::Pattern& executables);
/// Reads the hygiene marks out of the view (and drops what only they kept): before catalogers run.
HygieneFacts take_hygiene(image::View& view);
/// The hygiene findings (docs/findings.md) for what take_hygiene saw, with the packages in `out`
/// (components the catalogers found); the config's findings affect `image_ref`.
/// With the base known, only setuid files of the image's own layers are reported.
void hygiene_findings(const HygieneFacts& facts, const image::View& view, const std::string& image_ref,
                      Result& out, const Attribution& origin = {});

/// A component of type "file" for a file of the image (bom-ref `file:LAYER:/PATH`), with its
/// path and layer provenance; what findings in files affect.
Component file_component(std::string_view path, const image::View& view, int layer, int removed_by);

/// Reads the image at `source` (see image::read) and catalogs it with the OS catalogers into a
/// CycloneDX document: the image as metadata.component, sorted components, dependencies, a
/// serialNumber derived from the image's content. Byte-identical for the same input.
Expected<Document> scan_image(const std::string& source, const ScanOptions& opts);

/// The document for a view already read and cataloged (the second half of scan_image).
Document make_document(const image::View& view, Result result, const ScanOptions& opts);

/// Declares unknown, on every component (the image and nested ones included), each minimum
/// element (sbom/unknowns.h: supplier, version, identifier, hash, license) it lacks and does not
/// already declare, with the reason an image cannot tell it (`sbomkit:unknown:<element>`
/// properties, after the component's others). make_document calls it last.
void declare_unknowns(Document& doc);

// ---- names of the properties we write (documented in docs/properties.md) -----------------
inline constexpr std::string_view kPropPath = "sbomkit:path";
inline constexpr std::string_view kPropLayerIndex = "sbomkit:layer:index";
inline constexpr std::string_view kPropLayerDiffId = "sbomkit:layer:diff_id";
inline constexpr std::string_view kPropRemovedByIndex = "sbomkit:layer:removed_by:index";
inline constexpr std::string_view kPropRemovedByDiffId = "sbomkit:layer:removed_by:diff_id";
inline constexpr std::string_view kPropCataloger = "sbomkit:cataloger";
inline constexpr std::string_view kPropSourceName = "sbomkit:package:source_name";
inline constexpr std::string_view kPropSourceVersion = "sbomkit:package:source_version";
inline constexpr std::string_view kPropArch = "sbomkit:package:arch";
inline constexpr std::string_view kPropEpoch = "sbomkit:package:epoch";
inline constexpr std::string_view kPropRelease = "sbomkit:package:release";
inline constexpr std::string_view kPropModularity = "sbomkit:package:modularity_label";
inline constexpr std::string_view kPropFileCount = "sbomkit:package:file_count";
inline constexpr std::string_view kPropDistroUnknown = "sbomkit:distro:unknown";
inline constexpr std::string_view kPropOwnedBy = "sbomkit:owned_by";
inline constexpr std::string_view kPropDev = "sbomkit:package:dev";
inline constexpr std::string_view kPropGoReplaces = "sbomkit:golang:replaces";
inline constexpr std::string_view kPropArchivePath = "sbomkit:java:archive_path";
/// The Maven parent ("group:artifact:version") a jar's pom inherits from that is not in the image:
/// what it inherits (licenses, organization, developers, url) is not known.
inline constexpr std::string_view kPropMavenParent = "sbomkit:java:parent";
inline constexpr std::string_view kPropImageKind = "sbomkit:image:kind";
inline constexpr std::string_view kPropImageConfigDigest = "sbomkit:image:config_digest";
inline constexpr std::string_view kPropImageManifestDigest = "sbomkit:image:manifest_digest";
inline constexpr std::string_view kPropImageOs = "sbomkit:image:os";
inline constexpr std::string_view kPropImageArch = "sbomkit:image:architecture";
inline constexpr std::string_view kPropImageVariant = "sbomkit:image:variant";
inline constexpr std::string_view kPropImageDiffId = "sbomkit:image:layer:diff_id";
inline constexpr std::string_view kPropImageReference = "sbomkit:image:reference";
inline constexpr std::string_view kPropImageReferenceDigest = "sbomkit:image:reference_digest";
inline constexpr std::string_view kPropImageLayerDigest = "sbomkit:image:layer:digest";
inline constexpr std::string_view kPropScope = "sbomkit:scope";
inline constexpr std::string_view kPropLayerOrigin = findings::kPropOrigin;
inline constexpr std::string_view kPropBaseName = "sbomkit:base:name";
inline constexpr std::string_view kPropBaseDigest = "sbomkit:base:digest";
inline constexpr std::string_view kPropBaseLayers = "sbomkit:base:layers";
inline constexpr std::string_view kPropBaseFrom = "sbomkit:base:from";
inline constexpr std::string_view kPropBaseNameFrom = "sbomkit:base:name_from";

}  // namespace sbom::catalog
