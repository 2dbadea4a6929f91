#!/usr/bin/env bash
# End-to-end: sbom-gen on the shared Debian image and on a variant of it with one package upgraded
# and one removed (made here from the image's rootfs: its dpkg database edited), then sbom-diff
# must report exactly that: one upgrade, one removal, nothing else. The same image read as a
# docker-archive and as a rootfs must diff as identical. When Trivy is installed
# (../shared/scripts/install-peers), its SBOM of the image against ours must show no difference in
# the Debian packages (epochs, qualifiers, bom-refs and licence readings differ between the two).
# Exit 77 (meson: skipped) when the image
# has not been built (../shared/scripts/make-debian-image).
set -euo pipefail
GEN=$1
DIFF=$2
SHARED=$3
IMG=${SBOMKIT_DEBIAN_IMAGE:-${SBOMKIT_FIXTURES:-${XDG_CACHE_HOME:-$HOME/.cache}/sbomkit-fixtures}/debian-app}
if [ ! -d "$IMG/rootfs/var/lib/dpkg" ] || [ ! -f "$IMG/debian-app.docker.tar" ]; then
  echo "SKIP: no Debian image at $IMG (build it with $SHARED/scripts/make-debian-image)"
  exit 77
fi
T=$(mktemp -d)
trap 'rm -rf "$T"' EXIT
fail() { echo "FAIL: $*"; exit 1; }

UPGRADE=libzstd1
REMOVE=adduser
status=var/lib/dpkg/status
grep -qx "Package: $UPGRADE" "$IMG/rootfs/$status" || fail "$UPGRADE is not in the image"
grep -qx "Package: $REMOVE" "$IMG/rootfs/$status" || fail "$REMOVE is not in the image"

# The variant shares every file with the image (hard links where the filesystem allows) except
# the dpkg files it changes, which are replaced, never written through.
cp -al "$IMG/rootfs" "$T/variant" 2>/dev/null || cp -a "$IMG/rootfs" "$T/variant"
old_version=$(awk -v p="$UPGRADE" '$0 == "Package: " p {f=1} f && /^Version: / {print $2; exit}' "$IMG/rootfs/$status")
new_version="$old_version+sbomkit1"
rm "$T/variant/$status"
awk -v up="$UPGRADE" -v rm="$REMOVE" -v nv="$new_version" '
  BEGIN { RS = ""; ORS = "\n\n" }
  { split($0, lines, "\n"); pkg = substr(lines[1], 10) }
  pkg == rm { next }
  pkg == up { sub(/\nVersion: [^\n]*/, "\nVersion: " nv) }
  { print }' "$IMG/rootfs/$status" > "$T/variant/$status"
rm -f "$T/variant/var/lib/dpkg/info/$REMOVE".*

"$GEN" -q "$IMG/rootfs" -o "$T/base.json"
"$GEN" -q "$T/variant" -o "$T/variant.json"
"$GEN" -q "$IMG/debian-app.docker.tar" -o "$T/docker.json"

# Same image, two input forms: no differences, exit 0.
"$DIFF" "$T/docker.json" "$T/base.json" > "$T/same.txt" || { cat "$T/same.txt"; fail "docker-archive and rootfs differ"; }

set +e
"$DIFF" --format json "$T/base.json" "$T/variant.json" > "$T/diff.json"
rc=$?
"$DIFF" "$T/base.json" "$T/variant.json"
set -e
[ $rc = 1 ] || fail "exit status $rc, want 1 (differences found)"
python3 - "$T/diff.json" "$UPGRADE" "$REMOVE" "$old_version" "$new_version" <<'PY'
import json, sys
report, up, rm, old, new = sys.argv[1], sys.argv[2], sys.argv[3], sys.argv[4], sys.argv[5]
c = json.load(open(report))["overall"]["components"]
problems = []
if c["added"]:
    problems.append("added: %s" % [a["name"] for a in c["added"]])
if [r["name"] for r in c["removed"]] != ["pkg:deb/debian/" + rm]:
    problems.append("removed: %s" % [r["name"] for r in c["removed"]])
want = [{"name": "pkg:deb/debian/" + up, "before": old, "after": new, "version": "upgrade"}]
got = [{"name": x["name"], "before": x["before"]["version"], "after": x["after"]["version"], "version": x["version"]}
       for x in c["changed"]]
if got != want:
    problems.append("changed: %s, want %s" % (got, want))
if problems:
    print("FAIL: " + "; ".join(problems))
    sys.exit(1)
print("ok: %s %s -> %s (upgrade), %s removed, nothing else" % (up, old, new, rm))
PY

# Trivy's SBOM of the same image: the dpkg packages must all pair, with no version change.
TRIVY_RUN=$SHARED/scripts/run-peer-trivy
if [ -x "$TRIVY_RUN" ] && "$TRIVY_RUN" "$IMG/debian-app.docker.tar" "$T/trivy.json" 2> "$T/trivy.log"; then
  "$DIFF" --format json "$T/trivy.json" "$T/docker.json" > "$T/trivy-diff.json" 2>/dev/null || true
  python3 - "$T/trivy-diff.json" <<'PY'
import json, sys
c = json.load(open(sys.argv[1]))["overall"]["components"]
deb = [x["name"] for x in c["added"] + c["removed"] if x["name"].startswith("pkg:deb/")]
deb += [x["name"] + " " + x["before"]["version"] + " -> " + x["after"]["version"] for x in c["changed"]
        if x["name"].startswith("pkg:deb/")]
other = [x["name"] for x in c["added"] + c["removed"] + c["changed"] if not x["name"].startswith("pkg:deb/")]
if deb:
    print("FAIL: Trivy and sbom-gen differ on Debian packages: %s" % deb)
    sys.exit(1)
print("ok: Trivy and sbom-gen agree on every Debian package; other differences (what each tool catalogs): %s"
      % ", ".join(sorted(other)))
PY
else
  echo "note: Trivy comparison skipped (run $SHARED/scripts/install-peers to enable it)"
fi
