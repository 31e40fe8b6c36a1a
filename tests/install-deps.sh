#!/bin/sh
# Installs from Debian's packages what vcflow needs to build and run, and
# with --tests also what only the test suite needs (tests/run-all.sh asks
# for that).  Idempotent: installs only what is missing.  Run as root (no
# sudo needed).
#
# usage: tests/install-deps.sh [--tests]
set -eu

# Building and running vcflow (python3: meson, and the report page's
# assets embedded at build time).
PACKAGES="gcc libc6-dev meson ninja-build pkg-config libpcap-dev
libosip2-dev uthash-dev zlib1g-dev python3"

# Only the tests: Check (unit tests), tcpdump (an independent reader),
# tcpreplay, iproute2 and procps (live tests in a namespace), valgrind
# (memcheck), nftables and iptables (the suggested rules applied), jq and
# clickhouse-server with its client (tests/clickhouse.py), chromium (the
# report page rendered, tests/browser.py).
TEST_PACKAGES="check tcpdump tcpreplay iproute2 procps valgrind nftables
iptables jq clickhouse-server clickhouse-client chromium"

case ${1:-} in
--tests) PACKAGES="$PACKAGES $TEST_PACKAGES" ;;
"") ;;
*)
	echo "usage: tests/install-deps.sh [--tests]" >&2
	exit 2
	;;
esac

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
