#!/bin/sh
# Fills a folder with fuzzing seeds cut from the captures and signatures.
# usage: tests/fuzz/seed.sh BUILDDIR OUTDIR
#   BUILDDIR  a build configured with -Dfuzz=true (for seedx)
#   OUTDIR    gets decode/ recognisers/ pcap/ sig/, one seed a file
# Captures: pcaps/*.pcap* of the tree and /work/shared/pcaps (or
# $VCFLOW_SHARED_PCAPS).  The hand-picked seeds of tests/fuzz/seeds/ are
# added too.
set -eu
here=$(cd "$(dirname "$0")" && pwd)
top=$(cd "$here/../.." && pwd)
build=${1:?usage: seed.sh BUILDDIR OUTDIR}
out=${2:?usage: seed.sh BUILDDIR OUTDIR}
shared=${VCFLOW_SHARED_PCAPS:-/work/shared/pcaps}

mkdir -p "$out/decode" "$out/recognisers" "$out/pcap" "$out/sig"
set --
for f in "$top"/pcaps/*.pcap "$top"/pcaps/*.pcapng \
	 "$shared"/*.pcap "$shared"/*.pcapng; do
	[ -f "$f" ] && set -- "$@" "$f"
done
if [ $# -gt 0 ]; then
	"$build/tests/fuzz/seedx" "$out" "$@" || true
fi
# Whole captures are seeds for the pipeline while they are small.
for f in "$@"; do
	size=$(wc -c < "$f")
	[ "$size" -le 262144 ] && cp "$f" "$out/pcap/" || true
done
cp "$top"/signatures/*.sig "$out/sig/" 2>/dev/null || true
for t in decode recognisers pcap sig; do
	[ -d "$here/seeds/$t" ] && cp "$here/seeds/$t"/* "$out/$t/" 2>/dev/null || true
	echo "seed.sh: $t: $(ls "$out/$t" | wc -l) seeds"
done
