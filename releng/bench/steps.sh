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

# need_packages PACKAGE…: installs from Debian's packages those of restic, borgbackup (the borg command), time (GNU
# time) and python3 that are missing (with sudo when not root).
need_packages() {
    local missing=() p
    for p in "$@"; do
        case $p in
            time) [ -x /usr/bin/time ] || missing+=(time) ;;
            borgbackup) command -v borg > /dev/null || missing+=(borgbackup) ;;
            *) command -v "$p" > /dev/null || missing+=("$p") ;;
        esac
    done
    [ ${#missing[@]} -gt 0 ] || return 0
    local as_root=()
    if [ "$(id -u)" -ne 0 ]; then
        command -v sudo > /dev/null || die "needs ${missing[*]} (Debian packages); install them as root, then rerun"
        as_root=(sudo)
    fi
    echo "$bench: installing ${missing[*]} from Debian's packages"
    local apt_log
    apt_log=$(mktemp "${TMPDIR:-/tmp}/$bench-apt.XXXXXX")
    if ! { "${as_root[@]}" apt-get update -qq && DEBIAN_FRONTEND=noninteractive "${as_root[@]}" apt-get install -y -qq \
        "${missing[@]}"; } > "$apt_log" 2>&1; then
        tail -n 20 "$apt_log" >&2
        die "could not install ${missing[*]} (the whole log: $apt_log)"
    fi
    rm -f "$apt_log"
}
