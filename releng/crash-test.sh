#!/usr/bin/env bash
# kill -9 of `seedbench stage` at three moments (before the first pack, after a few packs, after more), each
# followed by a rerun, against the built headless product. Checks what a user relies on: the rerun completes,
# the repository verifies clean with --read-data, no finished pack is ever written again, and the repository
# is the size of an uninterrupted run's ± one pack. Run by releng/test.sh after ./mvnw verify.
set -uo pipefail
root=$(cd "$(dirname "$0")/.." && pwd)
sb=$root/releng/org.seedbench.repository/target/products/org.seedbench.headless/linux/gtk/x86_64/seedbench/bin/seedbench
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
export SEEDBENCH_DATA=$work/data SEEDBENCH_PASSPHRASE="crash test passphrase $$"
size=${CRASH_TEST_SIZE:-1G}
pack_bytes=$((64 * 1024 * 1024))
passed=0
failed=0
ok() { passed=$((passed + 1)); echo "ok   $*"; }
fail() { failed=$((failed + 1)); echo "FAIL $*"; }

"$sb" generate-dataset "$work/dataset" --size "$size" --seed 42 > /dev/null || { echo "crash-test: cannot generate"; exit 1; }
init() {
    "$sb" init --name "$1" --staging "$work/stage" --storage-account crashacct --container seed \
        --subscription 00000000-0000-4000-8000-000000000001 --location westeurope --workload "files:$work/dataset" > /dev/null
}
packs() { find "$work/stage/$1/packs" -type f ! -name '.tmp-*' 2>/dev/null | sort; }
pack_ids() { # name, inode and mtime of every finished pack: a rewritten pack changes inode or mtime
    packs "$1" | while read -r p; do stat -c '%n %i %Y.%y' "$p"; done
}
bytes() { packs "$1" | xargs -r stat -c %s | awk '{s += $1} END {print s + 0}'; }
state() { "$sb" status "$1" --json | python3 -c 'import json,sys; print(json.load(sys.stdin)["state"])'; }

init whole
"$sb" stage whole > "$work/whole.log" 2>&1 || { cat "$work/whole.log"; echo "crash-test: the uninterrupted run failed"; exit 1; }
whole_bytes=$(bytes whole)
echo "uninterrupted: $(packs whole | wc -l) packs, $whole_bytes bytes"

init killed
# kill_when PACKS: start a stage, wait until PACKS finished packs exist (0: half a second in), kill -9 its JVM
kill_when() {
    local want=$1 launcher java i
    "$sb" stage killed > "$work/kill-$want.log" 2>&1 &
    launcher=$!
    for ((i = 0; i < 600; i++)); do
        java=$(pgrep -P "$launcher" java)
        if [ -n "$java" ]; then
            if [ "$want" -eq 0 ]; then sleep 0.5; break; fi
            [ "$(packs killed | wc -l)" -ge "$want" ] && break
        fi
        kill -0 "$launcher" 2>/dev/null || break
        sleep 0.1
    done
    java=$(pgrep -P "$launcher" java)
    if [ -z "$java" ]; then
        fail "the stage ended before the kill at $want packs; nothing was tested there"
        wait "$launcher"
        return
    fi
    kill -9 "$java"
    wait "$launcher"
    local s
    s=$(state killed)
    [ "$s" = Staging ] || [ "$s" = Draft ] && ok "killed at $want packs: the job is $s, ready to resume" \
        || fail "killed at $want packs: the job is $s"
}
before=$work/packs-before
: > "$before"
for moment in 0 3 7; do
    kill_when "$moment"
    pack_ids killed >> "$before"
done
"$sb" stage killed > "$work/resume.log" 2>&1 && ok "the rerun after three kills completes" \
    || fail "the rerun failed: $(tail -3 "$work/resume.log")"
