// Signed and unsigned attestations around an SBOM: DSSE envelopes (as cosign and trivy write
// them), Sigstore bundles holding one, and bare in-toto statements. format::read unwraps them.
#pragma once

#include <optional>
#include <string>
#include <string_view>

#include "sbom/error.h"

namespace sbom::attestation {

struct Unwrapped {
  std::string sbom;            ///< the SBOM predicate, as JSON text
  std::string predicate_type;  ///< e.g. https://cyclonedx.org/bom
  /// What to tell the user: that no signature was checked ("the signature of the DSSE envelope
  /// was not checked"), or that the statement was not signed at all.
  std::string warning;
};

/// Whether `text` is an attestation, and if so its SBOM: nullopt for a document that is no
/// attestation (read it as it is); an Error, naming `name`, for an attestation that is malformed
/// or whose predicate is no SBOM (its predicate type is named). SBOM predicate types are
/// https://cyclonedx.org/bom and https://spdx.dev/Document, each optionally with `/vVERSION`;
/// the predicate is the document itself, or cosign's older `{"Data": document or its text}`.
Expected<std::optional<Unwrapped>> unwrap(std::string_view text, std::string_view name);

/// Whether an in-toto predicate type is an SBOM: https://cyclonedx.org/bom or
/// https://spdx.dev/Document, each optionally followed by /VERSION.
bool is_sbom_predicate(std::string_view type);

/// RFC 4648 base64, standard or URL-safe alphabet, padding optional (DSSE allows both);
/// nullopt for any other byte.
std::optional<std::string> decode_base64(std::string_view in);

}  // namespace sbom::attestation
