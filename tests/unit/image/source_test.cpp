// Tests of image inputs: docker-archive, OCI layout (tar, dir, multi-platform), rootfs, hostile images.
#include <catch2/catch.hpp>

#include <filesystem>
#include <fstream>

#include "sbom/image.h"
#include "sbom/text.h"
#include "tar_builder.h"

using namespace sbom::image;
using namespace sbom::image::testing;

namespace {

const std::vector<Pattern> kPats{{"etc/os-release", 0}, {"usr/lib/os-release", 0}, {"var/lib/dpkg/status", 0}};

ImageSpec two_layers(const std::string& comp0 = "gzip", const std::string& comp1 = "zstd") {
  ImageSpec s;
  s.layers.push_back({{file("usr/lib/os-release", "ID=debian\nVERSION_ID=\"12\"\n"),
                       symlink_entry("etc/os-release", "../usr/lib/os-release"), file("var/lib/dpkg/status", "old"),
                       file("tmp/gone", "x")},
                      comp0});
  s.layers.push_back({{file("var/lib/dpkg/status", "new"), file("tmp/.wh.gone", "")}, comp1});
  return s;
}

std::filesystem::path temp_dir(const std::string& name) {
  auto p = std::filesystem::temp_directory_path() / ("sbomkit-image-test-" + name + "-" + std::to_string(::getpid()));
  std::filesystem::remove_all(p);
  std::filesystem::create_directories(p);
  return p;
}

void write_entries(const std::filesystem::path& root, const std::vector<Entry>& es) {
  for (const auto& e : es) {
    auto p = root / e.name;
    std::filesystem::create_directories(p.parent_path());
    if (e.kind == Entry::Kind::Symlink) {
      std::filesystem::create_symlink(e.target, p);
    } else {
      std::ofstream(p, std::ios::binary) << e.data;
    }
  }
}

}  // namespace

TEST_CASE("a legacy docker-archive with two layers", "[image]") {
  ImageSpec spec = two_layers();
  std::vector<std::string> warnings;
  Options o;
  o.diagnostics = sbom::Diagnostics([&](const sbom::Diagnostic& dg) { warnings.push_back(dg.to_string()); });
  auto v = read_tar_memory(docker_archive(spec), "demo.tar", kPats, o);
  REQUIRE(v);
  CHECK(warnings.empty());
  CHECK(v->info().kind == "docker-archive");
  CHECK(v->info().repo_tags == std::vector<std::string>{"demo:1.0"});
  CHECK(v->info().config_digest == sha256(config_json(spec)));
  CHECK(v->info().manifest_digest.empty());
  REQUIRE(v->info().layers.size() == 2);
  CHECK(v->info().layers[0].diff_id == sha256(make_tar(spec.layers[0].entries)));
  CHECK(v->info().layers[0].compression == "gzip");
  CHECK(v->info().layers[1].compression == "zstd");
  const File* status = v->find("var/lib/dpkg/status");
  REQUIRE(status);
  CHECK(status->data == "new");
  CHECK(status->layer == 1);
  const File* os = v->find("etc/os-release");
  REQUIRE(os);
  CHECK(os->layer == 0);
  CHECK(v->history().empty());
}

TEST_CASE("all-layers keeps what later layers replaced", "[image]") {
  Options o;
  o.all_layers = true;
  auto v = read_tar_memory(docker_archive(two_layers("none", "none")), "demo.tar", kPats, o);
  REQUIRE(v);
  REQUIRE(v->history().size() == 1);
  CHECK(v->history()[0].data == "old");
  CHECK(v->history()[0].layer == 0);
  CHECK(v->history()[0].removed_by == 1);
}

