#!/usr/bin/env bash
# The test command: installs what the tests need when it is missing, then builds everything and runs every
# test bundle with ./mvnw verify under a virtual display, then checks the built headless product from the
# outside (releng/product-test.sh). Works on a fresh machine by itself.
set -euo pipefail
cd "$(dirname "$0")/.."

need=()
command -v xvfb-run >/dev/null 2>&1 || need+=(xvfb xauth)
[ -e /usr/lib/x86_64-linux-gnu/libgtk-3.so.0 ] || need+=(libgtk-3-0)
command -v npm >/dev/null 2>&1 || need+=(nodejs npm)
# the shared catalog's tests run against a real PostgreSQL server (releng/pg.sh; TLS certificates made by openssl)
[ -x /usr/lib/postgresql/15/bin/pg_ctl ] || need+=(postgresql)
command -v openssl >/dev/null 2>&1 || need+=(openssl)
if [ ${#need[@]} -gt 0 ]; then
    echo "test.sh: installing ${need[*]}"
    sudo_cmd=""
    [ "$(id -u)" -ne 0 ] && sudo_cmd="sudo"
    $sudo_cmd apt-get update -qq
    DEBIAN_FRONTEND=noninteractive $sudo_cmd apt-get install -y -qq "${need[@]}" >/dev/null
fi
# Azurite, which the Azure connector's tests start and stop themselves (pinned in releng/azurite/package-lock.json)
if [ ! -x releng/azurite/node_modules/.bin/azurite-blob ]; then
    echo "test.sh: installing Azurite"
    npm ci --prefix releng/azurite --no-audit --no-fund >/dev/null
fi

# The build runs on a JDK of Java 21 or later (build_jdk); the product tests below run the headless product on the
# default Java.
. releng/jdk.sh || exit 1
# A PostgreSQL server for the tests, on 127.0.0.1 in a temporary folder (SEEDBENCH_TEST_PG_URL, PGPASSFILE,
# SEEDBENCH_TEST_PG_CA); each test makes its own database in it. Stopped and removed when the tests end.
pg_dir=$(mktemp -d "${TMPDIR:-/tmp}/seedbench-pg.XXXXXX")
trap 'releng/pg.sh stop "$pg_dir" || true; rm -rf "$pg_dir"' EXIT
eval "$(releng/pg.sh start "$pg_dir")"
# The GTK accessibility bridge is not running under Xvfb; keep it quiet.
export NO_AT_BRIDGE=1
JAVA_HOME="$build_jdk" xvfb-run -a -s "-screen 0 1280x1024x24" ./mvnw -B verify "$@"
# the built product, from outside: both run, and either failing fails the tests
status=0
releng/product-test.sh || status=1
releng/crash-test.sh || status=1
releng/drive-test.sh || status=1
releng/trip-test.sh || status=1
releng/plugin-install-test.sh || status=1
releng/ops-test.sh || status=1
releng/safety-test.sh || status=1
releng/catalog-pg-test.sh || status=1
releng/copy-computers-test.sh || status=1
exit $status
