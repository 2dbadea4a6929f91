// Findings beyond packages, taken from the view: the secrets the layer walk found (in files of
// the final filesystem, in versions a later layer deleted or replaced, in the config's
// environment and history). The view's secret results are taken out before catalogers run.
#include <algorithm>
#include <tuple>

#include "catalog/common.h"
#include "sbom/findings.h"

namespace sbom::catalog {

namespace {

struct Hit {
  std::string path;  // root-relative; "" for the config
  int layer = -1;
  int removed_by = -1;
  std::string where;  // file, env, history
  secrets::Match match;
};

findings::Rule finding_rule(const secrets::Rule& r) {
  return {r.id, std::string(findings::kSecret), r.severity, r.cwe, r.description + " found in the image",
          "Remove the secret from the image (a later layer deleting it does not: the earlier layer still carries "
          "it) and revoke it; pass secrets at run time instead"};
}

}  // namespace

Component file_component(std::string_view path, const image::View& view, int layer, int removed_by) {
  Component c;
  c.type = "file";
  c.name = "/" + std::string(path);
  c.bom_ref = "file:" + (layer >= 0 ? std::to_string(layer) : std::string("-")) + ":/" + std::string(path);
  detail::add_property(c, kPropPath, c.name);
  if (layer >= 0) {
    detail::add_property(c, kPropLayerIndex, std::to_string(layer));
    if (auto id = view.layer_diff_id(layer); !id.empty()) detail::add_property(c, kPropLayerDiffId, id);
  }
  if (removed_by >= 0) {
    detail::add_property(c, kPropRemovedByIndex, std::to_string(removed_by));
    if (auto id = view.layer_diff_id(removed_by); !id.empty()) detail::add_property(c, kPropRemovedByDiffId, id);
  }
  c.occurrences.push_back({c.name, {}});
  return c;
}

SecretCounts take_secrets(image::View& view, const secrets::Scanner& scanner, const std::string& image_ref,
                          Result& out, bool files) {
  SecretCounts counts;
  std::vector<Hit> hits;
  auto take = [&](const image::File& f, int removed_by) {
    secrets::FileResult r = secrets::decode(f.data);
    if (r.kind == secrets::FileResult::Kind::Binary) { ++counts.binary; return; }
    if (r.kind == secrets::FileResult::Kind::TooLarge) { ++counts.too_large; return; }
    for (auto& m : r.matches)
      if (scanner.applies(m.rule, f.path)) hits.push_back({f.path, f.layer, removed_by, "file", std::move(m)});
  };
  for (auto it = view.files_.begin(); files && it != view.files_.end();) {
    if (secrets::is_result(it->second)) {
      take(it->second, -1);
      it = view.files_.erase(it);
      continue;
    }
    // Files a cataloger's pattern took are whole in the view: scanned here instead.
    const image::File& f = it->second;
    if (!f.truncated()) {
      if (auto r = secrets::scan_file(scanner, f.data, f.size); r && r->kind == secrets::FileResult::Kind::Matches)
        for (auto& m : r->matches)
          if (scanner.applies(m.rule, f.path)) hits.push_back({f.path, f.layer, -1, "file", std::move(m)});
    }
    ++it;
  }
  std::erase_if(view.history_, [&](const image::File& f) {
    if (!files || !secrets::is_result(f)) return false;
    take(f, f.removed_by);
    return true;
  });
  // The config: environment and build history (no path: the image itself is affected).
  const image::ImageInfo& info = view.info();
  auto scan_config = [&](std::string_view text, std::string_view where, int step) {
    for (auto& m : scanner.scan(text)) {
      Hit h{"", -1, -1, std::string(where), std::move(m)};
      h.match.line = static_cast<std::uint64_t>(step + 1);
      hits.push_back(std::move(h));
    }
  };
  for (std::size_t i = 0; i < info.env.size(); ++i) scan_config(info.env[i], "env", static_cast<int>(i));
  for (std::size_t i = 0; i < info.history.size(); ++i) scan_config(info.history[i].created_by, "history", static_cast<int>(i));

  std::stable_sort(hits.begin(), hits.end(), [](const Hit& a, const Hit& b) {
    return std::tie(a.where, a.path, a.layer, a.match.rule, a.match.line) <
           std::tie(b.where, b.path, b.layer, b.match.rule, b.match.line);
  });
  std::set<std::string> made;
  std::set<std::string> refs;  // the findings' bom-refs: one per rule, place and line, unique
  for (const Hit& h : hits) {
    const secrets::Rule& rule = scanner.rules()[h.match.rule];
    findings::Hit fh;
    std::string at;
    if (h.where == "file") {
      Component c = file_component(h.path, view, h.layer, h.removed_by);
      fh.component_ref = c.bom_ref;
      if (made.insert(c.bom_ref).second) out.components.push_back(std::move(c));
      at = "line " + std::to_string(h.match.line) + " of /" + h.path;
      if (h.layer >= 0) at += ", written by layer " + std::to_string(h.layer);
      if (h.removed_by >= 0) {
        at += "; a later layer (" + std::to_string(h.removed_by) +
              ") deleted or replaced the file, but the earlier layer still carries it";
      }
      fh.properties.push_back({std::string(kPropPath), "/" + h.path, {}});
      if (h.layer >= 0) fh.properties.push_back({std::string(kPropLayerIndex), std::to_string(h.layer), {}});
      if (h.removed_by >= 0) fh.properties.push_back({std::string(kPropRemovedByIndex), std::to_string(h.removed_by), {}});
    } else {
      fh.component_ref = image_ref;
      at = h.where == "env" ? "environment variable " + std::to_string(h.match.line) + " of the image config"
                            : "build history step " + std::to_string(h.match.line) + " of the image config";
    }
    fh.detail = at + " (fingerprint " + h.match.fingerprint + "; the secret itself is not written)";
    fh.properties.insert(fh.properties.begin(), {std::string(findings::kPropWhere), h.where, {}});
    fh.properties.push_back({std::string(findings::kPropFingerprint), h.match.fingerprint, {}});
    fh.properties.push_back({std::string(findings::kPropLine), std::to_string(h.match.line), {}});
    fh.aliases.push_back(secrets::fingerprint_id(h.match.fingerprint));
    Vulnerability v = findings::make_vulnerability(finding_rule(rule), fh);
    v.bom_ref += ":" + std::to_string(h.match.line);
    if (!refs.insert(v.bom_ref).second)  // the same rule twice on one line
      for (std::size_t n = 2;; ++n)
        if (refs.insert(v.bom_ref + "#" + std::to_string(n)).second) {
          v.bom_ref += "#" + std::to_string(n);
          break;
        }
    out.vulnerabilities.push_back(std::move(v));
  }
  counts.found = hits.size();
  return counts;
}

}  // namespace sbom::catalog
