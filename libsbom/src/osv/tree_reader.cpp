// TEMPORARY: the old tree reader, kept only so the tests and the fuzz target can compare the cursor
// reader with it field by field; deleted once they agree.
#include <utility>

#include "osv/tree_reader.h"

namespace sbom::osv::detail {
namespace {

// Walks the JSON tree keeping the JSON Pointer of the current value, so every error says where.
class Reader {
 public:
  explicit Reader(std::string_view name) : name_(name) {}

  Error error(const json::Value& at, const std::string& pointer, std::string message) const {
    Error e(std::move(message));
    e.file = std::string(name_);
    e.pointer = pointer.empty() ? "/" : pointer;
    e.line = at.position.line;
    e.column = at.position.column;
    return e;
  }

  Status expect(const json::Value& v, json::Value::Kind kind, const std::string& ptr) const {
    if (v.kind() == kind) return Ok{};
    return error(v, ptr, "expected " + std::string(json::kind_name(kind)) + ", got " +
                             std::string(json::kind_name(v.kind())));
  }

  // Optional string member; absent and null leave `out` untouched.
  Status string(const json::Value& obj, std::string_view key, const std::string& ptr, std::string& out) const {
    const json::Value* v = obj.find(key);
    if (v == nullptr || v->is_null()) return Ok{};
    std::string p = ptr + "/" + json::pointer_token(key);
    if (auto ok = expect(*v, json::Value::Kind::String, p); !ok) return ok;
    out = v->as_string();
    return Ok{};
  }

  Status strings(const json::Value& obj, std::string_view key, const std::string& ptr,
                 std::vector<std::string>& out) const {
    const json::Value* v = obj.find(key);
    if (v == nullptr || v->is_null()) return Ok{};
    std::string p = ptr + "/" + json::pointer_token(key);
    if (auto ok = expect(*v, json::Value::Kind::Array, p); !ok) return ok;
    for (std::size_t i = 0; i < v->as_array().size(); ++i) {
      const json::Value& item = v->as_array()[i];
      if (auto ok = expect(item, json::Value::Kind::String, p + "/" + std::to_string(i)); !ok) return ok;
      out.push_back(item.as_string());
    }
    return Ok{};
  }

  Status object_member(const json::Value& obj, std::string_view key, const std::string& ptr, json::Value& out) const {
    const json::Value* v = obj.find(key);
    if (v == nullptr || v->is_null()) return Ok{};
    if (auto ok = expect(*v, json::Value::Kind::Object, ptr + "/" + json::pointer_token(key)); !ok) return ok;
    out = *v;
    return Ok{};
  }

  Status severities(const json::Value& obj, const std::string& ptr, std::vector<Severity>& out) const {
    const json::Value* v = obj.find("severity");
    if (v == nullptr || v->is_null()) return Ok{};
    std::string p = ptr + "/severity";
    if (auto ok = expect(*v, json::Value::Kind::Array, p); !ok) return ok;
    for (std::size_t i = 0; i < v->as_array().size(); ++i) {
      const json::Value& item = v->as_array()[i];
      std::string ip = p + "/" + std::to_string(i);
      if (auto ok = expect(item, json::Value::Kind::Object, ip); !ok) return ok;
      Severity s;
      if (auto ok = string(item, "type", ip, s.type); !ok) return ok;
      if (auto ok = string(item, "score", ip, s.score); !ok) return ok;
      if (s.type.empty()) return error(item, ip, "severity has no type");
      if (s.score.empty()) return error(item, ip, "severity has no score");
      out.push_back(std::move(s));
    }
    return Ok{};
  }

  Status event(const json::Value& v, const std::string& ptr, Event& out) const {
    if (auto ok = expect(v, json::Value::Kind::Object, ptr); !ok) return ok;
    static constexpr std::pair<std::string_view, Event::Kind> kKinds[] = {
        {"introduced", Event::Kind::kIntroduced},
        {"fixed", Event::Kind::kFixed},
        {"last_affected", Event::Kind::kLastAffected},
        {"limit", Event::Kind::kLimit},
    };
    int found = 0;
    for (const auto& [key, kind] : kKinds) {
      const json::Value* m = v.find(key);
      if (m == nullptr) continue;
      std::string mp = ptr + "/" + std::string(key);
      if (auto ok = expect(*m, json::Value::Kind::String, mp); !ok) return ok;
      if (m->as_string().empty()) return error(*m, mp, "empty " + std::string(key) + " version");
      out.kind = kind;
      out.version = m->as_string();
      ++found;
    }
    if (found == 0) return error(v, ptr, "event has no introduced, fixed, last_affected or limit");
    if (found > 1) return error(v, ptr, "event has more than one of introduced, fixed, last_affected and limit");
    return Ok{};
  }

