#!/usr/bin/env bash
# `meson install` puts everything where it belongs (binaries, man pages, completions, headers,
# the static library, a pkg-config file), and a program outside the tree builds against the
# installed libsbom through pkg-config alone. TAP output.
set -u
build=$1
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
n=0
fail=0
ok() { n=$((n + 1)); echo "ok $n $1"; }
bad() { n=$((n + 1)); fail=1; echo "not ok $n $1"; }

echo "1..10"
if ! meson install -C "$build" --no-rebuild --destdir "$tmp/root" --quiet >"$tmp/install.log" 2>&1; then
  bad "meson install"; sed 's/^/# /' "$tmp/install.log" | tail -20; exit 1
fi
ok "meson install"
prefix=$(meson introspect "$build" --buildoptions | /usr/bin/python3 -c 'import json,sys; print([o["value"] for o in json.load(sys.stdin) if o["name"]=="prefix"][0])')
root="$tmp/root$prefix"
[ -x "$root/bin/sbom-gate" ] && [ -x "$root/bin/sbom-exceptions" ] && ok "binaries in bin/" || bad "binaries in bin/"
ls "$root"/share/man/man1/sbom-gate.1* >/dev/null 2>&1 && ok "man pages in share/man/man1" || bad "man pages in share/man/man1"
[ -f "$root/share/bash-completion/completions/sbom-exceptions" ] && ok "bash completions" || bad "bash completions"
[ -f "$root/share/zsh/site-functions/_sbom-exceptions" ] && [ -f "$root/share/fish/vendor_completions.d/sbom-exceptions.fish" ] \
  && ok "zsh and fish completions" || bad "zsh and fish completions"
missing=""
for t in sbom-check sbom-attest sbom-archive; do
  for f in "bin/$t" "share/bash-completion/completions/$t" "share/zsh/site-functions/_$t" "share/fish/vendor_completions.d/$t.fish"; do
    [ -e "$root/$f" ] || missing="$missing $f"
  done
  ls "$root"/share/man/man1/$t.1* >/dev/null 2>&1 || missing="$missing share/man/man1/$t.1"
done
[ -z "$missing" ] && ok "sbom-check, sbom-attest and sbom-archive: binary, man page, completions" || bad "sbom-check, sbom-attest and sbom-archive: missing$missing"
[ -f "$root/include/sbom/cyclonedx.h" ] && ok "headers in include/sbom" || bad "headers in include/sbom"
lib=$(find "$root" -name libsbom.a | head -1)
[ -n "$lib" ] && ok "static library" || bad "static library"
pc=$(find "$root" -name libsbom.pc | head -1)
[ -n "$pc" ] && ok "pkg-config file" || bad "pkg-config file"

cat >"$tmp/consumer.cpp" <<'CPP'
#include <sbom/cyclonedx.h>
#include <cstdio>
int main() {
  auto doc = sbom::cyclonedx::read_json(R"({"bomFormat":"CycloneDX","specVersion":"1.6","components":[{"name":"a"}]})", "x");
  if (!doc) return 1;
  std::fputs(sbom::cyclonedx::write_json(*doc).c_str(), stdout);
  return doc->components->size() == 1 ? 0 : 1;
}
CPP
flags=$(PKG_CONFIG_PATH=$(dirname "$pc") pkg-config --define-variable=prefix="$root" --cflags --libs libsbom 2>"$tmp/pc.err")
# A sanitizer build installs an instrumented libsbom.a: its consumer needs the same runtime.
sanitize=$(meson introspect "$build" --buildoptions | /usr/bin/python3 -c 'import json,sys; print([o["value"] for o in json.load(sys.stdin) if o["name"]=="b_sanitize"][0])')
san_flags=""
[ "$sanitize" != "none" ] && san_flags="-fsanitize=$sanitize"
if g++ -std=c++20 $san_flags "$tmp/consumer.cpp" -o "$tmp/consumer" $flags >"$tmp/cc.log" 2>&1 && "$tmp/consumer" >/dev/null; then
  ok "a program builds and runs against the installed libsbom via pkg-config"
else
  bad "a program builds and runs against the installed libsbom via pkg-config"
  sed 's/^/# /' "$tmp/pc.err" "$tmp/cc.log" | tail -20
fi
exit $fail
