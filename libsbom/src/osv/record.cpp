// OSV records: JSON text -> osv::Record in one pull pass over validated text (core/json_cursor.h),
// checking the structure the OSV schema requires. The one reader of OSV records: trees (YAML
// records, converted feeds) are written as JSON text and read by it too.
#include <array>
#include <utility>

#include "core/json_cursor.h"
#include "sbom/osv.h"

namespace sbom::osv {
namespace {

using json::Position;
using Kind = json::Value::Kind;
using Mark = json::detail::Cursor::Mark;

template <std::size_t N>
using Keys = std::array<std::string_view, N>;

// Reads one record, keeping the path to the current value (as steps, made into a JSON Pointer only
// for an error) so that every error says where. Members the schema does not define are skipped.
//
// Two orders: valid records (nearly all) are read in one pass in the order of their text. A record
// that fails is read again `ordered`: each object's members in the order the schema lists them,
// each requirement checked right after its member, so the error reported is the first in that
// order, whatever order the producer wrote the members in (a GitHub API document is said to have
// no id, not to have a `severity` of the wrong type).
class Reader {
 public:
  Reader(json::detail::Cursor& c, std::string_view name, bool ordered) : c_(c), name_(name), ordered_(ordered) {}

  Status record(Record& out) {
    Mark at = c_.mark();
    if (auto ok = expect(Kind::Object); !ok) return ok;
    static constexpr Keys<14> kKeys = {"schema_version", "id",       "modified", "published", "withdrawn",
                                       "aliases",        "related",  "upstream", "summary",   "details",
                                       "severity",       "affected", "references", "database_specific"};
    return object(
        kKeys,
        [&](std::size_t i) -> Status {
          switch (i) {
            case 0: return string(out.schema_version);
            case 1: return string(out.id);
            case 2: return string(out.modified);
            case 3: return string(out.published);
            case 4: return string(out.withdrawn);
            case 5: return strings(out.aliases);
            case 6: return strings(out.related);
            case 7: return strings(out.upstream);
            case 8: return string(out.summary);
            case 9: return string(out.details);
            case 10: return severities(out.severity);
            case 11: return list(out.affected, &Reader::affected);
            case 12: return list(out.references, &Reader::reference);
            default: return free_object(out.database_specific);
          }
        },
        [&](std::size_t i) -> Status {
          if (i == 1 && out.id.empty()) return error(at, "record has no id");
          if (i == 2 && out.modified.empty()) return error(at, "record " + out.id + " has no modified time");
          return Ok{};
        });
  }

 private:
  struct Step {
    std::string_view key;  // empty: an array index
    std::size_t index = 0;
  };
  // The path to the value being read grows for as long as one of these lives. The deepest value
  // read is /affected/i/ranges/j/events/k/introduced.
  static constexpr std::size_t kMaxPath = 8;
  class Enter {
   public:
    Enter(Reader& r, Step s) : r_(r) { r_.path_[r_.depth_++] = s; }
    ~Enter() { --r_.depth_; }
    Enter(const Enter&) = delete;
    Enter& operator=(const Enter&) = delete;

   private:
    Reader& r_;
  };

  // Keys come from the tables above: nothing in them needs RFC 6901 escaping.
  std::string pointer() const {
    if (depth_ == 0) return "/";
    std::string p;
    for (std::size_t i = 0; i < depth_; ++i) {
      const Step& s = path_[i];
      p += '/';
      if (s.key.empty()) p += std::to_string(s.index);
      else p += s.key;
    }
    return p;
  }

  Error error(Position at, std::string message) const { return json::error_at(name_, at, pointer(), std::move(message)); }
  // Positions are counted only for an error: the cursor goes back to where the value started
  // (and is not used again).
  Error error(const Mark& at, std::string message) {
    c_.reset(at);
    return error(c_.position(), std::move(message));
  }

  Error wrong_kind(Kind want, Kind found) {
    return error(c_.position(), "expected " + std::string(json::kind_name(want)) + ", got " +
                                    std::string(json::kind_name(found)));
  }

  Status expect(Kind kind) {
    Kind found = c_.peek();
    if (found == kind) return Ok{};
    return wrong_kind(kind, found);
  }

  // An optional member given as null counts as absent.
  bool null() {
    if (c_.peek() != Kind::Null) return false;
    c_.read_null();
    return true;
  }
  // The next value, of `kind` or null (then false, and nothing read).
  Expected<bool> optional(Kind kind) {
    Kind found = c_.peek();
    if (found == kind) return true;
    if (found != Kind::Null) return wrong_kind(kind, found);
    c_.read_null();
    return false;
  }

