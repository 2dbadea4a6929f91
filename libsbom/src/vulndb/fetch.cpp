// Staged conditional downloads of OSV zips (net::HttpStream, over libcurl).
#include "vulndb/fetch.h"

#include <cstdio>
#include <filesystem>
#include <string>

#include "net/http.h"
#include "sbom/vulndb.h"
#include "vulndb/source.h"

namespace sbom::vulndb {
namespace detail {

std::string read_small(const std::string& path) {
  std::error_code ec;
  if (!std::filesystem::is_regular_file(path, ec)) return {};
  auto text = read_whole_file(path);
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
  if (!ok) {
    std::remove(path.c_str());
    return Error(path + ": write error");
  }
  return Ok{};
}

Expected<Download> download(const std::string& url, const std::string& current, const std::string& staged) {
  std::error_code ec;
  net::HttpRequest req;
  req.url = url;
  if (std::filesystem::exists(current, ec)) {
    // Validators of the copy we have: the server answers 304 when it is current.
    if (std::string etag = read_small(current + ".etag"); !etag.empty()) req.headers.push_back("If-None-Match: " + etag);
    if (std::string lm = read_small(current + ".last-modified"); !lm.empty())
      req.headers.push_back("If-Modified-Since: " + lm);
  }
  auto stream = net::HttpStream::open(req);
  if (!stream) return Error(url + ": " + stream.error().message);
  net::HttpStream& s = **stream;
  Download r;
  if (s.status() == 304 && std::filesystem::exists(current, ec)) return r;
  if (s.status() != 200) return Error(url + ": HTTP status " + std::to_string(s.status()));
  std::FILE* out = std::fopen(staged.c_str(), "wb");
  auto fail = [&](std::string why) {
    if (out) std::fclose(out);
    std::remove(staged.c_str());
    return Error(url + ": " + why);
  };
  if (out == nullptr) return fail("cannot create " + staged);
  std::string buf(1 << 16, '\0');
  for (;;) {
    auto n = s.read(buf.data(), buf.size());
    if (!n) return fail(n.error().message);
    if (*n == 0) break;
    if (std::fwrite(buf.data(), 1, *n, out) != *n) return fail("write error on " + staged + " (disk full?)");
    r.bytes += *n;
  }
  const bool flushed = std::fflush(out) == 0;
  const bool closed = std::fclose(out) == 0;
  out = nullptr;
  if (!flushed || !closed) return fail("write error on " + staged + " (disk full?)");
  r.modified = true;
  r.etag = s.header("etag");
  r.last_modified = s.header("last-modified");
  return r;
}

}  // namespace detail

std::string osv_zip_url(std::string_view base_url, std::string_view ecosystem) {
  std::string out(base_url);
  while (!out.empty() && out.back() == '/') out.pop_back();
  return out + "/" + net::percent_encode(ecosystem) + "/all.zip";
}

std::string eol_table_url(std::string_view base_url, std::string_view product) {
  std::string out(base_url);
  while (!out.empty() && out.back() == '/') out.pop_back();
  // endoflife.date names Alpine Linux alpine-linux; sbomkit's products are otherwise its names.
  return out + "/" + net::percent_encode(product == "alpine" ? std::string_view("alpine-linux") : product);
}

}  // namespace sbom::vulndb
