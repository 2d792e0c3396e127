#!/usr/bin/env bash
# Drive preparation from the outside, against the built headless product (issue [3/6]'s acceptance):
#  1. the staged seed (about 3.2 GB of packs) onto three 1.2 GB folder drives: every pack placed once, the
#     metadata on each, DriveInfo files, verify-drive clean on all three;
#  2. only two such drives: exit 4 with the shortfall; the rerun with a third completes without recopying;
#  3. kill -9 during the copy at three moments: each rerun resumes, no block is journaled twice, drives verify;
#  4. a flipped byte names blob and block (exit 1); a wrong recovery password is one line (exit 3);
#  5. refused with one line, exit 3, catalog unchanged: an 11th drive, a 12 TB drive, the system disk, no
#     --yes-format in batch, a virtual-machine source on this same machine.
# DRIVE_TEST_SIZE (dataset, default 4.5G: about 3.2 GB staged) and DRIVE_TEST_CAPACITY (default 1.2G) scale it.
set -uo pipefail
root=$(cd "$(dirname "$0")/.." && pwd)
sb=$root/releng/org.seedbench.repository/target/products/org.seedbench.headless/linux/gtk/x86_64/seedbench/bin/seedbench
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
export SEEDBENCH_DATA=$work/data SEEDBENCH_PASSPHRASE="drive test passphrase $$"
size=${DRIVE_TEST_SIZE:-4.5G}
cap=${DRIVE_TEST_CAPACITY:-1.2G}
passed=0
failed=0
ok() { passed=$((passed + 1)); echo "ok   $*"; }
fail() { failed=$((failed + 1)); echo "FAIL $*"; }
json() { python3 -c "import json,sys; d=json.load(sys.stdin); print($1)"; }
state() { "$sb" status "$1" --json | json 'd["state"]'; }
drives_json() { "$sb" drives "$1" --json; }
drive() { echo "dir:$work/drives/$1/$2,capacity=${3:-$cap},serial=$2"; }
# the outcome of prepare-drives --json: its "done" line (an "importJob" line may follow it)
last_json() { grep '^{"event":"done"' "$1" | tail -n 1; }

