// Builder: OSV inputs -> validated, de-duplicated records -> the index file's bytes.
#include <algorithm>
#include <cstring>
#include <filesystem>
#include <map>
#include <set>
#include <thread>
#include <unordered_map>

#include "sbom/json.h"
#include "sbom/text.h"
#include "sbom/vulndb.h"
#if SBOMKIT_VULNDB_YAML
#include "sbom/yaml.h"
#endif
#include "vulndb/debian_tracker.h"
#include "vulndb/eol_table.h"
#include "vulndb/exploit.h"
#include "vulndb/format.h"
#include "vulndb/nvd.h"
#include "vulndb/redhat_csaf.h"
#include "vulndb/ubuntu_vex.h"
#include "vulndb/secdb.h"
#include "vulndb/source.h"

namespace sbom::vulndb {
namespace {

using detail::InputFile;

struct Parsed {
  bool ok = false;
  Error error;
  std::string id;
  std::string modified;
  std::string compact;  // the record as compact JSON: what the index stores
  std::vector<std::string> keys;
  std::vector<std::string> ecosystems;
  bool withdrawn = false;
  json::Value secdb;  // records made from a secdb file: kept, to merge those of other releases into
};

// What one input file gives: one OSV record, or a secdb file's many.
struct FileResult {
  Parsed first;
  std::vector<Parsed> more;
  bool none = false;  // a secdb file that lists no fixes: `first` is unused
  bool converted = false;  // a feed (secdb, NVD) or gzip data rather than one OSV record
};

bool is_yaml(std::string_view name) {
  return (name.size() > 5 && name.substr(name.size() - 5) == ".yaml") ||
         (name.size() > 4 && name.substr(name.size() - 4) == ".yml");
}

// YAML types unquoted `1.10` as a number; OSV versions are strings, so take the number's source text.
void versions_to_strings(json::Value& root) {
  json::Value* affected = root.find("affected");
  if (affected == nullptr || !affected->is_array()) return;
  auto fix = [](json::Value& v) {
    if (v.is_number()) {
      json::Position at = v.position;
      v = json::Value(v.as_number().text);
      v.position = at;
    }
  };
  for (json::Value& a : affected->as_array()) {
    if (json::Value* vs = a.find("versions"); vs != nullptr && vs->is_array())
      for (json::Value& v : vs->as_array()) fix(v);
    json::Value* ranges = a.find("ranges");
    if (ranges == nullptr || !ranges->is_array()) continue;
    for (json::Value& r : ranges->as_array()) {
      json::Value* events = r.find("events");
      if (events == nullptr || !events->is_array()) continue;
      for (json::Value& e : events->as_array())
        if (e.is_object())
          for (auto& member : e.as_object()) fix(member.second);
    }
  }
}

// Valid JSON without the whitespace between tokens: what the index stores. Strings (escapes and
// all) are copied as they are, so the text reads back to the same values.
std::string minify(std::string_view text) {
  std::string out;
  out.resize(text.size());
  char* o = out.data();
  const char* p = text.data();
  const char* end = p + text.size();
  while (p < end) {
    char c = *p++;
    if (c == ' ' || c == '\n' || c == '\r' || c == '\t') continue;
    *o++ = c;
    if (c != '"') continue;
    while (p < end) {  // inside a string: up to the closing quote
      char s = *p++;
      *o++ = s;
      if (s == '\\' && p < end) *o++ = *p++;
      else if (s == '"') break;
    }
  }
  out.resize(static_cast<std::size_t>(o - out.data()));
  return out;
}

// The records found by id and alias: GitHub's advisories and NVD's CVEs (they lend their ratings),
// the KEV catalog's and EPSS's entries (exploitation data of a CVE), and the end-of-life tables.
bool is_keyed_by_id(std::string_view id) {
  return id.starts_with("GHSA-") || id.starts_with("CVE-") || id.starts_with("KEV-") || id.starts_with("EPSS-") ||
         id.starts_with("EOL-");
}

void take_record(Parsed& p, const osv::Record& rec) {
  p.ok = true;
  p.id = rec.id;
  p.modified = rec.modified;
  p.withdrawn = rec.is_withdrawn();
  for (const osv::Affected& a : rec.affected) {
    if (a.package.ecosystem.empty()) continue;
    p.keys.push_back(detail::package_key(a.package.ecosystem, normalize_name(a.package.ecosystem, a.package.name)));
    p.ecosystems.push_back(a.package.ecosystem);
  }
  // GitHub's, NVD's, KEV's and EPSS's records are also found by their id and aliases
  // (Database::query_id): sbom-match takes ratings and exploitation data from them.
  if (is_keyed_by_id(rec.id)) {
    p.keys.push_back(detail::package_key(detail::kIdKeyspace, rec.id));
    for (const std::string& alias : rec.aliases) p.keys.push_back(detail::package_key(detail::kIdKeyspace, alias));
  }
  std::sort(p.keys.begin(), p.keys.end());
  p.keys.erase(std::unique(p.keys.begin(), p.keys.end()), p.keys.end());
  std::sort(p.ecosystems.begin(), p.ecosystems.end());
  p.ecosystems.erase(std::unique(p.ecosystems.begin(), p.ecosystems.end()), p.ecosystems.end());
}

// A record given as a tree (YAML, secdb): validated and written compact.
Parsed from_tree(const json::Value& v, std::string_view name) {
  Parsed p;
  // The tree is written once: the record is read from the same compact text the index keeps.
  auto rec = osv::from_json(v, name, p.compact);
  if (!rec) {
    p.compact.clear();
    p.error = std::move(rec.error());
    return p;
  }
  take_record(p, *rec);
  return p;
}

// The records a feed converter made (secdb: kept as trees, to merge other releases' into).
FileResult from_converted(std::vector<detail::ConvertedRecord> recs, std::string_view name, bool secdb) {
  FileResult out;
  out.converted = true;
  for (std::size_t i = 0; i < recs.size(); ++i) {
    Parsed p;
    if (recs[i].record.is_null()) {
      p.error = std::move(recs[i].error);
    } else {
      p = from_tree(recs[i].record, name);
      if (secdb) p.secdb = std::move(recs[i].record);
    }
    if (i == 0) out.first = std::move(p);
    else out.more.push_back(std::move(p));
  }
  out.none = recs.empty();
  return out;
}

// EPSS rows (300,000 in a real file) become records without a tree each: the text is what
// json::write makes of epss_to_osv's tree, byte for byte (the vulndb unit test holds both to
// that), and its keys are take_record's. A sixth of the instructions per row.
FileResult from_epss(std::string_view text, std::string_view name) {
  detail::EpssFile f = detail::read_epss(text, name);
  FileResult out;
  out.converted = true;
  // What every record of the file ends with; the date and model are the file's, quoted once.
  std::string tail = "\",\"date\":" + json::write(json::Value(f.date), json::WriteOptions{.indent = 0}) +
                     ",\"model_version\":" + json::write(json::Value(f.model), json::WriteOptions{.indent = 0}) + "}}";
  std::string modified = json::write(json::Value(std::string(f.date) + "T00:00:00Z"), json::WriteOptions{.indent = 0});
  out.more.reserve(f.items.size());
  for (std::size_t i = 0; i < f.items.size(); ++i) {
    detail::EpssItem& row = f.items[i];
    Parsed p;
    if (row.cve.empty()) {
      p.error = std::move(row.error);
    } else {
      // cve, score and percentile are checked to hold only characters JSON writes as they are.
      p.ok = true;
      p.id = "EPSS-";
      p.id += row.cve;
      p.modified = std::string(f.date) + "T00:00:00Z";
      std::string& c = p.compact;
      c.reserve(120 + tail.size());
      c += "{\"id\":\"";
      c += p.id;
      c += "\",\"modified\":";
      c += modified;
      c += ",\"aliases\":[\"";
      c += row.cve;
      c += "\"],\"database_specific\":{\"source\":\"EPSS\",\"epss\":\"";
      c += row.score;
      c += "\",\"percentile\":\"";
      c += row.percentile;
      c += tail;
      p.keys = {detail::package_key(detail::kIdKeyspace, row.cve), detail::package_key(detail::kIdKeyspace, p.id)};
      std::sort(p.keys.begin(), p.keys.end());
    }
    if (i == 0) out.first = std::move(p);
    else out.more.push_back(std::move(p));
  }
  out.none = f.items.empty();
  return out;
}

FileResult from_secdb(const json::Value& root, std::string_view name) {
  return from_converted(detail::secdb_to_osv(root, name), name, true);
}

FileResult process_text(const std::string& name, std::string_view text) {
  FileResult out;
  Parsed& p = out.first;
  if (detail::is_gzip(text)) {  // NVD's yearly feeds come gzipped
    out.converted = true;
    auto plain = detail::gunzip(text, name);
    if (!plain) {
      p.error = std::move(plain.error());
      return out;
    }
    if (detail::is_gzip(*plain)) {  // one layer: a gzip inside a gzip is no feed we know
      p.error = Error("gzip data inside gzip data");
      p.error.file = name;
      return out;
    }
    return process_text(name, *plain);
  }
  if (detail::looks_like_epss(text)) return from_epss(text, name);
  if (!is_yaml(name)) {
    // NVD documents (a yearly feed is 100+ MB) go straight to one tree: trying them as an OSV
    // record first would read them twice more. Their head says what they are.
    if (std::string_view head = text.substr(0, 4096);
        head.find("\"NVD_CVE\"") != std::string_view::npos || head.find("\"sourceIdentifier\"") != std::string_view::npos)
      if (auto nvd = detail::read_nvd(text, name)) return from_converted(std::move(*nvd), name, false);
    // JSON records are read without a tree and stored as their own text, minified.
    auto rec = osv::parse_record(text, name);
    if (rec) {
      take_record(p, *rec);
      p.compact = minify(text);
      return out;
    }
    // Not an OSV record: perhaps Alpine's secdb (secdb.alpinelinux.org serves JSON), or NVD's CVE data.
    if (auto tree = json::parse(text); tree && detail::is_secdb(*tree)) return from_secdb(*tree, name);
    else if (tree && detail::is_kev(*tree)) return from_converted(detail::kev_to_osv(*tree, name), name, false);
    else if (tree && detail::is_eol_table(*tree)) return from_converted(detail::eol_table_to_osv(*tree, name), name, false);
    else if (tree && detail::is_debian_tracker(*tree))
      return from_converted(detail::debian_tracker_to_osv(*tree, name), name, false);
    else if (tree && detail::is_csaf(*tree)) return from_converted(detail::redhat_csaf_to_osv(*tree, name), name, false);
    else if (tree && detail::is_ubuntu_vex(*tree)) return from_converted(detail::ubuntu_vex_to_osv(*tree, name), name, false);
    else if (tree)
      if (auto nvd = detail::read_nvd(text, name)) return from_converted(std::move(*nvd), name, false);
    p.error = std::move(rec.error());
    return out;
  }
#if SBOMKIT_VULNDB_YAML
  Expected<json::Value> v = yaml::parse(text, name);
#else
  Expected<json::Value> v = Expected<json::Value>(Error("YAML records need the yaml module"));
#endif
  if (!v) {
    p.error = std::move(v.error());
    p.error.in_file(name);
    return out;
  }
  if (detail::is_secdb(*v)) return from_secdb(*v, name);
  versions_to_strings(*v);
  out.first = from_tree(*v, name);
  return out;
}

FileResult process(const InputFile& f) {
  if (!f.packed) return process_text(f.name, f.text);
  // Zip entries are inflated here, on the workers.
  auto text = detail::unpack(f);
  if (!text) {
    FileResult out;
    out.first.error = std::move(text.error());
    return out;
  }
  return process_text(f.name, *text);
}


// Parses on every core; results come back in input order, so the build is deterministic.
std::vector<FileResult> process_all(const std::vector<InputFile>& files) {
  std::vector<FileResult> out(files.size());
  unsigned n = std::max(1u, std::min(std::thread::hardware_concurrency(), 8u));
  if (files.size() < 64) n = 1;
  std::vector<std::thread> workers;
  for (unsigned t = 0; t < n; ++t)
    workers.emplace_back([&, t] {
      for (std::size_t i = t; i < files.size(); i += n) out[i] = process(files[i]);
    });
  for (auto& w : workers) w.join();
  return out;
}

}  // namespace

struct Builder::Impl {
  struct Entry {
    std::string modified;
    std::string compact;
    std::vector<std::string> keys;
    std::vector<std::string> ecosystems;
    bool withdrawn = false;
    json::Value secdb;  // records made from secdb files: the tree others of the same id merge into
  };
  std::map<std::string, Entry> records;  // by id
  std::vector<SourceInfo> sources;
  BuildStats stats;
  std::uint64_t withdrawn = 0;  // among `records`, kept as they come and go

