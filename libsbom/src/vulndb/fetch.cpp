// Conditional downloads of OSV zips (libcurl): ETag / Last-Modified kept next to the file, atomic replace.
#include <cstdio>
#include <filesystem>
#include <string>

#include "sbom/vulndb.h"
#include "vulndb/source.h"

#if SBOMKIT_VULNDB_CURL
#include <curl/curl.h>
#endif

namespace sbom::vulndb {
namespace {

std::string read_small(const std::string& path) {
  auto text = detail::read_whole_file(path);
  if (!text) return {};
  std::string s = std::move(*text);
  while (!s.empty() && (s.back() == '\n' || s.back() == '\r' || s.back() == ' ')) s.pop_back();
  return s;
}

Status write_small(const std::string& path, const std::string& value) {
  std::FILE* f = std::fopen(path.c_str(), "wb");
  if (f == nullptr) return Error(path + ": cannot write");
  bool ok = std::fwrite(value.data(), 1, value.size(), f) == value.size();
  ok = std::fclose(f) == 0 && ok;
  if (!ok) return Error(path + ": write error");
  return Ok{};
}

}  // namespace

std::string osv_zip_url(std::string_view base_url, std::string_view ecosystem) {
  std::string out(base_url);
  while (!out.empty() && out.back() == '/') out.pop_back();
  out += '/';
  static constexpr char kHex[] = "0123456789ABCDEF";
  for (unsigned char c : ecosystem) {
    if ((c >= 'A' && c <= 'Z') || (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') || c == '-' || c == '.' || c == '_' || c == '~') {
      out += static_cast<char>(c);
    } else {
      out += '%';
      out += kHex[c >> 4];
      out += kHex[c & 15];
    }
  }
  return out + "/all.zip";
}

#if SBOMKIT_VULNDB_CURL

namespace {

struct Transfer {
  std::FILE* out = nullptr;
  std::uint64_t bytes = 0;
  std::string etag;
  std::string last_modified;
};

std::size_t on_body(char* data, std::size_t size, std::size_t n, void* user) {
  auto* t = static_cast<Transfer*>(user);
  std::size_t len = size * n;
  if (std::fwrite(data, 1, len, t->out) != len) return 0;
  t->bytes += len;
  return len;
}

// Header lines arrive one by one; names are case-insensitive.
std::size_t on_header(char* data, std::size_t size, std::size_t n, void* user) {
  auto* t = static_cast<Transfer*>(user);
  std::string line(data, size * n);
  auto colon = line.find(':');
  if (colon == std::string::npos) return size * n;
  std::string name = line.substr(0, colon);
  for (char& c : name) c = static_cast<char>(c >= 'A' && c <= 'Z' ? c - 'A' + 'a' : c);
  std::string value = line.substr(colon + 1);
  while (!value.empty() && (value.front() == ' ' || value.front() == '\t')) value.erase(0, 1);
  while (!value.empty() && (value.back() == '\r' || value.back() == '\n' || value.back() == ' ')) value.pop_back();
  if (name == "etag") t->etag = value;
  else if (name == "last-modified") t->last_modified = value;
  return size * n;
}

}  // namespace

Expected<FetchResult> fetch_if_modified(const std::string& url, const std::string& path) {
  static const bool initialised = curl_global_init(CURL_GLOBAL_DEFAULT) == CURLE_OK;
  if (!initialised) return Error(url + ": cannot initialise libcurl");
  std::error_code ec;
  std::filesystem::path parent = std::filesystem::path(path).parent_path();
  if (!parent.empty()) std::filesystem::create_directories(parent, ec);
  const bool have = std::filesystem::exists(path, ec);
  const std::string tmp = path + ".part";
  Transfer t;
  t.out = std::fopen(tmp.c_str(), "wb");
  if (t.out == nullptr) return Error(tmp + ": cannot create");

  CURL* curl = curl_easy_init();
  curl_slist* headers = nullptr;
  if (have) {
    // Validators of the copy we have: the server answers 304 when it is current.
    if (std::string etag = read_small(path + ".etag"); !etag.empty())
      headers = curl_slist_append(headers, ("If-None-Match: " + etag).c_str());
    if (std::string lm = read_small(path + ".last-modified"); !lm.empty())
      headers = curl_slist_append(headers, ("If-Modified-Since: " + lm).c_str());
  }
  char errbuf[CURL_ERROR_SIZE] = {};
  curl_easy_setopt(curl, CURLOPT_URL, url.c_str());
  curl_easy_setopt(curl, CURLOPT_HTTPHEADER, headers);
  curl_easy_setopt(curl, CURLOPT_WRITEFUNCTION, on_body);
  curl_easy_setopt(curl, CURLOPT_WRITEDATA, &t);
  curl_easy_setopt(curl, CURLOPT_HEADERFUNCTION, on_header);
  curl_easy_setopt(curl, CURLOPT_HEADERDATA, &t);
  curl_easy_setopt(curl, CURLOPT_FOLLOWLOCATION, 1L);
  curl_easy_setopt(curl, CURLOPT_ERRORBUFFER, errbuf);
  curl_easy_setopt(curl, CURLOPT_NOSIGNAL, 1L);
  curl_easy_setopt(curl, CURLOPT_USERAGENT, "sbomkit");
  CURLcode rc = curl_easy_perform(curl);
  long status = 0;
  curl_easy_getinfo(curl, CURLINFO_RESPONSE_CODE, &status);
  curl_slist_free_all(headers);
  curl_easy_cleanup(curl);
  bool closed = std::fclose(t.out) == 0;

  auto fail = [&](std::string why) {
    std::remove(tmp.c_str());
    std::error_code ignored;
    if (!have && !parent.empty()) std::filesystem::remove(parent, ignored);  // only if we made it and it is empty
    return Error(url + ": " + why);
  };
  if (rc != CURLE_OK) return fail(errbuf[0] ? errbuf : curl_easy_strerror(rc));
  if (!closed) return fail("write error on " + tmp);
  FetchResult r;
  if (status == 304 && have) {
    std::remove(tmp.c_str());
    return r;
  }
  if (status != 200) return fail("HTTP status " + std::to_string(status));
  if (std::rename(tmp.c_str(), path.c_str()) != 0) return fail("cannot replace " + path);
  // Validators describe the file now in place; stale ones would make the next request wrong.
  std::remove((path + ".etag").c_str());
  std::remove((path + ".last-modified").c_str());
  if (!t.etag.empty()) if (auto ok = write_small(path + ".etag", t.etag); !ok) return std::move(ok.error());
  if (!t.last_modified.empty())
    if (auto ok = write_small(path + ".last-modified", t.last_modified); !ok) return std::move(ok.error());
  r.modified = true;
  r.bytes = t.bytes;
  return r;
}

#else

Expected<FetchResult> fetch_if_modified(const std::string& url, const std::string&) {
  return Error(url + ": this build of sbomkit has no libcurl: download the zip and use sbom-db build");
}

#endif

}  // namespace sbom::vulndb
