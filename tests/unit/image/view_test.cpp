// Tests of layer merging (whiteouts, opaque dirs, history), symlink resolution and globbing.
#include <catch2/catch.hpp>

#include "image/layer.h"

using namespace sbom::image;
using namespace sbom::image::detail;

namespace {

LayerEntry reg(std::string path, std::string data) {
  LayerEntry e;
  e.path = std::move(path);
  e.size = data.size();
  e.data = std::move(data);
  return e;
}

LayerEntry lentry(std::string path, std::string target, LayerEntry::Kind kind = LayerEntry::Kind::Symlink) {
  LayerEntry e;
  e.kind = kind;
  e.path = std::move(path);
  e.target = std::move(target);
  return e;
}

}  // namespace

TEST_CASE("glob patterns", "[image]") {
  CHECK(glob_match("var/lib/dpkg/status", "var/lib/dpkg/status"));
  CHECK(glob_match("var/lib/dpkg/info/*.list", "var/lib/dpkg/info/bash.list"));
  CHECK_FALSE(glob_match("var/lib/dpkg/info/*.list", "var/lib/dpkg/info/x/bash.list"));
  CHECK(glob_match("usr/share/doc/*/copyright", "usr/share/doc/bash/copyright"));
  CHECK(glob_match("**/package.json", "package.json"));
  CHECK(glob_match("**/package.json", "app/node_modules/a/package.json"));
  CHECK_FALSE(glob_match("**/package.json", "app/package.json.bak"));
  CHECK(glob_match("usr/lib/python3*/**/METADATA", "usr/lib/python3.11/site-packages/a.dist-info/METADATA"));
  CHECK(glob_match("a?c", "abc"));
  CHECK_FALSE(glob_match("a?c", "a/c"));
  CHECK(glob_match("**", "any/thing"));
}

TEST_CASE("layers merge with whiteouts and opaque directories", "[image]") {
  View v;
  std::vector<std::string> warnings;
  LayerScan l0;
  l0.entries = {reg("etc/os-release", "v0"), reg("var/lib/dpkg/status", "s0"), reg("var/lib/dpkg/status.d/a", "a"),
                reg("opt/x/keep", "k")};
  apply_layer(v, l0, 0, true, warnings);
  LayerScan l1;
  l1.whiteouts = {"etc/os-release", "opt/x"};
  l1.opaque_dirs = {"var/lib/dpkg"};
  l1.entries = {reg("var/lib/dpkg/status", "s1")};
  apply_layer(v, l1, 1, true, warnings);
  CHECK(v.find("etc/os-release") == nullptr);
  CHECK(v.find("opt/x/keep") == nullptr);
  CHECK(v.find("var/lib/dpkg/status.d/a") == nullptr);
  REQUIRE(v.find("var/lib/dpkg/status"));
  CHECK(v.find("var/lib/dpkg/status")->data == "s1");
  CHECK(v.find("var/lib/dpkg/status")->layer == 1);
  // every superseded version is kept, with the layer that removed it
  REQUIRE(v.history().size() == 4);
  for (const auto& f : v.history()) {
    CHECK(f.layer == 0);
    CHECK(f.removed_by == 1);
  }
  CHECK(warnings.empty());
}

TEST_CASE("an opaque directory hides only lower layers", "[image]") {
  View v;
  std::vector<std::string> w;
  LayerScan l0;
  l0.entries = {reg("d/old", "o")};
  apply_layer(v, l0, 0, false, w);
  LayerScan l1;
  l1.opaque_dirs = {"d"};
  l1.entries = {reg("d/new", "n")};
  apply_layer(v, l1, 1, false, w);
  CHECK(v.find("d/old") == nullptr);
  REQUIRE(v.find("d/new"));
  CHECK(v.history().empty());
}

TEST_CASE("symlinks resolve through any segment and stay inside the root; loops do not resolve", "[image]") {
  View v;
  std::vector<std::string> w;
  LayerScan l;
  l.entries = {reg("usr/lib/os-release", "ID=debian"), lentry("etc/os-release", "../usr/lib/os-release"),
               lentry("lib", "usr/lib"), lentry("abs", "/usr/lib/os-release"), lentry("loop1", "loop2"),
               lentry("loop2", "loop1"), lentry("escape", "../../../etc/shadow")};
  apply_layer(v, l, 0, false, w);
  REQUIRE(v.find("etc/os-release"));
  CHECK(v.find("etc/os-release")->path == "usr/lib/os-release");
  CHECK(v.find("lib/os-release"));
  CHECK(v.find("abs"));
  std::string out, why;
  CHECK_FALSE(resolve_path(v, "loop1", out, why));
  CHECK(why == "too many levels of symbolic links");
  // As in a chroot: ".." of the root is the root, so nothing outside the image is ever named.
  REQUIRE(resolve_path(v, "escape", out, why));
  CHECK(out == "etc/shadow");
  CHECK(v.find("escape") == nullptr);
  CHECK(v.lookup("escape").problem == "dangling symlink: no file at 'etc/shadow' in the image");
  CHECK(v.lookup("loop1").problem == "too many levels of symbolic links");
  CHECK(v.lookup("nothing-here").problem.empty());
}

