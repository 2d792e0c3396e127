#!/usr/bin/env bash
# Several copy computers preparing one job's drives, from the outside, against the built headless product
# (issue [7/7] item 4, acceptance 4). Two "copy computers" are two data directories (each its own computer id,
# drive keys and journals) sharing one catalog (--catalog / SEEDBENCH_CATALOG) and one staging folder, each with 2
# folder drives too small for the whole seed, so that the packs must be split between them:
#  1. both run prepare-drives at once: every pack is on exactly one of the 4 drives (read from the drives and from
#     the catalog's events), the metadata on each, verify-drive is clean on all four (each manifest checked block
#     by block), exactly one import job, created by the computer that finished last;
#  2. a second job, computer A killed -9 midway and restarted: still every pack exactly once, verify-drive clean,
#     one import job;
#  3. a third job, A killed -9 midway; once its lease ran out (SEEDBENCH_LEASE_SECONDS), B's next run takes A's
#     unfinished packs over onto a third drive of its own; then A comes back: every pack exactly once on the import
#     job's drives, verify-drive clean on each, one import job.
# COPY_TEST_CATALOG=postgresql (default: its own server from releng/pg.sh) or h2 (a jdbc:h2:file: catalog in a
# folder both data directories reach). COPY_TEST_SIZE (dataset, default 1G) scales it.
set -uo pipefail
root=$(cd "$(dirname "$0")/.." && pwd)
sb=$root/releng/org.seedbench.repository/target/products/org.seedbench.headless/linux/gtk/x86_64/seedbench/bin/seedbench
work=$(mktemp -d)
chmod 755 "$work" # the postgres user starts the server in it when this runs as root
mode=${COPY_TEST_CATALOG:-postgresql}
cleanup() {
    [ "$mode" = postgresql ] && "$root/releng/pg.sh" stop "$work/pg" > /dev/null 2>&1
    rm -rf "$work"
}
trap cleanup EXIT
if [ "$mode" = postgresql ]; then
    exports=$("$root/releng/pg.sh" start "$work/pg") || { echo "copy-computers-test: no PostgreSQL server"; exit 1; }
    eval "$exports"
    export SEEDBENCH_CATALOG=$SEEDBENCH_TEST_PG_URL
else
    mkdir -p "$work/shared"
    export SEEDBENCH_CATALOG=jdbc:h2:file:$work/shared/catalog
