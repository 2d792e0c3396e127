#!/usr/bin/env bash
# The shared catalog on the built headless product (issue 18, acceptance 5 and 3): the demo's flow into an embedded
# H2 catalog, `seedbench catalog copy --to jdbc:postgresql://…` into a new database of the real PostgreSQL server,
# then `status --json` (and `jobs --json`) equal on both; a second copy refused (exit 3); the chains verified; the
# roles made, and an auditor's connection that lists and exports but whose write the database refuses; and no
# passphrase or recovery password anywhere in the shared catalog (a pg_dump of it). Uses the server
# SEEDBENCH_TEST_PG_URL names (releng/test.sh starts one), else starts its own with releng/pg.sh.
set -uo pipefail
root=$(cd "$(dirname "$0")/.." && pwd)
sb=$root/releng/org.seedbench.repository/target/products/org.seedbench.headless/linux/gtk/x86_64/seedbench/bin/seedbench
pgbin=${SEEDBENCH_PG_BIN:-/usr/lib/postgresql/15/bin}
work=$(mktemp -d)
chmod 755 "$work"
own_server=
db=
auditor=
passed=0
failed=0
ok() { passed=$((passed + 1)); echo "ok   $*"; }
fail() { failed=$((failed + 1)); echo "FAIL $*"; }
cleanup() {
    if [ -n "$db" ]; then
        "$pgbin/dropdb" -h "$host" -p "$port" --if-exists "$db" > /dev/null 2>&1
    fi
    if [ -n "$auditor" ]; then
        "$pgbin/psql" -h "$host" -p "$port" -d postgres -qc "DROP ROLE IF EXISTS $auditor" > /dev/null 2>&1
    fi
    [ -n "$own_server" ] && "$root/releng/pg.sh" stop "$work/pg" > /dev/null 2>&1
    rm -rf "$work"
}
trap cleanup EXIT

if [ -z "${SEEDBENCH_TEST_PG_URL:-}" ]; then
    eval "$("$root/releng/pg.sh" start "$work/pg")" || { echo "FAIL no PostgreSQL server"; exit 1; }
    own_server=1