  Status range(const json::Value& v, const std::string& ptr, Range& out) const {
    if (auto ok = expect(v, json::Value::Kind::Object, ptr); !ok) return ok;
    std::string type;
    if (auto ok = string(v, "type", ptr, type); !ok) return ok;
    if (type == "SEMVER") out.type = RangeType::kSemver;
    else if (type == "ECOSYSTEM") out.type = RangeType::kEcosystem;
    else if (type == "GIT") out.type = RangeType::kGit;
    else if (type.empty()) return error(v, ptr, "range has no type");
    else return error(*v.find("type"), ptr + "/type", "unknown range type '" + type + "'");
    if (auto ok = string(v, "repo", ptr, out.repo); !ok) return ok;
    if (out.type == RangeType::kGit && out.repo.empty()) return error(v, ptr, "GIT range has no repo");
    const json::Value* events = v.find("events");
    if (events == nullptr) return error(v, ptr, "range has no events");
    std::string ep = ptr + "/events";
    if (auto ok = expect(*events, json::Value::Kind::Array, ep); !ok) return ok;
    bool introduced = false;
    for (std::size_t i = 0; i < events->as_array().size(); ++i) {
      Event e;
      if (auto ok = event(events->as_array()[i], ep + "/" + std::to_string(i), e); !ok) return ok;
      introduced = introduced || e.kind == Event::Kind::kIntroduced;
      out.events.push_back(std::move(e));
    }
    // The schema requires one: without it the evaluation algorithm never reports a version, which
    // would turn a malformed advisory into a silent "not affected".
    if (!introduced) return error(*events, ep, "range has no introduced event");
    return Ok{};
  }

  Status affected(const json::Value& v, const std::string& ptr, Affected& out) const {
    if (auto ok = expect(v, json::Value::Kind::Object, ptr); !ok) return ok;
    if (const json::Value* pkg = v.find("package"); pkg != nullptr && !pkg->is_null()) {
      std::string pp = ptr + "/package";
      if (auto ok = expect(*pkg, json::Value::Kind::Object, pp); !ok) return ok;
      if (auto ok = string(*pkg, "ecosystem", pp, out.package.ecosystem); !ok) return ok;
      if (auto ok = string(*pkg, "name", pp, out.package.name); !ok) return ok;
      if (auto ok = string(*pkg, "purl", pp, out.package.purl); !ok) return ok;
      if (out.package.ecosystem.empty()) return error(*pkg, pp, "package has no ecosystem");
      if (out.package.name.empty()) return error(*pkg, pp, "package has no name");
    }
    if (auto ok = severities(v, ptr, out.severity); !ok) return ok;
    if (const json::Value* ranges = v.find("ranges"); ranges != nullptr && !ranges->is_null()) {
      std::string rp = ptr + "/ranges";
      if (auto ok = expect(*ranges, json::Value::Kind::Array, rp); !ok) return ok;
      for (std::size_t i = 0; i < ranges->as_array().size(); ++i) {
        Range r;
        if (auto ok = range(ranges->as_array()[i], rp + "/" + std::to_string(i), r); !ok) return ok;
        out.ranges.push_back(std::move(r));
      }
    }
    if (auto ok = strings(v, "versions", ptr, out.versions); !ok) return ok;
    if (auto ok = object_member(v, "ecosystem_specific", ptr, out.ecosystem_specific); !ok) return ok;
    if (auto ok = object_member(v, "database_specific", ptr, out.database_specific); !ok) return ok;
    return Ok{};
  }

  Status record(const json::Value& root, Record& out) const {
    if (auto ok = expect(root, json::Value::Kind::Object, ""); !ok) return ok;
    if (auto ok = string(root, "schema_version", "", out.schema_version); !ok) return ok;
    if (auto ok = string(root, "id", "", out.id); !ok) return ok;
    if (out.id.empty()) return error(root, "", "record has no id");
    if (auto ok = string(root, "modified", "", out.modified); !ok) return ok;
    if (out.modified.empty()) return error(root, "", "record " + out.id + " has no modified time");
    if (auto ok = string(root, "published", "", out.published); !ok) return ok;
    if (auto ok = string(root, "withdrawn", "", out.withdrawn); !ok) return ok;
    if (auto ok = strings(root, "aliases", "", out.aliases); !ok) return ok;
    if (auto ok = strings(root, "related", "", out.related); !ok) return ok;
    if (auto ok = strings(root, "upstream", "", out.upstream); !ok) return ok;
    if (auto ok = string(root, "summary", "", out.summary); !ok) return ok;
    if (auto ok = string(root, "details", "", out.details); !ok) return ok;
    if (auto ok = severities(root, "", out.severity); !ok) return ok;
    if (const json::Value* aff = root.find("affected"); aff != nullptr && !aff->is_null()) {
      if (auto ok = expect(*aff, json::Value::Kind::Array, "/affected"); !ok) return ok;
      for (std::size_t i = 0; i < aff->as_array().size(); ++i) {
        Affected a;
        if (auto ok = affected(aff->as_array()[i], "/affected/" + std::to_string(i), a); !ok) return ok;
        out.affected.push_back(std::move(a));
      }
    }
    if (const json::Value* refs = root.find("references"); refs != nullptr && !refs->is_null()) {
      if (auto ok = expect(*refs, json::Value::Kind::Array, "/references"); !ok) return ok;
      for (std::size_t i = 0; i < refs->as_array().size(); ++i) {
        const json::Value& item = refs->as_array()[i];
        std::string p = "/references/" + std::to_string(i);
        if (auto ok = expect(item, json::Value::Kind::Object, p); !ok) return ok;
        Reference r;
        if (auto ok = string(item, "type", p, r.type); !ok) return ok;
        if (auto ok = string(item, "url", p, r.url); !ok) return ok;
        if (r.url.empty()) return error(item, p, "reference has no url");
        out.references.push_back(std::move(r));
      }
    }
    if (auto ok = object_member(root, "database_specific", "", out.database_specific); !ok) return ok;
    return Ok{};
  }

 private:
  std::string_view name_;
};

}  // namespace

Expected<Record> from_json_tree(const json::Value& root, std::string_view name) {
  Record r;
  if (auto ok = Reader(name).record(root, r); !ok) return std::move(ok.error());
  return r;
}

}  // namespace sbom::osv::detail
