#!/bin/sh
# Loads vcflow's JSON Lines (`vcflow -F json`, `vcflow diagnose -F json`)
# into the ClickHouse tables of schema.sql: each record to its type's
# table, nested fields flattened by jq (flatten.jq).
#
# usage: load.sh [FILE...]        (no FILE, or -: standard input; FILE.gz
#                                  is read through gzip)
#   CLICKHOUSE_CLIENT  the client command (clickhouse-client), with
#                      --host, --port, --user ... as needed
#   VCFLOW_DB          the database (vcflow)
#
# Every line must be a vcflow record.  A record whose type has no table
# here (a `type` this loader does not know) is an error, and then nothing
# is loaded; `ladder` records (the drawing of a SIP call, whose messages
# the call record holds too) are counted and left out.  Exit 0 when all
# was loaded, 1 otherwise.
set -eu

here=$(cd "$(dirname "$0")" && pwd)
client=${CLICKHOUSE_CLIENT:-clickhouse-client}
db=${VCFLOW_DB:-vcflow}

die() {
	echo "load.sh: $*" >&2
	exit 1
}

command -v jq >/dev/null || die "jq not found (apt-get install jq)"
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT INT TERM
all=$tmp/records.json

if [ $# -eq 0 ]; then
	set -- -
fi
for f in "$@"; do
	case $f in
	-) cat ;;
	*.gz) gzip -dc -- "$f" || die "$f: cannot read" ;;
	*) cat -- "$f" || die "$f: cannot read" ;;
	esac
done >"$all"

# The type of every record, counted; a line that is not a record stops all.
jq -r 'if type == "object" and (.type | type) == "string" then .type
       else error("not a vcflow record (no \"type\"): \(tojson | .[0:80])")
       end' "$all" >"$tmp/types" 2>"$tmp/err" ||
	die "$(head -1 "$tmp/err")"

table_of() {
	case $1 in
	flow) echo flows ;;
	call) echo calls ;;
	finding) echo findings ;;
	stats) echo stats ;;
	summary) echo summaries ;;
	ladder) echo - ;;
	*) echo "" ;;
	esac
}

sort "$tmp/types" | uniq -c >"$tmp/counts"
while read -r n type; do
	[ -n "$(table_of "$type")" ] ||
		die "$n records of unknown type '$type': nothing loaded"
done <"$tmp/counts"

report=""
while read -r n type; do
	table=$(table_of "$type")
	if [ "$table" = - ]; then
		report="$report, $n $type records left out"
		continue
	fi
	jq -c --arg t "$type" -L "$here" \
		'include "flatten"; select(.type == $t) | row' "$all" |
		$client --database="$db" --input_format_skip_unknown_fields=1 \
			--query="INSERT INTO $table FORMAT JSONEachRow" ||
		die "loading $table failed (tables before it in this list may be loaded: $(awk '{print $2}' "$tmp/counts" | tr '\n' ' '))"
	report="$report, $n $type into $db.$table"
done <"$tmp/counts"
echo "load.sh: ${report#, }" >&2