  // The members of the object at the cursor: `member(i)` reads the value of keys[i]; `after(i)`
  // checks what must hold once keys[i] is read (or known absent).
  template <std::size_t N, typename F, typename G>
  Status object(const Keys<N>& keys, F&& member, G&& after) {
    std::string_view key;
    if (ordered_) {
      const json::detail::Cursor::Mark start = c_.mark();
      for (std::size_t i = 0; i < N; ++i) {
        c_.reset(start);
        c_.begin_object();
        while (c_.next_key(key, key_buf_)) {
          if (key != keys[i]) {
            c_.skip_value();
            continue;
          }
          Enter in(*this, {keys[i]});
          if (auto ok = member(i); !ok) return ok;
          break;  // no duplicates: the text was checked for them before this second look
        }
        if (auto ok = after(i); !ok) return ok;
      }
      c_.reset(start);
      c_.skip_value();
      return Ok{};
    }
    std::array<bool, N> seen{};
    c_.begin_object();
    while (c_.next_key(key, key_buf_)) {
      std::size_t i = 0;
      while (i < N && keys[i] != key) ++i;
      if (i == N) {
        c_.skip_value();
        continue;
      }
      // Which of two values counts is ambiguous: refused (parse_record says where).
      if (seen[i]) return Error("duplicate key");
      seen[i] = true;
      Enter in(*this, {keys[i]});
      if (auto ok = member(i); !ok) return ok;
    }
    for (std::size_t i = 0; i < N; ++i)
      if (auto ok = after(i); !ok) return ok;
    return Ok{};
  }
  template <std::size_t N, typename F>
  Status object(const Keys<N>& keys, F&& member) {
    return object(keys, std::forward<F>(member), [](std::size_t) { return Status(Ok{}); });
  }

  // The elements of an array member (null: absent), each read by `element`.
  template <typename T>
  Status list(std::vector<T>& out, Status (Reader::*element)(T&)) {
    if (null()) return Ok{};
    return elements(out, element);
  }
  template <typename T>
  Status elements(std::vector<T>& out, Status (Reader::*element)(T&)) {
    if (auto ok = expect(Kind::Array); !ok) return ok;
    c_.begin_array();
    for (std::size_t i = 0; c_.next_element(); ++i) {
      Enter in(*this, {{}, i});
      if (auto ok = (this->*element)(out.emplace_back()); !ok) return ok;
    }
    return Ok{};
  }

  Status string(std::string& out) {
    auto present = optional(Kind::String);
    if (!present) return std::move(present).error();
    if (*present) c_.read_string_into(out);
    return Ok{};
  }

  Status string_element(std::string& out) {
    if (auto ok = expect(Kind::String); !ok) return ok;
    c_.read_string_into(out);
    return Ok{};
  }

  Status strings(std::vector<std::string>& out) { return list(out, &Reader::string_element); }

  Status free_object(json::Value& out) {
    if (null()) return Ok{};
    if (auto ok = expect(Kind::Object); !ok) return ok;
    out = c_.read_value(false);
    return Ok{};
  }

  Status severity(Severity& s) {
    Mark at = c_.mark();
    if (auto ok = expect(Kind::Object); !ok) return ok;
    static constexpr Keys<2> kKeys = {"type", "score"};
    return object(
        kKeys, [&](std::size_t i) { return string(i == 0 ? s.type : s.score); },
        [&](std::size_t i) -> Status {
          if (i == 1 && s.type.empty()) return error(at, "severity has no type");
          if (i == 1 && s.score.empty()) return error(at, "severity has no score");
          return Ok{};
        });
  }

  Status severities(std::vector<Severity>& out) { return list(out, &Reader::severity); }

  Status reference(Reference& r) {
    Mark at = c_.mark();
    if (auto ok = expect(Kind::Object); !ok) return ok;
    static constexpr Keys<2> kKeys = {"type", "url"};
    return object(
        kKeys, [&](std::size_t i) { return string(i == 0 ? r.type : r.url); },
        [&](std::size_t i) -> Status {
          if (i == 1 && r.url.empty()) return error(at, "reference has no url");
          return Ok{};
        });
  }

  Status event(Event& out) {
    Mark at = c_.mark();
    if (auto ok = expect(Kind::Object); !ok) return ok;
    static constexpr Keys<4> kKeys = {"introduced", "fixed", "last_affected", "limit"};
    static constexpr Event::Kind kKinds[] = {Event::Kind::kIntroduced, Event::Kind::kFixed, Event::Kind::kLastAffected,
                                             Event::Kind::kLimit};
    int found = 0;
    return object(
        kKeys,
        [&](std::size_t i) -> Status {
          Mark vat = c_.mark();
          if (auto ok = string_element(out.version); !ok) return ok;
          if (out.version.empty()) return error(vat, "empty " + std::string(kKeys[i]) + " version");
          out.kind = kKinds[i];
          ++found;
          return Ok{};
        },
        [&](std::size_t i) -> Status {
          if (i == 3 && found == 0) return error(at, "event has no introduced, fixed, last_affected or limit");
          if (i == 3 && found > 1) return error(at, "event has more than one of introduced, fixed, last_affected and limit");
          return Ok{};
        });
  }

