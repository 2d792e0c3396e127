#!/usr/bin/env bash
# Benchmarks `seedbench prepare-drives` (encryption, MD5 and fsync on) of a staged seed onto three folder drives
# against `cp -r` of the same staging folder followed by `sync`, alternating, in one run.
# What it measures and how to read it: README.md beside this script. Not a timed test.
set -euo pipefail

usage() {
    cat <<'EOF'
usage: releng/bench/prepare-bench.sh [--size SIZE] [--rounds N] [--work DIR] [--capacity SIZE] [--clean]
                                     [--launcher FILE]
  --size SIZE      dataset size, as `seedbench generate-dataset --size` reads it (default 3.2G)
  --rounds N       rounds of prepare-drives onto 3 fresh folder drives and cp -r + sync, alternating (default 3)
  --work DIR       work folder for the dataset, the staging repository, drives, copies, logs and
                   bench-result.json (default /tmp/seedbench-prepare-bench)
  --capacity SIZE  each folder drive's capacity (default: sized so that the 3 drives hold the seed with 12% room)
  --clean          delete the dataset and the staging repository at the end too (by default they are kept, and
                   reused by the next run)
  --launcher FILE  the seedbench command to measure (default: the headless product built in this checkout)
EOF
}

here=$(cd "$(dirname "$0")" && pwd)
bench=prepare-bench
# shellcheck source=releng/bench/common.sh
. "$here/common.sh"
work=/tmp/seedbench-prepare-bench
capacity=
drives=3
job=bench



value_options="size rounds work launcher capacity"
bench_options "$@"

unset SEEDBENCH_DATA
export SEEDBENCH_PASSPHRASE='benchmark passphrase 42'

# --- tools ----------------------------------------------------------------------------------------------------
need_packages time python3

need_launcher generate-dataset init stage prepare-drives

# --- work folder ----------------------------------------------------------------------------------------------
mkdir -p "$work"
work=$(cd "$work" && pwd -P)
dataset=$work/dataset
staged=$work/staged
stamp=$work/staged.stamp
runs=$work/runs
logs=$work/logs
results=$logs/measurements.jsonl
rm -rf "$runs" "$logs"
mkdir -p "$runs" "$logs"

# record TOOL ROUND LABEL [--json-out FILE]: adds a timed step's figures to the results.
record() {
    python3 "$here/prepare_report.py" record --results "$results" --tool "$1" --round "$2" \
        --time-file "$logs/$3.time" --bytes "$seed_bytes" "${@:4}"
}

# The dataset, the data folder (catalog, keys) and the staging repository are made once and kept; a kept set is
# reused when it was made with the same size and seed by the same launcher (--clean makes the next run stage anew).
wanted="size=$size seed=$seed launcher=$launcher"
if [ -d "$staged" ] && [ -f "$stamp" ] && [ "$(cat "$stamp")" = "$wanted" ]; then
    echo "prepare-bench: reusing the staged seed in $staged ($wanted)"
else
    rm -rf "$dataset" "$staged" "$stamp"
    echo "prepare-bench: generating the dataset ($size, seed $seed) in $dataset"
    quietly generate "$launcher" generate-dataset "$dataset" --size "$size" --seed "$seed"
    echo "prepare-bench: staging it (seedbench stage, once) in $staged"
    quietly init "$launcher" init --data "$staged/data" --name "$job" --staging "$staged/staging" \
        --storage-account benchacct --container seed --subscription 00000000-0000-4000-8000-000000000001 \
        --location westeurope --workload "files:$dataset"
    quietly stage "$launcher" stage "$job" --data "$staged/data"
    echo "$wanted" > "$stamp"
fi
repo=$staged/staging/$job
[ -d "$repo" ] || die "no staging repository at $repo"
read -r seed_files seed_bytes < <(find "$repo" -type f -printf '%s\n' \
    | awk '{n++; s += $1} END {printf "%.0f %.0f\n", n, s}')
[ "$seed_bytes" -gt 0 ] || die "the staging repository $repo is empty"

# Three drives hold the seed: each a third of the packs, room for one more pack (packs are placed whole), the
# metadata (on every drive), and 5% for the encryption, the manifest and the file system. In whole MB (decimal,
# as drives are sold).
if [ -z "$capacity" ]; then
    meta_bytes=$(find "$repo" -path "$repo/packs" -prune -o -type f -printf '%s\n' | awk '{s += $1} END {printf "%.0f\n", s}')
    largest_pack=$(find "$repo/packs" -type f -printf '%s\n' | sort -n | tail -n 1)
    capacity="$((((seed_bytes - meta_bytes) / drives + ${largest_pack:-0} + meta_bytes) * 105 / 100 / 1000000 + 1))M"
fi

# A round holds three drives and a copy at once, each the seed's size.
available=$(df -P -B1 "$work" | awk 'NR == 2 {print $4}')
needed=$((seed_bytes * 2 + seed_bytes / 5))
[ "$available" -ge "$needed" ] \
    || die "$work has $((available / 1000000)) MB free; a round needs about $((needed / 1000000)) MB"

warm_up() {
    find "$repo" -type f -print0 | xargs -0 cat > /dev/null
}

echo "prepare-bench: seed of $seed_files files, $((seed_bytes / 1000000)) MB; $rounds rounds of prepare-drives onto" \
    "$drives folder drives of $capacity and cp -r + sync; logs in $logs"

# --- rounds ---------------------------------------------------------------------------------------------------
for ((n = 1; n <= rounds; n++)); do
    echo "== round $n of $rounds"
    round=$runs/round-$n
    mkdir -p "$round"
    # A fresh copy of the data folder as staging left it: the job is Staged, with no drives and no journals.
    cp -a "$staged/data" "$round/data"
    specs=()
    for ((d = 1; d <= drives; d++)); do
        specs+=(--drive "dir:$round/drives/d$d,capacity=$capacity,serial=$(printf 'SB-%02d%02d' "$n" "$d")")
    done
    warm_up
    timed "prepare-drives-$n" "$launcher" prepare-drives "$job" --data "$round/data" --yes-format --json "${specs[@]}"
    record seedbench "$n" "prepare-drives-$n" --json-out "$logs/prepare-drives-$n.out" --drives-folder "$round/drives"
    rm -rf "$round/drives"

    warm_up
    timed "cp-$n" cp -r "$repo" "$round/copy"
    record cp "$n" "cp-$n" --stored "$(du -sb "$round/copy" | cut -f1)"
    rm -rf "$round"
done

# --- the table, the JSON, the cleanup ---------------------------------------------------------------------------
machine_meta
build_meta
python3 "$here/prepare_report.py" report --results "$results" --json "$work/prepare-result.json" \
    --meta "seed_bytes=$seed_bytes" --meta "seed_files=$seed_files" --meta "size=$size" --meta "seed=$seed" \
    --meta "rounds=$rounds" --meta "drives=$drives" --meta "capacity=$capacity" \
    "${machine_meta[@]}" \
    --meta "load=$(cut -d' ' -f1-3 /proc/loadavg)" \
    "${build_meta[@]}"

# the same as bench-result.json, the name the staging benchmark's result has
cp "$work/prepare-result.json" "$work/bench-result.json"

rm -rf "$runs"
if [ "$clean" = true ]; then
    rm -rf "$dataset" "$staged" "$stamp"
fi
echo
echo "prepare-bench: the table as JSON: $work/bench-result.json (and prepare-result.json); logs: $logs"
if [ "$clean" != true ]; then
    echo "prepare-bench: the dataset and staging repository stay in $work (the next run reuses them)"
fi
