// Base-image attribution: which of an image's layers its base image brought, and so whether each
// component (and each finding on it) came from the base or from the image's own layers. From a
// base given with --base (its layers must be the image's first ones, or, for an SBOM without
// layers, component identity), else from the config's history (docs/findings.md: the heuristic
// and its limits).
#include <algorithm>
#include <cstdlib>

#include "catalog/common.h"

namespace sbom::catalog {

namespace {

// A step that ends an image definition: the CMD or ENTRYPOINT a base image's Dockerfile closes
// with ("/bin/sh -c #(nop)  CMD [...]" from the classic builder, "CMD [...]" from BuildKit).
bool closes_image(std::string_view created_by) {
  std::string_view s = text::trim(created_by);
  if (auto nop = s.find("#(nop)"); nop != std::string_view::npos) s = text::trim(s.substr(nop + 6));
  return s.starts_with("CMD ") || s.starts_with("CMD[") || s.starts_with("ENTRYPOINT ") || s.starts_with("ENTRYPOINT[");
}

// Whether `ids` are the image's first layers.
bool is_prefix(const std::vector<std::string>& ids, const image::ImageInfo& info) {
  return ids.size() <= info.layers.size() &&
         std::equal(ids.begin(), ids.end(), info.layers.begin(),
                    [](const std::string& id, const image::Layer& l) { return id == l.diff_id; });
}

Attribution from_history(const image::ImageInfo& info);

std::string property(const Component& c, std::string_view name) {
  const Property* p = c.property(name);
  return p ? p->value : std::string();
}

}  // namespace

BaseImage base_from_document(const Document& doc) {
  BaseImage b;
  b.from = "base-sbom";
  if (doc.metadata.component) {
    const Component& c = *doc.metadata.component;
    b.name = c.version.empty() ? c.name : c.name + ":" + c.version;
    b.digest = property(c, kPropImageManifestDigest);
    if (b.digest.empty()) b.digest = property(c, kPropImageConfigDigest);
    for (const Property& p : c.properties)
      if (p.name == kPropImageDiffId) b.diff_ids.push_back(p.value);
  }
  if (b.diff_ids.empty() && doc.components) {
    // No layers to compare: the base's components, by purl (else bom-ref), are the base's.
    for (const Component& c : *doc.components) b.components.insert(c.purl.empty() ? c.bom_ref : c.purl);
  }
  return b;
}

BaseImage base_from_image(const image::ImageInfo& info) {
  BaseImage b;
  b.from = "base-image";
  b.name = !info.repo_tags.empty() ? info.repo_tags.front() : !info.reference.empty() ? info.reference : info.source;
  b.digest = !info.manifest_digest.empty() ? info.manifest_digest : info.config_digest;
  for (const auto& l : info.layers) b.diff_ids.push_back(l.diff_id);
  return b;
}

Expected<Attribution> attribute(const image::ImageInfo& info, const std::optional<BaseImage>& base) {
  Attribution a;
  if (base) {
    a.name = base->name;
    a.digest = base->digest;
    a.from = base->from;
    if (base->diff_ids.empty()) {
      if (base->components.empty()) return Error("base '" + base->name + "': it names no layers and no components to attribute by");
      a.components = base->components;
      return a;
    }
    if (!is_prefix(base->diff_ids, info)) {
      return Error("base '" + base->name + "': its layers (" + std::to_string(base->diff_ids.size()) +
                   ") are not the image's first layers: the image is not built on it");
    }
    a.layers = base->diff_ids.size();
    return a;
  }
  // The manifest's annotations name the base; its layers are known when its manifest was found.
  if (!info.base_diff_ids.empty()) {
    if (is_prefix(info.base_diff_ids, info)) {
      a.name = info.base_name;
      a.digest = info.base_digest;
      a.from = "oci-annotation";
      a.layers = info.base_diff_ids.size();
      return a;
    }
  }
  a = from_history(info);
  if (!info.base_name.empty() || !info.base_digest.empty()) {
    a.name = info.base_name;
    a.digest = info.base_digest;
    a.annotation_only = !info.base_diff_ids.empty()
                            ? "the layers of its manifest " + info.base_digest + " are not the image's first layers"
                            : info.base_unknown;
  }
  return a;
}

namespace {

Attribution from_history(const image::ImageInfo& info) {
  Attribution a;
  // The history: the base's steps, then the image's own. The last CMD/ENTRYPOINT that a step
  // making a layer follows closes the base; a history that does not match the layers says nothing.
  const auto& h = info.history;
  const std::size_t made = static_cast<std::size_t>(
      std::count_if(h.begin(), h.end(), [](const image::ImageInfo::Step& s) { return !s.empty_layer; }));
  if (h.empty() || made != info.layers.size()) return a;
  std::optional<std::size_t> close;
  for (std::size_t i = 0; i < h.size(); ++i) {
    if (!closes_image(h[i].created_by)) continue;
    const bool layer_after = std::any_of(h.begin() + static_cast<std::ptrdiff_t>(i) + 1, h.end(),
                                         [](const image::ImageInfo::Step& s) { return !s.empty_layer; });
    if (layer_after) close = i;
  }
  if (!close) return a;
  a.layers = static_cast<std::size_t>(std::count_if(h.begin(), h.begin() + static_cast<std::ptrdiff_t>(*close),
                                                    [](const image::ImageInfo::Step& s) { return !s.empty_layer; }));
  a.from = "history";
  a.step = *close;
  return a;
}

}  // namespace

std::string_view Attribution::origin_of(const Component& c) const {
  if (!known()) return {};
  if (!components.empty()) {
    return components.count(c.purl.empty() ? c.bom_ref : c.purl) ? kOriginBase : kOriginImage;
  }
  const Property* p = c.property(kPropLayerIndex);
  if (!p) return {};
  return std::strtoul(p->value.c_str(), nullptr, 10) < *layers ? kOriginBase : kOriginImage;
}

void mark_origin(const Attribution& a, Document& doc) {
  if (!a.known() && a.annotation_only.empty()) return;
  if (doc.metadata.component) {
    Component& img = *doc.metadata.component;
    if (!a.name.empty()) detail::add_property(img, kPropBaseName, a.name);
    if (!a.digest.empty()) detail::add_property(img, kPropBaseDigest, a.digest);
    if (!a.annotation_only.empty()) detail::add_property(img, kPropBaseNameFrom, "oci-annotation");
    if (a.layers) detail::add_property(img, kPropBaseLayers, std::to_string(*a.layers));
    if (!a.from.empty()) detail::add_property(img, kPropBaseFrom, a.from);
  }
  if (!a.known() || !doc.components) return;
  for (Component& c : *doc.components) {
    std::string_view o = a.origin_of(c);
    if (!o.empty()) detail::add_property(c, kPropLayerOrigin, std::string(o));
  }
}

}  // namespace sbom::catalog
