#!/bin/sh
# Runs `sbom-vercmp --check ECOSYSTEM` over one shared version-vector file; with --add-v the
# versions get the leading 'v' Go requires. Skips (exit 77) when ../shared/data is absent.
# usage: check_vectors.sh SBOM-VERCMP SHARED-DIR ECOSYSTEM FILE [--add-v]
tool=$1 shared=$2 ecosystem=$3 file=$4
path="$shared/data/version-vectors/$file"
if [ ! -f "$path" ]; then
  echo "SKIP: $path is absent"
  exit 77
fi
if [ "$5" = "--add-v" ]; then
  sed -E '/^(#|\/\/)/!s/(^|[[:space:]])([0-9])/\1v\2/g' "$path" | "$tool" --check "$ecosystem" -
else
  "$tool" --check "$ecosystem" "$path"
fi
