// OSV records read by a RapidJSON SAX handler: a state machine over the schema's fixed shape,
// building the typed Record directly. Only the free-form objects (ecosystem_specific,
// database_specific) become json::Values.
#include "osv/fast_reader.h"

// Only this file's instantiations see it (its handler type is local): RapidJSON then scans strings
// and whitespace of NUL-terminated text 16 bytes at a time. x86-64 always has SSE2.
#if defined(__SSE2__) && !defined(RAPIDJSON_SSE2)
#define RAPIDJSON_SSE2
#endif
#include <rapidjson/memorystream.h>
#include <rapidjson/reader.h>

#include <cstdint>
#include <string>
#include <vector>

namespace sbom::osv::detail {
namespace {

// What an open object or array holds.
enum class Ctx : std::uint8_t {
  kRoot, kAffected, kPackage, kRange, kEvent, kSeverity, kReference,             // objects
  kStrings, kSeverities, kAffectedList, kRanges, kEvents, kReferences,           // arrays
};

// Members the schema gives a meaning; everything else is skipped.
enum class Field : std::uint8_t {
  kUnknown,
  kSchemaVersion, kId, kModified, kPublished, kWithdrawn, kAliases, kRelated, kUpstream, kSummary, kDetails,
  kSeverity, kAffected, kReferences, kDatabaseSpecific,
  kPackage, kRanges, kVersions, kEcosystemSpecific,
  kEcosystem, kName, kPurl,
  kType, kRepo, kEvents,
  kIntroduced, kFixed, kLastAffected, kLimit,
  kScore, kUrl,
};

struct Name {
  std::string_view key;
  Field field;
};

constexpr Name kRootFields[] = {
    {"schema_version", Field::kSchemaVersion}, {"id", Field::kId}, {"modified", Field::kModified},
    {"published", Field::kPublished}, {"withdrawn", Field::kWithdrawn}, {"aliases", Field::kAliases},
    {"related", Field::kRelated}, {"upstream", Field::kUpstream}, {"summary", Field::kSummary},
    {"details", Field::kDetails}, {"severity", Field::kSeverity}, {"affected", Field::kAffected},
    {"references", Field::kReferences}, {"database_specific", Field::kDatabaseSpecific},
};
constexpr Name kAffectedFields[] = {
    {"package", Field::kPackage}, {"severity", Field::kSeverity}, {"ranges", Field::kRanges},
    {"versions", Field::kVersions}, {"ecosystem_specific", Field::kEcosystemSpecific},
    {"database_specific", Field::kDatabaseSpecific},
};
constexpr Name kPackageFields[] = {{"ecosystem", Field::kEcosystem}, {"name", Field::kName}, {"purl", Field::kPurl}};
constexpr Name kRangeFields[] = {{"type", Field::kType}, {"repo", Field::kRepo}, {"events", Field::kEvents}};
constexpr Name kEventFields[] = {{"introduced", Field::kIntroduced}, {"fixed", Field::kFixed},
                                 {"last_affected", Field::kLastAffected}, {"limit", Field::kLimit}};
constexpr Name kSeverityFields[] = {{"type", Field::kType}, {"score", Field::kScore}};
constexpr Name kReferenceFields[] = {{"type", Field::kType}, {"url", Field::kUrl}};

template <std::size_t N>
Field lookup(const Name (&table)[N], std::string_view key) {
  for (const Name& n : table)
    if (n.key == key) return n.field;
  return Field::kUnknown;
}

struct Frame {
  Ctx ctx;
  void* target;          // the Record, Affected, Package, Range, Event, Severity or Reference; the vector of an array
  Field field = Field::kUnknown;  // member whose value comes next
  std::uint64_t seen = 0;         // members met so far (a repeated one sends the record to the slow path)
  int events_found = 0;           // kEvent: event kinds present
};

// Deeper than this the tree parser decides (it limits nesting to 512).
constexpr std::size_t kMaxDepth = 256;

class Handler {
 public:
  explicit Handler(Record& r) : rec_(r) {}

  bool done() const { return finished_; }

