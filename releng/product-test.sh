#!/usr/bin/env bash
# Checks the built headless product from the outside, as a user or a script would run it: exit codes, the one
# error line, JSON output, and that the product holds no UI bundle. Run by releng/test.sh after ./mvnw verify.
set -uo pipefail
root=$(cd "$(dirname "$0")/.." && pwd)
product=$root/releng/org.seedbench.repository/target/products/org.seedbench.headless/linux/gtk/x86_64/seedbench
sb=$product/bin/seedbench
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
export SEEDBENCH_DATA=$work/data
passed=0
failed=0

ok() { passed=$((passed + 1)); echo "ok   $*"; }
fail() { failed=$((failed + 1)); echo "FAIL $*"; }

# run EXPECTED_EXIT DESCRIPTION -- ARGS…: runs seedbench, keeps stdout/stderr in $out/$err
run() {
    local expect=$1 what=$2
    shift 3
    "$sb" "$@" > "$work/out" 2> "$work/err"
    local code=$?
    out=$(cat "$work/out")
    err=$(cat "$work/err")
    if [ "$code" -eq "$expect" ]; then
        return 0
    fi
    fail "$what: exit $code, expected $expect; stderr: $err"
    return 1
}

valid=(--name seed-fs01 --staging /tmp/stage --storage-account contosobackup --container seed
       --subscription 0f1e2d3c-4b5a-6978-8796-a5b4c3d2e1f0 --location westeurope)

