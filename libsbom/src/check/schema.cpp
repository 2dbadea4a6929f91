// The `schema` profile: the official JSON schema of the document's own format and version, found
// in the schema directories at run time, applied with RapidJSON's validator (JSON Schema draft 4;
// what a schema asks beyond draft 4 is named in the result's notes, never silently passed over).
#include "check/schema.h"

#include <rapidjson/document.h>
#include <rapidjson/schema.h>
#include <rapidjson/stringbuffer.h>

#include <algorithm>
#include <cstdio>
#include <map>
#include <memory>

#include "attestation/unwrap.h"
#include "sbom/json.h"

namespace sbom::check {

namespace {

// The schema file of a document, relative to a schema directory; "" when the syntax has none here.
std::string schema_file(const Document& doc) {
  switch (doc.syntax) {
    case Syntax::CycloneDxJson: return "cyclonedx/bom-" + doc.spec_version + ".schema.json";
    case Syntax::SpdxJson:
      if (doc.spec_version == "2.3") return "spdx/spdx-2.3-schema.json";
      if (doc.spec_version == "2.2") return "spdx/spdx-2.2.2-schema.json";
      return "spdx/spdx-" + doc.spec_version + "-schema.json";
    default: return {};
  }
}

std::optional<std::string> slurp(const std::string& path) {
  std::unique_ptr<std::FILE, int (*)(std::FILE*)> f(std::fopen(path.c_str(), "rb"), std::fclose);
  if (!f) return std::nullopt;
  std::string out;
  char buf[65536];
  std::size_t n;
  while ((n = std::fread(buf, 1, sizeof buf, f.get())) > 0) out.append(buf, n);
  if (std::ferror(f.get())) return std::nullopt;
  return out;
}

// Keywords of later drafts that RapidJSON does not apply, counted where they are used as keywords
// (a member name of an object), so a note can say what the verdict does not cover.
void count_unsupported(const rapidjson::Value& v, std::map<std::string, std::size_t>& out) {
  static constexpr std::string_view kLater[] = {"const", "if", "contains", "propertyNames", "unevaluatedProperties",
                                                "unevaluatedItems", "dependentRequired", "dependentSchemas", "format"};
  if (v.IsObject()) {
    for (auto m = v.MemberBegin(); m != v.MemberEnd(); ++m) {
      std::string_view key(m->name.GetString(), m->name.GetStringLength());
      for (std::string_view k : kLater)
        if (key == k && !(k == "format" && !m->value.IsString())) ++out[std::string(k)];
      if (key != "enum" && key != "examples" && key != "default") count_unsupported(m->value, out);
    }
  } else if (v.IsArray()) {
    for (const auto& e : v.GetArray()) count_unsupported(e, out);
  }
}

// The schemas a schema refers to by file name (CycloneDX: spdx.schema.json, jsf-0.82.schema.json),
// loaded from the directory the first one came from.
class Provider : public rapidjson::IRemoteSchemaDocumentProvider {
 public:
  explicit Provider(std::string dir) : dir_(std::move(dir)) {}
  const rapidjson::SchemaDocument* GetRemoteDocument(const char* uri, rapidjson::SizeType) override {
    // The length this RapidJSON passes is one short; the reference is the text up to its '#'.
    std::string name(uri);
    name = name.substr(0, name.find('#'));
    if (std::size_t slash = name.rfind('/'); slash != std::string::npos) name = name.substr(slash + 1);
    if (auto it = loaded_.find(name); it != loaded_.end()) return it->second.get();
    auto text = slurp(dir_ + "/" + name);
    auto& d = *documents_.emplace_back(std::make_unique<rapidjson::Document>());
    if (!text || d.Parse(text->c_str(), text->size()).HasParseError()) {
      if (std::find(missing_.begin(), missing_.end(), name) == missing_.end()) missing_.push_back(name);
      return nullptr;
    }
    count_unsupported(d, unsupported);
    auto doc = std::make_unique<rapidjson::SchemaDocument>(d, this);
    return (loaded_[name] = std::move(doc)).get();
  }
  std::map<std::string, std::size_t> unsupported;
  std::vector<std::string> missing_;

