// sbom-gen: a CycloneDX SBOM of a container image (docker-archive, OCI layout, rootfs, stdin):
// OS packages with distro and layer provenance.
#include <unistd.h>

#include <cstdio>
#include <string>

#include "cli.h"
#include "sbom/catalog.h"
#include "sbom/cyclonedx.h"
#include "sbomkit_config.h"

namespace {

struct Options {
  std::string image;
  std::string output = "-";
  std::string platform;
  std::string scope = "squashed";
  std::string spec_version = "1.6";
  std::string max_file_size = "256M";
  std::string max_inflated = "4G";
  std::string max_nested_archives = "50000";
  bool quiet = false;
};

constexpr const char* kExamples =
    "  sbom-gen debian-app.docker.tar > sbom.cdx.json\n"
    "  docker save myapp:1.2 | sbom-gen - | sbom-match --db vulns.db\n"
    "  sbom-gen --platform linux/arm64 --scope all-layers -o sbom.json image.oci/\n";

/// "64M", "1G", "4096" -> bytes; 0 on a malformed size.
std::uint64_t parse_size(const std::string& s) {
  if (s.empty()) return 0;
  std::size_t used = 0;
  unsigned long long v = 0;
  try {
    v = std::stoull(s, &used);
  } catch (...) {
    return 0;
  }
  std::string unit = s.substr(used);
  if (unit.empty() || unit == "B") return v;
  if (unit == "K" || unit == "KiB") return v << 10;
  if (unit == "M" || unit == "MiB") return v << 20;
  if (unit == "G" || unit == "GiB") return v << 30;
  return 0;
}

}  // namespace

int main(int argc, char** argv) {
  sbom::cli::Tool tool("sbom-gen");
  Options o;
  CLI::App app(
      "Writes a CycloneDX SBOM of a container image: the distro and the OS packages (dpkg, apk, rpm)\n"
      "with their source packages, licenses and the layer that introduced them. IMAGE is a\n"
      "docker-archive or OCI layout tar, an OCI layout directory, a root filesystem directory, or\n"
      "'-' for a tar on stdin.");
  tool.setup_app(app, kExamples, "not used by sbom-gen");
  app.add_option("image", o.image, "the image to scan ('-' = tar on stdin)")->type_name("IMAGE")->required();
  app.add_option("-o,--output", o.output, "write the SBOM to FILE (atomically) instead of stdout")->type_name("FILE");
  app.add_option("--platform", o.platform, "image of a multi-platform index to scan (default: the host's)")
      ->type_name("OS/ARCH[/VARIANT]");
  app.add_option("--scope", o.scope, "squashed (final filesystem) or all-layers (also what later layers removed)")
      ->type_name("SCOPE")->check(CLI::IsMember({"squashed", "all-layers"}));
  app.add_option("--spec-version", o.spec_version, "CycloneDX version to write (default 1.6)")
      ->type_name("VERSION")->check(CLI::IsMember({"1.4", "1.5", "1.6", "1.7"}));
  app.add_option("--max-file-size", o.max_file_size, "skip package databases larger than SIZE (default 256M)")
      ->type_name("SIZE");
  app.add_option("--max-inflated", o.max_inflated,
                 "inflate at most SIZE bytes from the image's jars and the jars nested in them (default 4G)")
      ->type_name("SIZE");
  app.add_option("--max-nested-archives", o.max_nested_archives,
                 "read at most N archives nested in the image's jars (default 50000)")
      ->type_name("N");
  app.add_flag("-q,--quiet", o.quiet, "no progress bar on stderr");
  if (int rc = tool.parse(app, argc, argv); rc >= 0) return rc;

  sbom::catalog::ScanOptions so;
  so.spec_version = o.spec_version;
  so.tool_version = SBOMKIT_VERSION;
  so.image.platform = o.platform;
  so.image.all_layers = o.scope == "all-layers";
  so.image.max_file_size = parse_size(o.max_file_size);
  if (so.image.max_file_size == 0) return tool.fail("--max-file-size: '" + o.max_file_size + "' is not a size such as 65536, 64M or 1G");
  so.archives.max_inflated = parse_size(o.max_inflated);
  if (so.archives.max_inflated == 0) return tool.fail("--max-inflated: '" + o.max_inflated + "' is not a size such as 65536, 64M or 1G");
  so.archives.max_nested = parse_size(o.max_nested_archives);
  if (so.archives.max_nested == 0 || o.max_nested_archives.find_first_not_of("0123456789") != std::string::npos) {
    return tool.fail("--max-nested-archives: '" + o.max_nested_archives + "' is not a positive whole number");
  }
  so.image.warn = [&](const std::string& w) { tool.warn(w); };
  if (std::getenv("SOURCE_DATE_EPOCH")) so.timestamp = sbom::cli::now_epoch_seconds();
  const bool bar = !o.quiet && ::isatty(STDERR_FILENO);
  if (bar) {
    so.image.progress = [](std::uint64_t done, std::uint64_t total) {
      if (total == 0) return;
      std::fprintf(stderr, "\rsbom-gen: reading layers %3u%% (%llu of %llu MB)",
                   static_cast<unsigned>(done * 100 / total), static_cast<unsigned long long>(done >> 20),
                   static_cast<unsigned long long>(total >> 20));
    };
  }
  auto doc = sbom::catalog::scan_image(o.image, so);
  if (bar) std::fputs("\r\033[K", stderr);
  if (!doc) return tool.fail(doc.error());
  if (auto s = tool.write_document(o.output, *doc); !s) return tool.fail(s.error());
  return tool.finish(0);
}
