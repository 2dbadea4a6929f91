// The gate's decision re-made from archived inputs: the scanned document, the exceptions applied
// as of a date, the policy file. sbom-archive create records it, verify re-makes and compares it.
#include <algorithm>

#include "sbom/archive.h"
#include "sbom/format.h"
#include "sbom/policy.h"

namespace sbom::archive {

Expected<Judge> Judge::read(const InputFile& scan, const InputFile* exceptions_file, const InputFile& policy_file) {
  Judge j;
  auto policy = policy::parse_policy(policy_file.data, policy_file.name);
  if (!policy) return std::move(policy.error());
  j.policy_ = std::move(*policy);
  auto doc = format::read(scan.data, scan.name);
  if (!doc) return std::move(doc.error());
  j.doc_ = std::move(*doc);
  if (j.policy_.judges("vulnerability") && !(j.policy_.allow_unscanned && j.policy_.allow_unscanned->value == "true"))
    if (auto s = policy::require_scanned(j.doc_, scan.name); !s) {
      // sbom-archive has no --allow-unscanned: the policy file is where the archive keeps it.
      Error e = std::move(s.error());
      constexpr std::string_view kFlag = "pass --allow-unscanned";
      if (auto at = e.message.find(kFlag); at != std::string::npos)
        e.message.replace(at, kFlag.size(), "set \"allow-unscanned\": true in the policy");
      return e;
    }
  if (exceptions_file) {
    auto ledger = exceptions::parse_ledger(exceptions_file->data, exceptions_file->name);
    if (!ledger) return std::move(ledger.error());
    j.ledger_ = std::move(*ledger);
  }
  return j;
}

Decision Judge::decide(exceptions::Date as_of) const {
  Decision d;
  policy::Report report;
  if (ledger_) {
    // Applying writes analysis into the document: a copy per date, the read one stays as archived.
    Document doc = doc_;
    // The warning window only sorts entries into "expiring soon"; it changes nothing applied.
    exceptions::ApplyResult r = exceptions::apply(*ledger_, doc, as_of, 0);
    // In the file's order, whatever order apply found them in.
    std::sort(r.entries_used.begin(), r.entries_used.end());
    std::sort(r.expired.begin(), r.expired.end());
    for (std::size_t i : r.entries_used) d.exceptions_applied.push_back(ledger_->entries[i].label);
    for (std::size_t i : r.expired) d.exceptions_expired.push_back(ledger_->entries[i].label);
    report = policy::evaluate(doc, policy_);
  } else {
    report = policy::evaluate(doc_, policy_);
  }
  d.violated = report.violated();
  d.violations = report.violations;
  d.counts.assign(report.counts.begin(), report.counts.end());
  d.findings = report.findings.size();
  d.suppressed = report.suppressed;
  return d;
}

std::string describe(const Decision& d) {
  std::string out = d.violated ? "fail" : "pass";
  out += " (";
  bool first = true;
  for (std::size_t i = d.counts.size(); i-- > 0;) {
    if (static_cast<policy::Severity>(i) == policy::Severity::None && d.counts[i] == 0) continue;  // "info" is rare
    if (!first) out += ", ";
    first = false;
    out += std::to_string(d.counts[i]);
    out += ' ';
    out += policy::severity_lower(static_cast<policy::Severity>(i));
  }
  out += "; ";
  out += std::to_string(d.suppressed);
  out += " suppressed";
  if (!d.exceptions_expired.empty()) {
    out += "; ";
    out += std::to_string(d.exceptions_expired.size());
    out += d.exceptions_expired.size() == 1 ? " exception expired" : " exceptions expired";
  }
  out += ")";
  return out;
}

}  // namespace sbom::archive
