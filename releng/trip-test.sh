#!/usr/bin/env bash
# The whole trip on the built headless product, as a user runs it: `seedbench demo` on the embedded local cloud
# (and, with Azurite installed, `demo --azure` against Azurite and the simulated import service), then a
# `run-plan` of two jobs. Then it greps everything those runs printed, logged or left in their data directories
# (catalog, drive logs, events) for the secrets they used: the backup passphrase, the drives' recovery
# passwords, the storage account key. Run by releng/test.sh after ./mvnw verify.
set -uo pipefail
root=$(cd "$(dirname "$0")/.." && pwd)
sb=$root/releng/org.seedbench.repository/target/products/org.seedbench.headless/linux/gtk/x86_64/seedbench/bin/seedbench
work=$(mktemp -d)
azurite_pid=
cleanup() {
    [ -n "$azurite_pid" ] && kill "$azurite_pid" 2> /dev/null
    rm -rf "$work"
}
trap cleanup EXIT
passed=0
failed=0
ok() { passed=$((passed + 1)); echo "ok   $*"; }
fail() { failed=$((failed + 1)); echo "FAIL $*"; }

# The well-known development-storage key of Azurite (public, from Microsoft's docs): it must never be printed.
azurite_key='Eby8vdM02xNOcqFlqUwJPLlmEtlCDXJ1OUzFT50uSRZ6IFsuFq2UVErCz4I6tq/K1SZFPTOtr/KBHBeksoGMGw=='

# secrets_in DIR: every secret kept under a data directory (the passphrase file, the drives' recovery passwords)
secrets_in() {
    local dir=$1
    [ -f "$dir/demo-passphrase" ] && head -n 1 "$dir/demo-passphrase"
    find "$dir/drives" -name drive-keys.properties -exec grep -h '\.password=' {} + 2> /dev/null | cut -d= -f2-
    echo "$azurite_key"
    [ -n "${extra_secret:-}" ] && echo "$extra_secret"
    return 0
}

# no_secrets WHAT DIR FILE…: none of DIR's secrets appears in the files, nor in DIR's own files other than
# the ones that exist to keep them: the passphrase file, the connector settings and drive-keys.properties (0600),
# the DriveInfo files (which carry the key protector, as the import tool's do) and the simulated import service's
# job records (importexport/, the service's own store of the drives' keys)
no_secrets() {
    local what=$1 dir=$2
    shift 2
    local leaks=0 secret f
    while IFS= read -r secret; do
        [ -z "$secret" ] && continue
        for f in "$@"; do
            if grep -qF -- "$secret" "$f"; then
                fail "$what: a secret appears in $(basename "$f")"
                leaks=1
            fi
        done
        while IFS= read -r f; do
            fail "$what: a secret appears in ${f#"$dir"/}"
            leaks=1
        done < <(grep -rlF --exclude=drive-keys.properties --exclude=demo-passphrase --exclude='*.properties' \
            --exclude='*_DriveInfo_*.xml' --exclude-dir=importexport \
            -- "$secret" "$dir" 2> /dev/null)
    done < <(secrets_in "$dir")
    [ "$leaks" -eq 0 ] && ok "$what: no passphrase, recovery password or storage key in the output, logs or catalog"
}

# 1. the demo on the local cloud, with stack traces on
start=$(date +%s)
if "$sb" demo --data "$work/demo" --debug > "$work/demo.out" 2> "$work/demo.err"; then
    took=$(($(date +%s) - start))
    grep -q 'Demo succeeded' "$work/demo.out" && ok "demo on the local cloud succeeded in ${took} s" \
        || fail "demo: no success line: $(tail -n 3 "$work/demo.out")"
    for step in 'seedbench init' 'seedbench stage' 'seedbench prepare-drives' 'seedbench ship' 'seedbench status' \
        'seedbench seed-vault' 'seedbench backup' 'seedbench restore' 'seedbench cleanup'; do
        grep -q "==> $step" "$work/demo.out" || fail "demo: step '$step' not shown"
    done
    grep -q 'Byte-identical' "$work/demo.out" && ok "demo: the restore from the vault is byte-identical to the changed source" \
        || fail "demo: no byte-for-byte check"
else
    fail "demo failed: $(tail -n 5 "$work/demo.err")"
fi
no_secrets "demo" "$work/demo" "$work/demo.out" "$work/demo.err"

