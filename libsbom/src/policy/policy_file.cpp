// Policy files (schemas/policy.schema.json) and the `--max` specification.
#include <charconv>

#include <algorithm>

#include "sbom/findings.h"
#include "sbom/policy.h"

namespace sbom::policy {

namespace {

std::optional<std::size_t> parse_count(std::string_view s) {
  std::size_t n = 0;
  auto res = std::from_chars(s.data(), s.data() + s.size(), n);
  if (res.ec != std::errc{} || res.ptr != s.data() + s.size() || s.empty()) return std::nullopt;
  return n;
}

bool valid_source(std::string_view s) { return !s.empty(); }

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
  const json::Value& root = *parsed;
  if (!root.is_object()) return json::error_at(name, root, "", "a policy must be a JSON object");
  Policy p;
  auto severity_at = [&](const json::Value& v, const std::string& ptr, bool allow_none) -> Expected<std::optional<Severity>> {
    if (!v.is_string()) return json::error_at(name, v, ptr, "expected a severity string, found " + std::string(json::kind_name(v.kind())));
    if (allow_none && v.as_string() == "none") return std::optional<Severity>{};
    // Files take the canonical lower-case names only (the schema's enum); the flags are lenient.
    auto s = canonical_severity(v.as_string());
    if (!s || *s == Severity::Unknown || *s == Severity::None)
      return json::error_at(name, v, ptr, "unknown severity '" + v.as_string() + "' (expected critical, high, medium or low" + (allow_none ? ", or none)" : ")"));
    return std::optional<Severity>{*s};
  };
  for (const auto& [key, v] : root.as_object()) {
    // Appended rather than `"/" + token`: GCC 12 warns falsely on that form (-Wrestrict, PR105651).
    std::string ptr = "/";
    ptr += json::pointer_token(key);
    if (key == "$schema") {
      if (!v.is_string()) return json::error_at(name, v, ptr, "expected a string");
    } else if (key == "version") {
      if (!v.is_number() || v.as_number().text != "1") return json::error_at(name, v, ptr, "unsupported policy version (expected 1)");
    } else if (key == "fail-on") {
      auto s = severity_at(v, ptr, true);
      if (!s) return std::move(s).error();
      p.fail_on = *s;
    } else if (key == "max") {
      if (!v.is_object()) return json::error_at(name, v, ptr, "expected an object of severity: count");
      for (const auto& [sk, sv] : v.as_object()) {
        std::string sp = ptr + "/" + json::pointer_token(sk);
        auto sev = canonical_severity(sk);
        if (!sev) return json::error_at(name, sv, sp, "unknown severity '" + sk + "' (expected critical, high, medium, low, none or unknown)");
        std::optional<std::size_t> n;
        if (sv.is_number()) n = parse_count(sv.as_number().text);
        if (!n) return json::error_at(name, sv, sp, "expected a non-negative integer");
        p.max[static_cast<std::size_t>(*sev)] = *n;
      }
    } else if (key == "fixable-only" || key == "ignore-wont-fix" || key == "ignore-vendor-unimportant") {
      if (!v.is_bool()) return json::error_at(name, v, ptr, "expected true or false");
      (key == "fixable-only" ? p.fixable_only : key == "ignore-wont-fix" ? p.ignore_wont_fix : p.ignore_vendor_unimportant) = v.as_bool();
    } else if (key == "unknown-as") {
      auto s = severity_at(v, ptr, false);
      if (!s) return std::move(s).error();
      p.unknown_as = *s;
    } else if (key == "severity-source") {
      if (!v.is_array() || v.as_array().empty()) return json::error_at(name, v, ptr, "expected a non-empty array of source names");
      p.severity_sources.clear();
      for (std::size_t i = 0; i < v.as_array().size(); ++i) {
        const auto& item = v.as_array()[i];
        if (!item.is_string() || !valid_source(item.as_string()))
          return json::error_at(name, item, ptr + "/" + std::to_string(i), "expected a source name");
        p.severity_sources.push_back(item.as_string());
      }
    } else if (key == "fail-on-kev") {
      if (!v.is_bool()) return json::error_at(name, v, ptr, "expected true or false");
      p.fail_on_kev = v.as_bool();
    } else if (key == "epss-min" || key == "epss-percentile-min") {
      auto x = v.is_number() ? parse_probability(v.as_number().text, key) : Expected<double>(Error(""));
      if (!x) return json::error_at(name, v, ptr, "expected a number from 0 to 1");
      (key == "epss-min" ? p.epss_min : p.epss_percentile_min) = *x;
    } else if (key == "top") {
      if (!v.is_number() || !parse_count(v.as_number().text)) return json::error_at(name, v, ptr, "expected a non-negative integer");
      p.top = Policy::Setting{v.as_number().text, v.position, ptr};
    } else if (key == "allow-unscanned") {
      if (!v.is_bool()) return json::error_at(name, v, ptr, "expected true or false");
      p.allow_unscanned = Policy::Setting{v.as_bool() ? "true" : "false", v.position, ptr};
    } else if (key == "summary-format" || key == "summary" || key == "output" || key == "report-severity") {
      if (!v.is_string() || v.as_string().empty()) return json::error_at(name, v, ptr, "expected a non-empty string");
      auto& slot = key == "summary-format" ? p.summary_format : key == "summary" ? p.summary
                   : key == "output"       ? p.output         : p.report_severity;
      slot = Policy::Setting{v.as_string(), v.position, ptr};
    } else if (key == "report") {
      if (!v.is_array()) return json::error_at(name, v, ptr, "expected an array of FORMAT or FORMAT=FILE strings");
      for (std::size_t i = 0; i < v.as_array().size(); ++i) {
        const auto& item = v.as_array()[i];
        std::string ip = ptr + "/" + std::to_string(i);
        if (!item.is_string() || item.as_string().empty()) return json::error_at(name, item, ip, "expected FORMAT or FORMAT=FILE");
        p.reports.push_back(Policy::Setting{item.as_string(), item.position, ip});
      }
    } else {
      return json::error_at(name, v, ptr, "unknown policy member '" + key + "'");
    }
  }
  return p;
}

}  // namespace sbom::policy