"$sb" generate-dataset "$work/dataset" --size "$size" --seed 7 > /dev/null || { echo "drive-test: cannot generate"; exit 1; }
init() {
    "$sb" init --name "$1" --staging "$work/stage" --storage-account driveacct --container seed \
        --subscription 00000000-0000-4000-8000-000000000002 --location westeurope --workload "files:$work/dataset" \
        "${@:2}" > /dev/null
}
# Stages job $1; the first stage reads the dataset, later jobs start from a copy of its repository and find
# nothing new, which is quick.
stage() {
    if [ -d "$work/stage/one" ] && [ "$1" != one ]; then cp -r "$work/stage/one" "$work/stage/$1"; fi
    "$sb" stage "$1" > "$work/stage-$1.log" 2>&1 || { cat "$work/stage-$1.log"; echo "drive-test: stage $1 failed"; exit 1; }
}
packs() { find "$work/stage/$1/packs" -type f ! -name '.*' | sed "s|$work/stage/$1/||" | sort; }
# every pack on exactly one of the drives of job $1, the metadata on each
check_placement() {
    local job=$1 serials=$2 s dups missing meta
    : > "$work/placed-$job"
    for s in $serials; do
        (cd "$work/drives/$job/$s/$job" && find packs -type f ! -name '.*' | sort) >> "$work/placed-$job"
        meta=0
        for m in $(cd "$work/stage/$job" && find config keys index snapshots -type f ! -name '.*'); do
            [ -f "$work/drives/$job/$s/$job/$m" ] || meta=$((meta + 1))
        done
        [ "$meta" -eq 0 ] && ok "$job: $s holds all the metadata" || fail "$job: $s lacks $meta metadata files"
    done
    dups=$(sort "$work/placed-$job" | uniq -d | wc -l)
    missing=$(comm -23 <(packs "$job") <(sort -u "$work/placed-$job") | wc -l)
    [ "$dups" -eq 0 ] && [ "$missing" -eq 0 ] \
        && ok "$job: each of the $(packs "$job" | wc -l) packs is on exactly one drive" \
        || fail "$job: $dups packs on two drives, $missing on none"
}
verify_all() {
    local job=$1 serials=$2 s
    for s in $serials; do
        if "$sb" verify-drive "$job" "$s" > "$work/verify-$job-$s.log" 2>&1; then
            ok "$job: verify-drive $s: $(cat "$work/verify-$job-$s.log")"
        else
            fail "$job: verify-drive $s: $(tail -2 "$work/verify-$job-$s.log")"
        fi
    done
}
check_driveinfo() {
    local job=$1 serials=$2 s f
    for s in $serials; do
        f=$SEEDBENCH_DATA/drives/$job/${job}_DriveInfo_$s.xml
        if [ -f "$f" ] && [ "$(stat -c %a "$f")" = 600 ] && python3 -c "
import sys, xml.etree.ElementTree as E
r = E.parse(sys.argv[1]).getroot()
assert r.tag == 'DriveInfo' and r.findtext('DriveId') == sys.argv[2] and len(r.findtext('ManifestHash')) == 32
" "$f" "$s"; then
            ok "$job: ${job}_DriveInfo_$s.xml: 0600, DriveId and manifest hash, $(stat -c %s "$f") bytes"
        else
            fail "$job: DriveInfo of $s missing or malformed"
        fi
    done
}
journal_dups() { # blocks journaled twice on one drive of job $1 (awk reads the journals itself: FILENAME is each one's)
    awk '$1 == "block" {print FILENAME, $2, $3}' "$SEEDBENCH_DATA"/drives/"$1"/*.journal | sort | uniq -d | wc -l
}

# 1. three drives
init one
stage one
staged=$(du -sb "$work/stage/one/packs" | cut -f1)
echo "staged: $(packs one | wc -l) packs, $staged bytes"
if "$sb" prepare-drives one --yes-format --drive "$(drive one SB-0001)" --drive "$(drive one SB-0002)" \
    --drive "$(drive one SB-0003)" > "$work/one.log" 2>&1; then
    ok "three $cap drives take the seed: $(grep -c '^Drive ' "$work/one.log") drives, $(state one)"
else
    fail "prepare-drives onto three drives: $(tail -3 "$work/one.log")"
fi
check_placement one "SB-0001 SB-0002 SB-0003"
check_driveinfo one "SB-0001 SB-0002 SB-0003"
verify_all one "SB-0001 SB-0002 SB-0003"

# 4. a flipped byte, a wrong recovery password
# the largest pack on the drive: the byte at 6,000,000 lies in its block 1
pack=$(cd "$work/drives/one/SB-0002/one" && find packs -type f ! -name '.*' -printf '%s %p\n' | sort -rn | head -n 1 | cut -d' ' -f2)
python3 -c "
import sys
with open(sys.argv[1], 'r+b') as f:
    f.seek(6_000_000); b = f.read(1); f.seek(6_000_000); f.write(bytes([b[0] ^ 0x10]))
" "$work/drives/one/SB-0002/one/$pack"
"$sb" verify-drive one SB-0002 > "$work/flip.out" 2> "$work/flip.err"
code=$?
[ "$code" -eq 1 ] && grep -q "blob seed/one/$pack block 1 " "$work/flip.err" \
    && ok "a flipped byte: exit 1, $(head -n 1 "$work/flip.err")" || fail "a flipped byte: exit $code, $(cat "$work/flip.err")"
echo "000011-000022-000033-000044-000055-000066-000077-000088" > "$work/wrong-password"
"$sb" verify-drive one SB-0001 --recovery-password-file "$work/wrong-password" > /dev/null 2> "$work/wrong.err"
code=$?
[ "$code" -eq 3 ] && [ "$(grep -c . "$work/wrong.err")" -eq 1 ] && ! grep -q 000011 "$work/wrong.err" \
    && ok "a wrong recovery password: exit 3, $(cat "$work/wrong.err")" || fail "a wrong recovery password: exit $code, $(cat "$work/wrong.err")"
rm -rf "$work/drives/one"

# 2. two drives, then a third
init two
stage two
"$sb" prepare-drives two --yes-format --drive "$(drive two SB-2001)" --drive "$(drive two SB-2002)" > "$work/two.out" 2> "$work/two.err"
code=$?
[ "$code" -eq 4 ] && grep -q 'the seed needs 1 more drive with at least' "$work/two.err" \
    && ok "two drives: exit 4, $(cat "$work/two.err")" || fail "two drives: exit $code, $(cat "$work/two.err")"
[ "$(state two)" = PreparingDrives ] && ok "the job stays PreparingDrives" || fail "the job is $(state two)"
"$sb" prepare-drives two --yes-format --json --drive "$(drive two SB-2001)" --drive "$(drive two SB-2002)" \
    --drive "$(drive two SB-2003)" > "$work/three.out" 2> "$work/three.err"
code=$?
recopied=$(last_json "$work/three.out" | json 'sum(x["blocksCopied"] for x in d["drives"] if x["serial"] != "SB-2003")')
[ "$code" -eq 0 ] && [ "$recopied" = 0 ] \
    && ok "with a third drive: done, SB-2001 and SB-2002 copied nothing again ($(last_json "$work/three.out" | json '[x["blocksAlreadyOnDrive"] for x in d["drives"]]') blocks already there)" \
    || fail "with a third drive: exit $code, $recopied blocks copied again on the first two; $(tail -2 "$work/three.err")"
[ "$(state two)" = Creating ] && ok "the drives are ready and the import job created: the job is Creating" || fail "the job is $(state two)"
check_placement two "SB-2001 SB-2002 SB-2003"
verify_all two "SB-2001 SB-2002 SB-2003"
rm -rf "$work/drives/two"

# 3. kill -9 during the copy at three moments
init three
stage three
blocks_journaled() { cat "$SEEDBENCH_DATA"/drives/three/*.journal 2>/dev/null | grep -c '^block '; }
kill_when() {
    local want=$1 launcher java i
    "$sb" prepare-drives three --yes-format --drive "$(drive three SB-3001)" --drive "$(drive three SB-3002)" \
        --drive "$(drive three SB-3003)" > "$work/kill-$want.log" 2>&1 &
    launcher=$!
    for ((i = 0; i < 1200; i++)); do
        java=$(pgrep -P "$launcher" java)
        if [ -n "$java" ] && [ "$(blocks_journaled)" -ge "$want" ]; then
            [ "$want" -eq 0 ] && sleep 1.5
            break
        fi
        kill -0 "$launcher" 2>/dev/null || break
        sleep 0.05
    done
    java=$(pgrep -P "$launcher" java)
    if [ -z "$java" ]; then
        fail "prepare-drives ended before the kill at $want blocks; nothing was tested there"
        wait "$launcher"
        return
    fi
    kill -9 "$java"
    wait "$launcher"
    ok "killed with $(blocks_journaled) blocks journaled (aimed at $want); the job is $(state three)"
}
for moment in 0 150 450; do
    kill_when "$moment"
done
if "$sb" prepare-drives three --yes-format --json --drive "$(drive three SB-3001)" --drive "$(drive three SB-3002)" \
    --drive "$(drive three SB-3003)" > "$work/resume.out" 2> "$work/resume.err"; then
    ok "the rerun after three kills completes: $(last_json "$work/resume.out" | json '[(x["serial"], x["blocksCopied"], x["blocksAlreadyOnDrive"]) for x in d["drives"]]') (copied, already there)"
else
    fail "the rerun after the kills: $(tail -3 "$work/resume.err")"
fi
dups=$(journal_dups three)
[ "$dups" -eq 0 ] && ok "the journals record no block copied twice ($(blocks_journaled) blocks, $(cat "$SEEDBENCH_DATA"/drives/three/*.journal | wc -c) journal bytes)" \
    || fail "$dups blocks journaled twice"
check_placement three "SB-3001 SB-3002 SB-3003"
verify_all three "SB-3001 SB-3002 SB-3003"
rm -rf "$work/drives/three"

# 5. refused with one line, exit 3, nothing changed
init four
stage four
refused() { # what, expected text, prepare-drives arguments…
    local what=$1 expect=$2 before after code
    shift 2
    before=$("$sb" status four --json | json '(d["state"], len(d["drives"]))')
    "$sb" prepare-drives four "$@" > "$work/refused.out" 2> "$work/refused.err" < /dev/null
    code=$?
    after=$("$sb" status four --json | json '(d["state"], len(d["drives"]))')
    if [ "$code" -eq 3 ] && [ "$(grep -c . "$work/refused.err")" -eq 1 ] && grep -q -- "$expect" "$work/refused.err" \
        && [ "$before" = "$after" ]; then
        ok "$what: exit 3, $(cat "$work/refused.err")"
    else
        fail "$what: exit $code, catalog $before -> $after, $(cat "$work/refused.err")"
    fi
}
eleven=()
for i in $(seq 1 11); do eleven+=(--drive "$(drive four "$(printf 'SB-6%03d' "$i")")"); done
refused "an 11th drive" "11 drives for one job" --yes-format "${eleven[@]}"
refused "a 12 TB drive" "at most 10 TB per drive" --yes-format --drive "$(drive four SB-5001 12T)"
sysdisk=$(lsblk -n -o PKNAME "$(findmnt -n -o SOURCE /)" 2>/dev/null | head -n 1)
if [ -n "$sysdisk" ]; then
    refused "the system disk /dev/$sysdisk" "/dev/$sysdisk" --yes-format --drive "/dev/$sysdisk"
else
    echo "skip the system disk: / is not on a block device here"
fi
refused "no --yes-format in a batch run" "--yes-format" --drive "$(drive four SB-5001)"
[ -e "$work/drives/four/SB-5001/four" ] && fail "a refused run wrote to the drive" || ok "nothing was written to the refused drives"
init vmsource --source-host "$(hostname)"
stage vmsource
if systemd-detect-virt --vm > /dev/null 2>&1; then
    "$sb" prepare-drives vmsource --yes-format --drive "$(drive vmsource SB-5001)" > /dev/null 2> "$work/vm.err"
    code=$?
    [ "$code" -eq 3 ] && [ "$(grep -c . "$work/vm.err")" -eq 1 ] && [ "$(state vmsource)" = Staged ] \
        && ok "a virtual-machine source on this same machine: exit 3, $(cat "$work/vm.err")" \
        || fail "a VM source on this machine: exit $code, $(cat "$work/vm.err")"
else
    echo "skip the VM-source refusal: this computer is not a virtual machine (systemd-detect-virt --vm)"
fi

echo "drive-test: $passed passed, $failed failed"
[ "$failed" -eq 0 ]
