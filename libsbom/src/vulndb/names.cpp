// Package-name normalisation for index keys, and where the index lives by default.
#include <cstdlib>

#include "sbom/vulndb.h"

namespace sbom::vulndb {

std::string normalize_name(std::string_view ecosystem, std::string_view name) {
  if (ecosystem != "PyPI") return std::string(name);
  // PEP 503: lower-case, and every run of '-', '_' and '.' becomes one '-'.
  std::string out;
  bool in_run = false;
  for (char c : name) {
    if (c == '-' || c == '_' || c == '.') {
      if (!in_run) out += '-';
      in_run = true;
      continue;
    }
    in_run = false;
    out += (c >= 'A' && c <= 'Z') ? static_cast<char>(c - 'A' + 'a') : c;
  }
  return out;
}

Expected<std::string> default_path() {
  auto env = [](const char* name) -> std::string {
    const char* v = std::getenv(name);
    return v ? v : "";
  };
  if (std::string db = env("SBOMKIT_DB"); !db.empty()) return db;
  if (std::string cache = env("XDG_CACHE_HOME"); !cache.empty()) return cache + "/sbomkit/osv.sbomdb";
  if (std::string home = env("HOME"); !home.empty()) return home + "/.cache/sbomkit/osv.sbomdb";
  return Error("no index given and neither SBOMKIT_DB, XDG_CACHE_HOME nor HOME is set: use --db");
}

}  // namespace sbom::vulndb