  // --- SAX interface ---
  bool Null() { return scalar(Kind::kNull, {}); }
  bool Bool(bool b) { return scalar(b ? Kind::kTrue : Kind::kFalse, {}); }
  bool Int(int) { return false; }  // numbers arrive as text (kParseNumbersAsStringsFlag)
  bool Uint(unsigned) { return false; }
  bool Int64(std::int64_t) { return false; }
  bool Uint64(std::uint64_t) { return false; }
  bool Double(double) { return false; }
  bool RawNumber(const char* s, rapidjson::SizeType n, bool) { return scalar(Kind::kNumber, {s, n}); }
  bool String(const char* s, rapidjson::SizeType n, bool) { return scalar(Kind::kString, {s, n}); }
  bool Key(const char* s, rapidjson::SizeType n, bool) {
    std::string_view k(s, n);
    if (skip_ > 0) return true;
    if (!free_.empty()) {
      free_.back().key.assign(k);
      return true;
    }
    Frame& f = stack_.back();
    switch (f.ctx) {
      case Ctx::kRoot: f.field = lookup(kRootFields, k); break;
      case Ctx::kAffected: f.field = lookup(kAffectedFields, k); break;
      case Ctx::kPackage: f.field = lookup(kPackageFields, k); break;
      case Ctx::kRange: f.field = lookup(kRangeFields, k); break;
      case Ctx::kEvent: f.field = lookup(kEventFields, k); break;
      case Ctx::kSeverity: f.field = lookup(kSeverityFields, k); break;
      case Ctx::kReference: f.field = lookup(kReferenceFields, k); break;
      default: return false;
    }
    if (f.field == Field::kUnknown) return true;
    std::uint64_t bit = std::uint64_t{1} << static_cast<unsigned>(f.field);
    if (f.seen & bit) return false;  // duplicate key: the tree parser's "last one wins" decides
    f.seen |= bit;
    return true;
  }
  bool StartObject() { return open(true); }
  bool StartArray() { return open(false); }
  bool EndObject(rapidjson::SizeType) { return close(); }
  bool EndArray(rapidjson::SizeType) { return close(); }

 private:
  enum class Kind : std::uint8_t { kNull, kTrue, kFalse, kNumber, kString };

  struct FreeLevel {
    json::Value value;
    std::string key;  // objects: the key of the member being read
  };

  Frame& top() { return stack_.back(); }
  template <typename T>
  T& target() { return *static_cast<T*>(stack_.back().target); }

  static json::Value free_scalar(Kind k, std::string_view s) {
    switch (k) {
      case Kind::kNull: return json::Value();
      case Kind::kTrue: return json::Value(true);
      case Kind::kFalse: return json::Value(false);
      case Kind::kNumber: return json::Value(json::Number{std::string(s)});
      case Kind::kString: break;
    }
    return json::Value(s);
  }

  // A finished free-form value goes into its parent, or to its member of the model.
  void free_add(json::Value v) {
    if (free_.empty()) {
      *free_target_ = std::move(v);
      return;
    }
    FreeLevel& p = free_.back();
    if (p.value.is_object()) p.value.as_object().emplace_back(std::move(p.key), std::move(v));
    else p.value.as_array().push_back(std::move(v));
  }

  bool scalar(Kind k, std::string_view s) {
    if (skip_ > 0) return true;
    if (!free_.empty()) {
      free_add(free_scalar(k, s));
      return true;
    }
    if (stack_.empty()) return false;  // the record must be an object
    Frame& f = top();
    switch (f.ctx) {
      case Ctx::kStrings:
        if (k != Kind::kString) return false;
        static_cast<std::vector<std::string>*>(f.target)->emplace_back(s);
        return true;
      case Ctx::kSeverities:
      case Ctx::kAffectedList:
      case Ctx::kRanges:
      case Ctx::kEvents:
      case Ctx::kReferences:
        return false;  // elements must be objects
      default: break;
    }
    if (f.field == Field::kUnknown) return true;
    bool is_null = k == Kind::kNull;
    if (f.ctx == Ctx::kEvent) {
      if (k != Kind::kString || s.empty()) return false;
      Event& e = target<Event>();
      e.kind = f.field == Field::kIntroduced ? Event::Kind::kIntroduced
               : f.field == Field::kFixed    ? Event::Kind::kFixed
               : f.field == Field::kLastAffected ? Event::Kind::kLastAffected
                                                 : Event::Kind::kLimit;
      e.version.assign(s);
      ++f.events_found;
      return true;
    }
    if (f.ctx == Ctx::kRange && f.field == Field::kType) {
      if (is_null) return true;  // absent: close() finds the range without a type
      if (k != Kind::kString) return false;
      Range& r = target<Range>();
      if (s == "SEMVER") r.type = RangeType::kSemver;
      else if (s == "ECOSYSTEM") r.type = RangeType::kEcosystem;
      else if (s == "GIT") r.type = RangeType::kGit;
      else return false;
      has_type_ = true;
      return true;
    }
    std::string* str = string_member(f);
    // Array and object members take only null (absent) as a scalar, and `events` not even that.
    if (str == nullptr) return is_null && f.field != Field::kEvents;
    if (is_null) return true;
    if (k != Kind::kString) return false;
    str->assign(s);
    return true;
  }

