#!/bin/sh
# One fuzz target for a short while, as a test: the per-change run of
# tests/run-all.sh (meson suite 'fuzz' of a -Dfuzz=true build).
# usage: tests/fuzz/ci-run.sh FUZZER TARGET BUILDDIR
#   FUZZER    the libFuzzer executable (fuzz-TARGET)
#   TARGET    decode recognisers sig pcap
#   BUILDDIR  the fuzz build; seeds (cut once by seed.sh), the corpus the
#             runs grow and any finding are kept under BUILDDIR/fuzz-ci/
# Environment: VCFLOW_FUZZ_SECONDS (default 45).
# Exit status: 0 when the target ran that long and found nothing, 1 when
# it found a crash, a sanitizer report, a leak, a time-out or an
# accounting violation (the input is named in the output: minimise it
# and add it to tests/fuzz/regressions/TARGET/).
set -eu
here=$(cd "$(dirname "$0")" && pwd)
exe=${1:?usage: ci-run.sh FUZZER TARGET BUILDDIR}
t=${2:?usage: ci-run.sh FUZZER TARGET BUILDDIR}
build=${3:?usage: ci-run.sh FUZZER TARGET BUILDDIR}
secs=${VCFLOW_FUZZ_SECONDS:-45}
work="$build/fuzz-ci"

mkdir -p "$work/corpus/$t" "$work/findings/$t"
# The seeds are cut once for all targets, which meson may run side by side.
if [ ! -f "$work/seeds/.done" ]; then
	(
		flock 9
		if [ ! -f "$work/seeds/.done" ]; then
			"$here/seed.sh" "$build" "$work/seeds" >"$work/seed.log" 2>&1 ||
				true
			touch "$work/seeds/.done"
		fi
	) 9>"$work/seeds.lock"
fi
set -- "$work/corpus/$t"
for d in "$work/seeds/$t" "$here/regressions/$t"; do
	[ -d "$d" ] && set -- "$@" "$d"
done
dict="-dict=$here/$t.dict"
[ -f "$here/$t.dict" ] || dict="-print_final_stats=1"
export ASAN_OPTIONS="${ASAN_OPTIONS:-detect_leaks=1}"
export UBSAN_OPTIONS="${UBSAN_OPTIONS:-halt_on_error=1:print_stacktrace=1}"
echo "ci-run.sh: fuzz-$t for ${secs}s"
status=0
"$exe" "$dict" -max_total_time="$secs" -timeout=10 -rss_limit_mb=2048 \
	-max_len=65536 -print_final_stats=1 \
	-artifact_prefix="$work/findings/$t/" "$@" 2>&1 || status=$?
if [ "$status" -ne 0 ]; then
	echo "ci-run.sh: fuzz-$t found a problem (exit $status):" \
		"$(ls "$work/findings/$t" | tr '\n' ' ')"
	echo "ci-run.sh: replay with $build/tests/fuzz/replay-$t FILE"
	exit 1
fi
