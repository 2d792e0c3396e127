#!/usr/bin/env bash
# Safety from the outside (issue [1/7]'s acceptance), against the built headless product with folder drives:
# nothing of another job is formatted or written, paths mean what they say, the rehearsal clock stays in its
# job, bad input is one line with exit 3 and nothing written, damaged files are named, kill -9 resumes.
# Each part is a file releng/safety/NN-*.sh, sourced in order with the helpers below; SAFETY_ONLY=NN runs one.
# Prints one "ok"/"FAIL" line per check and ends with "safety-test: N passed, M failed".
set -uo pipefail
root=$(cd "$(dirname "$0")/.." && pwd)
sb=$root/releng/org.seedbench.repository/target/products/org.seedbench.headless/linux/gtk/x86_64/seedbench/bin/seedbench
[ -x "$sb" ] || { echo "safety-test: no built product at $sb (run ./mvnw verify first)"; exit 1; }
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
export SEEDBENCH_DATA=$work/data SEEDBENCH_PASSPHRASE="safety test passphrase $$"
passed=0
failed=0
ok() { passed=$((passed + 1)); echo "ok   $*"; }
fail() { failed=$((failed + 1)); echo "FAIL $*"; }
check() { # description, then a command: ok when it succeeds
    local what=$1
    shift
    if "$@"; then ok "$what"; else fail "$what"; fi
}
json() { python3 -c "import json,sys; d=json.load(sys.stdin); print($1)"; }
state() { "$sb" status "$1" --json | json 'd["state"]'; }
events() { "$sb" status "$1" --json | json 'len(d.get("events", []))'; }
drive() { # job serial [capacity]: a folder drive under $work/drives
    echo "dir:$work/drives/$1/$2,capacity=${3:-1G},serial=$2"
}
# one small dataset, generated once, for every part
dataset=$work/dataset
"$sb" generate-dataset "$dataset" --size "${SAFETY_TEST_SIZE:-40M}" --seed 11 > /dev/null \
    || { echo "safety-test: cannot generate the dataset"; exit 1; }
init_job() { # name [more init options…]
    "$sb" init --name "$1" --staging "$work/stage" --storage-account safetyacct --container seed \
        --subscription 00000000-0000-4000-8000-000000000011 --location westeurope --workload "files:$dataset" \
        "${@:2}" > "$work/init-$1.log" 2>&1
}
stage_job() {
    "$sb" stage "$1" > "$work/stage-$1.log" 2>&1
}
# refused DESCRIPTION EXPECTED-TEXT COMMAND…: exit 3, one line on stderr holding the text
refused() {
    local what=$1 expect=$2 code
    shift 2
    "$@" > "$work/refused.out" 2> "$work/refused.err" < /dev/null
    code=$?
    if [ "$code" -eq 3 ] && [ "$(grep -c . "$work/refused.err")" -eq 1 ] && grep -qF -- "$expect" "$work/refused.err"; then
        ok "$what: exit 3, $(cat "$work/refused.err")"
    else
        fail "$what: exit $code, $(head -c 600 "$work/refused.err")"
    fi
}

for part in "$root"/releng/safety/[0-9]*.sh; do
    [ -e "$part" ] || continue
    name=$(basename "$part" .sh)
    if [ -n "${SAFETY_ONLY:-}" ] && [[ "$name" != "$SAFETY_ONLY"* ]]; then continue; fi
    echo "== $name"
    # each part runs in a data directory of its own
    export SEEDBENCH_DATA=$work/data-$name
    # shellcheck source=/dev/null
    source "$part"
done
echo "safety-test: $passed passed, $failed failed"
[ "$failed" -eq 0 ]