 private:
  std::string dir_;
  std::vector<std::unique_ptr<rapidjson::Document>> documents_;
  std::map<std::string, std::unique_ptr<rapidjson::SchemaDocument>> loaded_;
};

std::string pointer_text(const rapidjson::Pointer& p) {
  rapidjson::StringBuffer sb;
  p.Stringify(sb);
  return sb.GetString();
}

}  // namespace

Expected<ProfileResult> check_schema(const Input& in) {
  const Document& doc = *in.doc;
  std::string file = schema_file(doc);
  if (doc.syntax == Syntax::Spdx3JsonLd) {
    // Its schema is JSON Schema 2020-12 (unevaluatedProperties over $defs): a draft-4 validator
    // would reject valid documents, so none is claimed.
    Error e("the schema profile cannot check SPDX 3: its schema (spdx-3/spdx-json-schema.json) needs JSON Schema "
            "2020-12, and sbom-check applies draft 4");
    e.file = in.name;
    return e;
  }
  if (file.empty()) {
    Error e("the schema profile checks JSON documents; " + describe(doc) +
            " is checked against its XML schema or grammar, which sbom-check does not apply");
    e.file = in.name;
    return e;
  }
  std::string found, tried;
  std::optional<std::string> schema_text;
  for (const std::string& dir : in.schema_dirs) {
    if (dir.empty()) continue;
    schema_text = slurp(dir + "/" + file);
    tried += (tried.empty() ? "" : ", ") + dir;
    if (schema_text) {
      found = dir;
      break;
    }
  }
  if (!schema_text)
    return Error("no schema " + file + " for " + describe(doc) + " in the schema directories (" +
                 (tried.empty() ? std::string("none given") : tried) + "); give one with --schema-dir");
  const std::string path = found + "/" + file;
  rapidjson::Document sd;
  if (sd.Parse(schema_text->c_str(), schema_text->size()).HasParseError()) {
    Error e("the schema is not JSON");
    e.file = path;
    return e;
  }
  std::string dir = path.substr(0, path.rfind('/'));
  Provider provider(dir);
  count_unsupported(sd, provider.unsupported);
  rapidjson::SchemaDocument schema(sd, &provider);
  rapidjson::Document d;
  // An attestation is checked for the SBOM it carries (format::read took the same one).
  std::string text(in.text);
  if (auto u = attestation::unwrap(in.text, in.name); u && *u) text = std::move((*u)->sbom);
  if (d.Parse<rapidjson::kParseFullPrecisionFlag>(text.c_str(), text.size()).HasParseError()) {
    Error e("the document is JSON that RapidJSON's validator cannot hold (a number out of range)");
    e.file = in.name;
    return e;
  }
  rapidjson::SchemaValidator validator(schema);
  const bool valid = d.Accept(validator);

  ProfileResult p{"schema", "the official JSON schema of " + describe(doc) + " (" + file + ")", {}, {}};
  RuleResult r{"schema/" + file.substr(file.rfind('/') + 1), "Valid against " + file, "the format's own schema, read from " + path, "document", {}};
  Verdict v{"document", "", "", valid, valid ? "valid" : "", {}};
  if (!valid) {
    v.location = pointer_text(validator.GetInvalidDocumentPointer());
    if (v.location.empty()) v.location = "/";
    v.reason = "fails '" + std::string(validator.GetInvalidSchemaKeyword()) + "' of the schema at #" +
               pointer_text(validator.GetInvalidSchemaPointer());
  } else {
    v.location = "/";
  }
  r.verdicts.push_back(std::move(v));
  p.rules.push_back(std::move(r));
  if (!valid) p.notes.push_back("the validator stops at the first violation; fix it and run again for the next");
  for (const std::string& m : provider.missing_) p.notes.push_back("referenced schema " + m + " not found in " + dir + ": what it defines was not checked");
  if (!provider.unsupported.empty()) {
    std::string list;
    for (const auto& [k, n] : provider.unsupported) {
      if (!list.empty()) list += ", ";
      list += k + " (";
      list += std::to_string(n);
      list += ")";
    }
    p.notes.push_back("keywords after JSON Schema draft 4 are not applied: " + list);
  }
  return p;
}

}  // namespace sbom::check
