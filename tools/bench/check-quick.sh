#!/bin/sh
# The bench-quick test: run.sh --quick must run end to end and print its
# three tables with a row for every capture (timing targets not checked).
set -eu
out=$("$(dirname "$0")/run.sh" --quick "$@")
printf '%s\n' "$out"
printf '%s\n' "$out" | grep -q '^## CPU' || { echo "no CPU table"; exit 1; }
printf '%s\n' "$out" | grep -q '^## Memory' || { echo "no memory table"; exit 1; }
printf '%s\n' "$out" | grep -q '^## Workers' || { echo "no workers table"; exit 1; }
printf '%s\n' "$out" | grep -q '^## Targets' || { echo "no targets"; exit 1; }
before_workers=$(printf '%s\n' "$out" | sed '/^## Workers/,$d')
rows=$(printf '%s\n' "$before_workers" | grep -cE '^\| [0-9]+ ')
[ "$rows" -eq 7 ] || { echo "expected 7 table rows, got $rows"; exit 1; }
workers=$(printf '%s\n' "$out" | sed -n '/^## Workers/,/^## Targets/p' |
	grep -cE '^\| [0-9]+ ')
[ "$workers" -ge 2 ] || { echo "expected 2 workers rows or more, got $workers"; exit 1; }
printf '%s\n' "$out" | grep -q '^- workers: ' || { echo "no workers target"; exit 1; }
if printf '%s\n' "$before_workers" | grep -E '^\| [0-9]+ ' | grep -q ' ? '; then
	echo "a row lacks its live flow count"
	exit 1
fi
