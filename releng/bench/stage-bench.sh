#!/usr/bin/env bash
# Benchmarks `seedbench stage` against Debian's restic and `cp -r` on one generated dataset, in one go:
# full rounds, then an incremental after changing 5% of the files, then a no-change rerun.
# What it measures and how to read it: README.md beside this script. Not a timed test.
set -euo pipefail

usage() {
    cat <<'EOF'
usage: releng/bench/stage-bench.sh [--size SIZE] [--rounds N] [--work DIR] [--clean] [--launcher FILE]
  --size SIZE      dataset size, as `seedbench generate-dataset --size` reads it (default 3.2G)
  --rounds N       full rounds of seedbench stage, restic backup and cp -r, alternating (default 3)
  --work DIR       work folder for the dataset, repositories, copies, logs and bench-result.json
                   (default /tmp/seedbench-bench)
  --clean          delete the dataset at the end too (by default it is kept, and reused by the next run)
  --launcher FILE  the seedbench command to measure (default: the headless product built in this checkout)
EOF
}

here=$(cd "$(dirname "$0")" && pwd)
bench=stage-bench
# shellcheck source=releng/bench/common.sh
. "$here/common.sh"
work=/tmp/seedbench-bench
mutate_fraction=0.05
mutate_seed=7



value_options="size rounds work launcher"
bench_options "$@"

# Each tool with its own defaults and nothing from the caller's environment that would change them.
unset RESTIC_REPOSITORY RESTIC_REPOSITORY_FILE RESTIC_PASSWORD_FILE RESTIC_PASSWORD_COMMAND RESTIC_KEY_HINT \
    RESTIC_CACHE_DIR RESTIC_COMPRESSION RESTIC_PACK_SIZE SEEDBENCH_DATA
export SEEDBENCH_PASSPHRASE='benchmark passphrase 42'
export RESTIC_PASSWORD='benchmark passphrase 42'

# --- tools ----------------------------------------------------------------------------------------------------
need_packages restic time python3

need_launcher generate-dataset init stage

# --- work folder ----------------------------------------------------------------------------------------------
mkdir -p "$work"
work=$(cd "$work" && pwd -P)
dataset=$work/dataset
stamp=$work/dataset.stamp
runs=$work/runs
logs=$work/logs
cache=$work/restic-cache
results=$logs/measurements.jsonl
rm -rf "$runs" "$logs" "$cache"
mkdir -p "$runs" "$logs"

# record TOOL PHASE ROUND LABEL [--stored BYTES [--before BYTES]]: adds a timed step's figures to the results.
record() {
    python3 "$here/bench_report.py" record --results "$results" --tool "$1" --phase "$2" --round "$3" \
        --time-file "$logs/$4.time" "${@:5}"
}

stored() {
    du -sb "$1" | cut -f1
}

warm_up() {
    find "$dataset" -type f -print0 | xargs -0 cat > /dev/null
}

# A kept dataset is reused when it was generated with the same size and seed by the same product, and not mutated.
product=$({ echo "$launcher"; ls "$(dirname "$launcher")/../plugins" 2> /dev/null || true; } | sha256sum | cut -c1-16)
wanted="size=$size seed=$seed product=$product"
if [ -d "$dataset" ] && [ -f "$stamp" ] && [ "$(cat "$stamp")" = "$wanted" ]; then
    echo "stage-bench: reusing the dataset in $dataset ($wanted)"
else
    rm -rf "$dataset" "$stamp"
    echo "stage-bench: generating the dataset ($size, seed $seed) in $dataset"
    quietly generate "$launcher" generate-dataset "$dataset" --size "$size" --seed "$seed"
    echo "$wanted" > "$stamp"
fi
read -r dataset_files dataset_bytes < <(find "$dataset" -type f -printf '%s\n' \
    | awk '{n++; s += $1} END {printf "%.0f %.0f\n", n, s}')
[ "$dataset_bytes" -gt 0 ] || die "the dataset in $dataset is empty"

# A round holds a staging repository, a restic repository and a copy at once; each at most the dataset's size.
available=$(df -P -B1 "$work" | awk 'NR == 2 {print $4}')
needed=$((dataset_bytes * 3 + dataset_bytes / 5))
[ "$available" -ge "$needed" ] \
    || die "$work has $((available / 1000000)) MB free; the rounds need about $((needed / 1000000)) MB"

