#!/usr/bin/env bash
# Benchmarks `seedbench stage` against Debian's restic and borg and `cp -r` on one generated dataset, in one go:
# full rounds, then an incremental after changing 5% of the files, then a no-change rerun; with --files N, a scale
# run on a tree of N tiny files too. `seedbench verify --read-data` must find every staging repository clean.
# What it measures and how to read it: README.md beside this script. Not a timed test.
set -euo pipefail

usage() {
    cat <<'EOF'
usage: releng/bench/stage-bench.sh [--size SIZE] [--rounds N] [--files N [--files-only]] [--work DIR] [--clean]
                                   [--launcher FILE]
  --size SIZE      dataset size, as `seedbench generate-dataset --size` reads it (default 3.2G)
  --rounds N       full rounds of seedbench stage, restic backup, borg create and cp -r, alternating (default 3)
  --files N        also a scale run: seedbench stage, restic backup and borg create of a tree of N tiny files
                   (a whole number, or with k or M: 20k, 1M)
  --files-only     only the scale run of --files (no dataset of --size, no full rounds, no incremental)
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



value_options="size rounds work launcher files"
flag_options="files-only"
files=
files_only=false
command_line="releng/bench/stage-bench.sh${*:+ $*}"
bench_options "$@"
if [ -n "$files" ]; then
    if [[ $files =~ ^([1-9][0-9]*)[kK]$ ]]; then
        files=$((BASH_REMATCH[1] * 1000))
    elif [[ $files =~ ^([1-9][0-9]*)M$ ]]; then
        files=$((BASH_REMATCH[1] * 1000000))
    fi
    [[ $files =~ ^[1-9][0-9]*$ ]] || usage_error "--files takes a number such as 20000, 20k or 1M, not '$files'"
elif [ "$files_only" = true ]; then
    usage_error "--files-only needs --files N"
fi

# Each tool with its own defaults and nothing from the caller's environment that would change them.
unset RESTIC_REPOSITORY RESTIC_REPOSITORY_FILE RESTIC_PASSWORD_FILE RESTIC_PASSWORD_COMMAND RESTIC_KEY_HINT \
    RESTIC_CACHE_DIR RESTIC_COMPRESSION RESTIC_PACK_SIZE SEEDBENCH_DATA \
    BORG_REPO BORG_PASSCOMMAND BORG_PASSPHRASE_FD BORG_KEY_FILE BORG_KEYS_DIR BORG_SECURITY_DIR BORG_CACHE_DIR \
    BORG_CONFIG_DIR BORG_FILES_CACHE_SUFFIX BORG_FILES_CACHE_TTL BORG_RSH BORG_REMOTE_PATH
export SEEDBENCH_PASSPHRASE='benchmark passphrase 42'
export RESTIC_PASSWORD='benchmark passphrase 42'
export BORG_PASSPHRASE='benchmark passphrase 42'

# --- tools ----------------------------------------------------------------------------------------------------
need_packages restic borgbackup time python3

need_launcher generate-dataset init stage verify

# --- work folder ----------------------------------------------------------------------------------------------
mkdir -p "$work"
work=$(cd "$work" && pwd -P)
dataset=$work/dataset
stamp=$work/dataset.stamp
runs=$work/runs
logs=$work/logs
cache=$work/restic-cache
results=$logs/measurements.jsonl
verified=$logs/verify.jsonl
rm -rf "$runs" "$logs" "$cache"
mkdir -p "$runs" "$logs"
touch "$results" "$verified"

# record TOOL PHASE ROUND LABEL [--stored BYTES [--before BYTES]]: adds a timed step's figures to the results.
record() {
    python3 "$here/bench_report.py" record --results "$results" --tool "$1" --phase "$2" --round "$3" \
        --time-file "$logs/$4.time" "${@:5}"
}

stored() {
    du -sb "$1" | cut -f1
}

warm_up() {
    find "$1" -type f -print0 | xargs -0 cat > /dev/null
}

# seedbench_init LABEL JOB ROUND_DIR DATASET: a new job staging DATASET, its data folder and staging folder in ROUND_DIR.
seedbench_init() {
    quietly "$1" "$launcher" init --data "$3/seedbench-data" --name "$2" --staging "$3/staging" \
        --storage-account benchacct --container seed --subscription 00000000-0000-4000-8000-000000000001 \
        --location westeurope --workload "files:$4"
}

# verify_clean LABEL JOB ROUND_DIR: `seedbench verify JOB --read-data` of the job's staging repository (not timed);
# the run fails unless it exits 0 and reports the repository clean.
verify_clean() {
    quietly "$1" "$launcher" verify "$2" --data "$3/seedbench-data" --read-data --json
    python3 "$here/bench_report.py" verified --results "$verified" --label "$1" --output "$logs/$1.out" \
        || step_failed "$1"
}

# borg_env ROUND_DIR: borg's keys, cache and security folder in ROUND_DIR/borg-base, so that no run shares them.
borg_env() {
    export BORG_BASE_DIR=$1/borg-base
}

# A kept dataset is reused when it was generated with the same size and seed by the same product, and not mutated.
product=$({ echo "$launcher"; ls "$(dirname "$launcher")/../plugins" 2> /dev/null || true; } | sha256sum | cut -c1-16)
wanted="size=$size seed=$seed product=$product"
# count_files DIR: prints the number of files below DIR and the sum of their sizes.
count_files() {
    find "$1" -type f -printf '%s\n' | awk '{n++; s += $1} END {printf "%.0f %.0f\n", n, s}'
}

# A round holds a staging repository, a restic repository, a borg repository and a copy at once; each at most the
# dataset's size.
need_space() {
    local available
    available=$(df -P -B1 "$work" | awk 'NR == 2 {print $4}')
    [ "$available" -ge "$1" ] \
        || die "$work has $((available / 1000000)) MB free; the rounds need about $(($1 / 1000000)) MB"
}

dataset_files=0
dataset_bytes=0
if [ "$files_only" = true ]; then
    :
elif [ -d "$dataset" ] && [ -f "$stamp" ] && [ "$(cat "$stamp")" = "$wanted" ]; then
    echo "stage-bench: reusing the dataset in $dataset ($wanted)"
else
    rm -rf "$dataset" "$stamp"
    echo "stage-bench: generating the dataset ($size, seed $seed) in $dataset"
    quietly generate "$launcher" generate-dataset "$dataset" --size "$size" --seed "$seed"
    echo "$wanted" > "$stamp"
fi

restic_repo_version=
# restic_version_of REPO: the repository format of a restic repository (once, for the report).
restic_version_of() {
    if [ -z "$restic_repo_version" ]; then
        restic_repo_version=$(restic --repo "$1" --cache-dir "$cache" cat config < /dev/null \
            | python3 -c 'import json, sys; print(json.load(sys.stdin)["version"])')
    fi
}

# three_tools PHASE ROUND SUFFIX ROUND_DIR JOB DATASET: one timed step each of seedbench stage, restic backup and
# borg create of DATASET into ROUND_DIR's repositories (created by the caller); for the incremental and no-change
# phases, what each repository grew by.
three_tools() {
    local phase=$1 n=$2 suffix=$3 round=$4 job=$5 data=$6 before=()
    [ "$phase" = full ] || [ "$phase" = files ] || before=(--before "$(stored "$round/staging")")
    timed "seedbench-stage-$suffix" "$launcher" stage "$job" --data "$round/seedbench-data"
    record seedbench "$phase" "$n" "seedbench-stage-$suffix" --stored "$(stored "$round/staging")" "${before[@]}"

    [ "${#before[@]}" -eq 0 ] || before=(--before "$(stored "$round/restic")")
    timed "restic-backup-$suffix" restic --repo "$round/restic" --cache-dir "$cache" backup "$data"
    record restic "$phase" "$n" "restic-backup-$suffix" --stored "$(stored "$round/restic")" "${before[@]}"
    restic_version_of "$round/restic"

    [ "${#before[@]}" -eq 0 ] || before=(--before "$(stored "$round/borg")")
    borg_env "$round"
    timed "borg-create-$suffix" borg create --compression lz4 "$round/borg::$phase-$n" "$data"
    record borg "$phase" "$n" "borg-create-$suffix" --stored "$(stored "$round/borg")" "${before[@]}"
}

# new_repositories LABEL ROUND_DIR JOB DATASET: a new seedbench job, restic repository and borg repository (with
# a fresh cache each), not timed.
new_repositories() {
    seedbench_init "seedbench-init-$1" "$3" "$2" "$4"
    quietly "restic-init-$1" restic --repo "$2/restic" --cache-dir "$cache" init
    borg_env "$2"
    quietly "borg-init-$1" borg init --encryption repokey "$2/borg"
}

if [ "$files_only" != true ]; then
    read -r dataset_files dataset_bytes < <(count_files "$dataset")
    [ "$dataset_bytes" -gt 0 ] || die "the dataset in $dataset is empty"
    need_space $((dataset_bytes * 4 + dataset_bytes / 5))
    echo "stage-bench: $dataset_files files, $((dataset_bytes / 1000000)) MB; rounds: $rounds of seedbench stage," \
        "restic backup, borg create and cp -r; logs in $logs"

    # --- full rounds ------------------------------------------------------------------------------------------
    for ((n = 1; n <= rounds; n++)); do
        echo "== round $n of $rounds"
        warm_up "$dataset"
        round=$runs/round-$n
        new_repositories "$n" "$round" "bench-$n" "$dataset"
        three_tools full "$n" "$n" "$round" "bench-$n" "$dataset"

        timed "cp-$n" cp -r "$dataset" "$round/copy"
        record cp full "$n" "cp-$n" --stored "$(stored "$round/copy")"
        rm -rf "$round/copy"
        verify_clean "seedbench-verify-$n" "bench-$n" "$round"
        if [ "$n" -lt "$rounds" ]; then
            rm -rf "$round"
        fi
    done

    # --- incremental and no-change, on the last round's repositories (and caches) -------------------------------
    last=$runs/round-$rounds
    echo "== incremental: changing $mutate_fraction of the files (seed $mutate_seed)"
    rm -f "$stamp"
    quietly mutate "$launcher" generate-dataset "$dataset" --mutate "$mutate_fraction" --seed "$mutate_seed"
    warm_up "$dataset"
    for phase in incremental no-change; do
        [ "$phase" = incremental ] || echo "== no change: all three again"
        three_tools "$phase" 1 "$phase" "$last" "bench-$rounds" "$dataset"
        verify_clean "seedbench-verify-$phase" "bench-$rounds" "$last"
    done
    rm -rf "$runs"/round-*
fi

# --- the scale run: a tree of many tiny files -------------------------------------------------------------------
files_dataset=$work/files-dataset
files_stamp=$work/files-dataset.stamp
files_bytes=0
if [ -n "$files" ]; then
    files_wanted="files=$files seed=$seed product=$product"
    if [ -d "$files_dataset" ] && [ -f "$files_stamp" ] && [ "$(cat "$files_stamp")" = "$files_wanted" ]; then
        echo "stage-bench: reusing the tree of tiny files in $files_dataset ($files_wanted)"
    else
        rm -rf "$files_dataset" "$files_stamp"
        echo "stage-bench: generating $files tiny files (seed $seed) in $files_dataset"
        quietly generate-files "$launcher" generate-dataset "$files_dataset" --files "$files" --seed "$seed"
        echo "$files_wanted" > "$files_stamp"
    fi
    read -r files_count files_bytes < <(count_files "$files_dataset")
    [ "$files_count" -eq "$files" ] || die "$files_dataset holds $files_count files, not $files"
    need_space $((files_count * 4096 + files_bytes * 3))
    echo "== scale run: $files_count files, $((files_bytes / 1000000)) MB; seedbench stage, restic backup, borg create"
    warm_up "$files_dataset"
    round=$runs/files
    new_repositories files "$round" files "$files_dataset"
    three_tools files 1 files "$round" files "$files_dataset"
    verify_clean seedbench-verify-files files "$round"
fi

# --- the table, the JSON, the cleanup ---------------------------------------------------------------------------
machine_meta
build_meta
size_meta=()
if [ "$files_only" != true ]; then
    size_meta=(--meta "dataset_bytes=$dataset_bytes" --meta "dataset_files=$dataset_files" --meta "size=$size"
        --meta "rounds=$rounds" --meta "mutate=$mutate_fraction" --meta "mutate_seed=$mutate_seed")
fi
files_meta=()
if [ -n "$files" ]; then
    files_meta=(--meta "files_count=$files" --meta "files_bytes=$files_bytes")
fi
python3 "$here/bench_report.py" report --results "$results" --verified "$verified" \
    --json "$work/bench-result.json" "${size_meta[@]}" "${files_meta[@]}" --meta "seed=$seed" \
    "${machine_meta[@]}" \
    --meta "restic_version=$(restic version < /dev/null | cut -d' ' -f1-2)" \
    --meta "restic_repository_version=$restic_repo_version" \
    --meta "restic_flags=--repo REPO --cache-dir $cache backup DATASET (defaults otherwise: compression auto)" \
    --meta "borg_version=$(borg --version < /dev/null)" \
    --meta "borg_flags=init --encryption repokey REPO; create --compression lz4 REPO::NAME DATASET (defaults \
otherwise); BORG_BASE_DIR in the round's folder: a fresh cache each full round, the last round's kept for the \
incremental and no-change runs" \
    --meta "command=$command_line" --meta "load=$(cut -d' ' -f1-3 /proc/loadavg)" \
    "${build_meta[@]}"

rm -rf "$runs" "$cache"
if [ "$clean" = true ]; then
    rm -rf "$dataset" "$stamp" "$files_dataset" "$files_stamp"
fi
echo
echo "stage-bench: the table as JSON: $work/bench-result.json; logs: $logs"
if [ "$clean" != true ] && [ "$files_only" != true ]; then
    echo "stage-bench: the dataset stays in $dataset (changed by the incremental round; the next run regenerates it)"
fi
