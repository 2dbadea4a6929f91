// Known unknowns of an image scan: for every component, each minimum element (supplier, version,
// identifier, hash, license; sbom/unknowns.h) that the image does not hold is declared unknown,
// with the reason an image cannot tell it. The reasons are facts about where each kind of
// component comes from (docs/compliance.md, "Known unknowns"), never guesses about the value.
#include "catalog/common.h"
#include "sbom/unknowns.h"

namespace sbom::catalog {

namespace {

using unknowns::Element;

std::string_view property_value(const Component& c, std::string_view name) {
  const Property* p = c.property(name);
  return p ? std::string_view(p->value) : std::string_view();
}

bool os_package(const Component& c) {
  for (std::string_view t : {"pkg:deb/", "pkg:apk/", "pkg:rpm/", "pkg:alpm/"})
    if (c.purl.starts_with(t)) return true;
  const std::string_view cat = property_value(c, kPropCataloger);
  return cat == "dpkg" || cat == "apk" || cat == "rpm";
}

// A jar whose pom inherits from a parent pom the image does not hold (kPropMavenParent) may get
// the element from that parent; the reason says which parent, so a reader can look it up.
std::string java(const Component& c, std::string_view what) {
  std::string out = "the jar's manifest and pom ";
  out += what;
  if (std::string_view parent = property_value(c, kPropMavenParent); !parent.empty()) {
    out += "; the pom inherits from ";
    out += parent;
    out += ", which is not in the image";
  }
  return out;
}

// A docker-archive, from a file or streamed from a daemon's `docker save`: no manifest digest.
bool docker_save(std::string_view kind) { return kind == "docker-archive" || kind == "docker-daemon"; }

// The image read without a manifest, by how it was read; `what` is what the digest would give.
std::string no_manifest(std::string_view kind, std::string_view what) {
  std::string out = docker_save(kind)  ? "a docker-archive (what docker save writes) records no manifest digest"
                    : kind == "rootfs" ? "a root filesystem directory has no image manifest"
                                       : "no manifest digest of the image is known";
  out += ", ";
  out += what;
  return out;
}

// Why an image scan does not know `e` of `c`; `kind` is how the image was read (docker-archive,
// oci, rootfs, ...), for the image itself.
std::string reason(const Component& c, Element e, std::string_view kind) {
  const std::string_view cat = property_value(c, kPropCataloger);
  const bool image = c.type == "container";
  const bool os = c.type == "operating-system";
  // A file of the image that a finding names (--secrets, hygiene) is no package: it has none of them.
  if (c.type == "file")
    return e == Element::hash ? "sbom-gen does not hash the files that findings name"
                              : "a file of the image that a finding names, not a package";
  switch (e) {
    case Element::supplier:
      if (image) return "the image's configuration has no org.opencontainers.image.vendor label";
      if (os) return "os-release names no vendor (VENDOR_NAME)";
      if (cat == "golang") return "a Go binary's build information names each module's path and version, not its supplier";
      if (cat == "java") return java(c, "name no vendor, organization or developer");
      if (cat == "npm") return "package.json names no author";
      if (cat == "python") return "the package's metadata names no author or maintainer";
      if (os_package(c)) return "the package database names no maintainer or packager for it";
      return "the package's metadata names no supplier";
    case Element::version:
      if (image) return "the image has no tag";
      if (cat == "golang" && c.type == "application")
        return "built as (devel): the Go toolchain stamped no version for the main module";
      return "the package's metadata states no version";
    case Element::identifier:
      if (image) return no_manifest(kind, "which a pkg:oci purl needs");
      if (os) return "os-release has no CPE_NAME, and purl has no type for an operating system";
      if (cat == "npm" && c.type == "application")
        return "a private package (\"private\": true) is never published: a purl would name another package of the same name";
      return "the package's metadata gives nothing to build a purl or CPE from";
    case Element::hash:
      if (image) return no_manifest(kind, "the image's hash");
      if (os) return "an operating system is no single file";
      if (os_package(c))
        return "an installed OS package is no single file, and its package database keeps no digest of the package file";
      if (cat == "golang") return "compiled into a Go binary: no file of its own";
      if (cat == "python")
        return "an installed Python distribution is many files (its RECORD hashes each), and no lockfile in the image records the digest of the published file";
      if (cat == "npm" && c.type == "application") return "an application's source directory is no single file";
      if (cat == "npm")
        return "an installed npm package is a directory, and no lockfile in the image records the digest of the published tarball";
      return "no file of the package's own was found to hash, and no lockfile in the image records its digest";
    case Element::license:
      if (image) return "the image's configuration has no org.opencontainers.image.licenses label";
      if (os) return "an operating system release declares no license of its own (its packages do)";
      if (cat == "golang") return "a Go binary carries no license information for its modules";
      if (cat == "dpkg")
        return "its copyright file is missing or free text, not Debian's machine-readable format";
      if (cat == "java") return java(c, "declare no license");
      if (cat == "npm") return "package.json declares no license";
      return "the package's metadata declares no license";
  }
  return {};
}

void declare(Component& c, std::string_view kind) {
  for (Element e : unknowns::kElements)
    if (!unknowns::present(c, e) && !unknowns::declared(c, e)) detail::add_property(c, unknowns::property_name(e), reason(c, e, kind));
}

}  // namespace

void declare_unknowns(Document& doc) {
  const std::string kind(doc.metadata.component ? property_value(*doc.metadata.component, kPropImageKind) : std::string_view());
  doc.for_each_component([&](Component& c) { declare(c, kind); });
}

}  // namespace sbom::catalog
