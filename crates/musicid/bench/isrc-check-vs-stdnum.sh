#!/usr/bin/env bash
# Throughput of `musicid isrc check` beside python-stdnum's `isrc.is_valid`, over one file of
# valid ISRCs (one per line).
#
#   crates/musicid/bench/isrc-check-vs-stdnum.sh [FILE | LINES]
#
# FILE: an existing file (e.g. the 10,000,000-line file of `cargo xtask fixtures --large`).
# LINES: generate a file of that many valid ISRCs under the target directory (default 1000000).
# python-stdnum is installed into a virtual environment under the target directory.
# Each side runs three times; the best run counts. Prints both rates and their ratio.
set -euo pipefail

root="$(cd "$(dirname "$0")/../../.." && pwd)"
target="${CARGO_TARGET_DIR:-$root/target}"
mkdir -p "$target"

arg="${1:-1000000}"
if [ -f "$arg" ]; then
    file="$arg"
elif [[ "$arg" =~ ^[0-9]+$ ]]; then
    file="$target/isrc-check-bench-$arg.txt"
    if [ ! -f "$file" ]; then
        echo "generating $arg valid ISRCs into $file" >&2
        # Registrants and years vary so that no parser can shortcut on a constant prefix.
        awk -v n="$arg" 'BEGIN {
            split("QZAQQ USRC1 GBAYE FRZ03 DEA36 JPPC0 SEAAN NLA50", p, " ");
            for (i = 0; i < n; i++)
                printf "%s%02d%05d\n", p[i % 8 + 1], (i / 99999) % 100, i % 99999 + 1;
        }' > "$file.tmp"
        mv "$file.tmp" "$file"
    fi
else
    echo "usage: $0 [FILE | LINES]" >&2
    exit 2
fi

bytes=$(wc -c < "$file")
lines=$(wc -l < "$file")

cargo build --quiet --release -p musicid
musicid="$target/release/musicid"

venv="$target/stdnum-venv"
if [ ! -x "$venv/bin/python" ]; then
    python3 -m venv "$venv"
    "$venv/bin/pip" install --quiet python-stdnum
fi
stdnum_version=$("$venv/bin/python" -c 'import stdnum; print(stdnum.__version__)')

now() { date +%s.%N; }

best_musicid=""
for _ in 1 2 3; do
    start=$(now)
    status=0
    "$musicid" isrc check "$file" > /dev/null 2>&1 || status=$?
    end=$(now)
    if [ "$status" != 0 ]; then
        echo "musicid isrc check exited $status on $file (expected 0: every line valid)" >&2
        exit 1
    fi
    t=$(echo "$end - $start" | bc -l)
    if [ -z "$best_musicid" ] || [ "$(echo "$t < $best_musicid" | bc -l)" = 1 ]; then
        best_musicid=$t
    fi
done

best_stdnum=""
for _ in 1 2 3; do
    t=$("$venv/bin/python" - "$file" <<'PY'
import sys, time
from stdnum import isrc
path = sys.argv[1]
start = time.perf_counter()
valid = invalid = 0
with open(path, encoding="utf-8", errors="surrogateescape") as f:
    for line in f:
        if isrc.is_valid(line.rstrip("\r\n")):
            valid += 1
        else:
            invalid += 1
elapsed = time.perf_counter() - start
if invalid:
    print(f"stdnum rejected {invalid} lines", file=sys.stderr)
print(f"{elapsed:.6f}")
PY
)
    if [ -z "$best_stdnum" ] || [ "$(echo "$t < $best_stdnum" | bc -l)" = 1 ]; then
        best_stdnum=$t
    fi
done

rate() { echo "scale=1; $1 / $2" | bc -l; }
echo "file:                  $file ($lines lines, $bytes bytes)"
echo "musicid isrc check:    ${best_musicid}s  $(rate "$bytes / 1000000" "$best_musicid") MB/s  $(rate "$lines / 1000000" "$best_musicid") M lines/s (whole process)"
echo "python-stdnum $stdnum_version: ${best_stdnum}s  $(rate "$bytes / 1000000" "$best_stdnum") MB/s  $(rate "$lines / 1000000" "$best_stdnum") M lines/s (the loop only)"
echo "ratio:                 $(rate "$best_stdnum" "$best_musicid")x"
