#!/usr/bin/env bash
# Copies the screenshots the workbench's UI tests took of the real application (bundles/org.seedbench.ui.tests/
# target/screenshots/*.png, written by SeedingFlowTest and InitiateWizardTest) to docs/screenshots/, which the README embeds.
# With --run, runs the UI tests first under Xvfb on a fresh data directory, so the pictures come from this build.
set -euo pipefail
root=$(cd "$(dirname "$0")/.." && pwd)
shots=$root/bundles/org.seedbench.ui.tests/target/screenshots
if [ "${1:-}" = "--run" ]; then
    rm -rf "$root/bundles/org.seedbench.ui.tests/target/data" "$root/bundles/org.seedbench.ui.tests/target/data-flow-"* "$shots"
    . "$root/releng/jdk.sh" || exit 1
    (cd "$root" && JAVA_HOME="$build_jdk" xvfb-run -a ./mvnw -B -q verify -pl bundles/org.seedbench.ui,bundles/org.seedbench.ui.testsupport,\
bundles/org.seedbench.ui.tests,bundles/org.seedbench.app,bundles/org.seedbench.workload.files,\
bundles/org.seedbench.staging.local,bundles/org.seedbench.crypto.portable,bundles/org.seedbench.cloud.local -am)
fi
names=(workbench jobs-view drives-view shipping-view events-view initiate-wizard)
for n in "${names[@]}"; do
    if [ ! -f "$shots/$n.png" ]; then
        echo "ui-screenshots: $shots/$n.png is missing: run the UI tests first (releng/ui-screenshots.sh --run)" >&2
        exit 1
    fi
done
mkdir -p "$root/docs/screenshots"
for n in "${names[@]}"; do
    cp "$shots/$n.png" "$root/docs/screenshots/$n.png.tmp"
    mv "$root/docs/screenshots/$n.png.tmp" "$root/docs/screenshots/$n.png"
done
echo "ui-screenshots: copied ${#names[@]} screenshots to docs/screenshots/"
