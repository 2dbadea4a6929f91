// sbom-gen: a CycloneDX SBOM of a container image (docker-archive, OCI layout, rootfs, stdin):
// OS packages with distro and layer provenance.
#include <unistd.h>

#include <cstdio>
#include <filesystem>
#include <fstream>
#include <cctype>
#include <cstdlib>
#include <string>

#include "cli.h"
#include "sbom/text.h"
#include "sbom/catalog.h"
#include "sbom/format.h"
#include "sbom/secrets.h"
#include "sbomkit_config.h"

namespace {

using sbom::cli::Exit;

struct Options {
  std::string image;
  std::string output = "-";
  std::string platform;
  std::string scope = "squashed";
  std::string spec_version;
  std::string format;
  std::string max_file_size = "256M";
  std::string max_inflated = "4G";
  std::string max_nested_archives = "50000";
  std::string cache_dir;
  std::string cache_max_size = "2G";
  bool no_cache = false;
  bool insecure = false;
  std::string ca_file;
  std::vector<std::string> certs_dirs;
  bool quiet = false;
  bool strict = false;
  bool secrets = false;
  std::string secret_rules;
  bool hygiene = false;
  std::string base;
  std::vector<std::string> authors;
  std::string supplier;
};

/// $XDG_CACHE_HOME/sbomkit/layers, else ~/.cache/sbomkit/layers; "" when neither is known.
std::string default_cache_dir() {
  if (const char* x = std::getenv("XDG_CACHE_HOME"); x && *x == '/') return std::string(x) + "/sbomkit/layers";
  if (const char* h = std::getenv("HOME"); h && *h == '/') return std::string(h) + "/.cache/sbomkit/layers";
  return {};
}

/// Where Docker and the containers tools (Podman, Skopeo) look for a registry's CA.
const std::vector<std::string> kDefaultCertsDirs = {"/etc/docker/certs.d", "/etc/containers/certs.d"};

constexpr const char* kExamples =
    "  sbom-gen registry:registry.example.com/app:1.2 | sbom-match --db vulns.db\n"
    "  sbom-gen debian-app.docker.tar > sbom.cdx.json\n"
    "  docker save myapp:1.2 | sbom-gen - | sbom-match --db vulns.db\n"
    "  sbom-gen --platform linux/arm64 --scope all-layers -o sbom.json image.oci/\n";

}  // namespace