TEST_CASE("an OCI layout tar, and the same layout as a directory, read the same", "[image]") {
  auto entries = oci_layout({two_layers()});
  auto t = read_tar_memory(make_tar(entries), "demo.oci.tar", kPats, {});
  REQUIRE(t);
  CHECK(t->info().kind == "oci-tar");
  CHECK(t->info().ref_name == "demo:1.0");
  CHECK(t->info().manifest_digest.starts_with("sha256:"));
  CHECK(t->info().platforms == std::vector<std::string>{"linux/amd64"});
  auto dir = temp_dir("oci");
  write_entries(dir, entries);
  auto d = read(dir.string(), kPats, {});
  REQUIRE(d);
  CHECK(d->info().kind == "oci-dir");
  CHECK(d->info().manifest_digest == t->info().manifest_digest);
  CHECK(d->info().config_digest == t->info().config_digest);
  REQUIRE(d->find("var/lib/dpkg/status"));
  CHECK(d->find("var/lib/dpkg/status")->data == "new");
  // the tar file on disk too (the per-layer parallel reader)
  std::ofstream(dir / "image.tar", std::ios::binary) << make_tar(entries);
  auto f = read((dir / "image.tar").string(), kPats, {});
  REQUIRE(f);
  CHECK(f->files().size() == d->files().size());
  std::filesystem::remove_all(dir);
}

TEST_CASE("docker save of Docker 25+: OCI layout plus manifest.json with the repo tags", "[image]") {
  ImageSpec spec = two_layers();
  auto entries = oci_layout({spec}, true, "1.0");
  std::string cfg_blob = blob_name(sha256(config_json(spec)));
  entries.push_back(file("manifest.json", R"([{"Config":")" + cfg_blob + R"(","RepoTags":["demo:1.0","demo:latest"],"Layers":[]}])"));
  auto v = read_tar_memory(make_tar(entries), "d25.tar", kPats, {});
  REQUIRE(v);
  CHECK(v->info().kind == "docker-archive");
  CHECK(v->info().repo_tags == std::vector<std::string>{"demo:1.0", "demo:latest"});
  CHECK(v->info().manifest_digest.starts_with("sha256:"));
  CHECK(v->info().ref_name == "1.0");
  REQUIRE(v->find("var/lib/dpkg/status"));
  CHECK(v->find("var/lib/dpkg/status")->layer == 1);
}

TEST_CASE("a multi-platform index picks the platform asked for", "[image]") {
  ImageSpec amd = two_layers(), arm = two_layers();
  arm.arch = "arm64";
  arm.layers[1].entries[0].data = "arm";
  ImageSpec armv7 = arm;
  armv7.arch = "arm";
  armv7.variant = "v7";
  std::string tar = make_tar(oci_layout({amd, arm, armv7}));
  Options o;
  o.platform = "linux/arm64";
  auto v = read_tar_memory(tar, "multi.tar", kPats, o);
  REQUIRE(v);
  CHECK(v->info().architecture == "arm64");
  CHECK(v->find("var/lib/dpkg/status")->data == "arm");
  CHECK(v->info().platforms == std::vector<std::string>{"linux/amd64", "linux/arm/v7", "linux/arm64"});
  o.platform = "linux/s390x";
  auto bad = read_tar_memory(tar, "multi.tar", kPats, o);
  REQUIRE_FALSE(bad);
  CHECK(bad.error().to_string() ==
        "multi.tar: no image for platform 'linux/s390x'; available: linux/amd64, linux/arm/v7, linux/arm64");
  // without platforms in the index, they come from the configs
  o.platform = "linux/arm/v7";
  auto probe = read_tar_memory(make_tar(oci_layout({amd, armv7}, false)), "multi.tar", kPats, o);
  REQUIRE(probe);
  CHECK(probe->info().variant == "v7");
}

