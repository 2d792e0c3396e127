# Issue 12, drives: item 1 (another job's drive is never formatted; acceptance 3: it still verifies clean, its
# recovery password unlocks it, neither job's events change), 6e (a damaged staged pack is refused by name),
# 6f (a damaged drive journal is cut and the rerun completes), 6j (drive folders inside staging or a source),
# 6l (only the repository's objects reach a drive), 7 (BitLocker on Linux, plurals).
events_of() { "$sb" status "$1" --json | json 'json.dumps(d.get("events", []), sort_keys=True)'; }
quiet() { "$@" > /dev/null; }
tree_of() { (cd "$1" && find . -type f -printf '%p %s %T@\n' | sort | sha256sum); }

if init_job fs01 && stage_job fs01 && init_job vmsrc2 && stage_job vmsrc2; then
    ok "two jobs staged (fs01, vmsrc2)"
else
    fail "two jobs staged: $(tail -n 2 "$work"/init-*.log "$work"/stage-*.log)"
fi
"$sb" prepare-drives fs01 --yes-format --drive "$(drive fs01 SB-0001)" > "$work/prep-fs01.log" 2>&1
check "fs01 prepared onto SB-0001, import job created (Creating)" [ "$(state fs01)" = Creating ]
grep -q "1 drives" "$work/prep-fs01.log" && fail "prepare-drives says '1 drives'" || ok "no '1 drives' in prepare-drives' output"

fs01_drive=$work/drives/fs01/SB-0001
fs01_tree=$(tree_of "$fs01_drive")
fs01_events=$(events_of fs01)
vmsrc2_events=$(events_of vmsrc2)
refused "another job's drive by its serial, with --yes-format" "holds the seed of job fs01 (Creating)" \
    "$sb" prepare-drives vmsrc2 --yes-format --drive "dir:$fs01_drive,capacity=1G,serial=SB-0001"
refused "another job's drive by its volume header (another serial), --reuse-drive-of fs01 while it is Creating" \
    "holds the seed of job fs01 (Creating)" "$sb" prepare-drives vmsrc2 --yes-format --reuse-drive-of fs01 \
    --drive "dir:$fs01_drive,capacity=1G,serial=SB-0077"
check "nothing on fs01's drive changed" [ "$(tree_of "$fs01_drive")" = "$fs01_tree" ]
check "fs01's drive verifies clean (verify-drive fs01 SB-0001)" quiet "$sb" verify-drive fs01 SB-0001
sed -n 's/^SB-0001\.password=//p' "$SEEDBENCH_DATA/drives/fs01/drive-keys.properties" > "$work/fs01-recovery.txt"
check "fs01's recovery password still unlocks SB-0001" \
    quiet "$sb" verify-drive fs01 SB-0001 --recovery-password-file "$work/fs01-recovery.txt"
check "fs01's events unchanged" [ "$(events_of fs01)" = "$fs01_events" ]
check "vmsrc2's events unchanged (still Staged)" [ "$(events_of vmsrc2)" = "$vmsrc2_events" ]
"$sb" drives > "$work/drives.txt" 2>&1
check "drives has a JOB column and lists SB-0001 once, under fs01" \
    sh -c "head -n 1 '$work/drives.txt' | grep -q '^JOB ' && [ \$(grep -c SB-0001 '$work/drives.txt') -eq 1 ] \
        && grep -q '^fs01 .*SB-0001' '$work/drives.txt'"

refused "a drive folder inside the staging location" "is inside the staging location of job" \
    "$sb" prepare-drives vmsrc2 --yes-format --drive "dir:$work/stage/drive-in-staging,capacity=1G,serial=SB-0100"
check "  ... and that folder was not created" [ ! -e "$work/stage/drive-in-staging" ]
refused "a drive folder inside a source" "is inside a source of job" \
    "$sb" prepare-drives vmsrc2 --yes-format --drive "dir:$dataset/drive-in-source,capacity=1G,serial=SB-0101"
check "  ... and that folder was not created" [ ! -e "$dataset/drive-in-source" ]
refused "--encryptor bitlocker on Linux" "BitLocker drives are prepared on Windows (manage-bde)" \
    "$sb" prepare-drives vmsrc2 --yes-format --encryptor bitlocker --drive "$(drive vmsrc2 SB-0200)"

# plaintext beside the repository (as a restore into staging would leave it) never reaches a drive
mkdir -p "$work/stage/vmsrc2/restored"
find "$dataset" -type f | head -n 5 | xargs -I{} cp {} "$work/stage/vmsrc2/restored/"
# a staged pack damaged after staging is refused by name, and nothing of it is finished on the drive
pack=$(find "$work/stage/vmsrc2/packs" -type f ! -name '.*' | sort | head -n 1)
cp "$pack" "$work/pack.orig"
python3 -c "import sys; f=open(sys.argv[1],'r+b'); f.seek(1000); b=f.read(1); f.seek(1000); f.write(bytes([b[0]^1]))" "$pack"
"$sb" prepare-drives vmsrc2 --yes-format --drive "$(drive vmsrc2 SB-0200)" > "$work/prep-damaged.out" 2> "$work/prep-damaged.err"
code=$?
if [ "$code" -eq 1 ] && grep -qF "staged pack packs/${pack##*/packs/} is damaged" "$work/prep-damaged.err"; then
    ok "a damaged staged pack is refused by name: exit 1, $(cat "$work/prep-damaged.err")"
else
    fail "a damaged staged pack: exit $code, $(head -c 600 "$work/prep-damaged.err")"
fi
check "  ... and it is not on the drive" [ -z "$(find "$work/drives/vmsrc2/SB-0200" -name "$(basename "$pack")")" ]
cp "$work/pack.orig" "$pack"
# the drive's journal damaged (a flipped byte in its header, a torn record at its end): the rerun completes
journal=$SEEDBENCH_DATA/drives/vmsrc2/SB-0200.journal
check "the cut run left its journal" [ -f "$journal" ]
sed -i 's/^assigned /assignud /' "$journal" && printf 'block 0 9 zz' >> "$journal"
"$sb" prepare-drives vmsrc2 --yes-format --drive "$(drive vmsrc2 SB-0200)" > "$work/prep-vmsrc2.log" 2>&1
code=$?
check "with a damaged journal, the rerun completes (exit $code: $(tail -n 1 "$work/prep-vmsrc2.log"))" [ "$code" -eq 0 ]
check "  ... its damaged journal was set aside" [ -f "$SEEDBENCH_DATA/drives/vmsrc2/.SB-0200.journal.damaged" ]
check "vmsrc2's drive verifies clean" quiet "$sb" verify-drive vmsrc2 SB-0200
check "no restored plaintext on vmsrc2's drive" [ -z "$(find "$work/drives/vmsrc2/SB-0200" -path '*restored*')" ]
