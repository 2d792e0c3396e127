# Issue [1/7] items 3, 4, 6i, 6j (location, tracking number) and 7 (cleanup): the rehearsal clock stays in its job,
# ship refuses what the service would, the simulated datacenter fails a drive whose manifest is damaged.
today=$(date -u +%F)
ship() { "$sb" ship "$1" --carrier FedEx --tracking "$2" --return-recipient 'Safety Test' --return-street1 '1 Main St' --return-city Dublin \
    --return-postal-code 'D02 X285' --return-country IE --return-phone '+353 1 555 0100' --return-email safety@example.com \
    --return-carrier FedEx --return-carrier-account FX-1 "${@:3}"; }
# 6j: an unknown location is refused at init, naming the connector's locations
refused "init --location atlantis" "location 'atlantis': is not a location of the local connector (allowed: " \
    "$sb" init --name clock-x --staging "$work/stage" --storage-account safetyacct --container seed \
    --subscription 00000000-0000-4000-8000-000000000011 --location atlantis --workload "files:$dataset"
# 3: a real job, and a rehearsal beside it whose import job runs a quarter day a second
for j in clock-real clock-reh; do
    opts=()
    [ "$j" = clock-reh ] && opts=(--rehearsal --days-per-second 0.25)
    { init_job "$j" "${opts[@]}" && stage_job "$j" \
        && "$sb" prepare-drives "$j" --yes-format --drive "$(drive "$j" "CLK-$j")" > "$work/prepare-$j.log" 2>&1; } \
        || fail "init, stage and prepare-drives $j: $(tail -2 "$work/prepare-$j.log" 2>/dev/null)"
done
# 6i: a flipped byte in the rehearsal drive's manifest: the simulated datacenter must fail that drive
manifest=$work/drives/clock-reh/CLK-clock-reh/drive-manifest.xml
[ -f "$manifest" ] && python3 -c "import sys; p=sys.argv[1]; b=bytearray(open(p,'rb').read()); b[len(b)//2]^=1; \
open(p,'wb').write(b)" "$manifest" || fail "no manifest at $manifest"
# 4: the ship date defaults to today's real date, whatever the rehearsal's clock says
ship clock-reh 1Z-CLK-R > "$work/ship-reh.log" 2>&1
check "ship defaults to today's real date ($today): $(head -1 "$work/ship-reh.log")" grep -q "shipped $today\." "$work/ship-reh.log"
"$sb" status clock-reh --watch --interval 0.5 --timeout 90 > "$work/watch-reh.log" 2>&1
check "the rehearsal's datacenter days pass on its own clock: $(state clock-reh)" grep -q "Packaging → CompletedWithErrors" "$work/watch-reh.log"
check "the damaged manifest fails the drive: ManifestCorrupted in its error log" grep -q "drive: ManifestCorrupted" "$work/watch-reh.log"
# the real job beside it: its 14 days are real days
"$sb" status clock-real > "$work/status-real.log" 2>&1
check "the real job keeps its 14 days and stays Creating" sh -c "grep -q '14 days left to enter shipping details' \
    '$work/status-real.log' && grep -q Creating '$work/status-real.log'"
# 4: what the service would refuse, one line each, nothing recorded
refused "ship date in 2020" "ship date '2020-01-01': is more than 7 days ago (allowed: a date from" \
    ship clock-real 1Z-CLK-1 --ship-date 2020-01-01
refused "ship date in 2030" "ship date '2030-01-01': is in the future" ship clock-real 1Z-CLK-1 --ship-date 2030-01-01
# 6j: a tracking number holding a newline is refused and never printed raw
refused "tracking number with a newline" "tracking number '1Z-CLK\\nINJECTED': holds a line break" \
    ship clock-real "$(printf '1Z-CLK\nINJECTED')"
# 7: cleanup in Creating says what to do
refused "cleanup in Creating" "first ship the drives and give the shipping details: seedbench ship clock-real" \
    "$sb" cleanup clock-real
# 4: a second package needs --replace, which is recorded in the job's events
check "ship clock-real" sh -c "\"$sb\" ship clock-real --carrier FedEx --tracking 1Z-CLK-1 \
    --return-recipient 'Safety Test' --return-street1 '1 Main St' --return-city Dublin \
    --return-postal-code 'D02 X285' --return-country IE --return-phone '+353 1 555 0100' --return-email safety@example.com \
    --return-carrier FedEx --return-carrier-account FX-1 > /dev/null"
refused "a second package without --replace" "package: job clock-real already has a package: 1 drive (CLK-clock-real) with FedEx, tracking 1Z-CLK-1" \
    ship clock-real 1Z-CLK-2
check "a second package with --replace" sh -c "\"$sb\" ship clock-real --carrier FedEx --tracking 1Z-CLK-2 \
    --return-recipient 'Safety Test' --return-street1 '1 Main St' --return-city Dublin \
    --return-postal-code 'D02 X285' --return-country IE --return-phone '+353 1 555 0100' --return-email safety@example.com \
    --return-carrier FedEx --return-carrier-account FX-1 --replace > /dev/null"
check "the replaced package is in clock-real's events" sh -c "\"$sb\" status clock-real --json | grep -q 'package replaced: was'"
# 3: the compressed clock of earlier versions, hand-written into the settings, is refused with what replaces it
mkdir -p "$SEEDBENCH_DATA/connectors" && printf 'secondsPerDay=1\n' > "$SEEDBENCH_DATA/connectors/local.properties"
refused "secondsPerDay in local.properties" "secondsPerDay: is no longer a setting of the local cloud" \
    "$sb" status clock-real
rm -f "$SEEDBENCH_DATA/connectors/local.properties"