int main(int argc, char** argv) {
  sbom::cli::Tool tool("sbom-gen", argv);
  Options o;
  CLI::App app(
      "Writes a CycloneDX SBOM of a container image: the distro and the OS packages (dpkg, apk, rpm)\n"
      "with their source packages, licenses and the layer that introduced them. IMAGE is a\n"
      "docker-archive or OCI layout tar, an OCI layout directory, a root filesystem directory,\n"
      "'-' for a tar on stdin, registry:HOST/REPO[:TAG][@DIGEST] (HOST/REPO:TAG alone when no such\n"
      "file exists), or docker:IMAGE / podman:IMAGE from the daemon's socket. Layer scans are\n"
      "cached by layer digest (--cache-dir, --no-cache).");
  tool.setup_app(app, kExamples, "not used by sbom-gen");
  app.add_option("image", o.image, "the image to scan ('-' = tar on stdin, registry:REF, docker:IMAGE, podman:IMAGE)")->type_name("IMAGE")->required();
  app.add_option("-o,--output", o.output, "write the SBOM to FILE (atomically) instead of stdout")->type_name("FILE");
  app.add_option("--platform", o.platform, "image of a multi-platform index to scan (default: the host's)")
      ->type_name("OS/ARCH[/VARIANT]");
  app.add_option("--scope", o.scope, "squashed (final filesystem) or all-layers (also what later layers removed)")
      ->type_name("SCOPE")->check(CLI::IsMember({"squashed", "all-layers"}));
  app.add_option("--spec-version", o.spec_version, "CycloneDX version to write (default 1.6); --format cyclonedx-json@VERSION says the same")
      ->type_name("VERSION")->check(CLI::IsMember({"1.4", "1.5", "1.6", "1.7"}));
  sbom::cli::add_format_option(app, o.format)->description(
      "write the SBOM as FORMAT: cyclonedx-json (default), cyclonedx-xml, spdx-json, spdx-tag-value or\n"
      "spdx3-json, optionally @VERSION");
  app.add_option("--max-file-size", o.max_file_size, "skip package databases larger than SIZE (default 256M)")
      ->type_name("SIZE")->check(sbom::cli::size_check());
  app.add_option("--max-inflated", o.max_inflated,
                 "inflate at most SIZE bytes from the image's jars and the jars nested in them (default 4G)")
      ->type_name("SIZE")->check(sbom::cli::size_check());
  app.add_option("--max-nested-archives", o.max_nested_archives,
                 "read at most N archives nested in the image's jars (default 50000)")
      ->type_name("N")->check(sbom::cli::count_check());
  app.add_flag("--secrets", o.secrets,
               "also scan every file for secrets (cloud keys, tokens, private keys, passwords in\n"
               "config files), in deleted layers and the config too; findings become vulnerabilities\n"
               "of kind secret, the secret itself is never written (a fingerprint is)");
  app.add_option("--secret-rules", o.secret_rules,
                 "add the rules of FILE (gitleaks TOML format) to the built-in ones (implies --secrets)")
      ->type_name("FILE");
  app.add_flag("--hygiene", o.hygiene,
               "also report runtime hygiene as findings of kind hygiene: runs as root, shells,\n"
               "compilers and build tools, package managers, setuid/setgid files, world-writable\n"
               "directories on the PATH, secrets in the config's environment and history");
  app.add_option("--base", o.base,
                 "the base image (any source sbom-gen reads) or its SBOM: each component is marked as\n"
                 "from the base or from the image's own layers (default: told from the config's history)")
      ->type_name("IMAGE|SBOM");
  app.add_flag("--strict", o.strict,
               "a package database that cannot be read (too large, a skipped hard link,\n"
               "a symlink that loops or dangles) is an error (exit 2), not a warning");
  app.add_option("--cache-dir", o.cache_dir,
                 "layer cache directory (default $XDG_CACHE_HOME/sbomkit/layers or ~/.cache/sbomkit/layers)")
      ->type_name("DIR");
  app.add_option("--cache-max-size", o.cache_max_size,
                 "evict least recently used cache entries past SIZE (default 2G)")
      ->type_name("SIZE")->check(sbom::cli::size_check());
  app.add_flag("--no-cache", o.no_cache, "neither read nor write the layer cache");
  app.add_flag("--insecure", o.insecure,
               "registry sources: plain HTTP, not HTTPS (local test registries only; never turns off\n"
               "the certificate checks of HTTPS)");
  app.add_option("--ca-file", o.ca_file, "registry sources: also trust the CA certificates (PEM) in FILE for HTTPS")
      ->type_name("FILE");
  app.add_option("--certs-dir", o.certs_dirs,
                 "registry sources: DIR/HOST:PORT/*.crt are CAs trusted for that host (Docker's certs.d\n"
                 "layout; repeatable; default /etc/docker/certs.d and /etc/containers/certs.d)")
      ->type_name("DIR")->allow_extra_args(false);
  app.add_option("--author", o.authors,
                 "who is responsible for this SBOM, 'Name <e-mail>', 'Name' or an e-mail address\n"
                 "(repeatable): metadata.authors, which the image cannot say (NTIA author, BSI creator)")
      ->type_name("WHO")
      ->allow_extra_args(false);
  app.add_option("--supplier", o.supplier,
                 "the image's supplier, 'Name <e-mail> (URL)' (e-mail and URL optional); replaces what\n"
                 "the image's org.opencontainers.image.vendor/url labels say")
      ->type_name("WHO");
  app.add_flag("-q,--quiet", o.quiet, "no progress bar on stderr");
  if (auto done = tool.parse(app, argc, argv)) return *done;

  auto target = sbom::format::parse_target(o.format.empty() ? "cyclonedx-json" : o.format);
  if (!target) return tool.usage_error(target.error().message);  // checked while parsing
  if (!o.spec_version.empty()) {
    if (target->syntax != sbom::Syntax::CycloneDxJson && target->syntax != sbom::Syntax::CycloneDxXml)
      return tool.usage_error("--spec-version is a CycloneDX version: give the version of " + o.format + " as --format " + o.format + "@VERSION");
    if (!target->spec_version.empty() && target->spec_version != o.spec_version)
      return tool.usage_error("--spec-version " + o.spec_version + " and --format " + o.format + " name different versions");
    target->spec_version = o.spec_version;
  }
  if (!sbom::format::can_write(target->syntax))
    return tool.usage_error("--format " + o.format + ": writing " + std::string(sbom::format::target_name(target->syntax)) + " is not supported yet");
  const bool cyclonedx = target->syntax == sbom::Syntax::CycloneDxJson || target->syntax == sbom::Syntax::CycloneDxXml;
  if (cyclonedx && target->spec_version.empty()) target->spec_version = "1.6";
  if (cyclonedx && (target->spec_version == "1.2" || target->spec_version == "1.3"))
    return tool.usage_error("--format " + o.format + ": sbom-gen writes CycloneDX 1.4 to 1.7");

  sbom::catalog::ScanOptions so;
  so.spec_version = cyclonedx ? target->spec_version : "1.6";
  so.strict = o.strict;
  so.tool_version = SBOMKIT_VERSION;
  so.image.platform = o.platform;
  so.image.all_layers = o.scope == "all-layers";
  so.image.max_file_size = *sbom::cli::parse_size(o.max_file_size);  // checked while parsing
  if (so.image.max_file_size == 0) return tool.usage_error("--max-file-size: 0 would skip every package database");
  so.archives.max_inflated = *sbom::cli::parse_size(o.max_inflated);  // checked while parsing
  if (so.archives.max_inflated == 0) return tool.usage_error("--max-inflated: 0 would read no jar entry");
  so.archives.max_nested = std::stoull(o.max_nested_archives);  // digits only, checked while parsing
  if (so.archives.max_nested == 0) return tool.usage_error("--max-nested-archives: 0 would read no nested archive");
  so.image.insecure = o.insecure;
  so.image.ca_file = o.ca_file;
  so.image.certs_dirs = o.certs_dirs.empty() ? kDefaultCertsDirs : o.certs_dirs;
  if (o.no_cache && !o.cache_dir.empty()) return tool.usage_error("--no-cache and --cache-dir exclude each other");
  if (!o.no_cache) so.image.cache_dir = o.cache_dir.empty() ? default_cache_dir() : o.cache_dir;
  so.image.cache_max = *sbom::cli::parse_size(o.cache_max_size);  // checked while parsing
  so.image.diagnostics = tool.diagnostics();
  if (o.secrets || !o.secret_rules.empty()) {
    std::vector<sbom::secrets::Rule> rules = sbom::secrets::builtin_rules();
    sbom::secrets::Allowlist allow;
    if (!o.secret_rules.empty()) {
      auto text = sbom::cli::read_text(o.secret_rules);
      if (!text) return tool.fail(text.error());
      auto file = sbom::secrets::parse_gitleaks_toml(*text, o.secret_rules);
      if (!file) return tool.fail(file.error());
      for (auto& r : file->rules) rules.push_back(std::move(r));
      allow = std::move(file->allow);
    }
    auto scanner = sbom::secrets::Scanner::make(std::move(rules), std::move(allow));
    if (!scanner) {
      sbom::Error e = scanner.error();
      if (e.file.empty()) e.file = o.secret_rules;
      return tool.fail(e);
    }
    so.secrets = std::move(*scanner);
  }
  so.hygiene = o.hygiene;
  if (!o.base.empty()) {
    // An SBOM is text that starts with '{' or '<'; anything else is an image.
    std::error_code ec;
    bool document = false;
    if (std::filesystem::is_regular_file(o.base, ec)) {
      std::ifstream in(o.base, std::ios::binary);
      char c = 0;
      while (in.get(c) && std::isspace(static_cast<unsigned char>(c))) {
      }
      document = c == '{' || c == '<';
    }
    if (document) {
      auto base = sbom::cli::read_document(o.base);
      if (!base) return tool.fail(base.error());
      so.base = sbom::catalog::base_from_document(*base);
    } else {
      sbom::image::Options bo = so.image;
      bo.progress = nullptr;
      auto base = sbom::image::read(o.base, {}, bo);
      if (!base) return tool.fail(base.error());
      so.base = sbom::catalog::base_from_image(base->info());
    }
  }
  // Who made the SBOM and supplies the image go into the document as given: one line of text each.
  auto one_line = [](const std::string& s) { return !sbom::text::trim(s).empty() && !sbom::text::needs_printable(s); };
  if (app.count("--supplier") && !one_line(o.supplier))
    return tool.usage_error("--supplier: '" + sbom::text::printable(o.supplier) + "' is empty or holds control characters");
  for (const std::string& a : o.authors)
    if (!one_line(a)) return tool.usage_error("--author: '" + sbom::text::printable(a) + "' is empty or holds control characters");
  so.authors = o.authors;
  so.supplier = std::string(sbom::text::trim(o.supplier));
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
  // Before 1.5 the place a package was found travels only as the sbomkit:path property (by design,
  // not a loss worth a warning); what another format cannot carry is counted on stderr.
  sbom::format::LossFn quiet_14 = [](const sbom::format::Loss&) {};
  if (auto s = tool.write_document(o.output, *doc, *target, cyclonedx ? quiet_14 : sbom::format::LossFn{}); !s)
    return tool.fail(s.error());
  return tool.finish(Exit::kOk);
}
