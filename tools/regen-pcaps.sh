#!/bin/sh
# Rebuilds pcapgen and rewrites the test captures in pcaps/ (and pcaps/bad/).
# The captures are the same bytes on every run; after a change to pcapgen,
# check pcaps/README.md against `pcapgen -l` and tshark (see the README).
#
# usage: tools/regen-pcaps.sh [BUILDDIR]   (default /tmp/build-gen)
set -eu

top=$(cd "$(dirname "$0")/.." && pwd)
build=${1:-/tmp/build-gen}

if [ ! -f "$build/build.ninja" ]; then
	meson setup "$build" "$top"
fi
ninja -C "$build" tools/pcapgen
"$build/tools/pcapgen" "$top/pcaps"
echo "regen-pcaps: captures written to $top/pcaps"
