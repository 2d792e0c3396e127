#!/usr/bin/env bash
# The job's life after the seed, on the built headless product, as an admin runs it (issue [5/7]): a job seeded
# through the rehearsal datacenter by run-plan; `schedule` and `run-due` twice (the second finds nothing due); a
# backup under `--limit-upload` that takes at least its size over the rate; `forget` + `prune` killed with -9 in
# the middle, then run again to the end; `verify --read-data` of the vault clean and every kept snapshot restored
# byte-identical to the source it was taken of; a Draft job deleted; an expired import job reopened.
# Prints one line per check and "N passed, M failed". Run by releng/test.sh after ./mvnw verify.
set -uo pipefail
root=$(cd "$(dirname "$0")/.." && pwd)
sb=$root/releng/org.seedbench.repository/target/products/org.seedbench.headless/linux/gtk/x86_64/seedbench/bin/seedbench
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
passed=0
failed=0
ok() { passed=$((passed + 1)); echo "ok   $*"; }
fail() { failed=$((failed + 1)); echo "FAIL $*"; }
if [ ! -x "$sb" ]; then
    echo "ops-test: build the product first (./mvnw verify)" >&2
    exit 1
fi

data=$work/data
src=$work/src
pass=$work/pass
kept=$work/kept
mkdir -p "$data" "$kept"
printf 'ops test passphrase %s\n' "$$" > "$pass"
chmod 600 "$pass"
export SEEDBENCH_DATA=$data

# run EXPECTED WHAT ARGS…: runs seedbench, keeping stdout and stderr in $work/out and $work/err
run() {
    local expect=$1 what=$2
    shift 2
    "$sb" "$@" > "$work/out" 2> "$work/err"
    local code=$?
    [ "$code" -eq "$expect" ] && return 0
    fail "$what: exit $code, expected $expect: $(head -c 600 "$work/out") $(head -c 600 "$work/err")"
    return 1
}

# snapshot ids of the job's vault, oldest first
vault_snapshots() {
    "$sb" snapshots ops-one --from vault --passphrase-file "$pass" | tail -n +2 | awk '{print $1}'
}

# keeps a copy of the source under the short id of the vault's newest snapshot
keep_source() {
    local id
    id=$(vault_snapshots | tail -n 1)
    [ -n "$id" ] && rm -rf "$kept/$id" && cp -a "$src" "$kept/$id"
}

"$sb" generate-dataset "$src" --size 40M --seed 5 > /dev/null || fail "generate-dataset failed"
cat > "$work/plan.json" <<JSON
{
  "seedbenchPlan": 1,
  "defaults": {
    "storageAccount": "opsacct", "container": "seed", "subscription": "00000000-0000-4000-8000-000000000005",
    "location": "westeurope", "staging": "$work/stage", "passphraseFile": "$pass", "waitMinutes": 5,
    "rehearsalDaysPerSecond": 5,
    "shipping": { "carrier": "Ops Carrier", "returnRecipient": "Ops Admin", "returnStreet1": "1 Ops St",
      "returnCity": "Redmond", "returnState": "WA", "returnPostalCode": "98052", "returnCountry": "US",
      "returnPhone": "+1 425 555 0100", "returnEmail": "ops@example.com", "returnCarrier": "Ops Carrier",
      "returnCarrierAccount": "OPS-1" }
  },
  "jobs": [
    { "name": "ops-one", "workloads": ["files:$src"], "drives": ["dir:$work/d1,capacity=128M,serial=OPS-0001"],
      "shipping": { "tracking": "OPS-TRACK-1" }, "steps": ["init", "stage", "prepare-drives", "ship", "wait", "seed-vault"] },
    { "name": "ops-expiring", "workloads": ["files:$src"], "drives": ["dir:$work/d2,capacity=128M,serial=OPS-0002"],
      "staging": "$work/stage2", "steps": ["init", "stage", "prepare-drives"] },
    { "name": "ops-draft", "workloads": ["files:$src"], "steps": ["init"] }
  ]
}
JSON
if run 0 "run-plan" run-plan "$work/plan.json"; then
    ok "run-plan: ops-one seeded through the rehearsal datacenter, ops-expiring waits for its shipment, ops-draft is a Draft"
fi
keep_source

# 1. a schedule, and run-due twice: the second finds nothing due
now=$(date -u +%Y-%m-%dT%H:%M:%SZ)
later=$(date -u -d '+7 hours' +%Y-%m-%dT%H:%M:%SZ)
run 0 "schedule" schedule ops-one --every 6h && grep -q "backs up every 6h" "$work/out" \
    && ok "schedule ops-one --every 6h: $(head -n 1 "$work/out")"
printf 'a change before the scheduled run %s\n' "$now" > "$src/scheduled-change.txt"
if run 0 "run-due" run-due --now "$later" --passphrase-file "$pass" && grep -Eq '^ops-one: done, snapshot [0-9a-f]{64}$' "$work/out"; then
    ok "run-due as of 7 hours later: $(grep '^ops-one' "$work/out" | cut -c1-40)…"
    keep_source
else
    fail "run-due: no new snapshot: $(cat "$work/out")"
fi
run 0 "run-due again" run-due --now "$later" --passphrase-file "$pass" && grep -q '^Nothing due' "$work/out" \
    && ok "run-due again: $(head -n 1 "$work/out")"

