#!/bin/sh
# Regenerates doc/report.png, the README's picture of the report: the page
# `vcflow report` writes for a recorded scenario (media blocked one way by
# a firewall), drawn by Debian's chromium, headless.
#
# usage: tools/screenshot.sh [BUILD_DIR]   (default: build)
set -eu
cd "$(dirname "$0")/.."
build=${1:-build}
vcflow=$build/src/vcflow
capture=pcaps/diagnose/one-way-media.pcap
[ -x "$vcflow" ] || { echo "no $vcflow: build first (ninja -C $build)" >&2; exit 1; }
chromium=$(command -v chromium || command -v chromium-browser || true)
[ -n "$chromium" ] || { echo "no chromium: apt-get install chromium" >&2; exit 1; }

tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
"$vcflow" report -q -r "$capture" -o "$tmp/report.html"
"$chromium" --headless --no-sandbox --disable-gpu --hide-scrollbars \
	--disable-background-networking --disable-component-update \
	--disable-sync --no-first-run --user-data-dir="$tmp/profile" \
	--virtual-time-budget=5000 --window-size=1280,2300 \
	--screenshot="$tmp/report.png" "file://$tmp/report.html" 2>/dev/null
# The page's own size, not the browser's: keep the picture small.
if command -v pngcrush >/dev/null 2>&1; then
	pngcrush -q "$tmp/report.png" doc/report.png
else
	cp "$tmp/report.png" doc/report.png
fi
echo "doc/report.png: $(wc -c <doc/report.png) bytes, from $capture"