  // Returns whether the record was valid.
  bool take(Parsed&& p, const Diagnostics& diagnostics) {
    if (!p.ok) {
      ++stats.invalid;
      diagnostics.warn(p.error, Diagnostic::Kind::kInvalidRecord);
      return false;
    }
    auto it = records.find(p.id);
    if (it != records.end() && !p.secdb.is_null() && !it->second.secdb.is_null()) {
      // One id from the secdb files of several releases: one record naming every release.
      detail::merge_secdb(it->second.secdb, p.secdb);
      Parsed merged = from_tree(it->second.secdb, p.id);
      if (!merged.ok) {  // cannot happen for records secdb_to_osv made; reported rather than assumed
        ++stats.invalid;
        diagnostics.warn(merged.error, Diagnostic::Kind::kInvalidRecord);
        return false;
      }
      merged.secdb = std::move(it->second.secdb);
      p = std::move(merged);
    } else if (it != records.end()) {
      ++stats.duplicates;
      if (p.modified < it->second.modified) return true;  // RFC 3339 UTC text orders by time
    }
    Entry& slot = it != records.end() ? it->second : records[p.id];
    withdrawn -= slot.withdrawn ? 1 : 0;
    withdrawn += p.withdrawn ? 1 : 0;
    slot = Entry{std::move(p.modified), std::move(p.compact), std::move(p.keys), std::move(p.ecosystems), p.withdrawn,
                 std::move(p.secdb)};
    return true;
  }

