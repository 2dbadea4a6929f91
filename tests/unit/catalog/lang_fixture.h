// Test helpers for the language catalogers: running one cataloger over a view, finding by purl.
#pragma once

#include <archive.h>
#include <archive_entry.h>

#include <algorithm>
#include <string>
#include <vector>

#include "fixture.h"
#include "sbom/catalog.h"

namespace sbom::catalog::testing {

/// Runs the language catalogers (after the OS ones) over `view`; warnings collected.
inline Result run_lang(const image::View& view, std::vector<std::string>* warnings = nullptr) {
  auto cats = os_catalogers();
  for (auto& c : language_catalogers()) cats.push_back(std::move(c));
  auto r = run(view, cats, sbom::Diagnostics([&](const sbom::Diagnostic& dg) {
    if (warnings) warnings->push_back(dg.to_string());
  }));
  REQUIRE(r);
  return std::move(*r);
}

inline const Component* by_purl(const Result& r, std::string_view purl) {
  auto it = std::find_if(r.components.begin(), r.components.end(), [&](const Component& c) { return c.purl == purl; });
  return it == r.components.end() ? nullptr : &*it;
}

/// BSI's three file properties of `c` as "executable|archive|structured|" ("-" for one not written).
inline std::string bsi_flags(const Component& c) {
  std::string s;
  for (const char* n : {"bsi:component:executable", "bsi:component:archive", "bsi:component:structured"}) {
    const Property* p = c.property(n);
    s += (p ? p->value : "-") + std::string("|");
  }
  return s;
}

inline std::size_t count_type(const Result& r, std::string_view type) {
  const std::string prefix = "pkg:" + std::string(type) + "/";
  return static_cast<std::size_t>(std::count_if(r.components.begin(), r.components.end(),
                                                [&](const Component& c) { return c.purl.starts_with(prefix); }));
}

/// A zip archive of `entries` (name -> content), built in memory.
inline std::string zip(const std::vector<std::pair<std::string, std::string>>& entries) {
  std::string out(1 << 20, '\0');
  for (const auto& [n, c] : entries) out.resize(out.size() + c.size() + 1024);
  struct archive* a = archive_write_new();
  archive_write_set_format_zip(a);
  std::size_t used = 0;
  REQUIRE(archive_write_open_memory(a, out.data(), out.size(), &used) == ARCHIVE_OK);
  for (const auto& [name, content] : entries) {
    struct archive_entry* e = archive_entry_new();
    archive_entry_set_pathname(e, name.c_str());
    archive_entry_set_filetype(e, AE_IFREG);
    archive_entry_set_perm(e, 0644);
    archive_entry_set_size(e, static_cast<la_int64_t>(content.size()));
    REQUIRE(archive_write_header(a, e) == ARCHIVE_OK);
    REQUIRE(archive_write_data(a, content.data(), content.size()) == static_cast<la_ssize_t>(content.size()));
    archive_entry_free(e);
  }
  archive_write_close(a);
  archive_write_free(a);
  out.resize(used);
  return out;
}

}  // namespace sbom::catalog::testing