# 2. run-plan: two jobs from one plan file, the second stopping after its drives; a bad plan refused
plan=$work/plan
mkdir -p "$plan/data"
printf 'run-plan test passphrase %s\n' "$$" > "$plan/pass"
chmod 600 "$plan/pass"
"$sb" generate-dataset "$plan/src1" --size 20M --seed 1 > /dev/null && "$sb" generate-dataset "$plan/src2" --size 20M --seed 2 > /dev/null
cat > "$plan/plan.json" <<JSON
{
  "seedbenchPlan": 1,
  "defaults": {
    "storageAccount": "planacct", "container": "seed", "subscription": "00000000-0000-4000-8000-000000000002",
    "location": "westeurope", "staging": "$plan/stage", "passphraseFile": "$plan/pass", "waitMinutes": 5,
    "rehearsalDaysPerSecond": 5,
    "shipping": { "carrier": "Plan Carrier", "returnRecipient": "Plan Admin", "returnStreet1": "1 Plan St",
      "returnCity": "Redmond", "returnState": "WA", "returnPostalCode": "98052", "returnCountry": "US",
      "returnPhone": "+1 425 555 0100", "returnEmail": "plan@example.com", "returnCarrier": "Plan Carrier",
      "returnCarrierAccount": "PLAN-1" }
  },
  "jobs": [
    { "name": "plan-one", "workloads": ["files:$plan/src1"], "drives": ["dir:$plan/d1,capacity=64M,serial=PLAN-0001"],
      "shipping": { "tracking": "PLAN-TRACK-1" } },
    { "name": "plan-two", "workloads": ["files:$plan/src2"], "drives": ["dir:$plan/d2,capacity=64M,serial=PLAN-0002"],
      "steps": ["init", "stage", "prepare-drives"] }
  ]
}
JSON
"$sb" run-plan "$plan/plan.json" --data "$plan/data" > "$plan/out" 2> "$plan/err"
code=$?
if [ "$code" -eq 0 ] && grep -Eq '^  plan-one +CleanedUp +0 ' "$plan/out" && grep -Eq '^  plan-two +Creating +0 ' "$plan/out"; then
    ok "run-plan: plan-one went the whole trip to CleanedUp, plan-two stopped Creating after its drives, exit 0"
else
    fail "run-plan: exit $code; $(tail -n 6 "$plan/out" | tr '\n' '|') $(tail -n 2 "$plan/err")"
fi
"$sb" run-plan "$plan/plan.json" --data "$plan/data" --json > "$plan/again" 2> /dev/null
python3 - "$plan/again" <<'PY' && ok "run-plan again: every step already done is skipped (JSON summary)" || fail "run-plan again: $(cat "$plan/again" | head -c 400)"
import json, sys
j = json.load(open(sys.argv[1]))
assert j["exitCode"] == 0, j
assert all(not r["ran"] for r in j["jobs"]), j
PY
sed 's/"steps"/"stepz"/' "$plan/plan.json" > "$plan/bad.json"
"$sb" run-plan "$plan/bad.json" --data "$plan/data" > /dev/null 2> "$plan/err"
code=$?
if [ "$code" -eq 3 ] && [ "$(wc -l < "$plan/err")" -eq 1 ] && grep -q 'jobs\[1\].stepz' "$plan/err"; then
    ok "run-plan: an unknown field refused with one line naming it, exit 3"
else
    fail "run-plan bad plan: exit $code: $(cat "$plan/err")"
fi
extra_secret=$(head -n 1 "$plan/pass") no_secrets "run-plan" "$plan/data" "$plan/out"

# 3. the demo against Azurite and the simulated import service
azurite=$root/releng/azurite/node_modules/.bin/azurite-blob
if [ -x "$azurite" ]; then
    mkdir -p "$work/azurite"
    port=$(python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1", 0)); print(s.getsockname()[1])')
    "$azurite" --blobHost 127.0.0.1 --blobPort "$port" --location "$work/azurite" --skipApiVersionCheck \
        --disableTelemetry --silent > "$work/azurite.log" 2>&1 &
    azurite_pid=$!
    for _ in $(seq 50); do
        (echo > "/dev/tcp/127.0.0.1/$port") 2> /dev/null && break
        sleep 0.2
    done
    if "$sb" demo --azure --azurite "http://127.0.0.1:$port/devstoreaccount1" --data "$work/demo-azure" --debug \
        > "$work/azure.out" 2> "$work/azure.err"; then
        grep -q 'Demo succeeded' "$work/azure.out" && ok "demo --azure (Azurite + simulated import service) succeeded" \
            || fail "demo --azure: no success line"
    else
        fail "demo --azure failed: $(tail -n 5 "$work/azure.err")"
    fi
    no_secrets "demo --azure" "$work/demo-azure" "$work/azure.out" "$work/azure.err"
    kill "$azurite_pid" 2> /dev/null
    wait "$azurite_pid" 2> /dev/null
    azurite_pid=
else
    fail "Azurite is not installed (npm ci --prefix releng/azurite): demo --azure not run"
fi

echo "trip-test: $passed passed, $failed failed"
[ "$failed" -eq 0 ]
