// From an image view and catalog results to a reproducible CycloneDX document: the image as
// metadata.component, tools, timestamp, content-derived serial number.
#include <openssl/evp.h>

#include <algorithm>
#include <ctime>
#include <functional>
#include <map>
#include <set>

#include "catalog/common.h"

namespace sbom::catalog {

namespace {

/// RFC 9562 name-based UUID (version 5, SHA-1) in the URL namespace: stable for the same name.
std::string uuid_v5(std::string_view name) {
  static const unsigned char kUrlNamespace[16] = {0x6b, 0xa7, 0xb8, 0x11, 0x9d, 0xad, 0x11, 0xd1,
                                                  0x80, 0xb4, 0x00, 0xc0, 0x4f, 0xd4, 0x30, 0xc8};
  std::string input(reinterpret_cast<const char*>(kUrlNamespace), 16);
  input.append(name);
  unsigned char md[EVP_MAX_MD_SIZE];
  unsigned int len = 0;
  EVP_Digest(input.data(), input.size(), md, &len, EVP_sha1(), nullptr);
  md[6] = static_cast<unsigned char>((md[6] & 0x0f) | 0x50);
  md[8] = static_cast<unsigned char>((md[8] & 0x3f) | 0x80);
  static constexpr char kHex[] = "0123456789abcdef";
  std::string out;
  for (int i = 0; i < 16; ++i) {
    if (i == 4 || i == 6 || i == 8 || i == 10) out += '-';
    out += kHex[md[i] >> 4];
    out += kHex[md[i] & 15];
  }
  return out;
}


/// "registry/repo:tag" or "repo@sha256:…" -> {repository, tag}.
std::pair<std::string, std::string> split_reference(std::string_view ref) {
  if (std::size_t at = ref.find('@'); at != std::string_view::npos) return {std::string(ref.substr(0, at)), {}};
  std::size_t colon = ref.rfind(':');
  if (colon != std::string_view::npos && ref.find('/', colon) == std::string_view::npos) {
    return {std::string(ref.substr(0, colon)), std::string(ref.substr(colon + 1))};
  }
  return {std::string(ref), {}};
}

std::string base_name(std::string_view path) {
  while (path.size() > 1 && path.back() == '/') path.remove_suffix(1);
  std::string_view base = path.substr(path.rfind('/') == std::string_view::npos ? 0 : path.rfind('/') + 1);
  for (std::string_view ext : {".tar.gz", ".tar.zst", ".tar", ".oci", ".docker"}) {
    if (base.ends_with(ext) && base.size() > ext.size()) base.remove_suffix(ext.size());
  }
  for (std::string_view ext : {".oci", ".docker"}) {
    if (base.ends_with(ext) && base.size() > ext.size()) base.remove_suffix(ext.size());
  }
  return std::string(base);
}

Component image_component(const image::ImageInfo& info) {
  Component c;
  c.type = "container";
  std::string repo, tag;
  if (!info.repo_tags.empty()) {
    std::tie(repo, tag) = split_reference(info.repo_tags.front());
  } else if (!info.ref_name.empty() &&
             (info.ref_name.find(':') != std::string::npos || info.ref_name.find('/') != std::string::npos)) {
    std::tie(repo, tag) = split_reference(info.ref_name);
  } else {
    // A bare ref.name is a tag; the name comes from the image's title label or the input's name.
    tag = info.ref_name;
    auto title = info.labels.find("org.opencontainers.image.title");
    repo = title != info.labels.end() ? title->second : base_name(info.source);
  }
  c.name = repo;
  c.version = tag;
  c.bom_ref = "image:" + (info.config_digest.empty() ? repo : info.config_digest);
  if (!info.manifest_digest.empty()) {
    Purl p;
    p.type = "oci";
    std::string last = repo.substr(repo.rfind('/') == std::string::npos ? 0 : repo.rfind('/') + 1);
    p.name = last;
    p.version = info.manifest_digest;
    if (repo.find('/') != std::string::npos) p.qualifiers.emplace_back("repository_url", repo);
    if (!tag.empty()) p.qualifiers.emplace_back("tag", tag);
    if (!info.architecture.empty()) p.qualifiers.emplace_back("arch", info.architecture);
    if (auto n = normalize_purl(std::move(p))) c.purl = n->to_string();
    if (info.manifest_digest.starts_with("sha256:")) c.hashes.push_back({"SHA-256", info.manifest_digest.substr(7), {}});
  }
  // The image's supplier, when its labels name one (OCI annotation keys used as labels): the
  // "supplier" / "software producer" of NTIA 2021 and CISA 2025 for the primary component.
  if (auto vendor = info.labels.find("org.opencontainers.image.vendor"); vendor != info.labels.end() && !vendor->second.empty()) {
    OrganizationalEntity org;
    org.name = vendor->second;
    if (auto url = info.labels.find("org.opencontainers.image.url"); url != info.labels.end() && !url->second.empty())
      org.urls.push_back(url->second);
    c.rare.edit().supplier = std::move(org);
  }
  auto prop = [&](std::string_view name, const std::string& value) {
    if (!value.empty()) detail::add_property(c, name, value);
  };
  prop(kPropImageKind, info.kind);
  prop(kPropImageReference, info.reference);
  prop(kPropImageReferenceDigest, info.reference_digest);
  prop(kPropImageManifestDigest, info.manifest_digest);
  prop(kPropImageConfigDigest, info.config_digest);
  prop(kPropImageOs, info.os);
  prop(kPropImageArch, info.architecture);
  prop(kPropImageVariant, info.variant);
  for (const auto& l : info.layers) prop(kPropImageDiffId, l.diff_id);
  return c;
}

/// Makes every string of `doc` valid UTF-8 (json::to_valid_utf8), returning how many it changed
/// and, in `first`, the bom-ref of the first component changed. Catalogers copy bytes from the
/// image as they are (dpkg fields in Latin-1, tar paths in any encoding); this is the one place
/// between them and the writer, so none can bypass it. Distinct bom-refs stay distinct: a cleaned
/// ref that another component already has gets "~2", "~3"..., and references follow the rename.
std::size_t sanitize_utf8(Document& doc, std::string& first) {
  std::size_t changed = 0;
  auto fix = [&](std::string& s) {
    if (json::valid_utf8(s)) return false;
    s = json::to_valid_utf8(s);
    ++changed;
    return true;
  };
  std::function<void(json::Value&)> fix_value;
  auto fix_object = [&](json::Object& o) {
    for (auto& [key, value] : o) {
      fix(key);
      fix_value(value);
    }
  };
  fix_value = [&](json::Value& v) {
    if (v.is_string()) fix(v.as_string());
    else if (v.is_array()) for (auto& e : v.as_array()) fix_value(e);
    else if (v.is_object()) fix_object(v.as_object());
  };
  std::set<std::string> taken;
  doc.for_each_component([&](const Component& c) {
    if (json::valid_utf8(c.bom_ref)) taken.insert(c.bom_ref);
  });
  std::map<std::string, std::string> renamed;
  doc.for_each_component([&](const Component& c) {
    if (json::valid_utf8(c.bom_ref) || renamed.count(c.bom_ref)) return;
    const std::string clean = json::to_valid_utf8(c.bom_ref);
    std::string ref = clean;
    for (int n = 2; !taken.insert(ref).second; ++n) ref = clean + "~" + std::to_string(n);
    renamed.emplace(c.bom_ref, std::move(ref));
  });
  auto fix_ref = [&](std::string& r) {
    if (auto it = renamed.find(r); it != renamed.end()) {
      r = it->second;
      ++changed;
    } else {
      fix(r);
    }
  };
  auto fix_properties = [&](std::vector<Property>& props) {
    for (Property& p : props) {
      fix(p.name);
      if (p.name == kPropOwnedBy) fix_ref(p.value);  // a bom-ref
      else fix(p.value);
      fix_object(p.extra);
    }
  };
  auto fix_licenses = [&](std::vector<License>& ls) {
    for (License& l : ls) {
      for (std::string* s : {&l.id, &l.name, &l.expression}) fix(*s);
      fix_object(l.license_extra);
      fix_object(l.extra);
    }
  };
  doc.for_each_component([&](Component& c) {
    const std::size_t before = changed;
    const std::string raw_ref = c.bom_ref;
    fix_ref(c.bom_ref);
    for (std::string* s : {&c.type, &c.group, &c.name, &c.version, &c.purl, &c.cpe}) fix(*s);
    // The rare block only when it exists (reading it would not allocate, writing would).
    ComponentRare* rare = c.rare.allocated() ? &c.rare.edit() : nullptr;
    if (rare)
      for (std::string* s : {&rare->description, &rare->scope, &rare->author, &rare->publisher, &rare->copyright}) fix(*s);
    if (rare && rare->supplier) {
      OrganizationalEntity& o = *rare->supplier;
      for (std::string* s : {&o.name, &o.bom_ref}) fix(*s);
      for (std::string& u : o.urls) fix(u);
      for (Contact& ct : o.contacts) {
        for (std::string* s : {&ct.name, &ct.email, &ct.phone, &ct.bom_ref}) fix(*s);
        fix_object(ct.extra);
      }
      fix_object(o.extra);
    }
    for (Occurrence& o : c.occurrences) {
      fix(o.location);
      fix_object(o.extra);
    }
    if (rare) fix_object(rare->evidence_extra);
    fix_licenses(c.licenses);
    for (Hash& h : c.hashes) {
      fix(h.alg);
      fix(h.content);
      fix_object(h.extra);
    }
    fix_properties(c.properties);
    fix_object(c.extra);  // nested components are visited on their own
    if (changed != before && first.empty()) first = c.bom_ref;
  });
  if (doc.dependencies) {
    for (Dependency& d : *doc.dependencies) {
      fix_ref(d.ref);
      for (std::string& r : d.depends_on) fix_ref(r);
      fix_object(d.extra);
    }
  }
  if (doc.vulnerabilities) {
    for (Vulnerability& v : *doc.vulnerabilities) {
      for (std::string* s : {&v.description, &v.detail}) fix(*s);
      fix_properties(v.properties);
      for (Affect& a : v.affects) fix_ref(a.ref);
    }
  }
  fix(doc.metadata.timestamp);
  fix_properties(doc.metadata.properties);
  fix_licenses(doc.metadata.licenses);
  fix_object(doc.metadata.extra);
  fix(doc.serial_number);
  fix_object(doc.extra);
  return changed;
}

}  // namespace

Document make_document(const image::View& view, Result result, const ScanOptions& opts) {
  Document doc;
  doc.spec_version = opts.spec_version;
  doc.version = json::Number::from(std::int64_t{1});
  const image::ImageInfo& info = view.info();
  doc.metadata.present = true;
  if (opts.timestamp) {
    doc.metadata.timestamp = text::rfc3339_utc(*opts.timestamp);
  } else {
    doc.metadata.timestamp = info.created;
  }
  // CISA's generation context: an image (or root filesystem) is read after its build, as the
  // artifact it became (CycloneDX's post-build; SPDX 3's analyzed).
  doc.metadata.lifecycles.push_back(Lifecycle{"post-build", {}, {}, {}});
  record_tool(doc, opts.tool_name, opts.tool_version);
  doc.metadata.component = image_component(info);
  // What only the user can say: who made the SBOM, and who supplies the image.
  for (const std::string& a : opts.authors) {
    OrganizationalEntity who = detail::supplier_from(a);
    Contact c;
    if (!who.contacts.empty()) c.email = who.contacts.front().email;
    if (who.contacts.empty() && who.name.find('@') != std::string::npos && who.name.find(' ') == std::string::npos)
      c.email = who.name;  // an e-mail address alone
    else
      c.name = who.name;
    doc.metadata.authors.push_back(std::move(c));
  }
  if (!opts.supplier.empty()) doc.metadata.component->rare.edit().supplier = detail::supplier_from(opts.supplier);
  detail::add_property(*doc.metadata.component, kPropScope, opts.image.all_layers ? "all-layers" : "squashed");
  // The serial number names the content: the image config (stable across input forms), or for a
  // root filesystem the packages found.
  std::string identity = info.config_digest;
  if (identity.empty()) {
    for (const auto& c : result.components) identity += c.bom_ref + "\n";
  }
  identity += opts.image.all_layers ? "#all-layers" : "#squashed";
  if (opts.secrets) identity += "#secrets:" + opts.secrets->key();
  doc.serial_number = "urn:uuid:" + uuid_v5("sbomkit:sbom-gen:" + identity);
  doc.components = std::move(result.components);
  doc.dependencies = std::move(result.dependencies);
  if (!result.vulnerabilities.empty()) doc.vulnerabilities = std::move(result.vulnerabilities);
  std::string first;
  if (const std::size_t n = sanitize_utf8(doc, first)) {
    opts.image.diagnostics.warn(std::to_string(n) + (n == 1 ? " text" : " texts") + " of the image held bytes that are not UTF-8" +
                    (first.empty() ? std::string() : " (first in component '" + first + "')") +
                    "; each such byte is written as U+FFFD");
  }
  // The image holds every component found in it: the relationship the minimum elements ask for
  // between the primary component and its parts (NTIA 2021 / CISA 2025 "dependency relationship";
  // docs/compliance.md). Written first, as the root of the graph,
  // after the bom-refs were cleaned (so it names them as they are written).
  if (!doc.components->empty()) {
    Dependency image{doc.metadata.component->bom_ref, {}, {}};
    for (const Component& c : *doc.components) image.depends_on.push_back(c.bom_ref);
    if (!doc.dependencies) doc.dependencies.emplace();
    doc.dependencies->insert(doc.dependencies->begin(), std::move(image));
  }
  // Last, so that it sees what every step above filled in: what is still missing is declared,
  // with the reason (the minimum elements' "known unknowns"; docs/compliance.md).
  declare_unknowns(doc);
  return doc;
}

Expected<Document> scan_image(const std::string& source, const ScanOptions& opts) {
  auto cats = os_catalogers();
  // Language catalogers after the OS ones, whose owned files they attribute to.
  ArchiveLimits archives = opts.archives;
  archives.max_entry = std::min(archives.max_entry, opts.image.max_file_size);  // an inflated file is a file
  for (auto& c : language_catalogers(archives)) cats.push_back(std::move(c));
  image::Options io = opts.image;
  std::vector<image::Pattern> pats = patterns(cats);
  if (opts.secrets) {
    // The same pass: readers of whole files are scanned from the view, reducers also scan what
    // they read, and every other file goes to the catch-all pattern, last.
    for (auto& p : pats) {
      if (p.reduce) p = secrets::tee(std::move(p), opts.secrets);
      if (p.reduce) p.reduce_key = opts.secrets->key();
    }
    pats.push_back(secrets::catch_all(opts.secrets));
    pats.back().reduce_key = opts.secrets->key();
    io.keep_superseded = [](const image::File& f) { return secrets::is_result(f); };
  }
  if (opts.hygiene) {
    // In front of the reducer of every executable (what it keeps of a file they take is kept):
    // after the catalogers' own patterns, so a file one of them reads is still theirs.
    auto exec = std::find_if(pats.begin(), pats.end(), [](const image::Pattern& p) { return p.executable && p.glob == "**"; });
    image::Pattern executables = exec != pats.end() ? *exec : image::Pattern();
    auto marks = hygiene_patterns(executables);
    pats.insert(exec, marks.begin(), marks.end());
  }
  auto view = image::read(source, pats, io);
  if (!view) return std::move(view).error();
  Result found;
  HygieneFacts hygiene;
  if (opts.hygiene) hygiene = take_hygiene(*view);
  const std::string image_ref = image_component(view->info()).bom_ref;
  if (opts.hygiene && !opts.secrets) {
    // Secrets in the config's environment and history are hygiene too: the built-in rules.
    static const auto builtin = secrets::Scanner::make(secrets::builtin_rules());
    if (!builtin) return builtin.error();
    take_secrets(*view, **builtin, image_ref, found, false);
  }
  if (opts.secrets) {
    const SecretCounts n = take_secrets(*view, *opts.secrets, image_ref, found);
    if (n.binary || n.too_large) {
      std::string line = "secrets: ";
      line += std::to_string(n.binary + n.too_large);
      line += n.binary + n.too_large == 1 ? " file not scanned (binary: " : " files not scanned (binary: ";
      line += std::to_string(n.binary);
      line += ", over ";
      line += std::to_string(secrets::kMaxFileSize >> 20);
      line += " MiB: ";
      line += std::to_string(n.too_large);
      line += ")";
      opts.image.diagnostics.warn(std::move(line));
    }
  }
  auto result = run(*view, cats, io.diagnostics, opts.strict);
  if (!result) return std::move(result).error();
  for (auto& c : found.components) result->components.push_back(std::move(c));
  result->vulnerabilities = std::move(found.vulnerabilities);
  auto origin = attribute(view->info(), opts.base);
  if (!origin) return std::move(origin).error();
  if (!origin->annotation_only.empty())
    io.diagnostics.warn("base image " + (origin->name.empty() ? origin->digest : "'" + origin->name + "'") +
            " (the manifest's OCI annotations): only its name is known (" + origin->annotation_only + "); " +
            (origin->from == "history" ? "attributed by the config's history" : "components not attributed"));
  if (opts.hygiene) hygiene_findings(hygiene, *view, image_ref, *result, *origin);
  Document doc = make_document(*view, std::move(*result), opts);
  mark_origin(*origin, doc);
  return doc;
}

}  // namespace sbom::catalog
