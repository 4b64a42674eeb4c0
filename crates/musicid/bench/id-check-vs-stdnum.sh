#!/usr/bin/env bash
# Per-line speed of `musicid TYPE check` beside python-stdnum's `TYPE.is_valid`, over one file of
# valid codes (one per line), for the identifiers python-stdnum has besides the ISRC.
#
#   crates/musicid/bench/id-check-vs-stdnum.sh TYPE [REPEAT]
#
# TYPE: isni, grid or ismn (python-stdnum 2.2 has no ISWC module). The file is the committed fixture
# fixtures/codes/TYPE-valid.txt (1,000 codes) repeated REPEAT times (default 1000: 1,000,000
# lines) under the target directory. python-stdnum is installed into a virtual environment under
# the target directory. Each side runs three times; the best run counts. Prints both rates and
# their ratio (musicid's whole process against stdnum's loop alone).
set -euo pipefail

root="$(cd "$(dirname "$0")/../../.." && pwd)"
target="${CARGO_TARGET_DIR:-$root/target}"
mkdir -p "$target"

kind="${1:-}"
case "$kind" in
    isni | grid | ismn) ;;
    *)
        echo "usage: $0 isni|grid|ismn [REPEAT]" >&2
        exit 2
        ;;
esac
repeat="${2:-1000}"
source_file="$root/fixtures/codes/$kind-valid.txt"
file="$target/$kind-check-bench-$repeat.txt"
if [ ! -f "$file" ]; then
    for _ in $(seq "$repeat"); do cat "$source_file"; done > "$file.tmp"
    mv "$file.tmp" "$file"
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
    "$musicid" "$kind" check "$file" > /dev/null 2>&1 || status=$?
    end=$(now)
    if [ "$status" != 0 ]; then
        echo "musicid $kind check exited $status on $file (expected 0: every line valid)" >&2
        exit 1
    fi
    t=$(echo "$end - $start" | bc -l)
    if [ -z "$best_musicid" ] || [ "$(echo "$t < $best_musicid" | bc -l)" = 1 ]; then
        best_musicid=$t
    fi
done

best_stdnum=""
for _ in 1 2 3; do
    t=$("$venv/bin/python" - "$file" "$kind" <<'PY'
import importlib, sys, time
path, kind = sys.argv[1], sys.argv[2]
module = importlib.import_module(f"stdnum.{kind}")
start = time.perf_counter()
valid = invalid = 0
with open(path, encoding="utf-8", errors="surrogateescape") as f:
    for line in f:
        if module.is_valid(line.rstrip("\r\n")):
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

rate() { echo "scale=2; $1 / $2" | bc -l; }
echo "file:                  $file ($lines lines, $bytes bytes)"
echo "musicid $kind check:   ${best_musicid}s  $(rate "$lines / 1000000" "$best_musicid") M lines/s (whole process)"
echo "python-stdnum $stdnum_version: ${best_stdnum}s  $(rate "$lines / 1000000" "$best_stdnum") M lines/s (the loop only, $kind.is_valid)"
echo "ratio:                 $(rate "$best_stdnum" "$best_musicid")x"
