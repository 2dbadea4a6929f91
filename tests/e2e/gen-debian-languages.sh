#!/usr/bin/env bash
# End-to-end: the language packages sbom-gen finds in the shared Debian image
# (../shared/scripts/make-debian-image) must be every npm, golang, pypi and maven package of the
# truth, with exact versions and no extra; then a Go binary built here (when a Go toolchain is
# installed) must come out with its main module, dependency and toolchain version.
# Exit 77 (meson: skipped) with a message when neither can run.
set -euo pipefail
GEN=$1
SHARED=$2
. "$(dirname "$0")/common.sh"
ran=0

if [ -f "$IMG/debian-app.docker.tar" ] && [ -d "$IMG/truth" ]; then
  ran=1
  "$GEN" -q "$IMG/debian-app.docker.tar" -o "$T/docker.json"
  # The truth with the Go toolchain as sbom-gen writes it (go1.19 -> 1.19.0).
  "$(dirname "$0")/truth-go-semver.sh" "$IMG/truth" "$T/truth"
  report=$("$SHARED/scripts/compare-truth" "$T/docker.json" "$T/truth")
  printf '%s\n' "$report"
  last=$(printf '%s\n' "$report" | tail -n 1)
  for eco in deb npm golang pypi maven; do
    want=$(($(wc -l < "$IMG/truth/$eco.tsv") - 1))
    # golang main modules carry no version in the truth and are not counted
    [ "$eco" = golang ] && want=$((want - $(awk -F'\t' 'NR > 1 && $3 == "main"' "$IMG/truth/golang.tsv" | wc -l)))
    case $last in *" $eco $want/$want "*) ;; *) fail "$eco: not every package found ($want expected)";; esac
  done
  case $last in *"extra 0") ;; *) fail "extra components reported";; esac
  # Every language package says where it was found and in which layer.
  bad=$(jq '[.components[] | select(.purl // "" | test("^pkg:(npm|golang|pypi|maven)/"))
    | select(([.properties[] | select(.name == "sbomkit:path")] | length) != 1
          or ([.properties[] | select(.name == "sbomkit:layer:diff_id")] | length) != 1)] | length' "$T/docker.json")
  [ "$bad" = 0 ] || fail "$bad language packages without path or layer"
else
  echo "note: no Debian image at $IMG (build it with $SHARED/scripts/make-debian-image)"
fi

if command -v go >/dev/null; then
  ran=1
  mkdir -p "$T/src" "$T/root/usr/local/bin" "$T/gocache" "$T/gopath"
  cat > "$T/src/go.mod" <<'MOD'
module example.com/hello

go 1.18
MOD
  cat > "$T/src/main.go" <<'SRC'
package main

import "fmt"

func main() { fmt.Println("hello") }
SRC
  ( cd "$T/src" && GOFLAGS=-mod=mod GOCACHE="$T/gocache" GOPATH="$T/gopath" CGO_ENABLED=0 go build -o "$T/root/usr/local/bin/hello" . )
  gover=$(go env GOVERSION)
  "$GEN" -q "$T/root" -o "$T/go.json"
  jq -e --arg v "${gover#go}" '[.components[] | .purl] | (index("pkg:golang/example.com/hello") != null)
     and (index("pkg:golang/stdlib@" + $v) != null)' "$T/go.json" >/dev/null ||
    { jq -c '[.components[] | .purl]' "$T/go.json"; fail "Go binary: main module or stdlib $gover missing"; }
  echo "ok: Go binary built with $gover: main module and stdlib found"
else
  echo "note: no Go toolchain: the built-binary check is skipped"
fi
[ "$ran" = 1 ] || { echo "SKIP: neither the Debian image nor a Go toolchain is available"; exit 77; }
echo "ok"
