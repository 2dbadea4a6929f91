#!/usr/bin/env bash
# End-to-end: sbom-gen's own output on the shared Debian image (../shared/scripts/make-debian-image)
# against sbom-check's ntia-2021 and cisa-2025 profiles. Out of the box both pass (exit 0): every
# element the image holds is there, and every one it does not is declared unknown with the reason
# (docs/compliance.md, "Known unknowns"). Under --strict the declared gaps fail, and they are exactly
# what the image holds no data for: the supplier of Go modules, Maven jars, npm packages whose
# package.json names no author, the image, its OS and the private npm application. Exit 77 (meson:
# skipped) when the image has not been built.
set -euo pipefail
GEN=$1
CHECK=$2
SHARED=$3
. "$(dirname "$0")/common.sh"
require_image debian-app.docker.tar rootfs

"$GEN" -q --no-cache "$IMG/debian-app.docker.tar" -o "$T/sbom.json"
"$CHECK" -p ntia-2021 -p cisa-2025 "$T/sbom.json" > "$T/out-of-the-box.txt" \
  || fail "sbom-gen's output does not pass ntia-2021 and cisa-2025 out of the box: $(grep FAIL "$T/out-of-the-box.txt" | head -3)"
# Every gap is declared, with a reason, for exactly the components that lack the element.
jq -e '[.metadata.component, .components[]] | all(.properties | map(select(.name | startswith("sbomkit:unknown:"))) | all(.value != ""))' \
  "$T/sbom.json" > /dev/null || fail "a declaration without a reason"
rc=0
"$CHECK" --strict -p ntia-2021 --format json "$T/sbom.json" > "$T/check.json" || rc=$?
[ "$rc" = 1 ] || fail "sbom-check --strict exited $rc (1 expected: the supplier rule fails where the image names none)"
[ "$(jq '[.profiles[0].rules[].verdicts[] | select(.pass | not) | select(.declared != "unknown")] | length' "$T/check.json")" = 0 ] \
  || fail "a gap under --strict that sbom-gen did not declare"

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

# cisa-2025: the generation context is stated; every file hash is the SHA-256 and SHA-512 of the
# file the component was found as (checked against the rootfs with sha256sum and sha512sum, not with
# our code); the components with them are exactly the Maven jars and the Go main modules
# (docs/compliance.md, "Component hashes"). The npm packages' hashes are their package-lock.json
# integrity values (of the registry's tarballs), decoded here by python3.
rc=0
"$CHECK" --strict -p cisa-2025 --format json "$T/sbom.json" > "$T/cisa.json" || rc=$?
[ "$rc" = 1 ] || fail "sbom-check --strict -p cisa-2025 exited $rc (1 expected: hash, license and producer fail where the image says nothing)"
[ "$(jq '[.profiles[0].rules[].verdicts[] | select(.pass | not) | select(.declared != "unknown")] | length' "$T/cisa.json")" = 0 ] \
  || fail "a cisa-2025 gap under --strict that sbom-gen did not declare"
[ "$(jq -r '.profiles[0].rules[] | select(.id == "cisa-2025/generation-context") | .pass' "$T/cisa.json")" = true ] \
  || fail "cisa-2025/generation-context does not pass"
jq -r '.components[] | select(.hashes) | select(.purl // "" | startswith("pkg:npm/") | not)
       | [(.properties[] | select(.name == "sbomkit:path") | .value), (.hashes | map(.alg) | join(",")), .hashes[0].content, .hashes[1].content] | @tsv' \
  "$T/sbom.json" > "$T/hashes"
while IFS=$'\t' read -r path algs sha256 sha512; do
  [ "$algs" = SHA-256,SHA-512 ] || fail "$path: hash algorithms $algs"
  [ "$(sha256sum < "$IMG/rootfs$path" | cut -d' ' -f1)" = "$sha256" ] || fail "$path: SHA-256 differs from sha256sum's"
  [ "$(sha512sum < "$IMG/rootfs$path" | cut -d' ' -f1)" = "$sha512" ] || fail "$path: SHA-512 differs from sha512sum's"
