# Sourced by the benchmarks: how a step runs, is timed and fails. Expects $bench (the script's name, for
# messages), $logs (where each step's output and timing go), $runs (left for inspection when a step fails) and
# `usage` to be set by the script that sources it.

die() {
    echo "$bench: $*" >&2
    exit 1
}

usage_error() {
    echo "$bench: $*" >&2
    usage >&2
    exit 2
}

step_failed() {
    echo "$bench: '$1' failed; the end of its output (all of it in $logs/$1.*):" >&2
    tail -n 15 "$logs/$1.out" "$logs/$1.err" >&2 || true
    echo "$bench: $runs is left for inspection; the next run deletes it" >&2
    exit 1
}

# quietly LABEL COMMAND...: runs an untimed step, its output in the logs.
quietly() {
    local label=$1
    shift
    "$@" > "$logs/$label.out" 2> "$logs/$label.err" < /dev/null || step_failed "$label"
}

# timed LABEL COMMAND...: runs COMMAND and then sync under `/usr/bin/time -v` (wall clock, CPU, peak RSS), so that
# each step pays for getting its data to disk; a sync before it starts every step with no dirty pages of another.
timed() {
    local label=$1
    shift
    sync
    # shellcheck disable=SC2016 # "$@" is the inner shell's: COMMAND, then sync
    /usr/bin/time -v -o "$logs/$label.time" sh -c '"$@" && sync' "$label" "$@" \
        > "$logs/$label.out" 2> "$logs/$label.err" < /dev/null || step_failed "$label"
}