echo "stage-bench: $dataset_files files, $((dataset_bytes / 1000000)) MB; rounds: $rounds of seedbench stage," \
    "restic backup and cp -r; logs in $logs"

# --- full rounds ----------------------------------------------------------------------------------------------
restic_repo_version=
for ((n = 1; n <= rounds; n++)); do
    echo "== round $n of $rounds"
    warm_up
    round=$runs/round-$n

    quietly "seedbench-init-$n" "$launcher" init --data "$round/seedbench-data" --name "bench-$n" \
        --staging "$round/staging" --storage-account benchacct --container seed \
        --subscription 00000000-0000-4000-8000-000000000001 --location westeurope --workload "files:$dataset"
    timed "seedbench-stage-$n" "$launcher" stage "bench-$n" --data "$round/seedbench-data"
    record seedbench full "$n" "seedbench-stage-$n" --stored "$(stored "$round/staging")"

    quietly "restic-init-$n" restic --repo "$round/restic" --cache-dir "$cache" init
    timed "restic-backup-$n" restic --repo "$round/restic" --cache-dir "$cache" backup "$dataset"
    record restic full "$n" "restic-backup-$n" --stored "$(stored "$round/restic")"
    if [ -z "$restic_repo_version" ]; then
        restic_repo_version=$(restic --repo "$round/restic" --cache-dir "$cache" cat config < /dev/null \
            | python3 -c 'import json, sys; print(json.load(sys.stdin)["version"])')
    fi

    timed "cp-$n" cp -r "$dataset" "$round/copy"
    record cp full "$n" "cp-$n" --stored "$(stored "$round/copy")"
    rm -rf "$round/copy"
    if [ "$n" -lt "$rounds" ]; then
        rm -rf "$round"
    fi
done

# --- incremental and no-change, on the last round's repositories ------------------------------------------------
last=$runs/round-$rounds
job=bench-$rounds
echo "== incremental: changing $mutate_fraction of the files (seed $mutate_seed)"
rm -f "$stamp"
quietly mutate "$launcher" generate-dataset "$dataset" --mutate "$mutate_fraction" --seed "$mutate_seed"
warm_up
for phase in incremental no-change; do
    [ "$phase" = incremental ] || echo "== no change: both again"
    before=$(stored "$last/staging")
    timed "seedbench-stage-$phase" "$launcher" stage "$job" --data "$last/seedbench-data"
    record seedbench "$phase" 1 "seedbench-stage-$phase" --stored "$(stored "$last/staging")" --before "$before"
    before=$(stored "$last/restic")
    timed "restic-backup-$phase" restic --repo "$last/restic" --cache-dir "$cache" backup "$dataset"
    record restic "$phase" 1 "restic-backup-$phase" --stored "$(stored "$last/restic")" --before "$before"
done

# --- the table, the JSON, the cleanup ---------------------------------------------------------------------------
machine_meta
build_meta
python3 "$here/bench_report.py" report --results "$results" --json "$work/bench-result.json" \
    --meta "dataset_bytes=$dataset_bytes" --meta "dataset_files=$dataset_files" --meta "size=$size" \
    --meta "seed=$seed" --meta "rounds=$rounds" --meta "mutate=$mutate_fraction" --meta "mutate_seed=$mutate_seed" \
    "${machine_meta[@]}" \
    --meta "restic_version=$(restic version < /dev/null | cut -d' ' -f1-2)" \
    --meta "restic_repository_version=$restic_repo_version" \
    --meta "restic_flags=--repo REPO --cache-dir $cache backup DATASET (defaults otherwise: compression auto)" \
    "${build_meta[@]}"

rm -rf "$runs" "$cache"
if [ "$clean" = true ]; then
    rm -rf "$dataset" "$stamp"
fi
echo
echo "stage-bench: the table as JSON: $work/bench-result.json; logs: $logs"
if [ "$clean" != true ]; then
    echo "stage-bench: the dataset stays in $dataset (changed by the incremental round; the next run regenerates it)"
fi
