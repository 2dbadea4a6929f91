// Export of the ledger as a VEX document (OpenVEX, CycloneDX VEX) that never covers more than the ledger.
#include <algorithm>
#include <cstdint>

#include "sbom/exceptions.h"
#include "exceptions/scope.h"
#include "exceptions/vex.h"

namespace sbom::exceptions {

// Objects here are built as a Value and filled with set(): GCC 12 at -O3 reports a false
// -Warray-bounds on emplace_back calls into a fresh json::Object.

namespace {

// What one statement names: an optional image (OpenVEX product with subcomponents) and purls.
// Neither: no products, as the entry covers every component.
struct Products {
  std::string image;
  std::vector<std::string> purls;
};

Error refuse(const Ledger& l, const Entry& e, std::string msg) {
  Error err(e.id + ": " + std::move(msg));
  err.file = l.file;
  err.line = e.line;
  err.column = e.column;
  return err;
}

// A VEX product is a component (a purl, or an image with purls inside it): it has no room for
// version constraints or paths, and CycloneDX VEX none for an image. Such an entry is written as
// the components of `sbom` it covers, or refused; exporting it as its bare purl would cover
// every version at every path.
Expected<std::optional<Products>> products_of(const Ledger& l, const Entry& e, const ExportOptions& opts, const Diagnostics& diagnostics) {
  const Scope& s = e.scope;
  const Document* sbom = opts.sbom;
  ExportFormat fmt = opts.format;
  if (!s.fix_state.empty())
    return refuse(l, e, "fix-state " + s.fix_state + " is a condition on findings, which a VEX statement cannot carry; not exported");
  bool image_lost = fmt == ExportFormat::CycloneDxVex && !s.image.empty();
  if (s.versions.empty() && s.path.empty() && !image_lost) {
    Products p{s.image, {}};
    if (!s.purl.empty()) p.purls.push_back(s.purl);
    return std::optional<Products>(std::move(p));
  }
  std::string what = !s.versions.empty() ? "versions '" + s.versions + "'" : !s.path.empty() ? "path '" + s.path + "'" : "image '" + s.image + "'";
  if (image_lost) return refuse(l, e, "a scope with an image cannot be written as CycloneDX VEX without covering that package in every image; export --to openvex");
  if (!sbom)
    return refuse(l, e, "scope " + what + " cannot be written as VEX products without covering more; give --sbom FILE to export the components it covers there");
  Products p{s.image, {}};
  std::vector<const Component*> covered;
  Status problem = Ok{};
  sbom->for_each_component([&](const Component& c) {
    if (!problem || !detail::scope_matches(s, &c, *sbom)) return;
    if (c.purl.empty()) {
      problem = refuse(l, e, "covers component '" + c.name + "' of " + opts.sbom_name + ", which has no purl to name it by");
      return;
    }
    covered.push_back(&c);
    if (std::find(p.purls.begin(), p.purls.end(), c.purl) == p.purls.end()) p.purls.push_back(c.purl);
  });
  if (!problem) return std::move(problem).error();
  // A purl names every copy of the package: if a copy the entry leaves out (another path) has
  // the same purl, the statement would cover it too.
  sbom->for_each_component([&](const Component& c) {
    if (!problem || c.purl.empty() || std::find(covered.begin(), covered.end(), &c) != covered.end()) return;
    for (const auto& q : p.purls)
      if (detail::strip_qualifiers(q) == detail::strip_qualifiers(c.purl)) {
        problem = refuse(l, e, "scope " + what + " leaves out a copy of " + c.purl + " that VEX cannot tell apart from the one it covers");
        return;
      }
  });
  if (!problem) return std::move(problem).error();
  if (p.purls.empty()) {
    diagnostics.warn_at(l.file, e.line, e.id + " covers no component of the SBOM; not exported");
    return std::optional<Products>{};
  }
  return std::optional<Products>(std::move(p));
}

json::Value id_object(const std::string& id) {
  json::Value o(json::Object{});
  o.set("@id", id);
  return o;
}

// The sbomkit-exception record of status_notes: what OpenVEX has no member for.
std::string exception_record(const Entry& e) {
  json::Value rec(json::Object{});
  rec.set("entry", e.label);
  rec.set("owner", e.owner);
  rec.set("expires", e.expires->to_string());
  if (!e.ticket.empty()) rec.set("ticket", e.ticket);
  if (!e.created.empty()) rec.set("created", e.created);
  // What the OpenVEX vocabulary cannot say (false_positive, protected_by_compiler, responses).
  if (detail::cdx_state(detail::openvex_status(e.status)) != e.status) rec.set("state", e.status);
  if (!e.justification.empty() && detail::cdx_justification(detail::openvex_justification(e.justification)) != e.justification)
    rec.set("justification", e.justification);
  if (!e.response.empty()) {
    json::Array resp;
    for (const auto& r : e.response) resp.emplace_back(r);
    rec.set("response", json::Value(std::move(resp)));
  }
  std::string text = json::write(std::move(rec), {0, false});
  while (!text.empty() && text.back() == '\n') text.pop_back();
  return std::string(detail::kExceptionMarker) + text;
}

json::Value openvex_statement(const Entry& e, const Products& p) {
  json::Value st(json::Object{});
  json::Value vuln(json::Object{});
  vuln.set("name", e.id);
  st.set("vulnerability", std::move(vuln));
  json::Array products;
  if (!p.image.empty() && !p.purls.empty()) {
    // The components inside the image, never the whole image.
    json::Value prod = id_object(p.image);
    json::Array subs;
    for (const auto& purl : p.purls) subs.push_back(id_object(purl));
    prod.set("subcomponents", json::Value(std::move(subs)));
    products.push_back(std::move(prod));
  } else if (!p.image.empty()) {
    products.push_back(id_object(p.image));
  } else {
    for (const auto& purl : p.purls) products.push_back(id_object(purl));
  }
  if (!products.empty()) st.set("products", json::Value(std::move(products)));
  std::string status = detail::openvex_status(e.status);
  st.set("status", status);
  // OpenVEX 0.2.0: not_affected takes a justification or an impact statement, never both;
  // affected needs an action statement. The reason goes where the format has room for it.
  std::string notes = exception_record(e);
  std::string j = status == "not_affected" ? detail::openvex_justification(e.justification) : "";
  if (status == "not_affected" && j.empty()) {
    st.set("impact_statement", e.reason);
  } else {
    if (!j.empty()) st.set("justification", j);
    if (status == "affected") st.set("action_statement", e.reason);
    notes = e.reason + "\n" + notes;
  }
  st.set("status_notes", notes);
  return st;
}

json::Value cyclonedx_vulnerability(const Entry& e, const Products& p) {
  json::Value v(json::Object{});
  v.set("id", e.id);
  json::Value a(json::Object{});
  a.set("state", e.status);
  if (!e.justification.empty()) a.set("justification", e.justification);
  if (!e.response.empty()) {
    json::Array resp;
    for (const auto& r : e.response) resp.emplace_back(r);
    a.set("response", json::Value(std::move(resp)));
  }
  a.set("detail", e.reason);
  v.set("analysis", std::move(a));
  if (!p.purls.empty()) {
    json::Array affects;
    for (const auto& purl : p.purls) {
      json::Value ref(json::Object{});
      ref.set("ref", purl);
      affects.emplace_back(std::move(ref));
    }
    v.set("affects", json::Value(std::move(affects)));
  }
  json::Array props;
  auto prop = [&](std::string n, std::string val) {
    json::Value pr(json::Object{});
    pr.set("name", json::Value(std::move(n)));
    pr.set("value", json::Value(std::move(val)));
    props.push_back(std::move(pr));
  };
  prop("sbomkit:exception:entry", e.label);
  prop("sbomkit:exception:owner", e.owner);
  prop("sbomkit:exception:expires", e.expires->to_string());
  if (!e.ticket.empty()) prop("sbomkit:exception:ticket", e.ticket);
  if (!e.created.empty()) prop("sbomkit:exception:created", e.created);
  v.set("properties", json::Value(std::move(props)));
  return v;
}

}  // namespace

Expected<json::Value> export_vex(const Ledger& ledger, const ExportOptions& opts, const Diagnostics& diagnostics) {
  json::Array items;
  for (const auto& e : ledger.entries) {
    if (!e.expires || e.expires->days < opts.today.days) continue;
    auto p = products_of(ledger, e, opts, diagnostics);
    if (!p) return std::move(p).error();
    if (!*p) continue;
    items.push_back(opts.format == ExportFormat::OpenVex ? openvex_statement(e, **p) : cyclonedx_vulnerability(e, **p));
  }
  std::string stamp = opts.today.to_string() + "T00:00:00Z";
  if (opts.format == ExportFormat::OpenVex) {
    // A content-derived @id keeps the document reproducible (FNV-1a over the statements).
    std::string body = json::write(json::Value(items), {0, false});
    std::uint64_t h = 1469598103934665603ULL;
    for (unsigned char c : body) h = (h ^ c) * 1099511628211ULL;
    char hex[17];
    std::snprintf(hex, sizeof hex, "%016llx", static_cast<unsigned long long>(h));
    json::Value doc(json::Object{});
    doc.set("@context", "https://openvex.dev/ns/v0.2.0");
    doc.set("@id", "urn:sbomkit:vex:" + std::string(hex));
    doc.set("author", opts.author);
    doc.set("timestamp", stamp);
    doc.set("version", json::Number::from(std::int64_t{1}));
    doc.set("statements", json::Value(std::move(items)));
    return doc;
  }
  json::Value md(json::Object{});
  md.set("timestamp", stamp);
  json::Value doc(json::Object{});
  doc.set("bomFormat", "CycloneDX");
  doc.set("specVersion", "1.6");
  doc.set("version", json::Number::from(std::int64_t{1}));
  doc.set("metadata", std::move(md));
  doc.set("vulnerabilities", json::Value(std::move(items)));
  return doc;
}

}  // namespace sbom::exceptions