[ "$(state killed)" = Staged ] && ok "the job is Staged" || fail "the job is $(state killed)"
sort -u "$before" > "$work/before-unique"
pack_ids killed > "$work/after"
rewritten=$(comm -23 "$work/before-unique" "$work/after" | wc -l)
[ "$rewritten" -eq 0 ] && ok "no finished pack was written again ($(wc -l < "$work/before-unique") packs kept through the kills)" \
    || fail "$rewritten finished packs were rewritten or removed: $(comm -23 "$work/before-unique" "$work/after" | head -3)"
killed_bytes=$(bytes killed)
diff=$((killed_bytes - whole_bytes)); diff=${diff#-}
[ "$diff" -le "$pack_bytes" ] && ok "repository size $killed_bytes is the uninterrupted $whole_bytes ± one pack" \
    || fail "repository size $killed_bytes differs from the uninterrupted $whole_bytes by more than one pack"
"$sb" verify killed --read-data > "$work/verify.log" 2>&1 && grep -q '^Clean' "$work/verify.log" \
    && ok "verify --read-data is clean: $(grep '^Clean' "$work/verify.log")" || fail "verify: $(tail -3 "$work/verify.log")"
leftover=$(find "$work/stage/killed" -name '.tmp-*' | wc -l)
[ "$leftover" -eq 0 ] && ok "no temporary file is left after the rerun" || fail "$leftover temporary files left"
"$sb" restore killed --target "$work/restored" > /dev/null 2>&1 && diff -r "$work/dataset" "$work/restored" > /dev/null \
    && ok "the resumed repository restores byte-identical" || fail "the restore differs from the dataset"

# The staging location fills up mid-run: one clear error, the job stays Staging, nothing corrupted, and the
# rerun completes once there is room. Needs a small file system of its own: a tmpfs, which only root mounts.
if [ "$(id -u)" -ne 0 ]; then
    echo "skip the staging location filling up mid-run: mounting a small tmpfs needs root"
else
    small=$work/small
    mkdir -p "$small"
    if mount -t tmpfs -o size=260m tmpfs "$small" 2>/dev/null; then
        trap 'umount "$small" 2>/dev/null; rm -rf "$work"' EXIT
        "$sb" generate-dataset "$work/ds-small" --size 200M --seed 3 > /dev/null
        "$sb" init --name full --staging "$small/stage" --storage-account crashacct --container seed \
            --subscription 00000000-0000-4000-8000-000000000001 --location westeurope \
            --workload "files:$work/ds-small" > /dev/null
        "$sb" stage full > "$work/full.out" 2> "$work/full.err" &
        launcher=$!
        for ((i = 0; i < 600; i++)); do
            [ -n "$(find "$small/stage/full/packs" -type f ! -name '.tmp-*' 2>/dev/null | head -n 1)" ] && break
            kill -0 "$launcher" 2>/dev/null || break
            sleep 0.05
        done
        dd if=/dev/zero of="$small/filler" bs=1M 2>/dev/null
        wait "$launcher"
        code=$?
        if [ "$code" -eq 0 ]; then
            fail "the staging location did not fill up before the stage ended; nothing was tested"
        else
            lines=$(grep -c . "$work/full.err")
            [ "$code" -eq 1 ] && [ "$lines" -eq 1 ] && ok "a full staging location: exit 1, one line: $(cat "$work/full.err")" \
                || fail "a full staging location: exit $code, stderr: $(cat "$work/full.err")"
            [ "$(state full)" = Staging ] && ok "the job stays Staging, to resume" || fail "the job is $(state full)"
            rm -f "$small/filler"
            "$sb" stage full > "$work/full2.log" 2>&1 && ok "with room again, the rerun completes" \
                || fail "the rerun with room failed: $(tail -2 "$work/full2.log")"
            "$sb" verify full --read-data > "$work/full-verify.log" 2>&1 && ok "and verifies clean with --read-data" \
                || fail "verify after the full disk: $(tail -3 "$work/full-verify.log")"
        fi
        umount "$small"
    else
        echo "skip the staging location filling up mid-run: this machine refused to mount a tmpfs"
    fi
fi

echo "crash-test: $passed passed, $failed failed"
[ "$failed" -eq 0 ]
