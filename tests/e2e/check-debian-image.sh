#!/usr/bin/env bash
# End-to-end: sbom-gen's own output on the shared Debian image (../shared/scripts/make-debian-image)
# against sbom-check's ntia-2021 profile. Every rule an image scan can meet passes; the supplier rule
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
