#!/usr/bin/env bash
# End-to-end: sbom-gen on the shared Debian image (../shared/scripts/make-debian-image) in every input
# form. compare-truth must find every dpkg package of the truth with its version and source, and
# report no extra; the image forms must give identical components; every package must name the
# image's one layer. Exit 77 (meson: skipped) with a message when the image has not been built.
set -euo pipefail
GEN=$1
SHARED=$2
. "$(dirname "$0")/common.sh"
require_image debian-app.docker.tar truth
# The truth with the Go toolchain as sbom-gen writes it (go1.19 -> 1.19.0).
"$(dirname "$0")/truth-go-semver.sh" "$IMG/truth" "$T/truth"

"$GEN" -q "$IMG/debian-app.docker.tar" -o "$T/docker.json"
"$GEN" -q "$IMG/debian-app.oci" -o "$T/oci-dir.json"
"$GEN" -q "$IMG/debian-app.oci.tar" -o "$T/oci-tar.json"
"$GEN" -q - < "$IMG/debian-app.docker.tar" > "$T/stdin.json"
"$GEN" -q "$IMG/rootfs" > "$T/rootfs.json"

# The same image in every form: same components, dependencies and serial number.
same() { jq -S '{serialNumber, components, dependencies}' "$1"; }
for f in oci-dir oci-tar stdin; do
  cmp -s <(same "$T/docker.json") <(same "$T/$f.json") || fail "$f output differs from the docker-archive's"
done
# stdin reads the same docker-archive: byte-identical documents.
cmp -s "$T/docker.json" "$T/stdin.json" || fail "stdin output is not byte-identical to the file's"

want=$(($(wc -l < "$IMG/truth/deb.tsv") - 1))
for f in docker oci-dir oci-tar stdin rootfs; do
  report=$("$SHARED/scripts/compare-truth" "$T/$f.json" "$T/truth")
  last=$(printf '%s\n' "$report" | tail -n 1)
  echo "$f: $last"
  case $last in *"deb $want/$want "*"extra 0"*) ;; *) printf '%s\n' "$report"; fail "$f: not every deb package found ($want expected)";; esac
  if attribution=$(printf '%s\n' "$report" | grep 'layer attribution:'); then
    echo "$attribution" | awk '{ split($3, a, "/"); exit !(a[1] == a[2]) }' || fail "$f: $attribution"
  fi
done

# Layer provenance: every deb package names the image's layer (index and diff_id).
# Every spec version we write validates against its official schema.
if python3 -c 'import jsonschema' 2>/dev/null && [ -d "$SHARED/data/schemas/cyclonedx" ]; then
  for v in 1.4 1.5 1.7; do "$GEN" -q --spec-version "$v" "$IMG/debian-app.oci" -o "$T/spec-$v.json"; done
  python3 "$(dirname "$0")/validate-cyclonedx.py" "$SHARED/data/schemas/cyclonedx" "$T/docker.json" \
    "$T/spec-1.4.json" "$T/spec-1.5.json" "$T/spec-1.7.json" || fail "schema validation"
else
  echo "note: schema validation skipped (python3-jsonschema or ../shared/data/schemas absent)"
fi

diff_id=$(awk '$1 == "diff_id" { print $2 }' "$IMG/digests.tsv")
bad=$(jq -r --arg d "$diff_id" '[.components[] | select(.purl // "" | startswith("pkg:deb/"))
  | select(([.properties[] | select(.name == "sbomkit:layer:diff_id") | .value] != [$d])
        or ([.properties[] | select(.name == "sbomkit:layer:index") | .value] != ["0"]))] | length' "$T/docker.json")
[ "$bad" = 0 ] || fail "$bad deb packages without the layer $diff_id"
echo "ok: deb $want/$want in every form, identical components, layer $diff_id on every package"