TEST_CASE("broken images are errors naming the blob", "[image]") {
  auto entries = oci_layout({two_layers()});
  SECTION("missing layer blob") {
    std::vector<Entry> cut;
    for (auto& e : entries) {
      if (e.data.size() > 0 && e.name.starts_with("blobs/") && e.data[0] != '{') continue;
      cut.push_back(e);
    }
    auto v = read_tar_memory(make_tar(cut), "x.tar", kPats, {});
    REQUIRE_FALSE(v);
    CHECK(v.error().to_string().starts_with("x.tar: manifest references missing blob 'blobs/sha256/"));
  }
  SECTION("index that is not JSON") {
    for (auto& e : entries) {
      if (e.name == "index.json") e.data = "{not json";
    }
    auto v = read_tar_memory(make_tar(entries), "x.tar", kPats, {});
    REQUIRE_FALSE(v);
    CHECK(v.error().message.starts_with("'index.json' is not valid JSON (1:2: "));
  }
  SECTION("digest that tries to leave the blob store") {
    for (auto& e : entries) {
      if (e.name == "index.json") e.data = R"({"manifests":[{"digest":"sha256:../../etc/passwd"}]})";
    }
    auto v = read_tar_memory(make_tar(entries), "x.tar", kPats, {});
    REQUIRE_FALSE(v);
    CHECK(v.error().message == "invalid digest 'sha256:../../etc/passwd'");
  }
  SECTION("no manifest at all") {
    auto v = read_tar_memory(make_tar({file("hello", "x")}), "x.tar", kPats, {});
    REQUIRE_FALSE(v);
    CHECK(v.error().to_string() == "x.tar: not a container image: no 'manifest.json' or 'index.json'");
  }
  SECTION("truncated image tar") {
    std::string tar = make_tar(entries);
    auto v = read_tar_memory(tar.substr(0, tar.size() / 3), "x.tar", kPats, {});
    REQUIRE_FALSE(v);
  }
}

TEST_CASE("a root filesystem directory", "[image]") {
  auto dir = temp_dir("rootfs");
  write_entries(dir, two_layers().layers[0].entries);
  auto v = read(dir.string(), kPats, {});
  REQUIRE(v);
  CHECK(v->info().kind == "rootfs");
  REQUIRE(v->find("etc/os-release"));
  CHECK(v->find("etc/os-release")->layer == -1);
  CHECK(v->find("tmp/gone") == nullptr);  // not asked for
  std::filesystem::remove_all(dir);
}

TEST_CASE("the host platform is in OCI terms", "[image]") {
  CHECK(host_platform().starts_with("linux/"));
  CHECK(host_platform().find("x86_64") == std::string::npos);
}

TEST_CASE("corrupted bytes anywhere give a view or an error, never a crash", "[image]") {
  std::string good = docker_archive(two_layers("gzip", "zstd"));
  std::string oci = make_tar(oci_layout({two_layers("none", "gzip")}));
  std::uint32_t seed = 12345;
  auto next = [&] { return seed = seed * 1664525u + 1013904223u; };
  for (const std::string* base : {&good, &oci}) {
    for (int i = 0; i < 300; ++i) {
      std::string bad = *base;
      for (int k = 0; k < 4; ++k) bad[next() % bad.size()] = static_cast<char>(next() & 0xff);
      auto v = read_tar_memory(bad, "fuzz.tar", kPats, {});
      if (v) CHECK(v->files().size() <= 3);
    }
    for (std::size_t cut = 0; cut < base->size(); cut += 509) (void)read_tar_memory(base->substr(0, cut), "cut.tar", kPats, {});
  }
}

