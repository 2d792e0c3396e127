# The repository, restore and verify: 6c (a lost data pack costs exactly its files), 6g (a damaged key or config
# file is named), 6h (a killed restore leaves no temporary file once rerun), 6j/6l (bad restore input and a
# restore target inside the seed: exit 3, one line, nothing written), 7 (progress units, --json reaches 100 %).
# a dataset of its own, large enough for several data packs (64 MiB each)
repo_job=repo1
repo_data=$work/dataset-repo
"$sb" generate-dataset "$repo_data" --size "${SAFETY_REPO_SIZE:-160M}" --seed 30 > /dev/null \
    || fail "generate the repository part's dataset"
"$sb" init --name "$repo_job" --staging "$work/stage" --storage-account safetyacct --container seed \
    --subscription 00000000-0000-4000-8000-000000000011 --location westeurope --workload "files:$repo_data" \
    > "$work/init-$repo_job.log" 2>&1 && stage_job "$repo_job" \
    || fail "init and stage $repo_job: $(tail -n 2 "$work/init-$repo_job.log" "$work/stage-$repo_job.log")"
repo_dir=$work/stage/$repo_job
total_files=$(find "$repo_data" -type f | wc -l)

# 6c: trees in packs of their own; one lost data pack costs exactly the files it holds, named by verify and restore
[ -n "$(find "$repo_dir/treepacks" -type f 2>/dev/null)" ] && ok "6c: the trees are in tree packs ($(find "$repo_dir/treepacks" -type f | wc -l))" \
    || fail "6c: no treepacks/ in $repo_dir"
lost_pack=$(find "$repo_dir/packs" -type f | sort | sed -n 2p)
mv "$lost_pack" "$work/lost-pack"
"$sb" verify "$repo_job" > "$work/verify-lost.out" 2>&1
code=$?
lost=$(grep -c '^  affects ' "$work/verify-lost.out")
"$sb" restore "$repo_job" --target "$work/restored-lost" > "$work/restore-lost.out" 2> "$work/restore-lost.err"
rcode=$?
restored=$(find "$work/restored-lost" -type f | wc -l)
named=$(grep -c '^seedbench restore: could not restore ' "$work/restore-lost.err")
if [ "$code" -eq 1 ] && [ "$lost" -ge 1 ] && [ "$lost" -lt "$total_files" ] && [ "$rcode" -eq 1 ] \
    && [ "$named" -eq "$lost" ] && [ "$restored" -eq $((total_files - lost)) ]; then
    ok "6c: a lost data pack: verify names its $lost files (exit 1), restore restores the other $restored of $total_files and names the $named it could not (exit 1)"
else
    fail "6c: verify exit $code naming $lost files, restore exit $rcode restored $restored of $total_files, named $named: $(head -c 300 "$work/restore-lost.err")"
fi
mv "$work/lost-pack" "$lost_pack"

# 6g: a flipped byte in the key file or in the config is named, never "wrong passphrase", never "Clean"
damaged() { # description, file, sed expression flipping one character
    local what=$1 file=$2 expr=$3 code
    cp "$file" "$work/pristine"
    sed -i "$expr" "$file"
    "$sb" verify "$repo_job" > "$work/damaged.out" 2> "$work/damaged.err"
    code=$?
    if [ "$code" -eq 1 ] && [ "$(grep -c . "$work/damaged.err")" -eq 1 ] && grep -qF "$file" "$work/damaged.err" \
        && grep -q damaged "$work/damaged.err"; then
        ok "6g: $what: exit 1, $(cat "$work/damaged.err")"
    else
        fail "6g: $what: exit $code, $(cat "$work/damaged.out" "$work/damaged.err" | head -c 400)"
    fi
    cp "$work/pristine" "$file"
}
key_file=$(find "$repo_dir/keys" -type f | head -n 1)
damaged "a flipped byte in the key file's date" "$key_file" '0,/"created" : "20/s//"created" : "21/'
damaged "a flipped byte in the config's pack size" "$repo_dir/config" 's/"packSize" : 6/"packSize" : 7/'
"$sb" verify "$repo_job" > "$work/verify-again.out" 2>&1 && grep -q '^Clean: ' "$work/verify-again.out" \
    && ok "6g: the repaired files verify clean again" || fail "6g: after repair: $(head -c 300 "$work/verify-again.out")"

