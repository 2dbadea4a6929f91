// Scan bundles for compliance archives (sbom-archive): one deterministic tar holding the SBOM, the
// scanned document, the exceptions file, the gate's policy and decision, the index provenance,
// reports and attestations, with a manifest of SHA-256 digests that may be signed (DSSE); and the
// verification of such a bundle, the gate's decision re-made as of the archived date included.
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "sbom/attest.h"
#include "sbom/error.h"
#include "sbom/exceptions.h"
#include "sbom/model.h"
#include "sbom/policy.h"

namespace sbom::archive {

/// The manifest's own name and its signature's, first in every bundle.
inline constexpr std::string_view kManifestPath = "manifest.json";
inline constexpr std::string_view kSignaturePath = "manifest.sig";
/// The payload type of the manifest's DSSE envelope.
inline constexpr std::string_view kManifestPayloadType = "application/vnd.sbomkit.archive-manifest+json";
inline constexpr std::string_view kBundleFormat = "sbomkit-archive";
inline constexpr int kBundleVersion = 1;

/// An input file for a bundle: the name it was given by (for messages) and its bytes.
struct InputFile {
  std::string name;
  std::string data;
};

struct CreateOptions {
  InputFile scan;                         ///< the scanned document (findings), required
  InputFile policy;                       ///< sbom-gate's policy file (JSON), required
  std::optional<InputFile> sbom;          ///< the SBOM before matching
  std::optional<InputFile> exceptions;    ///< the exceptions file as applied
  std::vector<InputFile> reports;         ///< the gate's summary and reports, any files
  std::vector<InputFile> attestations;    ///< DSSE envelopes (sbom-attest sign)
  exceptions::Date as_of;                 ///< the date the gate judged on (exception expiry)
  std::string tool;                       ///< "sbom-archive 0.1.0", recorded in the manifest
  const attest::Key* key = nullptr;       ///< sign the manifest when set
};

/// The gate's decision on a scanned document: exceptions applied as of a date, then the policy.
struct Decision {
  bool violated = false;
  std::vector<std::string> violations;       ///< the gate's lines, one per broken rule
  std::vector<std::size_t> counts;           ///< counted findings per severity, Unknown..Critical
  std::size_t findings = 0;
  std::size_t suppressed = 0;
  std::vector<std::string> exceptions_applied;  ///< labels ("FILE:LINE") of entries that covered a finding
  std::vector<std::string> exceptions_expired;  ///< labels of entries expired on that date
  bool operator==(const Decision&) const = default;
};

/// The inputs of the gate's decision, read once: a document is judged on more than one date
/// (verify: as archived, and today).
class Judge {
 public:
  /// Reads the scanned document, the exceptions file (optional) and the policy file. Errors name
  /// the file and position; a document that shows no scan is one, as for sbom-gate.
  static Expected<Judge> read(const InputFile& scan, const InputFile* exceptions, const InputFile& policy);
  /// Exceptions applied as of `as_of`, then the policy: what sbom-exceptions apply and sbom-gate
  /// decide on that date.
  Decision decide(exceptions::Date as_of) const;
  const Document& document() const { return doc_; }

 private:
  Document doc_;
  std::optional<exceptions::Ledger> ledger_;
  policy::Policy policy_;
};

struct Created {
  std::string tar;    ///< the bundle's bytes
  Decision decision;  ///< what the gate decided, as recorded in gate.json
  std::size_t members = 0;
};

/// Makes a bundle. Byte-identical for the same inputs, date and key (Ed25519 signatures are
/// deterministic; an ECDSA signature differs per run, the rest of the bundle does not).
Expected<Created> create(const CreateOptions& o);

/// One member as the manifest lists it.
struct Member {
  std::string path;
  std::string role;    ///< sbom, scan, exceptions, policy, gate, index, report, attestation
  std::string sha256;  ///< lower-case hex
  std::uint64_t size = 0;
};

/// A bundle read: its members (bytes viewed in the input), manifest and signature. Reading checks
/// the tar's structure only (exit 2 material); digests are `verify`'s.
struct Bundle {
  struct Entry {
    std::string path;
    std::string_view data;
    std::uint64_t offset = 0;  ///< of its header in the tar
  };
  std::vector<Entry> entries;          ///< in tar order, manifest and signature included
  std::string manifest_text;
  std::string as_of;                   ///< YYYY-MM-DD
  std::string created_by;
  std::string image;                   ///< "name sha256:HEX" or ""
  std::vector<std::string> tools;      ///< the tools the scanned document names, "name version"
  std::vector<Member> members;         ///< as the manifest lists them
  std::optional<std::string> signature;  ///< manifest.sig's bytes
  const Entry* find(std::string_view path) const;
};

/// Reads a bundle's tar and manifest. Errors (not a tar, truncated, a path that leaves the bundle,
/// a link or device, a duplicate, a malformed manifest) name `name` and the byte offset or the
/// manifest's position.
Expected<Bundle> open(std::string_view bytes, std::string_view name);

/// The member `which` names: a path, or a role that only one member has. Errors when none or
/// several match.
Expected<const Member*> find_member(const Bundle& b, std::string_view which);

struct Verification {
  /// Every check that failed, each naming its member ("scan.cdx.json: sha256 …, the manifest says …").
  std::vector<std::string> failures;
  std::string signature;        ///< how the manifest's signature stands ("Ed25519 key …", "not signed", ...)
  bool signature_checked = false;
  std::size_t attestations_verified = 0;
  std::optional<Decision> archived;  ///< gate.json
  std::optional<Decision> rejudged;  ///< the gate re-run as of the archived date
  std::optional<Decision> today;     ///< the same as of `today` (what changed since, e.g. expired exceptions)
  /// Labels of exceptions that applied as of the archived date and have expired by `today`.
  std::vector<std::string> expired_since;
};

/// Checks every member's digest and size against the manifest, that the tar holds exactly the
/// members listed, the manifest's signature (with `key`; without one a signed bundle is reported
/// as unchecked), attestations' signatures (with `key`), and re-runs the gate as of the archived
/// date, comparing with gate.json. Errors are for inputs that cannot be judged at all (an archived
/// document that does not read).
Expected<Verification> verify(const Bundle& b, const attest::Key* key, exceptions::Date today);

/// "0 critical, 1 high, …" and the verdict, for one line of stderr.
std::string describe(const Decision& d);

}  // namespace sbom::archive