done < "$T/hashes"
hashed=$(jq -r '[.components[] | select(.hashes) | select(.purl // "" | startswith("pkg:npm/") | not) | .["bom-ref"]] | sort | join(" ")' "$T/sbom.json")
expected=$(jq -r '[.components[] | select((.purl // "" | startswith("pkg:maven/")) or
                                           (.type == "application" and (.purl // "" | startswith("pkg:golang/")))) | .["bom-ref"]] | sort | join(" ")' "$T/sbom.json")
[ -n "$expected" ] && [ "$hashed" = "$expected" ] \
  || fail "components with a file hash: $hashed (expected the Go main modules and the Maven jars: $expected)"
jq -r '.components[] | select(.purl // "" | startswith("pkg:npm/")) | .hashes[]? as $h | "\(.name)@\(.version) \($h.alg) \($h.content)"' \
  "$T/sbom.json" | sort -u > "$T/npm-hashes"
python3 - "$IMG/rootfs/app/package-lock.json" <<'PY' | sort -u > "$T/npm-integrity"
import base64, json, sys
names = {"sha1": "SHA-1", "sha256": "SHA-256", "sha384": "SHA-384", "sha512": "SHA-512"}
for key, p in json.load(open(sys.argv[1]))["packages"].items():
    if "node_modules/" not in key or "integrity" not in p:
        continue
    for sri in p["integrity"].split():
        alg, _, b64 = sri.partition("-")
        print(f'{p.get("name", key.rsplit("node_modules/", 1)[1])}@{p["version"]} {names[alg]} {base64.b64decode(b64).hex()}')
PY
[ -s "$T/npm-integrity" ] || fail "the image's package-lock.json has no integrity values"
cmp -s "$T/npm-integrity" "$T/npm-hashes" || { diff "$T/npm-integrity" "$T/npm-hashes"; fail "npm hashes are not the package-lock's integrity values"; }
echo "ok: cisa-2025 on the Debian image: generation context post-build; $(wc -l < "$T/hashes") file hashes, each sha256sum's and sha512sum's; $(wc -l < "$T/npm-hashes") npm integrity hashes"

# BSI's file properties (docs/compliance.md, "BSI's file properties"): exactly the components that are
# one file carry them, and what they say is checked here against the files themselves: a Go binary is
# an ELF file with an execute permission, no archive; a jar is a zip archive, executable only when its
# manifest names a Main-Class (read here with python3's zipfile, not with our code).
flagged=$(jq -r '[.components[] | select(any(.properties[]; .name | startswith("bsi:component:"))) | .["bom-ref"]] | sort | join(" ")' "$T/sbom.json")
[ "$flagged" = "$hashed" ] || fail "components with BSI's file properties: $flagged (expected those with a file hash: $hashed)"
jq -r '.components[] | select(any(.properties[]; .name | startswith("bsi:component:")))
       | [(.properties[] | select(.name == "sbomkit:path") | .value),
          ([.properties[] | select(.name | startswith("bsi:component:")) | .value] | join(","))] | @tsv' \
  "$T/sbom.json" > "$T/bsi-flags"
while IFS=$'\t' read -r path flags; do
  f="$IMG/rootfs$path"
  case "$path" in
    *.jar|*.war|*.ear)
      runnable=$(python3 -c 'import sys, zipfile
m = zipfile.ZipFile(sys.argv[1]).read("META-INF/MANIFEST.MF").decode() if "META-INF/MANIFEST.MF" in zipfile.ZipFile(sys.argv[1]).namelist() else ""
print("executable" if any(l.startswith("Main-Class:") and l[11:].strip() for l in m.splitlines()) else "non-executable")' "$f")
      [ "$flags" = "$runnable,archive,structured" ] || fail "$path: BSI properties $flags (expected $runnable,archive,structured)" ;;
    *)
      [ "$(head -c 4 "$f" | od -An -c | tr -d ' ')" = 177ELF ] && [ -x "$f" ] || fail "$path: not an executable ELF file"
      [ "$flags" = "executable,no archive,structured" ] || fail "$path: BSI properties $flags" ;;
  esac
done < "$T/bsi-flags"
"$CHECK" -p bsi-tr-03183-2 --format json "$T/sbom.json" > "$T/bsi.json" || true
for rule in executable archive structured; do
  n=$(jq --arg id "bsi-tr-03183-2/$rule" '[.profiles[0].rules[] | select(.id == $id) | .verdicts[] | select(.pass)] | length' "$T/bsi.json")
  [ "$n" = "$(wc -l < "$T/bsi-flags")" ] || fail "bsi-tr-03183-2/$rule passes $n components ($(wc -l < "$T/bsi-flags") carry it)"
done
echo "ok: BSI's file properties on the $(wc -l < "$T/bsi-flags") components that are one file, each checked against its file"

# Maven parents: Jackson's chain is all in Debian's /usr/share/maven-repo (merged, none left to
# name); log4j's parent pom is nowhere in the image, so each log4j jar names it.
REPO="$IMG/rootfs/usr/share/maven-repo"
[ -f "$REPO/com/fasterxml/oss-parent/debian/oss-parent-debian.pom" ] || fail "the image lacks Jackson's top parent pom"
[ -z "$(find "$IMG/rootfs" -name 'log4j-2.19.0.pom' -print -quit)" ] || fail "the image has log4j's parent pom"
parents=$(jq -r '[.components[] | select(.purl // "" | startswith("pkg:maven/")) | "\(.name)=\([.properties[] | select(.name == "sbomkit:java:parent") | .value] | join(","))"] | join(" ")' "$T/sbom.json")
[ "$parents" = "jackson-annotations= jackson-core= jackson-databind= log4j-api=org.apache.logging.log4j:log4j:2.19.0 log4j-core=org.apache.logging.log4j:log4j:2.19.0" ] \
  || fail "Maven parents: $parents"
echo "ok: Maven parents: Jackson's merged from /usr/share/maven-repo, log4j's named (not in the image)"