TEST_CASE("a tampered layer, config or manifest is an error naming it, in every input form", "[image]") {
  ImageSpec spec = two_layers("gzip", "zstd");
  const std::string evil = make_tar({file("var/lib/dpkg/status", "Package: evil\n")}, "zstd");
  const std::string layer1 = sha256(make_tar(spec.layers[1].entries, "zstd"));
  auto read_all_forms = [&](const std::vector<Entry>& entries, const std::string& want) {
    auto m = read_tar_memory(make_tar(entries), "x.tar", kPats, {});
    REQUIRE_FALSE(m);
    CHECK(m.error().to_string() == "x.tar: " + want);
    auto dir = temp_dir("tamper");
    write_entries(dir, entries);
    auto d = read(dir.string(), kPats, {});
    REQUIRE_FALSE(d);
    CHECK(d.error().message == want);
    std::ofstream(dir / "image.tar", std::ios::binary) << make_tar(entries);
    auto f = read((dir / "image.tar").string(), kPats, {});
    REQUIRE_FALSE(f);
    CHECK(f.error().message == want);
    std::filesystem::remove_all(dir);
  };
  SECTION("OCI layer blob replaced") {
    auto entries = oci_layout({spec});
    for (auto& e : entries) {
      if (e.name == blob_name(layer1)) e.data = evil;
    }
    read_all_forms(entries, "layer '" + blob_name(layer1) + "' does not match its digest (its content is " +
                                sha256(evil) + ")");
  }
  SECTION("OCI layer blob and manifest replaced, the config's diff_id left") {
    // Re-hashing the blob is not enough: the uncompressed tar must match the config.
    ImageSpec forged = spec;
    forged.layers[1].entries = {file("var/lib/dpkg/status", "Package: evil\n")};
    auto entries = oci_layout({forged});
    const std::string good_cfg = config_json(spec), bad_cfg = config_json(forged);
    std::string cfg_name = blob_name(sha256(bad_cfg));
    for (auto& e : entries) {
      if (e.name == cfg_name) {
        e.name = blob_name(sha256(good_cfg));
        e.data = good_cfg;
      }
      if (e.data.find(sha256(bad_cfg)) != std::string::npos && e.name.starts_with("blobs/")) {
        // The manifest names the genuine config: rewrite it and then the index that names it.
        std::string man = e.data;
        man.replace(man.find(sha256(bad_cfg)), sha256(bad_cfg).size(), sha256(good_cfg));
        const std::string old_digest = sha256(e.data), new_digest = sha256(man);
        e.name = blob_name(new_digest);
        e.data = man;
        for (auto& i : entries) {
          if (i.name == "index.json") i.data.replace(i.data.find(old_digest), old_digest.size(), new_digest);
        }
      }
    }
    const std::string evil_tar = make_tar(forged.layers[1].entries);
    read_all_forms(entries, "layer '" + blob_name(sha256(make_tar(forged.layers[1].entries, "zstd"))) +
                                "' does not match diff_id " + sha256(make_tar(spec.layers[1].entries)) +
                                " of the config (its uncompressed content is " + sha256(evil_tar) + ")");
  }
  SECTION("OCI config blob changed") {
    auto entries = oci_layout({spec});
    const std::string cfg = blob_name(sha256(config_json(spec)));
    for (auto& e : entries) {
      if (e.name == cfg) e.data.replace(e.data.find("demo"), 4, "evil");
    }
    std::string changed = config_json(spec);
    changed.replace(changed.find("demo"), 4, "evil");
    read_all_forms(entries, "blob '" + cfg + "' does not match its digest (its content is " + sha256(changed) + ")");
  }
  SECTION("OCI manifest blob changed") {
    auto entries = oci_layout({spec});
    for (auto& e : entries) {
      if (e.name.starts_with("blobs/") && e.data.find("\"layers\"") != std::string::npos) {
        const std::string name = e.name;
        e.data += " ";
        read_all_forms(entries, "blob '" + name + "' does not match its digest (its content is " + sha256(e.data) + ")");
        break;
      }
    }
  }
  SECTION("docker-archive layer changed") {
    ImageSpec forged = spec;
    forged.layers[1].entries = {file("var/lib/dpkg/status", "Package: evil\n")};
    // Take the forged archive's layer with the genuine config and manifest.
    std::vector<Entry> entries{file("l0/layer.tar", make_tar(spec.layers[0].entries, "gzip")), file("l1/layer.tar", evil)};
    const std::string cfg = config_json(spec);
    entries.push_back(file(sha256(cfg).substr(7) + ".json", cfg));
    entries.push_back(file("manifest.json", R"([{"Config":")" + sha256(cfg).substr(7) +
                                                R"(.json","RepoTags":["demo:1.0"],"Layers":["l0/layer.tar","l1/layer.tar"]}])"));
    read_all_forms(entries, "layer 'l1/layer.tar' does not match diff_id " + sha256(make_tar(spec.layers[1].entries)) +
                                " of the config (its uncompressed content is " +
                                sha256(make_tar({file("var/lib/dpkg/status", "Package: evil\n")})) + ")");
  }
  SECTION("docker-archive config changed") {
    const std::string cfg = config_json(spec);
    std::string changed = cfg;
    changed.replace(changed.find("demo"), 4, "evil");
    std::vector<Entry> entries{file("l0/layer.tar", make_tar(spec.layers[0].entries, "gzip")),
                               file("l1/layer.tar", make_tar(spec.layers[1].entries, "zstd")),
                               file(sha256(cfg).substr(7) + ".json", changed)};
    entries.push_back(file("manifest.json", R"([{"Config":")" + sha256(cfg).substr(7) +
                                                R"(.json","RepoTags":["demo:1.0"],"Layers":["l0/layer.tar","l1/layer.tar"]}])"));
    read_all_forms(entries, "blob '" + sha256(cfg).substr(7) + ".json' does not match its digest (its content is " +
                                sha256(changed) + ")");
  }
}

