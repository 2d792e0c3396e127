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
                   prepare-result.json (default /tmp/seedbench-prepare-bench)
  --capacity SIZE  each folder drive's capacity (default: sized so that the 3 drives hold the seed with 12% room)
  --clean          delete the dataset and the staging repository at the end too (by default they are kept, and
                   reused by the next run)
  --launcher FILE  the seedbench command to measure (default: the headless product built in this checkout)
EOF
}

here=$(cd "$(dirname "$0")" && pwd)
bench=prepare-bench
# shellcheck source=releng/bench/steps.sh
. "$here/steps.sh"
root=$(cd "$here/../.." && pwd)
product_dir=$root/releng/org.seedbench.repository/target/products/org.seedbench.headless/linux/gtk/x86_64/seedbench
launcher=$product_dir/bin/seedbench
size=3.2G
rounds=3
work=/tmp/seedbench-prepare-bench
capacity=
clean=false
seed=42
drives=3
job=bench



while [ $# -gt 0 ]; do
    case $1 in
        --size | --rounds | --work | --launcher | --capacity)
            [ $# -ge 2 ] || usage_error "$1 needs a value"
            case $1 in
                --size) size=$2 ;;
                --rounds) rounds=$2 ;;
                --work) work=$2 ;;
                --launcher) launcher=$2 ;;
                --capacity) capacity=$2 ;;
            esac
            shift 2
            ;;
        --clean) clean=true; shift ;;
        -h | --help) usage; exit 0 ;;
        *) usage_error "unknown argument '$1'" ;;
    esac
done
[[ $rounds =~ ^[1-9][0-9]*$ ]] || usage_error "--rounds takes a whole number of at least 1, not '$rounds'"
[ -n "$size" ] || usage_error "--size needs a value such as 3.2G or 200M"

unset SEEDBENCH_DATA
export SEEDBENCH_PASSPHRASE='benchmark passphrase 42'

# --- tools ----------------------------------------------------------------------------------------------------
need_packages time python3

if [ ! -x "$launcher" ]; then
    die "no headless product at $launcher;
run ./seedbench --help once in $root (it builds the product), then run this again"
fi
verbs=$("$launcher" --help 2>&1 < /dev/null || true)
for verb in generate-dataset init stage prepare-drives; do
    grep -qE "^[[:space:]]+$verb([[:space:]]|$)" <<< "$verbs" \
        || die "the product at $launcher has no '$verb' verb; it is older than the sources: run ./seedbench --help \
in $root to rebuild it"
done

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
commit=$(git -C "$root" rev-parse --short HEAD 2> /dev/null || echo unknown)
if [ "$commit" != unknown ] && [ -n "$(git -C "$root" status --porcelain 2> /dev/null)" ]; then
    commit="$commit (with local changes)"
fi
python3 "$here/prepare_report.py" report --results "$results" --json "$work/prepare-result.json" \
    --meta "seed_bytes=$seed_bytes" --meta "seed_files=$seed_files" --meta "size=$size" --meta "seed=$seed" \
    --meta "rounds=$rounds" --meta "drives=$drives" --meta "capacity=$capacity" \
    --meta "cores=$(nproc)" --meta "memory=$(awk '/^MemTotal/ {print $2 " kB"}' /proc/meminfo)" \
    --meta "kernel=$(uname -r)" --meta "filesystem=$(df -PT "$work" | awk 'NR == 2 {print $2}')" \
    --meta "load=$(cut -d' ' -f1-3 /proc/loadavg)" \
    --meta "seedbench_vmargs=${SEEDBENCH_VMARGS:-launcher default}" --meta "launcher=$launcher" \
    --meta "commit=$commit" --meta "date=$(date -u +%Y-%m-%dT%H:%M:%SZ)"

rm -rf "$runs"
if [ "$clean" = true ]; then
    rm -rf "$dataset" "$staged" "$stamp"
fi
echo
echo "prepare-bench: the table as JSON: $work/prepare-result.json; logs: $logs"
if [ "$clean" != true ]; then
    echo "prepare-bench: the dataset and staging repository stay in $work (the next run reuses them)"
fi
