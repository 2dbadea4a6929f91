# Sourced by the end-to-end scripts (bash, set -euo pipefail): where the shared Debian image is
# (../shared/scripts/make-debian-image), jq (every script reads SBOMs with it), a temporary
# directory $T removed on exit, fail(), and require_image, which skips the test (exit 77: meson's
# "skipped", with the reason on stdout) when a part of the image has not been built.
IMG=${SBOMKIT_DEBIAN_IMAGE:-${SBOMKIT_FIXTURES:-${XDG_CACHE_HOME:-$HOME/.cache}/sbomkit-fixtures}/debian-app}
command -v jq >/dev/null || { echo "SKIP: jq is not installed"; exit 77; }
T=$(mktemp -d)
trap 'rm -rf "$T"' EXIT
fail() { echo "FAIL: $*"; exit 1; }

# require_image PART...: each PART (a path under $IMG) exists, or the test is skipped.
require_image() {
  local part
  for part in "$@"; do
    [ -e "$IMG/$part" ] || { echo "SKIP: no Debian image at $IMG (build it with ${SHARED:-../shared}/scripts/make-debian-image)"; exit 77; }
  done
}
