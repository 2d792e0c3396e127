# Sourced by the benchmarks: what both read from their command line, check of the product they measure, and tell
# the report about the machine and the build, with the defaults they share; steps.sh with it. Expects $here (the
# scripts' folder), $bench and `usage` to be set by the script that sources it.

# shellcheck source=releng/bench/steps.sh
. "$here/steps.sh"

root=$(cd "$here/../.." && pwd)
# the defaults both benchmarks share
launcher=$root/releng/org.seedbench.repository/target/products/org.seedbench.headless/linux/gtk/x86_64/seedbench/bin/seedbench
size=3.2G
rounds=3
clean=false
seed=42

# bench_options ARG...: reads the command line. Each option named in $value_options (without its dashes, e.g.
# "size rounds work launcher") takes a value, which goes into the variable of that name (dashes as underscores);
# each named in $flag_options (optional, e.g. "files-only") takes none and sets its variable to true; --clean sets
# clean=true; -h/--help prints the usage. Then checks --rounds and --size.
bench_options() {
    local name
    while [ $# -gt 0 ]; do
        case $1 in
            --clean) clean=true; shift ;;
            -h | --help) usage; exit 0 ;;
            --?*)
                name=${1#--}
                if [[ " ${flag_options:-} " == *" $name "* ]]; then
                    printf -v "${name//-/_}" '%s' true
                    shift
                    continue
                fi
                [[ " $value_options " == *" $name "* ]] || usage_error "unknown argument '$1'"
                [ $# -ge 2 ] || usage_error "$1 needs a value"
                printf -v "${name//-/_}" '%s' "$2"
                shift 2
                ;;
            *) usage_error "unknown argument '$1'" ;;
        esac
    done
    [[ $rounds =~ ^[1-9][0-9]*$ ]] || usage_error "--rounds takes a whole number of at least 1, not '$rounds'"
    [ -n "$size" ] || usage_error "--size needs a value such as 3.2G or 200M"
}

# need_launcher VERB...: dies unless $launcher is a built product that has each VERB.
need_launcher() {
    if [ ! -x "$launcher" ]; then
        die "no headless product at $launcher;
run ./seedbench --help once in $root (it builds the product), then run this again"
    fi
    local verbs verb
    verbs=$("$launcher" --help 2>&1 < /dev/null || true)
    for verb in "$@"; do
        grep -qE "^[[:space:]]+$verb([[:space:]]|$)" <<< "$verbs" \
            || die "the product at $launcher has no '$verb' verb; it is older than the sources: run ./seedbench --help \
in $root to rebuild it"
    done
}

# machine_meta: the report's --meta arguments about this machine (cores, memory, kernel, the work folder's file
# system), into the array machine_meta.
machine_meta() {
    machine_meta=(--meta "cores=$(nproc)" --meta "memory=$(awk '/^MemTotal/ {print $2 " kB"}' /proc/meminfo)"
        --meta "kernel=$(uname -r)" --meta "filesystem=$(df -PT "$work" | awk 'NR == 2 {print $2}')")
}

# build_meta: the report's --meta arguments about what was measured (the product's VM arguments, the launcher,
# the checkout's commit) and when, into the array build_meta.
build_meta() {
    local commit
    commit=$(git -C "$root" rev-parse --short HEAD 2> /dev/null || echo unknown)
    if [ "$commit" != unknown ] && [ -n "$(git -C "$root" status --porcelain 2> /dev/null)" ]; then
        commit="$commit (with local changes)"
    fi
    build_meta=(--meta "seedbench_vmargs=${SEEDBENCH_VMARGS:-launcher default}" --meta "launcher=$launcher"
        --meta "commit=$commit" --meta "date=$(date -u +%Y-%m-%dT%H:%M:%SZ)")
}
