// Private: helpers shared by the catalogers (component building, provenance, text parsing).
#pragma once

#include <functional>
#include <optional>
#include <set>
#include <string>
#include <string_view>
#include <vector>

#include "sbom/text.h"
#include "sbom/catalog.h"
#include "sbom/purl.h"

namespace sbom::catalog::detail {

/// The canonical purl string, or "" (with a warning) when the parts do not make a valid purl.
std::string purl_string(Purl p, const Context& ctx);

/// A library component named by its purl (bom-ref = purl, or name@version without one).
Component package_component(std::string name, std::string version, std::string purl, std::string_view cataloger);

/// Adds the provenance of `where` to `c`: evidence.occurrences location and sbomkit: properties.
/// `layer` overrides the layer of `where` (-2: use the file's own).
void add_provenance(Component& c, const image::View& view, const image::File& where, int layer = -2);

void add_property(Component& c, std::string_view name, std::string value);

/// BSI TR-03183-2 §5.2.2's three properties of a component whose deployable form is one file of
/// the image, as read from that file (docs/compliance.md, "BSI's file properties"): whether it is
/// executable, an archive, and structured (the metadata of its contents still in it).
struct FileKind {
  bool executable = false;
  bool archive = false;
  bool structured = false;
};

/// The component is a file itself (a binary, an archive): its SHA-256 and SHA-512 (hex; "" when
/// the file was not hashed whole, or not with that algorithm), and `kind` as the properties
/// bsi:component:executable, :archive and :structured (the values of BSI's CycloneDX property
/// taxonomy; nullopt: the file does not tell, none is written). Found `again` as another file, a
/// component keeps a hash or a property only while every file it was found as says the same (no
/// single file is it otherwise).
void add_file(Component& c, const text::FileHashes& hashes, const std::optional<FileKind>& kind, bool again = false);

/// Records that `ref` depends on `deps` (self-references dropped, sorted).
void add_dependency(Result& out, const std::string& ref, std::set<std::string> deps);

/// The purl namespace for OS packages of this distro ("debian", "alpine", "redhat", ...).
std::string os_namespace(const Distro& d, std::string_view fallback);

/// Splits on any of the characters in `seps`, dropping empty pieces.
std::vector<std::string_view> split(std::string_view s, std::string_view seps);
using text::trim;

/// The SPDX id for a Debian short license name ("GPL-2+" -> "GPL-2.0-or-later"), or "".
std::string spdx_from_debian(std::string_view name);
/// Whether `id` is one of the SPDX ids we know (exact spelling).
bool is_known_spdx_id(std::string_view id);

/// "Name <mail>" -> an organizational entity named Name with one contact of e-mail mail.
OrganizationalEntity supplier_from(std::string_view maintainer);

}  // namespace sbom::catalog::detail
