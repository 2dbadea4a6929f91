// sbom-vercmp: compares versions by the rules of an ecosystem, like `dpkg --compare-versions`,
// and checks files of `A < B` lines.
#include <cstdio>
#include <optional>
#include <string>
#include <vector>

#include "cli.h"
#include "sbom/ecosystem.h"
#include "sbom/version_check.h"

namespace {

using sbom::cli::Exit;
namespace version = sbom::version;

struct Options {
  bool check = false;
  bool list = false;
  std::vector<std::string> args;
};

constexpr const char* kExamples =
    "  sbom-vercmp Debian:12 1.2.3-1~deb12u1 lt 1.2.3-1 && echo older\n"
    "  sbom-vercmp PyPI 1.0rc1 1.0          # prints <\n"
    "  sbom-vercmp --check rpm vectors.txt\n"
    "  sbom-vercmp --list\n";

Exit list() {
  for (auto name : version::scheme_names())
    std::printf("%.*s\t%.*s\n", static_cast<int>(name.size()), name.data(), static_cast<int>(name.size()), name.data());
  for (auto name : version::ecosystem_names()) {
    std::string_view scheme = version::ecosystem_scheme_name(name);
    if (scheme.empty()) scheme = "-";
    std::printf("%.*s\t%.*s\n", static_cast<int>(name.size()), name.data(), static_cast<int>(scheme.size()),
                scheme.data());
  }
  return Exit::kOk;
}

Exit check(const sbom::cli::Tool& tool, const version::Scheme& scheme, const std::string& path) {
  auto text = sbom::cli::read_text(path);
  if (!text) return tool.fail(text.error());
  version::CheckReport r = version::check_vectors(scheme, *text);
  for (const auto& f : r.failures) std::printf("%u: %s: %s\n", f.line, f.text.c_str(), f.message.c_str());
  std::printf("%zu passed, %zu failed\n", r.passed, r.failures.size());
  return r.failures.empty() ? Exit::kOk : Exit::kViolation;
}

}  // namespace

int main(int argc, char** argv) {
  sbom::cli::Tool tool("sbom-vercmp");
  Options o;
  CLI::App app(
      "Compares versions by the rules of an ecosystem. ECOSYSTEM is an OSV ecosystem (Debian:12,\n"
      "Alpine:v3.19, PyPI, Go, ...) or a scheme name (dpkg, rpm, apk, pep440, semver, ...).\n"
      "  sbom-vercmp ECOSYSTEM A OP B    exit 0 if 'A OP B' holds, 1 if not\n"
      "                                  (OP: lt le eq ge gt or < <= = >= >)\n"
      "  sbom-vercmp ECOSYSTEM A B       print <, = or >\n"
      "  sbom-vercmp --check ECOSYSTEM [FILE]\n"
      "                                  check lines 'A < B', 'A = B', 'A > B' (FILE or stdin)");
  tool.setup_app(app, kExamples, "the comparison is false / a checked line does not hold");
  app.add_flag("--check", o.check, "check the lines of FILE (default: stdin); print those that fail");
  app.add_flag("--list", o.list, "list accepted ECOSYSTEM names and their schemes (- for none)");
  app.add_option("args", o.args, "ECOSYSTEM A [OP] B, or with --check ECOSYSTEM [FILE]")->type_name("");
  if (auto done = tool.parse(app, argc, argv)) return *done;

  auto usage = [&](const std::string& msg) { return tool.usage_error(msg); };
  if (o.list) {
    if (o.check || !o.args.empty()) return usage("--list takes no other arguments");
    return tool.finish(list());
  }
  if (o.args.empty()) return usage("missing ECOSYSTEM");
  auto scheme = version::resolve_scheme(o.args[0]);
  if (o.check) {
    if (o.args.size() > 2) return usage("--check takes ECOSYSTEM and at most one FILE");
    if (!scheme) return tool.fail(scheme.error());
    return tool.finish(check(tool, **scheme, o.args.size() == 2 ? o.args[1] : "-"));
  }
  if (o.args.size() != 3 && o.args.size() != 4) return usage("expected ECOSYSTEM A OP B or ECOSYSTEM A B");
  if (!scheme) return tool.fail(scheme.error());
  std::optional<version::Relation> relation;
  if (o.args.size() == 4) {
    auto r = version::parse_relation(o.args[2]);
    if (!r) return usage(r.error().message);
    relation = *r;
  }
  const std::string& a = o.args[1];
  const std::string& b = o.args.back();
  auto order = (*scheme)->compare(a, b);
  if (!order) return tool.fail(order.error());
  if (relation) return version::holds(*order, *relation) ? Exit::kOk : Exit::kViolation;
  std::printf("%.*s\n", static_cast<int>(version::order_symbol(*order).size()), version::order_symbol(*order).data());
  return tool.finish(Exit::kOk);
}
