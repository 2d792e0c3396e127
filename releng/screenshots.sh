#!/usr/bin/env bash
# Takes the README's gallery on this build: runs the workbench's ScreenshotsTest (jobs in every state, every view the
# model has, About and Preferences, at 1600x1000) under Xvfb with a 1600x1000 screen on a fresh data directory, and
# copies its PNGs (bundles/org.seedbench.ui.tests/target/screenshots/gallery/*.png) to docs/screenshots/.
# Without --run it copies what the last test run took. Offline Maven (-o) unless SEEDBENCH_ONLINE=1.
set -euo pipefail
root=$(cd "$(dirname "$0")/.." && pwd)
target=$root/bundles/org.seedbench.ui.tests/target
gallery=$target/screenshots/gallery
if [ "${1:-}" = "--run" ]; then
    rm -rf "$target/data" "$gallery"
    offline=-o
    [ "${SEEDBENCH_ONLINE:-}" = "1" ] && offline=
    (cd "$root" && xvfb-run -a -s "-screen 0 1600x1000x24" ./mvnw -B $offline -q verify \
        -pl bundles/org.seedbench.ui,bundles/org.seedbench.app,bundles/org.seedbench.ui.testsupport,\
bundles/org.seedbench.workload.files,bundles/org.seedbench.staging.local,bundles/org.seedbench.crypto.portable,\
bundles/org.seedbench.cloud.local,bundles/org.seedbench.ui.tests -am \
        -Dtest=ScreenshotsTest -Dsurefire.failIfNoSpecifiedTests=false)
fi
shopt -s nullglob
shots=("$gallery"/*.png)
if [ ${#shots[@]} -eq 0 ]; then
    echo "screenshots: no PNGs in $gallery: run releng/screenshots.sh --run" >&2
    exit 1
fi
mkdir -p "$root/docs/screenshots"
for f in "${shots[@]}"; do
    n=$(basename "$f")
    cp "$f" "$root/docs/screenshots/$n.tmp"
    mv "$root/docs/screenshots/$n.tmp" "$root/docs/screenshots/$n"
done
echo "screenshots: copied ${#shots[@]} screenshots to docs/screenshots/: $(cd "$gallery" && echo *.png)"