# 6h: a restore killed while it writes, then run again: complete, and no temporary file left
target=$work/restored-killed
"$sb" restore "$repo_job" --target "$target" > /dev/null 2>&1 &
launcher=$!
for ((i = 0; i < 300; i++)); do
    java=$(pgrep -P "$launcher" java)
    [ -n "$java" ] && [ -n "$(find "$target" -type f 2>/dev/null | head -n 1)" ] && break
    kill -0 "$launcher" 2>/dev/null || break
    sleep 0.05
done
java=$(pgrep -P "$launcher" java)
[ -n "$java" ] && kill -9 "$java"
wait "$launcher" 2>/dev/null
mkdir -p "$target"
echo "what a restore killed while writing leaves" > "$target/.seedbench-restore-00000000deadbeef"
"$sb" restore "$repo_job" --target "$target" > "$work/rerun.out" 2>&1
code=$?
left=$(find "$target" -name '.seedbench-restore-*' | wc -l)
if { [ "$code" -eq 0 ] || [ "$code" -eq 4 ]; } && [ "$left" -eq 0 ] && diff -r "$repo_data" "$target" > /dev/null; then
    ok "6h: a restore ${java:+killed (kill -9) and }rerun (exit $code) is complete and leaves no temporary file"
else
    fail "6h: rerun exit $code, $left temporary files left, $(diff -rq "$repo_data" "$target" | head -n 3)"
fi

# 6j/6l: bad restore input: exit 3, one line, nothing written
refused "6l: restore into the staged repository" "target" \
    "$sb" restore "$repo_job" --target "$repo_dir/restored"
[ -e "$repo_dir/restored" ] && fail "6l: $repo_dir/restored was created" || ok "6l: nothing written into the repository"
refused "6l: restore into the staging location" "staging location" \
    "$sb" restore "$repo_job" --target "$work/stage/restored"
refused "6j: restore --snapshot deadbeef" "snapshot 'deadbeef'" \
    "$sb" restore "$repo_job" --snapshot deadbeef --target "$work/restored-bad"
refused "6j: restore --include '[unclosed'" "include '[unclosed'" \
    "$sb" restore "$repo_job" --include '[unclosed' --target "$work/restored-bad"
[ -e "$work/restored-bad" ] && fail "6j: $work/restored-bad was created" || ok "6j: nothing written by the refused restores"

# 7: --json progress ends at 100 % before done; counts are items, not bytes
"$sb" restore "$repo_job" --target "$work/restored-json" --json > "$work/restore.json" 2> /dev/null
python3 - "$work/restore.json" <<'PY' && ok "7: restore --json: the last progress event is 100 %, then done" \
    || fail "7: restore --json: $(tail -n 2 "$work/restore.json" | head -c 400)"
import json, sys
events = [json.loads(l) for l in open(sys.argv[1]) if l.strip()]
progress = [e for e in events if e["event"] == "progress"]
assert events[-1]["event"] == "done", events[-1]
assert progress and progress[-1]["percent"] == 100 and progress[-1]["unit"] == "bytes", progress[-1:]
PY
"$sb" verify "$repo_job" --json > "$work/verify.json" 2> /dev/null
python3 - "$work/verify.json" <<'PY' && ok "7: verify --json counts packs as items and ends at 100 %" \
    || fail "7: verify --json: $(head -c 400 "$work/verify.json")"
import json, sys
progress = [json.loads(l) for l in open(sys.argv[1]) if '"progress"' in l]
assert progress and progress[-1]["unit"] == "items" and progress[-1]["percent"] == 100, progress
PY
