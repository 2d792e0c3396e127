#!/usr/bin/env bash
# Installs a plugin from the built update site into a copy of the built headless product, as an admin would,
# and uses it: the command-output workload (org.seedbench.workload.command.feature), which the product does
# not hold by default. Installs with the p2 director (Tycho's tycho-p2-director-plugin:director goal, the same
# p2 engine the build materializes the product with), then: `seedbench workloads` lists it, a dump command's
# output is staged and restored byte for byte, and a failing command fails its item with its exit code and
# stores nothing of it. Run by releng/test.sh after ./mvnw verify.
set -uo pipefail
root=$(cd "$(dirname "$0")/.." && pwd)
built=$root/releng/org.seedbench.repository/target/products/org.seedbench.headless/linux/gtk/x86_64/seedbench
site=$root/releng/org.seedbench.repository/target/repository
feature=org.seedbench.workload.command.feature.feature.group
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
product=$work/seedbench
sb=$product/bin/seedbench
export SEEDBENCH_DATA=$work/data
export SEEDBENCH_PASSPHRASE="plugin install test passphrase"
passed=0
failed=0
ok() { passed=$((passed + 1)); echo "ok   $*"; }
fail() { failed=$((failed + 1)); echo "FAIL $*"; }

if [ ! -x "$built/bin/seedbench" ] || ! ls "$site"/content.* >/dev/null 2>&1; then
    echo "plugin-install-test: build the product and the update site first (./mvnw verify)" >&2
    exit 1
fi
cp -a "$built" "$product"

# run EXPECTED_EXIT DESCRIPTION ARGS…: runs seedbench, keeps stdout/stderr in $out/$err
run() {
    local expect=$1 what=$2
    shift 2
    "$sb" "$@" > "$work/out" 2> "$work/err"
    local code=$?
    out=$(cat "$work/out")
    err=$(cat "$work/err")
    [ "$code" -eq "$expect" ] && return 0
    fail "$what: exit $code, expected $expect; stdout: $out; stderr: $err"
    return 1
}
job() { # job NAME WORKLOAD: init arguments of a job staging to $work/stage
    args=(init --name "$1" --staging "$work/stage" --storage-account contosobackup --container seed
          --subscription 0f1e2d3c-4b5a-6978-8796-a5b4c3d2e1f0 --location westeurope --workload "$2")
}

# the commands an admin configures: NAME.cfg in $SEEDBENCH_DATA/commands
mkdir -p "$SEEDBENCH_DATA/commands"
dump="echo 'CREATE TABLE shop (id int);'; seq 1 300000"
cat > "$SEEDBENCH_DATA/commands/shop.cfg" <<CFG
command = sh -c "$dump"
item = dumps/shop.sql
CFG
cat > "$SEEDBENCH_DATA/commands/broken.cfg" <<CFG
command = sh -c "seq 1 200000; echo 'pg_dump: connection lost' >&2; exit 3"
item = dumps/broken.sql
CFG

# before: the product does not know the command workload
ls "$product/plugins" | grep -q '^org\.seedbench\.workload\.command_' \
    && fail "the headless product holds the command workload before it is installed" \
    || ok "the built headless product does not hold the command workload"
job seed-before command:shop
run 3 "init --workload command:shop before the install" "${args[@]}" \
    && { printf '%s' "$err" | grep -q "no workload source 'command' is installed" \
        && ok "before the install, init --workload command:shop is refused (exit 3): $err" \
        || fail "before the install: $err"; }

# install the feature from the update site with the p2 director, into the product's own p2 profile
profile=$(ls "$product/p2/org.eclipse.equinox.p2.engine/profileRegistry" | sed -n 's/\.profile$//p' | head -n 1)
start=$(date +%s)
if (cd "$root" && ./mvnw -B -q -o -N "org.eclipse.tycho:tycho-p2-director-plugin:\${tycho-version}:director" \
        -Ddestination="$product" -Dprofile="$profile" -Drepositories="file:$site" -DinstallIUs="$feature" \
        -Dp2os=linux -Dp2ws=gtk -Dp2arch=x86_64) > "$work/director.log" 2>&1; then
    ok "p2 director installed $feature from the update site into profile $profile ($(( $(date +%s) - start )) s)"
else
    fail "p2 director: $(grep -E 'ERROR|Cannot|missing' "$work/director.log" | head -n 5)"
    echo "plugin-install-test: $passed passed, $failed failed"
    exit 1
fi
ls "$product/plugins" | grep -q '^org\.seedbench\.workload\.command_' \
    && grep -q 'org\.seedbench\.workload\.command_[^,]*\.jar' "$product/configuration/config.ini" \
    && ok "the plugin is in the product's plugins and in its configuration (config.ini osgi.bundles)" \
    || fail "the plugin is not in the product after the install"

# seedbench workloads lists it
if run 0 "seedbench workloads" workloads; then
    line=$(printf '%s\n' "$out" | grep -E '^ *command ' || true)
    [ -n "$line" ] && ok "seedbench workloads lists the installed plugin: $line" \
        || fail "seedbench workloads does not list command: $out"
fi

# a dump staged and restored
job dump01 command:shop
run 0 "init --workload command:shop" "${args[@]}" && ok "after the install, init --workload command:shop is accepted"
run 0 "stage dump01" stage dump01 && ok "stage dump01 (the dump command's output) exits 0"
run 0 "restore dump01" restore dump01 --target "$work/restored01" \
    && { sh -c "$dump" > "$work/expected.sql"
         cmp -s "$work/expected.sql" "$work/restored01/dumps/shop.sql" \
            && ok "the restored dumps/shop.sql is byte-identical to the command's output ($(wc -c < "$work/expected.sql") bytes)" \
            || fail "the restored dump differs from the command's output"; }
ls "${TMPDIR:-/tmp}"/seedbench-dump-*.spool >/dev/null 2>&1 && echo "note: spool files of other runs are in ${TMPDIR:-/tmp}"

# a failing dump: the item fails with the command's exit code, nothing of it is stored
job dump02 command:broken
run 0 "init --workload command:broken" "${args[@]}"
run 4 "stage dump02" stage dump02 \
    && { printf '%s\n%s' "$out" "$err" | grep -q "command 'broken' exited with 3" \
        && ok "stage of a failing dump exits 4 naming it: $(printf '%s\n%s' "$out" "$err" | grep -m1 "exited with 3")" \
        || fail "stage dump02 does not name the exit code: $out $err"; }
run 0 "restore dump02" restore dump02 --target "$work/restored02" \
    && { [ ! -e "$work/restored02/dumps/broken.sql" ] \
        && ok "no part of the failed dump is restored" || fail "a part of the failed dump was stored"; }

# an unknown command name: one line naming it
job dump03 command:nope
run 3 "init --workload command:nope" "${args[@]}" \
    && { [ "$(printf '%s\n' "$err" | grep -c .)" -eq 1 ] && printf '%s' "$err" | grep -q "no command 'nope' is configured" \
        && ok "an unknown command is refused with one line: $err" || fail "command:nope: $err"; }

echo "plugin-install-test: $passed passed, $failed failed"
[ "$failed" -eq 0 ]
