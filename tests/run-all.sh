#!/bin/sh
# The whole test suite, from a fresh clone: installs what is missing,
# builds twice (plain, and with AddressSanitizer and UBSan), runs every
# test in both, runs each fuzz target for a short while (a third build,
# with clang), and ends with one line: "N passed, N failed".
set -eu
cd "$(dirname "$0")/.."
tests/install-deps.sh --tests

build() { # DIR [meson options...]
	dir=$1
	shift
	if [ -f "$dir/build.ninja" ]; then
		meson setup --reconfigure "$dir" "$@" >/dev/null
	else
		meson setup "$dir" "$@" >/dev/null
	fi
	ninja -C "$dir"
}

status=0
build build-test -Dtests=true
meson test -C build-test --print-errorlogs --num-processes 2 || status=1
build build-sanitize -Dtests=true -Db_sanitize=address,undefined -Db_lundef=false
ASAN_OPTIONS=detect_leaks=1:abort_on_error=1 \
UBSAN_OPTIONS=halt_on_error=1:print_stacktrace=1 \
	meson test -C build-sanitize --print-errorlogs --num-processes 2 \
	--suite unit --suite e2e || status=1

# Each fuzz target for a short while (tests/fuzz/ci-run.sh: 45 s unless
# VCFLOW_FUZZ_SECONDS says otherwise) from its seeds, its regressions and
# the corpus earlier runs grew, under ASan and UBSan, in a clang build of
# its own; skipped, with the reason, where clang cannot build them.
dirs="build-test build-sanitize"
fuzz_skip=""
fuzz_log=$(mktemp)
if ! tests/fuzz/install-deps.sh >"$fuzz_log" 2>&1; then
	fuzz_skip="clang and libFuzzer could not be installed (tests/fuzz/install-deps.sh)"
elif ! CC=clang build build-fuzz -Dfuzz=true -Dtests=false \
	-Db_sanitize=address,undefined -Db_lundef=false \
	-Dc_args=-fsanitize=fuzzer-no-link >"$fuzz_log" 2>&1; then
	fuzz_skip="clang cannot build the fuzz targets"
fi
if [ -z "$fuzz_skip" ]; then
	meson test -C build-fuzz --suite fuzz --print-errorlogs \
		--num-processes 2 || status=1
	dirs="$dirs build-fuzz"
else
	tail -5 "$fuzz_log"
	echo "run-all.sh: fuzzing skipped: $fuzz_skip"
fi
rm -f "$fuzz_log"

# shellcheck disable=SC2086
python3 - $dirs <<'PY'
import json, sys
passed = failed = skipped = 0
for d in sys.argv[1:]:
    with open(f'{d}/meson-logs/testlog.json') as fh:
        for line in fh:
            r = json.loads(line)
            if r['result'] in ('OK', 'EXPECTEDFAIL'):
                passed += 1
            elif r['result'] == 'SKIP':
                skipped += 1
            else:
                failed += 1
print(f'{passed} passed, {failed} failed, {skipped} skipped')
PY
exit $status
