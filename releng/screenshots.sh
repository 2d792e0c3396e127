#!/usr/bin/env bash
# Takes the README's pictures on this build. With --run: runs, under Xvfb with a 1600x1000 screen on a fresh data
# directory, the workbench's ScreenshotsTest (jobs in every state, every view the model has, About and Preferences:
# target/screenshots/gallery/) and the UI tests that picture their own step (SeedingFlowTest, InitiateWizardTest,
# TimelineTest, ChartsTest, RestoreBrowserTest: target/screenshots/); then copies the PNGs to docs/screenshots/.
# Without --run it copies what the last test run took. Offline Maven (-o) unless SEEDBENCH_ONLINE=1.
set -euo pipefail
root=$(cd "$(dirname "$0")/.." && pwd)
target=$root/bundles/org.seedbench.ui.tests/target
shots=$target/screenshots
named=(workbench jobs-view drives-view shipping-view events-view initiate-wizard trip charts-stage charts-vault
       restore-browser)
if [ "${1:-}" = "--run" ]; then
    rm -rf "$target/data" "$target/data-flow-"* "$shots"
    . "$root/releng/jdk.sh" || exit 1
    offline=-o
    [ "${SEEDBENCH_ONLINE:-}" = "1" ] && offline=
    (cd "$root" && JAVA_HOME="$build_jdk" xvfb-run -a -s "-screen 0 1600x1000x24" ./mvnw -B $offline -q verify \
        -pl bundles/org.seedbench.ui,bundles/org.seedbench.app,bundles/org.seedbench.ui.testsupport,\
bundles/org.seedbench.workload.files,bundles/org.seedbench.staging.local,bundles/org.seedbench.crypto.portable,\
bundles/org.seedbench.cloud.local,bundles/org.seedbench.ui.tests -am \
        -Dtest='ScreenshotsTest,SeedingFlowTest,InitiateWizardTest,TimelineTest,ChartsTest,RestoreBrowserTest' \
        -Dsurefire.failIfNoSpecifiedTests=false)
fi
shopt -s nullglob
pictures=("$shots"/gallery/*.png)
for n in "${named[@]}"; do
    if [ ! -f "$shots/$n.png" ]; then
        echo "screenshots: $shots/$n.png is missing: run releng/screenshots.sh --run" >&2
        exit 1
    fi
    pictures+=("$shots/$n.png")
done
if [ ! -f "$shots/gallery/window.png" ]; then
    echo "screenshots: no gallery in $shots/gallery: run releng/screenshots.sh --run" >&2
    exit 1
fi
mkdir -p "$root/docs/screenshots"
for f in "${pictures[@]}"; do
    n=$(basename "$f")
    cp "$f" "$root/docs/screenshots/$n.tmp"
    mv "$root/docs/screenshots/$n.tmp" "$root/docs/screenshots/$n"
done
echo "screenshots: copied ${#pictures[@]} pictures to docs/screenshots/"
