// OSV inputs: zips read entry by entry with libarchive, directory walks, whole files.
#include "vulndb/source.h"

#include <archive.h>
#include <archive_entry.h>
#include <openssl/evp.h>

#include <algorithm>
#include <cerrno>
#include <cstdio>
#include <cstring>
#include <filesystem>
#include <memory>

namespace sbom::vulndb::detail {
namespace fs = std::filesystem;

std::string sha256_hex(std::string_view data) {
  unsigned char md[EVP_MAX_MD_SIZE];
  unsigned int len = 0;
  EVP_Digest(data.data(), data.size(), md, &len, EVP_sha256(), nullptr);
  static constexpr char kHex[] = "0123456789abcdef";
  std::string out;
  for (unsigned int i = 0; i < len; ++i) {
    out += kHex[md[i] >> 4];
    out += kHex[md[i] & 15];
  }
  return out;
}

bool is_record_name(std::string_view name) {
  auto ends = [&](std::string_view s) { return name.size() > s.size() && name.substr(name.size() - s.size()) == s; };
  return ends(".json") || ends(".yaml") || ends(".yml");
}

Expected<std::string> read_whole_file(const std::string& path) {
  std::FILE* f = std::fopen(path.c_str(), "rb");
  if (f == nullptr) {
    Error e(std::string("cannot open: ") + std::strerror(errno));
    e.file = path;
    return e;
  }
  std::string out;
  char buf[1 << 16];
  std::size_t n;
  while ((n = std::fread(buf, 1, sizeof buf, f)) > 0) out.append(buf, n);
  bool failed = std::ferror(f) != 0;
  std::fclose(f);
  if (failed) {
    Error e("read error");
    e.file = path;
    return e;
  }
  return out;
}

Status read_zip(const std::string& path, const BatchSink& sink, std::string& sha256) {
  std::vector<InputFile> out;
  auto data = read_whole_file(path);
  if (!data) return std::move(data.error());
  sha256 = sha256_hex(*data);
  std::unique_ptr<archive, int (*)(archive*)> a(archive_read_new(), archive_read_free);
  archive_read_support_format_zip(a.get());
  auto fail = [&](std::string what) {
    Error e(std::move(what));
    e.file = path;
    return e;
  };
  if (archive_read_open_memory(a.get(), data->data(), data->size()) != ARCHIVE_OK)
    return fail(std::string("not a zip archive: ") + archive_error_string(a.get()));
  archive_entry* entry = nullptr;
  int r;
  while ((r = archive_read_next_header(a.get(), &entry)) == ARCHIVE_OK) {
    if (archive_entry_filetype(entry) != AE_IFREG) continue;
    const char* name = archive_entry_pathname(entry);
    std::string ename = name ? name : "";
    if (!is_record_name(ename)) continue;
    InputFile file;
    file.name = path + ":" + ename;
    la_int64_t size = archive_entry_size(entry);
    if (size > 0) file.text.reserve(static_cast<std::size_t>(size));
    char buf[1 << 16];
    la_ssize_t n;
    while ((n = archive_read_data(a.get(), buf, sizeof buf)) > 0) file.text.append(buf, static_cast<std::size_t>(n));
    if (n < 0) return fail("entry " + ename + ": " + archive_error_string(a.get()));
    out.push_back(std::move(file));
    if (out.size() == kBatchFiles) {
      sink(std::move(out));
      out.clear();
    }
  }
  if (r != ARCHIVE_EOF) return fail(std::string("zip archive: ") + archive_error_string(a.get()));
  if (!out.empty()) sink(std::move(out));
  return Ok{};
}

Status read_directory(const std::string& dir, const BatchSink& sink, std::string& sha256) {
  std::vector<InputFile> out;
  std::vector<fs::path> paths;
  std::error_code ec;
  for (fs::recursive_directory_iterator it(dir, ec), end; !ec && it != end; it.increment(ec)) {
    if (it->is_regular_file(ec) && is_record_name(it->path().filename().string())) paths.push_back(it->path());
  }
  if (ec) {
    Error e("cannot read directory: " + ec.message());
    e.file = dir;
    return e;
  }
  std::sort(paths.begin(), paths.end());
  std::string listing;
  for (const fs::path& p : paths) {
    auto text = read_whole_file(p.string());
    if (!text) return std::move(text.error());
    listing += fs::relative(p, dir).generic_string();
    listing += '\0';
    listing += sha256_hex(*text);
    listing += '\n';
    out.push_back(InputFile{p.string(), std::move(*text)});
    if (out.size() == kBatchFiles) {
      sink(std::move(out));
      out.clear();
    }
  }
  if (!out.empty()) sink(std::move(out));
  sha256 = sha256_hex(listing);
  return Ok{};
}

}  // namespace sbom::vulndb::detail