  // The string a member is read into; nullptr for members that are not strings.
  std::string* string_member(Frame& f) {
    switch (f.ctx) {
      case Ctx::kRoot: {
        Record& r = target<Record>();
        switch (f.field) {
          case Field::kSchemaVersion: return &r.schema_version;
          case Field::kId: return &r.id;
          case Field::kModified: return &r.modified;
          case Field::kPublished: return &r.published;
          case Field::kWithdrawn: return &r.withdrawn;
          case Field::kSummary: return &r.summary;
          case Field::kDetails: return &r.details;
          default: return nullptr;
        }
      }
      case Ctx::kPackage: {
        Package& p = target<Package>();
        return f.field == Field::kEcosystem ? &p.ecosystem : f.field == Field::kName ? &p.name : &p.purl;
      }
      case Ctx::kRange: return f.field == Field::kRepo ? &target<Range>().repo : nullptr;
      case Ctx::kSeverity: return f.field == Field::kType ? &target<Severity>().type : &target<Severity>().score;
      case Ctx::kReference: return f.field == Field::kType ? &target<Reference>().type : &target<Reference>().url;
      default: return nullptr;
    }
  }

  bool push(Ctx ctx, void* target) {
    if (stack_.size() + free_.size() >= kMaxDepth) return false;
    stack_.push_back(Frame{ctx, target});
    return true;
  }

  bool open(bool object) {
    if (skip_ > 0) {
      ++skip_;
      return skip_ < kMaxDepth;
    }
    if (!free_.empty()) {
      if (stack_.size() + free_.size() >= kMaxDepth) return false;
      free_.push_back(FreeLevel{object ? json::Value(json::Object{}) : json::Value(json::Array{}), {}});
      return true;
    }
    if (stack_.empty()) {
      if (!object || finished_) return false;
      return push(Ctx::kRoot, &rec_);
    }
    Frame& f = top();
    // Elements of the arrays of objects.
    switch (f.ctx) {
      case Ctx::kStrings: return false;
      case Ctx::kSeverities: {
        if (!object) return false;
        auto& v = *static_cast<std::vector<Severity>*>(f.target);
        v.emplace_back();
        return push(Ctx::kSeverity, &v.back());
      }
      case Ctx::kAffectedList: {
        if (!object) return false;
        rec_.affected.emplace_back();
        return push(Ctx::kAffected, &rec_.affected.back());
      }
      case Ctx::kRanges: {
        if (!object) return false;
        auto& v = *static_cast<std::vector<Range>*>(f.target);
        v.emplace_back();
        has_type_ = false;
        return push(Ctx::kRange, &v.back());
      }
      case Ctx::kEvents: {
        if (!object) return false;
        auto& v = *static_cast<std::vector<Event>*>(f.target);
        v.emplace_back();
        return push(Ctx::kEvent, &v.back());
      }
      case Ctx::kReferences: {
        if (!object) return false;
        auto& v = *static_cast<std::vector<Reference>*>(f.target);
        v.emplace_back();
        return push(Ctx::kReference, &v.back());
      }
      default: break;
    }
    // A member's value.
    if (f.field == Field::kUnknown) {
      skip_ = 1;
      return true;
    }
    auto array_of = [&](Ctx ctx, void* vec) { return !object && push(ctx, vec); };
    auto free_object = [&](json::Value* to) {
      if (!object) return false;
      free_target_ = to;
      free_.push_back(FreeLevel{json::Value(json::Object{}), {}});
      return true;
    };
    switch (f.ctx) {
      case Ctx::kRoot: {
        Record& r = target<Record>();
        switch (f.field) {
          case Field::kAliases: return array_of(Ctx::kStrings, &r.aliases);
          case Field::kRelated: return array_of(Ctx::kStrings, &r.related);
          case Field::kUpstream: return array_of(Ctx::kStrings, &r.upstream);
          case Field::kSeverity: return array_of(Ctx::kSeverities, &r.severity);
          case Field::kAffected: return array_of(Ctx::kAffectedList, &r.affected);
          case Field::kReferences: return array_of(Ctx::kReferences, &r.references);
          case Field::kDatabaseSpecific: return free_object(&r.database_specific);
          default: return false;  // a string member given an object or array
        }
      }
      case Ctx::kAffected: {
        Affected& a = target<Affected>();
        switch (f.field) {
          case Field::kPackage:
            if (!object) return false;
            return push(Ctx::kPackage, &a.package);
          case Field::kSeverity: return array_of(Ctx::kSeverities, &a.severity);
          case Field::kRanges: return array_of(Ctx::kRanges, &a.ranges);
          case Field::kVersions: return array_of(Ctx::kStrings, &a.versions);
          case Field::kEcosystemSpecific: return free_object(&a.ecosystem_specific);
          case Field::kDatabaseSpecific: return free_object(&a.database_specific);
          default: return false;
        }
      }
      case Ctx::kRange:
        if (f.field == Field::kEvents) return array_of(Ctx::kEvents, &target<Range>().events);
        return false;
      default: return false;  // package, event, severity and reference members are strings
    }
  }

