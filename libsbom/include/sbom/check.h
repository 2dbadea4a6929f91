// Checking a document against the published minimum elements of an SBOM (NTIA 2021, CISA 2025,
// BSI TR-03183-2 2.0.0) and against the official schema of its own format: per rule, per
// component, pass or fail with the reason and where in the input. Rules are cited in
// docs/compliance.md; the model is read, never the syntax (schema: the JSON text itself).
#pragma once

#include <string>
#include <string_view>
#include <vector>

#include "sbom/error.h"
#include "sbom/model.h"

namespace sbom::check {

/// One subject (the document, or one component) under one rule.
struct Verdict {
  std::string subject;   ///< "document", or the component as name@version
  std::string ref;       ///< the component's bom-ref / SPDXID ("" for the document)
  std::string location;  ///< JSON Pointer / XPath / line in the input ("" when unknown)
  bool pass = false;
  std::string reason;    ///< why it passed (what was found) or failed (what is missing)
  /// "unknown" or "redacted" when the element is missing and the component declares it so
  /// (sbom/unknowns.h); whether that passes is the profile's judgement (ProfileResult).
  std::string declared;
  /// The declaration's own text (the reason it gives), when `declared` is set.
  std::string declaration = {};
};

struct RuleResult {
  std::string id;        ///< "ntia-2021/supplier"
  std::string title;     ///< "Supplier name"
  std::string citation;  ///< document and section the rule comes from
  std::string scope;     ///< "document" or "component"
  std::vector<Verdict> verdicts;
  std::size_t failed() const;
  std::size_t declared() const;  ///< verdicts on a declared unknown or redaction, passed or not
  bool passed() const { return failed() == 0; }
};

struct ProfileResult {
  std::string profile;  ///< "ntia-2021"
  std::string title;    ///< what it implements, with the version
  std::vector<RuleResult> rules;
  /// Limits of this check that the verdicts cannot show (schema keywords not enforced, ...).
  std::vector<std::string> notes;
  /// Whether a declared unknown or redaction satisfies the element (NTIA 2021 and CISA 2025 ask
  /// for known unknowns to be flagged; BSI TR-03183-2 requires the values; --strict: never).
  bool accepts_declared = false;
  bool passed() const;
};

/// The profile names run() takes, in the order they are documented.
std::vector<std::string_view> profile_names();

struct Input {
  const Document* doc = nullptr;
  /// The document's text as read (after unwrapping an attestation); the schema profile needs it.
  std::string_view text;
  std::string name;  ///< file name for messages
  /// Where the schema profile looks for the official schemas, in order (each laid out as
  /// cyclonedx/bom-1.6.schema.json, spdx/spdx-2.3-schema.json, spdx-3/spdx-json-schema.json).
  std::vector<std::string> schema_dirs;
  /// Declared unknowns and redactions fail in every profile (sbom-check --strict).
  bool strict = false;
};

/// Runs one profile. An unknown profile, a schema that cannot be found or read, or a document
/// the schema profile cannot check (no JSON syntax) is an Error.
Expected<ProfileResult> run(std::string_view profile, const Input& in);

/// Reports over one or more profile results of one input.
std::string format_text(const std::vector<ProfileResult>& results, std::string_view input, std::string_view doc_kind);
std::string format_markdown(const std::vector<ProfileResult>& results, std::string_view input, std::string_view doc_kind);
/// JSON per schemas/check.schema.json.
std::string format_json(const std::vector<ProfileResult>& results, std::string_view input, std::string_view doc_kind);

/// "CycloneDX 1.6 JSON", "SPDX 2.3 tag-value", ...
std::string describe(const Document& doc);

}  // namespace sbom::check
