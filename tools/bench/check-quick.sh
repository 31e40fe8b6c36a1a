#!/bin/sh
# The bench-quick test: run.sh --quick must run end to end and print its
# three tables with a row for every capture (timing targets not checked).
set -eu
out=$("$(dirname "$0")/run.sh" --quick "$@")
printf '%s\n' "$out"
printf '%s\n' "$out" | grep -q '^## CPU' || { echo "no CPU table"; exit 1; }
printf '%s\n' "$out" | grep -q '^## Memory' || { echo "no memory table"; exit 1; }
printf '%s\n' "$out" | grep -q '^## Targets' || { echo "no targets"; exit 1; }
rows=$(printf '%s\n' "$out" | grep -cE '^\| [0-9]+ ')
[ "$rows" -eq 7 ] || { echo "expected 7 table rows, got $rows"; exit 1; }
if printf '%s\n' "$out" | grep -E '^\| [0-9]+ ' | grep -q ' ? '; then
	echo "a row lacks its live flow count"
	exit 1
fi