TEST_CASE("files asked for behind symlinks are read inside the image root", "[image]") {
  const std::vector<Pattern> pats{{"var/lib/dpkg/status", 0}, {"var/lib/dpkg/status.d/*", 0}, {"lib/apk/db/installed", 0}};
  ImageSpec spec;
  // The database is elsewhere, linked from a later layer: absolute, relative, via a directory.
  spec.layers.push_back({{file("app/status", "Package: a\n"), file("opt/dpkg/status.d/b", "Package: b\n"),
                          file("app/other", "not asked for"), symlink_entry("lib", "usr/lib")},
                         "gzip"});
  spec.layers.push_back({{symlink_entry("var/lib/dpkg/status", "/app/status"),
                          symlink_entry("var/lib/dpkg/status.d", "../../../../../opt/dpkg/status.d")},
                         "zstd"});
  auto check = [&](const sbom::Expected<View>& v, int layer = 0) {
    REQUIRE(v);
    const File* status = v->find("var/lib/dpkg/status");
    REQUIRE(status);
    CHECK(status->path == "app/status");
    CHECK(status->data == "Package: a\n");
    CHECK(status->layer == layer);
    auto parts = v->glob("var/lib/dpkg/status.d/*");
    REQUIRE(parts.size() == 1);
    CHECK(parts[0]->data == "Package: b\n");
    CHECK(v->find("app/other") == nullptr);
  };
  auto dir = temp_dir("behind");
  std::vector<std::string> warnings;
  Options o;
  o.diagnostics = sbom::Diagnostics([&](const sbom::Diagnostic& dg) { warnings.push_back(dg.to_string()); });
  {
    auto entries = oci_layout({spec});
    write_entries(dir / "oci", entries);
    check(read((dir / "oci").string(), pats, o));
    std::ofstream(dir / "image.tar", std::ios::binary) << make_tar(entries);
    check(read((dir / "image.tar").string(), pats, o));
    CHECK(warnings.empty());
  }
  SECTION("a root filesystem directory") {
    std::vector<Entry> all = spec.layers[0].entries;
    all.insert(all.end(), spec.layers[1].entries.begin(), spec.layers[1].entries.end());
    write_entries(dir / "rootfs", all);
    check(read((dir / "rootfs").string(), pats, o), -1);
    CHECK(warnings.empty());
  }
  SECTION("a stream is read once: what is behind a symlink is named, not silently missed") {
    auto v = read_tar_memory(make_tar(oci_layout({spec})), "-", pats, o);
    REQUIRE(v);
    CHECK(v->find("var/lib/dpkg/status") == nullptr);
    REQUIRE(warnings.size() == 2);
    CHECK(warnings[0] == "'app/status' is behind a link, not read: an image on stdin is read once (give it as a file)");
    CHECK(warnings[1] == "'opt/dpkg/status.d/*' is behind a link, not read: an image on stdin is read once (give it as a file)");
    CHECK(v->lookup("var/lib/dpkg/status").problem == "behind a link, not read: an image on stdin is read once (give it as a file)");
  }
  SECTION("loops and dangling links say so") {
    ImageSpec bad;
    bad.layers.push_back({{symlink_entry("var/lib/dpkg/status", "/nowhere/status"), file("nowhere/x", ""),
                           symlink_entry("lib/apk/db/installed", "installed"), symlink_entry("var/lib/dpkg/status.d", "/var/lib/dpkg/status.d/x")},
                          "none"});
    auto entries = oci_layout({bad});
    write_entries(dir / "bad", entries);
    auto v = read((dir / "bad").string(), pats, o);
    REQUIRE(v);
    CHECK(v->lookup("var/lib/dpkg/status").problem == "dangling symlink: no file at 'nowhere/status' in the image");
    CHECK(v->lookup("lib/apk/db/installed").problem == "too many levels of symbolic links");
    auto g = v->lookup_glob("var/lib/dpkg/status.d/*");
    REQUIRE(g.size() == 1);
    CHECK(g[0].problem == "too many levels of symbolic links");
  }
  std::filesystem::remove_all(dir);
}

