#!/bin/sh
# Live capture drops: vcflow -i against tcpdump -i on the same replay.
#
# usage: tools/bench/live-drops.sh [--build DIR] [--packets N] [--flows N]
#                                  [--pps N] [--runs N]
#   --build    a meson build folder of this tree (default: the one run.sh
#              sets up, /tmp/vcflow-bench-build)
#   --packets  frames in the replayed capture (default 300000), written by
#              benchgen with --flows concurrent flows (default 2000)
#   --pps      the fixed rate replayed after the top speed (default 300000)
#   --runs     replays of each kind (default 1)
#
# Needs root, ip, tcpreplay and tcpdump (tests/install-deps.sh --tests
# installs them).  A network namespace holds a veth pair, vethA -> vethB,
# with IPv6 off so the kernel sends nothing of its own.  The capture is
# replayed into vethA with tcpreplay --preload-pcap, at --topspeed and at
# --pps, each time once into each of:
#   vcflow            vcflow -i vethB -F json (its defaults: 32 MiB buffer)
#   vcflow -B 2048    the buffer tcpdump has by default
#   workers 2         vcflow -i vethB -F json --workers 2 (one reader)
#   workers 2 fan     vcflow -i vethB -F json --workers 2 --fanout (a
#                     socket a worker, 32 MiB each)
#   tcpdump           tcpdump -i vethB -w /dev/null (its defaults: 2 MiB)
# both with their default snapshot length (262144).  For each it prints
# the frames tcpreplay sent and its rate, the frames the program read
# (vcflow: packets_read of its stats record; tcpdump: "packets
# captured"), and those the kernel dropped (vcflow:
# packets_dropped_by_kernel; tcpdump: "dropped by kernel"), and those
# neither read nor counted as dropped (sent - read - dropped: lost before
# the capture socket, or still in the ring when the program was stopped).
set -eu

here=$(cd "$(dirname "$0")" && pwd)
top=$(cd "$here/../.." && pwd)
build=""
packets=300000
flows=2000
pps=300000
runs=1
while [ $# -gt 0 ]; do
	case "$1" in
	--build) build=$2; shift ;;
	--packets) packets=$2; shift ;;
	--flows) flows=$2; shift ;;
	--pps) pps=$2; shift ;;
	--runs) runs=$2; shift ;;
	*) echo "usage: live-drops.sh [--build DIR] [--packets N] [--flows N]" \
		"[--pps N] [--runs N]" >&2
	   exit 2 ;;
	esac
	shift
done

if [ "$(id -u)" != 0 ]; then
	echo "live-drops.sh: needs root (a network namespace, live capture)" >&2
	exit 77
fi
for t in ip tcpreplay tcpdump; do
	command -v "$t" >/dev/null 2>&1 || {
		echo "live-drops.sh: $t is not installed" \
			"(tests/install-deps.sh --tests installs it)" >&2
		exit 77
	}
done

if [ -z "$build" ]; then
	build=/tmp/vcflow-bench-build
	if [ ! -f "$build/build.ninja" ]; then
		meson setup "$build" "$top" >/dev/null
	fi
fi
ninja -C "$build" src/vcflow tools/bench/benchgen >/dev/null
vcflow=$(cd "$build" && pwd)/src/vcflow
benchgen=$build/tools/bench/benchgen

ns=vcfl-drops-$$
tmp=$(mktemp -d /tmp/vcflow-drops.XXXXXX)
pid=""
cleanup() {
	if [ -n "$pid" ] && kill -0 "$pid" 2>/dev/null; then
		kill -KILL "$pid" 2>/dev/null || :
		wait "$pid" 2>/dev/null || :
	fi
	ip netns del "$ns" 2>/dev/null || :
	rm -rf "$tmp"
}
trap cleanup EXIT
trap 'exit 1' INT TERM

ip netns add "$ns"
ip -n "$ns" link add vethA type veth peer name vethB
for dev in vethA vethB; do
	ip netns exec "$ns" sysctl -qw "net.ipv6.conf.$dev.disable_ipv6=1" || :
done
for dev in lo vethA vethB; do
	ip -n "$ns" link set "$dev" up
done

cap=$tmp/site.pcap
"$benchgen" "$packets" "$flows" "$cap" 2>/dev/null

# cpu_ticks PID: user + system clock ticks of PID so far
cpu_ticks() {
	sed 's/.*) //' "/proc/$1/stat" 2>/dev/null | awk '{print $1, $12 + $13}'
}

# wait_ready PID WHAT: until the capture is open (vcflow: its packet ring
# mapped and SIGINT caught; tcpdump: "listening on" on stderr)
wait_ready() {
	i=0
	while [ $i -lt 750 ]; do
		kill -0 "$1" 2>/dev/null || return 1
		if [ "$2" = tcpdump ]; then
			grep -q 'listening on' "$tmp/err" && return 0
		elif grep -q 'socket:\[' "/proc/$1/maps" 2>/dev/null; then
			cgt=$(awk '/^SigCgt:/ {print $2}' "/proc/$1/status")
			[ $(( 0x$cgt & 2 )) -ne 0 ] && return 0
		fi
		sleep 0.02
		i=$((i + 1))
	done
	return 1
}

