// Policy files (schemas/policy.schema.json) and the `--max` specification.
#include <charconv>

#include <algorithm>

#include "sbom/findings.h"
#include "sbom/policy.h"
#include "schema/schema.h"

namespace sbom::policy {

namespace {

std::optional<std::size_t> parse_count(std::string_view s) {
  std::size_t n = 0;
  auto res = std::from_chars(s.data(), s.data() + s.size(), n);
  if (res.ec != std::errc{} || res.ptr != s.data() + s.size() || s.empty()) return std::nullopt;
  return n;
}

// A severity spelled exactly as severity_lower() writes it.
std::optional<Severity> canonical_severity(std::string_view s) {
  auto sev = parse_severity(s);
  if (sev && severity_lower(*sev) == s) return sev;
  return std::nullopt;
}

}  // namespace

Status parse_severity_sources(std::string_view list, Policy& p) {
  std::vector<std::string> sources;
  std::string_view rest = list;
  while (!rest.empty()) {
    auto comma = rest.find(',');
    std::string_view item = rest.substr(0, comma);
    if (item.empty()) return Error("--severity-source: empty source name in '" + std::string(list) + "'");
    sources.emplace_back(item);
    rest = comma == std::string_view::npos ? std::string_view{} : rest.substr(comma + 1);
  }
  if (sources.empty()) return Error("--severity-source: no source names");
  p.severity_sources = std::move(sources);
  return Ok{};
}

Status parse_kinds(std::string_view list, std::vector<std::string>& out) {
  for (;;) {
    auto comma = list.find(',');
    std::string_view item = list.substr(0, comma);
    if (!findings::known_kind(item)) {
      return Error("unknown kind '" + std::string(item) + "' (expected vulnerability, secret, hygiene or eol)");
    }
    if (std::find(out.begin(), out.end(), item) == out.end()) out.emplace_back(item);
    if (comma == std::string_view::npos) return Ok{};
    list = list.substr(comma + 1);
  }
}

bool Policy::judges(std::string_view kind) const {
  if (!kinds.empty() && std::find(kinds.begin(), kinds.end(), kind) == kinds.end()) return false;
  return std::find(exclude_kinds.begin(), exclude_kinds.end(), kind) == exclude_kinds.end();
}

Status parse_max(std::string_view spec, Policy& p) {
  while (!spec.empty()) {
    auto comma = spec.find(',');
    std::string_view item = spec.substr(0, comma);
    spec = comma == std::string_view::npos ? std::string_view{} : spec.substr(comma + 1);
    auto eq = item.find('=');
    if (eq == std::string_view::npos) return Error("--max: expected SEVERITY=COUNT, got '" + std::string(item) + "'");
    auto sev = parse_severity(item.substr(0, eq));
    if (!sev) return Error("--max: unknown severity '" + std::string(item.substr(0, eq)) + "'");
    auto n = parse_count(item.substr(eq + 1));
    if (!n) return Error("--max: count for " + std::string(severity_lower(*sev)) + " is not a non-negative integer: '" + std::string(item.substr(eq + 1)) + "'");
    p.max[static_cast<std::size_t>(*sev)] = *n;
  }
  return Ok{};
}

Expected<Policy> parse_policy(std::string_view text, std::string_view name) {
  json::ParseOptions po;
  po.reject_duplicate_keys = true;  // "fail-on":"high","fail-on":"none" must not pass as none
  auto parsed = json::parse(text, po);
  if (!parsed) return std::move(parsed.error().in_file(name));
  // What a policy may hold is schemas/policy.schema.json's to say (compiled in): what passes it has
  // the types, names and ranges the mapping below takes for granted.
  static const Expected<schema::Schema> kSchema = schema::Schema::ours("policy");
  if (!kSchema) return kSchema.error();
  if (auto valid = kSchema->validate(*parsed, name); !valid) return std::move(valid).error();
  Policy p;
  for (const auto& [key, v] : parsed->as_object()) {
    // Appended rather than `"/" + token`: GCC 12 warns falsely on that form (-Wrestrict, PR105651).
    std::string ptr = "/";
    ptr += json::pointer_token(key);
    auto setting = [&](const json::Value& x, std::string at) {
      return Policy::Setting{x.is_bool() ? (x.as_bool() ? "true" : "false") : x.is_number() ? x.as_number().text : x.as_string(),
                             x.position, std::move(at)};
    };
    if (key == "fail-on") {
      p.fail_on = v.as_string() == "none" ? std::nullopt : canonical_severity(v.as_string());
    } else if (key == "max") {
      for (const auto& [sk, sv] : v.as_object()) {
        auto n = parse_count(sv.as_number().text);
        if (!n) return json::error_at(name, sv, ptr + "/" + json::pointer_token(sk), "the count " + sv.as_number().text + " is too large");
        p.max[static_cast<std::size_t>(*canonical_severity(sk))] = *n;
      }
    } else if (key == "fixable-only" || key == "ignore-wont-fix" || key == "ignore-vendor-unimportant") {
      (key == "fixable-only" ? p.fixable_only : key == "ignore-wont-fix" ? p.ignore_wont_fix : p.ignore_vendor_unimportant) = v.as_bool();
    } else if (key == "unknown-as") {
      p.unknown_as = canonical_severity(v.as_string());
    } else if (key == "severity-source") {
      p.severity_sources.clear();
      for (const auto& item : v.as_array()) p.severity_sources.push_back(item.as_string());
    } else if (key == "fail-on-kev") {
      p.fail_on_kev = v.as_bool();
    } else if (key == "epss-min" || key == "epss-percentile-min") {
      auto x = parse_probability(v.as_number().text, key);
      if (!x) return json::error_at(name, v, ptr, "expected a number from 0 to 1");
      (key == "epss-min" ? p.epss_min : p.epss_percentile_min) = *x;
    } else if (key == "top") {
      if (!parse_count(v.as_number().text)) return json::error_at(name, v, ptr, "the count " + v.as_number().text + " is too large");
      p.top = setting(v, ptr);
    } else if (key == "allow-unscanned") {
      p.allow_unscanned = setting(v, ptr);
    } else if (key == "summary-format" || key == "summary" || key == "output" || key == "report-severity") {
      auto& slot = key == "summary-format" ? p.summary_format : key == "summary" ? p.summary
                   : key == "output"       ? p.output         : p.report_severity;
      slot = setting(v, ptr);
    } else if (key == "report") {
      for (std::size_t i = 0; i < v.as_array().size(); ++i) p.reports.push_back(setting(v.as_array()[i], ptr + "/" + std::to_string(i)));
    }
  }
  return p;
}

}  // namespace sbom::policy
