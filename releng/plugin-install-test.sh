#!/usr/bin/env bash
# Installs a plugin from the built update site into a copy of the built headless product, as an admin would, with
# the product's own verb (seedbench plugins, p2 inside the product; no Maven), and uses it: the command-output
# workload (org.seedbench.workload.command.feature), which the product does not hold by default. The unsigned
# content of the site is refused until --accept-unsigned says yes; then `seedbench plugins list` and `seedbench
# workloads` list it, a dump command's output is staged and restored byte for byte, a failing command fails its
# item with its exit code and stores nothing of it; `plugins update` finds nothing newer, a feature of the product
# cannot be removed, the plugin can, and afterwards the product is as before. Run by releng/test.sh after ./mvnw
# verify.
set -uo pipefail
root=$(cd "$(dirname "$0")/.." && pwd)
built=$root/releng/org.seedbench.repository/target/products/org.seedbench.headless/linux/gtk/x86_64/seedbench
site=$root/releng/org.seedbench.repository/target/repository
feature=org.seedbench.workload.command.feature
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

# plugin_files: whether the product's plugins folder holds a jar of the command workload (a glob: `ls | grep -q`
# under pipefail fails when grep's early exit cuts ls off with SIGPIPE)
plugin_files() {
    compgen -G "$product/plugins/org.seedbench.workload.command_*" > /dev/null
}

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
plugin_files \
    && fail "the headless product holds the command workload before it is installed" \
    || ok "the built headless product does not hold the command workload"
job seed-before command:shop
run 3 "init --workload command:shop before the install" "${args[@]}" \
    && { printf '%s' "$err" | grep -q "no workload source 'command' is installed" \
        && ok "before the install, init --workload command:shop is refused (exit 3): $err" \
        || fail "before the install: $err"; }

# install the feature from the update site with the product's own verb, into the product's own p2 profile
run 0 "plugins list before the install" plugins list \
    && { printf '%s\n' "$out" | grep -qE '^org\.seedbench\.headless\.feature +[^ ]+ +product ' \
            && ! printf '%s\n' "$out" | grep -q '^org\.seedbench\.workload\.command\.feature ' \
        && ok "seedbench plugins list shows the product's features and not the command workload" \
        || fail "plugins list before the install: $out"; }
run 4 "plugins install of unsigned content without --accept-unsigned" plugins install "$feature" --site "$site" \
    && { printf '%s' "$err" | grep -q "unsigned: .*org\.seedbench\.workload\.command " \
            && printf '%s' "$err" | grep -q -- "--accept-unsigned" \
            && ! plugin_files \
        && ok "the site's unsigned content is refused until accepted (exit 4), nothing installed: $err" \
        || fail "unsigned refusal: $err"; }
start=$(date +%s)
if run 0 "plugins install --accept-unsigned" plugins install "$feature" --site "$site" --accept-unsigned; then
    printf '%s\n' "$out" | grep -q "^Installed org\.seedbench\.workload\.command\.feature " \
        && printf '%s\n' "$out" | grep -q "restart" \
        && ok "seedbench plugins install installed $feature ($(( $(date +%s) - start )) s) and says a restart is needed: $(printf '%s' "$out" | tr '\n' ' ')" \
        || fail "plugins install printed: $out"
else
    echo "plugin-install-test: $passed passed, $failed failed"
    exit 1
fi
plugin_files \
    && grep -q 'org\.seedbench\.workload\.command_[^,]*\.jar' "$product/configuration/config.ini" \
    && ok "the plugin is in the product's plugins and in its configuration (config.ini osgi.bundles)" \
    || fail "the plugin is not in the product after the install"
run 0 "plugins list after the install" plugins list \
    && { line=$(printf '%s\n' "$out" | grep -E '^org\.seedbench\.workload\.command\.feature +[^ ]+ +plugin ' || true)
         [ -n "$line" ] && ok "seedbench plugins list shows the installed plugin: $line" \
            || fail "plugins list does not show the plugin: $out"; }

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

# update: the site holds nothing newer
run 0 "plugins update" plugins update --site "$site" \
    && { printf '%s' "$out" | grep -q "^Nothing to update" && ok "plugins update --site finds nothing newer: $out" \
        || fail "plugins update: $out"; }
run 0 "plugins update FEATURE" plugins update "$feature" --site "$site" \
    && { printf '%s' "$out" | grep -q "^Nothing to update" && ok "plugins update $feature finds nothing newer" \
        || fail "plugins update $feature: $out"; }

# remove: a feature of the product stays; the plugin goes, and the product is as before
run 3 "plugins remove of a product feature" plugins remove org.seedbench.headless.feature \
    && { printf '%s' "$err" | grep -q "is part of the product" \
        && ok "a feature of the product is not removed (exit 3): $err" || fail "plugins remove product: $err"; }
run 0 "plugins remove" plugins remove "$feature" \
    && { printf '%s\n' "$out" | grep -q "^Removed org\.seedbench\.workload\.command\.feature " \
        && ok "seedbench plugins remove removed it: $(printf '%s' "$out" | tr '\n' ' ')" || fail "plugins remove: $out"; }
! grep -q 'org\.seedbench\.workload\.command_[^,]*\.jar' "$product/configuration/config.ini" \
    && ok "the plugin is no longer in the product's configuration (config.ini osgi.bundles)" \
    || fail "config.ini still lists the plugin after the removal"
run 0 "plugins list after the removal" plugins list \
    && { ! printf '%s\n' "$out" | grep -q '^org\.seedbench\.workload\.command\.feature ' \
            && printf '%s\n' "$out" | grep -qE '^org\.seedbench\.headless\.feature ' \
        && ok "seedbench plugins list no longer shows the plugin, the product's features are there" \
        || fail "plugins list after the removal: $out"; }
run 0 "seedbench workloads after the removal" workloads \
    && { ! printf '%s\n' "$out" | grep -qE '^ *command ' && ok "seedbench workloads no longer lists command" \
        || fail "workloads after the removal: $out"; }
job seed-after command:shop
run 3 "init --workload command:shop after the removal" "${args[@]}" \
    && ok "after the removal, init --workload command:shop is refused again (exit 3)"

echo "plugin-install-test: $passed passed, $failed failed"
[ "$failed" -eq 0 ]