fi
export SEEDBENCH_PASSPHRASE="copy computers passphrase $$"
passed=0
failed=0
ok() { passed=$((passed + 1)); echo "ok   $*"; }
fail() { failed=$((failed + 1)); echo "FAIL $*"; }
A() { SEEDBENCH_DATA=$work/data-a "$sb" "$@"; }
B() { SEEDBENCH_DATA=$work/data-b "$sb" "$@"; }
json() { python3 -c "import json,sys; d=json.load(sys.stdin); print($1)"; }
state() { A status "$1" --json | json 'd["state"]'; }
drive() { local serial=$(echo "$1" | tr a-z A-Z)-$2; echo "dir:$work/drives/$1/$serial,capacity=$cap,serial=$serial"; }
packs() { find "$work/stage/$1/packs" -type f ! -name '.*' | sed "s|$work/stage/$1/||" | sort; }
# the events of job $1 of kind $2, their details one a line
events() { A events "$1" --json | python3 -c "
import json, sys
for line in sys.stdin:
    e = json.loads(line)
    if e.get('kind') == sys.argv[1]:
        print(e.get('detail'))
" "$2"; }

"$sb" generate-dataset "$work/dataset" --size "${COPY_TEST_SIZE:-1G}" --seed 11 > /dev/null \
    || { echo "copy-computers-test: cannot generate"; exit 1; }
init() {
    A init --name "$1" --staging "$work/stage" --storage-account copyacct --container seed \
        --subscription 00000000-0000-4000-8000-000000000004 --location westeurope --workload "files:$work/dataset" \
        > /dev/null || { echo "copy-computers-test: init $1 failed"; exit 1; }
    if [ -d "$work/stage/one" ] && [ "$1" != one ]; then cp -r "$work/stage/one" "$work/stage/$1"; fi
    A stage "$1" > "$work/stage-$1.log" 2>&1 || { cat "$work/stage-$1.log"; echo "copy-computers-test: stage failed"; exit 1; }
}

# every pack on exactly one of the drives of job $1 (serials $2), the metadata on each; the catalog's placements agree
check_placement() {
    local job=$1 serials=$2 s m meta dups missing in_events
    : > "$work/placed-$job"
    for s in $serials; do
        [ -d "$work/drives/$job/$s/$job/packs" ] \
            && (cd "$work/drives/$job/$s/$job" && find packs -type f ! -name '.*' | sort) >> "$work/placed-$job"
        meta=0
        for m in $(cd "$work/stage/$job" && find config keys index snapshots -type f ! -name '.*'); do
            [ -f "$work/drives/$job/$s/$job/$m" ] || meta=$((meta + 1))
        done
        [ "$meta" -eq 0 ] || fail "$job: $s lacks $meta metadata files"
    done
    dups=$(sort "$work/placed-$job" | uniq -d | wc -l)
    missing=$(comm -23 <(packs "$job") <(sort -u "$work/placed-$job") | wc -l)
    [ "$dups" -eq 0 ] && [ "$missing" -eq 0 ] \
        && ok "$job: each of the $(packs "$job" | wc -l) packs is on exactly one of $(echo $serials | wc -w) drives, the metadata on each" \
        || fail "$job: $dups packs on two drives, $missing on none"
    in_events=$(events "$job" packs.placed | awk '{n += $3} END {print n + 0}')
    [ "$in_events" -eq "$(packs "$job" | wc -l)" ] \
        && ok "$job: the catalog's events place $in_events packs, once each" \
        || fail "$job: the catalog's events place $in_events packs, not $(packs "$job" | wc -l)"
}
# verify-drive on the computer that prepared each drive: $1 job, then COMPUTER:SERIAL…
verify_all() {
    local job=$1 pair c s
    shift
    for pair in "$@"; do
        c=${pair%%:*}
        s=${pair#*:}
        if [ -z "$(find "$work/drives/$job/$s/$job/packs" -type f ! -name '.*' 2> /dev/null | head -n 1)" ]; then
            continue # a drive that holds no pack is not in the import job
        fi
        if "$c" verify-drive "$job" "$s" > "$work/verify-$job-$s.log" 2>&1; then
            ok "$job: verify-drive $s ($c): $(cat "$work/verify-$job-$s.log")"
        else
            fail "$job: verify-drive $s ($c): $(tail -2 "$work/verify-$job-$s.log")"
        fi
    done
}
one_import_job() {
    local job=$1 created
    created=$(events "$job" job.state | grep -c 'Creating')
    [ "$created" -eq 1 ] && [ "$(state "$job")" = Creating ] \
        && ok "$job: exactly one import job ($(events "$job" job.state | grep 'finished last' | head -n 1))" \
        || fail "$job: $created moves to Creating, state $(state "$job")"
}

# 1. two computers at once
init one
staged=$(du -sb "$work/stage/one/packs" | cut -f1)
cap=$((staged / 3 / 1000000 + 40))M # two drives hold less than the seed: the computers must share it
echo "staged: $(packs one | wc -l) packs, $staged bytes; drives of $cap; catalog: $mode"
A prepare-drives one --yes-format --drive "$(drive one A1)" --drive "$(drive one A2)" > "$work/one-a.log" 2>&1 &
pa=$!
B prepare-drives one --yes-format --drive "$(drive one B1)" --drive "$(drive one B2)" > "$work/one-b.log" 2>&1 &
pb=$!
wait $pa
ca=$?
wait $pb
cb=$?
if { [ "$ca" -eq 0 ] || [ "$ca" -eq 4 ]; } && { [ "$cb" -eq 0 ] || [ "$cb" -eq 4 ]; } && [ $((ca + cb)) -lt 8 ]; then
    ok "one: A and B prepared at once (exit $ca and $cb)"
else
    fail "one: A exit $ca, B exit $cb: $(tail -2 "$work/one-a.log") / $(tail -2 "$work/one-b.log")"
fi
[ "$(cat "$work/one-a.log" "$work/one-b.log" | grep -c '^Import job ')" -eq 1 ] \
    && ok "one: the computer that finished last created the import job: $(grep -l '^Import job ' "$work"/one-?.log | sed 's/.*one-//; s/.log//' | tr a-z A-Z)" \
    || fail "one: import job lines: $(grep -h '^Import job ' "$work/one-a.log" "$work/one-b.log")"
check_placement one "ONE-A1 ONE-A2 ONE-B1 ONE-B2"
verify_all one A:ONE-A1 A:ONE-A2 B:ONE-B1 B:ONE-B2
one_import_job one
[ "$(events one packs.claimed | grep -c "$(cat "$work/data-a/computer-id" | cut -c1-8)")" -ge 1 ] \
    && [ "$(events one packs.claimed | grep -c "$(cat "$work/data-b/computer-id" | cut -c1-8)")" -ge 1 ] \
    && ok "one: both computers claimed packs, named in the events" || fail "one: claims: $(events one packs.claimed)"
if grep -rqs "$SEEDBENCH_PASSPHRASE" "$work/data-a" "$work/data-b" "$work"/*.log; then
    fail "one: the passphrase reached a file or a log"
else
    ok "one: the passphrase is in no log or data file"
fi

# the drives of job $1 the import job lists (those with a manifest), by serial
seed_drives() { A drives "$1" --json | json '" ".join(x["serial"] for x in d if x["manifestHash"])'; }
# starts prepare-drives of job $1 on A and on B at once; kills A's java process once A's drives hold a sixth of the
# seed; waits for B
kill_a_midway() {
    local job=$1 java copied=0 i
    # A's launcher runs here (not in a function's subshell), so that its java process is its child
    SEEDBENCH_DATA=$work/data-a "$sb" prepare-drives "$job" --yes-format --drive "$(drive "$job" A1)" \
        --drive "$(drive "$job" A2)" > "$work/$job-a.log" 2>&1 &
    local pa=$!
    B prepare-drives "$job" --yes-format --drive "$(drive "$job" B1)" --drive "$(drive "$job" B2)" \
        > "$work/$job-b.log" 2>&1 &
    local pb=$!
    for ((i = 0; i < 2400; i++)); do
        copied=$(du -sb "$work/drives/$job"/*-A? 2>/dev/null | awk '{n += $1} END {print n + 0}')
        [ "$copied" -gt $((staged / 6)) ] && break
        kill -0 $pa 2> /dev/null || break
        sleep 0.05
    done
    java=$(pgrep -P $pa java)
    if [ -n "$java" ] && kill -9 "$java" 2> /dev/null; then
        ok "$job: A killed -9 with $copied bytes on its drives"
    else
        fail "$job: A ended before it could be killed: $(tail -2 "$work/$job-a.log")"
    fi
    wait $pa 2> /dev/null
    wait $pb
    echo "$job: B's run: exit $?; $(grep -h '^Note: [0-9]* packs' "$work/$job-b.log" | tail -n 1)"
}

# 2. A killed -9 midway and restarted: it resumes by its journals what is still its own
export SEEDBENCH_LEASE_SECONDS=4
init two
kill_a_midway two
A prepare-drives two --yes-format --drive "$(drive two A1)" --drive "$(drive two A2)" > "$work/two-a2.log" 2>&1
ca=$?
[ "$ca" -eq 0 ] && ok "two: A restarted and finished: $(grep -h 'already on the drive\|blocks' "$work/two-a2.log" | head -n 2 | tr '\n' ' ')" \
    || fail "two: A's restart: exit $ca: $(tail -3 "$work/two-a2.log")"
check_placement two "TWO-A1 TWO-A2 TWO-B1 TWO-B2"
verify_all two A:TWO-A1 A:TWO-A2 B:TWO-B1 B:TWO-B2
one_import_job two

# 3. A killed -9 midway; once its lease ran out, B's next run takes its unfinished packs over onto a third drive;
#    then A comes back: its drives keep only what is still theirs (or, when B's takeover finished the job, A's run
#    is refused in one line and its half-copied drive is not one of the import job's)
init three
kill_a_midway three
sleep $((SEEDBENCH_LEASE_SECONDS + 1)) # A's lease runs out: no heartbeat renews it
B prepare-drives three --yes-format --drive "$(drive three B1)" --drive "$(drive three B2)" \
    --drive "$(drive three B3)" > "$work/three-b2.log" 2>&1
cb=$?
took=$(events three packs.claimed | grep -c 'took over')
[ "$took" -ge 1 ] && ok "three: B's next run (exit $cb) took A's expired packs over: $(events three packs.claimed | grep 'took over' | tail -n 1)" \
    || fail "three: nothing was taken over (exit $cb): $(tail -3 "$work/three-b2.log")"
A prepare-drives three --yes-format --drive "$(drive three A1)" --drive "$(drive three A2)" > "$work/three-a2.log" 2>&1
ca=$?
if [ "$ca" -eq 0 ]; then
    ok "three: A came back and finished"
elif [ "$ca" -eq 3 ] && grep -q 'cannot go from Creating' "$work/three-a2.log"; then
    ok "three: B's takeover finished the job; A's run is refused in one line: $(grep 'cannot go' "$work/three-a2.log")"
else
    fail "three: A's return: exit $ca: $(tail -3 "$work/three-a2.log")"
fi
if [ "$(state three)" != Creating ]; then
    B prepare-drives three --yes-format --drive "$(drive three B1)" --drive "$(drive three B2)" \
        --drive "$(drive three B3)" >> "$work/three-b2.log" 2>&1
fi
shipped=$(seed_drives three)
check_placement three "$shipped"
pairs=""
for s in $shipped; do
    case "$s" in *-A?) pairs="$pairs A:$s" ;; *) pairs="$pairs B:$s" ;; esac
done
verify_all three $pairs
one_import_job three
replanned=$(ls -a "$work/data-a/drives/three/" | grep replanned | tr '\n' ' ')
echo "three: the import job's drives: $shipped; A's journals set aside: ${replanned:-none}"

echo "copy-computers-test ($mode): $passed passed, $failed failed"
[ "$failed" -eq 0 ]