  // Returns whether every record of the file was valid; counts them into `info` when given.
  bool take(FileResult&& f, const Diagnostics& diagnostics, SourceInfo* info) {
    bool all = true;
    auto one = [&](Parsed&& p) {
      bool ok = take(std::move(p), diagnostics);
      all = all && ok;
      if (info != nullptr) ++(ok ? info->records : info->invalid);
    };
    if (!f.none) one(std::move(f.first));
    for (Parsed& p : f.more) one(std::move(p));
    return all;
  }
};

Builder::Builder() : impl_(std::make_unique<Impl>()) {}
Builder::~Builder() = default;
Builder::Builder(Builder&&) noexcept = default;
Builder& Builder::operator=(Builder&&) noexcept = default;

const BuildStats& Builder::stats() const {
  impl_->stats.records = impl_->records.size();
  impl_->stats.withdrawn = impl_->withdrawn;
  return impl_->stats;
}
const std::vector<SourceInfo>& Builder::sources() const { return impl_->sources; }

bool Builder::add_record(std::string_view text, const std::string& name, const Diagnostics& diagnostics) {
  impl_->stats.bytes += text.size();
  return impl_->take(process_text(name, text), diagnostics, nullptr);
}

namespace {

// What a file that is not OSV data is, from its first bytes: said instead of a parse error, since
// "1:1: invalid value" does not tell a user that the download was an error page.
std::string what_file_is(std::string_view text) {
  std::size_t i = text.compare(0, 3, "\xEF\xBB\xBF") == 0 ? 3 : 0;
  while (i < text.size() && (text[i] == ' ' || text[i] == '\t' || text[i] == '\r' || text[i] == '\n')) ++i;
  if (i == text.size()) return text.empty() ? "an empty file" : "a file of white space";
  if (text.compare(0, sizeof detail::kMagic, std::string_view(detail::kMagic, sizeof detail::kMagic)) == 0)
    return "an sbomkit index (built from OSV data, not a source of one)";
  if (text[i] == '<') {
    std::string head(text.substr(i, 1024));
    for (char& c : head) c = static_cast<char>(c >= 'A' && c <= 'Z' ? c - 'A' + 'a' : c);
    return head.find("<html") != std::string::npos || head.find("<!doctype html") != std::string::npos
               ? "an HTML page"
               : "an XML document";
  }
  return "";
}

// The same for a JSON document that is not a record: the SBOM given where the database goes, or
// a vulnerability feed this build does not import.
std::string what_document_is(std::string_view text) {
  auto v = json::parse(text);
  if (!v || !v->is_object()) return "";
  if (v->find("bomFormat") != nullptr) return "a CycloneDX document";
  if (v->find("spdxVersion") != nullptr) return "an SPDX document";
  if (v->find("CVE_Items") != nullptr)
    return "an NVD JSON 1.1 feed (retired by NVD; use the CVE API 2.0 data: an API page or the nvdcve-2.0 yearly feeds)";
  return "";
}

constexpr const char* kNotOsv = ", not OSV data (an OSV zip, a directory of OSV records or an OSV record)";

}  // namespace

Status Builder::add_source(const std::string& path, const Diagnostics& diagnostics, const SourceOrigin& origin) {
  std::error_code ec;
  SourceInfo info;
  info.path = origin.recorded_path.empty() ? path : origin.recorded_path;
  info.origin = origin.origin;
  info.last_modified = origin.last_modified;
  if (info.last_modified == 0)  // the validator a download or mirror left next to the file
    if (auto text = detail::read_whole_file(path + ".last-modified"))
      info.last_modified = text::parse_http_date(text::trim(*text)).value_or(0);
  bool feed_without_fixes = false;  // a secdb file that lists nothing: valid, and no records
  // Each batch is parsed (in parallel) and dropped before the next is read.
  auto sink = [&](std::vector<InputFile>&& files) {
    for (const InputFile& f : files) impl_->stats.bytes += f.size();
    std::vector<FileResult> parsed = process_all(files);
    for (FileResult& f : parsed) {
      feed_without_fixes = feed_without_fixes || f.none;
      impl_->take(std::move(f), diagnostics, &info);
    }
  };
  if (std::filesystem::is_directory(path, ec)) {
    info.kind = "directory";
    if (auto ok = detail::read_directory(path, sink, info.sha256); !ok) return ok;
  } else {
    auto text = detail::read_whole_file(path);
    if (!text) return std::move(text.error());
    if (text->size() >= 4 && text->compare(0, 4, "PK\x03\x04") == 0) {
      info.kind = "zip";
      text->clear();
      text->shrink_to_fit();
      if (auto ok = detail::read_zip(path, sink, info.sha256); !ok) return ok;
    } else {
      info.kind = "file";
      if (std::string what = what_file_is(*text); !what.empty()) return Error(path + ": " + what + kNotOsv);
      info.sha256 = text::sha256_hex(*text);
      impl_->stats.bytes += text->size();
      // Named as recorded: a staged copy (python.json.part) is read as the file it will become.
      FileResult f = process_text(info.path, *text);
      // A file that should have been one record and is not one is the source's error, not a skip.
      if (!f.none && f.more.empty() && !f.first.ok) {
        std::string plain;  // what a gzip file holds, for the checks below
        if (detail::is_gzip(*text))
          if (auto unzipped = detail::gunzip(*text, path)) plain = std::move(*unzipped);
        std::string_view content = detail::is_gzip(*text) ? std::string_view(plain) : std::string_view(*text);
        if (std::string what = what_document_is(content); !what.empty()) return Error(path + ": " + what + kNotOsv);
        if (std::string what = what_file_is(content); !what.empty() && !content.empty())
          return Error(path + ": " + what + kNotOsv);
        Error e = std::move(f.first.error);
        if (!f.converted)
          e.message = "not a valid OSV record: " + (e.pointer.empty() ? "" : "at " + e.pointer + ": ") + e.message;
        else if (!e.pointer.empty())
          e.message = "at " + e.pointer + ": " + e.message;
        e.pointer.clear();
        return e;
      }
      feed_without_fixes = f.none;
      impl_->take(std::move(f), diagnostics, &info);
    }
  }
  // A source that gives nothing is not vulnerability data: a scan against it would be clean.
  if (info.records == 0 && !feed_without_fixes) {
    std::string what = info.kind == "zip" ? "a zip" : info.kind == "directory" ? "a directory" : "a file";
    if (info.invalid > 0)
      return Error(path + ": " + what + " with no valid OSV record (" + std::to_string(info.invalid) +
                   " skipped as invalid)");
    return Error(path + ": " + what + " with no OSV record files (*.json, *.yaml, *.yml)");
  }
  impl_->sources.push_back(std::move(info));
  return Ok{};
}

std::string Builder::serialize(std::int64_t build_time) const {
  const BuildStats& st = stats();
  // The records in id order (their index numbers), walked once: a tree walk is slow at 500,000.
  std::vector<const Impl::Entry*> order;
  order.reserve(impl_->records.size());
  for (const auto& [id, e] : impl_->records) order.push_back(&e);
  // Package keys -> record indices, hashed while collecting and sorted once.
  std::unordered_map<std::string_view, std::vector<std::uint32_t>> by_key;
  std::map<std::string, std::uint64_t> ecosystems;
  for (std::uint32_t index = 0; index < order.size(); ++index) {
    for (const std::string& k : order[index]->keys) by_key[k].push_back(index);
    for (const std::string& eco : order[index]->ecosystems) ++ecosystems[eco];
  }
  std::vector<std::pair<std::string_view, const std::vector<std::uint32_t>*>> postings;
  postings.reserve(by_key.size());
  for (const auto& [key, recs] : by_key) postings.emplace_back(key, &recs);
  std::sort(postings.begin(), postings.end());

  std::string meta;
  {
    json::Emitter em(meta, 0);
    em.begin_object();
    em.key("sources");
    em.begin_array();
    for (const SourceInfo& s : impl_->sources) {
      em.begin_object();
      em.member("path", s.path);
      em.member("kind", s.kind);
      em.member("sha256", s.sha256);
      if (!s.origin.empty()) em.member("origin", s.origin);
      if (s.last_modified != 0) em.member("last_modified", text::rfc3339_utc(s.last_modified));
      em.key("records");
      em.number(json::Number::from(static_cast<std::int64_t>(s.records)));
      em.key("invalid");
      em.number(json::Number::from(static_cast<std::int64_t>(s.invalid)));
      em.end_object();
    }
    em.end_array();
    em.key("ecosystems");
    em.begin_object();
    for (const auto& [eco, n] : ecosystems) {
      em.key(eco);
      em.number(json::Number::from(static_cast<std::int64_t>(n)));
    }
    em.end_object();
    em.key("stats");
    em.begin_object();
    em.key("invalid");
    em.number(json::Number::from(static_cast<std::int64_t>(st.invalid)));
    em.key("duplicates");
    em.number(json::Number::from(static_cast<std::int64_t>(st.duplicates)));
    em.key("withdrawn");
    em.number(json::Number::from(static_cast<std::int64_t>(st.withdrawn)));
    em.end_object();
    em.end_object();
  }

  using namespace detail;
  std::string out(kHeaderSize, '\0');
  std::memcpy(out.data(), kMagic, sizeof kMagic);
  put_u32(out, kVersionAt, kFormatVersion);
  put_u32(out, kHeaderSizeAt, kHeaderSize);
  put_u64(out, kBuildTimeAt, static_cast<std::uint64_t>(build_time));
  auto align8 = [&] { out.resize((out.size() + 7) & ~std::size_t(7), '\0'); };

  put_u64(out, kMetaOffAt, out.size());
  put_u64(out, kMetaLenAt, meta.size());
  out += meta;
  align8();

  std::string strings;
  std::string keys;
  std::string posts;
  std::uint32_t post_count = 0;
  for (const auto& [key, recs] : postings) {
    append_u32(keys, static_cast<std::uint32_t>(strings.size()));
    append_u32(keys, static_cast<std::uint32_t>(key.size()));
    append_u32(keys, post_count);
    append_u32(keys, static_cast<std::uint32_t>(recs->size()));
    strings += key;
    for (std::uint32_t r : *recs) append_u32(posts, r);
    post_count += static_cast<std::uint32_t>(recs->size());
  }
  put_u64(out, kStrOffAt, out.size());
  put_u64(out, kStrLenAt, strings.size());
  out += strings;
  align8();
  put_u64(out, kKeysOffAt, out.size());
  put_u64(out, kKeyCountAt, postings.size());
  out += keys;
  put_u64(out, kPostOffAt, out.size());
  put_u64(out, kPostCountAt, post_count);
  out += posts;
  align8();

  // The records go straight into the output, which is sized once: the blob is most of the file.
  std::uint64_t blob_len = 0;
  for (const Impl::Entry* e : order) blob_len += e->compact.size();
  out.reserve(out.size() + order.size() * kRecordEntrySize + blob_len);
  put_u64(out, kRecOffAt, out.size());
  put_u64(out, kRecCountAt, order.size());
  std::uint64_t offset = 0;
  for (const Impl::Entry* e : order) {
    append_u64(out, offset);
    append_u32(out, static_cast<std::uint32_t>(e->compact.size()));
    append_u32(out, crc32_of(e->compact));
    offset += e->compact.size();
  }
  put_u64(out, kBlobOffAt, out.size());
  put_u64(out, kBlobLenAt, blob_len);
  // Every byte is under a checksum: the tables here, each record in its table entry, the header last.
  put_u32(out, kTablesCrcAt, crc32_of(std::string_view(out).substr(kHeaderSize)));
  put_u32(out, kHeaderCrcAt, header_crc(reinterpret_cast<const unsigned char*>(out.data())));
  for (const Impl::Entry* e : order) out += e->compact;
  return out;
}

}  // namespace sbom::vulndb
