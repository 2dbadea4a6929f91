// Conditional downloads of OSV zips (net::HttpStream, over libcurl): ETag / Last-Modified kept
// next to the file, atomic replace.
#include <cstdio>
#include <filesystem>
#include <string>

#include "net/http.h"
#include "sbom/vulndb.h"
#include "vulndb/source.h"

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
  return out + "/" + net::percent_encode(ecosystem) + "/all.zip";
}

Expected<FetchResult> fetch_if_modified(const std::string& url, const std::string& path) {
  std::error_code ec;
  std::filesystem::path parent = std::filesystem::path(path).parent_path();
  const bool had_parent = parent.empty() || std::filesystem::exists(parent, ec);
  const bool have = std::filesystem::exists(path, ec);
  net::HttpRequest req;
  req.url = url;
  if (have) {
    // Validators of the copy we have: the server answers 304 when it is current.
    if (std::string etag = read_small(path + ".etag"); !etag.empty()) req.headers.push_back("If-None-Match: " + etag);
    if (std::string lm = read_small(path + ".last-modified"); !lm.empty()) req.headers.push_back("If-Modified-Since: " + lm);
  }
  auto stream = net::HttpStream::open(req);
  if (!stream) return Error(url + ": " + stream.error().message);
  net::HttpStream& s = **stream;
  FetchResult r;
  if (s.status() == 304 && have) return r;
  if (s.status() != 200) return Error(url + ": HTTP status " + std::to_string(s.status()));
  if (!parent.empty()) std::filesystem::create_directories(parent, ec);
  const std::string tmp = path + ".part";
  std::FILE* out = std::fopen(tmp.c_str(), "wb");
  auto fail = [&](std::string why) {
    if (out) std::fclose(out);
    std::remove(tmp.c_str());
    std::error_code ignored;
    if (!had_parent) std::filesystem::remove(parent, ignored);  // only if we made it and it is empty
    return Error(url + ": " + why);
  };
  if (out == nullptr) return fail("cannot create " + tmp);
  std::string buf(1 << 16, '\0');
  for (;;) {
    auto n = s.read(buf.data(), buf.size());
    if (!n) return fail(n.error().message);
    if (*n == 0) break;
    if (std::fwrite(buf.data(), 1, *n, out) != *n) return fail("write error on " + tmp);
    r.bytes += *n;
  }
  const bool closed = std::fclose(out) == 0;
  out = nullptr;
  if (!closed) return fail("write error on " + tmp);
  if (std::rename(tmp.c_str(), path.c_str()) != 0) return fail("cannot replace " + path);
  // Validators describe the file now in place; stale ones would make the next request wrong.
  std::remove((path + ".etag").c_str());
  std::remove((path + ".last-modified").c_str());
  if (std::string etag = s.header("etag"); !etag.empty())
    if (auto ok = write_small(path + ".etag", etag); !ok) return std::move(ok.error());
  if (std::string lm = s.header("last-modified"); !lm.empty())
    if (auto ok = write_small(path + ".last-modified", lm); !ok) return std::move(ok.error());
  r.modified = true;
  return r;
}

}  // namespace sbom::vulndb