# 2. a throttled backup: 4 MB of random (incompressible) data at 2 MB/s takes at least 1.8 s
head -c 4000000 /dev/urandom > "$src/throttled.bin"
start=$(date +%s%N)
if run 0 "backup --limit-upload" backup ops-one --limit-upload 2MB/s --passphrase-file "$pass"; then
    took=$((($(date +%s%N) - start) / 1000000))
    if [ "$took" -ge 1800 ]; then
        ok "backup --limit-upload 2MB/s of 4 MB new data took ${took} ms (at least 1800)"
    else
        fail "backup --limit-upload 2MB/s of 4 MB new data took only ${took} ms"
    fi
    keep_source
fi

# three more backups with changes, so that forget has snapshots to remove and prune packs to free and to rewrite:
# the first stores churn-1 (kept) and scratch.bin (gone from the kept snapshots) in one pack
rm -f "$src/throttled.bin"
head -c 3000000 /dev/urandom > "$src/scratch.bin"
for i in 1 2 3; do
    head -c 3000000 /dev/urandom > "$src/churn-$i.bin"
    [ "$i" -eq 2 ] && rm -f "$src/scratch.bin"
    run 0 "backup $i" backup ops-one --passphrase-file "$pass" && keep_source
done
before=$(vault_snapshots | wc -l)

# 3. forget + prune with a kill -9 in the middle, then prune again to the end
run 0 "forget" forget ops-one --keep-last 2 --passphrase-file "$pass" && ok "forget --keep-last 2: $before snapshots → $(vault_snapshots | wc -l)"
# the prune's rewritten pack passes the job's bandwidth budget: at 1 MB/s it takes seconds, and a kill lands in it
run 0 "throttle" throttle ops-one --work-hours 00:00-12:00 --work-days mon-sun --work 1MB/s --off-hours 1MB/s
landed=no
for delay in 1.0 1.5 2.0 2.5 3.0 3.5 4.0 5.0 6.0; do
    # a session of its own, so that the kill reaches the launcher script and its Java alike
    setsid "$sb" prune ops-one --passphrase-file "$pass" > "$work/prune.out" 2>&1 &
    pid=$!
    sleep "$delay"
    if kill -9 -- "-$pid" 2> /dev/null; then
        wait "$pid" 2> /dev/null
        while pgrep -s "$pid" > /dev/null; do sleep 0.1; done
        if [ -n "$(find "$data" -name 'prune-plan*' -print -quit)" ]; then
            landed=yes
            ok "prune killed with -9 after ${delay} s, its plan written and the work half done"
            break
        fi
    else
        wait "$pid" 2> /dev/null
        break
    fi
done
[ "$landed" = no ] && fail "no kill -9 landed between the prune's plan and its end"
if run 0 "prune after the kill" prune ops-one --passphrase-file "$pass"; then
    ok "prune again: $(tr "\n" " " < "$work/out" | cut -c1-160)"
fi
[ -z "$(find "$data" -name 'prune-plan*' -print -quit)" ] && ok "no prune plan is left once prune finished" \
    || fail "a prune plan is left after prune finished"

# 4. verify --read-data clean, every kept snapshot restores byte-identical
run 0 "verify --read-data" verify ops-one --from vault --read-data --passphrase-file "$pass" \
    && ok "verify --from vault --read-data: clean"
count=0
for id in $(vault_snapshots); do
    count=$((count + 1))
    if [ ! -d "$kept/$id" ]; then
        fail "snapshot $id: no copy of its source was kept"
        continue
    fi
    if run 0 "restore $id" restore ops-one --from vault --snapshot "$id" --target "$work/restored-$id" --passphrase-file "$pass"; then
        if diff -r "$kept/$id" "$work/restored-$id" > /dev/null; then
            ok "snapshot $id restores byte-identical to its source"
        else
            fail "snapshot $id: the restore differs from its source"
        fi
    fi
done
[ "$count" -eq 2 ] || fail "kept snapshots: $count, expected 2"

# 5. a Draft job deleted
if run 0 "delete ops-draft" delete ops-draft; then
    ok "delete ops-draft: $(head -n 1 "$work/out" | cut -c1-80)…"
    run 3 "status of the deleted job" status ops-draft && ok "status ops-draft afterwards: exit 3 (no such job)"
fi
run 3 "delete ops-one (Seeded)" delete ops-one && ok "delete ops-one refused: $(head -n 1 "$work/err" | cut -c1-100)…"

# 6. an expired import job reopened: ops-expiring never shipped, its 14 days pass at 5 days a second
state=
for _ in $(seq 30); do
    state=$("$sb" status ops-expiring --json 2> /dev/null | python3 -c 'import json,sys; print(json.load(sys.stdin)["state"])' 2> /dev/null)
    [ "$state" = Expired ] && break
    sleep 1
done
if [ "$state" = Expired ]; then
    ok "ops-expiring expired without a shipment"
    if run 0 "reopen" reopen ops-expiring; then
        state=$("$sb" status ops-expiring --json 2> /dev/null | python3 -c 'import json,sys; print(json.load(sys.stdin)["state"])' 2> /dev/null)
        [ "$state" = Creating ] || [ "$state" = Shipping ] && ok "reopen ops-expiring: a new import job, state $state" \
            || fail "reopen ops-expiring: state $state"
    fi
else
    fail "ops-expiring did not expire: state $state"
fi

# 7. nothing secret in what was printed or kept
if grep -rlF -- "$(head -n 1 "$pass")" "$work/out" "$work/err" "$data" --exclude='*.properties' 2> /dev/null | grep -q .; then
    fail "the passphrase appears in the output or the data directory"
else
    ok "the passphrase appears nowhere in the output or the data directory"
fi

echo "$passed passed, $failed failed"
[ "$failed" -eq 0 ]