fi
hostport=${SEEDBENCH_TEST_PG_URL#jdbc:postgresql://}
hostport=${hostport%%/*}
host=${hostport%:*}
port=${hostport##*:}
db=sb_copy_$$
url=jdbc:postgresql://$hostport/$db
"$pgbin/createdb" -h "$host" -p "$port" "$db" || { echo "FAIL createdb $db"; exit 1; }

# 1. the demo's flow, into the embedded catalog of a data directory
data=$work/demo
if "$sb" demo --data "$data" > "$work/demo.out" 2> "$work/demo.err" && grep -q 'Demo succeeded' "$work/demo.out"; then
    ok "demo on the embedded catalog"
else
    fail "demo: $(tail -n 3 "$work/demo.err")"
fi
job=$("$sb" jobs --json --data "$data" | grep -o '"name" *: *"[^"]*"' | head -n 1 | sed 's/.*"\([^"]*\)"$/\1/')
[ -n "$job" ] || fail "no job in the demo's catalog"

# 2. catalog copy into the new PostgreSQL database, once
if "$sb" catalog copy --to "$url" --data "$data" > "$work/copy.out" 2> "$work/copy.err" \
    && grep -q 'event chains, each verified' "$work/copy.out"; then
    ok "catalog copy: $(grep -c 'the same in both' "$work/copy.out") tables counted, $(grep -o '[0-9]* event chains' "$work/copy.out")"
else
    fail "catalog copy: $(cat "$work/copy.err")"
fi
"$sb" catalog copy --to "$url" --data "$data" > /dev/null 2> "$work/again.err"
code=$?
if [ "$code" -eq 3 ] && [ "$(wc -l < "$work/again.err")" -eq 1 ] && grep -q 'already holds' "$work/again.err"; then
    ok "a second copy into a catalog with jobs is refused in one line (exit 3)"
else
    fail "second copy: exit $code: $(cat "$work/again.err")"
fi

# 3. status --json and jobs --json equal on both catalogs
for verb in status jobs; do
    args=("$verb")
    [ "$verb" = status ] && args+=("$job")
    "$sb" "${args[@]}" --json --data "$data" > "$work/$verb-h2.json" 2> "$work/h2.err"
    "$sb" "${args[@]}" --json --data "$data" --catalog "$url" > "$work/$verb-pg.json" 2> "$work/pg.err"
    if [ -s "$work/$verb-h2.json" ] && cmp -s "$work/$verb-h2.json" "$work/$verb-pg.json"; then
        ok "${args[*]} --json is the same on the embedded and the PostgreSQL catalog"
    else
        fail "${args[*]} --json differs: $(diff "$work/$verb-h2.json" "$work/$verb-pg.json" | head -n 6) $(cat "$work/pg.err")"
    fi
done
if "$sb" catalog verify --catalog "$url" --data "$data" > "$work/verify.out" 2>&1; then
    ok "catalog verify on PostgreSQL: $(tr '\n' ' ' < "$work/verify.out")"
else
    fail "catalog verify: $(cat "$work/verify.out")"
fi

# 4. roles: an auditor lists and exports, and the database refuses its write
if "$sb" catalog init-roles --catalog "$url" --data "$data" > "$work/roles.out" 2> "$work/roles.err" \
    && grep -q '^GRANT SELECT, INSERT ON public.events TO seedbench_operator;$' "$work/roles.out"; then
    ok "catalog init-roles printed $(grep -c '^GRANT\|^REVOKE\|^CREATE' "$work/roles.out") statements"
else
    fail "init-roles: $(cat "$work/roles.err")"
fi
auditor=aud_$$
password=$(head -n 1 "$PGPASSFILE" | cut -d: -f5-)
"$pgbin/psql" -h "$host" -p "$port" -d "$db" -qc \
    "CREATE ROLE $auditor LOGIN PASSWORD '$password' IN ROLE seedbench_auditor" > /dev/null
audit="$url?user=$auditor"
"$sb" jobs --json --data "$data" --catalog "$audit" > "$work/jobs-aud.json" 2> "$work/aud.err"
"$sb" status "$job" --json --data "$data" --catalog "$audit" > "$work/status-aud.json" 2>> "$work/aud.err"
if cmp -s "$work/jobs-h2.json" "$work/jobs-aud.json" && cmp -s "$work/status-h2.json" "$work/status-aud.json"; then
    ok "the auditor lists the jobs and shows the job (jobs, status --json as on the embedded catalog)"
else
    fail "auditor jobs/status: $(cat "$work/aud.err")"
fi
if "$sb" events "$job" --json --output "$work/aud-events.jsonl" --data "$data" --catalog "$audit" 2> "$work/aud.err" \
    && "$sb" events --verify "$work/aud-events.jsonl" --data "$data" > /dev/null 2>&1; then
    ok "the auditor exports the job's events, and the export verifies"
else
    fail "auditor export: $(cat "$work/aud.err")"
fi
mkdir -p "$work/src" && echo x > "$work/src/a.txt"
"$sb" init --name seed-audit --staging "$work/staging" --storage-account contosobackup --container seed \
    --subscription 0f1e2d3c-4b5a-6978-8796-a5b4c3d2e1f0 --location westeurope --workload "files:$work/src" \
    --data "$work/auditor" --catalog "$audit" > /dev/null 2> "$work/aud-write.err"
code=$?
if [ "$code" -eq 1 ] && [ "$(wc -l < "$work/aud-write.err")" -eq 1 ] \
    && grep -q "catalog is read-only for $auditor (permission denied" "$work/aud-write.err"; then
    ok "the auditor's write is refused by the database in one line (exit 1)"
else
    fail "auditor write: exit $code: $(cat "$work/aud-write.err")"
fi

# 5. no secret in the shared catalog: a dump of every table's rows
"$pgbin/pg_dump" -h "$host" -p "$port" --data-only "$db" > "$work/dump.sql"
leaks=0
while IFS= read -r secret; do
    [ -z "$secret" ] && continue
    if grep -qF -- "$secret" "$work/dump.sql"; then
        fail "a secret of the demo appears in the shared catalog"
        leaks=1
    fi
done < <(head -n 1 "$data/demo-passphrase" 2> /dev/null
    find "$data/drives" -name drive-keys.properties -exec grep -h '\.password=' {} + 2> /dev/null | cut -d= -f2-)
secrets=$( { head -n 1 "$data/demo-passphrase"; find "$data/drives" -name drive-keys.properties -exec grep -h '\.password=' {} +; } 2> /dev/null | wc -l)
if [ "$leaks" -eq 0 ] && [ "$secrets" -ge 2 ]; then
    ok "no passphrase or recovery password ($secrets secrets looked for) in the shared catalog's $(wc -l < "$work/dump.sql") dumped lines"
elif [ "$leaks" -eq 0 ]; then
    fail "found only $secrets secrets of the demo to look for"
fi

echo "catalog-pg-test: $passed passed, $failed failed"
[ "$failed" -eq 0 ]