  bool close() {
    if (skip_ > 0) {
      --skip_;
      return true;
    }
    if (!free_.empty()) {
      json::Value v = std::move(free_.back().value);
      free_.pop_back();
      free_add(std::move(v));
      return true;
    }
    Frame f = top();
    stack_.pop_back();
    auto seen = [&](Field field) { return (f.seen & (std::uint64_t{1} << static_cast<unsigned>(field))) != 0; };
    switch (f.ctx) {
      case Ctx::kRoot: {
        const Record& r = *static_cast<Record*>(f.target);
        if (r.id.empty() || r.modified.empty()) return false;
        finished_ = true;
        return true;
      }
      case Ctx::kPackage: {
        const Package& p = *static_cast<Package*>(f.target);
        return !p.ecosystem.empty() && !p.name.empty();
      }
      case Ctx::kRange: {
        const Range& r = *static_cast<Range*>(f.target);
        if (!seen(Field::kType) || !has_type_ || !seen(Field::kEvents)) return false;
        if (r.type == RangeType::kGit && r.repo.empty()) return false;
        for (const Event& e : r.events)
          if (e.kind == Event::Kind::kIntroduced) return true;
        return false;
      }
      case Ctx::kEvent: return f.events_found == 1;
      case Ctx::kSeverity: {
        const Severity& s = *static_cast<Severity*>(f.target);
        return !s.type.empty() && !s.score.empty();
      }
      case Ctx::kReference: return !static_cast<Reference*>(f.target)->url.empty();
      default: return true;  // arrays
    }
  }

  Record& rec_;
  std::vector<Frame> stack_;
  std::vector<FreeLevel> free_;
  json::Value* free_target_ = nullptr;
  std::size_t skip_ = 0;  // depth inside a skipped (unknown) member
  bool finished_ = false;
  bool has_type_ = false;  // the open range has a valid `type`
};

}  // namespace

namespace {

template <unsigned kFlags, typename Stream>
bool run(Stream& stream, std::string_view text, Record& out) {
  Record rec;
  Handler h(rec);
  rapidjson::Reader reader;
  if (reader.Parse<kFlags | rapidjson::kParseIterativeFlag | rapidjson::kParseNumbersAsStringsFlag |
                   rapidjson::kParseStopWhenDoneFlag>(stream, h)
          .IsError() ||
      !h.done())
    return false;
  // Only whitespace may follow (a NUL byte ends RapidJSON's stream early: the offset tells).
  for (std::size_t i = stream.Tell(); i < text.size(); ++i) {
    char c = text[i];
    if (c != ' ' && c != '\t' && c != '\n' && c != '\r') return false;
  }
  out = std::move(rec);
  return true;
}

}  // namespace

bool read_record_fast(std::string_view text, Record& out) {
  rapidjson::MemoryStream stream(text.data(), text.size());
  return run<rapidjson::kParseValidateEncodingFlag>(stream, text, out);
}

bool read_stored_record(std::string_view text, Record& out) {
  // A private NUL-terminated copy lets RapidJSON decode strings in place and scan them 16 bytes
  // at a time (a record inside the mapped index has no terminator and is read-only).
  // RapidJSON's 16-byte loads may reach past the terminator (within its aligned block, as
  // AddressSanitizer notices): the copy is padded so they stay inside it.
  thread_local std::string copy;
  copy.assign(text);
  copy.append(16, '\0');
  rapidjson::InsituStringStream stream(copy.data());
  return run<rapidjson::kParseInsituFlag>(stream, text, out);
}

}  // namespace sbom::osv::detail