run 0 "init" -- init "${valid[@]}" && ok "init seed-fs01 exits 0"
run 0 "jobs" -- jobs && { echo "$out" | grep -Eq '^seed-fs01 +Draft ' && ok "jobs lists seed-fs01 in Draft" || fail "jobs: $out"; }
run 0 "status --json" -- status seed-fs01 --json && {
    echo "$out" | python3 -c '
import json, sys
j = json.load(sys.stdin)
want = {"name": "seed-fs01", "state": "Draft", "stagingLocation": "/tmp/stage", "storageAccount": "contosobackup",
        "container": "seed", "subscriptionId": "0f1e2d3c-4b5a-6978-8796-a5b4c3d2e1f0", "location": "westeurope"}
bad = {k: j.get(k) for k, v in want.items() if j.get(k) != v}
sys.exit(1 if bad else 0)' && ok "status --json is valid JSON with the job's values" || fail "status --json: $out"; }

run 0 "jobs --json" -- jobs --json
before=$out
check_refused() {
    local what=$1 field=$2
    shift 2
    if run 3 "$what" -- "$@"; then
        local lines
        lines=$(printf '%s\n' "$err" | grep -c .)
        if [ "$lines" -eq 1 ] && printf '%s' "$err" | grep -q "$field"; then
            ok "$what: exit 3, one line naming $field: $err"
        else
            fail "$what: expected one line naming '$field', got: $err"
        fi
    fi
    "$sb" jobs --json > "$work/after" 2>/dev/null
    [ "$(cat "$work/after")" = "$before" ] || fail "$what: the catalog changed"
}
with() { # with OPTION VALUE: the valid arguments with one replaced
    local opt=$1 val=$2 i
    args=()
    for ((i = 0; i < ${#valid[@]}; i += 2)); do
        if [ "${valid[i]}" = "$opt" ]; then args+=("$opt" "$val"); else args+=("${valid[i]}" "${valid[i+1]}"); fi
    done
}
with --storage-account Contoso_Backup; check_refused "storage account Contoso_Backup" "storage account" init "${args[@]}"
with --container -seed; check_refused "container -seed" "container" init "${args[@]}"
with --container se--ed; check_refused "container se--ed" "container" init "${args[@]}"
with --subscription not-a-guid; check_refused "subscription not-a-guid" "subscription id" init "${args[@]}"
with --name 1x; check_refused "job name 1x" "import job name" init "${args[@]}"
without=(); for ((i = 0; i < ${#valid[@]}; i += 2)); do [ "${valid[i]}" = --staging ] || without+=("${valid[i]}" "${valid[i+1]}"); done
check_refused "no --staging" "staging location" init "${without[@]}"
check_refused "a second init seed-fs01" "import job name" init "${valid[@]}"

run 2 "unknown verb" -- frobnicate && { printf '%s' "$err" | grep -q "usage:" && ok "frobnicate exits 2 with a usage line" || fail "frobnicate: $err"; }
run 2 "missing argument" -- status && ok "status without a job exits 2"
run 0 "--help" -- --help && { echo "$out" | grep -q "init" && ok "--help lists the verbs" || fail "--help: $out"; }

# the command line on picocli: --version, help generated from the declarations, "did you mean", and the completion
# script and man page the build generated into the product
run 0 "--version" -- --version && { echo "$out" | grep -Eq '^seedbench [0-9]+\.[0-9]+\.[0-9]+' && ok "--version prints the version: $out" || fail "--version: $out"; }
run 0 "stage --help" -- stage --help && { echo "$out" | grep -q '^usage: seedbench stage ' && echo "$out" | grep -q -- '--passphrase-file=F' \
    && ok "stage --help is generated, with its options" || fail "stage --help: $out"; }
run 2 "stgae" -- stgae && { printf '%s' "$err" | grep -q '^Did you mean: seedbench stage' && ok "stgae exits 2 and suggests stage" || fail "stgae: $err"; }
run 2 "--passphrase-fil" -- stage seed-fs01 --passphrase-fil /dev/null && { printf '%s' "$err" | grep -q '^Did you mean: --passphrase-file' \
    && ok "a mistyped option exits 2 and suggests --passphrase-file" || fail "--passphrase-fil: $err"; }
complete_words() { # complete_words WORD…: what bash completes for the last word with the product's completion script
    bash -c 'source "$1" || exit 9; compopt() { :; }; shift; COMP_WORDS=("$@"); COMP_CWORD=$(($# - 1)); COMP_LINE="$*"; COMP_POINT=${#COMP_LINE}
        fn=$(complete -p seedbench | sed -E "s/.*-F ([^ ]+).*/\1/"); "$fn" seedbench "${COMP_WORDS[COMP_CWORD]}" "${COMP_WORDS[COMP_CWORD-1]}"
        printf "%s\n" "${COMPREPLY[@]}"' _ "$product/completion/seedbench.bash" "$@"
}
if [ -s "$product/completion/seedbench.bash" ]; then
    words=$(complete_words seedbench st)
    echo "$words" | grep -qx stage && echo "$words" | grep -qx status && ok "the completion script completes st to stage and status" || fail "completion of 'st': $words"
    words=$(complete_words seedbench stage --pa)
    echo "$words" | grep -qx -- --passphrase-file && ok "the completion script completes stage --pa to --passphrase-file" || fail "completion of 'stage --pa': $words"
else
    fail "the product has no completion/seedbench.bash"
fi
page=$product/man/man1/seedbench.1
head -n 1 "$page" 2>/dev/null | grep -q '^\.TH SEEDBENCH 1' && grep -q '^\.SS stage$' "$page" && ok "the product has the man page man/man1/seedbench.1" || fail "no man page at $page"

ui=$(ls "$product/plugins" | grep -E '^org\.eclipse\.(swt|jface|e4\.ui)' || true)
[ -z "$ui" ] && ok "the headless product holds no swt, jface or e4.ui bundle" || fail "UI bundles in the headless product: $ui"

# two commands at once on one data directory: both work
"$sb" jobs > "$work/p1" 2>&1 & p1=$!
"$sb" status seed-fs01 > "$work/p2" 2>&1 & p2=$!
wait $p1; c1=$?; wait $p2; c2=$?
[ $c1 -eq 0 ] && [ $c2 -eq 0 ] && ok "two commands at once on one data directory both succeed" \
    || fail "concurrent commands: $c1 $(cat "$work/p1") / $c2 $(cat "$work/p2")"

# class-data sharing: the build's archive is used in place, and an archive that does not fit is passed over in
# silence (moved installation, damaged or missing archive, another Java)
if [ -s "$product/configuration/seedbench.jsa" ] && [ -s "$product/configuration/seedbench.jsa.jvm" ]; then
    SEEDBENCH_VMARGS="-Xmx320m -Xlog:class+load:file=$work/classes" "$sb" jobs > /dev/null 2>&1
    shared=$(grep -c 'source: shared objects file (top)' "$work/classes" 2>/dev/null)
    [ "${shared:-0}" -gt 0 ] && ok "jobs loads $shared classes from the product's class-data sharing archive" \
        || fail "jobs loads no class from configuration/seedbench.jsa"
    grep -q 'com\.fasterxml\.jackson\.databind\.ObjectMapper ' "$work/classes" \
        && fail "jobs without --json makes Jackson's ObjectMapper" || ok "jobs without --json makes no Jackson ObjectMapper"
else
    fail "the product has no configuration/seedbench.jsa and seedbench.jsa.jvm"
fi
moved=$work/moved
cp -a "$product" "$moved"
version=$("$sb" --version 2>/dev/null)
starts() { # starts WHAT [ENV=VALUE…]: the moved product prints its version, and nothing else, with exit 0
    local what=$1 code quiet
    shift
    env "$@" "$moved/bin/seedbench" --version > "$work/out" 2> "$work/err"
    code=$?
    # on the build's Java nothing at all on stderr; another Java may warn of the framework's own calls, never of CDS
    if [ $# -eq 0 ]; then [ ! -s "$work/err" ]; else ! grep -Eqi 'cds|shared archive' "$work/err"; fi
    quiet=$?
    if [ "$code" -eq 0 ] && [ "$(cat "$work/out")" = "$version" ] && [ "$quiet" -eq 0 ]; then
        ok "$what: starts and prints only its version"
    else
        fail "$what: exit $code; stdout: $(cat "$work/out"); stderr: $(cat "$work/err")"
    fi
}
starts "an installation moved away from its archive's path"
rm -f "$moved/configuration/seedbench.jsa.jvm"; head -c 65536 /dev/urandom > "$moved/configuration/seedbench.jsa"
cat "$product/configuration/seedbench.jsa.jvm" > "$moved/configuration/seedbench.jsa.jvm"
starts "a damaged archive"
echo "0.0.0+0" > "$moved/configuration/seedbench.jsa.jvm"
starts "an archive of another Java"
rm -f "$moved/configuration/seedbench.jsa" "$moved/configuration/seedbench.jsa.jvm"
starts "no archive"
newer=$(ls -d /usr/lib/jvm/*/ 2>/dev/null | while read -r home; do
    v=$(sed -n 's/^JAVA_VERSION="\([0-9]*\).*/\1/p' "$home/release" 2>/dev/null)
    [ "${v:-0}" -ge 19 ] && echo "${home%/}" && break; done)
if [ -n "$newer" ]; then
    starts "Java $(sed -n 's/^JAVA_VERSION="\(.*\)"/\1/p' "$newer/release"), its first run" JAVA_HOME="$newer" XDG_CACHE_HOME="$work/cache"
    starts "Java $(sed -n 's/^JAVA_VERSION="\(.*\)"/\1/p' "$newer/release"), its next run" JAVA_HOME="$newer" XDG_CACHE_HOME="$work/cache"
    ls "$work/cache/seedbench/"classes-*.jsa > /dev/null 2>&1 && ok "Java 19 or later keeps an archive of its own in the user's cache" \
        || fail "no class-data sharing archive in $work/cache/seedbench after runs on $newer"
fi

# the README's main command, the demo, runs in releng/trip-test.sh with the whole trip and a grep for secrets

echo "product-test: $passed passed, $failed failed"
[ "$failed" -eq 0 ]