  Status range(Range& out) {
    Mark at = c_.mark();
    if (auto ok = expect(Kind::Object); !ok) return ok;
    static constexpr Keys<3> kKeys = {"type", "repo", "events"};
    bool typed = false;
    bool has_events = false;
    Mark events_at{};
    return object(
        kKeys,
        [&](std::size_t i) -> Status {
          switch (i) {
            case 0: {
              Mark tat = c_.mark();
              std::string type;
              if (auto ok = string(type); !ok) return ok;
              typed = !type.empty();
              if (type == "SEMVER") out.type = RangeType::kSemver;
              else if (type == "ECOSYSTEM") out.type = RangeType::kEcosystem;
              else if (type == "GIT") out.type = RangeType::kGit;
              else if (typed) return error(tat, "unknown range type '" + type + "'");
              return Ok{};
            }
            case 1: return string(out.repo);
            default:
              has_events = true;
              events_at = c_.mark();
              return elements(out.events, &Reader::event);  // required: null is not "none"
          }
        },
        [&](std::size_t i) -> Status {
          if (i == 0 && !typed) return error(at, "range has no type");
          if (i == 1 && out.type == RangeType::kGit && out.repo.empty()) return error(at, "GIT range has no repo");
          if (i != 2) return Ok{};
          if (!has_events) return error(at, "range has no events");
          // The schema requires one: without it the evaluation algorithm never reports a
          // version, which would turn a malformed advisory into a silent "not affected".
          for (const Event& e : out.events)
            if (e.kind == Event::Kind::kIntroduced) return Ok{};
          Enter in(*this, {"events"});
          return error(events_at, "range has no introduced event");
        });
  }

  Status package(Package& p) {
    Mark at = c_.mark();
    if (auto ok = expect(Kind::Object); !ok) return ok;
    static constexpr Keys<3> kKeys = {"ecosystem", "name", "purl"};
    return object(
        kKeys, [&](std::size_t i) { return string(i == 0 ? p.ecosystem : i == 1 ? p.name : p.purl); },
        [&](std::size_t i) -> Status {
          if (i == 2 && p.ecosystem.empty()) return error(at, "package has no ecosystem");
          if (i == 2 && p.name.empty()) return error(at, "package has no name");
          return Ok{};
        });
  }

  Status affected(Affected& out) {
    if (auto ok = expect(Kind::Object); !ok) return ok;
    static constexpr Keys<6> kKeys = {"package",  "severity",           "ranges",
                                      "versions", "ecosystem_specific", "database_specific"};
    return object(kKeys, [&](std::size_t i) -> Status {
      switch (i) {
        case 0: return null() ? Status(Ok{}) : package(out.package);
        case 1: return severities(out.severity);
        case 2: return list(out.ranges, &Reader::range);
        case 3: return strings(out.versions);
        case 4: return free_object(out.ecosystem_specific);
        default: return free_object(out.database_specific);
      }
    });
  }

  json::detail::Cursor& c_;
  std::string_view name_;
  bool ordered_;
  std::array<Step, kMaxPath> path_;
  std::size_t depth_ = 0;
  std::string key_buf_;
};

}  // namespace

std::string_view to_string(Event::Kind kind) {
  switch (kind) {
    case Event::Kind::kIntroduced: return "introduced";
    case Event::Kind::kFixed: return "fixed";
    case Event::Kind::kLastAffected: return "last_affected";
    case Event::Kind::kLimit: return "limit";
  }
  return "?";
}

std::string_view to_string(RangeType type) {
  switch (type) {
    case RangeType::kSemver: return "SEMVER";
    case RangeType::kEcosystem: return "ECOSYSTEM";
    case RangeType::kGit: return "GIT";
  }
  return "?";
}

Expected<Record> parse_record(std::string_view text, std::string_view name) {
  // Members we skip may repeat a key (the schema leaves them to their producers).
  const std::size_t depth = json::ParseOptions{}.max_depth;
  if (auto ok = json::detail::validate(text, depth); !ok) return std::move(ok.error().in_file(name));
  json::detail::Cursor c(text);
  Record r;
  Status first = Reader(c, name, false).record(r);
  if (first) return r;
  // A repeated key anywhere is said first (an advisory that says two things about one field is
  // not guessed at), then the first error in the schema's order.
  if (auto ok = json::detail::validate(text, depth, true); !ok) return std::move(ok.error().in_file(name));
  json::detail::Cursor again(text);
  Record ignored;
  Status ordered = Reader(again, name, true).record(ignored);
  return std::move(ordered ? first : ordered).error();
}

Expected<Record> parse_stored_record(std::string_view text, std::string_view name) {
  // The same checks: a damaged or forged index must not get a reader past the end of a record.
  return parse_record(text, name);
}

Expected<Record> from_json(const json::Value& root, std::string_view name) {
  std::string text;
  return from_json(root, name, text);
}

Expected<Record> from_json(const json::Value& root, std::string_view name, std::string& text) {
  // One reader: the tree as text, and errors placed back at the tree's positions (its text says
  // where in the input, YAML included, which the written text cannot).
  text = json::write(root, json::WriteOptions{.indent = 0});
  auto r = parse_record(text, name);
  if (!r) {
    Error& e = r.error();
    const json::Value* at = e.pointer.empty() ? nullptr : json::at_pointer(root, e.pointer == "/" ? "" : e.pointer);
    e.line = at ? at->position.line : 0;
    e.column = at ? at->position.column : 0;
  }
  return r;
}

}  // namespace sbom::osv
