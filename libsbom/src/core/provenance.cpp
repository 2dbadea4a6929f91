// The index provenance a document records (sbom/provenance.h).
#include "sbom/provenance.h"

#include <algorithm>

#include "sbom/text.h"

namespace sbom {

void record_index(Document& doc, const IndexProvenance& p) {
  std::vector<Property>& props = doc.metadata.properties;
  props.erase(std::remove_if(props.begin(), props.end(),
                             [](const Property& x) { return x.name.starts_with("sbomkit:index:"); }),
              props.end());
  auto add = [&](std::string_view name, const std::string& value) {
    Property prop;
    prop.name = std::string(name);
    prop.value = value;
    props.push_back(std::move(prop));
  };
  if (!p.digest.empty()) add(kPropIndexDigest, p.digest);
  if (!p.built.empty()) add(kPropIndexBuilt, p.built);
  for (const std::string& s : p.sources) add(kPropIndexSource, s);
  if (p.signature_verified) add(kPropIndexSigned, "verified");
  doc.metadata.present = true;
}

std::optional<IndexProvenance> index_provenance(const Document& doc) {
  IndexProvenance p;
  bool any = false;
  for (const Property& prop : doc.metadata.properties) {
    if (prop.name == kPropIndexDigest) p.digest = prop.value, any = true;
    else if (prop.name == kPropIndexBuilt) p.built = prop.value;
    else if (prop.name == kPropIndexSource) p.sources.push_back(prop.value), any = true;
    else if (prop.name == kPropIndexSigned) p.signature_verified = prop.value == "verified";
  }
  if (!any) return std::nullopt;
  return p;
}

namespace {

bool is_digest(std::string_view s) {
  constexpr std::string_view kPrefix = "sha256:";
  if (!s.starts_with(kPrefix) || s.size() != kPrefix.size() + 64) return false;
  return std::all_of(s.begin() + kPrefix.size(), s.end(),
                     [](char c) { return (c >= '0' && c <= '9') || (c >= 'a' && c <= 'f'); });
}

}  // namespace

IndexSource split_source(std::string_view entry) {
  const auto space = entry.find(' ');
  if (space == std::string_view::npos) return {std::string(entry), {}};
  return {std::string(entry.substr(0, space)), std::string(entry.substr(space + 1))};
}

Expected<std::optional<IndexProvenance>> read_index_provenance(const Document& doc) {
  IndexProvenance p;
  bool any = false, digest = false, built = false, signature = false;
  const auto& props = doc.metadata.properties;
  for (std::size_t i = 0; i < props.size(); ++i) {
    const Property& prop = props[i];
    if (!prop.name.starts_with("sbomkit:index:")) continue;
    auto bad = [&](std::string message) {
      Error e("property '" + prop.name + "': " + std::move(message));
      e.pointer = "/metadata/properties/" + std::to_string(i);
      return e;
    };
    auto once = [&](bool& seen) -> std::optional<Error> {
      if (seen) return bad("given twice (an index provenance names one index)");
      seen = true;
      return std::nullopt;
    };
    if (prop.name == kPropIndexDigest) {
      if (auto e = once(digest)) return *e;
      if (!is_digest(prop.value)) return bad("'" + prop.value + "' is not a digest (sha256: and 64 lower-case hex digits)");
      p.digest = prop.value;
      any = true;
    } else if (prop.name == kPropIndexBuilt) {
      if (auto e = once(built)) return *e;
      if (!text::parse_utc_time(prop.value) || prop.value.size() < 20)
        return bad("'" + prop.value + "' is not an RFC 3339 date-time");
      p.built = prop.value;
    } else if (prop.name == kPropIndexSource) {
      IndexSource s = split_source(prop.value);
      if (!is_digest(s.digest) || s.path.empty())
        return bad("'" + prop.value + "' is not 'sha256:<64 hex digits> <path>'");
      p.sources.push_back(prop.value);
      any = true;
    } else if (prop.name == kPropIndexSigned) {
      if (auto e = once(signature)) return *e;
      if (prop.value != "verified") return bad("'" + prop.value + "' is not 'verified'");
      p.signature_verified = true;
    }
  }
  if (!any) {
    if (built || signature) return Error("the document records index properties but neither sbomkit:index:digest nor sbomkit:index:source");
    return std::optional<IndexProvenance>();
  }
  return std::optional<IndexProvenance>(std::move(p));
}

std::optional<std::int64_t> index_age_days(const IndexProvenance& p, std::int64_t now) {
  if (p.built.empty()) return std::nullopt;
  auto t = text::parse_utc_time(p.built);
  if (!t) return std::nullopt;
  return (now - *t) / 86400;
}

std::string describe(const IndexProvenance& p) {
  std::string out = p.digest.empty() ? std::string("built in memory") : p.digest;
  if (!p.built.empty()) out += " built " + p.built;
  out += " (" + std::to_string(p.sources.size()) + (p.sources.size() == 1 ? " source" : " sources");
  if (p.signature_verified) out += ", signature verified";
  out += ")";
  return out;
}

}  // namespace sbom
