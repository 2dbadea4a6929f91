#!/usr/bin/env bash
# End-to-end: sbom-gen's own output on the shared Debian image (../shared/scripts/make-debian-image)
# against sbom-check's ntia-2021 and cisa-2025 profiles. Every rule an image scan can meet passes; the supplier rule
# fails only where the image holds no supplier (docs/compliance.md, "sbom-gen and the profiles"):
# Go modules, Maven jars, npm packages whose package.json names no author, the image, its OS and
# the private npm application. Exit 77 (meson: skipped) when the image has not been built.
set -euo pipefail
GEN=$1
CHECK=$2
SHARED=$3
. "$(dirname "$0")/common.sh"
require_image debian-app.docker.tar rootfs

"$GEN" -q --no-cache "$IMG/debian-app.docker.tar" -o "$T/sbom.json"
rc=0
"$CHECK" -p ntia-2021 --format json "$T/sbom.json" > "$T/check.json" || rc=$?
[ "$rc" = 1 ] || fail "sbom-check exited $rc (1 expected: the supplier rule fails where the image names none)"

# Rules a scan can meet.
for rule in name dependency author timestamp automation; do
  [ "$(jq -r --arg id "ntia-2021/$rule" '.profiles[0].rules[] | select(.id == $id) | .pass' "$T/check.json")" = true ] \
    || fail "ntia-2021/$rule does not pass"
done

# Supplier: every dpkg and Python package passes (Maintainer; Maintainer, else Author).
jq -r '.profiles[0].rules[] | select(.id == "ntia-2021/supplier") | .verdicts[] | select(.pass | not) | .ref' "$T/check.json" \
  > "$T/no-supplier"
grep -E '^pkg:(deb|pypi)/' "$T/no-supplier" && fail "a dpkg or Python package has no supplier"
# npm: exactly the installed packages whose package.json names no author.
(cd "$IMG/rootfs" && for p in app/node_modules/*/package.json app/node_modules/@*/*/package.json; do
  [ -f "$p" ] || continue
  jq -r 'select((.author // "") == "" or ((.author | type) == "object" and (.author.name // "") == "")) | "pkg:npm/\(.name)@\(.version)"' "$p"
done) | sed 's|^pkg:npm/@|pkg:npm/%40|' | sort > "$T/npm-without-author"
grep '^pkg:npm/' "$T/no-supplier" | sort > "$T/npm-failing" || true
cmp -s "$T/npm-without-author" "$T/npm-failing" || { diff "$T/npm-without-author" "$T/npm-failing"; fail "npm suppliers: the failures are not the packages without an author"; }
# What else fails is what the image cannot say.
others=$(grep -vE '^pkg:(golang|maven|npm)/' "$T/no-supplier" | sort | tr '\n' ' ')
case $others in
  "image:sha256:"*" npm-app:/app/package.json operating-system:debian-12 ") ;;
  *) fail "unexpected components without a supplier: $others" ;;
esac
echo "ok: ntia-2021 on the Debian image: $(wc -l < "$T/no-supplier") components without a supplier, each one the image names none for"

# cisa-2025: the generation context is stated; every hash is the SHA-256 of the file the component
# was found as (checked against the rootfs with sha256sum, not with our code); the components with
# one are exactly the Maven jars and the Go main modules (docs/compliance.md, "Component hashes").
rc=0
"$CHECK" -p cisa-2025 --format json "$T/sbom.json" > "$T/cisa.json" || rc=$?
[ "$rc" = 1 ] || fail "sbom-check -p cisa-2025 exited $rc (1 expected: hash, license and producer fail where the image says nothing)"
[ "$(jq -r '.profiles[0].rules[] | select(.id == "cisa-2025/generation-context") | .pass' "$T/cisa.json")" = true ] \
  || fail "cisa-2025/generation-context does not pass"
jq -r '.components[] | select(.hashes) | [(.properties[] | select(.name == "sbomkit:path") | .value), .hashes[0].alg, .hashes[0].content] | @tsv' \
  "$T/sbom.json" > "$T/hashes"
while IFS=$'\t' read -r path alg content; do
  [ "$alg" = SHA-256 ] || fail "$path: hash algorithm $alg"
  [ "$(sha256sum < "$IMG/rootfs$path" | cut -d' ' -f1)" = "$content" ] || fail "$path: hash differs from sha256sum's"
done < "$T/hashes"
hashed=$(jq -r '[.components[] | select(.hashes) | .["bom-ref"]] | sort | join(" ")' "$T/sbom.json")
expected=$(jq -r '[.components[] | select((.purl // "" | startswith("pkg:maven/")) or
                                           (.type == "application" and (.purl // "" | startswith("pkg:golang/")))) | .["bom-ref"]] | sort | join(" ")' "$T/sbom.json")
[ -n "$expected" ] && [ "$hashed" = "$expected" ] \
  || fail "components with a hash: $hashed (expected the Go main modules and the Maven jars: $expected)"
echo "ok: cisa-2025 on the Debian image: generation context post-build; $(wc -l < "$T/hashes") file hashes, each sha256sum's"