# wait_idle PID: until PID has slept 0.5 s without using CPU (its ring
# read empty)
wait_idle() {
	last=$(cpu_ticks "$1")
	i=0
	while [ $i -lt 120 ]; do
		sleep 0.5
		now=$(cpu_ticks "$1")
		case "$now" in
		S*) [ "$now" = "$last" ] && return 0 ;;
		esac
		last=$now
		i=$((i + 1))
	done
}

# one TOOL RATE: one replay (RATE: a tcpreplay option) into one capturing
# program; prints a row
one() {
	tool=$1
	rate=$2
	case "$tool" in
	vcflow) set -- "$vcflow" -i vethB -F json ;;
	vcflow-B2048) set -- "$vcflow" -i vethB -F json -B 2048 ;;
	vcflow-workers) set -- "$vcflow" -i vethB -F json --workers 2 ;;
	vcflow-fanout) set -- "$vcflow" -i vethB -F json --workers 2 --fanout ;;
	tcpdump) set -- tcpdump -i vethB -n -w /dev/null ;;
	esac
	ip netns exec "$ns" "$@" >"$tmp/out" 2>"$tmp/err" &
	pid=$!
	if ! wait_ready "$pid" "$tool"; then
		echo "live-drops.sh: $tool did not start:" >&2
		cat "$tmp/err" >&2
		exit 1
	fi
	ip netns exec "$ns" tcpreplay --intf1=vethA --preload-pcap "$rate" \
		"$cap" >"$tmp/replay" 2>&1 || {
		echo "live-drops.sh: tcpreplay failed:" >&2
		cat "$tmp/replay" >&2
		exit 1
	}
	# tcpdump's ring hands a block over up to 1 s (its read timeout) after
	# the block's first frame, vcflow's 100 ms after
	sleep 1.2
	wait_idle "$pid"
	kill -INT "$pid"
	wait "$pid" || :
	pid=""
	sent=$(awk '/Successful packets:/ {print $3}' "$tmp/replay")
	got_pps=$(sed -n 's/.*Rated:.* \([0-9.]*\) pps.*/\1/p' "$tmp/replay" |
		awk '{printf "%.0f", $1}')
	if [ "$tool" = tcpdump ]; then
		got=$(awk '/packets captured/ {print $1}' "$tmp/err")
		dropped=$(awk '/dropped by kernel/ {print $1}' "$tmp/err")
	else
		st=$(tail -1 "$tmp/out")
		got=$(printf '%s\n' "$st" |
			sed -n 's/.*"packets_read":\([0-9]*\).*/\1/p')
		dropped=$(printf '%s\n' "$st" |
			sed -n 's/.*"packets_dropped_by_kernel":\([0-9]*\).*/\1/p')
	fi
	pct=$(awk "BEGIN {if ($sent > 0) printf \"%.1f\", 100 * $dropped / $sent}")
	lost=$((sent - got - dropped))
	case "$tool" in
	vcflow) vcflow_dropped=$dropped ;;
	tcpdump)
		pairs=$((pairs + 1))
		[ "$vcflow_dropped" -le "$dropped" ] && met=$((met + 1)) ;;
	esac
	name=$tool
	[ "$tool" = vcflow-B2048 ] && name="vcflow -B 2048"
	[ "$tool" = vcflow-workers ] && name="workers 2"
	[ "$tool" = vcflow-fanout ] && name="workers 2 fan"
	printf '| %-12s | %-14s | %-7s | %-6s | %-7s | %-7s | %-6s | %-4s |\n' \
		"$rate" "$name" "$sent" "$got_pps" "$got" "$dropped" \
		"$pct" "$lost"
}

echo "vcflow live drops, $(date -u +%Y-%m-%dT%H:%MZ), $(uname -r)," \
	"$(grep -m1 'model name' /proc/cpuinfo | cut -d: -f2 | sed 's/^ *//')," \
	"$(nproc) cores"
echo "capture: benchgen $packets $flows" \
	"($(stat -c %s "$cap") bytes), veth in a namespace, MTU 1500"
echo "$(tcpreplay --version 2>&1 | head -1); tcpdump $(tcpdump --version 2>&1 |
	sed -n 's/^tcpdump version //p'), $(tcpdump --version 2>&1 |
	sed -n 's/^libpcap version \([^ ]*\).*/libpcap \1/p')"
echo
printf '| %-12s | %-14s | %-7s | %-6s | %-7s | %-7s | %-6s | %-4s |\n' \
	replay program sent "pps" read dropped "drop %" lost
echo "|--------------|----------------|---------|--------|---------|---------|--------|------|"
r=0
pairs=0
met=0
vcflow_dropped=0
while [ $r -lt "$runs" ]; do
	for rate in --topspeed "--pps=$pps"; do
		for tool in vcflow vcflow-B2048 vcflow-workers vcflow-fanout \
			tcpdump; do
			one "$tool" "$rate"
		done
	done
	r=$((r + 1))
done
echo
echo "- vcflow (defaults) dropped at most what tcpdump dropped on the same" \
	"replay: $met of $pairs replays"
echo "live-drops.sh: done"
