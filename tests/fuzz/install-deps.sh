#!/bin/sh
# Installs what the fuzz targets need on Debian: clang with its libFuzzer
# and sanitizer runtimes, and the libraries vcflow builds against.
set -eu
pkgs="clang libclang-rt-14-dev meson ninja-build pkg-config libpcap-dev
libosip2-dev uthash-dev"
missing=""
for p in $pkgs; do
	dpkg -s "$p" >/dev/null 2>&1 || missing="$missing $p"
done
if [ -n "$missing" ]; then
	apt-get update
	# shellcheck disable=SC2086
	DEBIAN_FRONTEND=noninteractive apt-get install -y --no-install-recommends $missing
fi
