#!/bin/sh
# The whole test suite, from a fresh clone: installs what is missing,
# builds twice (plain, and with AddressSanitizer and UBSan), runs every
# test in both, and ends with one line: "N passed, N failed".
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

python3 - build-test build-sanitize <<'PY'
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
