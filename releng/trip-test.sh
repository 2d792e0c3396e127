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
}

# no_secrets WHAT DIR FILE…: none of DIR's secrets appears in the files, nor in DIR's own files other than
# the ones that exist to keep them
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

# 2. the demo against Azurite and the simulated import service
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
