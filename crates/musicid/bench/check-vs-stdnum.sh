#!/usr/bin/env bash
# Per-line speed of `musicid TYPE check` beside python-stdnum's `is_valid` for the same type, over
# the same file of valid codes (one per line), for every type python-stdnum also checks.
#
#   crates/musicid/bench/check-vs-stdnum.sh [--repeat N] [TYPE | TYPE=FILE]...
#
# TYPE: isrc, upc (python-stdnum's ean), isni, grid or ismn; default all five, in one run
# (python-stdnum 2.2 has no ISWC, IPI or DPID module). The file of TYPE is the committed fixture
# fixtures/codes/TYPE-valid.txt (1,000 codes) repeated N times (default 1000: 1,000,000 lines)
# under the target directory; TYPE=FILE checks an existing file instead (for example the
# 10,000,000-line ISRC file of `cargo xtask fixtures --large`). python-stdnum is installed into
# a virtual environment under the target directory. Each side runs three times per type; the
# best run counts. Prints, per type, both rates and their ratio (musicid's whole process against
# stdnum's loop alone), and the load average before and after.
set -euo pipefail

root="$(cd "$(dirname "$0")/../../.." && pwd)"
target="${CARGO_TARGET_DIR:-$root/target}"
mkdir -p "$target"

usage() {
    echo "usage: $0 [--repeat N] [isrc|upc|isni|grid|ismn[=FILE]]..." >&2
    exit 2
}

repeat=1000
specs=()
while [ $# -gt 0 ]; do
    case "$1" in
        --repeat)
            [ $# -ge 2 ] && [[ "$2" =~ ^[0-9]+$ ]] || usage
            repeat="$2"
            shift 2
            ;;
        -*) usage ;;
        *)
            specs+=("$1")
            shift
            ;;
    esac
done
[ ${#specs[@]} -gt 0 ] || specs=(isrc upc isni grid ismn)

# The python-stdnum module that checks each type.
module_of() {
    case "$1" in
        isrc | isni | grid | ismn) echo "$1" ;;
        upc) echo ean ;;
        *) usage ;;
    esac
}

for spec in "${specs[@]}"; do
    module_of "${spec%%=*}" > /dev/null
    if [[ "$spec" == *=* ]] && [ ! -f "${spec#*=}" ]; then
        echo "no file ${spec#*=}" >&2
        exit 2
    fi
done

cargo build --quiet --release -p musicid
musicid="$target/release/musicid"

venv="$target/stdnum-venv"
if [ ! -x "$venv/bin/python" ]; then
    python3 -m venv "$venv"
    "$venv/bin/pip" install --quiet python-stdnum
fi
stdnum_version=$("$venv/bin/python" -c 'import stdnum; print(stdnum.__version__)')

now() { date +%s.%N; }
below() { [ -z "$2" ] || [ "$(echo "$1 < $2" | bc -l)" = 1 ]; }
rate() { echo "scale=2; $1 / $2" | bc -l; }

# The best of three whole-process runs of `musicid TYPE check FILE`, in seconds.
time_musicid() {
    local kind=$1 file=$2 best="" start end status t
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
        if below "$t" "$best"; then best=$t; fi
    done
    echo "$best"
}

# The best of three runs of python-stdnum's loop over FILE, in seconds.
time_stdnum() {
    local module=$1 file=$2 best="" t
    for _ in 1 2 3; do
        t=$("$venv/bin/python" - "$file" "$module" << 'PY'
import importlib, sys, time
path, module_name = sys.argv[1], sys.argv[2]
module = importlib.import_module(f"stdnum.{module_name}")
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
    print(f"stdnum {module_name} rejected {invalid} lines", file=sys.stderr)
print(f"{elapsed:.6f}")
PY
        )
        if below "$t" "$best"; then best=$t; fi
    done
    echo "$best"
}

echo "python-stdnum $stdnum_version; load average before: $(cut -d' ' -f1-3 /proc/loadavg)"
printf '%-5s %10s %9s %16s %18s %8s\n' type lines MB "musicid M/s" "stdnum M/s" ratio
for spec in "${specs[@]}"; do
    kind="${spec%%=*}"
    module=$(module_of "$kind")
    if [[ "$spec" == *=* ]]; then
        file="${spec#*=}"
    else
        file="$target/$kind-check-bench-$repeat.txt"
        if [ ! -f "$file" ]; then
            for _ in $(seq "$repeat"); do cat "$root/fixtures/codes/$kind-valid.txt"; done > "$file.tmp"
            mv "$file.tmp" "$file"
        fi
    fi
    lines=$(wc -l < "$file")
    bytes=$(wc -c < "$file")
    ours=$(time_musicid "$kind" "$file")
    theirs=$(time_stdnum "$module" "$file")
    printf '%-5s %10s %9s %16s %18s %7sx\n' "$kind" "$lines" "$(rate "$bytes" 1000000)" \
        "$(rate "$lines / 1000000" "$ours")" "$(rate "$lines / 1000000" "$theirs") ($module)" \
        "$(rate "$theirs" "$ours")"
done
echo "load average after: $(cut -d' ' -f1-3 /proc/loadavg) (musicid: whole process; stdnum: the loop alone)"
