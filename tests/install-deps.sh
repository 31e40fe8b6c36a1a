#!/bin/sh
# Installs what vcflow needs to build and test, from Debian's packages.
# Idempotent: installs only what is missing.  Run as root (no sudo needed).
set -eu

PACKAGES="gcc libc6-dev meson ninja-build pkg-config libpcap-dev
libosip2-dev uthash-dev zlib1g-dev check python3 tcpdump tcpreplay iproute2 procps
valgrind nftables iptables jq clickhouse-server clickhouse-client"

# The report's tests (tests/browser.py) render it in Debian's chromium.
PACKAGES="$PACKAGES chromium"

missing=""
for p in $PACKAGES; do
	dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q "ok installed" ||
		missing="$missing $p"
done
if [ -n "$missing" ]; then
	echo "installing:$missing"
	export DEBIAN_FRONTEND=noninteractive
	apt-get update -qq
	# shellcheck disable=SC2086
	apt-get install -y -qq --no-install-recommends $missing >/dev/null
fi
