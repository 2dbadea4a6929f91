// Tests of the bundle tar dialect: what write makes (ustar, fixed metadata, fixed point) and what
// read refuses (hostile and broken archives), each with its offset.
#include <catch2/catch.hpp>

#include <cstring>

#include "archive/tar.h"

using namespace sbom::archive;

namespace {

std::string make(const std::vector<tar::File>& files, std::int64_t mtime = 86400) {
  auto t = tar::write(files, mtime);
  REQUIRE(t);
  return *t;
}

// `h` with its checksum made right again.
std::string reseal(std::string h) {
  std::memset(h.data() + 148, ' ', 8);
  unsigned sum = 0;
  for (unsigned char c : h) sum += c;
  std::snprintf(h.data() + 148, 8, "%06o", sum);
  return h;
}

// A header block with `name` and `type`, its checksum right.
std::string header(const std::string& name, char type, std::size_t size) {
  std::string h(512, '\0');
  std::memcpy(h.data(), name.data(), name.size());
  std::snprintf(h.data() + 100, 8, "%07o", 0644);
  std::snprintf(h.data() + 124, 12, "%011zo", size);
  h[156] = type;
  std::memcpy(h.data() + 257, "ustar", 6);
  std::memcpy(h.data() + 263, "00", 2);
  return reseal(h);
}

}  // namespace

TEST_CASE("tar: write then read gives the files back, in order") {
  std::string t = make({{"manifest.json", "{}\n"}, {"reports/a.txt", std::string(1000, 'x')}, {"empty", ""}});
  CHECK(t.size() % 512 == 0);
  auto r = tar::read(t, "t.tar");
  REQUIRE(r);
  REQUIRE(r->size() == 3);
  CHECK((*r)[0].path == "manifest.json");
  CHECK((*r)[0].data == "{}\n");
  CHECK((*r)[1].data == std::string(1000, 'x'));
  CHECK((*r)[1].offset == 1024);
  CHECK((*r)[2].data.empty());
  // A fixed point: what was read writes the same bytes.
  std::vector<tar::File> again;
  for (const auto& e : *r) again.push_back({e.path, e.data});
  CHECK(make(again) == t);
}

TEST_CASE("tar: fixed metadata, whatever the input") {
  std::string t = make({{"a", "1"}}, 1700000000);
  CHECK(std::string(t.data() + 100, 7) == "0000644");
  CHECK(std::string(t.data() + 108, 7) == "0000000");
  CHECK(std::string(t.data() + 136, 11) == "14524770400");  // 1700000000 in octal
  CHECK(t[265] == '\0');  // no owner name
}

TEST_CASE("tar: write refuses names that would leave the bundle") {
  CHECK(!tar::write({{"../x", "1"}}, 0));
  CHECK(!tar::write({{"/etc/passwd", "1"}}, 0));
  CHECK(!tar::write({{std::string(101, 'a'), "1"}}, 0));
  CHECK(tar::bad_path("a/./b") != "");
  CHECK(tar::bad_path("a//b") != "");
  CHECK(tar::bad_path("a\\b") != "");
  CHECK(tar::bad_path("attestations/x.json").empty());
}

TEST_CASE("tar: read refuses hostile and broken archives, naming the offset") {
  auto error = [](std::string_view bytes) {
    auto r = tar::read(bytes, "b.tar");
    REQUIRE(!r);
    return r.error().to_string();
  };
  const std::string end(1024, '\0');
  CHECK(error("") == "b.tar: byte 0: empty; a bundle is a tar archive");
  CHECK(error("{}") == "b.tar: byte 0: not a tar archive (shorter than one header)");
  CHECK(error(std::string(512, 'x')) == "b.tar: byte 0: not a tar archive (the header checksum does not match)");
  CHECK(error(header("a", '0', 0) + header("../../x", '0', 0) + end) ==
        "b.tar: byte 512: member '../../x': a '..' segment that leaves the bundle");
  CHECK(error(header("/abs", '0', 0) + end) == "b.tar: byte 0: member '/abs': an absolute path");
  CHECK(error(header("l", '2', 0) + end) == "b.tar: byte 0: member 'l' is a symbolic link; a bundle holds regular files only");
  CHECK(error(header("h", '1', 0) + end) == "b.tar: byte 0: member 'h' is a hard link; a bundle holds regular files only");
  CHECK(error(header("d/", '5', 0) + end) == "b.tar: byte 0: member 'd/' is a directory; a bundle holds regular files only");
  CHECK(error(header("p", 'x', 0) + end) == "b.tar: byte 0: member 'p' is a pax header; a bundle holds regular files only");
  CHECK(error(header("a", '0', 2) + "x\n" + std::string(510, '\0') + header("a", '0', 0) + end) ==
        "b.tar: byte 1024: member 'a' appears twice");
  CHECK(error(header("a", '0', 1000) + std::string(100, 'x')) == "b.tar: byte 0: member 'a': truncated (100 of 1000 bytes)");
  CHECK(error(header("a", '0', 2) + "x\n") == "b.tar: byte 514: member 'a': truncated (its padding is cut short)");
  CHECK(error(header("a", '0', 0)) == "b.tar: byte 512: truncated: the archive ends without its end-of-archive blocks");
  CHECK(error(header("a", '0', 0) + std::string(300, 'y')) == "b.tar: byte 512: truncated: a header is cut short");
  CHECK(error(header("a", '0', 0) + end + "junk") == "b.tar: byte 1536: data after the end-of-archive block");
  CHECK(error(end) == "b.tar: byte 0: an empty tar archive; a bundle holds a manifest");
  std::string bad_size = header("a", '0', 0);
  bad_size[124] = '9';
  CHECK(error(reseal(bad_size) + end) == "b.tar: byte 0: member 'a': the size field is not an octal number");
  CHECK(error(header("a", '0', 0) + bad_size + end) == "b.tar: byte 512: a header whose checksum does not match");
}

TEST_CASE("tar: a checksum change anywhere in a header is caught") {
  std::string t = make({{"a", "1"}, {"b", "2"}});
  t[1024 + 10] = 'z';  // inside the second header's name field
  auto r = tar::read(t, "t.tar");
  REQUIRE(!r);
  CHECK(r.error().to_string() == "t.tar: byte 1024: a header whose checksum does not match");
}
