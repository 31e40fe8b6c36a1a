#!/bin/sh
# Builds the fuzz targets and runs each one for SECONDS, then says what
# each found.
# usage: tests/fuzz/run.sh [SECONDS] [TARGET...]
#   SECONDS  time per target (default 60)
#   TARGET   decode recognisers sig pcap (default: all)
# Environment:
#   FUZZ_BUILD  build folder (default /tmp/vcflow-fuzz-build), configured
#               with clang, -Dfuzz=true, ASan+UBSan, fuzzer-no-link
#   FUZZ_WORK   corpora, logs and findings (default: a new mktemp -d);
#               corpora grow there from one run to the next
#   FUZZ_NICE   nice level of the fuzzers (default 10)
# Exit status: 0 when nothing was found, 1 when some target found a crash,
# a leak or a time-out (its input is under FUZZ_WORK/artifacts/TARGET/).
set -eu
here=$(cd "$(dirname "$0")" && pwd)
top=$(cd "$here/../.." && pwd)
secs=${1:-60}
[ $# -gt 0 ] && shift
targets=${*:-decode recognisers sig pcap}
build=${FUZZ_BUILD:-/tmp/vcflow-fuzz-build}
work=${FUZZ_WORK:-$(mktemp -d /tmp/vcflow-fuzz.XXXXXX)}
nice=${FUZZ_NICE:-10}

if ! command -v clang >/dev/null 2>&1; then
	echo "run.sh: clang is missing: run tests/fuzz/install-deps.sh" >&2
	exit 2
fi
if [ ! -f "$build/build.ninja" ]; then
	CC=clang meson setup "$build" "$top" -Dfuzz=true -Dtests=false \
		-Db_sanitize=address,undefined -Db_lundef=false \
		-Dc_args=-fsanitize=fuzzer-no-link >"$work/setup.log" 2>&1 || {
		cat "$work/setup.log" >&2
		exit 2
	}
fi
ninja -C "$build" >"$work/build.log" 2>&1 || {
	tail -30 "$work/build.log" >&2
	exit 2
}
if [ ! -d "$work/seeds" ]; then
	"$here/seed.sh" "$build" "$work/seeds" >"$work/seed.log" 2>&1 || true
fi

export ASAN_OPTIONS="${ASAN_OPTIONS:-detect_leaks=1:abort_on_error=0}"
export UBSAN_OPTIONS="${UBSAN_OPTIONS:-halt_on_error=1:print_stacktrace=1}"
export VCFLOW_FUZZ_SIGDIR="$top/signatures"
status=0
for t in $targets; do
	exe="$build/tests/fuzz/fuzz-$t"
	[ -x "$exe" ] || { echo "run.sh: no target $t" >&2; exit 2; }
	corpus="$work/corpus/$t"
	art="$work/artifacts/$t"
	mkdir -p "$corpus" "$art"
	# a dictionary where there is one (libFuzzer refuses an empty one)
	dict="-dict=$here/$t.dict"
	[ -f "$here/$t.dict" ] || dict="-print_final_stats=1"
	echo "run.sh: fuzz-$t for ${secs}s (log $work/$t.log)"
	# libFuzzer stops at a corpus folder that does not exist.
	inputs="$corpus"
	for d in "$work/seeds/$t" "$here/regressions/$t"; do
		[ -d "$d" ] && inputs="$inputs $d"
	done
	# -fork keeps going past a finding, so one run collects them all.
	# shellcheck disable=SC2086
	nice -n "$nice" "$exe" "$dict" -max_total_time="$secs" -timeout=10 \
		-rss_limit_mb=2048 -max_len=65536 -print_final_stats=1 \
		-fork=1 -ignore_crashes=1 -ignore_timeouts=1 -ignore_ooms=1 \
		-artifact_prefix="$art/" $inputs >"$work/$t.log" 2>&1 || true
	found=$(find "$art" -type f | wc -l)
	execs=$(grep -oE '^#[0-9]+' \
		"$work/$t.log" | tail -1 | tr -d '#')
	cov=$(grep -o 'cov: [0-9]*' "$work/$t.log" | tail -1)
	echo "run.sh: fuzz-$t: $execs runs, ${cov:-cov: ?}, $found findings"
	if [ "$found" -gt 0 ]; then
		status=1
		ls "$art" | sed 's/^/    /'
		grep -E '^(SUMMARY|==[0-9]+==ERROR)|runtime error' \
			"$work/$t.log" | sort | uniq -c | sed 's/^/    /' | head -20
	fi
done
echo "run.sh: findings under $work/artifacts (reproduce with" \
	"$build/tests/fuzz/replay-TARGET FILE)"
exit $status