TEST_CASE("hard links copy their target; a missing target is a warning", "[image]") {
  View v;
  std::vector<std::string> w;
  LayerScan l;
  l.entries = {reg("a", "data"), lentry("b", "a", LayerEntry::Kind::Hardlink), lentry("c", "nowhere", LayerEntry::Kind::Hardlink)};
  apply_layer(v, l, 0, false, w);
  REQUIRE(v.find("b"));
  CHECK(v.find("b")->data == "data");
  CHECK(v.find("c") == nullptr);
  REQUIRE(w.size() == 1);
  CHECK(w[0] == "hard link 'c' skipped: its target 'nowhere' is missing or was not read");
}

TEST_CASE("a later file replaces a symlink and a directory", "[image]") {
  View v;
  std::vector<std::string> w;
  LayerScan l0;
  l0.entries = {lentry("etc/os-release", "../usr/lib/os-release"), reg("x/y", "1")};
  apply_layer(v, l0, 0, false, w);
  LayerScan l1;
  l1.entries = {reg("etc/os-release", "own"), reg("x", "file")};
  apply_layer(v, l1, 1, false, w);
  REQUIRE(v.find("etc/os-release"));
  CHECK(v.find("etc/os-release")->data == "own");
  CHECK(v.find("x/y") == nullptr);
  CHECK(v.glob("**").size() == 2);
}

TEST_CASE("a skipped newest copy hides the lower one: the newest copy wins even unreadable", "[image]") {
  View v;
  std::vector<std::string> w;
  LayerScan l0, l1, l2;
  l0.entries = {reg("var/lib/dpkg/status", "Package: old\n"), reg("db/a", "A")};
  l1.entries = {lentry("var/lib/dpkg/status", "3000 bytes exceed the per-file limit of 1024", LayerEntry::Kind::Skipped),
                lentry("db/b", "db/status-gone", LayerEntry::Kind::Hardlink),
                lentry("db/c", "var/lib/dpkg/status", LayerEntry::Kind::Hardlink)};
  apply_layer(v, l0, 0, true, w);
  apply_layer(v, l1, 1, true, w);
  CHECK(v.find("var/lib/dpkg/status") == nullptr);
  Lookup l = v.lookup("var/lib/dpkg/status");
  CHECK(l.file == nullptr);
  CHECK(l.problem == "3000 bytes exceed the per-file limit of 1024");
  // The superseded copy is history (all-layers scope), removed by the layer that skipped it.
  REQUIRE(v.history().size() == 1);
  CHECK(v.history()[0].removed_by == 1);
  CHECK(v.lookup("db/b").problem == "hard link to 'db/status-gone', which is missing or was not read");
  CHECK(v.lookup("db/c").problem ==
        "hard link to 'var/lib/dpkg/status', which was skipped: 3000 bytes exceed the per-file limit of 1024");
  auto g = v.lookup_glob("db/*");
  REQUIRE(g.size() == 3);
  CHECK(g[0].file);
  CHECK((g[1].path == "db/b" && !g[1].problem.empty()));
  // A later layer that writes or deletes the path clears the mark.
  l2.entries = {reg("var/lib/dpkg/status", "Package: new\n")};
  l2.whiteouts = {"db/b"};
  apply_layer(v, l2, 2, false, w);
  REQUIRE(v.find("var/lib/dpkg/status"));
  CHECK(v.lookup("var/lib/dpkg/status").problem.empty());
  CHECK(v.lookup("db/b").problem.empty());
  CHECK(v.unreadable_.count("db/b") == 0);
}

TEST_CASE("paths through a skipped symlink are not followed, and say why", "[image]") {
  View v;
  std::vector<std::string> w;
  LayerScan l;
  l.entries = {reg("opt/dpkg/status", "x"),
               lentry("var/lib/dpkg", "symlink target longer than 4096 bytes", LayerEntry::Kind::Skipped)};
  apply_layer(v, l, 0, false, w);
  CHECK(v.lookup("var/lib/dpkg/status").problem ==
        "'var/lib/dpkg' was skipped: symlink target longer than 4096 bytes");
}

TEST_CASE("globs follow a symlinked literal directory; files keep their real paths", "[image]") {
  View v;
  std::vector<std::string> w;
  LayerScan l;
  l.entries = {reg("opt/dpkg/status.d/a", "A"), reg("opt/dpkg/status.d/b", "B"),
               lentry("var/lib/dpkg", "../../opt/dpkg"), lentry("lib", "usr/lib")};
  apply_layer(v, l, 0, false, w);
  auto g = v.glob("var/lib/dpkg/status.d/*");
  REQUIRE(g.size() == 2);
  CHECK(g[0]->path == "opt/dpkg/status.d/a");
  // A symlinked directory that merely leads to where nothing is: absent, not a problem.
  CHECK(v.lookup("lib/apk/db/installed").problem.empty());
  CHECK(v.lookup("lib/apk/db/installed").path == "usr/lib/apk/db/installed");
}