TEST_CASE("a hard link asked for is followed to a target that was not asked for", "[image]") {
  const std::vector<Pattern> pats{{"var/lib/dpkg/status", 0}};
  ImageSpec spec;
  spec.layers.push_back({{file("var/lib/dpkg/status", "Package: old\n")}, "gzip"});
  spec.layers.push_back({{file("var/lib/dpkg/status-new", "Package: new\n"),
                          hardlink_entry("var/lib/dpkg/status", "var/lib/dpkg/status-new")},
                         "gzip"});
  auto dir = temp_dir("hardlink");
  std::ofstream(dir / "image.tar", std::ios::binary) << docker_archive(spec);
  std::vector<std::string> warnings;
  Options o;
  o.diagnostics = sbom::Diagnostics([&](const sbom::Diagnostic& dg) { warnings.push_back(dg.to_string()); });
  auto v = read((dir / "image.tar").string(), pats, o);
  REQUIRE(v);
  REQUIRE(v->find("var/lib/dpkg/status"));
  CHECK(v->find("var/lib/dpkg/status")->data == "Package: new\n");
  CHECK(v->find("var/lib/dpkg/status")->layer == 1);
  CHECK(warnings.empty());
  // Read once from a stream: unreadable (never the old copy), and said so.
  auto s = read_tar_memory(docker_archive(spec), "-", pats, o);
  REQUIRE(s);
  CHECK(s->find("var/lib/dpkg/status") == nullptr);
  CHECK(s->lookup("var/lib/dpkg/status").problem == "hard link to 'var/lib/dpkg/status-new', which is missing or was not read");
  CHECK(std::find(warnings.begin(), warnings.end(),
                  "'var/lib/dpkg/status-new' is behind a link, not read: an image on stdin is read once (give it as a file)") !=
        warnings.end());
  std::filesystem::remove_all(dir);
}

TEST_CASE("a root filesystem's files a digest pattern wants are hashed as they are read", "[image]") {
  auto dir = temp_dir("rootfs-digest");
  const std::string big = "WANT" + std::string(kDigestHead, 'x');
  write_entries(dir, {file("bin/wanted", big), file("bin/other", "ELSE" + std::string(100, 'y')), file("etc/wanted", "WANT whole")});
  Pattern bins = want_reducer("bin/*");
  Pattern whole("etc/*");
  whole.digest = bins.digest;
  auto v = read(dir.string(), {bins, whole}, {});
  REQUIRE(v);
  CHECK(v->find("bin/wanted")->data == "WANT");
  CHECK(v->find("bin/wanted")->sha256 == sbom::text::sha256_hex(big));
  CHECK(v->find("bin/other")->sha256.empty());
  CHECK(v->find("etc/wanted")->sha256 == sbom::text::sha256_hex("WANT whole"));
  std::filesystem::remove_all(dir);
}
