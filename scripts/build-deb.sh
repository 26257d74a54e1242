#!/usr/bin/env bash
# Build the Debian package srvhealthd from a temporary copy of this source tree, so the tree
# itself stays as it is (no debian/ directory, no build products).
#
#   bash scripts/build-deb.sh [OUTDIR]     default OUTDIR: build-deb/ in the tree (ignored by git)
#
# Needs the build dependencies of packaging/debian/control plus dpkg-dev:
#   apt-get install build-essential debhelper dpkg-dev cmake pkg-config libsnmp-dev libcmocka-dev
# Leaves srvhealthd_VERSION_ARCH.deb, the .changes and the .buildinfo in OUTDIR and prints the
# path of the .changes file last.
set -euo pipefail

repo=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
out=${1:-$repo/build-deb}
mkdir -p "$out"
out=$(cd "$out" && pwd)

version=$(dpkg-parsechangelog -l "$repo/packaging/debian/changelog" -S Version)
upstream=${version%-*}
tmp=$(mktemp -d "${TMPDIR:-/tmp}/srvhealth-deb.XXXXXX")
trap 'rm -rf "$tmp"' EXIT
src=$tmp/srvhealth-$upstream
mkdir "$src"

# The files git tracks or would track (so neither build trees nor editor droppings), as they are in
# the working tree; without git, everything except build directories.
if git -C "$repo" rev-parse --is-inside-work-tree >/dev/null 2>&1; then
        (cd "$repo" && git ls-files -z --cached --others --exclude-standard |
                tar --null --ignore-failed-read -T - -cf -) | tar -xf - -C "$src"
else
        tar -C "$repo" --exclude='./build*' --exclude=./.git -cf - . | tar -xf - -C "$src"
fi
cp -r "$src/packaging/debian" "$src/debian"

echo "== dpkg-buildpackage -us -uc -b in $src"
(cd "$src" && DEB_BUILD_OPTIONS="parallel=$(nproc) ${DEB_BUILD_OPTIONS:-}" dpkg-buildpackage -us -uc -b)

shopt -s nullglob
files=("$tmp"/*.deb "$tmp"/*.changes "$tmp"/*.buildinfo)
((${#files[@]} >= 3)) || { echo "build-deb.sh: dpkg-buildpackage left no .deb/.changes" >&2; exit 1; }
for f in "${files[@]}"; do
        rm -f "$out/${f##*/}"
        mv "$f" "$out/"
done
ls "$out"/srvhealth_"${version}"_*.changes | tail -n 1
