// sbom-db query: a package's records and, at a version, the range and event that decided each.
#include "sbom/ecosystem.h"
#include "sbom/match.h"

namespace sbom::match {

Expected<std::vector<RecordVerdict>> explain(const vulndb::Database& db, std::string_view ecosystem,
                                             std::string_view name, std::optional<std::string_view> version) {
  auto records = db.query(ecosystem, name);
  if (!records) return std::move(records.error());
  const version::Scheme* scheme = nullptr;
  if (auto s = version::ecosystem_scheme(ecosystem)) scheme = *s;
  const std::string key = vulndb::normalize_name(ecosystem, name);
  std::vector<RecordVerdict> out;
  for (osv::Record& rec : *records) {
    RecordVerdict rv;
    for (std::size_t i = 0; i < rec.affected.size(); ++i) {
      const osv::Affected& a = rec.affected[i];
      if (a.package.ecosystem != ecosystem || vulndb::normalize_name(a.package.ecosystem, a.package.name) != key) continue;
      EntryVerdict ev;
      ev.index = i;
      if (version) {
        auto d = osv::evaluate(a, *version, scheme);
        if (d) {
          rv.affected = rv.affected || (d->affected && !rec.is_withdrawn());
          ev.decision = std::move(*d);
        } else {
          ev.error = d.error().message;
        }
      }
      rv.entries.push_back(std::move(ev));
    }
    rv.record = std::move(rec);
    out.push_back(std::move(rv));
  }
  return out;
}

}  // namespace sbom::match
